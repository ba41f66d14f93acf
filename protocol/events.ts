import { z } from 'zod';
import { CannedResponse, CommandId, ConversationId, ParticipantId, Presence, QueueId, Role, Routing, Seq, Timestamp } from './common.js';
import { CallSignal } from './commands.js';
import { ConversationEvent, HistoryEvent, Person } from './conversation-events.js';
import { errorCodes } from './errors.js';
import { StatsReport } from './stats.js';
import { ConfiguredInvitation, InvitationEndedEvent, InvitationEvent, VisitorsEvent } from './proactive.js';
import { SurveyField } from './survey.js';

export * from './conversation-events.js';


export const QueueInfo = z.object({
  id: QueueId,
  name: z.string(),
  lang: z.string(),
  /** Agents' elements mask personal and payment data in this queue's conversations (P2). */
  maskPii: z.boolean(),
  /** Reasons to choose from when wrapping up (C12); empty allows any. */
  wrapUpReasons: z.array(z.string()),
  /** Customers may start a video chat in this queue (V3). */
  video: z.boolean().optional(),
  /** The pre-chat survey the widget asks before joining (W1). */
  survey: z.array(SurveyField).optional(),
  /** Minutes after the end a customer may return to the chat (W5); absent when they may not. */
  returnMinutes: z.number().int().positive().optional(),
});

export const WaitingCustomer = z.object({
  id: ParticipantId,
  name: z.string(),
  joinedAt: Timestamp,
  media: z.enum(['text', 'video']),
  /** The customer's first message, if they wrote one while joining. */
  preview: z.string().optional(),
  /** Back to an ended conversation (W5): whoever takes the customer carries it on. */
  returning: z.literal(true).optional(),
  /** The customer accepted an invitation to chat (W10). */
  proactive: z.literal(true).optional(),
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
  /** Messages customers left while nobody served the queue (Q8). */
  contacts: z.number().int().nonnegative(),
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
  /** Set for a customer who asked for a video chat (V3). */
  media: z.literal('video').optional(),
  /** The customer accepted an invitation to chat (W10). */
  proactive: z.literal(true).optional(),
  joinedAt: Timestamp,
  expiresAt: Timestamp,
});

export const WelcomeEvent = z.object({
  type: z.literal('welcome'),
  v: z.number().int(),
  self: Person,
  /** Customers keep this to come back to the same conversation after a reload. */
  resumeToken: z.string().optional(),
  /** This relay's run: a client that comes back to the same epoch within the resume window gets only what it missed (R2). */
  epoch: z.string(),
  serverTime: Timestamp,
  queues: z.array(QueueInfo),
  /** Queues this agent's token allows. */
  allowedQueues: z.array(QueueId).optional(),
  /** STUN and TURN servers for video calls (V1), from the relay's configuration. */
  iceServers: z
    .array(z.object({ urls: z.union([z.string(), z.array(z.string())]), username: z.string().optional(), credential: z.string().optional() }))
    .optional(),
  /** Invitations the site configured (W10), for customers. */
  invitations: z.array(ConfiguredInvitation).optional(),
  /** What files may be attached (C7); absent when the relay takes none. */
  files: z.object({ maxFileBytes: z.number().int().positive(), types: z.array(z.string()), perMessage: z.number().int().positive() }).optional(),
});

export const AckEvent = z.object({
  type: z.literal('ack'),
  id: CommandId,
  conversation: ConversationId.optional(),
  /** The transfer or invitation the command opened. */
  request: z.string().optional(),
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
  /** The median wait of those served in this queue in the last 7 days, in seconds, once there are a few (W2). */
  typicalWait: z.number().nonnegative().optional(),
});

/** The customer is no longer waiting (they left, or the wait expired). */
export const LeftQueueEvent = z.object({
  type: z.literal('left-queue'),
  queue: QueueId,
  /** Set when the customer did not leave by choice. */
  reason: z.enum(['queue-deleted']).optional(),
});

/** A transfer or an invitation asked of this agent (C9, C10); answered with `answer-request`. */
export const AgentRequest = z.object({
  id: z.string(),
  kind: z.enum(['transfer', 'invite']),
  conversation: ConversationId,
  queue: QueueId,
  customer: z.object({ id: ParticipantId, name: z.string() }),
  from: z.object({ id: ParticipantId, name: z.string() }),
  /** Set when the request went to a queue rather than to one agent. */
  toQueue: QueueId.optional(),
  expiresAt: Timestamp,
});

export const RequestEvent = z.object({ type: z.literal('request'), request: AgentRequest });

