/**
 * Routing cost in the pure domain (RelayDomain + MemoryRelayStore, no sockets): the time of a
 * customer's join, an agent's pick and a chat message while `agents` agents serve an offer queue
 * and a pick queue with `waiting` customers in each, and of the functions they call. Each
 * operation's effects are also serialized as SocketRegistry.apply would (JSON.stringify per
 * effect), since that is work the relay does for every change.
 */
import { nanoid } from 'nanoid';
import { parseConfig } from '../../relay/config.js';
import type { DomainContext } from '../../relay/domain/context.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor, Customer } from '../../relay/domain/model.js';
import { routeOffers } from '../../relay/domain/offers.js';
import { queueChanged, queueSnapshot } from '../../relay/domain/queue-updates.js';
import { RelayDomain } from '../../relay/domain/relay-domain.js';
import { MemoryRelayStore } from '../../relay/domain/store.js';
import { summarize, type Summary } from '../lib/stats.js';
import { relayServices } from '../../relay/auth/relay-services.js';

export interface RoutingFigure {
  operation: string;
  waiting: number;
  /** Domain time, ms. */
  domainMs: Summary;
  /** Domain time plus serializing its effects, ms. */
  totalMs: Summary;
  effects: number;
  bytes: number;
}

const OFFER = 'offer-q';
const PICK = 'pick-q';

function world(agentCount: number, waiting: number) {
  const config = parseConfig({
    secret: 'routing-bench-secret-routing-bench-secret',
    queues: [
      { id: OFFER, name: 'Offers', routing: 'offer', offerTimeoutSeconds: 600, maxConversationsPerAgent: 50, alertAfterSeconds: 0 },
      { id: PICK, name: 'Picks', routing: 'pick', maxConversationsPerAgent: 50, alertAfterSeconds: 0 },
    ],
  });
  const store = new MemoryRelayStore(config.queues);
  const services = relayServices();
  const domain = new RelayDomain({ store, config, newId: nanoid, services });
  let now = 1_700_000_000_000;
  const agents: Actor[] = [];
  for (let i = 0; i < agentCount; i++) {
    const claims = { sub: `a${i}`, name: `Agent ${i}`, roles: ['agent' as const], queues: ['*'], exp: 2e9 };
    const { actor } = domain.connectAgent(claims, now);
    domain.handle(actor, { type: 'sign-in', id: `s${i}`, queues: [OFFER, PICK] }, now);
    agents.push(actor);
  }
  // Customers are put in line directly, as join would (joining them one by one costs O(n²)).
  const addWaiting = (queue: string) => {
    const customer: Customer = { id: nanoid(), name: `Customer ${store.sizes.customers}`, resumeToken: nanoid(), history: [] };
    store.addCustomer(customer);
    customer.waiting = { queue, joinedAt: now++, declinedBy: new Map(), preview: { id: nanoid(), text: 'My invoice looks wrong, can you check it?' } };
    store.queue(queue)!.waiting.push(customer.id);
  };
  for (let i = 0; i < waiting; i++) addWaiting(OFFER);
  for (let i = 0; i < waiting; i++) addWaiting(PICK);
  // Offers as routeOffers makes them: the first in line, one per agent, all agents busy with one.
  const offerQueue = store.queue(OFFER)!;
  offerQueue.waiting.slice(0, agentCount).forEach((customerId, i) => {
    const offer = { id: nanoid(), queue: OFFER, customer: customerId, agent: agents[i]!.id, expiresAt: now + 600_000 };
    store.addOffer(offer);
    store.customer(customerId)!.waiting!.offer = offer.id;
    store.agent(agents[i]!.id)!.offer = offer.id;
  });
  const ctx = (): DomainContext => ({ store, config, now, newId: nanoid, services });
  return { store, domain, agents, addWaiting, ctx, tick: () => now++ };
}

function serialize(effects: readonly Effect[]): number {
  let bytes = 0;
  for (const effect of effects) if (effect.kind === 'send' || effect.kind === 'publish') bytes += JSON.stringify(effect.event).length;
  return bytes;
}

/** Runs `operation` `reps` times (after `restore` each time), timing it and the serialization of its effects. */
function time(name: string, waiting: number, reps: number, operation: () => Effect[], restore: () => void): RoutingFigure {
  const domain: number[] = [];
  const total: number[] = [];
  let effects = 0;
  let bytes = 0;
  for (let i = 0; i < reps + 1; i++) {
    const started = performance.now();
    const out = operation();
    const ran = performance.now();
    bytes = serialize(out);
    const done = performance.now();
    effects = out.length;
    restore();
    if (i === 0) continue; // warm-up
    domain.push(ran - started);
    total.push(done - started);
  }
  return { operation: name, waiting, domainMs: summarize(domain), totalMs: summarize(total), effects, bytes };
}

export function routingCost(agentCount: number, waitingSizes: number[], reps: number): RoutingFigure[] {
  const figures: RoutingFigure[] = [];
  for (const waiting of waitingSizes) {
    const w = world(agentCount, waiting);
    const { store, domain } = w;
    let agentTurn = 0;
    const nextAgent = () => w.agents[agentTurn++ % w.agents.length]!;

    for (const queue of [OFFER, PICK]) {
      let joined: Actor | undefined;
      figures.push(
        time(`join (${queue === OFFER ? 'offer' : 'pick'} queue)`, waiting, reps, () => {
          joined = domain.connectCustomer(undefined, w.tick()).actor;
          return domain.handle(joined, { type: 'join', id: nanoid(), queue, name: 'New customer' }, w.tick());
        }, () => {
          const customer = store.customer(joined!.id)!;
          store.queue(queue)!.waiting.pop();
          delete customer.waiting;
          store.removeCustomer(customer.id);
        }),
      );
      figures.push(
        time(`pick next (${queue === OFFER ? 'offer' : 'pick'} queue)`, waiting, reps, () => {
          const effects = domain.handle(nextAgent(), { type: 'pick', id: nanoid(), queue }, w.tick());
          const error = effects.find((e) => e.kind === 'send' && e.event.type === 'error');
          if (error) throw new Error(`pick refused: ${JSON.stringify(error)}`);
          return effects;
        }, () => w.addWaiting(queue)),
      );
    }

    // A chat message in a conversation, while the queues are full.
    const agent = nextAgent();
    const picked = domain.handle(agent, { type: 'pick', id: nanoid(), queue: PICK }, w.tick());
    w.addWaiting(PICK);
    const conversation = picked.find((e) => e.kind === 'send' && e.event.type === 'ack')!;
    const conversationId = conversation.kind === 'send' && conversation.event.type === 'ack' ? conversation.event.conversation! : '';
    figures.push(time('chat message (send)', waiting, reps, () => domain.handle(agent, { type: 'send', id: nanoid(), conversation: conversationId, text: 'Let me check that for you.' }, w.tick()), () => {}));

    // The functions behind them.
    const offerQueue = store.queue(OFFER)!;
    figures.push(time('queueSnapshot (one queue)', waiting, reps, () => [{ kind: 'publish', topic: `queue:${OFFER}`, event: { type: 'queue', queue: queueSnapshot(store, offerQueue) } }], () => {}));
    figures.push(time('queueChanged (snapshot + every place in line)', waiting, reps, () => queueChanged(store, OFFER), () => {}));
    figures.push(time('routeOffers (nothing to offer)', waiting, reps, () => routeOffers(w.ctx()), () => {}));
  }
  return figures;
}
