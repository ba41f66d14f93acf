import { relayServices, type RelayServices } from '../auth/relay-services.js';
import type { RelayConfig } from '../config.js';
import { CommandReplies } from '../domain/command-replies.js';
import { send, type Effect } from '../domain/effects.js';
import { liveFigures } from '../domain/live-figures.js';
import { RelayDomain } from '../domain/relay-domain.js';
import { MemoryRelayStore } from '../domain/store.js';
import { runAdminOperation } from '../port/admin-operations.js';
import { agentRemoved, internalFault, reportFault, type LiveFigures } from '../port/domain-port.js';
import { decodeSnapshot, encodeSnapshotPieces } from '../persistence/relay-snapshot.js';
import { captureRelayState, loadRelayState } from '../persistence/relay-state.js';
import { AnswerBook, type AnswerBookSnapshot } from './answer-book.js';
import { IdTape } from './id-tape.js';
import { isRead, type ConnectReply, type Envelope, type InputResult, type JournalEntry } from './inputs.js';
import { SocketBook, socketKey, type SocketBookSnapshot } from './socket-book.js';

/** Secrets every relay of the cluster shares: from the config, or made once and kept in Redis. */
export interface SharedSecrets {
  agents: string;
  identities?: string | undefined;
  files: string;
}

export interface MachineSetup {
  config: RelayConfig;
  secrets: SharedSecrets;
  epoch: string;
}

/** The whole shared state at one point of the journal, as Redis keeps it (hash fields). */
export interface MachineSnapshot<Relay = string> {
  /** The relay's state, in the format of a planned restart (relay/persistence). */
  relay: Relay;
  /** The sockets book and the answers to recent inputs, as JSON. */
  cluster: string;
  /** The last journal entry it includes. */
  journal: string;
}

/**
 * The relay's domain with what the leader keeps beside it — which sockets each participant has
 * open across relays, and the answers to recent inputs — driven by inputs only, with the time and
 * the new ids each input carries. The leader feeds it live inputs; a relay taking over feeds it
 * the journal, and ends in the same state.
 */
export class DomainMachine {
  readonly store: MemoryRelayStore;
  readonly domain: RelayDomain;
  readonly book = new SocketBook();
  readonly #replies = new CommandReplies();
  readonly #services: RelayServices;
  readonly #tape = new IdTape();
  readonly #answers = new AnswerBook();
  readonly #setup: MachineSetup;
  #latest = 0;

