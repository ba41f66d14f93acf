/**
 * Corpus tests: PII from public test vectors and generated national ids inside realistic chat
 * sentences must be masked exactly as documented, and sentences full of ordinary numbers must
 * come back unchanged. The data lives in ./corpus/.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IBAN_COUNTRIES, ibanLength } from '../../components/pii/iban.js';
import { findPii, maskPii, type PiiKind } from '../../components/pii/index.js';
import {
  creditorReference,
  henkilotunnusCheck,
  ibanChecksumOk,
  luhnCheckDigit,
  luhnOk,
  viitenumero,
} from './corpus/checksums.js';
import { expectedMask } from './corpus/expected-mask.js';
import { CENTURY_SIGNS } from './corpus/national-ids.js';
import { ORDINARY_SENTENCES } from './corpus/ordinary.js';
import { IBAN_REGISTRY_EXAMPLES, PII_SAMPLES, TEST_CARDS, render, type Language } from './corpus/pii-samples.js';

const LANGUAGES: readonly Language[] = ['en', 'fi', 'sv'];
const KINDS: readonly PiiKind[] = ['card', 'iban', 'phone', 'email', 'national-id'];
const show = (text: string): string => JSON.stringify(text);

describe('corpus data', () => {
  it('checksum helpers agree with published examples', () => {
    assert.equal(luhnCheckDigit('811228987'), '4');
    assert.ok(luhnOk('4111111111111111'));
    assert.ok(!luhnOk('4111111111111112'));
    assert.ok(ibanChecksumOk('GB82WEST12345698765432'));
    assert.ok(!ibanChecksumOk('GB82WEST12345698765431'));
    assert.equal(henkilotunnusCheck('131052', '308'), 'T');
    assert.equal(viitenumero('123'), '1232');
    assert.equal(creditorReference('539007547034'), 'RF18539007547034');
  });

  it('the expected masks reproduce the examples of the README', () => {
    assert.equal(expectedMask('phone', '+1 (123) 456 7890'), '**********7890');
    assert.equal(expectedMask('email', 'melissa@gmail.com'), 'm******@gmail.com');
    assert.equal(expectedMask('card', '4111 1111 1111 1111'), '************1111');
    assert.equal(expectedMask('iban', 'FI21 1234 5600 0007 85'), '**************0785');
    assert.equal(expectedMask('national-id', '131052-308T'), '*******308T');
    assert.equal(expectedMask('national-id', '123 45 6789'), '*****6789');
  });

  it('every test card number passes Luhn', () => {
    for (const [digits, source] of TEST_CARDS) assert.ok(luhnOk(digits), `${digits} (${source})`);
  });

  it('has one registry example for every IBAN country of the module, mod-97 valid at the right length', () => {
    const countries = IBAN_REGISTRY_EXAMPLES.map((iban) => iban.slice(0, 2));
    assert.deepEqual([...countries].sort(), [...IBAN_COUNTRIES].sort());
    for (const iban of IBAN_REGISTRY_EXAMPLES) {
      assert.ok(ibanChecksumOk(iban), iban);
      assert.equal(ibanLength(iban.slice(0, 2)), iban.length, iban);
    }
  });

  it('has at least 200 PII samples covering every kind and language', () => {
    assert.ok(PII_SAMPLES.length >= 200, String(PII_SAMPLES.length));
    for (const kind of KINDS) {
      for (const language of LANGUAGES) {
        assert.ok(PII_SAMPLES.some((s) => s.kind === kind && s.language === language), `${kind} in ${language}`);
      }
    }
  });

  it('uses every henkilötunnus century sign', () => {
    for (const sign of Object.keys(CENTURY_SIGNS)) {
      assert.ok(PII_SAMPLES.some((s) => /^\d{6}(.)/.exec(s.value)?.[1] === sign && s.value.length === 11), sign);
    }
  });

  it('has at least 200 ordinary sentences, at least 50 in each language', () => {
    assert.ok(ORDINARY_SENTENCES.length >= 200, String(ORDINARY_SENTENCES.length));
    for (const language of LANGUAGES) {
      assert.ok(ORDINARY_SENTENCES.filter(([l]) => l === language).length >= 50, language);
    }
  });
});

describe('PII corpus: masked exactly, the rest of the sentence unchanged', () => {
  for (const kind of KINDS) {
    describe(kind, () => {
      for (const sample of PII_SAMPLES.filter((s) => s.kind === kind)) {
        it(`${sample.language}: ${show(sample.value)} (${sample.source})`, () => {
          const { text, before, after } = render(sample);
          const masked = before + expectedMask(kind, sample.value) + after;
          assert.deepEqual(findPii(text), [{ kind, start: before.length, end: before.length + sample.value.length }], text);
          assert.equal(maskPii(text), masked);
          // Masking the output again changes nothing.
          assert.equal(maskPii(masked), masked);
        });
      }
    });
  }
});

describe('ordinary corpus: numbers that are not PII stay as they are', () => {
  for (const [language, sentence] of ORDINARY_SENTENCES) {
    it(`${language}: ${sentence}`, () => {
      assert.deepEqual(findPii(sentence), [], sentence);
      assert.equal(maskPii(sentence), sentence);
    });
  }
});
