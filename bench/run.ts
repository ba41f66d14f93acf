/**
 * Every benchmark of bench/ but pii/ (which has its own), in one run:
 *
 *   npm run bench            full run (about 10–15 min), writes bench/RESULTS.md
 *   npm run bench -- --quick smoke run (< 30 s): checks that the harness works, writes nothing
 *
 * Prints the summary table. Exits 1 only when a benchmark could not run (the harness is
 * broken), never because a goal was missed. Options: --no-build (full run: measure dist/ as
 * it is), --write (quick run: write RESULTS.md anyway), --report (measure nothing: write
 * RESULTS.md again from the figures the last full run kept in results.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Child } from './lib/child.js';
import { machine } from './lib/machine.js';
import { quietWithin } from './lib/proc.js';
import { chatScenario } from './relay/chat-scenario.js';
import type { ServerKind } from './relay/generator.js';
import { idleScenario } from './relay/idle.js';
import { messageCost } from './relay/message-cost.js';
import { routingCost } from './relay/routing.js';
import { startGenerator, startServer } from './relay/servers.js';
import { sharedChatScenario } from './relay/shared-chat.js';
import { resultsMarkdown, summaryText, type Plan, type Results } from './report.js';
import { agentUi } from './widget/agent-ui.js';
import { launchChromium } from './widget/browser.js';
import { widgetStart } from './widget/start.js';
import { startStaticServer } from './widget/static-server.js';
import { widgetWeights } from './widget/weight.js';

const QUICK = process.argv.includes('--quick');
const root = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const FIGURES_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

if (process.argv.includes('--report')) {
  const kept = JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Results;
  writeFileSync(RESULTS_FILE, resultsMarkdown(kept));
  console.log(`${summaryText(kept)}\n\nwrote bench/RESULTS.md from bench/results.json`);
  process.exit(0);
}
/** A run that takes longer than this is stuck: it stops with an error. */
const DEADLINE_SECONDS = QUICK ? 90 : 30 * 60;

const plan: Plan = QUICK
  ? {
      quick: true,
      chat: { sizes: [50], maxSize: 50, windows: 1, seconds: 0.3, warmupSeconds: 0.2, perAgent: 10, perSocketLimit: 18, quietSeconds: 0, disturbedPercent: Infinity, patienceSeconds: 0 },
      shared: { sizes: [50], maxSize: 50 },
      idle: { connections: 300, repeats: 1 },
      routing: { agents: 100, waiting: [100, 1000], reps: 3 },
      messageCost: { messages: 5_000 },
      widgetLoads: 2,
      agentUi: { queues: 20, waiting: 5, messages: 500, updates: 3 },
    }
  : {
      quick: false,
      chat: { sizes: [200, 1_000, 5_000], maxSize: 5_000, windows: 3, seconds: 5, warmupSeconds: 3, perAgent: 10, perSocketLimit: 18, quietSeconds: 10, disturbedPercent: 30, patienceSeconds: 60 },
      shared: { sizes: [1_000, 5_000], maxSize: 5_000 },
      idle: { connections: 10_000, repeats: 3 },
      routing: { agents: 1_000, waiting: [1_000, 10_000], reps: 15 },
      messageCost: { messages: 200_000 },
      widgetLoads: 20,
      agentUi: { queues: 200, waiting: 25, messages: 10_000, updates: 20 },
    };

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const results: Results = {
  plan,
  startedAt: new Date().toISOString(),
  seconds: 0,
  machine: machine(),
  chat: [],
  shared: [],
  idle: [],
  routing: [],
  messageCost: [],
  weights: [],
  missingWeights: [],
  widgetStart: [],
  agentUi: [],
  failures: [],
};

/** Runs one benchmark; a failure is recorded and the others still run. */
async function section(name: string, run: () => Promise<void> | void): Promise<void> {
  log(`▶ ${name}`);
  try {
    await run();
  } catch (error) {
    results.failures.push(`${name}: ${(error as Error).stack ?? String(error)}`);
    log(`✘ ${name}: ${(error as Error).message}`);
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`implausible figure: ${what}`);
}

const deadline = setTimeout(() => {
  console.error(`bench: still running after ${DEADLINE_SECONDS} s; stopping (children exit with their parent)`);
  process.exit(1);
}, DEADLINE_SECONDS * 1000);

const bundles = ['dist/chat-widget.js', 'dist/agent.js'];
if ((!QUICK && !process.argv.includes('--no-build')) || bundles.some((b) => !existsSync(`${root}${b}`))) {
  log('building dist/ (rollup -c)');
  const build = spawnSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) results.failures.push('build: rollup -c failed');
}

await section('5. widget weight', () => {
  const { weights, missing } = widgetWeights();
  for (const w of weights) check(w.gzipBytes > 1000 && w.gzipBytes < w.minBytes, `${w.name} gzip ${w.gzipBytes} B`);
  results.weights = weights;
  results.missingWeights = missing;
});

await section('4. routing cost (pure domain)', () => {
  results.routing = routingCost(plan.routing.agents, plan.routing.waiting, plan.routing.reps);
  for (const f of results.routing) check(Number.isFinite(f.totalMs.median) && f.totalMs.median >= 0, `${f.operation} ${f.totalMs.median} ms`);
});

