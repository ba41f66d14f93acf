/** The customer widget, defined under its tag: the one file a website loads (it fetches the conversation view itself when opened). */
import type { ChatCall } from './chat-call/chat-call.js';
import type { ChatComposer } from './chat-composer/chat-composer.js';
import type { ChatMessageList } from './chat-message-list/chat-message-list.js';
import { ChatWidget } from './chat-widget/chat-widget.js';

ChatWidget.define('chat-widget');

export { ChatWidget };
export { registerTranslation } from './i18n/localize.js';
export type { Translation } from './i18n/translation.js';
// The events that reach the host page, as types only: the bundle ships no code for them beyond its own.
// Importing them also brings their `GlobalEventHandlersEventMap` entries to TypeScript users.
export type { ChatCallErrorEvent, ChatCallHangupEvent } from './events/chat-call.js';
export type { ChatChoiceEvent } from './events/chat-choice.js';
export type { ChatConversationEndEvent } from './events/chat-conversation-end.js';
export type { ChatConversationStartEvent } from './events/chat-conversation-start.js';
export type { ChatFileRemoveEvent, ChatFilesSelectEvent } from './events/chat-files.js';
export type { ChatIdentityErrorEvent } from './events/chat-identity-error.js';
export type { ChatMessageSendEvent } from './events/chat-message-send.js';
export type { ChatTypingEvent } from './events/chat-typing.js';

declare global {
  interface HTMLElementTagNameMap {
    'chat-widget': ChatWidget;
    // Defined by this bundle too: the conversation view when the window first opens, the call when one begins.
    'chat-message-list': ChatMessageList;
    'chat-composer': ChatComposer;
    'chat-call': ChatCall;
  }
}
