/**
 * Opening hours per queue (Q1): a weekly timetable in the queue's own time zone, with exception
 * dates. Pure: every answer is for the instant passed in.
 *
 * Local-time semantics: a range "from–to" on a local date opens at the first instant the zone's wall
 * clock reads `from` (or later) that date, and closes at the last instant it reads `to`, or where the
 * clock skips past `to`. So on daylight-saving days:
 * - a nonexistent time (in the skipped hour, spring) is the instant of the jump: in Europe/Helsinki
 *   on 2026-03-29, 03:30 means 04:00 local, the first valid instant after it;
 * - an ambiguous time (in the repeated hour, autumn, including its first minute) is its first
 *   occurrence for `from` and its second for `to`: the range lasts as long as it possibly can. So in
 *   Europe/Stockholm on 2026-10-25 a range to 02:00 runs until the second 02:00 (01:00Z), through the
 *   first pass of 02:00–03:00.
 * Ranges of one day, and a day's "24:00" with the next day's "00:00", that touch or overlap are one
 * opening: nothing closes in between.
 */
import { z } from 'zod';
import { DAY_MS, isValidIanaZone, MINUTE_MS, offsetAt, resolveLocal, wallClock } from './schedule-zone.js';

export { isValidIanaZone } from './schedule-zone.js';

const HORIZON_MS = 14 * DAY_MS;

const HHMM = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time "HH:MM" between 00:00 and 24:00');

