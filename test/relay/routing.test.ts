/**
 * The agent desk's routing over real sockets (Q4, Q6, Q7, A2, C11): offers arriving and being
 * answered, the relay's once-a-second ticker expiring them on the fake clock, releases, alerts,
 * the queue log, and opening and closing queues.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { ServerEvent } from '../../protocol/index.js';
import { QUEUE_A, startTestRelay, TICK_WAIT_MS, until, type TestClient, type TestRelay } from './helpers.js';

/** Offer routing: 5 s to answer, 2 conversations per agent, alerts after 30 s. */
const SALES = 'sales';
/** Pick routing with alerts after 10 s. */
const BILLING = 'billing';

function start(t: TestContext, options: { customerGraceSeconds?: number; agentGraceSeconds?: number } = {}): Promise<TestRelay> {
  return startTestRelay(t, {
    ...options,
    extraQueues: [
      { id: SALES, name: 'Sales', routing: 'offer', offerTimeoutSeconds: 5, maxConversationsPerAgent: 2, alertAfterSeconds: 30 },
      { id: BILLING, name: 'Billing', alertAfterSeconds: 10 },
    ],
  });
}

/** A customer who joined `queue`, optionally with a first message. */
async function join(relay: TestRelay, name: string, queue: string, message?: string) {
  const { client, welcome } = await relay.customer();
  const reply = await client.request(message ? { type: 'join', queue, name, message } : { type: 'join', queue, name });
  assert.equal(reply.type, 'ack', JSON.stringify(reply));
  await client.next('waiting');
  return { client, id: welcome.self.id };
}

/**
 * Everything the relay sent `client` before now has arrived: a round trip through the same
 * socket, which delivers in order. Used before asserting that something was not sent.
 */
async function settle(client: TestClient): Promise<void> {
  const reply = await client.request({ type: 'sync', conversation: 'none', after: 0 });
  assert.equal(reply.type, 'error');
}

const offersOf = (client: TestClient) => client.received.filter((m): m is ServerEvent<'offer'> => m.type === 'offer');

