import { randomBytes } from 'node:crypto';
import type { DomainServices } from '../domain/services.js';
import { signFileGrant } from './file-access.js';
import { verifyIdentity } from './identity.js';

/** How long a file token lasts; clients ask again after a reconnect or when it nears its end. */
export const fileGrantMs = 60 * 60 * 1000;

export interface RelaySecrets {
  identitySecret?: string;
  /** Signs file tokens; random per process unless given. */
  fileSecret?: string;
}

export function relayServices(secrets: RelaySecrets = {}): DomainServices & { fileSecret: string } {
  const fileSecret = secrets.fileSecret ?? randomBytes(32).toString('hex');
  return {
    fileSecret,
    verifyIdentity: (token, now) => verifyIdentity(token, secrets.identitySecret, Math.floor(now / 1000)),
    grantFileAccess(conversation, participant, now) {
      const expiresAt = now + fileGrantMs;
      return { token: signFileGrant({ conversation, participant, expiresAt }, fileSecret), expiresAt };
    },
  };
}
