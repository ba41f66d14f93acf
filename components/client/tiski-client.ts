import { nanoid } from 'nanoid';
import type { CallSignal, CommandInput } from '../../protocol/commands.js';
import type { Presence } from '../../protocol/common.js';
import { isConversationEvent } from '../../protocol/conversation-event-types.js';
import type { AgentRequest, ConversationEvent, Offer, Person, QueueInfo, QueueLogEntry, QueueSnapshot, SavedContact, ServerEvent, ServerMessage } from '../../protocol/events.js';
import { PROTOCOL_VERSION } from '../../protocol/version.js';
import type { CannedResponse } from '../../protocol/common.js';
import type { StatsReport } from '../../protocol/stats.js';
import type { Visitor } from '../../protocol/proactive.js';
import type { ConfiguredInvitation } from '../../protocol/proactive.js';
import { ClientError } from './client-error.js';
import { ConnectionWatch, defaultWatchTimings, type WatchTimings } from './connection-watch.js';
import { ConversationStore } from './conversation-store.js';
import { FileAccess, filesBase } from './file-access.js';
import { TypingTracker } from './typing-tracker.js';

export type ClientRole = 'customer' | 'agent';
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'refused';

export interface ClientOptions {
  /** The relay's WebSocket URL, e.g. `wss://chat.example.com/ws`. */
  url: string;
  role: ClientRole;
  /** Agents: a token signed by the integrator's backend. */
  token?: string;
  /** Customers: whether the resume token goes to storage from the start (default); false for a visitor's connection (W10). */
  persistResume?: boolean;
  /** Customers: where the resume token is kept (localStorage by default, so the site's tabs share one conversation). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** How long to wait on the relay before a connection counts as dead (20 s quiet, then 10 s for an answer; 15 s to connect). */
  watch?: Partial<WatchTimings>;
}

interface Pending {
  command: { id: string } & CommandInput;
  resolve: (ack: ServerMessage & { type: 'ack' }) => void;
  reject: (error: ClientError) => void;
  sent: boolean;
}


/**
 * One connection to the relay for one side of a page: reconnects with backoff, says hello
 * again with the resume or agent token, resends unacknowledged commands under the same id,
 * and applies conversation events exactly once, in order. Fires `change` on every state change.
 */
