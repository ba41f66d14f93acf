import {
  CODE_PREFIX,
  SPACE,
  TOKEN_START,
  digitRuns,
  endsToken,
  isNotSpaceCode,
  spansWithin,
  type DigitRunPattern,
  type Span,
} from './boundary.js';
import { isValidDate } from './date.js';
import type { PiiMatch } from './types.js';

const MIN_INTERNATIONAL_DIGITS = 7;
const MIN_NATIONAL_DIGITS = 8;
const MAX_DIGITS = 15;

/**
 * A chunk is digits and parenthesised digits, with single inner dashes or dots: "040-123",
 * "(0)20", "+44". An unbalanced parenthesis stays outside: "(+358 40 123 4567)".
 */
const PAREN_GROUP = String.raw`\(\d{1,5}\)`;
const CHUNK = String.raw`\+?(?:${PAREN_GROUP}|\d)(?:[.-]?(?:${PAREN_GROUP}|\d))*`;
/** Chunks joined by single spaces; the phone numbers in a run are found in code. */
const chunkRun = (prefix: string): RegExp => new RegExp(`${TOKEN_START}${prefix}${CHUNK}(?:${SPACE}${CHUNK})*`, 'uy');
/** Exported for tests. */
export const CHUNK_RUN: DigitRunPattern = { withCode: chunkRun(CODE_PREFIX), run: chunkRun('') };
const ANY_SPACE = new RegExp(SPACE, 'gu');

/** Digit groups separated by one space, dash or dot, with at most one parenthesised group. */
const PHONE_LAYOUT = /^\+?(?:\d+(?:[ .-]|(?=\())|\(\d{1,5}\)[ -]?)*\d+$/;
/** Dots separate phone groups only on their own, in at least three groups of two or more. */
const DOTTED_PHONE = /^\+?\d{2,}(?:\.\d{2,}){2,}$/;
/** North American 10-digit numbers, NXX-NXX-XXXX, with an optional leading 1. */
const NANP_PHONE = /^(?:1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}$/;
/** Shapes of other numbers, whether valid or not: Swedish and US identity numbers, Finnish business ids. */
const IDENTITY_NUMBER_SHAPE = /^(?:\d{6}|\d{8})[-+]\d{4}$|^\d{3}-\d{2}-\d{4}$|^\d{7}-\d$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[ ./-](\d{1,2})[ ./-](\d{4})$|^(\d{2})(\d{2})(\d{4})$/;

function isDayMonthYear(candidate: string): boolean {
  const match = DAY_MONTH_YEAR.exec(candidate);
  if (match === null) return false;
  const [day, month, year] = (match[1] === undefined ? match.slice(4) : match.slice(1, 4)).map(Number);
  if (day === undefined || month === undefined || year === undefined) return false;
  return year >= 1900 && year < 2100 && isValidDate(year, month, day);
}

/** NANP_PHONE holds ten digits, or eleven with the leading 1, in at most four chunks. */
const isNorthAmericanShape = (digitCount: number, chunkCount: number): boolean =>
  (digitCount === 10 || digitCount === 11) && chunkCount <= 4;

/** Whether a space-normalised candidate (single ASCII spaces) is a phone number. */
export function isPhoneNumber(candidate: string): boolean {
  if (!PHONE_LAYOUT.test(candidate) || (candidate.match(/\(/g)?.length ?? 0) > 1) return false;
  if (candidate.includes('.') && !DOTTED_PHONE.test(candidate)) return false;
  if (IDENTITY_NUMBER_SHAPE.test(candidate) || isDayMonthYear(candidate)) return false;
  const digits = candidate.replace(/\D/g, '');
  if (digits.length > MAX_DIGITS) return false;
  if (candidate.startsWith('+')) return digits.length >= MIN_INTERNATIONAL_DIGITS && !digits.startsWith('0');
  // A national number starts with the trunk prefix 0; "00" is the international prefix,
  // which a country code (never 0) follows.
  if (/^\(?0/.test(candidate)) return digits.length >= MIN_NATIONAL_DIGITS && !digits.startsWith('000');
  return NANP_PHONE.test(candidate);
}

/**
 * Phone numbers in a run of chunks. A number starting with "+" may start at any chunk (after a
 * quantity, say), any other only at the first; from there the rest of the run must split into
 * whole phone numbers, so that a longer number such as "0123 4567 8901 2345" or the reference
 * number "68 02286 51660 04781" is not cut into a phone number and leftovers.
 */
function phonesInRun(text: string, chunks: readonly Span[]): PiiMatch[] {
  // digitsBefore[index] is the number of digits in the chunks before `index`.
  const digitsBefore = [0];
  for (const chunk of chunks) {
    let digits = 0;
    for (let index = chunk.start; index < chunk.end; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x30 && code <= 0x39) digits++;
    }
    digitsBefore.push((digitsBefore[digitsBefore.length - 1] ?? 0) + digits);
  }
  // phoneEndFrom[first] is the last chunk of the phone number that starts at `first` and
  // after which the rest of the run splits into phone numbers, or -1.
  const phoneEndFrom: number[] = new Array<number>(chunks.length).fill(-1);
  for (let first = chunks.length - 1; first >= 0; first--) {
    // Without a leading "+" or trunk 0, only the North American layout can match.
    const start = chunks[first]?.start ?? 0;
    const opener = text.charAt(start);
    const opensPhoneNumber = opener === '+' || opener === '0' || (opener === '(' && text.charAt(start + 1) === '0');
    // Every chunk holds a digit, so a phone number spans at most MAX_DIGITS chunks, and a
    // North American one at most four.
    const maxChunks = opensPhoneNumber ? MAX_DIGITS : 4;
    for (let last = Math.min(chunks.length, first + maxChunks) - 1; last >= first; last--) {
      // Every phone number has MIN_INTERNATIONAL_DIGITS to MAX_DIGITS digits.
      const digitCount = (digitsBefore[last + 1] ?? 0) - (digitsBefore[first] ?? 0);
      if (digitCount < MIN_INTERNATIONAL_DIGITS) break;
      const restSplits = last + 1 === chunks.length || phoneEndFrom[last + 1] !== -1;
      if (digitCount <= MAX_DIGITS && restSplits && (opensPhoneNumber || isNorthAmericanShape(digitCount, last - first + 1))
        && isPhoneNumber(text.slice(chunks[first]?.start ?? 0, chunks[last]?.end ?? 0).replace(ANY_SPACE, ' '))) {
        phoneEndFrom[first] = last;
        break;
      }
    }
  }
  const phones: PiiMatch[] = [];
  let first = phoneEndFrom.findIndex((last, index) =>
    last !== -1 && (index === 0 || text.charAt(chunks[index]?.start ?? 0) === '+'));
  while (first !== -1 && first < chunks.length) {
    const last = phoneEndFrom[first] ?? -1;
    if (last === -1) break;
    phones.push({ kind: 'phone', start: chunks[first]?.start ?? 0, end: chunks[last]?.end ?? 0 });
    first = last + 1;
  }
  return phones;
}

export function findPhones(text: string): PiiMatch[] {
  const phones: PiiMatch[] = [];
  for (const run of digitRuns(text, CHUNK_RUN)) {
    // With separators counted, a run this short holds too few digits for a phone number.
    if (run.end - run.start < MIN_INTERNATIONAL_DIGITS || !endsToken(text, run.end)) continue;
    // A chunk holds no space, so the chunks are what the single spaces of the run separate.
    phones.push(...phonesInRun(text, spansWithin(text, run.start, run.end, isNotSpaceCode)));
  }
  return phones;
}
