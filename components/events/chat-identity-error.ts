import type { ServerEvent } from '../../protocol/events.js';

/** The relay refused the customer's identity token (W6); the chat goes on with the customer unverified. */
export class ChatIdentityErrorEvent extends Event {
  constructor(readonly detail: { code: NonNullable<ServerEvent<'identity'>['code']>; message: string }) {
    super('chat-identity-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-identity-error': ChatIdentityErrorEvent;
  }
}
