/**
 * Regular-expression sources shared by the finders, all used with the `u` flag, and the
 * token-boundary test for matches whose end is decided in code.
 */

/** One space between the groups of a number: ordinary, no-break or narrow no-break. */
export const SPACE = '[ \\u00A0\\u202F]';

/**
 * The match starts a token: it does not continue a word or number, is not joined to a number
 * by punctuation ("2024-00123", "v1.2.3", "1+2"), nor to anything by a dash ("FI-00100"), and
 * does not follow "#" (order and invoice numbers). A label such as "tel:" or "puh." may precede it.
 */
export const TOKEN_START = String.raw`(?<![\p{L}\p{N}_#])(?<!\p{N}[.,:/+])(?<![\p{L}\p{N}]-)`;

/**
 * The match ends a token: no word or number continues it, directly or after punctuation
 * ("12.5", "0401234567-2", "2+1"). Finnish case endings after a colon ("4567:ään") are allowed.
 */
export const TOKEN_END = String.raw`(?![\p{L}\p{N}_])(?![.,:/+-]\p{N})(?!-\p{L})`;

/**
 * An alphanumeric code such as "DE89" or "RF18" and one space, before a digit run. The
 * finders see whether a run starts with such a code (see `digitRuns`) and then leave it alone:
 * those digits belong to the code (an account or reference number), not to a phone or card number.
 */
export const CODE_PREFIX = String.raw`(?=[\p{L}\p{N}]*(?:\p{L}\p{N}|\p{N}\p{L}))[\p{L}\p{N}]+${SPACE}`;

const TOKEN_END_AT = new RegExp(TOKEN_END, 'uy');

export function endsToken(text: string, index: number): boolean {
  TOKEN_END_AT.lastIndex = index;
  return TOKEN_END_AT.test(text);
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Spans of the maximal stretches of `text` from `start` to `end` whose characters pass
 * `isInside` (a test of the UTF-16 code unit): the groups of a run, between its separators.
 */
export function spansWithin(text: string, start: number, end: number, isInside: (code: number) => boolean): Span[] {
  const spans: Span[] = [];
  let spanStart = -1;
  for (let index = start; index <= end; index++) {
    const inside = index < end && isInside(text.charCodeAt(index));
    if (inside && spanStart === -1) spanStart = index;
    if (!inside && spanStart !== -1) {
      spans.push({ start: spanStart, end: index });
      spanStart = -1;
    }
  }
  return spans;
}

/** An ASCII digit. */
export const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Not one of the characters of `SPACE`. */
export const isNotSpaceCode = (code: number): boolean => code !== 0x20 && code !== 0xa0 && code !== 0x202f;

const LETTER_AT = /\p{L}/uy;
const NUMBER_AT = /\p{N}/uy;
/** One of the characters of `SPACE`. */
function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 0x20 || code === 0xa0 || code === 0x202f;
}
/** "+" or "(", which may open a chunk of digits. */
function isChunkOpenerAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 0x2b || code === 0x28;
}

/** Whether a surrogate pair ends at `end`: then the character before `end` starts at `end - 2`. */
function pairEndsAt(text: string, end: number): boolean {
  const low = text.charCodeAt(end - 1);
  const high = text.charCodeAt(end - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}

/**
 * Where the run of characters matching `character` (a one-character pattern with the `uy`
 * flags) that ends at `end` starts, going back no further than `floor`.
 */
export function runStartBefore(text: string, end: number, floor: number, character: RegExp): number {
  let start = end;
  while (start > floor) {
    const previous = start - (start - 2 >= floor && pairEndsAt(text, start) ? 2 : 1);
    character.lastIndex = previous;
    if (!character.test(text)) break;
    start = previous;
  }
  return start;
}

interface Word {
  start: number;
  hasLetter: boolean;
  hasNumber: boolean;
}

/** The run of letters and numbers (`[\p{L}\p{N}]`) that ends at `end`, going back no further than `floor`. */
function wordEndingAt(text: string, end: number, floor: number): Word {
  const word = { start: end, hasLetter: false, hasNumber: false };
  while (word.start > floor) {
    const low = text.charCodeAt(word.start - 1);
    const at = word.start - (word.start - 2 >= floor && pairEndsAt(text, word.start) ? 2 : 1);
    if (low < 0x80) {
      const isDigit = low >= 0x30 && low <= 0x39;
      const isLetter = (low | 0x20) >= 0x61 && (low | 0x20) <= 0x7a;
      if (!isDigit && !isLetter) break;
      word.hasNumber ||= isDigit;
      word.hasLetter ||= isLetter;
    } else {
      LETTER_AT.lastIndex = at;
      NUMBER_AT.lastIndex = at;
      if (LETTER_AT.test(text)) word.hasLetter = true;
      else if (NUMBER_AT.test(text)) word.hasNumber = true;
      else break;
    }
    word.start = at;
  }
  return word;
}

/** Whether the word of letters and numbers that starts at `start` holds both, as a code must. */
function isCodeAt(text: string, start: number): boolean {
  let hasLetter = false;
  let hasNumber = false;
  for (let index = start; index < text.length && !(hasLetter && hasNumber);) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      const isDigit = code >= 0x30 && code <= 0x39;
      const isLetter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
      if (!isDigit && !isLetter) break;
      hasNumber ||= isDigit;
      hasLetter ||= isLetter;
      index++;
      continue;
    }
    LETTER_AT.lastIndex = index;
    NUMBER_AT.lastIndex = index;
    if (LETTER_AT.test(text)) hasLetter = true;
    else if (NUMBER_AT.test(text)) hasNumber = true;
    else break;
    index += code >= 0xd800 && code <= 0xdbff && pairEndsAt(text, index + 2) ? 2 : 1;
  }
  return hasLetter && hasNumber;
}

