/**
 * The finders try their patterns only where a match can start (around digits, before "@",
 * at runs of digits) instead of at every character. These tests hold them to the plain
 * definition: the pattern tried at every position, leftmost match first, as a global regex
 * would find it, on seeded random chat-like text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { digitRuns, type DigitRunPattern, type Span } from '../../components/pii/boundary.js';
import { DIGIT_RUN } from '../../components/pii/card.js';
import { EMAIL, findEmails } from '../../components/pii/email.js';
import { ID_PATTERNS, findNationalIds } from '../../components/pii/national-id.js';
import { CHUNK_RUN } from '../../components/pii/phone.js';
import { ORDINARY_SENTENCES } from './corpus/ordinary.js';
import { PII_SAMPLES, render } from './corpus/pii-samples.js';
import { mulberry32 } from './corpus/prng.js';

/** Where the sticky `pattern` matches at `start`, or -1. */
function endAt(pattern: RegExp, text: string, start: number): number {
  pattern.lastIndex = start;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** Non-overlapping matches, leftmost first, trying every position: what a global regex finds. */
function everyPosition(text: string, matchEnd: (start: number) => number): Span[] {
  const spans: Span[] = [];
  for (let start = 0; start < text.length;) {
    const end = matchEnd(start);
    if (end === -1) {
      start++;
    } else {
      spans.push({ start, end });
      start = end;
    }
  }
  return spans;
}

/** Runs of `(?:code prefix)?run` found at every position, less those that start with a code. */
function digitRunsByEveryPosition(text: string, pattern: DigitRunPattern): Span[] {
  const codeOrRun = (start: number): number => {
    const withCode = endAt(pattern.withCode, text, start);
    return withCode !== -1 ? withCode : endAt(pattern.run, text, start);
  };
  return everyPosition(text, codeOrRun).filter((span) => endAt(pattern.withCode, text, span.start) === -1);
}

const ATOMS = [
  '0', '1', '4', '5', '9', ' ', ' ', ' ', '\u00A0', '\u202F', '+', '-', '(', ')', '.', '/', '#', ':', ',', '_', '@', "'",
  'a', 'Z', 'ä', '𝒜', '𝟙', '²', '٣', '\uD800', '\uDC00', 'FI21', 'AB12', '12AB', 'm²', 'x𝟙', '040', '+358', '(0)',
  '4111', '1234 5678', '131052-308T', '811228-9874', '19811228-9874', '123-45-6789', '123 45 6789', 'melissa',
  '@gmail.com', 'a.b', '.fi', 'tel:', '\n',
];

function randomTexts(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentences = [...PII_SAMPLES.map((sample) => render(sample).text), ...ORDINARY_SENTENCES.map(([, text]) => text)];
  return Array.from({ length: count }, () => {
    let text = random() < 0.5 ? pick(sentences) : '';
    const pieces = Math.floor(random() * 30);
    for (let piece = 0; piece < pieces; piece++) {
      const at = Math.floor(random() * (text.length + 1));
      text = text.slice(0, at) + pick(ATOMS) + text.slice(at);
    }
    return text;
  });
}

const TEXTS = randomTexts(3000, 7);

describe('scanning only where matches can start', () => {
  it('finds the same digit runs as trying every position, for cards and phones', () => {
    for (const text of TEXTS) {
      for (const pattern of [DIGIT_RUN, CHUNK_RUN]) {
        assert.deepEqual(digitRuns(text, pattern), digitRunsByEveryPosition(text, pattern), JSON.stringify(text));
      }
    }
  });

  it('finds the same e-mail addresses as trying every position', () => {
    for (const text of TEXTS) {
      const expected = everyPosition(text, (start) => endAt(EMAIL, text, start));
      assert.deepEqual(findEmails(text).map(({ start, end }) => ({ start, end })), expected, JSON.stringify(text));
    }
  });

  it('finds the same national ids as trying every position', () => {
    for (const text of TEXTS) {
      const expected = ID_PATTERNS.flatMap(({ sticky, isValid }) =>
        everyPosition(text, (start) => endAt(sticky, text, start))
          .filter(({ start, end }) => isValid(text.slice(start, end))));
      assert.deepEqual(findNationalIds(text).map(({ start, end }) => ({ start, end })), expected, JSON.stringify(text));
    }
  });
});
