import { limits, PROTOCOL_VERSION, type Attachment, type ClientMessage, type DomainCommand, type ErrorCode, type ServerEvent, type ServerMessage } from '../../protocol/index.js';
import type { AgentClaims } from '../auth/jwt.js';
import type { DomainConfig, DomainContext } from './context.js';
import { streamOf } from './conversation-log.js';
import { agentStateEvent, mayServe } from './agents.js';
import { alertLongWaits } from './alerts.js';
import { agentsTopic, customerTopic, queueTopic, send, subscribe, type Effect } from './effects.js';
import { fileFor, fileStored, mayUpload, type FileCheck } from './files.js';
import { expireGrace } from './grace.js';
import { statsAt } from './stats/queue-stats.js';
import { expireCalls, restartCalls } from './calls.js';
import { leaveQueues } from './handlers/agent-presence.js';
import { CommandReplies } from './command-replies.js';
import { routes, type Route } from './handlers/index.js';
import { expireInvitations } from './handlers/proactive.js';
import type { Actor, Agent, Offer } from './model.js';
import { expireOffers, offerOf, routeOffers, withdrawOffer } from './offers.js';
import { agentQueuesChanged, ownPlace, placesInLine, queueSnapshot, typicalWait } from './queue-updates.js';
import { expireRequests, requestEvent } from './requests.js';
import { forgetOldConversations } from './retention.js';
import { applySchedules } from './schedules.js';
import type { DomainServices } from './services.js';
import type { RelayStore } from './store.js';

export interface DomainOptions {
  store: RelayStore;
  config: DomainConfig;
  newId: () => string;
  services: DomainServices;
  /** This run's epoch (R2): a new one at each start, the saved one when a planned restart restores the state. */
  epoch?: string;
  /** Answers to recent commands; restored ones after a planned restart. */
  replies?: CommandReplies;
}

/** What a coming-back client says it holds (R2). */
export interface ResumeFrom {
  epoch?: string | undefined;
  streams?: ReadonlyArray<{ conversation: string; after: number }> | undefined;
}

/**
 * The relay's rules, free of I/O: commands in, effects out, the time passed in by the caller.
 * The transport authenticates, parses and carries the effects to sockets.
 */
export class RelayDomain {
  readonly #store: RelayStore;
  readonly #config: DomainOptions['config'];
  /** Answers to participants' recent commands, for resends (R2). */
  readonly #replies: CommandReplies;
  readonly #newId: () => string;
  readonly #services: DomainServices;
  readonly epoch: string;

  constructor(options: DomainOptions) {
    this.#store = options.store;
    this.#config = options.config;
    this.#newId = options.newId;
    this.#services = options.services;
    this.#replies = options.replies ?? new CommandReplies();
    this.epoch = options.epoch ?? '0';
  }

  #context(now: number): DomainContext {
    return { store: this.#store, config: this.#config, now, newId: this.#newId, services: this.#services };
  }

  #welcome(self: ServerEvent<'welcome'>['self'], now: number, extra: Partial<ServerEvent<'welcome'>> = {}): ServerMessage {
    const queues = [...this.#store.queues()].map(({ config: { id, name, lang, maskPii, wrapUpReasons, video, survey, returnMinutes } }) => ({ id, name, lang, maskPii, wrapUpReasons, ...(video ? { video } : {}), ...(survey.length ? { survey } : {}), ...(returnMinutes ? { returnMinutes } : {}) }));
    const attachments = this.#config.attachments;
    const files = attachments?.enabled ? { files: { maxFileBytes: attachments.maxFileBytes, types: [...attachments.types], perMessage: limits.attachmentsPerMessage } } : {};
    const iceServers = this.#config.iceServers?.length ? { iceServers: this.#config.iceServers } : {};
    return { type: 'welcome', v: PROTOCOL_VERSION, self, epoch: this.epoch, serverTime: now, queues, ...files, ...iceServers, ...extra };
  }

