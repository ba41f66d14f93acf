/**
 * PII embedded in chat sentences in English, Finnish and Swedish. Values come from public
 * test vectors (payment providers' test card numbers, the SWIFT IBAN Registry examples,
 * libphonenumber's example numbers, RFC 2606 / common test e-mail addresses) or are national
 * ids generated deterministically with correct check digits (./national-ids.ts).
 */
import type { PiiKind } from '../../../components/pii/index.js';
import { CENTURY_SIGNS, henkilotunnus, personnummer, randomDate, usSsn, type PersonnummerForm } from './national-ids.js';
import { seededRandom } from './prng.js';

export type Language = 'en' | 'fi' | 'sv';

export interface PiiSample {
  language: Language;
  kind: PiiKind;
  /** The PII exactly as written in the sentence. */
  value: string;
  /** Where the value comes from. */
  source: string;
  /** The chat sentence; `{}` marks where the value goes. */
  template: string;
}

/** The sentence with the value in place, and the text before and after it. */
export function render(sample: PiiSample): { text: string; before: string; after: string } {
  const [before = '', after = ''] = sample.template.split('{}');
  return { text: before + sample.value + after, before, after };
}

const LANGUAGES: readonly Language[] = ['en', 'fi', 'sv'];

const TEMPLATES: Readonly<Record<PiiKind, Readonly<Record<Language, readonly string[]>>>> = {
  card: {
    en: [
      'My card number is {}, can you check why it was declined?',
      'I paid with {} yesterday but the order still says pending.',
      'Card: {} — please refund it there.',
      'The charge on {} appears twice on my statement.',
      'Can you remove the saved card {} from my account?',
    ],
    fi: [
      'Korttini numero on {} ja maksu ei mene läpi.',
      'Maksoin kortilla {} eilen, mutta tilaus on vielä kesken.',
      'Kortti {} veloitettiin kahdesti, palauttakaa toinen.',
      'Voitteko poistaa tallennetun kortin {} tililtäni?',
      'Käytin korttia {}, tuleeko hyvitys sille?',
    ],
    sv: [
      'Mitt kortnummer är {} och betalningen nekades.',
      'Jag betalade med {} igår men ordern är inte bekräftad.',
      'Kortet {} drogs två gånger, kan ni återbetala?',
      'Kan ni ta bort det sparade kortet {} från mitt konto?',
      'Återbetalningen ska gå till {}, tack.',
    ],
  },
  iban: {
    en: [
      'Please send the refund to {}.',
      'My IBAN is {}, the account holder is my husband.',
      'Refund account: {} (it is a business account).',
      'Could you wire the deposit back to {} by Friday?',
    ],
    fi: [
      'Tilinumeroni on {}, palauttakaa rahat sinne.',
      'Hyvitys tilille {} kiitos.',
      'IBAN: {} — tili on puolisoni nimissä.',
      'Voitteko maksaa palautuksen tilille {} perjantaihin mennessä?',
    ],
    sv: [
      'Mitt kontonummer är {}, sätt in återbetalningen där.',
      'Återbetalning till IBAN {} tack.',
      'Kontot {} tillhör min fru.',
      'Kan ni föra över pengarna till {} före fredag?',
    ],
  },
  phone: {
    en: [
      'You can reach me on {} after 5 pm.',
      'Call me at {} please, the chat keeps dropping.',
      'My number is {} if the courier needs it.',
      'Text {} when the parcel is ready.',
      'Phone: {}, ask for Anna.',
    ],
    fi: [
      'Mun numero on {}, soita iltapäivällä.',
      'Soittakaa numeroon {} kello kahden jälkeen.',
      'Puhelinnumeroni on {} jos kuriiri tarvitsee.',
      'Laittakaa tekstiviesti numeroon {} kun paketti on valmis.',
      'Tavoitatte minut numerosta {} arkisin.',
    ],
    sv: [
      'Ring mig på {} efter lunch.',
      'Mitt telefonnummer är {} om budet behöver det.',
      'Skicka ett sms till {} när paketet kommit.',
      'Nås på {} vardagar mellan 9 och 17.',
      'Du kan ringa {} och fråga efter Sven.',
    ],
  },
  email: {
    en: [
      'Send the invoice to {} please.',
      'My email is {}, I never got the confirmation.',
      'Could you change my login to {}?',
      'Reply to {} instead of this address.',
    ],
    fi: [
      'Lähettäkää lasku osoitteeseen {} kiitos.',
      'Sähköpostini on {}, en saanut vahvistusta.',
      'Vaihtakaa käyttäjätunnukseksi {} ole hyvä.',
      'Vastatkaa mieluummin osoitteeseen {} kiitos.',
    ],
    sv: [
      'Skicka fakturan till {} tack.',
      'Min e-post är {}, jag fick ingen bekräftelse.',
      'Kan ni byta inloggningen till {}?',
      'Svara hellre till {} så läser jag det snabbare.',
    ],
  },
  'national-id': {
    en: [
      'My personal identity number is {}, as on my passport.',
      'ID number: {} if you need it for the verification.',
      'The form asks for my national id, it is {}.',
      'I typed {} in the identity field but it was rejected.',
    ],
    fi: [
      'Henkilötunnukseni on {}, tarvitsetteko muuta?',
      'Hetu {} ja nimi Matti Meikäläinen.',
      'Tunnistautumiseen annoin tunnuksen {} mutta se ei kelvannut.',
      'Tunnus: {} kuten kortissa.',
    ],
    sv: [
      'Mitt personnummer är {}, behöver ni något mer?',
      'Personnummer: {} och namnet Anna Andersson.',
      'Legitimering med {} fungerade inte i appen.',
      'Jag skrev {} i fältet men det godkändes inte.',
    ],
  },
};

