/**
 * Check-digit algorithms written from their specifications, independently of
 * components/pii, so that the corpus does not take the module's word for what is valid.
 */

/** Luhn (ISO/IEC 7812-1): payment cards, Swedish personnummer. */
export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const fromRight = digits.length - 1 - i;
    let digit = Number(digits[i]);
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10;
}

export const luhnOk = (digits: string): boolean => /^\d+$/.test(digits) && luhnSum(digits) === 0;

/** The digit that, appended to `payload`, makes it Luhn-valid. */
export function luhnCheckDigit(payload: string): string {
  return String((10 - luhnSum(`${payload}0`)) % 10);
}

/** ISO 7064 MOD 97-10 remainder of a string of digits and letters (A = 10 … Z = 35), using BigInt. */
export function mod97(value: string): number {
  const numeric = value
    .toUpperCase()
    .split('')
    .map((character) => (/[A-Z]/.test(character) ? String(character.charCodeAt(0) - 55) : character))
    .join('');
  return Number(BigInt(numeric) % 97n);
}

/** IBAN check (ISO 13616): move the first four characters to the end, the remainder must be 1. */
export const ibanChecksumOk = (iban: string): boolean => mod97(iban.slice(4) + iban.slice(0, 4)) === 1;

/** RF creditor reference (ISO 11649) for `reference`: RF, two check digits, the reference. */
export function creditorReference(reference: string): string {
  const check = 98 - mod97(`${reference}RF00`);
  return `RF${String(check).padStart(2, '0')}${reference}`;
}

/** Finnish domestic bank reference (viitenumero): weights 7, 3, 1 from the right. */
export function viitenumero(base: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * (weights[i % 3] ?? 0);
  return base + String((10 - (sum % 10)) % 10);
}

/** Finnish henkilötunnus check character: DDMMYYNNN mod 31. */
export function henkilotunnusCheck(dateDigits: string, individualNumber: string): string {
  return '0123456789ABCDEFHJKLMNPRSTUVWXY'.charAt(Number(dateDigits + individualNumber) % 31);
}
