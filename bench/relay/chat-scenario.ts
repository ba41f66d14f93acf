/**
 * The relay chat scenario for one server: for each number of conversations, a fresh server
 * process and conversations opened by the load generator (another process), a warm-up, then
 * timed windows at a fixed offered load; at the largest size also the max-rate (closed loop)
 * and half-rate windows. The server's CPU is read from /proc/PID/stat around each window.
 */
import type { Child } from '../lib/child.js';
import { CpuMeter, rssBytes, waitForQuiet } from '../lib/proc.js';
import { summarize } from '../lib/stats.js';
import type { ServerKind, WindowParams, WindowResult } from './generator.js';
import { SECRET, startServer } from './servers.js';

export interface WindowMetrics {
  throughput: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  samples: number;
  relayUsPerMessage: number;
  /** The kernel's part of it (stime): socket reads and writes, loopback TCP. */
  relaySystemUsPerMessage: number;
  relayCpuPercent: number;
  generatorCpuPercent: number;
  /** Everything else on the machine, in % of one core: other people's work disturbs a run. */
  othersCpuPercent: number;
  behindMs: number;
  /** Frames the generator's sockets got per relayed message (acks and echoes included). */
  framesPerMessage: number;
  /** Seconds waited for the machine to be quiet before the window. */
  waitedSeconds: number;
  /** Earlier attempts at this window thrown away because other work used the machine during them. */
  discarded: number;
  lost: number;
  errors: Record<string, number>;
}

export interface ChatRun {
  kind: ServerKind;
  conversations: number;
  mode: 'fixed' | 'max' | 'half';
  /** Offered messages per second (open loop); undefined for max. */
  offered?: number;
  bothSides: boolean;
  setupSeconds: number;
  /** Relay RSS after the conversations were opened, per conversation (bytes). */
  rssPerConversation: number;
  windows: WindowMetrics[];
}

export interface ChatOptions {
  sizes: number[];
  /** Size of the max-rate and half-rate runs. */
  maxSize: number;
  windows: number;
  seconds: number;
  warmupSeconds: number;
  perAgent: number;
  /** Most messages per second one socket sends in the closed loop (Tiski allows 20/s sustained). */
  perSocketLimit: number;
  /** Offered rate of the half-rate run; undefined: half of this server's own max rate. */
  halfRate?: number;
  /** Whether to run the max-rate and half-rate windows at all. */
  rates: boolean;
  /** Most seconds to wait before each window for other work on the machine to stop. */
  quietSeconds: number;
  /** A window during which other work used more than this % of a core is run again (at most twice). */
  disturbedPercent: number;
  /** Seconds left for waiting and re-running, shared by this server's windows so that the run stays bounded. */
  patience: { seconds: number };
}

/** Queues for n conversations: about 10 agents per queue, at most 50 queues. */
const queuesFor = (n: number, perAgent: number) => Math.max(1, Math.min(50, Math.round(n / perAgent / 10)));

/** One window; run again (at most twice) when other work on the machine disturbed it. */
async function measure(server: Child, generator: Child, params: WindowParams, options: ChatOptions): Promise<WindowMetrics> {
  const { patience } = options;
  let discarded = 0;
  for (;;) {
    const started = performance.now();
    const window = await measureOnce(server, generator, params, Math.min(options.quietSeconds, Math.max(0, patience.seconds)));
    patience.seconds -= window.waitedSeconds;
    const disturbed = window.othersCpuPercent > options.disturbedPercent;
    if (!disturbed || discarded === 2 || patience.seconds <= 0) return { ...window, discarded };
    patience.seconds -= (performance.now() - started) / 1000 - window.waitedSeconds;
    discarded++;
  }
}

