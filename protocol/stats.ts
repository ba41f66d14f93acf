import { z } from 'zod';
import { ParticipantId, QueueId, Timestamp } from './common.js';

/** Today (by hour), or the last 7 or 30 days including today (by day), in the queue's time zone (Q5). */
export const StatsRange = z.enum(['today', '7d', '30d']);

/** A duration's distribution in seconds; the figures are absent while nothing was counted. */
export const DurationSummary = z.object({
  count: z.number().int().nonnegative(),
  average: z.number().nonnegative().optional(),
  median: z.number().nonnegative().optional(),
  p90: z.number().nonnegative().optional(),
  max: z.number().nonnegative().optional(),
});

export const StatsFigures = z.object({
  /** Offers made to agents (offer routing). */
  offered: z.number().int().nonnegative(),
  /** Offers accepted and customers picked: conversations that began. */
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  timedOut: z.number().int().nonnegative(),
  /** Conversations that ended after an agent served them. */
  handled: z.number().int().nonnegative(),
  /** Customers who left the line, or were gone, before being served. */
  abandoned: z.number().int().nonnegative(),
  /** Conversations handed to another agent or queue. */
  transferred: z.number().int().nonnegative(),
  /** From joining the line to being served. */
  wait: DurationSummary,
  /** From being served to the end. */
  handling: DurationSummary,
  /** How long those who abandoned had waited. */
  abandonedAfter: DurationSummary,
  ratings: z.object({ count: z.number().int().nonnegative(), average: z.number().optional() }),
});

/** One bar of a chart: an hour of today, or a day. */
export const StatsPoint = z.object({
  start: Timestamp,
  /** `14` for the hour 14:00–15:00, `2026-11-23` for a day, in the queue's time zone. */
  label: z.string(),
  accepted: z.number().int().nonnegative(),
  handled: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
  averageWait: z.number().nonnegative().optional(),
});

export const StatsReport = z.object({
  queue: QueueId,
  range: StatsRange,
  timeZone: z.string(),
  from: Timestamp,
  to: Timestamp,
  totals: StatsFigures,
  series: z.array(StatsPoint),
  agents: z.array(z.object({ id: ParticipantId, name: z.string(), figures: StatsFigures })),
});

export type StatsRange = z.infer<typeof StatsRange>;
export type DurationSummary = z.infer<typeof DurationSummary>;
export type StatsFigures = z.infer<typeof StatsFigures>;
export type StatsPoint = z.infer<typeof StatsPoint>;
export type StatsReport = z.infer<typeof StatsReport>;
