import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestRelay } from './helpers.js';

const REDACTED = 'redacted-q';

async function conversationIn(relay: Awaited<ReturnType<typeof startTestRelay>>, customerName: string) {
  const customer = await relay.customer(customerName, REDACTED);
  const agent = await relay.agent('alice', [REDACTED]);
  const reply = await agent.client.request({ type: 'pick', queue: REDACTED });
  assert.equal(reply.type, 'ack');
  const conversation = reply.type === 'ack' ? reply.conversation! : '';
  const started = await agent.client.next('conversation-started');
  return { customer, agent, conversation, started };
}

describe('a queue with redactPii', () => {
  it('masks what customers write before it is stored or forwarded', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: REDACTED, name: 'Payments', redactPii: true }] });
    const { customer, agent, conversation } = await conversationIn(relay, 'Maija');
    await customer.client.request({ type: 'send', conversation, text: 'My card is 4111 1111 1111 1111, call +447966197542' });
    const atAgent = await agent.client.next('message');
    assert.equal(atAgent.text, 'My card is ************1111, call *********7542');
    const atCustomer = await customer.client.next('message');
    assert.equal(atCustomer.text, atAgent.text, 'the relay sends no raw value to anyone');
    const stored = JSON.stringify(relay.relay.store.conversation(conversation)!.log);
    assert.ok(!stored.includes('4111 1111') && !stored.includes('7966197542'), 'no raw value is stored');
  });

  it("leaves agents' own text alone", async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: REDACTED, name: 'Payments', redactPii: true }] });
    const { customer, agent, conversation } = await conversationIn(relay, 'Maija');
    await agent.client.request({ type: 'send', conversation, text: 'Our number is +358 40 1234567' });
    assert.equal((await customer.client.next('message')).text, 'Our number is +358 40 1234567');
  });

  it('masks a customer name that is a phone number or an email', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: REDACTED, name: 'Payments', redactPii: true }] });
    const { started } = await conversationIn(relay, 'melissa@gmail.com');
    assert.equal(started.customer.name, 'm******@gmail.com');
  });

  it('is off by default: other queues forward text as written, and say whether agents mask', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'masked-q', name: 'Masked', maskPii: true }] });
    const { client, welcome } = await relay.customer('Maija');
    assert.deepEqual(
      welcome.queues.map((q) => [q.id, q.maskPii]),
      [['support-en', false], ['kundtjanst', false], ['masked-q', true]],
    );
    client.close();
  });
});
