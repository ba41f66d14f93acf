export type { PiiKind, PiiMatch, PiiOptions } from './types.js';
export { findPii, maskPii } from './mask.js';
