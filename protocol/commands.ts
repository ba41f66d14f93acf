import { z } from 'zod';
import { ChosenPresence, CommandId, ConversationId, CustomerInfo, DisplayName, Media, MessageText, ParticipantId, QueueId, RequestTarget, Role, Seq, WrapUp } from './common.js';
import { limits } from './limits.js';
import { StatsRange } from './stats.js';
import { DismissInvitationCommand, InviteVisitorCommand, VisitCommand, VisitorsCommand } from './proactive.js';
import { SurveyAnswers } from './survey.js';

/** The first message on every connection. Agents bring a signed token; customers may bring a resume token. */
export const HelloCommand = z.object({
  type: z.literal('hello'),
  id: CommandId,
  v: z.number().int(),
  role: Role,
  token: z.string().max(4096).optional(),
  resume: z.string().max(128).optional(),
  /** Coming back (R2): the relay's epoch this client last saw, and the last `seq` it holds of each conversation. */
  epoch: z.string().max(64).optional(),
  streams: z.array(z.object({ conversation: ConversationId, after: Seq })).max(limits.resumeStreams).optional(),
});

/** Customer: wait in a queue for an agent. */
export const JoinCommand = z.object({
  type: z.literal('join'),
  id: CommandId,
  queue: QueueId,
  name: DisplayName,
  /** What the customer wants help with; agents see it as the preview and it opens the conversation. */
  message: MessageText.optional(),
  /** The page the customer is on and their browser, shown to agents (C4). Answers come from `survey` only. */
  info: CustomerInfo.omit({ answers: true }).optional(),
  /** Answers to the queue's pre-chat survey by field id (W1), checked against it. */
  survey: SurveyAnswers.optional(),
  /** Attributes signed by the host site's backend (W6): an HS256 JWT made with the relay's identity secret. */
  identity: z.string().max(4096).optional(),
  /** `video` starts the conversation as a video call, where the queue allows it (V3). */
  media: Media.optional(),
  /** Accepting an invitation (W10): an agent's by its id, or one the site configured by `site:<id>`. */
  invitation: z.string().min(1).max(80).optional(),
});

/** Customer: leave the queue before being served. */
export const LeaveCommand = z.object({ type: z.literal('leave'), id: CommandId });

/** Agent: serve these queues (A1). */
export const SignInCommand = z.object({
  type: z.literal('sign-in'),
  id: CommandId,
  queues: z.array(QueueId).min(1, 'choose at least one queue').max(limits.queuesPerAgent),
});

export const SignOutCommand = z.object({ type: z.literal('sign-out'), id: CommandId });

/** Agent: available or away (A2). Choosing available also clears no-answer. */
export const PresenceCommand = z.object({ type: z.literal('presence'), id: CommandId, presence: ChosenPresence });

/** Agent: take (accept) or decline (reject) the customer the relay offered (Q6 offer). */
export const AcceptCommand = z.object({ type: z.literal('accept'), id: CommandId, offer: z.string().min(1).max(64) });
export const RejectCommand = z.object({ type: z.literal('reject'), id: CommandId, offer: z.string().min(1).max(64) });

/** Agent: put the customer back at the front of the queue for another agent (C11). */
export const ReleaseCommand = z.object({ type: z.literal('release'), id: CommandId, conversation: ConversationId });

/** Operator: open or close a queue by hand, until its schedule next changes it (Q1). */
export const SetQueueOpenCommand = z.object({ type: z.literal('set-queue-open'), id: CommandId, queue: QueueId, open: z.boolean() });

/** Agent: the queue's event log (Q4). */
export const QueueLogCommand = z.object({ type: z.literal('queue-log'), id: CommandId, queue: QueueId });

/** Agent: take the next customer in line, or a given one. */
export const PickCommand = z.object({
  type: z.literal('pick'),
  id: CommandId,
  queue: QueueId,
  customer: ParticipantId.optional(),
});

const fileId = z.string().min(1).max(64);
const MessageBody = z.string().trim().max(limits.messageLength, `a message is at most ${limits.messageLength} characters`);

export const SendCommand = z
  .object({
    type: z.literal('send'),
    id: CommandId,
    conversation: ConversationId,
    /** May be empty when files are attached. */
    text: MessageBody,
    /** Agents: seen by the conversation's agents only, never sent to the customer (C8). */
    private: z.boolean().optional(),
    /** Files uploaded to this conversation beforehand (C7). */
    attachments: z
      .array(fileId)
      .min(1)
      .max(limits.attachmentsPerMessage, `at most ${limits.attachmentsPerMessage} files in one message`)
      .optional(),
    /** Agents: the text is a question and the customer answers with one of these (C6). */
    choices: z
      .array(z.string().trim().min(1, 'an option cannot be empty').max(limits.choiceLength, `an option is at most ${limits.choiceLength} characters`))
      .min(limits.choicesMin, `a choice menu has at least ${limits.choicesMin} options`)
      .max(limits.choicesMax, `a choice menu has at most ${limits.choicesMax} options`)
      .refine((options) => new Set(options).size === options.length, 'the options must differ')
      .optional(),
  })
  .refine((c) => c.text.length > 0 || !!c.attachments?.length, { message: 'a message cannot be empty', path: ['text'] })
  .refine((c) => !c.choices || c.text.length > 0, { message: 'a choice menu needs a question', path: ['text'] })
  .refine((c) => !c.choices || !c.attachments, { message: 'a choice menu cannot carry files', path: ['choices'] });

