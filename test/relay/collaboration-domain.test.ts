/**
 * Transfers, invitations, recent conversations and the directory (C9, C10, C16) on the pure
 * domain: exact times, every refusal, and the effects each side gets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientMessage, ServerEvent, ServerEventType, ServerMessage } from '../../protocol/index.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import { removeAgent } from '../../relay/domain/admin.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor } from '../../relay/domain/model.js';
import { DomainDriver, type Input } from './domain-driver.js';

const MAIN = 'support-en';
const BILLING = 'billing';
const T0 = 1_000_000;
const REQUEST_MS = 20_000;


class World extends DomainDriver {
  constructor() {
    super(
      parseConfig({
        customerGraceSeconds: 5,
        agentGraceSeconds: 10,
        requestTimeoutSeconds: REQUEST_MS / 1000,
        recentMinutes: 30,
        queues: [
          { id: MAIN, name: 'English support' },
          { id: BILLING, name: 'Billing' },
        ],
      }),
      T0,
    );
  }

  agent(sub: string, queues: string[], allowed = ['*']): Actor {
    const claims: AgentClaims = { sub, name: `Agent ${sub}`, roles: ['agent'], queues: allowed, exp: this.now / 1000 + 36_000 };
    const { actor } = this.domain.connectAgent(claims, this.now);
    if (queues.length) this.ok(actor, { type: 'sign-in', queues });
    return actor;
  }

  /** A customer served by `owner` in MAIN; returns the customer and the conversation id. */
  conversation(owner: Actor, name = 'Maija'): { customer: Actor; id: string } {
    const { actor: customer } = this.domain.connectCustomer(undefined, this.now);
    this.ok(customer, { type: 'join', queue: MAIN, name });
    const { ack } = this.ok(owner, { type: 'pick', queue: MAIN, customer: customer.id });
    return { customer, id: ack.conversation! };
  }

  /** Asks for a transfer or an invitation that must be accepted by the relay; returns the request id and effects. */
  ask(owner: Actor, kind: 'transfer' | 'invite', conversation: string, to: { agent: string } | { queue: string }) {
    const { ack, effects } = this.ok(owner, { type: kind, conversation, to });
    assert.ok(ack.request);
    return { request: ack.request, effects };
  }
}

function sentTo<T extends ServerEventType>(effects: Effect[], who: Actor | string, type: T): ServerEvent<T>[];
function sentTo(effects: Effect[], who: Actor | string): ServerMessage[];
function sentTo(effects: Effect[], who: Actor | string, type?: ServerEventType): ServerMessage[] {
  const id = typeof who === 'string' ? who : who.id;
  return effects.flatMap((e) => (e.kind === 'send' && e.to === id && (!type || e.event.type === type) ? [e.event] : []));
}

/** [recipient, outcome] of every request-ended in `effects`. */
const endings = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'send' && e.event.type === 'request-ended' ? [[e.to, e.event.outcome]] : [])).sort();

describe('requests: timing out', () => {
  it('times out exactly requestTimeoutSeconds after being asked, telling the sender and the open candidates only', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const carol = world.agent('carol', [BILLING]);
    const { id } = world.conversation(alice);
    const { request, effects } = world.ask(alice, 'transfer', id, { queue: BILLING });
    assert.deepEqual(sentTo(effects, bob, 'request').map((r) => r.request.expiresAt), [T0 + REQUEST_MS]);
    world.advance(1000).ok(bob, { type: 'answer-request', request, accept: false });

    assert.deepEqual(endings(world.advance(REQUEST_MS - 1000 - 1).domain.tick(world.now)), [], 'not a millisecond early');
    const timedOut = world.domain.tick(world.advance(1).now);
    assert.deepEqual(endings(timedOut), [
      [alice.id, 'timeout'],
      [carol.id, 'timeout'],
    ]);
    assert.equal(world.store.sizes.requests, 0);
    assert.equal(world.store.conversation(id)?.transfer, undefined);
    assert.deepEqual(endings(world.domain.tick(world.advance(60_000).now)), [], 'once');
    assert.equal(world.refused(carol, { type: 'answer-request', request, accept: true }), 'request-unknown');
    assert.equal(world.store.conversation(id)?.agent, alice.id);
  });
});

