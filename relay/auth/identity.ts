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
  /** The token's own id: one customer uses it, a copy in another customer's hands is refused. */
  jti: z.string().min(8).max(128),
});
export type IdentityClaims = z.infer<typeof IdentityClaims>;

export type IdentityResult =
  | { ok: true; attributes: Record<string, string>; tokenId: string; expiresAt: number }
  | { ok: false; code: 'identity-invalid' | 'identity-expired' | 'identity-unsupported' | 'identity-replayed'; message: string };

const attributeLimit = 20;

/** Verifies a customer's identity token and flattens its claims into the attributes agents see with a lock. */
export function verifyIdentity(token: string, secret: string | undefined, nowSeconds: number, audience?: string): IdentityResult {
  if (!secret) return { ok: false, code: 'identity-unsupported', message: 'this relay has no identity secret: the customer stays unverified' };
  const verified = verifyJwt(token, secret, nowSeconds, IdentityClaims, audience);
  if (!verified.ok) {
    const code = verified.code === 'token-expired' ? 'identity-expired' : 'identity-invalid';
    return { ok: false, code, message: `the identity token was refused (${verified.message}); the customer stays unverified` };
  }
  const { sub, name, email, phone, attributes = {}, jti, exp } = verified.claims;
  const flat: Record<string, string> = { id: sub };
  if (name) flat.name = name;
  if (email) flat.email = email;
  if (phone) flat.phone = phone;
  for (const [key, value] of Object.entries(attributes).slice(0, attributeLimit)) if (!(key in flat)) flat[key] = value;
  return { ok: true, attributes: flat, tokenId: jti, expiresAt: exp * 1000 };
}

export interface IdentityTokenUse {
  customer: string;
  expiresAt: number;
}

/**
 * Identity token ids and the customer who used each, until the token expires: a token copied
 * into another customer's hands (or replayed by anyone else) is refused; its own customer may
 * use it again, e.g. after a reload.
 */
export class IdentityTokenLedger {
  readonly #users = new Map<string, IdentityTokenUse>();

  /** Whether `customer` may use the token; records them as its user. */
  claim(tokenId: string, customer: string, expiresAt: number, now: number): boolean {
    if (this.#users.size > 1000) for (const [id, use] of this.#users) if (use.expiresAt <= now) this.#users.delete(id);
    const user = this.#users.get(tokenId);
    if (user && user.expiresAt > now && user.customer !== customer) return false;
    this.#users.set(tokenId, { customer, expiresAt });
    return true;
  }

  /** The uses not yet expired, for a planned restart: a token id stays taken across it. */
  snapshot(now: number): Array<[tokenId: string, IdentityTokenUse]> {
    return [...this.#users].filter(([, use]) => use.expiresAt > now);
  }

  restore(uses: ReadonlyArray<[string, IdentityTokenUse]>, now: number): void {
    this.#users.clear();
    for (const [id, use] of uses) if (use.expiresAt > now) this.#users.set(id, { ...use });
  }
}
