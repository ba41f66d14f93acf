import type { ClusterKeys } from './cluster-keys.js';
import type { DomainMachine } from './domain-machine.js';
import type { Batch, Envelope, InputResult, JournalEntry } from './inputs.js';
import type { LeaseKeeper } from './lease.js';
import { commit, runScript, storeSnapshot } from './lua-scripts.js';
import type { RedisClient } from './redis-client.js';

/** Inputs decided in one commit at most: one script call, one journal entry, one batch. */
const groupLimit = 500;
/**
 * Snapshots take at most this share of the leader's time: writing one holds the event loop while
 * the whole state is encoded, so a large state is snapshotted less often than `snapshotSeconds`
 * (and the journal after it is longer to replay on a takeover).
 */
const snapshotShare = 0.05;
/** Encoding a snapshot holds the event loop this long at most before letting other work run. */
const snapshotSliceMs = 10;
/** A snapshot slower than this to encode is logged: decisions wait for it. */
const slowSnapshotMs = 1_000;
const presenceCheckMs = 2_000;

export interface LeaderOptions {
  redis: RedisClient;
  keys: ClusterKeys;
  relay: string;
  lease: LeaseKeeper;
  machine: DomainMachine;
  /** The last journal entry the machine includes. */
  journal: string;
  snapshotSeconds: number;
  clock: () => number;
  /** Called once when this relay stops leading because a write was refused or failed. */
  onLost: (reason: string) => void;
}

/**
 * The relay that leads: the only one that runs the domain. Inputs from every relay (its own
 * directly, the others' through Redis) are decided one at a time, in the order they arrive —
 * so a routing decision can never race another, across queues and relays alike. While Redis
 * stores one group of decided inputs, the next group gathers (group commit); a group is
 * decided, appended to the journal and published to every relay in one script (lua-scripts.ts
 * `commit`), so nothing is shown before it is stored. The state is snapshotted every
 * `snapshotSeconds` and the journal before the snapshot trimmed.
 */
export class Leader {
  readonly #o: LeaderOptions;
  readonly #queue: Envelope[] = [];
  #committing = false;
  #scheduled = false;
  #announce = true;
  #stopped = false;
  /** A planned stop: no group is started any more. */
  #closing = false;
  #lastNow: number;
  #journal: string;
  #sinceSnapshot = 0;
  #snapshotAt: number;
  /** How long encoding the last snapshot took, its slices added up. */
  #snapshotMs = 0;
  /** Set while a snapshot is encoded: no input is decided meanwhile. */
  #snapshotting?: Promise<void> | undefined;
  /** The last snapshot, once stored. */
  #stored: Promise<void> = Promise.resolve();
  /** One snapshot is stored at a time: an older one landing after a newer would trim the journal the newer needs. */
  #storing = false;
  #ticks = 0;
  readonly #goneAsked = new Set<string>();
  readonly #timers: NodeJS.Timeout[];
  #drained?: () => void;

  constructor(options: LeaderOptions) {
    this.#o = options;
    this.#journal = options.journal;
    this.#lastNow = options.machine.latest;
    this.#snapshotAt = Date.now();
    this.#timers = [setInterval(() => this.#tick(), 1000), setInterval(() => void this.#checkRelays(), presenceCheckMs)];
    this.#tick();
  }

  get epoch(): string {
    return this.#o.machine.epoch;
  }

  get machine(): DomainMachine {
    return this.#o.machine;
  }

