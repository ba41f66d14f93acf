import type { ParticipantId, QueueId, StatsRange, StatsReport } from '../../../protocol/index.js';
import { addDuration, emptyHistogram, mergeHistogram, quantile } from './histogram.js';
import { dayStart, hourStart, localDayOf } from './local-hours.js';
import { buildReport } from './report.js';
import type { CountedAgent, OfferOutcome, StatsBook, StatsMoment } from './stats-book.js';
import { emptyTally, type Tally } from './tally.js';

/** A typical wait is told customers once this many were served in the last 7 days. */
export const typicalWaitSample = 5;
/** How often a queue's typical wait is worked out again. */
const typicalWaitRefreshMs = 60_000;

/** Local days of hours kept per queue, today included: enough for a 30-day report at any hour. */
export const keptDays = 32;

interface HourBucket {
  queue: Tally;
  agents: Map<ParticipantId, Tally>;
}

interface QueueBook {
  /** By the instant each hour starts. */
  hours: Map<number, HourBucket>;
  /** The last name each agent counted here had. */
  names: Map<ParticipantId, string>;
  /** When the next local day begins: hours too old are dropped then. */
  pruneAt: number;
}

type Count = (tally: Tally) => void;

/**
 * The book as plain data, for a planned restart (relay/persistence): hours by their start, agents
 * by id. Offer totals are the metrics' counters of this process and start again from zero.
 */
export interface StatsBookSnapshot {
  queues: Array<{
    queue: QueueId;
    hours: Array<{ start: number; queue: Tally; agents: Array<[ParticipantId, Tally]> }>;
    names: Array<[ParticipantId, string]>;
  }>;
}

/** The statistics book in memory: hourly tallies per queue and agent, the oldest dropped as days pass. */
export class MemoryStatsBook implements StatsBook {
  readonly #queues = new Map<QueueId, QueueBook>();
  readonly #offerTotals = new Map<QueueId, Record<OfferOutcome, number>>();
  readonly #typicalWaits = new Map<QueueId, { at: number; ms: number | undefined }>();

