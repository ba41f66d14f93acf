/**
 * Races (#10): the same customer in two tabs gets one conversation; transfer, accept, invite and
 * pick races leave each customer in exactly one place with one owner.
 *
 * On the pure domain, fast-check generates thousands of interleavings of every actor's commands —
 * customers with several tabs, agents on pick and offer queues, an operator, the clock crossing
 * offer and request timeouts and grace periods — many of them made for a state that has just
 * changed. After every step the invariants of race-invariants.ts hold, every socket holds its
 * streams without gaps, and a refused command named a protocol error code and changed nothing.
 * The seed is fixed; `TISKI_RACE_SEED` and `TISKI_RACE_RUNS` change it and the number of runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { capacityIn } from '../../relay/domain/agents.js';
import { raceSteps, type RaceModel } from './race-steps.js';
import { AGENTS, BILLING, SALES, SUPPORT, RaceWorld } from './race-world.js';

const SEED = Number(process.env.TISKI_RACE_SEED ?? 20250310);
const RUNS = Number(process.env.TISKI_RACE_RUNS ?? 4000);
const COMMANDS_PER_RUN = 30;

const [ANN, BOB, CAI, OPS] = [0, 1, 2, 3];

/** Agents at their desks, a conversation going on and customers waiting in each kind of queue. */
function busyWorld(): RaceWorld {
  const world = new RaceWorld();
  AGENTS.forEach((_, slot) => world.connectAgent(slot));
  world.command(world.agentActor(ANN), { type: 'sign-in', queues: [SUPPORT, SALES] });
  world.command(world.agentActor(BOB), { type: 'sign-in', queues: [SUPPORT, SALES, BILLING] });
  world.command(world.agentActor(CAI), { type: 'sign-in', queues: [SALES, BILLING] });
  world.command(world.agentActor(OPS), { type: 'sign-in', queues: [SUPPORT] });
  world.openTab(0);
  world.openTab(0);
  world.openTab(1);
  world.openTab(2);
  world.command(world.customerActor(0)!, { type: 'join', queue: SUPPORT, name: 'C0', message: 'Hello' });
  world.command(world.customerActor(1)!, { type: 'join', queue: SALES, name: 'C1' });
  world.command(world.customerActor(2)!, { type: 'join', queue: SUPPORT, name: 'C2' });
  world.command(world.agentActor(ANN), { type: 'pick', queue: SUPPORT });
  return world;
}

