/** "Still typing" is repeated at most this often. */
export const typingRepeatMs = 2500;
/** Without a keystroke for this long, the person stopped typing. */
export const typingIdleMs = 4000;

/** Turns keystrokes into few typing/stopped notices: the first at once, repeats throttled, stopped after a pause. */
export class TypingNotifier {
  #typing = false;
  #lastSent = 0;
  #idle?: ReturnType<typeof setTimeout>;

  constructor(private readonly notify: (typing: boolean) => void) {}

  /** A keystroke; `empty` when the field is now empty. */
  input(empty: boolean, now = Date.now()): void {
    clearTimeout(this.#idle);
    if (empty) return this.stop(true);
    if (!this.#typing || now - this.#lastSent >= typingRepeatMs) {
      this.#typing = true;
      this.#lastSent = now;
      this.notify(true);
    }
    this.#idle = setTimeout(() => this.stop(true), typingIdleMs);
  }

  /** Typing ended: announced when `announce`, silently when the sent message says it. */
  stop(announce: boolean): void {
    clearTimeout(this.#idle);
    if (this.#typing && announce) this.notify(false);
    this.#typing = false;
  }
}
