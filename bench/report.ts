/**
 * Turns the figures of one `npm run bench` into the summary table (stdout) and RESULTS.md:
 * method, machine, summary with goals met or not, then each benchmark's full table.
 */
import { bytes, kib, table } from './lib/markdown.js';
import { limits } from '../protocol/index.js';
import { mmm, num, summarize, type Summary } from './lib/stats.js';
import type { ChatRun, WindowMetrics } from './relay/chat-scenario.js';
import type { ServerKind } from './relay/generator.js';
import type { IdleRun } from './relay/idle.js';
import type { StepCost } from './relay/message-cost.js';
import type { RoutingFigure } from './relay/routing.js';
import type { SharedChatRun } from './relay/shared-chat.js';
import { serverNames } from './relay/servers.js';
import type { AgentUiFigures } from './widget/agent-ui.js';
import type { WidgetStartLoad } from './widget/start.js';
import type { Weight } from './widget/weight.js';

export interface Plan {
  quick: boolean;
  chat: { sizes: number[]; maxSize: number; windows: number; seconds: number; warmupSeconds: number; perAgent: number; perSocketLimit: number; quietSeconds: number; disturbedPercent: number; patienceSeconds: number };
  /** The chat scenario on two relays sharing one state (R6): its fixed-load sizes and its max-rate size. */
  shared?: { sizes: number[]; maxSize: number };
  idle: { connections: number; repeats: number };
  routing: { agents: number; waiting: number[]; reps: number };
  messageCost: { messages: number };
  widgetLoads: number;
  agentUi: { queues: number; waiting: number; messages: number; updates: number };
}

export interface Results {
  plan: Plan;
  startedAt: string;
  seconds: number;
  machine: Record<string, string>;
  chat: ChatRun[];
  /** Two relays sharing one state through Redis; absent in runs before it was measured. */
  shared?: SharedChatRun[];
  /** Why the two-relay run did not run. */
  sharedSkipped?: string;
  idle: IdleRun[];
  routing: RoutingFigure[];
  messageCost: StepCost[];
  weights: Weight[];
  missingWeights: string[];
  widgetStart: WidgetStartLoad[];
  agentUi: AgentUiFigures[];
  failures: string[];
}

interface Goal {
  goal: string;
  result: string;
  met: boolean | undefined;
  why: string;
}

const KINDS: ServerKind[] = ['tiski', 'uws-bare', 'ws', 'socketio'];
const of = (windows: WindowMetrics[], key: keyof WindowMetrics) => summarize(windows.map((w) => w[key] as number));
const ms = (s: Summary) => mmm(s, ' ms');
const yes = (met: boolean | undefined) => (met === undefined ? '–' : met ? '**met**' : '**not met**');

function find(results: Results, kind: ServerKind, mode: ChatRun['mode'], conversations?: number): ChatRun | undefined {
  return results.chat.find((r) => r.kind === kind && r.mode === mode && (conversations === undefined || r.conversations === conversations));
}

/** Why a max-rate run stopped where it did. */
function limitOf(run: ChatRun, perSocketLimit: number): string {
  const relay = of(run.windows, 'relayCpuPercent').median;
  const generator = of(run.windows, 'generatorCpuPercent').median;
  const throughput = of(run.windows, 'throughput').median;
  const others = of(run.windows, 'othersCpuPercent').median;
  const limits = [];
  if (relay >= 90) limits.push('the server (a full core)');
  if (generator >= 90) limits.push('the load generator (a full core)');
  if (throughput >= 0.95 * run.conversations * perSocketLimit) limits.push(`the generator's pacing (${perSocketLimit}/s per customer socket)`);
  if (limits.length === 0) limits.push(`no process saturated: the 2 cores were shared with other work (${num(others)} % of a core)`);
  return limits.join(', ');
}

