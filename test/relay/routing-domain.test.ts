/**
 * The agent desk's routing rules (Q4, Q6, Q7, A2, C11) on the pure domain: commands and times in,
 * effects out, with a hand-moved clock and counter ids.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientMessage, ServerEvent, ServerEventType, ServerMessage } from '../../protocol/index.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor } from '../../relay/domain/model.js';
import { DomainDriver, type Input } from './domain-driver.js';

/** Offer routing: 10 s to answer, 2 conversations per agent, alerts after 60 s. */
const OFFER = 'sales';
/** Pick routing, alerts after 60 s. */
const PICK = 'support-en';
/** Offer routing with alerts off. */
const QUIET = 'quiet';
const OFFER_MS = 10_000;
const ALERT_MS = 60_000;
const T0 = 1_000_000;


class World extends DomainDriver {
  constructor() {
    super(
      parseConfig({
        customerGraceSeconds: 5,
        agentGraceSeconds: 10,
        queues: [
          { id: OFFER, name: 'Sales', routing: 'offer', offerTimeoutSeconds: 10, maxConversationsPerAgent: 2, alertAfterSeconds: 60 },
          { id: PICK, name: 'English support', alertAfterSeconds: 60 },
          { id: QUIET, name: 'Quiet', routing: 'offer', alertAfterSeconds: 0 },
        ],
      }),
      T0,
    );
  }

  /** A connected customer, who joins `queue` when given; `effects` are the join's. */
  customer(name: string, queue?: string, message?: string): { actor: Actor; joinId: string; effects: Effect[] } {
    const { actor } = this.domain.connectCustomer(undefined, this.now);
    if (!queue) return { actor, joinId: '', effects: [] };
    const { id, effects } = this.run(actor, message ? { type: 'join', queue, name, message } : { type: 'join', queue, name });
    assert.equal(effects[0]?.kind === 'send' && effects[0].event.type, 'ack', `join refused: ${JSON.stringify(effects[0])}`);
    return { actor, joinId: id, effects: effects.slice(1) };
  }

  /** A connected agent, signed in to `queues` when any are given. */
  agent(sub: string, queues: string[], claims: Partial<AgentClaims> = {}): Actor {
    const { actor } = this.domain.connectAgent(
      { sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'], exp: this.now / 1000 + 36_000, ...claims },
      this.now,
    );
    if (queues.length) this.ok(actor, { type: 'sign-in', queues });
    return actor;
  }

  /** The conversation the agent gets by accepting the offer it was sent in `effects`. */
  accept(agent: Actor, effects: Effect[]): { conversation: string; effects: Effect[] } {
    const offer = offerTo(effects, agent);
    assert.ok(offer, `no offer for ${agent.id} in ${JSON.stringify(effects)}`);
    const accepted = this.ok(agent, { type: 'accept', offer: offer.offer.id });
    assert.ok(accepted.ack.conversation);
    return { conversation: accepted.ack.conversation, effects: accepted.effects };
  }

  presence(agent: Actor): string | undefined {
    const found = this.store.agent(agent.id);
    return found?.signedIn ? found.presence : 'offline';
  }

  log(queue: string) {
    return this.store.queue(queue)!.log;
  }
}

/** The events sent directly to `who`, of `type` when given, in order. */
function sentTo<T extends ServerEventType>(effects: Effect[], who: Actor | string, type: T): ServerEvent<T>[];
function sentTo(effects: Effect[], who: Actor | string): ServerMessage[];
function sentTo(effects: Effect[], who: Actor | string, type?: ServerEventType): ServerMessage[] {
  const id = typeof who === 'string' ? who : who.id;
  return effects.flatMap((e) => (e.kind === 'send' && e.to === id && (!type || e.event.type === type) ? [e.event] : []));
}

/** The one offer sent to `agent`, if any; more than one is a failure. */
function offerTo(effects: Effect[], agent: Actor): ServerEvent<'offer'> | undefined {
  const offers = sentTo(effects, agent, 'offer');
  assert.ok(offers.length <= 1, `one offer at a time, got ${offers.length}`);
  return offers[0];
}

/** Who was offered whom in `effects`: [agent id, customer id] pairs. */
const offersIn = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'send' && e.event.type === 'offer' ? [[e.to, e.event.offer.customer.id]] : []));

const alertsIn = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'send' && e.event.type === 'alert' ? [[e.to, e.event.customer.id]] : []));

/** The newest snapshot of `queue` published in `effects`. */
function snapshotIn(effects: Effect[], queue: string): ServerEvent<'queue'>['queue'] {
  const snapshots = effects.flatMap((e) => (e.kind === 'publish' && e.topic === `queue:${queue}` && e.event.type === 'queue' ? [e.event.queue] : []));
  assert.ok(snapshots.length, `no snapshot of ${queue} published`);
  return snapshots[snapshots.length - 1]!;
}

