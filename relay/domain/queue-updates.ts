import type { QueueId, QueueSnapshot } from '../../protocol/index.js';
import { shownPresence } from './agents.js';
import { publish, queueTopic, send, type Effect } from './effects.js';
import type { Queue } from './model.js';
import type { RelayStore } from './store.js';

export function queueSnapshot(store: RelayStore, queue: Queue): QueueSnapshot {
  const nextChange = queue.nextScheduleChange;
  const { id, name, lang, maskPii, wrapUpReasons, routing, alertAfterSeconds, video } = queue.config;
  const waiting = queue.waiting.flatMap((customerId) => {
    const customer = store.customer(customerId);
    if (!customer?.waiting) return [];
    const { joinedAt, preview, offer, media, returning, proactive } = customer.waiting;
    const offeredTo = offer ? store.offer(offer)?.agent : undefined;
    return [
      {
        id: customer.id,
        name: customer.name,
        joinedAt,
        media: media ?? ('text' as const),
        ...(preview ? { preview: preview.text } : {}),
        ...(offeredTo ? { offeredTo } : {}),
        ...(returning ? { returning: true as const } : {}),
        ...(proactive ? { proactive: true as const } : {}),
      },
    ];
  });
  const agents = [...queue.agents].flatMap((agentId) => {
    const agent = store.agent(agentId);
    return agent ? [{ id: agent.id, name: agent.name, presence: shownPresence(agent), conversations: agent.conversations.size }] : [];
  });
  return {
    id,
    name,
    lang,
    maskPii,
    wrapUpReasons,
    ...(video ? { video } : {}),
    open: queue.open,
    routing,
    alertAfterSeconds,
    ...(nextChange !== undefined ? { nextChange } : {}),
    contacts: queue.contacts.length,
    waiting,
    agents,
  };
}

/**
 * After a queue changed: a fresh snapshot to its agents, and their place in line to the waiting
 * customers from index `movedFrom` on (those before it kept theirs; `false`: nobody moved). A join
 * tells the newcomer alone, so a long line fills in linear time, not quadratic.
 */
export function queueChanged(store: RelayStore, queueId: QueueId, movedFrom: number | false = 0): Effect[] {
  const queue = store.queue(queueId);
  if (!queue) return [];
  const snapshot = publish(queueTopic(queueId), { type: 'queue', queue: queueSnapshot(store, queue) });
  return movedFrom === false ? [snapshot] : [snapshot, ...placesInLine(store, queueId, movedFrom)];
}

/** Their place in line, with the queue's typical wait, to the waiting customers from index `from` on. */
export function placesInLine(store: RelayStore, queueId: QueueId, from = 0): Effect[] {
  const waiting = store.queue(queueId)?.waiting ?? [];
  const typical = typicalWait(store, queueId);
  const effects: Effect[] = [];
  for (let index = from; index < waiting.length; index++) effects.push(...placeInLine(store, queueId, waiting[index]!, index, typical));
  return effects;
}

/** A waiting customer's own place, for them alone: what a returning customer needs, when nothing else moved. */
export function ownPlace(store: RelayStore, queueId: QueueId, customerId: string): Effect[] {
  const index = store.queue(queueId)?.waiting.indexOf(customerId) ?? -1;
  return index < 0 ? [] : placeInLine(store, queueId, customerId, index, typicalWait(store, queueId));
}

export function typicalWait(store: RelayStore, queueId: QueueId): { typicalWait?: number } {
  const typicalMs = store.stats.typicalWaitMs(queueId);
  return typicalMs === undefined ? {} : { typicalWait: Math.round(typicalMs / 1000) };
}

function placeInLine(store: RelayStore, queueId: QueueId, customerId: string, index: number, typical: { typicalWait?: number }): Effect[] {
  const joinedAt = store.customer(customerId)?.waiting?.joinedAt;
  return joinedAt === undefined ? [] : [send(customerId, { type: 'waiting', queue: queueId, position: index + 1, joinedAt, ...typical })];
}

/** Snapshots of every queue the agent serves, after the agent's presence or load changed. */
export function agentQueuesChanged(store: RelayStore, queues: readonly QueueId[]): Effect[] {
  return queues.flatMap((id) => queueChanged(store, id, false));
}

export function removeFromQueue(queue: Queue, customerId: string): void {
  const index = queue.waiting.indexOf(customerId);
  if (index >= 0) queue.waiting.splice(index, 1);
}

/** Back to the front of the line, after a rejected or missed offer, or a release (Q6, C11). */
export function moveToFront(queue: Queue, customerId: string): void {
  removeFromQueue(queue, customerId);
  queue.waiting.unshift(customerId);
}
