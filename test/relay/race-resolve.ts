/**
 * How an intent becomes a command against the state of the moment. A step resolves all its
 * intents first and then runs them in order, so in a race every command after the first was made
 * for a state that has just changed: two agents pick the customer both saw waiting, an accept
 * arrives for an offer that just timed out, a transfer is answered while the owner ends. After an
 * ack, each command's promise is checked (a pick's customer is in the picker's conversation…).
 */
import assert from 'node:assert/strict';
import { createQueue, deleteQueue, removeAgent } from '../../relay/domain/admin.js';
import type { Actor } from '../../relay/domain/model.js';
import type { Intent } from './race-intents.js';
import { AGENTS, BILLING, type Input, type RaceWorld, type Reply } from './race-world.js';

const OPERATOR = AGENTS.findIndex((a) => a.operator);

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
      const live = intent.request.live && !intent.request.id ? choose([...store.requests()].reverse(), intent.request.n) : undefined;
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