describe('routing: who is offered the customer', () => {
  it('offers each customer to the agent idle longest, not the first by name, and shows it in the snapshot', () => {
    const world = new World();
    const carol = world.agent('carol', [OFFER]);
    const alice = world.advance(1000).agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    world.advance(1000);

    const c1 = world.customer('C1', OFFER);
    assert.deepEqual(offersIn(c1.effects), [[carol.id, c1.actor.id]]);
    const { id, ...offer } = offerTo(c1.effects, carol)!.offer;
    assert.deepEqual(offer, { queue: OFFER, customer: { id: c1.actor.id, name: 'C1' }, joinedAt: T0 + 3000, expiresAt: T0 + 3000 + OFFER_MS });
    assert.equal(typeof id, 'string');

    const c2 = world.advance(1).customer('C2', OFFER);
    assert.deepEqual(offersIn(c2.effects), [[alice.id, c2.actor.id]]);
    const c3 = world.advance(1).customer('C3', OFFER);
    assert.deepEqual(offersIn(c3.effects), [[bob.id, c3.actor.id]]);
    const c4 = world.advance(1).customer('C4', OFFER);
    assert.deepEqual(offersIn(c4.effects), [], 'every agent already has an offer');
    assert.deepEqual(
      snapshotIn(c4.effects, OFFER).waiting.map((w) => [w.name, w.offeredTo]),
      [['C1', carol.id], ['C2', alice.id], ['C3', bob.id], ['C4', undefined]],
    );
  });

  it('counts idle time from when the agent last became free, i.e. from the end of their last conversation', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    const first = world.accept(alice, world.customer('C1', OFFER).effects);
    const second = world.accept(bob, world.customer('C2', OFFER).effects);
    world.advance(10_000).ok(bob, { type: 'end', conversation: second.conversation });
    world.advance(10_000).ok(alice, { type: 'end', conversation: first.conversation });

    const c3 = world.advance(10_000).customer('C3', OFFER);
    assert.deepEqual(offersIn(c3.effects), [[bob.id, c3.actor.id]], 'bob has been free since 10 s before alice');
  });

  it('prefers an agent without conversations to a busy one who signed in earlier', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    world.accept(alice, world.advance(1000).customer('C1', OFFER).effects);
    const c2 = world.advance(1000).customer('C2', OFFER);
    assert.deepEqual(offersIn(c2.effects), [[bob.id, c2.actor.id]]);
  });

  it('counts idle time from the moment an agent comes back from away', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    world.advance(1000).ok(alice, { type: 'presence', presence: 'away' });
    world.advance(1000).ok(alice, { type: 'presence', presence: 'available' });
    const c1 = world.advance(1000).customer('C1', OFFER);
    assert.deepEqual(offersIn(c1.effects), [[bob.id, c1.actor.id]]);
  });

  it('offers nothing in a pick queue', () => {
    const world = new World();
    world.agent('alice', [PICK]);
    const c1 = world.customer('C1', PICK);
    world.advance(OFFER_MS * 10);
    assert.deepEqual(offersIn([...c1.effects, ...world.tick()]), []);
  });

  it('offers nothing to an agent whose connection is gone, and offers again when it is back', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    world.domain.disconnect(alice, world.now);
    const c1 = world.advance(1000).customer('C1', OFFER);
    assert.deepEqual(offersIn([...c1.effects, ...world.tick()]), []);
    const back = world.domain.connectAgent({ sub: 'alice', name: 'Agent alice', roles: ['agent'], queues: ['*'], exp: world.now / 1000 + 3600 }, world.now);
    assert.deepEqual(offersIn(back.effects), [[alice.id, c1.actor.id]]);
  });
});

