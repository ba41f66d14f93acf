import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerEvent } from '../../protocol/index.js';
import { QUEUE_A, startConversation, startTestRelay } from './helpers.js';

describe('waiting in a queue', () => {
  it('tells the first customer to join that they are at position 1', async (t) => {
    const relay = await startTestRelay(t);
    const { client } = await relay.customer();
    const reply = await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' });
    assert.equal(reply.type, 'ack');
    const waiting = await client.next('waiting');
    assert.equal(waiting.queue, QUEUE_A);
    assert.equal(waiting.position, 1);
    assert.equal(waiting.joinedAt, relay.clock.now);
  });

  it('puts a second customer at position 2', async (t) => {
    const relay = await startTestRelay(t);
    await relay.customer('Maija', QUEUE_A);
    const { client } = await relay.customer();
    assert.equal((await client.request({ type: 'join', queue: QUEUE_A, name: 'Pekka' })).type, 'ack');
    assert.equal((await client.next('waiting')).position, 2);
  });

  it('shows an agent signed in to the queue both customers, first in line first', async (t) => {
    const relay = await startTestRelay(t);
    const first = await relay.customer('Maija', QUEUE_A);
    relay.clock.advance(1000);
    const second = await relay.customer('Pekka', QUEUE_A);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    const { queue } = await agent.next('queue', (m) => m.queue.id === QUEUE_A);
    assert.deepEqual(
      queue.waiting.map((w) => [w.id, w.name]),
      [
        [first.welcome.self.id, 'Maija'],
        [second.welcome.self.id, 'Pekka'],
      ],
    );
    assert.ok(queue.waiting[0]!.joinedAt < queue.waiting[1]!.joinedAt);
    assert.deepEqual(queue.agents, [{ id: 'agent:alice', name: 'Agent alice', presence: 'available', conversations: 0 }]);
  });

  it('refuses a second join while already waiting', async (t) => {
    const relay = await startTestRelay(t);
    const { client } = await relay.customer('Maija', QUEUE_A);
    const reply = await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' });
    assert.equal(reply.type, 'error');
    assert.equal(reply.code, 'already-waiting');
  });

  it('refuses to join a queue that does not exist', async (t) => {
    const relay = await startTestRelay(t);
    const { client } = await relay.customer();
    const reply = await client.request({ type: 'join', queue: 'no-such-queue', name: 'Maija' });
    assert.equal(reply.type === 'error' && reply.code, 'queue-unknown');
  });
});

describe('picking a customer', () => {
  it('starts the conversation for both sides with seq 1', async (t) => {
    const relay = await startTestRelay(t);
    const customer = await relay.customer('Maija', QUEUE_A);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    const reply = await agent.request({ type: 'pick', queue: QUEUE_A });
    assert.equal(reply.type, 'ack');
    assert.ok(reply.type === 'ack' && reply.conversation, 'the ack names the conversation');
    const conversation = reply.conversation;

    const forCustomer = await customer.client.next('conversation-started');
    const forAgent = await agent.next('conversation-started');
    assert.deepEqual(forCustomer, forAgent, 'both sides see the same event');
    assert.equal(forCustomer.conversation, conversation);
    assert.equal(forCustomer.seq, 1);
    assert.equal(forCustomer.queue, QUEUE_A);
    assert.deepEqual(forCustomer.customer, { id: customer.welcome.self.id, name: 'Maija', role: 'customer' });
    assert.deepEqual(forCustomer.agent, { id: 'agent:alice', name: 'Agent alice', role: 'agent' });
  });

  it('takes the first in line and moves the one behind to position 1', async (t) => {
    const relay = await startTestRelay(t);
    const first = await relay.customer('Maija', QUEUE_A);
    const second = await relay.customer('Pekka', QUEUE_A);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    assert.equal((await agent.request({ type: 'pick', queue: QUEUE_A })).type, 'ack');

    const started = await first.client.next('conversation-started');
    assert.equal(started.customer.id, first.welcome.self.id);
    assert.equal((await second.client.next('waiting', (m) => m.position === 1)).queue, QUEUE_A);
    const snapshot = await agent.next('queue', (m) => m.queue.waiting.length === 1);
    assert.equal(snapshot.queue.waiting[0]!.id, second.welcome.self.id);
  });

  it('picks a named customer out of turn', async (t) => {
    const relay = await startTestRelay(t);
    await relay.customer('Maija', QUEUE_A);
    const second = await relay.customer('Pekka', QUEUE_A);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    const reply = await agent.request({ type: 'pick', queue: QUEUE_A, customer: second.welcome.self.id });
    assert.equal(reply.type, 'ack');
    assert.equal((await second.client.next('conversation-started')).customer.name, 'Pekka');
  });

  it('refuses to pick from an empty queue', async (t) => {
    const relay = await startTestRelay(t);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    const reply = await agent.request({ type: 'pick', queue: QUEUE_A });
    assert.equal(reply.type === 'error' && reply.code, 'queue-empty');
  });

  it('refuses to pick from a queue the agent has not signed in to', async (t) => {
    const relay = await startTestRelay(t);
    await relay.customer('Maija', QUEUE_A);
    const { client: agent } = await relay.agent('alice', []);
    const reply = await agent.request({ type: 'pick', queue: QUEUE_A });
    assert.equal(reply.type === 'error' && reply.code, 'not-signed-in');
  });

  it('gives a customer picked by two agents at once to exactly one of them', async (t) => {
    const relay = await startTestRelay(t);
    const customer = await relay.customer('Maija', QUEUE_A);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const target = customer.welcome.self.id;
    // Both commands leave before either answer comes back.
    const replies = await Promise.all([
      alice.request({ type: 'pick', queue: QUEUE_A, customer: target }),
      bob.request({ type: 'pick', queue: QUEUE_A, customer: target }),
    ]);
    const acks = replies.filter((r) => r.type === 'ack');
    const errors = replies.filter((r) => r.type === 'error');
    assert.equal(acks.length, 1);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.type === 'error' && errors[0]!.code, 'customer-unavailable');
    const started = await customer.client.next('conversation-started');
    assert.equal(started.agent.id, replies[0]!.type === 'ack' ? 'agent:alice' : 'agent:bob');
  });
});

