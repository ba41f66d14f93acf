import type { ParticipantId, QueueId, StatsRange, StatsReport } from '../../../protocol/index.js';

/** Where and when something is counted: the queue, the time zone its hours follow, the relay's clock. */
export interface StatsMoment {
  queue: QueueId;
  timeZone: string;
  now: number;
}

export type OfferOutcome = 'offered' | 'accepted' | 'rejected' | 'timed-out';

/** An agent as counted; the name is remembered for reports after the agent is gone. */
export interface CountedAgent {
  id: ParticipantId;
  name?: string;
}

/**
 * Per-queue and per-agent statistics by hour (Q5), counted as things happen, never by scanning
 * history. Durations are in milliseconds. Part of the store, so a shared store can keep it too.
 */
export interface StatsBook {
  offered(at: StatsMoment, agent: CountedAgent): void;
  rejected(at: StatsMoment, agent: CountedAgent): void;
  timedOut(at: StatsMoment, agent: CountedAgent): void;
  /** A conversation began after `waitMs` in line: an accepted offer or a pick. */
  accepted(at: StatsMoment, agent: CountedAgent, waitMs: number): void;
  /** A conversation ended: `handlingMs` since it began for the queue, `ownedMs` since the agent took it for them. */
  handled(at: StatsMoment, agent: CountedAgent, handlingMs: number, ownedMs: number): void;
  /** A customer left the line, or was gone, after `waitMs` without being served. */
  abandoned(at: StatsMoment, waitMs: number): void;
  /** The agent handed a conversation on, to another agent or queue. */
  transferred(at: StatsMoment, agent: CountedAgent): void;
  /** A customer rated the agent who served them, 1 to 5 stars. */
  rating(at: StatsMoment, agent: CountedAgent, stars: number): void;
  /** The queue's figures over `range`, ending at the local day of `at.now`; `nameOf` gives agents' current names. */
  report(at: StatsMoment, range: StatsRange, nameOf: (agent: ParticipantId) => string | undefined): StatsReport;
  /** The median wait of the customers served in the queue in the last 7 days (W2), as last worked out. */
  typicalWaitMs(queue: QueueId): number | undefined;
  /** Works the typical wait out again, at most once a minute; called by the relay's tick. */
  refreshTypicalWait(at: StatsMoment): void;
  /** Offers since the relay started, by queue and outcome, for metrics; `accepted` includes picks. Never forgotten. */
  offerTotals(): Array<{ queue: QueueId; outcome: OfferOutcome; count: number }>;
  /** Drops everything counted for the queue: it was deleted. */
  forget(queue: QueueId): void;
}
