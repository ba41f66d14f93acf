import {
  CODE_PREFIX,
  SPACE,
  TOKEN_START,
  digitRuns,
  endsToken,
  isDigitCode,
  spansWithin,
  type DigitRunPattern,
  type Span,
} from './boundary.js';
import type { PiiMatch } from './types.js';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/**
 * Digit groups joined by single spaces or dashes; a run may hold a card among other numbers.
 * Digits right after "+" are an international phone number.
 */
const digitRun = (prefix: string): RegExp =>
  new RegExp(`${TOKEN_START}(?<!\\+)${prefix}\\d+(?:(?:-|${SPACE})\\d+)*`, 'uy');
/** Exported for tests. */
export const DIGIT_RUN: DigitRunPattern = { withCode: digitRun(CODE_PREFIX), run: digitRun('') };

/** The Luhn (mod 10) check used by payment cards and Swedish identity numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let fromRight = 0; fromRight < digits.length; fromRight++) {
    let digit = digits.charCodeAt(digits.length - 1 - fromRight) - 48;
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** 13–19 digits passing Luhn; no payment card number starts with 0. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= MIN_DIGITS && digits.length <= MAX_DIGITS && !digits.startsWith('0') && luhnValid(digits);
}

type Separator = 'space' | 'dash' | 'other';

/**
 * How card numbers are written: one unbroken run, groups of four with a last group of one to
 * four, or the 4-6-5 / 4-6-4 grouping of American Express and Diners Club, with one kind of
 * separator throughout. Groups `first` to `last` of the run.
 */
function hasCardGrouping(
  groupLengths: readonly number[],
  separators: readonly Separator[],
  first: number,
  last: number,
): boolean {
  if (first === last) return true;
  // Every grouping of more than one group starts with four digits.
  if (groupLengths[first] !== 4) return false;
  const separator = separators[first + 1];
  if (separator === 'other') return false;
  for (let index = first + 2; index <= last; index++) if (separators[index] !== separator) return false;
  const lastLength = groupLengths[last] ?? 0;
  if (last - first === 2 && groupLengths[first + 1] === 6 && (lastLength === 5 || lastLength === 4)) return true;
  for (let index = first; index < last; index++) if (groupLengths[index] !== 4) return false;
  return lastLength <= 4;
}

/** One run of digit groups and what `cardsInRun` needs to know about it. */
interface GroupRun {
  text: string;
  groups: readonly Span[];
  groupLengths: number[];
  /** digitsBefore[index] is the number of digits in the groups before `index`. */
  digitsBefore: number[];
  /** separators[index] is what joins group `index` to the one before it. */
  separators: Separator[];
  endsToken: boolean;
}

// A card inside a longer run starts and ends at a space, never at a dash.
function canStartAt(run: GroupRun, index: number): boolean {
  return index === 0 || run.separators[index] === 'space';
}

function canEndAt(run: GroupRun, index: number): boolean {
  return index === run.groups.length - 1 ? run.endsToken : run.separators[index + 1] === 'space';
}

function isCardAt(run: GroupRun, first: number, last: number): boolean {
  const digitCount = (run.digitsBefore[last + 1] ?? 0) - (run.digitsBefore[first] ?? 0);
  if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS) return false;
  if (!hasCardGrouping(run.groupLengths, run.separators, first, last)) return false;
  let digits = '';
  for (let index = first; index <= last; index++) {
    const group = run.groups[index];
    if (group !== undefined) digits += run.text.slice(group.start, group.end);
  }
  return isCardNumber(digits);
}

function longestCardFrom(run: GroupRun, first: number): number {
  if (!canStartAt(run, first)) return -1;
  // Every group holds at least one digit, so a card spans at most MAX_DIGITS groups.
  for (let last = Math.min(run.groups.length, first + MAX_DIGITS) - 1; last >= first; last--) {
    // Fewer groups hold fewer digits: no card from here on.
    if ((run.digitsBefore[last + 1] ?? 0) - (run.digitsBefore[first] ?? 0) < MIN_DIGITS) break;
    if (canEndAt(run, last) && isCardAt(run, first, last)) return last;
  }
  return -1;
}

/** Cards in one run of digit groups, longest first from each group, left to right. */
function cardsInRun(text: string, groups: readonly Span[], runEndsToken: boolean): PiiMatch[] {
  const run: GroupRun = { text, groups, groupLengths: [], digitsBefore: [0], separators: [], endsToken: runEndsToken };
  for (const [index, group] of groups.entries()) {
    const length = group.end - group.start;
    run.groupLengths.push(length);
    run.digitsBefore.push((run.digitsBefore[index] ?? 0) + length);
    // Groups in a run are joined by exactly one dash or space.
    run.separators.push(index === 0 ? 'other' : text.charAt(group.start - 1) === '-' ? 'dash' : 'space');
  }

  const cards: PiiMatch[] = [];
  let first = 0;
  while (first < groups.length) {
    const last = longestCardFrom(run, first);
    if (last === -1) {
      first++;
      continue;
    }
    cards.push({ kind: 'card', start: groups[first]?.start ?? 0, end: groups[last]?.end ?? 0 });
    first = last + 1;
  }
  return cards;
}

export function findCards(text: string): PiiMatch[] {
  const cards: PiiMatch[] = [];
  for (const run of digitRuns(text, DIGIT_RUN)) {
    // With separators counted, a run shorter than a card holds too few digits for one.
    if (run.end - run.start < MIN_DIGITS) continue;
    // The groups are the digits between the dashes and spaces of the run.
    const groups = spansWithin(text, run.start, run.end, isDigitCode);
    cards.push(...cardsInRun(text, groups, endsToken(text, run.end)));
  }
  return cards;
}