  constructor(setup: MachineSetup) {
    this.#setup = setup;
    const { config, secrets } = setup;
    this.store = new MemoryRelayStore(config.queues);
    this.#services = relayServices({
      ...(secrets.identities ? { identitySecret: secrets.identities } : {}),
      fileSecret: secrets.files,
      ...(config.audience ? { audience: config.audience } : {}),
    });
    this.domain = new RelayDomain({ store: this.store, config, newId: this.#tape.next, services: this.#services, replies: this.#replies, epoch: setup.epoch });
  }

  get epoch(): string {
    return this.domain.epoch;
  }

  /** The time of the latest decision it holds: a leader taking over never decides earlier, whatever its clock says. */
  get latest(): number {
    return this.#latest;
  }

  /** Decides one input live: its result for the relays, and the journal entry that decides it again (none for reads). */
  apply(envelope: Envelope, now: number): { result: InputResult; entry?: JournalEntry } {
    const seen = this.#answers.look(envelope);
    // A repeat is answered as the first time; a late copy of one its relay has the answer to, not at all.
    if (seen.kind !== 'new') return { result: { id: envelope.id, relay: envelope.relay, effects: [], ...(seen.kind === 'repeat' ? { reply: seen.reply } : {}) } };
    this.#latest = Math.max(this.#latest, now);
    this.#tape.record();
    const result = this.#decideGuarded(envelope, now);
    if (isRead(envelope.input)) return { result };
    this.#answers.remember(envelope, now, result.reply);
    return { result, entry: { envelope, now, ids: this.#tape.drawn() } };
  }

  /** Decides a journal entry again, as its leader did; the effects went out then. */
  replay(entry: JournalEntry): void {
    if (this.#answers.look(entry.envelope).kind !== 'new') return;
    this.#latest = Math.max(this.#latest, entry.now);
    this.#tape.play(entry.ids);
    const result = this.#decideGuarded(entry.envelope, entry.now);
    this.#answers.remember(entry.envelope, entry.now, result.reply);
  }

  /** How many answers to relays' inputs are kept for repeats. */
  get keptAnswers(): number {
    return this.#answers.size;
  }

  figures(now: number): LiveFigures {
    return this.domain.admin(now, liveFigures);
  }

  /**
   * A fault of the domain answers its input as an internal error and the leader goes on: thrown
   * on, it would end the leader, and the input, sent again, every leader after it. The input is
   * journaled all the same, so a replay does the same partial work and fails the same way.
   */
  #decideGuarded(envelope: Envelope, now: number): InputResult {
    try {
      return this.#decide(envelope, now);
    } catch (error) {
      reportFault(`a "${envelope.input.kind}" input`, error);
      return failed(envelope);
    }
  }

  #decide({ id, relay, input }: Envelope, now: number): InputResult {
    const { domain } = this;
    const result = (effects: Effect[], reply?: unknown): InputResult => ({ id, relay, effects, ...(reply === undefined ? {} : { reply }) });
    switch (input.kind) {
      case 'connect': {
        const { who } = input;
        if (who.role === 'agent' && domain.isRemoved(who.claims.sub, who.claims.iat)) {
          return result([], { refused: { code: agentRemoved.code, message: agentRemoved.message } } satisfies ConnectReply);
        }
        const connected = who.role === 'agent' ? domain.connectAgent(who.claims, now, input.from) : domain.connectCustomer(who.resume, now, input.from);
        this.book.add(connected.actor, socketKey(relay, input.socket));
        return { ...result(connected.effects, { actor: connected.actor } satisfies ConnectReply), ...(who.role === 'customer' ? { only: connected.actor.id } : {}) };
      }
      case 'command':
        return result(domain.handle(input.actor, input.command, now));
      case 'disconnect':
        return result(this.book.remove(input.actor, socketKey(relay, input.socket)) ? domain.disconnect(input.actor, now) : []);
      case 'admin': {
        const { reply, effects } = runAdminOperation(domain, now, input.operation, input.operator);
        return result(effects, reply);
      }
      case 'may-upload':
        return result([], domain.mayUpload(input.who, input.conversation, now));
      case 'file-stored':
        return result([], domain.fileStored(input.who, input.conversation, input.file, now));
      case 'file-for':
        return result([], domain.fileFor(input.who, input.conversation, input.file, now));
      case 'tick':
        this.#answers.forgetSilent(now);
        return result(domain.tick(now));
      case 'relay-gone': {
        const effects = this.book.removeRelay(input.relay).flatMap((actor) => domain.disconnect(actor, now));
        return { ...result(effects), gone: input.relay };
      }
    }
  }

  /**
   * The state now, for Redis; `journal` is the last entry it includes. The relay's state comes in
   * pieces to be encoded a few at a time, and nothing may change it until the last is taken.
   */
  snapshot(now: number, journal: string): MachineSnapshot<Iterable<string>> {
    const holders = { store: this.store, replies: this.#replies, identityTokens: this.#services.identityTokens };
    const relay = encodeSnapshotPieces(captureRelayState(holders, { epoch: this.epoch, now, configuredQueues: this.#setup.config.queues, secrets: {} }));
    const cluster: ClusterPart = { book: this.book.snapshot(), answers: this.#answers.snapshot() };
    return { relay, cluster: JSON.stringify(cluster), journal };
  }

  /** A machine in the state of `snapshot`; its epoch is the snapshot's. */
  static restore(setup: MachineSetup, snapshot: MachineSnapshot): DomainMachine {
    const decoded = decodeSnapshot(snapshot.relay);
    if (!decoded.ok) throw new Error(`the shared state's snapshot cannot be read: ${decoded.reason}`);
    const machine = new DomainMachine({ ...setup, epoch: decoded.snapshot.epoch });
    loadRelayState(decoded.snapshot, { store: machine.store, replies: machine.#replies, identityTokens: machine.#services.identityTokens });
    machine.#latest = decoded.snapshot.savedAt;
    const cluster = JSON.parse(snapshot.cluster) as ClusterPart;
    machine.book.restore(cluster.book);
    machine.#answers.restore(cluster.answers);
    return machine;
  }
}

/** The answer to an input whose decision failed, as each kind of asker expects it. */
function failed({ id, relay, input }: Envelope): InputResult {
  const result = { id, relay, effects: [] as Effect[] };
  switch (input.kind) {
    case 'connect':
      return { ...result, reply: { refused: internalFault } satisfies ConnectReply };
    case 'command':
      return { ...result, effects: [send(input.actor.id, { type: 'error', ...internalFault, id: input.command.id })] };
    case 'admin':
      return { ...result, reply: { status: 500, body: { error: internalFault.code, message: internalFault.message } } };
    case 'may-upload':
    case 'file-stored':
    case 'file-for':
      return { ...result, reply: { ok: false, status: 500, ...internalFault } };
    default:
      return result;
  }
}

interface ClusterPart {
  book: SocketBookSnapshot;
  answers: AnswerBookSnapshot;
}