/** Customer: answer a choice menu with one of its options (C6). */
export const ChooseCommand = z.object({
  type: z.literal('choose'),
  id: CommandId,
  conversation: ConversationId,
  /** The menu's message id. */
  message: CommandId,
  option: z.number().int().nonnegative(),
});

/** Either side is typing, or stopped; agents typing a private message are shown to agents only. */
export const TypingCommand = z.object({
  type: z.literal('typing'),
  id: CommandId,
  conversation: ConversationId,
  typing: z.boolean(),
  private: z.boolean().optional(),
});

/** Agent (owner): ask the customer to switch the conversation to a video call (V1). */
export const CallStartCommand = z.object({ type: z.literal('call-start'), id: CommandId, conversation: ConversationId });

/** Customer: accept or decline the agent's video call. */
export const CallAnswerCommand = z.object({ type: z.literal('call-answer'), id: CommandId, conversation: ConversationId, accept: z.boolean() });

/**
 * Either party: the call is over and the chat goes on as text — hung up, could not connect, or no
 * camera or microphone allowed. Refused for conversations that began as video (V2).
 */
export const CallEndCommand = z.object({
  type: z.literal('call-end'),
  id: CommandId,
  conversation: ConversationId,
  reason: z.enum(['hangup', 'failed', 'permission-denied']),
});

/** WebRTC signalling, and the sender's microphone and camera state, for the other party of the call only. */
export const CallSignal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp: z.string().max(limits.sdpLength) }),
  z.object({ kind: z.literal('answer'), sdp: z.string().max(limits.sdpLength) }),
  z.object({
    kind: z.literal('candidate'),
    candidate: z.object({
      candidate: z.string().max(1024),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().nonnegative().nullable().optional(),
    }),
  }),
  z.object({ kind: z.literal('media'), muted: z.boolean(), cameraOff: z.boolean() }),
]);
export const CallSignalCommand = z.object({ type: z.literal('call-signal'), id: CommandId, conversation: ConversationId, signal: CallSignal });

/** Either party: this side's peer connection reached `connected`. */
export const CallConnectedCommand = z.object({ type: z.literal('call-connected'), id: CommandId, conversation: ConversationId });

/** Agent: the canned responses of a queue (C5). */
export const CannedResponsesCommand = z.object({ type: z.literal('canned-responses'), id: CommandId, queue: QueueId });

/** A participant: a token for uploading to and downloading from the conversation's files (C7). */
export const FileAccessCommand = z.object({ type: z.literal('file-access'), id: CommandId, conversation: ConversationId });

export const EndCommand = z.object({
  type: z.literal('end'),
  id: CommandId,
  conversation: ConversationId,
  /** Agents: the wrap-up, given with the end. */
  wrapUp: WrapUp.optional(),
});

/** Agent: wrap up their part after the conversation ended, or after transferring it (C12). */
export const WrapUpCommand = z.object({ type: z.literal('wrap-up'), id: CommandId, conversation: ConversationId, wrapUp: WrapUp });

/** Agent (owner): hand the conversation to a named agent or a queue; the target must accept (C9). */
export const TransferCommand = z.object({ type: z.literal('transfer'), id: CommandId, conversation: ConversationId, to: RequestTarget });

/** Agent (owner): ask another agent into the conversation (C10). One invitation at a time. */
export const InviteCommand = z.object({ type: z.literal('invite'), id: CommandId, conversation: ConversationId, to: RequestTarget });

/** Agent: answer a transfer or an invitation sent to them. */
export const AnswerRequestCommand = z.object({
  type: z.literal('answer-request'),
  id: CommandId,
  request: z.string().min(1).max(64),
  accept: z.boolean(),
});

/** Agent (owner): withdraw a pending transfer or invitation. */
export const CancelRequestCommand = z.object({ type: z.literal('cancel-request'), id: CommandId, request: z.string().min(1).max(64) });

/** Agent (owner): end the conference: every invited agent leaves. */
export const EndConferenceCommand = z.object({ type: z.literal('end-conference'), id: CommandId, conversation: ConversationId });

/** Agent (invited): leave the conversation. */
export const LeaveConversationCommand = z.object({ type: z.literal('leave-conversation'), id: CommandId, conversation: ConversationId });

