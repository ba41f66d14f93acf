import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { send } from '../effects.js';
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
  customer.name = redactForQueue(queue, 'customer', command.name);
  const { info, identity } = customerInfo(ctx, queue, command, survey.answers);
  if (info) customer.info = info;
  else delete customer.info;
  customer.waiting = { queue: queue.config.id, joinedAt: ctx.now, declinedBy: new Map(), ...(command.media === 'video' ? { media: 'video' as const } : {}) };
  if (command.message) customer.waiting.preview = { id: command.id, text: redactForQueue(queue, 'customer', command.message) };
  queue.waiting.push(customer.id);
  logQueue(queue, { at: ctx.now, kind: 'joined', customer: ref(customer) });
  const effects = queueChanged(ctx.store, queue.config.id);
  return done(identity ? [send(customer.id, identity), ...effects] : effects);
}

export function leave(ctx: HandlerContext): Outcome {
  const customer = ctx.store.customer(ctx.actor.id);
  if (!customer?.waiting) return refuse('not-waiting', 'you are not waiting in a queue');
  const queueId = customer.waiting.queue;
  const queue = ctx.store.queue(queueId);
  const effects = withdrawOffersOf(ctx, customer.waiting, 'customer-left');
  if (queue) {
    removeFromQueue(queue, customer.id);
    logQueue(queue, { at: ctx.now, kind: 'left', customer: ref(customer) });
    ctx.store.stats.abandoned(statsAt(ctx, queue), waitedMs(ctx, customer.waiting));
  }
  delete customer.waiting;
  return done([...effects, send(customer.id, { type: 'left-queue', queue: queueId }), ...queueChanged(ctx.store, queueId)]);
}
