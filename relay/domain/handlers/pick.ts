import type { Command } from '../../../protocol/index.js';
import { capacityIn, loadOf } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { startConversation } from '../conversation-start.js';
import { withdrawOffersOf } from '../offers.js';
import { logQueue, ref } from '../queue-log.js';
import { queueChanged } from '../queue-updates.js';

/**
 * An agent takes the next customer in line, or the one named (Q6 pick). Allowed in offer queues
 * too, and while away: a customer on offer to someone else is taken from that offer.
 */
export function pick(ctx: HandlerContext, command: Command<'pick'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents pick customers');
  if (!agent.signedIn || !agent.queues.includes(command.queue)) {
    return refuse('not-signed-in', `sign in to the queue "${command.queue}" before picking from it`);
  }
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  const capacity = capacityIn(ctx.store, agent, command.queue);
  if (agent.conversations.size >= capacity) return refuse('at-capacity', `you already have ${capacity} conversations, the most allowed at once`);
  const customerId = command.customer ?? queue.waiting.find((id) => ctx.store.customer(id)?.waiting?.offer === undefined) ?? queue.waiting[0];
  if (customerId === undefined) return refuse('queue-empty', 'nobody is waiting in this queue');
  const customer = ctx.store.customer(customerId);
  if (!customer?.waiting || customer.waiting.queue !== command.queue) {
    return refuse('customer-unavailable', 'that customer is no longer waiting; another agent may have taken them');
  }
  // A pending offer holds a place (Q6), unless it is for this very customer: then the pick is the accept.
  const ownOffer = agent.offer !== undefined && agent.offer === customer.waiting.offer;
  if (!ownOffer && loadOf(agent) >= capacity) {
    return refuse('at-capacity', `your conversations and the customer offered to you fill your ${capacity} places; answer the offer first`);
  }
  const effects = withdrawOffersOf(ctx, customer.waiting, 'taken');
  logQueue(queue, { at: ctx.now, kind: 'picked', agent: ref(agent), customer: ref(customer) });
  const started = startConversation(ctx, queue, customer, agent);
  effects.push(...started.effects, ...queueChanged(ctx.store, command.queue));
  return done(effects, started.id);
}
