import { z } from 'zod';
import { verifyJwt } from './jwt.js';

/**
 * What the host site's backend may sign about a customer (W6). `name`, `email` and `phone` are
 * shown under those labels; `attributes` holds anything else, e.g. a customer number.
 */
export const IdentityClaims = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(80).optional(),
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
  attributes: z.record(z.string().max(40), z.string().max(200)).optional(),
  exp: z.number().int(),
  iat: z.number().int().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});
export type IdentityClaims = z.infer<typeof IdentityClaims>;

export type IdentityResult =
  | { ok: true; attributes: Record<string, string> }
  | { ok: false; code: 'identity-invalid' | 'identity-expired' | 'identity-unsupported'; message: string };

const attributeLimit = 20;

/** Verifies a customer's identity token and flattens its claims into the attributes agents see with a lock. */
export function verifyIdentity(token: string, secret: string | undefined, nowSeconds: number): IdentityResult {
  if (!secret) return { ok: false, code: 'identity-unsupported', message: 'this relay has no identity secret: the customer stays unverified' };
  const verified = verifyJwt(token, secret, nowSeconds, IdentityClaims);
  if (!verified.ok) {
    const code = verified.code === 'token-expired' ? 'identity-expired' : 'identity-invalid';
    return { ok: false, code, message: `the identity token was refused (${verified.message}); the customer stays unverified` };
  }
  const { sub, name, email, phone, attributes = {} } = verified.claims;
  const flat: Record<string, string> = { id: sub };
  if (name) flat.name = name;
  if (email) flat.email = email;
  if (phone) flat.phone = phone;
  for (const [key, value] of Object.entries(attributes).slice(0, attributeLimit)) if (!(key in flat)) flat[key] = value;
  return { ok: true, attributes: flat };
}
