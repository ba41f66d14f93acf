import type { CallFailure } from '../chat-call/call-peer.js';

/** The person pressed Hang up; the element holding the conversation decides what that ends. */
export class ChatCallHangupEvent extends Event {
  constructor(readonly detail: { conversation: string }) {
    super('chat-call-hangup', { bubbles: true, composed: true });
  }
}

/** The call could not use the camera or microphone, or could not start; the chat goes on. */
export class ChatCallErrorEvent extends Event {
  constructor(readonly detail: { conversation: string; reason: CallFailure }) {
    super('chat-call-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-call-hangup': ChatCallHangupEvent;
    'chat-call-error': ChatCallErrorEvent;
  }
}