describe('races on the domain (generated interleavings)', () => {
  it('leave every customer in one place with one owner, whatever order commands, timeouts and tabs come in', () => {
    const totals = { runs: 0, commands: 0, acks: 0, refusals: 0, ticks: 0, contests: 0, won: 0, codes: new Map<string, number>(), acked: new Map<string, number>() };
    const started = performance.now();
    const details = fc.check(
      fc.property(raceSteps(COMMANDS_PER_RUN), (steps) => {
        const world = busyWorld();
        const model: RaceModel = { contests: 0, won: 0 };
        fc.modelRun(() => ({ model, real: world }), steps);
        totals.runs++;
        totals.commands += world.counts.commands;
        totals.acks += world.counts.acks;
        totals.refusals += world.counts.refusals;
        totals.ticks += world.counts.ticks;
        totals.contests += model.contests;
        totals.won += model.won;
        for (const [code, n] of world.counts.codes) totals.codes.set(code, (totals.codes.get(code) ?? 0) + n);
        for (const [type, n] of world.counts.acked) totals.acked.set(type, (totals.acked.get(type) ?? 0) + n);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (details.failed) assert.fail(`${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tally = (counts: Map<string, number>) => [...counts].sort((x, y) => y[1] - x[1]).map(([what, n]) => `${what} ${n}`).join(', ');
    console.log(
      `races: ${totals.runs} runs, ${totals.commands} commands (${totals.acks} acknowledged, ${totals.refusals} refused), ${totals.ticks} clock moves, ` +
        `${totals.contests} contests (${totals.won} with a winner) in ${seconds} s, seed ${SEED}\n  acknowledged: ${tally(totals.acked)}\n  refused: ${tally(totals.codes)}`,
    );
    assert.ok(totals.acks > totals.runs && totals.refusals > totals.runs && totals.won > RUNS / 10, 'the runs did something');
  });
});

/** Agents signed in where they may serve, with nobody waiting yet. */
function desk(): RaceWorld {
  const world = new RaceWorld();
  AGENTS.forEach((_, slot) => world.connectAgent(slot));
  world.command(world.agentActor(ANN), { type: 'sign-in', queues: [SUPPORT, SALES] });
  world.command(world.agentActor(BOB), { type: 'sign-in', queues: [SUPPORT, BILLING] });
  return world;
}

/** Customer `slot` opens a tab, joins `queue` and is picked by `agent`; returns the conversation. */
function served(world: RaceWorld, slot: number, agent: number, queue = SUPPORT): string {
  world.openTab(slot);
  const customer = world.customerActor(slot)!;
  assert.equal(world.command(customer, { type: 'join', queue, name: `C${slot}` })?.code, 'ack');
  const picked = world.command(world.agentActor(agent), { type: 'pick', queue, customer: customer.id });
  assert.equal(picked?.code, 'ack');
  return picked.ack!.conversation!;
}

/** Shrunk counterexamples of the generated runs, kept as they were found. */
describe('races found by the generated runs', () => {
  it('an agent whose conversations fill their capacity cannot take a transfer: the accept is refused with at-capacity', () => {
    const world = desk();
    const places = capacityIn(world.store, world.store.agent(world.agentId(ANN))!, SUPPORT);
    for (let slot = 0; slot < places; slot++) served(world, slot, ANN);
    const conversation = served(world, places, BOB);
    const asked = world.command(world.agentActor(BOB), { type: 'transfer', conversation, to: { agent: world.agentId(ANN) } });
    assert.equal(asked?.code, 'ack');
    const answer = world.command(world.agentActor(ANN), { type: 'answer-request', request: asked.ack!.request!, accept: true });
    assert.equal(answer?.code, 'at-capacity');
    assert.equal(world.store.conversation(conversation)?.agent, world.agentId(BOB), 'the sender keeps the conversation');
  });

  it('an invitation pending when its sender hands the conversation over ends with the transfer: the new owner cannot join as their own guest', () => {
    const world = desk();
    const conversation = served(world, 0, ANN);
    const bob = world.agentId(BOB);
    const invited = world.command(world.agentActor(ANN), { type: 'invite', conversation, to: { agent: bob } });
    const transferred = world.command(world.agentActor(ANN), { type: 'transfer', conversation, to: { queue: SUPPORT } });
    assert.equal(invited?.code, 'ack');
    assert.equal(transferred?.code, 'ack');
    assert.equal(world.command(world.agentActor(BOB), { type: 'answer-request', request: transferred.ack!.request!, accept: true })?.code, 'ack');
    assert.equal(world.command(world.agentActor(BOB), { type: 'answer-request', request: invited.ack!.request!, accept: true })?.code, 'request-unknown');
    const taken = world.store.conversation(conversation)!;
    assert.equal(taken.agent, bob);
    assert.deepEqual([...taken.guests], []);
  });

  it('a customer returning to an ended chat is not handed to its agent when their conversations and pending offer fill their places', () => {
    const world = desk();
    const places = capacityIn(world.store, world.store.agent(world.agentId(ANN))!, SUPPORT);
    for (let slot = 0; slot < places; slot++) served(world, slot, ANN);
    const ended = world.store.customer(world.customerIds[0]!)!.conversation!;
    assert.equal(world.command(world.customerActor(0)!, { type: 'end', conversation: ended })?.code, 'ack');
    world.openTab(places);
    assert.equal(world.command(world.customerActor(places)!, { type: 'join', queue: SALES, name: 'Late' })?.code, 'ack');
    const offer = world.store.agent(world.agentId(ANN))!.offer!;
    assert.ok(offer, 'ann, with a place left, is offered the sales customer');
    assert.equal(world.command(world.customerActor(0)!, { type: 'return-to-chat', conversation: ended })?.code, 'ack');
    assert.equal(world.store.customer(world.customerIds[0]!)?.waiting?.returning, ended, 'the returning customer waits first in line');
    assert.equal(world.command(world.agentActor(ANN), { type: 'accept', offer })?.code, 'ack');
  });
});