type Templates = Readonly<Record<Language, readonly string[]>>;

/** Sentences for one kind of national id, where the kind's generic ones would read oddly. */
const SSN_TEMPLATES: Templates = {
  en: [
    'My SSN is {} if you need it for the credit check.',
    'Social security number: {}, born in Ohio.',
    'The W-9 form has my SSN {} on it.',
  ],
  fi: ['Amerikkalainen sosiaaliturvatunnukseni (SSN) on {} jos sitä tarvitaan.'],
  sv: ['Mitt amerikanska SSN är {} om ni behöver det.'],
};
const SAMORDNINGSNUMMER_TEMPLATES: Templates = {
  en: ['I only have a Swedish coordination number, {}, is that enough?'],
  fi: ['Minulla on ruotsalainen samordningsnummer {}, kelpaako se?'],
  sv: ['Jag har samordningsnummer {} eftersom jag bor utomlands.', 'Samordningsnummer: {} (ej folkbokförd).'],
};

/** Spreads samples over the languages and each language's templates in turn. */
function inSentences(
  kind: PiiKind,
  values: readonly (readonly [string, string])[],
  offset = 0,
  templatesByLanguage: Templates = TEMPLATES[kind],
): PiiSample[] {
  return values.map(([value, source], index) => {
    const language = LANGUAGES[(index + offset) % LANGUAGES.length] ?? 'en';
    const templates = templatesByLanguage[language];
    const template = templates[Math.floor((index + offset) / LANGUAGES.length) % templates.length] ?? '{}';
    return { language, kind, value, source, template };
  });
}

/**
 * Test card numbers published by payment providers (Stripe's testing page, PayPal's Payflow
 * list of test credit card numbers, Adyen's test cards, Worldpay's test card numbers), written
 * in the groupings of `groupCard`. The corpus test checks that each passes Luhn.
 */
