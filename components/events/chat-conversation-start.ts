import type { Person } from '../../protocol/events.js';

/** A conversation this side takes part in has started. */
export class ChatConversationStartEvent extends Event {
  constructor(readonly detail: { conversation: string; queue: string; customer: Person; agent: Person }) {
    super('chat-conversation-start', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-conversation-start': ChatConversationStartEvent;
  }
}
