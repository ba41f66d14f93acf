/**
 * Queues opened and closed by their opening hours, from the domain's injected clock (Q1).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import type { Effect } from '../../relay/domain/effects.js';
import { RelayDomain } from '../../relay/domain/relay-domain.js';
import { MemoryRelayStore } from '../../relay/domain/store.js';
import { relayServices } from '../../relay/auth/relay-services.js';

const utc = (iso: string) => Date.parse(iso);

function world(timeZone: string, hours = { from: '09:00', to: '17:00' }, exceptions: unknown[] = []) {
  const config = parseConfig({
    queues: [
      {
        id: 'desk',
        name: 'Desk',
        open: false,
        schedule: { timeZone, weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], ...hours }], exceptions },
      },
    ],
  });
  const store = new MemoryRelayStore(config.queues);
  let ids = 0;
  const domain = new RelayDomain({ store, config, newId: () => `id-${++ids}`, services: relayServices() });
  const queue = store.queue('desk')!;
  return { domain, store, queue };
}

const opened = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'publish' && e.event.type === 'queue' ? [e.event.queue.open] : []));

describe('opening hours', () => {
  it('open and close the queue on time, logged as done by the schedule', () => {
    const { domain, queue } = world('Europe/Helsinki');
    domain.tick(utc('2026-01-12T06:59:59Z'));
    assert.equal(queue.open, false, '08:59:59 in Helsinki (UTC+2)');
    assert.equal(queue.nextScheduleChange, utc('2026-01-12T07:00:00Z'));
    assert.deepEqual(opened(domain.tick(utc('2026-01-12T07:00:00Z'))), [true]);
    assert.equal(queue.nextScheduleChange, utc('2026-01-12T15:00:00Z'));
    assert.deepEqual(domain.tick(utc('2026-01-12T14:59:59Z')), [], 'nothing to do between changes');
    assert.deepEqual(opened(domain.tick(utc('2026-01-12T15:00:00Z'))), [false]);
    assert.deepEqual(
      queue.log.map((e) => [e.kind, e.by]),
      [
        ['opened', 'schedule'],
        ['closed', 'schedule'],
      ],
    );
  });

  for (const [zone, spring, autumn, winterOpen, summerOpen] of [
    ['Europe/Helsinki', '2026-03-29', '2026-10-25', 'T07:00:00Z', 'T06:00:00Z'],
    ['Europe/Stockholm', '2026-03-29', '2026-10-25', 'T08:00:00Z', 'T07:00:00Z'],
  ] as const) {
    it(`follow the wall clock of ${zone} across both daylight-saving changes`, () => {
      const { domain, queue } = world(zone);
      domain.tick(utc(`2026-03-28T12:00:00Z`));
      assert.equal(queue.open, true);
      domain.tick(utc('2026-03-28T20:00:00Z'));
      assert.equal(queue.open, false);
      assert.equal(queue.nextScheduleChange, utc(`${spring}${summerOpen}`), 'the first summer-time opening, an hour earlier in UTC');
      domain.tick(utc(`${spring}${summerOpen}`) - 1);
      assert.equal(queue.open, false);
      domain.tick(utc(`${spring}${summerOpen}`));
      assert.equal(queue.open, true);

      domain.tick(utc('2026-10-24T20:00:00Z'));
      assert.equal(queue.open, false);
      assert.equal(queue.nextScheduleChange, utc(`${autumn}${winterOpen}`), 'the first winter-time opening, an hour later in UTC');
      domain.tick(utc(`${autumn}${summerOpen}`));
      assert.equal(queue.open, false, 'a clock still on summer time would open an hour early');
      domain.tick(utc(`${autumn}${winterOpen}`));
      assert.equal(queue.open, true);
    });
  }

  it('keep a closed exception date closed', () => {
    const { domain, queue } = world('Europe/Stockholm', undefined, [{ date: '2026-12-24', closed: true }]);
    domain.tick(utc('2026-12-24T10:00:00Z'));
    assert.equal(queue.open, false);
    assert.equal(queue.nextScheduleChange, utc('2026-12-25T08:00:00Z'));
  });

  it("let an operator's manual close last until the next scheduled change", () => {
    const { domain, store, queue } = world('Europe/Helsinki');
    domain.tick(utc('2026-01-12T08:00:00Z'));
    assert.equal(queue.open, true);
    const claims: AgentClaims = { sub: 'olga', name: 'Olga', roles: ['agent', 'operator'], queues: ['*'], exp: 4e9 };
    const { actor } = domain.connectAgent(claims, utc('2026-01-12T09:00:00Z'));
    domain.handle(actor, { type: 'set-queue-open', id: 'c1', queue: 'desk', open: false }, utc('2026-01-12T09:00:00Z'));
    assert.equal(queue.open, false);
    domain.tick(utc('2026-01-12T12:00:00Z'));
    assert.equal(queue.open, false, 'the schedule does not reopen it before its next change');
    domain.tick(utc('2026-01-13T07:00:00Z'));
    assert.equal(queue.open, true, 'the next morning the schedule opens it');
    assert.ok(store.queue('desk')!.log.some((e) => e.kind === 'closed' && e.agent?.name === 'Olga'));
  });

  it('refuse customers while closed and tell agents when the queue opens', () => {
    const { domain, store } = world('Europe/Helsinki');
    domain.tick(utc('2026-01-12T05:00:00Z'));
    const { actor } = domain.connectCustomer(undefined, utc('2026-01-12T05:00:00Z'));
    const [answer] = domain.handle(actor, { type: 'join', id: 'j1', queue: 'desk', name: 'Early Eeva' }, utc('2026-01-12T05:00:00Z'));
    assert.ok(answer?.kind === 'send' && answer.event.type === 'error' && answer.event.code === 'queue-closed');
    assert.equal(store.queue('desk')!.nextScheduleChange, utc('2026-01-12T07:00:00Z'));
  });
});
