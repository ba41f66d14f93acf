/**
 * Invitations (C10) over real sockets: an invited agent joins as a guest, sees everything,
 * writes (privately too), leaves or is sent away when the owner ends the conference.
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
  type TestClient,
  type TestRelay,
  replyCode,
} from './helpers.js';

const code = replyCode;

async function invite(owner: TestClient, conversation: string, to: { agent: string } | { queue: string }): Promise<string> {
  const reply = await owner.request({ type: 'invite', conversation, to });
  assert.ok(reply.type === 'ack' && reply.request, `invite refused: ${JSON.stringify(reply)}`);
  return reply.request;
}

/** Invites `sub` by name and has them accept; returns their client once they are in. */
async function guest(relay: TestRelay, owner: TestClient, conversation: string, sub: string): Promise<TestClient> {
  const { client } = await relay.agent(sub, [QUEUE_B]);
  const requestId = await invite(owner, conversation, { agent: `agent:${sub}` });
  const { request } = await client.next('request', (m) => m.request.id === requestId);
  assert.equal(request.kind, 'invite');
  assert.equal(code(await client.request({ type: 'answer-request', request: requestId, accept: true })), 'ack');
  await client.next('agent-joined', (m) => m.conversation === conversation && m.agent.id === `agent:${sub}`);
  return client;
}

describe('an invitation to a named agent', () => {
  it('brings the agent in as a guest who sees everything and writes, privately too, while the customer sees only public events', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const maija = customer.client;
    await alice.request({ type: 'send', conversation, text: 'she asks about invoices', private: true });

    const bob = await guest(relay, alice, conversation, 'bob');
    const history = await bob.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      history.events.map((e) => e.type),
      ['conversation-started', 'message'],
    );
    assert.equal((await alice.next('request-ended')).outcome, 'accepted');
    const joined = await maija.next('agent-joined', (m) => m.conversation === conversation);
    assert.deepEqual([joined.agent.id, joined.via], ['agent:bob', 'invite']);
    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual([stored.agent, [...stored.guests]], ['agent:alice', ['agent:bob']], 'the owner stays the owner');

    assert.equal(code(await bob.request({ type: 'send', conversation, text: 'try invoice 4711', private: true })), 'ack');
    const whisper = await alice.next('message', (m) => m.text === 'try invoice 4711');
    assert.deepEqual([whisper.private, whisper.author.id], [true, 'agent:bob']);
    assert.equal(code(await bob.request({ type: 'send', conversation, text: 'Hello, I am Bob from billing' })), 'ack');
    assert.equal((await maija.next('message', (m) => m.text.startsWith('Hello, I am Bob'))).author.id, 'agent:bob');
    await maija.request({ type: 'send', conversation, text: 'hi both' });
    await bob.next('message', (m) => m.text === 'hi both');
    await alice.next('message', (m) => m.text === 'hi both');

    // A guest neither ends nor hands the conversation on.
    assert.equal(code(await bob.request({ type: 'end', conversation })), 'forbidden');
    assert.equal(code(await bob.request({ type: 'transfer', conversation, to: { queue: QUEUE_A } })), 'forbidden');
    assert.equal(code(await bob.request({ type: 'invite', conversation, to: { queue: QUEUE_A } })), 'forbidden');
    assert.equal(code(await bob.request({ type: 'end-conference', conversation })), 'forbidden');
    assert.equal(code(await alice.request({ type: 'invite', conversation, to: { agent: 'agent:bob' } })), 'forbidden', 'already in');
    assert.equal(relay.relay.store.conversation(conversation)?.ended, false);

    await roundTrip(maija);
    assert.ok(!maija.frames.some((f) => f.includes('"private"') || f.includes('invoice') || f.includes('"request')));
    gaplessSeqs(eventsOf(maija, conversation), 'the customer');
    gaplessSeqs(eventsOf(bob, conversation), 'the guest');
    gaplessSeqs(eventsOf(alice, conversation), 'the owner');

    // When the owner ends, the guest is told too and holds nothing any more.
    assert.equal(code(await alice.request({ type: 'end', conversation })), 'ack');
    assert.equal((await bob.next('conversation-ended')).reason, 'agent-ended');
    assert.equal(relay.relay.store.agent('agent:bob')?.conversations.size, 0);
  });

  it('allows one invitation at a time', async (t) => {
    const relay = await startTestRelay(t);
    const { agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_B]);
    const { client: carol } = await relay.agent('carol', [QUEUE_B]);
    const first = await invite(alice, conversation, { agent: 'agent:bob' });
    assert.equal(code(await alice.request({ type: 'invite', conversation, to: { agent: 'agent:carol' } })), 'request-pending');
    assert.equal(code(await alice.request({ type: 'invite', conversation, to: { queue: QUEUE_B } })), 'request-pending');
    await roundTrip(carol);
    assert.ok(!carol.received.some((m) => m.type === 'request'));

    await bob.next('request');
    assert.equal(code(await bob.request({ type: 'answer-request', request: first, accept: false })), 'ack');
    assert.equal((await alice.next('request-ended', (m) => m.request === first)).outcome, 'declined');
    await invite(alice, conversation, { agent: 'agent:carol' });
    assert.equal((await carol.next('request')).request.from.id, 'agent:alice');
  });
});

