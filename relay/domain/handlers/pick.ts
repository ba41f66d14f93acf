import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { append } from '../conversation-log.js';
import { conversationTopic, subscribe } from '../effects.js';
import { queueChanged, removeFromQueue } from '../queue-updates.js';

/** An agent takes the next customer in line, or the one named (Q6 pick). */
export function pick(ctx: HandlerContext, command: Command<'pick'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents pick customers');
  if (!agent.signedIn || !agent.queues.includes(command.queue)) {
    return refuse('not-signed-in', `sign in to the queue "${command.queue}" before picking from it`);
  }
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  const customerId = command.customer ?? queue.waiting[0];
  if (customerId === undefined) return refuse('queue-empty', 'nobody is waiting in this queue');
  const customer = ctx.store.customer(customerId);
  if (!customer?.waiting || customer.waiting.queue !== command.queue) {
    return refuse('customer-unavailable', 'that customer is no longer waiting; another agent may have taken them');
  }

  const id = ctx.newId();
  const conversation = {
    id,
    queue: command.queue,
    customer: customer.id,
    agent: agent.id,
    joinedAt: customer.waiting.joinedAt,
    ended: false,
    log: [],
    messageIds: new Map(),
  };
  removeFromQueue(queue, customer.id);
  delete customer.waiting;
  customer.conversation = id;
  customer.history.push(id);
  agent.conversations.add(id);
  ctx.store.addConversation(conversation);

  const topic = conversationTopic(id);
  const started = append(
    conversation,
    {
      type: 'conversation-started',
      queue: command.queue,
      customer: { id: customer.id, name: customer.name, role: 'customer' },
      agent: { id: agent.id, name: agent.name, role: 'agent' },
      joinedAt: conversation.joinedAt,
    },
    ctx.now,
  );
  return done([subscribe(customer.id, topic), subscribe(agent.id, topic), started, ...queueChanged(ctx.store, command.queue)], id);
}