export const TEST_CARDS: readonly (readonly [number: string, source: string])[] = [
  ['4242424242424242', 'Stripe Visa'],
  ['4000056655665556', 'Stripe Visa debit'],
  ['5555555555554444', 'Stripe Mastercard'],
  ['2223003122003222', 'Stripe Mastercard 2-series'],
  ['5200828282828210', 'Stripe Mastercard debit'],
  ['5105105105105100', 'Stripe Mastercard prepaid'],
  ['378282246310005', 'Stripe American Express'],
  ['371449635398431', 'Stripe American Express'],
  ['6011111111111117', 'Stripe Discover'],
  ['6011000990139424', 'Stripe Discover'],
  ['3056930009020004', 'Stripe Diners Club'],
  ['36227206271667', 'Stripe Diners Club 14-digit'],
  ['3566002020360505', 'Stripe JCB'],
  ['6200000000000005', 'Stripe UnionPay'],
  ['6205500000000000004', 'Stripe UnionPay 19-digit'],
  ['4111111111111111', 'PayPal Payflow Visa'],
  ['4012888888881881', 'PayPal Payflow Visa'],
  ['4222222222222', 'PayPal Payflow Visa 13-digit'],
  ['378734493671000', 'PayPal Payflow American Express Corporate'],
  ['30569309025904', 'PayPal Payflow Diners Club'],
  ['38520000023237', 'PayPal Payflow Diners Club'],
  ['3530111333300000', 'PayPal Payflow JCB'],
  ['5019717010103742', 'PayPal Payflow Dankort'],
  ['4111111145551142', 'Adyen Visa'],
  ['5555341244441115', 'Adyen Mastercard'],
  ['370000000000002', 'Adyen American Express'],
  ['6011601160116611', 'Adyen Discover'],
  ['3569990010095841', 'Adyen JCB'],
  ['36006666333344', 'Adyen Diners Club'],
  ['4444333322221111', 'Worldpay Visa'],
  ['5454545454545454', 'Worldpay Mastercard'],
  ['343434343434343', 'Worldpay American Express'],
  ['6011000400000000', 'Worldpay Discover/Diners'],
  ['3528000700000000', 'Worldpay JCB'],
  ['6759649826438453', 'Worldpay Maestro'],
  ['4917610000000000', 'Worldpay Visa'],
  ['4911830000000', 'Worldpay Visa 13-digit'],
  ['4917610000000000003', 'Worldpay Visa Debit 19-digit'],
];

/** How a card number is written: 15 digits 4-6-5, 14 digits 4-6-4, others in fours. */
export function groupCard(digits: string, separator: string): string {
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(separator);
  if (digits.length === 14) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(separator);
  return (digits.match(/.{1,4}/g) ?? []).join(separator);
}

const CARD_LAYOUTS: readonly (readonly [string, (digits: string) => string])[] = [
  ['grouped with spaces', (digits) => groupCard(digits, ' ')],
  ['compact', (digits) => digits],
  ['grouped with dashes', (digits) => groupCard(digits, '-')],
  ['grouped with no-break spaces', (digits) => groupCard(digits, '\u00A0')],
];

const cardValues = TEST_CARDS.flatMap(([digits, source], index) => {
  // Every card grouped with spaces, and each one also in one of the other layouts.
  const [, grouped] = CARD_LAYOUTS[0] ?? ['', (d: string) => d];
  const [otherName, other] = CARD_LAYOUTS[1 + (index % (CARD_LAYOUTS.length - 1))] ?? ['', (d: string) => d];
  return [
    [grouped(digits), `${source}, grouped with spaces`],
    [other(digits), `${source}, ${otherName}`],
  ] as const;
});

