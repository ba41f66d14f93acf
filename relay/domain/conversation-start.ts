import { append } from './conversation-log.js';
import { startCall } from './calls.js';
import { reopenConversation } from './conversation-reopen.js';
import type { DomainContext } from './context.js';
import { agentsTopic, customerTopic, subscribe, type Effect } from './effects.js';
import type { Agent, Conversation, Customer, Queue } from './model.js';
import { removeFromQueue } from './queue-updates.js';
import { statsAt, waitedMs } from './stats/queue-stats.js';

/**
 * A waiting customer and an agent begin a conversation: the customer leaves the line, both join
 * the conversation's topic, and the customer's first message, if any, opens it. A customer back
 * for an ended conversation (W5) carries that one on instead.
 */
export function startConversation(ctx: DomainContext, queue: Queue, customer: Customer, agent: Agent): { id: string; effects: Effect[] } {
  const waiting = customer.waiting!;
  const returning = waiting.returning ? ctx.store.conversation(waiting.returning) : undefined;
  if (returning?.ended) {
    ctx.store.stats.accepted(statsAt(ctx, queue), { id: agent.id, name: agent.name }, waitedMs(ctx, waiting));
    removeFromQueue(queue, customer.id);
    delete customer.waiting;
    return { id: returning.id, effects: reopenConversation(ctx, returning, customer, agent) };
  }
  const id = ctx.newId();
  const conversation: Conversation = {
    id,
    queue: queue.config.id,
    customer: customer.id,
    agent: agent.id,
    guests: new Set(),
    formerAgents: new Set(),
    joinedAt: waiting.joinedAt,
    startedAt: ctx.now,
    ended: false,
    log: [],
    customerLog: [],
    messageIds: new Map(),
    files: new Map(),
    choices: new Map(),
    typing: new Map(),
    media: waiting.media ?? 'text',
  };
  ctx.store.stats.accepted(statsAt(ctx, queue), { id: agent.id, name: agent.name }, waitedMs(ctx, waiting));
  removeFromQueue(queue, customer.id);
  delete customer.waiting;
  customer.conversation = id;
  customer.history.push(id);
  agent.conversations.add(id);
  ctx.store.addConversation(conversation);

  const customerPerson = { id: customer.id, name: customer.name, role: 'customer' as const };
  const effects: Effect[] = [
    subscribe(customer.id, customerTopic(id)),
    subscribe(agent.id, agentsTopic(id)),
    ...append(
      conversation,
      {
        type: 'conversation-started',
        queue: queue.config.id,
        customer: customerPerson,
        agent: { id: agent.id, name: agent.name, role: 'agent' },
        joinedAt: waiting.joinedAt,
        ...(conversation.media === 'video' ? { media: 'video' as const } : {}),
        ...(waiting.proactive ? { proactive: true as const } : {}),
        ...(customer.info ? { info: customer.info } : {}),
      },
      ctx.now,
    ),
  ];
  // A video chat's call starts with the conversation: the agent's page calls at once (V3).
  if (conversation.media === 'video') effects.push(...startCall(ctx, conversation));
  if (waiting.preview) {
    const { id: messageId, text } = waiting.preview;
    conversation.messageIds.set(messageId, { author: customer.id, text });
    effects.push(...append(conversation, { type: 'message', messageId, author: customerPerson, text }, ctx.now));
  }
  return { id, effects };
}
