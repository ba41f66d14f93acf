/**
 * A duration's distribution in fixed, log-spaced buckets, with its count, sum and maximum kept
 * exactly: so the average and the maximum are exact, and quantiles are read within a bucket.
 *
 * Error bound: a quantile is interpolated inside the bucket that holds the nearest-rank value
 * (the ⌈q·n⌉-th smallest), never outside it, so it is off by less than that bucket's width:
 * under 1 s below 5 s, and under half the bucket's lower bound above that (every bucket from 2 s
 * up ends at most 1.5 times where it starts), which is under 50 % of the true value. Above the
 * last bound (2 h) the error is under `max − 7200 s`.
 */

/** Upper bounds of the buckets, in seconds; one more bucket holds everything longer. */
export const durationBounds: readonly number[] = [
  1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 450, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200,
];

export interface DurationHistogram {
  /** Per bucket; empty until the first duration, so tallies that never time anything stay small. */
  counts: number[];
  count: number;
  /** Seconds. */
  sum: number;
  max: number;
}

export const emptyHistogram = (): DurationHistogram => ({ counts: [], count: 0, sum: 0, max: 0 });

export function addDuration(histogram: DurationHistogram, ms: number): void {
  const seconds = Math.max(0, ms) / 1000;
  if (histogram.counts.length === 0) histogram.counts = new Array<number>(durationBounds.length + 1).fill(0);
  let bucket = 0;
  while (bucket < durationBounds.length && seconds >= durationBounds[bucket]!) bucket++;
  histogram.counts[bucket]!++;
  histogram.count++;
  histogram.sum += seconds;
  histogram.max = Math.max(histogram.max, seconds);
}

export function mergeHistogram(into: DurationHistogram, from: DurationHistogram): void {
  if (from.count === 0) return;
  if (into.counts.length === 0) into.counts = new Array<number>(durationBounds.length + 1).fill(0);
  from.counts.forEach((n, bucket) => (into.counts[bucket]! += n));
  into.count += from.count;
  into.sum += from.sum;
  into.max = Math.max(into.max, from.max);
}

/** The `q` quantile (0 < q ≤ 1) in seconds, linear within its bucket, whose top is the maximum seen. */
export function quantile(histogram: DurationHistogram, q: number): number {
  const rank = q * histogram.count;
  let below = 0;
  for (let bucket = 0; bucket < histogram.counts.length; bucket++) {
    const n = histogram.counts[bucket]!;
    if (n > 0 && below + n >= rank) {
      const lower = bucket === 0 ? 0 : durationBounds[bucket - 1]!;
      const upper = Math.min(durationBounds[bucket] ?? histogram.max, histogram.max);
      return lower + (upper - lower) * ((rank - below) / n);
    }
    below += n;
  }
  return histogram.max;
}
