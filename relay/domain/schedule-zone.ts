/**
 * Wall-clock arithmetic in IANA time zones with `Intl.DateTimeFormat` only: no dependencies, no
 * clock of its own. A "local" value is the zone's wall-clock reading written as if it were UTC
 * (ms since 1970-01-01T00:00 of the wall clock), so `Math.floor(local / DAY_MS)` is the local day.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, made on first use: formatters are expensive, formatting is not. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is a time zone name this runtime knows, such as `Europe/Helsinki` (not an offset like `+02:00`). */
export function isValidIanaZone(timeZone: string): boolean {
  if (timeZone.length === 0 || /^[+\-\u2212\d]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of `timeZone` at instant `utc`, to the whole second, as a local value. */
export function wallClock(timeZone: string, utc: number): number {
  let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  for (const part of formatterFor(timeZone).formatToParts(utc)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value) % 24; break; // some ICU versions say 24 for midnight
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at instant `utc`, in ms (local = utc + offset). */
export function offsetAt(timeZone: string, utc: number): number {
  return wallClock(timeZone, utc) - Math.floor(utc / 1000) * 1000;
}

/**
 * The instants at which the wall clock of `timeZone` reads `local`, turned into the two ends a
 * range needs:
 * - `start`: the first instant the clock reads `local` or later;
 * - `end`: the last instant it reads `local`, or the jump if it never does.
 * Usually both are the one instant the clock reads `local`. In a repeated hour (autumn) `start` is
 * the first occurrence and `end` the second. In a skipped hour (spring) both are the instant of the
 * jump, as the clock goes straight past `local`.
 * `before` and `after` are the offsets at instants well before and after `local` (by default a day
 * either side), with at most one offset change between them, as in every current zone.
 */
export function resolveLocal(
  timeZone: string,
  local: number,
  before = offsetAt(timeZone, local - DAY_MS),
  after = offsetAt(timeZone, local + DAY_MS),
): { start: number; end: number } {
  const early = local - before; // the candidate if the earlier offset holds
  const late = local - after; // the candidate if the later offset holds
  const earlyOk = offsetAt(timeZone, early) === before;
  if (before === after && earlyOk) return { start: early, end: early };
  const lateOk = offsetAt(timeZone, late) === after;
  if (earlyOk && lateOk) return early <= late ? { start: early, end: late } : { start: late, end: early };
  if (earlyOk) return { start: early, end: early };
  if (lateOk) return { start: late, end: late };
  // In the gap: the clock jumps forward (after > before), so late < jump <= early. Find the jump to the second.
  let lo = Math.floor(late / 1000); // seconds; offset here is `before`
  let hi = Math.ceil(early / 1000); // offset here is no longer `before`
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid * 1000) === before) lo = mid;
    else hi = mid;
  }
  return { start: hi * 1000, end: hi * 1000 };
}
