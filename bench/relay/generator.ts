/**
 * Child process: the load generator. Opens conversations on one server (Tiski or a peer), then
 * runs timed windows of chat traffic and reports what it sent, what arrived on the other side,
 * and the latency from each send to its receipt (both sockets live in this process, so one
 * clock times both ends).
 *
 * - `fixed`: open loop at `rate` messages/s in total, spread evenly over the senders (each
 *   conversation's customer, and its agent when `bothSides`), whatever the server does.
 * - `closed`: each conversation keeps one customer message in flight: the next is sent when the
 *   agent side got the previous one, at most `perSocketLimit` per socket and second.
 */
import { serve } from '../lib/child.js';
import { Samples, sleep } from '../lib/stats.js';
import { socketIoAdapter } from './clients/socketio.js';
import { tiskiAdapter } from './clients/tiski.js';
import { peerWsAdapter } from './clients/peer-ws.js';
import type { Adapter, Endpoint, OpenConversation, Side } from './clients/types.js';
import { messageTexts } from './texts.js';

export type ServerKind = 'tiski' | 'socketio' | 'ws' | 'uws-bare';

export interface SetupParams {
  kind: ServerKind;
  port: number;
  /** Tiski in the shared mode: every relay's port (`port` is the first); sockets are spread over them. */
  ports?: number[];
  conversations: number;
  perAgent: number;
  secret?: string;
  queues?: string[];
}

export interface WindowParams {
  mode: 'fixed' | 'closed';
  seconds: number;
  /** fixed: messages per second in total. */
  rate?: number;
  /** fixed: agents write too (half the messages each way); else customers only. */
  bothSides?: boolean;
  /** closed: messages per second one socket may send at most. */
  perSocketLimit?: number;
}

export interface WindowResult {
  sent: number;
  received: number;
  /** Sent but not received within the drain time after the window. */
  lost: number;
  seconds: number;
  /** Most the fixed schedule fell behind, in ms: large means the generator could not keep up. */
  behindMs: number;
  latency: { p50: number; p99: number; p999: number; max: number; count: number };
  /** Frames the generator's sockets received during the window, of every kind. */
  frames: number;
  errors: Record<string, number>;
}

const texts = messageTexts(1024);
let adapter: Adapter | undefined;
let conversations: OpenConversation[] = [];
/** Sent, not yet received: message id → send time and sender. */
const inFlight = new Map<string, { at: number; from: Side; conversation: number }>();
let samples = new Samples();
let received = 0;
let onReceipt: ((conversation: number) => void) | undefined;

function adapterFor(params: SetupParams): Adapter {
  const url = `ws://127.0.0.1:${params.port}`;
  switch (params.kind) {
    case 'tiski':
      return tiskiAdapter({ urls: (params.ports ?? [params.port]).map((port) => `ws://127.0.0.1:${port}/ws`), secret: params.secret!, queues: params.queues! });
    case 'socketio':
      return socketIoAdapter(url);
    case 'ws':
    case 'uws-bare':
      return peerWsAdapter(url);
  }
}

function receive(receiver: Side, messageId: string): void {
  const sent = inFlight.get(messageId);
  if (!sent || sent.from === receiver) return; // an echo of one's own message
  inFlight.delete(messageId);
  samples.add(performance.now() - sent.at);
  received++;
  onReceipt?.(sent.conversation);
}

let nextMessage = 0;
function sendOne(conversation: number, from: Side): void {
  const open = conversations[conversation]!;
  const endpoint: Endpoint = from === 'customer' ? open.customer : open.agent;
  const id = `m${nextMessage++}`;
  inFlight.set(id, { at: performance.now(), from, conversation });
  endpoint.send(open.id, id, texts[nextMessage & 1023]!);
}

/** Waits until every message in flight arrived, or `ms` passed. */
async function drain(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (inFlight.size > 0 && performance.now() < until) await sleep(10);
}

async function runFixed(params: WindowParams): Promise<number> {
  const senders: [number, Side][] = [];
  for (let c = 0; c < conversations.length; c++) {
    senders.push([c, 'customer']);
    if (params.bothSides) senders.push([c, 'agent']);
  }
  // Spread each conversation's two sides and neighbouring conversations over the second.
  for (let i = senders.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [senders[i], senders[j]] = [senders[j]!, senders[i]!];
  }
  const rate = params.rate!;
  const total = Math.round(rate * params.seconds);
  const started = performance.now();
  let done = 0;
  let behind = 0;
  while (done < total) {
    const elapsed = (performance.now() - started) / 1000;
    const due = Math.min(total, Math.floor(elapsed * rate) + 1);
    behind = Math.max(behind, ((due - done) / rate) * 1000);
    for (; done < due; done++) {
      const [conversation, side] = senders[done % senders.length]!;
      sendOne(conversation, side);
    }
    await sleep(1);
  }
  return behind;
}

async function runClosed(params: WindowParams): Promise<void> {
  const gap = 1000 / (params.perSocketLimit ?? Infinity);
  const lastSent = new Float64Array(conversations.length).fill(-Infinity);
  let running = true;
  const next = (conversation: number) => {
    if (!running) return;
    const wait = lastSent[conversation]! + gap - performance.now();
    const go = () => {
      if (!running) return;
      lastSent[conversation] = performance.now();
      sendOne(conversation, 'customer');
    };
    if (wait > 0) setTimeout(go, wait);
    else go();
  };
  onReceipt = next;
  for (let c = 0; c < conversations.length; c++) next(c);
  await sleep(params.seconds * 1000);
  running = false;
  onReceipt = undefined;
}

serve(() => ({ pid: process.pid }), {
  async setup(params: SetupParams) {
    adapter = adapterFor(params);
    const started = performance.now();
    conversations = await adapter.open(params.conversations, params.perAgent, receive);
    return { ms: performance.now() - started };
  },
  async window(params: WindowParams): Promise<WindowResult> {
    if (!adapter) throw new Error('setup first');
    samples = new Samples();
    received = 0;
    inFlight.clear();
    adapter.errors.clear();
    adapter.frames.count = 0;
    const sentBefore = nextMessage;
    const started = performance.now();
    const behindMs = params.mode === 'fixed' ? await runFixed(params) : (await runClosed(params), 0);
    const seconds = (performance.now() - started) / 1000;
    const sent = nextMessage - sentBefore;
    await drain(3_000);
    return { sent, received, lost: inFlight.size, seconds, behindMs, latency: samples.percentiles(), frames: adapter.frames.count, errors: Object.fromEntries(adapter.errors) };
  },
  async idle(params: { kind: ServerKind; port: number; count: number }) {
    adapter = adapterFor({ ...params, conversations: 0, perAgent: 1 });
    const started = performance.now();
    await adapter.openIdle(params.count);
    return { ms: performance.now() - started, errors: Object.fromEntries(adapter.errors) };
  },
  async close() {
    await adapter?.closeAll();
    adapter = undefined;
    conversations = [];
  },
  stop: async () => adapter?.closeAll(),
});