describe('requests: answers', () => {
  it('tells the sender of declines only once every candidate declined', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const carol = world.agent('carol', [BILLING]);
    const { id } = world.conversation(alice);
    const { request } = world.ask(alice, 'invite', id, { queue: BILLING });

    const first = world.ok(bob, { type: 'answer-request', request, accept: false }).effects;
    assert.deepEqual(endings(first), [[bob.id, 'declined']]);
    assert.equal(world.refused(bob, { type: 'answer-request', request, accept: true }), 'request-unknown', 'a decline is final');
    const last = world.ok(carol, { type: 'answer-request', request, accept: false }).effects;
    assert.deepEqual(endings(last), [
      [alice.id, 'declined'],
      [carol.id, 'declined'],
    ]);
    assert.equal(world.store.conversation(id)?.invitation, undefined);
  });

  it('gives the acceptor the history as it was before they joined, then their arrival in both streams', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const { customer, id } = world.conversation(alice);
    world.ok(alice, { type: 'send', conversation: id, text: 'note', private: true });
    const { request } = world.ask(alice, 'transfer', id, { agent: bob.id });
    const { effects } = world.ok(bob, { type: 'answer-request', request, accept: true });

    const [history] = sentTo(effects, bob, 'history');
    assert.deepEqual(history?.events.map((e) => [e.seq, e.type]), [
      [1, 'conversation-started'],
      [2, 'message'],
    ]);
    const kinds = effects.map((e) => (e.kind === 'send' || e.kind === 'publish' ? `${e.kind}:${e.kind === 'send' ? e.to : e.topic}:${e.event.type}` : `${e.kind}:${e.kind === 'subscribe' || e.kind === 'unsubscribe' ? `${e.who}:${e.topic}` : ''}`));
    assert.deepEqual(kinds, [
      `send:${alice.id}:request-ended`,
      `send:${bob.id}:request-ended`,
      `subscribe:${bob.id}:agents:${id}`,
      `send:${bob.id}:history`,
      `publish:agents:${id}:agent-joined`,
      `publish:customer:${id}:agent-joined`,
      `send:${alice.id}:agent-left`,
      `send:${bob.id}:agent-left`,
      `send:${customer.id}:agent-left`,
      `unsubscribe:${alice.id}:agents:${id}`,
    ]);
    const conversation = world.store.conversation(id)!;
    assert.deepEqual(conversation.log.map((e) => e.seq), [1, 2, 3, 4]);
    assert.deepEqual(conversation.customerLog.map((e) => [e.seq, e.type]), [
      [1, 'conversation-started'],
      [2, 'agent-joined'],
      [3, 'agent-left'],
    ]);
    assert.deepEqual([conversation.agent, [...conversation.formerAgents]], [bob.id, [alice.id]]);
    assert.equal(world.store.agent(alice.id)?.idleSince, world.now, 'the former owner is free from now');
  });

  it('moves a conversation transferred to a queue into that queue', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const { id } = world.conversation(alice);
    const { request } = world.ask(alice, 'transfer', id, { queue: BILLING });
    world.ok(bob, { type: 'answer-request', request, accept: true });
    assert.deepEqual([world.store.conversation(id)?.queue, world.store.conversation(id)?.agent], [BILLING, bob.id]);
  });

  it('allows a pending transfer and a pending invitation side by side, one of each', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    world.agent('carol', [BILLING]);
    const { id } = world.conversation(alice);
    world.ask(alice, 'transfer', id, { agent: bob.id });
    world.ask(alice, 'invite', id, { agent: 'agent:carol' });
    assert.equal(world.refused(alice, { type: 'transfer', conversation: id, to: { agent: 'agent:carol' } }), 'request-pending');
    assert.equal(world.refused(alice, { type: 'invite', conversation: id, to: { agent: bob.id } }), 'request-pending');
    assert.equal(world.store.sizes.requests, 2);
  });

  it('closes pending requests with conversation-ended when the conversation ends', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const carol = world.agent('carol', [BILLING]);
    const { customer, id } = world.conversation(alice);
    const transfer = world.ask(alice, 'transfer', id, { agent: bob.id }).request;
    world.ask(alice, 'invite', id, { agent: carol.id });
    const { effects } = world.ok(customer, { type: 'end', conversation: id });
    assert.deepEqual(endings(effects), [
      [alice.id, 'conversation-ended'],
      [alice.id, 'conversation-ended'],
      [bob.id, 'conversation-ended'],
      [carol.id, 'conversation-ended'],
    ]);
    assert.equal(world.store.sizes.requests, 0);
    assert.equal(world.refused(bob, { type: 'answer-request', request: transfer, accept: true }), 'request-unknown');
  });
});

