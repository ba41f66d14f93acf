import type { Person } from '../../protocol/index.js';
import type { DomainContext } from './context.js';
import { append, appendDirect, endConversation } from './conversation-log.js';
import type { Effect } from './effects.js';
import type { Conversation } from './model.js';

export const defaultCallConnectSeconds = 30;

/** The call begins: both pages open camera and microphone, and it must connect in time (V4). */
export function startCall(ctx: DomainContext, conversation: Conversation, by?: Person): Effect[] {
  const seconds = ctx.config.callConnectSeconds ?? defaultCallConnectSeconds;
  conversation.call = { state: 'started', connected: false, deadline: ctx.now + seconds * 1000 };
  return append(conversation, by ? { type: 'call', state: 'started', by } : { type: 'call', state: 'started' }, ctx.now);
}

/**
 * Calls that did not connect in time (V4): a switched chat goes on as text; a video chat cannot
 * (V2), so it ends and the customer is out of the line, as when their page has gone to sleep.
 */
export function expireCalls(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  for (const conversation of ctx.store.conversations()) {
    const call = conversation.call;
    if (conversation.ended || call?.state !== 'started' || call.connected || call.deadline === undefined || call.deadline > ctx.now) continue;
    delete conversation.call;
    if (conversation.media === 'video') effects.push(...endConversation(ctx, conversation, 'call-failed'));
    else effects.push(...append(conversation, { type: 'call', state: 'ended', reason: 'failed' }, ctx.now));
  }
  return effects;
}

/**
 * A party came back after a dropped connection or a reload: their page holds no peer connection
 * any more, so the call starts again for both, with a new deadline.
 */
export function restartCalls(ctx: DomainContext, conversations: Iterable<Conversation>, who: string): Effect[] {
  const effects: Effect[] = [];
  for (const conversation of conversations) {
    const party = who === conversation.customer || who === conversation.agent;
    if (party && !conversation.ended && conversation.call?.state === 'started') effects.push(...startCall(ctx, conversation));
  }
  return effects;
}

/**
 * A transfer hands the conversation to an agent whose page has no call: a switched call ends (the
 * new owner may ask again); a video chat's call starts again with the new owner (V2).
 */
export function handOverCall(ctx: DomainContext, conversation: Conversation, readers: Iterable<string>): Effect[] {
  if (!conversation.call) return [];
  if (conversation.media === 'video') return startCall(ctx, conversation);
  delete conversation.call;
  return appendDirect(conversation, { type: 'call', state: 'ended', reason: 'hangup' }, ctx.now, readers);
}
