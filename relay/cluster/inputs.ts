/**
 * What relays ask of the leader, and what the leader answers, as plain JSON: the requests the
 * transports make of the domain (relay/port/domain-port.ts), each with an id, travel to the
 * leader; its decisions travel back to every relay in numbered batches.
 */
import type { Attachment, DomainCommand } from '../../protocol/index.js';
import type { Effect } from '../domain/effects.js';
import type { Actor } from '../domain/model.js';
import type { ResumeFrom } from '../domain/relay-domain.js';
import type { AdminOperation, Operator } from '../port/admin-operations.js';
import type { Connecting, LiveFigures } from '../port/domain-port.js';

export type Input =
  /** A socket's hello; `socket` is its number on the relay that sent the input. */
  | { kind: 'connect'; socket: number; who: Connecting; from: ResumeFrom }
  | { kind: 'command'; actor: Actor; command: DomainCommand }
  /** A socket that said hello closed. */
  | { kind: 'disconnect'; actor: Actor; socket: number }
  | { kind: 'admin'; operation: AdminOperation; operator: Operator }
  | { kind: 'may-upload'; who: string; conversation: string }
  | { kind: 'file-stored'; who: string; conversation: string; file: Attachment }
  | { kind: 'file-for'; who: string; conversation: string; file: string }
  /** The leader's clock: once a second. */
  | { kind: 'tick' }
  /** A relay stopped renewing its presence: its sockets are gone. */
  | { kind: 'relay-gone'; relay: string };

/** An input and where it came from. Its id is unique: a relay sending it again is answered once. */
export interface Envelope {
  id: string;
  relay: string;
  input: Input;
  /** Its number at the relay (1, 2, 3…): how a repeat is known. The leader's own inputs have none. */
  n?: number;
  /** Every input of the relay numbered below this has its answer there: the leader may forget them. */
  answeredBelow?: number;
}

/** Inputs that only read: answered, never written to the journal. */
export const isRead = (input: Input): boolean => input.kind === 'may-upload' || input.kind === 'file-for';

/** One input as the journal keeps it: with the time it was decided at and the ids the domain drew, so a replay decides the same. */
export interface JournalEntry {
  envelope: Envelope;
  now: number;
  ids: string[];
}

/** What the leader decided for one input. */
export interface InputResult {
  id: string;
  /** The relay that sent the input: only it answers a waiting request. */
  relay: string;
  reply?: unknown;
  effects: Effect[];
  /** A customer's hello: what goes to them goes to the new socket alone (SocketRegistry.apply's `newSocket`). */
  only?: string;
  /** A relay that was declared gone: if it still runs, it drops its sockets, whose participants the leader disconnected. */
  gone?: string;
}

/** One commit of the leader, published to every relay after Redis stored its inputs. */
export interface Batch {
  /** 1, 2, 3… over the cluster's life: a relay that misses one drops its sockets rather than carry on with a gap. */
  seq: number;
  /** The relay that leads. */
  leader: string;
  /** Its term (the lease's value): a new one, even of the same relay, means unanswered inputs are sent again. */
  term: string;
  epoch: string;
  results: InputResult[];
  /** Queues, agents and conversations, once a second, for every relay's metrics. */
  figures?: LiveFigures;
}

/** The answer to a hello. */
export type ConnectReply = { actor: Actor } | { refused: { code: 'agent-removed' | 'internal'; message: string } };
