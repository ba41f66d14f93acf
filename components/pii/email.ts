import { runStartBefore } from './boundary.js';
import type { PiiMatch } from './types.js';

/**
 * A practical address shape, not full RFC 5322: a local part of letters, digits and
 * ._%+'- that starts and ends with a letter, digit or _, then a domain of dot-separated
 * labels ending in a top-level domain of two or more letters.
 */
export const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_](?:[\p{L}\p{N}._%+'-]*[\p{L}\p{N}_])?` +
    String.raw`@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}_-])(?!\.[\p{L}\p{N}])`,
  'uy',
);
const LOCAL_PART_CHARACTER = /[\p{L}\p{N}._%+'-]/uy;

/**
 * The matches of EMAIL, left to right. Each holds exactly one "@" and, by its lookbehind, starts
 * where the run of local-part characters before that "@" starts, so the pattern is tried only
 * there instead of at every character.
 */
export function findEmails(text: string): PiiMatch[] {
  const emails: PiiMatch[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', from)) {
    EMAIL.lastIndex = runStartBefore(text, at, from, LOCAL_PART_CHARACTER);
    const match = EMAIL.exec(text);
    if (match === null) {
      from = at + 1;
      continue;
    }
    emails.push({ kind: 'email', start: match.index, end: match.index + match[0].length });
    from = match.index + match[0].length;
  }
  return emails;
}

/** The first character of the local part and the whole domain stay; the rest becomes `*`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const localPart = [...address.slice(0, at)];
  return (localPart[0] ?? '') + '*'.repeat(Math.max(0, localPart.length - 1)) + address.slice(at);
}
