/**
 * What the actors of a RaceWorld may do, as generated data: customers with tabs, agents on pick
 * and offer queues, the operator, and the clock. Targets are selectors, resolved against the state
 * of the moment by race-resolve.ts: among what exists now (`live`), or among every id the relay
 * ever made (stale on purpose).
 */
import fc, { type Arbitrary } from 'fast-check';
import { AGENT_GRACE_MS, AGENTS, CUSTOMER_GRACE_MS, CUSTOMERS, OFFER_MS, QUEUES, RECENT_MS, REQUEST_MS } from './race-world.js';

export interface Sel {
  live: boolean;
  n: number;
  /** Pins the target, for contests over one offer or request. */
  id?: string;
}

type ConversationKind = 'release' | 'end' | 'wrap-up' | 'end-conference' | 'leave-conversation' | 'agent-send';
type Target = { agent: number } | { queue: string };

export type Intent =
  | { kind: 'open-tab'; c: number }
  | { kind: 'close-tab'; c: number; n: number }
  | { kind: 'join'; c: number; queue: string; message: boolean; invited?: boolean }
  | { kind: 'visit' | 'dismiss'; c: number }
  | { kind: 'invite-visitor'; a: number; c: number; queue: string }
  | { kind: 'leave'; c: number }
  | { kind: 'customer-end' | 'customer-send' | 'return'; c: number; conv: Sel }
  | { kind: 'connect'; a: number; narrow?: boolean }
  | { kind: 'disconnect'; a: number; n: number }
  | { kind: 'sign-in'; a: number; queues: string[] }
  | { kind: 'sign-out'; a: number }
  | { kind: 'presence'; a: number; presence: 'available' | 'away' }
  | { kind: 'pick'; a: number; queue: string; customer?: number }
  | { kind: 'accept' | 'reject'; a: number; offer: Sel }
  | { kind: ConversationKind; a: number; conv: Sel }
  | { kind: 'transfer' | 'invite'; a: number; conv: Sel; to: Target }
  | { kind: 'answer'; a: number; request: Sel; accept: boolean }
  | { kind: 'cancel'; a: number; request: Sel }
  | { kind: 'open-queue'; queue: string; open: boolean }
  | { kind: 'remove-agent'; a: number }
  | { kind: 'delete-billing' | 'create-billing' }
  | { kind: 'advance'; ms: number };

const c = fc.nat(CUSTOMERS - 1);
const a = fc.nat(AGENTS.length - 1);
const queue = fc.constantFrom(...QUEUES);
const sel: Arbitrary<Sel> = fc.record({ live: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), n: fc.nat(2) });
const target: Arbitrary<Target> = fc.oneof(a.map((agent) => ({ agent })), queue.map((q) => ({ queue: q })));
/** Just past each timeout and grace period, and short steps between. */
const durations = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(1_000, 2_000, OFFER_MS) },
  { weight: 1, arbitrary: fc.constantFrom(REQUEST_MS, CUSTOMER_GRACE_MS, AGENT_GRACE_MS, RECENT_MS + 1_000, 2 * 60_000 + 1_000) },
);

/** An owner asks for a transfer or an invitation. */
export const ask: Arbitrary<Intent> = fc.record({ kind: fc.constantFrom('transfer' as const, 'invite' as const), a, conv: sel, to: target });
/** A target answers the newest request, mostly accepting. */
export const answer: Arbitrary<Intent> = fc.record({
  kind: fc.constant('answer' as const),
  a,
  request: fc.record({ live: fc.constant(true), n: fc.constant(0) }),
  accept: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

export const intent: Arbitrary<Intent> = fc.oneof(
  { weight: 2, arbitrary: c.map((c) => ({ kind: 'open-tab' as const, c })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close-tab' as const), c, n: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('join' as const), c, queue, message: fc.boolean(), invited: fc.boolean() }, { requiredKeys: ['kind', 'c', 'queue', 'message'] }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('visit' as const, 'visit' as const, 'dismiss' as const), c }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invite-visitor' as const), a, c, queue }) },
  { weight: 2, arbitrary: c.map((c) => ({ kind: 'leave' as const, c })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('customer-end' as const), c, conv: sel }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('customer-send' as const), c, conv: sel }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('return' as const), c, conv: sel }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('connect' as const), a, narrow: fc.boolean() }, { requiredKeys: ['kind', 'a'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), a, n: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sign-in' as const), a, queues: fc.subarray([...QUEUES], { minLength: 1 }) }) },
  { weight: 1, arbitrary: a.map((a) => ({ kind: 'sign-out' as const, a })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('presence' as const), a, presence: fc.constantFrom('available' as const, 'away' as const) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('pick' as const), a, queue, customer: c }, { requiredKeys: ['kind', 'a', 'queue'] }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'reject' as const), a, offer: sel }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom('release' as const, 'end' as const, 'end' as const, 'wrap-up' as const, 'agent-send' as const),
      a,
      conv: sel,
    }),
  },
  { weight: 6, arbitrary: ask },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('end-conference' as const, 'leave-conversation' as const), a, conv: sel }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('answer' as const), a, request: sel, accept: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), a, request: sel }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open-queue' as const), queue, open: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'delete-billing' as const }, { kind: 'create-billing' as const }) },
  { weight: 1, arbitrary: fc.nat(AGENTS.length - 2).map((a) => ({ kind: 'remove-agent' as const, a })) },
  { weight: 6, arbitrary: durations.map((ms) => ({ kind: 'advance' as const, ms })) },
);