describe('routing: capacity', () => {
  it('stops offering at the queue maxConversationsPerAgent, refuses picks with at-capacity, and offers again after an end', () => {
    const world = new World(); // OFFER: 2 per agent
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    world.customer('C2', OFFER);
    const c3 = world.customer('C3', OFFER);
    const first = world.accept(alice, c1.effects);
    const second = world.accept(alice, first.effects);
    assert.deepEqual(offersIn(second.effects), [], 'two conversations fill alice');
    assert.equal(world.refused(alice, { type: 'pick', queue: OFFER, customer: c3.actor.id }), 'at-capacity');
    assert.deepEqual(offersIn(world.advance(OFFER_MS).tick()), []);

    const { effects } = world.ok(alice, { type: 'end', conversation: first.conversation });
    assert.deepEqual(offersIn(effects), [[alice.id, c3.actor.id]]);
  });

  it('lets the token maxConversations override the queue setting, both lower and higher', () => {
    const world = new World();
    const one = world.agent('one', [], { maxConversations: 1 });
    const [state] = sentTo(world.ok(one, { type: 'sign-in', queues: [OFFER] }).effects, one, 'agent-state');
    assert.equal(state?.capacity, 1);
    const c1 = world.customer('C1', OFFER);
    world.customer('C2', OFFER);
    const accepted = world.accept(one, c1.effects);
    assert.deepEqual(offersIn(accepted.effects), [], 'one conversation fills an agent whose token allows one');
    assert.equal(world.refused(one, { type: 'pick', queue: OFFER }), 'at-capacity');

  });

  it('lets a token maxConversations above the queue setting allow more conversations', () => {
    const world = new World(); // OFFER: 2 per agent
    const many = world.agent('many', [OFFER], { maxConversations: 3 });
    const customers = ['C1', 'C2', 'C3', 'C4'].map((name) => world.customer(name, OFFER));
    let effects = customers[0]!.effects;
    for (let i = 0; i < 3; i++) effects = world.accept(many, effects).effects;
    assert.deepEqual(offersIn(effects), [], 'three conversations fill the agent');
    assert.equal(world.store.agent(many.id)?.conversations.size, 3);
  });

  it('counts a pending offer against capacity: a pick that would overfill the agent is refused', () => {
    const world = new World(); // OFFER: 2 per agent
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const c2 = world.customer('C2', OFFER);
    const c3 = world.customer('C3', OFFER);
    const accepted = world.accept(alice, c1.effects);
    const pending = offerTo(accepted.effects, alice);
    assert.equal(pending?.offer.customer.id, c2.actor.id);

    assert.equal(world.refused(alice, { type: 'pick', queue: OFFER, customer: c3.actor.id }), 'at-capacity');
    // Picking the customer offered to her is as good as accepting.
    const { effects } = world.ok(alice, { type: 'pick', queue: OFFER, customer: c2.actor.id });
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: pending!.offer.id, reason: 'taken' }]);
    assert.equal(world.store.agent(alice.id)?.conversations.size, 2);
    assert.deepEqual(offersIn(effects), []);
  });

  it('offers one customer at a time to an agent, the next after the answer', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const c2 = world.customer('C2', OFFER);
    assert.deepEqual(offersIn([...c1.effects, ...c2.effects]), [[alice.id, c1.actor.id]]);
    assert.deepEqual(offersIn(world.advance(1000).tick()), [], 'still one offer pending');
    const accepted = world.accept(alice, c1.effects);
    assert.deepEqual(offersIn(accepted.effects), [[alice.id, c2.actor.id]]);
  });
});

