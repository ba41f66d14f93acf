/**
 * Races (#10): the same customer in two tabs gets one conversation; transfer, accept, invite and
 * pick races leave each customer in exactly one place with one owner.
 *
 * On the pure domain, fast-check generates thousands of interleavings of every actor's commands —
 * customers with several tabs, agents on pick and offer queues, an operator, the clock crossing
 * offer and request timeouts and grace periods — many of them made for a state that has just
 * changed. After every step the invariants of race-invariants.ts hold, every socket holds its
 * streams without gaps, and a refused command named a protocol error code and changed nothing.
 *
 * Through a real relay, racing commands go over real WebSockets at once, in sending orders and with
 * pauses fast-check generates: exactly one wins, the others get a clear code, and what every tab
 * and agent saw agrees with one conversation per customer and one owner.
 *
 * The seed is fixed; `TISKI_RACE_SEED` changes it, `TISKI_RACE_RUNS` the domain's runs (3000) and
 * `TISKI_RACE_RELAY_RUNS` the relay's per scenario (50).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PROTOCOL_VERSION, type CommandInput } from '../../protocol/index.js';
import { capacityIn } from '../../relay/domain/agents.js';
import { storeDigest } from './race-invariants.js';
import { raceSteps, type RaceModel } from './race-steps.js';
import { eventsOf, gaplessSeqs, QUEUE_A, QUEUE_B, startConversation, startTestRelay } from './helpers.js';
import { conversationsSeen, farewell, heldWhole, holds, judge, Outcomes, race, schedule, settle, type Racer } from './race-relay.js';
import { AGENTS, BILLING, SALES, SUPPORT, RaceWorld } from './race-world.js';

const SEED = Number(process.env.TISKI_RACE_SEED ?? 20250310);
const RUNS = Number(process.env.TISKI_RACE_RUNS ?? 3000);
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

  it('have checks that see a customer in two places, an owner who lost a conversation, a one-way offer, a gap on a socket and a changed state', () => {
    const caught = (corrupt: (world: RaceWorld) => void, what: RegExp) => {
      const world = busyWorld();
      corrupt(world);
      assert.throws(() => world.check('a corruption'), what);
    };
    caught((w) => w.store.queue(BILLING)!.waiting.push(w.customerIds[1]!), /is in 2 places/);
    caught((w) => w.store.agent(w.agentId(ANN))!.conversations.clear(), /does not list it/);
    caught((w) => delete w.store.customer(w.customerIds[1]!)!.waiting!.offer, /waiting record does not point at it/);
    caught((w) => {
      const conversation = [...w.store.conversations()][0]!;
      w.view.apply([{ kind: 'publish', topic: `agents:${conversation.id}`, event: { ...conversation.log[0]!, seq: conversation.log.length + 2 } }]);
    }, /got .* on its stream/);
    const world = busyWorld();
    const before = storeDigest(world.store);
    world.store.customer(world.customerIds[2]!)!.waiting!.joinedAt++;
    assert.notEqual(storeDigest(world.store), before);
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

/** Shrunk counterexamples of the generated runs, kept as they were found, and cases found reading the code they ran. */
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
  it('a guest whose conversations fill their capacity may still take over the conversation they are in by transfer', () => {
    const world = desk();
    const places = capacityIn(world.store, world.store.agent(world.agentId(BOB))!, SUPPORT);
    const conversation = served(world, 0, ANN);
    for (let slot = 1; slot < places; slot++) served(world, slot, BOB);
    const transferred = world.command(world.agentActor(ANN), { type: 'transfer', conversation, to: { queue: SUPPORT } });
    const invited = world.command(world.agentActor(ANN), { type: 'invite', conversation, to: { agent: world.agentId(BOB) } });
    assert.equal(world.command(world.agentActor(BOB), { type: 'answer-request', request: invited!.ack!.request!, accept: true })?.code, 'ack');
    assert.equal(world.command(world.agentActor(BOB), { type: 'answer-request', request: transferred!.ack!.request!, accept: true })?.code, 'ack');
    assert.equal(world.store.conversation(conversation)?.agent, world.agentId(BOB));
  });
});

const RELAY_SEED = SEED;
/** Interleavings per scenario through the real relay; six scenarios. */
const RELAY_RUNS = Number(process.env.TISKI_RACE_RELAY_RUNS ?? 50);
const OFFERS = 'tarjoukset';

