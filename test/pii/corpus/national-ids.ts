/**
 * Valid national identity numbers generated with a seeded PRNG: the same list on every run,
 * each with a correct check digit or character computed in ./checksums.ts.
 */
import { henkilotunnusCheck, luhnCheckDigit } from './checksums.js';
import { pad, type Random } from './prng.js';

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function randomDate(random: Random, fromYear: number, toYear: number): BirthDate {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  return { year, month, day: random.int(1, daysInMonth(year, month)) };
}

/** US SSN, AAA-GG-SSSS or AAA GG SSSS: area 001–899 but not 666, group 01–99, serial 0001–9999. */
export function usSsn(random: Random, separator: '-' | ' '): string {
  let area = random.int(1, 899);
  if (area === 666) area = 667;
  return [pad(area, 3), pad(random.int(1, 99), 2), pad(random.int(1, 9999), 4)].join(separator);
}

export type PersonnummerForm = 'YYMMDD-NNNC' | 'YYMMDDNNNC' | 'YYYYMMDD-NNNC' | 'YYYYMMDDNNNC';

/**
 * Swedish personnummer, or samordningsnummer when `coordination` (day of birth + 60). The
 * ten-digit form uses "+" instead of "-" from the year a person turns 100; `today` fixes that year.
 */
export function personnummer(
  date: BirthDate,
  birthNumber: number,
  form: PersonnummerForm,
  coordination = false,
  today = 2025,
): string {
  const day = coordination ? date.day + 60 : date.day;
  const dateDigits = `${pad(date.year % 100, 2)}${pad(date.month, 2)}${pad(day, 2)}`;
  const serial = pad(birthNumber, 3);
  const last4 = serial + luhnCheckDigit(dateDigits + serial);
  const century = String(Math.floor(date.year / 100));
  switch (form) {
    case 'YYMMDD-NNNC':
      return `${dateDigits}${today - date.year >= 100 ? '+' : '-'}${last4}`;
    case 'YYMMDDNNNC':
      return dateDigits + last4;
    case 'YYYYMMDD-NNNC':
      return `${century}${dateDigits}-${last4}`;
    case 'YYYYMMDDNNNC':
      return `${century}${dateDigits}${last4}`;
  }
}

/** Every century sign of the henkilötunnus, with the new signs in use since 2023. */
export const CENTURY_SIGNS: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/** Finnish henkilötunnus DDMMYY C NNN K for a date in the century of `sign`; individual number 002–899. */
export function henkilotunnus(random: Random, sign: string): string {
  const century = CENTURY_SIGNS[sign];
  if (century === undefined) throw new Error(`unknown century sign ${sign}`);
  // 2000s births only up to 2024, as in real life.
  const date = randomDate(random, century, century === 2000 ? 2024 : century + 99);
  const dateDigits = `${pad(date.day, 2)}${pad(date.month, 2)}${pad(date.year % 100, 2)}`;
  const individualNumber = pad(random.int(2, 899), 3);
  return `${dateDigits}${sign}${individualNumber}${henkilotunnusCheck(dateDigits, individualNumber)}`;
}
