/**
 * Test harness for the relay: boots the real uWS relay on a free port with a controllable
 * clock, and speaks the wire protocol through the `ws` package like a browser would.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConversationEvent } from '../../protocol/conversation-event-types.js';
import type { TestContext } from 'node:test';
import { nanoid } from 'nanoid';
import WebSocket from 'ws';
import type { z } from 'zod';
import {
  PROTOCOL_VERSION,
  ServerMessage,
  WS_PATH,
  type CommandInput,
  type ConversationEvent,
  type Role,
  type ServerEvent,
  type ServerEventType,
} from '../../protocol/index.js';
import { signToken, type AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig, type QueueConfig, type RelayConfig } from '../../relay/config.js';
import { startRelay, type RunningRelay } from '../../relay/server.js';

/** The secret the host site signs customers' identities with (W6) on every test relay. */
export const IDENTITY_SECRET = 'tiski-test-identity-secret-9876543210-zyxw';

/** The secret file tokens are signed with on every test relay (C7). */
export const FILE_SECRET = 'tiski-test-file-secret-0123456789-abcdefghijkl';

/** The HS256 secret of every test relay; at least 32 characters, so the relay runs in production mode. */
export const SECRET = 'tiski-test-secret-0123456789-abcdefghij';

export const QUEUE_A = 'support-en';
export const QUEUE_B = 'kundtjanst';

/** How long a test waits for a message it expects before failing. */
export const WAIT_MS = 2000;
/** Long enough for the relay's once-a-second grace ticker to have run after the clock moved. */
export const TICK_WAIT_MS = 2500;

/** A clock the test moves by hand; the relay reads it through `read`. */
export class FakeClock {
  constructor(public now = Date.UTC(2025, 0, 1, 9, 0, 0)) {}
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
  get seconds(): number {
    return Math.floor(this.now / 1000);
  }
}

type Predicate = (message: ServerMessage) => boolean;

