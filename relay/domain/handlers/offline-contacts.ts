import type { Command } from '../../../protocol/index.js';
import { isAvailable } from '../agents.js';
import { allowedQueue } from './participants.js';
import { done, refuse, type DomainContext, type HandlerContext, type Outcome } from '../context.js';
import { send, webhook } from '../effects.js';
import type { Queue } from '../model.js';
import { queueChanged } from '../queue-updates.js';
import { redactForQueue } from '../redaction.js';
import { nextOpening } from '../schedule.js';

/** Saved contacts kept per queue; the oldest go first. The webhook has them all. */
export const contactsPerQueue = 1000;

/** An agent there to answer: connected, signed in and available. */
const staffed = (ctx: DomainContext, queue: Queue): boolean => [...queue.agents].some((id) => isAvailable(ctx.store.agent(id)));

/** Whether each queue takes chats now, and when a closed one opens next (Q8). */
export function queueStatus(ctx: HandlerContext, _command: Command<'queue-status'>): Outcome {
  const queues = [...ctx.store.queues()].map((queue) => {
    const schedule = queue.config.schedule;
    const opensAt = !queue.open && schedule ? nextOpening(schedule, ctx.now) : undefined;
    return { id: queue.config.id, open: queue.open, staffed: staffed(ctx, queue), ...(opensAt === undefined ? {} : { opensAt }) };
  });
  return done([send(ctx.actor.id, { type: 'queue-status', queues })]);
}

/** A customer leaves a message for a queue nobody serves now: saved for its agents and sent to the CRM. */
export function offlineContact(ctx: HandlerContext, command: Command<'offline-contact'>): Outcome {
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  if (queue.contacts.some((c) => c.id === command.id)) return done();
  const redact = (text: string) => redactForQueue(queue, 'customer', text);
  const contact = { id: command.id, queue: queue.config.id, name: redact(command.name), email: redact(command.email), message: redact(command.message), at: ctx.now };
  queue.contacts.push(contact);
  if (queue.contacts.length > contactsPerQueue) queue.contacts.shift();
  return done([webhook('offline-contact', contact), ...queueChanged(ctx.store, queue.config.id, false)]);
}

/** The queue's saved contacts, newest first, for agents the token allows there. */
export function contacts(ctx: HandlerContext, command: Command<'contacts'>): Outcome {
  const found = allowedQueue(ctx, command.queue);
  if (!found.ok) return found;
  const { queue } = found;
  return done([send(ctx.actor.id, { type: 'contacts', queue: queue.config.id, contacts: [...queue.contacts].reverse() })]);
}
