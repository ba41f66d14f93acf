/**
 * What the actors of a RaceWorld may do, as generated data, and how each intent becomes a command
 * against the state of the moment. A step resolves all its intents first and then runs them in
 * order, so in a race every command after the first was made for a state that has just changed:
 * two agents pick the customer both saw waiting, an accept arrives for an offer that just timed
 * out, a transfer is answered while the owner ends. Selectors pick among what the actor has now
 * (`live`) or among every id the relay ever made (stale on purpose).
 */
import assert from 'node:assert/strict';
import fc, { type Arbitrary } from 'fast-check';
import { createQueue, deleteQueue, removeAgent } from '../../relay/domain/admin.js';
import type { Actor } from '../../relay/domain/model.js';
import {
  AGENT_GRACE_MS,
  AGENTS,
  BILLING,
  CUSTOMER_GRACE_MS,
  CUSTOMERS,
  OFFER_MS,
  QUEUES,
  RECENT_MS,
  REQUEST_MS,
  type Input,
  type RaceWorld,
  type Reply,
} from './race-world.js';

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

const OPERATOR = AGENTS.findIndex((a) => a.operator);

// ---- generation ----

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
      kind: fc.constantFrom('release' as const, 'end' as const, 'end' as const, 'wrap-up' as const, 'end-conference' as const, 'leave-conversation' as const, 'agent-send' as const),
      a,
      conv: sel,
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('transfer' as const, 'invite' as const), a, conv: sel, to: target }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('answer' as const), a, request: sel, accept: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), a, request: sel }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open-queue' as const), queue, open: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'delete-billing' as const }, { kind: 'create-billing' as const }) },
  { weight: 1, arbitrary: fc.nat(AGENTS.length - 2).map((a) => ({ kind: 'remove-agent' as const, a })) },
  { weight: 6, arbitrary: durations.map((ms) => ({ kind: 'advance' as const, ms })) },
);

// ---- resolution ----

/** An intent turned into a command for the state of the moment; `run` sends it later. */
export interface Resolved {
  label: string;
  run(): Reply | undefined;
}

function choose<T>(items: readonly T[], n: number): T | undefined {
  return items.length ? items[n % items.length] : undefined;
}

const NONE = 'id-none';

