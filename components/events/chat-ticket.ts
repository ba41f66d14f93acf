import type { ConversationEvent, Person } from '../../protocol/events.js';

/** The agent asked for a ticket: the host CRM gets the transcript as the agent sees it (C15). */
export class ChatTicketEvent extends Event {
  constructor(readonly detail: { conversation: string; queue: string; customer: Person; transcript: ConversationEvent[] }) {
    super('chat-ticket', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-ticket': ChatTicketEvent;
  }
}
