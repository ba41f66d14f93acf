import type { Presence, ServerMessage } from '../../protocol/index.js';
import type { Agent } from './model.js';
import type { RelayStore } from './store.js';

const defaultCapacity = 3;

/** Conversations at once this agent may hold in `queueId` (the token's limit wins over the queue's). */
export function capacityIn(store: RelayStore, agent: Agent, queueId: string): number {
  return agent.capacity ?? store.queue(queueId)?.config.maxConversationsPerAgent ?? defaultCapacity;
}

/** Conversations held plus a pending offer: what counts against capacity. */
export const loadOf = (agent: Agent): number => agent.conversations.size + (agent.offer ? 1 : 0);

export const presenceOf = (agent: Agent): Presence => (agent.signedIn ? agent.presence : 'offline');

/** What colleagues see: offline while no socket of the agent is open, even within the grace period. */
export const shownPresence = (agent: Agent): Presence => (agent.disconnectedAt === undefined ? presenceOf(agent) : 'offline');

export function agentStateEvent(store: RelayStore, agent: Agent): ServerMessage {
  const capacities = agent.queues.map((id) => capacityIn(store, agent, id));
  return {
    type: 'agent-state',
    signedIn: agent.signedIn,
    presence: presenceOf(agent),
    queues: agent.queues,
    capacity: agent.capacity ?? (capacities.length ? Math.max(...capacities) : defaultCapacity),
    operator: agent.operator,
  };
}

/** Signed in, available and connected: someone who can take a customer now. */
export const isAvailable = (agent: Agent | undefined): agent is Agent =>
  !!agent && agent.signedIn && agent.presence === 'available' && agent.disconnectedAt === undefined;

export const mayServe = (agent: Agent, queue: string) => agent.allowedQueues.includes('*') || agent.allowedQueues.includes(queue);
