/**
 * Seeded randomness for the chaos tests, so a failure reproduces: the seed is fixed unless
 * TISKI_CHAOS_SEED names another, and every failure names the seed it ran with.
 */

/** The seed of this run: TISKI_CHAOS_SEED when set, else a fixed one. */
export function chaosSeed(fallback = 20_250_110): number {
  const given = process.env.TISKI_CHAOS_SEED;
  if (given === undefined || given === '') return fallback;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`TISKI_CHAOS_SEED must be an integer, not "${given}"`);
  return seed;
}

/** A small, fast generator (mulberry32) with the helpers the tests draw from. */
export class Random {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('nothing to pick from');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` different items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }

  /** A generator of its own, so one consumer's draws do not shift another's. */
  fork(): Random {
    return new Random(Math.floor(this.next() * 4_294_967_296));
  }
}

/** Runs `body`; a failure's message names the seed that reproduces it. */
export async function withSeed<T>(seed: number, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Error) {
      const note = `[reproduce with TISKI_CHAOS_SEED=${seed}] `;
      error.message = note + error.message;
      // Reporters print the stack, written when the error was made.
      if (error.stack) error.stack = note + error.stack;
    }
    throw error;
  }
}
