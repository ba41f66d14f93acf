import { append } from './conversation-log.js';
import type { DomainContext } from './context.js';
import { agentsTopic, customerTopic, send, subscribe, type Effect } from './effects.js';
import type { Agent, Conversation, Customer } from './model.js';

/**
 * An ended conversation goes on (W5): the customer is back in it, `agent` owns it from now on and
 * gets its whole history (they may have closed its tab, or never had it). Invited agents do not
 * come back with it; the one who ended it, if another, keeps their part to wrap up.
 */
export function reopenConversation(ctx: DomainContext, conversation: Conversation, customer: Customer, agent: Agent): Effect[] {
  if (conversation.agent !== agent.id) conversation.formerAgents.add(conversation.agent);
  conversation.formerAgents.delete(agent.id);
  conversation.agent = agent.id;
  conversation.guests.clear();
  conversation.ended = false;
  delete conversation.endedAt;
  conversation.ownedSince = ctx.now;
  conversation.reopenedAt = ctx.now;
  customer.conversation = conversation.id;
  agent.conversations.add(conversation.id);
  return [
    subscribe(customer.id, customerTopic(conversation.id)),
    subscribe(agent.id, agentsTopic(conversation.id)),
    // A copy: the log grows below before the transport sends this history.
    send(agent.id, { type: 'history', conversation: conversation.id, events: [...conversation.log] }),
    ...append(conversation, { type: 'conversation-reopened', agent: { id: agent.id, name: agent.name, role: 'agent' } }, ctx.now),
  ];
}
