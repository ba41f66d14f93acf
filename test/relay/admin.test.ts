/**
 * The operators' HTTP API (C14) against a running relay: who may call it, queues created,
 * changed, opened, closed and deleted, agents removed.
 */
import { PROTOCOL_VERSION } from '../../protocol/index.js';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { QUEUE_A, QUEUE_B, roundTrip, startTestRelay, within, type TestRelay, replyCode } from './helpers.js';

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * One HTTP request on its own connection (node:http without an agent, `connection: close`):
 * fetch would keep the connection alive and hold the test process open for seconds afterwards.
 */
function call(relay: TestRelay, method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { connection: 'close' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: relay.relay.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const operatorToken = (relay: TestRelay, sub = 'olga') => relay.token({ sub, name: 'Olga', roles: ['operator'] });
const code = replyCode;

const routes: Array<[string, string, unknown?]> = [
  ['GET', '/admin/queues'],
  ['POST', '/admin/queues', { id: 'new-queue', name: 'New' }],
  ['PUT', `/admin/queues/${QUEUE_A}`, { name: 'Renamed' }],
  ['POST', `/admin/queues/${QUEUE_A}/open`],
  ['POST', `/admin/queues/${QUEUE_A}/close`],
  ['DELETE', `/admin/queues/${QUEUE_A}`],
  ['DELETE', '/admin/agents/alice'],
];

describe('the admin API: who may call it', () => {
  it('answers 401 without a valid token and 403 to a non-operator, on every route, changing nothing', async (t) => {
    const relay = await startTestRelay(t);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const agentToken = relay.token({ sub: 'bob', roles: ['agent'] });
    const expired = relay.token({ sub: 'olga', roles: ['operator'], exp: relay.clock.seconds - 1 });
    const wrongSecret = operatorToken(relay).slice(0, -4) + 'AAAA';
    for (const [method, path, body] of routes) {
      const where = `${method} ${path}`;
      assert.equal((await call(relay, method, path, { body })).status, 401, `${where} without a token`);
      assert.equal((await call(relay, method, path, { body, token: 'not-a-jwt' })).status, 401, `${where} with garbage`);
      assert.equal((await call(relay, method, path, { body, token: wrongSecret })).status, 401, `${where} with a forged token`);
      assert.equal((await call(relay, method, path, { body, token: expired })).status, 401, `${where} with an expired token`);
      const forbidden = await call(relay, method, path, { body, token: agentToken });
      assert.equal(forbidden.status, 403, `${where} as a mere agent`);
      assert.equal(typeof forbidden.body.error, 'string');
    }
    const queue = relay.relay.store.queue(QUEUE_A);
    assert.deepEqual([queue?.config.name, queue?.open], ['English support', true]);
    assert.equal(relay.relay.store.queue('new-queue'), undefined);
    assert.equal(relay.relay.store.agent('agent:alice')?.signedIn, true);
    assert.equal(code(await alice.request({ type: 'presence', presence: 'away' })), 'ack', 'alice is still connected');
  });

  it('answers a malformed path with 400 and keeps running', async (t) => {
    const relay = await startTestRelay(t);
    assert.equal((await call(relay, 'DELETE', '/admin/queues/%E0%A4%A')).status, 401);
    assert.equal((await call(relay, 'DELETE', '/admin/agents/%zz', { token: operatorToken(relay) })).status, 400);
    assert.equal((await call(relay, 'GET', '/admin/queues', { token: operatorToken(relay) })).status, 200);
  });
});

describe('the admin API: queues', () => {
  it('creates, lists, updates, closes and opens queues; agents and customers see the changes', async (t) => {
    const relay = await startTestRelay(t);
    const token = operatorToken(relay);

    const created = await call(relay, 'POST', '/admin/queues', { token, body: { id: 'returns', name: 'Returns', wrapUpReasons: ['refund'], cannedResponses: [{ title: 'Label', text: 'Here is your return label, {customer.name}.' }] } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, {
      id: 'returns',
      name: 'Returns',
      lang: 'en',
      open: true,
      maskPii: false,
      redactPii: false,
      routing: 'pick',
      offerTimeoutSeconds: 30,
      maxConversationsPerAgent: 3,
      alertAfterSeconds: 120,
      wrapUpReasons: ['refund'],
      video: false,
      cannedResponses: [{ title: 'Label', text: 'Here is your return label, {customer.name}.' }],
      returnMinutes: 0,
      survey: [],
    });
    assert.equal((await call(relay, 'POST', '/admin/queues', { token, body: { id: 'returns', name: 'Again' } })).status, 409);
    const invalid = await call(relay, 'POST', '/admin/queues', { token, body: { id: 'Not A Slug', name: '' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body.issues.map((i: { path: string }) => i.path).sort(), ['id', 'name']);
    assert.equal((await call(relay, 'POST', '/admin/queues', { token, raw: '{not json' })).status, 400);

    const listed = await call(relay, 'GET', '/admin/queues', { token });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.queues.map((q: { config: { id: string } }) => q.config.id), [QUEUE_A, QUEUE_B, 'returns']);
    const returns = listed.body.queues.find((q: { config: { id: string } }) => q.config.id === 'returns');
    assert.deepEqual([returns.state.open, returns.state.waiting, returns.state.agents], [true, [], []]);

    // The new queue works at once.
    const { client: alice } = await relay.agent('alice', ['returns']);
    const customer = await relay.customer('Maija');
    assert.ok(customer.welcome.queues.some((q) => q.id === 'returns' && q.wrapUpReasons[0] === 'refund'));
    assert.equal(code(await customer.client.request({ type: 'join', queue: 'returns', name: 'Maija' })), 'ack');
    await alice.next('queue', (m) => m.queue.waiting.length === 1);

    // A partial update merges into the current settings; the id in the path wins.
    const updated = await call(relay, 'PUT', '/admin/queues/returns', { token, body: { id: 'hijack', name: 'Returns & refunds', alertAfterSeconds: 30 } });
    assert.equal(updated.status, 200);
    assert.deepEqual([updated.body.id, updated.body.name, updated.body.alertAfterSeconds, updated.body.wrapUpReasons], ['returns', 'Returns & refunds', 30, ['refund']]);
    assert.equal(relay.relay.store.queue('hijack'), undefined);
    const renamed = await alice.next('queue', (m) => m.queue.name === 'Returns & refunds');
    assert.deepEqual([renamed.queue.alertAfterSeconds, renamed.queue.waiting.length], [30, 1], 'the waiting customer stays');
    const badUpdate = await call(relay, 'PUT', '/admin/queues/returns', { token, body: { routing: 'random' } });
    assert.deepEqual([badUpdate.status, badUpdate.body.issues[0].path], [400, 'routing']);
    assert.equal((await call(relay, 'PUT', '/admin/queues/nowhere', { token, body: { name: 'X' } })).status, 404);

    // Closing and opening by hand.
    const closed = await call(relay, 'POST', '/admin/queues/returns/close', { token });
    assert.deepEqual([closed.status, closed.body], [200, { id: 'returns', open: false }]);
    assert.equal((await alice.next('queue', (m) => !m.queue.open)).queue.id, 'returns');
    const late = await relay.customer('Pekka');
    assert.equal(code(await late.client.request({ type: 'join', queue: 'returns', name: 'Pekka' })), 'queue-closed');
    const log = relay.relay.store.queue('returns')!.log.at(-1);
    assert.deepEqual([log?.kind, log?.agent?.name], ['closed', 'Olga']);
    assert.equal((await call(relay, 'POST', '/admin/queues/returns/open', { token })).status, 200);
    await alice.next('queue', (m) => m.queue.open);
    assert.equal(code(await late.client.request({ type: 'join', queue: 'returns', name: 'Pekka' })), 'ack');
    assert.equal((await call(relay, 'POST', '/admin/queues/nowhere/open', { token })).status, 404);
  });

  it('deletes a queue: waiting customers leave it with queue-deleted, its conversations end, its agents stop serving it', async (t) => {
    const relay = await startTestRelay(t);
    const token = operatorToken(relay);
    const served = await relay.customer('Maija', QUEUE_B);
    const { client: bob } = await relay.agent('bob', [QUEUE_A, QUEUE_B]);
    const picked = await bob.request({ type: 'pick', queue: QUEUE_B });
    assert.ok(picked.type === 'ack' && picked.conversation);
    const inB = picked.conversation;
    const waiting = await relay.customer('Pekka', QUEUE_B);
    const elsewhere = await relay.customer('Liisa', QUEUE_A);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const pickedA = await alice.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(pickedA.type === 'ack' && pickedA.conversation);

    const deleted = await call(relay, 'DELETE', `/admin/queues/${QUEUE_B}`, { token });
    assert.deepEqual([deleted.status, deleted.body], [204, undefined]);

    assert.deepEqual(await waiting.client.next('left-queue'), { type: 'left-queue', queue: QUEUE_B, reason: 'queue-deleted' });
    for (const client of [served.client, bob]) {
      const ended = await client.next('conversation-ended', (m) => m.conversation === inB);
      assert.deepEqual([ended.reason, ended.by], ['queue-deleted', undefined]);
    }
    const state = await bob.next('agent-state', (m) => !m.queues.includes(QUEUE_B));
    assert.deepEqual([state.signedIn, state.queues], [true, [QUEUE_A]]);
    assert.equal(code(await served.client.request({ type: 'send', conversation: inB, text: 'hello?' })), 'conversation-ended');

    // The rest carries on.
    assert.equal(code(await elsewhere.client.request({ type: 'send', conversation: pickedA.conversation, text: 'still here' })), 'ack');
    await alice.next('message', (m) => m.text === 'still here');
    assert.equal(relay.relay.store.conversation(pickedA.conversation)?.ended, false);
    await roundTrip(elsewhere.client);
    assert.ok(!elsewhere.client.received.some((m) => m.type === 'left-queue' || m.type === 'conversation-ended'));

    const listed = await call(relay, 'GET', '/admin/queues', { token });
    assert.deepEqual(listed.body.queues.map((q: { config: { id: string } }) => q.config.id), [QUEUE_A]);
    assert.equal(code(await bob.request({ type: 'sign-in', queues: [QUEUE_B] })), 'queue-unknown');
    assert.equal(code(await waiting.client.request({ type: 'join', queue: QUEUE_B, name: 'Pekka' })), 'queue-unknown');
    assert.equal(code(await waiting.client.request({ type: 'join', queue: QUEUE_A, name: 'Pekka' })), 'ack');
    assert.equal((await call(relay, 'DELETE', `/admin/queues/${QUEUE_B}`, { token })).status, 404);
    assert.equal(relay.relay.store.sizes.waiting, 1);
  });
});

describe('the admin API: removing an agent', () => {
  it('ends their conversations with agent-removed, closes every socket with 4403, refuses old tokens but not newer ones', async (t) => {
    const relay = await startTestRelay(t);
    const token = operatorToken(relay);
    const oldToken = relay.token({ sub: 'alice' });
    const customer = await relay.customer('Maija', QUEUE_A);
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const secondTab = await relay.connect();
    await secondTab.hello('agent', { token: oldToken });
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const picked = await alice.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(picked.type === 'ack' && picked.conversation);
    await customer.client.next('conversation-started');

    const removed = await call(relay, 'DELETE', '/admin/agents/alice', { token });
    assert.equal(removed.status, 204);
    const [first, second] = await within(Promise.all([alice.closed, secondTab.closed]), 'both of alice\'s sockets to close');
    assert.deepEqual([first.code, second.code], [4403, 4403]);
    const ended = await customer.client.next('conversation-ended');
    assert.deepEqual([ended.conversation, ended.reason], [picked.conversation, 'agent-removed']);
    const snapshot = await bob.next('queue', (m) => m.queue.agents.every((a) => a.id !== 'agent:alice'));
    assert.deepEqual(snapshot.queue.agents.map((a) => a.id), ['agent:bob']);
    assert.equal(relay.relay.store.agent('agent:alice'), undefined);
    assert.equal(code(await bob.request({ type: 'presence', presence: 'away' })), 'ack', 'other agents stay connected');

    // A token issued at or before the removal is refused; one issued later works.
    const again = await relay.connect();
    const refused = await again.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', token: oldToken });
    assert.equal(code(refused), 'agent-removed');
    const sameSecond = await relay.connect();
    assert.equal(code(await sameSecond.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', token: relay.token({ sub: 'alice' }) })), 'agent-removed');
    relay.clock.advance(1000);
    const fresh = await relay.connect();
    const welcome = await fresh.hello('agent', { token: relay.token({ sub: 'alice' }) });
    assert.equal(welcome.self.id, 'agent:alice');
    assert.deepEqual(await fresh.next('agent-state'), { type: 'agent-state', signedIn: false, presence: 'offline', queues: [], capacity: 3, operator: false });
    assert.equal(code(await fresh.request({ type: 'sign-in', queues: [QUEUE_A] })), 'ack');
    assert.equal(code(await fresh.request({ type: 'send', conversation: picked.conversation, text: 'back' })), 'conversation-ended');

    // Removing an agent who is not connected is fine too, and bars their current tokens.
    const carolToken = relay.token({ sub: 'carol' });
    assert.equal((await call(relay, 'DELETE', '/admin/agents/carol', { token })).status, 204);
    const carol = await relay.connect();
    assert.equal(code(await carol.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', token: carolToken })), 'agent-removed');
  });
});