function goals(results: Results): Goal[] {
  const { plan } = results;
  const list: Goal[] = [];
  const big = plan.chat.maxSize;
  const cpu = (kind: ServerKind, mode: ChatRun['mode']) => {
    const run = find(results, kind, mode, big);
    return run ? of(run.windows, 'relayUsPerMessage').median : NaN;
  };
  const systemShare = (kind: ServerKind, mode: ChatRun['mode']) => {
    const run = find(results, kind, mode, big);
    return run ? of(run.windows, 'relaySystemUsPerMessage').median : NaN;
  };
  for (const mode of ['fixed', 'half'] as const) {
    const label = mode === 'fixed' ? `${big} conversations, 1 msg/s each way` : `${big} conversations, half Tiski's max rate`;
    const tiski = cpu('tiski', mode);
    const floor = cpu('uws-bare', mode);
    const socketIo = cpu('socketio', mode);
    list.push({
      goal: `Tiski CPU per message ≤ 1.25× bare uWS (${label})`,
      result: `${num(tiski)} µs vs ${num(floor)} µs: ${num(tiski / floor)}×`,
      met: Number.isFinite(tiski / floor) ? tiski / floor <= 1.25 : undefined,
      why: `Tiski writes 3 frames per relayed message (an ack and the echo to the sender, the message to the other side) where the floor writes 1 — ${num(systemShare('tiski', mode))} µs of its CPU per message is in the kernel against ${num(systemShare('uws-bare', mode))} µs for the floor — and runs the domain and serializes 3 events; see “Where Tiski’s CPU per message goes”.`,
    });
    list.push({
      goal: `Tiski CPU per message ≥ 2× better than Socket.IO (${label})`,
      result: `Socket.IO ${num(socketIo)} µs / Tiski ${num(tiski)} µs = ${num(socketIo / tiski)}×`,
      met: Number.isFinite(socketIo / tiski) ? socketIo / tiski >= 2 : undefined,
      why:
        socketIo < tiski
          ? 'Tiski uses more CPU per message than Socket.IO on the ws engine: uWS saves more than Socket.IO’s framing costs, but Tiski writes 3 frames where Socket.IO writes 1 and adds the domain work.'
          : 'Tiski writes 3 frames where Socket.IO writes 1 and adds the domain work, which eats most of what uWS saves.',
    });
  }
  const half = find(results, 'tiski', 'half', big);
  const max = find(results, 'tiski', 'max', big);
  if (half && max) {
    const p99 = of(half.windows, 'p99');
    list.push({
      goal: `p99 < 10 ms at ${big} conversations at half Tiski's max rate (${num(half.offered ?? NaN)} msg/s)`,
      result: ms(p99),
      met: p99.median < 10,
      why:
        `at half its max rate the relay still uses ${num(of(half.windows, 'relayCpuPercent').median)} % of a core: its CPU per message is higher at lower rates (${num(of(half.windows, 'relayUsPerMessage').median)} µs against ${num(of(max.windows, 'relayUsPerMessage').median)} µs at max rate, fewer frames per system call), ` +
        `so it runs close to saturation and any extra work (garbage collection of the growing conversation logs, the once-a-second tick) queues messages up; the generator used ${num(of(half.windows, 'generatorCpuPercent').median)} %, other work ${num(of(half.windows, 'othersCpuPercent').median)} %.`,
    });
  }
  const idle = results.idle.find((r) => r.kind === 'tiski');
  if (idle) {
    const per = summarize(idle.bytesPerConnection);
    list.push({
      goal: 'Relay RSS ≤ 2 KB (2 048 B) per idle widget connection',
      result: mmm(per, ' B'),
      met: per.median <= 2048,
      why: `${num(summarize(idle.heapBytesPerConnection).median)} B of it are JavaScript objects in use — per connection the relay keeps its SocketData (origin, a RateLimiter), a Customer record with a resume token (two Map entries) and a SocketRegistry entry (a Map entry and a Set) — the rest is native memory and the V8 heap's headroom; the bare uWS floor needs ${num(summarize(results.idle.find((r) => r.kind === 'uws-bare')?.bytesPerConnection ?? []).median)} B per connection in all.`,
    });
  }
  const growth = (operation: string) => {
    const [small, large] = plan.routing.waiting.map((w) => results.routing.find((f) => f.operation === operation && f.waiting === w));
    return small && large ? large.totalMs.median / small.totalMs.median : NaN;
  };
  const factor = (plan.routing.waiting[1] ?? NaN) / (plan.routing.waiting[0] ?? NaN);
  for (const operation of ['join (offer queue)', 'pick next (offer queue)', 'join (pick queue)', 'pick next (pick queue)']) {
    const g = growth(operation);
    const met = Number.isFinite(g) ? g < factor / 2 : undefined;
    list.push({
      goal: `Routing: ${operation} grows sublinearly with the line (${plan.routing.waiting.join(' → ')} waiting, ${plan.routing.agents} agents)`,
      result: `${num(g)}× slower for ${num(factor)}× the line`,
      met,
      why: met
        ? `below ${num(factor / 2)}× here only because the agents' part of each snapshot (${plan.routing.agents} agents, fixed) weighs as much as the line at these sizes; the line's part is O(waiting) (section 4).`
        : 'linear: queueChanged() builds and publishes queueSnapshot() — every waiting customer and every agent — on each change, and sends every waiting customer their place in line (section 4).',
    });
  }
  const widget = results.weights.find((w) => w.name === 'Tiski dist/chat-widget.js');
  if (widget) {
    list.push({
      goal: 'Widget initial load ≤ 20 KB (20 000 B) min+gzip',
      result: `${bytes(widget.gzipBytes)} (${kib(widget.gzipBytes)})`,
      met: widget.gzipBytes <= 20_000,
      why: `${num((20_000 - widget.gzipBytes) / 1000)} KB of headroom left.`,
    });
  }
  if (results.widgetStart.length) {
    const paint = summarize(results.widgetStart.map((l) => l.evaluationToPaint));
    const part = (key: keyof WidgetStartLoad) => num(summarize(results.widgetStart.map((l) => l[key])).median);
    list.push({
      goal: 'Launcher painted ≤ 50 ms after the script is evaluated',
      result: `${ms(paint)} from the start of evaluation`,
      met: paint.median <= 50,
      why: `evaluating the bundle and defining the elements ${part('evaluationToDefined')} ms, first render ${part('definedToRendered')} ms, the rest waiting for the next frame and painting (medians); compiling before evaluation adds ${part('scriptToEvaluation')} ms.`,
    });
  }
  for (const figure of results.agentUi) {
    if (figure.page === 'both') continue;
    const update = summarize(figure.update);
    const what = figure.page === 'bar' ? `one queue change in <agent-queue-bar> with ${plan.agentUi.queues} × ${plan.agentUi.waiting} waiting` : `one new message in <chat-session> with ${plan.agentUi.messages} messages`;
    const waiting = plan.agentUi.queues * plan.agentUi.waiting;
    const perCustomerUs = (update.median / waiting) * 1000;
    const formatters = figure.formattersPerUpdate ?? 0;
    list.push({
      goal: `Agent UI: ${what} within a 16 ms frame`,
      result: ms(update),
      met: update.median <= 16,
      why:
        figure.page === 'bar'
          ? `a change of one queue re-renders all ${waiting} waiting customers of all queues (${num(perCustomerUs)} µs each), and so does the one-second clock (${num(summarize(figure.tick).median)} ms with nothing changed)` +
            (formatters >= waiting / 2
              ? `; LocalizeController.time() builds a new Intl.DateTimeFormat for each (${num(formatters)} per change): ${num(figure.intl?.fresh ?? NaN)} ms for ${waiting} new formatters against ${num(figure.intl?.reused ?? NaN)} ms with one reused.`
              : '.')
          : 'each message copies the conversation’s arrays (ConversationStore.apply), maps the whole timeline (timelineItems), counts unread over all messages, and the list re-diffs and lays out every item (no windowing).',
    });
  }
  return list;
}

