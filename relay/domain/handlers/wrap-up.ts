import type { Command, WrapUp } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { agentsIn, appendDirect, transcript } from '../conversation-log.js';
import { webhook, type Effect } from '../effects.js';
import type { Conversation } from '../model.js';
import { personOf } from './participants.js';

/** A refusal when the reason is not one of the queue's, if the queue has a list. */
export function validWrapUp(ctx: HandlerContext, conversation: Conversation, wrapUp: WrapUp): Outcome | undefined {
  const reasons = ctx.store.queue(conversation.queue)?.config.wrapUpReasons ?? [];
  if (reasons.length && (!wrapUp.reason || !reasons.includes(wrapUp.reason))) {
    return refuse('reason-unknown', `choose one of the queue's wrap-up reasons: ${reasons.join(', ')}`);
  }
  return undefined;
}

/** The agent's wrap-up, for the agents' eyes only, sent straight to each since the streams may be closed. */
export function recordWrapUp(ctx: HandlerContext, conversation: Conversation, wrapUp: WrapUp): Effect[] {
  const readers = new Set([...agentsIn(conversation), ...conversation.formerAgents, ctx.actor.id]);
  const effects = appendDirect(conversation, { type: 'wrapped-up', agent: personOf(ctx), wrapUp }, ctx.now, readers, 'agents');
  effects.push(webhook('conversation.wrapped-up', { agent: personOf(ctx), wrapUp, transcript: transcript(ctx.store, conversation) }));
  return effects;
}

/** After the end, or after handing the conversation on, the agent wraps up their part (C12, C13). */
export function wrapUp(ctx: HandlerContext, command: Command<'wrap-up'>): Outcome {
  const conversation = ctx.store.conversation(command.conversation);
  if (!conversation) return refuse('conversation-unknown', 'there is no such conversation');
  const mine = conversation.agent === ctx.actor.id || conversation.formerAgents.has(ctx.actor.id);
  if (!mine) return refuse('not-participant', 'only the agents who owned this conversation wrap it up');
  if (!conversation.ended && conversation.agent === ctx.actor.id) {
    return refuse('forbidden', 'end the conversation first, or wrap up with the end');
  }
  const invalid = validWrapUp(ctx, conversation, command.wrapUp);
  if (invalid) return invalid;
  return done(recordWrapUp(ctx, conversation, command.wrapUp), conversation.id);
}
