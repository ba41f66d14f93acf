import { CODE_PREFIX, SPACE, TOKEN_START, digitRunMatches, endsToken, groupSpans, type Span } from './boundary.js';
import type { PiiMatch } from './types.js';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/**
 * Digit groups joined by single spaces or dashes; a run may hold a card among other numbers.
 * Digits right after "+" are an international phone number.
 */
const DIGIT_RUN = new RegExp(`${TOKEN_START}(?<!\\+)${CODE_PREFIX}(?<digits>\\d+(?:(?:-|${SPACE})\\d+)*)`, 'uy');
const DIGIT_GROUP = /\d+/g;
const SPACE_ONLY = new RegExp(`^${SPACE}$`, 'u');

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
  const separator = separators[first + 1];
  if (separator === 'other') return false;
  for (let index = first + 2; index <= last; index++) if (separators[index] !== separator) return false;
  const length = (index: number): number => groupLengths[index] ?? 0;
  if (last - first === 2 && length(first) === 4 && length(first + 1) === 6 && (length(last) === 5 || length(last) === 4)) {
    return true;
  }
  for (let index = first; index < last; index++) if (length(index) !== 4) return false;
  return length(last) <= 4;
}

/** Cards in one run of digit groups, longest first from each group, left to right. */
function cardsInRun(text: string, groups: readonly Span[], runEndsToken: boolean): PiiMatch[] {
  const groupLengths = groups.map((group) => group.end - group.start);
  // digitsBefore[index] is the number of digits in the groups before `index`.
  const digitsBefore = [0];
  for (const length of groupLengths) digitsBefore.push((digitsBefore[digitsBefore.length - 1] ?? 0) + length);
  // separators[index] is what joins group `index` to the one before it.
  const separators: Separator[] = groups.map((group, index) => {
    if (index === 0) return 'other';
    const separator = text.slice(groups[index - 1]?.end ?? 0, group.start);
    return SPACE_ONLY.test(separator) ? 'space' : separator === '-' ? 'dash' : 'other';
  });
  // A card inside a longer run starts and ends at a space, never at a dash.
  const canStartAt = (index: number): boolean => index === 0 || separators[index] === 'space';
  const canEndAt = (index: number): boolean =>
    index === groups.length - 1 ? runEndsToken : separators[index + 1] === 'space';
  const isCardAt = (first: number, last: number): boolean => {
    const digitCount = (digitsBefore[last + 1] ?? 0) - (digitsBefore[first] ?? 0);
    if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS) return false;
    if (!hasCardGrouping(groupLengths, separators, first, last)) return false;
    const digits = groups.slice(first, last + 1).map((span) => text.slice(span.start, span.end)).join('');
    return isCardNumber(digits);
  };

  const longestCardFrom = (first: number): number => {
    if (!canStartAt(first)) return -1;
    // Every group holds at least one digit, so a card spans at most MAX_DIGITS groups.
    for (let last = Math.min(groups.length, first + MAX_DIGITS) - 1; last >= first; last--) {
      if (canEndAt(last) && isCardAt(first, last)) return last;
    }
    return -1;
  };

  const cards: PiiMatch[] = [];
  let first = 0;
  while (first < groups.length) {
    const last = longestCardFrom(first);
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
  for (const run of digitRunMatches(text, DIGIT_RUN)) {
    const digits = run.groups?.['digits'];
    // With separators counted, a run shorter than a card holds too few digits for one.
    if (digits === undefined || run.groups?.['code'] !== undefined || digits.length < MIN_DIGITS) continue;
    const runStart = run.index + run[0].length - digits.length;
    const groups = groupSpans(digits, runStart, DIGIT_GROUP);
    cards.push(...cardsInRun(text, groups, endsToken(text, runStart + digits.length)));
  }
  return cards;
}