describe('routing: rejected and missed offers', () => {
  it('gives a rejected customer to the next agent, and the rejecting agent the next customer', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    const c1 = world.advance(1000).customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;

    const { effects } = world.advance(1000).ok(alice, { type: 'reject', offer: offer.offer.id });
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'rejected' }]);
    assert.deepEqual(offersIn(effects), [[bob.id, c1.actor.id]]);
    assert.equal(world.presence(alice), 'available', 'rejecting is not missing');
    const c2 = world.customer('C2', OFFER);
    assert.deepEqual(offersIn(c2.effects), [[alice.id, c2.actor.id]]);
    assert.equal(world.refused(alice, { type: 'accept', offer: offer.offer.id }), 'offer-unknown');
  });

  it('does not offer a customer again to an agent who rejected them until the offer timeout has passed', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const rejected = world.advance(2000).ok(alice, { type: 'reject', offer: offerTo(c1.effects, alice)!.offer.id });
    assert.deepEqual(offersIn(rejected.effects), []);
    assert.deepEqual(offersIn(world.advance(OFFER_MS - 1).tick()), []);
    assert.deepEqual(offersIn(world.advance(1).tick()), [[alice.id, c1.actor.id]]);
  });

  it('puts a rejected customer back at the front of the line', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const c2 = world.advance(1000).customer('C2', OFFER);
    assert.deepEqual(offersIn([...c1.effects, ...c2.effects]), [[alice.id, c1.actor.id], [bob.id, c2.actor.id]]);
    const { effects } = world.ok(bob, { type: 'reject', offer: offerTo(c2.effects, bob)!.offer.id });
    assert.deepEqual(world.store.queue(OFFER)!.waiting, [c2.actor.id, c1.actor.id]);
    assert.deepEqual(sentTo(effects, c2.actor, 'waiting').map((w) => w.position), [1]);
    assert.deepEqual(sentTo(effects, c1.actor, 'waiting').map((w) => w.position), [2]);
  });

  it('withdraws an offer at its expiry to the millisecond, turns the agent no-answer and offers the customer to the next agent', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    const c1 = world.advance(1000).customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;
    assert.equal(offer.offer.expiresAt, world.now + OFFER_MS);

    assert.deepEqual(world.advance(OFFER_MS - 1).tick(), []);
    const effects = world.advance(1).tick();
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'timeout' }]);
    assert.deepEqual(sentTo(effects, alice, 'agent-state'), [
      { type: 'agent-state', signedIn: true, presence: 'no-answer', queues: [OFFER], capacity: 2, operator: false },
    ]);
    assert.deepEqual(offersIn(effects), [[bob.id, c1.actor.id]]);
    assert.deepEqual(
      snapshotIn(effects, OFFER).agents.map((a) => [a.id, a.presence]),
      [[alice.id, 'no-answer'], [bob.id, 'available']],
    );
    assert.equal(world.refused(alice, { type: 'accept', offer: offer.offer.id }), 'offer-unknown');
  });

  it('gives a no-answer agent neither offers nor alerts, however long it waits, until the agent chooses available', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    world.advance(OFFER_MS).tick();
    assert.equal(world.presence(alice), 'no-answer');

    const c2 = world.advance(1000).customer('C2', OFFER);
    const later = world.advance(3600_000).tick();
    assert.deepEqual([...offersIn([...c2.effects, ...later]), ...alertsIn(later)], []);
    assert.equal(world.presence(alice), 'no-answer', 'time does not clear no-answer');

    const { effects } = world.ok(alice, { type: 'presence', presence: 'available' });
    assert.equal(sentTo(effects, alice, 'agent-state')[0]?.presence, 'available');
    assert.deepEqual(offersIn(effects), [[alice.id, c1.actor.id]], 'the missed customer again, first in line, its cooldown long over');
  });

  it('keeps no-answer when a signed-in agent signs in again; signing out and in again starts available', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    world.customer('C1', OFFER);
    world.advance(OFFER_MS).tick();
    const again = world.ok(alice, { type: 'sign-in', queues: [OFFER, PICK] });
    assert.equal(sentTo(again.effects, alice, 'agent-state')[0]?.presence, 'no-answer');
    assert.deepEqual(offersIn(again.effects), []);

    const out = world.ok(alice, { type: 'sign-out' });
    assert.equal(sentTo(out.effects, alice, 'agent-state')[0]?.presence, 'offline');
    const back = world.ok(alice, { type: 'sign-in', queues: [OFFER] });
    assert.equal(sentTo(back.effects, alice, 'agent-state')[0]?.presence, 'available');
  });

  it('keeps no-answer when the agent reconnects', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    world.customer('C1', OFFER);
    world.advance(OFFER_MS).tick();
    world.domain.disconnect(alice, world.now);
    const back = world.domain.connectAgent({ sub: 'alice', name: 'Agent alice', roles: ['agent'], queues: ['*'], exp: world.now / 1000 + 3600 }, world.now + 1);
    assert.equal(sentTo(back.effects, alice, 'agent-state')[0]?.presence, 'no-answer');
    assert.deepEqual(offersIn(back.effects), []);
  });

  it('lets a no-answer agent choose away, which keeps it out of routing', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    world.customer('C1', OFFER);
    world.advance(OFFER_MS).tick();
    const { effects } = world.ok(alice, { type: 'presence', presence: 'away' });
    assert.equal(world.presence(alice), 'away');
    assert.deepEqual(offersIn([...effects, ...world.advance(OFFER_MS).tick()]), []);
  });
});

describe('routing: away', () => {
  it('gives away agents no offers and no alerts, but lets them pick, in offer and pick queues', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER, PICK]);
    world.ok(alice, { type: 'presence', presence: 'away' });
    const c1 = world.customer('C1', OFFER);
    const c2 = world.customer('C2', PICK);
    const later = world.advance(ALERT_MS).tick();
    assert.deepEqual([...offersIn([...c1.effects, ...later]), ...alertsIn(later)], []);
    assert.ok(world.ok(alice, { type: 'pick', queue: OFFER }).ack.conversation);
    assert.ok(world.ok(alice, { type: 'pick', queue: PICK, customer: c2.actor.id }).ack.conversation);
    assert.equal(world.presence(alice), 'away', 'picking does not change the presence');
  });

  it('withdraws the pending offer of an agent who goes away, and offers the customer to the next agent', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;
    const { effects } = world.ok(alice, { type: 'presence', presence: 'away' });
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'rejected' }]);
    assert.deepEqual(offersIn(effects), [[bob.id, c1.actor.id]]);
  });
});

