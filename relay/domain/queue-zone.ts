import type { QueueConfig } from '../config.js';

/** The time zone whose hours and days a queue's statistics follow (Q5): its own, else its schedule's, else UTC. */
export const queueTimeZone = (config: QueueConfig): string => config.timeZone ?? config.schedule?.timeZone ?? 'UTC';
