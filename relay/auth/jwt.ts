import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { QueueId } from '../../protocol/index.js';

/** The claims Tiski reads from an agent or operator token. `queues: ['*']` allows every queue. */
export const AgentClaims = z.object({
  sub: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  roles: z.array(z.enum(['agent', 'operator'])).default(['agent']),
  queues: z.array(z.union([QueueId, z.literal('*')])).default([]),
  /** Conversations at once for this agent, overriding the queues' setting. */
  maxConversations: z.number().int().min(1).max(50).optional(),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});
export type AgentClaims = z.infer<typeof AgentClaims>;

export type VerifyResult =
  | { ok: true; claims: AgentClaims }
  | { ok: false; code: 'token-invalid' | 'token-expired'; message: string };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signToken(claims: Omit<AgentClaims, 'exp'> & { exp?: number }, secret: string, nowSeconds: number): string {
  return signJwt({ iat: nowSeconds, exp: nowSeconds + 8 * 3600, ...claims }, secret);
}

export type JwtResult<T> = { ok: true; claims: T } | { ok: false; code: 'token-invalid' | 'token-expired'; message: string };

/**
 * Checks an HS256 JWT's form, signature, claims (against `schema`), expiry and, when the relay
 * names an `audience`, that the token was made for it.
 */
export function verifyJwt<T extends { exp: number; aud?: string | string[] | undefined }>(
  token: string,
  secret: string,
  nowSeconds: number,
  schema: z.ZodType<T>,
  audience?: string,
): JwtResult<T> {
  const invalid = (message: string): JwtResult<T> => ({ ok: false, code: 'token-invalid', message });
  const [head, body, signature, ...rest] = token.split('.');
  if (!head || !body || !signature || rest.length) return invalid('the token is not a JWT');
  let alg: unknown;
  try {
    alg = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')).alg;
  } catch {
    return invalid('the token header is not JSON');
  }
  if (alg !== 'HS256') return invalid('only HS256 tokens are accepted');
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid('the token signature is wrong');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return invalid('the token payload is not JSON');
  }
  const claims = schema.safeParse(json);
  if (!claims.success) return invalid(`the token claims are incomplete: ${claims.error.issues[0]?.path.join('.')}`);
  if (claims.data.exp <= nowSeconds) return { ok: false, code: 'token-expired', message: 'the token has expired' };
  if (audience !== undefined && ![claims.data.aud ?? []].flat().includes(audience)) return invalid(`the token is not for the audience "${audience}"`);
  return { ok: true, claims: claims.data };
}

export function verifyToken(token: string, secret: string, nowSeconds: number, audience?: string): VerifyResult {
  return verifyJwt(token, secret, nowSeconds, AgentClaims, audience);
}

/** Signs any claims as an HS256 JWT; tests and the host-site examples sign identities with it. */
export function signJwt(claims: object, secret: string): string {
  const payload = `${header}.${base64url(JSON.stringify(claims))}`;
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}
