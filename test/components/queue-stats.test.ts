import { expect, fixture, html } from '@open-wc/testing';
import '../../components/agent.js';
import type { AgentQueueBar } from '../../components/agent-queue-bar/agent-queue-bar.js';
import type { ChatConnection } from '../../components/chat-connection/chat-connection.js';
import type { ClientError } from '../../components/client/client-error.js';
import type { TiskiClient } from '../../components/client/tiski-client.js';
import { agentGoes, agentToken, customerGoes, customerJoins, deepText, testRelay, until } from './relay.js';

// 'stats-test' is this file's queue alone, counted in UTC; still, every count is read before and
// after what the test does, so a customer another run leaves behind changes nothing.
const queue = 'stats-test';
const duration = /^\d+:\d\d$/;
const durationFigures = /^\d+:\d\d average, \d+:\d\d median, \d+:\d\d for 9 in 10$/;

type Desk = Awaited<ReturnType<typeof desk>>;

/** An agent's queue bar on its own connection, signed in to the statistics queue. */
async function desk(name: string, roles: 'agent' | 'agent,operator', lang = 'en') {
  const token = await agentToken(name, queue, roles);
  const connection = await fixture<ChatConnection>(
    html`<chat-connection url=${testRelay.ws} token=${token}><agent-queue-bar lang=${lang}></agent-queue-bar></chat-connection>`,
  );
  const bar = connection.querySelector('agent-queue-bar') as AgentQueueBar;
  await until(() => connection.client?.status === 'open', 'the agent connection');
  const client = connection.client!;
  await client.send({ type: 'sign-in', queues: [queue] });
  const $ = <T extends Element = HTMLElement>(selector: string) => bar.shadowRoot!.querySelector(selector) as T | null;
  const $$ = <T extends Element = HTMLElement>(selector: string) => [...bar.shadowRoot!.querySelectorAll(selector)] as T[];
  await until(() => !!$('[part~=queue]'), 'the served queue');
  return { bar, client, $, $$ };
}

/** The figures of the open panel, by their labels as shown. */
function figures(d: Desk): Record<string, string> {
  const list = d.$('[part=stats-figures]');
  const read = (e: Element) => deepText(e).replace(/\s+/g, ' ').trim();
  return Object.fromEntries([...(list?.querySelectorAll('dt') ?? [])].map((dt) => [read(dt), read(dt.nextElementSibling!)]));
}

const count = (d: Desk, label: string) => Number(figures(d)[label]);

const chartLabel = (d: Desk) => d.$('[part=stats-chart] svg')!.getAttribute('aria-label')!;

/** The range buttons' names and which one is pressed. */
const ranges = (d: Desk) => d.$$('[part=stats-range]').map((b) => `${b.textContent!.trim()}:${b.getAttribute('aria-pressed')}`);

/** Opens the statistics of the queue and waits for the report of `range`. */
async function openStats(d: Desk, range = 'today') {
  d.$('[part=stats-button]')!.click();
  await until(() => d.client.stats.has(`${queue}:${range}`) && !!d.$('[part=stats-figures]'), 'the statistics');
  await d.bar.updateComplete;
}

