import type { Attachment, DomainCommand } from '../../protocol/index.js';
import type { FileCheck } from '../domain/files.js';
import type { Actor } from '../domain/model.js';
import type { ResumeFrom } from '../domain/relay-domain.js';
import type { AdminOperation, AdminReply, Operator } from '../port/admin-operations.js';
import type { Connected, Connecting, DomainPort, FileForAnswer, FileStoredAnswer, LiveFigures } from '../port/domain-port.js';
import { closeCodes, type RelaySocket, type SocketRegistry } from '../transport/socket-registry.js';
import { isRead, type Batch, type ConnectReply, type Envelope, type Input, type InputResult } from './inputs.js';

/** An input unanswered this long is sent again: the leader answers a repeat without deciding it twice. */
const resendAfterMs = 5_000;
/** An HTTP request waits this long for the leader (none may lead for a few seconds after one dies), then hears 503. */
const requestTimeoutMs = 10_000;

const noLeader = { status: 503 as const, code: 'no-decision', message: 'No relay could decide in time (one may be taking over); try again in a few seconds.' };

interface Pending {
  envelope: Envelope;
  sentAt: number;
  /** A request waiting for its answer. */
  settle?: (reply: unknown) => void;
  /** A hello: the socket to admit once the leader connected its participant. */
  ws?: RelaySocket;
  /** A request's time limit, cleared when its answer comes. */
  timer?: NodeJS.Timeout;
}

const noFigures: LiveFigures = { queues: [], conversationsActive: 0, offers: [] };

/**
 * The domain as a relay of the shared mode reaches it: every request becomes an input for the
 * leader, kept until the leader's answer comes back in a batch and sent again when the leader
 * changes. Every relay applies every batch to its own sockets, in the order of their numbers.
 */
export class ClusterDomainPort implements DomainPort {
  readonly #pending = new Map<string, Pending>();
  #count = 0;
  #leader?: string;
  #term?: string;
  #seq?: number;
  #epoch?: string;
  #figures: LiveFigures = noFigures;

  constructor(
    readonly relay: string,
    private readonly registry: SocketRegistry,
    /** Carries an input to whoever leads now. */
    private readonly send: (envelope: Envelope) => void,
  ) {}

  /** The relay that led in the last batch. */
  get leader(): string | undefined {
    return this.#leader;
  }

  get epoch(): string | undefined {
    return this.#epoch;
  }

  connect(ws: RelaySocket, who: Connecting, from: ResumeFrom): Promise<Connected> {
    return new Promise((resolve) => {
      const settle = (reply: unknown) => {
        const answer = reply as ConnectReply;
        resolve('actor' in answer ? { ok: true } : { ok: false, ...answer.refused });
      };
      this.#submit({ kind: 'connect', socket: ws.getUserData().socketId, who, from }, { ws, settle });
    });
  }

  handle(_ws: RelaySocket, actor: Actor, command: DomainCommand): void {
    this.#submit({ kind: 'command', actor, command });
  }

  disconnect(ws: RelaySocket, actor: Actor): void {
    this.registry.detach(actor, ws);
    this.#submit({ kind: 'disconnect', actor, socket: ws.getUserData().socketId });
  }

  admin(operation: AdminOperation, operator: Operator): Promise<AdminReply> {
    // The operation stays on its way: it may still take effect once a relay leads.
    const late: AdminReply = { status: 503, body: { error: noLeader.code, message: `${noLeader.message} The operation may still take effect: check before repeating it.` } };
    return this.#ask({ kind: 'admin', operation, operator }, late);
  }

  mayUpload(who: string, conversation: string): Promise<FileCheck> {
    return this.#ask({ kind: 'may-upload', who, conversation }, { ok: false, ...noLeader });
  }

  fileStored(who: string, conversation: string, file: Attachment): Promise<FileStoredAnswer> {
    return this.#ask({ kind: 'file-stored', who, conversation, file });
  }

  fileFor(who: string, conversation: string, file: string): Promise<FileForAnswer> {
    return this.#ask({ kind: 'file-for', who, conversation, file }, { ok: false, ...noLeader });
  }

  figures(): LiveFigures {
    return this.#figures;
  }

  /** Inputs sent and not answered yet. */
  get unanswered(): number {
    return this.#pending.size;
  }

