/**
 * Chat sentences full of numbers that are not personal data: dates, times, prices, order and
 * case numbers, postal codes, versions, quantities, addresses, payment references, product
 * codes, measurements, flights and licence plates. None of them may be masked.
 */
import { creditorReference, viitenumero } from './checksums.js';
import type { Language } from './pii-samples.js';
import { seededRandom } from './prng.js';

export const ORDINARY_EN: readonly string[] = [
  'Your order 123456 ships on 2024-05-01.',
  'Order #A-99812 was delivered on Tuesday, 14 May 2024.',
  'The invoice INV-2024-0042 for $1,299.99 is due on 05/31/2024.',
  'I was charged £15.50 instead of £12.00 on 3 March.',
  'Ticket 4521 was opened at 09:15 and closed at 17:45.',
  'Case number 20240517-0031 is still open after 3 days.',
  'Please ship 2 boxes of 12 bottles to 221B Baker Street, London NW1 6XE.',
  'Our office is at 1600 Amphitheatre Parkway, Mountain View, CA 94043.',
  'Send it to 350 Fifth Avenue, New York, NY 10118.',
  'The full ZIP+4 code is 90210-1234 for that address.',
  'The package weighs 2.5 kg and measures 40 x 30 x 15 cm.',
  'Flight AY 1073 leaves at 18:05 from gate 23.',
  'My flight BA2491 was delayed by 45 minutes.',
  'The discount is 15% off orders over $50.',
  'Prices went up 3.5 % in 2023 and 2.1 % in 2024.',
  'The app version is 4.12.1 (build 20240501).',
  'Updating from 10.4.12 to 10.5.0 fixes the crash.',
  'Serial number SN-2024-884512 is printed on the back.',
  'The SKU is 100-200-300 and the model is XR-500.',
  'The licence plate was ABC-123, a grey Volvo.',
  'A UK plate like AB12 CDE was registered in 2012.',
  'Room 1204 on the 12th floor, building B.',
  'We are open Monday–Friday 9–17 and Saturday 10–14.',
  'The event runs from 1 to 3 June 2024.',
  'Between 2019 and 2023 we shipped 1,250,000 parcels.',
  'The total is $2,349.00 including $349.00 shipping.',
  'Your refund of €89.90 will arrive in 5–7 business days.',
  'The meeting is on 2024-06-12 at 14:30 UTC.',
  'The log says 2024-05-01T12:30:00Z for that request.',
  'The promo code SUMMER24 gives 20 % off until 31.8.',
  'Item 3 of 12 is missing from order 77801.',
  'The battery is 5000 mAh and the charger 65 W.',
  'Screen size 27 inches, 2560 x 1440 pixels, 144 Hz.',
  'I live at 42 Wallaby Way, Sydney NSW 2000.',
  'It is about 120 km from Helsinki to Lahti.',
  'The temperature was -15 °C this morning.',
  'Use coupon 2024-SPRING-15 at checkout.',
  'The tracking number 1Z999AA10123456784 shows it in Memphis.',
  'Your parcel 123456789012 is out for delivery.',
  'Delivery window: 08:00–12:00 tomorrow.',
  'The warranty is 24 months from 15/01/2023.',
  'We received 3 payments: 10.00, 20.50 and 100.00 EUR.',
  'Order total 1.234,56 EUR, paid on 28.02.2024.',
  'Call volume dropped 12.5% between Q1 and Q2 2024.',
  'Version 2.0.0-beta.3 is out.',
  'Size 42, colour 0045 black, article 1234567.',
  'Bus 550 leaves every 10 minutes.',
  'My appointment is at 10.30 on 3.6.',
  'The budget for 2025 is 45 000 – 50 000 EUR.',
  'The penalty interest is 11.5 % per year.',
  'I bought 4 x 250 g packs for $3.99 each.',
  'Page 12 of 48, paragraph 3.2.1.',
  'Latitude 60.1699, longitude 24.9384.',
  'The ISBN is 978-0-306-40615-7.',
  'Your letter of 2 May has reference 2024/05/123.',
  'From 01/06/2024 to 30/06/2024 the shop is closed.',
  'Orders placed before 12:00 ship the same day.',
  'The desk is 160 × 80 cm and holds 50 kg.',
  'The account ending in 1234 was charged twice.',
  'The pallet contains 48 cartons of 24 cans.',
  'You are customer number 1002003 in our system.',
  'Your case ID is CS-000123, please keep it.',
  'Model year 2019, mileage 85 000 km.',
  'The 2 for 1 offer ends on 30 September.',
  'Postal code 10115 Berlin, Germany.',
  'Seats 14A and 14B on flight SK 1415.',
  'I wear size 38 and ordered two pairs.',
  'Please read section 4.3 of the terms dated 1.1.2024.',
  'The price dropped from $199 to $149 on Black Friday.',
  'The London office moved to EC1A 1BB, the Manchester one is at M1 1AE.',
  'Our Birmingham depot is B33 8TH and the Croydon one CR2 6XH.',
  'Return it to SE17 1JL, our warehouse in Walworth.',
  'The Boston store is at 100 Main Street, MA 02134.',
  'On 12 March 2024 at 3:45 pm the order was cancelled.',
  'The sale runs from March 1st to March 15th, 2024.',
  'Tickets cost 25 USD for adults and 12.50 USD for kids.',
  'That was ticket 88231, opened 2 weeks ago.',
  'Order 2024-000981 contains 6 items worth $412.',
  'The conference is 11–13 September 2024 in Stockholm.',
];

