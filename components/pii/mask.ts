import { findCards } from './card.js';
import { findEmails, maskEmail } from './email.js';
import { findIbans } from './iban.js';
import { findNationalIds } from './national-id.js';
import { findPhones } from './phone.js';
import type { PiiKind, PiiMatch, PiiOptions } from './types.js';

const VISIBLE_TAIL = 4;

/**
 * Which of two overlapping candidates wins: validated numbers and e-mail addresses beat a
 * phone number, which is recognised by its shape alone.
 */
const SPECIFICITY: Readonly<Record<PiiKind, number>> = {
  'national-id': 2,
  card: 2,
  iban: 2,
  email: 2,
  phone: 1,
};

function findCandidates(text: string): PiiMatch[] {
  return [
    ...findNationalIds(text),
    ...findCards(text),
    ...findIbans(text),
    ...findEmails(text),
    ...findPhones(text),
  ];
}

/**
 * Keeps the more specific, then the longer, then the earlier of overlapping candidates. The
 * characters of kept matches are marked, so each candidate is checked in time proportional to
 * its length rather than to the number of matches kept so far.
 */
function resolveOverlaps(candidates: readonly PiiMatch[]): PiiMatch[] {
  const byPreference = [...candidates].sort((a, b) =>
    SPECIFICITY[b.kind] - SPECIFICITY[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const covered = new Uint8Array(candidates.reduce((end, candidate) => Math.max(end, candidate.end), 0));
  const kept: PiiMatch[] = [];
  for (const candidate of byPreference) {
    let overlaps = false;
    for (let index = candidate.start; index < candidate.end && !overlaps; index++) overlaps = covered[index] === 1;
    if (!overlaps) {
      covered.fill(1, candidate.start, candidate.end);
      kept.push(candidate);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Personal and payment data in `text`, sorted by position and never overlapping. Every kind
 * is looked for even when `options.kinds` narrows the result, so that, for example, the
 * digits of an IBAN are never reported as a phone number.
 */
export function findPii(text: string, options: PiiOptions = {}): PiiMatch[] {
  const matches = resolveOverlaps(findCandidates(text));
  const { kinds } = options;
  return kinds === undefined ? matches : matches.filter((match) => kinds.includes(match.kind));
}

/**
 * White space is dropped and every character but the last four letters or digits becomes
 * `*`. Other separators count as masked characters only when `keepSeparatorCount` is set.
 */
function maskAllButLastFour(value: string, keepSeparatorCount: boolean): string {
  const significant = value.replace(/[^\p{L}\p{N}]/gu, '');
  const visible = significant.slice(-VISIBLE_TAIL);
  const counted = keepSeparatorCount ? value.replace(/\s/gu, '') : significant;
  return '*'.repeat(counted.length - visible.length) + visible;
}

function maskMatch(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'email':
      return maskEmail(value);
    case 'card':
    case 'iban':
      return maskAllButLastFour(value, false);
    case 'phone':
    case 'national-id':
      return maskAllButLastFour(value, true);
  }
}

export function maskPii(text: string, options: PiiOptions = {}): string {
  let masked = '';
  let copiedUpTo = 0;
  for (const match of findPii(text, options)) {
    masked += text.slice(copiedUpTo, match.start) + maskMatch(match.kind, text.slice(match.start, match.end));
    copiedUpTo = match.end;
  }
  return masked + text.slice(copiedUpTo);
}
