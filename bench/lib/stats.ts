/** Medians, percentiles and number formatting shared by the benchmarks. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, runs: sorted.length };
}

/** The value below which `p` (0–1) of the sorted samples fall (nearest rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

/** A growable list of latency samples in milliseconds. */
export class Samples {
  #values = new Float64Array(1 << 16);
  #length = 0;

  add(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  /** p50, p99, p99.9 and max, in milliseconds. */
  percentiles(): { p50: number; p99: number; p999: number; max: number; count: number } {
    const sorted = this.#values.slice(0, this.#length).sort();
    return {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      p999: percentile(sorted, 0.999),
      max: sorted[sorted.length - 1] ?? NaN,
      count: sorted.length,
    };
  }
}

/** Three significant digits, thousands grouped: 1 234, 56.7, 0.123. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US').replace(/,/g, ' ');
  return Number(value.toPrecision(digits)).toString();
}

/** "median (min–max)" */
export function mmm(summary: Summary, unit = '', digits = 3): string {
  if (!Number.isFinite(summary.median)) return '–';
  if (summary.runs <= 1) return `${num(summary.median, digits)}${unit}`;
  return `${num(summary.median, digits)}${unit} (${num(summary.min, digits)}–${num(summary.max, digits)})`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