describe('routing: picks', () => {
  it('gives a customer two agents pick to the first; the second gets customer-unavailable', () => {
    for (const queue of [PICK, OFFER]) {
      const world = new World();
      const alice = world.agent('alice', [queue]);
      const bob = world.agent('bob', [queue]);
      world.ok(alice, { type: 'presence', presence: 'away' });
      world.ok(bob, { type: 'presence', presence: 'away' });
      const c1 = world.customer('C1', queue);
      const { ack } = world.ok(alice, { type: 'pick', queue, customer: c1.actor.id });
      assert.equal(world.store.conversation(ack.conversation!)?.agent, alice.id);
      assert.equal(world.refused(bob, { type: 'pick', queue, customer: c1.actor.id }), 'customer-unavailable', queue);
      assert.equal(world.refused(bob, { type: 'pick', queue }), 'queue-empty', queue);
    }
  });

  it('takes a customer under offer to another agent away from that offer with taken', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    world.ok(bob, { type: 'presence', presence: 'away' });
    const c1 = world.customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;

    const { ack, effects } = world.advance(1000).ok(bob, { type: 'pick', queue: OFFER });
    assert.equal(world.store.conversation(ack.conversation!)?.customer, c1.actor.id, 'the pick takes the first in line');
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'taken' }]);
    assert.equal(world.refused(alice, { type: 'accept', offer: offer.offer.id }), 'offer-unknown');
    assert.equal(world.presence(alice), 'available');
    assert.equal(world.store.sizes.offers, 0);
  });

  it('lets an unnamed pick prefer a customer nobody is being offered', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.agent('bob', [OFFER]);
    world.ok(bob, { type: 'presence', presence: 'away' });
    const c1 = world.customer('C1', OFFER);
    const c2 = world.customer('C2', OFFER);
    assert.deepEqual(offersIn([...c1.effects, ...c2.effects]), [[alice.id, c1.actor.id]]);
    const { ack, effects } = world.ok(bob, { type: 'pick', queue: OFFER });
    assert.equal(world.store.conversation(ack.conversation!)?.customer, c2.actor.id);
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), []);
  });
});

describe('routing: agents leaving a queue', () => {
  it('withdraws the offer from a queue the agent signs out of, so the agent is not turned no-answer for it', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER, PICK]);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    world.ok(bob, { type: 'presence', presence: 'away' });
    const c1 = world.customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;

    const { effects } = world.ok(alice, { type: 'sign-in', queues: [PICK] });
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'rejected' }]);
    assert.equal(world.refused(alice, { type: 'accept', offer: offer.offer.id }), 'offer-unknown');
    world.advance(OFFER_MS).tick();
    assert.equal(world.presence(alice), 'available');
    assert.deepEqual(offersIn(world.ok(bob, { type: 'presence', presence: 'available' }).effects), [[bob.id, c1.actor.id]]);
  });

  it('withdraws the offer of a queue a newer, narrower token no longer allows', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER, PICK]);
    const c1 = world.customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;

    const { effects } = world.domain.connectAgent({ sub: 'alice', name: 'Agent alice', roles: ['agent'], queues: [PICK], exp: world.now / 1000 + 3600 }, world.now);
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'rejected' }]);
    assert.equal(world.refused(alice, { type: 'accept', offer: offer.offer.id }), 'offer-unknown');
    world.advance(OFFER_MS).tick();
    assert.equal(world.presence(alice), 'available', 'not turned no-answer for a queue it may no longer serve');
  });

  it('withdraws the pending offer of an agent who signs out', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;
    const { effects } = world.ok(alice, { type: 'sign-out' });
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'rejected' }]);
    assert.equal(world.store.sizes.offers, 0);
    assert.equal(world.store.customer(c1.actor.id)?.waiting?.offer, undefined);
  });
});

describe('routing: customers leaving', () => {
  it('withdraws the offer of a customer who leaves with customer-left, and offers the agent the next one', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const c2 = world.customer('C2', OFFER);
    const offer = offerTo(c1.effects, alice)!;
    const { effects } = world.ok(c1.actor, { type: 'leave' });
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'customer-left' }]);
    assert.deepEqual(offersIn(effects), [[alice.id, c2.actor.id]]);
    assert.equal(world.presence(alice), 'available');
    assert.equal(world.refused(alice, { type: 'accept', offer: offer.offer.id }), 'offer-unknown');
  });

  it('withdraws the offer of a customer gone for good with customer-left', () => {
    const world = new World(); // customerGraceSeconds: 5
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const offer = offerTo(c1.effects, alice)!;
    world.domain.disconnect(c1.actor, world.now);
    const effects = world.advance(5000).tick();
    assert.deepEqual(sentTo(effects, alice, 'offer-withdrawn'), [{ type: 'offer-withdrawn', offer: offer.offer.id, reason: 'customer-left' }]);
    assert.deepEqual(world.store.sizes, { customers: 0, agents: 1, conversations: 0, offers: 0, requests: 0, waiting: 0 });
  });
});