describe('routing over sockets: offers', () => {
  it('offers a customer to the agent idle longest, who accepts; the first message opens the conversation as seq 2', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    relay.clock.advance(1000);
    const { client: bob } = await relay.agent('bob', [SALES]);
    relay.clock.advance(1000);
    const customer = await join(relay, 'Maija', SALES, 'Where is my parcel?');

    const { offer } = await alice.next('offer');
    assert.deepEqual(offer, {
      id: offer.id,
      queue: SALES,
      customer: { id: customer.id, name: 'Maija' },
      preview: 'Where is my parcel?',
      joinedAt: relay.clock.now,
      expiresAt: relay.clock.now + 5000,
    });
    const snapshot = await bob.next('queue', (m) => m.queue.waiting[0]?.offeredTo === 'agent:alice');
    assert.deepEqual(
      [snapshot.queue.routing, snapshot.queue.alertAfterSeconds, snapshot.queue.waiting[0]?.preview],
      ['offer', 30, 'Where is my parcel?'],
    );

    const reply = await alice.request({ type: 'accept', offer: offer.id });
    assert.ok(reply.type === 'ack' && reply.conversation, JSON.stringify(reply));
    const started = await customer.client.next('conversation-started');
    assert.equal(started.agent.id, 'agent:alice');
    const first = await customer.client.next('message');
    assert.deepEqual([first.seq, first.text, first.author.id], [2, 'Where is my parcel?', customer.id]);
    assert.equal((await alice.next('message')).seq, 2);
    await settle(bob);
    assert.deepEqual(offersOf(bob), [], 'one customer, one offer');
  });

  it('gives a rejected customer to the next agent', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    relay.clock.advance(1000);
    const { client: bob } = await relay.agent('bob', [SALES]);
    const customer = await join(relay, 'Maija', SALES);

    const { offer } = await alice.next('offer');
    assert.equal((await alice.request({ type: 'reject', offer: offer.id })).type, 'ack');
    assert.deepEqual(await alice.next('offer-withdrawn'), { type: 'offer-withdrawn', offer: offer.id, reason: 'rejected' });
    const toBob = await bob.next('offer');
    assert.equal(toBob.offer.customer.id, customer.id);
    assert.equal((await bob.request({ type: 'accept', offer: toBob.offer.id })).type, 'ack');
    assert.equal((await customer.client.next('conversation-started')).agent.id, 'agent:bob');
    const late = await alice.request({ type: 'accept', offer: offer.id });
    assert.equal(late.type === 'error' && late.code, 'offer-unknown');
  });

  it('withdraws an unanswered offer on the ticker, turns the agent no-answer until it chooses available, and offers the next agent', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    relay.clock.advance(1000);
    const { client: bob } = await relay.agent('bob', [SALES]);
    const customer = await join(relay, 'Maija', SALES);
    const { offer } = await alice.next('offer');

    relay.clock.advance(5000);
    assert.deepEqual(await alice.next('offer-withdrawn', undefined, TICK_WAIT_MS), { type: 'offer-withdrawn', offer: offer.id, reason: 'timeout' });
    assert.equal((await alice.next('agent-state', (m) => m.presence !== 'available')).presence, 'no-answer');
    assert.equal((await bob.next('offer')).offer.customer.id, customer.id);
    await bob.next('queue', (m) => m.queue.agents.some((a) => a.id === 'agent:alice' && a.presence === 'no-answer'));

    // The next customer waits rather than go to alice, however long the clock runs.
    const second = await join(relay, 'Pekka', SALES);
    relay.clock.advance(60_000);
    await bob.next('offer-withdrawn', undefined, TICK_WAIT_MS); // bob missed his offer too
    await settle(alice);
    assert.equal(offersOf(alice).length, 1, 'no offers while no-answer');
    assert.ok(!alice.received.some((m) => m.type === 'alert'), 'no alerts while no-answer');

    assert.equal((await alice.request({ type: 'presence', presence: 'available' })).type, 'ack');
    assert.equal((await alice.next('agent-state', (m) => m.presence === 'available')).presence, 'available');
    const next = await alice.next('offer');
    assert.ok([customer.id, second.id].includes(next.offer.customer.id));
  });

  it('sends a pending offer again to an agent who reconnects', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    await join(relay, 'Maija', SALES);
    const { offer } = await alice.next('offer');
    await alice.close();
    await until(() => relay.relay.store.agent('agent:alice')?.disconnectedAt !== undefined, 'the relay saw alice go');

    const again = await relay.connect();
    await again.hello('agent', { token: relay.token({ sub: 'alice' }) });
    assert.deepEqual((await again.next('offer')).offer, offer);
    assert.equal((await again.request({ type: 'accept', offer: offer.id })).type, 'ack');
  });

  it('withdraws the offer of a customer who leaves with customer-left', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    const customer = await join(relay, 'Maija', SALES);
    const { offer } = await alice.next('offer');
    assert.equal((await customer.client.request({ type: 'leave' })).type, 'ack');
    assert.deepEqual(await alice.next('offer-withdrawn'), { type: 'offer-withdrawn', offer: offer.id, reason: 'customer-left' });
  });

  it('lets an agent pick a customer under offer to another, withdrawing the offer with taken', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    const { client: bob } = await relay.agent('bob', [SALES]);
    assert.equal((await bob.request({ type: 'presence', presence: 'away' })).type, 'ack');
    const customer = await join(relay, 'Maija', SALES);
    const { offer } = await alice.next('offer');

    const reply = await bob.request({ type: 'pick', queue: SALES, customer: customer.id });
    assert.equal(reply.type, 'ack');
    assert.deepEqual(await alice.next('offer-withdrawn'), { type: 'offer-withdrawn', offer: offer.id, reason: 'taken' });
    assert.equal((await customer.client.next('conversation-started')).agent.id, 'agent:bob');
  });

  it('gives a customer two agents pick at once to one of them; the other gets customer-unavailable', async (t) => {
    const relay = await start(t);
    const customer = await join(relay, 'Maija', QUEUE_A);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const replies = await Promise.all([
      alice.request({ type: 'pick', queue: QUEUE_A, customer: customer.id }),
      bob.request({ type: 'pick', queue: QUEUE_A, customer: customer.id }),
    ]);
    assert.deepEqual(replies.map((r) => r.type).sort(), ['ack', 'error']);
    const refused = replies.find((r) => r.type === 'error');
    assert.equal(refused?.type === 'error' && refused.code, 'customer-unavailable');
  });
});

describe('routing over sockets: capacity', () => {
  it('tells the agent its capacity from the token, refuses picks beyond it with at-capacity, and offers nothing beyond it', async (t) => {
    const relay = await start(t);
    const client = await relay.connect();
    await client.hello('agent', { token: relay.token({ sub: 'alice', maxConversations: 1 }) });
    await client.next('agent-state');
    assert.equal((await client.request({ type: 'sign-in', queues: [QUEUE_A, SALES] })).type, 'ack');
    assert.equal((await client.next('agent-state', (m) => m.signedIn)).capacity, 1);

    await join(relay, 'Maija', QUEUE_A);
    await join(relay, 'Pekka', QUEUE_A);
    const reply = await client.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(reply.type === 'ack' && reply.conversation);
    const refused = await client.request({ type: 'pick', queue: QUEUE_A });
    assert.equal(refused.type === 'error' && refused.code, 'at-capacity');

    await join(relay, 'Liisa', SALES);
    await settle(client);
    assert.deepEqual(offersOf(client), [], 'no offer while at capacity');
    assert.equal((await client.request({ type: 'end', conversation: reply.conversation })).type, 'ack');
    assert.equal((await client.next('offer')).offer.queue, SALES);
  });
});