describe('races through a real relay (generated sending orders)', () => {
  it('agents picking one customer, who may leave or open a tab at that moment: one conversation with one owner', async (t) => {
    const relay = await startTestRelay(t);
    let run = 0;
    const outcomes = new Outcomes();
    const setup = fc.record({ agents: fc.integer({ min: 2, max: 3 }), named: fc.boolean(), leaves: fc.boolean(), newTab: fc.boolean() });
    const cases = setup.chain((s) => schedule(s.agents + Number(s.leaves) + Number(s.newTab)).map((order) => ({ ...s, order })));
    await holds(
      fc.asyncProperty(cases, async ({ agents: count, named, leaves, newTab, order }) => {
        run++;
        const customer = await relay.customer(`Pick ${run}`, QUEUE_A);
        const me = customer.welcome.self.id;
        const agents = await Promise.all([...Array(count).keys()].map((k) => relay.agent(`pick-${run}-${k}`, [QUEUE_A])));
        const tab = newTab ? await relay.connect() : undefined;
        const racers: Racer[] = agents.map((agent, k) => ({
          name: `agent ${k}`,
          client: agent.client,
          command: named ? { type: 'pick', queue: QUEUE_A, customer: me } : { type: 'pick', queue: QUEUE_A },
        }));
        if (leaves) racers.push({ name: 'customer', client: customer.client, command: { type: 'leave' } });
        if (tab) racers.push({ name: 'new tab', client: tab, command: { type: 'hello', v: PROTOCOL_VERSION, role: 'customer', resume: customer.welcome.resumeToken! } });
        const answers = await race(racers, order);
        const pickLost = named ? ['customer-unavailable'] : ['queue-empty'];
        const winners = judge(racers, answers, { ...Object.fromEntries(agents.map((_, k) => [`agent ${k}`, pickLost])), customer: ['not-waiting'] }).filter((w) => w !== 'new tab');
        outcomes.add(winners);
        assert.equal(winners.length, 1, `one of the picks and the leave wins: ${winners}`);
        const clients = [customer.client, ...agents.map((a) => a.client), ...(tab ? [tab] : [])];
        await settle(relay, clients);

        const winner = winners[0]!;
        const conversation = relay.relay.store.customer(me)?.conversation;
        if (winner === 'customer') {
          assert.equal(conversation, undefined, 'the customer who left is in no conversation');
          assert.deepEqual(conversationsSeen(customer.client), []);
        } else {
          const owner = agents[Number(winner.split(' ')[1])]!;
          assert.equal(relay.relay.store.conversation(conversation!)?.agent, owner.welcome.self.id);
          for (const seer of [customer.client, ...(tab ? [tab] : [])]) {
            assert.deepEqual(conversationsSeen(seer), [conversation], 'every tab of the customer sees the one conversation');
            heldWhole(seer, conversation!, 'a tab of the customer');
          }
          for (const agent of agents) assert.deepEqual(conversationsSeen(agent.client), agent === owner ? [conversation] : [], 'only the winner has the conversation');
          const started = eventsOf(customer.client, conversation!).find((e) => e.type === 'conversation-started');
          assert.equal(started?.type === 'conversation-started' && started.agent.id, owner.welcome.self.id, 'the customer is told who serves them');
        }
        await farewell(clients);
      }),
      { seed: RELAY_SEED, numRuns: RELAY_RUNS },
    );
    outcomes.print(t.name);
  });

  it('two tabs of one customer saying hello and joining at the same moment: one waits, the other is told already-waiting, both see one conversation', async (t) => {
    const relay = await startTestRelay(t);
    let run = 0;
    const outcomes = new Outcomes();
    const cases = fc.record({ queues: fc.tuple(fc.constantFrom(QUEUE_A, QUEUE_B), fc.constantFrom(QUEUE_A, QUEUE_B)), firstStays: fc.boolean(), order: schedule(4) });
    await holds(
      fc.asyncProperty(cases, async ({ queues, firstStays, order }) => {
        run++;
        const first = await relay.connect();
        const welcome = await first.hello('customer');
        if (!firstStays) await first.close();
        const tabs = [await relay.connect(), await relay.connect()];
        const hello = { type: 'hello' as const, v: PROTOCOL_VERSION, role: 'customer' as const, resume: welcome.resumeToken! };
        const racers: Racer[] = tabs.flatMap((tab, k) => [
          { name: `hello ${k}`, client: tab, command: hello },
          { name: `join ${k}`, client: tab, command: { type: 'join', queue: queues[k]!, name: `Tabs ${run}`, message: `from tab ${k}` } },
        ]);
        // A page sends its join after its hello: each tab's two commands keep their order.
        const answers = await race(racers, { order: helloFirst(order.order), pauses: order.pauses });
        const winners = judge(racers, answers, { 'join 0': ['already-waiting'], 'join 1': ['already-waiting'] }).filter((w) => w.startsWith('join'));
        outcomes.add(winners);
        assert.equal(winners.length, 1, `one tab’s join wins: ${winners}`);
        for (const tab of tabs) assert.equal((await tab.next('welcome')).self.id, welcome.self.id, 'both tabs are the same customer');
        const queue = queues[Number(winners[0]!.split(' ')[1])]!;
        assert.equal(relay.relay.store.customer(welcome.self.id)?.waiting?.queue, queue);

        const agent = await relay.agent(`tabs-${run}`, [queue]);
        const picked = await agent.client.request({ type: 'pick', queue, customer: welcome.self.id });
        assert.equal(picked.type, 'ack');
        const clients = [...tabs, agent.client, ...(firstStays ? [first] : [])];
        await settle(relay, clients);
        const conversation = picked.type === 'ack' ? picked.conversation! : '';
        for (const tab of firstStays ? [first, ...tabs] : tabs) {
          assert.deepEqual(conversationsSeen(tab), [conversation], 'every tab sees the one conversation');
          heldWhole(tab, conversation, 'a tab');
        }
        await farewell(clients);
      }),
      { seed: RELAY_SEED, numRuns: RELAY_RUNS },
    );
    outcomes.print(t.name);
  });

  it('an offer accepted while another agent picks the customer and the customer leaves: one of them wins', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: OFFERS, name: 'Tarjoukset', routing: 'offer', offerTimeoutSeconds: 30 }] });
    let run = 0;
    const outcomes = new Outcomes();
    const cases = fc.boolean().chain((leaves) => schedule(leaves ? 3 : 2).map((order) => ({ leaves, order })));
    await holds(
      fc.asyncProperty(cases, async ({ leaves, order }) => {
        run++;
        // The picker is away, so the offer goes to the other agent; away agents may still pick (A2).
        const picker = await relay.agent(`offer-picker-${run}`, [OFFERS]);
        assert.equal((await picker.client.request({ type: 'presence', presence: 'away' })).type, 'ack');
        const offered = await relay.agent(`offered-${run}`, [OFFERS]);
        const customer = await relay.customer(`Offer ${run}`, OFFERS);
        const offer = await offered.client.next('offer');
        const racers: Racer[] = [
          { name: 'accept', client: offered.client, command: { type: 'accept', offer: offer.offer.id } },
          { name: 'pick', client: picker.client, command: { type: 'pick', queue: OFFERS, customer: customer.welcome.self.id } },
        ];
        if (leaves) racers.push({ name: 'leave', client: customer.client, command: { type: 'leave' } });
        const answers = await race(racers, order);
        const winners = judge(racers, answers, { accept: ['offer-unknown'], pick: ['customer-unavailable'], leave: ['not-waiting'] });
        outcomes.add(winners);
        assert.equal(winners.length, 1, `one wins: ${winners}`);
        const clients = [customer.client, picker.client, offered.client];
        await settle(relay, clients);
        const seen = conversationsSeen(customer.client);
        assert.equal(seen.length, winners[0] === 'leave' ? 0 : 1);
        const ownerClient = winners[0] === 'accept' ? offered : winners[0] === 'pick' ? picker : undefined;
        if (ownerClient) {
          assert.equal(relay.relay.store.conversation(seen[0]!)?.agent, ownerClient.welcome.self.id);
          assert.deepEqual(conversationsSeen(ownerClient.client), seen);
        }
        if (winners[0] !== 'accept') await offered.client.next('offer-withdrawn', (m) => m.offer === offer.offer.id);
        await farewell(clients);
      }),
      { seed: RELAY_SEED, numRuns: RELAY_RUNS },
    );
    outcomes.print(t.name);
  });

  it('a transfer accepted while its sender ends, releases or cancels it: one of them wins and the customer has one owner', async (t) => {
    const relay = await startTestRelay(t);
    let run = 0;
    const outcomes = new Outcomes();
    const cases = fc.constantFrom('end' as const, 'release' as const, 'cancel' as const).chain((does) => schedule(2).map((order) => ({ does, order })));
    await holds(
      fc.asyncProperty(cases, async ({ does, order }) => {
        run++;
        const { customer, agent: sender, conversation } = await startConversation(relay, `Transfer ${run}`, `sender-${run}`);
        const target = await relay.agent(`target-${run}`, [QUEUE_A]);
        const asked = await sender.client.request({ type: 'transfer', conversation, to: { agent: target.welcome.self.id } });
        assert.equal(asked.type, 'ack');
        const request = asked.type === 'ack' ? asked.request! : '';
        await target.client.next('request');
        const senderCommand: CommandInput = does === 'cancel' ? { type: 'cancel-request', request } : { type: does, conversation };
        const racers: Racer[] = [
          { name: 'accept', client: target.client, command: { type: 'answer-request', request, accept: true } },
          { name: does, client: sender.client, command: senderCommand },
        ];
        const answers = await race(racers, order);
        const winners = judge(racers, answers, { accept: ['request-unknown'], end: ['not-participant'], release: ['not-participant'], cancel: ['request-unknown'] });
        outcomes.add(winners);
        assert.equal(winners.length, 1, `one wins: ${winners}`);
        const clients = [customer.client, sender.client, target.client];
        await settle(relay, clients);
        const held = relay.relay.store.conversation(conversation)!;
        const owner = winners[0] === 'accept' ? target.welcome.self.id : sender.welcome.self.id;
        assert.equal(held.agent, owner, 'the winner decides the owner');
        assert.equal(held.ended, winners[0] === 'end' || winners[0] === 'release');
        // The customer’s view agrees: who joined by transfer, and whether it ended.
        const events = eventsOf(customer.client, conversation);
        gaplessSeqs(events, 'the customer');
        const joined = events.filter((e) => e.type === 'agent-joined').map((e) => (e.type === 'agent-joined' ? e.agent.id : ''));
        assert.deepEqual(joined, winners[0] === 'accept' ? [target.welcome.self.id] : []);
        assert.equal(events.filter((e) => e.type === 'conversation-ended').length, held.ended ? 1 : 0);
        if (winners[0] === 'accept') heldWhole(target.client, conversation, 'the new owner');
        await farewell(clients);
      }),
      { seed: RELAY_SEED, numRuns: RELAY_RUNS },
    );
    outcomes.print(t.name);
  });

  it('a transfer to a queue accepted by two agents at once while its sender may cancel or end: one wins', async (t) => {
    const relay = await startTestRelay(t);
    let run = 0;
    const outcomes = new Outcomes();
    const cases = fc.constantFrom('none' as const, 'cancel' as const, 'end' as const).chain((does) => schedule(does === 'none' ? 2 : 3).map((order) => ({ does, order })));
    await holds(
      fc.asyncProperty(cases, async ({ does, order }) => {
        run++;
        const { customer, agent: sender, conversation } = await startConversation(relay, `Queue transfer ${run}`, `queue-sender-${run}`);
        const candidates = await Promise.all([0, 1].map((k) => relay.agent(`candidate-${run}-${k}`, [QUEUE_B])));
        const asked = await sender.client.request({ type: 'transfer', conversation, to: { queue: QUEUE_B } });
        const request = asked.type === 'ack' ? asked.request! : assert.fail(`transfer refused: ${JSON.stringify(asked)}`);
        for (const candidate of candidates) await candidate.client.next('request', (m) => m.request.id === request);
        const racers: Racer[] = candidates.map((candidate, k) => ({ name: `candidate ${k}`, client: candidate.client, command: { type: 'answer-request', request, accept: true } }));
        if (does !== 'none') racers.push({ name: does, client: sender.client, command: does === 'cancel' ? { type: 'cancel-request', request } : { type: 'end', conversation } });
        const answers = await race(racers, order);
        const winners = judge(racers, answers, { 'candidate 0': ['request-unknown'], 'candidate 1': ['request-unknown'], cancel: ['request-unknown'], end: ['not-participant'] });
        outcomes.add(winners);
        assert.equal(winners.length, 1, `one wins: ${winners}`);
        const clients = [customer.client, sender.client, ...candidates.map((c) => c.client)];
        await settle(relay, clients);
        const held = relay.relay.store.conversation(conversation)!;
        const taker = winners[0]!.startsWith('candidate') ? candidates[Number(winners[0]!.split(' ')[1])]! : undefined;
        assert.equal(held.agent, (taker ?? sender).welcome.self.id);
        for (const candidate of candidates) assert.deepEqual(conversationsSeen(candidate.client), candidate === taker ? [conversation] : [], 'only the taker has the conversation');
        if (taker) heldWhole(taker.client, conversation, 'the taker');
        await farewell(clients);
      }),
      { seed: RELAY_SEED, numRuns: RELAY_RUNS },
    );
    outcomes.print(t.name);
  });

  it('an invitation and a transfer accepted at once, by two agents or one, while the owner may end: one owner, never a guest of their own conversation', async (t) => {
    const relay = await startTestRelay(t);
    let run = 0;
    const outcomes = new Outcomes();
    const cases = fc.record({ ends: fc.boolean(), oneAgent: fc.boolean() }).chain((s) => schedule(s.ends ? 3 : 2).map((order) => ({ ...s, order })));
    await holds(
      fc.asyncProperty(cases, async ({ ends, oneAgent, order }) => {
        run++;
        const { customer, agent: owner, conversation } = await startConversation(relay, `Conference ${run}`, `owner-${run}`);
        const guest = await relay.agent(`guest-${run}`, [QUEUE_A]);
        const taker = oneAgent ? guest : await relay.agent(`taker-${run}`, [QUEUE_A]);
        const invited = await owner.client.request({ type: 'invite', conversation, to: { agent: guest.welcome.self.id } });
        const transferred = await owner.client.request({ type: 'transfer', conversation, to: { agent: taker.welcome.self.id } });
        const invitation = invited.type === 'ack' ? invited.request! : assert.fail(JSON.stringify(invited));
        const transfer = transferred.type === 'ack' ? transferred.request! : assert.fail(JSON.stringify(transferred));
        await guest.client.next('request', (m) => m.request.id === invitation);
        await taker.client.next('request', (m) => m.request.id === transfer);
        const racers: Racer[] = [
          { name: 'invitation', client: guest.client, command: { type: 'answer-request', request: invitation, accept: true } },
          { name: 'transfer', client: taker.client, command: { type: 'answer-request', request: transfer, accept: true } },
        ];
        if (ends) racers.push({ name: 'end', client: owner.client, command: { type: 'end', conversation } });
        const answers = await race(racers, order);
        const winners = judge(racers, answers, { invitation: ['request-unknown'], transfer: ['request-unknown'], end: ['not-participant'] });
        outcomes.add(winners);
        assert.ok(!(winners.includes('transfer') && winners.includes('end')), `the transfer and the end do not both win: ${winners}`);
        const clients = [...new Set([customer.client, owner.client, guest.client, taker.client])];
        await settle(relay, clients);
        const held = relay.relay.store.conversation(conversation)!;
        assert.equal(held.agent, (winners.includes('transfer') ? taker : owner).welcome.self.id);
        // One agent taking both becomes the owner, whichever came first, and is no guest.
        const guestIn = winners.includes('invitation') && !(oneAgent && winners.includes('transfer'));
        if (!held.ended) assert.equal(held.guests.has(guest.welcome.self.id), guestIn, 'the guest is in iff their accept won');
        const takerHas = winners.includes('transfer') || (oneAgent && winners.includes('invitation'));
        assert.equal(conversationsSeen(taker.client).length, takerHas ? 1 : 0);
        gaplessSeqs(eventsOf(customer.client, conversation), 'the customer');
        await farewell(clients);
      }),
      { seed: RELAY_SEED, numRuns: RELAY_RUNS },
    );
    outcomes.print(t.name);
  });
});

/** The same interleaving of two tabs, with each tab's hello (even index) before its join (odd index). */
function helloFirst(order: readonly number[]): number[] {
  const seen = new Set<number>();
  return order.map((index) => {
    const tab = Math.floor(index / 2);
    const first = !seen.has(tab);
    seen.add(tab);
    return tab * 2 + (first ? 0 : 1);
  });
}