export const ORDINARY_FI: readonly string[] = [
  'Tilaukseni 123456 piti tulla 3.5.2024, mutta ei ole vielä tullut.',
  'Lasku nro 20241234 erääntyy 15.6.2024.',
  'Maksoin 49,90 € eilen klo 14.32.',
  'Hinta oli 1 299,00 € ja toimitus 9,90 €.',
  'Osoite on Mannerheimintie 12 B 34, 00100 Helsinki.',
  'Postinumero 33100 Tampere ja katuosoite Hämeenkatu 5.',
  'Toimitusosoite: Aleksanterinkatu 52, 00100 Helsinki.',
  'Asun osoitteessa Kauppakatu 7 A 3, 40100 Jyväskylä.',
  'Tilausnumero 1000234567 näkyy sähköpostissa.',
  'Ostin 3 kpl hintaan 4,95 € / kpl.',
  'Alennus on 20 % kaikista tuotteista 31.12. asti.',
  'Tapaaminen on tiistaina 14.5. klo 10.00–11.30.',
  'Paketti painaa 2,5 kg ja sen mitat ovat 40 x 30 x 15 cm.',
  'Lento AY 1073 lähtee klo 18.05 portilta 23.',
  'Rekisterinumero on ABC-123, harmaa Volvo.',
  'Sovelluksen versio on 4.12.1, päivitin sen eilen.',
  'Tukipyyntö #45821 on avattu 2.5.2024.',
  'Asiakasnumeroni on 500123 ja sopimusnumero 77-8899.',
  'Y-tunnus 1572860-0 löytyy laskusta.',
  'Puhelun kesto oli 12 min 30 s.',
  'Lämpötila oli -15 °C aamulla.',
  'Tarjous on voimassa 1.–15.6.2024.',
  'Vuosina 2019–2023 toimitimme 1 250 000 pakettia.',
  'Kokonaissumma 2 349,00 € sisältää arvonlisäveron 25,5 %.',
  'Seuraava juna lähtee klo 7.42 raiteelta 5.',
  'Huone 1204, 12. kerros, B-rappu.',
  'Aukioloajat ma–pe 9–17, la 10–14.',
  'Koko 42, väri 0045 musta, tuotenumero 1234567.',
  'Takuu on 24 kk ostopäivästä 15.1.2023.',
  'Tilauksessa oli 12 tuotetta, joista 2 puuttui.',
  'Eräpäivä on 28.2.2025 ja summa 149,00 €.',
  'Vesimittarin lukema on 1234,5 m³.',
  'Sähkösopimus 0,0899 €/kWh, perusmaksu 3,90 €/kk.',
  'Bussi 550 kulkee 10 minuutin välein.',
  'Tilasin 4 x 250 g pakettia hintaan 3,99 € kappale.',
  'Asiakirjan sivu 12/48, kohta 3.2.1.',
  'Koordinaatit ovat 60.1699, 24.9384.',
  'Juna IC 27 lähtee 17.12 Helsingistä.',
  'Auton vuosimalli 2019, ajettu 85 000 km.',
  'Kengän koko 38, tilasin kaksi paria.',
  'Näyttö on 27 tuumaa, 2560 x 1440, 144 Hz.',
  'Laskun numero on 100234 ja viite 1232.',
  'Tilaus tehtiin 01.05.2024 klo 23.59.',
  'Palautus pitää tehdä 14 vrk:n kuluessa.',
  'Kampanjakoodi KEVÄT24 antaa 15 % alennuksen.',
  'Korko on 4,5 % + marginaali 0,75 %.',
  'Lainan määrä 150 000 €, laina-aika 25 vuotta.',
  'Toimitus kestää 3–5 arkipäivää.',
  'Sain 2 kpl väärää tuotetta, tilausnumero 884512.',
  'Paketin seurantakoodi on JJFI64310810000012345.',
  'Kuljettaja saapuu välillä 8–12.',
  'Laturin teho on 65 W ja akku 5000 mAh.',
  'Tapaus 2024-0042 on vielä käsittelyssä.',
  'Palvelupyyntö SR-000123 suljettiin 3.6.2024.',
  'Vuokra on 950 €/kk ja vakuus 1 900 €.',
  'Syntymävuoteni on 1985, ei muuta.',
  'Matka Helsingistä Turkuun on 165 km.',
  'Versio 2.0.0-beta.3 kaatuu käynnistyksessä.',
  'Postilokero PL 123, 00101 Helsinki.',
  'Lippu 3/2024, kausikortti 30 pv.',
  'Saldo on 1.234,56 € ja luottoraja 2 000 €.',
  'Soitin 3 kertaa, klo 9.00, 9.30 ja 10.15.',
  'Tuote maksoi 19,95 e ja toimitus 5 e.',
  'Laskussa oli summa 87,40 € ja eräpäivä 10.7.',
  'Tarvitsen 2 m kaapelia ja 4 liitintä.',
  'Kerrostalon osoite on Hämeentie 101 A 12.',
  'Viikko 23 on kiireinen, viikolla 24 on lomaa.',
  'Kello oli 23.45 kun tilaus meni läpi.',
  'Tilauksen 555123 toimitusaika on 2–3 viikkoa.',
  'Postinumero FI-00100 Helsinki, vaihtoehtoisesti 96100 Rovaniemi.',
  'Päivämäärä 2024-05-01 tai 1.5.2024 tai 1/5/2024, kaikki käyvät.',
  'Tilasin 12.3.2024 ja paketti tuli 19.3.2024.',
  'Lennon AY 5411 koneen rekisteri on OH-LWA.',
  'Maksoin tilauksen 2 kertaan, 2 × 59,90 €.',
  'Kokous 5.–7.11.2024 Tampereella, osallistujia 120.',
];

