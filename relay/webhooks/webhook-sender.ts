import { createHmac } from 'node:crypto';
import type { WebhookEvent } from '../domain/effects.js';

export interface WebhookTarget {
  url: string;
  secret: string;
  events?: readonly WebhookEvent[];
}

export interface WebhookSenderOptions {
  targets: readonly WebhookTarget[];
  clock?: () => number;
  /** Waits between attempts, in ms; one attempt more than the list is long. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  /** Deliveries waiting at most; past it the oldest are dropped (and counted). */
  maxQueued?: number;
  concurrency?: number;
  fetch?: typeof fetch;
}

interface Delivery {
  target: WebhookTarget;
  body: string;
  attempt: number;
}

/** The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>" with the target's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs domain events to the integrator's endpoints (R4), signed, retried with backoff, a few at
 * a time. Runs beside the relay: nothing here ever waits on the relay's path, and a slow or
 * failing receiver only fills a bounded queue.
 */
export class WebhookSender {
  readonly #options: Required<Omit<WebhookSenderOptions, 'targets'>> & { targets: readonly WebhookTarget[] };
  readonly #queue: Delivery[] = [];
  #running = 0;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;
  readonly stats = { delivered: 0, failed: 0, dropped: 0, retried: 0 };

  constructor(options: WebhookSenderOptions) {
    this.#options = {
      clock: Date.now,
      retryDelaysMs: [1000, 5000, 30_000, 120_000],
      timeoutMs: 5000,
      maxQueued: 10_000,
      concurrency: 4,
      fetch: globalThis.fetch,
      ...options,
    };
  }

  send(event: WebhookEvent, payload: unknown): void {
    const targets = this.#options.targets.filter((t) => !t.events || t.events.includes(event));
    if (!targets.length) return;
    const body = JSON.stringify({ event, at: this.#options.clock(), data: payload });
    for (const target of targets) this.#enqueue({ target, body, attempt: 0 });
  }

  /** Stops retries; deliveries in flight finish on their own. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#queue.length = 0;
  }

  #enqueue(delivery: Delivery): void {
    if (this.#closed) return;
    if (this.#queue.length >= this.#options.maxQueued) {
      this.#queue.shift();
      this.stats.dropped++;
    }
    this.#queue.push(delivery);
    this.#pump();
  }

  #pump(): void {
    while (this.#running < this.#options.concurrency && this.#queue.length) {
      const delivery = this.#queue.shift()!;
      this.#running++;
      void this.#deliver(delivery).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #deliver(delivery: Delivery): Promise<void> {
    const timestamp = String(Math.floor(this.#options.clock() / 1000));
    try {
      const response = await this.#options.fetch(delivery.target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tiski-Webhooks/1',
          'x-tiski-timestamp': timestamp,
          'x-tiski-signature': signWebhook(delivery.target.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        this.stats.delivered++;
        return;
      }
      this.#retry(delivery);
    } catch {
      this.#retry(delivery);
    }
  }

  #retry(delivery: Delivery): void {
    // A delivery in flight at close may fail afterwards: it is not retried.
    if (this.#closed) return;
    const delay = this.#options.retryDelaysMs[delivery.attempt];
    if (delay === undefined) {
      this.stats.failed++;
      return;
    }
    this.stats.retried++;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#enqueue({ ...delivery, attempt: delivery.attempt + 1 });
    }, delay);
    timer.unref?.();
    this.#timers.add(timer);
  }
}
