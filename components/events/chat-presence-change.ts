/** The agent signed in to queues or signed out, by their own action. */
export class ChatPresenceChangeEvent extends Event {
  constructor(readonly detail: { signedIn: boolean; queues: string[] }) {
    super('chat-presence-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-presence-change': ChatPresenceChangeEvent;
  }
}