/** The example IBAN of every country in the SWIFT IBAN Registry (release 102), electronic format. */
export const IBAN_REGISTRY_EXAMPLES: readonly string[] = [
  'AD1200012030200359100100', 'AE070331234567890123456', 'AL47212110090000000235698741',
  'AT611904300234573201', 'AZ21NABZ00000000137010001944', 'BA391290079401028494',
  'BE68539007547034', 'BG80BNBG96611020345678', 'BH67BMAG00001299123456',
  'BI4210000100010000332045181', 'BR1800360305000010009795493C1', 'BY13NBRB3600900000002Z00AB00',
  'CH9300762011623852957', 'CR05015202001026284066', 'CY17002001280000001200527600',
  'CZ6508000000192000145399', 'DE89370400440532013000', 'DJ2100010000000154000100186',
  'DK5000400440116243', 'DO28BAGR00000001212453611324', 'EE382200221020145685',
  'EG380019000500000000263180002', 'ES9121000418450200051332', 'FI2112345600000785',
  'FK88SC123456789012', 'FO6264600001631634', 'FR1420041010050500013M02606',
  'GB29NWBK60161331926819', 'GE29NB0000000101904917', 'GI75NWBK000000007099453',
  'GL8964710001000206', 'GR1601101250000000012300695', 'GT82TRAJ01020000001210029690',
  'HN88CABF00000000000250005469', 'HR1210010051863000160', 'HU42117730161111101800000000',
  'IE29AIBK93115212345678', 'IL620108000000099999999', 'IQ98NBIQ850123456789012',
  'IS140159260076545510730339', 'IT60X0542811101000000123456', 'JO94CBJO0010000000000131000302',
  'KW81CBKU0000000000001234560101', 'KZ86125KZT5004100100', 'LB62099900000001001901229114',
  'LC55HEMM000100010012001200023015', 'LI21088100002324013AA', 'LT121000011101001000',
  'LU280019400644750000', 'LV80BANK0000435195001', 'LY83002048000020100120361',
  'MC5811222000010123456789030', 'MD24AG000225100013104168', 'ME25505000012345678951',
  'MK07250120000058984', 'MN121234123456789123', 'MR1300020001010000123456753',
  'MT84MALT011000012345MTLCAST001S', 'MU17BOMM0101101030300200000MUR', 'NI45BAPR00000013000003558124',
  'NL91ABNA0417164300', 'NO9386011117947', 'OM810180000001299123456',
  'PK36SCBL0000001123456702', 'PL61109010140000071219812874', 'PS92PALS000000000400123456702',
  'PT50000201231234567890154', 'QA58DOHB00001234567890ABCDEFG', 'RO49AAAA1B31007593840000',
  'RS35260005601001611379', 'RU0304452522540817810538091310419', 'SA0380000000608010167519',
  'SC18SSCB11010000000000001497USD', 'SD2129010501234001', 'SE4550000000058398257466',
  'SI56263300012039086', 'SK3112000000198742637541', 'SM86U0322509800000000270100',
  'SO211000001001000100141', 'ST23000100010051845310146', 'SV62CENR00000000000000700025',
  'TL380080012345678910157', 'TN5910006035183598478831', 'TR330006100519786457841326',
  'UA213223130000026007233566001', 'VA59001123000012345678', 'VG96VPVG0000012345678901',
  'XK051212012345678906', 'YE15CBYE0001018861234567891234',
];

/** The registry's print format: groups of four separated by spaces. */
export const printIban = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');

const ibanValues = IBAN_REGISTRY_EXAMPLES.flatMap((iban, index) => [
  [printIban(iban), `SWIFT IBAN Registry example ${iban.slice(0, 2)}, print format`],
  // Every fifth compact one in lower case, as people sometimes type them.
  [index % 5 === 0 ? iban.toLowerCase() : iban, `SWIFT IBAN Registry example ${iban.slice(0, 2)}, electronic format`],
] as const);

/**
 * libphonenumber's example numbers (PhoneNumberMetadata.xml, fixed line and mobile) in the
 * international and national formats libphonenumber prints, plus common variants (compact
 * E.164, 00 prefix, "(0)" trunk, dots). National formats are left out for countries
 * without a trunk 0 (NO, DK, EE, ES, …): there they are plain digit runs.
 */
