import type { Command } from '../../../protocol/index.js';
import { startCall } from '../calls.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { append } from '../conversation-log.js';
import { send } from '../effects.js';
import type { Conversation } from '../model.js';
import { ownedBy, participantOf, personOf, type Found } from './participants.js';

/** The conversation, if the sender is one of the call's two parties: its customer or its owner. */
function callParty(ctx: HandlerContext, conversationId: string): Found {
  const found = participantOf(ctx, conversationId);
  if (!found.ok) return found;
  const { conversation } = found;
  if (ctx.actor.id !== conversation.customer && ctx.actor.id !== conversation.agent) {
    return { ok: false, code: 'forbidden', message: 'only the customer and the agent who owns the conversation take part in its call' };
  }
  if (conversation.ended) return { ok: false, code: 'conversation-ended', message: 'this conversation has ended' };
  return found;
}

const otherParty = (conversation: Conversation, who: string) => (who === conversation.customer ? conversation.agent : conversation.customer);

/** The owner asks the customer to switch to video (V1). */
export function callStart(ctx: HandlerContext, command: Command<'call-start'>): Outcome {
  const found = ownedBy(ctx, command.conversation);
  if (!found.ok) return found;
  const { conversation } = found;
  if (conversation.call) return refuse('call-active', 'a video call is already asked for or going on');
  conversation.call = { state: 'asked', connected: false };
  return done(append(conversation, { type: 'call', state: 'asked', by: personOf(ctx) }, ctx.now), conversation.id);
}

/** The customer accepts (both open camera and microphone) or declines (the chat goes on). */
export function callAnswer(ctx: HandlerContext, command: Command<'call-answer'>): Outcome {
  const found = callParty(ctx, command.conversation);
  if (!found.ok) return found;
  const { conversation } = found;
  if (ctx.actor.id !== conversation.customer) return refuse('forbidden', 'only the customer answers a video call');
  if (conversation.call?.state !== 'asked') return refuse('no-call', 'no video call is waiting for an answer');
  if (command.accept) return done(startCall(ctx, conversation, personOf(ctx)), conversation.id);
  delete conversation.call;
  return done(append(conversation, { type: 'call', state: 'declined', by: personOf(ctx) }, ctx.now), conversation.id);
}

/** A party leaves the call and the chat goes on as text; a conversation that began as video cannot (V2). */
export function callEnd(ctx: HandlerContext, command: Command<'call-end'>): Outcome {
  const found = callParty(ctx, command.conversation);
  if (!found.ok) return found;
  const { conversation } = found;
  if (conversation.media === 'video') {
    return refuse('video-conversation', 'this conversation began as a video chat and cannot go on as text: end the conversation instead');
  }
  if (!conversation.call) return refuse('no-call', 'there is no video call to end');
  delete conversation.call;
  return done(append(conversation, { type: 'call', state: 'ended', by: personOf(ctx), reason: command.reason }, ctx.now), conversation.id);
}

/** Offer, answer, candidates and mute state go to the other party only, never into the history. */
export function callSignal(ctx: HandlerContext, command: Command<'call-signal'>): Outcome {
  const found = callParty(ctx, command.conversation);
  if (!found.ok) return found;
  const { conversation } = found;
  if (conversation.call?.state !== 'started') return refuse('no-call', 'there is no video call going on');
  const event = { type: 'call-signal' as const, conversation: conversation.id, from: ctx.actor.id, signal: command.signal };
  return done([send(otherParty(conversation, ctx.actor.id), event)], conversation.id);
}

/** A party's peer connection is up: the call no longer needs to connect in time (V4). */
export function callConnected(ctx: HandlerContext, command: Command<'call-connected'>): Outcome {
  const found = callParty(ctx, command.conversation);
  if (!found.ok) return found;
  const call = found.conversation.call;
  if (call?.state !== 'started') return refuse('no-call', 'there is no video call going on');
  call.connected = true;
  delete call.deadline;
  return done([], found.conversation.id);
}
