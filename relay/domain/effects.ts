import type { ConversationId, ParticipantId, QueueId, ServerMessage } from '../../protocol/index.js';

export type Topic = `queue:${QueueId}` | `customer:${ConversationId}` | `agents:${ConversationId}`;

export const queueTopic = (id: QueueId): Topic => `queue:${id}`;
/** A conversation's customer stream: public events, numbered for the customer. */
export const customerTopic = (id: ConversationId): Topic => `customer:${id}`;
/** A conversation's agent stream: every event, private ones included. */
export const agentsTopic = (id: ConversationId): Topic => `agents:${id}`;

export type WebhookEvent = 'conversation.ended' | 'conversation.wrapped-up' | 'conversation.rated' | 'ticket' | 'offline-contact';

/** What the domain asks the transport to do, in order. */
export type Effect =
  | { kind: 'send'; to: ParticipantId; event: ServerMessage }
  | { kind: 'publish'; topic: Topic; event: ServerMessage }
  | { kind: 'subscribe'; who: ParticipantId; topic: Topic }
  | { kind: 'unsubscribe'; who: ParticipantId; topic: Topic }
  | { kind: 'webhook'; event: WebhookEvent; payload: unknown }
  | { kind: 'disconnect'; who: ParticipantId; reason: string }
  /** The conversation is forgotten: its uploaded files go too. */
  | { kind: 'remove-files'; conversation: ConversationId };

export const send = (to: ParticipantId, event: ServerMessage): Effect => ({ kind: 'send', to, event });
export const publish = (topic: Topic, event: ServerMessage): Effect => ({ kind: 'publish', topic, event });
export const subscribe = (who: ParticipantId, topic: Topic): Effect => ({ kind: 'subscribe', who, topic });
export const unsubscribe = (who: ParticipantId, topic: Topic): Effect => ({ kind: 'unsubscribe', who, topic });
export const webhook = (event: WebhookEvent, payload: unknown): Effect => ({ kind: 'webhook', event, payload });
