import type { EndReason } from '../../protocol/events.js';

/** A conversation this side takes part in has ended, by either side. */
export class ChatConversationEndEvent extends Event {
  constructor(readonly detail: { conversation: string; reason: EndReason }) {
    super('chat-conversation-end', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-conversation-end': ChatConversationEndEvent;
  }
}
