/**
 * The hours and days of a queue's time zone as real instants, from the schedule's zone helpers.
 * A statistics hour is a real hour that starts where the wall clock shows a full hour: the hour
 * an autumn change repeats is two hours, the one a spring change skips is none, so a local day
 * has 23, 24 or 25 of them.
 */
import { DAY_MS, resolveLocal, wallClock } from '../schedule-zone.js';

export const HOUR_MS = 3_600_000;

/** The day number (days since 1970-01-01) the zone's wall clock shows at `at`. */
export const localDayOf = (timeZone: string, at: number): number => Math.floor(wallClock(timeZone, at) / DAY_MS);

/** The first instant of local day `day`: its midnight, or the jump where midnight is skipped. */
export const dayStart = (timeZone: string, day: number): number => resolveLocal(timeZone, day * DAY_MS).start;

/** The instant the wall-clock hour holding `at` began. */
export function hourStart(timeZone: string, at: number): number {
  const intoHour = ((wallClock(timeZone, at) % HOUR_MS) + HOUR_MS) % HOUR_MS;
  return Math.floor(at / 1000) * 1000 - intoHour;
}

/** "00" to "23": the wall-clock hour beginning at `start`. */
export const hourLabel = (timeZone: string, start: number): string =>
  String(Math.floor((wallClock(timeZone, start) % DAY_MS) / HOUR_MS)).padStart(2, '0');

/** "2026-03-29": local day `day` as a date. */
export const dayLabel = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
