import type { ConversationId, QueueId } from '../../protocol/common.js';
import type {
  AgentJoinedEvent,
  AgentLeftEvent,
  CallEvent,
  ConversationCustomerInfo,
  ConversationEvent,
  ConversationReopenedEvent,
  EndReason,
  MessageEvent,
  Person,
  WrappedUpEvent,
} from '../../protocol/events.js';

/** What a message list shows: messages, who joined or left, the video call's turns, and a return after the end. */
export type TimelineEvent = MessageEvent | AgentJoinedEvent | AgentLeftEvent | CallEvent | ConversationReopenedEvent;

export interface ConversationView {
  id: ConversationId;
  queue: QueueId;
  customer: Person;
  /** The agent who owns the conversation now. */
  agent: Person;
  /** Agents invited in now (C10). */
  guests: Person[];
  joinedAt: number;
  startedAt: number;
  /** What the widget told and the host site signed about the customer (C4, W6). */
  info?: ConversationCustomerInfo;
  /** The customer's rating after the end (W5), as agents see it. */
  rating?: { stars: number; comment?: string };
  /** How it began: a video chat cannot go on as text (V2). */
  media: 'text' | 'video';
  /** The customer accepted an invitation to chat (W10). */
  proactive?: true;
  /** The video call while asked for or going on (V1); `seq` tells one call from the next. */
  call?: { state: 'asked' | 'started'; seq: number; by?: Person };
  /** Answered choice menus: the option chosen, by the menu's message id (C6). */
  answers: ReadonlyMap<string, number>;
  ended?: { reason: EndReason; by?: Person; at: number };
  /** The `seq` of the last return to it after an end (W5). */
  reopenedSeq?: number;
  messages: MessageEvent[];
  timeline: TimelineEvent[];
  wrapUps: WrappedUpEvent[];
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
      const { conversation: id, queue, customer, agent, joinedAt, at, info } = event;
      const view: ConversationView = {
        id,
        queue,
        customer,
        agent,
        guests: [],
        joinedAt,
        startedAt: at,
        media: event.media ?? 'text',
        answers: new Map(),
        messages: [],
        timeline: [],
        wrapUps: [],
        seq: event.seq,
      };
      if (info) view.info = info;
      if (event.proactive) view.proactive = true;
      this.#conversations.set(id, view);
      return 'applied';
    }
    if (!existing) return 'gap';
    existing.seq = event.seq;
    switch (event.type) {
      case 'message':
        if (event.answers) existing.answers = new Map([...existing.answers, [event.answers.message, event.answers.option]]);
        existing.messages = [...existing.messages, event];
        existing.timeline = [...existing.timeline, event];
        break;
      case 'conversation-ended':
        delete existing.call;
        existing.ended = event.by ? { reason: event.reason, by: event.by, at: event.at } : { reason: event.reason, at: event.at };
        break;
      case 'agent-joined':
        if (event.via === 'transfer') existing.agent = event.agent;
        if (event.queue) existing.queue = event.queue;
        else existing.guests = [...existing.guests.filter((g) => g.id !== event.agent.id), event.agent];
        existing.timeline = [...existing.timeline, event];
        break;
      case 'agent-left':
        existing.guests = existing.guests.filter((g) => g.id !== event.agent.id);
        existing.timeline = [...existing.timeline, event];
        break;
      case 'wrapped-up':
        existing.wrapUps = [...existing.wrapUps, event];
        break;
      case 'conversation-reopened':
        delete existing.ended;
        existing.agent = event.agent;
        existing.guests = [];
        existing.reopenedSeq = event.seq;
        existing.timeline = [...existing.timeline, event];
        break;
      case 'rated':
        existing.rating = event.comment ? { stars: event.stars, comment: event.comment } : { stars: event.stars };
        break;
      case 'call':
        if (event.state === 'asked' || event.state === 'started') existing.call = { state: event.state, seq: event.seq, ...(event.by ? { by: event.by } : {}) };
        else delete existing.call;
        existing.timeline = [...existing.timeline, event];
        break;
    }
    return 'applied';
  }

  /** Drops one conversation: a whole stream follows to replace it (R2). */
  remove(id: ConversationId): void {
    this.#conversations.delete(id);
  }

  clear(): void {
    this.#conversations.clear();
  }
}
