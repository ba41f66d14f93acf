/**
 * Private messages and agents-only events (C8, C12) never reach the customer's socket: not live,
 * not in the history after a reconnect, not in answer to sync. Each stream stays gapless.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventsOf,
  gaplessSeqs,
  QUEUE_B,
  roundTrip,
  startConversation,
  startTestRelay,
  until,
  type TestClient,
  type TestRelay,
} from './helpers.js';

const SECRET_TEXTS = ['customer seems upset, be gentle', 'she has a refund pending', 'checking the order system'];

/** Nothing in any frame the customer got mentions privacy, wrap-ups or the private texts. */
function assertNothingPrivate(customer: TestClient): void {
  assert.ok(customer.frames.length > 0);
  for (const frame of customer.frames) {
    assert.doesNotMatch(frame, /"private"/, `a private event reached the customer: ${frame}`);
    assert.doesNotMatch(frame, /"wrapped-up"|"wrapUp"/, `an agents-only event reached the customer: ${frame}`);
    for (const text of SECRET_TEXTS) assert.ok(!frame.includes(text), `a private text reached the customer: ${frame}`);
  }
}

/** Invites `sub` (signed in to QUEUE_B) into the conversation and waits until they are in. */
async function invited(relay: TestRelay, owner: TestClient, conversation: string, sub: string): Promise<TestClient> {
  const { client: guest } = await relay.agent(sub, [QUEUE_B]);
  const asked = await owner.request({ type: 'invite', conversation, to: { agent: `agent:${sub}` } });
  assert.ok(asked.type === 'ack' && asked.request, JSON.stringify(asked));
  const request = await guest.next('request');
  assert.equal((await guest.request({ type: 'answer-request', request: request.request.id, accept: true })).type, 'ack');
  await guest.next('agent-joined', (m) => m.conversation === conversation);
  return guest;
}

describe('private messages', () => {
  it('never reach the customer, whose stream stays gapless while the agents see more', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const maija = customer.client;

    await maija.request({ type: 'send', conversation, text: 'my order is late' });
    assert.equal((await alice.request({ type: 'send', conversation, text: SECRET_TEXTS[0]!, private: true })).type, 'ack');
    await alice.request({ type: 'send', conversation, text: 'let me look into it' });
    const bob = await invited(relay, alice, conversation, 'bob');
    assert.equal((await bob.request({ type: 'send', conversation, text: SECRET_TEXTS[1]!, private: true })).type, 'ack');
    await maija.request({ type: 'send', conversation, text: 'thanks' });
    assert.equal((await alice.request({ type: 'send', conversation, text: SECRET_TEXTS[2]!, private: true })).type, 'ack');
    const ended = await alice.request({ type: 'end', conversation, wrapUp: { reason: 'resolved', note: 'refund issued', tags: ['refund'] } });
    assert.equal(ended.type, 'ack');

    await maija.next('conversation-ended', (m) => m.conversation === conversation);
    await alice.next('wrapped-up', (m) => m.conversation === conversation);
    await bob.next('conversation-ended', (m) => m.conversation === conversation);
    await roundTrip(maija);

    // The customer: only public events, numbered 1..n without a gap.
    assertNothingPrivate(maija);
    const forCustomer = eventsOf(maija, conversation);
    const n = gaplessSeqs(forCustomer, 'the customer').length;
    assert.deepEqual(
      forCustomer.map((e) => (e.type === 'message' ? e.text : e.type)),
      ['conversation-started', 'my order is late', 'let me look into it', 'agent-joined', 'thanks', 'conversation-ended'],
    );

    // The owner: every event, numbered 1..m in its own stream, with m > n.
    const forAgents = eventsOf(alice, conversation);
    const m = gaplessSeqs(forAgents, 'the owner').length;
    assert.ok(m > n, `the agents' stream (${m}) is longer than the customer's (${n})`);
    assert.deepEqual(
      forAgents.filter((e) => e.type === 'message' && e.private).map((e) => (e.type === 'message' ? [e.text, e.author.id] : [])),
      [
        [SECRET_TEXTS[0], 'agent:alice'],
        [SECRET_TEXTS[1], 'agent:bob'],
        [SECRET_TEXTS[2], 'agent:alice'],
      ],
    );
    assert.deepEqual(forAgents.map((e) => e.type).slice(-2), ['conversation-ended', 'wrapped-up']);
    // Public events carry the same content in both streams, only their seq differs.
    const strip = ({ seq: _seq, ...rest }: { seq: number }) => rest;
    assert.deepEqual(
      forAgents.filter((e) => !(e.type === 'message' && e.private) && e.type !== 'wrapped-up').map(strip),
      forCustomer.map(strip),
    );

    // The guest: the history up to the invitation, then live; together gapless, without repeats.
    gaplessSeqs(eventsOf(bob, conversation), 'the guest');
    assert.deepEqual(eventsOf(bob, conversation), forAgents.slice(0, eventsOf(bob, conversation).length));
  });

  it('are refused from customers with forbidden, recording nothing', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const reply = await customer.client.request({ type: 'send', conversation, text: 'only for the agents?', private: true });
    assert.equal(reply.type === 'error' && reply.code, 'forbidden');
    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual([stored.log.length, stored.customerLog.length], [1, 1]);
    await roundTrip(agent.client);
    assert.equal(agent.client.received.filter((m) => m.type === 'message').length, 0);
  });
});

