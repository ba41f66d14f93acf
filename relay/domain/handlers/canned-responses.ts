import type { Command } from '../../../protocol/index.js';
import { mayServe } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { send } from '../effects.js';

/** A queue's canned responses (C5), for agents the token allows in that queue; asked fresh so operators' edits show. */
export function cannedResponses(ctx: HandlerContext, command: Command<'canned-responses'>): Outcome {
  const queue = ctx.store.queue(command.queue);
  if (!queue) return refuse('queue-unknown', `there is no queue "${command.queue}"`);
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent || !mayServe(agent, queue.config.id)) return refuse('queue-not-allowed', `your token does not allow the queue "${command.queue}"`);
  return done([send(agent.id, { type: 'canned-responses', queue: queue.config.id, responses: queue.config.cannedResponses })]);
}
