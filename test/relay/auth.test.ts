import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { PROTOCOL_VERSION, type CommandInput } from '../../protocol/index.js';
import { signToken } from '../../relay/auth/jwt.js';
import { leaksInternals, QUEUE_A, QUEUE_B, SECRET, startConversation, startTestRelay, type TestRelay } from './helpers.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (relay: TestRelay, extra: Record<string, unknown> = {}) => ({
  sub: 'mallory',
  name: 'Mallory',
  roles: ['agent'],
  queues: ['*'],
  iat: relay.clock.seconds,
  exp: relay.clock.seconds + 3600,
  ...extra,
});

/** Says hello as an agent with `token` and returns the relay's answer to it. */
async function agentHello(relay: TestRelay, token: string | undefined) {
  const client = await relay.connect();
  const reply = await client.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', ...(token === undefined ? {} : { token }) });
  return { client, reply };
}

describe('agent tokens', () => {
  it('accepts a token signed with the relay secret and welcomes the agent by its claims', async (t) => {
    const relay = await startTestRelay(t);
    const { client, reply } = await agentHello(relay, relay.token({ sub: 'alice', name: 'Alice', queues: [QUEUE_A] }));
    assert.equal(reply.type, 'ack');
    const welcome = await client.next('welcome');
    assert.deepEqual(welcome.self, { id: 'agent:alice', name: 'Alice', role: 'agent' });
    assert.deepEqual(welcome.allowedQueues, [QUEUE_A]);
    assert.deepEqual(await client.next('agent-state'), { type: 'agent-state', signedIn: false, presence: 'offline', queues: [], capacity: 3, operator: false });
  });

  const refusals: Array<[string, (relay: TestRelay) => string | undefined, 'token-invalid' | 'token-expired']> = [
    ['no token at all', () => undefined, 'token-invalid'],
    ['a token that is not a JWT', () => 'not-a-token', 'token-invalid'],
    ['a token signed with another secret', (r) => signToken(claimsOf(r) as never, 'another-secret-that-is-also-32-characters', r.clock.seconds), 'token-invalid'],
    [
      'a token whose payload was changed after signing',
      (r) => {
        const [head, , signature] = r.token({ sub: 'mallory', queues: [QUEUE_A] }).split('.');
        return `${head}.${b64(claimsOf(r, { queues: ['*'] }))}.${signature}`;
      },
      'token-invalid',
    ],
    ['an unsigned token with alg "none"', (r) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(r))}.`, 'token-invalid'],
    [
      'a token with alg "none" and a valid HS256 signature',
      (r) => {
        const payload = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(r))}`;
        return `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
      },
      'token-invalid',
    ],
    [
      'a correctly signed token without the required claims',
      (r) => {
        const payload = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'mallory', exp: r.clock.seconds + 60 })}`;
        return `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
      },
      'token-invalid',
    ],
    ['a token that expired a second ago', (r) => r.token({ exp: r.clock.seconds - 1 }), 'token-expired'],
    ['a token that expires this very second', (r) => r.token({ exp: r.clock.seconds }), 'token-expired'],
  ];
  for (const [label, make, code] of refusals) {
    it(`refuses ${label} with ${code}`, async (t) => {
      const relay = await startTestRelay(t);
      const { client, reply } = await agentHello(relay, make(relay));
      assert.equal(reply.type, 'error');
      assert.equal(reply.type === 'error' && reply.code, code);
      assert.ok(reply.type === 'error' && !leaksInternals(reply.message));
      assert.ok(!client.received.some((m) => m.type === 'welcome'), 'no welcome for a refused agent');
      const signIn = await client.request({ type: 'sign-in', queues: [QUEUE_A] });
      assert.equal(signIn.type === 'error' && signIn.code, 'hello-required', 'the connection has no identity');
    });
  }

  it('lets the same connection say hello again with a good token after a refused one', async (t) => {
    const relay = await startTestRelay(t);
    const { client, reply } = await agentHello(relay, 'not-a-token');
    assert.equal(reply.type, 'error');
    const welcome = await client.hello('agent', { token: relay.token({ sub: 'alice' }) });
    assert.equal(welcome.self.id, 'agent:alice');
  });
});

describe('an agent token that expires while connected', () => {
  it('ends the session cleanly: an error saying so, close code 4401, and a new hello with it refused', async (t) => {
    const relay = await startTestRelay(t);
    const token = relay.token({ sub: 'alice', exp: relay.clock.seconds + 60 });
    const agent = await relay.connect();
    await agent.hello('agent', { token });
    relay.clock.advance(61_000);
    const told = await agent.next('error', (m) => m.code === 'token-expired', 3000);
    assert.equal(told.message, 'your sign-in token expired: sign in again with a new one');
    assert.equal((await agent.closed).code, 4401);
    const again = await relay.connect();
    const refused = await again.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', token });
    assert.equal(refused.type === 'error' && refused.code, 'token-expired');
  });
});

describe('queues an agent may serve', () => {
  it('refuses sign-in to a queue the token does not allow with queue-not-allowed', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    await client.hello('agent', { token: relay.token({ sub: 'alice', queues: [QUEUE_A] }) });
    const reply = await client.request({ type: 'sign-in', queues: [QUEUE_B] });
    assert.equal(reply.type === 'error' && reply.code, 'queue-not-allowed');
    const mixed = await client.request({ type: 'sign-in', queues: [QUEUE_A, QUEUE_B] });
    assert.equal(mixed.type === 'error' && mixed.code, 'queue-not-allowed', 'one forbidden queue refuses the whole sign-in');
    assert.equal(relay.relay.store.agent('agent:alice')?.signedIn, false);
  });

  it('signs in to a queue the token allows', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    await client.hello('agent', { token: relay.token({ sub: 'alice', queues: [QUEUE_A] }) });
    assert.equal((await client.request({ type: 'sign-in', queues: [QUEUE_A] })).type, 'ack');
    assert.deepEqual(await client.next('agent-state', (m) => m.signedIn), { type: 'agent-state', signedIn: true, presence: 'available', queues: [QUEUE_A], capacity: 3, operator: false });
  });

  it('takes an agent who comes back with a narrower token out of the queues it no longer allows', async (t) => {
    const relay = await startTestRelay(t);
    await relay.customer('Maija', QUEUE_B);
    const { client: before } = await relay.agent('alice', [QUEUE_A, QUEUE_B], ['*']);
    const { client: bob } = await relay.agent('bob', [QUEUE_B]);
    await before.close();

    const again = await relay.connect();
    await again.hello('agent', { token: relay.token({ sub: 'alice', queues: [QUEUE_A] }) });
    assert.deepEqual(await again.next('agent-state'), { type: 'agent-state', signedIn: true, presence: 'available', queues: [QUEUE_A], capacity: 3, operator: false });
    const pick = await again.request({ type: 'pick', queue: QUEUE_B });
    assert.equal(pick.type === 'error' && pick.code, 'not-signed-in');
    assert.ok(!again.received.some((m) => m.type === 'queue' && m.queue.id === QUEUE_B), 'no snapshot of the revoked queue');
    const snapshot = await bob.next('queue', (m) => m.queue.agents.length === 1);
    assert.deepEqual(snapshot.queue.agents, [{ id: 'agent:bob', name: 'Agent bob', presence: 'available', conversations: 0 }]);
  });

  it('refuses sign-in to a queue that does not exist with queue-unknown', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    await client.hello('agent', { token: relay.token({ sub: 'alice' }) });
    const reply = await client.request({ type: 'sign-in', queues: ['no-such-queue'] });
    assert.equal(reply.type === 'error' && reply.code, 'queue-unknown');
  });
});

describe('what each role may do', () => {
  const agentOnly: CommandInput[] = [
    { type: 'sign-in', queues: [QUEUE_A] },
    { type: 'sign-out' },
    { type: 'pick', queue: QUEUE_A },
  ];
  for (const command of agentOnly) {
    it(`refuses "${command.type}" from a customer with forbidden`, async (t) => {
      const relay = await startTestRelay(t);
      await relay.customer('Maija', QUEUE_A);
      const { client } = await relay.customer('Pekka', QUEUE_A);
      const reply = await client.request(command);
      assert.equal(reply.type === 'error' && reply.code, 'forbidden');
      assert.equal(relay.relay.store.sizes.conversations, 0);
    });
  }

  const customerOnly: CommandInput[] = [{ type: 'join', queue: QUEUE_A, name: 'Alice' }, { type: 'leave' }];
  for (const command of customerOnly) {
    it(`refuses "${command.type}" from an agent with forbidden`, async (t) => {
      const relay = await startTestRelay(t);
      const { client } = await relay.agent('alice', [QUEUE_A]);
      const reply = await client.request(command);
      assert.equal(reply.type === 'error' && reply.code, 'forbidden');
    });
  }
});

describe('conversations belong to their participants', () => {
  for (const command of ['send', 'sync', 'end'] as const) {
    it(`refuses "${command}" from an agent who is not a participant with not-participant`, async (t) => {
      const relay = await startTestRelay(t);
      const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
      const { client: bob } = await relay.agent('bob', [QUEUE_A]);
      const input: CommandInput =
        command === 'send' ? { type: 'send', conversation, text: 'hijack' } : command === 'sync' ? { type: 'sync', conversation, after: 0 } : { type: 'end', conversation };
      const reply = await bob.request(input);
      assert.equal(reply.type === 'error' && reply.code, 'not-participant');
      assert.ok(!bob.received.some((m) => m.type === 'history' || m.type === 'message'), 'nothing of the conversation leaks');
      // The conversation goes on untouched.
      assert.equal((await customer.client.request({ type: 'send', conversation, text: 'still here' })).type, 'ack');
      const next = await agent.client.next('message');
      assert.deepEqual([next.seq, next.text], [2, 'still here']);
    });
  }

  for (const command of ['send', 'sync', 'end'] as const) {
    it(`refuses "${command}" from a customer to a conversation that is not theirs with not-participant`, async (t) => {
      const relay = await startTestRelay(t);
      const { conversation } = await startConversation(relay, 'Maija', 'alice');
      const { client: stranger } = await relay.customer('Pekka');
      const input: CommandInput =
        command === 'send' ? { type: 'send', conversation, text: 'hijack' } : command === 'sync' ? { type: 'sync', conversation, after: 0 } : { type: 'end', conversation };
      const reply = await stranger.request(input);
      assert.equal(reply.type === 'error' && reply.code, 'not-participant');
      assert.equal(relay.relay.store.conversation(conversation)?.log.length, 1, 'the conversation is unchanged');
    });
  }

  it('answers a conversation that does not exist with conversation-unknown', async (t) => {
    const relay = await startTestRelay(t);
    const { client } = await relay.customer();
    const reply = await client.request({ type: 'send', conversation: 'no-such-conversation', text: 'hello?' });
    assert.equal(reply.type === 'error' && reply.code, 'conversation-unknown');
  });
});
