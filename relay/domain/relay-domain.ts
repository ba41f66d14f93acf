import { PROTOCOL_VERSION, type ClientMessage, type ErrorCode, type ServerEvent, type ServerMessage } from '../../protocol/index.js';
import type { AgentClaims } from '../auth/jwt.js';
import type { RelayConfig } from '../config.js';
import type { DomainContext } from './context.js';
import { endConversation } from './conversation-log.js';
import { conversationTopic, queueTopic, send, subscribe, type Effect } from './effects.js';
import { leaveQueues, mayServe, signOutAgent } from './handlers/agent-presence.js';
import { routes, type Route } from './handlers/index.js';
import type { Actor, Customer } from './model.js';
import { queueChanged, queueSnapshot, removeFromQueue } from './queue-updates.js';
import type { RelayStore } from './store.js';

export interface DomainOptions {
  store: RelayStore;
  config: Pick<RelayConfig, 'customerGraceSeconds' | 'agentGraceSeconds'>;
  newId: () => string;
}

/**
 * The relay's rules, free of I/O: commands in, effects out, the time passed in by the caller.
 * The transport authenticates, parses and carries the effects to sockets.
 */
export class RelayDomain {
  readonly #store: RelayStore;
  readonly #config: DomainOptions['config'];
  readonly #newId: () => string;

  constructor(options: DomainOptions) {
    this.#store = options.store;
    this.#config = options.config;
    this.#newId = options.newId;
  }

  #context(now: number): DomainContext {
    return { store: this.#store, now, newId: this.#newId };
  }

  #welcome(self: ServerEvent<'welcome'>['self'], now: number, extra: Partial<ServerEvent<'welcome'>> = {}): ServerMessage {
    const queues = [...this.#store.queues()].map(({ config: { id, name, lang, maskPii } }) => ({ id, name, lang, maskPii }));
    return { type: 'welcome', v: PROTOCOL_VERSION, self, serverTime: now, queues, ...extra };
  }

