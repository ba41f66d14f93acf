import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, sleep, startConversation, startTestRelay, TICK_WAIT_MS, until, type TestRelay } from './helpers.js';

/** Closes a client and waits until the relay has noticed that this participant has no socket left. */
async function disconnect(relay: TestRelay, client: { close(): Promise<unknown> }, id: string, role: 'customer' | 'agent') {
  await client.close();
  const store = relay.relay.store;
  await until(() => (role === 'customer' ? store.customer(id) : store.agent(id))?.disconnectedAt !== undefined, `the relay saw ${id} go`);
}

describe('a customer coming back', () => {
  it('gets the same identity and the whole conversation as history', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija');
    await customer.client.request({ type: 'send', conversation, text: 'my order is late' });
    await agent.client.request({ type: 'send', conversation, text: 'let me check' });
    const before = relay.relay.store.conversation(conversation)!.log;
    await disconnect(relay, customer.client, customer.welcome.self.id, 'customer');

    const again = await relay.connect();
    const welcome = await again.hello('customer', { resume: customer.welcome.resumeToken! });
    assert.deepEqual(welcome.self, { id: customer.welcome.self.id, name: 'Maija', role: 'customer' });
    assert.equal(welcome.resumeToken, customer.welcome.resumeToken);
    const history = await again.next('history');
    assert.equal(history.conversation, conversation);
    assert.deepEqual(
      history.events.map((e) => [e.seq, e.type]),
      [
        [1, 'conversation-started'],
        [2, 'message'],
        [3, 'message'],
      ],
    );
    assert.deepEqual(history.events, before);
  });

  it('is back in the live conversation on the new connection', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    await disconnect(relay, customer.client, customer.welcome.self.id, 'customer');
    const again = await relay.connect();
    await again.hello('customer', { resume: customer.welcome.resumeToken! });
    await again.next('history');

    await agent.client.request({ type: 'send', conversation, text: 'are you there?' });
    assert.deepEqual((await again.next('message')).seq, 2);
    assert.equal((await again.request({ type: 'send', conversation, text: 'yes' })).type, 'ack');
    assert.equal((await agent.client.next('message', (m) => m.text === 'yes')).seq, 3);
  });

  it('keeps their place in line when they come back within the grace period', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 60 });
    const first = await relay.customer('Maija', QUEUE_A);
    await relay.customer('Pekka', QUEUE_A);
    await disconnect(relay, first.client, first.welcome.self.id, 'customer');
    relay.clock.advance(59_000);
    await sleep(1100); // the grace ticker runs at least once
    assert.equal(relay.relay.store.sizes.waiting, 2);

    const again = await relay.connect();
    await again.hello('customer', { resume: first.welcome.resumeToken! });
    const waiting = await again.next('waiting');
    assert.deepEqual([waiting.queue, waiting.position, waiting.joinedAt], [QUEUE_A, 1, first.welcome.serverTime]);
  });

  it('starts afresh with an unknown resume token', async (t) => {
    const relay = await startTestRelay(t);
    const { welcome: earlier } = await relay.customer();
    const client = await relay.connect();
    const welcome = await client.hello('customer', { resume: 'made-up-token' });
    assert.notEqual(welcome.self.id, earlier.self.id);
    assert.notEqual(welcome.resumeToken, 'made-up-token');
    assert.ok(!client.received.some((m) => m.type === 'history'));
  });
});

