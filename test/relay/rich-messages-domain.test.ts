/**
 * Rich messages on the pure domain (C4, C6, W6, typing): exact times and the audience of every
 * effect, where the socket tests can only see what arrived.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerMessage } from '../../protocol/index.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { signJwt } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import { agentsTopic, customerTopic, type Effect } from '../../relay/domain/effects.js';
import { typingRepeatMs } from '../../relay/domain/typing.js';
import type { Actor } from '../../relay/domain/model.js';
import { DomainDriver } from './domain-driver.js';

const MAIN = 'support-en';
const T0 = 1_000_000;

class World extends DomainDriver {
  constructor() {
    super(parseConfig({ queues: [{ id: MAIN, name: 'English support' }] }), T0);
  }

  agent(sub: string): Actor {
    const claims: AgentClaims = { sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'], exp: this.now / 1000 + 36_000 };
    const { actor } = this.domain.connectAgent(claims, this.now);
    this.ok(actor, { type: 'sign-in', queues: [MAIN] });
    return actor;
  }

  /** A customer served by `owner`; returns the customer and the conversation id. */
  conversation(owner: Actor): { customer: Actor; id: string } {
    const { actor: customer } = this.domain.connectCustomer(undefined, this.now);
    this.ok(customer, { type: 'join', queue: MAIN, name: 'Maija' });
    const { ack } = this.ok(owner, { type: 'pick', queue: MAIN, customer: customer.id });
    return { customer, id: ack.conversation! };
  }
}

/** `[topic, typing]` of every typing event published in `effects`. */
const typingPublished = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'publish' && e.event.type === 'typing' ? [[e.topic, e.event.typing] as const] : []));

const sentEvents = (effects: Effect[], to: string): ServerMessage[] => effects.flatMap((e) => (e.kind === 'send' && e.to === to ? [e.event] : []));

describe('identity on a relay without an identity secret', () => {
  it('is answered identity-unsupported; the customer joins unverified', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { actor: customer } = world.domain.connectCustomer(undefined, world.now);
    const identity = signJwt({ sub: 'cust-42', exp: world.now / 1000 + 600 }, 'a-secret-this-relay-does-not-know-0000');
    const { effects } = world.ok(customer, { type: 'join', queue: MAIN, name: 'Maija', info: { language: 'fi' }, identity });
    const [told] = sentEvents(effects, customer.id).filter((e) => e.type === 'identity');
    assert.ok(told?.type === 'identity');
    assert.deepEqual([told.verified, told.code], [false, 'identity-unsupported']);
    const { effects: started } = world.ok(alice, { type: 'pick', queue: MAIN, customer: customer.id });
    const event = started.find((e) => e.kind === 'publish' && e.event.type === 'conversation-started');
    assert.ok(event?.kind === 'publish' && event.event.type === 'conversation-started');
    assert.deepEqual(event.event.info, { language: 'fi' });
  });
});

describe('typing, effect by effect', () => {
  it('holds back a repeat until exactly typingRepeatMs after the last one passed', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.conversation(alice);
    const typing = (value: boolean) => typingPublished(world.ok(customer, { type: 'typing', conversation: id, typing: value }).effects);
    assert.deepEqual(typing(true), [[agentsTopic(id), true]], "the customer's typing goes to the agents only");
    world.advance(typingRepeatMs - 1);
    assert.deepEqual(typing(true), [], 'not a millisecond early');
    world.advance(1);
    assert.deepEqual(typing(true), [[agentsTopic(id), true]]);
    world.advance(1);
    assert.deepEqual(typing(false), [[agentsTopic(id), false]]);
    assert.deepEqual(typing(false), []);
  });

  it('shows the customer public typing only, and stops only what the customer was shown', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { id } = world.conversation(alice);
    const typing = (value: boolean, privately?: boolean) =>
      typingPublished(world.advance(10).ok(alice, { type: 'typing', conversation: id, typing: value, ...(privately ? { private: true } : {}) }).effects);
    const both = (value: boolean) => [
      [agentsTopic(id), value],
      [customerTopic(id), value],
    ];

    assert.deepEqual(typing(true, true), [[agentsTopic(id), true]], 'private typing: agents only');
    assert.deepEqual(typing(true, true), [], 'a private repeat within the window is held back');
    assert.deepEqual(typing(false, true), [[agentsTopic(id), false]], 'the stop of private typing: agents only');
    assert.deepEqual(typing(true), both(true));
    assert.deepEqual(typing(true, true), [[agentsTopic(id), true], [customerTopic(id), false]], 'turning private stops it for the customer');
    assert.deepEqual(typing(true), both(true), 'turning public again is shown at once');
    assert.deepEqual(typing(false), both(false));
    assert.deepEqual(typing(false, true), [], 'a stop after a stop is no news');
  });

  it('is news again after the typist sends a message, and nothing once the conversation ended', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.conversation(alice);
    world.ok(customer, { type: 'typing', conversation: id, typing: true });
    world.ok(customer, { type: 'send', conversation: id, text: 'hello' });
    assert.equal(typingPublished(world.ok(customer, { type: 'typing', conversation: id, typing: true }).effects).length, 1);
    world.ok(alice, { type: 'end', conversation: id });
    assert.deepEqual(world.ok(customer, { type: 'typing', conversation: id, typing: true }).effects, []);
    assert.equal(world.refused(world.agent('bob'), { type: 'typing', conversation: id, typing: true }), 'not-participant');
  });
});

describe('choice menus, effect by effect', () => {
  it('take one answer, also when resent after the end, and none to a menu left open when the conversation ended', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.conversation(alice);
    const first = world.ok(alice, { type: 'send', conversation: id, text: 'Yes or no?', choices: ['Yes', 'No'] }).ack.id;
    const second = world.ok(alice, { type: 'send', conversation: id, text: 'Tea or coffee?', choices: ['Tea', 'Coffee'] }).ack.id;
    const answer = { type: 'choose' as const, id: 'answer-1', conversation: id, message: first, option: 0 };
    const applied = world.domain.handle(customer, answer, world.now);
    assert.deepEqual(
      applied.flatMap((e) => (e.kind === 'publish' && e.event.type === 'message' ? [[e.topic, e.event.text, e.event.answers]] : [])),
      [
        [agentsTopic(id), 'Yes', { message: first, option: 0 }],
        [customerTopic(id), 'Yes', { message: first, option: 0 }],
      ],
    );
    world.ok(alice, { type: 'end', conversation: id });
    const resent = world.domain.handle(customer, answer, world.now);
    assert.deepEqual(resent.map((e) => e.kind === 'send' && e.event.type), ['ack'], 'a resend is acknowledged and applies nothing');
    assert.equal(world.refused(customer, { type: 'choose', conversation: id, message: second, option: 1 }), 'conversation-ended');
    assert.deepEqual(world.store.conversation(id)!.choices.get(second)?.answer, undefined);
  });
});