function summaryRows(results: Results): string[][] {
  const big = results.plan.chat.maxSize;
  const rows: string[][] = [];
  const max = find(results, 'tiski', 'max', big);
  if (max) rows.push([`Tiski: messages relayed per second at max rate, ${big} conversations`, mmm(of(max.windows, 'throughput'), '/s'), `limited by ${limitOf(max, results.plan.chat.perSocketLimit)}`]);
  const peers = KINDS.slice(1).flatMap((kind) => {
    const run = find(results, kind, 'max', big);
    return run ? [`${serverNames[kind]} ${num(of(run.windows, 'throughput').median)}/s`] : [];
  });
  if (peers.length) rows.push([`Peers at max rate, ${big} conversations`, peers.join(', '), 'see section 1–2 for what stopped each']);
  for (const kind of KINDS) {
    const run = find(results, kind, 'fixed', big);
    if (!run) continue;
    const busy = of(run.windows, 'relayCpuPercent').median;
    rows.push([
      `${serverNames[kind]}: ${big} conversations, 1 msg/s each way — p50 / p99 / p999`,
      `${num(of(run.windows, 'p50').median)} / ${num(of(run.windows, 'p99').median)} / ${num(of(run.windows, 'p999').median)} ms`,
      `relay CPU ${mmm(of(run.windows, 'relayUsPerMessage'), ' µs')} per message, ${num(busy)} % of a core${busy >= 90 ? ' (saturated)' : ''}`,
    ]);
  }
  rows.push(...sharedSummaryRows(results));
  const idle = results.idle.find((r) => r.kind === 'tiski');
  if (idle) rows.push([`Tiski: relay RSS per idle connection (${idle.connections})`, mmm(summarize(idle.bytesPerConnection), ' B'), '']);
  const widget = results.weights.find((w) => w.name === 'Tiski dist/chat-widget.js');
  const agent = results.weights.find((w) => w.name === 'Tiski dist/agent.js');
  if (widget && agent) rows.push(['Tiski: chat-widget.js / agent.js min+gzip', `${bytes(widget.gzipBytes)} / ${bytes(agent.gzipBytes)}`, '']);
  if (results.widgetStart.length) {
    rows.push(['Widget: bundle evaluated → launcher painted', ms(summarize(results.widgetStart.map((l) => l.evaluationToPaint))), `${results.widgetStart.length} loads; from the end of the download: ${ms(summarize(results.widgetStart.map((l) => l.scriptToPaint)))}`]);
    rows.push(['Widget: launcher click → connected, start form shown', ms(summarize(results.widgetStart.map((l) => l.clickToReady))), '']);
  }
  return rows;
}

export function summaryText(results: Results): string {
  const lines = [table(['figure', 'median (min–max)', 'note'], summaryRows(results)), '', table(['goal', 'result', ''], goals(results).map((g) => [g.goal, g.result, yes(g.met)]))];
  if (results.failures.length) lines.push('', `FAILED: ${results.failures.length} benchmark(s) did not run: ${results.failures.map((f) => f.split('\n')[0]).join('; ')}`);
  return lines.join('\n');
}

