import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, QUEUE_B, startTestRelay, replyCode } from './helpers.js';

const code = replyCode;

describe('queue status and offline contacts (Q8)', () => {
  it('tells customers whether each queue is open and staffed, and when a closed one opens next', async (t) => {
    const relay = await startTestRelay(t, {
      extraQueues: [
        {
          id: 'evenings',
          name: 'Evenings',
          // Closed now (the fake clock starts on a Wednesday at 09:00 UTC), open 18–20 every day.
          schedule: { timeZone: 'UTC', weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '20:00' }] },
        },
      ],
    });
    await relay.agent('alice', [QUEUE_A]);
    const away = await relay.agent('bob', [QUEUE_B]);
    assert.equal(code(await away.client.request({ type: 'presence', presence: 'away' })), 'ack');
    const { client } = await relay.customer('Maija');
    assert.equal(code(await client.request({ type: 'queue-status' })), 'ack');
    const status = await client.next('queue-status');
    const of = (id: string) => status.queues.find((q) => q.id === id);
    assert.deepEqual(of(QUEUE_A), { id: QUEUE_A, open: true, staffed: true });
    assert.deepEqual(of(QUEUE_B), { id: QUEUE_B, open: true, staffed: false }, 'an away agent does not staff a queue');
    const evenings = of('evenings');
    assert.equal(evenings?.open, false);
    assert.equal(evenings?.opensAt, Date.UTC(2025, 0, 1, 18, 0, 0));
  });

  it('saves a customer’s message for the queue, redacted where the queue redacts, for agents the token allows; refuses a bad email', async (t) => {
    const relay = await startTestRelay(t, { queueA: { redactPii: true } });
    const agent = await relay.agent('alice', [QUEUE_A]);
    const { client } = await relay.customer('Maija');
    const contact = { type: 'offline-contact' as const, queue: QUEUE_A, name: 'Maija', email: 'maija@example.com', message: 'Call me on +358401234567 <img src=x>' };
    assert.equal(code(await client.request({ ...contact, email: 'not an email' })), 'invalid-message');
    assert.equal(code(await client.request(contact)), 'ack');
    const snapshot = await agent.client.next('queue', (m) => m.queue.id === QUEUE_A && m.queue.contacts === 1);
    assert.equal(snapshot.queue.contacts, 1);
    assert.equal(code(await client.request({ ...contact, message: 'A second one' })), 'ack');

    assert.equal(code(await agent.client.request({ type: 'contacts', queue: QUEUE_A })), 'ack');
    const list = await agent.client.next('contacts');
    assert.deepEqual(list.contacts.map((c) => c.message.startsWith('A second')), [true, false], 'newest first');
    const first = list.contacts[1]!;
    assert.ok(!first.message.includes('401234567') && !first.email.includes('maija@'), 'redacted before it is stored');
    assert.ok(first.message.includes('<img src=x>'), 'kept as the text it is');

    const limited = await relay.agent('carl', [QUEUE_B], [QUEUE_B]);
    assert.equal(code(await limited.client.request({ type: 'contacts', queue: QUEUE_A })), 'queue-not-allowed');
    assert.equal(code(await client.request({ type: 'contacts', queue: QUEUE_A })), 'forbidden');
  });
});
