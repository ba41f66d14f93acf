import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits, PROTOCOL_VERSION, type ServerEvent } from '../../protocol/index.js';
import { leaksInternals, QUEUE_A, sleep, startConversation, startTestRelay, type TestClient, type TestRelay } from './helpers.js';

/** A customer connection that said hello. */
async function customer(relay: TestRelay): Promise<TestClient> {
  return (await relay.customer()).client;
}

/** The error the relay answers a bad frame with: with its code, and no internals in the message. */
async function expectError(client: TestClient, code: ServerEvent<'error'>['code']): Promise<ServerEvent<'error'>> {
  const error = await client.next('error');
  assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
  assert.ok(error.message.length > 0, 'the error explains itself');
  assert.ok(!leaksInternals(error.message), `the message leaks internals: ${error.message}`);
  return error;
}

/** The connection is still usable: a valid command after the bad one is acknowledged. */
async function expectStillWorks(client: TestClient): Promise<void> {
  const reply = await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' });
  assert.equal(reply.type, 'ack', `the connection no longer works: ${JSON.stringify(reply)}`);
}

describe('frames that are not commands', () => {
  it('answers text that is not JSON with bad-json and keeps the connection', async (t) => {
    const client = await customer(await startTestRelay(t));
    client.sendRaw('{"type": "join",');
    await expectError(client, 'bad-json');
    await expectStillWorks(client);
  });

  it('answers a binary frame with invalid-message and keeps the connection', async (t) => {
    const client = await customer(await startTestRelay(t));
    client.sendRaw(Buffer.from(JSON.stringify({ type: 'leave', id: 'binary-1' })));
    const error = await expectError(client, 'invalid-message');
    assert.equal(error.id, undefined, 'a binary frame is not read, so no id is echoed');
    await expectStillWorks(client);
  });

  it(`answers a frame over ${limits.frameBytes} bytes with frame-too-large and keeps the connection`, async (t) => {
    const client = await customer(await startTestRelay(t));
    client.send({ type: 'join', id: 'big-1', queue: QUEUE_A, name: 'x'.repeat(limits.frameBytes) });
    await expectError(client, 'frame-too-large');
    await expectStillWorks(client);
  });

  for (const [label, value] of [
    ['null', null],
    ['a number', 42],
    ['an array', [{ type: 'leave', id: 'a' }]],
    ['a string', 'leave'],
  ] as const) {
    it(`answers JSON that is ${label} with invalid-message and keeps the connection`, async (t) => {
      const client = await customer(await startTestRelay(t));
      client.send(value);
      await expectError(client, 'invalid-message');
      await expectStillWorks(client);
    });
  }
});

describe('commands that break the contract', () => {
  it('answers an unknown type with invalid-message, echoing the id', async (t) => {
    const client = await customer(await startTestRelay(t));
    client.send({ type: 'teleport', id: 'cmd-unknown' });
    const error = await expectError(client, 'invalid-message');
    assert.equal(error.id, 'cmd-unknown');
    await expectStillWorks(client);
  });

  it('answers missing fields with invalid-message naming the field and echoing the id', async (t) => {
    const client = await customer(await startTestRelay(t));
    client.send({ type: 'join', id: 'cmd-missing', queue: QUEUE_A });
    const error = await expectError(client, 'invalid-message');
    assert.equal(error.id, 'cmd-missing');
    assert.match(error.message, /name/);
    await expectStillWorks(client);
  });

  it('answers a field of the wrong type with invalid-message', async (t) => {
    const client = await customer(await startTestRelay(t));
    client.send({ type: 'join', id: 'cmd-type', queue: 7, name: 'Maija' });
    assert.equal((await expectError(client, 'invalid-message')).id, 'cmd-type');
    await expectStillWorks(client);
  });

  it(`answers a message over ${limits.messageLength} characters with invalid-message`, async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    customer.client.send({ type: 'send', id: 'too-long', conversation, text: 'x'.repeat(limits.messageLength + 1) });
    const error = await expectError(customer.client, 'invalid-message');
    assert.equal(error.id, 'too-long');
    assert.match(error.message, /1000/);
    const reply = await customer.client.request({ type: 'send', conversation, text: 'shorter' });
    assert.equal(reply.type, 'ack');
  });

  it(`accepts a message of exactly ${limits.messageLength} characters`, async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const text = 'y'.repeat(limits.messageLength);
    assert.equal((await customer.client.request({ type: 'send', conversation, text })).type, 'ack');
    assert.equal((await agent.client.next('message')).text, text);
  });

  it('answers an empty (blank) message with invalid-message', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, conversation } = await startConversation(relay);
    customer.client.send({ type: 'send', id: 'blank', conversation, text: '   ' });
    assert.equal((await expectError(customer.client, 'invalid-message')).id, 'blank');
  });

  it('cuts an over-long command id to the allowed length when echoing it', async (t) => {
    const client = await customer(await startTestRelay(t));
    client.send({ type: 'leave', id: 'i'.repeat(500) });
    const error = await expectError(client, 'invalid-message');
    assert.equal(error.id, 'i'.repeat(limits.commandIdLength));
    await expectStillWorks(client);
  });
});

