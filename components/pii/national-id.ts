import { TOKEN_END, TOKEN_START } from './boundary.js';
import { luhnValid } from './card.js';
import { isValidDate } from './date.js';
import type { PiiMatch } from './types.js';

/** US Social Security number, AAA-GG-SSSS; the same dash or space must separate all parts. */
const SSN = new RegExp(`${TOKEN_START}\\d{3}([- ])\\d{2}\\1\\d{4}${TOKEN_END}`, 'uy');
/** Swedish personnummer or samordningsnummer: [CC]YYMMDD[-+]NNNC. */
const PERSONNUMMER = new RegExp(`${TOKEN_START}(?:\\d{2})?\\d{6}[-+]?\\d{4}${TOKEN_END}`, 'uy');
/** Finnish henkilötunnus: DDMMYY, century sign, individual number NNN, check character. */
const HENKILOTUNNUS = new RegExp(`${TOKEN_START}\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]${TOKEN_END}`, 'iuy');

/** SSA rules: area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function ssnValid(ssn: string): boolean {
  const match = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/.exec(ssn);
  if (match === null) return false;
  const area = Number(match[1]);
  return area !== 0 && area !== 666 && area < 900 && Number(match[3]) !== 0 && Number(match[4]) !== 0;
}

/** Samordningsnummer (coordination numbers) add 60 to the day of birth. */
const COORDINATION_DAY_OFFSET = 60;

export function personnummerValid(personnummer: string): boolean {
  if (!/^(?:\d{2})?\d{6}[-+]?\d{4}$/.test(personnummer)) return false;
  const digits = personnummer.replace(/[-+]/g, '');
  const tenDigits = digits.slice(-10);
  const twoDigitYear = Number(tenDigits.slice(0, 2));
  const month = Number(tenDigits.slice(2, 4));
  const dayField = Number(tenDigits.slice(4, 6));
  const day = dayField > COORDINATION_DAY_OFFSET ? dayField - COORDINATION_DAY_OFFSET : dayField;
  let year: number;
  if (digits.length === 12) {
    const century = Number(digits.slice(0, 2));
    if (century < 18 || century > 20) return false;
    year = century * 100 + twoDigitYear;
  } else {
    // Without the century, 2000 + YY accepts every date some century allows: 2000 is a leap year.
    year = 2000 + twoDigitYear;
  }
  return isValidDate(year, month, day) && luhnValid(tenDigits);
}

const CENTURY_BY_SIGN: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};
const HENKILOTUNNUS_CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Date of birth with its century sign, individual number 002–999, check character mod 31. */
export function henkilotunnusValid(henkilotunnus: string): boolean {
  const normalized = henkilotunnus.toUpperCase();
  if (!/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/.test(normalized)) return false;
  const century = CENTURY_BY_SIGN[normalized.charAt(6)];
  if (century === undefined) return false;
  const day = Number(normalized.slice(0, 2));
  const month = Number(normalized.slice(2, 4));
  const year = century + Number(normalized.slice(4, 6));
  const individualNumber = normalized.slice(7, 10);
  if (!isValidDate(year, month, day) || Number(individualNumber) < 2) return false;
  const checkIndex = Number(normalized.slice(0, 6) + individualNumber) % 31;
  return HENKILOTUNNUS_CHECK_CHARACTERS.charAt(checkIndex) === normalized.charAt(10);
}

export interface IdPattern {
  /** The pattern, with the sticky flag. */
  sticky: RegExp;
  /** Lengths of the run of digits a match starts with. */
  leadingDigits: readonly number[];
  isValid: (value: string) => boolean;
}

/** The patterns in the order their matches are returned; exported for tests. */
export const ID_PATTERNS: readonly IdPattern[] = [
  { sticky: SSN, leadingDigits: [3], isValid: ssnValid },
  { sticky: PERSONNUMMER, leadingDigits: [6, 8, 10, 12], isValid: personnummerValid },
  { sticky: HENKILOTUNNUS, leadingDigits: [6], isValid: henkilotunnusValid },
];

const DIGIT_RUN = /\d+/g;
const LEADING_DIGITS = new Set(ID_PATTERNS.flatMap((pattern) => pattern.leadingDigits));

/**
 * The valid matches of each pattern, as `text.matchAll` would find them. A match starts a
 * token with a digit, so it starts a run of ASCII digits, and the length of that run tells
 * which patterns can match there: they are tried only at such starts.
 */
export function findNationalIds(text: string): PiiMatch[] {
  const found: PiiMatch[][] = ID_PATTERNS.map(() => []);
  // Where each pattern's last match ended: the next one starts there or later.
  const searchedTo: number[] = ID_PATTERNS.map(() => 0);
  DIGIT_RUN.lastIndex = 0;
  for (let run = DIGIT_RUN.exec(text); run !== null; run = DIGIT_RUN.exec(text)) {
    const start = run.index;
    if (!LEADING_DIGITS.has(run[0].length)) continue;
    for (let index = 0; index < ID_PATTERNS.length; index++) {
      const { sticky, leadingDigits, isValid } = ID_PATTERNS[index] as IdPattern;
      if (start < (searchedTo[index] ?? 0) || !leadingDigits.includes(run[0].length)) continue;
      sticky.lastIndex = start;
      const match = sticky.exec(text);
      if (match === null) continue;
      searchedTo[index] = start + match[0].length;
      if (isValid(match[0])) found[index]?.push({ kind: 'national-id', start, end: start + match[0].length });
    }
  }
  return found.flat();
}