async function measureOnce(server: Child, generator: Child, params: WindowParams, quietSeconds: number): Promise<Omit<WindowMetrics, 'discarded'>> {
  const waitedSeconds = quietSeconds > 0 ? await waitForQuiet(quietSeconds) : 0;
  const meter = new CpuMeter(server.pid, generator.pid);
  const result = await generator.request<WindowResult>('window', params, (params.seconds + 60) * 1000);
  const { processes, system, others, wall } = meter.read();
  const [relayCpu = NaN, generatorCpu = NaN] = processes;
  const relaySystem = system[0] ?? NaN;
  if (result.received === 0) throw new Error(`no message arrived in a ${params.mode} window`);
  return {
    throughput: result.received / result.seconds,
    ...result.latency,
    samples: result.latency.count,
    relayUsPerMessage: (relayCpu / result.received) * 1e6,
    relaySystemUsPerMessage: (relaySystem / result.received) * 1e6,
    relayCpuPercent: (relayCpu / wall) * 100,
    generatorCpuPercent: (generatorCpu / wall) * 100,
    othersCpuPercent: (others / wall) * 100,
    behindMs: result.behindMs,
    framesPerMessage: result.frames / result.received,
    waitedSeconds,
    lost: result.lost,
    errors: result.errors,
  };
}

export async function chatScenario(kind: ServerKind, generator: Child, options: ChatOptions, log: (line: string) => void): Promise<ChatRun[]> {
  const runs: ChatRun[] = [];
  const sizes = [...new Set([...options.sizes, ...(options.rates ? [options.maxSize] : [])])].sort((a, b) => a - b);
  for (const n of sizes) {
    const server = await startServer(kind, queuesFor(n, options.perAgent));
    try {
      await server.child.request('gc');
      const rssBefore = rssBytes(server.child.pid);
      const setup = await generator.request<{ ms: number }>(
        'setup',
        { kind, port: server.port, conversations: n, perAgent: options.perAgent, secret: SECRET, queues: server.queues },
        300_000,
      );
      await server.child.request('gc');
      const base = { kind, conversations: n, setupSeconds: setup.ms / 1000, rssPerConversation: (rssBytes(server.child.pid) - rssBefore) / n };
      log(`${kind}: ${n} conversations open in ${(setup.ms / 1000).toFixed(1)} s`);

      // One message per second each way in every conversation.
      const fixed: WindowParams = { mode: 'fixed', seconds: options.seconds, rate: 2 * n, bothSides: true };
      await generator.request('window', { ...fixed, seconds: options.warmupSeconds }, (options.warmupSeconds + 60) * 1000);
      if (options.sizes.includes(n)) {
        const windows: WindowMetrics[] = [];
        for (let i = 0; i < options.windows; i++) windows.push(await measure(server.child, generator, fixed, options));
        runs.push({ ...base, mode: 'fixed', offered: 2 * n, bothSides: true, windows });
        log(`  fixed ${2 * n}/s: p99 ${windows.map((w) => w.p99.toFixed(1)).join(', ')} ms; ${windows.map((w) => w.relayUsPerMessage.toFixed(1)).join(', ')} µs/msg`);
      }
      if (options.rates && n === options.maxSize) {
        const closed: WindowParams = { mode: 'closed', seconds: options.seconds, perSocketLimit: options.perSocketLimit };
        const windows: WindowMetrics[] = [];
        for (let i = 0; i < options.windows; i++) windows.push(await measure(server.child, generator, closed, options));
        runs.push({ ...base, mode: 'max', bothSides: false, windows });
        const maxRate = summarize(windows.map((w) => w.throughput)).median;
        log(`  max: ${windows.map((w) => Math.round(w.throughput)).join(', ')} msg/s`);

        const rate = Math.round(options.halfRate ?? maxRate / 2);
        const half: WindowParams = { mode: 'fixed', seconds: options.seconds, rate, bothSides: false };
        const halfWindows: WindowMetrics[] = [];
        for (let i = 0; i < options.windows; i++) halfWindows.push(await measure(server.child, generator, half, options));
        runs.push({ ...base, mode: 'half', offered: rate, bothSides: false, windows: halfWindows });
        log(`  half ${rate}/s: p99 ${halfWindows.map((w) => w.p99.toFixed(1)).join(', ')} ms`);
      }
    } finally {
      await generator.request('close', {}, 60_000).catch(() => {});
      await server.child.stop();
    }
  }
  return runs;
}