export const EXAMPLE_PHONES: readonly (readonly [string, string])[] = [
  ['+44 121 234 5678', 'GB fixed, international'],
  ['0121 234 5678', 'GB fixed, national'],
  ['+44 7400 123456', 'GB mobile, international'],
  ['07400 123456', 'GB mobile, national'],
  ['+447400123456', 'GB mobile, E.164'],
  ['+44 (0)121 234 5678', 'GB fixed with (0)'],
  ['+44 20 7946 0958', 'GB Ofcom drama number'],
  ['020 7946 0958', 'GB Ofcom drama number, national'],
  ['+1 201-555-0123', 'US, international'],
  ['(201) 555-0123', 'US, national'],
  ['201-555-0123', 'US, dashes'],
  ['201.555.0123', 'US, dots'],
  ['1-201-555-0123', 'US, with 1'],
  ['+12015550123', 'US, E.164'],
  ['+1 506-234-5678', 'CA, international'],
  ['(506) 234-5678', 'CA, national'],
  ['+358 13 1234567', 'FI fixed, international'],
  ['013 1234567', 'FI fixed, national'],
  ['+358 41 2345678', 'FI mobile, international'],
  ['041 2345678', 'FI mobile, national'],
  ['+358412345678', 'FI mobile, E.164'],
  ['+358 40 1234567', 'FI mobile, international'],
  ['040 123 4567', 'FI mobile, national in groups'],
  ['040-1234567', 'FI mobile, dash'],
  ['00358 41 2345678', 'FI mobile, 00 prefix'],
  ['+358 (0)41 2345678', 'FI mobile with (0)'],
  ['09 4242 4242', 'FI Helsinki fixed'],
  ['040.123.4567', 'FI mobile, dots'],
  ['+46 8 12 34 56', 'SE fixed, international'],
  ['08-12 34 56', 'SE fixed, national'],
  ['+46 70 123 45 67', 'SE mobile, international'],
  ['070-123 45 67', 'SE mobile, national'],
  ['0701234567', 'SE mobile, compact'],
  ['0046 70 123 45 67', 'SE mobile, 00 prefix'],
  ['+46701234567', 'SE mobile, E.164'],
  ['031-123 45 67', 'SE Gothenburg fixed'],
  ['+47 21 23 45 67', 'NO fixed, international'],
  ['+47 406 12 345', 'NO mobile, international'],
  ['+4740612345', 'NO mobile, E.164'],
  ['+45 32 12 34 56', 'DK fixed, international'],
  ['+45 34 41 23 45', 'DK mobile, international'],
  ['+49 30 123456', 'DE fixed, international'],
  ['030 123456', 'DE fixed, national'],
  ['+49 1512 3456789', 'DE mobile, international'],
  ['01512 3456789', 'DE mobile, national'],
  ['+33 1 23 45 67 89', 'FR fixed, international'],
  ['01 23 45 67 89', 'FR fixed, national'],
  ['+33 6 12 34 56 78', 'FR mobile, international'],
  ['06 12 34 56 78', 'FR mobile, national'],
  ['+372 321 2345', 'EE fixed, international'],
  ['+372 5123 4567', 'EE mobile, international'],
  ['+31 10 123 4567', 'NL fixed, international'],
  ['010 123 4567', 'NL fixed, national'],
  ['+31 6 12345678', 'NL mobile, international'],
  ['06 12345678', 'NL mobile, national'],
  ['+39 02 1234 5678', 'IT fixed, international'],
  ['02 1234 5678', 'IT fixed, national'],
  ['+39 312 345 6789', 'IT mobile, international'],
  ['+34 810 12 34 56', 'ES fixed, international'],
  ['+34 612 34 56 78', 'ES mobile, international'],
  ['+48 12 345 67 89', 'PL fixed, international'],
  ['+48 512 345 678', 'PL mobile, international'],
  ['+41 21 234 56 78', 'CH fixed, international'],
  ['021 234 56 78', 'CH fixed, national'],
  ['078 123 45 67', 'CH mobile, national'],
  ['+43 1 234567890', 'AT fixed, international'],
  ['01 234567890', 'AT fixed, national'],
  ['+43 664 123456', 'AT mobile, international'],
  ['0664 123456', 'AT mobile, national'],
  ['+353 22 12345', 'IE fixed, international'],
  ['022 12345', 'IE fixed, national'],
  ['+353 85 012 3456', 'IE mobile, international'],
  ['085 012 3456', 'IE mobile, national'],
  ['+32 12 34 56 78', 'BE fixed, international'],
  ['012 34 56 78', 'BE fixed, national'],
  ['+32 470 12 34 56', 'BE mobile, international'],
  ['0470 12 34 56', 'BE mobile, national'],
  ['+354 410 1234', 'IS fixed, international'],
  ['+354 611 1234', 'IS mobile, international'],
  ['+370 312 34567', 'LT fixed, international'],
  ['+370 612 34567', 'LT mobile, international'],
  ['+371 63 123 456', 'LV fixed, international'],
  ['+371 21 234 567', 'LV mobile, international'],
  ['+61 2 1234 5678', 'AU fixed, international'],
  ['(02) 1234 5678', 'AU fixed, national'],
  ['+61 412 345 678', 'AU mobile, international'],
  ['0412 345 678', 'AU mobile, national'],
  ['+81 3-1234-5678', 'JP fixed, international'],
  ['03-1234-5678', 'JP fixed, national'],
  ['+81 90-1234-5678', 'JP mobile, international'],
  ['090-1234-5678', 'JP mobile, national'],
  ['+91 74104 10123', 'IN fixed, international'],
  ['+91 81234 56789', 'IN mobile, international'],
  ['081234 56789', 'IN mobile, national'],
  ['+55 11 2345-6789', 'BR fixed, international'],
  ['+55 11 96123-4567', 'BR mobile, international'],
  ['+86 10 1234 5678', 'CN fixed, international'],
  ['010 1234 5678', 'CN fixed, national'],
  ['+86 131 2345 6789', 'CN mobile, international'],
  ['+7 301 123-45-67', 'RU fixed, international'],
  ['+7 912 345-67-89', 'RU mobile, international'],
  ['+27 10 123 4567', 'ZA fixed, international'],
  ['071 123 4567', 'ZA mobile, national'],
  ['+64 3 234 5678', 'NZ fixed, international'],
  ['03 234 5678', 'NZ fixed, national'],
  ['+64 21 123 4567', 'NZ mobile, international'],
  ['021 123 4567', 'NZ mobile, national'],
  ['+82 2-212-3456', 'KR fixed, international'],
  ['02-212-3456', 'KR fixed, national'],
  ['+82 10-2000-0000', 'KR mobile, international'],
  ['010-2000-0000', 'KR mobile, national'],
  ['+972 2-123-4567', 'IL fixed, international'],
  ['02-123-4567', 'IL fixed, national'],
  ['+972 50-234-5678', 'IL mobile, international'],
  ['050-234-5678', 'IL mobile, national'],
  ['+90 212 345 67 89', 'TR fixed, international'],
  ['(0212) 345 67 89', 'TR fixed, national'],
  ['+90 501 234 56 78', 'TR mobile, international'],
  ['0501 234 56 78', 'TR mobile, national'],
  ['+65 6123 4567', 'SG fixed, international'],
  ['+65 8123 4567', 'SG mobile, international'],
  ['+351 212 345 678', 'PT fixed, international'],
  ['+351 912 345 678', 'PT mobile, international'],
  ['+30 21 2345 6789', 'GR fixed, international'],
  ['+30 691 234 5678', 'GR mobile, international'],
  ['+420 212 345 678', 'CZ fixed, international'],
  ['+420 601 123 456', 'CZ mobile, international'],
  ['+36 1 234 5678', 'HU fixed, international'],
  ['06 1 234 5678', 'HU fixed, national'],
  ['+36 20 123 4567', 'HU mobile, international'],
  ['06 20 123 4567', 'HU mobile, national'],
  ['+380 50 123 4567', 'UA mobile, international'],
  ['050 123 4567', 'UA mobile, national'],
  ['+52 222 123 4567', 'MX, international'],
];