  /** An input to decide, from any relay. */
  accept(envelope: Envelope): void {
    if (this.#stopped) return;
    this.#queue.push(envelope);
    this.#schedule();
  }

  #tick(): void {
    this.accept({ id: `${this.#o.relay}:tick:${++this.#ticks}`, relay: this.#o.relay, input: { kind: 'tick' } });
  }

  /** Relays that hold sockets but stopped renewing their presence: their participants are disconnected. */
  async #checkRelays(): Promise<void> {
    const relays = [...this.#o.machine.book.relays()].filter((relay) => relay !== this.#o.relay);
    if (!relays.length) return;
    const present = await this.#o.redis.mGet(relays.map(this.#o.keys.presence)).catch(() => undefined);
    if (!present || this.#stopped) return;
    relays.forEach((relay, i) => {
      // Back (it was only late, and dropped its sockets when told): it may be declared gone again later.
      if (present[i] !== null) return void this.#goneAsked.delete(relay);
      if (this.#goneAsked.has(relay)) return;
      this.#goneAsked.add(relay);
      console.log(`tiski relay: relay ${relay} is gone; its participants count as disconnected`);
      this.accept({ id: `${this.#o.relay}:gone:${relay}:${++this.#ticks}`, relay: this.#o.relay, input: { kind: 'relay-gone', relay } });
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#committing || this.#stopped || this.#closing || this.#snapshotting) return;
    this.#scheduled = true;
    // Inputs that arrive in the same turn go in one group.
    setImmediate(() => {
      this.#scheduled = false;
      this.#commit();
    });
  }

  #commit(): void {
    if (this.#committing || this.#stopped || this.#closing || this.#snapshotting) return;
    if (!this.#queue.length && !this.#announce) return this.#drained?.();
    this.#committing = true;
    this.#announce = false;
    const { machine, redis, keys, lease, relay } = this.#o;
    const entries: JournalEntry[] = [];
    const results: InputResult[] = [];
    let ticked = false;
    for (const envelope of this.#queue.splice(0, groupLimit)) {
      const now = (this.#lastNow = Math.max(this.#o.clock(), this.#lastNow));
      const { result, entry } = machine.apply(envelope, now);
      if (entry) entries.push(entry);
      // A second passing with nothing to show is journaled, not published.
      if (envelope.input.kind === 'tick') ticked = true;
      if (envelope.input.kind !== 'tick' || result.effects.length) results.push(result);
    }
    const batch: Omit<Batch, 'seq'> = { leader: relay, term: lease.value, epoch: machine.epoch, results, ...(ticked ? { figures: machine.figures(this.#lastNow) } : {}) };
    runScript(redis, commit, { keys: [keys.lease, keys.journal, keys.batchSeq], arguments: [lease.value, entries.length ? JSON.stringify(entries) : '', JSON.stringify(batch), keys.batches] })
      .then((reply) => {
        const [, journalId] = reply as [number, string];
        if (journalId) {
          this.#journal = journalId;
          this.#sinceSnapshot += entries.length;
        }
        this.#committing = false;
        if (this.#stopped || this.#closing || this.#snapshotIfDue()) return;
        this.#commit();
      })
      .catch((error: Error) => this.#lose(`a commit failed (${error.message})`));
  }

  /**
   * Between commits the machine holds exactly what the journal holds: the moment to take a
   * snapshot. Decisions wait while it is encoded, a slice at a time, so that the event loop
   * keeps serving sockets and extending the lease however large the state is; they go on while
   * Redis stores it.
   */
  #snapshotIfDue(force = false): boolean {
    const since = Date.now() - this.#snapshotAt;
    const due = since >= this.#o.snapshotSeconds * 1000 && since >= this.#snapshotMs / snapshotShare;
    if (this.#storing || !this.#sinceSnapshot || !(due || force)) return false;
    this.#storing = true;
    const { machine, redis, keys, lease } = this.#o;
    const snapshot = machine.snapshot(this.#lastNow, this.#journal);
    this.#sinceSnapshot = 0;
    this.#snapshotAt = Date.now();
    const encoded = this.#encode(snapshot.relay).catch((error: Error) => {
      // Too large to encode (V8's longest string): the journal keeps growing, and every takeover replays it.
      console.error(`tiski relay: the shared state could not be snapshotted, the journal grows until it can: ${error.message}`);
      return undefined;
    });
    this.#snapshotting = encoded.then(() => undefined);
    this.#stored = encoded.then((relay) => {
      this.#snapshotting = undefined;
      this.#schedule();
      if (relay === undefined) return;
      const stored = runScript(redis, storeSnapshot, { keys: [keys.lease, keys.snapshot, keys.journal], arguments: [lease.value, relay, snapshot.cluster, snapshot.journal] });
      return stored.then(
        () => undefined,
        (error: Error) => {
          if (error.message.startsWith('LEASE')) return this.#lose('a snapshot was refused: another relay leads');
          // Redis refused it (its memory, its largest string): the journal stays whole and a later snapshot may fit.
          console.error(`tiski relay: a snapshot could not be stored, the journal grows until one is: ${error.message}`);
        },
      );
    }).finally(() => {
      this.#storing = false;
    });
    return true;
  }

  /** Joins the pieces, letting other work run every few milliseconds; undefined when this relay stopped leading meanwhile. */
  async #encode(pieces: Iterable<string>): Promise<string | undefined> {
    const taken: string[] = [];
    let busy = 0;
    let slice = performance.now();
    for (const piece of pieces) {
      taken.push(piece);
      if (performance.now() - slice < snapshotSliceMs) continue;
      busy += performance.now() - slice;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#stopped) return undefined;
      slice = performance.now();
    }
    const text = taken.join('');
    this.#snapshotMs = busy + performance.now() - slice;
    if (this.#snapshotMs > slowSnapshotMs) {
      console.log(`tiski relay: a snapshot of ${Math.round(text.length / 1e6)} MB took ${Math.round(this.#snapshotMs)} ms to encode; decisions waited meanwhile`);
    }
    return text;
  }

  #lose(reason: string): void {
    if (this.#stopped) return;
    this.stop();
    this.#o.lease.stop();
    this.#o.onLost(reason);
  }

  /** Stops deciding; what was decided but not yet stored is lost, and relays send it again to the next leader. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#drained?.();
  }

  /** A planned stop: decides and stores what arrived, takes a last snapshot and gives the lease up. */
  async finish(timeoutMs: number): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    const deadline = Date.now() + timeoutMs;
    const untilDeadline = (promise: Promise<unknown>) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
    const drained = new Promise<void>((resolve) => (this.#drained = resolve));
    this.#schedule();
    await untilDeadline(drained);
    if (this.#stopped) return;
    // No group after this one; one still being stored when time ran out must be in the journal before the snapshot holds it.
    this.#closing = true;
    while (this.#committing && !this.#stopped && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.#stopped) return;
    // Redis unreachable: no snapshot; the next leader replays the journal.
    if (!this.#committing) {
      await untilDeadline(this.#stored);
      this.#snapshotIfDue(true);
      // The last snapshot may take a while to encode and store: as long again.
      await Promise.race([this.#stored, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    }
    this.#stopped = true;
    await this.#o.lease.release();
  }
}
