import type { Presence } from '../../protocol/common.js';

/** The agent signed in or out, or chose a presence, by their own action. */
export class ChatPresenceChangeEvent extends Event {
  constructor(readonly detail: { signedIn: boolean; presence: Presence; queues: string[] }) {
    super('chat-presence-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-presence-change': ChatPresenceChangeEvent;
  }
}
