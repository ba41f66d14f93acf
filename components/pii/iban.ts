import { SPACE, TOKEN_START, endsToken, isNotSpaceCode, spansWithin } from './boundary.js';
import type { PiiMatch } from './types.js';

/**
 * IBAN length of every country in the SWIFT IBAN Registry (release 102, June 2026). Dependent
 * territories (Åland, the French overseas departments, Jersey, …) use their parent's code.
 */
const IBAN_LENGTH_BY_COUNTRY: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21,
  LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Countries in the registry table, for tests and callers that validate input fields. */
export const IBAN_COUNTRIES: readonly string[] = Object.keys(IBAN_LENGTH_BY_COUNTRY);

/**
 * A country code and check digits, optionally split by a space, and the rest of their group;
 * space-separated groups follow. An IBAN has at most 34 characters, so at most 32 groups
 * follow the first; they are read one at a time, only until the country's length is reached.
 */
const IBAN_START = new RegExp(`${TOKEN_START}[A-Za-z]{2}(?:${SPACE})?\\d{2}[A-Za-z0-9]*`, 'gu');
const NEXT_GROUP = new RegExp(`${SPACE}[A-Za-z0-9]+`, 'uy');
const MAX_GROUPS_AFTER_START = 32;

export function ibanLength(countryCode: string): number | undefined {
  return Object.hasOwn(IBAN_LENGTH_BY_COUNTRY, countryCode) ? IBAN_LENGTH_BY_COUNTRY[countryCode] : undefined;
}

/** ISO 7064 MOD 97-10 over the IBAN with its first four characters moved to the end. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    // Letters count as two-digit numbers: A = 10 … Z = 35.
    const value = parseInt(character, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

/** A compact IBAN (no spaces, any case) of a registry country, of its length and check digits. */
export function ibanValid(iban: string): boolean {
  const normalized = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(normalized)) return false;
  return normalized.length === ibanLength(normalized.slice(0, 2)) && mod97(normalized) === 1;
}

/**
 * Registry account numbers are mostly digits; requiring at least as many digits as letters
 * after the check digits keeps words in ordinary sentences ("is 12 …") from being read as one.
 */
function looksLikeAccountNumber(iban: string): boolean {
  const accountPart = iban.slice(4);
  const digitCount = accountPart.replace(/\D/g, '').length;
  return digitCount * 2 >= accountPart.length;
}

/**
 * Where an IBAN starting with `start` (country code, check digits, rest of their group) ends:
 * the group at which it reaches its country's length.
 */
function ibanEnd(text: string, startIndex: number, start: string): number | undefined {
  const expectedLength = ibanLength(start.slice(0, 2).toUpperCase());
  if (expectedLength === undefined) return undefined;
  // The start holds letters and digits, split at most by one space.
  const groups = spansWithin(text, startIndex, startIndex + start.length, isNotSpaceCode);
  let compact = '';
  for (let index = 0; index < groups.length + MAX_GROUPS_AFTER_START; index++) {
    let group = groups[index];
    if (group === undefined) {
      const separator = groups[index - 1]?.end ?? startIndex;
      NEXT_GROUP.lastIndex = separator;
      if (!NEXT_GROUP.test(text)) return undefined;
      // The separator is one UTF-16 unit.
      group = { start: separator + 1, end: NEXT_GROUP.lastIndex };
      groups.push(group);
    }
    compact += text.slice(group.start, group.end);
    if (compact.length < expectedLength) continue;
    const isIban = compact.length === expectedLength && endsToken(text, group.end)
      && looksLikeAccountNumber(compact) && ibanValid(compact);
    return isIban ? group.end : undefined;
  }
  return undefined;
}

export function findIbans(text: string): PiiMatch[] {
  const ibans: PiiMatch[] = [];
  IBAN_START.lastIndex = 0;
  for (let start = IBAN_START.exec(text); start !== null; start = IBAN_START.exec(text)) {
    const end = ibanEnd(text, start.index, start[0]);
    if (end === undefined) {
      // The groups may go on into a later IBAN ("… 85 DE89 …"): look again from the next word.
      IBAN_START.lastIndex = start.index + 1;
      continue;
    }
    ibans.push({ kind: 'iban', start: start.index, end });
    IBAN_START.lastIndex = end;
  }
  return ibans;
}
