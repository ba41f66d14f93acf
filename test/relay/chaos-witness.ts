/**
 * Everything any page ever saw of each conversation stream, by seq: two sightings of one seq in
 * one stream must be the same event, whoever saw them, live or in a replay, before or after a
 * drop or a reload. Customers and agents read separate streams of a conversation.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ConversationEvent, Role } from '../../protocol/index.js';

export class StreamWitness {
  readonly #streams = new Map<string, Map<number, ConversationEvent>>();
  readonly conflicts: string[] = [];

  see(reader: Role, event: ConversationEvent, who: string): void {
    const key = `${event.conversation}:${reader}`;
    let stream = this.#streams.get(key);
    if (!stream) this.#streams.set(key, (stream = new Map()));
    const earlier = stream.get(event.seq);
    if (!earlier) stream.set(event.seq, event);
    else if (!isDeepStrictEqual(earlier, event)) {
      this.conflicts.push(`${who} saw seq ${event.seq} of ${key} as ${JSON.stringify(event)}, earlier seen as ${JSON.stringify(earlier)}`);
    }
  }
}
