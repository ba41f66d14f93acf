/**
 * A Redis server of the test's own, on a free loopback port, for the shared mode (R6): Debian's
 * redis-server, which scripts/ensure-redis.mjs installs when missing (as root). Where it is
 * missing and cannot be installed, tests that need it skip with a notice.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createClient } from '@redis/client';
import type { RedisClient } from '../../relay/cluster/redis-client.js';
import { ensureRedis } from '../../scripts/ensure-redis.mjs';
import type { Cleanup } from './relay-process.js';
import { freePort, killProcess, spawnRedisServer } from './local-servers.js';

export interface TestRedis {
  url: string;
  port: number;
  /** Its data directory (the append-only file, when on). */
  dir: string;
  /** Kills it at once, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** A connection to it, closed after the test. */
  client(): Promise<RedisClient>;
}

let notified = false;

/** Where redis-server is, or undefined after telling why it is not. */
export function redisServer(): string | undefined {
  const path = ensureRedis();
  if (!path && !notified) {
    notified = true;
    console.warn('redis-server is missing: the shared-mode (Redis) tests are skipped');
  }
  return path;
}

/**
 * Starts a Redis and stops it when `cleanup` runs (a test's context, or a suite's `after`).
 * `appendonly: true` writes every change to disk before answering (appendfsync always), for tests
 * that crash Redis itself.
 */
export async function startTestRedis(cleanup: Cleanup, options: { appendonly?: boolean } = {}): Promise<TestRedis | undefined> {
  const server = redisServer();
  if (!server) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'tiski-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--protected-mode', 'no'];
  args.push(...(options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let child: ChildProcess | undefined;
  const clients: RedisClient[] = [];
  const start = async () => {
    child = await spawnRedisServer(server, args);
  };
  const kill = () => killProcess(child);
  await start();
  cleanup.after(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    await kill();
    await rm(dir, { recursive: true, force: true });
  });
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    dir,
    kill,
    restart: start,
    async client() {
      const client = createClient({ url });
      client.on('error', () => {});
      await client.connect();
      clients.push(client);
      return client;
    },
  };
}

/** Skips the test, saying why, when there is no Redis. */
export function needsRedis(t: TestContext, redis: TestRedis | undefined): redis is TestRedis {
  if (redis) return true;
  t.skip('redis-server is missing and could not be installed (run the tests as root, or install Debian\'s redis-server)');
  return false;
}
