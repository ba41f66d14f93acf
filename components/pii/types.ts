export type PiiKind = 'phone' | 'email' | 'card' | 'iban' | 'national-id';

export interface PiiOptions {
  /** Kinds to report and mask; all kinds when left out. */
  kinds?: readonly PiiKind[];
}

/** A span of the input, `start` inclusive and `end` exclusive, in UTF-16 code units. */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}
