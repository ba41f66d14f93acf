import type { Attachment, DomainCommand } from '../../protocol/index.js';
import type { AgentClaims } from '../auth/jwt.js';
import type { FileCheck } from '../domain/files.js';
import type { liveFigures } from '../domain/live-figures.js';
import type { Actor, StoredFile } from '../domain/model.js';
import type { ResumeFrom } from '../domain/relay-domain.js';
import type { RelaySocket } from '../transport/socket-registry.js';
import type { AdminOperation, AdminReply, Operator } from './admin-operations.js';

/**
 * What the asker hears when the domain fails on a request (a bug): the request is answered, the
 * relay goes on. Uncaught, a fault would end the relay — and in the shared mode, the request sent
 * again, every leader after it.
 */
export const internalFault = { code: 'internal', message: 'the relay could not carry this out' } as const;

/** Logs a fault of the domain on `what`. */
export function reportFault(what: string, error: unknown): void {
  console.error(`tiski relay: deciding ${what} failed; answered as an internal error:`, error);
}

/** A value now (the in-memory relay answers at once) or later (the shared mode asks the leader). */
export type Answer<T> = T | Promise<T>;

/** Runs `then` with the answer: in the same turn when it is there already, else when it comes. */
export function after<T>(answer: Answer<T>, then: (value: T) => void): void {
  if (!(answer instanceof Promise)) return then(answer);
  answer.then(then).catch((error: unknown) => {
    console.error(`tiski relay: a request to the domain failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });
}

/** Who a socket's hello says it is, once the transport checked what it could (tokens, origins). */
export type Connecting = { role: 'customer'; resume?: string | undefined } | { role: 'agent'; claims: AgentClaims };

export type Connected = { ok: true } | { ok: false; code: 'agent-removed' | 'internal'; message: string };

export type FileStoredAnswer = { ok: true; file: Attachment } | Extract<FileCheck, { ok: false }>;
export type FileForAnswer = { ok: true; file: StoredFile } | Extract<FileCheck, { ok: false }>;
export type LiveFigures = ReturnType<typeof liveFigures>;

/**
 * Everything the transports ask of the relay's domain. The in-memory relay answers in the same
 * turn (local-domain-port.ts); the shared mode sends each request to the relay that leads and
 * answers when its decision is stored in Redis (relay/cluster). The WebSocket endpoint and the
 * HTTP routes do not know which they talk to. Effects reach sockets through the SocketRegistry
 * either way: the port carries them there, so callers only get what they must answer.
 */
export interface DomainPort {
  /** A socket's hello: once answered `ok`, the socket speaks for its participant and has its welcome. */
  connect(ws: RelaySocket, who: Connecting, from: ResumeFrom): Answer<Connected>;
  /** A command of a participant who said hello on `ws`. */
  handle(ws: RelaySocket, actor: Actor, command: DomainCommand): void;
  /** A socket that said hello closed. */
  disconnect(ws: RelaySocket, actor: Actor): void;
  admin(operation: AdminOperation, operator: Operator): Answer<AdminReply>;
  mayUpload(who: string, conversation: string): Answer<FileCheck>;
  fileStored(who: string, conversation: string, file: Attachment): Answer<FileStoredAnswer>;
  fileFor(who: string, conversation: string, file: string): Answer<FileForAnswer>;
  /** Queues, agents and conversations now, for metrics (in the shared mode, as of the leader's last second). */
  figures(): LiveFigures;
}

export const agentRemoved = { ok: false, code: 'agent-removed', message: 'an operator removed this agent; sign in again with a new token' } as const satisfies Connected;
