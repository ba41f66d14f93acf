import type { DurationSummary, StatsFigures } from '../../../protocol/index.js';
import { emptyHistogram, mergeHistogram, quantile, type DurationHistogram } from './histogram.js';

/** The counts of one queue, or one agent in it, over an hour; summed into longer spans for reports. */
export interface Tally {
  offered: number;
  accepted: number;
  rejected: number;
  timedOut: number;
  handled: number;
  abandoned: number;
  transferred: number;
  wait: DurationHistogram;
  handling: DurationHistogram;
  abandonedAfter: DurationHistogram;
  ratings: number;
  starsSum: number;
}

export const emptyTally = (): Tally => ({
  offered: 0,
  accepted: 0,
  rejected: 0,
  timedOut: 0,
  handled: 0,
  abandoned: 0,
  transferred: 0,
  wait: emptyHistogram(),
  handling: emptyHistogram(),
  abandonedAfter: emptyHistogram(),
  ratings: 0,
  starsSum: 0,
});

export function addTally(into: Tally, from: Tally): void {
  into.offered += from.offered;
  into.accepted += from.accepted;
  into.rejected += from.rejected;
  into.timedOut += from.timedOut;
  into.handled += from.handled;
  into.abandoned += from.abandoned;
  into.transferred += from.transferred;
  mergeHistogram(into.wait, from.wait);
  mergeHistogram(into.handling, from.handling);
  mergeHistogram(into.abandonedAfter, from.abandonedAfter);
  into.ratings += from.ratings;
  into.starsSum += from.starsSum;
}

/** Seconds to the millisecond, the clock's own precision. */
export const toMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

export function summary(histogram: DurationHistogram): DurationSummary {
  if (histogram.count === 0) return { count: 0 };
  return {
    count: histogram.count,
    average: toMs(histogram.sum / histogram.count),
    median: toMs(quantile(histogram, 0.5)),
    p90: toMs(quantile(histogram, 0.9)),
    max: toMs(histogram.max),
  };
}

export function figures(tally: Tally): StatsFigures {
  const { offered, accepted, rejected, timedOut, handled, abandoned, transferred } = tally;
  return {
    offered,
    accepted,
    rejected,
    timedOut,
    handled,
    abandoned,
    transferred,
    wait: summary(tally.wait),
    handling: summary(tally.handling),
    abandonedAfter: summary(tally.abandonedAfter),
    ratings: tally.ratings ? { count: tally.ratings, average: Math.round((tally.starsSum / tally.ratings) * 100) / 100 } : { count: 0 },
  };
}
