/**
 * The relay's rules without sockets: commands and times in, effects out.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { DomainCommand, ServerMessage } from '../../protocol/index.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor } from '../../relay/domain/model.js';
import { RelayDomain } from '../../relay/domain/relay-domain.js';
import { MemoryRelayStore } from '../../relay/domain/store.js';
import { relayServices } from '../../relay/auth/relay-services.js';

const QUEUE = 'support-en';
const OTHER = 'kundtjanst';
const T0 = 1_000_000;

type Command = DomainCommand;

class World {
  readonly config = parseConfig({
    customerGraceSeconds: 5,
    agentGraceSeconds: 10,
    queues: [
      { id: QUEUE, name: 'English support' },
      { id: OTHER, name: 'Kundtjänst', lang: 'sv' },
    ],
  });
  readonly store = new MemoryRelayStore(this.config.queues);
  #ids = 0;
  #commands = 0;
  readonly domain = new RelayDomain({ store: this.store, config: this.config, newId: () => `id-${++this.#ids}`, services: relayServices() });

  customer(now = T0): { actor: Actor; effects: Effect[] } {
    return this.domain.connectCustomer(undefined, now);
  }

  agent(sub: string, queues: string[] = ['*'], now = T0): { actor: Actor; effects: Effect[] } {
    const claims: AgentClaims = { sub, name: `Agent ${sub}`, roles: ['agent'], queues, exp: now / 1000 + 3600 };
    return this.domain.connectAgent(claims, now);
  }

  /** Sends a command with a fresh id; returns its id and the effects. */
  run(actor: Actor, command: DistributiveOmit<Command, 'id'>, now = T0): { id: string; effects: Effect[] } {
    const id = `cmd-${++this.#commands}`;
    return { id, effects: this.domain.handle(actor, { ...command, id } as Command, now) };
  }

  /** Runs a command that must succeed, returning its effects after the ack. */
  ok(actor: Actor, command: DistributiveOmit<Command, 'id'>, now = T0): { ack: ServerMessage; effects: Effect[] } {
    const { id, effects } = this.run(actor, command, now);
    const [first, ...rest] = effects;
    assert.ok(first?.kind === 'send' && first.to === actor.id, 'the first effect answers the sender');
    assert.deepEqual(first.event.type === 'ack' && first.event.id, id, `expected an ack, got ${JSON.stringify(first.event)}`);
    return { ack: first.event, effects: rest };
  }

  /** Runs a command that must be refused, returning the error code. */
  refused(actor: Actor, command: DistributiveOmit<Command, 'id'>, now = T0): string {
    const { id, effects } = this.run(actor, command, now);
    assert.equal(effects.length, 1, 'a refused command has no other effect');
    const [only] = effects;
    assert.ok(only?.kind === 'send' && only.to === actor.id && only.event.type === 'error', `expected an error, got ${JSON.stringify(only)}`);
    assert.equal(only.event.type === 'error' && only.event.id, id);
    return only.event.type === 'error' ? only.event.code : '';
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The events sent directly to `who`, in order. */
const sentTo = (effects: Effect[], who: string) =>
  effects.flatMap((e) => (e.kind === 'send' && e.to === who ? [e.event] : []));
const published = (effects: Effect[], topic: string) =>
  effects.flatMap((e) => (e.kind === 'publish' && e.topic === topic ? [e.event] : []));
const kinds = (effects: Effect[]) =>
  effects.map((e) => (e.kind === 'send' || e.kind === 'publish' ? `${e.kind}:${e.event.type}` : `${e.kind}:${e.kind === 'subscribe' || e.kind === 'unsubscribe' ? e.topic : ''}`));

describe('domain: connecting', () => {
  it('welcomes a new customer with a fresh id and a resume token', () => {
    const world = new World();
    const { actor, effects } = world.customer();
    assert.deepEqual(actor, { role: 'customer', id: 'id-1' });
    const [welcome] = sentTo(effects, 'id-1');
    assert.ok(welcome?.type === 'welcome');
    assert.deepEqual(welcome.self, { id: 'id-1', name: '', role: 'customer' });
    assert.equal(welcome.resumeToken, 'id-2id-3');
    assert.equal(welcome.serverTime, T0);
  });

  it('brings back the same customer with their resume token', () => {
    const world = new World();
    const first = world.customer();
    world.domain.disconnect(first.actor, T0);
    const again = world.domain.connectCustomer('id-2id-3', T0 + 1000);
    assert.deepEqual(again.actor, first.actor);
    assert.equal(world.store.sizes.customers, 1);
    assert.equal(world.store.customer(first.actor.id)?.disconnectedAt, undefined);
  });

  it('tells an agent which queues its token allows', () => {
    const world = new World();
    const { effects } = world.agent('alice', [OTHER, 'no-such-queue']);
    const [welcome, state] = sentTo(effects, 'agent:alice');
    assert.ok(welcome?.type === 'welcome');
    assert.deepEqual(welcome.allowedQueues, [OTHER]);
    assert.deepEqual(state, { type: 'agent-state', signedIn: false, presence: 'offline', queues: [], capacity: 3, operator: false });
  });
});

describe('domain: the queue', () => {
  let world: World;
  beforeEach(() => {
    world = new World();
  });

  it('puts customers in line in the order they joined', () => {
    const maija = world.customer().actor;
    const pekka = world.customer().actor;
    world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' }, T0 + 1);
    const { effects } = world.ok(pekka, { type: 'join', queue: QUEUE, name: 'Pekka' }, T0 + 2);

    assert.deepEqual(sentTo(effects, maija.id), [], 'Maija kept her place: nothing to tell her');
    assert.deepEqual(sentTo(effects, pekka.id), [{ type: 'waiting', queue: QUEUE, position: 2, joinedAt: T0 + 2 }]);
    const [snapshot] = published(effects, `queue:${QUEUE}`);
    assert.ok(snapshot?.type === 'queue');
    assert.deepEqual(snapshot.queue.waiting, [
      { id: maija.id, name: 'Maija', joinedAt: T0 + 1, media: 'text' },
      { id: pekka.id, name: 'Pekka', joinedAt: T0 + 2, media: 'text' },
    ]);
  });

  it('subscribes a signing-in agent to the queue before publishing its snapshot', () => {
    const alice = world.agent('alice').actor;
    const { effects } = world.ok(alice, { type: 'sign-in', queues: [QUEUE] });
    assert.deepEqual(kinds(effects).slice(0, 3), [`subscribe:queue:${QUEUE}`, 'send:agent-state', 'publish:queue']);
  });

  it('gives a pick the first in line and moves the rest up', () => {
    const maija = world.customer().actor;
    const pekka = world.customer().actor;
    world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' });
    world.ok(pekka, { type: 'join', queue: QUEUE, name: 'Pekka' });
    const alice = world.agent('alice').actor;
    world.ok(alice, { type: 'sign-in', queues: [QUEUE] });

    const { ack, effects } = world.ok(alice, { type: 'pick', queue: QUEUE }, T0 + 500);
    assert.ok(ack.type === 'ack' && ack.conversation);
    const customerTopic = `customer:${ack.conversation}`;
    const agentsTopic = `agents:${ack.conversation}`;
    assert.deepEqual(kinds(effects).slice(0, 4), [
      `subscribe:${customerTopic}`,
      `subscribe:${agentsTopic}`,
      'publish:conversation-started',
      'publish:conversation-started',
    ]);
    const subscribers = effects.flatMap((e) => (e.kind === 'subscribe' && e.topic !== `queue:${QUEUE}` ? [[e.who, e.topic]] : []));
    assert.deepEqual(subscribers, [[maija.id, customerTopic], ['agent:alice', agentsTopic]], 'each side reads its own stream');
    const [started] = published(effects, customerTopic);
    assert.ok(started?.type === 'conversation-started');
    assert.deepEqual([started.seq, started.at, started.customer.id, started.agent.id], [1, T0 + 500, maija.id, 'agent:alice']);
    assert.deepEqual(published(effects, agentsTopic), [started], 'both streams open with the same event as seq 1');
    assert.deepEqual(sentTo(effects, pekka.id), [{ type: 'waiting', queue: QUEUE, position: 1, joinedAt: T0 }]);
    assert.deepEqual(world.store.queue(QUEUE)?.waiting, [pekka.id]);
  });

  it('refuses a pick of a customer already taken with customer-unavailable', () => {
    const maija = world.customer().actor;
    world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' });
    const alice = world.agent('alice').actor;
    const bob = world.agent('bob').actor;
    world.ok(alice, { type: 'sign-in', queues: [QUEUE] });
    world.ok(bob, { type: 'sign-in', queues: [QUEUE] });
    world.ok(alice, { type: 'pick', queue: QUEUE, customer: maija.id });
    assert.equal(world.refused(bob, { type: 'pick', queue: QUEUE, customer: maija.id }), 'customer-unavailable');
  });

  it('refuses a pick of a customer waiting in another queue with customer-unavailable', () => {
    const maija = world.customer().actor;
    world.ok(maija, { type: 'join', queue: OTHER, name: 'Maija' });
    const alice = world.agent('alice').actor;
    world.ok(alice, { type: 'sign-in', queues: [QUEUE, OTHER] });
    assert.equal(world.refused(alice, { type: 'pick', queue: QUEUE, customer: maija.id }), 'customer-unavailable');
  });

  it('refuses role-bound commands from the wrong role with forbidden, changing nothing', () => {
    const maija = world.customer().actor;
    const alice = world.agent('alice').actor;
    assert.equal(world.refused(maija, { type: 'sign-in', queues: [QUEUE] }), 'forbidden');
    assert.equal(world.refused(alice, { type: 'join', queue: QUEUE, name: 'Alice' }), 'forbidden');
    assert.equal(world.store.agent('agent:alice')?.signedIn, false);
    assert.equal(world.store.sizes.waiting, 0);
  });
});

describe('domain: conversations', () => {
  function conversation(world: World) {
    const customer = world.customer().actor;
    world.ok(customer, { type: 'join', queue: QUEUE, name: 'Maija' });
    const agent = world.agent('alice').actor;
    world.ok(agent, { type: 'sign-in', queues: [QUEUE] });
    const { ack } = world.ok(agent, { type: 'pick', queue: QUEUE });
    assert.ok(ack.type === 'ack' && ack.conversation);
    return { customer, agent, id: ack.conversation };
  }

  it('numbers events 1, 2, 3… in the order the relay handles them, in both streams alike while nothing is private', () => {
    const world = new World();
    const { customer, agent, id } = conversation(world);
    const seqs = [customer, agent, customer].map((who, i) => {
      const { effects } = world.ok(who, { type: 'send', conversation: id, text: `m${i}` });
      return [`customer:${id}`, `agents:${id}`].map((topic) => {
        const [event] = published(effects, topic);
        return event?.type === 'message' ? event.seq : undefined;
      });
    });
    assert.deepEqual(seqs, [
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('numbers a private message only in the agents\' stream, so the customer\'s stays gapless', () => {
    const world = new World();
    const { customer, agent, id } = conversation(world);
    const note = world.ok(agent, { type: 'send', conversation: id, text: 'note to self', private: true }).effects;
    assert.deepEqual(kinds(note), ['publish:message'], 'one publish, no customer copy');
    const [event] = published(note, `agents:${id}`);
    assert.ok(event?.type === 'message');
    assert.deepEqual([event.seq, event.private], [2, true]);
    const reply = world.ok(customer, { type: 'send', conversation: id, text: 'hello' }).effects;
    const seqOf = (topic: string) => published(reply, topic).map((e) => (e.type === 'message' ? e.seq : -1));
    assert.deepEqual([seqOf(`customer:${id}`), seqOf(`agents:${id}`)], [[2], [3]]);
    assert.equal(world.refused(customer, { type: 'send', conversation: id, text: 'sneaky', private: true }), 'forbidden');
    const stored = world.store.conversation(id)!;
    assert.deepEqual(stored.customerLog.map((e) => e.seq), [1, 2]);
    assert.deepEqual(stored.log.map((e) => e.seq), [1, 2, 3]);
  });

  it('delivers the end to both sides before they leave the topic', () => {
    const world = new World();
    const { customer, agent, id } = conversation(world);
    const { effects } = world.ok(customer, { type: 'end', conversation: id }, T0 + 9);
    assert.deepEqual(kinds(effects), [
      'send:conversation-ended',
      'send:conversation-ended',
      `unsubscribe:agents:${id}`,
      `unsubscribe:customer:${id}`,
      'webhook:',
    ]);
    const [forCustomer] = sentTo(effects, customer.id);
    assert.deepEqual(sentTo(effects, agent.id), [forCustomer]);
    assert.ok(forCustomer?.type === 'conversation-ended');
    assert.deepEqual([forCustomer.seq, forCustomer.at, forCustomer.reason, forCustomer.by?.id], [2, T0 + 9, 'customer-ended', customer.id]);
    const unsubscribed = effects.flatMap((e) => (e.kind === 'unsubscribe' ? [[e.who, e.topic]] : []));
    assert.deepEqual(unsubscribed, [[agent.id, `agents:${id}`], [customer.id, `customer:${id}`]]);
    const hook = effects.at(-1);
    assert.ok(hook?.kind === 'webhook');
    assert.equal(hook.event, 'conversation.ended');
    const payload = hook.payload as { reason: string; transcript: { conversation: string; events: unknown[]; endedAt: number } };
    assert.deepEqual([payload.reason, payload.transcript.conversation, payload.transcript.endedAt], ['customer-ended', id, T0 + 9]);
    assert.deepEqual(payload.transcript.events, world.store.conversation(id)!.log);
  });

  it('answers sync with the events after the given seq', () => {
    const world = new World();
    const { customer, id } = conversation(world);
    for (const text of ['a', 'b', 'c']) world.ok(customer, { type: 'send', conversation: id, text });
    const { effects } = world.ok(customer, { type: 'sync', conversation: id, after: 2 });
    const [history] = sentTo(effects, customer.id);
    assert.ok(history?.type === 'history');
    assert.deepEqual(
      history.events.map((e) => e.seq),
      [3, 4],
    );
  });

  it('refuses sign-out while a conversation is active, and allows it after the end', () => {
    const world = new World();
    const { agent, id } = conversation(world);
    assert.equal(world.refused(agent, { type: 'sign-out' }), 'active-conversations');
    world.ok(agent, { type: 'end', conversation: id });
    world.ok(agent, { type: 'sign-out' });
    assert.equal(world.store.agent('agent:alice')?.signedIn, false);
  });
});

describe('domain: the grace period', () => {
  it('keeps a disconnected waiting customer until the grace has passed, to the millisecond', () => {
    const world = new World(); // customerGraceSeconds: 5
    const maija = world.customer().actor;
    world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' });
    world.domain.disconnect(maija, T0 + 1000);

    assert.deepEqual(world.domain.tick(T0 + 5999), []);
    assert.equal(world.store.sizes.waiting, 1);

    const effects = world.domain.tick(T0 + 6000);
    const [snapshot] = published(effects, `queue:${QUEUE}`);
    assert.ok(snapshot?.type === 'queue');
    assert.deepEqual(snapshot.queue.waiting, []);
    assert.deepEqual(world.store.sizes, { customers: 0, agents: 0, conversations: 0, offers: 0, requests: 0, waiting: 0 });
  });

  it('keeps a customer who came back within the grace', () => {
    const world = new World();
    const maija = world.customer().actor;
    world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' });
    world.domain.disconnect(maija, T0);
    world.domain.connectCustomer('id-2id-3', T0 + 4999);
    assert.deepEqual(world.domain.tick(T0 + 60_000), []);
    assert.equal(world.store.sizes.waiting, 1);
  });

  it('removes a customer immediately on the next tick when the grace is 0', () => {
    const world = new World();
    const domain = new RelayDomain({
      store: world.store,
      config: { customerGraceSeconds: 0, agentGraceSeconds: 0, requestTimeoutSeconds: 60, recentMinutes: 60 },
      newId: () => 'only',
      services: relayServices(),
    });
    const maija = domain.connectCustomer(undefined, T0).actor;
    domain.disconnect(maija, T0);
    domain.tick(T0);
    assert.equal(world.store.sizes.customers, 0);
  });

  it('ends the conversation of a customer gone for good with customer-gone, and forgets it recentMinutes later', () => {
    const world = new World();
    const maija = world.customer().actor;
    world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' });
    const alice = world.agent('alice').actor;
    world.ok(alice, { type: 'sign-in', queues: [QUEUE] });
    const { ack } = world.ok(alice, { type: 'pick', queue: QUEUE });
    assert.ok(ack.type === 'ack' && ack.conversation);
    world.domain.disconnect(maija, T0);

    const effects = world.domain.tick(T0 + 5000);
    const [ended] = sentTo(effects, 'agent:alice');
    assert.deepEqual(ended, {
      type: 'conversation-ended',
      conversation: ack.conversation,
      seq: 2,
      at: T0 + 5000,
      reason: 'customer-gone',
    });
    const { customers, conversations, waiting } = world.store.sizes;
    assert.deepEqual({ customers, conversations, waiting }, { customers: 0, conversations: 1, waiting: 0 }, 'kept as a recent conversation');
    assert.equal(world.store.conversation(ack.conversation)?.ended, true);
    assert.equal(world.store.agent('agent:alice')?.conversations.size, 0);

    const keepMs = world.config.recentMinutes * 60_000;
    assert.equal(keepMs, 3_600_000, 'recentMinutes defaults to 60');
    world.domain.tick(T0 + 5000 + keepMs - 1);
    assert.equal(world.store.sizes.conversations, 1, 'kept until recentMinutes after the end, to the millisecond');
    world.domain.tick(T0 + 5000 + keepMs);
    assert.equal(world.store.sizes.conversations, 0);
  });

  it('keeps the ended conversations of a customer gone for good for recentMinutes after each ended, then forgets them', () => {
    const world = new World();
    const maija = world.customer().actor;
    const alice = world.agent('alice').actor;
    world.ok(alice, { type: 'sign-in', queues: [QUEUE] });
    const ids: string[] = [];
    for (let round = 0; round < 2; round++) {
      const at = T0 + round * 60_000;
      world.ok(maija, { type: 'join', queue: QUEUE, name: 'Maija' }, at);
      const { ack } = world.ok(alice, { type: 'pick', queue: QUEUE }, at);
      assert.ok(ack.type === 'ack' && ack.conversation);
      ids.push(ack.conversation);
      world.ok(alice, { type: 'end', conversation: ack.conversation }, at);
    }
    assert.equal(world.store.sizes.conversations, 2);
    world.domain.disconnect(maija, T0 + 60_000);
    world.domain.tick(T0 + 65_000);
    assert.equal(world.store.sizes.customers, 0);
    assert.equal(world.store.sizes.conversations, 2, 'both stay as recent conversations');
    const keepMs = world.config.recentMinutes * 60_000;
    world.domain.tick(T0 + keepMs);
    assert.deepEqual([...world.store.conversations()].map((c) => c.id), [ids[1]], 'the first is forgotten first');
    world.domain.tick(T0 + 60_000 + keepMs);
    assert.equal(world.store.sizes.conversations, 0);
  });

  it('signs out a disconnected agent once the agent grace has passed, to the millisecond', () => {
    const world = new World(); // agentGraceSeconds: 10
    const alice = world.agent('alice').actor;
    world.ok(alice, { type: 'sign-in', queues: [QUEUE] });
    world.domain.disconnect(alice, T0);
    assert.deepEqual(world.domain.tick(T0 + 9999), []);
    const effects = world.domain.tick(T0 + 10_000);
    assert.deepEqual(sentTo(effects, 'agent:alice'), [{ type: 'agent-state', signedIn: false, presence: 'offline', queues: [], capacity: 3, operator: false }]);
    assert.equal(world.store.queue(QUEUE)?.agents.size, 0);
    assert.deepEqual(world.domain.tick(T0 + 20_000), [], 'signed out once');
  });
});
