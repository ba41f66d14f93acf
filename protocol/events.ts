import { z } from 'zod';
import { CommandId, ConversationId, ParticipantId, Presence, QueueId, Role, Routing, Seq, Timestamp } from './common.js';
import { errorCodes } from './errors.js';

export const Person = z.object({ id: ParticipantId, name: z.string(), role: Role });

export const QueueInfo = z.object({
  id: QueueId,
  name: z.string(),
  lang: z.string(),
  /** Agents' elements mask personal and payment data in this queue's conversations (P2). */
  maskPii: z.boolean(),
});

export const WaitingCustomer = z.object({
  id: ParticipantId,
  name: z.string(),
  joinedAt: Timestamp,
  media: z.enum(['text', 'video']),
  /** The customer's first message, if they wrote one while joining. */
  preview: z.string().optional(),
  /** Set while the relay offers this customer to an agent. */
  offeredTo: ParticipantId.optional(),
});

export const QueueAgent = z.object({
  id: ParticipantId,
  name: z.string(),
  presence: Presence,
  conversations: z.number().int().nonnegative(),
});

/** What agents serving a queue see of it (Q1, Q3, A4). */
export const QueueSnapshot = QueueInfo.extend({
  open: z.boolean(),
  routing: Routing,
  /** Seconds a customer may wait before available agents are alerted (Q7). */
  alertAfterSeconds: z.number().int().nonnegative(),
  /** When the schedule next opens or closes the queue, if it has one. */
  nextChange: Timestamp.optional(),
  waiting: z.array(WaitingCustomer),
  agents: z.array(QueueAgent),
});

export const QueueLogEntry = z.object({
  at: Timestamp,
  kind: z.enum(['opened', 'closed', 'joined', 'left', 'gone', 'offered', 'accepted', 'rejected', 'timed-out', 'picked', 'released']),
  agent: z.object({ id: ParticipantId, name: z.string() }).optional(),
  customer: z.object({ id: ParticipantId, name: z.string() }).optional(),
  /** `schedule` when the opening hours opened or closed the queue. */
  by: z.enum(['schedule']).optional(),
});

export const Offer = z.object({
  id: z.string(),
  queue: QueueId,
  customer: z.object({ id: ParticipantId, name: z.string() }),
  preview: z.string().optional(),
  joinedAt: Timestamp,
  expiresAt: Timestamp,
});

export const WelcomeEvent = z.object({
  type: z.literal('welcome'),
  v: z.number().int(),
  self: Person,
  /** Customers keep this to come back to the same conversation after a reload. */
  resumeToken: z.string().optional(),
  serverTime: Timestamp,
  queues: z.array(QueueInfo),
  /** Queues this agent's token allows. */
  allowedQueues: z.array(QueueId).optional(),
});

export const AckEvent = z.object({
  type: z.literal('ack'),
  id: CommandId,
  conversation: ConversationId.optional(),
});

export const ErrorEvent = z.object({
  type: z.literal('error'),
  code: z.enum(errorCodes),
  message: z.string(),
  id: CommandId.optional(),
});

export const QueueEvent = z.object({ type: z.literal('queue'), queue: QueueSnapshot });

/** The agent's own sign-in state. */
export const AgentStateEvent = z.object({
  type: z.literal('agent-state'),
  signedIn: z.boolean(),
  presence: Presence,
  queues: z.array(QueueId),
  /** Conversations at once this agent may hold. */
  capacity: z.number().int().positive(),
  /** Whether the agent may open and close queues. */
  operator: z.boolean(),
});

/** The relay offers a waiting customer to this agent, who accepts or rejects before `expiresAt`. */
export const OfferEvent = z.object({ type: z.literal('offer'), offer: Offer });

export const OfferWithdrawnEvent = z.object({
  type: z.literal('offer-withdrawn'),
  offer: z.string(),
  reason: z.enum(['timeout', 'taken', 'customer-left', 'rejected']),
});

/** A customer has waited past the queue's threshold (Q7); sent to available agents. */
export const AlertEvent = z.object({
  type: z.literal('alert'),
  queue: QueueId,
  customer: z.object({ id: ParticipantId, name: z.string() }),
  joinedAt: Timestamp,
});

export const QueueLogEvent = z.object({ type: z.literal('queue-log'), queue: QueueId, entries: z.array(QueueLogEntry) });

/** A waiting customer's place in line (W2); position 1 is next. */
export const WaitingEvent = z.object({
  type: z.literal('waiting'),
  queue: QueueId,
  position: z.number().int().positive(),
  joinedAt: Timestamp,
});

/** The customer is no longer waiting (they left, or the wait expired). */
export const LeftQueueEvent = z.object({ type: z.literal('left-queue'), queue: QueueId });

const conversationEvent = { conversation: ConversationId, seq: Seq, at: Timestamp };

export const ConversationStartedEvent = z.object({
  type: z.literal('conversation-started'),
  ...conversationEvent,
  queue: QueueId,
  customer: Person,
  agent: Person,
  joinedAt: Timestamp,
});

export const MessageEvent = z.object({
  type: z.literal('message'),
  ...conversationEvent,
  messageId: CommandId,
  author: Person,
  text: z.string(),
});

export const EndReason = z.enum(['customer-ended', 'agent-ended', 'customer-gone', 'released']);

export const ConversationEndedEvent = z.object({
  type: z.literal('conversation-ended'),
  ...conversationEvent,
  by: Person.optional(),
  reason: EndReason,
});

export const ConversationEvent = z.discriminatedUnion('type', [
  ConversationStartedEvent,
  MessageEvent,
  ConversationEndedEvent,
]);

/** Events of one conversation, in `seq` order, answering a `sync` or a reconnect. */
export const HistoryEvent = z.object({
  type: z.literal('history'),
  conversation: ConversationId,
  events: z.array(ConversationEvent),
});

export const ServerMessage = z.discriminatedUnion('type', [
  WelcomeEvent,
  AckEvent,
  ErrorEvent,
  QueueEvent,
  AgentStateEvent,
  OfferEvent,
  OfferWithdrawnEvent,
  AlertEvent,
  QueueLogEvent,
  WaitingEvent,
  LeftQueueEvent,
  ConversationStartedEvent,
  MessageEvent,
  ConversationEndedEvent,
  HistoryEvent,
]);

export type Person = z.infer<typeof Person>;
export type QueueInfo = z.infer<typeof QueueInfo>;
export type WaitingCustomer = z.infer<typeof WaitingCustomer>;
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;
export type QueueAgent = z.infer<typeof QueueAgent>;
export type QueueLogEntry = z.infer<typeof QueueLogEntry>;
export type Offer = z.infer<typeof Offer>;
export type WelcomeEvent = z.infer<typeof WelcomeEvent>;
export type ErrorEvent = z.infer<typeof ErrorEvent>;
export type EndReason = z.infer<typeof EndReason>;
export type ConversationStartedEvent = z.infer<typeof ConversationStartedEvent>;
export type MessageEvent = z.infer<typeof MessageEvent>;
export type ConversationEndedEvent = z.infer<typeof ConversationEndedEvent>;
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerEventType = ServerMessage['type'];
export type ServerEvent<T extends ServerEventType = ServerEventType> = Extract<ServerMessage, { type: T }>;