/** Agent: send the transcript to the CRM as a ticket (C15). */
export const TicketCommand = z.object({ type: z.literal('ticket'), id: CommandId, conversation: ConversationId });

/** Agent: who and which queues can be chosen for transfers and invitations, and recent conversations (C9, C16). */
export const DirectoryCommand = z.object({ type: z.literal('directory'), id: CommandId });
export const RecentCommand = z.object({ type: z.literal('recent'), id: CommandId });

/** Customer: rate the ended conversation, 1–5 stars with an optional comment (W5); once. */
export const RateCommand = z.object({
  type: z.literal('rate'),
  id: CommandId,
  conversation: ConversationId,
  stars: z.number().int().min(1, 'at least 1 star').max(5, 'at most 5 stars'),
  comment: z.string().trim().max(1000, 'a comment is at most 1000 characters').optional(),
});

/** Customer: go back to an ended conversation, where its queue allows it (W5); the agent, or the next one, carries on. */
export const ReturnToChatCommand = z.object({ type: z.literal('return-to-chat'), id: CommandId, conversation: ConversationId });

/** Customer: whether queues are open and staffed now, before starting a chat (Q8). */
export const QueueStatusCommand = z.object({ type: z.literal('queue-status'), id: CommandId });

/** Customer: leave a message for a queue nobody serves now (Q8); agents see it as a saved contact. */
export const OfflineContactCommand = z.object({
  type: z.literal('offline-contact'),
  id: CommandId,
  queue: QueueId,
  name: DisplayName,
  email: z.string().trim().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address such as name@example.com'),
  message: MessageText,
});

/** Agent: the saved contacts of a queue, newest first (Q8). */
export const ContactsCommand = z.object({ type: z.literal('contacts'), id: CommandId, queue: QueueId });

/** Operator: a queue's statistics (Q5). */
export const StatsCommand = z.object({ type: z.literal('stats'), id: CommandId, queue: QueueId, range: StatsRange });

/**
 * Is the connection alive? The relay acknowledges at once, before or after hello. Clients send it
 * after a quiet spell: a browser cannot see the relay's pings, and a dead network path can keep a
 * socket looking open for minutes.
 */
export const PingCommand = z.object({ type: z.literal('ping'), id: CommandId });

/** Ask for the events of a conversation after `after`: used after a reconnect. */
export const SyncCommand = z.object({
  type: z.literal('sync'),
  id: CommandId,
  conversation: ConversationId,
  after: Seq,
});

export const ClientMessage = z.discriminatedUnion('type', [
  HelloCommand,
  JoinCommand,
  LeaveCommand,
  SignInCommand,
  SignOutCommand,
  PresenceCommand,
  PickCommand,
  AcceptCommand,
  RejectCommand,
  ReleaseCommand,
  SetQueueOpenCommand,
  QueueLogCommand,
  SendCommand,
  ChooseCommand,
  TypingCommand,
  CannedResponsesCommand,
  FileAccessCommand,
  EndCommand,
  WrapUpCommand,
  TransferCommand,
  InviteCommand,
  AnswerRequestCommand,
  CancelRequestCommand,
  EndConferenceCommand,
  LeaveConversationCommand,
  TicketCommand,
  DirectoryCommand,
  RecentCommand,
  StatsCommand,
  RateCommand,
  ReturnToChatCommand,
  VisitCommand,
  VisitorsCommand,
  InviteVisitorCommand,
  DismissInvitationCommand,
  QueueStatusCommand,
  OfflineContactCommand,
  ContactsCommand,
  CallStartCommand,
  CallAnswerCommand,
  CallEndCommand,
  CallSignalCommand,
  CallConnectedCommand,
  SyncCommand,
  PingCommand,
]);

export type HelloCommand = z.infer<typeof HelloCommand>;
export type JoinCommand = z.infer<typeof JoinCommand>;
export type LeaveCommand = z.infer<typeof LeaveCommand>;
export type SignInCommand = z.infer<typeof SignInCommand>;
export type SignOutCommand = z.infer<typeof SignOutCommand>;
export type PickCommand = z.infer<typeof PickCommand>;
export type SendCommand = z.infer<typeof SendCommand>;
export type EndCommand = z.infer<typeof EndCommand>;
export type SyncCommand = z.infer<typeof SyncCommand>;
export type CallSignal = z.infer<typeof CallSignal>;
export type ClientMessage = z.infer<typeof ClientMessage>;
export type CommandType = ClientMessage['type'];
/** What the relay's domain handles: everything but the transport's own `hello` and `ping`. */
export type DomainCommand = Exclude<ClientMessage, { type: 'hello' | 'ping' }>;
export type Command<T extends CommandType = CommandType> = Extract<ClientMessage, { type: T }>;
/** A command as the client builds it, before the id is attached. */
export type CommandInput = ClientMessage extends infer C ? (C extends { id: string } ? Omit<C, 'id'> : never) : never;