export const ORDINARY_SV: readonly string[] = [
  'Min beställning 123456 skulle komma den 3 maj 2024.',
  'Fakturan 20241234 förfaller 2024-06-15.',
  'Jag betalade 499 kr igår kl. 14:32.',
  'Priset var 1 299,00 kr och frakten 49 kr.',
  'Adressen är Drottninggatan 12, 111 51 Stockholm.',
  'Postnummer 411 05 Göteborg, Kungsgatan 5.',
  'Leveransadress: Storgatan 1 A, 752 20 Uppsala.',
  'Ordernummer 1000234567 står i mejlet.',
  'OCR-nummer 12345678903 står på inbetalningskortet.',
  'Bankgiro 5050-1055 och plusgiro 4 78 98-6.',
  'Jag köpte 3 st för 49,95 kr styck.',
  'Rabatten är 20 % på allt till och med 31/12.',
  'Mötet är på tisdag 14/5 kl. 10.00–11.30.',
  'Paketet väger 2,5 kg och mäter 40 x 30 x 15 cm.',
  'Flyg SK 1415 avgår 18:05 från gate 23.',
  'Registreringsnumret är ABC 123, en grå Volvo.',
  'Appversionen är 4.12.1, jag uppdaterade igår.',
  'Ärende #45821 öppnades 2024-05-02.',
  'Kundnummer 500123 och avtalsnummer 77-8899.',
  'Organisationsnummer 556036-0793 finns på fakturan.',
  'Samtalet varade 12 min 30 s.',
  'Det var -15 °C i morse.',
  'Erbjudandet gäller 1–15 juni 2024.',
  'Mellan 2019 och 2023 skickade vi 1 250 000 paket.',
  'Totalt 2 349,00 kr inklusive moms 25 %.',
  'Nästa tåg går 07:42 från spår 5.',
  'Rum 1204 på plan 12, hus B.',
  'Öppettider mån–fre 9–17, lör 10–14.',
  'Storlek 42, färg 0045 svart, artikel 1234567.',
  'Garantin är 24 månader från 2023-01-15.',
  'Beställningen hade 12 varor, 2 saknades.',
  'Förfallodag 2025-02-28, belopp 1 490 kr.',
  'Elavtal 89,9 öre/kWh och fast avgift 39 kr/mån.',
  'Buss 550 går var tionde minut.',
  'Jag beställde 4 x 250 g för 39,90 kr styck.',
  'Sidan 12 av 48, avsnitt 3.2.1.',
  'Koordinaterna är 59.3293, 18.0686.',
  'Tåg 527 mot Göteborg avgår 17.12.',
  'Årsmodell 2019, mätarställning 8 500 mil.',
  'Skostorlek 38, jag beställde två par.',
  'Skärmen är 27 tum, 2560 x 1440, 144 Hz.',
  'Fakturanummer 100234 och OCR 1232.',
  'Beställningen gjordes 2024-05-01 kl. 23:59.',
  'Returen måste ske inom 14 dagar.',
  'Rabattkoden VÅR24 ger 15 % rabatt.',
  'Räntan är 4,5 % plus 0,75 % påslag.',
  'Lånet är 1 500 000 kr på 25 år.',
  'Leveransen tar 3–5 arbetsdagar.',
  'Jag fick 2 st fel vara, ordernummer 884512.',
  'Sändnings-ID 1234567890 hos PostNord.',
  'Budet kommer mellan 8 och 12.',
  'Laddaren är 65 W och batteriet 5000 mAh.',
  'Ärende 2024-0042 handläggs fortfarande.',
  'Hyran är 9 500 kr/mån och depositionen 19 000 kr.',
  'Jag är född 1985, inget mer.',
  'Sträckan Stockholm–Göteborg är 470 km.',
  'Version 2.0.0-beta.3 kraschar vid start.',
  'Box 123, 101 23 Stockholm.',
  'Saldot är 1 234,56 kr och kreditgränsen 20 000 kr.',
  'Jag ringde 3 gånger, kl. 9.00, 9.30 och 10.15.',
  'Varan kostade 199:- och frakten 49:-.',
  'Fakturan var på 874 kr med förfallodag 10/7.',
  'Jag behöver 2 m kabel och 4 kontakter.',
  'Vecka 23 är hektisk, vecka 24 har vi semester.',
  'Klockan var 23.45 när ordern gick igenom.',
  'Leveranstiden för order 555123 är 2–3 veckor.',
  'Lägenhet 1102, Sveavägen 44, 113 59 Stockholm.',
  'Momsregistreringsnummer SE556036079301 står på kvittot.',
  'Köp 3 betala för 2 gäller t.o.m. 30/9.',
  'Temperaturen i frysen ska vara -18 °C.',
  'Mitt medlemsnummer är 7001234 sedan 2015.',
  'Paketet skickades 2024-05-01 och kom 2024-05-03.',
  'Priset är 12 500 SEK exkl. moms.',
  'Postnummer SE-111 51 Stockholm står på etiketten.',
  'Mötet 5–7 november 2024 i Malmö har 120 deltagare.',
];

