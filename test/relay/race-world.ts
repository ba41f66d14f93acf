/**
 * The pure relay domain with the customers, agents and sockets of a small contact centre, for
 * generated interleavings: tabs open and close the way the transport opens and closes them,
 * commands go in with fresh ids, the clock moves and ticks. After every step the store's
 * invariants (race-invariants.ts) and what every socket received (race-client-view.ts) are
 * checked; a refused command must name a protocol error code and change nothing.
 */
import assert from 'node:assert/strict';
import { errorCodes, type ServerMessage } from '../../protocol/index.js';
import { relayServices } from '../../relay/auth/relay-services.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig, type QueueConfig, type RelayConfig } from '../../relay/config.js';
import type { AdminResult, DomainContext } from '../../relay/domain/context.js';
import { streamOf } from '../../relay/domain/conversation-log.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor, Conversation } from '../../relay/domain/model.js';
import { RelayDomain } from '../../relay/domain/relay-domain.js';
import { MemoryRelayStore } from '../../relay/domain/store.js';
import { ClientView, type ViewSocket } from './race-client-view.js';
import { storeBreaks, storeDigest } from './race-invariants.js';

type Command = Parameters<RelayDomain['handle']>[1];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Input = DistributiveOmit<Command, 'id'>;

/** Pick routing; customers may return to an ended chat for 2 minutes. */
export const SUPPORT = 'support';
/** Offer routing, 5 s to answer. */
export const SALES = 'sales';
/** Pick routing, deleted and created again by the operator. */
export const BILLING = 'billing';
export const QUEUES = [SUPPORT, SALES, BILLING] as const;

export const OFFER_MS = 5_000;
export const REQUEST_MS = 10_000;
export const CUSTOMER_GRACE_MS = 20_000;
export const AGENT_GRACE_MS = 30_000;
export const RECENT_MS = 3 * 60_000;

export const raceConfig: RelayConfig = parseConfig({
  customerGraceSeconds: CUSTOMER_GRACE_MS / 1000,
  agentGraceSeconds: AGENT_GRACE_MS / 1000,
  requestTimeoutSeconds: REQUEST_MS / 1000,
  recentMinutes: RECENT_MS / 60_000,
  queues: [
    { id: SUPPORT, name: 'Support', maxConversationsPerAgent: 3, returnMinutes: 2 },
    { id: SALES, name: 'Sales', routing: 'offer', offerTimeoutSeconds: OFFER_MS / 1000, maxConversationsPerAgent: 3 },
    { id: BILLING, name: 'Billing', maxConversationsPerAgent: 3 },
  ],
});

export interface AgentProfile {
  sub: string;
  allowed: string[];
  operator?: boolean;
  maxConversations?: number;
}

/** ann and bob may serve every queue; cai only sales and billing, one conversation at a time; ops is the operator. */
export const AGENTS: readonly AgentProfile[] = [
  { sub: 'ann', allowed: ['*'] },
  { sub: 'bob', allowed: ['*'] },
  { sub: 'cai', allowed: [SALES, BILLING], maxConversations: 1 },
  { sub: 'ops', allowed: ['*'], operator: true },
];
export const CUSTOMERS = 4;
export const T0 = 1_700_000_000_000;

export interface Reply {
  code: string;
  ack?: ServerMessage & { type: 'ack' };
}

export class RaceWorld {
  readonly store = new MemoryRelayStore(raceConfig.queues);
  readonly view = new ClientView();
  readonly domain: RelayDomain;
  now = T0;
  /** Each customer's resume token once they had one, as the widget keeps it in localStorage. */
  readonly tokens: Array<string | undefined> = Array.from({ length: CUSTOMERS }, () => undefined);
  /** Each customer's id as the relay last named it. */
  readonly customerIds: Array<string | undefined> = Array.from({ length: CUSTOMERS }, () => undefined);
  /** Every conversation, offer and request id the relay ever made: stale ones are sent on purpose. */
  readonly known = { conversations: new Set<string>(), offers: new Set<string>(), requests: new Set<string>() };
  readonly counts = { commands: 0, acks: 0, refusals: 0, ticks: 0, codes: new Map<string, number>(), acked: new Map<string, number>() };
  #ids = 0;
  #commandIds = 0;
  /** The last event of each stream at the previous check: streams only grow. */
  #seen = new Map<string, { log: unknown; logLength: number; customerLog: unknown; customerLength: number }>();