/** Addresses from RFC 2606 domains and the usual test addresses, some with non-ASCII local parts. */
export const TEST_EMAILS: readonly (readonly [string, string])[] = [
  ['melissa@gmail.com', 'module README example'],
  ['test@example.com', 'RFC 2606 domain'],
  ['john.doe@example.org', 'RFC 2606 domain'],
  ['first.last+tiski@mail.example.co.uk', 'subaddress, deep domain'],
  ['matti.meikalainen@esimerkki.fi', 'Finnish placeholder name'],
  ['matti.meikäläinen@esimerkki.fi', 'non-ASCII local part'],
  ['anna.andersson@exempel.se', 'Swedish placeholder name'],
  ['åsa.öberg@företag.se', 'non-ASCII local part and domain'],
  ['o\'brien@example.ie', 'apostrophe in local part'],
  ['jussi_k@posti.fi', 'underscore'],
  ['user-name@sub.example.net', 'dash, subdomain'],
  ['support+ticket-4521@tiski.io', 'plus tag with digits'],
  ['0401234567@sms.example.com', 'phone number as local part'],
  ['Erik.Svensson@Example.SE', 'mixed case'],
  ['no.reply@example.com', 'dotted'],
  ['info@kauppa.example', 'RFC 2606 TLD'],
  ['asiakaspalvelu@yritys.fi', 'Finnish role address'],
  ['kundtjanst@foretaget.se', 'Swedish role address'],
  ['x1@example.com', 'two-character local part'],
  ['a.b.c.d@e-mail.example.com', 'many dots'],
  ['pääkäyttäjä@esimerkki.fi', 'all non-ASCII local part'],
  ['jane_doe99@example.travel', 'long TLD'],
];