  /** A customer's connection opened; a known resume token brings back the same customer (W7). */
  connectCustomer(resumeToken: string | undefined, now: number): { actor: Actor; effects: Effect[] } {
    let customer = resumeToken ? this.#store.customerByResumeToken(resumeToken) : undefined;
    if (!customer) {
      customer = { id: this.#newId(), name: '', resumeToken: `${this.#newId()}${this.#newId()}`, history: [] };
      this.#store.addCustomer(customer);
    }
    delete customer.disconnectedAt;
    const self = { id: customer.id, name: customer.name, role: 'customer' as const };
    const effects: Effect[] = [send(customer.id, this.#welcome(self, now, { resumeToken: customer.resumeToken }))];
    if (customer.waiting) effects.push(...queueChanged(this.#store, customer.waiting.queue));
    for (const id of customer.history) effects.push(...this.#replay(customer.id, id, customer.conversation === id));
    return { actor: { role: 'customer', id: customer.id }, effects };
  }

  /** An agent's connection opened with verified claims; the agent's state outlives its sockets. */
  connectAgent(claims: AgentClaims, now: number): { actor: Actor; effects: Effect[] } {
    // Agents and customers share one id space for sockets and effects; the prefix keeps a token's
    // `sub` from ever naming a customer.
    const id = `agent:${claims.sub}`;
    let agent = this.#store.agent(id);
    if (!agent) {
      agent = { id, name: claims.name, allowedQueues: claims.queues, signedIn: false, queues: [], conversations: new Set() };
      this.#store.addAgent(agent);
    }
    agent.name = claims.name;
    agent.allowedQueues = claims.queues;
    delete agent.disconnectedAt;
    // A newer token may allow fewer queues than the agent signed in to: it leaves the others.
    const revoked = agent.queues.filter((id) => !mayServe(agent, id));
    const leaving = leaveQueues(this.#store, agent, revoked);
    if (revoked.length) {
      agent.queues = agent.queues.filter((id) => !revoked.includes(id));
      if (agent.queues.length === 0) agent.signedIn = false;
    }
    const allowed = [...this.#store.queues()].map((q) => q.config.id).filter((id) => claims.queues.includes('*') || claims.queues.includes(id));
    const self = { id: agent.id, name: agent.name, role: 'agent' as const };
    const effects: Effect[] = [
      send(agent.id, this.#welcome(self, now, { allowedQueues: allowed })),
      send(agent.id, { type: 'agent-state', signedIn: agent.signedIn, queues: agent.queues }),
      ...leaving,
    ];
    for (const id of agent.queues) {
      const queue = this.#store.queue(id);
      if (!queue) continue;
      effects.push(subscribe(agent.id, queueTopic(id)), send(agent.id, { type: 'queue', queue: queueSnapshot(this.#store, queue) }));
    }
    for (const id of agent.conversations) effects.push(...this.#replay(agent.id, id, true));
    return { actor: { role: 'agent', id: agent.id }, effects };
  }

  #replay(who: string, conversationId: string, live: boolean): Effect[] {
    const conversation = this.#store.conversation(conversationId);
    if (!conversation) return [];
    const effects: Effect[] = [send(who, { type: 'history', conversation: conversation.id, events: conversation.log })];
    if (live && !conversation.ended) effects.unshift(subscribe(who, conversationTopic(conversation.id)));
    return effects;
  }

  /** The last socket of a participant closed: the grace period starts. */
  disconnect(actor: Actor, now: number): void {
    const who = actor.role === 'customer' ? this.#store.customer(actor.id) : this.#store.agent(actor.id);
    if (who) who.disconnectedAt = now;
  }

  handle(actor: Actor, command: Exclude<ClientMessage, { type: 'hello' }>, now: number): Effect[] {
    const route = routes[command.type] as Route<typeof command.type>;
    const error = (code: ErrorCode, message: string) => [send(actor.id, { type: 'error', code, message, id: command.id })];
    if (!route.roles.includes(actor.role)) return error('forbidden', `a ${actor.role} cannot send "${command.type}"`);
    const outcome = route.handle({ ...this.#context(now), actor }, command);
    if (!outcome.ok) return error(outcome.code, outcome.message);
    const ack: ServerMessage = outcome.conversation
      ? { type: 'ack', id: command.id, conversation: outcome.conversation }
      : { type: 'ack', id: command.id };
    return [send(actor.id, ack), ...outcome.effects];
  }

  /** Called by the transport about once a second: expires the grace of disconnected participants. */
  tick(now: number): Effect[] {
    const effects: Effect[] = [];
    for (const customer of [...this.#store.customers()]) {
      if (customer.disconnectedAt !== undefined && now - customer.disconnectedAt >= this.#config.customerGraceSeconds * 1000) {
        effects.push(...this.#customerGone(customer, now));
      }
    }
    for (const agent of this.#store.agents()) {
      if (agent.signedIn && agent.disconnectedAt !== undefined && now - agent.disconnectedAt >= this.#config.agentGraceSeconds * 1000) {
        effects.push(...signOutAgent(this.#store, agent));
      }
    }
    return effects;
  }

  #customerGone(customer: Customer, now: number): Effect[] {
    const effects: Effect[] = [];
    if (customer.waiting) {
      const queueId = customer.waiting.queue;
      const queue = this.#store.queue(queueId);
      if (queue) removeFromQueue(queue, customer.id);
      delete customer.waiting;
      effects.push(...queueChanged(this.#store, queueId));
    }
    const active = customer.conversation ? this.#store.conversation(customer.conversation) : undefined;
    if (active && !active.ended) effects.push(...endConversation(this.#store, active, 'customer-gone', undefined, now));
    for (const id of customer.history) {
      const conversation = this.#store.conversation(id);
      if (conversation && !this.#store.agent(conversation.agent)?.conversations.has(id)) this.#store.removeConversation(id);
    }
    this.#store.removeCustomer(customer.id);
    return effects;
  }
}
