import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IBAN_COUNTRIES, ibanLength, ibanValid } from '../../components/pii/iban.js';
import { findPii, maskPii } from '../../components/pii/index.js';

/** The example IBAN of every country in the SWIFT IBAN Registry, release 102. */
const REGISTRY_EXAMPLES = [
  'AD1200012030200359100100',
  'AE070331234567890123456',
  'AL47212110090000000235698741',
  'AT611904300234573201',
  'AZ21NABZ00000000137010001944',
  'BA391290079401028494',
  'BE68539007547034',
  'BG80BNBG96611020345678',
  'BH67BMAG00001299123456',
  'BI4210000100010000332045181',
  'BR1800360305000010009795493C1',
  'BY13NBRB3600900000002Z00AB00',
  'CH9300762011623852957',
  'CR05015202001026284066',
  'CY17002001280000001200527600',
  'CZ6508000000192000145399',
  'DE89370400440532013000',
  'DJ2100010000000154000100186',
  'DK5000400440116243',
  'DO28BAGR00000001212453611324',
  'EE382200221020145685',
  'EG380019000500000000263180002',
  'ES9121000418450200051332',
  'FI2112345600000785',
  'FK88SC123456789012',
  'FO6264600001631634',
  'FR1420041010050500013M02606',
  'GB29NWBK60161331926819',
  'GE29NB0000000101904917',
  'GI75NWBK000000007099453',
  'GL8964710001000206',
  'GR1601101250000000012300695',
  'GT82TRAJ01020000001210029690',
  'HN88CABF00000000000250005469',
  'HR1210010051863000160',
  'HU42117730161111101800000000',
  'IE29AIBK93115212345678',
  'IL620108000000099999999',
  'IQ98NBIQ850123456789012',
  'IS140159260076545510730339',
  'IT60X0542811101000000123456',
  'JO94CBJO0010000000000131000302',
  'KW81CBKU0000000000001234560101',
  'KZ86125KZT5004100100',
  'LB62099900000001001901229114',
  'LC55HEMM000100010012001200023015',
  'LI21088100002324013AA',
  'LT121000011101001000',
  'LU280019400644750000',
  'LV80BANK0000435195001',
  'LY83002048000020100120361',
  'MC5811222000010123456789030',
  'MD24AG000225100013104168',
  'ME25505000012345678951',
  'MK07250120000058984',
  'MN121234123456789123',
  'MR1300020001010000123456753',
  'MT84MALT011000012345MTLCAST001S',
  'MU17BOMM0101101030300200000MUR',
  'NI45BAPR00000013000003558124',
  'NL91ABNA0417164300',
  'NO9386011117947',
  'OM810180000001299123456',
  'PK36SCBL0000001123456702',
  'PL61109010140000071219812874',
  'PS92PALS000000000400123456702',
  'PT50000201231234567890154',
  'QA58DOHB00001234567890ABCDEFG',
  'RO49AAAA1B31007593840000',
  'RS35260005601001611379',
  'RU0304452522540817810538091310419',
  'SA0380000000608010167519',
  'SC18SSCB11010000000000001497USD',
  'SD2129010501234001',
  'SE4550000000058398257466',
  'SI56263300012039086',
  'SK3112000000198742637541',
  'SM86U0322509800000000270100',
  'SO211000001001000100141',
  'ST23000100010051845310146',
  'SV62CENR00000000000000700025',
  'TL380080012345678910157',
  'TN5910006035183598478831',
  'TR330006100519786457841326',
  'UA213223130000026007233566001',
  'VA59001123000012345678',
  'VG96VPVG0000012345678901',
  'XK051212012345678906',
  'YE15CBYE0001018861234567891234',
];

/** Groups of four, the way IBANs are printed. */
const printed = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

