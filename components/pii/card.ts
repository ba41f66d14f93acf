import { CODE_PREFIX, SPACE, TOKEN_START, endsToken, groupSpans, type Span } from './boundary.js';
import type { PiiMatch } from './types.js';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/**
 * Digit groups joined by single spaces or dashes; a run may hold a card among other numbers.
 * Digits right after "+" are an international phone number.
 */
const DIGIT_RUN = new RegExp(`${TOKEN_START}(?<!\\+)${CODE_PREFIX}(?<digits>\\d+(?:(?:-|${SPACE})\\d+)*)`, 'gu');
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

/**
 * How card numbers are written: one unbroken run, groups of four with a last group of one to
 * four, or the 4-6-5 / 4-6-4 grouping of American Express and Diners Club, with one kind of
 * separator throughout.
 */
function hasCardGrouping(groupLengths: readonly number[], separators: readonly string[]): boolean {
  if (groupLengths.length === 1) return true;
  const usesOneSeparator = separators.every((separator) => SPACE_ONLY.test(separator))
    || separators.every((separator) => separator === '-');
  if (!usesOneSeparator) return false;
  const shape = groupLengths.join('-');
  if (shape === '4-6-5' || shape === '4-6-4') return true;
  const last = groupLengths[groupLengths.length - 1] ?? 0;
  return last <= 4 && groupLengths.slice(0, -1).every((length) => length === 4);
}

/** Cards in one run of digit groups, longest first from each group, left to right. */
function cardsInRun(text: string, groups: readonly Span[], runEndsToken: boolean): PiiMatch[] {
  const separatorBefore = (index: number): string =>
    text.slice(groups[index - 1]?.end ?? 0, groups[index]?.start ?? 0);
  // A card inside a longer run starts and ends at a space, never at a dash.
  const canStartAt = (index: number): boolean => index === 0 || SPACE_ONLY.test(separatorBefore(index));
  const canEndAt = (index: number): boolean =>
    index === groups.length - 1 ? runEndsToken : SPACE_ONLY.test(separatorBefore(index + 1));
  const isCardAt = (first: number, last: number): boolean => {
    const spans = groups.slice(first, last + 1);
    const groupLengths = spans.map((span) => span.end - span.start);
    const digitCount = groupLengths.reduce((sum, length) => sum + length, 0);
    if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS) return false;
    const separators = spans.slice(1).map((_, offset) => separatorBefore(first + 1 + offset));
    const digits = spans.map((span) => text.slice(span.start, span.end)).join('');
    return hasCardGrouping(groupLengths, separators) && isCardNumber(digits);
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
  for (const run of text.matchAll(DIGIT_RUN)) {
    const digits = run.groups?.['digits'];
    if (digits === undefined || run.groups?.['code'] !== undefined) continue;
    const runStart = run.index + run[0].length - digits.length;
    const groups = groupSpans(digits, runStart, DIGIT_GROUP);
    cards.push(...cardsInRun(text, groups, endsToken(text, runStart + digits.length)));
  }
  return cards;
}
