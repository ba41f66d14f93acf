import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { append, endConversation, streamOf } from '../conversation-log.js';
import { send } from '../effects.js';
import { redactForQueue } from '../redaction.js';
import { attachFiles } from '../files.js';
import { typingEnded } from '../typing.js';
import { participantOf, personOf } from './participants.js';
import { recordWrapUp, validWrapUp } from './wrap-up.js';

export function sendMessage(ctx: HandlerContext, command: Command<'send'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  if (command.private && ctx.actor.role !== 'agent') return refuse('forbidden', 'only agents write private messages');
  if (command.choices && ctx.actor.role !== 'agent') return refuse('forbidden', 'only agents send choice menus');
  if (command.choices && command.private) return refuse('forbidden', 'a choice menu is for the customer: it cannot be private');
  const conversation = found.conversation;
  const text = redactForQueue(ctx.store.queue(conversation.queue), ctx.actor.role, command.text);
  const seen = conversation.messageIds.get(command.id);
  if (seen) {
    if (seen.author === ctx.actor.id && seen.text === text) return done([], command.conversation);
    return refuse('duplicate-id', 'this command id was already used for another message');
  }
  if (conversation.ended) return refuse('conversation-ended', 'this conversation has ended');
  const attached = command.attachments ? attachFiles(ctx, conversation, command.attachments, command.id, !!command.private) : { ok: true as const, files: [] };
  if (!attached.ok) return attached;
  conversation.messageIds.set(command.id, { author: ctx.actor.id, text });
  if (command.choices) conversation.choices.set(command.id, { options: command.choices });
  const message = {
    type: 'message' as const,
    messageId: command.id,
    author: personOf(ctx),
    text,
    ...(attached.files.length ? { attachments: attached.files } : {}),
    ...(command.choices ? { choices: command.choices } : {}),
  };
  const effects = command.private
    ? append(conversation, { ...message, private: true as const }, ctx.now, 'agents')
    : append(conversation, message, ctx.now);
  typingEnded(conversation, ctx.actor.id);
  return done(effects, command.conversation);
}

/** The customer answers a choice menu: the option becomes their message, and the menu takes no other answer (C6). */
export function choose(ctx: HandlerContext, command: Command<'choose'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const conversation = found.conversation;
  if (ctx.actor.id !== conversation.customer) return refuse('forbidden', 'only the customer answers a choice menu');
  const menu = conversation.choices.get(command.message);
  const option = menu?.options[command.option];
  if (!menu || option === undefined) return refuse('choice-unknown', 'there is no such choice menu or option');
  const seen = conversation.messageIds.get(command.id);
  if (seen) return seen.author === ctx.actor.id && seen.text === option ? done([], conversation.id) : refuse('duplicate-id', 'this command id was already used for another message');
  if (menu.answer !== undefined) return refuse('choice-answered', 'this question was already answered');
  if (conversation.ended) return refuse('conversation-ended', 'this conversation has ended');
  menu.answer = command.option;
  conversation.messageIds.set(command.id, { author: ctx.actor.id, text: option });
  const message = { type: 'message' as const, messageId: command.id, author: personOf(ctx), text: option, answers: { message: command.message, option: command.option } };
  return done(append(conversation, message, ctx.now), conversation.id);
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
