/**
 * The masks documented in components/pii/README.md, written out again for the corpus tests
 * rather than taken from the module:
 * - phone, national-id: white space dropped, every other character but the last four letters
 *   or digits becomes `*`;
 * - card, iban: all separators dropped, all but the last four characters become `*`;
 * - email: the first character of the local part and the whole domain stay, every other
 *   character (counted in code points) of the local part becomes `*`.
 */
import type { PiiKind } from '../../../components/pii/index.js';

const lastFour = (value: string): string => value.replace(/[^\p{L}\p{N}]/gu, '').slice(-4);

export function expectedMask(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'email': {
      const at = value.lastIndexOf('@');
      const [first = '', ...rest] = Array.from(value.slice(0, at));
      return first + '*'.repeat(rest.length) + value.slice(at);
    }
    case 'card':
    case 'iban': {
      const compact = value.replace(/[^\p{L}\p{N}]/gu, '');
      return '*'.repeat(compact.length - 4) + lastFour(value);
    }
    case 'phone':
    case 'national-id': {
      const withoutSpaces = value.replace(/[\s\u00A0\u202F]/gu, '');
      return '*'.repeat(withoutSpaces.length - 4) + lastFour(value);
    }
  }
}
