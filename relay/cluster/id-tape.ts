import { nanoid } from 'nanoid';

/**
 * The domain's source of new ids (customers, conversations, offers…). Live, it draws random ids
 * and records them, so the journal can keep them beside the input; in a replay it hands out the
 * recorded ones, so the replayed input decides exactly what the live one did.
 */
export class IdTape {
  #drawn: string[] = [];
  #recorded: string[] | undefined;

  readonly next = (): string => {
    const recorded = this.#recorded?.shift();
    if (recorded !== undefined) return recorded;
    if (this.#recorded) console.error('tiski relay: a replayed input drew more ids than it did live; the replay goes on with new ones');
    const id = nanoid();
    this.#drawn.push(id);
    return id;
  };

  /** Starts recording the ids of a live input. */
  record(): void {
    this.#drawn = [];
    this.#recorded = undefined;
  }

  /** Starts handing out an input's recorded ids. */
  play(ids: readonly string[]): void {
    this.#drawn = [];
    this.#recorded = [...ids];
  }

  /** The ids drawn since `record`. */
  drawn(): string[] {
    return this.#drawn;
  }
}
