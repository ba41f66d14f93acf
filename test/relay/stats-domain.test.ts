/**
 * Statistics per queue and agent (Q5) on the pure domain: scripted days at exact times in
 * Europe/Helsinki, every figure worked out by hand, hours and days across daylight saving.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatsReport, type DomainCommand, type DurationSummary, type StatsRange } from '../../protocol/index.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import { createQueue, deleteQueue, removeAgent } from '../../relay/domain/admin.js';
import type { Actor } from '../../relay/domain/model.js';
import { addDuration, durationBounds, emptyHistogram, quantile } from '../../relay/domain/stats/histogram.js';
import { keptDays } from '../../relay/domain/stats/memory-stats-book.js';
import { DomainDriver, type Input } from './domain-driver.js';

/** Pick routing, in Helsinki. */
const DESK = 'desk';
/** Offer routing with 10 s to answer, in Helsinki. */
const SALES = 'sales';
const ZONE = 'Europe/Helsinki';
const HOUR = 3_600_000;

/** An instant from a Helsinki wall-clock time written with its offset, e.g. `2026-01-14T09:00:00+02:00`. */
const at = (iso: string) => Date.parse(iso);
/** A winter day in Helsinki (UTC+2): `winter('09:00:12')`. */
const winter = (time: string) => at(`2026-01-14T${time}+02:00`);

class World extends DomainDriver {
  readonly olga: Actor;

  constructor(now: number, extraQueues: unknown[] = []) {
    super(
      parseConfig({
        customerGraceSeconds: 5,
        requestTimeoutSeconds: 60,
        queues: [
          { id: DESK, name: 'Desk', timeZone: ZONE, alertAfterSeconds: 0 },
          { id: SALES, name: 'Sales', timeZone: ZONE, routing: 'offer', offerTimeoutSeconds: 10, alertAfterSeconds: 0 },
          ...extraQueues,
        ],
      }),
      now,
    );
    this.olga = this.connectAgent('olga', { roles: ['agent', 'operator'], name: 'Olga' });
  }

  at(now: number): this {
    assert.ok(now >= this.now, 'the clock only moves forward');
    this.now = now;
    return this;
  }

  connectAgent(sub: string, claims: Partial<AgentClaims> = {}): Actor {
    const all: AgentClaims = { sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'], exp: this.now / 1000 + 400 * 86_400, ...claims };
    return this.domain.connectAgent(all, this.now).actor;
  }

  agent(sub: string, queues: string[]): Actor {
    const actor = this.connectAgent(sub);
    this.ok(actor, { type: 'sign-in', queues });
    return actor;
  }

  /** A new customer who joins `queue` now. */
  customer(queue: string, name = 'Customer'): Actor {
    const { actor } = this.domain.connectCustomer(undefined, this.now);
    this.ok(actor, { type: 'join', queue, name });
    return actor;
  }

  /** The agent picks the customer; returns the conversation. */
  pick(agent: Actor, customer: Actor, queue = DESK): string {
    const { ack } = this.ok(agent, { type: 'pick', queue, customer: customer.id });
    assert.ok(ack.conversation);
    return ack.conversation;
  }

  /** The customer joins and leaves again at once: one abandonment after 0 s, a quick way to put a count in an hour. */
  abandon(queue = DESK): void {
    this.ok(this.customer(queue), { type: 'leave' });
  }

  /** The id of the offer open for the agent now. */
  offerOf(agent: Actor): string {
    const offer = this.store.agent(agent.id)?.offer;
    assert.ok(offer, `${agent.id} has no offer`);
    return offer;
  }

  /** The report an operator gets with the `stats` command, checked against the wire contract. */
  report(queue: string, range: StatsRange = 'today'): StatsReport {
    const { effects } = this.ok(this.olga, { type: 'stats', queue, range });
    assert.equal(effects.length, 1);
    const [only] = effects;
    assert.ok(only?.kind === 'send' && only.to === this.olga.id && only.event.type === 'stats');
    return StatsReport.parse(only.event.report);
  }

  /** Sends a command with the given id, as a client resending after a drop does. */
  resend(actor: Actor, id: string, command: Input) {
    return this.domain.handle(actor, { ...command, id } as DomainCommand, this.now);
  }
}

/** The nearest-rank q-quantile of `values` (the ⌈q·n⌉-th smallest). */
function nearestRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1]!;
}

