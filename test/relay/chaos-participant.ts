/**
 * One page's side of the chat for the chaos tests, doing what the elements' client does: one
 * connection at a time; after a drop, a new one with hello (resume or agent token, the epoch and
 * the last seq held of each conversation), then every unanswered command again under its id.
 * Each conversation is built from live events and history replays, keyed by seq. Sends stay
 * below the relay's per-connection rate limit, paced on the relay's own clock.
 */
import { nanoid } from 'nanoid';
import WebSocket from 'ws';
import { isConversationEvent } from '../../protocol/conversation-event-types.js';
import { PROTOCOL_VERSION, ServerMessage, type CommandInput, type ConversationEvent, type Role, type ServerEvent } from '../../protocol/index.js';
import { RateLimiter } from '../../relay/transport/rate-limit.js';
import type { Random } from './chaos-random.js';
import type { StreamWitness } from './chaos-witness.js';
import { sleep } from './helpers.js';
import type { NetProxy, ProxyLink } from './net-proxy.js';

/**
 * Sending stays within the relay's per-connection limit (a bucket of 60 refilled at 20 a second,
 * on the relay's clock) however the relay's turns bunch arrivals: what the relay handles in any
 * span is at most what was unanswered at its start (`window`) plus what was sent during it
 * (this bucket: `burst` plus `perSecond` a second), and 1 + 20 + 32 stays below 60.
 */
const pace = { perSecond: 18, burst: 20, window: 32 };

export type Reply = ServerEvent<'ack'> | ServerEvent<'error'>;
export type SendOutcome = 'acked' | 'refused' | 'abandoned';

/** A chat message this participant sent, and what became of it. */
export interface SentMessage {
  id: string;
  conversation: string;
  text: string;
  private: boolean;
  outcome?: SendOutcome;
  /** The relay's error code, when it refused the message. */
  refusal?: string;
  /** When it went on the wire, on the relay's clock: more than once when resent after a drop. */
  sentAt: number[];
}

/** A conversation as one page holds it: events by seq, and the last seq applied. */
export interface StreamView {
  events: Map<number, ConversationEvent>;
  last: number;
}

export interface ParticipantOptions {
  /** Shown in messages and failures. */
  name: string;
  role: Role;
  url: string;
  /** The relay's clock, which its rate limiter reads. */
  clock: () => number;
  random: Random;
  witness: StreamWitness;
  /** When connections go through a proxy: where to find each one's link. */
  proxy?: NetProxy;
  /** Agents: the token the page was given. */
  token?: string;
  /** Customers: a resume token already in the site's storage (another tab's). */
  resume?: string;
}

interface Outgoing {
  command: { id: string } & CommandInput;
  settle: (reply: Reply | undefined) => void;
  sentOn?: Connection;
}

interface Connection {
  ws: WebSocket;
  helloId: string;
  /** The streams this connection's hello named, with the seq held of each. */
  named: Map<string, number>;
  limiter?: RateLimiter;
  ready: boolean;
  pumping: boolean;
  /** Commands sent on this connection and not yet answered. */
  unanswered: number;
  link?: ProxyLink;
}

export class ChaosParticipant {
  /** The participant's id at the relay, from the first welcome. */
  id?: string;
  /** What the current page holds of each conversation. */
  views = new Map<string, StreamView>();
  /** Every chat message sent from any of this participant's pages, by command id. */
  readonly sent = new Map<string, SentMessage>();
  /** Anything that broke a promise: contract, order, identity, unexpected refusals. */
  readonly violations: string[] = [];
  /** Streams a hello named that came back whole instead of resumed. */
  readonly notRecovered: string[] = [];
  /** Histories that came back resumed, after a hello that named their stream. */
  recovered = 0;
  /** Connections that said hello, the first one included. */
  connections = 0;
  reloads = 0;
  #resume: string | undefined;
  #epoch: string | undefined;
  #conn: Connection | undefined;
  #outbox = new Map<string, Outgoing>();
  #stopped = false;
  #attempt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #welcomed: Array<() => void> = [];
  #recent: ServerMessage[] = [];
  #waiters = new Set<{ test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }>();

  constructor(readonly options: ParticipantOptions) {
    this.#resume = options.resume;
  }

  get name(): string {
    return this.options.name;
  }

  get role(): Role {
    return this.options.role;
  }

  /** What the site keeps in storage for a customer: the resume token. */
  get resumeToken(): string | undefined {
    return this.#resume;
  }

  /** Whether the current connection has been welcomed and its hello answered. */
  get ready(): boolean {
    return !!this.#conn?.ready;
  }

  /** Commands sent and not yet answered. */
  get inFlight(): number {
    return this.#outbox.size;
  }

  /** The proxy link of the current connection. */
  get link(): ProxyLink | undefined {
    return this.#conn?.link;
  }

  /** Connects and resolves once welcomed. */
  start(): Promise<void> {
    const welcomed = this.#nextWelcome();
    this.#connect();
    return welcomed;
  }

