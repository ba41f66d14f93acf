/**
 * A redis-server of the benchmark's own on a free loopback port, without persistence (the relays'
 * work is measured, not the disk's). Undefined when Debian's redis-server is missing: the
 * two-relay benchmark is skipped then, and says so.
 */
import { existsSync } from 'node:fs';
import { redisServerPath } from '../../scripts/ensure-redis.mjs';
import { freePort, killProcess, spawnRedisServer } from '../../test/relay/local-servers.js';

export interface BenchRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const hasRedisServer = (): boolean => existsSync(redisServerPath);

export async function startRedis(): Promise<BenchRedis | undefined> {
  if (!hasRedisServer()) return undefined;
  const port = await freePort();
  const child = await spawnRedisServer(redisServerPath, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  // Children exit with their parent: so does Redis.
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      process.off('exit', stopOnExit);
      await killProcess(child);
    },
  };
}
