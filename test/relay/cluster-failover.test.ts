/**
 * A relay of the shared mode (R6) dies (SIGKILL) in the middle of busy conversations — the one
 * that leads, or another. Its clients come back on the other relay, as behind a load balancer,
 * within seconds: the same epoch, every stream resumed (`recovered: true`), their unanswered
 * messages sent again under their ids. Afterwards every participant of every conversation holds
 * exactly the acknowledged messages, once each, in one order — the chaos check of #10 across
 * two relays, with the page-like clients of the chaos tests. And Redis itself crashes and starts
 * again from its append-only file (appendfsync always): no acknowledged message is lost.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { heldEvents } from './chaos-checks.js';
import { ChaosParticipant } from './chaos-participant.js';
import { chaosSeed, Random } from './chaos-random.js';
import { StreamWitness } from './chaos-witness.js';
import { startCluster, type SharedCluster } from './cluster-fixture.js';
import { gaplessSeqs, sleep, until, within } from './helpers.js';
import type { SharedRelay } from './relay-process.js';

const QUEUE = 'support';
const config = {
  customerGraceSeconds: 600,
  agentGraceSeconds: 600,
  queues: [{ id: QUEUE, name: 'Support', maxConversationsPerAgent: 10 }],
};

/** Clients move to another relay as a load balancer would send them once a relay stops answering. */
const moveTo = (participant: ChaosParticipant, relay: SharedRelay) => {
  participant.options.url = relay.wsUrl;
};

interface Pair {
  conversation: string;
  customer: ChaosParticipant;
  agent: ChaosParticipant;
}

/** Eight conversations, customers and agents spread over both relays so that most cross from one to the other. */
async function busyCluster(c: SharedCluster, random: Random, witness: StreamWitness) {
  const participant = (name: string, role: 'customer' | 'agent', relay: SharedRelay) =>
    new ChaosParticipant({ name, role, url: relay.wsUrl, clock: Date.now, random, witness, ...(role === 'agent' ? { token: c.token(name) } : {}) });
  const [a, b] = c.relays as [SharedRelay, SharedRelay];
  const agents = ['anna', 'bert', 'cleo', 'dan'].map((name, i) => participant(name, 'agent', i % 2 ? a : b));
  const customers = Array.from({ length: 8 }, (_, i) => participant(`customer-${i}`, 'customer', i % 2 ? b : a));
  const where = new Map<ChaosParticipant, SharedRelay>([...agents.map((p, i) => [p, i % 2 ? a : b] as const), ...customers.map((p, i) => [p, i % 2 ? b : a] as const)]);
  await Promise.all([...agents, ...customers].map((p) => p.start()));
  for (const agent of agents) assert.equal((await agent.command({ type: 'sign-in', queues: [QUEUE] }))?.type, 'ack');
  for (const customer of customers) assert.equal((await customer.command({ type: 'join', queue: QUEUE, name: customer.name }))?.type, 'ack');
  const pairs: Pair[] = [];
  for (const [i, customer] of customers.entries()) {
    const agent = agents[i % agents.length]!;
    const picked = await agent.command({ type: 'pick', queue: QUEUE, customer: customer.id! });
    assert.ok(picked?.type === 'ack' && picked.conversation, JSON.stringify(picked));
    await customer.waitFor((m) => m.type === 'conversation-started' && m.conversation === picked.conversation);
    pairs.push({ conversation: picked.conversation, customer, agent });
  }
  return { agents, customers, pairs, where };
}

/** Every participant of every conversation holds exactly the acknowledged messages, once each, in one order. */
function assertSameHistories(pairs: readonly Pair[]): void {
  for (const { conversation, customer, agent } of pairs) {
    const acked = new Set([customer, agent].flatMap((p) => [...p.sent.values()].filter((s) => s.conversation === conversation && s.outcome === 'acked').map((s) => s.id)));
    const orders = [customer, agent].map((reader) => {
      const events = heldEvents(reader, conversation);
      gaplessSeqs(events, `${reader.name} in ${conversation}`);
      const ids = events.flatMap((e) => (e.type === 'message' ? [e.messageId] : []));
      assert.equal(new Set(ids).size, ids.length, `${reader.name} holds a message of ${conversation} twice`);
      assert.deepEqual(new Set(ids), acked, `${reader.name} holds exactly the acknowledged messages of ${conversation}`);
      return ids;
    });
    assert.deepEqual(orders[1], orders[0], `${agent.name} and ${customer.name} hold ${conversation} in the same order`);
  }
}

