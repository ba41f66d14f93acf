import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { append, endConversation, streamOf } from '../conversation-log.js';
import { send } from '../effects.js';
import { redactForQueue } from '../redaction.js';
import { participantOf, personOf } from './participants.js';
import { recordWrapUp, validWrapUp } from './wrap-up.js';

export function sendMessage(ctx: HandlerContext, command: Command<'send'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  if (command.private && ctx.actor.role !== 'agent') return refuse('forbidden', 'only agents write private messages');
  const conversation = found.conversation;
  const text = redactForQueue(ctx.store.queue(conversation.queue), ctx.actor.role, command.text);
  const seen = conversation.messageIds.get(command.id);
  if (seen) {
    if (seen.author === ctx.actor.id && seen.text === text) return done([], command.conversation);
    return refuse('duplicate-id', 'this command id was already used for another message');
  }
  if (conversation.ended) return refuse('conversation-ended', 'this conversation has ended');
  conversation.messageIds.set(command.id, { author: ctx.actor.id, text });
  const message = { type: 'message' as const, messageId: command.id, author: personOf(ctx), text };
  const effects = command.private
    ? append(conversation, { ...message, private: true as const }, ctx.now, 'agents')
    : append(conversation, message, ctx.now);
  return done(effects, command.conversation);
}

/** The customer or the owning agent ends the conversation; the agent may wrap up at once (C12). */
export function end(ctx: HandlerContext, command: Command<'end'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const conversation = found.conversation;
  if (conversation.ended) return refuse('conversation-ended', 'this conversation has already ended');
  if (ctx.actor.role === 'agent' && conversation.agent !== ctx.actor.id) {
    return refuse('forbidden', 'an invited agent leaves the conversation instead of ending it');
  }
  if (command.wrapUp) {
    // Wrap-ups are the agents' record (C12): a customer's would reach the CRM as an agent's.
    if (ctx.actor.role !== 'agent') return refuse('forbidden', 'only agents wrap up conversations');
    const invalid = validWrapUp(ctx, conversation, command.wrapUp);
    if (invalid) return invalid;
  }
  const reason = ctx.actor.role === 'customer' ? 'customer-ended' : 'agent-ended';
  const effects = endConversation(ctx, conversation, reason, personOf(ctx));
  if (command.wrapUp) effects.push(...recordWrapUp(ctx, conversation, command.wrapUp));
  return done(effects, command.conversation);
}

export function sync(ctx: HandlerContext, command: Command<'sync'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const events = streamOf(found.conversation, ctx.actor.id).slice(command.after);
  return done([send(ctx.actor.id, { type: 'history', conversation: command.conversation, events })], command.conversation);
}
