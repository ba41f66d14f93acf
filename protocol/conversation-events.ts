import { z } from 'zod';
import { Attachment, CommandId, ConversationId, CustomerInfo, Media, ParticipantId, QueueId, Role, Seq, Timestamp, WrapUp } from './common.js';

export const Person = z.object({ id: ParticipantId, name: z.string(), role: Role });

/**
 * Every conversation event carries `seq`, gapless in the stream its reader gets: agents see every
 * event, customers only those meant for them, each numbered in their own stream.
 */
const conversationEvent = { conversation: ConversationId, seq: Seq, at: Timestamp };

export const ConversationStartedEvent = z.object({
  type: z.literal('conversation-started'),
  ...conversationEvent,
  queue: QueueId,
  customer: Person,
  agent: Person,
  joinedAt: Timestamp,
  /** Absent for text; `video` when the customer started a video chat (V3). */
  media: Media.optional(),
  /** The customer accepted an invitation to chat (W10). */
  proactive: z.literal(true).optional(),
  /** What the widget told about the customer, and attributes the host site signed (C4, W6). */
  info: CustomerInfo.extend({
    /** Verified by the relay against the identity secret: shown with a lock. Never set otherwise. */
    verified: z.record(z.string(), z.string()).optional(),
  }).optional(),
});

export const MessageEvent = z.object({
  type: z.literal('message'),
  ...conversationEvent,
  messageId: CommandId,
  author: Person,
  text: z.string(),
  /** Seen by agents only (C8); such events never reach a customer's socket. */
  private: z.literal(true).optional(),
  attachments: z.array(Attachment).optional(),
  /** A choice menu (C6): the text is the question. */
  choices: z.array(z.string()).optional(),
  /** The customer's answer to a choice menu: the menu's message id and the option chosen. */
  answers: z.object({ message: CommandId, option: z.number().int().nonnegative() }).optional(),
});

export const EndReason = z.enum(['customer-ended', 'agent-ended', 'customer-gone', 'released', 'queue-deleted', 'agent-removed', 'call-failed']);

export const ConversationEndedEvent = z.object({
  type: z.literal('conversation-ended'),
  ...conversationEvent,
  by: Person.optional(),
  reason: EndReason,
});

/** An agent came into the conversation: the new owner after a transfer, or an invited guest. */
export const AgentJoinedEvent = z.object({
  type: z.literal('agent-joined'),
  ...conversationEvent,
  agent: Person,
  via: z.enum(['transfer', 'invite']),
  /** Set when a transfer moved the conversation to another queue. */
  queue: QueueId.optional(),
});

export const AgentLeftEvent = z.object({
  type: z.literal('agent-left'),
  ...conversationEvent,
  agent: Person,
  reason: z.enum(['transferred', 'left', 'conference-ended']),
});

/** An agent wrapped up their part (agents only). */
export const WrappedUpEvent = z.object({
  type: z.literal('wrapped-up'),
  ...conversationEvent,
  agent: Person,
  wrapUp: WrapUp,
});

/**
 * The video call of a conversation (V1–V4): asked by the agent, started (accepted, or from the
 * start for a video chat), declined by the customer, or ended — the chat goes on as text.
 */
export const CallEvent = z.object({
  type: z.literal('call'),
  ...conversationEvent,
  state: z.enum(['asked', 'started', 'declined', 'ended']),
  by: Person.optional(),
  reason: z.enum(['hangup', 'failed', 'permission-denied']).optional(),
});

/** The customer rated the conversation after its end (W5); agents only. */
export const RatedEvent = z.object({
  type: z.literal('rated'),
  ...conversationEvent,
  stars: z.number().int().min(1).max(5),
  comment: z.string().optional(),
});

/** The customer came back to the ended conversation (W5): it goes on, with this agent owning it. */
export const ConversationReopenedEvent = z.object({
  type: z.literal('conversation-reopened'),
  ...conversationEvent,
  agent: Person,
});

export const ConversationEvent = z.discriminatedUnion('type', [
  ConversationStartedEvent,
  MessageEvent,
  ConversationEndedEvent,
  AgentJoinedEvent,
  AgentLeftEvent,
  WrappedUpEvent,
  CallEvent,
  RatedEvent,
  ConversationReopenedEvent,
]);

/** Events of one conversation, in `seq` order, answering a `sync` or a reconnect. */
export const HistoryEvent = z.object({
  type: z.literal('history'),
  conversation: ConversationId,
  events: z.array(ConversationEvent),
  /**
   * On coming back (R2): true when `events` are exactly those after the `seq` the client named,
   * false when they are the whole stream, which replaces what the client holds.
   */
  recovered: z.boolean().optional(),
});

export type Person = z.infer<typeof Person>;
export type ConversationCustomerInfo = NonNullable<ConversationStartedEvent['info']>;
export type EndReason = z.infer<typeof EndReason>;
export type ConversationStartedEvent = z.infer<typeof ConversationStartedEvent>;
export type MessageEvent = z.infer<typeof MessageEvent>;
export type ConversationEndedEvent = z.infer<typeof ConversationEndedEvent>;
export type AgentJoinedEvent = z.infer<typeof AgentJoinedEvent>;
export type AgentLeftEvent = z.infer<typeof AgentLeftEvent>;
export type ConversationReopenedEvent = z.infer<typeof ConversationReopenedEvent>;
export type WrappedUpEvent = z.infer<typeof WrappedUpEvent>;
export type CallEvent = z.infer<typeof CallEvent>;
export type RatedEvent = z.infer<typeof RatedEvent>;
export type ConversationEvent = z.infer<typeof ConversationEvent>;