  constructor() {
    this.domain = new RelayDomain({ store: this.store, config: raceConfig, newId: () => `id-${++this.#ids}`, services: relayServices() });
  }

  agentId(slot: number): string {
    return `agent:${AGENTS[slot]!.sub}`;
  }

  customerActor(slot: number): Actor | undefined {
    const id = this.customerIds[slot];
    return id && this.store.customer(id) ? { role: 'customer', id } : undefined;
  }

  agentActor(slot: number): Actor {
    return { role: 'agent', id: this.agentId(slot) };
  }

  /** A new tab of the customer says hello with the resume token the site's other tabs share (W7). */
  openTab(slot: number): void {
    const { actor, effects } = this.domain.connectCustomer(this.tokens[slot], this.now);
    const socket = this.view.open(actor.id);
    this.customerIds[slot] = actor.id;
    for (const effect of effects) {
      if (effect.kind === 'send' && effect.event.type === 'welcome' && effect.event.resumeToken) this.tokens[slot] = effect.event.resumeToken;
    }
    this.#apply(effects, socket);
    this.check(`tab of customer ${slot} opened`);
  }

  /**
   * An agent's page connects with a token signed now; the transport refuses it after a removal.
   * A `narrow` token allows only the first of the agent's queues, as when the integrator takes some away.
   */
  connectAgent(slot: number, narrow = false): boolean {
    const profile = AGENTS[slot]!;
    const iat = Math.floor(this.now / 1000);
    if (this.domain.isRemoved(profile.sub, iat)) return false;
    const claims: AgentClaims = {
      sub: profile.sub,
      name: `Agent ${profile.sub}`,
      roles: profile.operator ? ['agent', 'operator'] : ['agent'],
      queues: narrow ? [profile.allowed[0] === '*' ? SUPPORT : profile.allowed[0]!] : profile.allowed,
      exp: iat + 8 * 3600,
      iat,
      ...(profile.maxConversations ? { maxConversations: profile.maxConversations } : {}),
    };
    const { actor, effects } = this.domain.connectAgent(claims, this.now);
    this.view.open(actor.id);
    this.#apply(effects);
    this.check(`agent ${profile.sub} connected`);
    return true;
  }

  /** One of the holder's sockets closes; the last one starts their grace period. */
  closeSocket(actor: Actor, index: number): boolean {
    const sockets = this.view.socketsOf(actor.id);
    const socket = sockets[index % Math.max(1, sockets.length)];
    if (!socket) return false;
    this.#close(actor, socket);
    this.check(`a socket of ${actor.id} closed`);
    return true;
  }

