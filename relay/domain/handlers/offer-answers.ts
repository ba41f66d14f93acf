import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { startConversation } from '../conversation-start.js';
import { withdrawOffer } from '../offers.js';
import { logQueue, ref } from '../queue-log.js';
import { queueChanged } from '../queue-updates.js';

function ownOffer(ctx: HandlerContext, id: string) {
  const offer = ctx.store.offer(id);
  return offer && offer.agent === ctx.actor.id ? offer : undefined;
}

export function accept(ctx: HandlerContext, command: Command<'accept'>): Outcome {
  const offer = ownOffer(ctx, command.offer);
  if (!offer) return refuse('offer-unknown', 'this offer is no longer open: it timed out or the customer left');
  const agent = ctx.store.agent(offer.agent)!;
  const customer = ctx.store.customer(offer.customer);
  const queue = ctx.store.queue(offer.queue);
  ctx.store.removeOffer(offer.id);
  delete agent.offer;
  if (!customer?.waiting || !queue) return refuse('customer-unavailable', 'the customer is no longer waiting');
  delete customer.waiting.offer;
  logQueue(queue, { at: ctx.now, kind: 'accepted', agent: ref(agent), customer: ref(customer) });
  const started = startConversation(ctx, queue, customer, agent);
  return done([...started.effects, ...queueChanged(ctx.store, queue.config.id)], started.id);
}

export function reject(ctx: HandlerContext, command: Command<'reject'>): Outcome {
  const offer = ownOffer(ctx, command.offer);
  if (!offer) return refuse('offer-unknown', 'this offer is no longer open: it timed out or the customer left');
  return done(withdrawOffer(ctx, offer, 'rejected'));
}
