import type { QueueLogEntry } from '../../protocol/index.js';
import type { Queue } from './model.js';

/** Entries kept per queue; older ones fall off. */
export const queueLogLimit = 500;

export function logQueue(queue: Queue, entry: QueueLogEntry): void {
  queue.log.push(entry);
  if (queue.log.length > queueLogLimit) queue.log.splice(0, queue.log.length - queueLogLimit);
}

export const ref = (who: { id: string; name: string }) => ({ id: who.id, name: who.name });
