import { maskPii } from '../../components/pii/index.js';
import type { Actor, Queue } from './model.js';

/** In a queue with `redactPii`, what a customer writes is masked before it is stored or sent anywhere (P2). */
export function redactForQueue(queue: Queue | undefined, author: Actor['role'], text: string): string {
  return queue?.config.redactPii && author === 'customer' ? maskPii(text) : text;
}