await section('where Tiski’s CPU per message goes (in process)', () => {
  results.messageCost = messageCost(plan.messageCost.messages);
  for (const s of results.messageCost) check(s.us > 0 && s.us < 10_000, `${s.step}: ${s.us} µs`);
});

async function relayChat(generator: Child): Promise<void> {
  // Each server gets its own budget of waiting for quiet, so that a busy spell cannot starve the next.
  const patience = () => ({ seconds: plan.chat.patienceSeconds });
  const tiski = await chatScenario('tiski', generator, { ...plan.chat, rates: true, patience: patience() }, log);
  results.chat.push(...tiski);
  const halfRate = tiski.find((r) => r.mode === 'half')?.offered;
  check(halfRate !== undefined && halfRate > 0, `Tiski max rate ${halfRate}`);
  for (const kind of ['uws-bare', 'ws', 'socketio'] as ServerKind[]) {
    results.chat.push(...(await chatScenario(kind, generator, { ...plan.chat, rates: true, halfRate: halfRate!, patience: patience() }, log)));
  }
  for (const run of results.chat) for (const w of run.windows) check(Number.isFinite(w.p99) && w.relayUsPerMessage >= 0, `${run.kind} ${run.mode} p99 ${w.p99}`);
}

/** The chat scenario on two relays sharing one state through Redis (R6); skipped, and said so, without redis-server. */
async function sharedChat(generator: Child): Promise<void> {
  const runs = await sharedChatScenario(generator, { ...plan.chat, ...plan.shared, rates: true, patience: { seconds: plan.chat.patienceSeconds } }, log);
  if (!runs) {
    results.sharedSkipped = "redis-server is missing (Debian's redis-server package, or REDIS_SERVER_PATH)";
    return log(`  skipped: ${results.sharedSkipped}`);
  }
  results.shared = runs;
  for (const run of runs) for (const w of run.windows) check(Number.isFinite(w.p99) && w.relaysUsPerMessage > 0, `two relays ${run.mode} p99 ${w.p99}, ${w.relaysUsPerMessage} µs/msg`);
}

async function idleConnections(generator: Child): Promise<void> {
  for (const kind of ['tiski', 'uws-bare', 'ws', 'socketio'] as ServerKind[]) {
    const run = await idleScenario(kind, generator, plan.idle.connections, plan.idle.repeats, QUICK ? 200 : 1_000);
    log(`  ${kind}: ${run.bytesPerConnection.map((b) => Math.round(b)).join(', ')} B per connection`);
    check(run.bytesPerConnection.every((b) => Number.isFinite(b)), `${kind} idle RSS`);
    results.idle.push(run);
  }
}

async function inChromium(): Promise<void> {
  const files = await startStaticServer();
  const relay = await startServer('tiski', 1);
  const browser = await launchChromium();
  try {
    const patience = { seconds: plan.chat.patienceSeconds / 2 };
    const quiet = () => quietWithin(patience, plan.chat.quietSeconds / 2);
    results.widgetStart = await widgetStart(browser, files.origin, `ws://127.0.0.1:${relay.port}/ws`, plan.widgetLoads, quiet);
    for (const l of results.widgetStart) check(l.evaluationToPaint > 0 && l.scriptToEvaluation >= 0 && l.clickToReady > 0, `widget start ${JSON.stringify(l)}`);
    log(`  launcher painted ${results.widgetStart.map((l) => l.evaluationToPaint.toFixed(0)).join(', ')} ms after evaluation started`);
    results.agentUi = await agentUi(browser, files.origin, plan.agentUi, quiet);
    for (const f of results.agentUi) check(f.render > 0 && f.update.length > 0 && f.shown > 0, `agent UI ${f.page}`);
  } finally {
    await browser.close();
    await relay.child.stop();
    await files.close();
  }
}

const relayWork = async () => {
  const { child: generator } = await startGenerator();
  try {
    await section('1–2. relay chat scenario, Tiski and peers', () => relayChat(generator));
    await section('2b. relay chat scenario, Tiski on two relays sharing one state through Redis', () => sharedChat(generator));
    await section('3. idle connections', () => idleConnections(generator));
  } finally {
    await generator.stop();
  }
};
const browserWork = () => section('6–7. widget start and agent UI (Chromium)', inChromium);
// The quick run only checks that everything works: the browser runs beside the relay to keep it short.
if (QUICK) await Promise.all([relayWork(), browserWork()]);
else {
  await relayWork();
  await browserWork();
}

results.seconds = (performance.now() - started) / 1000;
clearTimeout(deadline);
console.log(`\n${summaryText(results)}\n`);
if (!QUICK || process.argv.includes('--write')) {
  writeFileSync(RESULTS_FILE, resultsMarkdown(results));
  writeFileSync(FIGURES_FILE, `${JSON.stringify(results, null, 1)}\n`);
  log(`wrote ${RESULTS_FILE.slice(root.length)} and ${FIGURES_FILE.slice(root.length)}`);
}
log(results.failures.length ? `${results.failures.length} benchmark(s) failed to run` : 'all benchmarks ran');
process.exit(results.failures.length ? 1 : 0);
