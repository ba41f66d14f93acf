import type { ClusterKeys } from './cluster-keys.js';
import { acquireLease, releaseLease, renewLease } from './lua-scripts.js';
import type { RedisClient } from './redis-client.js';

/** How long a lease lasts unless extended: a leader that stops this long is replaced. */
export const leaseMs = 3_000;
const renewEveryMs = 1_000;

/** Takes the lease if nobody holds it: its value (`<relay>/<fence>`), or undefined. */
export async function acquire(redis: RedisClient, keys: ClusterKeys, relay: string): Promise<string | undefined> {
  const value = await redis.eval(acquireLease, { keys: [keys.lease, keys.fence], arguments: [relay, String(leaseMs)] });
  return typeof value === 'string' ? value : undefined;
}

/**
 * Keeps a lease: extends it every second, and calls `onLost` once — at the first refusal, or when
 * it could not extend it for nearly a lease's length (Redis unreachable: another relay may lead by
 * now). The leader stops deciding at once; its writes would be refused anyway, since every one of
 * them checks the lease in Redis.
 */
export class LeaseKeeper {
  #renewedAt = Date.now();
  #lost = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ClusterKeys,
    readonly value: string,
    private readonly onLost: (reason: string) => void,
  ) {
    this.#timer = setInterval(() => this.#renew(), renewEveryMs);
  }

  get lost(): boolean {
    return this.#lost;
  }

  /** The fencing number of this term. */
  get fence(): string {
    return this.value.slice(this.value.lastIndexOf('/') + 1);
  }

  #renew(): void {
    if (Date.now() - this.#renewedAt > leaseMs - renewEveryMs / 2) return this.lose('the lease could not be extended in time');
    const asked = Date.now();
    this.redis.eval(renewLease, { keys: [this.keys.lease], arguments: [this.value, String(leaseMs)] }).then(
      (renewed) => {
        if (renewed === 1) this.#renewedAt = Math.max(this.#renewedAt, asked);
        else this.lose('another relay holds the lease');
      },
      () => {},
    );
  }

  lose(reason: string): void {
    if (this.#lost) return;
    this.stop();
    this.#lost = true;
    this.onLost(reason);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** A planned stop: gives the lease up, so another relay takes over at once. */
  async release(): Promise<void> {
    this.stop();
    this.#lost = true;
    await this.redis.eval(releaseLease, { keys: [this.keys.lease], arguments: [this.value] });
  }
}
