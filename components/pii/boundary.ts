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
