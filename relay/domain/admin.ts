import type { QueueConfig } from '../config.js';
import { agentStateEvent } from './agents.js';
import type { AdminResult, DomainContext } from './context.js';
import { endConversation } from './conversation-log.js';
import { send, type Effect } from './effects.js';
import { leaveQueues, signOutAgent } from './handlers/agent-presence.js';
import { withdrawOffersOf } from './offers.js';
import { logQueue } from './queue-log.js';
import { queueChanged, queueSnapshot, removeFromQueue } from './queue-updates.js';
import { closeRequest, removeGuest } from './requests.js';

/** What an operator's request did: effects for the sockets, or why it was refused (HTTP status and message). */

const notFound = (what: string): AdminResult => ({ ok: false, status: 404, message: `there is no ${what}` });

export function listQueues(ctx: DomainContext): AdminResult {
  const queues = [...ctx.store.queues()].map((q) => ({ config: q.config, state: queueSnapshot(ctx.store, q) }));
  return { ok: true, effects: [], body: { queues } };
}

export function createQueue(ctx: DomainContext, config: QueueConfig): AdminResult {
  if (ctx.store.queue(config.id)) return { ok: false, status: 409, message: `a queue "${config.id}" exists already` };
  ctx.store.addQueue(config);
  return { ok: true, effects: [], body: config };
}

/** New settings for a queue; its customers, agents and conversations stay. */
export function updateQueue(ctx: DomainContext, config: QueueConfig): AdminResult {
  const queue = ctx.store.queue(config.id);
  if (!queue) return notFound(`queue "${config.id}"`);
  const reopened = queue.config.open !== config.open;
  queue.config = config;
  if (reopened) queue.open = config.open;
  delete queue.nextScheduleChange;
  return { ok: true, effects: queueChanged(ctx.store, config.id, false), body: config };
}

export function setQueueOpen(ctx: DomainContext, id: string, open: boolean, by: string): AdminResult {
  const queue = ctx.store.queue(id);
  if (!queue) return notFound(`queue "${id}"`);
  if (queue.open !== open) {
    queue.open = open;
    logQueue(queue, { at: ctx.now, kind: open ? 'opened' : 'closed', agent: { id: `operator:${by}`, name: by } });
  }
  return { ok: true, effects: queueChanged(ctx.store, id, false), body: { id, open } };
}

/**
 * Deletes a queue (C14): waiting customers are told they left it, its conversations end with a
 * warning so no more sending is possible, its agents stop serving it.
 */
export function deleteQueue(ctx: DomainContext, id: string): AdminResult {
  const queue = ctx.store.queue(id);
  if (!queue) return notFound(`queue "${id}"`);
  const effects: Effect[] = [];
  for (const customerId of [...queue.waiting]) {
    const customer = ctx.store.customer(customerId);
    effects.push(...withdrawOffersOf(ctx, customer?.waiting, 'customer-left'));
    removeFromQueue(queue, customerId);
    if (customer) delete customer.waiting;
    effects.push(send(customerId, { type: 'left-queue', queue: id, reason: 'queue-deleted' }));
  }
  for (const conversation of [...ctx.store.conversations()]) {
    if (conversation.queue === id && !conversation.ended) effects.push(...endConversation(ctx, conversation, 'queue-deleted'));
  }
  for (const request of [...ctx.store.requests()]) if (request.toQueue === id) effects.push(...closeRequest(ctx, request, 'cancelled'));
  for (const agentId of [...queue.agents]) {
    const agent = ctx.store.agent(agentId);
    if (!agent) continue;
    effects.push(...leaveQueues(ctx.store, agent, [id]));
    agent.queues = agent.queues.filter((q) => q !== id);
    if (!agent.queues.length) agent.signedIn = false;
    effects.push(send(agent.id, agentStateEvent(ctx.store, agent)));
  }
  ctx.store.removeQueue(id);
  // Nobody can ask for a deleted queue's statistics, and a new queue of the same id starts afresh.
  ctx.store.stats.forget(id);
  return { ok: true, effects };
}

/**
 * Removes an agent (C14): their conversations end with a warning, they leave conferences and
 * queues, their sockets close, and tokens issued before now are refused.
 */
export function removeAgent(ctx: DomainContext, sub: string): AdminResult {
  const id = `agent:${sub}`;
  const agent = ctx.store.agent(id);
  ctx.store.markRemoved(sub, ctx.now);
  if (!agent) return { ok: true, effects: [] };
  const effects: Effect[] = [];
  for (const conversationId of [...agent.conversations]) {
    const conversation = ctx.store.conversation(conversationId);
    if (!conversation || conversation.ended) continue;
    if (conversation.agent === id) effects.push(...endConversation(ctx, conversation, 'agent-removed'));
    else effects.push(...removeGuest(ctx, conversation, id, 'left'));
  }
  for (const request of [...ctx.store.requests()]) {
    if (request.from === id) effects.push(...closeRequest(ctx, request, 'cancelled'));
    else if (request.candidates.has(id)) request.candidates.delete(id);
  }
  effects.push(...withdrawOffersOf(ctx, agent, 'rejected'));
  if (agent.signedIn) effects.push(...signOutAgent(ctx, agent));
  effects.push({ kind: 'disconnect', who: id, reason: 'removed by an operator' });
  ctx.store.removeAgent(id);
  return { ok: true, effects };
}
