import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/agent.js';
import type { AgentQueueBar } from '../../components/agent-queue-bar/agent-queue-bar.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentToken, customerJoins, deepText, testRelay, until } from './relay.js';

async function desk(name: string, queues = '*') {
  const token = await agentToken(name, queues);
  const connection = await fixture<ChatConnection>(
    html`<chat-connection url=${testRelay.ws} token=${token}><agent-queue-bar></agent-queue-bar></chat-connection>`,
  );
  const bar = connection.querySelector('agent-queue-bar') as AgentQueueBar;
  const text = () => deepText(bar.shadowRoot!).replace(/\s+/g, ' ');
  const $ = (selector: string) => bar.shadowRoot!.querySelector(selector) as HTMLElement | null;
  await until(() => !!$('[part=sign-in-form]'), 'the sign-in form');
  return { connection, bar, text, $, client: connection.client! };
}

async function signIn(d: Awaited<ReturnType<typeof desk>>, queue: string) {
  const box = d.bar.shadowRoot!.querySelector(`input[value=${queue}]`) as HTMLInputElement;
  box.click();
  await d.bar.updateComplete;
  const changed = oneEvent(d.bar, 'chat-presence-change');
  (d.bar.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
  expect((await changed).detail).to.deep.equal({ signedIn: true, presence: 'available', queues: [queue] });
  await until(() => !!d.$('[part~=queue]'), 'the served queue');
}

describe('agent-queue-bar', () => {
  const customers: TiskiClient[] = [];
  afterEach(() => customers.splice(0).forEach((c) => c.close()));

  describe('signed out', () => {
    it('without a connection says the agent is signed out', async () => {
      const bar = await fixture<AgentQueueBar>(html`<agent-queue-bar></agent-queue-bar>`);
      expect(bar.shadowRoot!.textContent).to.contain('You are signed out');
      await expect(bar).to.be.accessible();
    });

    it('shows the red offline notice and only the queues the token allows', async () => {
      const d = await desk('Olga', 'support-en,kundtjanst');
      expect(d.$('[part=offline-notice]')!.textContent).to.contain('signed out');
      const queues = [...d.bar.shadowRoot!.querySelectorAll('input[type=checkbox]')].map((b) => (b as HTMLInputElement).value);
      expect(queues).to.deep.equal(['support-en', 'kundtjanst']);
      await expect(d.bar).to.be.accessible();
    });
  });

  describe('serving', () => {
    it('lists waiting customers with their wait and a badge, and picks one', async () => {
      const d = await desk('Pia');
      await signIn(d, 'support-en');
      expect(d.text()).to.contain('Nobody is waiting.');
      expect(d.$('[part=badge]')!.textContent).to.equal('0');
      const customer = await customerJoins('support-en', 'Queue Quentin');
      customers.push(customer);
      await until(() => d.text().includes('Queue Quentin'), 'the waiting customer');
      expect(d.$('[part=badge]')!.textContent).to.equal('1');
      expect(d.$('[part~=queue]')!.getAttribute('part')).to.equal('queue queue-waiting');
      expect(d.$('[part=queue-state]')!.textContent).to.contain('Customers waiting');
      expect(d.$('[part=longest-wait]')!.textContent).to.match(/^longest wait 0:0\d$/);
      await expect(d.bar).to.be.accessible();

      (d.bar.shadowRoot!.querySelector('button[aria-label="Pick Queue Quentin"]') as HTMLButtonElement).click();
      await until(() => customer.conversations.all().length === 1, 'the customer to be picked');
      await until(() => d.text().includes('Nobody is waiting.'), 'the queue to empty');
    });

    it('shows ∞ once the first customer has waited an hour, by the relay clock', async () => {
      const d = await desk('Ilkka');
      await signIn(d, 'asiakaspalvelu');
      const customer = await customerJoins('asiakaspalvelu', 'Patient Paula');
      customers.push(customer);
      await until(() => d.text().includes('Patient Paula'), 'the waiting customer');
      d.client.clockOffset += 3600_000;
      d.bar.requestUpdate();
      await d.bar.updateComplete;
      expect(d.$('[part=longest-wait]')!.textContent).to.equal('longest wait ∞');
      await customer.send({ type: 'leave' });
    });

    it('refuses sign-out with the reason while a conversation is active', async () => {
      const d = await desk('Sten');
      await signIn(d, 'kundtjanst');
      const customer = await customerJoins('kundtjanst', 'Busy Bo');
      customers.push(customer);
      await until(() => d.text().includes('Busy Bo'), 'the waiting customer');
      await d.client.send({ type: 'pick', queue: 'kundtjanst' });
      (d.bar.shadowRoot!.querySelector('[part=sign-out-button]') as HTMLButtonElement).click();
      await until(() => !!d.$('[role=alert]'), 'the refusal');
      expect(d.$('[role=alert]')!.textContent).to.contain('active conversation');
      expect(d.client.signedIn).to.equal(true);
    });
  });
});