/** The width of the histogram bucket holding `seconds`: the documented bound of a quantile's error. */
function bucketWidth(seconds: number): number {
  const upper = durationBounds.findIndex((bound) => seconds < bound);
  if (upper === -1) return Infinity;
  return durationBounds[upper]! - (upper === 0 ? 0 : durationBounds[upper - 1]!);
}

/** Checks a summary against the exact values: count, average and max exact, median and p90 within their bucket. */
function assertSummary(summary: DurationSummary, seconds: number[], what: string): void {
  assert.equal(summary.count, seconds.length, `${what}: count`);
  if (!seconds.length) return assert.deepEqual(summary, { count: 0 }, `${what}: empty`);
  assert.equal(summary.average, seconds.reduce((a, b) => a + b, 0) / seconds.length, `${what}: average`);
  assert.equal(summary.max, Math.max(...seconds), `${what}: max`);
  for (const [name, q] of [['median', 0.5], ['p90', 0.9]] as const) {
    const truth = nearestRank(seconds, q);
    const estimate = summary[name]!;
    assert.ok(Math.abs(estimate - truth) <= bucketWidth(truth), `${what}: ${name} ${estimate} is within a bucket of ${truth}`);
    assert.ok(Math.abs(estimate - truth) <= Math.max(1, truth / 2), `${what}: ${name} ${estimate} is within half of ${truth}, or 1 s`);
  }
}

const zeroFigures = {
  offered: 0,
  accepted: 0,
  rejected: 0,
  timedOut: 0,
  handled: 0,
  abandoned: 0,
  transferred: 0,
  wait: { count: 0 },
  handling: { count: 0 },
  abandonedAfter: { count: 0 },
  ratings: { count: 0 },
};

