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