describe('requests: refusals', () => {
  it('refuses what is not the owner\'s to ask, and targets that cannot answer', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const away = world.agent('away', [BILLING]);
    world.ok(away, { type: 'presence', presence: 'away' });
    const offline = world.agent('offline', []);
    const gone = world.agent('gone', [MAIN]);
    world.domain.disconnect(gone, world.now);
    const mainOnly = world.agent('main-only', [MAIN], [MAIN]);
    const { customer, id } = world.conversation(alice);
    const to = (target: string) => ({ type: 'transfer' as const, conversation: id, to: { agent: target } });

    assert.equal(world.refused(customer, to(bob.id)), 'forbidden');
    assert.equal(world.refused(bob, to(bob.id)), 'not-participant');
    assert.equal(world.refused(alice, to(alice.id)), 'forbidden');
    assert.equal(world.refused(alice, to(offline.id)), 'no-agent-available');
    assert.equal(world.refused(alice, to(gone.id)), 'no-agent-available');
    assert.equal(world.refused(alice, to('agent:nobody')), 'no-agent-available');
    assert.equal(world.refused(alice, { type: 'transfer', conversation: id, to: { queue: 'nowhere' } }), 'queue-unknown');
    assert.equal(world.refused(alice, { type: 'transfer', conversation: 'nope', to: { queue: BILLING } }), 'conversation-unknown');

    // A queue with only the away agent and nobody else available for it.
    world.ok(bob, { type: 'presence', presence: 'away' });
    assert.equal(world.refused(alice, { type: 'invite', conversation: id, to: { queue: BILLING } }), 'no-agent-available');
    // The owner is not a candidate in their own queue; main-only serves MAIN and is asked.
    const { effects } = world.ask(alice, 'invite', id, { queue: MAIN });
    assert.deepEqual(effects.map((e) => (e.kind === 'send' ? e.to : '')), [mainOnly.id]);

    // A guest may neither transfer nor invite; nobody but the sender cancels.
    const invitation = world.store.conversation(id)!.invitation!;
    world.ok(mainOnly, { type: 'answer-request', request: invitation, accept: true });
    assert.equal(world.refused(mainOnly, to(bob.id)), 'forbidden');
    assert.equal(world.refused(mainOnly, { type: 'invite', conversation: id, to: { queue: BILLING } }), 'forbidden');
    assert.equal(
      world.refused(alice, { type: 'transfer', conversation: id, to: { queue: MAIN } }),
      'no-agent-available',
      'the guest is inside already, and nobody else serves MAIN',
    );
    const transfer = world.ask(alice, 'transfer', id, { agent: bob.id });
    assert.deepEqual(sentTo(transfer.effects, bob, 'request').length, 1, 'a named agent is asked even while away');
    assert.equal(world.refused(mainOnly, { type: 'cancel-request', request: transfer.request }), 'request-unknown');
    world.ok(alice, { type: 'cancel-request', request: transfer.request });

    world.ok(alice, { type: 'end', conversation: id });
    assert.equal(world.refused(alice, to(bob.id)), 'conversation-ended');
  });
});

