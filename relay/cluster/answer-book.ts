import type { Envelope } from './inputs.js';

/**
 * A relay silent this long is gone for good (relays get a new id at every start; one cut off from
 * Redis resends every few seconds once back): its answers go. Long, so that a relay back from a
 * long split still has its repeats answered, not decided again.
 */
const silentRelayMs = 24 * 60 * 60_000;

interface RelayAnswers {
  /** Every input of the relay numbered below this has its answer there. */
  below: number;
  /** When the leader last heard from it. */
  heard: number;
  replies: Map<number, unknown>;
}

/** What the leader does with an input, as far as repeats go. */
export type Seen = { kind: 'new' } | { kind: 'repeat'; reply: unknown } | { kind: 'stale' };

export type AnswerBookSnapshot = Array<[relay: string, below: number, heard: number, replies: Array<[number, unknown]>]>;

/**
 * The answers to relays' inputs, kept until each relay says it has them: a relay numbers its
 * inputs and tells, with every input, the number below which it holds all its answers. A repeat
 * of an input whose answer went astray is answered from here, never decided twice, however many
 * inputs came between; what a relay holds is forgotten, so the book is as large as what relays
 * still wait for (and a relay silent for a day is forgotten whole). Inputs the leader makes itself
 * (ticks) carry no number and are never repeated.
 */
export class AnswerBook {
  readonly #relays = new Map<string, RelayAnswers>();

  /** Whether the input is new, a repeat (with its first answer), or a late copy its relay has the answer to. Changes nothing. */
  look(envelope: Envelope): Seen {
    const { n } = envelope;
    if (n === undefined) return { kind: 'new' };
    const answers = this.#relays.get(envelope.relay);
    if (!answers) return { kind: 'new' };
    if (n < answers.below) return { kind: 'stale' };
    return answers.replies.has(n) ? { kind: 'repeat', reply: answers.replies.get(n) } : { kind: 'new' };
  }

  /**
   * A new input decided and journaled: its answer is kept, and those its relay says it has are
   * forgotten. Only journaled inputs change the book, so a relay replaying the journal ends with
   * the leader's book.
   */
  remember(envelope: Envelope, now: number, reply: unknown): void {
    const { n, answeredBelow } = envelope;
    if (n === undefined) return;
    let answers = this.#relays.get(envelope.relay);
    if (!answers) this.#relays.set(envelope.relay, (answers = { below: 0, heard: now, replies: new Map() }));
    answers.heard = now;
    if (answeredBelow !== undefined && answeredBelow > answers.below) {
      answers.below = answeredBelow;
      // Kept in the order decided, which is the relay's order but for the odd input sent again: the first ones go.
      for (const kept of answers.replies.keys()) {
        if (kept >= answeredBelow) break;
        answers.replies.delete(kept);
      }
    }
    answers.replies.set(n, reply);
  }

  /** Forgets relays not heard from for a long while (gone for good: relays get a new id at every start). */
  forgetSilent(now: number): void {
    for (const [relay, answers] of this.#relays) if (now - answers.heard > silentRelayMs) this.#relays.delete(relay);
  }

  /** How many answers are kept. */
  get size(): number {
    let size = 0;
    for (const answers of this.#relays.values()) size += answers.replies.size;
    return size;
  }

  snapshot(): AnswerBookSnapshot {
    return [...this.#relays].map(([relay, { below, heard, replies }]) => [relay, below, heard, [...replies]]);
  }

  restore(snapshot: AnswerBookSnapshot): void {
    for (const [relay, below, heard, replies] of snapshot) this.#relays.set(relay, { below, heard, replies: new Map(replies) });
  }
}
