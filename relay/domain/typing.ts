import type { Command } from '../../protocol/index.js';
import { done, type HandlerContext, type Outcome } from './context.js';
import { agentsTopic, customerTopic, publish, type Effect } from './effects.js';
import { participantOf, personOf } from './handlers/participants.js';
import type { Conversation } from './model.js';

/** A repeated "still typing" is passed on at most this often per participant. */
export const typingRepeatMs = 2000;

/** Someone started or stopped typing: the others are told, agents-only when the message will be private. */
export function typing(ctx: HandlerContext, command: Command<'typing'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const conversation = found.conversation;
  if (conversation.ended) return done([], conversation.id);
  const last = conversation.typing.get(ctx.actor.id);
  const unchanged = last && last.typing === command.typing;
  if (unchanged && (!command.typing || ctx.now - last.at < typingRepeatMs)) return done([], conversation.id);
  conversation.typing.set(ctx.actor.id, { typing: command.typing, at: ctx.now });
  const event = { type: 'typing' as const, conversation: conversation.id, who: personOf(ctx), typing: command.typing };
  const toCustomer = ctx.actor.role === 'agent' && !(command.private && command.typing);
  const effects: Effect[] = [publish(agentsTopic(conversation.id), event)];
  if (toCustomer) effects.push(publish(customerTopic(conversation.id), event));
  return done(effects, conversation.id);
}

/** A sent message ends its author's typing: the message tells the others, and the next keystroke is news again. */
export function typingEnded(conversation: Conversation, who: string): void {
  const last = conversation.typing.get(who);
  if (last?.typing) conversation.typing.set(who, { typing: false, at: last.at });
}