describe('statistics: a scripted day', () => {
  /**
   * Desk, 2026-01-14 in Helsinki, every event in the hour 09–10:
   * waits 12, 40, 95, 200, 610 s and 45 s after a release; handling 60, 180, 300, 900 s and
   * 935 s for a transferred conversation (900 s of it with bob); abandoned after 30 s (left) and
   * 10 s (gone after the grace period); one transfer; one conversation released.
   */
  function scriptedDay() {
    const world = new World(winter('08:55:00'));
    const alice = world.agent('alice', [DESK]);
    const bob = world.agent('bob', [DESK]);

    const c1 = world.at(winter('09:00:00')).customer(DESK);
    const a = world.at(winter('09:00:12')).pick(alice, c1);
    const c2 = world.at(winter('09:00:30')).customer(DESK);
    const b = world.at(winter('09:01:10')).pick(alice, c2);
    world.at(winter('09:01:12')).ok(alice, { type: 'end', conversation: a });
    const c3 = world.at(winter('09:02:00')).customer(DESK);
    const c = world.at(winter('09:03:35')).pick(bob, c3);
    world.at(winter('09:04:10')).ok(alice, { type: 'end', conversation: b });
    const c4 = world.at(winter('09:05:00')).customer(DESK);
    world.at(winter('09:05:30')).ok(c4, { type: 'leave' });
    const c5 = world.at(winter('09:06:00')).customer(DESK);
    world.at(winter('09:08:35')).ok(bob, { type: 'end', conversation: c });
    const d = world.at(winter('09:09:20')).pick(bob, c5);
    const c6 = world.at(winter('09:10:00')).customer(DESK);
    world.at(winter('09:10:05')).domain.disconnect(c6, world.now);
    world.at(winter('09:10:10')).tick();
    assert.equal(world.store.customer(c6.id), undefined, 'c6 is gone');
    const c7 = world.at(winter('09:11:00')).customer(DESK);
    world.at(winter('09:12:00')).ok(bob, { type: 'release', conversation: d });
    const f = world.at(winter('09:12:45')).pick(alice, c5);
    const e = world.at(winter('09:21:10')).pick(alice, c7);
    const { ack } = world.at(winter('09:22:00')).ok(alice, { type: 'transfer', conversation: f, to: { agent: bob.id } });
    world.at(winter('09:22:20')).ok(bob, { type: 'answer-request', request: ack.request!, accept: true });
    world.at(winter('09:37:10')).ok(c7, { type: 'end', conversation: e });
    world.at(winter('09:37:20')).ok(bob, { type: 'end', conversation: f });
    world.at(winter('09:40:00'));
    return { world, alice, bob };
  }

  it('computes every figure of the queue', () => {
    const { world } = scriptedDay();
    const report = world.report(DESK);
    const { wait, handling, abandonedAfter, ...counts } = report.totals;
    assert.deepEqual(counts, { offered: 0, accepted: 6, rejected: 0, timedOut: 0, handled: 5, abandoned: 2, transferred: 1, ratings: { count: 0 } });
    assertSummary(wait, [12, 40, 95, 200, 610, 45], 'wait');
    assert.deepEqual(wait, { count: 6, average: 167, median: 60, p90: 604, max: 610 }, 'interpolated within the buckets [45, 60) and [600, 610]');
    // a 60, b 180, c 300, e 960 (09:21:10–09:37:10), f 1475 (09:12:45–09:37:20) of which 900 with bob.
    assertSummary(handling, [60, 180, 300, 960, 1475], 'handling');
    assertSummary(abandonedAfter, [30, 10], 'abandoned after');
    assert.equal(report.totals.wait.max, 610, 'the longest wait');
  });

  it('computes every figure of each agent, named', () => {
    const { world, alice, bob } = scriptedDay();
    const agents = world.report(DESK).agents;
    assert.deepEqual(agents.map((a) => [a.id, a.name]), [[alice.id, 'Agent alice'], [bob.id, 'Agent bob']]);
    const [ofAlice, ofBob] = agents.map((a) => a.figures);
    const counts = ({ wait, handling, abandonedAfter, ...rest }: StatsReport['totals']) => rest;
    assert.deepEqual(counts(ofAlice!), { ...counts(zeroFigures), accepted: 4, handled: 3, transferred: 1 });
    assertSummary(ofAlice!.wait, [12, 40, 45, 610], 'alice wait');
    assertSummary(ofAlice!.handling, [60, 180, 960], 'alice handling');
    assert.deepEqual(ofAlice!.abandonedAfter, { count: 0 });
    assert.deepEqual(counts(ofBob!), { ...counts(zeroFigures), accepted: 2, handled: 2 });
    assertSummary(ofBob!.wait, [95, 200], 'bob wait');
    assertSummary(ofBob!.handling, [300, 900], 'bob handling: his part of the transferred conversation');
  });

  it('puts the day into the hour of 09 of 24 hourly points from local midnight', () => {
    const { world } = scriptedDay();
    const report = world.report(DESK);
    assert.equal(report.timeZone, ZONE);
    assert.equal(report.from, at('2026-01-14T00:00:00+02:00'));
    assert.equal(report.to, at('2026-01-15T00:00:00+02:00'));
    assert.deepEqual(report.series.map((p) => p.label), Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')));
    assert.deepEqual(report.series.map((p) => p.start), Array.from({ length: 24 }, (_, h) => report.from + h * HOUR));
    const busy = report.series.filter((p) => p.accepted || p.handled || p.abandoned);
    assert.deepEqual(busy, [{ start: winter('09:00:00'), label: '09', accepted: 6, handled: 5, abandoned: 2, averageWait: 167 }]);
  });

  it('counts a resent command once', () => {
    const world = new World(winter('10:00:00'));
    const alice = world.agent('alice', [SALES, DESK]);
    const bob = world.agent('bob', [DESK]);
    const c1 = world.customer(SALES);
    const offer = world.offerOf(alice);
    for (let i = 0; i < 2; i++) world.resend(alice, 'reject-1', { type: 'reject', offer });
    world.at(winter('10:00:10')).tick();
    const offerAgain = world.offerOf(alice);
    for (let i = 0; i < 2; i++) world.resend(alice, 'accept-1', { type: 'accept', offer: offerAgain });
    const conversation = world.store.customer(c1.id)!.conversation!;
    const { ack } = world.ok(alice, { type: 'transfer', conversation, to: { agent: bob.id } });
    for (let i = 0; i < 2; i++) world.resend(bob, 'answer-1', { type: 'answer-request', request: ack.request!, accept: true });
    for (let i = 0; i < 2; i++) world.resend(bob, 'end-1', { type: 'end', conversation });
    const c2 = world.customer(DESK);
    for (let i = 0; i < 2; i++) world.resend(c2, 'leave-1', { type: 'leave' });

    const sales = world.report(SALES).totals;
    assert.deepEqual(
      [sales.offered, sales.rejected, sales.accepted, sales.transferred, sales.handled, sales.abandoned],
      [2, 1, 1, 1, 1, 0],
    );
    assert.equal(world.report(DESK).totals.abandoned, 1);
  });
});

describe('statistics: offers', () => {
  it('counts offers made, rejected, timed out and accepted, per agent', () => {
    const world = new World(winter('10:00:00'));
    const alice = world.agent('alice', [SALES]);
    const bob = world.agent('bob', [SALES]);
    world.customer(SALES);
    world.at(winter('10:00:04')).ok(alice, { type: 'reject', offer: world.offerOf(alice) });
    world.offerOf(bob);
    world.at(winter('10:00:14')).tick();
    assert.equal(world.store.agent(bob.id)?.presence, 'no-answer', 'bob missed it');
    world.at(winter('10:00:20')).ok(alice, { type: 'accept', offer: world.offerOf(alice) });

    const report = world.report(SALES);
    assert.deepEqual(report.totals, { ...zeroFigures, offered: 3, rejected: 1, timedOut: 1, accepted: 1, wait: { count: 1, average: 20, median: 20, p90: 20, max: 20 } });
    assert.deepEqual(
      report.agents.map((a) => [a.name, a.figures.offered, a.figures.rejected, a.figures.timedOut, a.figures.accepted]),
      [['Agent alice', 2, 1, 0, 1], ['Agent bob', 1, 0, 1, 0]],
    );
  });

  it('counts a pick as accepted, also of a customer on offer to someone else', () => {
    const world = new World(winter('10:00:00'));
    const alice = world.agent('alice', [SALES]);
    const bob = world.agent('bob', [SALES]);
    const customer = world.customer(SALES);
    world.offerOf(alice);
    world.at(winter('10:00:03')).pick(bob, customer, SALES);
    const { offered, accepted, rejected, timedOut, wait } = world.report(SALES).totals;
    assert.deepEqual([offered, accepted, rejected, timedOut, wait.max], [1, 1, 0, 0, 3]);
  });
});

describe('statistics: hours and days in the queue’s time zone', () => {
  it('counts the last second of a local day on that day, the next one on the next', () => {
    const world = new World(at('2026-01-14T23:59:59+02:00'));
    world.abandon();
    world.at(at('2026-01-15T00:00:00+02:00')).abandon();
    world.abandon();
    const today = world.report(DESK);
    assert.equal(today.from, at('2026-01-14T22:00:00Z'));
    assert.equal(today.totals.abandoned, 2);
    assert.deepEqual(today.series[0], { start: today.from, label: '00', accepted: 0, handled: 0, abandoned: 2 });
    const week = world.report(DESK, '7d');
    assert.deepEqual(week.series.slice(-2).map((p) => [p.label, p.abandoned]), [['2026-01-14', 1], ['2026-01-15', 2]]);
  });

  it('counts the last second of an hour in it, the next in the next hour', () => {
    const world = new World(winter('09:59:59'));
    world.abandon();
    world.at(winter('10:00:00')).abandon();
    const series = world.report(DESK).series;
    assert.deepEqual(series.slice(9, 11).map((p) => [p.label, p.abandoned]), [['09', 1], ['10', 1]]);
  });

  it('has 23 hours on the day summer time begins, 02 followed by 04', () => {
    const world = new World(at('2026-03-29T00:10:00+02:00'));
    world.abandon();
    world.at(at('2026-03-29T02:59:59+02:00')).abandon();
    world.at(at('2026-03-29T04:00:00+03:00')).abandon();
    world.at(at('2026-03-29T23:59:59+03:00')).abandon();
    const report = world.report(DESK);
    assert.equal(report.series.length, 23);
    assert.equal(report.from, at('2026-03-28T22:00:00Z'));
    assert.equal(report.to, at('2026-03-29T21:00:00Z'));
    assert.deepEqual(report.series.slice(0, 5).map((p) => p.label), ['00', '01', '02', '04', '05']);
    assert.deepEqual(report.series.map((p) => p.abandoned), [1, 0, 1, 1, ...new Array(18).fill(0), 1]);
    assert.equal(report.series[3]!.start, at('2026-03-29T01:00:00Z'));
  });

  it('has 25 hours on the day summer time ends, the hour 03 twice', () => {
    const world = new World(at('2026-10-25T03:30:00+03:00'));
    world.abandon();
    world.at(at('2026-10-25T03:30:00+02:00')).abandon();
    world.abandon();
    world.at(at('2026-10-25T23:59:59+02:00')).abandon();
    const report = world.report(DESK);
    assert.equal(report.series.length, 25);
    assert.equal(report.from, at('2026-10-24T21:00:00Z'));
    assert.equal(report.to, at('2026-10-25T22:00:00Z'));
    assert.deepEqual(report.series.slice(2, 6).map((p) => [p.label, p.start, p.abandoned]), [
      ['02', at('2026-10-24T23:00:00Z'), 0],
      ['03', at('2026-10-25T00:00:00Z'), 1],
      ['03', at('2026-10-25T01:00:00Z'), 2],
      ['04', at('2026-10-25T02:00:00Z'), 0],
    ]);
    assert.equal(report.series.at(-1)!.abandoned, 1);
    assert.equal(report.totals.abandoned, 4);
  });

  it('gives the last 7 and 30 local days by day, the daylight-saving days 23 and 25 hours long', () => {
    const world = new World(at('2026-03-03T12:00:00+02:00'));
    world.abandon(); // 30 days before 2026-04-02: outside both ranges
    world.at(at('2026-03-04T00:00:00+02:00')).abandon(); // the first day of the 30
    world.at(at('2026-03-27T12:00:00+02:00')).abandon(); // the first day of the 7
    world.at(at('2026-03-29T23:30:00+03:00')).abandon();
    world.at(at('2026-03-30T00:30:00+03:00')).abandon();
    world.at(at('2026-04-02T08:00:00+03:00')).abandon();
    world.at(at('2026-04-02T10:00:00+03:00'));

    const week = world.report(DESK, '7d');
    assert.deepEqual(week.series.map((p) => p.label), ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02']);
    assert.deepEqual(week.series.map((p) => p.abandoned), [1, 0, 1, 1, 0, 0, 1]);
    assert.equal(week.from, at('2026-03-27T00:00:00+02:00'));
    assert.equal(week.to, at('2026-04-03T00:00:00+03:00'));
    assert.equal(week.series[3]!.start - week.series[2]!.start, 23 * HOUR, 'the 29th is 23 hours long');
    assert.equal(week.totals.abandoned, 4);

    const month = world.report(DESK, '30d');
    assert.equal(month.series.length, 30);
    assert.deepEqual([month.series[0]!.label, month.series.at(-1)!.label], ['2026-03-04', '2026-04-02']);
    assert.equal(month.from, at('2026-03-04T00:00:00+02:00'));
    assert.deepEqual([month.series[0]!.abandoned, month.totals.abandoned], [1, 5]);

    world.at(at('2026-10-27T10:00:00+02:00')).abandon();
    const autumn = world.report(DESK, '7d');
    const sunday = autumn.series.find((p) => p.label === '2026-10-25')!;
    const monday = autumn.series.find((p) => p.label === '2026-10-26')!;
    assert.equal(monday.start - sunday.start, 25 * HOUR, 'the 25th is 25 hours long');
  });

  it('keeps 32 local days of hours and drops older ones as days pass', () => {
    assert.equal(keptDays, 32);
    const world = new World(at('2026-01-01T10:00:00+02:00'));
    world.abandon();
    const first = at('2026-01-01T10:00:00+02:00');
    world.at(at('2026-02-01T23:00:00+02:00')).abandon();
    assert.ok(world.store.stats.hoursKept(DESK).includes(first), 'the 1st is kept on the 32nd day');
    world.at(at('2026-02-02T00:00:00+02:00')).abandon();
    assert.deepEqual(world.store.stats.hoursKept(DESK), [at('2026-02-01T23:00:00+02:00'), at('2026-02-02T00:00:00+02:00')]);
    world.at(at('2026-03-10T00:00:00+02:00'));
    assert.equal(world.report(DESK, '30d').totals.abandoned, 0);
    assert.deepEqual(world.store.stats.hoursKept(DESK), [], 'a report drops them too');
  });
});

describe('statistics: agents, ratings, zones and operators', () => {
  it('names agents as the store does now, or as last seen once removed', () => {
    const world = new World(winter('10:00:00'));
    const alice = world.agent('alice', [DESK]);
    const bob = world.agent('bob', [DESK]);
    world.pick(alice, world.customer(DESK));
    world.pick(bob, world.customer(DESK));
    world.connectAgent('alice', { name: 'Alice Aalto' });
    world.domain.admin(world.now, (ctx) => removeAgent(ctx, 'bob'));
    assert.deepEqual(world.report(DESK).agents.map((a) => [a.id, a.name]), [[bob.id, 'Agent bob'], [alice.id, 'Alice Aalto']]);
    assert.deepEqual(world.report(SALES).agents, [], 'only agents with figures in the range');
  });

  it('reports ratings given through the book, per agent', () => {
    const world = new World(winter('10:00:00'));
    const moment = { queue: DESK, timeZone: ZONE, now: world.now };
    world.store.stats.rating(moment, { id: 'agent:alice', name: 'Alice' }, 5);
    world.store.stats.rating(moment, { id: 'agent:alice', name: 'Alice' }, 4);
    world.store.stats.rating(moment, { id: 'agent:bob', name: 'Bob' }, 2);
    const report = world.report(DESK);
    assert.deepEqual(report.totals.ratings, { count: 3, average: 3.67 });
    assert.deepEqual(report.agents.map((a) => [a.name, a.figures.ratings]), [['Alice', { count: 2, average: 4.5 }], ['Bob', { count: 1, average: 2 }]]);
  });

  it('follows the queue’s time zone, else its schedule’s, else UTC; refuses a zone that is not IANA', () => {
    const schedule = (timeZone: string) => ({ timeZone, weekly: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '16:00' }] });
    const world = new World(winter('10:00:00'), [
      { id: 'own', name: 'Own', timeZone: 'Europe/London', schedule: schedule('Europe/Stockholm') },
      { id: 'scheduled', name: 'Scheduled', schedule: schedule('Europe/Stockholm') },
      { id: 'plain', name: 'Plain' },
    ]);
    assert.deepEqual(['own', 'scheduled', 'plain'].map((q) => world.report(q).timeZone), ['Europe/London', 'Europe/Stockholm', 'UTC']);
    assert.equal(world.report('plain').from, at('2026-01-14T00:00:00Z'));
    for (const timeZone of ['+02:00', 'Mars/Olympus_Mons', '']) {
      assert.throws(() => parseConfig({ queues: [{ id: 'q', name: 'Q', timeZone }] }), /IANA time zone/, timeZone);
    }
  });

  it('answers operators only: plain agents and customers are refused, unknown and disallowed queues too', () => {
    const world = new World(winter('10:00:00'));
    const alice = world.agent('alice', [DESK]);
    const customer = world.customer(DESK);
    assert.equal(world.refused(alice, { type: 'stats', queue: DESK, range: 'today' }), 'forbidden');
    assert.equal(world.refused(customer, { type: 'stats', queue: DESK, range: 'today' }), 'forbidden');
    assert.equal(world.refused(world.olga, { type: 'stats', queue: 'nowhere', range: '7d' }), 'queue-unknown');
    const narrow = world.connectAgent('nina', { roles: ['agent', 'operator'], queues: [SALES] });
    assert.equal(world.refused(narrow, { type: 'stats', queue: DESK, range: 'today' }), 'queue-not-allowed');
    assert.equal(world.report(DESK, '30d').series.length, 30);
  });

  it('forgets a deleted queue’s figures: a new queue of that id starts afresh', () => {
    const world = new World(winter('10:00:00'));
    world.abandon();
    world.domain.admin(world.now, (ctx) => deleteQueue(ctx, DESK));
    assert.deepEqual(world.store.stats.hoursKept(DESK), []);
    world.domain.admin(world.now, (ctx) => createQueue(ctx, parseConfig({ queues: [{ id: DESK, name: 'Desk', timeZone: ZONE }] }).queues[0]!));
    assert.deepEqual(world.report(DESK).totals, zeroFigures);
  });
});

