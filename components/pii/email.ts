import type { PiiMatch } from './types.js';

/**
 * A practical address shape, not full RFC 5322: a local part of letters, digits and
 * ._%+'- that starts and ends with a letter, digit or _, then a domain of dot-separated
 * labels ending in a top-level domain of two or more letters.
 */
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_](?:[\p{L}\p{N}._%+'-]*[\p{L}\p{N}_])?` +
    String.raw`@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\p{L}\p{N}_-])(?!\.[\p{L}\p{N}])`,
  'gu',
);

export function findEmails(text: string): PiiMatch[] {
  return [...text.matchAll(EMAIL)].map((match) => ({
    kind: 'email',
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** The first character of the local part and the whole domain stay; the rest becomes `*`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const localPart = [...address.slice(0, at)];
  return (localPart[0] ?? '') + '*'.repeat(Math.max(0, localPart.length - 1)) + address.slice(at);
}