describe('queue statistics (Q5)', () => {
  const customers: TiskiClient[] = [];
  const agents: TiskiClient[] = [];
  afterEach(async () => {
    await Promise.all(customers.splice(0).map(customerGoes));
    await Promise.all(agents.splice(0).map((a) => agentGoes(a)));
  });

  /** A customer joins, the operator picks them in the bar, one message, the end; another customer joins and leaves. */
  async function scriptedDay(d: Desk) {
    const served = await customerJoins(queue, 'Stella Served');
    customers.push(served);
    const pick = () => d.$<HTMLButtonElement>('button[part~=pick-button][aria-label$=" Stella Served"]');
    await until(() => !!pick() && !pick()!.disabled, 'the waiting customer');
    pick()!.click();
    await until(() => served.conversations.all().length === 1, 'the customer to be picked');
    const conversation = served.conversations.all()[0]!.id;
    await d.client.send({ type: 'send', conversation, text: 'How can I help?' });
    await d.client.send({ type: 'end', conversation });
    const gone = await customerJoins(queue, 'Lauri Left');
    customers.push(gone);
    await gone.send({ type: 'leave' });
  }

  describe('roles', () => {
    it('gives an operator a Statistics button that opens and closes the panel', async () => {
      const d = await desk('Oona Operator', 'agent,operator');
      agents.push(d.client);
      const button = d.$('[part=stats-button]')!;
      expect(button.textContent!.trim()).to.equal('Statistics');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      await expect(d.bar).to.be.accessible();

      await openStats(d);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(d.$('[part=queue-stats]')!.getAttribute('aria-label')).to.equal('Statistics of Statistics test');
      expect(ranges(d)).to.deep.equal(['Today:true', 'Last 7 days:false', 'Last 30 days:false']);
      expect(Object.keys(figures(d))).to.deep.equal([
        'Offered',
        'Served',
        'Rejected',
        'Not answered',
        'Handled to the end',
        'Left while waiting',
        'Transferred',
        'Wait',
        'Longest wait',
        'Handling time',
        'Left after',
        'Ratings',
      ]);
      await expect(d.bar).to.be.accessible();

      button.click();
      await d.bar.updateComplete;
      expect(d.$('[part=queue-stats]')).to.equal(null);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
    });

    it('gives a plain agent no Statistics button, and the relay refuses them statistics', async () => {
      const d = await desk('Aapo Agent', 'agent');
      agents.push(d.client);
      expect(d.$('[part=stats-button]')).to.equal(null);
      expect(d.$('[part=open-close-button]')).to.equal(null);
      const refused = await d.client.send({ type: 'stats', queue, range: 'today' }).then(
        () => undefined,
        (e: ClientError) => e,
      );
      expect(refused?.code).to.equal('forbidden');
      expect(d.client.stats.size).to.equal(0);
      await expect(d.bar).to.be.accessible();
    });
  });

  describe('figures', () => {
    it('count a conversation served to its end and a customer who left while waiting', async () => {
      const d = await desk('Otto Operator', 'agent,operator');
      agents.push(d.client);
      await openStats(d);
      const before = { served: count(d, 'Served'), handled: count(d, 'Handled to the end'), left: count(d, 'Left while waiting') };

      await scriptedDay(d);
      d.$('[part=stats-refresh]')!.click();
      await until(() => count(d, 'Served') === before.served + 1, 'the served customer counted');
      await until(() => count(d, 'Left while waiting') === before.left + 1, 'the customer who left counted');
      expect(count(d, 'Handled to the end')).to.equal(before.handled + 1);
      const shown = figures(d);
      expect(shown['Wait']).to.match(durationFigures);
      expect(shown['Longest wait']).to.match(duration);
      expect(shown['Handling time']).to.match(durationFigures);
      expect(shown['Left after']).to.match(durationFigures);
      // Every wait and conversation in this queue lasts a test's few moments: a unit mixed up
      // (milliseconds shown as seconds) would show minutes.
      const times = ['Wait', 'Longest wait', 'Handling time', 'Left after'].flatMap((label) => shown[label]!.match(/\d+:\d\d/g)!);
      expect(times.every((time) => time.startsWith('0:0'))).to.equal(true, times.join(' '));
      expect(shown['Ratings']).to.equal('–');
      await expect(d.bar).to.be.accessible();
    });

    it("name every hour of today in the chart's accessible label, with the served and the left", async () => {
      const d = await desk('Olli Operator', 'agent,operator');
      agents.push(d.client);
      await scriptedDay(d);
      await openStats(d);
      const svg = d.$('[part=stats-chart] svg')!;
      expect(svg.getAttribute('role')).to.equal('img');
      const label = chartLabel(d);
      expect(label.startsWith('Served and left per hour: 00: ')).to.equal(true, label);
      const points = [...label.matchAll(/(\d\d): (\d+) served, (\d+) left/g)];
      expect(points.map((p) => p[1])).to.deep.equal(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')));
      const sum = (i: number) => points.reduce((n, p) => n + Number(p[i]), 0);
      expect(sum(2)).to.equal(count(d, 'Served'));
      expect(sum(3)).to.equal(count(d, 'Left while waiting'));
      expect(sum(2)).to.be.greaterThan(0);
      expect(d.$('[part=stats-chart] figcaption')!.textContent).to.contain('00–23');
      await expect(d.bar).to.be.accessible();
    });

    it('name the agent who served in the table by agent', async () => {
      const d = await desk('Outi Operator', 'agent,operator');
      agents.push(d.client);
      await scriptedDay(d);
      await openStats(d);
      const table = d.$<HTMLTableElement>('[part=stats-agents]')!;
      expect(table.caption!.textContent!.trim()).to.equal('By agent');
      const row = [...table.tBodies[0]!.rows].find((r) => r.cells[0]!.textContent!.trim() === 'Outi Operator');
      expect(row, 'a row for the agent').to.not.equal(undefined);
      expect([...row!.cells].slice(1, 3).map((c) => c.textContent!.trim())).to.deep.equal(['1', '1']);
      expect(row!.cells[3]!.textContent!.trim()).to.match(duration);
      await expect(d.bar).to.be.accessible();
    });
  });

  describe('ranges', () => {
    it('switch to the last 7 days: the panel asks for that range and shows it by day', async () => {
      const d = await desk('Onni Operator', 'agent,operator');
      agents.push(d.client);
      await scriptedDay(d);
      await openStats(d);
      const today = count(d, 'Served');
      expect(d.client.stats.has(`${queue}:7d`)).to.equal(false);

      d.$$('[part=stats-range]')[1]!.click();
      await until(() => d.client.stats.has(`${queue}:7d`), 'the report of the last 7 days');
      await until(() => chartLabel(d).startsWith('Served and left per day: '), 'the chart by day');
      expect(ranges(d)).to.deep.equal(['Today:false', 'Last 7 days:true', 'Last 30 days:false']);
      const days = [...chartLabel(d).matchAll(/(\d{4}-\d\d-\d\d): \d+ served, \d+ left/g)].map((p) => p[1]);
      expect(days).to.have.length(7);
      expect(days.at(-1)).to.equal(new Date().toISOString().slice(0, 10));
      expect(count(d, 'Served')).to.be.at.least(today);
      await expect(d.bar).to.be.accessible();

      d.$$('[part=stats-range]')[0]!.click();
      await until(() => chartLabel(d).startsWith('Served and left per hour: '), 'the chart by hour again');
      expect(ranges(d)).to.deep.equal(['Today:true', 'Last 7 days:false', 'Last 30 days:false']);
    });
  });

  describe('localisation', () => {
    it('labels the statistics in Finnish with lang="fi"', async () => {
      const d = await desk('Olavi Operaattori', 'agent,operator', 'fi');
      agents.push(d.client);
      await scriptedDay(d);
      expect(d.$('[part=stats-button]')!.textContent!.trim()).to.equal('Tilastot');
      await openStats(d);
      expect(d.$('[part=queue-stats]')!.getAttribute('aria-label')).to.equal('Jonon Statistics test tilastot');
      expect(ranges(d)).to.deep.equal(['Tänään:true', 'Viimeiset 7 päivää:false', 'Viimeiset 30 päivää:false']);
      expect(d.$('[part=stats-refresh]')!.textContent!.trim()).to.equal('Päivitä');
      const shown = figures(d);
      expect(Object.keys(shown)).to.include.members(['Palveltu', 'Hoidettu loppuun', 'Poistui jonosta', 'Odotus', 'Pisin odotus']);
      expect(shown['Odotus']).to.match(/^keskimäärin \d+:\d\d, mediaani \d+:\d\d, 9\/10 alle \d+:\d\d$/);
      expect(chartLabel(d)).to.match(/^Palvellut ja poistuneet tunneittain: 00: \d+ palveltu, \d+ poistui; /);
      expect(d.$<HTMLTableElement>('[part=stats-agents]')!.caption!.textContent!.trim()).to.equal('Agenteittain');
      await expect(d.bar).to.be.accessible();
    });
  });

  describe('longest wait', () => {
    it('shows every agent how long the customer waiting longest has waited', async () => {
      const d = await desk('Aino Agent', 'agent');
      agents.push(d.client);
      expect(d.$('[part=longest-wait]')).to.equal(null);
      const first = await customerJoins(queue, 'Wilma Waiting');
      customers.push(first);
      await until(() => !!d.$('[part=longest-wait]'), 'the longest wait');
      expect(d.$('[part=longest-wait]')!.textContent!.trim()).to.match(/^longest wait \d+:\d\d$/);
      await expect(d.bar).to.be.accessible();
    });
  });
});