describe('statistics: durations', () => {
  it('keep average and max exact and median and p90 within the bucket of the nearest-rank value', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    for (let round = 0; round < 50; round++) {
      const histogram = emptyHistogram();
      const seconds = Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.round(Math.exp(random() * Math.log(9000)) * 1000) / 1000);
      for (const s of seconds) addDuration(histogram, s * 1000);
      assert.equal(histogram.max, Math.max(...seconds));
      assert.ok(Math.abs(histogram.sum - seconds.reduce((a, b) => a + b, 0)) < 1e-6);
      for (const q of [0.5, 0.9]) {
        const truth = nearestRank(seconds, q);
        const estimate = quantile(histogram, q);
        assert.ok(Math.abs(estimate - truth) <= bucketWidth(truth), `q${q}: ${estimate} vs ${truth}`);
        if (truth < 7200) assert.ok(Math.abs(estimate - truth) <= Math.max(1, truth / 2), `q${q}: ${estimate} vs ${truth}`);
      }
    }
  });

  it('are counted in constant memory, whatever their number', () => {
    const histogram = emptyHistogram();
    for (let i = 0; i < 10_000; i++) addDuration(histogram, i * 1000);
    assert.equal(histogram.counts.length, durationBounds.length + 1);
    assert.equal(histogram.count, 10_000);
  });
});
