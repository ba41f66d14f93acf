/**
 * Statistics (Q5) over the running relay: the `stats` command for operators and `GET /stats` for
 * integrators' dashboards, both in the wire contract, both refused to everyone else.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { StatsReport } from '../../protocol/index.js';
import { QUEUE_A, QUEUE_B, startTestRelay, type TestRelay, replyCode } from './helpers.js';

const ZONE = 'Europe/Helsinki';

/** One GET on its own connection, so nothing keeps the test process open. */
function get(relay: TestRelay, path: string, token?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { connection: 'close', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: relay.relay.port, method: 'GET', path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A conversation in QUEUE_A after a 30 s wait, ended after 120 s; a customer who left after 10 s. */
async function servedDay(t: Parameters<typeof startTestRelay>[0]) {
  const relay = await startTestRelay(t, { queueA: { timeZone: ZONE } });
  const customer = await relay.customer('Maija', QUEUE_A);
  const alice = await relay.agent('alice', [QUEUE_A]);
  relay.clock.advance(30_000);
  const picked = await alice.client.request({ type: 'pick', queue: QUEUE_A });
  assert.ok(picked.type === 'ack' && picked.conversation);
  await customer.client.next('conversation-started');
  relay.clock.advance(120_000);
  assert.equal((await alice.client.request({ type: 'end', conversation: picked.conversation })).type, 'ack');
  const leaving = await relay.customer('Pekka', QUEUE_A);
  relay.clock.advance(10_000);
  assert.equal((await leaving.client.request({ type: 'leave' })).type, 'ack');
  return { relay, alice, customer };
}

function assertServedDay(report: StatsReport): void {
  assert.equal(report.queue, QUEUE_A);
  assert.equal(report.timeZone, ZONE);
  const { accepted, handled, abandoned, wait, handling, abandonedAfter } = report.totals;
  assert.deepEqual([accepted, handled, abandoned], [1, 1, 1]);
  assert.deepEqual([wait.average, wait.max, handling.average, abandonedAfter.max], [30, 30, 120, 10]);
  assert.deepEqual(report.agents.map((a) => [a.id, a.name, a.figures.handled]), [['agent:alice', 'Agent alice', 1]]);
}

describe('statistics over the WebSocket', () => {
  it('answers an operator’s stats command with the queue’s report', async (t) => {
    const { relay } = await servedDay(t);
    const { client: olga } = await relay.agent('olga', [], ['*'], { roles: ['agent', 'operator'], name: 'Olga' });
    const reply = await olga.request({ type: 'stats', queue: QUEUE_A, range: 'today' });
    assert.equal(reply.type, 'ack');
    const { report } = await olga.next('stats');
    assertServedDay(StatsReport.parse(report));
    assert.equal(report.series.length, 24);

    assert.equal((await olga.request({ type: 'stats', queue: QUEUE_A, range: '30d' })).type, 'ack');
    const month = StatsReport.parse((await olga.next('stats')).report);
    assert.equal(month.series.length, 30);
    assert.equal(month.series.at(-1)!.handled, 1);
  });

  it('refuses plain agents and customers, and names an unknown queue', async (t) => {
    const { relay, alice, customer } = await servedDay(t);
    const code = replyCode;
    assert.equal(code(await alice.client.request({ type: 'stats', queue: QUEUE_A, range: 'today' })), 'forbidden');
    assert.equal(code(await customer.client.request({ type: 'stats', queue: QUEUE_A, range: '7d' })), 'forbidden');
    const { client: olga } = await relay.agent('olga', [], ['*'], { roles: ['agent', 'operator'] });
    assert.equal(code(await olga.request({ type: 'stats', queue: 'nowhere', range: 'today' })), 'queue-unknown');
    assert.ok(![alice.client, customer.client, olga].some((c) => c.received.some((m) => m.type === 'stats')), 'no report went out');
  });
});

describe('statistics over HTTP: GET /stats', () => {
  it('gives an operator one queue’s report, or every queue’s', async (t) => {
    const { relay } = await servedDay(t);
    const token = relay.token({ sub: 'olga', name: 'Olga', roles: ['operator'] });
    const one = await get(relay, `/stats?queue=${QUEUE_A}&range=7d`, token);
    assert.equal(one.status, 200);
    const report = StatsReport.parse(one.body);
    assertServedDay(report);
    assert.equal(report.series.length, 7);

    const all = await get(relay, '/stats?range=today', token);
    assert.equal(all.status, 200);
    const reports = (all.body as { reports: unknown[] }).reports.map((r) => StatsReport.parse(r));
    assert.deepEqual(reports.map((r) => [r.queue, r.range, r.timeZone]), [[QUEUE_A, 'today', ZONE], [QUEUE_B, 'today', 'UTC']]);

    const today = await get(relay, `/stats?queue=${QUEUE_A}`, token);
    assert.equal(StatsReport.parse(today.body).range, 'today', 'the range defaults to today');
  });

  it('answers 401 without a valid token, 403 to a plain agent, 404 and 400 to bad questions', async (t) => {
    const relay = await startTestRelay(t);
    const path = `/stats?queue=${QUEUE_A}&range=today`;
    assert.equal((await get(relay, path)).status, 401);
    assert.equal((await get(relay, path, 'not-a-jwt')).status, 401);
    const forbidden = await get(relay, path, relay.token({ sub: 'bob', roles: ['agent'] }));
    assert.equal(forbidden.status, 403);
    assert.equal(typeof (forbidden.body as { error: unknown }).error, 'string');
    const token = relay.token({ sub: 'olga', roles: ['operator'] });
    assert.equal((await get(relay, '/stats?queue=nowhere', token)).status, 404);
    assert.equal((await get(relay, `/stats?queue=${QUEUE_A}&range=year`, token)).status, 400);
  });
});