  #submit(input: Input, waiting: Pick<Pending, 'settle' | 'ws'> = {}): string {
    const n = ++this.#count;
    // Numbered in order, so the oldest unanswered input is the first in the map.
    const answeredBelow = this.#pending.values().next().value?.envelope.n ?? n;
    const envelope: Envelope = { id: `${this.relay}:${n}`, relay: this.relay, input, n, answeredBelow };
    this.#pending.set(envelope.id, { envelope, sentAt: Date.now(), ...waiting });
    this.send(envelope);
    return envelope.id;
  }

  /**
   * A request answered in a batch. With `late`, it is answered so after `requestTimeoutMs`; a read
   * is then forgotten, anything else still goes to the leader. Without (a stored file, whose
   * record must not part from its bytes) it waits for the leader however long.
   */
  #ask<T>(input: Input, late?: T): Promise<T> {
    return new Promise((resolve) => {
      const id = this.#submit(input, { settle: resolve as (reply: unknown) => void });
      const pending = this.#pending.get(id);
      if (late === undefined || !pending) return;
      pending.timer = setTimeout(() => {
        delete pending.settle;
        if (isRead(input)) this.#pending.delete(id);
        resolve(late);
      }, requestTimeoutMs);
      pending.timer.unref();
    });
  }

  /**
   * A batch from the leader. One missed (its number skipped) or of another epoch (the state was
   * lost and started again): this relay's sockets are dropped, and their clients come back and
   * resume, rather than carry on with a gap.
   */
  receive(batch: Batch): void {
    const gap = this.#seq !== undefined && batch.seq !== this.#seq + 1;
    const otherEpoch = this.#epoch !== undefined && batch.epoch !== this.#epoch;
    if (gap || otherEpoch) {
      console.error(`tiski relay: ${otherEpoch ? `the shared state has a new epoch (${batch.epoch})` : `missed updates ${this.#seq! + 1}–${batch.seq - 1}`}; dropping this relay's sockets so their clients resynchronise`);
      this.registry.dropAll(closeCodes.shutdown, 'this relay missed updates, reconnect');
    }
    this.#seq = batch.seq;
    this.#epoch = batch.epoch;
    const sinks = batch.leader === this.relay;
    for (const result of batch.results) this.#apply(result, sinks);
    if (batch.figures) this.#figures = batch.figures;
    this.#leader = batch.leader;
    if (batch.term !== this.#term) {
      this.#term = batch.term;
      // A new leader, or a new term of the same: what the last one had not answered goes to it, in the order first sent.
      this.#resend(() => true);
    }
  }

  /** Once a second: inputs left unanswered too long go again. */
  retry(now: number): void {
    this.#resend((pending) => now - pending.sentAt >= resendAfterMs);
  }

  #resend(due: (pending: Pending) => boolean): void {
    const now = Date.now();
    for (const pending of this.#pending.values()) {
      if (!due(pending)) continue;
      pending.sentAt = now;
      this.send(pending.envelope);
    }
  }

  #apply(result: InputResult, sinks: boolean): void {
    const pending = result.relay === this.relay ? this.#pending.get(result.id) : undefined;
    if (pending) {
      this.#pending.delete(result.id);
      clearTimeout(pending.timer);
    }
    const reply = result.reply as ConnectReply | undefined;
    const newSocket = result.only ? { holder: result.only } : undefined;
    if (pending?.ws && reply && 'actor' in reply) this.#admit(pending.ws, reply.actor, result, sinks);
    else this.registry.apply(result.effects, newSocket, sinks);
    if (result.gone === this.relay) {
      console.error('tiski relay: the leader took this relay for gone (its presence in Redis lapsed); dropping its sockets');
      this.registry.dropAll(closeCodes.shutdown, 'reconnect');
    }
    pending?.settle?.(result.reply);
  }

  /** The hello of a socket here was answered: the socket joins its participant, unless it closed meanwhile. */
  #admit(ws: RelaySocket, actor: Actor, result: InputResult, sinks: boolean): void {
    const data = ws.getUserData();
    if (!data.closed && result.effects.length) return this.registry.admit(ws, actor, result.effects, sinks);
    this.registry.apply(result.effects, result.only ? { holder: result.only } : undefined, sinks);
    // Closed meanwhile, or answered again without its welcome (a repeat, the client starts over): the leader hears the socket is gone.
    this.#submit({ kind: 'disconnect', actor, socket: data.socketId });
    if (!data.closed) ws.end(closeCodes.shutdown, 'reconnect');
  }
}
