import type { ConversationId, ParticipantId, QueueId, ServerMessage } from '../../protocol/index.js';

export type Topic = `queue:${QueueId}` | `conversation:${ConversationId}`;

export const queueTopic = (id: QueueId): Topic => `queue:${id}`;
export const conversationTopic = (id: ConversationId): Topic => `conversation:${id}`;

/** What the domain asks the transport to do, in order. */
export type Effect =
  | { kind: 'send'; to: ParticipantId; event: ServerMessage }
  | { kind: 'publish'; topic: Topic; event: ServerMessage }
  | { kind: 'subscribe'; who: ParticipantId; topic: Topic }
  | { kind: 'unsubscribe'; who: ParticipantId; topic: Topic };

export const send = (to: ParticipantId, event: ServerMessage): Effect => ({ kind: 'send', to, event });
export const publish = (topic: Topic, event: ServerMessage): Effect => ({ kind: 'publish', topic, event });
export const subscribe = (who: ParticipantId, topic: Topic): Effect => ({ kind: 'subscribe', who, topic });
export const unsubscribe = (who: ParticipantId, topic: Topic): Effect => ({ kind: 'unsubscribe', who, topic });
