import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/agent.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ChatSession } from '../../components/chat-session/chat-session.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentToken, customerGoes, customerJoins, deepText, testRelay, until } from './relay.js';

// <chat-session> inside <chat-connection> against the real relay: one tab per conversation.
// Presence is asserted as booleans: a failing assertion on an element makes the runner serialise
// the element and stall until its 120 s limit instead of reporting the failure.

const queue = 'asiakaspalvelu';
const customers: TiskiClient[] = [];
const agents: TiskiClient[] = [];

async function desk(name: string) {
  const token = await agentToken(name);
  const connection = await fixture<ChatConnection>(
    html`<chat-connection url=${testRelay.ws} token=${token}><chat-session></chat-session></chat-connection>`,
  );
  const session = connection.querySelector('chat-session') as ChatSession;
  await until(() => connection.client?.status === 'open', 'the connection');
  const agent = connection.client!;
  agents.push(agent);
  await agent.send({ type: 'sign-in', queues: [queue] });
  const root = session.shadowRoot!;
  return {
    session,
    agent,
    text: () => deepText(root).replace(/\s+/g, ' '),
    $: (selector: string) => root.querySelector<HTMLElement>(selector),
    tabs: () => [...root.querySelectorAll<HTMLElement>('[role=tab]')],
    tab: (name: string) => [...root.querySelectorAll<HTMLElement>('[role=tab]')].find((t) => t.textContent!.includes(name)),
    selected: () => tabName(root.querySelector<HTMLElement>('[role=tab][aria-selected=true]')),
    focused: () => tabName(root.activeElement),
  };
}
/** A tab's name, without its unread badge. */
const tabName = (tab: Element | null) =>
  tab?.getAttribute('role') === 'tab'
    ? [...tab.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim()
    : undefined;

type Desk = Awaited<ReturnType<typeof desk>>;

/** A customer joins and the agent picks exactly them; the session shows the conversation. */
async function talkTo(d: Desk, name: string) {
  const customer = await customerJoins(queue, name);
  customers.push(customer);
  const { conversation } = await d.agent.send({ type: 'pick', queue, customer: customer.self!.id });
  await until(() => !!d.tab(name), `the tab of ${name}`);
  return { customer, conversation: conversation! };
}

const say = (customer: TiskiClient, conversation: string, text: string) => customer.send({ type: 'send', conversation, text });

describe('agent conversations (chat-session tabs)', () => {
  afterEach(async () => {
    for (const c of customers.splice(0)) await customerGoes(c);
    for (const a of agents.splice(0)) await agentGoes(a);
  });

  describe('tabs', () => {
    it('shows one tab per conversation by customer name, the newest live one selected', async () => {
      const d = await desk('Tabby Tuula');
      await talkTo(d, 'Tab Tiina');
      expect(d.selected()).to.equal('Tab Tiina');
      const started = oneEvent(d.session, 'chat-conversation-start');
      await talkTo(d, 'Tab Toivo');
      expect((await started).detail.customer.name).to.equal('Tab Toivo');

      expect(d.tabs().map(tabName)).to.deep.equal(['Tab Tiina', 'Tab Toivo']);
      await until(() => d.selected() === 'Tab Toivo', 'the newest selected');
      const toivo = d.tab('Tab Toivo')!;
      expect(toivo.getAttribute('part')).to.equal('tab tab-selected');
      expect(toivo.tabIndex).to.equal(0);
      expect(d.tab('Tab Tiina')!.getAttribute('part')).to.equal('tab');
      expect(d.tab('Tab Tiina')!.tabIndex).to.equal(-1);
      expect(d.$('[role=tablist]')!.getAttribute('aria-label')).to.equal('Conversations');
      expect(d.$('[role=tabpanel]')!.getAttribute('aria-labelledby')).to.equal(toivo.id);
      expect(d.$('h2')!.textContent).to.equal('Tab Toivo');
      await expect(d.session).to.be.accessible();
    });

    it('counts unread customer messages on another tab, and clears them when it is selected', async () => {
      const d = await desk('Unread Ulla');
      const tiina = await talkTo(d, 'Unread Tiina');
      const toivo = await talkTo(d, 'Unread Toivo');
      await until(() => d.selected() === 'Unread Toivo', 'the newest selected');

      await say(tiina.customer, tiina.conversation, 'Are you there?');
      await say(tiina.customer, tiina.conversation, 'Hello?');
      await until(() => d.tab('Unread Tiina')!.querySelector('[part=unread-badge]')?.textContent === '2', 'two unread');
      expect(d.tab('Unread Tiina')!.querySelector('[part=unread-badge]')!.getAttribute('aria-label')).to.equal('2 unread messages');
      await d.agent.send({ type: 'send', conversation: tiina.conversation, text: 'From another window' });
      await say(toivo.customer, toivo.conversation, 'I am here, in view');
      await until(() => d.text().includes('I am here, in view'), 'the message in the selected tab');
      expect(!!d.tab('Unread Toivo')!.querySelector('[part=unread-badge]'), 'nothing unread in the tab in view').to.equal(false);
      expect(d.tab('Unread Tiina')!.querySelector('[part=unread-badge]')!.textContent, "the agent's own message is not unread").to.equal('2');
      await expect(d.session).to.be.accessible();

      d.tab('Unread Tiina')!.click();
      await until(() => d.selected() === 'Unread Tiina', 'Tiina selected');
      expect(!!d.tab('Unread Tiina')!.querySelector('[part=unread-badge]')).to.equal(false);
      expect(d.text()).to.contain('Are you there?').and.contain('Hello?');

      await say(toivo.customer, toivo.conversation, 'Still here');
      await until(() => d.tab('Unread Toivo')!.querySelector('[part=unread-badge]')?.textContent === '1', 'one unread on Toivo');
      expect(d.tab('Unread Toivo')!.querySelector('[part=unread-badge]')!.getAttribute('aria-label')).to.equal('1 unread message');
    });

    it('moves the selection and the focus with ArrowRight, ArrowLeft, Home and End', async () => {
      const d = await desk('Keyboard Kaisa');
      await talkTo(d, 'Key Aapo');
      await talkTo(d, 'Key Bea');
      await talkTo(d, 'Key Cilla');
      await until(() => d.selected() === 'Key Cilla', 'the newest selected');
      d.tab('Key Cilla')!.focus();
      const press = async (key: string, expected: string) => {
        await sendKeys({ press: key });
        await until(() => d.selected() === expected && d.focused() === expected, `${key} to ${expected}`, 1000).catch(() => {
          throw new Error(`${key}: expected ${expected} selected and focused, got ${d.selected()} selected and ${d.focused()} focused`);
        });
        expect(d.$('h2')!.textContent).to.equal(expected);
      };
      await press('ArrowLeft', 'Key Bea');
      await press('ArrowLeft', 'Key Aapo');
      await press('ArrowLeft', 'Key Cilla'); // wraps
      await press('ArrowRight', 'Key Aapo'); // wraps back
      await press('ArrowRight', 'Key Bea');
      await press('End', 'Key Cilla');
      await press('Home', 'Key Aapo');
      expect(d.tabs().map((t) => t.tabIndex)).to.deep.equal([0, -1, -1]);
    });
  });

  describe('a live conversation', () => {
    it('shows how long ago it was accepted', async () => {
      const d = await desk('Timer Tarja');
      await talkTo(d, 'Timed Teemu');
      expect(d.$('[part=timer]')!.textContent).to.match(/^accepted 0:0\d ago$/);
      d.agent.clockOffset += 65_000;
      d.session.requestUpdate();
      await d.session.updateComplete;
      expect(d.$('[part=timer]')!.textContent, 'by the relay clock').to.match(/^accepted 1:0\d ago$/);
      d.agent.clockOffset -= 65_000;
    });

    it('releases the customer to the front of the queue', async () => {
      const d = await desk('Releasing Reetta');
      const { customer } = await talkTo(d, 'Released Rasmus');
      customers.push(await customerJoins(queue, 'Waiting Wilma'));
      await until(() => customers[1]!.waiting !== undefined, 'Wilma waiting');

      const ended = oneEvent(d.session, 'chat-conversation-end');
      d.$('[part=release-button]')!.click();
      expect((await ended).detail.reason).to.equal('released');
      await until(() => customer.waiting?.position === 1, 'Rasmus first in line again');
      expect(customer.waiting!.queue).to.equal(queue);
      await until(() => customers[1]!.waiting?.position === 2, 'Wilma behind him');
      await until(() => d.text().includes('You released the customer back to the queue.'), 'the release notice');
      expect(!!d.$('[part=release-button]')).to.equal(false);
      expect(!!d.$('[part=end-button]')).to.equal(false);
      expect(!!d.$('[part=timer]')).to.equal(false);
      expect((d.$('chat-composer') as HTMLElement & { disabled: boolean }).disabled).to.equal(true);
      expect(!!d.$('[part=close-tab-button]'), 'the tab can still be closed').to.equal(true);
    });
  });

  describe('closing a tab', () => {
    it('asks first while the conversation goes on; Cancel keeps it, confirming ends it and closes the tab', async () => {
      const d = await desk('Closing Kirsi');
      const other = await talkTo(d, 'Other Olavi');
      const { customer, conversation } = await talkTo(d, 'Closing Caius');
      await until(() => d.selected() === 'Closing Caius', 'Caius selected');

      d.$('[part=close-tab-button]')!.click();
      await d.session.updateComplete;
      expect(d.text()).to.contain('still going on');
      expect(!!d.$('[part=close-tab-button]')).to.equal(false);
      await expect(d.session).to.be.accessible();
      [...d.session.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
      await d.session.updateComplete;
      expect(d.text()).to.not.contain('still going on');
      expect(d.tabs().length).to.equal(2);
      expect(!!d.$('[part=end-button]'), 'the conversation goes on').to.equal(true);
      expect(customer.conversations.get(conversation)!.ended).to.equal(undefined);

      d.$('[part=close-tab-button]')!.click();
      await d.session.updateComplete;
      const endedEvent = oneEvent(d.session, 'chat-conversation-end');
      d.$('[part=confirm-close-button]')!.click();
      await until(() => !!customer.conversations.get(conversation)!.ended, 'conversation-ended at the customer');
      expect(customer.conversations.get(conversation)!.ended!.reason).to.equal('agent-ended');
      expect((await endedEvent).detail.conversation).to.equal(conversation);
      expect(d.tabs().map(tabName)).to.deep.equal(['Other Olavi']);
      expect(d.selected()).to.equal('Other Olavi');
      expect(other.customer.conversations.get(other.conversation)!.ended, 'the other conversation goes on').to.equal(undefined);
    });

    it('does not carry a pending confirmation over to a conversation that arrives meanwhile', async () => {
      const d = await desk('Careful Carita');
      const first = await talkTo(d, 'First Fanni');
      d.$('[part=close-tab-button]')!.click();
      await d.session.updateComplete;
      expect(d.text()).to.contain('still going on');

      const second = await talkTo(d, 'Second Sulo');
      await until(() => d.selected() === 'Second Sulo', 'the new conversation selected');
      await d.session.updateComplete;
      const confirm = d.$('[part=confirm-close-button]');
      if (confirm) confirm.click(); // what a hurried agent would do, were the question still shown
      await d.agent.send({ type: 'send', conversation: second.conversation, text: 'Still with you' });
      expect(second.customer.conversations.get(second.conversation)?.ended, 'the new conversation goes on').to.equal(undefined);
      expect(d.text()).to.not.contain('still going on');
      expect(!!d.$('[part=end-button]')).to.equal(true);
      expect(first.customer.conversations.get(first.conversation)!.ended).to.equal(undefined);
    });

    it('closes the tab of an ended conversation without asking', async () => {
      const d = await desk('Tidy Tiia');
      const { customer, conversation } = await talkTo(d, 'Gone Gunnar');
      await customer.send({ type: 'end', conversation });
      await until(() => d.text().includes('The customer ended the conversation.'), 'the end notice');
      d.$('[part=close-tab-button]')!.click();
      await d.session.updateComplete;
      expect(d.text()).to.not.contain('still going on');
      expect(d.tabs().length).to.equal(0);
      expect(d.text()).to.contain('No conversation open');
    });
  });
});
