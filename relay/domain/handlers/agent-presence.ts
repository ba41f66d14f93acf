import type { Command } from '../../../protocol/index.js';
import { agentStateEvent, mayServe } from '../agents.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { queueTopic, send, subscribe, unsubscribe, type Effect } from '../effects.js';
import type { Agent } from '../model.js';
import { withdrawOffersOf } from '../offers.js';
import { agentQueuesChanged, queueChanged } from '../queue-updates.js';
import type { DomainContext } from '../context.js';
import type { RelayStore } from '../store.js';

export { mayServe };

export function signIn(ctx: HandlerContext, command: Command<'sign-in'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents sign in to queues');
  const wanted = [...new Set(command.queues)];
  const unknown = wanted.find((id) => !ctx.store.queue(id));
  if (unknown) return refuse('queue-unknown', `there is no queue "${unknown}"`);
  const notAllowed = wanted.find((id) => !mayServe(agent, id));
  if (notAllowed) return refuse('queue-not-allowed', `your token does not allow the queue "${notAllowed}"`);
  // An offer from a queue the agent leaves would otherwise time out on them and turn them no-answer.
  const pending = agent.offer ? ctx.store.offer(agent.offer) : undefined;
  const effects = pending && !wanted.includes(pending.queue) ? withdrawOffersOf(ctx, agent, 'rejected') : [];
  effects.push(...leaveQueues(ctx.store, agent, agent.queues.filter((q) => !wanted.includes(q))));
  const added = wanted.filter((q) => !agent.queues.includes(q));
  if (!agent.signedIn) {
    agent.presence = 'available';
    agent.idleSince = ctx.now;
  }
  agent.signedIn = true;
  agent.queues = wanted;
  for (const id of added) {
    ctx.store.queue(id)?.agents.add(agent.id);
    effects.push(subscribe(agent.id, queueTopic(id)));
  }
  effects.push(send(agent.id, agentStateEvent(ctx.store, agent)));
  for (const id of added) effects.push(...queueChanged(ctx.store, id, false));
  return done(effects);
}

export function signOut(ctx: HandlerContext, _command: Command<'sign-out'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents sign out');
  if (agent.conversations.size > 0) {
    return refuse('active-conversations', `end your ${agent.conversations.size} active conversation(s) before signing out`);
  }
  return done(signOutAgent(ctx, agent));
}

/** Available or away; choosing available is also the only way out of no-answer (A2). */
export function setPresence(ctx: HandlerContext, command: Command<'presence'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents have a presence');
  if (!agent.signedIn) return refuse('not-signed-in', 'sign in to queues first');
  const effects: Effect[] = [];
  if (command.presence !== 'available') effects.push(...withdrawOffersOf(ctx, agent, 'rejected'));
  if (command.presence === 'available' && agent.presence !== 'available') agent.idleSince = ctx.now;
  agent.presence = command.presence;
  effects.push(send(agent.id, agentStateEvent(ctx.store, agent)), ...agentQueuesChanged(ctx.store, agent.queues));
  return done(effects);
}

export function signOutAgent(ctx: DomainContext, agent: Agent): Effect[] {
  const effects = withdrawOffersOf(ctx, agent, 'rejected');
  effects.push(...leaveQueues(ctx.store, agent, agent.queues));
  agent.signedIn = false;
  agent.queues = [];
  effects.push(send(agent.id, agentStateEvent(ctx.store, agent)));
  return effects;
}

export function leaveQueues(store: RelayStore, agent: Agent, queues: readonly string[]): Effect[] {
  const effects: Effect[] = [];
  for (const id of queues) {
    store.queue(id)?.agents.delete(agent.id);
    effects.push(unsubscribe(agent.id, queueTopic(id)), ...queueChanged(store, id, false));
  }
  return effects;
}
