/**
 * Keeps a test relay's FakeClock moving with real time, `speed` times as fast, and lets a test
 * jump it ahead. The relay reads the same clock for rate limits, grace periods and the resume
 * window, so a moving clock lets clients send at an honest rate while jumps stand in for long
 * outages.
 */
import type { FakeClock } from './helpers.js';

export class ClockDriver {
  #timer: ReturnType<typeof setInterval>;
  #last = performance.now();
  #carry = 0;

  constructor(
    readonly clock: FakeClock,
    readonly speed = 1,
  ) {
    this.#timer = setInterval(() => this.#follow(), 10);
  }

  #follow(): void {
    const now = performance.now();
    const ms = (now - this.#last) * this.speed + this.#carry;
    this.#last = now;
    this.#carry = ms - Math.floor(ms);
    this.clock.advance(Math.floor(ms));
  }

  /** Moves the clock `ms` ahead at once, beside its running. */
  jump(ms: number): void {
    this.clock.advance(ms);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
