import type { Person } from '../../../protocol/index.js';
import type { HandlerContext, Outcome } from '../context.js';
import { isParticipant } from '../conversation-log.js';
import { mayServe } from '../agents.js';
import type { Conversation, Queue } from '../model.js';

export type Found = { ok: true; conversation: Conversation } | Extract<Outcome, { ok: false }>;

/** The conversation, if the sender takes part in it now. */
export function participantOf(ctx: HandlerContext, conversationId: string): Found {
  const conversation = ctx.store.conversation(conversationId);
  if (!conversation) return { ok: false, code: 'conversation-unknown', message: 'there is no such conversation' };
  if (!isParticipant(conversation, ctx.actor.id)) {
    return { ok: false, code: 'not-participant', message: 'you are not a participant of this conversation' };
  }
  return { ok: true, conversation };
}

/** The conversation, if the sender is the agent who owns it and it is still going on. */
export function ownedBy(ctx: HandlerContext, conversationId: string): Found {
  const found = participantOf(ctx, conversationId);
  if (!found.ok) return found;
  if (found.conversation.agent !== ctx.actor.id) {
    return { ok: false, code: 'forbidden', message: 'only the agent who owns the conversation can do this' };
  }
  if (found.conversation.ended) return { ok: false, code: 'conversation-ended', message: 'this conversation has ended' };
  return found;
}

export function personOf(ctx: HandlerContext, id = ctx.actor.id): Person {
  const agent = ctx.store.agent(id);
  if (agent) return { id, name: agent.name, role: 'agent' };
  return { id, name: ctx.store.customer(id)?.name ?? '', role: 'customer' };
}

/** The queue, if it exists and the sender's token allows it. */
export function allowedQueue(ctx: HandlerContext, id: string): { ok: true; queue: Queue } | Extract<Outcome, { ok: false }> {
  const queue = ctx.store.queue(id);
  if (!queue) return { ok: false, code: 'queue-unknown', message: `there is no queue "${id}"` };
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent || !mayServe(agent, queue.config.id)) return { ok: false, code: 'queue-not-allowed', message: `your token does not allow the queue "${id}"` };
  return { ok: true, queue };
}
