/**
 * Generated steps for fast-check's model-based runner over a RaceWorld: one intent, a race of a
 * few intents resolved against the same state and then run one after another, or a contest where
 * several actors go for the same customer or the same request and at most one may win.
 */
import assert from 'node:assert/strict';
import fc, { type Arbitrary } from 'fast-check';
import { answer, ask, intent, type Intent } from './race-intents.js';
import { resolve } from './race-resolve.js';
import { AGENTS, CUSTOMERS, QUEUES, SUPPORT, type RaceWorld, type Reply } from './race-world.js';

/** What the model keeps between steps: how many contests had a winner, for the report. */
export interface RaceModel {
  contests: number;
  won: number;
}

type Way = 'named' | 'next' | 'offer' | 'customer-leaves' | 'customer-goes';

export type Plan =
  | { kind: 'steps'; intents: Intent[] }
  | { kind: 'customer'; c: number; ways: Array<{ a: number; way: Way }> }
  | { kind: 'request'; n: number; answers: Array<{ a: number; accept: boolean }>; owner?: { at: number; does: 'end' | 'cancel' | 'release' | 'transfer' | 'goes' } }
  | { kind: 'tabs'; c: number; queues: string[]; pickBy?: number };

class RaceStep implements fc.Command<RaceModel, RaceWorld> {
  constructor(readonly plan: Plan) {}

  check(): boolean {
    return true;
  }

  run(model: RaceModel, world: RaceWorld): void {
    switch (this.plan.kind) {
      case 'steps': {
        const resolved = this.plan.intents.map((i) => resolve(world, i));
        for (const step of resolved) step.run();
        return;
      }
      case 'customer':
        return this.#customerContest(model, world, this.plan);
      case 'request':
        return this.#requestContest(model, world, this.plan);
      case 'tabs':
        return this.#tabsContest(model, world, this.plan);
    }
  }

  /** Agents go for one customer by name, as next in line or by their offer, while the customer may leave. */
  #customerContest(model: RaceModel, world: RaceWorld, plan: Extract<Plan, { kind: 'customer' }>): void {
    const id = world.customerIds[plan.c];
    const queue = (id && world.store.customer(id)?.waiting?.queue) || SUPPORT;
    const intents = plan.ways.map(({ a, way }): Intent => {
      switch (way) {
        case 'named':
          return { kind: 'pick', a, queue, customer: plan.c };
        case 'next':
          return { kind: 'pick', a, queue };
        case 'offer':
          return { kind: 'accept', a, offer: { live: true, n: 0 } };
        case 'customer-leaves':
          return { kind: 'leave', c: plan.c };
        case 'customer-goes':
          return { kind: 'close-tab', c: plan.c, n: 0 };
      }
    });
    const replies = intents.map((i) => resolve(world, i)).map((step) => step.run());
    const winners = replies.filter((r) => takes(world, r, id));
    judge(model, winners.length, `agents going for customer ${id}: ${describe(intents, replies)}`);
  }

  /** Agents answer one transfer or invitation while its owner may end, cancel, release, transfer or go. */
  #requestContest(model: RaceModel, world: RaceWorld, plan: Extract<Plan, { kind: 'request' }>): void {
    const requests = [...world.store.requests()];
    const request = requests[plan.n % Math.max(1, requests.length)];
    if (!request) return;
    const conversation = { live: true, n: 0, id: request.conversation };
    const owner = AGENTS.findIndex((_, slot) => world.agentId(slot) === request.from);
    const intents: Intent[] = plan.answers.map(({ a, accept }) => ({ kind: 'answer', a, request: { live: true, n: 0, id: request.id }, accept }));
    if (plan.owner && owner >= 0) {
      const does: Intent =
        plan.owner.does === 'cancel'
          ? { kind: 'cancel', a: owner, request: { live: true, n: 0, id: request.id } }
          : plan.owner.does === 'transfer'
            ? { kind: 'transfer', a: owner, conv: conversation, to: { queue: SUPPORT } }
            : plan.owner.does === 'goes'
              ? { kind: 'customer-end', c: world.customerIds.indexOf(world.store.conversation(request.conversation)?.customer), conv: conversation }
              : { kind: plan.owner.does, a: owner, conv: conversation };
      intents.splice(plan.owner.at % (intents.length + 1), 0, does);
    }
    const replies = intents.map((i) => resolve(world, i)).map((step) => step.run());
    const winners = replies.filter((r, i) => intents[i]!.kind === 'answer' && r?.ack?.conversation !== undefined);
    judge(model, winners.length, `agents answering ${request.kind} ${request.id}: ${describe(intents, replies)}`);
  }

  /** Two tabs of one customer, one perhaps just opened, join at once while an agent may pick. */
  #tabsContest(model: RaceModel, world: RaceWorld, plan: Extract<Plan, { kind: 'tabs' }>): void {
    if (world.view.socketsOf(world.customerIds[plan.c] ?? '').length < 2) world.openTab(plan.c);
    const intents: Intent[] = plan.queues.map((queue) => ({ kind: 'join', c: plan.c, queue, message: true }));
    if (plan.pickBy !== undefined) intents.splice(1, 0, { kind: 'pick', a: plan.pickBy, queue: plan.queues[0]!, customer: plan.c });
    const replies = intents.map((i) => resolve(world, i)).map((step) => step.run());
    const joined = replies.filter((r, i) => intents[i]!.kind === 'join' && r?.code === 'ack');
    judge(model, joined.length, `tabs of customer ${plan.c} joining: ${describe(intents, replies)}`);
    const customer = world.store.customer(world.customerIds[plan.c] ?? '');
    if (joined.length && customer) {
      const places = (customer.waiting ? 1 : 0) + (customer.conversation ? 1 : 0);
      assert.equal(places, 1, `after the tabs joined, customer ${plan.c} is in one place`);
    }
  }

  toString(): string {
    return JSON.stringify(this.plan);
  }
}