  #offer(queue: QueueId, outcome: OfferOutcome) {
    let totals = this.#offerTotals.get(queue);
    if (!totals) this.#offerTotals.set(queue, (totals = { offered: 0, accepted: 0, rejected: 0, 'timed-out': 0 }));
    totals[outcome]++;
  }

  offerTotals() {
    return [...this.#offerTotals].flatMap(([queue, totals]) =>
      (Object.entries(totals) as Array<[OfferOutcome, number]>).map(([outcome, count]) => ({ queue, outcome, count })),
    );
  }

  offered(at: StatsMoment, agent: CountedAgent) {
    this.#offer(at.queue, 'offered');
    this.#count(at, agent, (t) => t.offered++);
  }
  rejected(at: StatsMoment, agent: CountedAgent) {
    this.#offer(at.queue, 'rejected');
    this.#count(at, agent, (t) => t.rejected++);
  }
  timedOut(at: StatsMoment, agent: CountedAgent) {
    this.#offer(at.queue, 'timed-out');
    this.#count(at, agent, (t) => t.timedOut++);
  }
  accepted(at: StatsMoment, agent: CountedAgent, waitMs: number) {
    this.#offer(at.queue, 'accepted');
    this.#count(at, agent, (t) => {
      t.accepted++;
      addDuration(t.wait, waitMs);
    });
  }
  handled(at: StatsMoment, agent: CountedAgent, handlingMs: number, ownedMs: number) {
    const handled = (ms: number): Count => (t) => {
      t.handled++;
      addDuration(t.handling, ms);
    };
    this.#count(at, agent, handled(handlingMs), handled(ownedMs));
  }
  abandoned(at: StatsMoment, waitMs: number) {
    this.#count(at, undefined, (t) => {
      t.abandoned++;
      addDuration(t.abandonedAfter, waitMs);
    });
  }
  transferred(at: StatsMoment, agent: CountedAgent) {
    this.#count(at, agent, (t) => t.transferred++);
  }
  rating(at: StatsMoment, agent: CountedAgent, stars: number) {
    this.#count(at, agent, (t) => {
      t.ratings++;
      t.starsSum += stars;
    });
  }

  typicalWaitMs(queue: QueueId): number | undefined {
    return this.#typicalWaits.get(queue)?.ms;
  }

  refreshTypicalWait(at: StatsMoment): void {
    const cached = this.#typicalWaits.get(at.queue);
    if (cached && at.now - cached.at < typicalWaitRefreshMs) return;
    const waits = emptyHistogram();
    const since = at.now - 7 * 24 * 3_600_000;
    for (const [start, bucket] of this.#queues.get(at.queue)?.hours ?? []) if (start >= since) mergeHistogram(waits, bucket.queue.wait);
    this.#typicalWaits.set(at.queue, { at: at.now, ms: waits.count >= typicalWaitSample ? quantile(waits, 0.5) * 1000 : undefined });
  }

  report(at: StatsMoment, range: StatsRange, nameOf: (agent: ParticipantId) => string | undefined): StatsReport {
    const book = this.#queues.get(at.queue);
    if (book) this.#prune(book, at);
    return buildReport({
      ...at,
      range,
      hour: (start) => book?.hours.get(start),
      nameOf: (id) => nameOf(id) ?? book?.names.get(id) ?? '',
    });
  }

  forget(queue: QueueId) {
    this.#queues.delete(queue);
  }

  snapshot(): StatsBookSnapshot {
    return {
      queues: [...this.#queues].map(([queue, book]) => ({
        queue,
        hours: [...book.hours].map(([start, bucket]) => ({ start, queue: bucket.queue, agents: [...bucket.agents] })),
        names: [...book.names],
      })),
    };
  }

  /** Replaces everything counted with `snapshot`; typical waits are worked out again. */
  restore(snapshot: StatsBookSnapshot): void {
    this.#queues.clear();
    this.#typicalWaits.clear();
    for (const { queue, hours, names } of snapshot.queues) {
      this.#queues.set(queue, {
        hours: new Map(hours.map(({ start, queue, agents }) => [start, { queue, agents: new Map(agents) }])),
        names: new Map(names),
        pruneAt: -Infinity,
      });
    }
  }

  /** The starts of the hours kept for the queue, for tests that check old ones go. */
  hoursKept(queue: QueueId): number[] {
    return [...(this.#queues.get(queue)?.hours.keys() ?? [])];
  }

  #count(at: StatsMoment, agent: CountedAgent | undefined, count: Count, countAgent: Count = count): void {
    let book = this.#queues.get(at.queue);
    if (!book) this.#queues.set(at.queue, (book = { hours: new Map(), names: new Map(), pruneAt: -Infinity }));
    this.#prune(book, at);
    const start = hourStart(at.timeZone, at.now);
    let bucket = book.hours.get(start);
    if (!bucket) book.hours.set(start, (bucket = { queue: emptyTally(), agents: new Map() }));
    count(bucket.queue);
    if (!agent) return;
    let tally = bucket.agents.get(agent.id);
    if (!tally) bucket.agents.set(agent.id, (tally = emptyTally()));
    countAgent(tally);
    if (agent.name !== undefined) book.names.set(agent.id, agent.name);
  }

  /** Once a local day: drops hours before the oldest kept day, and names nobody in the rest has. */
  #prune(book: QueueBook, at: StatsMoment): void {
    if (at.now < book.pruneAt) return;
    const today = localDayOf(at.timeZone, at.now);
    book.pruneAt = dayStart(at.timeZone, today + 1);
    const keepFrom = dayStart(at.timeZone, today - keptDays + 1);
    let dropped = false;
    for (const start of book.hours.keys()) {
      if (start >= keepFrom) continue;
      book.hours.delete(start);
      dropped = true;
    }
    if (!dropped) return;
    const counted = new Set<ParticipantId>();
    for (const bucket of book.hours.values()) for (const id of bucket.agents.keys()) counted.add(id);
    for (const id of book.names.keys()) if (!counted.has(id)) book.names.delete(id);
  }
}
