import { randomBytes } from 'node:crypto';
import type { DomainServices } from '../domain/services.js';
import { signFileGrant } from './file-access.js';
import { IdentityTokenLedger, verifyIdentity } from './identity.js';

/** How long a file token lasts; clients ask again after a reconnect or when it nears its end. */
export const fileGrantMs = 60 * 60 * 1000;

export interface RelaySecrets {
  identitySecret?: string;
  /** The `aud` agent and identity tokens must name, when set. */
  audience?: string;
  /** Signs file tokens; random per process unless given. */
  fileSecret?: string;
}

export interface RelayServices extends DomainServices {
  fileSecret: string;
  /** Which customer used each identity token: saved and restored across a planned restart. */
  identityTokens: IdentityTokenLedger;
}

export function relayServices(secrets: RelaySecrets = {}): RelayServices {
  const fileSecret = secrets.fileSecret ?? randomBytes(32).toString('hex');
  const ledger = new IdentityTokenLedger();
  return {
    fileSecret,
    identityTokens: ledger,
    verifyIdentity(token, customer, now) {
      const verified = verifyIdentity(token, secrets.identitySecret, Math.floor(now / 1000), secrets.audience);
      if (verified.ok && !ledger.claim(verified.tokenId, customer, verified.expiresAt, now)) {
        return { ok: false, code: 'identity-replayed', message: 'this identity token was already used by another customer; the customer stays unverified' };
      }
      return verified;
    },
    grantFileAccess(conversation, participant, now) {
      const expiresAt = now + fileGrantMs;
      return { token: signFileGrant({ conversation, participant, expiresAt }, fileSecret), expiresAt };
    },
  };
}
