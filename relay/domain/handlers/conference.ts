import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { removeGuest } from '../requests.js';
import { ownedBy, participantOf } from './participants.js';

/** The owner ends the conference: every invited agent leaves (C10). */
export function endConference(ctx: HandlerContext, command: Command<'end-conference'>): Outcome {
  const found = ownedBy(ctx, command.conversation);
  if (!found.ok) return found;
  const guests = [...found.conversation.guests];
  if (!guests.length) return refuse('forbidden', 'there is no conference: nobody was invited');
  return done(guests.flatMap((guest) => removeGuest(ctx, found.conversation, guest, 'conference-ended')), found.conversation.id);
}

/** An invited agent leaves; the owner and the customer stay. */
export function leaveConversation(ctx: HandlerContext, command: Command<'leave-conversation'>): Outcome {
  const found = participantOf(ctx, command.conversation);
  if (!found.ok) return found;
  if (!found.conversation.guests.has(ctx.actor.id)) return refuse('forbidden', 'only invited agents leave; the owner ends or transfers');
  return done(removeGuest(ctx, found.conversation, ctx.actor.id, 'left'), found.conversation.id);
}