export function resolve(world: RaceWorld, intent: Intent): Resolved {
  const { store } = world;
  const any = (ids: Set<string>, n: number) => choose([...ids], n) ?? NONE;
  const customerOf = (slot: number) => {
    const id = world.customerIds[slot];
    return id ? store.customer(id) : undefined;
  };
  const agentActor = (id: string): Actor => ({ role: 'agent', id });

  /** A command of an actor, checked after its ack against what it promised. */
  const send = (actor: Actor | undefined, input: Input, promise?: (reply: Reply) => void): Resolved => ({
    label: `${actor?.id ?? 'nobody'} ${JSON.stringify(input)}`,
    run() {
      const reply = actor && world.command(actor, input);
      if (reply) promise?.(reply);
      return reply;
    },
  });
  const act = (label: string, run: () => void): Resolved => ({ label, run: () => (run(), undefined) });

  switch (intent.kind) {
    case 'open-tab':
      return act(`customer ${intent.c} opens a tab`, () => world.openTab(intent.c));
    case 'close-tab': {
      const actor = world.customerActor(intent.c);
      return act(`customer ${intent.c} closes a tab`, () => actor && world.closeSocket(actor, intent.n));
    }
    case 'join': {
      // Accepting an agent's invitation (W10): the inviter takes the customer at once when free to.
      const invitation = intent.invited ? (customerOf(intent.c)?.invitation?.id ?? NONE) : undefined;
      const input: Input = {
        type: 'join',
        queue: intent.queue,
        name: `C${intent.c}`,
        ...(intent.message ? { message: 'Hello' } : {}),
        ...(invitation ? { invitation } : {}),
      };
      return send(world.customerActor(intent.c), input, (reply) => {
        if (reply.code !== 'ack') return;
        const customer = customerOf(intent.c)!;
        const conversation = customer.conversation ? store.conversation(customer.conversation) : undefined;
        assert.ok(customer.waiting?.queue === intent.queue || conversation?.queue === intent.queue, `customer ${intent.c} joined ${intent.queue} and is neither waiting there nor served`);
      });
    }
    case 'visit':
      return send(world.customerActor(intent.c), { type: 'visit', page: '/pricing' });
    case 'dismiss':
      return send(world.customerActor(intent.c), { type: 'dismiss-invitation', invitation: customerOf(intent.c)?.invitation?.id ?? NONE });
    case 'invite-visitor': {
      // Mostly someone on the site now, to a queue the agent serves.
      const visitors = [...store.customers()].filter((c) => c.visit && c.disconnectedAt === undefined && !c.waiting && !c.conversation).map((c) => c.id);
      const visitor = choose(visitors, intent.c) ?? world.customerIds[intent.c] ?? NONE;
      const served = store.agent(world.agentId(intent.a))?.queues ?? [];
      const queue = served.includes(intent.queue) || !served.length ? intent.queue : served[intent.c % served.length]!;
      return send(world.agentActor(intent.a), { type: 'invite-visitor', visitor, queue });
    }
    case 'leave':
      return send(world.customerActor(intent.c), { type: 'leave' }, (reply) => {
        const customer = customerOf(intent.c)!;
        if (reply.code === 'ack') assert.ok(!customer.waiting && !customer.conversation, `customer ${intent.c} left and is still somewhere`);
      });
    case 'customer-end':
    case 'customer-send':
    case 'return': {
      const customer = customerOf(intent.c);
      const own = customer ? [...new Set([customer.conversation, ...customer.history.toReversed()].filter((id) => id !== undefined))] : [];
      const conversation = intent.conv.id ?? (intent.conv.live ? choose(own, intent.conv.n) : undefined) ?? any(world.known.conversations, intent.conv.n);
      const actor = world.customerActor(intent.c);
      if (intent.kind === 'customer-send') return send(actor, { type: 'send', conversation, text: 'Hi' });
      if (intent.kind === 'customer-end') {
        return send(actor, { type: 'end', conversation }, (reply) => {
          if (reply.code === 'ack') assert.ok(store.conversation(conversation)?.ended, `${conversation} ended by its customer is still live`);
        });
      }
      return send(actor, { type: 'return-to-chat', conversation }, (reply) => {
        if (reply.code !== 'ack') return;
        const back = customerOf(intent.c)!;
        assert.ok(back.conversation === conversation || back.waiting?.returning === conversation, `customer ${intent.c} returned to ${conversation} and is not back in it or in line for it`);
      });
    }
    case 'connect':
      return act(`agent ${intent.a} connects${intent.narrow ? ' with fewer queues' : ''}`, () => world.connectAgent(intent.a, intent.narrow));
    case 'disconnect':
      return act(`agent ${intent.a} loses a socket`, () => world.closeSocket(world.agentActor(intent.a), intent.n));
    case 'sign-in':
      return send(world.agentActor(intent.a), { type: 'sign-in', queues: intent.queues });
    case 'sign-out':
      return send(world.agentActor(intent.a), { type: 'sign-out' });
    case 'presence':
      return send(world.agentActor(intent.a), { type: 'presence', presence: intent.presence });
    case 'pick': {
      const named = intent.customer === undefined ? undefined : world.customerIds[intent.customer];
      const input: Input = named ? { type: 'pick', queue: intent.queue, customer: named } : { type: 'pick', queue: intent.queue };
      return send(world.agentActor(intent.a), input, (reply) => {
        if (reply.code !== 'ack') return;
        const conversation = store.conversation(reply.ack!.conversation!);
        assert.ok(conversation && !conversation.ended && conversation.agent === world.agentId(intent.a), `the picked conversation is not live with its picker`);
        if (named) assert.equal(conversation.customer, named, 'the pick took the customer it named');
        assert.equal(store.customer(conversation.customer)?.conversation, conversation.id, 'the picked customer is in the conversation');
      });
    }
    case 'accept':
    case 'reject': {
      const live = intent.offer.live && !intent.offer.id ? choose([...store.offers()], intent.offer.n) : undefined;
      const offer = intent.offer.id ?? live?.id ?? any(world.known.offers, intent.offer.n);
      const actor = agentActor(live?.agent ?? world.agentId(intent.a));
      const customer = store.offer(offer)?.customer;
      return send(actor, { type: intent.kind, offer }, (reply) => {
        if (reply.code !== 'ack' || intent.kind !== 'accept') return;
        const conversation = store.conversation(reply.ack!.conversation!);
        assert.ok(conversation?.agent === actor.id && conversation.customer === customer, 'the accepting agent serves the customer offered');
      });
    }
    case 'release':
    case 'end':
    case 'wrap-up':
    case 'end-conference':
    case 'leave-conversation':
    case 'agent-send':
    case 'transfer':
    case 'invite': {
      const conversations = [...store.conversations()];
      // Who would send it now: the owner; a guest to leave; to wrap up, an agent whose part is over.
      const inside: Array<[string, string]> =
        intent.kind === 'leave-conversation'
          ? conversations.flatMap((c) => [...c.guests].map((g): [string, string] => [c.id, g]))
          : intent.kind === 'wrap-up'
            ? conversations.flatMap((c) => [...c.formerAgents, ...(c.ended ? [c.agent] : [])].map((g): [string, string] => [c.id, g]))
            : conversations.filter((c) => !c.ended).map((c): [string, string] => [c.id, c.agent]);
      const live = intent.conv.live ? choose(inside, intent.conv.n) : undefined;
      const conversation = intent.conv.id ?? live?.[0] ?? any(world.known.conversations, intent.conv.n);
      const actor = agentActor(intent.conv.id ? (store.conversation(intent.conv.id)?.agent ?? world.agentId(intent.a)) : (live?.[1] ?? world.agentId(intent.a)));
      switch (intent.kind) {
        case 'release':
          return send(actor, { type: 'release', conversation }, (reply) => {
            if (reply.code !== 'ack') return;
            const released = store.conversation(conversation)!;
            const customer = store.customer(released.customer);
            assert.ok(released.ended, 'a released conversation ended');
            if (customer) assert.equal(store.queue(released.queue)?.waiting[0], customer.id, 'the released customer waits first in line');
          });
        case 'end':
          return send(actor, { type: 'end', conversation }, (reply) => {
            if (reply.code === 'ack') assert.ok(store.conversation(conversation)?.ended, `${conversation} ended by its agent is still live`);
          });
        case 'wrap-up':
          return send(actor, { type: 'wrap-up', conversation, wrapUp: { note: 'done' } });
        case 'end-conference':
          return send(actor, { type: 'end-conference', conversation });
        case 'leave-conversation':
          return send(actor, { type: 'leave-conversation', conversation });
        case 'agent-send':
          return send(actor, { type: 'send', conversation, text: 'Hello' });
        case 'transfer':
        case 'invite': {
          const to = 'agent' in intent.to ? { agent: world.agentId(intent.to.agent) } : intent.to;
          return send(actor, { type: intent.kind, conversation, to }, (reply) => {
            if (reply.code !== 'ack') return;
            const request = store.request(reply.ack!.request!);
            assert.ok(request?.kind === intent.kind && request.from === actor.id, 'the request asked for is pending');
          });
        }
      }
      break;
    }
    case 'answer':
    case 'cancel': {
      const live = intent.request.live && !intent.request.id ? choose([...store.requests()], intent.request.n) : undefined;
      const request = intent.request.id ?? live?.id ?? any(world.known.requests, intent.request.n);
      // Answered by one of its candidates, or by whoever the intent names when pinned or stale.
      const me =
        intent.kind === 'cancel'
          ? (live?.from ?? world.agentId(intent.a))
          : live
            ? (choose([...live.candidates].filter((id) => !live.declined.has(id)), intent.a) ?? world.agentId(intent.a))
            : world.agentId(intent.a);
      const kind = store.request(request)?.kind;
      if (intent.kind === 'cancel') return send(agentActor(me), { type: 'cancel-request', request });
      return send(agentActor(me), { type: 'answer-request', request, accept: intent.accept }, (reply) => {
        const id = reply.ack?.conversation;
        if (!intent.accept || !id) return;
        const conversation = store.conversation(id)!;
        if (kind === 'transfer') assert.equal(conversation.agent, me, 'the agent who accepted a transfer owns the conversation');
        else assert.ok(conversation.guests.has(me), 'the agent who accepted an invitation is a guest');
      });
    }
    case 'open-queue':
      return send(world.agentActor(OPERATOR), { type: 'set-queue-open', queue: intent.queue, open: intent.open });
    case 'remove-agent': {
      const sub = AGENTS[intent.a]!.sub;
      return act(`operator removes ${sub}`, () => world.admin(`operator removed ${sub}`, (ctx) => removeAgent(ctx, sub)));
    }
    case 'delete-billing':
      return act('operator deletes billing', () => world.admin('operator deleted billing', (ctx) => deleteQueue(ctx, BILLING)));
    case 'create-billing':
      return act('operator creates billing', () => world.admin('operator created billing', (ctx) => createQueue(ctx, world.queueConfig(BILLING))));
    case 'advance':
      return act(`${intent.ms} ms pass`, () => world.advance(intent.ms));
  }
}
