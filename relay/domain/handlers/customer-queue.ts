import type { Command } from '../../../protocol/index.js';
import { capacityIn, isAvailable } from '../agents.js';
import { startConversation } from '../conversation-start.js';
import type { Customer } from '../model.js';
import { endInvitation } from './proactive.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { send, type Effect } from '../effects.js';
import { withdrawOffersOf } from '../offers.js';
import { logQueue, ref } from '../queue-log.js';
import { queueChanged, removeFromQueue } from '../queue-updates.js';
import { customerInfo } from '../customer-info.js';
import { redactForQueue } from '../redaction.js';
import { surveyAnswers } from '../survey-answers.js';
import { statsAt, waitedMs } from '../stats/queue-stats.js';

export function join(ctx: HandlerContext, command: Command<'join'>): Outcome {
  const customer = ctx.store.customer(ctx.actor.id);
  if (!customer) return refuse('forbidden', 'only customers join queues');
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  if (!queue.open) return refuse('queue-closed', `the queue "${queue.config.name}" is closed`);
  if (customer.waiting) return refuse('already-waiting', 'you are already waiting in a queue');
  if (customer.conversation) return refuse('already-waiting', 'you are already in a conversation');
  if (command.media === 'video' && !queue.config.video) return refuse('video-not-allowed', `the queue "${queue.config.name}" takes no video chats`);
  const survey = surveyAnswers(queue, command.survey);
  if (!survey.ok) return refuse('survey-invalid', survey.message);
  const invited = acceptedInvitation(ctx, customer, command);
  if (!invited.ok) return invited;
  customer.name = redactForQueue(queue, 'customer', command.name);
  const { info, identity } = customerInfo(ctx, queue, command, survey.answers);
  if (info) customer.info = info;
  else delete customer.info;
  customer.waiting = {
    queue: queue.config.id,
    joinedAt: ctx.now,
    declinedBy: new Map(),
    ...(command.media === 'video' ? { media: 'video' as const } : {}),
    ...(invited.proactive ? { proactive: true } : {}),
  };
  if (command.message) customer.waiting.preview = { id: command.id, text: redactForQueue(queue, 'customer', command.message) };
  queue.waiting.push(customer.id);
  logQueue(queue, { at: ctx.now, kind: 'joined', customer: ref(customer) });
  const effects = identity ? [send(customer.id, identity), ...invited.effects] : invited.effects;
  // An agent who invited the visitor takes them at once, when free to (W10).
  const inviter = invited.from ? ctx.store.agent(invited.from) : undefined;
  if (isAvailable(inviter) && inviter.queues.includes(queue.config.id) && !inviter.offer && inviter.conversations.size < capacityIn(ctx.store, inviter, queue.config.id)) {
    logQueue(queue, { at: ctx.now, kind: 'picked', agent: ref(inviter), customer: ref(customer) });
    const started = startConversation(ctx, queue, customer, inviter);
    return done([...effects, ...started.effects, ...queueChanged(ctx.store, queue.config.id, false)], started.id);
  }
  return done([...effects, ...queueChanged(ctx.store, queue.config.id, queue.waiting.length - 1)]);
}

/**
 * The invitation a join accepts (W10): the visitor's pending one from an agent, who hears it was
 * accepted, or one the site configured for this queue (`site:<id>`). Either marks the chat proactive.
 */
function acceptedInvitation(
  ctx: HandlerContext,
  customer: Customer,
  command: Command<'join'>,
): { ok: true; proactive: boolean; from?: string; effects: Effect[] } | { ok: false; code: 'invitation-unknown'; message: string } {
  const id = command.invitation;
  if (!id) return { ok: true, proactive: false, effects: [] };
  const unknown = { ok: false as const, code: 'invitation-unknown' as const, message: 'there is no such invitation to this queue for you' };
  if (id.startsWith('site:')) {
    const configured = ctx.config.invitations?.find((i) => `site:${i.id}` === id);
    return configured?.queue === command.queue ? { ok: true, proactive: true, effects: [] } : unknown;
  }
  const pending = customer.invitation;
  if (pending?.id !== id || pending.queue !== command.queue) return unknown;
  return { ok: true, proactive: true, from: pending.from, effects: endInvitation(customer, 'accepted') };
}

export function leave(ctx: HandlerContext): Outcome {
  const customer = ctx.store.customer(ctx.actor.id);
  if (!customer?.waiting) return refuse('not-waiting', 'you are not waiting in a queue');
  const queueId = customer.waiting.queue;
  const queue = ctx.store.queue(queueId);
  const effects = withdrawOffersOf(ctx, customer.waiting, 'customer-left');
  const place = queue?.waiting.indexOf(customer.id) ?? -1;
  if (queue) {
    removeFromQueue(queue, customer.id);
    logQueue(queue, { at: ctx.now, kind: 'left', customer: ref(customer) });
    ctx.store.stats.abandoned(statsAt(ctx, queue), waitedMs(ctx, customer.waiting));
  }
  delete customer.waiting;
  return done([...effects, send(customer.id, { type: 'left-queue', queue: queueId }), ...queueChanged(ctx.store, queueId, Math.max(place, 0))]);
}