describe('routing: release', () => {
  it('ends the conversation with released and puts the customer first in line, keeping their original join time', () => {
    const world = new World();
    const alice = world.agent('alice', [PICK]);
    const c1 = world.customer('C1', PICK);
    const c2 = world.advance(1000).customer('C2', PICK);
    const { ack } = world.advance(1000).ok(alice, { type: 'pick', queue: PICK });
    const c3 = world.advance(1000).customer('C3', PICK);
    world.ok(c1.actor, { type: 'send', conversation: ack.conversation!, text: 'hello' });

    const { ack: released, effects } = world.advance(1000).ok(alice, { type: 'release', conversation: ack.conversation! });
    assert.equal(released.conversation, ack.conversation);
    const ended = { type: 'conversation-ended', conversation: ack.conversation, seq: 3, at: world.now, reason: 'released', by: { id: alice.id, name: 'Agent alice', role: 'agent' } };
    assert.deepEqual(sentTo(effects, c1.actor, 'conversation-ended'), [ended]);
    assert.deepEqual(sentTo(effects, alice, 'conversation-ended'), [ended]);
    assert.deepEqual(sentTo(effects, c1.actor, 'waiting'), [{ type: 'waiting', queue: PICK, position: 1, joinedAt: T0 }]);
    assert.deepEqual(sentTo(effects, c2.actor, 'waiting').map((w) => w.position), [2]);
    assert.deepEqual(sentTo(effects, c3.actor, 'waiting').map((w) => w.position), [3]);
    assert.deepEqual(snapshotIn(effects, PICK).waiting.map((w) => w.name), ['C1', 'C2', 'C3']);
    assert.equal(world.store.agent(alice.id)?.conversations.size, 0);

    assert.equal(world.refused(alice, { type: 'release', conversation: ack.conversation! }), 'conversation-ended');
    assert.equal(world.refused(c1.actor, { type: 'send', conversation: ack.conversation!, text: 'still there?' }), 'conversation-ended');
    const again = world.ok(world.agent('bob', [PICK]), { type: 'pick', queue: PICK });
    assert.equal(world.store.conversation(again.ack.conversation!)?.customer, c1.actor.id, 'served again, first');
  });

  it('lets only the serving agent release, and not a customer', () => {
    const world = new World();
    const alice = world.agent('alice', [PICK]);
    const bob = world.agent('bob', [PICK]);
    const c1 = world.customer('C1', PICK);
    const { ack } = world.ok(alice, { type: 'pick', queue: PICK });
    assert.equal(world.refused(bob, { type: 'release', conversation: ack.conversation! }), 'not-participant');
    assert.equal(world.refused(c1.actor, { type: 'release', conversation: ack.conversation! }), 'forbidden');
    assert.equal(world.refused(alice, { type: 'release', conversation: 'no-such-conversation' }), 'conversation-unknown');
  });

  it('offers a released customer to another agent, and to the releasing one only after the offer timeout', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const bob = world.agent('bob', [OFFER]);
    world.ok(bob, { type: 'presence', presence: 'away' });
    const c1 = world.customer('C1', OFFER);
    const { conversation } = world.accept(alice, c1.effects);
    const { effects } = world.advance(1000).ok(alice, { type: 'release', conversation });
    assert.deepEqual(offersIn([...effects, ...world.advance(OFFER_MS - 1).tick()]), []);
    assert.deepEqual(offersIn(world.ok(bob, { type: 'presence', presence: 'available' }).effects), [[bob.id, c1.actor.id]]);
  });

  it('offers a released customer back to the releasing agent once the offer timeout has passed', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    const { conversation } = world.accept(alice, c1.effects);
    world.advance(1000).ok(alice, { type: 'release', conversation });
    assert.deepEqual(offersIn(world.advance(OFFER_MS - 1).tick()), []);
    assert.deepEqual(offersIn(world.advance(1).tick()), [[alice.id, c1.actor.id]]);
  });
});

describe('routing: alerts', () => {
  it('alerts each available agent of the queue once, when a customer has waited alertAfterSeconds', () => {
    const world = new World();
    // carol misses an offer in the offer queue and turns no-answer.
    const carol = world.agent('carol', [OFFER, PICK]);
    const c0 = world.customer('C0', OFFER);
    world.advance(OFFER_MS).tick();
    world.ok(c0.actor, { type: 'leave' });
    assert.equal(world.presence(carol), 'no-answer');

    const alice = world.agent('alice', [PICK]);
    const bob = world.agent('bob', [PICK]);
    world.ok(bob, { type: 'presence', presence: 'away' });
    world.agent('dave', [OFFER]);
    const c1 = world.advance(1000).customer('C1', PICK);
    const joinedAt = world.now;
    const c2 = world.advance(20_000).customer('C2', PICK);

    assert.deepEqual(alertsIn(world.advance(ALERT_MS - 20_000 - 1).tick()), []);
    const effects = world.advance(1).tick();
    assert.deepEqual(alertsIn(effects), [[alice.id, c1.actor.id]]);
    assert.deepEqual(sentTo(effects, alice, 'alert'), [{ type: 'alert', queue: PICK, customer: { id: c1.actor.id, name: 'C1' }, joinedAt }]);
    assert.deepEqual(alertsIn(world.advance(1000).tick()), [], 'once per customer');
    assert.deepEqual(alertsIn(world.advance(19_000).tick()), [[alice.id, c2.actor.id]]);
    assert.deepEqual(alertsIn(world.advance(ALERT_MS * 10).tick()), []);
  });

  it('alerts an available agent at capacity about a customer waiting in an offer queue', () => {
    const world = new World(); // OFFER: 2 per agent
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER);
    world.customer('C2', OFFER);
    const c3 = world.customer('C3', OFFER);
    world.accept(alice, world.accept(alice, c1.effects).effects);
    assert.deepEqual(alertsIn(world.advance(ALERT_MS - 1).tick()), []);
    assert.deepEqual(alertsIn(world.advance(1).tick()), [[alice.id, c3.actor.id]]);
  });

  it('sends no alerts when alertAfterSeconds is 0', () => {
    const world = new World();
    world.agent('alice', [QUIET]);
    world.agent('bob', [QUIET]);
    world.customer('C1', QUIET);
    world.customer('C2', QUIET);
    world.customer('C3', QUIET);
    assert.deepEqual(alertsIn(world.advance(86_400_000).tick()), []);
  });
});

