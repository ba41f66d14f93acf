import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationEvent } from '../../protocol/index.js';
import { eventsOf, gaplessSeqs, QUEUE_A, QUEUE_B, replyCode, roundTrip, startConversation, startTestRelay, TICK_WAIT_MS, sleep } from './helpers.js';

const texts = (events: ConversationEvent[]) => events.flatMap((e) => (e.type === 'message' ? [e.text] : []));
/** Events seen once each, by seq: a history and live events may overlap. */
const uniqueBySeq = (events: ConversationEvent[]) => [...new Map(events.map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);

describe('return to an ended chat (W5)', () => {
  it('goes on with the same agent when they are available: same conversation, every stream gapless', async (t) => {
    const relay = await startTestRelay(t, { queueA: { returnMinutes: 10 } });
    const { customer, agent, conversation, startedForCustomer } = await startConversation(relay);
    const { welcome } = customer;
    assert.equal(welcome.queues.find((q) => q.id === QUEUE_A)?.returnMinutes, 10);
    assert.equal(welcome.queues.find((q) => q.id === QUEUE_B)?.returnMinutes, undefined);
    assert.equal(startedForCustomer.conversation, conversation);
    assert.equal(replyCode(await customer.client.request({ type: 'send', conversation, text: 'Before the end' })), 'ack');
    assert.equal(replyCode(await customer.client.request({ type: 'end', conversation })), 'ack');
    await agent.client.next('conversation-ended');
    relay.clock.advance(5 * 60_000);

    const back = await customer.client.request({ type: 'return-to-chat', conversation });
    assert.equal(replyCode(back), 'ack');
    const forCustomer = await customer.client.next('conversation-reopened');
    const forAgent = await agent.client.next('conversation-reopened');
    assert.equal(forCustomer.agent.name, 'Agent alice');
    assert.equal(forAgent.conversation, conversation);
    assert.equal(replyCode(await agent.client.request({ type: 'send', conversation, text: 'Welcome back' })), 'ack');
    assert.equal((await customer.client.next('message', (m) => m.text === 'Welcome back')).conversation, conversation);
    assert.equal(replyCode(await customer.client.request({ type: 'send', conversation, text: 'After the return' })), 'ack');
    await agent.client.next('message', (m) => m.text === 'After the return');

    await roundTrip(customer.client);
    await roundTrip(agent.client);
    const customerEvents = uniqueBySeq(eventsOf(customer.client, conversation));
    const agentEvents = uniqueBySeq(eventsOf(agent.client, conversation));
    gaplessSeqs(customerEvents, 'the customer');
    gaplessSeqs(agentEvents, 'the agent');
    assert.deepEqual(texts(customerEvents), ['Before the end', 'Welcome back', 'After the return']);
    assert.deepEqual(customerEvents.map((e) => e.type).slice(-4), ['conversation-ended', 'conversation-reopened', 'message', 'message']);
    assert.equal(replyCode(await customer.client.request({ type: 'return-to-chat', conversation })), 'not-ended');
  });

  it('waits at the front of the line, marked returning, when the agent is away; whoever takes the customer carries the conversation on', async (t) => {
    const relay = await startTestRelay(t, { queueA: { returnMinutes: 10 } });
    const { customer, agent, conversation } = await startConversation(relay);
    assert.equal(replyCode(await customer.client.request({ type: 'send', conversation, text: 'My order is late' })), 'ack');
    assert.equal(replyCode(await agent.client.request({ type: 'end', conversation })), 'ack');
    assert.equal(replyCode(await agent.client.request({ type: 'presence', presence: 'away' })), 'ack');
    const other = await relay.customer('Olli', QUEUE_A);

    assert.equal(replyCode(await customer.client.request({ type: 'return-to-chat', conversation })), 'ack');
    assert.equal((await customer.client.next('waiting', (m) => m.position === 1)).queue, QUEUE_A);
    const bob = await relay.agent('bob', [QUEUE_A]);
    const snapshot = await bob.client.next('queue', (m) => m.queue.waiting.length === 2);
    assert.deepEqual(snapshot.queue.waiting.map((w) => [w.name, w.returning ?? false]), [['Maija', true], ['Olli', false]]);

    const pick = await bob.client.request({ type: 'pick', queue: QUEUE_A });
    assert.equal(replyCode(pick), 'ack');
    assert.equal(pick.type === 'ack' ? pick.conversation : '', conversation, 'the same conversation');
    const history = await bob.client.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(texts(history.events), ['My order is late'], 'the new agent reads what went before');
    assert.equal((await customer.client.next('conversation-reopened')).agent.name, 'Agent bob');
    assert.equal(replyCode(await bob.client.request({ type: 'send', conversation, text: 'Bob here' })), 'ack');
    await customer.client.next('message', (m) => m.text === 'Bob here');
    await roundTrip(bob.client);
    gaplessSeqs(uniqueBySeq(eventsOf(bob.client, conversation)), 'bob');
    assert.equal(replyCode(await agent.client.request({ type: 'send', conversation, text: 'Alice again' })), 'not-participant');
    await other.client.close();
  });

  it('is refused where the queue does not allow it, after the window, after a release, to others and while busy', async (t) => {
    const relay = await startTestRelay(t, { queueA: { returnMinutes: 10 }, extraQueues: [{ id: 'no-return', name: 'No return' }] });
    const { customer, agent, conversation } = await startConversation(relay);
    assert.equal(replyCode(await customer.client.request({ type: 'return-to-chat', conversation })), 'not-ended');
    assert.equal(replyCode(await agent.client.request({ type: 'return-to-chat', conversation } as never)), 'forbidden');
    assert.equal(replyCode(await customer.client.request({ type: 'end', conversation })), 'ack');
    const stranger = await relay.customer('Stranger');
    assert.equal(replyCode(await stranger.client.request({ type: 'return-to-chat', conversation })), 'not-participant');
    assert.equal(replyCode(await customer.client.request({ type: 'join', queue: QUEUE_B, name: 'Maija' })), 'ack');
    assert.equal(replyCode(await customer.client.request({ type: 'return-to-chat', conversation })), 'already-waiting');
    assert.equal(replyCode(await customer.client.request({ type: 'leave' })), 'ack');
    relay.clock.advance(10 * 60_000 + 1);
    const late = await customer.client.request({ type: 'return-to-chat', conversation });
    assert.equal(replyCode(late), 'return-not-allowed');
    assert.match(late.type === 'error' ? late.message : '', /10 minutes after its end/);

    const elsewhere = await relay.customer('Nora', 'no-return');
    const noReturnAgent = await relay.agent('carl', ['no-return']);
    const picked = await noReturnAgent.client.request({ type: 'pick', queue: 'no-return' });
    const other = picked.type === 'ack' ? picked.conversation! : '';
    assert.equal(replyCode(await elsewhere.client.request({ type: 'end', conversation: other })), 'ack');
    assert.equal(replyCode(await elsewhere.client.request({ type: 'return-to-chat', conversation: other })), 'return-not-allowed');

    const released = await startConversation(relay, 'Rita', 'dana');
    assert.equal(replyCode(await released.agent.client.request({ type: 'release', conversation: released.conversation })), 'ack');
    await released.customer.client.next('waiting');
    assert.equal(replyCode(await released.customer.client.request({ type: 'leave' })), 'ack');
    assert.equal(replyCode(await released.customer.client.request({ type: 'return-to-chat', conversation: released.conversation })), 'return-not-allowed');
  });

  it('keeps an ended conversation as long as it may be returned to, past recentMinutes', async (t) => {
    const relay = await startTestRelay(t, { queueA: { returnMinutes: 30 }, recentMinutes: 1 });
    const { customer, conversation } = await startConversation(relay);
    assert.equal(replyCode(await customer.client.request({ type: 'end', conversation })), 'ack');
    relay.clock.advance(20 * 60_000);
    await sleep(TICK_WAIT_MS);
    assert.equal(replyCode(await customer.client.request({ type: 'return-to-chat', conversation })), 'ack', 'still there after 20 minutes');
  });
});