function chatSection(results: Results): string {
  const { plan } = results;
  const out: string[] = [];
  const floorOf = (run: ChatRun) => find(results, 'uws-bare', run.mode, run.conversations);
  const row = (run: ChatRun) => {
    const w = run.windows;
    const floor = floorOf(run);
    const ratio = floor ? of(w, 'relayUsPerMessage').median / of(floor.windows, 'relayUsPerMessage').median : NaN;
    const errors = Object.entries(w.reduce<Record<string, number>>((all, x) => {
      for (const [k, v] of Object.entries(x.errors)) all[k] = (all[k] ?? 0) + v;
      return all;
    }, {})).map(([k, v]) => `${k}: ${v}`).join(', ');
    return [
      String(run.conversations),
      serverNames[run.kind],
      run.offered === undefined ? 'closed loop' : num(run.offered),
      mmm(of(w, 'throughput')),
      num(of(w, 'p50').median),
      mmm(of(w, 'p99')),
      `${num(of(w, 'p999').median)} (${num(of(w, 'samples').median)})`,
      `${mmm(of(w, 'relayUsPerMessage'))}; kernel ${num(of(w, 'relaySystemUsPerMessage').median)}`,
      num(ratio),
      num(of(w, 'framesPerMessage').median),
      num(of(w, 'relayCpuPercent').median),
      num(of(w, 'generatorCpuPercent').median),
      num(of(w, 'othersCpuPercent').median),
      String(w.reduce((n, x) => n + x.lost, 0)),
      errors || '–',
      String(w.reduce((n, x) => n + x.discarded, 0)),
    ];
  };
  const header = ['conv.', 'server', 'offered msg/s', 'relayed msg/s', 'p50 ms', 'p99 ms', 'p999 ms (samples)', 'relay CPU µs/msg; of it in the kernel', '× floor', 'frames/msg', 'relay CPU %', 'generator CPU %', 'others CPU %', 'lost', 'errors', 're-runs'];
  const byMode = (mode: ChatRun['mode']) => results.chat.filter((r) => r.mode === mode).sort((a, b) => a.conversations - b.conversations || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));

  out.push('### Fixed load: every conversation 1 message per second each way', '', table(header, byMode('fixed').map(row)), '');
  const max = byMode('max');
  if (max.length) {
    out.push(
      `### Max rate: closed loop, ${plan.chat.maxSize} conversations`,
      '',
      `Each conversation keeps one customer message in flight and sends the next when the agent side got it, at most ${plan.chat.perSocketLimit} per second per customer socket (below Tiski's 20/s rate limit): the generator can offer at most ${num(plan.chat.maxSize * plan.chat.perSocketLimit)} msg/s, and it runs on one core beside the server's. Latency here is queueing, not the server's speed.`,
      '',
      table(header, max.map(row)),
      '',
      table(['server', 'what stopped it'], max.map((r) => [serverNames[r.kind], limitOf(r, plan.chat.perSocketLimit)])),
      '',
    );
  }
  const half = byMode('half');
  if (half.length) out.push(`### Half of Tiski's max rate, ${plan.chat.maxSize} conversations, every server at the same offered load (customers → agents)`, '', table(header, half.map(row)), '');
  const setups = results.chat.filter((r) => r.mode !== 'half' && r.mode !== 'max');
  out.push(
    '### Opening the conversations, and the relay memory they hold',
    '',
    table(
      ['server', 'conversations', 'setup s', 'relay RSS per conversation (2 sockets)'],
      setups.map((r) => [serverNames[r.kind], String(r.conversations), num(r.setupSeconds), bytes(r.rssPerConversation)]),
    ),
    '',
  );
  return out.join('\n');
}

type SharedWindowKey = keyof SharedChatRun['windows'][number];
const ofShared = (run: SharedChatRun, key: SharedWindowKey) => summarize(run.windows.map((w) => w[key] as number));

/** The two-relay run at max rate beside one relay's: throughput and CPU per message, as ratios. */
function sharedSummaryRows(results: Results): string[][] {
  const max = (results.shared ?? []).find((r) => r.mode === 'max');
  const one = max && find(results, 'tiski', 'max', max.conversations);
  if (!max || !one) return results.sharedSkipped ? [['Tiski on two relays sharing one state (Redis)', 'not measured', results.sharedSkipped]] : [];
  const throughput = ofShared(max, 'throughput').median;
  const cpu = ofShared(max, 'relaysUsPerMessage').median + ofShared(max, 'redisUsPerMessage').median;
  return [
    [
      `Tiski on two relays sharing one state (Redis): max rate, ${max.conversations} conversations`,
      mmm(ofShared(max, 'throughput'), '/s'),
      `${num(throughput / of(one.windows, 'throughput').median)}× one relay; CPU per message both relays + Redis ${num(cpu)} µs, ${num(cpu / of(one.windows, 'relayUsPerMessage').median)}× one relay's; the leader ${num(ofShared(max, 'leaderUsPerMessage').median)} µs, the other relay ${num(ofShared(max, 'otherUsPerMessage').median)} µs`,
    ],
  ];
}

