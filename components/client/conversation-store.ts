import type { ConversationId, QueueId } from '../../protocol/common.js';
import type { ConversationEvent, EndReason, MessageEvent, Person } from '../../protocol/events.js';

export interface ConversationView {
  id: ConversationId;
  queue: QueueId;
  customer: Person;
  agent: Person;
  joinedAt: number;
  startedAt: number;
  ended?: { reason: EndReason; by?: Person; at: number };
  messages: MessageEvent[];
  /** The last `seq` applied; events at or below it are duplicates. */
  seq: number;
}

export type ApplyResult = 'applied' | 'duplicate' | 'gap';

/** Conversations as one side sees them, built from events applied once each, in `seq` order. */
export class ConversationStore {
  readonly #conversations = new Map<ConversationId, ConversationView>();

  get(id: ConversationId): ConversationView | undefined {
    return this.#conversations.get(id);
  }

  /** Most recently started first. */
  all(): ConversationView[] {
    return [...this.#conversations.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  lastSeq(id: ConversationId): number {
    return this.#conversations.get(id)?.seq ?? 0;
  }

  apply(event: ConversationEvent): ApplyResult {
    const existing = this.#conversations.get(event.conversation);
    const last = existing?.seq ?? 0;
    if (event.seq <= last) return 'duplicate';
    if (event.seq !== last + 1) return 'gap';
    if (event.type === 'conversation-started') {
      const { conversation: id, queue, customer, agent, joinedAt, at } = event;
      this.#conversations.set(id, { id, queue, customer, agent, joinedAt, startedAt: at, messages: [], seq: event.seq });
      return 'applied';
    }
    if (!existing) return 'gap';
    existing.seq = event.seq;
    if (event.type === 'message') existing.messages = [...existing.messages, event];
    else existing.ended = event.by ? { reason: event.reason, by: event.by, at: event.at } : { reason: event.reason, at: event.at };
    return 'applied';
  }

  forget(id: ConversationId): void {
    this.#conversations.delete(id);
  }

  clear(): void {
    this.#conversations.clear();
  }
}