  /** A customer's connection opened; a known resume token brings back the same customer (W7). */
  connectCustomer(resumeToken: string | undefined, now: number, from: ResumeFrom = {}): { actor: Actor; effects: Effect[] } {
    let customer = resumeToken ? this.#store.customerByResumeToken(resumeToken) : undefined;
    const known = !!customer;
    if (!customer) {
      customer = { id: this.#newId(), name: '', resumeToken: `${this.#newId()}${this.#newId()}`, history: [] };
      this.#store.addCustomer(customer);
    }
    const resumed = this.#resumedStreams(from, known, customer.disconnectedAt, now);
    const returning = customer.disconnectedAt !== undefined;
    delete customer.disconnectedAt;
    const self = { id: customer.id, name: customer.name, role: 'customer' as const };
    // Before the replay, so the history the page gets already holds the restarted call.
    const current = customer.conversation ? this.#store.conversation(customer.conversation) : undefined;
    const calls = returning && current ? restartCalls(this.#context(now), [current], customer.id) : [];
    const invitations = this.#config.invitations?.length ? { invitations: this.#config.invitations } : {};
    const effects: Effect[] = [send(customer.id, this.#welcome(self, now, { resumeToken: customer.resumeToken, ...invitations })), ...calls];
    // Their own place only: the line did not move, and telling everyone in it would cost the square of its length in a reconnect storm.
    if (customer.waiting) effects.push(...ownPlace(this.#store, customer.waiting.queue, customer.id));
    for (const id of customer.history) effects.push(...this.#replay(customer.id, id, customer.conversation === id, from, resumed));
    effects.push(...this.#forgottenStreams(customer.id, from, customer.history));
    return { actor: { role: 'customer', id: customer.id }, effects };
  }

  /** An agent's connection opened with verified claims; the agent's state outlives its sockets. */
  connectAgent(claims: AgentClaims, now: number, from: ResumeFrom = {}): { actor: Actor; effects: Effect[] } {
    // Agents and customers share one id space for sockets and effects; the prefix keeps a token's
    // `sub` from ever naming a customer.
    const id = `agent:${claims.sub}`;
    const agent: Agent = this.#store.agent(id) ?? {
      id,
      name: claims.name,
      allowedQueues: claims.queues,
      operator: false,
      signedIn: false,
      presence: 'available',
      queues: [],
      conversations: new Set(),
      idleSince: now,
    };
    this.#store.addAgent(agent);
    agent.name = claims.name;
    agent.allowedQueues = claims.queues;
    agent.operator = claims.roles.includes('operator');
    if (claims.maxConversations === undefined) delete agent.capacity;
    else agent.capacity = claims.maxConversations;
    const resumed = this.#resumedStreams(from, true, agent.disconnectedAt, now);
    const returning = agent.disconnectedAt !== undefined;
    delete agent.disconnectedAt;
    const owned = [...agent.conversations].flatMap((id) => this.#store.conversation(id) ?? []);
    const calls = returning ? restartCalls(this.#context(now), owned, agent.id) : [];
    // A newer token may allow fewer queues than the agent signed in to: it leaves the others.
    const revoked = agent.queues.filter((queue) => !mayServe(agent, queue));
    const pending = agent.offer ? this.#store.offer(agent.offer) : undefined;
    const leaving = pending && revoked.includes(pending.queue) ? withdrawOffer(this.#context(now), pending, 'rejected') : [];
    leaving.push(...leaveQueues(this.#store, agent, revoked));
    if (revoked.length) {
      agent.queues = agent.queues.filter((queue) => !revoked.includes(queue));
      if (agent.queues.length === 0) agent.signedIn = false;
    }
    const allowed = [...this.#store.queues()].map((q) => q.config.id).filter((queue) => mayServe(agent, queue));
    const self = { id: agent.id, name: agent.name, role: 'agent' as const };
    const effects: Effect[] = [
      send(agent.id, this.#welcome(self, now, { allowedQueues: allowed })),
      send(agent.id, agentStateEvent(this.#store, agent)),
      ...leaving,
      ...calls,
    ];
    for (const queueId of agent.queues) {
      const queue = this.#store.queue(queueId);
      if (!queue) continue;
      effects.push(subscribe(agent.id, queueTopic(queueId)), send(agent.id, { type: 'queue', queue: queueSnapshot(this.#store, queue) }));
    }
    // Colleagues saw the agent offline while no socket was open.
    if (returning && agent.signedIn) effects.push(...agentQueuesChanged(this.#store, agent.queues));
    const offer = agent.offer ? this.#store.offer(agent.offer) : undefined;
    if (offer) effects.push(...this.#resendOffer(offer));
    for (const conversation of agent.conversations) effects.push(...this.#replay(agent.id, conversation, true, from, resumed));
    effects.push(...this.#forgottenStreams(agent.id, from, agent.conversations));
    for (const request of this.#store.requests()) {
      const event = request.candidates.has(agent.id) && !request.declined.has(agent.id) ? requestEvent(this.#context(now), request) : undefined;
      if (event) effects.push(send(agent.id, { type: 'request', request: event }));
    }
    return { actor: { role: 'agent', id: agent.id }, effects: [...effects, ...routeOffers(this.#context(now))] };
  }

  #resendOffer(offer: Offer): Effect[] {
    const waiting = this.#store.customer(offer.customer)?.waiting;
    const customer = this.#store.customer(offer.customer);
    if (!customer || !waiting) return [];
    return [send(offer.agent, { type: 'offer', offer: offerOf(offer, customer, waiting) })];
  }

  /**
   * Where a coming-back client may carry on from (R2): the `seq` it holds of each conversation,
   * when it names this epoch, the relay still knew it, and it was away no longer than the resume
   * window (or still had another tab open). Otherwise none: it gets whole streams.
   */
  #resumedStreams(from: ResumeFrom, known: boolean, disconnectedAt: number | undefined, now: number): ReadonlyMap<string, number> {
    const window = (this.#config.resumeSeconds ?? 120) * 1000;
    const fresh = disconnectedAt === undefined || now - disconnectedAt <= window;
    if (!from.epoch || from.epoch !== this.epoch || !known || !fresh) return new Map();
    return new Map((from.streams ?? []).map((s) => [s.conversation, s.after]));
  }

  /**
   * A conversation's stream for a connecting participant: what they missed after the `seq` they
   * hold (`recovered: true`), else all of it — marked `recovered: false` when they came back.
   */
  #replay(who: string, conversationId: string, live: boolean, from: ResumeFrom = {}, resumed: ReadonlyMap<string, number> = new Map()): Effect[] {
    const conversation = this.#store.conversation(conversationId);
    if (!conversation) return [];
    const customer = who === conversation.customer;
    const stream = streamOf(conversation, who);
    const after = resumed.get(conversationId);
    const history =
      after !== undefined && after <= stream.length
        ? { type: 'history' as const, conversation: conversation.id, events: stream.slice(after), recovered: true }
        : { type: 'history' as const, conversation: conversation.id, events: stream, ...(from.epoch ? { recovered: false } : {}) };
    const effects: Effect[] = [send(who, history)];
    if (live && !conversation.ended) effects.unshift(subscribe(who, customer ? customerTopic(conversation.id) : agentsTopic(conversation.id)));
    return effects;
  }

  /**
   * A client coming back from another epoch (the relay crashed, or its state was lost) is told of
   * each conversation it named that it gets no stream of: an empty whole stream, which replaces
   * what it held, rather than silence. The answer is the same whether the conversation exists.
   */
  #forgottenStreams(who: string, from: ResumeFrom, replayed: Iterable<string>): Effect[] {
    if (!from.epoch || from.epoch === this.epoch || !from.streams?.length) return [];
    const answered = new Set(replayed);
    const effects: Effect[] = [];
    for (const { conversation } of from.streams) {
      if (answered.has(conversation)) continue;
      answered.add(conversation);
      effects.push(send(who, { type: 'history', conversation, events: [], recovered: false }));
    }
    return effects;
  }

  /** Runs an operator's action (admin.ts) with the domain's state and the time given. */
  admin<T>(now: number, action: (ctx: DomainContext) => T): T {
    return action(this.#context(now));
  }

  /** Whether `who` may upload a file to the conversation now (C7). */
  mayUpload(who: string, conversation: string, now: number): FileCheck {
    return mayUpload(this.#context(now), who, conversation);
  }

  /** A file arrived whole: it waits for `who` to send it in a message. */
  fileStored(who: string, conversation: string, file: Attachment, now: number): ReturnType<typeof fileStored> {
    return fileStored(this.#context(now), who, conversation, file);
  }

  /** The file's record, if `who` may download it. */
  fileFor(who: string, conversation: string, file: string, now: number): ReturnType<typeof fileFor> {
    return fileFor(this.#context(now), who, conversation, file);
  }

  /** Whether a token of `sub` issued at `issuedAt` (seconds) predates the agent's removal. */
  isRemoved(sub: string, issuedAt: number | undefined): boolean {
    const removedAt = this.#store.removedAt(sub);
    return removedAt !== undefined && (issuedAt === undefined || issuedAt * 1000 <= removedAt);
  }

  /** The last socket of a participant closed: the grace period starts; colleagues see an agent offline. */
  disconnect(actor: Actor, now: number): Effect[] {
    if (actor.role === 'customer') {
      const customer = this.#store.customer(actor.id);
      if (customer) customer.disconnectedAt = now;
      return [];
    }
    const agent = this.#store.agent(actor.id);
    if (!agent) return [];
    agent.disconnectedAt = now;
    return agent.signedIn ? agentQueuesChanged(this.#store, agent.queues) : [];
  }

  handle(actor: Actor, command: DomainCommand, now: number): Effect[] {
    const route = routes[command.type] as Route<typeof command.type>;
    const earlier = this.#replies.earlier(actor.id, command);
    if (earlier === 'conflict') return [send(actor.id, { type: 'error', code: 'duplicate-id', message: 'this command id was already used for another command', id: command.id })];
    if (earlier) return [send(actor.id, earlier)];
    const answer = (reply: ServerMessage) => (this.#replies.remember(actor.id, command, reply), send(actor.id, reply));
    const error = (code: ErrorCode, message: string) => [answer({ type: 'error', code, message, id: command.id })];
    if (!route.roles.includes(actor.role)) return error('forbidden', `a ${actor.role} cannot send "${command.type}"`);
    const outcome = route.handle({ ...this.#context(now), actor }, command);
    if (!outcome.ok) return error(outcome.code, outcome.message);
    const ack: ServerMessage = {
      type: 'ack',
      id: command.id,
      ...(outcome.conversation ? { conversation: outcome.conversation } : {}),
      ...(outcome.request ? { request: outcome.request } : {}),
    };
    return [answer(ack), ...outcome.effects, ...routeOffers(this.#context(now))];
  }

  /** Called by the transport at start and about once a second: schedules, offers and requests past their time, long waits, grace periods. */
  tick(now: number): Effect[] {
    const ctx = this.#context(now);
    const retold: Effect[] = [];
    for (const queue of this.#store.queues()) {
      const id = queue.config.id;
      const before = typicalWait(this.#store, id).typicalWait;
      this.#store.stats.refreshTypicalWait(statsAt(ctx, queue));
      // The line hears of a new typical wait with its places: nothing else tells it.
      if (typicalWait(this.#store, id).typicalWait !== before) retold.push(...placesInLine(this.#store, id));
    }
    this.#replies.keepOnly((who) => !!(this.#store.customer(who) ?? this.#store.agent(who)));
    return [
      ...retold,
      ...forgetOldConversations(ctx),
      ...applySchedules(ctx),
      ...expireOffers(ctx),
      ...expireRequests(ctx),
      ...expireCalls(ctx),
      ...expireInvitations(ctx),
      ...alertLongWaits(ctx),
      ...expireGrace(ctx),
      ...routeOffers(ctx),
    ];
  }
}
