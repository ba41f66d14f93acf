import type { Command } from '../../../protocol/index.js';
import { done, type HandlerContext, type Outcome } from '../context.js';
import { send } from '../effects.js';
import { allowedQueue } from './participants.js';

/** A queue's canned responses (C5), for agents the token allows in that queue; asked fresh so operators' edits show. */
export function cannedResponses(ctx: HandlerContext, command: Command<'canned-responses'>): Outcome {
  const found = allowedQueue(ctx, command.queue);
  if (!found.ok) return found;
  return done([send(ctx.actor.id, { type: 'canned-responses', queue: found.queue.config.id, responses: found.queue.config.cannedResponses })]);
}
