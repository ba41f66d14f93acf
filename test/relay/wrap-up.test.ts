/**
 * Wrap-ups (C12, C13): given with the end or after it, or after transferring; reasons checked
 * against the queue's list; seen by agents only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, QUEUE_B, roundTrip, startConversation, startTestRelay, replyCode } from './helpers.js';

const code = replyCode;
const REASONS = ['resolved', 'escalated'];

describe('wrapping up with the end', () => {
  it('refuses a reason not in the queue\'s list with reason-unknown, and then the conversation goes on', async (t) => {
    const relay = await startTestRelay(t, { queueA: { wrapUpReasons: REASONS } });
    const { customer, agent, conversation } = await startConversation(relay);
    const alice = agent.client;
    assert.deepEqual(customer.welcome.queues.find((q) => q.id === QUEUE_A)?.wrapUpReasons, REASONS);

    const bad = await alice.request({ type: 'end', conversation, wrapUp: { reason: 'bored' } });
    assert.ok(bad.type === 'error' && bad.code === 'reason-unknown');
    assert.match(bad.message, /resolved, escalated/);
    assert.equal(code(await alice.request({ type: 'end', conversation, wrapUp: { note: 'no reason given' } })), 'reason-unknown');
    assert.equal(relay.relay.store.conversation(conversation)?.ended, false);
    await customer.client.request({ type: 'send', conversation, text: 'still open?' });
    await alice.next('message', (m) => m.text === 'still open?');

    const ok = await alice.request({
      type: 'end',
      conversation,
      wrapUp: { reason: 'resolved', note: '  refund issued  ', tags: ['refund', ' vip '] },
    });
    assert.equal(code(ok), 'ack');
    const ended = await alice.next('conversation-ended');
    const wrapped = await alice.next('wrapped-up');
    assert.deepEqual(
      { seq: wrapped.seq, agent: wrapped.agent, wrapUp: wrapped.wrapUp },
      {
        seq: ended.seq + 1,
        agent: { id: 'agent:alice', name: 'Agent alice', role: 'agent' },
        wrapUp: { reason: 'resolved', note: 'refund issued', tags: ['refund', 'vip'] },
      },
    );
    await customer.client.next('conversation-ended');
    await roundTrip(customer.client);
    assert.ok(!customer.client.frames.some((f) => f.includes('"wrapped-up"') || f.includes('refund')));
    assert.equal(relay.relay.store.conversation(conversation)?.log.at(-1)?.type, 'wrapped-up');
  });

  it('accepts any reason, or none, in a queue without a list', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'free', name: 'Free' }] });
    const customer = await relay.customer('Maija', 'free');
    const { client: alice } = await relay.agent('alice', ['free']);
    const picked = await alice.request({ type: 'pick', queue: 'free' });
    assert.ok(picked.type === 'ack' && picked.conversation);
    assert.equal(code(await alice.request({ type: 'end', conversation: picked.conversation, wrapUp: { reason: 'anything at all', tags: ['x'] } })), 'ack');
    assert.equal((await alice.next('wrapped-up')).wrapUp.reason, 'anything at all');
    assert.ok(customer);
  });

  it('is the agents\' business: a customer ending with a wrap-up is refused and nothing is recorded', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const reply = await customer.client.request({ type: 'end', conversation, wrapUp: { reason: 'fixed', note: 'customer says so' } });
    assert.equal(code(reply), 'forbidden');
    const stored = relay.relay.store.conversation(conversation)!;
    assert.ok(!stored.log.some((e) => e.type === 'wrapped-up'));
    assert.equal(stored.ended, false);
    assert.equal(code(await customer.client.request({ type: 'end', conversation })), 'ack');
    await agent.client.next('conversation-ended');
    await roundTrip(agent.client);
    assert.ok(!agent.client.received.some((m) => m.type === 'wrapped-up'));
    assert.equal(code(await customer.client.request({ type: 'wrap-up', conversation, wrapUp: { note: 'x' } })), 'forbidden');
  });
});

describe('wrapping up after the end', () => {
  it('lets the owner wrap up once the customer ended, with tags and a note, checked like at the end', async (t) => {
    const relay = await startTestRelay(t, { queueA: { wrapUpReasons: REASONS } });
    const { customer, agent, conversation } = await startConversation(relay);
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    assert.equal(code(await alice.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'resolved' } })), 'forbidden', 'not before the end');

    assert.equal(code(await customer.client.request({ type: 'end', conversation })), 'ack');
    const ended = await alice.next('conversation-ended');
    assert.equal(ended.reason, 'customer-ended');

    assert.equal(code(await alice.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'nope' } })), 'reason-unknown');
    assert.equal(code(await bob.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'resolved' } })), 'not-participant');
    const reply = await alice.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'escalated', note: 'call back Monday', tags: ['callback'] } });
    assert.ok(reply.type === 'ack' && reply.conversation === conversation);
    const wrapped = await alice.next('wrapped-up');
    assert.deepEqual([wrapped.seq, wrapped.wrapUp], [ended.seq + 1, { reason: 'escalated', note: 'call back Monday', tags: ['callback'] }]);

    await roundTrip(customer.client);
    assert.ok(!customer.client.frames.some((f) => f.includes('"wrapped-up"') || f.includes('callback')));
    await roundTrip(bob);
    assert.ok(!bob.received.some((m) => m.type === 'wrapped-up'));
  });

  it('lets the former owner wrap up right after transferring, and the new owner only after the end', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'billing', name: 'Billing', wrapUpReasons: ['paid'] }] });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', ['billing']);
    const transfer = await alice.request({ type: 'transfer', conversation, to: { queue: 'billing' } });
    assert.ok(transfer.type === 'ack' && transfer.request);
    await bob.next('request');
    assert.equal(code(await bob.request({ type: 'answer-request', request: transfer.request, accept: true })), 'ack');
    await alice.next('agent-left');

    // The conversation now belongs to billing: its reasons apply.
    assert.equal(code(await alice.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'resolved' } })), 'reason-unknown');
    assert.equal(code(await alice.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'paid', note: 'sent to billing' } })), 'ack');
    const forAlice = await alice.next('wrapped-up');
    const forBob = await bob.next('wrapped-up');
    assert.deepEqual(forBob, forAlice);
    assert.equal(forBob.agent.id, 'agent:alice');

    assert.equal(code(await bob.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'paid' } })), 'forbidden');
    assert.equal(code(await bob.request({ type: 'end', conversation, wrapUp: { reason: 'paid', tags: ['billing'] } })), 'ack');
    const bobs = await bob.next('wrapped-up');
    assert.deepEqual([bobs.agent.id, bobs.wrapUp], ['agent:bob', { reason: 'paid', tags: ['billing'] }]);
    await roundTrip(customer.client);
    assert.ok(!customer.client.frames.some((f) => f.includes('"wrapped-up"')));
    assert.equal(relay.relay.store.conversation(conversation)?.log.filter((e) => e.type === 'wrapped-up').length, 2);
    assert.ok(QUEUE_B);
  });
});
