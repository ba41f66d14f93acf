import type { ParticipantId, QueueId, StatsPoint, StatsRange, StatsReport } from '../../../protocol/index.js';
import { dayLabel, dayStart, HOUR_MS, hourLabel, localDayOf } from './local-hours.js';
import { addTally, emptyTally, figures, toMs, type Tally } from './tally.js';

/** One hour's counts: the queue's and each agent's who had any. */
export interface HourTallies {
  queue: Tally;
  agents: ReadonlyMap<ParticipantId, Tally>;
}

export interface ReportInput {
  queue: QueueId;
  timeZone: string;
  now: number;
  range: StatsRange;
  /** The hour starting at `start`, if anything was counted in it. */
  hour(start: number): HourTallies | undefined;
  nameOf(agent: ParticipantId): string;
}

type Span = { start: number; end: number; label: string };

/** Today by hour from local midnight, or the last 7 or 30 local days by day, today included. */
function spans(timeZone: string, now: number, range: StatsRange): Span[] {
  const today = localDayOf(timeZone, now);
  if (range === 'today') {
    const spans: Span[] = [];
    const end = dayStart(timeZone, today + 1);
    for (let start = dayStart(timeZone, today); start < end; start += HOUR_MS) {
      spans.push({ start, end: start + HOUR_MS, label: hourLabel(timeZone, start) });
    }
    return spans;
  }
  const days = range === '7d' ? 7 : 30;
  return Array.from({ length: days }, (_, i) => {
    const day = today - days + 1 + i;
    return { start: dayStart(timeZone, day), end: dayStart(timeZone, day + 1), label: dayLabel(day) };
  });
}

/** Merges the hours of the range into its points, its totals and each agent's figures. */
export function buildReport(input: ReportInput): StatsReport {
  const totals = emptyTally();
  const agents = new Map<ParticipantId, Tally>();
  const points = spans(input.timeZone, input.now, input.range);
  const series = points.map(({ start, end, label }): StatsPoint => {
    const point = emptyTally();
    for (let hour = start; hour < end; hour += HOUR_MS) {
      const tallies = input.hour(hour);
      if (!tallies) continue;
      addTally(point, tallies.queue);
      for (const [id, tally] of tallies.agents) {
        let sum = agents.get(id);
        if (!sum) agents.set(id, (sum = emptyTally()));
        addTally(sum, tally);
      }
    }
    addTally(totals, point);
    const { accepted, handled, abandoned, wait } = point;
    return { start, label, accepted, handled, abandoned, ...(wait.count ? { averageWait: toMs(wait.sum / wait.count) } : {}) };
  });
  return {
    queue: input.queue,
    range: input.range,
    timeZone: input.timeZone,
    from: points[0]!.start,
    to: points.at(-1)!.end,
    totals: figures(totals),
    series,
    agents: [...agents]
      .map(([id, tally]) => ({ id, name: input.nameOf(id), figures: figures(tally) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  };
}