function sharedSection(results: Results): string {
  const runs = results.shared ?? [];
  if (!runs.length) return `Not measured${results.sharedSkipped ? `: ${results.sharedSkipped}` : ' in this run'}.\n`;
  const row = (run: SharedChatRun) => {
    const one = find(results, 'tiski', run.mode, run.conversations);
    const ratio = (value: number, key: keyof WindowMetrics) => (one ? num(value / of(one.windows, key).median) : '–');
    const throughput = ofShared(run, 'throughput').median;
    const relays = ofShared(run, 'relaysUsPerMessage').median;
    const redis = ofShared(run, 'redisUsPerMessage').median;
    return [
      String(run.conversations),
      run.offered === undefined ? 'closed loop' : num(run.offered),
      mmm(ofShared(run, 'throughput')),
      ratio(throughput, 'throughput'),
      num(ofShared(run, 'p50').median),
      mmm(ofShared(run, 'p99')),
      one ? `${num(of(one.windows, 'p50').median)} / ${num(of(one.windows, 'p99').median)}` : '–',
      `${num(ofShared(run, 'leaderUsPerMessage').median)} + ${num(ofShared(run, 'otherUsPerMessage').median)} = ${num(relays)}`,
      num(redis),
      ratio(relays + redis, 'relayUsPerMessage'),
      `${num(ofShared(run, 'leaderCpuPercent').median)} / ${num(ofShared(run, 'otherCpuPercent').median)} / ${num(ofShared(run, 'redisCpuPercent').median)} / ${num(ofShared(run, 'generatorCpuPercent').median)}`,
      num(ofShared(run, 'othersCpuPercent').median),
      String(run.windows.reduce((n, w) => n + w.lost, 0)),
      String(run.windows.reduce((n, w) => n + w.discarded, 0)),
    ];
  };
  const header = ['conv.', 'offered msg/s', 'relayed msg/s', '× one relay', 'p50 ms', 'p99 ms', 'one relay: p50 / p99 ms', 'CPU µs/msg: leader + other relay = both', 'Redis µs/msg', 'both relays + Redis × one relay', 'CPU %: leader / other / Redis / generator', 'others CPU %', 'lost', 're-runs'];
  return [
    'Two relay processes and a redis-server (no persistence) on the same 2 cores as the load generator. The agent of each group of conversations is on one relay and its customers on the other, so every message crosses relays and each relay holds about half the sockets. Every message goes: sender’s relay → Redis → the leader, which decides it, appends it to the journal and publishes the batch of effects in one script → both relays, which write to their own sockets. The other relay’s CPU is what serving its half of the sockets costs (and applying every batch); the leader’s is that plus deciding every message for the whole cluster, journaling and snapshots: their difference is the price of one decider. One relay uses at most one core; two relays and Redis can use both, which is where the shared mode gains on this machine — and where it loses, since the generator needs a core too. A snapshot holds decisions while the state is encoded (logged by the leader when over a second): a window it falls into shows it as latency, and as “lost” messages — those that arrived more than 3 s after the window ended.',
    '',
    decider(runs),
    '',
    '### Fixed load: every conversation 1 message per second each way',
    '',
    table(header, runs.filter((r) => r.mode === 'fixed').map(row)),
    '',
    '### Max rate: closed loop',
    '',
    table(header, runs.filter((r) => r.mode === 'max').map(row)),
    '',
  ].join('\n');
}

/** The leader's CPU per message beyond the other relay's, in each run: what deciding in one place costs. */
function decider(runs: SharedChatRun[]): string {
  const parts = runs.map((run) => {
    const leader = ofShared(run, 'leaderUsPerMessage').median;
    const other = ofShared(run, 'otherUsPerMessage').median;
    return `${run.conversations} conversations, ${run.mode === 'max' ? 'max rate' : 'fixed load'}: the leader ${num(leader)} µs per message, the other relay ${num(other)} µs, the difference ${num(leader - other)} µs (${num(((leader - other) / (leader + other)) * 100)} % of both relays' CPU)`;
  });
  return `The price of one decider (medians): ${parts.join('; ')}.`;
}