describe('recent conversations and the directory', () => {
  it('lists the ended conversations of the agent\'s queues, newest first, with private events, for recentMinutes', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const billingOnly = world.agent('bea', [BILLING], [BILLING]);
    const first = world.conversation(alice, 'Maija');
    world.ok(alice, { type: 'send', conversation: first.id, text: 'secret', private: true });
    world.advance(1000).ok(alice, { type: 'end', conversation: first.id });
    const second = world.conversation(alice, 'Pekka');
    world.advance(1000).ok(second.customer, { type: 'end', conversation: second.id });
    const active = world.conversation(alice, 'Liisa');

    // Pekka is gone for good: his conversation stays listed under his name.
    world.domain.disconnect(second.customer, world.now);
    world.domain.tick(world.advance(5000).now);
    assert.equal(world.store.customer(second.customer.id), undefined);

    const [recent] = sentTo(world.ok(alice, { type: 'recent' }).effects, alice, 'recent');
    assert.deepEqual(
      recent?.conversations.map((c) => [c.id, c.customer.name, c.endedAt]),
      [
        [second.id, 'Pekka', T0 + 2000],
        [first.id, 'Maija', T0 + 1000],
      ],
    );
    assert.ok(!recent?.conversations.some((c) => c.id === active.id), 'active conversations are not recent');
    assert.ok(recent?.conversations[1]?.events.some((e) => e.type === 'message' && e.private));
    assert.deepEqual(sentTo(world.ok(billingOnly, { type: 'recent' }).effects, billingOnly, 'recent')[0]?.conversations, [], 'other queues are not listed');
    assert.equal(world.refused(first.customer, { type: 'recent' }), 'forbidden');

    // Forgotten recentMinutes (30) after they ended.
    world.domain.tick(T0 + 1000 + 30 * 60_000 - 1);
    assert.equal(world.store.sizes.conversations, 3);
    world.domain.tick(T0 + 1000 + 30 * 60_000);
    assert.deepEqual([...world.store.conversations()].map((c) => c.id).sort(), [second.id, active.id].sort());
  });

  it('lists the other signed-in agents by name (offline while their connection is gone), and each queue with the other agents available and connected in it', () => {
    const world = new World();
    const zed = world.agent('zed', [MAIN, BILLING]);
    world.agent('bob', [BILLING]);
    const away = world.agent('amy', [MAIN]);
    world.ok(away, { type: 'presence', presence: 'away' });
    world.agent('offline', []);
    const gone = world.agent('gus', [BILLING]);
    world.domain.disconnect(gone, world.now);
    const [directory] = sentTo(world.ok(zed, { type: 'directory' }).effects, zed, 'directory');
    assert.deepEqual(directory, {
      type: 'directory',
      agents: [
        { id: 'agent:amy', name: 'Agent amy', presence: 'away', queues: [MAIN] },
        { id: 'agent:bob', name: 'Agent bob', presence: 'available', queues: [BILLING] },
        { id: 'agent:gus', name: 'Agent gus', presence: 'offline', queues: [BILLING] },
      ],
      queues: [
        { id: MAIN, name: 'English support', available: 0 },
        { id: BILLING, name: 'Billing', available: 1 },
      ],
    });
  });
});

describe('removing an agent with collaboration under way', () => {
  it('takes a removed guest out of the conference and withdraws the requests they sent', () => {
    const world = new World();
    const alice = world.agent('alice', [MAIN]);
    const bob = world.agent('bob', [BILLING]);
    const carol = world.agent('carol', [MAIN]);
    const { id } = world.conversation(alice);
    const { request } = world.ask(alice, 'invite', id, { agent: bob.id });
    world.ok(bob, { type: 'answer-request', request, accept: true });
    const other = world.conversation(carol);
    const pending = world.ask(carol, 'transfer', other.id, { agent: alice.id }).request;

    const result = world.domain.admin(world.now, (ctx) => removeAgent(ctx, 'bob'));
    assert.ok(result.ok);
    const left = sentTo(result.effects, alice, 'agent-left');
    assert.deepEqual(left.map((e) => [e.agent.id, e.reason]), [[bob.id, 'left']]);
    assert.deepEqual([...world.store.conversation(id)!.guests], []);
    assert.equal(world.store.conversation(id)?.ended, false, 'the owner\'s conversation goes on');
    assert.ok(result.effects.some((e) => e.kind === 'disconnect' && e.who === bob.id));

    const second = world.domain.admin(world.now, (ctx) => removeAgent(ctx, 'carol'));
    assert.ok(second.ok);
    assert.deepEqual(sentTo(second.effects, alice, 'request-ended').map((e) => [e.request, e.outcome]), [
      [pending, 'conversation-ended'],
    ]);
    assert.equal(world.store.conversation(other.id)?.ended, true);
    assert.equal(world.store.sizes.requests, 0);
  });
});
