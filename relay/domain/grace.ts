import type { RelayConfig } from '../config.js';
import type { DomainContext } from './context.js';
import { endConversation } from './conversation-log.js';
import type { Effect } from './effects.js';
import { signOutAgent } from './handlers/agent-presence.js';
import type { Customer } from './model.js';
import { withdrawOffersOf } from './offers.js';
import { logQueue, ref } from './queue-log.js';
import { queueChanged, removeFromQueue } from './queue-updates.js';

type GraceConfig = Pick<RelayConfig, 'customerGraceSeconds' | 'agentGraceSeconds'>;

/** Participants whose sockets have been gone longer than their grace (W7). */
export function expireGrace(ctx: DomainContext, config: GraceConfig): Effect[] {
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

/** The customer is gone for good: out of the line, or their conversation ends, and they are forgotten. */
function customerGone(ctx: DomainContext, customer: Customer): Effect[] {
  const effects: Effect[] = [];
  if (customer.waiting) {
    const queueId = customer.waiting.queue;
    const queue = ctx.store.queue(queueId);
    effects.push(...withdrawOffersOf(ctx, customer.waiting, 'customer-left'));
    if (queue) {
      removeFromQueue(queue, customer.id);
      logQueue(queue, { at: ctx.now, kind: 'gone', customer: ref(customer) });
    }
    delete customer.waiting;
    effects.push(...queueChanged(ctx.store, queueId));
  }
  const active = customer.conversation ? ctx.store.conversation(customer.conversation) : undefined;
  if (active && !active.ended) effects.push(...endConversation(ctx.store, active, 'customer-gone', undefined, ctx.now));
  for (const id of customer.history) {
    const conversation = ctx.store.conversation(id);
    if (conversation && !ctx.store.agent(conversation.agent)?.conversations.has(id)) ctx.store.removeConversation(id);
  }
  ctx.store.removeCustomer(customer.id);
  return effects;
}