describe('messages', () => {
  it('acknowledges a message with the command id and the conversation', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const id = customer.client.command({ type: 'send', conversation, text: 'Hei!' });
    const ack = await customer.client.next('ack', (m) => m.id === id);
    assert.equal(ack.conversation, conversation);
  });

  it('delivers 20 alternating messages to both sides in the same gapless seq order, with authors', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const sent: Array<{ id: string; text: string; author: string }> = [];
    for (let i = 0; i < 20; i++) {
      const side = i % 2 === 0 ? customer : agent;
      const text = `message ${i}`;
      const id = side.client.command({ type: 'send', conversation, text });
      sent.push({ id, text, author: side.welcome.self.id });
    }

    const receive = async (side: typeof customer) => {
      const messages: Array<ServerEvent<'message'>> = [];
      for (let i = 0; i < 20; i++) messages.push(await side.client.next('message'));
      return messages;
    };
    const [atCustomer, atAgent] = await Promise.all([receive(customer), receive(agent)]);

    assert.deepEqual(atCustomer, atAgent, 'both sides see identical events');
    assert.deepEqual(
      atCustomer.map((m) => m.seq),
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    // Each side's own messages keep the order it sent them in.
    for (const author of [customer.welcome.self.id, agent.welcome.self.id]) {
      assert.deepEqual(
        atCustomer.filter((m) => m.author.id === author).map((m) => m.text),
        sent.filter((s) => s.author === author).map((s) => s.text),
      );
    }
    const byId = new Map(sent.map((s) => [s.id, s]));
    for (const m of atCustomer) {
      assert.equal(m.conversation, conversation);
      assert.equal(m.text, byId.get(m.messageId)?.text, 'messageId is the send command id');
      assert.equal(m.author.id, byId.get(m.messageId)?.author);
      assert.equal(m.author.name, m.author.role === 'customer' ? 'Maija' : 'Agent alice');
    }
  });

  it('trims the text of a message', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    customer.client.command({ type: 'send', conversation, text: '  Hei!\n' });
    assert.equal((await agent.client.next('message')).text, 'Hei!');
  });
});

describe('leaving the queue', () => {
  it('confirms with left-queue and drops the customer from the agent snapshot', async (t) => {
    const relay = await startTestRelay(t);
    const leaver = await relay.customer('Maija', QUEUE_A);
    const stayer = await relay.customer('Pekka', QUEUE_A);
    const { client: agent } = await relay.agent('alice', [QUEUE_A]);
    await agent.next('queue', (m) => m.queue.waiting.length === 2);

    assert.equal((await leaver.client.request({ type: 'leave' })).type, 'ack');
    assert.deepEqual(await leaver.client.next('left-queue'), { type: 'left-queue', queue: QUEUE_A });
    const snapshot = await agent.next('queue');
    assert.deepEqual(
      snapshot.queue.waiting.map((w) => w.id),
      [stayer.welcome.self.id],
    );
    assert.equal((await stayer.client.next('waiting', (m) => m.position === 1)).queue, QUEUE_A);
  });

  it('refuses leave from a customer who is not waiting', async (t) => {
    const relay = await startTestRelay(t);
    const { client } = await relay.customer();
    const reply = await client.request({ type: 'leave' });
    assert.equal(reply.type === 'error' && reply.code, 'not-waiting');
  });
});

