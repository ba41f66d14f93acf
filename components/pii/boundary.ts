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
 * An optional alphanumeric code such as "DE89" or "RF18" before a digit run. The finders
 * capture it as `code` and then leave the run alone: those digits belong to the code (an
 * account or reference number), not to a phone or card number.
 */
export const CODE_PREFIX = String.raw`(?:(?<code>(?=[\p{L}\p{N}]*(?:\p{L}\p{N}|\p{N}\p{L}))[\p{L}\p{N}]+)${SPACE})?`;

const TOKEN_END_AT = new RegExp(TOKEN_END, 'uy');

export function endsToken(text: string, index: number): boolean {
  TOKEN_END_AT.lastIndex = index;
  return TOKEN_END_AT.test(text);
}

export interface Span {
  start: number;
  end: number;
}

/** Spans, in `text` coordinates, of the matches of the global regex `group` in `run`, which starts at `offset`. */
export function groupSpans(run: string, offset: number, group: RegExp): Span[] {
  return [...run.matchAll(group)].map((match) => ({
    start: offset + match.index,
    end: offset + match.index + match[0].length,
  }));
}

const DIGIT = /\d/g;
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

/**
 * Where a match of a digit-run pattern (optional `CODE_PREFIX`, then digits, each chunk
 * starting with at most "+" and "(") can start if `digit` is the first ASCII digit at or after
 * `from`: the chunk around the digit, the word containing it (a code such as "AB12"), or a
 * code of letters and numbers one space before the chunk. Ascending.
 */
function startsAroundDigit(text: string, digit: number, from: number): number[] {
  const starts: number[] = [];
  // A code such as "AB12" or "٣0ab" that holds the digit.
  const wordWithDigit = wordEndingAt(text, digit, from);
  if (wordWithDigit.start < digit) starts.push(wordWithDigit.start);
  const chunkStarts = [digit];
  for (let start = digit; start > from && digit - start < 2 && isChunkOpenerAt(text, start - 1); start--) {
    chunkStarts.unshift(start - 1);
  }
  for (const chunkStart of chunkStarts) {
    if (chunkStart - 2 >= from && isSpaceAt(text, chunkStart - 1)) {
      const code = wordEndingAt(text, chunkStart - 1, from);
      if (code.start < chunkStart - 1 && code.hasLetter && code.hasNumber) starts.push(code.start);
    }
    starts.push(chunkStart);
  }
  return starts.sort((a, b) => a - b);
}

/**
 * The same matches as `text.matchAll(global)` for a digit-run pattern (see `startsAroundDigit`),
 * given a copy of it with the sticky flag instead of the global one. The pattern is tried only
 * around digits rather than at every character, which makes text without digits cheap.
 */
export function* digitRunMatches(text: string, sticky: RegExp): Generator<RegExpExecArray> {
  let from = 0;
  for (;;) {
    DIGIT.lastIndex = from;
    const digit = DIGIT.exec(text)?.index;
    if (digit === undefined) return;
    let found: RegExpExecArray | null = null;
    for (const start of startsAroundDigit(text, digit, from)) {
      sticky.lastIndex = start;
      found = sticky.exec(text);
      if (found !== null) break;
    }
    if (found === null) {
      from = digit + 1;
      continue;
    }
    yield found;
    from = found.index + found[0].length;
  }
}
