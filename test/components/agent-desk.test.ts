import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/agent.js';
import type { AgentQueueBar } from '../../components/agent-queue-bar/agent-queue-bar.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import type { Presence } from '../../protocol/common.js';
import { agentGoes, agentToken, customerGoes, customerJoins, customerJoinsSaying, deepText, pause, testRelay, until } from './relay.js';

// The agent's desk as <agent-queue-bar> inside <chat-connection>, against the real relay.
// 'offer-test' offers each customer to the available agent for 5 s; 'alert-test' alerts after 1 s.
// Presence is asserted as booleans: a failing assertion on an element makes the runner serialise
// the element and stall until its 120 s limit instead of reporting the failure.

interface Desk {
  connection: ChatConnection;
  bar: AgentQueueBar;
  client: TiskiClient;
  text: () => string;
  $: (selector: string) => HTMLElement | null;
  $$: (selector: string) => HTMLElement[];
}

const desks: Desk[] = [];
const customers: TiskiClient[] = [];

async function desk(name: string, options: { maskPii?: boolean; titleBadge?: boolean } = {}): Promise<Desk> {
  const token = await agentToken(name);
  const connection = await fixture<ChatConnection>(html`<chat-connection url=${testRelay.ws} token=${token}>
    <agent-queue-bar ?mask-pii=${!!options.maskPii} ?title-badge=${!!options.titleBadge}></agent-queue-bar>
  </chat-connection>`);
  const bar = connection.querySelector('agent-queue-bar') as AgentQueueBar;
  const d: Desk = {
    connection,
    bar,
    client: undefined as unknown as TiskiClient,
    text: () => deepText(bar.shadowRoot!).replace(/\s+/g, ' '),
    $: (selector) => bar.shadowRoot!.querySelector(selector),
    $$: (selector) => [...bar.shadowRoot!.querySelectorAll<HTMLElement>(selector)],
  };
  await until(() => !!d.$('[part=sign-in-form]'), 'the sign-in form');
  d.client = connection.client!;
  desks.push(d);
  return d;
}

/** Signs in through the form, as the agent would, and returns the event's detail. */
async function signIn(d: Desk, queues: string[]) {
  for (const queue of queues) (d.$(`input[value="${queue}"]`) as HTMLInputElement).click();
  await d.bar.updateComplete;
  const changed = oneEvent(d.bar, 'chat-presence-change');
  (d.$('button[type=submit]') as HTMLButtonElement).click();
  const { detail } = await changed;
  await until(() => d.$$('[part~=queue]').length === queues.length, 'the served queues');
  return detail;
}

/** Chooses a presence in the select, as the agent would, and returns the event's detail. */
async function choosePresence(d: Desk, presence: 'available' | 'away') {
  const select = d.$('[part=presence]') as HTMLSelectElement;
  select.value = presence;
  const changed = oneEvent(d.bar, 'chat-presence-change');
  select.dispatchEvent(new Event('change'));
  const { detail } = await changed;
  await until(() => d.client.presence === presence, `presence ${presence}`);
  await d.bar.updateComplete;
  return detail;
}

async function joins(queue: string, name: string, message?: string) {
  const customer = message ? await customerJoinsSaying(queue, name, message) : await customerJoins(queue, name);
  customers.push(customer);
  return customer;
}

/** Leftover customers of other test files go after the relay's 5 s grace period. */
const emptyQueue = (d: Desk, queue: string) =>
  until(() => d.client.queueSnapshots.get(queue)?.waiting.length === 0, `nobody waiting in ${queue}`, 7000);

const presenceShown = (d: Desk) => (d.$('[part=presence]') as HTMLSelectElement).value as Presence;

