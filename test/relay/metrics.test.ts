import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { QUEUE_A, startConversation, startTestRelay, type TestRelay } from './helpers.js';

const scrape = async (relay: TestRelay, token?: string) =>
  fetch(`http://localhost:${relay.relay.port}/metrics`, { headers: { connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

/** The value of one sample, found by family name and labels. */
function sample(families: ReturnType<typeof parsePrometheusTextFormat>, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const found = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return found === undefined ? undefined : Number(found.value);
}

describe('GET /metrics (R5)', () => {
  it('serves the Prometheus text format that a parser reads: connections, queues, conversations, messages, webhooks, lag, memory', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    assert.equal((await customer.client.request({ type: 'send', conversation, text: 'Hello' })).type, 'ack');
    assert.equal((await agent.client.request({ type: 'send', conversation, text: 'Hi, private note', private: true })).type, 'ack');
    await relay.customer('Waiting Willa', QUEUE_A);
    relay.clock.advance(42_000);

    const response = await scrape(relay);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await response.text());
    for (const family of families) assert.ok(family.help.length > 0 && ['COUNTER', 'GAUGE'].includes(family.type.toUpperCase()), family.name);

    assert.equal(sample(families, 'tiski_connections', { role: 'customer' }), 2);
    assert.equal(sample(families, 'tiski_connections', { role: 'agent' }), 1);
    assert.equal(sample(families, 'tiski_queue_waiting', { queue: QUEUE_A }), 1);
    assert.equal(sample(families, 'tiski_queue_longest_wait_seconds', { queue: QUEUE_A }), 42);
    assert.equal(sample(families, 'tiski_queue_agents', { queue: QUEUE_A, presence: 'available' }), 1);
    assert.equal(sample(families, 'tiski_conversations_active'), 1);
    assert.equal(sample(families, 'tiski_messages_relayed_total'), 2, 'the customer’s message and the private note, each once');
    assert.equal(sample(families, 'tiski_webhook_deliveries_total', { result: 'failed' }), 0);
    assert.ok((sample(families, 'tiski_process_memory_bytes', { kind: 'rss' }) ?? 0) > 10_000_000);
    assert.ok(families.some((f) => f.name === 'tiski_event_loop_lag_seconds'));
    assert.ok(families.some((f) => f.name === 'tiski_offers_total'));
  });

  it('counts messages as they go and conversations as they end', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    for (const text of ['one', 'two', 'three']) await customer.client.request({ type: 'send', conversation, text });
    await customer.client.request({ type: 'end', conversation });
    const families = parsePrometheusTextFormat(await (await scrape(relay)).text());
    assert.equal(sample(families, 'tiski_messages_relayed_total'), 3);
    assert.equal(sample(families, 'tiski_conversations_active'), 0);
  });

  it('wants the configured bearer token when metricsToken is set', async (t) => {
    const relay = await startTestRelay(t, { metricsToken: 'scraper-token-0123456789' });
    assert.equal((await scrape(relay)).status, 401);
    assert.equal((await scrape(relay, 'scraper-token-wrong-000000')).status, 401);
    const ok = await scrape(relay, 'scraper-token-0123456789');
    assert.equal(ok.status, 200);
    assert.ok(parsePrometheusTextFormat(await ok.text()).length > 5);
  });

  it('counts offers by queue and outcome', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'offers', name: 'Offers', routing: 'offer', offerTimeoutSeconds: 30 }] });
    const agent = await relay.agent('olga', ['offers']);
    await relay.customer('Otto', 'offers');
    const first = await agent.client.next('offer');
    assert.equal((await agent.client.request({ type: 'reject', offer: first.offer.id })).type, 'ack');
    await relay.customer('Oona', 'offers');
    const second = await agent.client.next('offer', (m) => m.offer.id !== first.offer.id);
    assert.equal((await agent.client.request({ type: 'accept', offer: second.offer.id })).type, 'ack');
    const families = parsePrometheusTextFormat(await (await scrape(relay)).text());
    assert.equal(sample(families, 'tiski_offers_total', { queue: 'offers', outcome: 'rejected' }), 1);
    assert.equal(sample(families, 'tiski_offers_total', { queue: 'offers', outcome: 'accepted' }), 1);
    assert.ok((sample(families, 'tiski_offers_total', { queue: 'offers', outcome: 'offered' }) ?? 0) >= 2);
  });
});