describe('routing: the first message', () => {
  it('shows the join message as the preview in the offer and the snapshot, and opens the conversation with it as seq 2', () => {
    const world = new World();
    const alice = world.agent('alice', [OFFER]);
    const c1 = world.customer('C1', OFFER, 'My order is late');
    const offer = offerTo(c1.effects, alice)!;
    assert.equal(offer.offer.preview, 'My order is late');
    assert.equal(snapshotIn(c1.effects, OFFER).waiting[0]?.preview, 'My order is late');

    const { conversation, effects } = world.advance(1000).accept(alice, c1.effects);
    const log = effects.flatMap((e) => (e.kind === 'publish' && e.topic === `customer:${conversation}` ? [e.event] : []));
    assert.deepEqual(
      effects.flatMap((e) => (e.kind === 'publish' && e.topic === `agents:${conversation}` ? [e.event] : [])),
      log,
      'the agents\' stream has the same opening',
    );
    assert.deepEqual(
      log.map((e) => (e.type === 'message' ? [e.seq, e.type, e.messageId, e.author, e.text] : [e.type === 'conversation-started' ? e.seq : -1, e.type])),
      [
        [1, 'conversation-started'],
        [2, 'message', c1.joinId, { id: c1.actor.id, name: 'C1', role: 'customer' }, 'My order is late'],
      ],
    );
    const reply = world.ok(alice, { type: 'send', conversation, text: 'Let me check' });
    const [next] = reply.effects.flatMap((e) => (e.kind === 'publish' && e.event.type === 'message' ? [e.event.seq] : []));
    assert.equal(next, 3);
  });

  it('opens a picked conversation with the first message too, and has no preview without one', () => {
    const world = new World();
    const alice = world.agent('alice', [PICK]);
    const c1 = world.customer('C1', PICK, 'Hello?');
    const c2 = world.customer('C2', PICK);
    assert.deepEqual(snapshotIn(c2.effects, PICK).waiting.map((w) => w.preview), ['Hello?', undefined]);
    const { ack } = world.ok(alice, { type: 'pick', queue: PICK });
    assert.deepEqual(
      world.store.conversation(ack.conversation!)?.log.map((e) => [e.seq, e.type]),
      [[1, 'conversation-started'], [2, 'message']],
    );
    const second = world.ok(alice, { type: 'pick', queue: PICK });
    assert.deepEqual(world.store.conversation(second.ack.conversation!)?.log.map((e) => e.type), ['conversation-started']);
    assert.ok(c1 && c2);
  });
});

