/**
 * Transfers (C9) over real sockets: to a named agent or a queue, accepted, declined, timed out,
 * cancelled. The customer keeps chatting with whoever owns the conversation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventsOf,
  gaplessSeqs,
  QUEUE_A,
  QUEUE_B,
  roundTrip,
  startConversation,
  startTestRelay,
  TICK_WAIT_MS,
  type TestClient,
  replyCode,
} from './helpers.js';

/** Asks for a transfer that must be accepted by the relay; returns the request id. */
async function transfer(owner: TestClient, conversation: string, to: { agent: string } | { queue: string }): Promise<string> {
  const reply = await owner.request({ type: 'transfer', conversation, to });
  assert.ok(reply.type === 'ack' && reply.request, `transfer refused: ${JSON.stringify(reply)}`);
  assert.equal(reply.conversation, conversation);
  return reply.request;
}

const code = replyCode;

describe('a transfer to a named agent', () => {
  it('makes the accepting agent the owner, with the whole history; the customer keeps chatting with them', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const maija = customer.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_B]);
    await maija.request({ type: 'send', conversation, text: 'I need billing' });
    await alice.request({ type: 'send', conversation, text: 'VIP, handle with care', private: true });

    const requestId = await transfer(alice, conversation, { agent: 'agent:bob' });
    const { request } = await bob.next('request');
    assert.deepEqual(request, {
      id: requestId,
      kind: 'transfer',
      conversation,
      queue: QUEUE_A,
      customer: { id: customer.welcome.self.id, name: 'Maija' },
      from: { id: 'agent:alice', name: 'Agent alice' },
      expiresAt: relay.clock.now + 60_000,
    });

    const accepted = await bob.request({ type: 'answer-request', request: requestId, accept: true });
    assert.ok(accepted.type === 'ack' && accepted.conversation === conversation);

    // The new owner: the full history, private message included, then its own arrival.
    const history = await bob.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      history.events.map((e) => (e.type === 'message' ? [e.text, e.private ?? false] : [e.type])),
      [['conversation-started'], ['I need billing', false], ['VIP, handle with care', true]],
    );
    const joined = await bob.next('agent-joined', (m) => m.conversation === conversation);
    assert.deepEqual([joined.agent, joined.via], [{ id: 'agent:bob', name: 'Agent bob', role: 'agent' }, 'transfer']);
    const left = await bob.next('agent-left', (m) => m.conversation === conversation);
    assert.deepEqual([left.agent.id, left.reason], ['agent:alice', 'transferred']);

    // The former owner hears the outcome and leaves the stream.
    const ended = await alice.next('request-ended', (m) => m.request === requestId);
    assert.deepEqual(ended, {
      type: 'request-ended',
      request: requestId,
      kind: 'transfer',
      conversation,
      outcome: 'accepted',
      by: { id: 'agent:bob', name: 'Agent bob' },
    });
    assert.equal((await alice.next('agent-left', (m) => m.conversation === conversation)).reason, 'transferred');

    // The customer sees the hand-over in their own stream…
    const cJoined = await maija.next('agent-joined', (m) => m.conversation === conversation);
    const cLeft = await maija.next('agent-left', (m) => m.conversation === conversation);
    assert.deepEqual([cJoined.agent.id, cJoined.via, cLeft.agent.id, cLeft.reason], ['agent:bob', 'transfer', 'agent:alice', 'transferred']);

    // …and chats on with the new owner, whom the former one no longer hears.
    await maija.request({ type: 'send', conversation, text: 'hello bob?' });
    assert.equal((await bob.next('message', (m) => m.text === 'hello bob?')).author.role, 'customer');
    await bob.request({ type: 'send', conversation, text: 'Bob here, sorting it out' });
    const reply = await maija.next('message', (m) => m.text === 'Bob here, sorting it out');
    assert.equal(reply.author.id, 'agent:bob');
    await roundTrip(alice);
    assert.ok(!alice.received.some((m) => m.type === 'message' && (m.text === 'hello bob?' || m.text.startsWith('Bob here'))));
    assert.equal(code(await alice.request({ type: 'send', conversation, text: 'me again' })), 'not-participant');
    assert.equal(code(await alice.request({ type: 'transfer', conversation, to: { agent: 'agent:bob' } })), 'not-participant');

    // The former owner wraps up their part; the new owner sees it, the customer does not.
    assert.equal(code(await alice.request({ type: 'wrap-up', conversation, wrapUp: { note: 'handed to billing' } })), 'ack');
    const wrapped = await bob.next('wrapped-up', (m) => m.conversation === conversation);
    assert.deepEqual([wrapped.agent.id, wrapped.wrapUp], ['agent:alice', { note: 'handed to billing' }]);
    assert.equal(code(await bob.request({ type: 'wrap-up', conversation, wrapUp: { note: 'too early' } })), 'forbidden');
    assert.equal(code(await alice.request({ type: 'sign-out' })), 'ack', 'alice holds no conversation any more');

    const stored = relay.relay.store.conversation(conversation)!;
    assert.equal(stored.agent, 'agent:bob');
    assert.deepEqual([...stored.formerAgents], ['agent:alice']);
    assert.equal(stored.queue, QUEUE_A, 'a transfer to an agent keeps the queue');
    assert.deepEqual([...relay.relay.store.agent('agent:bob')!.conversations], [conversation]);

    await roundTrip(maija);
    gaplessSeqs(eventsOf(maija, conversation), 'the customer');
    gaplessSeqs(eventsOf(bob, conversation), 'the new owner');
    assert.ok(!maija.frames.some((f) => f.includes('VIP') || f.includes('"wrapped-up"') || f.includes('"request')));
  });

  it('leaves the conversation with its owner when the agent declines, and allows another transfer', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const requestId = await transfer(alice, conversation, { agent: 'agent:bob' });
    assert.equal(code(await alice.request({ type: 'transfer', conversation, to: { agent: 'agent:bob' } })), 'request-pending');
    await bob.next('request');

    assert.equal(code(await bob.request({ type: 'answer-request', request: requestId, accept: false })), 'ack');
    assert.equal((await bob.next('request-ended', (m) => m.request === requestId)).outcome, 'declined');
    assert.equal((await alice.next('request-ended', (m) => m.request === requestId)).outcome, 'declined');
    assert.equal(code(await bob.request({ type: 'answer-request', request: requestId, accept: true })), 'request-unknown');

    assert.equal(relay.relay.store.conversation(conversation)?.agent, 'agent:alice');
    await customer.client.request({ type: 'send', conversation, text: 'still with you?' });
    await alice.next('message', (m) => m.text === 'still with you?');
    await roundTrip(bob);
    assert.ok(!bob.received.some((m) => m.type === 'message' || m.type === 'history'), 'bob never joined');
    await roundTrip(customer.client);
    assert.ok(!customer.client.received.some((m) => m.type === 'agent-joined' || m.type === 'agent-left'));
    await transfer(alice, conversation, { agent: 'agent:bob' });
  });

  it('times out after requestTimeoutSeconds: the sender keeps the conversation, the target can no longer accept', async (t) => {
    const relay = await startTestRelay(t, { requestTimeoutSeconds: 5 });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const requestId = await transfer(alice, conversation, { agent: 'agent:bob' });
    const { request } = await bob.next('request');
    assert.equal(request.expiresAt, relay.clock.now + 5000);

    relay.clock.advance(5000);
    const forBob = await bob.next('request-ended', (m) => m.request === requestId, TICK_WAIT_MS);
    const forAlice = await alice.next('request-ended', (m) => m.request === requestId, TICK_WAIT_MS);
    assert.deepEqual([forBob.outcome, forAlice.outcome], ['timeout', 'timeout']);
    assert.equal(code(await bob.request({ type: 'answer-request', request: requestId, accept: true })), 'request-unknown');

    assert.equal(relay.relay.store.conversation(conversation)?.agent, 'agent:alice');
    assert.equal(relay.relay.store.sizes.requests, 0);
    await alice.request({ type: 'send', conversation, text: 'I am still here' });
    await customer.client.next('message', (m) => m.text === 'I am still here');
    await transfer(alice, conversation, { agent: 'agent:bob' });
  });

  it('can be cancelled by its sender only, and every side hears it', async (t) => {
    const relay = await startTestRelay(t);
    const { agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const requestId = await transfer(alice, conversation, { agent: 'agent:bob' });
    await bob.next('request');

    assert.equal(code(await bob.request({ type: 'cancel-request', request: requestId })), 'request-unknown');
    assert.equal(code(await alice.request({ type: 'cancel-request', request: requestId })), 'ack');
    assert.equal((await bob.next('request-ended', (m) => m.request === requestId)).outcome, 'cancelled');
    assert.equal((await alice.next('request-ended', (m) => m.request === requestId)).outcome, 'cancelled');
    assert.equal(code(await bob.request({ type: 'answer-request', request: requestId, accept: true })), 'request-unknown');
    assert.equal(code(await alice.request({ type: 'cancel-request', request: requestId })), 'request-unknown');
    assert.equal(relay.relay.store.conversation(conversation)?.agent, 'agent:alice');
  });
});

