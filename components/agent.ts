/** The agent elements, defined under their tags: the bundle a CRM page loads. */
import { AgentQueueBar } from './agent-queue-bar/agent-queue-bar.js';
import { ChatCall } from './chat-call/chat-call.js';
import { ChatComposer } from './chat-composer/chat-composer.js';
import { ChatConnection } from './chat-connection/chat-connection.js';
import { ChatMessageList } from './chat-message-list/chat-message-list.js';
import { ChatSession } from './chat-session/chat-session.js';

ChatConnection.define('chat-connection');
AgentQueueBar.define('agent-queue-bar');
ChatSession.define('chat-session');
ChatMessageList.define('chat-message-list');
ChatComposer.define('chat-composer');
ChatCall.define('chat-call');

export { AgentQueueBar, ChatCall, ChatComposer, ChatConnection, ChatMessageList, ChatSession };
export { registerTranslation } from './i18n/localize.js';
export type { Translation } from './i18n/translation.js';
// The events that reach the host CRM, as types only; importing them also brings their
// `GlobalEventHandlersEventMap` entries to TypeScript users.
export type { ChatCallErrorEvent, ChatCallHangupEvent } from './events/chat-call.js';
export type { ChatChoiceEvent } from './events/chat-choice.js';
export type { ChatConversationEndEvent } from './events/chat-conversation-end.js';
export type { ChatConversationStartEvent } from './events/chat-conversation-start.js';
export type { ChatCustomerOpenEvent } from './events/chat-customer-open.js';
export type { ChatFileRemoveEvent, ChatFilesSelectEvent } from './events/chat-files.js';
export type { ChatMessageSendEvent } from './events/chat-message-send.js';
export type { ChatPresenceChangeEvent } from './events/chat-presence-change.js';
export type { ChatTicketEvent } from './events/chat-ticket.js';
export type { ChatTypingEvent } from './events/chat-typing.js';

declare global {
  interface HTMLElementTagNameMap {
    'chat-connection': ChatConnection;
    'agent-queue-bar': AgentQueueBar;
    'chat-session': ChatSession;
    'chat-message-list': ChatMessageList;
    'chat-composer': ChatComposer;
    'chat-call': ChatCall;
  }
}