describe('sync', () => {
  async function conversationWithFiveEvents(relay: TestRelay) {
    const started = await startConversation(relay);
    for (const text of ['one', 'two', 'three', 'four']) {
      await started.customer.client.request({ type: 'send', conversation: started.conversation, text });
    }
    return started;
  }

  it('returns only the events after the given seq', async (t) => {
    const relay = await startTestRelay(t);
    const { agent, conversation } = await conversationWithFiveEvents(relay);
    const reply = await agent.client.request({ type: 'sync', conversation, after: 3 });
    assert.equal(reply.type, 'ack');
    const history = await agent.client.next('history');
    assert.equal(history.conversation, conversation);
    assert.deepEqual(
      history.events.map((e) => [e.seq, e.type === 'message' && e.text]),
      [
        [4, 'three'],
        [5, 'four'],
      ],
    );
  });

  it('returns every event after seq 0', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await conversationWithFiveEvents(relay);
    await customer.client.request({ type: 'sync', conversation, after: 0 });
    const history = await customer.client.next('history');
    assert.deepEqual(
      history.events.map((e) => e.seq),
      [1, 2, 3, 4, 5],
    );
  });

  it('returns no events when the client is up to date', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await conversationWithFiveEvents(relay);
    await customer.client.request({ type: 'sync', conversation, after: 5 });
    assert.deepEqual((await customer.client.next('history')).events, []);
  });

  it('still answers after the conversation ended, ending with the end', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    await agent.client.request({ type: 'end', conversation });
    await customer.client.request({ type: 'sync', conversation, after: 1 });
    const history = await customer.client.next('history');
    assert.deepEqual(
      history.events.map((e) => [e.seq, e.type]),
      [[2, 'conversation-ended']],
    );
  });
});

describe('an agent coming back', () => {
  it('is still signed in and gets its queues and active conversations', async (t) => {
    const relay = await startTestRelay(t);
    const { agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    await disconnect(relay, agent.client, 'agent:alice', 'agent');

    const again = await relay.connect();
    await again.hello('agent', { token: relay.token({ sub: 'alice' }) });
    assert.deepEqual(await again.next('agent-state'), { type: 'agent-state', signedIn: true, presence: 'available', queues: [QUEUE_A], capacity: 3, operator: false });
    assert.equal((await again.next('queue')).queue.id, QUEUE_A);
    const history = await again.next('history');
    assert.equal(history.conversation, conversation);
    assert.deepEqual(
      history.events.map((e) => e.type),
      ['conversation-started'],
    );
  });
});

describe('the grace period', () => {
  it('removes a customer who left while waiting once the grace has passed', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 5 });
    const leaver = await relay.customer('Maija', QUEUE_A);
    const stayer = await relay.customer('Pekka', QUEUE_A);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    await agent.next('queue', (m) => m.queue.waiting.length === 2);
    await disconnect(relay, leaver.client, leaver.welcome.self.id, 'customer');

    relay.clock.advance(5000);
    const snapshot = await agent.next('queue', (m) => m.queue.waiting.length === 1, TICK_WAIT_MS);
    assert.deepEqual(
      snapshot.queue.waiting.map((w) => w.id),
      [stayer.welcome.self.id],
    );
    assert.equal((await stayer.client.next('waiting', (m) => m.position === 1)).queue, QUEUE_A);
    assert.equal(relay.relay.store.customer(leaver.welcome.self.id), undefined);
  });

  it('ends the conversation of a customer who left, with reason customer-gone, leaving nothing behind', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 5 });
    const { customer, agent, conversation } = await startConversation(relay);
    await customer.client.request({ type: 'send', conversation, text: 'bye' });
    await disconnect(relay, customer.client, customer.welcome.self.id, 'customer');

    relay.clock.advance(5000);
    const ended = await agent.client.next('conversation-ended', undefined, TICK_WAIT_MS);
    assert.equal(ended.conversation, conversation);
    assert.equal(ended.reason, 'customer-gone');
    assert.equal(ended.seq, 3);
    assert.equal(ended.by, undefined);

    const { customers, waiting, conversations } = relay.relay.store.sizes;
    assert.deepEqual({ customers, waiting, conversations }, { customers: 0, waiting: 0, conversations: 1 }, 'the ended conversation stays as a recent one');
    assert.equal(relay.relay.store.conversation(conversation)?.ended, true);
    assert.equal((await agent.client.request({ type: 'sign-out' })).type, 'ack', 'the agent has no active conversation left');

    // Kept recentMinutes (60 by default) for agents to look back at, then nothing is left.
    relay.clock.advance(60 * 60_000);
    await until(() => relay.relay.store.sizes.conversations === 0, 'the ended conversation is forgotten', TICK_WAIT_MS);
    assert.deepEqual(relay.relay.store.sizes, { customers: 0, agents: 1, conversations: 0, offers: 0, requests: 0, waiting: 0 });
  });

  it('forgets a customer who never joined a queue', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 0 });
    const { client, welcome } = await relay.customer();
    await disconnect(relay, client, welcome.self.id, 'customer');
    await until(() => relay.relay.store.sizes.customers === 0, 'the customer is forgotten', TICK_WAIT_MS);
  });

  it('signs out an agent who left once the agent grace has passed', async (t) => {
    const relay = await startTestRelay(t, { agentGraceSeconds: 5 });
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    await bob.next('queue', (m) => m.queue.agents.length === 2);
    await disconnect(relay, alice, 'agent:alice', 'agent');

    relay.clock.advance(5000);
    const snapshot = await bob.next('queue', (m) => m.queue.agents.length === 1, TICK_WAIT_MS);
    assert.deepEqual(snapshot.queue.agents, [{ id: 'agent:bob', name: 'Agent bob', presence: 'available', conversations: 0 }]);
    assert.equal(relay.relay.store.agent('agent:alice')?.signedIn, false);
  });
});

