/** Which server messages are conversation events, without the schemas: the widget carries no zod. */
import type { ConversationEvent } from './conversation-events.js';
import type { ServerMessage } from './events.js';

/** Every conversation event type: the compiler fails here when the schema gains one. */
const types: Record<ConversationEvent['type'], true> = {
  'conversation-started': true,
  message: true,
  'conversation-ended': true,
  'agent-joined': true,
  'agent-left': true,
  'wrapped-up': true,
  call: true,
  rated: true,
  'conversation-reopened': true,
};

export const isConversationEvent = (m: ServerMessage): m is ConversationEvent => Object.hasOwn(types, m.type);
