/**
 * Webhooks (R4): a local receiver checks each delivery's signature exactly as the documentation
 * tells integrators to, gets the transcripts, sees retries, and cannot slow the relay down.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, it } from 'node:test';
import { WebhookSender } from '../../relay/webhooks/webhook-sender.js';
import { QUEUE_A, sleep, startConversation, startTestRelay, until } from './helpers.js';
import { receiver, type Delivery } from './webhook-receiver.js';

/**
 * Checks a delivery as an integrator would: HMAC-SHA256 over "<timestamp>.<raw body>" with the
 * shared secret, hex, prefixed "sha256=", compared in constant time.
 */
function signatureValid(delivery: Delivery, secret: string): boolean {
  const timestamp = delivery.headers['x-tiski-timestamp'];
  const signature = delivery.headers['x-tiski-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${delivery.body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const SECRET_ALL = 'whsec-all-events-0123456789';
const SECRET_TICKETS = 'whsec-tickets-only-98765';

describe('webhook deliveries from the relay', () => {
  it('sends signed conversation.ended, ticket and wrapped-up events with the full transcript, private messages included', async (t) => {
    const hooks = await receiver(t);
    const relay = await startTestRelay(t, {
      webhooks: [
        { url: `${hooks.url}/all`, secret: SECRET_ALL },
        { url: `${hooks.url}/tickets`, secret: SECRET_TICKETS, events: ['ticket'] },
      ],
    });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const alice = agent.client;
    await customer.client.request({ type: 'send', conversation, text: 'my parcel never came' });
    await alice.request({ type: 'send', conversation, text: 'third time this month', private: true });
    await alice.request({ type: 'send', conversation, text: 'I will resend it' });

    const ticket = await alice.request({ type: 'ticket', conversation });
    assert.ok(ticket.type === 'ack' && ticket.conversation === conversation);
    await until(() => hooks.deliveries.length === 2, 'both targets got the ticket');
    for (const [path, secret] of [['/all', SECRET_ALL], ['/tickets', SECRET_TICKETS]] as const) {
      const delivery = hooks.deliveries.find((d) => d.path === path)!;
      assert.ok(signatureValid(delivery, secret), `the ${path} signature checks out`);
      assert.equal(delivery.headers['content-type'], 'application/json');
      assert.equal(delivery.headers['x-tiski-timestamp'], String(relay.clock.seconds));
      assert.equal(delivery.json.event, 'ticket');
      assert.equal(delivery.json.at, relay.clock.now);
      assert.deepEqual(delivery.json.data.requestedBy, { id: 'agent:alice', name: 'Agent alice', role: 'agent' });
      const { transcript } = delivery.json.data;
      assert.deepEqual([transcript.conversation, transcript.queue, transcript.customer.name], [conversation, QUEUE_A, 'Maija']);
      assert.deepEqual(
        transcript.events.map((e: { type: string; text?: string; private?: boolean }) => [e.type, e.text, e.private]),
        [
          ['conversation-started', undefined, undefined],
          ['message', 'my parcel never came', undefined],
          ['message', 'third time this month', true],
          ['message', 'I will resend it', undefined],
        ],
      );
    }
    // The verifier tells signatures apart: a wrong secret, or a body changed by one character, fails.
    const first = hooks.deliveries[0]!;
    assert.ok(!signatureValid(first, first.path === '/all' ? SECRET_TICKETS : SECRET_ALL));
    assert.ok(!signatureValid({ ...first, body: first.body.replace('parcel', 'parceL') }, first.path === '/all' ? SECRET_ALL : SECRET_TICKETS));

    relay.clock.advance(5000);
    assert.equal((await customer.client.request({ type: 'end', conversation })).type, 'ack');
    await until(() => hooks.deliveries.length === 3, 'the end was delivered');
    const ended = hooks.deliveries[2]!;
    assert.equal(ended.path, '/all', 'a target listening to tickets only does not get ends');
    assert.ok(signatureValid(ended, SECRET_ALL));
    assert.deepEqual([ended.json.event, ended.json.at, ended.json.data.reason], ['conversation.ended', relay.clock.now, 'customer-ended']);
    assert.equal(ended.headers['x-tiski-timestamp'], String(relay.clock.seconds));
    const transcript = ended.json.data.transcript;
    assert.equal(transcript.endedAt, relay.clock.now);
    assert.deepEqual(transcript.agents, [{ id: 'agent:alice', name: 'Agent alice' }]);
    assert.deepEqual(
      transcript.events.map((e: { seq: number; type: string }) => [e.seq, e.type]),
      [
        [1, 'conversation-started'],
        [2, 'message'],
        [3, 'message'],
        [4, 'message'],
        [5, 'conversation-ended'],
      ],
    );
    assert.equal(transcript.events[2].text, 'third time this month');

    await alice.request({ type: 'wrap-up', conversation, wrapUp: { reason: 'resent', tags: ['parcel'] } });
    await until(() => hooks.deliveries.length === 4, 'the wrap-up was delivered');
    const wrapped = hooks.deliveries[3]!;
    assert.ok(signatureValid(wrapped, SECRET_ALL));
    assert.equal(wrapped.json.event, 'conversation.wrapped-up');
    assert.deepEqual(wrapped.json.data.wrapUp, { reason: 'resent', tags: ['parcel'] });
    assert.equal(wrapped.json.data.agent.id, 'agent:alice');
    await sleep(50);
    assert.equal(hooks.deliveries.filter((d) => d.path === '/tickets').length, 1);
  });

  it('sends conversation.ended at every end, whoever ends it and why', async (t) => {
    const hooks = await receiver(t);
    const relay = await startTestRelay(t, { webhooks: [{ url: hooks.url, secret: SECRET_ALL, events: ['conversation.ended'] }] });
    const first = await startConversation(relay, 'Maija', 'alice');
    await first.agent.client.request({ type: 'end', conversation: first.conversation });
    const second = await startConversation(relay, 'Pekka', 'alice');
    await second.agent.client.request({ type: 'release', conversation: second.conversation });
    await until(() => hooks.deliveries.length === 2, 'two ends delivered');
    const reasons = hooks.deliveries.map((d) => [d.json.data.transcript.conversation, d.json.data.reason]).sort();
    assert.deepEqual(reasons, [[first.conversation, 'agent-ended'], [second.conversation, 'released']].sort());
    assert.ok(hooks.deliveries.every((d) => signatureValid(d, SECRET_ALL)));
  });
});

describe('the webhook sender', () => {
  it('retries a delivery the receiver answered with 500, with the same body, after the configured delay', async (t) => {
    const hooks = await receiver(t, (n) => (n === 0 ? 500 : 200));
    const sender = new WebhookSender({ targets: [{ url: hooks.url, secret: SECRET_ALL }], retryDelaysMs: [40, 40] });
    t.after(() => sender.close());
    sender.send('ticket', { hello: 'world' });
    await until(() => sender.stats.delivered === 1, 'delivered on the second attempt');
    assert.equal(hooks.deliveries.length, 2);
    const [failed, retried] = hooks.deliveries as [Delivery, Delivery];
    assert.equal(retried.body, failed.body);
    assert.deepEqual(retried.json.data, { hello: 'world' });
    assert.ok(signatureValid(failed, SECRET_ALL) && signatureValid(retried, SECRET_ALL));
    assert.ok(retried.receivedAt - failed.receivedAt >= 30, `waited ${retried.receivedAt - failed.receivedAt} ms before retrying`);
    assert.deepEqual(sender.stats, { delivered: 1, failed: 0, dropped: 0, retried: 1 });
  });

  it('gives up after one attempt more than there are delays', async (t) => {
    const hooks = await receiver(t, () => 503);
    const sender = new WebhookSender({ targets: [{ url: hooks.url, secret: SECRET_ALL }], retryDelaysMs: [5, 5] });
    t.after(() => sender.close());
    sender.send('conversation.ended', { n: 1 });
    await until(() => sender.stats.failed === 1, 'given up');
    await sleep(50);
    assert.equal(hooks.deliveries.length, 3);
    assert.deepEqual(sender.stats, { delivered: 0, failed: 1, dropped: 0, retried: 2 });
  });

  it('sends a target only the events it listens to', async (t) => {
    const hooks = await receiver(t);
    const sender = new WebhookSender({ targets: [{ url: hooks.url, secret: SECRET_ALL, events: ['ticket'] }], retryDelaysMs: [] });
    t.after(() => sender.close());
    sender.send('conversation.ended', { n: 1 });
    sender.send('ticket', { n: 2 });
    await until(() => sender.stats.delivered === 1, 'the ticket delivered');
    await sleep(30);
    assert.deepEqual(hooks.deliveries.map((d) => [d.json.event, d.json.data.n]), [['ticket', 2]]);
  });

  it('stops retrying once closed, even for a delivery that fails after the close', async (t) => {
    const hooks = await receiver(t, (n) => (n === 0 ? 'hang' : 200));
    const sender = new WebhookSender({ targets: [{ url: hooks.url, secret: SECRET_ALL }], retryDelaysMs: [5, 5] });
    sender.send('ticket', { n: 1 });
    await until(() => hooks.hanging.length === 1, 'the delivery is in flight');
    sender.close();
    hooks.hanging[0]!.destroy();
    await sleep(100);
    assert.equal(hooks.deliveries.length, 1, 'no retry after close');
    assert.equal(sender.stats.retried, 0);
  });
});

describe('a receiver that never answers', () => {
  it('does not slow the relay: messages are relayed promptly while deliveries hang', async (t) => {
    const hooks = await receiver(t, () => 'hang');
    const relay = await startTestRelay(t, { webhooks: [{ url: hooks.url, secret: SECRET_ALL }] });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    for (let i = 0; i < 8; i++) assert.equal((await agent.client.request({ type: 'ticket', conversation })).type, 'ack');
    await until(() => hooks.hanging.length >= 4, 'deliveries are hanging at the receiver');

    // Each round: a new delivery is queued behind the hanging ones, then a message must cross at once.
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      agent.client.command({ type: 'ticket', conversation });
      const text = `message ${i}`;
      const sent = Date.now();
      await customer.client.request({ type: 'send', conversation, text });
      await agent.client.next('message', (m) => m.text === text, 500);
      assert.ok(Date.now() - sent < 150, `message ${i} took ${Date.now() - sent} ms`);
    }
    assert.ok(Date.now() - started < 1500, `20 round trips took ${Date.now() - started} ms`);
    assert.equal(hooks.deliveries.length, 4, 'at most 4 deliveries at once; the rest wait in the sender, not in the relay');
    assert.equal((await agent.client.request({ type: 'end', conversation })).type, 'ack');
    await customer.client.next('conversation-ended', undefined, 500);
  });
});

describe('a rating (W5)', () => {
  it('is delivered as conversation.rated with the stars, the comment and the agent', async (t) => {
    const hooks = await receiver(t);
    const relay = await startTestRelay(t, { webhooks: [{ url: hooks.url, secret: SECRET_ALL, events: ['conversation.rated'] }] });
    const { customer, conversation } = await startConversation(relay, 'Maija', 'alice');
    assert.equal((await customer.client.request({ type: 'end', conversation })).type, 'ack');
    assert.equal((await customer.client.request({ type: 'rate', conversation, stars: 5, comment: 'Great' })).type, 'ack');
    await until(() => hooks.deliveries.length === 1, 'the rating reached the receiver');
    const [delivery] = hooks.deliveries;
    assert.equal(delivery!.json.event, 'conversation.rated');
    assert.ok(signatureValid(delivery!, SECRET_ALL));
    assert.deepEqual(
      { conversation: delivery!.json.data.conversation, stars: delivery!.json.data.stars, comment: delivery!.json.data.comment, agent: delivery!.json.data.agent.id },
      { conversation, stars: 5, comment: 'Great', agent: 'agent:alice' },
    );
  });
});

describe('an offline contact (Q8)', () => {
  it('is delivered as offline-contact with the queue, name, email and message', async (t) => {
    const hooks = await receiver(t);
    const relay = await startTestRelay(t, { webhooks: [{ url: hooks.url, secret: SECRET_ALL, events: ['offline-contact'] }] });
    const { client } = await relay.customer('Maija');
    const contact = { queue: QUEUE_A, name: 'Maija', email: 'maija@example.com', message: 'Please call me back' };
    assert.equal((await client.request({ type: 'offline-contact', ...contact })).type, 'ack');
    await until(() => hooks.deliveries.length === 1, 'the contact reached the receiver');
    const [delivery] = hooks.deliveries;
    assert.equal(delivery!.json.event, 'offline-contact');
    assert.ok(signatureValid(delivery!, SECRET_ALL));
    const { queue, name, email, message } = delivery!.json.data;
    assert.deepEqual({ queue, name, email, message }, contact);
  });
});
