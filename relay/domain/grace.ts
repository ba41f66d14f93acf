import type { DomainContext } from './context.js';
import { endConversation } from './conversation-log.js';
import type { Effect } from './effects.js';
import { signOutAgent } from './handlers/agent-presence.js';
import { endInvitation } from './handlers/proactive.js';
import type { Customer } from './model.js';
import { withdrawOffersOf } from './offers.js';
import { logQueue, ref } from './queue-log.js';
import { queueChanged, removeFromQueue } from './queue-updates.js';
import { statsAt, waitedMs } from './stats/queue-stats.js';

/** Participants whose sockets have been gone longer than their grace (W7). */
export function expireGrace(ctx: DomainContext): Effect[] {
  const { config } = ctx;
  const effects: Effect[] = [];
  for (const customer of [...ctx.store.customers()]) {
    if (customer.disconnectedAt !== undefined && ctx.now - customer.disconnectedAt >= config.customerGraceSeconds * 1000) {
      effects.push(...customerGone(ctx, customer));
    }
  }
  for (const agent of ctx.store.agents()) {
    if (agent.signedIn && agent.disconnectedAt !== undefined && ctx.now - agent.disconnectedAt >= config.agentGraceSeconds * 1000) {
      effects.push(...signOutAgent(ctx, agent));
    }
  }
  return effects;
}

/** The customer is gone for good: out of the line, or their conversation ends; their transcripts stay as recent ones. */
function customerGone(ctx: DomainContext, customer: Customer): Effect[] {
  const effects: Effect[] = [];
  if (customer.waiting) {
    const queueId = customer.waiting.queue;
    const queue = ctx.store.queue(queueId);
    effects.push(...withdrawOffersOf(ctx, customer.waiting, 'customer-left'));
    if (queue) {
      removeFromQueue(queue, customer.id);
      logQueue(queue, { at: ctx.now, kind: 'gone', customer: ref(customer) });
      ctx.store.stats.abandoned(statsAt(ctx, queue), waitedMs(ctx, customer.waiting));
    }
    delete customer.waiting;
    effects.push(...queueChanged(ctx.store, queueId));
  }
  const active = customer.conversation ? ctx.store.conversation(customer.conversation) : undefined;
  if (active && !active.ended) effects.push(...endConversation(ctx, active, 'customer-gone'));
  effects.push(...endInvitation(customer, 'gone'));
  ctx.store.removeCustomer(customer.id);
  return effects;
}
