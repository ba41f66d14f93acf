import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { endConversation } from '../conversation-log.js';
import { logQueue, ref } from '../queue-log.js';
import { moveToFront, queueChanged } from '../queue-updates.js';

/** The agent hands the customer back: the conversation ends for the agent, the customer waits first in line (C11). */
export function release(ctx: HandlerContext, command: Command<'release'>): Outcome {
  const conversation = ctx.store.conversation(command.conversation);
  if (!conversation) return refuse('conversation-unknown', 'there is no such conversation');
  if (conversation.agent !== ctx.actor.id) return refuse('not-participant', 'only the agent serving this conversation can release it');
  if (conversation.ended) return refuse('conversation-ended', 'this conversation has already ended');
  const agent = ctx.store.agent(conversation.agent)!;
  const customer = ctx.store.customer(conversation.customer);
  const queue = ctx.store.queue(conversation.queue);
  const effects = endConversation(ctx, conversation, 'released', { id: agent.id, name: agent.name, role: 'agent' });
  agent.idleSince = ctx.now;
  if (customer && queue) {
    customer.waiting = {
      queue: queue.config.id,
      joinedAt: conversation.joinedAt,
      backInLineAt: ctx.now,
      declinedBy: new Map([[agent.id, ctx.now]]),
      // A video chat waits again as one: the next agent's conversation starts with its call (V3).
      ...(conversation.media === 'video' ? { media: 'video' as const } : {}),
    };
    moveToFront(queue, customer.id);
    logQueue(queue, { at: ctx.now, kind: 'released', agent: ref(agent), customer: ref(customer) });
    effects.push(...queueChanged(ctx.store, queue.config.id));
  }
  return done(effects, conversation.id);
}