export class TiskiClient extends EventTarget {
  status: ConnectionStatus = 'idle';
  self?: Person;
  queues: QueueInfo[] = [];
  allowedQueues: string[] = [];
  /** The relay's clock minus this page's, in milliseconds (Q2). */
  clockOffset = 0;
  signedIn = false;
  presence: Presence = 'offline';
  /** Conversations at once this agent may hold. */
  capacity = 1;
  /** Whether this agent may open and close queues. */
  operator = false;
  servedQueues: string[] = [];
  /** Customers the relay offers this agent now, by offer id (Q6). */
  readonly offers = new Map<string, Offer>();
  /** Long waits the relay alerted this agent about, newest last (Q7). */
  alerts: ServerEvent<'alert'>[] = [];
  readonly queueLogs = new Map<string, QueueLogEntry[]>();
  /** Transfers and invitations asked of this agent, by request id (C9, C10). */
  readonly requests = new Map<string, AgentRequest>();
  /** Transfers and invitations this agent asked for, by conversation: pending, or how they ended. */
  readonly sentRequests = new Map<string, { id: string; kind: 'transfer' | 'invite'; outcome?: ServerEvent<'request-ended'>['outcome']; by?: string }>();
  directory?: ServerEvent<'directory'>;
  recent?: ServerEvent<'recent'>['conversations'];
  readonly queueSnapshots = new Map<string, QueueSnapshot>();
  waiting?: { queue: string; position: number; joinedAt: number; typicalWait?: number };
  /** Customers: an operator deleted the queue they were waiting in (C14); cleared when they join again. */
  queueRemoved = false;
  readonly conversations = new ConversationStore();
  /** Who is typing where. */
  readonly typing = new TypingTracker();
  /** File tokens, uploads and download URLs (C7). */
  readonly files: FileAccess;
  /** STUN and TURN servers for video calls, from the relay. */
  iceServers: RTCIceServer[] = [];
  /** What files the relay takes; undefined when it takes none. */
  fileLimits?: ServerEvent<'welcome'>['files'];
  /** The outcome of the customer's signed identity (W6), once the relay checked it. */
  identity?: ServerEvent<'identity'>;
  /** Whether each queue takes chats now, as last asked (Q8). */
  queueStatus?: ServerEvent<'queue-status'>['queues'];
  /** Saved contacts by queue, newest first, as last fetched (Q8). */
  readonly contacts = new Map<string, SavedContact[]>();
  /** Statistics reports by `<queue>:<range>`, as last fetched (Q5). */
  readonly stats = new Map<string, StatsReport>();
  /** Canned responses by queue, as last fetched (C5). */
  readonly cannedResponses = new Map<string, CannedResponse[]>();
  /** The last error the relay sent that answered no command of ours. */
  lastError?: ClientError;
  /** Agents: the visitors on the site, as last asked (W10). */
  visitors: Visitor[] = [];
  /** Agents: the invitations this agent sent to visitors, by visitor id: how they ended, or no outcome while pending (W10). */
  readonly invitationOutcomes = new Map<string, { invitation: string; outcome?: ServerEvent<'invitation-ended'>['outcome']; endedAt?: number }>();
  /** Customers: the site's configured invitations (W10), from the welcome. */
  siteInvitations: ConfiguredInvitation[] = [];
  /** Customers: an agent's invitation to chat, until answered or ended (W10). */
  invitation?: ServerEvent<'invitation'>['invitation'];
  /**
   * Customers: whether the resume token may be written to storage. A visitor's connection (W10)
   * keeps it in memory until the customer opens the chat.
   */
  #persistResume: boolean;
  #resumeToken?: string;
  /** The relay run this client last saw (R2). */
  #epoch?: string;