describe('a transfer to a queue', () => {
  it('asks the queue\'s available agents; the first to accept wins and the conversation moves to that queue', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_B]);
    const { client: carol } = await relay.agent('carol', [QUEUE_B]);
    const { client: dave } = await relay.agent('dave', [QUEUE_B]);
    assert.equal(code(await dave.request({ type: 'presence', presence: 'away' })), 'ack');
    const { client: erin } = await relay.agent('erin', [QUEUE_A], [QUEUE_A]);

    const requestId = await transfer(alice, conversation, { queue: QUEUE_B });
    const forBob = await bob.next('request');
    const forCarol = await carol.next('request');
    assert.deepEqual(forBob, forCarol);
    assert.equal(forBob.request.toQueue, QUEUE_B);
    assert.equal(forBob.request.queue, QUEUE_A, 'the conversation is still in its old queue while asked');
    for (const other of [dave, erin, alice]) {
      await roundTrip(other);
      assert.ok(!other.received.some((m) => m.type === 'request'), 'away agents, other queues and the sender are not asked');
    }

    assert.equal(code(await carol.request({ type: 'answer-request', request: requestId, accept: true })), 'ack');
    const taken = await bob.next('request-ended', (m) => m.request === requestId);
    assert.deepEqual([taken.outcome, taken.by], ['taken', { id: 'agent:carol', name: 'Agent carol' }]);
    assert.equal(code(await bob.request({ type: 'answer-request', request: requestId, accept: true })), 'request-unknown');
    assert.equal((await alice.next('request-ended', (m) => m.request === requestId)).outcome, 'accepted');

    await carol.next('history', (m) => m.conversation === conversation);
    const joined = await customer.client.next('agent-joined');
    assert.deepEqual([joined.agent.id, joined.via, joined.queue], ['agent:carol', 'transfer', QUEUE_B], 'the customer learns the new queue');
    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual([stored.agent, stored.queue], ['agent:carol', QUEUE_B]);
    await customer.client.request({ type: 'send', conversation, text: 'hi carol' });
    await carol.next('message', (m) => m.text === 'hi carol');
    await roundTrip(bob);
    assert.ok(!bob.received.some((m) => m.type === 'message' || m.type === 'history'), 'bob did not join');
  });
});
