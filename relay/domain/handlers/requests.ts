import type { Command, RequestTarget } from '../../../protocol/index.js';
import { capacityIn, isAvailable, loadOf, mayServe } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { send } from '../effects.js';
import type { AgentRequest, Conversation } from '../model.js';
import { closeRequest, completeInvitation, completeTransfer, requestEvent } from '../requests.js';
import { ownedBy } from './participants.js';

type Kind = AgentRequest['kind'];

/** Agents who may answer: the named one, or the available agents of the queue, never those already in it. */
function candidatesFor(ctx: HandlerContext, conversation: Conversation, to: RequestTarget): Set<string> | Outcome {
  const inside = (id: string) => id === conversation.agent || conversation.guests.has(id);
  if ('agent' in to) {
    const agent = ctx.store.agent(to.agent);
    if (!agent?.signedIn || agent.disconnectedAt !== undefined) return refuse('no-agent-available', 'that agent is not signed in now');
    if (inside(agent.id)) return refuse('forbidden', 'that agent is already in the conversation');
    return new Set([agent.id]);
  }
  const queue = ctx.store.queue(to.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${to.queue}"`);
  const available = [...queue.agents].filter((id) => {
    const agent = ctx.store.agent(id);
    return isAvailable(agent) && !inside(id) && mayServe(agent, to.queue);
  });
  if (!available.length) return refuse('no-agent-available', `no agent is available in "${queue.config.name}" now`);
  return new Set(available);
}

function ask(ctx: HandlerContext, kind: Kind, conversationId: string, to: RequestTarget): Outcome {
  const found = ownedBy(ctx, conversationId);
  if (!found.ok) return found;
  const conversation = found.conversation;
  if (kind === 'transfer' ? conversation.transfer : conversation.invitation) {
    return refuse('request-pending', kind === 'transfer' ? 'a transfer is already waiting for an answer' : 'one invitation at a time: one is waiting for an answer');
  }
  const candidates = candidatesFor(ctx, conversation, to);
  if (!(candidates instanceof Set)) return candidates;
  const timeout = ctx.config.requestTimeoutSeconds * 1000;
  const request: AgentRequest = {
    id: ctx.newId(),
    kind,
    conversation: conversation.id,
    from: ctx.actor.id,
    ...('queue' in to ? { toQueue: to.queue } : {}),
    candidates,
    declined: new Set(),
    expiresAt: ctx.now + timeout,
  };
  ctx.store.addRequest(request);
  if (kind === 'transfer') conversation.transfer = request.id;
  else conversation.invitation = request.id;
  const event = requestEvent(ctx, request)!;
  return done([...candidates].map((id) => send(id, { type: 'request', request: event })), conversation.id, request.id);
}

export const transfer = (ctx: HandlerContext, command: Command<'transfer'>) => ask(ctx, 'transfer', command.conversation, command.to);
export const invite = (ctx: HandlerContext, command: Command<'invite'>) => ask(ctx, 'invite', command.conversation, command.to);

export function answerRequest(ctx: HandlerContext, command: Command<'answer-request'>): Outcome {
  const request = ctx.store.request(command.request);
  if (!request || !request.candidates.has(ctx.actor.id) || request.declined.has(ctx.actor.id)) {
    return refuse('request-unknown', 'this request is no longer open: it was answered, withdrawn or timed out');
  }
  const conversation = ctx.store.conversation(request.conversation);
  if (!conversation || conversation.ended) return done(closeRequest(ctx, request, 'conversation-ended'));
  const agent = ctx.store.agent(ctx.actor.id)!;
  if (!command.accept) {
    request.declined.add(agent.id);
    const everyoneDeclined = [...request.candidates].every((id) => request.declined.has(id));
    const effects = [send(agent.id, { type: 'request-ended' as const, request: request.id, kind: request.kind, conversation: conversation.id, outcome: 'declined' as const })];
    return done(everyoneDeclined ? [...effects, ...closeRequest(ctx, request, 'declined')] : effects);
  }
  // A conversation taken over or joined counts against capacity as a pick does, a pending offer too (Q6);
  // a guest taking over the conversation they are in takes on nothing more.
  const capacity = capacityIn(ctx.store, agent, request.kind === 'transfer' ? (request.toQueue ?? conversation.queue) : conversation.queue);
  if (!conversation.guests.has(agent.id) && loadOf(agent) >= capacity) {
    return refuse('at-capacity', `your conversations${agent.offer ? ' and the customer offered to you' : ''} fill your ${capacity} places; finish one first`);
  }
  const by = { id: agent.id, name: agent.name };
  const others = [...request.candidates].filter((id) => id !== agent.id && !request.declined.has(id));
  const effects = others.map((id) => send(id, { type: 'request-ended' as const, request: request.id, kind: request.kind, conversation: conversation.id, outcome: 'taken' as const, by }));
  request.candidates = new Set([agent.id]);
  effects.push(...closeRequest(ctx, request, 'accepted', by));
  effects.push(...(request.kind === 'transfer' ? completeTransfer(ctx, conversation, request, agent.id) : completeInvitation(ctx, conversation, agent.id)));
  return done(effects, conversation.id);
}

export function cancelRequest(ctx: HandlerContext, command: Command<'cancel-request'>): Outcome {
  const request = ctx.store.request(command.request);
  if (!request || request.from !== ctx.actor.id) return refuse('request-unknown', 'there is no such request of yours');
  return done(closeRequest(ctx, request, 'cancelled'));
}
