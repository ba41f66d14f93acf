import type { ConversationId, ParticipantId, QueueId } from '../../protocol/index.js';
import type { QueueConfig } from '../config.js';
import type { Agent, AgentRequest, Conversation, Customer, Offer, Queue } from './model.js';
import { MemoryStatsBook, type StatsBookSnapshot } from './stats/memory-stats-book.js';
import type { StatsBook } from './stats/stats-book.js';

/**
 * The only owner of relay state. Handlers read and change it through this interface, so a
 * shared-state implementation can replace the in-memory one without touching them.
 */
export interface RelayStore {
  queue(id: QueueId): Queue | undefined;
  queues(): Iterable<Queue>;
  customer(id: ParticipantId): Customer | undefined;
  customerByResumeToken(token: string): Customer | undefined;
  customers(): Iterable<Customer>;
  addCustomer(customer: Customer): void;
  removeCustomer(id: ParticipantId): void;
  agent(id: ParticipantId): Agent | undefined;
  agents(): Iterable<Agent>;
  addAgent(agent: Agent): void;
  conversation(id: ConversationId): Conversation | undefined;
  addConversation(conversation: Conversation): void;
  removeConversation(id: ConversationId): void;
  offer(id: string): Offer | undefined;
  offers(): Iterable<Offer>;
  addOffer(offer: Offer): void;
  removeOffer(id: string): void;
  request(id: string): AgentRequest | undefined;
  requests(): Iterable<AgentRequest>;
  addRequest(request: AgentRequest): void;
  removeRequest(id: string): void;
  conversations(): Iterable<Conversation>;
  addQueue(config: QueueConfig): Queue;
  removeQueue(id: QueueId): void;
  removeAgent(id: ParticipantId): void;
  /** Tokens of this `sub` issued at or before `at` are refused from now on. */
  markRemoved(sub: string, at: number): void;
  removedAt(sub: string): number | undefined;
  /** Per-queue and per-agent statistics (Q5). */
  readonly stats: StatsBook;
}

/** A queue as configured, with nobody in it yet. */
export const newQueue = (config: QueueConfig): Queue => ({ config, open: config.open, waiting: [], agents: new Set(), log: [], contacts: [] });

/**
 * Everything the in-memory store holds, as its own objects (live ones when taken: encode them
 * before anything changes). A planned restart saves it and brings it back (relay/persistence).
 */
export interface StoreSnapshot {
  queues: Queue[];
  customers: Customer[];
  agents: Agent[];
  conversations: Conversation[];
  offers: Offer[];
  requests: AgentRequest[];
  /** Removed agents' `sub`s and when they were removed (C14). */
  removed: Array<[string, number]>;
  stats: StatsBookSnapshot;
}

export class MemoryRelayStore implements RelayStore {
  readonly #queues = new Map<QueueId, Queue>();
  readonly #customers = new Map<ParticipantId, Customer>();
  readonly #customersByToken = new Map<string, ParticipantId>();
  readonly #agents = new Map<ParticipantId, Agent>();
  readonly #conversations = new Map<ConversationId, Conversation>();
  readonly #offers = new Map<string, Offer>();
  readonly #requests = new Map<string, AgentRequest>();
  readonly #removed = new Map<string, number>();
  readonly stats = new MemoryStatsBook();

  constructor(queues: readonly QueueConfig[]) {
    for (const config of queues) this.addQueue(config);
  }

  addQueue(config: QueueConfig): Queue {
    const queue = newQueue(config);
    this.#queues.set(config.id, queue);
    return queue;
  }
  removeQueue(id: QueueId) {
    this.#queues.delete(id);
  }
  removeAgent(id: ParticipantId) {
    this.#agents.delete(id);
  }
  markRemoved(sub: string, at: number) {
    this.#removed.set(sub, at);
  }
  removedAt(sub: string) {
    return this.#removed.get(sub);
  }

  queue(id: QueueId) {
    return this.#queues.get(id);
  }
  queues() {
    return this.#queues.values();
  }
  customer(id: ParticipantId) {
    return this.#customers.get(id);
  }
  customerByResumeToken(token: string) {
    const id = this.#customersByToken.get(token);
    return id === undefined ? undefined : this.#customers.get(id);
  }
  customers() {
    return this.#customers.values();
  }
  addCustomer(customer: Customer) {
    this.#customers.set(customer.id, customer);
    this.#customersByToken.set(customer.resumeToken, customer.id);
  }
  removeCustomer(id: ParticipantId) {
    const customer = this.#customers.get(id);
    if (!customer) return;
    this.#customersByToken.delete(customer.resumeToken);
    this.#customers.delete(id);
  }
  agent(id: ParticipantId) {
    return this.#agents.get(id);
  }
  agents() {
    return this.#agents.values();
  }
  addAgent(agent: Agent) {
    this.#agents.set(agent.id, agent);
  }
  conversation(id: ConversationId) {
    return this.#conversations.get(id);
  }
  addConversation(conversation: Conversation) {
    this.#conversations.set(conversation.id, conversation);
  }
  removeConversation(id: ConversationId) {
    this.#conversations.delete(id);
  }
  offer(id: string) {
    return this.#offers.get(id);
  }
  offers() {
    return this.#offers.values();
  }
  addOffer(offer: Offer) {
    this.#offers.set(offer.id, offer);
  }
  removeOffer(id: string) {
    this.#offers.delete(id);
  }
  request(id: string) {
    return this.#requests.get(id);
  }
  requests() {
    return this.#requests.values();
  }
  addRequest(request: AgentRequest) {
    this.#requests.set(request.id, request);
  }
  removeRequest(id: string) {
    this.#requests.delete(id);
  }
  conversations() {
    return this.#conversations.values();
  }
  snapshot(): StoreSnapshot {
    return {
      queues: [...this.#queues.values()],
      customers: [...this.#customers.values()],
      agents: [...this.#agents.values()],
      conversations: [...this.#conversations.values()],
      offers: [...this.#offers.values()],
      requests: [...this.#requests.values()],
      removed: [...this.#removed],
      stats: this.stats.snapshot(),
    };
  }

  /** Replaces everything held, queues included, with `snapshot`. */
  restore(snapshot: StoreSnapshot): void {
    for (const map of [this.#queues, this.#customers, this.#customersByToken, this.#agents, this.#conversations, this.#offers, this.#requests, this.#removed]) map.clear();
    for (const queue of snapshot.queues) this.#queues.set(queue.config.id, queue);
    for (const customer of snapshot.customers) this.addCustomer(customer);
    for (const agent of snapshot.agents) this.addAgent(agent);
    for (const conversation of snapshot.conversations) this.addConversation(conversation);
    for (const offer of snapshot.offers) this.addOffer(offer);
    for (const request of snapshot.requests) this.addRequest(request);
    for (const [sub, at] of snapshot.removed) this.markRemoved(sub, at);
    this.stats.restore(snapshot.stats);
  }

  /** Sizes, for tests that check nothing is left behind. */
  get sizes() {
    return {
      customers: this.#customers.size,
      agents: this.#agents.size,
      conversations: this.#conversations.size,
      offers: this.#offers.size,
      requests: this.#requests.size,
      waiting: [...this.#queues.values()].reduce((n, q) => n + q.waiting.length, 0),
    };
  }
}
