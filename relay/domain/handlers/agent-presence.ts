import type { Command } from '../../../protocol/index.js';
import { done, refuse, type HandlerContext, type Outcome } from '../context.js';
import { queueTopic, send, subscribe, unsubscribe, type Effect } from '../effects.js';
import type { Agent } from '../model.js';
import { queueChanged } from '../queue-updates.js';
import type { RelayStore } from '../store.js';

export const mayServe = (agent: Agent, queue: string) =>
  agent.allowedQueues.includes('*') || agent.allowedQueues.includes(queue);

export function signIn(ctx: HandlerContext, command: Command<'sign-in'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents sign in to queues');
  const wanted = [...new Set(command.queues)];
  const unknown = wanted.find((id) => !ctx.store.queue(id));
  if (unknown) return refuse('queue-unknown', `there is no queue "${unknown}"`);
  const notAllowed = wanted.find((id) => !mayServe(agent, id));
  if (notAllowed) return refuse('queue-not-allowed', `your token does not allow the queue "${notAllowed}"`);
  const effects = leaveQueues(ctx.store, agent, agent.queues.filter((q) => !wanted.includes(q)));
  const added = wanted.filter((q) => !agent.queues.includes(q));
  agent.signedIn = true;
  agent.queues = wanted;
  for (const id of added) {
    ctx.store.queue(id)?.agents.add(agent.id);
    effects.push(subscribe(agent.id, queueTopic(id)));
  }
  effects.push(send(agent.id, { type: 'agent-state', signedIn: true, queues: wanted }));
  for (const id of added) effects.push(...queueChanged(ctx.store, id));
  return done(effects);
}

export function signOut(ctx: HandlerContext, _command: Command<'sign-out'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent) return refuse('forbidden', 'only agents sign out');
  if (agent.conversations.size > 0) {
    return refuse('active-conversations', `end your ${agent.conversations.size} active conversation(s) before signing out`);
  }
  return done(signOutAgent(ctx.store, agent));
}

export function signOutAgent(store: RelayStore, agent: Agent): Effect[] {
  const effects = leaveQueues(store, agent, agent.queues);
  agent.signedIn = false;
  agent.queues = [];
  effects.push(send(agent.id, { type: 'agent-state', signedIn: false, queues: [] }));
  return effects;
}

export function leaveQueues(store: RelayStore, agent: Agent, queues: readonly string[]): Effect[] {
  const effects: Effect[] = [];
  for (const id of queues) {
    store.queue(id)?.agents.delete(agent.id);
    effects.push(unsubscribe(agent.id, queueTopic(id)), ...queueChanged(store, id));
  }
  return effects;
}
