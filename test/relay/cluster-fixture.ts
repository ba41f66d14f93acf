/**
 * Relays sharing one state through Redis (R6), as separate processes, for the tests of one
 * `describe`: a Redis of the file's own, relays A and B started before the tests (A first, so A
 * leads), clients that connect to either and are closed after each test.
 */
import assert from 'node:assert/strict';
import { after, before, type TestContext } from 'node:test';
import type { z } from 'zod';
import type { Role, ServerEvent } from '../../protocol/index.js';
import { signToken, type AgentClaims } from '../../relay/auth/jwt.js';
import type { RelayConfig } from '../../relay/config.js';
import { startTestRedis, type TestRedis } from './cluster-redis.js';
import { FILE_SECRET, IDENTITY_SECRET, SECRET, TestClient } from './helpers.js';
import { sharedRelays, type SharedRelay } from './relay-process.js';

export interface ClusterClient {
  client: TestClient;
  welcome: ServerEvent<'welcome'>;
}

export interface SharedCluster {
  redis: TestRedis;
  relays: SharedRelay[];
  dataDir: string;
  keyPrefix: string;
  /** A new connection to `relay`, closed after the test. */
  connect(t: TestContext, relay: SharedRelay): Promise<TestClient>;
  /** A customer who said hello on `relay` and, with `queue`, joined it. */
  customer(t: TestContext, relay: SharedRelay, name: string, queue?: string): Promise<ClusterClient>;
  /** An agent who said hello on `relay` and signed in to `queues`. */
  agent(t: TestContext, relay: SharedRelay, sub: string, queues: string[], claims?: Partial<AgentClaims>): Promise<ClusterClient>;
  token(sub: string, claims?: Partial<AgentClaims>): string;
  /** The agent picks the first customer waiting in `queue`: the new conversation's id. */
  pick(agent: ClusterClient, queue: string): Promise<string>;
  /** The relay holding the lease now, as Redis says. */
  leader(): Promise<SharedRelay>;
}

export const clusterSecrets = { secret: SECRET, identitySecret: IDENTITY_SECRET, fileSecret: FILE_SECRET };

/**
 * Starts Redis and `count` relays before the suite's tests with `config` (secrets added), and stops
 * them after. Each test calls `use(t)`: the cluster, or undefined after skipping the test when there
 * is no redis-server.
 */
type ClusterConfig = Omit<z.input<typeof RelayConfig>, 'secret' | 'identitySecret' | 'fileSecret' | 'redis'>;
type ClusterOptions = { count?: number; appendonly?: boolean; snapshotSeconds?: number };

export function sharedCluster(config: ClusterConfig, options: ClusterOptions = {}) {
  let cluster: SharedCluster | undefined;
  let missing = false;
  const cleanups: Array<() => Promise<void>> = [];
  before(async () => {
    const cleanup = { after: (fn: () => Promise<void>) => void cleanups.unshift(fn) };
    const redis = await startTestRedis(cleanup, { appendonly: options.appendonly ?? false });
    if (!redis) return void (missing = true);
    const shared = await sharedRelays(cleanup, { ...clusterSecrets, maxConnectionsPerAddress: 0, ...config }, redis.url, options);
    for (const relay of shared.relays) await relay.start();
    cluster = clusterOf(redis, shared);
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
  return {
    use(t: TestContext): SharedCluster | undefined {
      if (cluster) return cluster;
      if (missing) t.skip('redis-server is missing and could not be installed: run the tests as root, or install Debian\'s redis-server');
      else assert.fail('the relays did not start');
      return undefined;
    },
  };
}

/** Redis and `count` relays for one test, started in order (the first leads), stopped after it; undefined after skipping the test without redis-server. */
export async function startCluster(t: TestContext, config: ClusterConfig, options: ClusterOptions = {}): Promise<SharedCluster | undefined> {
  const cleanup = { after: (fn: () => Promise<void>) => void t.after(fn) };
  const redis = await startTestRedis(cleanup, { appendonly: options.appendonly ?? false });
  if (!redis) {
    t.skip('redis-server is missing and could not be installed: run the tests as root, or install Debian\'s redis-server');
    return undefined;
  }
  const shared = await sharedRelays(cleanup, { ...clusterSecrets, maxConnectionsPerAddress: 0, ...config }, redis.url, options);
  for (const relay of shared.relays) await relay.start();
  return clusterOf(redis, shared);
}

function clusterOf(redis: TestRedis, shared: Awaited<ReturnType<typeof sharedRelays>>): SharedCluster {
  let watcher: Awaited<ReturnType<TestRedis['client']>> | undefined;
  const token = (sub: string, claims: Partial<AgentClaims> = {}) =>
    signToken({ sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'], ...claims }, SECRET, Math.floor(Date.now() / 1000));
  const cluster: SharedCluster = {
    redis,
    ...shared,
    token,
    async connect(t, relay) {
      const client = await TestClient.connect(relay.wsUrl);
      t.after(() => client.close());
      return client;
    },
    async customer(t, relay, name, queue) {
      const client = await cluster.connect(t, relay);
      const welcome = await client.hello('customer' satisfies Role);
      if (queue) {
        const reply = await client.request({ type: 'join', queue, name });
        assert.equal(reply.type, 'ack', JSON.stringify(reply));
        await client.next('waiting');
      }
      return { client, welcome };
    },
    async agent(t, relay, sub, queues, claims = {}) {
      const client = await cluster.connect(t, relay);
      const welcome = await client.hello('agent', { token: token(sub, claims) });
      await client.next('agent-state');
      if (queues.length) {
        const reply = await client.request({ type: 'sign-in', queues });
        assert.equal(reply.type, 'ack', JSON.stringify(reply));
        await client.next('agent-state', (m) => m.signedIn);
      }
      return { client, welcome };
    },
    async pick(agent, queue) {
      const picked = await agent.client.request({ type: 'pick', queue });
      assert.ok(picked.type === 'ack' && picked.conversation, JSON.stringify(picked));
      return picked.conversation;
    },
    async leader() {
      watcher ??= await redis.client();
      const lease = await watcher.get(`${shared.keyPrefix}lease`);
      const relay = shared.relays.find((r) => r.id && lease?.startsWith(`${r.id}/`));
      assert.ok(relay, `a relay of the test holds the lease (${lease})`);
      return relay;
    },
  };
  return cluster;
}