function routingSection(results: Results): string {
  const { plan } = results;
  const operations = [...new Set(results.routing.map((f) => f.operation))];
  const [small, large] = plan.routing.waiting;
  const rows = operations.map((operation) => {
    const a = results.routing.find((f) => f.operation === operation && f.waiting === small);
    const b = results.routing.find((f) => f.operation === operation && f.waiting === large);
    if (!a || !b) return [operation, '–', '–', '–', '–', '–'];
    return [
      operation,
      `${ms(a.domainMs)} / ${num(a.totalMs.median)} ms`,
      `${ms(b.domainMs)} / ${num(b.totalMs.median)} ms`,
      `${num(b.totalMs.median / a.totalMs.median)}×`,
      `${a.effects} → ${b.effects}`,
      `${kib(a.bytes)} → ${kib(b.bytes)}`,
    ];
  });
  return [
    `${plan.routing.agents} agents signed in to an offer queue and a pick queue, ${small} and then ${large} customers waiting in each (the first ${plan.routing.agents} of the offer queue on offer, one per agent, so every agent is busy with an offer). Each figure: domain time / domain time plus JSON.stringify of every effect (what SocketRegistry.apply does before writing), median of ${plan.routing.reps} (min–max of the domain time).`,
    '',
    table(['operation', `${small} waiting`, `${large} waiting`, 'growth', 'effects', 'bytes serialized'], rows),
    '',
    '**Why it is linear** (relay code unchanged, read from relay/domain):',
    '',
    '- `queueChanged()` (queue-updates.ts) runs on every join, leave, pick, offer, release, sign-in and presence change. It builds `queueSnapshot()` — every waiting customer with name, preview and offer, and every agent of the queue — and publishes it to all the queue\'s agents, so each change costs O(waiting + agents) to build and serialize and O((waiting + agents) × agents) bytes on the wire; with the default `linesMoved = true` it also sends a `waiting` event to every customer in line, even on a join at the back where no place changed.',
    '- `routeOffers()` (offers.ts) runs after **every** command (RelayDomain.handle, including each chat `send`) and every tick: for each offer queue it walks the line past the customers already on offer and, for the first one without, maps and filters all the queue\'s agents; with every agent busy it stops there, so each command pays O(customers on offer + agents) — see the chat message row.',
    '- `pick` finds the next customer with `queue.waiting.find(…)` past those on offer, and `removeFromQueue`/`moveToFront` use `indexOf` + `splice`/`unshift`: O(waiting), small beside the snapshot.',
    '',
  ].join('\n');
}

function widgetSection(results: Results): string {
  const out: string[] = [];
  out.push(
    '## 5. Widget weight',
    '',
    'Minified as shipped; gzip -9 (zlib level 9) of each file, summed. Tiski bundles with their static imports followed.',
    '',
    table(['bundle', 'files', 'minified', 'min+gzip', 'note'], results.weights.map((w) => [w.name, w.files.join(', '), bytes(w.minBytes), `${bytes(w.gzipBytes)} (${kib(w.gzipBytes)})`, w.note])),
    '',
  );
  if (results.missingWeights.length) out.push(`Not measured: ${results.missingWeights.join('; ')}.`, '');
  const loads = results.widgetStart;
  if (loads.length) {
    const row = (label: string, values: number[]) => [label, ms(summarize(values))];
    out.push(
      `## 6. Widget start (Chromium, ${loads.length} loads, each in a fresh browser context)`,
      '',
      table(['step', 'median (min–max)'], [
        row('bundle evaluation starts → launcher painted (first contentful paint)', loads.map((l) => l.evaluationToPaint)),
        row('  of which: evaluation starts → element defined', loads.map((l) => l.evaluationToDefined)),
        row('  of which: defined → first render done', loads.map((l) => l.definedToRendered)),
        row('bundle downloaded → evaluation starts (compiling the module graph)', loads.map((l) => l.scriptToEvaluation)),
        row('bundle downloaded → launcher painted', loads.map((l) => l.scriptToPaint)),
        row('navigation start → launcher painted', loads.map((l) => l.navigationToPaint)),
        row('launcher click → start or message form in the DOM (socket open, hello and queue status answered, conversation chunk loaded)', loads.map((l) => l.clickToReady)),
        row('launcher click → next frame after it', loads.map((l) => l.clickToFrame)),
      ]),
      '',
    );
  }
  const ui = results.agentUi;
  if (ui.length) {
    const { agentUi } = results.plan;
    out.push(
      `## 7. Agent UI at scale (Chromium)`,
      '',
      `<agent-queue-bar> with ${agentUi.queues} queues × ${agentUi.waiting} waiting; <chat-session> with one conversation of ${agentUi.messages} messages (one \`history\` event); "both" has both on one page under one <chat-connection>, as a CRM page would. Times run from delivering the event to the elements' updates done and style and layout forced; ${agentUi.updates} updates each.`,
      '',
      table(
        ['page', 'first render ms', 'one change ms (median, min–max)', 'clock re-render ms', 'items shown'],
        ui.map((f) => [f.page === 'bar' ? 'queue bar' : f.page === 'session' ? 'session' : 'both (new message)', num(f.render), ms(summarize(f.update)), ms(summarize(f.tick)), String(f.shown)]),
      ),
      '',
    );
    const bar = ui.find((f) => f.page === 'bar');
    if (bar?.intl) {
      out.push(
        `The queue bar created ${num(bar.formattersPerUpdate ?? NaN)} Intl.DateTimeFormat objects per change (counted in the page). For scale, formatting ${agentUi.queues * agentUi.waiting} clock times takes ${num(bar.intl.fresh)} ms with a new formatter each, ${num(bar.intl.reused)} ms with one reused.`,
        '',
      );
    }
    const session = ui.find((f) => f.page === 'session');
    if (session?.scrollTopAfterClockTick !== undefined) {
      out.push(
        session.scrollTopAfterClockTick > 0
          ? `Scrolled to the top of the message list, one clock re-render later the list was at scrollTop ${num(session.scrollTopAfterClockTick)}: **the list jumps back to the bottom every second** while a conversation is live (see findings).`
          : 'Scrolled to the top of the message list, the list stayed there across a clock re-render.',
        '',
      );
    }
  }
  return out.join('\n');
}

