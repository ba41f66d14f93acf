import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, roundTrip, sleep, startConversation, startTestRelay } from './helpers.js';

describe('a command sent again', () => {
  it('is acknowledged again but applied once, so a resend after a drop never duplicates a message', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const command = { type: 'send', id: 'resent-1', conversation, text: 'only once' };
    customer.client.send(command);
    customer.client.send(command);
    const acks = [await customer.client.next('ack', (m) => m.id === 'resent-1'), await customer.client.next('ack', (m) => m.id === 'resent-1')];
    assert.equal(acks.length, 2);
    await agent.client.next('message', (m) => m.text === 'only once');
    await sleep(100);
    const copies = relay.relay.store.conversation(conversation)!.log.filter((e) => e.type === 'message');
    assert.equal(copies.length, 1);
    assert.equal(agent.client.received.filter((m) => m.type === 'message').length, 1);
  });

  it('with a different body is refused with duplicate-id', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    assert.equal((await customer.client.request({ type: 'send', conversation, text: 'first' }, undefined)).type, 'ack');
    customer.client.send({ type: 'send', id: 'same-id', conversation, text: 'one' });
    await customer.client.next('ack', (m) => m.id === 'same-id');
    customer.client.send({ type: 'send', id: 'same-id', conversation, text: 'another' });
    const refused = await customer.client.next('error', (m) => m.id === 'same-id');
    assert.equal(refused.code, 'duplicate-id');
  });
});

describe('any command sent again under its id (R2)', () => {
  it('gets its first answer and is applied once: a join, an end, a refusal', async (t) => {
    const relay = await startTestRelay(t);
    const agent = await relay.agent('alice', [QUEUE_A]);
    const { client } = await relay.customer('Maija');
    const join = { type: 'join', id: 'join-again', queue: QUEUE_A, name: 'Maija' };
    client.send(join);
    client.send(join);
    assert.equal((await client.next('ack', (m) => m.id === 'join-again')).type, 'ack');
    assert.equal((await client.next('ack', (m) => m.id === 'join-again')).type, 'ack', 'not already-waiting: the same join');
    assert.equal(relay.relay.store.queue(QUEUE_A)!.waiting.length, 1);

    const pick = await agent.client.request({ type: 'pick', queue: QUEUE_A });
    const conversation = pick.type === 'ack' ? pick.conversation! : '';
    const end = { type: 'end', id: 'end-again', conversation };
    client.send(end);
    await client.next('ack', (m) => m.id === 'end-again');
    client.send(end);
    await client.next('ack', (m) => m.id === 'end-again');
    await roundTrip(agent.client);
    assert.equal(agent.client.received.filter((m) => m.type === 'conversation-ended').length, 1, 'ended once');

    const refused = { type: 'leave', id: 'leave-again' };
    client.send(refused);
    assert.equal((await client.next('error', (m) => m.id === 'leave-again')).code, 'not-waiting');
    client.send(refused);
    assert.equal((await client.next('error', (m) => m.id === 'leave-again')).code, 'not-waiting', 'the first answer again');
  });

  it('refuses the id with another command, and answers questions afresh', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    customer.client.send({ type: 'send', id: 'reused', conversation, text: 'hello' });
    await customer.client.next('ack', (m) => m.id === 'reused');
    customer.client.send({ type: 'end', id: 'reused', conversation });
    assert.equal((await customer.client.next('error', (m) => m.id === 'reused')).code, 'duplicate-id');
    assert.equal(relay.relay.store.conversation(conversation)!.ended, false, 'not ended');

    for (let i = 0; i < 2; i++) {
      customer.client.send({ type: 'sync', id: 'sync-again', conversation, after: 0 });
      const history = await customer.client.next('history', (m) => m.conversation === conversation);
      assert.ok(history.events.length >= 2, 'a resent question is answered again, in full');
    }
  });
});

describe('a closed queue', () => {
  it('refuses customers with queue-closed', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'closed-q', name: 'Night desk', open: false }] });
    const { client } = await relay.customer('Maija');
    const reply = await client.request({ type: 'join', queue: 'closed-q', name: 'Maija' });
    assert.equal(reply.type === 'error' && reply.code, 'queue-closed');
    assert.equal((await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' })).type, 'ack');
  });
});

describe('agent identities', () => {
  it('never coincide with a customer, whatever sub the token carries', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    const customerId = customer.welcome.self.id;
    const impostor = await relay.connect();
    const welcome = await impostor.hello('agent', { token: relay.token({ sub: customerId }) });
    assert.notEqual(welcome.self.id, customerId);
    const reply = await impostor.request({ type: 'send', conversation, text: 'I am the customer' });
    assert.equal(reply.type === 'error' && reply.code, 'not-participant');
    assert.ok(!customer.client.received.some((m) => m.type === 'history'), 'the impostor got no replay of the customer');
  });
});