const random = seededRandom(0x5eed_2024);

const ssnValues = Array.from({ length: 16 }, (_, index) => {
  const separator = index % 2 === 0 ? '-' : ' ';
  return [usSsn(random, separator), `generated US SSN, ${separator === '-' ? 'dashes' : 'spaces'}`] as const;
});

const PERSONNUMMER_FORMS: readonly PersonnummerForm[] = ['YYMMDD-NNNC', 'YYYYMMDD-NNNC', 'YYMMDDNNNC', 'YYYYMMDDNNNC'];

const personnummerValues: (readonly [string, string])[] = [
  ...Array.from({ length: 20 }, (_, index) => {
    const form = PERSONNUMMER_FORMS[index % PERSONNUMMER_FORMS.length] ?? 'YYMMDD-NNNC';
    const date = randomDate(random, 1930, 2020);
    return [personnummer(date, random.int(0, 999), form), `generated personnummer, ${form}`] as const;
  }),
  // Centenarians write "+" in the ten-digit form.
  ...Array.from({ length: 3 }, () => {
    const date = randomDate(random, 1905, 1924);
    return [personnummer(date, random.int(0, 999), 'YYMMDD-NNNC'), 'generated personnummer, over 100, "+"'] as const;
  }),
];

const samordningsnummerValues = Array.from({ length: 10 }, (_, index) => {
  const form = PERSONNUMMER_FORMS[index % PERSONNUMMER_FORMS.length] ?? 'YYMMDD-NNNC';
  const date = randomDate(random, 1940, 2005);
  return [personnummer(date, random.int(0, 999), form, true), `generated samordningsnummer, ${form}`] as const;
});

const henkilotunnusValues = Object.keys(CENTURY_SIGNS).flatMap((sign) =>
  Array.from({ length: 3 }, () => [henkilotunnus(random, sign), `generated henkilötunnus, century sign ${sign}`] as const),
);

export const PII_SAMPLES: readonly PiiSample[] = [
  ...inSentences('card', cardValues),
  ...inSentences('iban', ibanValues),
  ...inSentences('phone', EXAMPLE_PHONES),
  ...inSentences('email', TEST_EMAILS),
  ...inSentences('national-id', ssnValues, 0, SSN_TEMPLATES),
  ...inSentences('national-id', personnummerValues, 2),
  ...inSentences('national-id', samordningsnummerValues, 0, SAMORDNINGSNUMMER_TEMPLATES),
  ...inSentences('national-id', henkilotunnusValues, 1),
];