describe('the hello handshake', () => {
  it('answers a command before hello with hello-required, echoing the id', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    client.send({ type: 'join', id: 'early', queue: QUEUE_A, name: 'Maija' });
    assert.equal((await expectError(client, 'hello-required')).id, 'early');
    await client.hello('customer');
    await expectStillWorks(client);
  });

  it('answers a second hello with already-connected and keeps the first identity', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    const welcome = await client.hello('customer');
    const reply = await client.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'customer' });
    assert.equal(reply.type === 'error' && reply.code, 'already-connected');
    assert.equal(client.received.filter((m) => m.type === 'welcome').length, 1);
    await expectStillWorks(client);
    assert.equal(relay.relay.store.customer(welcome.self.id)?.waiting?.queue, QUEUE_A);
  });

  it('answers a wrong protocol version with version-mismatch, then closes with code 4400', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    const reply = await client.request({ type: 'hello', v: PROTOCOL_VERSION + 1, role: 'customer' });
    assert.equal(reply.type === 'error' && reply.code, 'version-mismatch');
    assert.ok(reply.type === 'error' && !leaksInternals(reply.message));
    // By design an outdated client is told to reload rather than carry on.
    assert.equal((await client.closed).code, 4400);
  });

  it('welcomes a customer with their id, a resume token and the queues', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    const welcome = await client.hello('customer');
    assert.equal(welcome.v, PROTOCOL_VERSION);
    assert.equal(welcome.self.role, 'customer');
    assert.ok(welcome.self.id);
    assert.ok(welcome.resumeToken && welcome.resumeToken.length >= 16, 'a resume token hard to guess');
    assert.equal(welcome.serverTime, relay.clock.now);
    assert.deepEqual(
      welcome.queues.map((q) => q.id),
      [QUEUE_A, 'kundtjanst'],
    );
  });
});

describe('rate limiting', () => {
  it('refuses commands beyond the burst with rate-limited, and accepts them again as time passes', async (t) => {
    const relay = await startTestRelay(t);
    const client = await customer(relay); // the hello took one of the 60
    for (let i = 0; i < 59; i++) client.send({ type: 'leave', id: `l${i}` });
    client.send({ type: 'leave', id: 'one-too-many' });
    const limited = await client.next('error', (m) => m.code === 'rate-limited');
    assert.ok(!leaksInternals(limited.message));
    assert.equal(limited.id, 'one-too-many', 'the refusal names the command, so its sender is not left waiting');
    const answers = client.received.filter((m) => m.type === 'error').map((m) => m.type === 'error' && m.code);
    assert.deepEqual(answers, [...Array(59).fill('not-waiting'), 'rate-limited'], 'every command within the burst was handled');

    relay.clock.advance(1000);
    await expectStillWorks(client);
  });
});

describe('connections per address', () => {
  it(`refuses one past maxConnectionsPerAddress with too-many-connections and close code 4429, and admits again after one closed`, async (t) => {
    const relay = await startTestRelay(t, { maxConnectionsPerAddress: 3 });
    const held = await Promise.all([0, 1, 2].map(() => relay.connect()));
    const extra = await relay.connect();
    const refused = await extra.next('error', (m) => m.code === 'too-many-connections');
    assert.equal(refused.message, 'at most 3 connections from one address');
    assert.equal((await extra.closed).code, 4429);
    await held[0]!.close();
    await sleep(50);
    const admitted = await relay.connect();
    assert.equal((await admitted.hello('customer')).type, 'welcome');
  });
});