  /** Sends a chat message under a new command id; settles with what became of it. */
  async send(conversation: string, text: string, isPrivate = false): Promise<SendOutcome> {
    const id = nanoid();
    const record: SentMessage = { id, conversation, text, private: isPrivate, sentAt: [] };
    this.sent.set(id, record);
    const reply = await this.#enqueue({ type: 'send', conversation, text, ...(isPrivate ? { private: true } : {}), id });
    record.outcome = reply === undefined ? 'abandoned' : reply.type === 'ack' ? 'acked' : 'refused';
    if (reply?.type === 'error') record.refusal = `${reply.code}: ${reply.message}`;
    return record.outcome;
  }

  /** Sends any command, resent after drops like any other; undefined when a reload abandoned it. */
  command(input: CommandInput): Promise<Reply | undefined> {
    return this.#enqueue({ ...input, id: nanoid() } as Outgoing['command']);
  }

  /** The first message (from the last few hundred, or a later one) that passes `test`. */
  waitFor<T extends ServerMessage>(test: (m: ServerMessage) => m is T, timeoutMs?: number): Promise<T>;
  waitFor(test: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  waitFor(test: (m: ServerMessage) => boolean, timeoutMs = 10_000): Promise<ServerMessage> {
    const seen = this.#recent.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (m: ServerMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`${this.name} waited ${timeoutMs} ms in vain`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Drops the connection from the client's side; the client reconnects as after any drop. */
  drop(how: 'close' | 'terminate'): void {
    if (how === 'close') this.#conn?.ws.close();
    else this.#conn?.ws.terminate();
  }

  /**
   * Makes sure the connection carries bytes now: a WebSocket ping answered through the proxy.
   * The relay's idle timer restarts with it.
   */
  async prime(timeoutMs = 2000): Promise<boolean> {
    const conn = this.#conn;
    if (!conn?.ready || conn.ws.readyState !== WebSocket.OPEN) return false;
    const pong = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      conn.ws.once('pong', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    conn.ws.ping();
    return pong;
  }

  /**
   * The page reloads: its client is thrown away with everything it held in memory (epoch,
   * conversations, unanswered commands); the new page starts with only what the site keeps —
   * the customer's resume token in storage, the agent's token — and no streams.
   */
  async reload(): Promise<void> {
    this.reloads++;
    const old = this.#conn;
    this.#conn = undefined;
    clearTimeout(this.#reconnectTimer);
    if (old) this.options.random.chance(0.5) ? old.ws.close(1001) : old.ws.terminate();
    for (const outgoing of this.#outbox.values()) outgoing.settle(undefined);
    this.#outbox.clear();
    this.views = new Map();
    this.#epoch = undefined;
    this.#attempt = 0;
    await this.start();
  }

  /** Closes for good. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    this.#conn?.ws.terminate();
  }

  #nextWelcome(): Promise<void> {
    return new Promise((resolve) => this.#welcomed.push(resolve));
  }

  #enqueue(command: Outgoing['command']): Promise<Reply | undefined> {
    return new Promise((settle) => {
      this.#outbox.set(command.id, { command, settle });
      if (this.#conn) void this.#pump(this.#conn);
    });
  }

  #connect(): void {
    if (this.#stopped) return;
    const ws = new WebSocket(this.options.url);
    const conn: Connection = { ws, helloId: nanoid(), named: new Map(), ready: false, pumping: false, unanswered: 0 };
    this.#conn = conn;
    ws.on('open', () => this.#hello(conn));
    ws.on('message', (data, isBinary) => this.#receive(conn, data.toString(), isBinary));
    ws.on('error', () => {});
    ws.on('close', () => this.#closed(conn));
  }

  #hello(conn: Connection): void {
    if (conn !== this.#conn) return;
    conn.limiter = new RateLimiter(pace.perSecond, pace.burst, this.options.clock());
    conn.link = this.options.proxy?.linkOf((conn.ws as unknown as { _socket: { localPort: number } })._socket.localPort);
    if (this.#epoch) for (const [conversation, view] of this.views) conn.named.set(conversation, view.last);
    const { role, token } = this.options;
    const streams = [...conn.named].map(([conversation, after]) => ({ conversation, after }));
    this.connections++;
    conn.limiter.take(this.options.clock());
    conn.ws.send(
      JSON.stringify({
        type: 'hello',
        id: conn.helloId,
        v: PROTOCOL_VERSION,
        role,
        ...(token ? { token } : {}),
        ...(this.#resume ? { resume: this.#resume } : {}),
        ...(this.#epoch ? { epoch: this.#epoch, streams } : {}),
      }),
    );
  }

  #closed(conn: Connection): void {
    if (conn !== this.#conn || this.#stopped) return;
    this.#conn = undefined;
    const delay = Math.min(2000, 100 * 2 ** this.#attempt) * (0.5 + this.options.random.next() / 2);
    this.#attempt++;
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
  }

  async #pump(conn: Connection): Promise<void> {
    if (conn.pumping) return;
    conn.pumping = true;
    try {
      for (;;) {
        if (conn !== this.#conn || !conn.ready || conn.ws.readyState !== WebSocket.OPEN) return;
        let next: Outgoing | undefined;
        for (const outgoing of this.#outbox.values()) {
          if (outgoing.sentOn !== conn) {
            next = outgoing;
            break;
          }
        }
        if (!next || conn.unanswered >= pace.window) return;
        if (!conn.limiter!.take(this.options.clock())) {
          await sleep(5);
          continue;
        }
        next.sentOn = conn;
        conn.unanswered++;
        this.sent.get(next.command.id)?.sentAt.push(this.options.clock());
        conn.ws.send(JSON.stringify(next.command));
      }
    } finally {
      conn.pumping = false;
    }
  }

  #receive(conn: Connection, data: string, isBinary: boolean): void {
    if (conn !== this.#conn) return;
    if (isBinary) return void this.violations.push(`${this.name}: the relay sent a binary frame`);
    const parsed = ServerMessage.safeParse(JSON.parse(data));
    if (!parsed.success) return void this.violations.push(`${this.name}: a message outside the contract: ${data.slice(0, 300)}`);
    const message = parsed.data;
    if (message.type === 'ack' || message.type === 'error') return this.#answered(conn, message);
    if (message.type === 'welcome') this.#welcome(message);
    else if (message.type === 'history') this.#history(conn, message);
    else if (isConversationEvent(message)) this.#live(message);
    this.#recent.push(message);
    if (this.#recent.length > 500) this.#recent.splice(0, 100);
    for (const waiter of this.#waiters) {
      if (!waiter.test(message)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(message);
    }
  }

  #answered(conn: Connection, reply: Reply): void {
    if (reply.id === conn.helloId) {
      if (reply.type === 'error') {
        this.violations.push(`${this.name}: hello was refused: ${reply.code}: ${reply.message}`);
        return void conn.ws.close();
      }
      conn.ready = true;
      this.#attempt = 0;
      for (const resolve of this.#welcomed.splice(0)) resolve();
      return void this.#pump(conn);
    }
    const outgoing = reply.id === undefined ? undefined : this.#outbox.get(reply.id);
    if (outgoing) {
      this.#outbox.delete(outgoing.command.id);
      if (outgoing.sentOn === conn) conn.unanswered--;
      outgoing.settle(reply);
      void this.#pump(conn);
    } else if (reply.type === 'error') {
      this.violations.push(`${this.name}: an error answering nothing pending: ${JSON.stringify(reply)}`);
    }
  }

  #welcome(welcome: ServerEvent<'welcome'>): void {
    if (this.id !== undefined && welcome.self.id !== this.id) {
      this.violations.push(`${this.name}: welcomed as ${welcome.self.id}, not as ${this.id}`);
    }
    this.id = welcome.self.id;
    this.#epoch = welcome.epoch;
    if (welcome.resumeToken) this.#resume = welcome.resumeToken;
  }

  #viewOf(conversation: string): StreamView {
    let view = this.views.get(conversation);
    if (!view) this.views.set(conversation, (view = { events: new Map(), last: 0 }));
    return view;
  }

  #live(event: ConversationEvent): void {
    const view = this.#viewOf(event.conversation);
    if (event.seq <= view.last) {
      this.violations.push(`${this.name}: seq ${event.seq} of ${event.conversation} again, after ${view.last}`);
      return;
    }
    if (event.seq !== view.last + 1) this.violations.push(`${this.name}: seq ${event.seq} of ${event.conversation} after ${view.last}: a gap`);
    view.events.set(event.seq, event);
    view.last = event.seq;
    this.options.witness.see(this.role, event, this.name);
  }

  #history(conn: Connection, history: ServerEvent<'history'>): void {
    const { conversation, events } = history;
    const held = conn.named.get(conversation);
    conn.named.delete(conversation);
    if (history.recovered === true) {
      this.recovered++;
      if (held === undefined) this.violations.push(`${this.name}: ${conversation} came back resumed, though the hello did not name it`);
      if (events.length && events[0]!.seq !== (held ?? 0) + 1) {
        this.violations.push(`${this.name}: the resumed ${conversation} starts at seq ${events[0]!.seq}, not after the ${held} held`);
      }
      for (const event of events) this.#live(event);
      return;
    }
    if (held !== undefined && history.recovered === false) this.notRecovered.push(conversation);
    // A whole stream replaces what the page held; it must agree with it and reach at least as far.
    const view: StreamView = { events: new Map(), last: 0 };
    events.forEach((event, index) => {
      if (event.seq !== index + 1) this.violations.push(`${this.name}: the whole ${conversation} has seq ${event.seq} at place ${index + 1}`);
      view.events.set(event.seq, event);
      view.last = event.seq;
      this.options.witness.see(this.role, event, this.name);
    });
    const before = this.views.get(conversation);
    if (before && before.last > view.last) {
      this.violations.push(`${this.name}: the whole ${conversation} ends at seq ${view.last}, though the page held ${before.last}`);
    }
    this.views.set(conversation, view);
  }
}
