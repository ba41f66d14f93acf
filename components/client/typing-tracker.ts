import type { Person, ServerEvent } from '../../protocol/events.js';

/** A "typing" lasts this long unless renewed: a lost "stopped" must not leave it on. */
export const typingShownMs = 6000;

/** Who is typing in which conversation, as the relay reported it. */
export class TypingTracker {
  readonly #typing = new Map<string, Map<string, { who: Person; until: number }>>();

  apply(event: ServerEvent<'typing'>, now: number): void {
    const people = this.#typing.get(event.conversation) ?? new Map();
    if (event.typing) people.set(event.who.id, { who: event.who, until: now + typingShownMs });
    else people.delete(event.who.id);
    this.#typing.set(event.conversation, people);
  }

  /** A message arrived from `who`: they are done typing it. */
  stopped(conversation: string, who: string): void {
    this.#typing.get(conversation)?.delete(who);
  }

  /** Those typing now in the conversation, apart from `self`. */
  typing(conversation: string, now: number, self?: string): Person[] {
    return [...(this.#typing.get(conversation)?.values() ?? [])].filter((t) => t.until > now && t.who.id !== self).map((t) => t.who);
  }
}
