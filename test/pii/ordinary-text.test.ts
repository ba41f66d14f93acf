import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findPii, maskPii } from '../../components/pii/index.js';

/** Messages full of numbers that are not personal data: none of them may change. */
const ORDINARY_SENTENCES = [
  // English
  'Your order 123456 ships on 2024-05-01.',
  'Invoice #2024-00123 is due on 01.05.2024.',
  'The meeting is at 12:30 on 1.5.2024.',
  'It costs $12.99, or 1 299,00 € for the bundle.',
  'Please update to version 1.2.3 or 10.4.12.',
  'Our London office is at SW1A 1AA.',
  'I ordered 3 items, 2 of them arrived, 150 g each.',
  'Pay with the reference RF18 5390 0754 7034.',
  'Ticket 4521 was closed after 45 minutes.',
  'Tracking number 123456789012 shows it in transit.',
  'We have 1 000 000 customers and 250 000 orders a year.',
  'The total is 1 234,56 € including VAT 24 %.',
  'Dates like 01-05-2024, 31/12/2023 and 01 05 2024 are not phone numbers.',
  'Order 00012345 and serial 0000123456 were mixed up.',
  'The router is at 192.168.0.1 and the office at 60.1699, 24.9384.',
  'The card ending 4111 1111 1111 1112 was declined.',
  'The score was 3-2, we are open 9-17 and the room is B-204.',
  // Finnish
  'Tilauksesi 123456 lähtee 2024-05-01.',
  'Lasku #2024-00123 erääntyy 01.05.2024.',
  'Tapaaminen on klo 12.30 tiistaina 1.5.2024.',
  'Hinta on 1 299,00 € ja toimitus 9,90 €.',
  'Postinumero 00100 Helsinki, toinen osoite FI-00100 Helsinki.',
  'Viitenumero RF18 5390 0754 7034, eräpäivä 15.6.2024.',
  'Päivitä versioon 2.14.0, se korjaa virheen 4567.',
  'Paketissa on 12 kpl ja se painaa 2,5 kg.',
  'Y-tunnus 1572860-0, aukiolo klo 09.30–17.00.',
  // Swedish
  'Din beställning 123456 skickas 2024-05-01.',
  'Faktura #2024-00123 förfaller 01.05.2024.',
  'Postnummer 114 55 Stockholm, leverans kl. 12:30.',
  'Priset är 1 299,00 kr eller 99 kr i månaden.',
  'Version 3.0.1 släpptes den 2023-12-24.',
  'Vi har 25 000 kunder och 3 butiker.',
  'Ordernummer 987654 och kundnummer 55501.',
  'Organisationsnummer 556036-0793 står på fakturan.',
  'Personnumret 811228-9875 har fel kontrollsiffra.',
];

describe('ordinary numbers', () => {
  it(`leaves all ${ORDINARY_SENTENCES.length} sentences unchanged`, () => {
    for (const sentence of ORDINARY_SENTENCES) {
      assert.deepEqual(findPii(sentence), [], sentence);
      assert.equal(maskPii(sentence), sentence);
    }
  });

  it('leaves text without numbers or addresses unchanged', () => {
    for (const text of ['', 'Hei!', 'Is 12 more items in stock at the Helsinki store today?', 'Tack så mycket 😊']) {
      assert.equal(maskPii(text), text);
    }
  });
});
