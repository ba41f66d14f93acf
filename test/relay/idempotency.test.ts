import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, sleep, startConversation, startTestRelay } from './helpers.js';

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
