import type { Command } from '../../../protocol/index.js';
import { mayServe } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { send } from '../effects.js';
import { queueReport } from '../stats/queue-stats.js';

/** An operator asks for a queue's statistics (Q5). */
export function stats(ctx: HandlerContext, command: Command<'stats'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent?.operator) return refuse('forbidden', 'statistics need the operator role');
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  if (!mayServe(agent, command.queue)) return refuse('queue-not-allowed', `your token does not allow the queue "${command.queue}"`);
  return done([send(agent.id, { type: 'stats', report: queueReport(ctx, queue, command.range) })]);
}
