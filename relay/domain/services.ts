import type { IdentityResult } from '../auth/identity.js';

/** Work the rules need from outside, kept behind functions so the domain stays free of secrets and I/O. */
export interface DomainServices {
  /** Verifies a customer's signed identity (W6). */
  /** Checks the customer's identity token; a token another customer used already is refused. */
  verifyIdentity(token: string, customer: string, now: number): IdentityResult;
  /** A token letting `participant` reach the files of `conversation` until `expiresAt` (C7). */
  grantFileAccess(conversation: string, participant: string, now: number): { token: string; expiresAt: number };
}
