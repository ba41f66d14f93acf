import type { AgentRequest as AgentRequestEvent, ServerEvent } from '../../protocol/index.js';
import type { DomainContext } from './context.js';
import { agentsTopic, send, unsubscribe, subscribe, type Effect } from './effects.js';
import { append, appendDirect } from './conversation-log.js';
import type { AgentRequest, Conversation } from './model.js';
import { handOverCall } from './calls.js';
import { ref } from './queue-log.js';
import { countedAgent, statsAt } from './stats/queue-stats.js';

type Outcome = ServerEvent<'request-ended'>['outcome'];

/** The request as its targets see it. */
export function requestEvent(ctx: DomainContext, request: AgentRequest): AgentRequestEvent | undefined {
  const conversation = ctx.store.conversation(request.conversation);
  const customer = conversation && ctx.store.customer(conversation.customer);
  const from = ctx.store.agent(request.from);
  if (!conversation || !from) return undefined;
  return {
    id: request.id,
    kind: request.kind,
    conversation: conversation.id,
    queue: conversation.queue,
    customer: { id: conversation.customer, name: customer?.name ?? '' },
    from: ref(from),
    ...(request.toQueue ? { toQueue: request.toQueue } : {}),
    expiresAt: request.expiresAt,
  };
}

/** Ends a request: its remaining targets and the asking agent hear the outcome. */
export function closeRequest(ctx: DomainContext, request: AgentRequest, outcome: Outcome, by?: { id: string; name: string }): Effect[] {
  ctx.store.removeRequest(request.id);
  const conversation = ctx.store.conversation(request.conversation);
  if (conversation?.transfer === request.id) delete conversation.transfer;
  if (conversation?.invitation === request.id) delete conversation.invitation;
  const ended: ServerEvent<'request-ended'> = {
    type: 'request-ended',
    request: request.id,
    kind: request.kind,
    conversation: request.conversation,
    outcome,
    ...(by ? { by } : {}),
  };
  const told = new Set([request.from, ...[...request.candidates].filter((id) => !request.declined.has(id))]);
  return [...told].map((id) => send(id, ended));
}

/** Requests past their time end unanswered; the asking agent keeps the conversation (C9). */
export function expireRequests(ctx: DomainContext): Effect[] {
  return [...ctx.store.requests()].filter((r) => r.expiresAt <= ctx.now).flatMap((r) => closeRequest(ctx, r, 'timeout'));
}

/** Every pending request of a conversation, when it ends. */
export function closeRequestsOf(ctx: DomainContext, conversation: Conversation): Effect[] {
  return [conversation.transfer, conversation.invitation].flatMap((id) => {
    const request = id ? ctx.store.request(id) : undefined;
    return request ? closeRequest(ctx, request, 'conversation-ended') : [];
  });
}

/** The accepting agent becomes the owner; the former owner leaves to wrap up (C9). */
export function completeTransfer(ctx: DomainContext, conversation: Conversation, request: AgentRequest, to: string): Effect[] {
  const from = conversation.agent;
  const newOwner = ctx.store.agent(to)!;
  const oldOwner = ctx.store.agent(from);
  const fromQueue = ctx.store.queue(conversation.queue);
  if (fromQueue) ctx.store.stats.transferred(statsAt(ctx, fromQueue), countedAgent(ctx, from));
  conversation.agent = to;
  conversation.ownedSince = ctx.now;
  conversation.guests.delete(to);
  conversation.formerAgents.add(from);
  if (request.toQueue) conversation.queue = request.toQueue;
  newOwner.conversations.add(conversation.id);
  if (oldOwner?.conversations.delete(conversation.id)) oldOwner.idleSince = ctx.now;
  const effects: Effect[] = [
    subscribe(to, agentsTopic(conversation.id)),
    // A copy: the log grows below (agent-joined, agent-left) before the transport sends this history.
    send(to, { type: 'history', conversation: conversation.id, events: [...conversation.log] }),
    ...append(
      conversation,
      { type: 'agent-joined', agent: { ...ref(newOwner), role: 'agent' }, via: 'transfer', ...(request.toQueue ? { queue: request.toQueue } : {}) },
      ctx.now,
    ),
  ];
  const leaving = { type: 'agent-left' as const, agent: { id: from, name: oldOwner?.name ?? '', role: 'agent' as const }, reason: 'transferred' as const };
  effects.push(...handOverCall(ctx, conversation, [from, to, ...conversation.guests]));
  effects.push(...appendDirect(conversation, leaving, ctx.now, [from, to, ...conversation.guests]), unsubscribe(from, agentsTopic(conversation.id)));
  // The former owner's invitation goes with them: its target could otherwise join as the new owner's guest, or as their own.
  const invitation = conversation.invitation ? ctx.store.request(conversation.invitation) : undefined;
  if (invitation) effects.push(...closeRequest(ctx, invitation, 'cancelled'));
  return effects;
}

/** The accepting agent joins as a guest: a conference (C10). */
export function completeInvitation(ctx: DomainContext, conversation: Conversation, to: string): Effect[] {
  const guest = ctx.store.agent(to)!;
  conversation.guests.add(to);
  guest.conversations.add(conversation.id);
  return [
    subscribe(to, agentsTopic(conversation.id)),
    // A copy: the log grows below (agent-joined, agent-left) before the transport sends this history.
    send(to, { type: 'history', conversation: conversation.id, events: [...conversation.log] }),
    ...append(conversation, { type: 'agent-joined', agent: { ...ref(guest), role: 'agent' }, via: 'invite' }, ctx.now),
  ];
}

/** A guest leaves, by choice or because the owner ended the conference. */
export function removeGuest(ctx: DomainContext, conversation: Conversation, guestId: string, reason: 'left' | 'conference-ended'): Effect[] {
  const guest = ctx.store.agent(guestId);
  conversation.guests.delete(guestId);
  guest?.conversations.delete(conversation.id);
  const left = { type: 'agent-left' as const, agent: { id: guestId, name: guest?.name ?? '', role: 'agent' as const }, reason };
  return [...appendDirect(conversation, left, ctx.now, [guestId, conversation.agent, ...conversation.guests]), unsubscribe(guestId, agentsTopic(conversation.id))];
}