/**
 * A digit-run pattern: an optional `CODE_PREFIX`, then a run of chunks of digits, each chunk
 * starting with at most "+" and "(" before its first digit. `withCode` is the pattern with the
 * code prefix required, `run` the pattern without it; both with the sticky flag `y`.
 */
export interface DigitRunPattern {
  withCode: RegExp;
  run: RegExp;
}

/** Where the match of `sticky` at `start` ends, or -1. */
function matchEnd(text: string, sticky: RegExp, start: number): number {
  sticky.lastIndex = start;
  return sticky.test(text) ? sticky.lastIndex : -1;
}

/** A match of a digit-run pattern: its span, and whether it starts with a code. */
interface DigitRunMatch extends Span {
  code: boolean;
}

/**
 * The match of the pattern (optional code prefix, then the run) that starts at `start`: with
 * the code when one can start there, as the greedy optional group does, else without.
 */
function matchAt(text: string, pattern: DigitRunPattern, start: number): DigitRunMatch | undefined {
  if (isCodeAt(text, start)) {
    const end = matchEnd(text, pattern.withCode, start);
    if (end !== -1) return { start, end, code: true };
  }
  const end = matchEnd(text, pattern.run, start);
  return end === -1 ? undefined : { start, end, code: false };
}

/** The first ASCII digit at or after `from`, or -1. */
function nextDigit(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x30 && code <= 0x39) return index;
  }
  return -1;
}

/**
 * The runs of the pattern that no code precedes: the same matches as `text.matchAll` of the
 * global pattern `${code prefix}?${run}` finds, less those with a code. If `digit` is the
 * first ASCII digit at or after `from`, a match can only start at the chunk around the digit,
 * at the word containing it (a code such as "AB12") or at a code one space before the chunk;
 * the pattern is tried there, from left to right, instead of at every character.
 */
export function digitRuns(text: string, pattern: DigitRunPattern): Span[] {
  const runs: Span[] = [];
  let from = 0;
  for (let digit = nextDigit(text, from); digit !== -1; digit = nextDigit(text, from)) {
    let found: DigitRunMatch | undefined;
    const wordStart = wordEndingAt(text, digit, from).start;
    if (wordStart < digit) {
      // The digit continues a word, so no chunk starts before it and no code before a space.
      found = matchAt(text, pattern, wordStart) ?? matchAt(text, pattern, digit);
    } else {
      let chunkStart = digit;
      while (chunkStart > from && digit - chunkStart < 2 && isChunkOpenerAt(text, chunkStart - 1)) chunkStart--;
      if (chunkStart - 2 >= from && isSpaceAt(text, chunkStart - 1)) {
        const code = wordEndingAt(text, chunkStart - 1, from);
        if (code.start < chunkStart - 1 && code.hasLetter && code.hasNumber) found = matchAt(text, pattern, code.start);
      }
      for (let start = chunkStart; found === undefined && start <= digit; start++) found = matchAt(text, pattern, start);
    }
    if (found === undefined) {
      from = digit + 1;
      continue;
    }
    if (!found.code) runs.push({ start: found.start, end: found.end });
    from = found.end;
  }
  return runs;
}