describe('ending a conversation', () => {
  for (const [side, reason] of [
    ['customer', 'customer-ended'],
    ['agent', 'agent-ended'],
  ] as const) {
    it(`ends it for both sides with reason ${reason} when the ${side} ends it`, async (t) => {
      const relay = await startTestRelay(t);
      const { customer, agent, conversation } = await startConversation(relay);
      const ender = side === 'customer' ? customer : agent;
      const reply = await ender.client.request({ type: 'end', conversation });
      assert.equal(reply.type, 'ack');
      const atCustomer = await customer.client.next('conversation-ended');
      const atAgent = await agent.client.next('conversation-ended');
      assert.deepEqual(atCustomer, atAgent);
      assert.equal(atCustomer.reason, reason);
      assert.equal(atCustomer.seq, 2);
      assert.equal(atCustomer.by?.id, ender.welcome.self.id);
    });

    it(`refuses later messages with conversation-ended after the ${side} ended it`, async (t) => {
      const relay = await startTestRelay(t);
      const { customer, agent, conversation } = await startConversation(relay);
      const ender = side === 'customer' ? customer : agent;
      assert.equal((await ender.client.request({ type: 'end', conversation })).type, 'ack');
      for (const who of [customer, agent]) {
        const reply = await who.client.request({ type: 'send', conversation, text: 'still there?' });
        assert.equal(reply.type === 'error' && reply.code, 'conversation-ended');
      }
      const again = await customer.client.request({ type: 'end', conversation });
      assert.equal(again.type === 'error' && again.code, 'conversation-ended');
    });
  }

  it('delivers messages sent just before the other side ends, then the end, to both sides', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    // All in flight at once, so the relay handles them in one turn of its loop.
    for (let i = 0; i < 5; i++) customer.client.command({ type: 'send', conversation, text: `burst ${i}` });
    agent.client.command({ type: 'end', conversation });
    for (const side of [customer, agent]) {
      await side.client.next('conversation-ended');
      const events = side.client.received.filter((m) => m.type === 'message' || m.type === 'conversation-ended');
      assert.deepEqual(
        events.map((m) => [m.type, m.seq]),
        [2, 3, 4, 5, 6].map((seq) => ['message', seq]).concat([['conversation-ended', 7]]),
      );
    }
  });

  it('lets the customer join a queue again after the conversation ended', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    assert.equal((await customer.client.request({ type: 'end', conversation })).type, 'ack');
    customer.client.discard('waiting');
    const reply = await customer.client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' });
    assert.equal(reply.type, 'ack');
    assert.equal((await customer.client.next('waiting')).position, 1);
  });
});

describe('agent presence', () => {
  it('refuses sign-out with active-conversations while a conversation is active', async (t) => {
    const relay = await startTestRelay(t);
    const { agent, conversation } = await startConversation(relay);
    const refused = await agent.client.request({ type: 'sign-out' });
    assert.equal(refused.type === 'error' && refused.code, 'active-conversations');

    assert.equal((await agent.client.request({ type: 'end', conversation })).type, 'ack');
    assert.equal((await agent.client.request({ type: 'sign-out' })).type, 'ack');
    assert.deepEqual(await agent.client.next('agent-state', (m) => !m.signedIn), { type: 'agent-state', signedIn: false, presence: 'offline', queues: [], capacity: 3, operator: false });
  });

  it('removes a signed-out agent from the queue snapshot other agents see', async (t) => {
    const relay = await startTestRelay(t);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    await alice.next('queue', (m) => m.queue.agents.length === 2);
    alice.discard('queue');
    assert.equal((await bob.request({ type: 'sign-out' })).type, 'ack');
    const snapshot = await alice.next('queue', (m) => m.queue.agents.length === 1);
    assert.deepEqual(snapshot.queue.agents, [{ id: 'agent:alice', name: 'Agent alice', presence: 'available', conversations: 0 }]);
  });
});
