import type { ConversationEvent, EndReason, Person } from '../../protocol/index.js';
import { agentsTopic, customerTopic, publish, send, unsubscribe, webhook, type Effect } from './effects.js';
import type { Conversation } from './model.js';
import type { DomainContext } from './context.js';
import { closeRequestsOf } from './requests.js';
import { countedAgent, statsAt } from './stats/queue-stats.js';
import type { RelayStore } from './store.js';

type Unsequenced<E> = E extends ConversationEvent ? Omit<E, 'seq' | 'conversation' | 'at'> : never;
export type Audience = 'everyone' | 'agents';

/**
 * Records an event in the agents' log and, unless it is for agents only, in the customer's;
 * each stream numbers its events gaplessly. A private event never enters the customer's stream.
 */
export function record(
  conversation: Conversation,
  event: Unsequenced<ConversationEvent>,
  now: number,
  audience: Audience = 'everyone',
): { forAgents: ConversationEvent; forCustomer?: ConversationEvent } {
  const base = { ...event, conversation: conversation.id, at: now };
  const forAgents = { ...base, seq: conversation.log.length + 1 } as ConversationEvent;
  conversation.log.push(forAgents);
  if (audience === 'agents') return { forAgents };
  const forCustomer = { ...base, seq: conversation.customerLog.length + 1 } as ConversationEvent;
  conversation.customerLog.push(forCustomer);
  return { forAgents, forCustomer };
}

/** Records an event and publishes it to the streams of those meant to see it. */
export function append(conversation: Conversation, event: Unsequenced<ConversationEvent>, now: number, audience: Audience = 'everyone'): Effect[] {
  const { forAgents, forCustomer } = record(conversation, event, now, audience);
  const effects = [publish(agentsTopic(conversation.id), forAgents)];
  if (forCustomer) effects.push(publish(customerTopic(conversation.id), forCustomer));
  return effects;
}

/** Records an event and sends it straight to each reader: for readers who are leaving the streams now. */
export function appendDirect(
  conversation: Conversation,
  event: Unsequenced<ConversationEvent>,
  now: number,
  agents: Iterable<string>,
  audience: Audience = 'everyone',
): Effect[] {
  const { forAgents, forCustomer } = record(conversation, event, now, audience);
  const effects = [...new Set(agents)].map((agent) => send(agent, forAgents));
  if (forCustomer) effects.push(send(conversation.customer, forCustomer));
  return effects;
}

/** The stream a participant reads: everything for agents, the customer's own for the customer. */
export function streamOf(conversation: Conversation, who: string): ConversationEvent[] {
  return who === conversation.customer ? conversation.customerLog : conversation.log;
}

/** The agents now in the conversation: the owner and the invited. */
export const agentsIn = (conversation: Conversation): string[] => [conversation.agent, ...conversation.guests];

/** The organisation's record of a conversation for webhooks: every event, private ones included. */
export function transcript(store: RelayStore, conversation: Conversation) {
  const customer = conversation.log.find((e) => e.type === 'conversation-started');
  return {
    conversation: conversation.id,
    queue: conversation.queue,
    customer: customer?.type === 'conversation-started' ? customer.customer : { id: conversation.customer },
    joinedAt: conversation.joinedAt,
    startedAt: conversation.startedAt,
    ...(conversation.endedAt !== undefined ? { endedAt: conversation.endedAt } : {}),
    agents: [conversation.agent, ...conversation.guests, ...conversation.formerAgents].map((id) => ({ id, name: store.agent(id)?.name ?? '' })),
    events: [...conversation.log],
  };
}

/**
 * Ends a conversation for everyone. The ended event goes straight to each side, not through the
 * topics: uWS drops what was published to a topic but not yet delivered to a socket that leaves
 * the topic in the same turn, and a direct send first delivers what was published before it.
 */
export function endConversation(ctx: DomainContext, conversation: Conversation, reason: EndReason, by?: Person): Effect[] {
  const { store, now } = ctx;
  conversation.ended = true;
  conversation.endedAt = now;
  delete conversation.call;
  const queue = store.queue(conversation.queue);
  // A released customer goes back in line, and a video chat that never connected was never served:
  // neither was handled to its end (C11, V4).
  if (queue && reason !== 'released' && reason !== 'call-failed') {
    const owned = now - (conversation.ownedSince ?? conversation.startedAt);
    store.stats.handled(statsAt(ctx, queue), countedAgent(ctx, conversation.agent), now - (conversation.reopenedAt ?? conversation.startedAt), owned);
  }
  const agents = agentsIn(conversation);
  const effects = closeRequestsOf(ctx, conversation);
  effects.push(...appendDirect(conversation, by ? { type: 'conversation-ended', reason, by } : { type: 'conversation-ended', reason }, now, agents));
  const customer = store.customer(conversation.customer);
  if (customer?.conversation === conversation.id) delete customer.conversation;
  for (const id of agents) {
    const agent = store.agent(id);
    // The agent has room again: idle time for offer routing counts from now (Q6).
    if (agent?.conversations.delete(conversation.id) && id === conversation.agent) agent.idleSince = now;
    effects.push(unsubscribe(id, agentsTopic(conversation.id)));
  }
  effects.push(unsubscribe(conversation.customer, customerTopic(conversation.id)));
  effects.push(webhook('conversation.ended', { reason, transcript: transcript(store, conversation) }));
  return effects;
}

export function isParticipant(conversation: Conversation, who: string): boolean {
  return conversation.customer === who || conversation.agent === who || conversation.guests.has(who);
}
