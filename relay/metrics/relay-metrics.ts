import { monitorEventLoopDelay, type ELDHistogram } from 'node:perf_hooks';
import type { QueueLiveFigures } from '../domain/live-figures.js';
import type { MetricFamily } from './prometheus-text.js';

/** What the relay knows at scrape time, gathered by the transport from the domain, the sockets and the webhook sender. */
export interface MetricsInput {
  connections: { customer: number; agent: number };
  queues: readonly QueueLiveFigures[];
  conversationsActive: number;
  messagesRelayed: number;
  /** Offers since start by queue and outcome (offered, accepted, rejected, timed-out). */
  offers: ReadonlyArray<{ queue: string; outcome: string; count: number }>;
  webhooks: { delivered: number; failed: number; dropped: number; retried: number };
}

/**
 * The relay's metrics (R5) as Prometheus families. Event-loop lag is measured continuously and
 * reported per scrape interval: the histogram restarts after each scrape.
 */
export class RelayMetrics {
  readonly #lag: ELDHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.#lag.enable();
  }

  close(): void {
    this.#lag.disable();
  }

  families(input: MetricsInput): MetricFamily[] {
    const lag = this.#lag;
    const seconds = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
    const lagSamples = lag.count
      ? [
          { labels: { quantile: '0.5' }, value: seconds(lag.percentile(50)) },
          { labels: { quantile: '0.99' }, value: seconds(lag.percentile(99)) },
          { labels: { quantile: '1' }, value: seconds(lag.max) },
        ]
      : [];
    lag.reset();
    const memory = process.memoryUsage();
    return [
      {
        name: 'tiski_connections',
        help: 'Open WebSocket connections by role.',
        type: 'gauge',
        samples: (['customer', 'agent'] as const).map((role) => ({ labels: { role }, value: input.connections[role] })),
      },
      { name: 'tiski_queue_waiting', help: 'Customers waiting in each queue.', type: 'gauge', samples: input.queues.map((q) => ({ labels: { queue: q.queue }, value: q.waiting })) },
      {
        name: 'tiski_queue_longest_wait_seconds',
        help: 'How long the customer waiting longest in each queue has waited; 0 with nobody waiting.',
        type: 'gauge',
        samples: input.queues.map((q) => ({ labels: { queue: q.queue }, value: q.longestWaitSeconds })),
      },
      {
        name: 'tiski_queue_agents',
        help: 'Agents serving each queue, by presence.',
        type: 'gauge',
        samples: input.queues.flatMap((q) => Object.entries(q.agents).map(([presence, value]) => ({ labels: { queue: q.queue, presence }, value }))),
      },
      { name: 'tiski_conversations_active', help: 'Conversations going on now.', type: 'gauge', samples: [{ value: input.conversationsActive }] },
      { name: 'tiski_messages_relayed_total', help: 'Chat messages carried since the relay started.', type: 'counter', samples: [{ value: input.messagesRelayed }] },
      {
        name: 'tiski_offers_total',
        help: 'Customers offered to agents since the relay started, by queue and outcome.',
        type: 'counter',
        samples: input.offers.map((o) => ({ labels: { queue: o.queue, outcome: o.outcome }, value: o.count })),
      },
      {
        name: 'tiski_webhook_deliveries_total',
        help: 'Webhook deliveries since the relay started, by result.',
        type: 'counter',
        samples: (['delivered', 'failed', 'dropped', 'retried'] as const).map((result) => ({ labels: { result }, value: input.webhooks[result] })),
      },
      { name: 'tiski_event_loop_lag_seconds', help: 'Event-loop delay since the previous scrape.', type: 'gauge', samples: lagSamples },
      {
        name: 'tiski_process_memory_bytes',
        help: 'Memory of the relay process, by kind.',
        type: 'gauge',
        samples: [
          { labels: { kind: 'rss' }, value: memory.rss },
          { labels: { kind: 'heap_used' }, value: memory.heapUsed },
          { labels: { kind: 'heap_total' }, value: memory.heapTotal },
          { labels: { kind: 'external' }, value: memory.external },
        ],
      },
    ];
  }
}
