/**
 * The chat scenario on two Tiski relays sharing one state through Redis (R6), beside the same
 * scenario on one relay: the agent of each group of conversations on one relay and its customers
 * on the other, so every message crosses relays and each relay holds about half the sockets. The
 * first relay started leads: it runs the domain, and both relays apply every batch of effects to
 * their own sockets. CPU is read per process — the leader, the other relay, Redis — so the cost
 * of deciding in one place shows apart from the cost of serving sockets.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import type { Child } from '../lib/child.js';
import { CpuMeter, waitForQuiet } from '../lib/proc.js';
import { startRedis, type BenchRedis } from '../lib/redis-server.js';
import { summarize } from '../lib/stats.js';
import type { ChatOptions } from './chat-scenario.js';
import type { WindowParams, WindowResult } from './generator.js';
import { SECRET, startServer, type StartedServer } from './servers.js';

export interface SharedWindow {
  throughput: number;
  p50: number;
  p99: number;
  p999: number;
  /** CPU µs per message received: both relays together, each, and Redis. */
  relaysUsPerMessage: number;
  leaderUsPerMessage: number;
  otherUsPerMessage: number;
  redisUsPerMessage: number;
  leaderCpuPercent: number;
  otherCpuPercent: number;
  redisCpuPercent: number;
  generatorCpuPercent: number;
  othersCpuPercent: number;
  lost: number;
  errors: Record<string, number>;
  discarded: number;
}

export interface SharedChatRun {
  conversations: number;
  mode: 'fixed' | 'max';
  offered?: number;
  setupSeconds: number;
  windows: SharedWindow[];
}

const queuesFor = (n: number, perAgent: number) => Math.max(1, Math.min(50, Math.round(n / perAgent / 10)));

interface Cluster {
  redis: BenchRedis;
  leader: StartedServer;
  other: StartedServer;
  dataDir: string;
}

async function startCluster(queues: number): Promise<Cluster | undefined> {
  const redis = await startRedis();
  if (!redis) return undefined;
  const dataDir = await mkdtemp(join(tmpdir(), 'tiski-bench-shared-'));
  const shared = { redis: { url: redis.url, keyPrefix: 'bench:' }, dataDir };
  const first = await startServer('tiski', queues, shared);
  const second = await startServer('tiski', queues, shared);
  // The first relay took the lease at its start; Redis says which one holds it.
  const client = createClient({ url: redis.url });
  await client.connect();
  const lease = (await client.get('bench:lease')) ?? '';
  await client.close();
  const firstLeads = lease.startsWith(`${first.sharedAs}/`);
  return { redis, dataDir, leader: firstLeads ? first : second, other: firstLeads ? second : first };
}

async function stopCluster(cluster: Cluster): Promise<void> {
  await Promise.all([cluster.leader.child.stop(), cluster.other.child.stop()]);
  await cluster.redis.stop();
  await rm(cluster.dataDir, { recursive: true, force: true });
}

async function measure(cluster: Cluster, generator: Child, params: WindowParams, options: ChatOptions): Promise<SharedWindow> {
  const { patience } = options;
  let discarded = 0;
  for (;;) {
    const started = performance.now();
    const quiet = Math.min(options.quietSeconds, Math.max(0, patience.seconds));
    const waited = quiet > 0 ? await waitForQuiet(quiet) : 0;
    patience.seconds -= waited;
    const meter = new CpuMeter(cluster.leader.child.pid, cluster.other.child.pid, cluster.redis.pid, generator.pid);
    const result = await generator.request<WindowResult>('window', params, (params.seconds + 60) * 1000);
    const { processes, others, wall } = meter.read();
    const [leader = NaN, other = NaN, redis = NaN, generatorCpu = NaN] = processes;
    if (result.received === 0) throw new Error(`no message arrived in a ${params.mode} window on two relays`);
    const per = (cpu: number) => (cpu / result.received) * 1e6;
    const window: SharedWindow = {
      throughput: result.received / result.seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      p999: result.latency.p999,
      relaysUsPerMessage: per(leader + other),
      leaderUsPerMessage: per(leader),
      otherUsPerMessage: per(other),
      redisUsPerMessage: per(redis),
      leaderCpuPercent: (leader / wall) * 100,
      otherCpuPercent: (other / wall) * 100,
      redisCpuPercent: (redis / wall) * 100,
      generatorCpuPercent: (generatorCpu / wall) * 100,
      othersCpuPercent: (others / wall) * 100,
      lost: result.lost,
      errors: result.errors,
      discarded,
    };
    const disturbed = window.othersCpuPercent > options.disturbedPercent;
    if (!disturbed || discarded === 2 || patience.seconds <= 0) return window;
    patience.seconds -= (performance.now() - started) / 1000 - waited;
    discarded++;
  }
}

/** The runs, or undefined when redis-server is missing (the benchmark is skipped, not failed). */
export async function sharedChatScenario(generator: Child, options: ChatOptions, log: (line: string) => void): Promise<SharedChatRun[] | undefined> {
  const runs: SharedChatRun[] = [];
  const sizes = [...new Set([...options.sizes, options.maxSize])].sort((a, b) => a - b);
  for (const n of sizes) {
    const cluster = await startCluster(queuesFor(n, options.perAgent));
    if (!cluster) return undefined;
    try {
      const setup = await generator.request<{ ms: number }>(
        'setup',
        { kind: 'tiski', port: cluster.leader.port, ports: [cluster.leader.port, cluster.other.port], conversations: n, perAgent: options.perAgent, secret: SECRET, queues: cluster.leader.queues },
        300_000,
      );
      const setupSeconds = setup.ms / 1000;
      log(`tiski on two relays: ${n} conversations open in ${setupSeconds.toFixed(1)} s`);
      const fixed: WindowParams = { mode: 'fixed', seconds: options.seconds, rate: 2 * n, bothSides: true };
      await generator.request('window', { ...fixed, seconds: options.warmupSeconds }, (options.warmupSeconds + 60) * 1000);
      if (options.sizes.includes(n)) {
        const windows: SharedWindow[] = [];
        for (let i = 0; i < options.windows; i++) windows.push(await measure(cluster, generator, fixed, options));
        runs.push({ conversations: n, mode: 'fixed', offered: 2 * n, setupSeconds, windows });
        log(`  fixed ${2 * n}/s: p99 ${windows.map((w) => w.p99.toFixed(1)).join(', ')} ms; relays ${windows.map((w) => w.relaysUsPerMessage.toFixed(1)).join(', ')} µs/msg`);
      }
      if (n === options.maxSize) {
        const closed: WindowParams = { mode: 'closed', seconds: options.seconds, perSocketLimit: options.perSocketLimit };
        const windows: SharedWindow[] = [];
        for (let i = 0; i < options.windows; i++) windows.push(await measure(cluster, generator, closed, options));
        runs.push({ conversations: n, mode: 'max', setupSeconds, windows });
        log(`  max: ${windows.map((w) => Math.round(w.throughput)).join(', ')} msg/s (median ${Math.round(summarize(windows.map((w) => w.throughput)).median)})`);
      }
    } finally {
      await generator.request('close', {}, 60_000).catch(() => {});
      await stopCluster(cluster);
    }
  }
  return runs;
}
