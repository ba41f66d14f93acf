import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { record } from '../conversation-log.js';
import { webhook } from '../effects.js';
import { redactForQueue } from '../redaction.js';
import { countedAgent, statsAt } from '../stats/queue-stats.js';

/**
 * The customer rates their ended conversation (W5): counted for the agent who had it at the end
 * (Q5), kept in the organisation's log, and sent to the CRM. A resent rating is acknowledged once.
 */
export function rate(ctx: HandlerContext, command: Command<'rate'>): Outcome {
  const conversation = ctx.store.conversation(command.conversation);
  if (!conversation) return refuse('conversation-unknown', 'there is no such conversation');
  if (conversation.customer !== ctx.actor.id) return refuse('not-participant', 'only the conversation’s customer rates it');
  if (!conversation.ended) return refuse('not-ended', 'a conversation is rated after it ended');
  const queue = ctx.store.queue(conversation.queue);
  const comment = command.comment ? redactForQueue(queue, 'customer', command.comment) : undefined;
  if (conversation.rating) {
    const same = conversation.rating.stars === command.stars && conversation.rating.comment === comment;
    return same ? done([], conversation.id) : refuse('already-rated', 'this conversation was rated already');
  }
  conversation.rating = { stars: command.stars, ...(comment ? { comment } : {}) };
  if (queue) ctx.store.stats.rating(statsAt(ctx, queue), countedAgent(ctx, conversation.agent), command.stars);
  // The agents have left the conversation's topic by now: the rating goes into their log for the record.
  record(conversation, { type: 'rated', stars: command.stars, ...(comment ? { comment } : {}) }, ctx.now, 'agents');
  const payload = { conversation: conversation.id, queue: conversation.queue, agent: { id: conversation.agent, name: ctx.store.agent(conversation.agent)?.name ?? '' }, stars: command.stars, ...(comment ? { comment } : {}), at: ctx.now };
  return done([webhook('conversation.rated', payload)], conversation.id);
}
