import type { Command } from '../../../protocol/index.js';
import { mayServe } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { send } from '../effects.js';
import { logQueue, ref } from '../queue-log.js';
import { queueChanged } from '../queue-updates.js';

/** Operators open or close a queue by hand; the schedule takes over again at its next change (Q1). */
export function setQueueOpen(ctx: HandlerContext, command: Command<'set-queue-open'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  if (!agent?.operator || !mayServe(agent, command.queue)) return refuse('forbidden', 'opening and closing queues needs the operator role');
  if (queue.open === command.open) return done();
  queue.open = command.open;
  logQueue(queue, { at: ctx.now, kind: command.open ? 'opened' : 'closed', agent: ref(agent) });
  return done(queueChanged(ctx.store, queue.config.id, false));
}

export function queueLog(ctx: HandlerContext, command: Command<'queue-log'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  if (!agent || !mayServe(agent, command.queue)) return refuse('queue-not-allowed', `your token does not allow the queue "${command.queue}"`);
  return done([send(agent.id, { type: 'queue-log', queue: queue.config.id, entries: queue.log })]);
}
