/** The person asked to send a message. Cancel it to keep the text in the composer and send nothing. */
export class ChatMessageSendEvent extends Event {
  constructor(readonly detail: { text: string; private: boolean }) {
    super('chat-message-send', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-message-send': ChatMessageSendEvent;
  }
}