/** Whether the reply is an ack that gave the customer a conversation. */
function takes(world: RaceWorld, reply: Reply | undefined, customer: string | undefined): boolean {
  const conversation = reply?.ack?.conversation;
  return !!customer && !!conversation && world.store.conversation(conversation)?.customer === customer;
}

function judge(model: RaceModel, winners: number, what: string): void {
  model.contests++;
  if (winners) model.won++;
  assert.ok(winners <= 1, `${winners} winners among ${what}`);
}

function describe(intents: readonly Intent[], replies: ReadonlyArray<Reply | undefined>): string {
  return intents.map((i, n) => `${JSON.stringify(i)} → ${replies[n]?.code ?? 'not sent'}`).join('; ');
}

const c = fc.nat(CUSTOMERS - 1);
const a = fc.nat(AGENTS.length - 1);
const queue = fc.constantFrom(...QUEUES);
const agentsApart = (min: number) => fc.uniqueArray(a, { minLength: min, maxLength: 3 });

const plans: Arbitrary<Plan> = fc.oneof(
  { weight: 10, arbitrary: intent.map((i): Plan => ({ kind: 'steps', intents: [i] })) },
  { weight: 6, arbitrary: fc.array(intent, { minLength: 2, maxLength: 3 }).map((intents): Plan => ({ kind: 'steps', intents })) },
  // A request asked, then answered in a race with whatever else happens at that moment.
  {
    weight: 3,
    arbitrary: fc
      .tuple(ask, answer, fc.array(intent, { maxLength: 2 }), fc.nat(2))
      .map(([asked, answered, others, at]): Plan => ({ kind: 'steps', intents: [asked, ...others.toSpliced(at, 0, answered)] })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('customer' as const),
      c,
      ways: agentsApart(2).chain((agents) =>
        fc.tuple(...agents.map((agent) => fc.constantFrom<Way>('named', 'named', 'next', 'offer').map((way) => ({ a: agent, way })))).chain((ways) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(ways) },
            { weight: 1, arbitrary: fc.tuple(fc.nat(ways.length), fc.constantFrom<Way>('customer-leaves', 'customer-goes')).map(([at, way]) => ways.toSpliced(at, 0, { a: 0, way })) },
          ),
        ),
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        kind: fc.constant('request' as const),
        n: fc.nat(2),
        answers: agentsApart(1).chain((agents) => fc.tuple(...agents.map((agent) => fc.boolean().map((accept) => ({ a: agent, accept: accept || agent % 2 === 0 }))))),
        owner: fc.record({ at: fc.nat(3), does: fc.constantFrom('end' as const, 'cancel' as const, 'release' as const, 'transfer' as const, 'goes' as const) }),
      },
      { requiredKeys: ['kind', 'n', 'answers'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tabs' as const), c, queues: fc.array(queue, { minLength: 2, maxLength: 2 }), pickBy: a }, { requiredKeys: ['kind', 'c', 'queues'] }) },
);

export const raceSteps = (maxCommands: number) => fc.commands([plans.map((plan) => new RaceStep(plan))], { maxCommands, size: "max" });
