import type { QueueId, QueueSnapshot } from '../../protocol/index.js';
import { publish, queueTopic, send, type Effect } from './effects.js';
import type { Queue } from './model.js';
import type { RelayStore } from './store.js';

export function queueSnapshot(store: RelayStore, queue: Queue): QueueSnapshot {
  const { id, name, lang, maskPii } = queue.config;
  const waiting = queue.waiting.flatMap((customerId) => {
    const customer = store.customer(customerId);
    return customer?.waiting ? [{ id: customer.id, name: customer.name, joinedAt: customer.waiting.joinedAt }] : [];
  });
  const agents = [...queue.agents].flatMap((agentId) => {
    const agent = store.agent(agentId);
    return agent ? [{ id: agent.id, name: agent.name }] : [];
  });
  return { id, name, lang, maskPii, open: queue.open, waiting, agents };
}

/** After a queue changed: a fresh snapshot to its agents and each waiting customer's place in line. */
export function queueChanged(store: RelayStore, queueId: QueueId): Effect[] {
  const queue = store.queue(queueId);
  if (!queue) return [];
  const effects: Effect[] = [publish(queueTopic(queueId), { type: 'queue', queue: queueSnapshot(store, queue) })];
  queue.waiting.forEach((customerId, index) => {
    const joinedAt = store.customer(customerId)?.waiting?.joinedAt;
    if (joinedAt !== undefined) {
      effects.push(send(customerId, { type: 'waiting', queue: queueId, position: index + 1, joinedAt }));
    }
  });
  return effects;
}

export function removeFromQueue(queue: Queue, customerId: string): void {
  const index = queue.waiting.indexOf(customerId);
  if (index >= 0) queue.waiting.splice(index, 1);
}
