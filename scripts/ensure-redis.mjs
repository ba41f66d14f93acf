// Makes sure Debian's redis-server is there for the shared-mode tests (R6). Run as root, it
// installs the package when missing; otherwise those tests are skipped with a notice.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const redisServerPath = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** The path of redis-server, or undefined (with the reason printed) when it is missing and cannot be installed. */
export function ensureRedis() {
  if (existsSync(redisServerPath)) return redisServerPath;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.warn(
      `redis-server is missing at ${redisServerPath}, and only root can install it: the shared-mode tests will be skipped.\n` +
        '  sudo apt-get update && sudo apt-get install -y redis-server\n' +
        'or point REDIS_SERVER_PATH at an existing redis-server.',
    );
    return undefined;
  }
  console.log("redis-server is missing: installing Debian's redis-server package…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
  } catch (error) {
    console.warn(`installing redis-server failed (${error.message}): the shared-mode tests will be skipped.`);
    return undefined;
  }
  return existsSync(redisServerPath) ? redisServerPath : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureRedis();
