import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOpenAt, nextChange, nextOpening, Schedule } from '../../relay/domain/schedule.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** An instant from an ISO string with its offset, e.g. `2026-01-05T06:00Z`. */
function at(iso: string): number {
  const ms = Date.parse(iso);
  assert.ok(!Number.isNaN(ms), `bad instant in test: ${iso}`);
  return ms;
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function schedule(timeZone: string, weekly: Schedule['weekly'], exceptions: Schedule['exceptions'] = []): Schedule {
  return Schedule.parse({ timeZone, weekly, exceptions });
}

/** The opening that starts at or after `from`: [opens, closes] as ISO strings. */
function openingAfter(s: Schedule, from: number): [string | undefined, string | undefined] {
  const opens = isOpenAt(s, from) ? from : nextOpening(s, from);
  assert.ok(opens !== undefined, 'it opens');
  return [iso(opens), iso(nextChange(s, opens))];
}

/** Open at `instant` and closed 1 ms before: the opening starts exactly there. */
function assertOpensAt(s: Schedule, instant: string): void {
  assert.equal(isOpenAt(s, at(instant)), true, `open at ${instant}`);
  assert.equal(isOpenAt(s, at(instant) - 1), false, `closed just before ${instant}`);
}

/** Closed at `instant` and open 1 ms before. */
function assertClosesAt(s: Schedule, instant: string): void {
  assert.equal(isOpenAt(s, at(instant)), false, `closed at ${instant}`);
  assert.equal(isOpenAt(s, at(instant) - 1), true, `open just before ${instant}`);
}

describe('schedule: weekday hours', () => {
  // Europe/Helsinki is UTC+2 in winter and UTC+3 in summer.
  const office = schedule('Europe/Helsinki', [{ days: WEEKDAYS, from: '08:00', to: '16:00' }]);

  it('opens at exactly 08:00 and closes at exactly 16:00 local', () => {
    assertOpensAt(office, '2026-01-05T06:00:00Z'); // Monday 08:00 EET
    assertClosesAt(office, '2026-01-05T14:00:00Z'); // Monday 16:00 EET
    assert.equal(isOpenAt(office, at('2026-01-05T10:00:00Z')), true);
    assert.equal(isOpenAt(office, at('2026-01-05T03:00:00Z')), false);
    assertOpensAt(office, '2026-06-01T05:00:00Z'); // Monday 08:00 EEST
    assertClosesAt(office, '2026-06-01T13:00:00Z');
  });

  it('is closed at the weekend', () => {
    for (let hour = 0; hour < 48; hour++) {
      const instant = at('2026-01-09T22:00:00Z') + hour * HOUR; // Saturday 00:00 EET onwards
      assert.equal(isOpenAt(office, instant), false, new Date(instant).toISOString());
    }
  });

  it('finds the next change and the next opening across a weekend', () => {
    assert.equal(iso(nextChange(office, at('2026-01-09T12:00:00Z'))), '2026-01-09T14:00:00.000Z'); // Friday: closes
    assert.equal(iso(nextChange(office, at('2026-01-09T14:00:00Z'))), '2026-01-12T06:00:00.000Z'); // at closing: Monday
    assert.equal(iso(nextChange(office, at('2026-01-10T12:00:00Z'))), '2026-01-12T06:00:00.000Z');
    assert.equal(iso(nextOpening(office, at('2026-01-10T12:00:00Z'))), '2026-01-12T06:00:00.000Z');
    assert.equal(iso(nextChange(office, at('2026-01-12T06:00:00Z'))), '2026-01-12T14:00:00.000Z'); // at opening: closes
    assert.equal(nextOpening(office, at('2026-01-09T12:00:00Z')), undefined, 'open now');
    assert.equal(iso(nextOpening(office, at('2026-01-05T05:59:59.999Z'))), '2026-01-05T06:00:00.000Z');
  });

  it('never changes when always open or never open', () => {
    const always = schedule('Europe/Helsinki', [{ days: EVERY_DAY, from: '00:00', to: '24:00' }]);
    for (const instant of ['2026-03-28T12:00:00Z', '2026-10-24T12:00:00Z', '2026-12-31T23:59:59Z']) {
      assert.equal(isOpenAt(always, at(instant)), true);
      assert.equal(nextChange(always, at(instant)), undefined, instant);
      assert.equal(nextOpening(always, at(instant)), undefined);
    }
    const never = schedule('Europe/Helsinki', []);
    assert.equal(isOpenAt(never, at('2026-01-05T10:00:00Z')), false);
    assert.equal(nextChange(never, at('2026-01-05T10:00:00Z')), undefined);
    assert.equal(nextOpening(never, at('2026-01-05T10:00:00Z')), undefined);
  });

  it('answers undefined when the next change is more than 14 days away', () => {
    const holidays = schedule('Europe/Helsinki', [{ days: WEEKDAYS, from: '08:00', to: '16:00' }], [
      ...Array.from({ length: 16 }, (_, i) => ({ date: `2026-07-${String(i + 1).padStart(2, '0')}`, closed: true })),
    ]);
    // Closed 1–16 July; Friday 17 July opens at 05:00Z, more than 14 days after 30 June.
    assert.equal(nextOpening(holidays, at('2026-06-30T14:00:00Z')), undefined);
    assert.equal(iso(nextOpening(holidays, at('2026-07-03T06:00:00Z'))), '2026-07-17T05:00:00.000Z');
    assert.equal(iso(nextOpening(holidays, at('2026-07-03T05:00:00Z'))), '2026-07-17T05:00:00.000Z', 'exactly 14 days ahead');
    assert.equal(nextOpening(holidays, at('2026-07-03T05:00:00Z') - 1), undefined, '1 ms more than 14 days ahead');
  });

  it('looks 15 local days ahead when the clocks go forward in between', () => {
    // Sunday 15 March 23:30 EET; Monday 30 March 00:00 EEST is 15 local days on but under 14 real days.
    const mondays = schedule('Europe/Helsinki', [{ days: [1], from: '00:00', to: '01:00' }], [
      { date: '2026-03-16', closed: true },
      { date: '2026-03-23', closed: true },
    ]);
    assert.equal(iso(nextOpening(mondays, at('2026-03-15T21:30:00Z'))), '2026-03-29T21:00:00.000Z');
  });
});

describe('schedule: daylight saving time', () => {
  const helsinki = (from: string, to: string) => schedule('Europe/Helsinki', [{ days: EVERY_DAY, from, to }]);
  const stockholm = (from: string, to: string) => schedule('Europe/Stockholm', [{ days: EVERY_DAY, from, to }]);

  it('Helsinki spring forward (03:00 → 04:00): 02:00–05:00 lasts 2 real hours', () => {
    const [opens, closes] = openingAfter(helsinki('02:00', '05:00'), at('2026-03-28T12:00:00Z'));
    assert.equal(opens, '2026-03-29T00:00:00.000Z'); // 02:00 EET
    assert.equal(closes, '2026-03-29T02:00:00.000Z'); // 05:00 EEST
    assert.equal(isOpenAt(helsinki('02:00', '05:00'), at('2026-03-29T01:00:00Z')), true); // the jump, 04:00 EEST
  });

  it('Helsinki fall back (04:00 → 03:00): 02:00–05:00 lasts 4 real hours', () => {
    const [opens, closes] = openingAfter(helsinki('02:00', '05:00'), at('2026-10-24T12:00:00Z'));
    assert.equal(opens, '2026-10-24T23:00:00.000Z'); // 02:00 EEST
    assert.equal(closes, '2026-10-25T03:00:00.000Z'); // 05:00 EET
  });

  it('Stockholm spring forward (02:00 → 03:00): 01:00–04:00 lasts 2 real hours', () => {
    const [opens, closes] = openingAfter(stockholm('01:00', '04:00'), at('2026-03-28T12:00:00Z'));
    assert.equal(opens, '2026-03-29T00:00:00.000Z'); // 01:00 CET
    assert.equal(closes, '2026-03-29T02:00:00.000Z'); // 04:00 CEST
  });

  it('Stockholm fall back (03:00 → 02:00): 01:00–04:00 lasts 4 real hours', () => {
    const [opens, closes] = openingAfter(stockholm('01:00', '04:00'), at('2026-10-24T12:00:00Z'));
    assert.equal(opens, '2026-10-24T23:00:00.000Z'); // 01:00 CEST
    assert.equal(closes, '2026-10-25T03:00:00.000Z'); // 04:00 CET
  });

  it('a time in the skipped hour is the instant of the jump', () => {
    // Helsinki 2026-03-29: 03:30 does not exist; the clock jumps from 03:00 EET to 04:00 EEST at 01:00Z.
    assert.deepEqual(openingAfter(helsinki('03:30', '06:00'), at('2026-03-28T12:00:00Z')), [
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
    ]);
    assert.deepEqual(openingAfter(helsinki('01:00', '03:30'), at('2026-03-28T12:00:00Z')), [
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
    // Entirely in the skipped hour: no opening that day, the next is Monday 03:10 EEST.
    assert.equal(iso(nextOpening(helsinki('03:10', '03:50'), at('2026-03-28T12:00:00Z'))), '2026-03-30T00:10:00.000Z');
    // Stockholm 2026-03-29: 02:00–03:00 does not exist; the jump is at 01:00Z.
    assert.deepEqual(openingAfter(stockholm('02:30', '05:00'), at('2026-03-28T12:00:00Z')), [
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
    ]);
  });

  it('a time in the repeated hour: first occurrence for from, second for to', () => {
    // Helsinki 2026-10-25: 03:00–04:00 happens at 00:00Z (EEST) and again at 01:00Z (EET).
    assert.deepEqual(openingAfter(helsinki('03:15', '03:45'), at('2026-10-24T12:00:00Z')), [
      '2026-10-25T00:15:00.000Z',
      '2026-10-25T01:45:00.000Z',
    ]);
    // Stockholm 2026-10-25: 02:00–03:00 happens at 00:00Z (CEST) and again at 01:00Z (CET).
    assert.deepEqual(openingAfter(stockholm('02:30', '02:45'), at('2026-10-24T12:00:00Z')), [
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:45:00.000Z',
    ]);
    assert.deepEqual(openingAfter(stockholm('00:00', '02:00'), at('2026-10-24T12:00:00Z')), [
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T01:00:00.000Z', // the second 02:00
    ]);
    assert.deepEqual(openingAfter(stockholm('02:00', '06:00'), at('2026-10-24T12:00:00Z')), [
      '2026-10-25T00:00:00.000Z', // the first 02:00
      '2026-10-25T05:00:00.000Z',
    ]);
  });

  it('a daily 09:00 opening follows the local clock through the year', () => {
    const h = helsinki('09:00', '17:00');
    const s = stockholm('09:00', '17:00');
    assertOpensAt(h, '2026-01-15T07:00:00Z');
    assertOpensAt(h, '2026-07-15T06:00:00Z');
    assertOpensAt(s, '2026-01-15T08:00:00Z');
    assertOpensAt(s, '2026-07-15T07:00:00Z');
    assertClosesAt(h, '2026-01-15T15:00:00Z');
    assertClosesAt(s, '2026-07-15T15:00:00Z');
  });

  it('finds the next change over the switch night', () => {
    const h = helsinki('09:00', '17:00');
    const s = stockholm('09:00', '17:00');
    // Saturday closing in winter time, Sunday opening in summer time, and back in October.
    assert.equal(iso(nextChange(h, at('2026-03-28T15:00:00Z'))), '2026-03-29T06:00:00.000Z');
    assert.equal(iso(nextChange(h, at('2026-03-29T06:00:00Z'))), '2026-03-29T14:00:00.000Z');
    assert.equal(iso(nextChange(s, at('2026-03-28T16:00:00Z'))), '2026-03-29T07:00:00.000Z');
    assert.equal(iso(nextChange(h, at('2026-10-24T14:00:00Z'))), '2026-10-25T07:00:00.000Z');
    assert.equal(iso(nextChange(s, at('2026-10-24T15:00:00Z'))), '2026-10-25T08:00:00.000Z');
    assert.equal(iso(nextChange(s, at('2026-10-25T08:00:00Z'))), '2026-10-25T16:00:00.000Z');
    // Open overnight 22:00–24:00 and 00:00–06:00 across the switch: one opening of 7 real hours in spring, 9 in autumn.
    const night = schedule('Europe/Helsinki', [
      { days: EVERY_DAY, from: '22:00', to: '24:00' },
      { days: EVERY_DAY, from: '00:00', to: '06:00' },
    ]);
    assert.deepEqual(openingAfter(night, at('2026-03-28T12:00:00Z')), ['2026-03-28T20:00:00.000Z', '2026-03-29T03:00:00.000Z']);
    assert.deepEqual(openingAfter(night, at('2026-10-24T12:00:00Z')), ['2026-10-24T19:00:00.000Z', '2026-10-25T04:00:00.000Z']);
  });
});

describe('schedule: exceptions', () => {
  // Stockholm: UTC+1 in December.
  const shop = schedule('Europe/Stockholm', [{ days: WEEKDAYS, from: '09:00', to: '17:00' }], [
    { date: '2026-12-24', closed: true },
    { date: '2026-12-27', hours: [{ from: '10:00', to: '14:00' }] },
    { date: '2026-12-31', hours: [{ from: '09:00', to: '11:00' }, { from: '12:00', to: '13:00' }] },
  ]);

  it('is closed all day on a closed holiday', () => {
    for (let hour = 0; hour < 24; hour++) {
      assert.equal(isOpenAt(shop, at('2026-12-23T23:00:00Z') + hour * HOUR), false, `24 December, ${hour}:00`);
    }
    assert.equal(isOpenAt(shop, at('2026-12-23T10:00:00Z')), true, 'open the day before');
    assert.equal(iso(nextChange(shop, at('2026-12-23T16:00:00Z'))), '2026-12-25T08:00:00.000Z', 'skips the holiday');
    assert.equal(iso(nextOpening(shop, at('2026-12-24T10:00:00Z'))), '2026-12-25T08:00:00.000Z');
  });

  it('replaces the weekly hours with special hours', () => {
    // Sunday 27 December: weekly says closed, the exception opens 10–14.
    assertOpensAt(shop, '2026-12-27T09:00:00Z');
    assertClosesAt(shop, '2026-12-27T13:00:00Z');
    // Thursday 31 December: 09–11 and 12–13 instead of 09–17.
    assertOpensAt(shop, '2026-12-31T08:00:00Z');
    assertClosesAt(shop, '2026-12-31T10:00:00Z');
    assertOpensAt(shop, '2026-12-31T11:00:00Z');
    assertClosesAt(shop, '2026-12-31T12:00:00Z');
    assert.equal(isOpenAt(shop, at('2026-12-31T14:00:00Z')), false);
    assert.equal(iso(nextChange(shop, at('2026-12-31T10:30:00Z'))), '2026-12-31T11:00:00.000Z');
    assert.equal(iso(nextChange(shop, at('2026-12-31T12:00:00Z'))), '2027-01-01T08:00:00.000Z');
  });

  it('an exception with no hours closes the day', () => {
    const s = schedule('Europe/Stockholm', [{ days: WEEKDAYS, from: '09:00', to: '17:00' }], [{ date: '2026-12-23', hours: [] }]);
    assert.equal(isOpenAt(s, at('2026-12-23T10:00:00Z')), false);
    assert.equal(isOpenAt(s, at('2026-12-22T10:00:00Z')), true);
  });
});

describe('schedule: touching ranges and 24:00', () => {
  const split = schedule('Europe/Helsinki', [
    { days: WEEKDAYS, from: '08:00', to: '12:00' },
    { days: WEEKDAYS, from: '12:00', to: '16:00' },
  ]);

  it('touching ranges are one opening', () => {
    assert.equal(isOpenAt(split, at('2026-01-05T10:00:00Z')), true, 'open at 12:00 local');
    assert.equal(isOpenAt(split, at('2026-01-05T10:00:00Z') - 1), true);
    assert.equal(iso(nextChange(split, at('2026-01-05T07:00:00Z'))), '2026-01-05T14:00:00.000Z', 'skips 12:00');
    assert.equal(iso(nextChange(split, at('2026-01-05T06:00:00Z'))), '2026-01-05T14:00:00.000Z');
    assert.equal(iso(nextChange(split, at('2026-01-05T04:00:00Z'))), '2026-01-05T06:00:00.000Z');
  });

  it('overlapping ranges are one opening', () => {
    const s = schedule('Europe/Helsinki', [
      { days: [1], from: '08:00', to: '13:00' },
      { days: [1], from: '12:00', to: '16:00' },
      { days: [1], from: '09:00', to: '10:00' },
    ]);
    assert.equal(iso(nextChange(s, at('2026-01-05T06:30:00Z'))), '2026-01-05T14:00:00.000Z');
  });

  it('a range to 24:00 runs to midnight and joins the next day at 00:00', () => {
    const evening = schedule('Europe/Helsinki', [
      { days: [1], from: '20:00', to: '24:00' },
      { days: [2], from: '00:00', to: '02:00' },
      { days: [5], from: '20:00', to: '24:00' },
    ]);
    assert.equal(isOpenAt(evening, at('2026-01-05T21:59:59.999Z')), true, 'Monday 23:59:59.999');
    assert.equal(isOpenAt(evening, at('2026-01-05T22:00:00Z')), true, 'Tuesday 00:00');
    assert.equal(iso(nextChange(evening, at('2026-01-05T19:00:00Z'))), '2026-01-06T00:00:00.000Z', 'Tuesday 02:00');
    assertClosesAt(evening, '2026-01-09T22:00:00Z'); // Friday 24:00 = Saturday 00:00
    assert.equal(iso(nextChange(evening, at('2026-01-09T19:00:00Z'))), '2026-01-09T22:00:00.000Z');
  });
});

describe('schedule: validation', () => {
  const valid = { timeZone: 'Europe/Helsinki', weekly: [{ days: [1], from: '08:00', to: '16:00' }] };

  /** The messages of a rejected schedule, with their paths. */
  function problems(raw: unknown): string[] {
    const parsed = Schedule.safeParse(raw);
    assert.equal(parsed.success, false, `accepted ${JSON.stringify(raw)}`);
    return parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }

  function assertProblem(raw: unknown, pattern: RegExp): void {
    const found = problems(raw);
    assert.ok(found.some((p) => pattern.test(p)), `expected ${pattern} in ${JSON.stringify(found)}`);
  }

  it('accepts a valid schedule and defaults exceptions to none', () => {
    assert.deepEqual(Schedule.parse(valid).exceptions, []);
    Schedule.parse({ ...valid, timeZone: 'UTC', weekly: [{ days: [7], from: '00:00', to: '24:00' }] });
  });

  it('rejects a time zone that is not an IANA zone', () => {
    assertProblem({ ...valid, timeZone: 'Mars/Olympus_Mons' }, /^timeZone: an IANA time zone such as Europe\/Helsinki$/);
    assertProblem({ ...valid, timeZone: '+02:00' }, /^timeZone: an IANA time zone/);
    assertProblem({ ...valid, timeZone: '' }, /^timeZone: an IANA time zone/);
  });

  it('rejects from at or after to', () => {
    assertProblem({ ...valid, weekly: [{ days: [1], from: '16:00', to: '08:00' }] }, /^weekly\.0\.to: "from" \(16:00\) must be before "to" \(08:00\)$/);
    assertProblem({ ...valid, weekly: [{ days: [1], from: '08:00', to: '08:00' }] }, /must be before/);
    assertProblem({ ...valid, weekly: [{ days: [1], from: '24:00', to: '24:00' }] }, /must be before/);
    assertProblem(
      { ...valid, exceptions: [{ date: '2026-12-31', hours: [{ from: '13:00', to: '09:00' }] }] },
      /^exceptions\.0\.hours\.0\.to: "from" \(13:00\) must be before "to" \(09:00\)$/,
    );
  });

  it('rejects malformed times and days', () => {
    assertProblem({ ...valid, weekly: [{ days: [1], from: '8:00', to: '16:00' }] }, /^weekly\.0\.from: a time "HH:MM"/);
    assertProblem({ ...valid, weekly: [{ days: [1], from: '08:00', to: '24:30' }] }, /^weekly\.0\.to: a time "HH:MM"/);
    assertProblem({ ...valid, weekly: [{ days: [0], from: '08:00', to: '16:00' }] }, /^weekly\.0\.days\.0:/);
    assertProblem({ ...valid, weekly: [{ days: [], from: '08:00', to: '16:00' }] }, /^weekly\.0\.days:/);
  });

  it('rejects bad exception dates', () => {
    assertProblem({ ...valid, exceptions: [{ date: '24.12.2026', closed: true }] }, /^exceptions\.0\.date: a date "YYYY-MM-DD"$/);
    assertProblem({ ...valid, exceptions: [{ date: '2026-12-1', closed: true }] }, /^exceptions\.0\.date: a date "YYYY-MM-DD"$/);
    assertProblem({ ...valid, exceptions: [{ date: '2026-02-30', closed: true }] }, /^exceptions\.0\.date: not a date in the calendar$/);
    assertProblem({ ...valid, exceptions: [{ date: '2026-13-01', closed: true }] }, /^exceptions\.0\.date: not a date in the calendar$/);
  });

  it('rejects exceptions that say nothing, contradict themselves or repeat a date', () => {
    assertProblem({ ...valid, exceptions: [{ date: '2026-12-24' }] }, /^exceptions\.0: 2026-12-24 needs "closed": true or "hours"$/);
    assertProblem(
      { ...valid, exceptions: [{ date: '2026-12-24', closed: true, hours: [{ from: '09:00', to: '12:00' }] }] },
      /^exceptions\.0\.hours: 2026-12-24 is both closed and has hours$/,
    );
    assertProblem(
      { ...valid, exceptions: [{ date: '2026-12-24', closed: true }, { date: '2026-12-24', hours: [] }] },
      /^exceptions\.1\.date: 2026-12-24 has more than one exception$/,
    );
    assertProblem({ ...valid, exceptions: [{ date: '2026-12-24', close: true }] }, /^exceptions\.0: .*close/);
  });
});

describe('schedule: property check against a minute-by-minute reference', () => {
  /** Deterministic PRNG (mulberry32). */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  const MINUTE = 60_000;
  const TABLE_START = Date.UTC(2025, 11, 28); // a few days before 2026, for ranges of the day before
  const TABLE_END = Date.UTC(2027, 0, 20); // past 2026 and 14 days more, for nextChange
  const TABLE_MINUTES = (TABLE_END - TABLE_START) / MINUTE;
  const SAMPLE_START = Date.UTC(2026, 0, 1);
  const SAMPLE_END = Date.UTC(2027, 0, 1);

  /**
   * Helsinki and Stockholm change at 03:00/04:00 and 02:00/03:00 local; the Azores at midnight
   * (00:00 → 01:00, 01:00 → 00:00), so a day's 24:00 falls in the gap or the repeat; Lord Howe by
   * 30 minutes, in April and October.
   */
  const zones = ['Europe/Helsinki', 'Europe/Stockholm', 'Atlantic/Azores', 'Australia/Lord_Howe'] as const;
  type Zone = (typeof zones)[number];

  /**
   * The wall clock at every UTC minute, as local minutes since 1970-01-01T00:00 local, from the
   * zone's own formatting; `reached[m]` is the latest reading by minute m and `later[m]` the
   * earliest reading after minute m (both the reading itself, give or take a minute, except around a
   * repeated hour).
   */
  function clockTable(timeZone: Zone): { reading: Float64Array; reached: Float64Array; later: Float64Array; changes: number[] } {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    const read = (m: number): number => {
      const match = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+)$/.exec(format.format(TABLE_START + m * MINUTE));
      assert.ok(match, 'en-US formatting as expected');
      const [, month, day, year, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
      return Date.UTC(year, month - 1, day, hour % 24, minute) / MINUTE;
    };
    const reading = new Float64Array(TABLE_MINUTES + 60);
    // Every minute's reading; to save time, an hour whose clock moved exactly 60 minutes is filled in.
    for (let h = 0, end = read(0); h < TABLE_MINUTES; h += 60) {
      const start = end;
      end = read(h + 60);
      for (let m = h; m < h + 60; m++) reading[m] = end - start === 60 ? start + (m - h) : read(m);
    }
    const reached = new Float64Array(TABLE_MINUTES);
    const later = new Float64Array(TABLE_MINUTES);
    for (let m = 0, max = -Infinity; m < TABLE_MINUTES; m++) reached[m] = max = Math.max(max, reading[m]!);
    for (let m = TABLE_MINUTES - 1, min = Infinity; m >= 0; m--) {
      later[m] = min;
      min = Math.min(min, reading[m]!);
    }
    const changes: number[] = []; // UTC minutes at which the clock jumps
    for (let m = 1; m < TABLE_MINUTES; m++) if (reading[m]! - reading[m - 1]! !== 1) changes.push(m);
    return { reading, reached, later, changes };
  }

  /**
   * Open or closed at every UTC minute, by the documented rule read literally: a range [from, to) of
   * local day D holds at minute m if the clock has reached D+from by m (opens at the first reading
   * of from or later), and reads earlier than D+to at m or will read D+to or earlier after m (closes
   * at the last reading of to, or where the clock skips past it). Without a clock change that is
   * just from <= reading < to.
   */
  function reference(s: Schedule, clock: ReturnType<typeof clockTable>): Uint8Array {
    const exceptions = new Map(s.exceptions.map((e) => [Date.parse(`${e.date}T00:00:00Z`) / DAY, e.closed ? [] : (e.hours ?? [])]));
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    const firstDay = Math.floor(clock.reading[0]! / 1440) - 1;
    const byDay: Array<Array<[number, number]>> = [];
    /** The day's ranges as local minutes since 1970. */
    const hoursOf = (day: number) => {
      let hours = byDay[day - firstDay];
      if (!hours) {
        const ranges = exceptions.get(day) ?? s.weekly.filter((r) => r.days.includes((((day + 3) % 7) + 7) % 7 + 1));
        hours = ranges.map((r) => [day * 1440 + minutes(r.from), day * 1440 + minutes(r.to)]);
        byDay[day - firstDay] = hours;
      }
      return hours;
    };
    const open = new Uint8Array(TABLE_MINUTES);
    for (let m = 0; m < TABLE_MINUTES; m++) {
      const today = Math.floor(clock.reading[m]! / 1440);
      search: for (let day = today - 1; day <= today + 1; day++) {
        for (const [from, to] of hoursOf(day)) {
          const started = clock.reached[m]! >= from;
          const notEnded = clock.reading[m]! < to || clock.later[m]! <= to;
          if (started && notEnded) {
            open[m] = 1;
            break search;
          }
        }
      }
    }
    return open;
  }

  /** A random schedule: minutes anywhere, often in the small hours where the clock changes, some exceptions. */
  function randomSchedule(next: () => number, timeZone: Zone, changeDays: readonly string[]): Schedule {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const hhmm = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
    const range = () => {
      const near = next() < 0.5; // in the small hours, where clocks change
      let from = near ? Math.floor(next() * 300) : Math.floor(next() * 1440);
      let to = near ? from + 1 + Math.floor(next() * 150) : from + 1 + Math.floor(next() * 600);
      if (next() < 0.15) from = 0;
      if (next() < 0.15 || to > 1440) to = 1440;
      return { from: hhmm(from), to: hhmm(to) };
    };
    const days = () => EVERY_DAY.filter(() => next() < 0.6).concat(pick(EVERY_DAY));
    const weekly = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({ days: days(), ...range() }));
    const dates = new Set<string>();
    for (let i = Math.floor(next() * 6); i > 0; i--) {
      dates.add(next() < 0.5 ? pick(changeDays) : new Date(SAMPLE_START + Math.floor(next() * 365) * DAY).toISOString().slice(0, 10));
    }
    const exceptions = [...dates].map((date) =>
      next() < 0.3 ? { date, closed: true } : { date, hours: Array.from({ length: Math.floor(next() * 3) }, range) },
    );
    return Schedule.parse({ timeZone, weekly, exceptions });
  }

  it('agrees with the reference at thousands of instants, and nextChange is the next difference', () => {
    const next = random(20_260_329);
    let checked = 0;
    let changesNearSwitch = 0;
    for (const timeZone of zones) {
      const clock = clockTable(timeZone);
      const switches = clock.changes.map((m) => TABLE_START + m * MINUTE);
      assert.equal(switches.length, 2, `${timeZone} changes its clocks twice a year`);
      // The local dates of the changes, for exceptions on those days.
      const changeDays = clock.changes.map((m) => new Date(clock.reading[m]! * MINUTE).toISOString().slice(0, 10));
      for (let n = 0; n < 6; n++) {
        const s = randomSchedule(next, timeZone, changeDays);
        const open = reference(s, clock);
        for (let k = 0; k < 200; k++) {
          // A third anywhere in 2026, a third within two days of a clock change, a third within three hours.
          const spread = [SAMPLE_END - SAMPLE_START, 2 * DAY, 3 * HOUR][k % 3]!;
          const around = k % 3 === 0 ? (SAMPLE_START + SAMPLE_END) / 2 : switches[Math.floor(k / 3) % 2]!;
          const now = around - spread / 2 + Math.floor(next() * spread);
          const m = Math.floor((now - TABLE_START) / MINUTE);
          const context = () => `${JSON.stringify(s)} at ${iso(now)}`;
          assert.equal(isOpenAt(s, now), open[m] === 1, `isOpenAt: ${context()}`);
          checked++;

          // The reference's next different minute within 14 days, if any.
          const horizon = Math.floor((now + 14 * DAY - TABLE_START) / MINUTE);
          let expected: number | undefined;
          for (let later = m + 1; later <= horizon; later++) {
            if (open[later] !== open[m]) {
              expected = TABLE_START + later * MINUTE;
              break;
            }
          }
          const change = nextChange(s, now);
          assert.equal(iso(change), iso(expected), `nextChange: ${context()}`);
          if (change !== undefined) {
            assert.notEqual(isOpenAt(s, change - 1), isOpenAt(s, change), `state differs around nextChange: ${context()}`);
            assert.equal(isOpenAt(s, change - 1), isOpenAt(s, now), `no change before nextChange: ${context()}`);
            if (switches.some((at) => Math.abs(change - at) < 2 * DAY)) changesNearSwitch++;
          }
          assert.equal(nextOpening(s, now), open[m] === 1 ? undefined : expected, `nextOpening: ${context()}`);
        }
      }
    }
    assert.equal(checked, zones.length * 6 * 200);
    assert.ok(changesNearSwitch > 100, `the sample covers clock changes (${changesNearSwitch})`);
  });
});
