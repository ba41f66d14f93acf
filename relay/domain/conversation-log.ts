import type { ConversationEvent, EndReason, Person } from '../../protocol/index.js';
import { conversationTopic, publish, send, unsubscribe, type Effect } from './effects.js';
import type { Conversation } from './model.js';
import type { RelayStore } from './store.js';

type Unsequenced<E> = E extends ConversationEvent ? Omit<E, 'seq' | 'conversation' | 'at'> : never;

/** Appends an event with the next `seq` and publishes it to the conversation's topic. */
export function append(conversation: Conversation, event: Unsequenced<ConversationEvent>, now: number): Effect {
  const sequenced = {
    ...event,
    conversation: conversation.id,
    seq: conversation.log.length + 1,
    at: now,
  } as ConversationEvent;
  conversation.log.push(sequenced);
  return publish(conversationTopic(conversation.id), sequenced);
}

export function eventsAfter(conversation: Conversation, seq: number): ConversationEvent[] {
  return conversation.log.slice(seq);
}

/** Ends a conversation: the ended event, then both sides leave its topic. */
export function endConversation(
  store: RelayStore,
  conversation: Conversation,
  reason: EndReason,
  by: Person | undefined,
  now: number,
): Effect[] {
  conversation.ended = true;
  append(conversation, by ? { type: 'conversation-ended', reason, by } : { type: 'conversation-ended', reason }, now);
  // Sent to both sides directly, not published: uWS drops messages published to a topic but not yet
  // delivered to a socket that unsubscribes from it in the same turn, which lost this event (and any
  // message just before it). A direct send first delivers what was published to that socket earlier.
  const ended = conversation.log[conversation.log.length - 1]!;
  const effects = [send(conversation.customer, ended), send(conversation.agent, ended)];
  const customer = store.customer(conversation.customer);
  if (customer?.conversation === conversation.id) delete customer.conversation;
  const agent = store.agent(conversation.agent);
  if (agent?.conversations.delete(conversation.id)) {
    // The agent has room again: idle time for offer routing counts from now (Q6).
    agent.idleSince = now;
  }
  const topic = conversationTopic(conversation.id);
  effects.push(unsubscribe(conversation.customer, topic), unsubscribe(conversation.agent, topic));
  return effects;
}

export function isParticipant(conversation: Conversation, who: string): boolean {
  return conversation.customer === who || conversation.agent === who;
}
