/**
 * The leader's state machine of the shared mode (R6), in process: what a relay taking over
 * rebuilds — the last snapshot, then the journal after it decided again — is exactly the state
 * the leader had, sockets book included; a repeated input is answered without being decided twice;
 * the snapshot written in pieces reads back as the one written whole.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DomainCommand } from '../../protocol/index.js';
import { parseConfig } from '../../relay/config.js';
import { DomainMachine, type MachineSetup, type MachineSnapshot } from '../../relay/cluster/domain-machine.js';
import type { ConnectReply, Envelope, Input, JournalEntry } from '../../relay/cluster/inputs.js';
import type { Actor } from '../../relay/domain/model.js';
import { decodeSnapshot, encodeSnapshot, encodeSnapshotPieces } from '../../relay/persistence/relay-snapshot.js';
import { FILE_SECRET, IDENTITY_SECRET, QUEUE_A, QUEUE_B, SECRET } from './helpers.js';

const setup: MachineSetup = {
  config: parseConfig({ secret: SECRET, queues: [{ id: QUEUE_A, name: 'A', maxConversationsPerAgent: 5 }, { id: QUEUE_B, name: 'B', routing: 'offer' }] }),
  secrets: { agents: SECRET, identities: IDENTITY_SECRET, files: FILE_SECRET },
  epoch: 'epoch-1',
};

/** A leader's machine fed inputs one by one on a clock of its own, keeping the journal it would write. */
class Leader {
  readonly machine = new DomainMachine(setup);
  readonly journal: JournalEntry[] = [];
  now = Date.UTC(2025, 0, 1, 9);
  readonly #counts = new Map<string, number>();