/** Problems the figures of this run show, then those read from the code when the benchmark was written. */
function findings(results: Results): string[] {
  const { agentUi } = results.plan;
  const waiting = agentUi.queues * agentUi.waiting;
  const bar = results.agentUi.find((f) => f.page === 'bar');
  const session = results.agentUi.find((f) => f.page === 'session');
  const both = results.agentUi.find((f) => f.page === 'both');
  const barTick = bar ? summarize(bar.tick).median : NaN;
  const sendRow = (w: number | undefined) => results.routing.find((f) => f.operation === 'chat message (send)' && f.waiting === w);
  const [small, large] = [sendRow(results.plan.routing.waiting[0]), sendRow(results.plan.routing.waiting[1])];
  const seen: string[] = [];
  if (session && (session.scrollTopAfterClockTick ?? 0) > 0) {
    seen.push(
      '- **`<chat-session>` pulls the agent back to the bottom every second**: scrolled to the top, the message list was at the bottom again after one clock re-render (ClockController runs while a conversation is live). Each render builds a new `messages` array (timelineItems), so `<chat-message-list>` sees it changed and its `updated()` sets `scrollTop = scrollHeight`. `<chat-widget>` builds a new array on every render too, so a customer scrolled up is pulled down by any change of the client.',
    );
  }
  if (bar && (bar.formattersPerUpdate ?? 0) >= waiting / 2) {
    seen.push(`- **An Intl.DateTimeFormat per clock time**: \`<agent-queue-bar>\` created ${num(bar.formattersPerUpdate ?? NaN)} formatters per change (components/i18n/localize.ts).`);
  }
  if (bar && barTick > 16) {
    seen.push(
      `- **\`<agent-queue-bar>\` re-renders every waiting customer every second** (ClockController while anyone waits) and on every change of any queue: with ${waiting} waiting that is ${num(barTick)} ms of main thread each second${barTick > 1000 ? ', more than the second itself, so the page never rests' : ''}.`,
    );
  }
  if (both && session && summarize(both.update).median > 2 * summarize(session.update).median) {
    seen.push(
      `- **Every client change re-renders every element under \`<chat-connection>\`**: with the queue bar on the page a new chat message takes ${num(summarize(both.update).median)} ms against ${num(summarize(session.update).median)} ms without it. ClientController requests an update of its host on every \`change\` of TiskiClient, which fires one per server event (acks of its own commands aside).`,
    );
  }
  if (small && large && large.domainMs.median > 1.5 * small.domainMs.median) {
    seen.push(
      `- **A long offer queue slows every chat message**: RelayDomain.handle appends \`routeOffers()\` to every command, \`send\` included; a chat message took ${num(small.domainMs.median)} ms with ${small.waiting} waiting and ${num(large.domainMs.median)} ms with ${large.waiting} (section 4).`,
    );
  }
  if (agentUi.queues > limits.queuesPerAgent) {
    seen.push(`- **${agentUi.queues} queues per agent is beyond the protocol**: \`limits.queuesPerAgent\` is ${limits.queuesPerAgent}, so a real relay refuses such a sign-in; the queue-bar figure feeds the elements directly.`);
  }
  return [
    ...(seen.length ? ['Shown by the figures of this run:', '', ...seen, ''] : []),
    'Read from the code when the benchmark was written (check they still hold):',
    '',
    "- **Per-connection rate limit vs agents with many conversations** (relay/transport/ws-endpoint.ts): every socket gets `new RateLimiter(20, 60)`, 20 commands/s sustained. An agent connection carries all of that agent's conversations (a token allows up to 50), so an agent with 50 conversations cannot send one message per second in each; the scenario gives each agent 10 conversations for that reason.",
    '- **Quadratic growth of a long line**: each join sends a `waiting` event to every customer already in line and a full snapshot to every agent of the queue, so n customers joining cost O(n²) events; 10 000 customers joining one queue served by 1 000 agents means 10 000 snapshots growing to ~1.5 MB (section 4), each written to 1 000 sockets.',
    '- **ConversationStore.apply copies the message and timeline arrays for every event** (`[...existing.messages, event]`, components/client/conversation-store.ts): a `history` of n messages costs O(n²), and each new message O(n).',
  ];
}

