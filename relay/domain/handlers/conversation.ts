import type { Command, Person } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { append, endConversation, eventsAfter, isParticipant } from '../conversation-log.js';
import { send } from '../effects.js';
import type { Conversation } from '../model.js';
import { redactForQueue } from '../redaction.js';

type Found = { ok: true; conversation: Conversation } | Extract<Outcome, { ok: false }>;

function participantOf(ctx: HandlerContext, conversationId: string): Found {
  const conversation = ctx.store.conversation(conversationId);
  if (!conversation) return { ok: false, code: 'conversation-unknown', message: 'there is no such conversation' };
  if (!isParticipant(conversation, ctx.actor.id)) {
    return { ok: false, code: 'not-participant', message: 'you are not a participant of this conversation' };
  }
  return { ok: true, conversation };
}

function personOf(ctx: HandlerContext): Person {
  const name = ctx.actor.role === 'agent' ? ctx.store.agent(ctx.actor.id)?.name : ctx.store.customer(ctx.actor.id)?.name;
  return { id: ctx.actor.id, name: name ?? '', role: ctx.actor.role };
}

export function sendMessage(ctx: HandlerContext, command: Command<'send'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const text = redactForQueue(ctx.store.queue(found.conversation.queue), ctx.actor.role, command.text);
  const seen = found.conversation.messageIds.get(command.id);
  if (seen) {
    if (seen.author === ctx.actor.id && seen.text === text) return done([], command.conversation);
    return refuse('duplicate-id', 'this command id was already used for another message');
  }
  if (found.conversation.ended) return refuse('conversation-ended', 'this conversation has ended');
  found.conversation.messageIds.set(command.id, { author: ctx.actor.id, text });
  const effect = append(
    found.conversation,
    { type: 'message', messageId: command.id, author: personOf(ctx), text },
    ctx.now,
  );
  return done([effect], command.conversation);
}

export function end(ctx: HandlerContext, command: Command<'end'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  if (found.conversation.ended) return refuse('conversation-ended', 'this conversation has already ended');
  const reason = ctx.actor.role === 'customer' ? 'customer-ended' : 'agent-ended';
  return done(endConversation(ctx.store, found.conversation, reason, personOf(ctx), ctx.now), command.conversation);
}

export function sync(ctx: HandlerContext, command: Command<'sync'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  const events = eventsAfter(found.conversation, command.after);
  return done([send(ctx.actor.id, { type: 'history', conversation: command.conversation, events })], command.conversation);
}
