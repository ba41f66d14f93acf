import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isCardNumber, luhnValid } from '../../components/pii/card.js';
import { findPii, maskPii } from '../../components/pii/index.js';

describe('luhnValid', () => {
  it('accepts Luhn-valid numbers', () => {
    for (const number of ['4111111111111111', '5555555555554444', '378282246310005', '6011000000000004', '0']) {
      assert.ok(luhnValid(number), number);
    }
  });

  it('rejects a changed digit, swapped digits and non-digits', () => {
    for (const number of ['4111111111111112', '5555555555554445', '378282246310006', '4111111111111211', '4111 1111', '']) {
      assert.ok(!luhnValid(number), number);
    }
  });
});

describe('isCardNumber', () => {
  it('needs 13 to 19 digits', () => {
    assert.ok(isCardNumber('5000000000005'));
    assert.ok(isCardNumber('1234567890123456785'));
    assert.ok(!isCardNumber('500000000009'));
    assert.ok(!isCardNumber('12345678901234567897'));
  });

  it('rejects numbers starting with 0, which no card does', () => {
    assert.ok(luhnValid('0123456789012347'));
    assert.ok(!isCardNumber('0123456789012347'));
  });
});

describe('cards in text', () => {
  it('masks all but the last four digits and drops separators', () => {
    const cases: [string, string][] = [
      ['4111 1111 1111 1111', '************1111'],
      ['4111-1111-1111-1111', '************1111'],
      ['4111111111111111', '************1111'],
      ['5555 5555 5555 4444', '************4444'],
      ['378282246310005', '***********0005'],
      ['3782 822463 10005', '***********0005'],
      ['6011 0000 0000 0004', '************0004'],
      ['4000 0000 0000 0002', '************0002'],
      ['1234 5678 9012 3456 785', '***************6785'],
    ];
    for (const [card, masked] of cases) {
      assert.equal(maskPii(`My card is ${card}.`), `My card is ${masked}.`, card);
    }
  });

  it('reports the whole card, separators included', () => {
    const text = 'Visa 4111 1111 1111 1111 please';
    assert.deepEqual(findPii(text), [{ kind: 'card', start: 5, end: 24 }]);
  });

  it('finds a card among other numbers joined to it by spaces', () => {
    assert.equal(maskPii('order 12345 4111 1111 1111 1111 2024'), 'order 12345 ************1111 2024');
    assert.equal(
      maskPii('4111 1111 1111 1111 5555 5555 5555 4444'),
      '************1111 ************4444',
    );
  });

  it('leaves alone numbers that fail Luhn', () => {
    for (const text of ['4111 1111 1111 1112', '4111111111111112', '5555-5555-5555-4445', '378282246310006']) {
      assert.equal(maskPii(`Card ${text}`), `Card ${text}`);
    }
  });

  it('leaves alone Luhn-valid digits in shapes cards are not written in', () => {
    const unchanged = [
      '41 11 11 11 11 11 11 11',
      '411 111 111 111 111 1',
      '4111 1111-1111 1111',
      '4111-1111 1111-1111',
      // A valid card number inside a longer digit run.
      '41111111111111111',
      '24111111111111111',
      'x4111111111111111',
      '4111111111111111x',
      '12.4111111111111111',
      '4111111111111111.5',
      '#4111111111111111',
    ];
    for (const text of unchanged) assert.equal(maskPii(text), text, text);
  });
});