export function resultsMarkdown(results: Results): string {
  const { plan } = results;
  const out: string[] = [];
  out.push(
    '# Tiski benchmarks: results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${results.startedAt}, in ${num(results.seconds)} s${plan.quick ? ' — **quick run: small sizes, figures not meaningful**' : ''}. PII masking has its own benchmark: bench/pii/RESULTS.md.`,
    '',
    '## Machine',
    '',
    table(['', ''], Object.entries(results.machine)),
    '',
    'The machine is shared: "others CPU %" in the relay tables is the CPU the rest of the machine used during each window (in % of one core, from /proc/stat minus the server and the generator). ' +
      (plan.chat.quietSeconds > 0
        ? `Each window first waits up to ${plan.chat.quietSeconds} s for the machine to be quiet, and a window during which other work used more than ${plan.chat.disturbedPercent} % of a core is run again, at most twice ("re-runs"), within a budget of ${plan.chat.patienceSeconds} s of waiting and re-running per server (half that for the browser pages, which also wait for quiet). `
        : '') +
      'Throughput and latency suffer from other work far more than CPU per message does.',
    '',
    '## Summary',
    '',
    table(['figure', 'median (min–max)', 'note'], summaryRows(results)),
    '',
    '## Goals',
    '',
    table(['goal', 'result', '', 'what limits it'], goals(results).map((g) => [g.goal, g.result, yes(g.met), g.why])),
    '',
  );
  if (results.failures.length) out.push('## Benchmarks that failed to run', '', ...results.failures.map((f) => `- ${f.split('\n')[0]}`), '');
  out.push(
    '## Method',
    '',
    `- **Processes.** Every server runs in its own child process (child_process.fork) on 127.0.0.1; the load generator in another. The server's CPU time is utime + stime from /proc/PID/stat (10 ms ticks) read before and after each window; memory is VmRSS from /proc/PID/status after a forced GC. The machine has ${results.machine.cores} cores: server and generator get about one each.`,
    `- **Servers compared.** Tiski: relay/server.ts \`startRelay\` as shipped (run through tsx like \`npm start\`), pick queues. Bare uWS (the floor): uWebSockets.js that JSON-parses each frame and publishes it to the conversation's topic, the sender excluded. Plain ws: a \`ws\` server that JSON-parses each frame and sends it to the conversation's other sockets. Socket.IO: one room per conversation, \`socket.to(room).emit\`, WebSocket transport only, no compression anywhere.`,
    `- **Conversations.** Each has one customer socket; each agent socket carries ${plan.chat.perAgent} conversations (Tiski: a signed agent token, sign-in, then join → pick → conversation-started; peers: join messages). Tiski spreads agents over pick queues, about 10 agents per queue (a snapshot goes to every agent of a queue on every join and pick). Messages are 20–200 characters of customer-service text. All servers see the same sockets and the same traffic.`,
    `- **Windows.** After a ${plan.chat.warmupSeconds} s warm-up, ${plan.chat.windows} windows of ${plan.chat.seconds} s per figure; each figure is the median of the windows with min–max. Fixed load: open loop, each conversation 1 message/s each way (2 × conversations msg/s in total), spread evenly over the second. Latency: from the generator's send() to the receipt on the other side's socket (same process, one clock); percentiles over every message of a window. Relay CPU per message = server CPU seconds in the window ÷ messages received on the other side.`,
    `- **Max rate.** Closed loop: one customer message in flight per conversation, at most ${plan.chat.perSocketLimit}/s per customer socket. **Half rate**: open loop at half of Tiski's max, customers → agents, the same offered load for every server.`,
    `- **Idle connections.** ${plan.idle.connections} customer connections (Tiski: hello answered; peers: connected), ${plan.idle.repeats} run(s) on fresh servers; RSS after GC before and after, divided by the connections.`,
    `- **Routing.** In process, the pure domain (RelayDomain + MemoryRelayStore), ${plan.routing.reps} repetitions after a warm-up, the state restored between them.`,
    `- **Browser.** Debian Chromium (/usr/bin/chromium) through playwright-core, headless, pages served by a small static server on 127.0.0.1; the widget talks to a Tiski relay child, the agent elements to a relay stand-in inside the page.`,
    '',
    '## 1–2. Relay chat scenario and peers',
    '',
    chatSection(results),
    '### Where Tiski’s CPU per message goes',
    '',
    `In process, no sockets, ${plan.messageCost.messages} messages in conversations of 50: the JavaScript steps between a \`send\` frame arriving and its frames leaving. They add up to ${num(results.messageCost.reduce((n, s) => n + s.us, 0))} µs; the rest of the relay's CPU per message in the chat run is outside them — uWS reading one frame and writing three (the floor writes one; see the kernel's part in the tables above), the event loop, garbage collection of the conversation logs that grow with every message.`,
    '',
    table(['step', 'µs per message'], results.messageCost.map((s) => [s.step, num(s.us)])),
    '',
    '## 2b. Tiski on two relays sharing one state (R6, Redis)',
    '',
    sharedSection(results),
    '## 3. Idle connections',
    '',
    table(
      ['server', 'connections', 'relay RSS per connection', 'of it JavaScript objects (heapUsed)', 'time to open them'],
      results.idle.map((r) => [
        serverNames[r.kind],
        String(r.connections),
        mmm(summarize(r.bytesPerConnection), ' B'),
        mmm(summarize(r.heapBytesPerConnection), ' B'),
        mmm(summarize(r.openSeconds), ' s'),
      ]),
    ),
    '',
    '## 4. Routing cost (pure domain)',
    '',
    routingSection(results),
    widgetSection(results),
    '## Findings: relay and component problems seen while measuring (not fixed here)',
    '',
    ...findings(results),
    '',
  );
  return out.join('\n');
}