describe('routing: the queue log', () => {
  it('records joins, offers, answers, picks, releases, leaves, departures and opening in order', () => {
    const world = new World(); // customerGraceSeconds: 5
    const alice = world.agent('alice', [OFFER]);
    const carol = world.agent('carol', [], { roles: ['agent', 'operator'] });
    const c1 = world.advance(1000).customer('C1', OFFER);
    const bob = world.advance(1000).agent('bob', [OFFER]);
    world.advance(1000).ok(alice, { type: 'reject', offer: offerTo(c1.effects, alice)!.offer.id });
    const offered = world.advance(OFFER_MS).tick(); // bob misses; alice's cooldown is over
    const { conversation } = world.advance(1000).accept(alice, offered);
    world.advance(1000).ok(alice, { type: 'release', conversation });
    // Both cooldowns for C1 are over; alice, free since her release, has been idle longer than bob.
    world.advance(10_000).ok(bob, { type: 'presence', presence: 'available' });
    const c2 = world.advance(1000).customer('C2', OFFER);
    world.advance(1000).ok(c2.actor, { type: 'leave' });
    world.advance(1000).ok(alice, { type: 'pick', queue: OFFER, customer: c1.actor.id }); // her own offer
    world.advance(1000).ok(carol, { type: 'set-queue-open', queue: OFFER, open: false });
    world.advance(1000).ok(carol, { type: 'set-queue-open', queue: OFFER, open: true });
    const c3 = world.advance(1000).customer('C3', OFFER);
    world.domain.disconnect(c3.actor, world.now);
    world.advance(5000).tick();

    const entries = world.log(OFFER).map((e) => [(e.at - T0) / 1000, e.kind, e.agent?.id.slice('agent:'.length), e.customer?.name]);
    assert.deepEqual(entries, [
      [1, 'joined', undefined, 'C1'],
      [1, 'offered', 'alice', 'C1'],
      [3, 'rejected', 'alice', 'C1'],
      [3, 'offered', 'bob', 'C1'],
      [13, 'timed-out', 'bob', 'C1'],
      [13, 'offered', 'alice', 'C1'],
      [14, 'accepted', 'alice', 'C1'],
      [15, 'released', 'alice', 'C1'],
      [25, 'offered', 'alice', 'C1'],
      [26, 'joined', undefined, 'C2'],
      [26, 'offered', 'bob', 'C2'],
      [27, 'left', undefined, 'C2'],
      [28, 'picked', 'alice', 'C1'],
      [29, 'closed', 'carol', undefined],
      [30, 'opened', 'carol', undefined],
      [31, 'joined', undefined, 'C3'],
      [31, 'offered', 'bob', 'C3'],
      [36, 'gone', undefined, 'C3'],
    ]);
    assert.deepEqual(world.log(OFFER)[13], { at: T0 + 29_000, kind: 'closed', agent: { id: carol.id, name: 'Agent carol' } });
    assert.deepEqual(world.log(OFFER)[0], { at: T0 + 1000, kind: 'joined', customer: { id: c1.actor.id, name: 'C1' } });

    const { effects } = world.ok(bob, { type: 'queue-log', queue: OFFER });
    assert.deepEqual(sentTo(effects, bob), [{ type: 'queue-log', queue: OFFER, entries: world.log(OFFER) }]);
  });

  it('shows the log to agents the token allows, signed in or not, and to nobody else', () => {
    const world = new World();
    const outsider = world.agent('outsider', [], { queues: [PICK] });
    const reader = world.agent('reader', [], { queues: [OFFER] });
    const c1 = world.customer('C1', OFFER);
    assert.equal(world.refused(outsider, { type: 'queue-log', queue: OFFER }), 'queue-not-allowed');
    assert.equal(world.refused(c1.actor, { type: 'queue-log', queue: OFFER }), 'forbidden');
    assert.equal(world.refused(reader, { type: 'queue-log', queue: 'no-such-queue' }), 'queue-unknown');
    const [log] = sentTo(world.ok(reader, { type: 'queue-log', queue: OFFER }).effects, reader, 'queue-log');
    assert.deepEqual(log?.entries.map((e) => e.kind), ['joined']);
  });
});

describe('routing: opening and closing queues', () => {
  it('lets only operators allowed the queue open and close it; a closed queue refuses joins with queue-closed', () => {
    const world = new World();
    const alice = world.agent('alice', [PICK]);
    const narrow = world.agent('narrow', [], { roles: ['agent', 'operator'], queues: [OFFER] });
    const carol = world.agent('carol', [PICK], { roles: ['agent', 'operator'] });
    assert.equal(sentTo(world.domain.connectAgent({ sub: 'carol', name: 'Agent carol', roles: ['agent', 'operator'], queues: ['*'], exp: world.now / 1000 + 60 }, world.now).effects, carol, 'agent-state')[0]?.operator, true);

    assert.equal(world.refused(alice, { type: 'set-queue-open', queue: PICK, open: false }), 'forbidden');
    assert.equal(world.refused(narrow, { type: 'set-queue-open', queue: PICK, open: false }), 'forbidden');
    assert.equal(world.refused(carol, { type: 'set-queue-open', queue: 'no-such-queue', open: false }), 'queue-unknown');
    assert.equal(world.store.queue(PICK)?.open, true);

    const { effects } = world.ok(carol, { type: 'set-queue-open', queue: PICK, open: false });
    assert.equal(snapshotIn(effects, PICK).open, false);
    const c1 = world.customer('C1');
    assert.equal(world.refused(c1.actor, { type: 'join', queue: PICK, name: 'C1' }), 'queue-closed');
    assert.deepEqual(world.ok(carol, { type: 'set-queue-open', queue: PICK, open: false }).effects, [], 'closing a closed queue changes nothing');
    assert.equal(world.log(PICK).filter((e) => e.kind === 'closed').length, 1);

    world.ok(carol, { type: 'set-queue-open', queue: PICK, open: true });
    world.ok(c1.actor, { type: 'join', queue: PICK, name: 'C1' });
  });

  it('keeps serving customers already waiting in a queue that closes', () => {
    const world = new World();
    const carol = world.agent('carol', [], { roles: ['agent', 'operator'] });
    world.customer('C1', OFFER);
    world.ok(carol, { type: 'set-queue-open', queue: OFFER, open: false });
    const alice = world.agent('alice', [OFFER]);
    assert.equal(world.store.agent(alice.id)?.offer !== undefined, true, 'the waiting customer is still offered');
  });
});
