import type { ClusterKeys } from './cluster-keys.js';
import { acquireLease, releaseLease, renewLease, runScript } from './lua-scripts.js';
import type { RedisClient } from './redis-client.js';

/** How long a lease lasts unless extended: a leader that stops this long is replaced. */
export const leaseMs = 3_000;
/**
 * How long it lasts while its new holder loads the state: decoding a large snapshot holds the
 * event loop for seconds. A relay that dies while loading is replaced after this long.
 */
export const loadingLeaseMs = 30_000;
const renewEveryMs = 1_000;

/** Takes the lease if nobody holds it: its value (`<relay>/<fence>`), or undefined. */
export async function acquire(redis: RedisClient, keys: ClusterKeys, relay: string): Promise<string | undefined> {
  const value = await runScript(redis, acquireLease, { keys: [keys.lease, keys.fence], arguments: [relay, String(leaseMs)] });
  return typeof value === 'string' ? value : undefined;
}

/**
 * Keeps a lease: extends it every second, and calls `onLost` once — at the first refusal, or when
 * no extension was confirmed for a lease's length past its end (Redis unreachable: another relay
 * leads by now). The leader stops deciding at once. Safety does not hang on this timing: every
 * write of the leader checks the lease in Redis, so a leader whose lease lapsed is refused at its
 * next commit. A busy leader reading Redis's answers late therefore does not give it up by itself.
 * It starts with `loadingLeaseMs`, for loading the state, and `loaded()` brings it to `leaseMs`.
 */
export class LeaseKeeper {
  #ttl = loadingLeaseMs;
  #validUntil = Date.now() + leaseMs;
  #lost = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ClusterKeys,
    readonly value: string,
    private readonly onLost: (reason: string) => void,
  ) {
    this.#timer = setInterval(() => this.#renew(), renewEveryMs);
    this.#renew();
  }

  /** The state is loaded: from now on a stop of this relay is noticed within `leaseMs`. */
  loaded(): void {
    this.#ttl = leaseMs;
    this.#renew();
  }

  get lost(): boolean {
    return this.#lost;
  }

  /** The fencing number of this term. */
  get fence(): string {
    return this.value.slice(this.value.lastIndexOf('/') + 1);
  }

  #renew(): void {
    if (this.#lost) return;
    if (Date.now() > this.#validUntil + leaseMs) return this.lose('the lease could not be extended in time');
    const asked = Date.now();
    const ttl = this.#ttl;
    runScript(this.redis, renewLease, { keys: [this.keys.lease], arguments: [this.value, String(ttl)] }).then(
      (renewed) => {
        if (renewed === 1) this.#validUntil = Math.max(this.#validUntil, asked + ttl);
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
    await runScript(this.redis, releaseLease, { keys: [this.keys.lease], arguments: [this.value] });
  }
}
