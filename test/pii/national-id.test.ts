import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findPii, maskPii } from '../../components/pii/index.js';
import { henkilotunnusValid, personnummerValid, ssnValid } from '../../components/pii/national-id.js';

describe('US Social Security numbers', () => {
  it('validates the SSA rules', () => {
    assert.ok(ssnValid('123-45-6789'));
    assert.ok(ssnValid('899-99-9999'));
    for (const ssn of ['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-6789', '123-45-0000']) {
      assert.ok(!ssnValid(ssn), ssn);
    }
  });

  it('masks the dashed or spaced form to the last four digits', () => {
    assert.equal(maskPii('SSN 123-45-6789.'), 'SSN *******6789.');
    assert.equal(maskPii('SSN 123 45 6789.'), 'SSN *****6789.');
  });

  it('leaves alone invalid, undivided and mixed-separator numbers', () => {
    for (const text of ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-6789', '123-45-0000', '123456789', '123-45 6789']) {
      assert.equal(maskPii(`SSN ${text}`), `SSN ${text}`);
    }
  });
});

describe('Swedish personnummer and samordningsnummer', () => {
  it('validates date and Luhn check digit in every written form', () => {
    for (const number of ['811228-9874', '8112289874', '19811228-9874', '198112289874', '811228+9874', '701063-2391']) {
      assert.ok(personnummerValid(number), number);
    }
  });

  it('accepts 29 February only in leap years', () => {
    assert.ok(personnummerValid('000229-1235'));
    assert.ok(personnummerValid('20000229-1235'));
    assert.ok(!personnummerValid('19000229-1235'));
  });

  it('rejects wrong check digits', () => {
    for (const number of ['811228-9875', '8112289875', '19811228-9875', '701063-2392']) {
      assert.ok(!personnummerValid(number), number);
    }
  });

  it('rejects impossible dates and centuries despite a correct check digit', () => {
    // Month 13; day 93 − 60 = 33; the 1700s.
    for (const number of ['8113289873', '701093-2395', '17811228-9874']) {
      assert.ok(!personnummerValid(number), number);
    }
  });

  it('masks to the last four digits', () => {
    assert.equal(maskPii('pnr 811228-9874'), 'pnr *******9874');
    assert.equal(maskPii('pnr 19811228-9874'), 'pnr *********9874');
    assert.equal(maskPii('pnr 198112289874'), 'pnr ********9874');
    assert.equal(maskPii('samordningsnummer 701063-2391'), 'samordningsnummer *******2391');
    assert.deepEqual(findPii('pnr 8112289874'), [{ kind: 'national-id', start: 4, end: 14 }]);
  });

  it('leaves alone numbers with a wrong check digit or date', () => {
    for (const text of ['811228-9875', '19811228-9875', '8113289873', '701093-2395', '19000229-1235']) {
      assert.equal(maskPii(`nummer ${text}`), `nummer ${text}`, text);
    }
  });

  it('never reads the personnummer shape as a phone number, even starting with 0', () => {
    assert.deepEqual(findPii('040101-1234').map((match) => match.kind), ['national-id']);
    assert.equal(maskPii('040101-1235'), '040101-1235');
  });
});

describe('Finnish henkilötunnus', () => {
  it('validates every century sign', () => {
    for (const hetu of ['131052-308T', '010594Y9032', '010594Y9021', '290200A1239', '010101B456D', '010100+2340', '131052-308t']) {
      assert.ok(henkilotunnusValid(hetu), hetu);
    }
  });

  it('rejects wrong check characters, impossible dates and unused individual numbers', () => {
    const invalid = [
      '131052-308U',
      '010594Y9033',
      '010594Z9032',
      // 29 February 1900 and 2001, with correct check characters.
      '290200-1239',
      '290201A123J',
      // Individual number 001 is never issued.
      '311299-0018',
    ];
    for (const hetu of invalid) assert.ok(!henkilotunnusValid(hetu), hetu);
  });

  it('masks to the last four characters', () => {
    assert.equal(maskPii('Hetu: 131052-308T.'), 'Hetu: *******308T.');
    assert.equal(maskPii('hetu 010594Y9032 ja 010594Y9021'), 'hetu *******9032 ja *******9021');
  });

  it('leaves alone invalid ones', () => {
    for (const text of ['131052-308U', '010594Y9033', '290200-1239', '311299-0018', 'x131052-308T', '131052-308Tx']) {
      assert.equal(maskPii(text), text, text);
    }
  });
});
