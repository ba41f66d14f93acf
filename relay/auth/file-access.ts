import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Capabilities for a conversation's files (C7): `<conversation>.<participant>.<expiry>.<mac>`,
 * all base64url. The relay checks the MAC, the expiry, and that the participant still belongs to
 * the conversation on every request: a token alone is never enough.
 */
export interface FileGrant {
  conversation: string;
  participant: string;
  expiresAt: number;
}

const encode = (text: string) => Buffer.from(text).toString('base64url');
const decode = (text: string) => Buffer.from(text, 'base64url').toString('utf8');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(`files:${body}`).digest();

export function signFileGrant(grant: FileGrant, secret: string): string {
  const body = `${encode(grant.conversation)}.${encode(grant.participant)}.${grant.expiresAt.toString(36)}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export function readFileGrant(token: string, secret: string, now: number): FileGrant | undefined {
  const parts = token.split('.');
  if (parts.length !== 4) return undefined;
  const [conversation, participant, expiry, signature] = parts as [string, string, string, string];
  const body = `${conversation}.${participant}.${expiry}`;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  // Re-encoding refuses the other spellings of one signature that base64 decoding tolerates.
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || given.toString('base64url') !== signature) return undefined;
  const expiresAt = parseInt(expiry, 36);
  if (!Number.isFinite(expiresAt) || expiresAt <= now) return undefined;
  return { conversation: decode(conversation), participant: decode(participant), expiresAt };
}
