/** The person started or stopped typing; fired at most every few seconds while they type. */
export class ChatTypingEvent extends Event {
  constructor(readonly detail: { typing: boolean; private: boolean }) {
    super('chat-typing', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-typing': ChatTypingEvent;
  }
}
