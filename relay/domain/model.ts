import type { ConversationEvent, ConversationId, ParticipantId, QueueId } from '../../protocol/index.js';
import type { QueueConfig } from '../config.js';

export interface Queue {
  config: QueueConfig;
  open: boolean;
  /** Customer ids, first in line first. */
  waiting: ParticipantId[];
  /** Signed-in agents serving this queue. */
  agents: Set<ParticipantId>;
}

export interface Customer {
  id: ParticipantId;
  name: string;
  resumeToken: string;
  /** When the last socket closed; undefined while connected. */
  disconnectedAt?: number;
  waiting?: { queue: QueueId; joinedAt: number };
  conversation?: ConversationId;
  /** Every conversation this customer had, removed with them. */
  history: ConversationId[];
}

export interface Agent {
  id: ParticipantId;
  name: string;
  /** Queues the token allows; `'*'` for all. */
  allowedQueues: readonly string[];
  signedIn: boolean;
  queues: QueueId[];
  conversations: Set<ConversationId>;
  disconnectedAt?: number;
}

export interface Conversation {
  id: ConversationId;
  queue: QueueId;
  customer: ParticipantId;
  agent: ParticipantId;
  joinedAt: number;
  ended: boolean;
  /** Every event, `seq` = index + 1. */
  log: ConversationEvent[];
  /** Command ids of the messages in the log, so a resent command is not applied twice. */
  messageIds: Map<string, { author: ParticipantId; text: string }>;
}

/** Who sent a command, as the transport authenticated it. */
export type Actor = { role: 'customer'; id: ParticipantId } | { role: 'agent'; id: ParticipantId };
