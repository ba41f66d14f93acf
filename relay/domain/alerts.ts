import type { DomainContext } from './context.js';
import { send, type Effect } from './effects.js';
import { ref } from './queue-log.js';

/** Customers waiting past their queue's threshold: each alerts the queue's available agents once (Q7). */
export function alertLongWaits(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  for (const queue of ctx.store.queues()) {
    const threshold = queue.config.alertAfterSeconds * 1000;
    if (threshold === 0) continue;
    for (const customerId of queue.waiting) {
      const customer = ctx.store.customer(customerId);
      const waiting = customer?.waiting;
      if (!customer || !waiting || waiting.alerted || ctx.now - waiting.joinedAt < threshold) continue;
      waiting.alerted = true;
      for (const agentId of queue.agents) {
        const agent = ctx.store.agent(agentId);
        if (agent?.signedIn && agent.presence === 'available') {
          effects.push(send(agent.id, { type: 'alert', queue: queue.config.id, customer: ref(customer), joinedAt: waiting.joinedAt }));
        }
      }
    }
  }
  return effects;
}
