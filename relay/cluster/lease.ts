import { Worker } from 'node:worker_threads';
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

/** A relay whose event loop does not move for this long stops extending its lease, and is replaced. */
const stallMs = 15_000;

/**
 * Keeps a lease: a worker thread (lease-worker.mjs) extends it every second, while this thread
 * beats four times a second, so that a busy event loop here — a large snapshot, a long garbage
 * collection — does not lose it; a relay whose event loop stops for `stallMs` (for the loading
 * lease's length while it loads the state) is replaced.
 * `onLost` is called once: at the first refusal, when no extension was confirmed for a lease's
 * length past its end (Redis unreachable: another relay leads by now), or after such a stall.
 * The leader stops deciding at once. Safety does not hang on this timing: every write of the
 * leader checks the lease in Redis, so a leader whose lease lapsed is refused at its next commit.
 * It starts with `loadingLeaseMs`, for loading the state, and `loaded()` brings it to `leaseMs`.
 */
export class LeaseKeeper {
  readonly #shared = new BigInt64Array(new SharedArrayBuffer(16));
  readonly #worker: Worker;
  readonly #beat: NodeJS.Timeout;
  #lost = false;

  constructor(
    url: string,
    keys: ClusterKeys,
    readonly value: string,
    private readonly onLost: (reason: string) => void,
  ) {
    Atomics.store(this.#shared, 1, BigInt(loadingLeaseMs));
    this.#beat = setInterval(() => Atomics.add(this.#shared, 0, 1n), 250);
    this.#worker = new Worker(new URL('./lease-worker.mjs', import.meta.url), {
      workerData: { url, leaseKey: keys.lease, value, renewScript: renewLease, releaseScript: releaseLease, shared: this.#shared.buffer, renewEveryMs, stallMs, leaseMs },
    });
    this.#worker.unref();
    this.#worker.on('message', (message: { lost?: string }) => {
      if (message.lost) this.lose(message.lost);
    });
    this.#worker.on('error', (error: Error) => this.lose(`the lease keeper failed: ${error.message}`));
  }

  /** The state is loaded: from now on a stop of this relay is noticed within `leaseMs`. */
  loaded(): void {
    Atomics.store(this.#shared, 1, BigInt(leaseMs));
  }

  get lost(): boolean {
    return this.#lost;
  }

  /** The fencing number of this term. */
  get fence(): string {
    return this.value.slice(this.value.lastIndexOf('/') + 1);
  }

  lose(reason: string): void {
    if (this.#lost) return;
    this.stop();
    this.#lost = true;
    this.onLost(reason);
  }

  stop(): void {
    clearInterval(this.#beat);
    void this.#worker.terminate();
  }

  /** A planned stop: gives the lease up, so another relay takes over at once. */
  async release(): Promise<void> {
    clearInterval(this.#beat);
    this.#lost = true;
    const released = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      this.#worker.on('message', (message: { released?: boolean }) => {
        if (!message.released) return;
        clearTimeout(timer);
        resolve();
      });
    });
    this.#worker.postMessage('release');
    await released;
    await this.#worker.terminate();
  }
}