  #close(actor: Actor, socket: ViewSocket): void {
    if (this.view.close(socket)) this.#apply(this.domain.disconnect(actor, this.now));
  }

  connected(actor: Actor): boolean {
    return this.view.socketsOf(actor.id).length > 0;
  }

  /**
   * Sends a command from one of the actor's sockets; undefined when none is open, since nothing
   * could send it. A refusal must carry a protocol error code and leave the store as it was.
   */
  command(actor: Actor, input: Input): Reply | undefined {
    if (!this.connected(actor)) return undefined;
    const id = `cmd-${++this.#commandIds}`;
    const before = storeDigest(this.store);
    const effects = this.domain.handle(actor, { ...input, id } as Command, this.now);
    const [first] = effects;
    const what = `${actor.id} ${JSON.stringify({ ...input, id })}`;
    assert.ok(
      first?.kind === 'send' && first.to === actor.id && (first.event.type === 'ack' || first.event.type === 'error') && first.event.id === id,
      `the first effect of ${what} answers it: ${JSON.stringify(first)}`,
    );
    this.counts.commands++;
    const event = first.event as ServerMessage & { type: 'ack' | 'error' };
    let reply: Reply;
    if (event.type === 'error') {
      this.counts.refusals++;
      this.counts.codes.set(event.code, (this.counts.codes.get(event.code) ?? 0) + 1);
      assert.ok((errorCodes as readonly string[]).includes(event.code), `${what} was refused with "${event.code}", which is no protocol error code`);
      assert.equal(effects.length, 1, `refused ${what} (${event.code}) had other effects: ${JSON.stringify(effects.slice(1))}`);
      assert.equal(storeDigest(this.store), before, `refused ${what} (${event.code}) changed the relay's state`);
      reply = { code: event.code };
    } else {
      this.counts.acks++;
      this.counts.acked.set(input.type, (this.counts.acked.get(input.type) ?? 0) + 1);
      reply = { code: 'ack', ack: event };
    }
    this.#apply(effects);
    this.check(what);
    return reply;
  }

  /** The clock moves and the relay's once-a-second tick runs: offers, requests and grace periods expire. */
  advance(ms: number): void {
    this.now += ms;
    this.counts.ticks++;
    this.#apply(this.domain.tick(this.now));
    this.check(`${ms} ms passed`);
  }

  /** An operator's action through the admin API. */
  admin(label: string, action: (ctx: DomainContext) => AdminResult): AdminResult {
    const result = this.domain.admin(this.now, action);
    if (result.ok) this.#apply(result.effects);
    this.check(label);
    return result;
  }

  queueConfig(id: string): QueueConfig {
    return raceConfig.queues.find((q) => q.id === id)!;
  }

  #apply(effects: readonly Effect[], newSocket?: ViewSocket): void {
    this.view.apply(effects, newSocket);
    for (const effect of effects) {
      if (effect.kind !== 'disconnect') continue;
      const actor: Actor = { role: 'agent', id: effect.who };
      for (const socket of this.view.socketsOf(effect.who)) this.#close(actor, socket);
    }
  }

  /** Every invariant, after the step named `after`; remembers the ids the relay made. */
  check(after: string): void {
    for (const c of this.store.conversations()) this.known.conversations.add(c.id);
    for (const o of this.store.offers()) this.known.offers.add(o.id);
    for (const r of this.store.requests()) this.known.requests.add(r.id);
    const breaks = [...storeBreaks(this.store), ...this.view.breaks.splice(0), ...this.#streamBreaks(), ...this.#socketBreaks()];
    if (breaks.length) assert.fail(`after ${after}:\n  ${breaks.join('\n  ')}`);
  }

  /** Streams only grow: what a client once received is never renumbered or taken back. */
  #streamBreaks(): string[] {
    const breaks: string[] = [];
    for (const c of this.store.conversations()) {
      const seen = this.#seen.get(c.id);
      if (seen && (c.log.length < seen.logLength || c.log[seen.logLength - 1] !== seen.log || c.customerLog.length < seen.customerLength || c.customerLog[seen.customerLength - 1] !== seen.customerLog)) {
        breaks.push(`the streams of ${c.id} changed behind the last event clients had`);
      }
      this.#seen.set(c.id, { log: c.log.at(-1), logLength: c.log.length, customerLog: c.customerLog.at(-1), customerLength: c.customerLog.length });
    }
    return breaks;
  }

  /** Each socket listens only to live conversations its holder is in, and holds all of each. */
  #socketBreaks(): string[] {
    const breaks: string[] = [];
    for (const socket of this.view.sockets) {
      for (const topic of socket.topics) {
        if (topic.startsWith('queue:')) continue;
        const id = topic.slice(topic.indexOf(':') + 1);
        const conversation = this.store.conversation(id);
        if (!conversation || conversation.ended || !isIn(conversation, socket.holder) || this.view.topicOf(socket, id) !== topic) {
          breaks.push(`socket ${socket.id} of ${socket.holder} still listens to ${topic}`);
          continue;
        }
        const held = socket.held.get(id) ?? 0;
        const length = streamOf(conversation, socket.holder).length;
        if (held !== length) breaks.push(`socket ${socket.id} of ${socket.holder} holds ${held} of the ${length} events of ${id}`);
      }
    }
    return breaks;
  }
}

const isIn = (conversation: Conversation, who: string) => conversation.customer === who || conversation.agent === who || conversation.guests.has(who);
