import type { Command } from '../../../protocol/index.js';
import { isAvailable, mayServe, shownPresence } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { isParticipant, transcript } from '../conversation-log.js';
import { send, webhook } from '../effects.js';
import { personOf } from './participants.js';

/** Sends the conversation's transcript to the CRM (C15): a webhook; the page gets its event from the element. */
export function ticket(ctx: HandlerContext, command: Command<'ticket'>): Outcome {
  const conversation = ctx.store.conversation(command.conversation);
  if (!conversation) return refuse('conversation-unknown', 'there is no such conversation');
  const involved = conversation.agent === ctx.actor.id || conversation.guests.has(ctx.actor.id) || conversation.formerAgents.has(ctx.actor.id);
  if (!involved) return refuse('not-participant', 'only agents of this conversation create its ticket');
  return done([webhook('ticket', { requestedBy: personOf(ctx), at: ctx.now, transcript: transcript(ctx.store, conversation) })], conversation.id);
}

/** The agents and queues to transfer to or invite (C9), as they are now. */
export function directory(ctx: HandlerContext, _command: Command<'directory'>): Outcome {
  const agents = [...ctx.store.agents()]
    .filter((a) => a.signedIn && a.id !== ctx.actor.id)
    .map((a) => ({ id: a.id, name: a.name, presence: shownPresence(a), queues: a.queues }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const queues = [...ctx.store.queues()].map((q) => ({
    id: q.config.id,
    name: q.config.name,
    available: [...q.agents].filter((id) => id !== ctx.actor.id && isAvailable(ctx.store.agent(id))).length,
  }));
  return done([send(ctx.actor.id, { type: 'directory', agents, queues })]);
}

const recentLimit = 50;

/** Ended conversations of the agent's queues, or that the agent took part in, newest first (C16). */
export function recent(ctx: HandlerContext, _command: Command<'recent'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents see recent conversations');
  const conversations = [...ctx.store.conversations()]
    .filter((c) => c.ended && (mayServe(agent, c.queue) || isParticipant(c, agent.id) || c.formerAgents.has(agent.id)))
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))
    .slice(0, recentLimit)
    .map((c) => ({
      id: c.id,
      queue: c.queue,
      customer: { id: c.customer, name: ctx.store.customer(c.customer)?.name ?? startedName(c.log) },
      endedAt: c.endedAt ?? ctx.now,
      events: c.log,
    }));
  return done([send(agent.id, { type: 'recent', conversations })]);
}

function startedName(log: readonly { type: string }[]): string {
  const started = log[0] as { type: string; customer?: { name: string } } | undefined;
  return started?.customer?.name ?? '';
}
