import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findPii, maskPii, type PiiKind, type PiiMatch } from '../../components/pii/index.js';

const MESSAGE = [
  'Hi, I am Melissa (melissa@gmail.com, +447966197542).',
  'Card 4111 1111 1111 1111, refund to GB82 WEST 1234 5698 7654 32.',
  'Hetu 131052-308T, personnummer 19811228-9874, SSN 123-45-6789.',
  'Order 123456 from 01.05.2024, call 040 123 4567 after 12:30.',
].join('\n');

const MASKED_MESSAGE = [
  'Hi, I am Melissa (m******@gmail.com, *********7542).',
  'Card ************1111, refund to ******************5432.',
  'Hetu *******308T, personnummer *********9874, SSN *******6789.',
  'Order 123456 from 01.05.2024, call ******4567 after 12:30.',
].join('\n');

const kindsOf = (matches: readonly PiiMatch[]): PiiKind[] => matches.map((match) => match.kind);

describe('maskPii', () => {
  it('masks the examples of the brief', () => {
    assert.equal(maskPii('+447966197542'), '*********7542');
    assert.equal(maskPii('+1 (123) 456 7890'), '**********7890');
    assert.equal(maskPii('melissa@gmail.com'), 'm******@gmail.com');
  });

  it('masks every kind in one message and leaves the rest as it was', () => {
    assert.equal(maskPii(MESSAGE), MASKED_MESSAGE);
  });

  it('is idempotent', () => {
    assert.equal(maskPii(MASKED_MESSAGE), MASKED_MESSAGE);
  });

  it('masks only the requested kinds', () => {
    assert.equal(
      maskPii(MESSAGE, { kinds: ['email', 'iban'] }),
      MESSAGE.replace('melissa@gmail.com', 'm******@gmail.com').replace(
        'GB82 WEST 1234 5698 7654 32',
        '******************5432',
      ),
    );
    assert.equal(maskPii(MESSAGE, { kinds: [] }), MESSAGE);
  });
});

describe('findPii', () => {
  it('returns sorted, non-overlapping ranges', () => {
    const matches = findPii(MESSAGE);
    assert.deepEqual(kindsOf(matches), [
      'email', 'phone', 'card', 'iban', 'national-id', 'national-id', 'national-id', 'phone',
    ]);
    for (const [index, match] of matches.entries()) {
      assert.ok(match.start < match.end);
      const next = matches[index + 1];
      if (next !== undefined) assert.ok(match.end <= next.start, `${match.end} <= ${next.start}`);
    }
  });

  it('reports ranges that cover exactly the data', () => {
    const text = 'a 4111 1111 1111 1111 b';
    assert.deepEqual(findPii(text), [{ kind: 'card', start: 2, end: 21 }]);
    assert.equal(text.slice(2, 21), '4111 1111 1111 1111');
  });

  it('restricts the result to the requested kinds', () => {
    assert.deepEqual(kindsOf(findPii(MESSAGE, { kinds: ['phone'] })), ['phone', 'phone']);
    assert.deepEqual(kindsOf(findPii(MESSAGE, { kinds: ['national-id', 'card'] })), [
      'card', 'national-id', 'national-id', 'national-id',
    ]);
  });

  it('prefers a validated kind to a phone number over the same digits', () => {
    // A valid personnummer starting with 0 also has the shape of a Finnish mobile number.
    assert.deepEqual(kindsOf(findPii('0401011234')), ['national-id']);
    assert.deepEqual(kindsOf(findPii('012-34-5678')), ['national-id']);
  });

  it('does not report the overlapped phone number when only phones are requested', () => {
    assert.deepEqual(findPii('0401011234', { kinds: ['phone'] }), []);
    assert.deepEqual(findPii('DE89 3704 0044 0532 0130 00', { kinds: ['phone', 'card'] }), []);
  });

  it('keeps ranges on token boundaries', () => {
    for (const text of ['x+447966197542', 'melissa@gmail.comx1', '4111111111111111x', 'A131052-308T', '123-45-67890']) {
      for (const match of findPii(text)) {
        const before = text.charAt(match.start - 1);
        const after = text.charAt(match.end);
        assert.ok(!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after), `${text}: ${JSON.stringify(match)}`);
      }
    }
  });

  it('handles no-break spaces between groups', () => {
    assert.equal(maskPii('040\u00A0123\u00A04567'), '******4567');
    assert.equal(maskPii('4111\u202F1111\u202F1111\u202F1111'), '************1111');
    assert.equal(maskPii('FI21\u00A01234\u00A05600\u00A00007\u00A085'), '**************0785');
  });

  it('stays fast on long and adversarial input', () => {
    const inputs = [
      `${MESSAGE} `.repeat(100),
      '0' + '-0'.repeat(5000) + 'x',
      'a.'.repeat(5000) + '@',
      '(0)'.repeat(3000) + 'x',
      'FI21 '.repeat(3000),
      'is 12 more '.repeat(1000),
      '0 '.repeat(3000) + 'x',
      '1 '.repeat(3000),
    ];
    const started = performance.now();
    for (const input of inputs) maskPii(input);
    assert.ok(performance.now() - started < 3000);
  });
});
