import type { OfferEvent, ServerEvent } from '../../protocol/index.js';
import { agentStateEvent, capacityIn, loadOf } from './agents.js';
import type { DomainContext } from './context.js';
import { send, type Effect } from './effects.js';
import type { Agent, Customer, Offer, Queue, Waiting } from './model.js';
import { logQueue, ref } from './queue-log.js';
import { agentQueuesChanged, moveToFront, queueChanged } from './queue-updates.js';
import { countedAgent, statsAt } from './stats/queue-stats.js';

type WithdrawReason = ServerEvent<'offer-withdrawn'>['reason'];

/**
 * Offers waiting customers of `offer` queues to agents (Q6): first in line first, each to the
 * available, connected agent with free capacity who has been idle longest (fewest conversations
 * first, then longest since they last became free) and has no offer pending. An agent who rejected or missed a customer is not offered that customer again until
 * the queue's offer timeout has passed.
 */
export function routeOffers(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  for (const queue of ctx.store.queues()) {
    if (queue.config.routing !== 'offer') continue;
    const cooldown = queue.config.offerTimeoutSeconds * 1000;
    for (const customerId of queue.waiting) {
      const customer = ctx.store.customer(customerId);
      const waiting = customer?.waiting;
      if (!customer || !waiting || waiting.offer) continue;
      const free = [...queue.agents]
        .map((id) => ctx.store.agent(id))
        .filter((agent): agent is Agent => !!agent && isOfferable(ctx, agent, queue));
      if (free.length === 0) break;
      const willing = free.filter((agent) => ctx.now - (waiting.declinedBy.get(agent.id) ?? -Infinity) >= cooldown);
      // Agents without conversations first: a busy agent has not been idle, however early it signed in.
      const agent = willing.sort(
        (a, b) => a.conversations.size - b.conversations.size || a.idleSince - b.idleSince || a.id.localeCompare(b.id),
      )[0];
      if (!agent) continue;
      const offer: Offer = { id: ctx.newId(), queue: queue.config.id, customer: customer.id, agent: agent.id, expiresAt: ctx.now + cooldown };
      ctx.store.addOffer(offer);
      waiting.offer = offer.id;
      agent.offer = offer.id;
      logQueue(queue, { at: ctx.now, kind: 'offered', agent: ref(agent), customer: ref(customer) });
      ctx.store.stats.offered(statsAt(ctx, queue), ref(agent));
      effects.push(
        send(agent.id, { type: 'offer', offer: offerOf(offer, customer, waiting) }),
        ...queueChanged(ctx.store, queue.config.id, false),
      );
    }
  }
  return effects;
}

function isOfferable(ctx: DomainContext, agent: Agent, queue: Queue): boolean {
  return (
    agent.signedIn &&
    agent.presence === 'available' &&
    agent.disconnectedAt === undefined &&
    !agent.offer &&
    loadOf(agent) < capacityIn(ctx.store, agent, queue.config.id)
  );
}

/** Ends a pending offer: the customer stays first in line, the agent hears why. */
export function withdrawOffer(ctx: DomainContext, offer: Offer, reason: WithdrawReason): Effect[] {
  ctx.store.removeOffer(offer.id);
  const agent = ctx.store.agent(offer.agent);
  const customer = ctx.store.customer(offer.customer);
  const queue = ctx.store.queue(offer.queue);
  if (agent?.offer === offer.id) delete agent.offer;
  const effects: Effect[] = [send(offer.agent, { type: 'offer-withdrawn', offer: offer.id, reason })];
  if (customer?.waiting?.offer === offer.id && queue) {
    delete customer.waiting.offer;
    if (reason === 'rejected' || reason === 'timeout') {
      customer.waiting.declinedBy.set(offer.agent, ctx.now);
      moveToFront(queue, customer.id);
      if (agent) logQueue(queue, { at: ctx.now, kind: reason === 'timeout' ? 'timed-out' : 'rejected', agent: ref(agent), customer: ref(customer) });
      if (reason === 'timeout') ctx.store.stats.timedOut(statsAt(ctx, queue), countedAgent(ctx, offer.agent));
      else ctx.store.stats.rejected(statsAt(ctx, queue), countedAgent(ctx, offer.agent));
    }
    effects.push(...queueChanged(ctx.store, queue.config.id));
  }
  return effects;
}

/** Offers past their time: the agent turns no-answer (RONA) and the customer goes to the next agent. */
export function expireOffers(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  for (const offer of [...ctx.store.offers()]) {
    if (offer.expiresAt > ctx.now) continue;
    effects.push(...withdrawOffer(ctx, offer, 'timeout'));
    const agent = ctx.store.agent(offer.agent);
    if (agent?.signedIn) {
      agent.presence = 'no-answer';
      effects.push(send(agent.id, agentStateEvent(ctx.store, agent)), ...agentQueuesChanged(ctx.store, agent.queues));
    }
  }
  return effects;
}

/** Withdraws whatever offer involves this agent or customer, e.g. when they leave. */
export function withdrawOffersOf(ctx: DomainContext, who: { offer?: string } | undefined, reason: WithdrawReason): Effect[] {
  const offer = who?.offer ? ctx.store.offer(who.offer) : undefined;
  return offer ? withdrawOffer(ctx, offer, reason) : [];
}

/** What the agent is told of an offer (C1): who, from which queue, what they wrote, and a video chat as such (V3). */
export function offerOf(offer: Offer, customer: Customer, waiting: Waiting): OfferEvent['offer'] {
  return {
    id: offer.id,
    queue: offer.queue,
    customer: ref(customer),
    ...(waiting.preview ? { preview: waiting.preview.text } : {}),
    ...(waiting.media === 'video' ? { media: 'video' as const } : {}),
    ...(waiting.proactive ? { proactive: true as const } : {}),
    joinedAt: waiting.joinedAt,
    expiresAt: offer.expiresAt,
  };
}