describe('ibanValid', () => {
  it('knows exactly the registry countries, at the length of their examples', () => {
    assert.equal(IBAN_COUNTRIES.length, 89);
    assert.deepEqual([...IBAN_COUNTRIES].sort(), REGISTRY_EXAMPLES.map((example) => example.slice(0, 2)).sort());
    for (const example of REGISTRY_EXAMPLES) {
      assert.equal(ibanLength(example.slice(0, 2)), example.length, example);
    }
  });

  it('accepts every registry example, in either case', () => {
    for (const example of REGISTRY_EXAMPLES) {
      assert.ok(ibanValid(example), example);
      assert.ok(ibanValid(example.toLowerCase()), example);
    }
  });

  it('rejects a changed check digit or account character', () => {
    assert.ok(!ibanValid('GB82WEST12345698765431'));
    assert.ok(!ibanValid('DE88370400440532013000'));
    assert.ok(!ibanValid('FI2112345600000786'));
    assert.ok(!ibanValid('SE4550000000058398257476'));
    assert.ok(!ibanValid('NO9386011117948'));
  });

  it('rejects a correct checksum at the wrong length for the country', () => {
    assert.ok(!ibanValid('FI211234560000078'));
    assert.ok(!ibanValid('NO37860111179470'));
    assert.ok(!ibanValid('DE543704004405320130001'));
  });

  it('rejects a correct checksum under a code outside the registry', () => {
    assert.ok(!ibanValid('RF18539007547034'));
    assert.ok(!ibanValid('US64SVBKUS6S3300958879'));
  });
});

describe('IBANs in text', () => {
  it('masks the examples from the brief, with or without spaces', () => {
    const cases: [string, string][] = [
      ['GB82 WEST 1234 5698 7654 32', '******************5432'],
      ['DE89 3704 0044 0532 0130 00', '******************3000'],
      ['FI21 1234 5600 0007 85', '**************0785'],
      ['SE45 5000 0000 0583 9825 7466', '********************7466'],
      ['NO93 8601 1117 947', '***********7947'],
      ['GB82WEST12345698765432', '******************5432'],
      ['fi21 1234 5600 0007 85', '**************0785'],
    ];
    for (const [iban, masked] of cases) {
      assert.equal(maskPii(`Tilinumero ${iban}, kiitos.`), `Tilinumero ${masked}, kiitos.`);
    }
  });

  it('finds the example of every registry country, printed and compact', () => {
    for (const example of REGISTRY_EXAMPLES) {
      for (const written of [example, printed(example)]) {
        const text = `IBAN: ${written}.`;
        assert.deepEqual(findPii(text), [{ kind: 'iban', start: 6, end: 6 + written.length }], written);
      }
    }
  });

  it('finds irregular registry groupings', () => {
    assert.equal(maskPii('LY83 002 048 000020100120361'), '*********************0361');
    assert.equal(maskPii('SV 62 CENR 00000000000000700025'), '************************0025');
  });

  it('finds IBANs that follow one another', () => {
    const text = 'FI21 1234 5600 0007 85 DE89 3704 0044 0532 0130 00';
    assert.deepEqual(findPii(text).map((match) => text.slice(match.start, match.end)), [
      'FI21 1234 5600 0007 85',
      'DE89 3704 0044 0532 0130 00',
    ]);
  });

  it('leaves alone invalid IBANs, RF creditor references and IBAN look-alikes', () => {
    const unchanged = [
      'GB82 WEST 1234 5698 7654 31',
      'DE88 3704 0044 0532 0130 00',
      'FI21 1234 5600 0007 8',
      'FI21 1234 5600 0007 855',
      'RF18 5390 0754 7034',
      'Viite RF18539007547034',
      'US64 SVBK US6S 3300 9588 79',
      // Passes mod-97 at Finland's length, but an account number is not mostly letters.
      'FI55 ABCD EFGH IJKL MN',
      // Part of a longer token.
      'XFI2112345600000785',
      'FI2112345600000785X',
    ];
    for (const text of unchanged) assert.equal(maskPii(text), text, text);
  });

  it('does not read the digits of an invalid IBAN as a phone or card number', () => {
    assert.equal(maskPii('DE88 3704 0044 0532 0130 00'), 'DE88 3704 0044 0532 0130 00');
  });
});