describe('a customer coming back after private messages', () => {
  it('gets a history without private or agents-only events, numbered in the customer stream; sync too', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    await customer.client.request({ type: 'send', conversation, text: 'hello' });
    await alice.request({ type: 'send', conversation, text: SECRET_TEXTS[0]!, private: true });
    await alice.request({ type: 'send', conversation, text: 'hi Maija' });
    await alice.request({ type: 'send', conversation, text: SECRET_TEXTS[1]!, private: true });
    await customer.client.next('message', (m) => m.text === 'hi Maija');

    await customer.client.close();
    const id = customer.welcome.self.id;
    await until(() => relay.relay.store.customer(id)?.disconnectedAt !== undefined, 'the relay saw the customer go');
    const again = await relay.connect();
    const welcome = await again.hello('customer', { resume: customer.welcome.resumeToken! });
    assert.equal(welcome.self.id, id);
    const history = await again.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      history.events.map((e) => [e.seq, e.type === 'message' ? e.text : e.type]),
      [
        [1, 'conversation-started'],
        [2, 'hello'],
        [3, 'hi Maija'],
      ],
    );

    // Live again: the next public message continues the customer's numbering.
    await alice.request({ type: 'send', conversation, text: SECRET_TEXTS[2]!, private: true });
    await alice.request({ type: 'send', conversation, text: 'anything else?' });
    const live = await again.next('message', (m) => m.conversation === conversation);
    assert.deepEqual([live.seq, live.text], [4, 'anything else?']);

    const sync = await again.request({ type: 'sync', conversation, after: 1 });
    assert.equal(sync.type, 'ack');
    const synced = await again.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      synced.events.map((e) => [e.seq, e.type === 'message' ? e.text : e.type]),
      [
        [2, 'hello'],
        [3, 'hi Maija'],
        [4, 'anything else?'],
      ],
    );

    // The agents' sync of the same conversation has everything, numbered in their stream.
    await alice.request({ type: 'sync', conversation, after: 0 });
    const forAgents = await alice.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      forAgents.events.map((e) => [e.seq, e.type === 'message' && e.private === true]),
      [
        [1, false],
        [2, false],
        [3, true],
        [4, false],
        [5, true],
        [6, true],
        [7, false],
      ],
    );

    // After the end with a wrap-up, a reconnecting customer still sees none of it.
    await alice.request({ type: 'end', conversation, wrapUp: { note: 'done' } });
    await again.next('conversation-ended');
    await again.close();
    await until(() => relay.relay.store.customer(id)?.disconnectedAt !== undefined, 'the relay saw the customer go again');
    const third = await relay.connect();
    await third.hello('customer', { resume: customer.welcome.resumeToken! });
    const last = await third.next('history', (m) => m.conversation === conversation);
    gaplessSeqs(last.events, 'the customer after the end');
    assert.deepEqual(last.events.map((e) => e.type).at(-1), 'conversation-ended');
    await third.request({ type: 'sync', conversation, after: 0 });
    assertNothingPrivate(again);
    assertNothingPrivate(third);
  });
});
