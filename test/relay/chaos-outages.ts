/**
 * Long silent outages: every page of each group loses its network at once (a black hole: nothing
 * passes, nothing closes). The relay's heartbeat, which runs on real time, notices and closes its
 * ends. The relay's clock is then moved on so that, when each group's network comes back, exactly
 * its outage length has passed on it since the silence began; the resume window and the grace
 * periods see the whole outage. Back online, each page learns its socket died and reconnects.
 */
import assert from 'node:assert/strict';
import type { ClockDriver } from './chaos-clock.js';
import type { ChaosParticipant } from './chaos-participant.js';
import type { Random } from './chaos-random.js';
import { until, within, type TestRelay } from './helpers.js';

export interface OutageGroup {
  seconds: number;
  pages: ChaosParticipant[];
}

export interface OutageReport {
  seconds: number;
  /** Real milliseconds the relay's heartbeat took to close the silent connections. */
  noticedAfterMs: number;
  /** Relay-clock milliseconds each page had been gone, as the relay counts it, when it came back. */
  goneMs: number[];
  /** Histories that came back resumed, per page. */
  resumed: number[];
}

export async function longOutages(relay: TestRelay, driver: ClockDriver, random: Random, groups: readonly OutageGroup[]): Promise<OutageReport[]> {
  const store = relay.relay.store;
  const links = new Map(groups.flatMap((g) => g.pages).map((page) => [page, page.link!]));
  for (const [page, link] of links) assert.ok(page.ready && link, `${page.name} is online when the outage begins`);
  const silentSince = relay.clock.now;
  const realStart = performance.now();
  for (const link of links.values()) link.blackHole();
  await within(Promise.all([...links.values()].map((l) => l.relayClosed)), 'the relay closing every silent connection', 30_000);
  const noticedAfterMs = Math.round(performance.now() - realStart);
  const disconnectedAt = (page: ChaosParticipant) => (store.customer(page.id!) ?? store.agent(page.id!))?.disconnectedAt;
  await until(() => [...links.keys()].every((page) => disconnectedAt(page) !== undefined), 'the relay counting every silent page as gone');

  const reports: OutageReport[] = [];
  for (const group of [...groups].sort((a, b) => a.seconds - b.seconds)) {
    const backAt = silentSince + group.seconds * 1000;
    assert.ok(relay.clock.now < backAt, `the heartbeat noticed within the ${group.seconds} s outage`);
    driver.jump(backAt - relay.clock.now);
    const goneMs = group.pages.map((page) => relay.clock.now - disconnectedAt(page)!);
    const before = new Map(group.pages.map((page) => [page, { connections: page.connections, recovered: page.recovered }]));
    for (const page of group.pages) links.get(page)!.restore(random.chance(0.5) ? 'deliver' : 'drop');
    await until(() => group.pages.every((page) => page.ready && page.connections > before.get(page)!.connections), `the ${group.seconds} s group back online`, 15_000);
    reports.push({ seconds: group.seconds, noticedAfterMs, goneMs, resumed: group.pages.map((page) => page.recovered - before.get(page)!.recovered) });
  }
  return reports;
}