  readonly #options: ClientOptions;
  readonly #pending = new Map<string, Pending>();
  /** What this side typed, by message id: shown to its author even where the relay redacted it. */
  readonly #ownTexts = new Map<string, string>();
  readonly #callSignals = new Map<string, CallSignal[]>();
  #socket?: WebSocket;
  #attempt = 0;
  #reconnectTimer?: ReturnType<typeof setTimeout>;
  #helloId?: string;
  /** Waiting for the site's other tabs to finish their first hello. */
  #waitingTurn = false;
  /** Lets the site's other tabs say their first hello. */
  #endTurn?: () => void;
  readonly #watch: ConnectionWatch;
  /** The network came back: a connection from before may be dead, and waiting out the backoff is pointless. */
  readonly #online = () => {
    if (this.status !== 'reconnecting' || this.#socket) return this.#watch.askNow();
    clearTimeout(this.#reconnectTimer);
    this.connect();
  };

  constructor(options: ClientOptions) {
    super();
    this.#options = options;
    this.#watch = new ConnectionWatch(options.watch);
    this.#persistResume = options.persistResume ?? true;
    this.files = new FileAccess(filesBase(options.url), (input) => this.send(input), () => this.now(), () => this.#changed());
  }

  get role(): ClientRole {
    return this.#options.role;
  }

  /** Milliseconds on the relay's clock. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  connect(): void {
    if (this.#socket || this.#waitingTurn || this.status === 'closed') return;
    this.#setStatus(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    const locks = globalThis.navigator?.locks;
    if (!locks || !this.#isFirstHello()) return this.#open();
    // Tabs opening the chat at once would each become a new customer: the first to get its welcome
    // stores the resume token, and the others wait for it and come back as the same customer.
    this.#waitingTurn = true;
    void locks.request(`tiski:first-hello:${this.#options.url}`, () => {
      this.#waitingTurn = false;
      if (this.status === 'closed') return;
      return new Promise<void>((release) => {
        this.#endTurn = release;
        setTimeout(release, this.#options.watch?.handshakeMs ?? defaultWatchTimings.handshakeMs);
        this.#open();
      });
    });
  }

  /** A customer's connection that has no resume token yet, and will store the one it gets. */
  #isFirstHello(): boolean {
    return this.role === 'customer' && this.#persistResume && !this.#resumeToken && !this.#storage?.getItem(this.#resumeKey);
  }

  #open(): void {
    const socket = new WebSocket(this.#options.url);
    this.#socket = socket;
    globalThis.addEventListener?.('online', this.#online);
    this.#watch.watch({
      isOpen: () => this.#socket === socket && this.status === 'open',
      probe: () => socket.send(JSON.stringify({ type: 'ping', id: nanoid() })),
      giveUp: () => this.#abandon(socket),
    });
    socket.addEventListener('open', () => this.#hello());
    socket.addEventListener('message', (e) => this.#receive(e.data));
    socket.addEventListener('close', () => this.#closed(socket));
  }

  /** Closes for good; pending commands fail. */
  close(): void {
    clearTimeout(this.#reconnectTimer);
    this.#endTurn?.();
    this.#watch.stop();
    globalThis.removeEventListener?.('online', this.#online);
    this.#setStatus('closed');
    this.#socket?.close(1000);
    this.#socket = undefined;
    for (const pending of this.#pending.values()) pending.reject(new ClientError('connection-closed', 'the connection was closed'));
    this.#pending.clear();
  }

  /** Sends a command; waits through reconnects until the relay acknowledges or refuses it. */
  send(input: CommandInput): Promise<ServerMessage & { type: 'ack' }> {
    const command = { ...input, id: nanoid() } as Pending['command'];
    if (command.type === 'send') this.#ownTexts.set(command.id, command.text.trim());
    return new Promise((resolve, reject) => {
      const pending: Pending = { command, resolve, reject, sent: false };
      this.#pending.set(command.id, pending);
      if (this.status === 'open') this.#transmit(pending);
    });
  }

  /**
   * Sends a command only if the connection is open, without waiting for or resending it: for
   * passing news such as typing, which is worthless late.
   */
  sendVolatile(input: CommandInput): void {
    if (this.status !== 'open') return;
    this.#socket?.send(JSON.stringify({ ...input, id: nanoid() }));
  }

  /** Asks for a transfer or an invitation and remembers it, so its outcome can be shown and it can be withdrawn. */
  async ask(kind: 'transfer' | 'invite', conversation: string, to: { agent: string } | { queue: string }): Promise<void> {
    const ack = await this.send({ type: kind, conversation, to });
    if (ack.request) this.sentRequests.set(conversation, { id: ack.request, kind });
    this.#changed();
  }

  /** Agents: invites a visitor to chat (W10) and remembers the invitation, so its outcome can be shown. */
  async inviteVisitor(visitor: string, queue: string, message?: string): Promise<void> {
    this.invitationOutcomes.delete(visitor);
    const ack = await this.send({ type: 'invite-visitor', visitor, queue, ...(message ? { message } : {}) });
    if (ack.request) this.invitationOutcomes.set(visitor, { invitation: ack.request });
    this.#changed();
  }

  /** Forgets an alert the agent dismissed, or whose customer is no longer waiting. */
  dismissAlert(customerId: string): void {
    this.alerts = this.alerts.filter((a) => a.customer.id !== customerId);
    this.#changed();
  }

  /** The call signals of a conversation not yet taken, oldest first; taking them empties the list. */
  takeCallSignals(conversation: string): CallSignal[] {
    const signals = this.#callSignals.get(conversation) ?? [];
    this.#callSignals.delete(conversation);
    return signals;
  }

  /** The text as this side typed it, for a message it sent from this page. */
  ownText(messageId: string): string | undefined {
    return this.#ownTexts.get(messageId);
  }

  /** Whether the resume token goes to storage; false for a visitor's connection until the chat opens (W10). */
  get persistsResume(): boolean {
    return this.#persistResume;
  }

  /** From now on the resume token is kept in storage, for the site's other tabs and later pages. */
  persistResume(): void {
    this.#persistResume = true;
    if (this.#resumeToken) this.#storage?.setItem(this.#resumeKey, this.#resumeToken);
  }

  /** Forgets the customer's resume token, so the next connection starts afresh. */
  forgetResume(): void {
    this.#storage?.removeItem(this.#resumeKey);
  }

  get #storage() {
    if (this.#options.storage) return this.#options.storage;
    try {
      return globalThis.localStorage;
    } catch {
      return undefined;
    }
  }

  get #resumeKey() {
    return `tiski:resume:${this.#options.url}`;
  }

  #hello(): void {
    this.#helloId = nanoid();
    const resume = this.role === 'customer' ? (this.#resumeToken ?? this.#storage?.getItem(this.#resumeKey) ?? undefined) : undefined;
    this.#socket?.send(
      JSON.stringify({
        type: 'hello',
        id: this.#helloId,
        v: PROTOCOL_VERSION,
        role: this.role,
        ...(this.#options.token ? { token: this.#options.token } : {}),
        ...(resume ? { resume } : {}),
        // Coming back: only what was missed, when the relay still can (R2).
        ...(this.#epoch ? { epoch: this.#epoch, streams: this.conversations.all().slice(0, 100).map((c) => ({ conversation: c.id, after: c.seq })) } : {}),
      }),
    );
  }

  #transmit(pending: Pending): void {
    pending.sent = true;
    this.#socket?.send(JSON.stringify(pending.command));
  }

  #receive(data: unknown): void {
    this.#watch.heard();
    if (typeof data !== 'string') return;
    const message = JSON.parse(data) as ServerMessage;
    if (message.type === 'ack' || message.type === 'error') {
      if (message.id === this.#helloId) return this.#helloAnswered(message);
      const pending = message.id ? this.#pending.get(message.id) : undefined;
      if (pending) {
        this.#pending.delete(pending.command.id);
        if (message.type === 'ack') pending.resolve(message);
        else pending.reject(new ClientError(message.code, message.message));
        return;
      }
      if (message.type === 'error') this.lastError = new ClientError(message.code, message.message);
      // The ack of a command sent with sendVolatile: nothing changed.
      else return;
    } else {
      this.#apply(message);
    }
    this.#changed();
  }

  #helloAnswered(answer: ServerMessage & { type: 'ack' | 'error' }): void {
    if (answer.type === 'error') {
      this.lastError = new ClientError(answer.code, answer.message);
      this.#setStatus('refused');
      this.#socket?.close(1000);
      return;
    }
    this.#attempt = 0;
    this.#setStatus('open');
    for (const pending of this.#pending.values()) this.#transmit(pending);
  }

  #apply(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        if (this.self && this.self.id !== message.self.id) this.#resetIdentity();
        this.self = message.self;
        this.#epoch = message.epoch;
        this.queues = message.queues;
        this.allowedQueues = message.allowedQueues ?? [];
        this.clockOffset = message.serverTime - Date.now();
        this.fileLimits = message.files;
        this.iceServers = message.iceServers ?? [];
        this.siteInvitations = message.invitations ?? [];
        if (message.resumeToken) {
          this.#resumeToken = message.resumeToken;
          if (this.#persistResume) this.#storage?.setItem(this.#resumeKey, message.resumeToken);
        }
        this.#endTurn?.();
        break;
      case 'agent-state':
        this.signedIn = message.signedIn;
        this.presence = message.presence;
        this.capacity = message.capacity;
        this.operator = message.operator;
        this.servedQueues = message.queues;
        for (const id of this.queueSnapshots.keys()) if (!message.queues.includes(id)) this.queueSnapshots.delete(id);
        break;
      case 'queue':
        this.queueSnapshots.set(message.queue.id, message.queue);
        break;
      case 'offer':
        this.offers.set(message.offer.id, message.offer);
        break;
      case 'offer-withdrawn':
        this.offers.delete(message.offer);
        break;
      case 'alert':
        this.alerts = [...this.alerts.filter((a) => a.customer.id !== message.customer.id), message];
        this.dispatchEvent(new CustomEvent('alert', { detail: message }));
        break;
      case 'queue-log':
        this.queueLogs.set(message.queue, message.entries);
        break;
      case 'request':
        this.requests.set(message.request.id, message.request);
        break;
      case 'request-ended': {
        this.requests.delete(message.request);
        const sent = this.sentRequests.get(message.conversation);
        if (sent?.id === message.request) {
          this.sentRequests.set(message.conversation, { ...sent, outcome: message.outcome, ...(message.by ? { by: message.by.name } : {}) });
        }
        break;
      }
      case 'directory':
        this.directory = message;
        break;
      case 'recent':
        this.recent = message.conversations;
        break;
      case 'waiting':
        this.waiting = { queue: message.queue, position: message.position, joinedAt: message.joinedAt, ...(message.typicalWait === undefined ? {} : { typicalWait: message.typicalWait }) };
        break;
      case 'left-queue':
        this.waiting = undefined;
        this.queueRemoved = message.reason === 'queue-deleted';
        break;
      case 'history':
        // A whole stream after a return the relay could not resume from replaces what was here.
        if (message.recovered === false) this.conversations.remove(message.conversation);
        for (const event of message.events) this.#applyConversationEvent(event);
        break;
      case 'typing':
        this.typing.apply(message, this.now());
        break;
      case 'invitation':
        this.invitation = message.invitation;
        break;
      case 'invitation-ended':
        // Customers: their own invitation lapsed. (Agents: how the one they sent ended.)
        if (message.visitor === this.self?.id && this.invitation?.id === message.invitation) delete this.invitation;
        else if (message.visitor !== this.self?.id) this.invitationOutcomes.set(message.visitor, { invitation: message.invitation, outcome: message.outcome, endedAt: this.now() });
        break;
      case 'identity':
        this.identity = message;
        this.dispatchEvent(new CustomEvent('identity', { detail: message }));
        break;
      case 'canned-responses':
        this.cannedResponses.set(message.queue, message.responses);
        break;
      case 'file-access':
        this.files.granted(message);
        break;
      case 'call-signal': {
        // Kept until the call element of that conversation takes them: it may still be loading.
        const waiting = this.#callSignals.get(message.conversation) ?? [];
        waiting.push(message.signal);
        this.#callSignals.set(message.conversation, waiting);
        this.dispatchEvent(new CustomEvent('call-signal', { detail: message }));
        return;
      }
      case 'queue-status':
        this.queueStatus = message.queues;
        break;
      case 'contacts':
        this.contacts.set(message.queue, message.contacts);
        break;
      case 'stats':
        this.stats.set(`${message.report.queue}:${message.report.range}`, message.report);
        break;
      // Agents' side of proactive chat (W10).
      case 'visitors':
        this.visitors = message.visitors;
        break;
      default:
        if (isConversationEvent(message)) this.#applyConversationEvent(message);
    }
  }

  #applyConversationEvent(event: ConversationEvent): void {
    if (event.type === 'conversation-started' && this.role === 'customer') this.waiting = undefined;
    if (event.type === 'message') this.typing.stopped(event.conversation, event.author.id);
    const result = this.conversations.apply(event);
    // A call starting or ending makes signals of an earlier call meaningless.
    if (result === 'applied' && (event.type === 'call' || event.type === 'conversation-ended')) this.#callSignals.delete(event.conversation);
    if (result === 'gap') {
      void this.send({ type: 'sync', conversation: event.conversation, after: this.conversations.lastSeq(event.conversation) }).catch(() => {});
    }
  }

  #resetIdentity(): void {
    this.conversations.clear();
    this.waiting = undefined;
  }

  #closed(socket: WebSocket): void {
    if (this.#socket === socket) this.#lost();
  }

  /** The relay stopped answering on `socket`: a new connection, without waiting for the network to notice. */
  #abandon(socket: WebSocket): void {
    if (this.#socket !== socket) return;
    this.#lost();
    socket.close();
  }

  #lost(): void {
    this.#endTurn?.();
    this.#socket = undefined;
    this.#watch.stop();
    for (const pending of this.#pending.values()) pending.sent = false;
    if (this.status === 'closed' || this.status === 'refused') return;
    this.#setStatus('reconnecting');
    const delay = Math.min(10_000, 250 * 2 ** this.#attempt) * (0.5 + Math.random() / 2);
    this.#attempt++;
    this.#reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  #setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
