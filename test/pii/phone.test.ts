import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findPii, maskPii } from '../../components/pii/index.js';
import { isPhoneNumber } from '../../components/pii/phone.js';

describe('isPhoneNumber', () => {
  it('accepts international, national and North American layouts', () => {
    const phones = [
      '+447966197542',
      '+1 (123) 456 7890',
      '+358 40 123 4567',
      '+358 (0)40 123 4567',
      '+46 8 123 456 78',
      '+44 20 7946 0958',
      '0044 20 7946 0958',
      '040 123 4567',
      '040-123 4567',
      '0401234567',
      '09 1234 5678',
      '08-123 456 78',
      '070-123 45 67',
      '07966 197542',
      '(040) 123 4567',
      '040.123.4567',
      '(415) 555-2671',
      '415-555-2671',
      '415.555.2671',
      '1-800-555-1234',
    ];
    for (const phone of phones) assert.ok(isPhoneNumber(phone), phone);
  });

  it('rejects too few or too many digits', () => {
    for (const number of ['+123456', '0123456', '+1234567890123456', '0123 4567 8901 2345']) {
      assert.ok(!isPhoneNumber(number), number);
    }
  });

  it('rejects plain numbers without a leading + or 0 or a North American layout', () => {
    for (const number of ['4012345678', '123 456 7890', '(123) 456-7890', '(415) 155-2671', '555-0123-456', '12 34 56 78']) {
      assert.ok(!isPhoneNumber(number), number);
    }
  });

  it('rejects the Finnish business id (Y-tunnus) shape, often starting with 0', () => {
    for (const number of ['0112038-9', '0109862-8', '1572860-0']) assert.ok(!isPhoneNumber(number), number);
    assert.equal(maskPii('Y-tunnus 0112038-9.'), 'Y-tunnus 0112038-9.');
  });

  it('rejects dates, decimals, identity-number shapes and odd layouts', () => {
    const notPhones = [
      '01.05.2024',
      '01-05-2024',
      '01 05 2024',
      '01052024',
      '0.04012345',
      '040.1234567',
      '040101-1234',
      '012-34-5678',
      '040--123 4567',
      '040 123 4567)',
      '(0)(40) 123 4567',
      '+0401234567',
      '00012345678',
      '040 123.4567',
    ];
    for (const number of notPhones) assert.ok(!isPhoneNumber(number), number);
  });
});

describe('phone numbers in text', () => {
  it('masks every non-space character but the last four digits', () => {
    assert.equal(maskPii('+447966197542'), '*********7542');
    assert.equal(maskPii('+1 (123) 456 7890'), '**********7890');
    assert.equal(maskPii('Soita 040 123 4567!'), 'Soita ******4567!');
    assert.equal(maskPii('Ring 070-123 45 67 i morgon'), 'Ring *******4567 i morgon');
    assert.equal(maskPii('Call (415) 555-2671.'), 'Call *********2671.');
  });

  it('accepts labels and Finnish case endings around the number', () => {
    assert.equal(maskPii('puh.040-1234567'), 'puh.*******4567');
    assert.equal(maskPii('tel:+358401234567'), 'tel:*********4567');
    assert.equal(maskPii('Soitin numeroon 040 123 4567:ään.'), 'Soitin numeroon ******4567:ään.');
  });

  it('separates phone numbers joined only by a space, and skips a leading quantity', () => {
    assert.equal(maskPii('040 123 4567 050 765 4321'), '******4567 ******4321');
    assert.equal(maskPii('call 2 +358 40 123 4567'), 'call 2 *********4567');
  });

  it('leaves a run alone when it does not split into whole phone numbers', () => {
    assert.equal(maskPii('0123 4567 8901 2345'), '0123 4567 8901 2345');
  });

  it('does not cut a grouped number into leftovers and a phone number without +', () => {
    // A Finnish reference number printed in groups of five, amounts with thousands separators.
    for (const text of ['68 02286 51660 04781', 'SEK 2 054 321 000', '12 034 567 890 €', '0045 0012 3456 7890']) {
      assert.equal(maskPii(text), text, text);
    }
    assert.equal(maskPii('2 040 123 4567 050 765 4321'), '2 040 123 4567 050 765 4321');
    assert.equal(maskPii('2 +358 40 123 4567 050 765 4321'), '2 *********4567 ******4321');
  });

  it('leaves alone numbers continued by letters or other digits', () => {
    for (const text of ['0401234567abc', 'abc0401234567', '12.0401234567', '0401234567.5', 'FI-0401234567', '#0401234567', '1+0401234567']) {
      assert.equal(maskPii(text), text, text);
    }
  });

  it('keeps parentheses around the number outside it', () => {
    assert.equal(maskPii('(+358 40 123 4567)'), '(*********4567)');
  });

  it('never reads digits after + as a card number', () => {
    // 3584012345678901 passes Luhn, but has too many digits for a phone number.
    assert.equal(maskPii('+3584012345678901'), '+3584012345678901');
  });

  it('reports the number without the trailing punctuation', () => {
    const text = 'Numero: 040 123 4567.';
    assert.deepEqual(findPii(text), [{ kind: 'phone', start: 8, end: 20 }]);
  });
});