describe('agent desk (agent-queue-bar)', () => {
  afterEach(async () => {
    for (const c of customers.splice(0)) await customerGoes(c);
    for (const d of desks.splice(0)) await agentGoes(d.client);
  });

  describe('presence', () => {
    it('tells the page the agent chose Away or Available, and gives away agents no offers', async () => {
      const d = await desk('Presence Pirjo');
      expect(await signIn(d, ['offer-test'])).to.deep.equal({ signedIn: true, presence: 'available', queues: ['offer-test'] });
      expect(presenceShown(d)).to.equal('available');

      expect(await choosePresence(d, 'away')).to.deep.equal({ signedIn: true, presence: 'away', queues: ['offer-test'] });
      expect(presenceShown(d)).to.equal('away');
      await joins('offer-test', 'Unoffered Urho', 'Anyone there?');
      await until(() => d.text().includes('Unoffered Urho'), 'the waiting customer');
      await pause(1300); // the relay routes offers on every command and once a second
      expect(d.client.offers.size, 'offers to an away agent').to.equal(0);
      expect(!!d.$('[part=offer]')).to.equal(false);
      expect(d.client.queueSnapshots.get('offer-test')!.waiting[0]!.offeredTo).to.equal(undefined);

      expect(await choosePresence(d, 'available')).to.deep.equal({ signedIn: true, presence: 'available', queues: ['offer-test'] });
      await until(() => !!d.$('[part=offer]'), 'the offer once available');
      expect(d.$('[part=offer]')!.textContent).to.contain('Unoffered Urho');
    });

    it('after a missed offer shows the no-answer notice until the agent chooses Available', async function () {
      this.timeout(15000);
      const d = await desk('Missing Mikko');
      await signIn(d, ['offer-test']);
      await joins('offer-test', 'Ignored Iida', 'Hello?');
      await until(() => !!d.$('[part=offer]'), 'the offer');
      expect(!!d.$('[part=no-answer-notice]')).to.equal(false);

      await until(() => !!d.$('[part=no-answer-notice]'), 'the no-answer notice', 8000);
      expect(d.$('[part=no-answer-notice]')!.textContent).to.equal('You missed an offer. Choose Available to receive customers again.');
      expect(d.$('[part=no-answer-notice]')!.getAttribute('role')).to.equal('alert');
      expect(!!d.$('[part=offer]'), 'the missed offer is gone').to.equal(false);
      expect(presenceShown(d)).to.equal('no-answer');
      expect(d.$('[part=presence] option:checked')!.textContent).to.equal('No answer');
      expect(d.client.queueSnapshots.get('offer-test')!.waiting[0]!.name, 'the customer keeps the front of the line').to.equal('Ignored Iida');

      await pause(1200);
      expect(!!d.$('[part=no-answer-notice]'), 'the notice stays by itself').to.equal(true);
      await expect(d.bar).to.be.accessible();

      expect(await choosePresence(d, 'available')).to.deep.equal({ signedIn: true, presence: 'available', queues: ['offer-test'] });
      expect(!!d.$('[part=no-answer-notice]')).to.equal(false);
      expect(!!d.$('[part=presence] option[value=no-answer]'), 'no-answer is no longer a choice shown').to.equal(false);
    });
  });

  describe('queues', () => {
    it('shows Open, Customers waiting and Closed in colour, words and an icon', async () => {
      const d = await desk('State Saara');
      await signIn(d, ['asiakaspalvelu']);
      await emptyQueue(d, 'asiakaspalvelu');
      const card = () => d.$('[part~=queue]')!;
      const state = () => d.$('[part=queue-state]')!;
      const look = () => ({
        part: card().getAttribute('part'),
        words: state().textContent!.replace(/\s+/g, ' ').trim(),
        colour: getComputedStyle(state()).color,
      });
      expect(look()).to.deep.equal({ part: 'queue queue-open', words: '● Open', colour: 'rgb(26, 127, 55)' });
      expect(state().querySelector('[aria-hidden=true]')!.textContent, 'the icon is not read out').to.equal('●');
      await expect(d.bar).to.be.accessible();

      await joins('asiakaspalvelu', 'Coloured Cecilia');
      await until(() => card().getAttribute('part') === 'queue queue-waiting', 'the waiting state');
      expect(look()).to.deep.equal({ part: 'queue queue-waiting', words: '◆ Customers waiting', colour: 'rgb(9, 105, 218)' });

      // No token here may close a queue (see below), so the relay's closed snapshot is played locally.
      const open = d.client.queueSnapshots.get('asiakaspalvelu')!;
      d.client.queueSnapshots.set('asiakaspalvelu', { ...open, open: false });
      d.bar.requestUpdate();
      await d.bar.updateComplete;
      expect(look()).to.deep.equal({ part: 'queue queue-closed', words: '■ Closed', colour: 'rgb(179, 38, 30)' });
      expect(getComputedStyle(card()).borderLeftColor).to.equal('rgb(179, 38, 30)');
      await expect(d.bar).to.be.accessible();
    });

    it('gives agents without the operator role no open/close button', async () => {
      const d = await desk('Plain Paavo');
      await signIn(d, ['asiakaspalvelu', 'alert-test']);
      expect(d.client.operator).to.equal(false);
      expect(!!d.$('[part=open-close-button]')).to.equal(false);
    });

    it('sends set-queue-open from the operator button, which the relay checks itself', async () => {
      // The test server signs agent tokens only, so the client is told it is an operator here;
      // the relay still knows better and refuses, which shows the button sent the command.
      const d = await desk('Would-be Operator Oona');
      await signIn(d, ['asiakaspalvelu']);
      d.client.operator = true;
      d.bar.requestUpdate();
      await d.bar.updateComplete;
      const button = d.$('[part=open-close-button]') as HTMLButtonElement;
      expect(button.textContent!.trim()).to.equal('Close queue');
      button.click();
      await until(() => !!d.$('p.error[role=alert]'), 'the refusal');
      expect(d.$('p.error[role=alert]')!.textContent).to.contain('operator role');
      expect(d.client.queueSnapshots.get('asiakaspalvelu')!.open).to.equal(true);
    });

    it('counts the waiting of all served queues in the badge and the title, and shows ∞ from an hour', async () => {
      const original = document.title;
      document.title = 'Agent desk';
      try {
        const d = await desk('Badge Bertta', { titleBadge: true });
        await signIn(d, ['asiakaspalvelu', 'kundtjanst']);
        await emptyQueue(d, 'asiakaspalvelu');
        await emptyQueue(d, 'kundtjanst');
        const badge = () => d.$('[part=badge]')!;
        expect(badge().textContent).to.equal('0');
        expect(document.title).to.equal('Agent desk');

        const first = await joins('asiakaspalvelu', 'Badge Aino');
        await joins('kundtjanst', 'Badge Britt');
        await until(() => badge().textContent === '2', 'two waiting in two queues');
        expect(badge().getAttribute('aria-label')).to.equal('2 waiting');
        expect(document.title).to.equal('(2) Agent desk');

        d.bar.titleBadge = false;
        await d.bar.updateComplete;
        expect(document.title, 'without title-badge').to.equal('Agent desk');
        d.bar.setAttribute('title-badge', '');
        await d.bar.updateComplete;
        expect(document.title).to.equal('(2) Agent desk');

        // The clock is the relay's: just short of an hour is still counted, an hour is ∞.
        const joinedAt = d.client.queueSnapshots.get('asiakaspalvelu')!.waiting[0]!.joinedAt;
        const waits = () => d.$$('[part=longest-wait]').map((w) => w.textContent);
        d.client.clockOffset = joinedAt + 3598_500 - Date.now();
        d.bar.requestUpdate();
        await d.bar.updateComplete;
        expect(waits()[0]).to.match(/^longest wait 59:5\d$/);
        d.client.clockOffset = joinedAt + 3600_000 - Date.now();
        d.bar.requestUpdate();
        await d.bar.updateComplete;
        expect(waits()[0]).to.equal('longest wait ∞');
        d.client.clockOffset = 0;

        await first.send({ type: 'leave' });
        await until(() => badge().textContent === '1', 'one left');
        expect(document.title).to.equal('(1) Agent desk');
        await customers[1]!.send({ type: 'leave' });
        await until(() => badge().textContent === '0', 'nobody left');
        expect(document.title, 'the badge goes when nobody waits').to.equal('Agent desk');
      } finally {
        document.title = original;
      }
    });

    it("shows a queue's event log in words, newest first", async () => {
      const d = await desk('Logging Lauri');
      await signIn(d, ['asiakaspalvelu']);
      const customer = await joins('asiakaspalvelu', 'Logged Lotta');
      await until(() => !!d.$('button[aria-label="Pick Logged Lotta"]'), 'the waiting customer');
      d.$('button[aria-label="Pick Logged Lotta"]')!.click();
      await until(() => customer.conversations.all().length === 1, 'the pick');

      const button = d.$('[part=log-button]')!;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.textContent!.trim()).to.equal('Event log of Asiakaspalvelu');
      button.click();
      await until(() => !!d.$('[part=queue-log]')?.textContent?.includes('Logged Lotta'), 'the log');
      const lines = d.$$('[part=queue-log] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      const picked = lines.findIndex((l) => l.endsWith('Logging Lauri picked Logged Lotta'));
      const joined = lines.findIndex((l) => l.endsWith('Logged Lotta joined'));
      expect(picked, lines.join(' | ')).to.be.greaterThan(-1);
      expect(joined, 'the join is logged after the pick, newest first').to.be.greaterThan(picked);
      expect(d.$('[part=queue-log] time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.textContent!.trim()).to.equal('Hide log');
      await expect(d.bar).to.be.accessible();

      button.click();
      await d.bar.updateComplete;
      expect(!!d.$('[part=queue-log]')).to.equal(false);
    });
  });

  describe('offers', () => {
    it('offers a customer with name, queue, preview and the time to answer; Accept starts the conversation', async () => {
      const d = await desk('Offered Olli');
      await signIn(d, ['offer-test']);
      const customer = await joins('offer-test', 'Offer Oskari', 'My invoice is wrong');
      await until(() => !!d.$('[part=offer]'), 'the offer');
      const offer = d.$('[part=offer]')!;
      const offerText = () => deepText(offer).replace(/\s+/g, ' ');
      expect(offer.getAttribute('role')).to.equal('region');
      expect(offer.querySelector('h3')!.textContent).to.equal('New customer for you');
      expect(offerText()).to.contain('Offer Oskari').and.contain('Offer test').and.contain('Waited 0:0');
      expect(offer.querySelector('.preview')!.textContent).to.equal('My invoice is wrong');
      const within = () => Number(/Answer within (\d+) s/.exec(offerText())?.[1]);
      expect(within()).to.be.within(4, 5);
      await until(() => d.text().includes('offered to Offered Olli'), 'the waiting list to say whom the customer is offered to');
      await expect(d.bar).to.be.accessible();
      const before = within();
      await until(() => within() < before, 'the countdown', 2500);

      (d.$('[part=accept-button]') as HTMLButtonElement).click();
      await until(() => customer.conversations.all().length === 1, 'conversation-started at the customer');
      expect(customer.waiting).to.equal(undefined);
      await until(() => !d.$('[part=offer]'), 'the offer to go');
      await until(() => d.client.conversations.all().length === 1, 'conversation-started at the agent');
      const conversation = d.client.conversations.all()[0]!;
      expect(conversation.customer.name).to.equal('Offer Oskari');
      // The preview is the next event of the stream after conversation-started: it may arrive a moment later.
      await until(() => d.client.conversations.all()[0]!.messages.length > 0, 'the preview at the agent');
      expect(d.client.conversations.all()[0]!.messages.map((m) => m.text), 'the preview opens the conversation').to.deep.equal(['My invoice is wrong']);
    });

    it('Reject makes the offer go away and keeps the customer first in line', async () => {
      const d = await desk('Rejecting Riikka');
      await signIn(d, ['offer-test']);
      await joins('offer-test', 'Rejected Reino', 'Hi');
      await until(() => !!d.$('[part=offer]'), 'the offer');
      (d.$('[part=reject-button]') as HTMLButtonElement).click();
      await until(() => !d.$('[part=offer]'), 'the offer to go');
      expect(d.client.offers.size).to.equal(0);
      expect(d.client.presence, 'rejecting is not missing').to.equal('available');
      expect(!!d.$('[part=no-answer-notice]')).to.equal(false);
      await until(() => !d.client.queueSnapshots.get('offer-test')!.waiting[0]?.offeredTo, 'the offer withdrawn in the queue');
      expect(d.client.queueSnapshots.get('offer-test')!.waiting[0]!.name).to.equal('Rejected Reino');
    });

    it('masks the name and preview of an offer and the waiting list with mask-pii', async () => {
      const d = await desk('Masking Minna', { maskPii: true });
      await signIn(d, ['offer-test']);
      await joins('offer-test', '+358 40 7654321', 'Call me on +447966197542');
      await until(() => !!d.$('[part=offer]'), 'the offer');
      expect(d.$('[part=offer] strong')!.textContent).to.equal('*********4321');
      expect(d.$('[part=offer] .preview')!.textContent).to.equal('Call me on *********7542');
      expect(d.$('[part=waiting-list] .name')!.textContent).to.equal('*********4321');
      expect(d.$('[part=waiting-list] .preview')!.textContent).to.equal('Call me on *********7542');
      expect(d.text()).to.not.contain('7654321').and.not.contain('7966197542');
      expect(d.$('[part=pick-button]')!.getAttribute('aria-label')).to.equal('Pick *********4321');
    });
  });

  describe('alerts', () => {
    it('alerts available agents to a long wait, until dismissed; away agents see none', async () => {
      const available = await desk('Alert Alva');
      await signIn(available, ['alert-test']);
      const away = await desk('Away Aarne');
      await signIn(away, ['alert-test']);
      await choosePresence(away, 'away');
      await joins('alert-test', 'Long Wait Liisa');
      await until(() => !!available.$('[part=alert]'), 'the alert', 4000);
      const alert = available.$('[part=alert]')!;
      const announced = alert.querySelector('[role=alert]')!;
      expect(announced.textContent!.replace(/\s+/g, ' '), 'announced once with the threshold, not a ticking clock').to.equal(
        'Long Wait Liisa has waited 0:01 in Alert test',
      );
      await expect(available.bar).to.be.accessible();

      expect(!!away.$('[part=alert]')).to.equal(false);
      expect(away.client.alerts, 'the relay alerts no away agent').to.deep.equal([]);

      alert.querySelector('button')!.click();
      await available.bar.updateComplete;
      expect(!!available.$('[part=alert]')).to.equal(false);
      expect(available.client.alerts).to.deep.equal([]);
    });
  });
});