const random = seededRandom(0xf1_5e);

/** A random digit string of `length` that does not start with 0. */
const digits = (length: number): string =>
  String(random.int(1, 9)) + Array.from({ length: length - 1 }, () => String(random.int(0, 9))).join('');

/** Groups of five from the right, as Finnish reference numbers are printed. */
const groupsOfFiveFromRight = (value: string): string => {
  const groups: string[] = [];
  for (let end = value.length; end > 0; end -= 5) groups.unshift(value.slice(Math.max(0, end - 5), end));
  return groups.join(' ');
};

/** Finnish reference numbers (viitenumero), 4 to 20 digits with the 7-3-1 check digit. */
export const VIITENUMEROT: readonly string[] = Array.from({ length: 14 }, (_, index) => {
  const reference = viitenumero(digits(3 + index));
  return reference.length > 10 ? groupsOfFiveFromRight(reference) : reference;
});

/** RF creditor references (ISO 11649) in print format, groups of four. */
export const CREDITOR_REFERENCES: readonly string[] = Array.from({ length: 12 }, (_, index) => {
  const reference = index % 3 === 2 ? `${digits(4)}X${digits(5)}` : digits(4 + index);
  return creditorReference(reference).replace(/(.{4})(?=.)/g, '$1 ');
});

const REFERENCE_TEMPLATES: Readonly<Record<Language, readonly string[]>> = {
  en: ['Please use the reference {} when you pay.', 'Reference {} is on the invoice.'],
  fi: ['Maksa viitenumerolla {} eräpäivään mennessä.', 'Viite {} löytyy laskun alareunasta.'],
  sv: ['Ange referensen {} när du betalar.', 'Referensnummer {} står på fakturan.'],
};

const LANGUAGES: readonly Language[] = ['en', 'fi', 'sv'];

function referenceSentences(references: readonly string[]): [Language, string][] {
  return references.map((reference, index) => {
    const language = LANGUAGES[index % LANGUAGES.length] ?? 'en';
    const templates = REFERENCE_TEMPLATES[language];
    const template = templates[Math.floor(index / LANGUAGES.length) % templates.length] ?? '{}';
    return [language, template.replace('{}', reference)];
  });
}

export const ORDINARY_SENTENCES: readonly (readonly [Language, string])[] = [
  ...ORDINARY_EN.map((sentence) => ['en', sentence] as const),
  ...ORDINARY_FI.map((sentence) => ['fi', sentence] as const),
  ...ORDINARY_SV.map((sentence) => ['sv', sentence] as const),
  ...referenceSentences(VIITENUMEROT),
  ...referenceSentences(CREDITOR_REFERENCES),
];
