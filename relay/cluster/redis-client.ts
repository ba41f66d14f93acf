import { createClient } from '@redis/client';

const newClient = (url: string) => createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) } });

export type RedisClient = ReturnType<typeof newClient>;

/** A relay that cannot reach Redis at start says so and stops, rather than wait for ever. */
const connectMs = 10_000;

/**
 * A connection to Redis. It reconnects by itself after a drop, with the commands of the meantime
 * queued; the first error of each outage is logged, not every retry.
 */
export async function connectRedis(url: string, name: string): Promise<RedisClient> {
  const client = newClient(url);
  let failing = false;
  client.on('error', (error: Error) => {
    if (failing) return;
    failing = true;
    console.error(`tiski relay: Redis (${name}): ${error.message}; reconnecting`);
  });
  client.on('ready', () => {
    if (failing) console.log(`tiski relay: Redis (${name}) is back`);
    failing = false;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis at ${new URL(url).host} did not answer within ${connectMs / 1000} s`)), connectMs);
  });
  try {
    await Promise.race([client.connect(), late]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return client;
}

/** Says so when Redis may evict keys: a snapshot evicted beside its journal would lose the shared state. */
export async function warnIfEvicting(redis: RedisClient): Promise<void> {
  // Managed Redis services may refuse CONFIG: nothing to say then.
  const config = await redis.configGet('maxmemory-policy').catch(() => undefined);
  const policy = config?.['maxmemory-policy'];
  if (policy && policy !== 'noeviction') {
    console.warn(`tiski relay: Redis may evict keys (maxmemory-policy ${policy}); set it to noeviction, or the shared state can be lost`);
  }
}
