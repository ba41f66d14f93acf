import type { Command } from '../../../protocol/index.js';
import { capacityIn, isAvailable, loadOf } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { reopenConversation } from '../conversation-reopen.js';
import { logQueue, ref } from '../queue-log.js';
import { queueChanged } from '../queue-updates.js';

/** Ends after which the customer may come back; not after a removal, a release or a failed video chat. */
const returnable = new Set(['customer-ended', 'agent-ended']);

/**
 * The customer goes back to their ended conversation, within the queue's `returnMinutes` (W5).
 * The agent who had it carries on when available with room; else the customer waits at the front
 * of the line and whoever takes them carries the same conversation on.
 */
export function returnToChat(ctx: HandlerContext, command: Command<'return-to-chat'>): Outcome {
  const customer = ctx.store.customer(ctx.actor.id);
  const conversation = ctx.store.conversation(command.conversation);
  if (!customer || !conversation) return refuse('conversation-unknown', 'there is no such conversation');
  if (conversation.customer !== customer.id) return refuse('not-participant', 'only the conversation’s customer returns to it');
  if (!conversation.ended) return refuse('not-ended', 'this conversation is still going on');
  const queue = ctx.store.queue(conversation.queue);
  const minutes = queue?.config.returnMinutes ?? 0;
  if (!queue || !minutes) return refuse('return-not-allowed', 'this queue does not let customers return to an ended chat');
  const reason = conversation.log.findLast((e) => e.type === 'conversation-ended');
  if (reason?.type !== 'conversation-ended' || !returnable.has(reason.reason)) return refuse('return-not-allowed', 'a chat ended this way cannot be returned to');
  if (ctx.now - (conversation.endedAt ?? 0) > minutes * 60_000) return refuse('return-not-allowed', `a chat can be returned to for ${minutes} minutes after its end`);
  if (customer.waiting || customer.conversation) return refuse('already-waiting', 'you are already waiting or in a conversation');
  if (!queue.open) return refuse('queue-closed', `the queue "${queue.config.name}" is closed`);

  const agent = ctx.store.agent(conversation.agent);
  // A pending offer holds a place (Q6): taking the customer back beside it would overfill the agent once they accept.
  if (isAvailable(agent) && agent.queues.includes(queue.config.id) && loadOf(agent) < capacityIn(ctx.store, agent, queue.config.id)) {
    return done([...reopenConversation(ctx, conversation, customer, agent), ...queueChanged(ctx.store, queue.config.id, false)], conversation.id);
  }
  customer.waiting = { queue: queue.config.id, joinedAt: ctx.now, declinedBy: new Map(), returning: conversation.id };
  queue.waiting.unshift(customer.id);
  logQueue(queue, { at: ctx.now, kind: 'joined', customer: ref(customer) });
  return done(queueChanged(ctx.store, queue.config.id), conversation.id);
}