describe('an invitation to a queue', () => {
  it('asks the queue\'s available agents; the first to accept joins as a guest, the others hear it was taken', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_B]);
    const { client: carol } = await relay.agent('carol', [QUEUE_B]);
    const requestId = await invite(alice, conversation, { queue: QUEUE_B });
    const forBob = await bob.next('request');
    assert.deepEqual([forBob.request.kind, forBob.request.toQueue], ['invite', QUEUE_B]);
    await carol.next('request');

    assert.equal(code(await bob.request({ type: 'answer-request', request: requestId, accept: true })), 'ack');
    const taken = await carol.next('request-ended', (m) => m.request === requestId);
    assert.deepEqual([taken.outcome, taken.by?.id], ['taken', 'agent:bob']);
    assert.equal((await customer.client.next('agent-joined')).agent.id, 'agent:bob');
    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual([stored.agent, [...stored.guests], stored.queue], ['agent:alice', ['agent:bob'], QUEUE_A], 'an invitation moves nothing');
    await customer.client.request({ type: 'send', conversation, text: 'who is here?' });
    await bob.next('message', (m) => m.text === 'who is here?');
  });
});

describe('leaving a conference', () => {
  it('ends the conference when the owner says so: every guest leaves the stream, the customer sees each go', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const maija = customer.client;
    assert.equal(code(await alice.request({ type: 'end-conference', conversation })), 'forbidden', 'nobody was invited');
    const bob = await guest(relay, alice, conversation, 'bob');
    const carol = await guest(relay, alice, conversation, 'carol');

    assert.equal(code(await alice.request({ type: 'end-conference', conversation })), 'ack');
    for (const client of [carol, alice, maija]) {
      const gone = [await client.next('agent-left'), await client.next('agent-left')];
      assert.deepEqual(
        gone.map((e) => [e.agent.id, e.reason]),
        [
          ['agent:bob', 'conference-ended'],
          ['agent:carol', 'conference-ended'],
        ],
      );
    }
    // Bob, out first, hears of his own leaving and nothing after it.
    assert.deepEqual([(await bob.next('agent-left')).agent.id], ['agent:bob']);
    assert.deepEqual([...relay.relay.store.conversation(conversation)!.guests], []);
    assert.equal(code(await bob.request({ type: 'send', conversation, text: 'one more thing' })), 'not-participant');
    await maija.request({ type: 'send', conversation, text: 'just us now' });
    await alice.next('message', (m) => m.text === 'just us now');
    await roundTrip(bob);
    await roundTrip(carol);
    assert.ok(![...bob.received, ...carol.received].some((m) => m.type === 'message' && m.text === 'just us now'), 'the guests left the stream');
    assert.equal(bob.received.filter((m) => m.type === 'agent-left').length, 1);
    assert.equal(code(await bob.request({ type: 'sign-out' })), 'ack', 'the guest holds no conversation any more');
    await roundTrip(maija);
    gaplessSeqs(eventsOf(maija, conversation), 'the customer');
  });

  it('lets a guest leave by choice; the owner cannot leave that way', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const bob = await guest(relay, alice, conversation, 'bob');
    assert.equal(code(await alice.request({ type: 'leave-conversation', conversation })), 'forbidden');

    assert.equal(code(await bob.request({ type: 'leave-conversation', conversation })), 'ack');
    for (const client of [bob, alice, customer.client]) {
      const left = await client.next('agent-left');
      assert.deepEqual([left.agent.id, left.reason], ['agent:bob', 'left']);
    }
    assert.equal(code(await bob.request({ type: 'leave-conversation', conversation })), 'not-participant');
    assert.equal(relay.relay.store.agent('agent:bob')?.conversations.size, 0);
    assert.equal(relay.relay.store.conversation(conversation)?.ended, false);
    await customer.client.request({ type: 'send', conversation, text: 'bye bob' });
    await alice.next('message', (m) => m.text === 'bye bob');
  });
});