/** One WebSocket connection to the relay, recording every server message in arrival order. */
export class TestClient {
  /** Every message received, in order, never consumed. */
  readonly received: ServerMessage[] = [];
  /** Every text frame exactly as it arrived, contract or not: for checks that nothing leaked at all. */
  readonly frames: string[] = [];
  /** Messages received that no `next` call has taken yet, in order. */
  readonly #pending: ServerMessage[] = [];
  readonly #waiters = new Set<{ predicate: Predicate; resolve: (m: ServerMessage) => void }>();
  /** Server messages that broke the wire contract; any makes the next `next` fail. */
  readonly violations: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.violations.push('the relay sent a binary frame');
        return;
      }
      this.frames.push(data.toString());
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        this.violations.push(`the relay sent text that is not JSON: ${data.toString().slice(0, 200)}`);
        return;
      }
      const parsed = ServerMessage.safeParse(json);
      if (!parsed.success) {
        this.violations.push(`the relay sent a message outside the contract: ${JSON.stringify(json).slice(0, 300)}`);
        return;
      }
      const message = parsed.data;
      this.received.push(message);
      for (const waiter of this.#waiters) {
        if (waiter.predicate(message)) {
          this.#waiters.delete(waiter);
          waiter.resolve(message);
          return;
        }
      }
      this.#pending.push(message);
    });
    // Errors after the handshake end in a close event, which `closed` reports.
    ws.on('error', () => {});
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** `autoPong: false` makes a client that never answers the relay's pings, like a tab that died. */
  static async connect(url: string, options: { autoPong?: boolean } = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Sends any value as a JSON text frame, valid or not. */
  send(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  /** Sends a frame exactly as given: a string goes as text, a Buffer as binary. */
  sendRaw(data: string | Buffer): void {
    this.ws.send(data, { binary: typeof data !== 'string' });
  }

  /** Sends a command with a fresh id and returns the id. */
  command(command: CommandInput): string {
    const id = nanoid();
    this.send({ ...command, id });
    return id;
  }

  /** Sends a command and waits for the relay's `ack` or `error` answering it. */
  async request(command: CommandInput, timeoutMs = WAIT_MS): Promise<ServerEvent<'ack'> | ServerEvent<'error'>> {
    const id = this.command(command);
    return (await this.next((m) => (m.type === 'ack' || m.type === 'error') && m.id === id, timeoutMs)) as
      | ServerEvent<'ack'>
      | ServerEvent<'error'>;
  }

  /**
   * The first not yet taken message of the given type (and matching `where`), waiting for it
   * when it has not arrived yet. Other messages stay buffered for later calls.
   */
  next<T extends ServerEventType>(type: T, where?: (m: ServerEvent<T>) => boolean, timeoutMs?: number): Promise<ServerEvent<T>>;
  next(predicate: Predicate, timeoutMs?: number): Promise<ServerMessage>;
  next(
    what: ServerEventType | Predicate,
    whereOrTimeout?: ((m: never) => boolean) | number,
    maybeTimeout?: number,
  ): Promise<ServerMessage> {
    let predicate: Predicate;
    let timeoutMs: number;
    let label: string;
    if (typeof what === 'function') {
      predicate = what;
      timeoutMs = typeof whereOrTimeout === 'number' ? whereOrTimeout : WAIT_MS;
      label = 'a message matching the predicate';
    } else {
      const where = typeof whereOrTimeout === 'function' ? (whereOrTimeout as (m: ServerMessage) => boolean) : undefined;
      predicate = (m) => m.type === what && (!where || where(m));
      timeoutMs = maybeTimeout ?? WAIT_MS;
      label = `a "${what}" message${where ? ' matching the condition' : ''}`;
    }
    if (this.violations.length) return Promise.reject(new Error(this.violations.join('\n')));
    const index = this.#pending.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.#pending.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (m: ServerMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const seen = this.received.map((m) => JSON.stringify(m)).join('\n  ');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}; received so far:\n  ${seen}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Drops the messages not yet taken (only those of `type` when given), so `next` sees only newer ones. */
  discard(type?: ServerEventType): void {
    for (let i = this.#pending.length - 1; i >= 0; i--) {
      if (!type || this.#pending[i]!.type === type) this.#pending.splice(i, 1);
    }
  }

  /** Says hello and waits for the welcome and the ack. */
  async hello(role: Role, options: { token?: string; resume?: string; epoch?: string; streams?: Array<{ conversation: string; after: number }> } = {}): Promise<ServerEvent<'welcome'>> {
    const reply = await this.request({ type: 'hello', v: PROTOCOL_VERSION, role, ...options });
    if (reply.type !== 'ack') throw new Error(`hello was refused: ${reply.code}: ${reply.message}`);
    return this.next('welcome');
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    return this.closed;
  }
}

export interface TestRelayOptions {
  customerGraceSeconds?: number;
  agentGraceSeconds?: number;
  /** Use the real clock instead of a fake one. */
  realClock?: boolean;
  /** Queues beside QUEUE_A and QUEUE_B, in the config file's shape (routing, offer timeout, capacity, alerts…). */
  extraQueues?: Array<Partial<z.input<typeof QueueConfig>> & { id: string; name: string }>;
  /** Settings of QUEUE_A beside its id and name, e.g. `wrapUpReasons`. */
  queueA?: Partial<z.input<typeof QueueConfig>>;
  /** Seconds a transfer or invitation waits (the relay's minimum is 5). */
  requestTimeoutSeconds?: number;
  /** Minutes ended conversations are kept. */
  recentMinutes?: number;
  /** Webhook targets, as in the config file. */
  webhooks?: z.input<typeof RelayConfig>['webhooks'];
  /** File limits, as in the config file (C7). */
  attachments?: z.input<typeof RelayConfig>['attachments'];
  /** Makes `GET /metrics` want this bearer token. */
  metricsToken?: string;
  /** STUN and TURN servers handed to video calls (V1), as in the config file. */
  iceServers?: z.input<typeof RelayConfig>['iceServers'];
  /** Seconds a video call may take to connect (V4; the relay's minimum is 5). */
  callConnectSeconds?: number;
  /** The `aud` agent and identity tokens must name. */
  audience?: string;
  /** Connections one address may hold (tests default to no limit). */
  maxConnectionsPerAddress?: number;
  /** Seconds a socket may stay silent before the relay closes it (at least 8). */
  idleSeconds?: number;
  /** Invitations the site configures (W10), as in the config file. */
  invitations?: z.input<typeof RelayConfig>['invitations'];
}

export interface TestRelay {
  relay: RunningRelay;
  clock: FakeClock;
  /** Where this relay keeps uploaded files; removed when the test ends. */
  dataDir: string;
  wsUrl: string;
  /** A new connection that has not said hello. */
  connect(options?: { autoPong?: boolean }): Promise<TestClient>;
  /** An agent token signed with the relay's secret, valid for 8 hours on the relay's clock. */
  token(claims?: Partial<AgentClaims>): string;
  /** A customer who said hello and, when `queue` is given, joined it (waiting for the first `waiting`). */
  customer(name?: string, queue?: string): Promise<{ client: TestClient; welcome: ServerEvent<'welcome'> }>;
  /**
   * An agent who said hello and signed in to `queues` (waiting for their `agent-state`); `claims`
   * adds to the token, e.g. `roles: ['agent', 'operator']` or `maxConversations`.
   */
  agent(
    sub: string,
    queues?: string[],
    allowed?: string[],
    claims?: Partial<AgentClaims>,
  ): Promise<{ client: TestClient; welcome: ServerEvent<'welcome'> }>;
  close(): Promise<void>;
}

/** Starts a relay for one test and stops it, with every client, when the test ends. */
export async function startTestRelay(t: TestContext, options: TestRelayOptions = {}): Promise<TestRelay> {
  const clock = new FakeClock(options.realClock ? Date.now() : undefined);
  const dataDir = await mkdtemp(join(tmpdir(), 'tiski-relay-test-'));
  const config = parseConfig({
    secret: SECRET,
    customerGraceSeconds: options.customerGraceSeconds ?? 60,
    agentGraceSeconds: options.agentGraceSeconds ?? 60,
    ...(options.requestTimeoutSeconds !== undefined ? { requestTimeoutSeconds: options.requestTimeoutSeconds } : {}),
    ...(options.recentMinutes !== undefined ? { recentMinutes: options.recentMinutes } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.iceServers ? { iceServers: options.iceServers } : {}),
    ...(options.callConnectSeconds !== undefined ? { callConnectSeconds: options.callConnectSeconds } : {}),
    ...(options.invitations ? { invitations: options.invitations } : {}),
    ...(options.idleSeconds !== undefined ? { idleSeconds: options.idleSeconds } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
    // Every test client comes from one address; the limit's own test sets it.
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 0,
    identitySecret: IDENTITY_SECRET,
    fileSecret: FILE_SECRET,
    dataDir,
    queues: [
      { id: QUEUE_A, name: 'English support', lang: 'en', ...options.queueA },
      { id: QUEUE_B, name: 'Kundtjänst', lang: 'sv' },
      ...(options.extraQueues ?? []),
    ],
  });
  const relay = await startRelay({
    config,
    port: 0,
    host: '127.0.0.1',
    serveFiles: false,
    clock: options.realClock ? Date.now : clock.read,
  });
  const wsUrl = `ws://localhost:${relay.port}${WS_PATH}`;
  const clients = new Set<TestClient>();
  let closed = false;

  const testRelay: TestRelay = {
    relay,
    clock,
    dataDir,
    wsUrl,
    async connect(connectOptions) {
      const client = await TestClient.connect(wsUrl, connectOptions);
      clients.add(client);
      return client;
    },
    token(claims = {}) {
      const sub = claims.sub ?? 'agent-1';
      return signToken({ sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'], ...claims }, SECRET, clock.seconds);
    },
    async customer(name = 'Customer', queue) {
      const client = await testRelay.connect();
      const welcome = await client.hello('customer');
      if (queue) {
        const reply = await client.request({ type: 'join', queue, name });
        if (reply.type !== 'ack') throw new Error(`join was refused: ${reply.code}`);
        await client.next('waiting');
      }
      return { client, welcome };
    },
    async agent(sub, queues = [QUEUE_A], allowed = ['*'], claims = {}) {
      const client = await testRelay.connect();
      const welcome = await client.hello('agent', { token: testRelay.token({ ...claims, sub, queues: allowed }) });
      await client.next('agent-state');
      if (queues.length) {
        const reply = await client.request({ type: 'sign-in', queues });
        if (reply.type !== 'ack') throw new Error(`sign-in was refused: ${reply.code}`);
        await client.next('agent-state', (m) => m.signedIn);
      }
      return { client, welcome };
    },
    async close() {
      if (closed) return;
      closed = true;
      relay.close();
      await Promise.all([...clients].map((c) => c.close()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  t.after(() => testRelay.close());
  return testRelay;
}

/** A customer waiting in QUEUE_A, an agent signed in to it, and the conversation the agent picked. */
export async function startConversation(relay: TestRelay, customerName = 'Maija', agentSub = 'alice') {
  const customer = await relay.customer(customerName, QUEUE_A);
  const agent = await relay.agent(agentSub, [QUEUE_A]);
  const reply = await agent.client.request({ type: 'pick', queue: QUEUE_A });
  if (reply.type !== 'ack' || !reply.conversation) throw new Error(`pick was refused: ${JSON.stringify(reply)}`);
  const conversation = reply.conversation;
  const startedForCustomer = await customer.client.next('conversation-started', (m) => m.conversation === conversation);
  const startedForAgent = await agent.client.next('conversation-started', (m) => m.conversation === conversation);
  return { customer, agent, conversation, startedForCustomer, startedForAgent };
}

/** An answer as a word: `ack`, or the error's code. */
export const replyCode = (reply: { type: string; code?: string }) => (reply.type === 'error' ? reply.code : reply.type);

/** Resolves after `ms`; only for waiting on the relay's own timers. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when a server-side error message looks like it leaks internals. */
export function leaksInternals(message: string): boolean {
  return /\n\s+at |\.ts:\d|\.js:\d|node_modules|Error:/.test(message);
}

/** Polls until `condition` holds, for state the relay changes on its own (a socket closing, the ticker). */
export async function until(condition: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(10);
  }
}

/** The events of `conversation` this client received, from histories and live, in arrival order. */
export function eventsOf(client: TestClient, conversation: string): ConversationEvent[] {
  return client.received.flatMap((m) => {
    if (m.type === 'history') return m.conversation === conversation ? m.events : [];
    return isConversationEvent(m) && m.conversation === conversation ? [m] : [];
  });
}

/** The seqs of `events`, which must run 1, 2, 3… with no gap and no repeat. */
export function gaplessSeqs(events: readonly ConversationEvent[], who: string): number[] {
  const seqs = events.map((e) => e.seq);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1), `${who}'s seqs are not gapless 1..n: ${JSON.stringify(events.map((e) => [e.seq, e.type]))}`);
  return seqs;
}

/**
 * Resolves once everything the relay sent this client before answering a fresh command has
 * arrived: the relay handles a socket's commands in order, so a later ack follows earlier sends.
 */
export async function roundTrip(client: TestClient): Promise<void> {
  const reply = await client.request({ type: 'sync', conversation: 'round-trip', after: 0 });
  assert.equal(reply.type, 'error', 'the round-trip sync is answered');
}

/** `promise`, or a failure naming `what` once `ms` have passed: for promises with no timeout of their own. */
export function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A file token for the conversation (C7), asked over the client's connection. */
export async function fileToken(client: TestClient, conversation: string): Promise<string> {
  const reply = await client.request({ type: 'file-access', conversation });
  assert.equal(reply.type, 'ack', JSON.stringify(reply));
  return (await client.next('file-access', (m) => m.conversation === conversation)).token;
}