async function killMidConversation(t: TestContext, which: 'leader' | 'other' | 'redis') {
  // Snapshots every second: the relay taking over reads one and the journal after it.
  const c = await startCluster(t, config, { snapshotSeconds: 1, appendonly: which === 'redis' });
  if (!c) return;
  const random = new Random(chaosSeed());
  const witness = new StreamWitness();
  const { agents, customers, pairs, where } = await busyCluster(c, random, witness);
  const everyone = [...agents, ...customers];
  t.after(() => everyone.forEach((p) => p.stop()));

  const leader = await c.leader();
  const victim = which === 'leader' ? leader : which === 'other' ? c.relays.find((r) => r !== leader)! : undefined;
  const survivor = c.relays.find((r) => r !== victim)!;
  const moved = everyone.filter((p) => where.get(p) === victim);

  // Both ends of every conversation keep writing, without waiting for answers.
  let flowing = true;
  const sends: Array<Promise<unknown>> = [];
  const chatter = async (participant: ChaosParticipant, conversations: string[]) => {
    for (let i = 0; flowing; i++) {
      sends.push(participant.send(conversations[i % conversations.length]!, `${participant.name} #${i}`));
      await sleep(120 + random.next() * 120);
    }
  };
  const flow = everyone.map((p) => chatter(p, pairs.filter((pair) => pair.customer === p || pair.agent === p).map((pair) => pair.conversation)));
  await sleep(1500);

  const connectionsBefore = new Map(moved.map((p) => [p, p.connections]));
  const killedAt = Date.now();
  if (victim) {
    victim.run!.sigkill();
    await victim.run!.exit();
    for (const participant of moved) moveTo(participant, survivor);
  } else {
    // Redis itself crashes and comes back a second later with what its append-only file kept.
    await c.redis.kill();
    await sleep(1000);
    await c.redis.restart();
  }
  await until(() => moved.every((p) => p.connections > connectionsBefore.get(p)! && p.ready), 'every client of the dead relay is back, on the other one', 20_000);
  const backAfter = Date.now() - killedAt;
  // The clients that stayed: what they sent while nobody could decide is answered once someone can.
  await until(() => everyone.every((p) => p.inFlight === 0), 'everything sent before and during the outage is answered', 20_000);
  const answeredAfter = Date.now() - killedAt;
  const reconnected = everyone.filter((p) => p.connections > 1).length;
  await sleep(1500);
  flowing = false;
  await Promise.all(flow);
  await within(Promise.all(sends), 'an answer to every message', 20_000);
  const killed = { leader: 'the leader', other: 'a relay that did not lead', redis: 'Redis' }[which];
  t.diagnostic(
    `${killed} killed: ${victim ? `${moved.length} clients of it back on the other relay ${backAfter} ms later, ` : ''}every message answered ${answeredAfter} ms later; ` +
      `${reconnected} of ${everyone.length} clients reconnected; ${sends.length} messages sent`,
  );

  // Every client that came back did so to the same epoch with every stream resumed.
  for (const participant of moved) assert.ok(participant.recovered > 0, `${participant.name} resumed its streams`);
  for (const participant of everyone) assert.deepEqual(participant.notRecovered, [], `${participant.name} got no stream whole`);
  for (const participant of everyone) {
    assert.deepEqual(participant.violations, [], participant.name);
    for (const sent of participant.sent.values()) assert.equal(sent.outcome, 'acked', `${participant.name}'s ${sent.text}: ${sent.refusal ?? sent.outcome}`);
  }
  assert.deepEqual(witness.conflicts, []);
  assert.ok(backAfter < 15_000, `clients were back within seconds (${backAfter} ms)`);

  // What was sent reaches everyone; then every history is the same.
  const allArrived = () =>
    pairs.every(({ conversation, customer, agent }) => {
      const acked = [customer, agent].reduce((n, p) => n + [...p.sent.values()].filter((s) => s.conversation === conversation).length, 0);
      return [customer, agent].every((reader) => heldEvents(reader, conversation).filter((e) => e.type === 'message').length >= acked);
    });
  await until(allArrived, 'every message reached both ends', 10_000);
  assertSameHistories(pairs);
}

describe('a relay of the shared mode killed mid-conversation', () => {
  it('the leader: the other relay takes over the state, its clients resume there, nothing acknowledged is lost or doubled', (t) => killMidConversation(t, 'leader'));
  it('a relay that does not lead: its clients resume on the leader, nothing acknowledged is lost or doubled', (t) => killMidConversation(t, 'other'));
});

describe('Redis killed mid-conversation and started again (appendonly, appendfsync always)', () => {
  it('keeps every acknowledged message: the relays carry on with the state Redis wrote down, under the same epoch', (t) => killMidConversation(t, 'redis'));
});

describe('a planned stop (SIGTERM) of the relay that leads', () => {
  it('hands over at once: the other relay leads, the state goes on, clients resume there', async (t) => {
    const c = await startCluster(t, config);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const leader = await c.leader();
    assert.equal(leader, a, 'the first relay started leads');
    const agent = await c.agent(t, b, 'olli', [QUEUE]);
    const customer = await c.customer(t, a, 'Ritva', QUEUE);
    const picked = await agent.client.request({ type: 'pick', queue: QUEUE });
    assert.ok(picked.type === 'ack' && picked.conversation);
    const { conversation } = picked;
    assert.equal((await customer.client.request({ type: 'send', conversation, text: 'before' })).type, 'ack');
    await agent.client.next('message', (m) => m.text === 'before');

    const stoppedAt = Date.now();
    a.run!.sigterm();
    assert.deepEqual(await a.run!.exit(), { code: 0, signal: null }, a.run!.output());
    assert.match(a.run!.output(), /handed the shared state over/);
    assert.equal((await customer.client.closed).code, 1012, 'told to reconnect');
    await b.run!.printed(new RegExp(`${b.id} leads the shared state now`), 5000);
    const handedOverIn = Date.now() - stoppedAt;
    assert.ok(handedOverIn < 3000, `the other relay leads without waiting for the lease to lapse (${handedOverIn} ms)`);
    t.diagnostic(`SIGTERM to the other relay leading: ${handedOverIn} ms`);

    const back = await c.connect(t, b);
    const welcome = await back.hello('customer', { resume: customer.welcome.resumeToken!, epoch: customer.welcome.epoch, streams: [{ conversation, after: 2 }] });
    assert.equal(welcome.epoch, customer.welcome.epoch);
    const history = await back.next('history', (m) => m.conversation === conversation);
    assert.equal(history.recovered, true);
    assert.equal((await back.request({ type: 'send', conversation, text: 'after' })).type, 'ack');
    await agent.client.next('message', (m) => m.text === 'after');
  });
});