describe('resuming within the window (R2)', () => {
  /** The customer's socket drops; the agent writes while they are away; they come back naming what they hold. */
  async function awayAndBack(relay: TestRelay, advanceMs: number, epoch?: (real: string) => string) {
    const { customer, agent, conversation } = await startConversation(relay, 'Maija');
    await customer.client.request({ type: 'send', conversation, text: 'before the drop' });
    await customer.client.next('message', (m) => m.text === 'before the drop');
    const held = customer.client.received.filter((m) => m.type === 'message' || m.type === 'conversation-started').length;
    await disconnect(relay, customer.client, customer.welcome.self.id, 'customer');
    for (const text of ['while away 1', 'while away 2']) await agent.client.request({ type: 'send', conversation, text });
    relay.clock.advance(advanceMs);
    const again = await relay.connect();
    const welcome = await again.hello('customer', {
      resume: customer.welcome.resumeToken!,
      epoch: epoch ? epoch(customer.welcome.epoch) : customer.welcome.epoch,
      streams: [{ conversation, after: held }],
    });
    return { again, welcome, conversation, held };
  }

  it('gets exactly the events it missed, in order, marked recovered', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 600 });
    const { again, welcome, conversation, held } = await awayAndBack(relay, 60_000);
    assert.equal(typeof welcome.epoch, 'string');
    const history = await again.next('history', (m) => m.conversation === conversation);
    assert.equal(history.recovered, true);
    assert.deepEqual(history.events.map((e) => [e.seq, e.type === 'message' ? e.text : e.type]), [
      [held + 1, 'while away 1'],
      [held + 2, 'while away 2'],
    ]);
  });

  it('past the resume window gets the whole stream, marked not recovered, never a silent gap', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 600 });
    const { again, conversation } = await awayAndBack(relay, 121_000);
    const history = await again.next('history', (m) => m.conversation === conversation);
    assert.equal(history.recovered, false);
    assert.deepEqual(history.events.map((e) => e.seq), history.events.map((_, i) => i + 1), 'from the start');
  });

  it('after the epoch changed gets the whole stream, marked not recovered', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 600 });
    const { again, conversation } = await awayAndBack(relay, 1000, () => 'an-earlier-run-of-the-relay');
    const history = await again.next('history', (m) => m.conversation === conversation);
    assert.equal(history.recovered, false);
    assert.equal(history.events[0]!.seq, 1);
  });
});