  /** An input of `relay`, numbered next unless `n` is given; by default every earlier one counts as answered there. */
  feed(relay: string, input: Input, { n = this.#next(relay), answeredBelow = n }: { n?: number; answeredBelow?: number } = {}) {
    this.now += 250;
    const { result, entry } = this.machine.apply({ id: `${relay}:${n}`, relay, input, n, answeredBelow } satisfies Envelope, this.now);
    if (entry) this.journal.push(entry);
    return result;
  }

  #next(relay: string): number {
    const n = (this.#counts.get(relay) ?? 0) + 1;
    this.#counts.set(relay, n);
    return n;
  }

  connect(relay: string, socket: number, who: Extract<Input, { kind: 'connect' }>['who']): Actor {
    const reply = this.feed(relay, { kind: 'connect', socket, who, from: {} }).reply as ConnectReply;
    assert.ok('actor' in reply, JSON.stringify(reply));
    return reply.actor;
  }

  command(actor: Actor, command: DomainCommand) {
    return this.feed('relay-a', { kind: 'command', actor, command });
  }
}

const claims = (sub: string) => ({ sub, name: `Agent ${sub}`, roles: ['agent' as const], queues: ['*'], exp: 2e9 });
const conversationOf = (result: ReturnType<Leader['command']>) => {
  const ack = result.effects.find((e) => e.kind === 'send' && e.event.type === 'ack');
  assert.ok(ack?.kind === 'send' && ack.event.type === 'ack' && ack.event.conversation, JSON.stringify(result.effects));
  return ack.event.conversation;
};

/** A morning of inputs from two relays, as steps: hellos, routing by pick and by offer, messages, a transfer, typing, closes, a relay gone, ticks. */
function morning(leader: Leader): Array<() => void> {
  const steps: Array<() => void> = [];
  let maija: Actor, pekka: Actor, alice: Actor, bob: Actor, conversation = '';
  steps.push(() => (maija = leader.connect('relay-a', 1, { role: 'customer' })));
  steps.push(() => (alice = leader.connect('relay-b', 1, { role: 'agent', claims: claims('alice') })));
  steps.push(() => (bob = leader.connect('relay-a', 2, { role: 'agent', claims: claims('bob') })));
  steps.push(() => leader.command(alice, { type: 'sign-in', id: 's1', queues: [QUEUE_A, QUEUE_B] }));
  steps.push(() => leader.command(bob, { type: 'sign-in', id: 's2', queues: [QUEUE_A] }));
  steps.push(() => leader.command(maija, { type: 'join', id: 'j1', queue: QUEUE_A, name: 'Maija' }));
  steps.push(() => (conversation = conversationOf(leader.command(alice, { type: 'pick', id: 'p1', queue: QUEUE_A }))));
  for (let i = 0; i < 6; i++) {
    steps.push(() => leader.command(maija, { type: 'send', id: `m${i}`, conversation, text: `Maija ${i}` }));
    steps.push(() => leader.command(alice, { type: 'send', id: `a${i}`, conversation, text: `Alice ${i}`, ...(i === 2 ? { private: true } : {}) }));
  }
  steps.push(() => leader.feed('relay-b', { kind: 'tick' }));
  // Reads are answered but never journaled: they must not make the leader's answer book differ from a replay's.
  steps.push(() => leader.feed('relay-a', { kind: 'may-upload', who: maija.id, conversation }));
  steps.push(() => leader.feed('relay-a', { kind: 'file-for', who: maija.id, conversation, file: 'none' }));
  steps.push(() => (pekka = leader.connect('relay-b', 2, { role: 'customer' })));
  steps.push(() => leader.command(pekka, { type: 'join', id: 'j2', queue: QUEUE_B, name: 'Pekka' }));
  steps.push(() => leader.feed('relay-b', { kind: 'tick' }));
  steps.push(() => leader.command(alice, { type: 'transfer', id: 't1', conversation, to: { agent: 'agent:bob' } }));
  steps.push(() => {
    const request = [...leader.machine.store.requests()][0]!;
    leader.command(bob, { type: 'answer-request', id: 'r1', request: request.id, accept: true });
  });
  steps.push(() => leader.command(bob, { type: 'typing', id: 'y1', conversation, typing: true }));
  steps.push(() => leader.command(bob, { type: 'send', id: 'b1', conversation, text: 'Bob here' }));
  steps.push(() => leader.feed('relay-a', { kind: 'disconnect', actor: maija, socket: 1 }));
  steps.push(() => leader.feed('relay-b', { kind: 'relay-gone', relay: 'relay-b' }));
  steps.push(() => leader.feed('relay-a', { kind: 'tick' }));
  return steps;
}

/** The snapshot now, encoded at once: as the leader does, before anything changes the state. */
function snapshotOf(leader: Leader, journal: string): MachineSnapshot {
  const snapshot = leader.machine.snapshot(leader.now, journal);
  return { ...snapshot, relay: [...snapshot.relay].join('') };
}

/** The state a relay taking over rebuilds: `snapshot` (or nothing), then the journal entries after it. */
function takeOver(snapshot: MachineSnapshot | undefined, entries: readonly JournalEntry[]): DomainMachine {
  const machine = snapshot ? DomainMachine.restore(setup, snapshot) : new DomainMachine(setup);
  // Through JSON, as Redis keeps them.
  for (const entry of JSON.parse(JSON.stringify(entries)) as JournalEntry[]) machine.replay(entry);
  return machine;
}

/** The same state, who is typing aside: that is not kept (README, What survives what). */
const sameState = (a: DomainMachine, b: DomainMachine) => {
  const plain = (machine: DomainMachine) => ({ ...machine.store.snapshot(), conversations: machine.store.snapshot().conversations.map(({ typing: _, ...rest }) => rest) });
  assert.deepEqual(plain(b), plain(a));
  assert.deepEqual(b.book.snapshot(), a.book.snapshot());
  assert.equal(b.keptAnswers, a.keptAnswers, 'the same answers kept for repeats');
  assert.equal(b.epoch, a.epoch);
};

describe('the shared state machine', () => {
  it('a relay taking over from the journal alone ends in the leader\'s state', () => {
    const leader = new Leader();
    for (const step of morning(leader)) step();
    assert.ok(leader.journal.length >= 30, `${leader.journal.length} inputs journaled`);
    sameState(leader.machine, takeOver(undefined, leader.journal));
  });

  it('so does one taking over from a snapshot taken anywhere in the morning and the journal after it', () => {
    const total = morning(new Leader()).length;
    for (const at of [1, 7, 12, total - 6, total - 3, total - 1]) {
      const leader = new Leader();
      const steps = morning(leader);
      steps.slice(0, at).forEach((step) => step());
      const snapshot = snapshotOf(leader, `after ${at}`);
      const cut = leader.journal.length;
      steps.slice(at).forEach((step) => step());
      sameState(leader.machine, takeOver(snapshot, leader.journal.slice(cut)));
    }
  });

  it('answers an input sent again with its first answer, deciding nothing, however many inputs came between', () => {
    const leader = new Leader();
    const hello: Input = { kind: 'connect', socket: 1, who: { role: 'customer' }, from: {} };
    const first = leader.feed('relay-a', hello, { n: 1, answeredBelow: 1 });
    const customer = (first.reply as { actor: Actor }).actor;
    // The answer went astray; meanwhile the other relay's clients keep the leader busy.
    const agent = leader.connect('relay-b', 1, { role: 'agent', claims: claims('alice') });
    for (let i = 0; i < 5_000; i++) leader.feed('relay-b', { kind: 'command', actor: agent, command: { type: 'presence', id: `p${i}`, presence: i % 2 ? 'away' : 'available' } });
    const before = JSON.stringify([...leader.machine.store.customers()]);
    const journaled = leader.journal.length;
    const again = leader.feed('relay-a', hello, { n: 1, answeredBelow: 1 });
    assert.deepEqual(again.reply, first.reply);
    assert.deepEqual(again.effects, []);
    assert.equal(JSON.stringify([...leader.machine.store.customers()]), before, 'no second customer');
    assert.equal(leader.journal.length, journaled, 'not journaled again');
    // Its next input says it has the answer: a late copy of the first is then dropped, and forgotten.
    leader.feed('relay-a', { kind: 'command', actor: customer, command: { type: 'join', id: 'j1', queue: QUEUE_A, name: 'Maija' } }, { n: 2, answeredBelow: 2 });
    const late = leader.feed('relay-a', hello, { n: 1, answeredBelow: 1 });
    assert.equal(late.reply, undefined);
    assert.deepEqual(late.effects, []);
    assert.equal([...leader.machine.store.customers()].length, 1, 'still one customer');
  });

  it('keeps only the answers relays still wait for', () => {
    const leader = new Leader();
    const agent = leader.connect('relay-b', 1, { role: 'agent', claims: claims('alice') });
    // relay-b gets every answer at once; relay-a's answers to 3 and 4 are still on their way.
    for (let i = 0; i < 1_000; i++) leader.feed('relay-b', { kind: 'command', actor: agent, command: { type: 'presence', id: `p${i}`, presence: 'away' } });
    for (let n = 1; n <= 4; n++) leader.feed('relay-a', { kind: 'connect', socket: n, who: { role: 'customer' }, from: {} }, { n, answeredBelow: n <= 2 ? 1 : 3 });
    assert.equal(leader.machine.keptAnswers, 3, "relay-b's last, relay-a's 3 and 4");
    // A snapshot keeps them: a repeat to the next leader is still answered, not decided.
    const restored = DomainMachine.restore(setup, snapshotOf(leader, 'x'));
    assert.equal(restored.keptAnswers, 3);
    const customers = [...restored.store.customers()].length;
    restored.apply({ id: 'relay-a:4', relay: 'relay-a', n: 4, answeredBelow: 3, input: { kind: 'connect', socket: 4, who: { role: 'customer' }, from: {} } }, leader.now + 1000);
    assert.equal([...restored.store.customers()].length, customers);
    // A relay silent for a day is gone for good: its answers go with the next tick.
    leader.now += 25 * 60 * 60_000;
    leader.feed('relay-b', { kind: 'tick' });
    assert.equal(leader.machine.keptAnswers, 1, "only relay-b's last");
  });

  it('answers an input the domain fails on as an internal error, goes on, and fails it the same way in a replay', (t) => {
    t.mock.method(console, 'error', () => {});
    const leader = new Leader();
    const agent = leader.connect('relay-a', 1, { role: 'agent', claims: claims('alice') });
    // No such command passes the relay's schema: here it stands for any fault of the domain.
    const broken = leader.command(agent, { type: 'no-such-command', id: 'x1' } as unknown as DomainCommand);
    assert.deepEqual(
      broken.effects.map((e) => (e.kind === 'send' ? e.event : e)),
      [{ type: 'error', code: 'internal', message: 'the relay could not carry this out', id: 'x1' }],
    );
    const signedIn = leader.command(agent, { type: 'sign-in', id: 's1', queues: [QUEUE_A] });
    assert.ok(signedIn.effects.some((e) => e.kind === 'send' && e.event.type === 'ack'), 'the next input is decided as ever');
    assert.equal(leader.journal.length, 3, 'the failed input is journaled too');
    sameState(leader.machine, takeOver(undefined, leader.journal));
  });

  it('writes a snapshot in pieces that reads back as the one written whole', () => {
    const leader = new Leader();
    for (const step of morning(leader)) step();
    const { relay } = leader.machine.snapshot(leader.now, 'x');
    const pieces = [...relay];
    assert.ok(pieces.length > 20, 'in many pieces');
    const decodedPieces = decodeSnapshot(pieces.join(''));
    assert.ok(decodedPieces.ok);
    const whole = decodeSnapshot(encodeSnapshot(decodedPieces.snapshot));
    assert.ok(whole.ok);
    assert.deepEqual(decodedPieces.snapshot, whole.snapshot);
    assert.deepEqual(decodeSnapshot([...encodeSnapshotPieces(decodedPieces.snapshot)].join('')), whole);
  });
});
