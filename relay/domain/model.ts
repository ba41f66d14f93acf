import type { Attachment, ConversationCustomerInfo, Media, SavedContact, ConversationEvent, ConversationId, ParticipantId, QueueId, QueueLogEntry } from '../../protocol/index.js';
import type { QueueConfig } from '../config.js';

export interface Queue {
  config: QueueConfig;
  open: boolean;
  /** Customer ids, first in line first. */
  waiting: ParticipantId[];
  /** Signed-in agents serving this queue. */
  agents: Set<ParticipantId>;
  /** The newest events last, bounded (Q4). */
  log: QueueLogEntry[];
  /** Messages left while nobody served the queue, newest last, bounded (Q8). */
  contacts: SavedContact[];
  /** When the schedule next opens or closes the queue; undefined until first checked, or without a schedule. */
  nextScheduleChange?: number;
}

export interface Waiting {
  queue: QueueId;
  joinedAt: number;
  /** A video chat from the start (V3). */
  media?: Media;
  /** Set when a release put the customer back in line (C11): their wait counts again from then (Q5). */
  backInLineAt?: number;
  /** The first message, written while joining. */
  preview?: { id: string; text: string };
  /** The offer now pending for this customer. */
  offer?: string;
  /** Agents who rejected or missed this customer, and when: not offered them again for a while. */
  declinedBy: Map<ParticipantId, number>;
  /** Set once available agents were alerted about this wait (Q7). */
  alerted?: boolean;
  /** Back to this ended conversation (W5): whoever takes the customer carries it on. */
  returning?: ConversationId;
  /** The customer accepted an invitation to chat (W10). */
  proactive?: boolean;
}

export interface Customer {
  id: ParticipantId;
  name: string;
  resumeToken: string;
  /** When the last socket closed; undefined while connected. */
  disconnectedAt?: number;
  waiting?: Waiting;
  /** What the widget told and the host site signed at the last join (C4, W6). */
  info?: ConversationCustomerInfo;
  conversation?: ConversationId;
  /** Where the visitor is on the site, since when, as the widget last said (W10). */
  visit?: { page: string; since: number; title?: string; language?: string };
  /** An agent's invitation to chat, waiting for the visitor's answer (W10). */
  invitation?: { id: string; queue: QueueId; from: ParticipantId; expiresAt: number; message?: string };
  /** Every conversation this customer had, removed with them. */
  history: ConversationId[];
}

export type SignedInPresence = 'available' | 'away' | 'no-answer';

export interface Agent {
  id: ParticipantId;
  name: string;
  /** Queues the token allows; `'*'` for all. */
  allowedQueues: readonly string[];
  operator: boolean;
  /** Conversations at once, from the token; else each queue's setting. */
  capacity?: number;
  signedIn: boolean;
  presence: SignedInPresence;
  queues: QueueId[];
  conversations: Set<ConversationId>;
  /** The offer now pending for this agent: one at a time. */
  offer?: string;
  /** Since when the agent has been free for another customer; longest idle gets the next offer. */
  idleSince: number;
  disconnectedAt?: number;
}

export interface Offer {
  id: string;
  queue: QueueId;
  customer: ParticipantId;
  agent: ParticipantId;
  expiresAt: number;
}

export interface Conversation {
  id: ConversationId;
  queue: QueueId;
  customer: ParticipantId;
  /** The agent who owns the conversation: took it, or had it transferred to them. */
  agent: ParticipantId;
  /** Agents invited into it (C10). */
  guests: Set<ParticipantId>;
  /** Agents who owned it before a transfer; they may still wrap up their part (C9). */
  formerAgents: Set<ParticipantId>;
  joinedAt: number;
  startedAt: number;
  /** When the owner took it, if by a transfer: their handling time counts from then (Q5). */
  ownedSince?: number;
  ended: boolean;
  endedAt?: number;
  /** When the customer last came back to it after an end (W5): its handling counts from then. */
  reopenedAt?: number;
  /** Every event, as agents see it: `seq` = index + 1. */
  log: ConversationEvent[];
  /** The events the customer sees, numbered in their own stream: `seq` = index + 1. */
  customerLog: ConversationEvent[];
  /** Command ids of the messages in the log, so a resent command is not applied twice. */
  messageIds: Map<string, { author: ParticipantId; text: string }>;
  /** The pending transfer and invitation, one of each at most. */
  transfer?: string;
  invitation?: string;
  /** Files uploaded to the conversation, attached to a message or not yet (C7). */
  files: Map<string, StoredFile>;
  /** Choice menus by message id, with the option the customer chose once they did (C6). */
  choices: Map<string, { options: string[]; answer?: number }>;
  /** The customer's rating after the end (W5), once. */
  rating?: { stars: number; comment?: string };
  /** How it began: video conversations cannot go on as text (V2). */
  media: Media;
  /** The video call, while asked or going on (V1). */
  call?: { state: 'asked' | 'started'; connected: boolean; deadline?: number };
  /** Who last said they were typing, whether privately (agents only), and when the relay last passed it on. */
  typing: Map<ParticipantId, { typing: boolean; at: number; private?: boolean }>;
}

/** An uploaded file's record; its bytes are the transport's business. */
export interface StoredFile extends Attachment {
  uploader: ParticipantId;
  /** Set once a message carries it; private files are for agents only. */
  attached?: { message: string; private: boolean };
}

/** A transfer or an invitation waiting for its target to answer (C9, C10). */
export interface AgentRequest {
  id: string;
  kind: 'transfer' | 'invite';
  conversation: ConversationId;
  from: ParticipantId;
  toQueue?: QueueId;
  /** Who may answer: the named agent, or the queue's available agents when asked. */
  candidates: Set<ParticipantId>;
  declined: Set<ParticipantId>;
  expiresAt: number;
}

/** Who sent a command, as the transport authenticated it. */
export type Actor = { role: 'customer'; id: ParticipantId } | { role: 'agent'; id: ParticipantId };
