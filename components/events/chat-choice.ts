/** The customer chose an option of a choice menu (C6). */
export class ChatChoiceEvent extends Event {
  constructor(readonly detail: { message: string; option: number; text: string }) {
    super('chat-choice', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-choice': ChatChoiceEvent;
  }
}