/** A request is over: for its target(s), and for the agent who asked, with the outcome. */
export const RequestEndedEvent = z.object({
  type: z.literal('request-ended'),
  request: z.string(),
  kind: z.enum(['transfer', 'invite']),
  conversation: ConversationId,
  outcome: z.enum(['accepted', 'declined', 'timeout', 'taken', 'cancelled', 'conversation-ended']),
  /** Who accepted, when accepted. */
  by: z.object({ id: ParticipantId, name: z.string() }).optional(),
});

/** Agents and queues to choose from for transfers and invitations (C9). */
export const DirectoryEvent = z.object({
  type: z.literal('directory'),
  agents: z.array(z.object({ id: ParticipantId, name: z.string(), presence: Presence, queues: z.array(QueueId) })),
  queues: z.array(z.object({ id: QueueId, name: z.string(), available: z.number().int().nonnegative() })),
});

/** Ended conversations the agent may look back at, newest first, with their transcripts (C16). */
export const RecentEvent = z.object({
  type: z.literal('recent'),
  conversations: z.array(
    z.object({
      id: ConversationId,
      queue: QueueId,
      customer: z.object({ id: ParticipantId, name: z.string() }),
      endedAt: Timestamp,
      events: z.array(ConversationEvent),
    }),
  ),
});

/** Someone in the conversation is typing, or stopped; not part of its history. */
export const TypingEvent = z.object({
  type: z.literal('typing'),
  conversation: ConversationId,
  who: Person,
  typing: z.boolean(),
});

/** The customer's signed identity (W6): verified, or refused with the reason (the chat goes on unverified). */
export const IdentityEvent = z.object({
  type: z.literal('identity'),
  verified: z.boolean(),
  code: z.enum(['identity-invalid', 'identity-expired', 'identity-unsupported', 'identity-replayed']).optional(),
  message: z.string().optional(),
});

export const CannedResponsesEvent = z.object({ type: z.literal('canned-responses'), queue: QueueId, responses: z.array(CannedResponse) });

/** Lets this participant upload to and download from the conversation's files until `expiresAt` (C7). */
export const FileAccessEvent = z.object({
  type: z.literal('file-access'),
  conversation: ConversationId,
  token: z.string(),
  expiresAt: Timestamp,
});

/** Whether each queue takes chats now (Q8): open, and an agent available; else when it opens next. */
export const QueueStatusEvent = z.object({
  type: z.literal('queue-status'),
  queues: z.array(z.object({ id: QueueId, open: z.boolean(), staffed: z.boolean(), opensAt: Timestamp.optional() })),
});

/** A message a customer left while nobody served the queue (Q8). */
export const SavedContact = z.object({
  id: z.string(),
  queue: QueueId,
  name: z.string(),
  email: z.string(),
  message: z.string(),
  at: Timestamp,
});

export const ContactsEvent = z.object({ type: z.literal('contacts'), queue: QueueId, contacts: z.array(SavedContact) });

/** WebRTC signalling or media state from the other party of a call; not part of the history. */
export const CallSignalEvent = z.object({ type: z.literal('call-signal'), conversation: ConversationId, from: ParticipantId, signal: CallSignal });

/** A queue's statistics, for operators (Q5). */
export const StatsEvent = z.object({ type: z.literal('stats'), report: StatsReport });

export const ServerMessage = z.discriminatedUnion('type', [
  WelcomeEvent,
  VisitorsEvent,
  InvitationEvent,
  InvitationEndedEvent,
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
  ...ConversationEvent.options,
  HistoryEvent,
  RequestEvent,
  RequestEndedEvent,
  DirectoryEvent,
  RecentEvent,
  TypingEvent,
  IdentityEvent,
  CannedResponsesEvent,
  FileAccessEvent,
  StatsEvent,
  CallSignalEvent,
  QueueStatusEvent,
  ContactsEvent,
]);

export type QueueInfo = z.infer<typeof QueueInfo>;
export type WaitingCustomer = z.infer<typeof WaitingCustomer>;
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;
export type QueueAgent = z.infer<typeof QueueAgent>;
export type QueueLogEntry = z.infer<typeof QueueLogEntry>;
export type Offer = z.infer<typeof Offer>;
export type SavedContact = z.infer<typeof SavedContact>;
export type OfferEvent = z.infer<typeof OfferEvent>;
export type AgentRequest = z.infer<typeof AgentRequest>;
export type WelcomeEvent = z.infer<typeof WelcomeEvent>;
export type ErrorEvent = z.infer<typeof ErrorEvent>;
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerEventType = ServerMessage['type'];
export type ServerEvent<T extends ServerEventType = ServerEventType> = Extract<ServerMessage, { type: T }>;