const ISODate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date "YYYY-MM-DD"')
  .refine((date) => {
    const ms = Date.parse(`${date}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date);
  }, 'not a date in the calendar');

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** `from` before `to`, reported on `to`. */
function orderedRange(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (minutes(range.from) >= minutes(range.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `"from" (${range.from}) must be before "to" (${range.to})` });
  }
}

const Hours = z.object({ from: HHMM, to: HHMM }).strict().superRefine(orderedRange);

export const Schedule = z
  .object({
    timeZone: z.string().refine(isValidIanaZone, 'an IANA time zone such as Europe/Helsinki'),
    /** Weekly opening hours: weekday 1 = Monday … 7 = Sunday; "HH:MM" local times, from < to ("24:00" allowed as to). Several ranges per day allowed. */
    weekly: z.array(
      z
        .object({ days: z.array(z.number().int().min(1).max(7)).min(1), from: HHMM, to: HHMM })
        .strict()
        .superRefine(orderedRange),
    ),
    /** Exception dates (local "YYYY-MM-DD"): closed all day, or other hours that day. */
    exceptions: z
      .array(
        z
          .object({ date: ISODate, closed: z.boolean().optional(), hours: z.array(Hours).optional() })
          .strict()
          .superRefine((exception, ctx) => {
            if (exception.closed && exception.hours?.length) {
              ctx.addIssue({ code: 'custom', path: ['hours'], message: `${exception.date} is both closed and has hours` });
            } else if (!exception.closed && exception.hours === undefined) {
              ctx.addIssue({ code: 'custom', message: `${exception.date} needs "closed": true or "hours"` });
            }
          }),
      )
      .default([]),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    const seen = new Set<string>();
    schedule.exceptions.forEach((exception, i) => {
      if (seen.has(exception.date)) {
        ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'date'], message: `${exception.date} has more than one exception` });
      }
      seen.add(exception.date);
    });
  });
export type Schedule = z.infer<typeof Schedule>;

/** Ranges as [from, to] minutes of the local day. */
type DayHours = ReadonlyArray<readonly [number, number]>;

/** A schedule prepared once: hours by weekday and exception day, and each local day's opening instants. */
interface Compiled {
  timeZone: string;
  /** Index 1 = Monday … 7 = Sunday. */
  weekly: DayHours[];
  /** By local day number (days since 1970-01-01). */
  exceptions: Map<number, DayHours>;
  /** Local day number → flat [start, end, start, end, …] instants of that day's ranges. */
  days: Map<number, number[]>;
}

const MAX_CACHED_DAYS = 512;

/** By identity: a schedule must not be changed after its first use (parse a new one instead). */
const compiledSchedules = new WeakMap<Schedule, Compiled>();

function compile(schedule: Schedule): Compiled {
  let compiled = compiledSchedules.get(schedule);
  if (compiled) return compiled;
  const weekly: Array<Array<readonly [number, number]>> = Array.from({ length: 8 }, () => []);
  for (const range of schedule.weekly) {
    for (const day of new Set(range.days)) weekly[day]?.push([minutes(range.from), minutes(range.to)]);
  }
  const exceptions = new Map<number, DayHours>();
  for (const exception of schedule.exceptions) {
    const hours = exception.closed ? [] : (exception.hours ?? []).map((h) => [minutes(h.from), minutes(h.to)] as const);
    exceptions.set(Date.parse(`${exception.date}T00:00:00Z`) / DAY_MS, hours);
  }
  compiled = { timeZone: schedule.timeZone, weekly, exceptions, days: new Map() };
  compiledSchedules.set(schedule, compiled);
  return compiled;
}

/** ISO weekday (1 = Monday) of a local day number; day 0 was a Thursday. */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

/** The opening instants of one local day's ranges, as flat [start, end, …]; empty ranges (inside a skipped hour) left out. */
function dayIntervals(compiled: Compiled, day: number): number[] {
  let intervals = compiled.days.get(day);
  if (intervals) return intervals;
  intervals = [];
  const hours = compiled.exceptions.get(day) ?? compiled.weekly[weekday(day)] ?? [];
  const { timeZone } = compiled;
  // Offsets at instants safely before and after every local time of the day (offsets are under 1 day).
  const before = hours.length ? offsetAt(timeZone, (day - 1) * DAY_MS) : 0;
  const after = hours.length ? offsetAt(timeZone, (day + 2) * DAY_MS) : 0;
  for (const [from, to] of hours) {
    const start = resolveLocal(timeZone, day * DAY_MS + from * MINUTE_MS, before, after).start;
    const end = resolveLocal(timeZone, day * DAY_MS + to * MINUTE_MS, before, after).end;
    if (start < end) intervals.push(start, end);
  }
  if (compiled.days.size >= MAX_CACHED_DAYS) compiled.days.clear();
  compiled.days.set(day, intervals);
  return intervals;
}

function localDay(compiled: Compiled, now: number): number {
  if (!Number.isFinite(now)) throw new RangeError(`not an instant: ${now}`);
  return Math.floor(wallClock(compiled.timeZone, now) / DAY_MS);
}

/** Whether the queue is open at `now` (ms since epoch) by its schedule. */
export function isOpenAt(schedule: Schedule, now: number): boolean {
  const compiled = compile(schedule);
  const today = localDay(compiled, now);
  // A day's ranges stay within the instants its date is on the wall clock, give or take a changed hour.
  for (let day = today - 1; day <= today + 1; day++) {
    const intervals = dayIntervals(compiled, day);
    for (let i = 0; i < intervals.length; i += 2) {
      if (intervals[i]! <= now && now < intervals[i + 1]!) return true;
    }
  }
  return false;
}

/** The next instant (ms since epoch) after `now` at which isOpenAt changes, or undefined if it never does within 14 days. */
export function nextChange(schedule: Schedule, now: number): number | undefined {
  const compiled = compile(schedule);
  const today = localDay(compiled, now);
  // Days far enough ahead that every change within the horizon comes from a whole, merged opening.
  const intervals: Array<[number, number]> = [];
  for (let day = today - 1; day <= today + 16; day++) {
    const flat = dayIntervals(compiled, day);
    for (let i = 0; i < flat.length; i += 2) intervals.push([flat[i]!, flat[i + 1]!]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let i = 0;
  while (i < intervals.length) {
    const start = intervals[i]![0];
    let end = intervals[i]![1];
    for (i++; i < intervals.length && intervals[i]![0] <= end; i++) end = Math.max(end, intervals[i]![1]);
    // [start, end) is one opening: touching and overlapping ranges merged.
    const change = start > now ? start : end > now ? end : undefined;
    if (change !== undefined) return change - now <= HORIZON_MS ? change : undefined;
  }
  return undefined;
}

/** When it next opens (ms), for telling customers "opens at …"; undefined if open now or never within 14 days. */
export function nextOpening(schedule: Schedule, now: number): number | undefined {
  return isOpenAt(schedule, now) ? undefined : nextChange(schedule, now);
}
