/**
 * Business calendars: the validator, and business time across support hours, weekends,
 * holidays, time zones and daylight-saving changes. The expected instants are written by hand
 * from the zones' offsets (New York EST −05:00 / EDT −04:00, Berlin CET +01:00 / CEST +02:00,
 * Seoul KST +09:00 all year), not computed by the module.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addBusinessMinutes, addBusinessTime, ALWAYS_ON, businessMinutesBetween, businessMsBetween, checkCalendar, isOpenAt,
  type OpenWindow, type SupportCalendar, type Weekday,
} from './business-calendar.ts';

const t = (iso: string) => new Date(iso);
const H = 60 * 60_000;

function calendar(timeZone: string, days: Partial<Record<Weekday, OpenWindow[]>>, holidays: string[] = []): SupportCalendar {
  return { timeZone, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days }, holidays };
}
const weekdays = (windows: OpenWindow[]) => ({ mon: windows, tue: windows, wed: windows, thu: windows, fri: windows });

/** Mon–Fri 09:00–17:00 in New York, Thanksgiving 2026 off. */
const NEW_YORK = calendar('America/New_York', weekdays([{ start: '09:00', end: '17:00' }]), ['2026-11-26']);
/** Mon–Fri 08:00–12:00 and 13:00–17:00 in Berlin. */
const BERLIN = calendar('Europe/Berlin', weekdays([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]));
/** Mon–Fri 09:00–18:00 in Seoul, Chuseok 2026 off. */
const SEOUL = calendar('Asia/Seoul', weekdays([{ start: '09:00', end: '18:00' }]), ['2026-09-24', '2026-09-25']);
/** A night shift in UTC: Monday 22:00 to Tuesday 06:00, as two same-day windows. */
const NIGHT = calendar('UTC', { mon: [{ start: '22:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] });
/** Weekends around the clock in New York. */
const NY_WEEKENDS = calendar('America/New_York', { sat: [{ start: '00:00', end: '24:00' }], sun: [{ start: '00:00', end: '24:00' }] });
/** Sundays 01:00–03:00 in New York: across both of 2026's changes. */
const NY_EARLY_SUNDAY = calendar('America/New_York', { sun: [{ start: '01:00', end: '03:00' }] });
const BERLIN_SUNDAY = calendar('Europe/Berlin', { sun: [{ start: '00:00', end: '24:00' }] });

describe('checkCalendar', () => {
  const problems = (c: SupportCalendar) => checkCalendar(c).map((p) => `${p.field} ${p.reason}`);

  it('accepts valid calendars, adjacent windows and a 24:00 end', () => {
    for (const c of [NEW_YORK, BERLIN, SEOUL, NIGHT, NY_WEEKENDS, ALWAYS_ON]) assert.deepEqual(problems(c), [], c.timeZone);
    assert.deepEqual(problems(calendar('Asia/Seoul', { mon: [{ start: '12:00', end: '18:00' }, { start: '09:00', end: '12:00' }] })), []);
  });

  it('names each bad field', () => {
    const table: [SupportCalendar, string[]][] = [
      [calendar('Mars/Olympus_Mons', { mon: [{ start: '09:00', end: '17:00' }] }), ['timeZone unknown_time_zone']],
      [calendar('+09:00', { mon: [{ start: '09:00', end: '17:00' }] }), ['timeZone unknown_time_zone']],
      [calendar('UTC', { tue: [{ start: '24:00', end: '24:00' }] }), ['week.tue[0].start bad_time', 'week never_open']],
      [calendar('UTC', { mon: [{ start: '9:00', end: '17:60' }] }), ['week.mon[0].start bad_time', 'week.mon[0].end bad_time', 'week never_open']],
      [calendar('UTC', { mon: [{ start: '17:00', end: '09:00' }], tue: [{ start: '10:00', end: '10:00' }] }),
        ['week.mon[0].end start_not_before_end', 'week.tue[0].end start_not_before_end', 'week never_open']],
      [calendar('UTC', { wed: [{ start: '09:00', end: '13:00' }, { start: '08:00', end: '10:00' }, { start: '12:59', end: '14:00' }] }),
        ['week.wed[0] overlap', 'week.wed[2] overlap']],
      [calendar('UTC', {}), ['week never_open']],
      [calendar('UTC', { fri: [{ start: '00:00', end: '24:00' }] }, ['2026-02-29', '2026-12-25', '2026-12-25', '26-01-01']),
        ['holidays[0] bad_date', 'holidays[2] duplicate_holiday', 'holidays[3] bad_date']],
    ];
    for (const [c, expected] of table) assert.deepEqual(problems(c), expected, JSON.stringify(c));
  });

  it('words each problem in English and Korean', () => {
    const [p] = checkCalendar(calendar('Nowhere', { mon: [{ start: '09:00', end: '17:00' }] }));
    assert.equal(p?.message.en, 'is not an IANA time zone (for example Asia/Seoul)');
    assert.equal(p?.message.ko, 'IANA 시간대가 아닙니다(예: Asia/Seoul).');
  });
});

describe('business time', () => {
  it('counts support hours only, skipping the weekend', () => {
    // Friday 16:00 EST to Monday 10:00 EDT (the change fell on Sunday 2026-03-08): 1 h + 1 h.
    assert.equal(businessMinutesBetween(NEW_YORK, t('2026-03-06T21:00:00Z'), t('2026-03-09T14:00:00Z')), 120);
    assert.deepEqual(addBusinessMinutes(NEW_YORK, t('2026-03-06T21:00:00Z'), 120), t('2026-03-09T14:00:00Z'));
    // A whole week of New York office hours: 5 × 8 h.
    assert.equal(businessMinutesBetween(NEW_YORK, t('2026-06-01T04:00:00Z'), t('2026-06-08T04:00:00Z')), 2400);
  });

  it('starts at the next opening when asked outside hours, and ends at the close when the amount fits exactly', () => {
    // Saturday: the first minute is Monday 09:00–09:01 EDT.
    assert.deepEqual(addBusinessMinutes(NEW_YORK, t('2026-03-07T12:00:00Z'), 1), t('2026-03-09T13:01:00Z'));
    // Monday 16:00 EDT + 60 min is 17:00 the same day, not the next morning.
    assert.deepEqual(addBusinessMinutes(NEW_YORK, t('2026-03-09T20:00:00Z'), 60), t('2026-03-09T21:00:00Z'));
    assert.deepEqual(addBusinessTime(NEW_YORK, t('2026-03-07T12:00:00Z'), 0), t('2026-03-07T12:00:00Z'));
    assert.equal(businessMsBetween(NEW_YORK, t('2026-03-09T20:00:00Z'), t('2026-03-09T14:00:00Z')), 0);
  });

  it('skips holidays', () => {
    // Wednesday before Thanksgiving 16:00 EST + 2 h: 1 h Wednesday, Thursday off, Friday 09:00–10:00.
    assert.deepEqual(addBusinessMinutes(NEW_YORK, t('2026-11-25T21:00:00Z'), 120), t('2026-11-27T15:00:00Z'));
    assert.equal(businessMinutesBetween(NEW_YORK, t('2026-11-26T14:00:00Z'), t('2026-11-26T22:00:00Z')), 0);
    // Seoul: Wednesday 17:00 KST + 3 h: 1 h, Chuseok Thursday and Friday, the weekend, Monday 09:00–11:00.
    assert.deepEqual(addBusinessMinutes(SEOUL, t('2026-09-23T08:00:00Z'), 180), t('2026-09-28T02:00:00Z'));
  });

  it('leaves out a lunch break', () => {
    assert.equal(businessMinutesBetween(BERLIN, t('2026-06-01T09:30:00Z'), t('2026-06-01T11:30:00Z')), 60);
    assert.deepEqual(addBusinessMinutes(BERLIN, t('2026-06-01T09:30:00Z'), 60), t('2026-06-01T11:30:00Z'));
  });

  it('follows Berlin into summer time (2026-03-29)', () => {
    // Friday 16:00 CET + 2 h: 1 h Friday, Monday 08:00–09:00 CEST.
    assert.deepEqual(addBusinessMinutes(BERLIN, t('2026-03-27T15:00:00Z'), 120), t('2026-03-30T07:00:00Z'));
    // That Sunday is 23 hours long.
    assert.equal(businessMsBetween(BERLIN_SUNDAY, t('2026-03-28T00:00:00Z'), t('2026-03-30T00:00:00Z')), 23 * H);
  });

  it('counts New York\'s short and long days (2026-03-08 and 2026-11-01)', () => {
    // Saturday 00:00 EST to Monday 00:00 EDT: 24 h + 23 h.
    assert.equal(businessMinutesBetween(NY_WEEKENDS, t('2026-03-07T05:00:00Z'), t('2026-03-09T04:00:00Z')), 47 * 60);
    // Saturday 00:00 EDT to Monday 00:00 EST: 24 h + 25 h.
    assert.equal(businessMinutesBetween(NY_WEEKENDS, t('2026-10-31T04:00:00Z'), t('2026-11-02T05:00:00Z')), 49 * 60);
    // Sunday 01:00–03:00: 01:00 EST → 03:00 EDT is one hour in March; 01:00 EDT (first) → 03:00 EST is three in November.
    assert.equal(businessMinutesBetween(NY_EARLY_SUNDAY, t('2026-03-08T00:00:00Z'), t('2026-03-09T00:00:00Z')), 60);
    assert.equal(businessMinutesBetween(NY_EARLY_SUNDAY, t('2026-11-01T00:00:00Z'), t('2026-11-02T00:00:00Z')), 180);
    assert.deepEqual(addBusinessMinutes(NY_EARLY_SUNDAY, t('2026-03-08T00:00:00Z'), 30), t('2026-03-08T06:30:00Z'));
    assert.deepEqual(addBusinessMinutes(NY_EARLY_SUNDAY, t('2026-03-08T00:00:00Z'), 90), t('2026-03-15T05:30:00Z'));
  });

  it('runs a night shift across midnight as two windows', () => {
    assert.equal(businessMinutesBetween(NIGHT, t('2026-06-01T23:00:00Z'), t('2026-06-02T01:00:00Z')), 120);
    assert.deepEqual(addBusinessMinutes(NIGHT, t('2026-06-01T12:00:00Z'), 8 * 60 + 1), t('2026-06-08T22:01:00Z'));
  });

  it('says when support is open', () => {
    const table: [SupportCalendar, string, boolean][] = [
      [NEW_YORK, '2026-03-06T21:59:00Z', true], // Friday 16:59 EST
      [NEW_YORK, '2026-03-06T22:00:00Z', false], // Friday 17:00 EST: the end is not open
      [NEW_YORK, '2026-03-09T13:00:00Z', true], // Monday 09:00 EDT
      [NEW_YORK, '2026-03-09T13:59:00Z', true],
      [NEW_YORK, '2026-03-09T12:59:00Z', false], // 08:59 EDT (it would be 07:59 in winter)
      [NEW_YORK, '2026-03-07T15:00:00Z', false], // Saturday
      [NEW_YORK, '2026-11-26T15:00:00Z', false], // Thanksgiving
      [SEOUL, '2026-06-01T00:00:00Z', true], // Monday 09:00 KST
      [SEOUL, '2026-06-01T09:00:00Z', false], // 18:00 KST
      [BERLIN, '2026-06-01T10:30:00Z', false], // 12:30 CEST, lunch
      [NIGHT, '2026-06-02T05:59:00Z', true],
      [NIGHT, '2026-06-02T06:00:00Z', false],
      [NIGHT, '2026-06-01T22:00:00Z', true],
      [ALWAYS_ON, '2026-12-25T03:00:00Z', true],
    ];
    for (const [c, at, open] of table) assert.equal(isOpenAt(c, t(at)), open, `${c.timeZone} ${at}`);
  });

  it('is wall time around the clock, and refuses a calendar that never opens', () => {
    assert.equal(businessMsBetween(ALWAYS_ON, t('2026-03-07T05:00:00Z'), t('2026-03-09T04:00:00Z')), 47 * H);
    assert.deepEqual(addBusinessMinutes(ALWAYS_ON, t('2026-03-07T05:00:00Z'), 90), t('2026-03-07T06:30:00Z'));
    assert.throws(() => addBusinessMinutes(calendar('UTC', {}), t('2026-03-07T05:00:00Z'), 1), RangeError);
    assert.throws(() => businessMsBetween(calendar('Nowhere/City', {}), t('2026-03-07T05:00:00Z'), t('2026-03-08T05:00:00Z')), RangeError);
  });
});

describe('business time, properties', () => {
  const CALENDARS = [NEW_YORK, BERLIN, SEOUL, NIGHT, NY_WEEKENDS, NY_EARLY_SUNDAY, BERLIN_SUNDAY, ALWAYS_ON];
  const someCalendar = fc.constantFrom(...CALENDARS);
  // 2026 to mid-2027, so every change of the year is crossed often.
  const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-06-30T00:00:00Z') }).map((ms) => new Date(ms));
  const amount = fc.oneof(fc.integer({ min: 1, max: 10 * H }), fc.integer({ min: 1, max: 400 * H }));

  it('addBusinessTime and businessMsBetween are inverse', () => {
    fc.assert(fc.property(someCalendar, instant, amount, (c, from, ms) => {
      const due = addBusinessTime(c, from, ms);
      assert.equal(businessMsBetween(c, from, due), ms);
      // The earliest such instant: a millisecond before, the amount is not there yet.
      assert.equal(businessMsBetween(c, from, new Date(due.getTime() - 1)), ms - 1);
      assert.ok(isOpenAt(c, new Date(due.getTime() - 1)), 'the last millisecond counted is open');
    }), { numRuns: 300 });
    fc.assert(fc.property(someCalendar, instant, instant, (c, a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const due = addBusinessTime(c, from, businessMsBetween(c, from, to));
      assert.ok(due <= to);
      assert.equal(businessMsBetween(c, due, to), 0, 'nothing open between the due time and the end');
    }), { numRuns: 200 });
  });

  it('adds up over any split, and never exceeds wall time', () => {
    fc.assert(fc.property(someCalendar, instant, instant, instant, (c, ...xs) => {
      const [a, m, b] = xs.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
      const whole = businessMsBetween(c, a, b);
      assert.equal(businessMsBetween(c, a, m) + businessMsBetween(c, m, b), whole);
      assert.ok(whole <= b.getTime() - a.getTime());
    }), { numRuns: 300 });
  });
});
