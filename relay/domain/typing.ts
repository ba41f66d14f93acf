import type { Command } from '../../protocol/index.js';
import { done, type HandlerContext, type Outcome } from './context.js';
import { agentsTopic, customerTopic, publish, type Effect } from './effects.js';
import { participantOf, personOf } from './handlers/participants.js';
import type { Conversation } from './model.js';

/** A repeated "still typing" is passed on at most this often per participant. */
export const typingRepeatMs = 2000;

/**
 * Someone started or stopped typing: the others are told. An agent typing privately is shown to
 * agents only; the customer hears nothing of it, except that typing they were shown has stopped.
 */
export function typing(ctx: HandlerContext, command: Command<'typing'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const conversation = found.conversation;
  if (conversation.ended) return done([], conversation.id);
  // Privacy matters only while typing: a stop is a stop, whichever composer it came from.
  const privately = ctx.actor.role === 'agent' && command.typing && !!command.private;
  const last = conversation.typing.get(ctx.actor.id);
  // Turning private or public is news at once: it changes what the customer sees.
  const unchanged = last && last.typing === command.typing && !!last.private === privately;
  if (unchanged && (!command.typing || ctx.now - last.at < typingRepeatMs)) return done([], conversation.id);
  conversation.typing.set(ctx.actor.id, { typing: command.typing, at: ctx.now, ...(privately ? { private: true } : {}) });
  const event = { type: 'typing' as const, conversation: conversation.id, who: personOf(ctx), typing: command.typing };
  const effects: Effect[] = [publish(agentsTopic(conversation.id), event)];
  if (ctx.actor.role === 'agent') {
    const shownToCustomer = !!last?.typing && !last.private;
    if (command.typing && !privately) effects.push(publish(customerTopic(conversation.id), event));
    else if (shownToCustomer) effects.push(publish(customerTopic(conversation.id), { ...event, typing: false }));
  }
  return done(effects, conversation.id);
}

/** A sent message ends its author's typing: the message tells the others, and the next keystroke is news again. */
export function typingEnded(conversation: Conversation, who: string): void {
  const last = conversation.typing.get(who);
  if (last?.typing) conversation.typing.set(who, { typing: false, at: last.at });
}