describe('routing over sockets: release', () => {
  it('ends the conversation with released, puts the customer first in line, and offers them to another agent', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    const { client: bob } = await relay.agent('bob', [SALES]);
    assert.equal((await bob.request({ type: 'presence', presence: 'away' })).type, 'ack');
    const customer = await join(relay, 'Maija', SALES);
    const { offer } = await alice.next('offer');
    const accepted = await alice.request({ type: 'accept', offer: offer.id });
    assert.ok(accepted.type === 'ack' && accepted.conversation);
    await customer.client.next('conversation-started');
    await join(relay, 'Pekka', SALES);

    assert.equal((await alice.request({ type: 'release', conversation: accepted.conversation })).type, 'ack');
    const ended = await customer.client.next('conversation-ended');
    assert.deepEqual([ended.reason, ended.by?.id], ['released', 'agent:alice']);
    assert.equal((await alice.next('conversation-ended')).reason, 'released');
    assert.equal((await customer.client.next('waiting')).position, 1);

    assert.equal((await bob.request({ type: 'presence', presence: 'available' })).type, 'ack');
    const toBob = await bob.next('offer');
    assert.equal(toBob.offer.customer.id, customer.id, 'the released customer is first');
    assert.equal((await bob.request({ type: 'accept', offer: toBob.offer.id })).type, 'ack');
    assert.equal((await customer.client.next('conversation-started')).agent.id, 'agent:bob');
  });
});

describe('routing over sockets: alerts', () => {
  it('alerts the available agents of the queue when a customer has waited alertAfterSeconds', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [BILLING]);
    const { client: bob } = await relay.agent('bob', [BILLING]);
    assert.equal((await bob.request({ type: 'presence', presence: 'away' })).type, 'ack');
    const customer = await join(relay, 'Maija', BILLING);
    const joinedAt = relay.clock.now;

    relay.clock.advance(10_000);
    assert.deepEqual(await alice.next('alert', undefined, TICK_WAIT_MS), {
      type: 'alert',
      queue: BILLING,
      customer: { id: customer.id, name: 'Maija' },
      joinedAt,
    });
    await settle(bob);
    assert.ok(!bob.received.some((m) => m.type === 'alert'), 'no alert for an away agent');
  });
});

describe('routing over sockets: the queue log and opening hours by hand', () => {
  it('answers queue-log with the queue’s events in order, and only for queues the token allows', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [SALES]);
    const customer = await join(relay, 'Maija', SALES);
    const { offer } = await alice.next('offer');
    await alice.request({ type: 'accept', offer: offer.id });

    assert.equal((await alice.request({ type: 'queue-log', queue: SALES })).type, 'ack');
    const log = await alice.next('queue-log');
    assert.equal(log.queue, SALES);
    assert.deepEqual(
      log.entries.map((e) => [e.kind, e.agent?.id, e.customer?.id]),
      [
        ['joined', undefined, customer.id],
        ['offered', 'agent:alice', customer.id],
        ['accepted', 'agent:alice', customer.id],
      ],
    );
    const { client: outsider } = await relay.agent('outsider', [QUEUE_A], [QUEUE_A]);
    const refused = await outsider.request({ type: 'queue-log', queue: SALES });
    assert.equal(refused.type === 'error' && refused.code, 'queue-not-allowed');
  });

  it('lets an operator close and open a queue; others get forbidden; a closed queue refuses joins with queue-closed', async (t) => {
    const relay = await start(t);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const forbidden = await alice.request({ type: 'set-queue-open', queue: QUEUE_A, open: false });
    assert.equal(forbidden.type === 'error' && forbidden.code, 'forbidden');

    const operator = await relay.connect();
    await operator.hello('agent', { token: relay.token({ sub: 'olga', roles: ['agent', 'operator'] }) });
    assert.equal((await operator.next('agent-state')).operator, true);
    assert.equal((await operator.request({ type: 'set-queue-open', queue: QUEUE_A, open: false })).type, 'ack');
    assert.equal((await alice.next('queue', (m) => !m.queue.open)).queue.id, QUEUE_A);

    const { client: customer } = await relay.customer();
    const closed = await customer.request({ type: 'join', queue: QUEUE_A, name: 'Maija' });
    assert.equal(closed.type === 'error' && closed.code, 'queue-closed');

    assert.equal((await operator.request({ type: 'set-queue-open', queue: QUEUE_A, open: true })).type, 'ack');
    assert.equal((await customer.request({ type: 'join', queue: QUEUE_A, name: 'Maija' })).type, 'ack');
    await operator.request({ type: 'queue-log', queue: QUEUE_A });
    const log = await operator.next('queue-log');
    assert.deepEqual(
      log.entries.map((e) => [e.kind, e.agent?.id]),
      [
        ['closed', 'agent:olga'],
        ['opened', 'agent:olga'],
        ['joined', undefined],
      ],
    );
  });
});
