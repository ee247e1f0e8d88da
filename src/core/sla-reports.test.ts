/**
 * SLA reports over hand-written clocks and histories. Every expected figure is worked out by hand
 * (quantiles by rank (n − 1)·q, Seoul KST +09:00, Berlin CEST +02:00 in June) and written as a
 * literal; none is computed by the module.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ALWAYS_ON, type OpenWindow, type SupportCalendar } from './business-calendar.ts';
import type { CaseHistoryData, CaseHistoryEntry, CaseHistoryType } from './case-history.ts';
import type { CaseStatus } from './case-rules.ts';
import {
  addClocks, complianceOf, complianceRows, holdingOf, holdingSpans, minutesOf, outcomeOf, quantile, readReportPeriod, startCompliance,
  type ReportClock, type ReportDimension,
} from './sla-reports.ts';

const t = (iso: string) => new Date(iso);
const MIN = 60_000;

describe('SLA reports: the period', () => {
  const now = t('2026-06-15T12:00:00Z');
  const cases: [string, { from?: string; to?: string }, { from: string; to: string } | [string, string][]][] = [
    ['nothing given: the 30 days up to the reading', {}, { from: '2026-05-16T12:00:00.000Z', to: '2026-06-15T12:00:00.000Z' }],
    ['dates are midnight UTC', { from: '2026-01-01', to: '2026-04-01' }, { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }],
    ['offsets are honoured', { from: '2026-03-01T09:00:00+09:00', to: '2026-03-02T00:00:00Z' }, { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' }],
    ['only from: up to the reading', { from: '2026-06-01' }, { from: '2026-06-01T00:00:00.000Z', to: '2026-06-15T12:00:00.000Z' }],
    ['only to: the 30 days before it', { to: '2026-03-31' }, { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' }],
    ['366 days is the longest', { from: '2025-01-01', to: '2026-01-02' }, { from: '2025-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' }],
    ['367 days is too long', { from: '2025-01-01', to: '2026-01-03' }, [['to', 'too_long']]],
    ['to must be after from', { from: '2026-03-02', to: '2026-03-02' }, [['to', 'not_after_from']]],
    ['to before from', { from: '2026-03-02', to: '2026-03-01' }, [['to', 'not_after_from']]],
    ['only from, after the reading', { from: '2026-07-01' }, [['to', 'not_after_from']]],
    ['not a time', { from: 'last week', to: '2026-13-01' }, [['from', 'not_a_time'], ['to', 'not_a_time']]],
    ['no such day', { from: '2026-02-30' }, [['from', 'not_a_time']]],
    ['a time without its offset', { from: '2026-03-01T09:00:00' }, [['from', 'not_a_time']]],
    ['before 1970', { from: '1969-12-31', to: '1970-01-02' }, [['from', 'out_of_range']]],
  ];
  for (const [name, given, expected] of cases) {
    it(name, () => {
      const got = readReportPeriod(given, now);
      if (Array.isArray(expected)) {
        assert.equal(got.ok, false);
        if (!got.ok) assert.deepEqual(got.problems.map((p) => [p.field, p.reason]), expected);
      } else {
        assert.equal(got.ok, true, JSON.stringify(got));
        if (got.ok) assert.deepEqual({ from: got.period.from.toISOString(), to: got.period.to.toISOString() }, expected);
      }
    });
  }

  it('says what is wrong in English and Korean', () => {
    const got = readReportPeriod({ from: '2025-01-01', to: '2026-06-01' }, now);
    assert.equal(got.ok, false);
    if (!got.ok) assert.deepEqual(got.problems[0]!.message, { en: 'must be at most 366 days after from', ko: 'from으로부터 366일 이내여야 합니다' });
  });
});

describe('SLA reports: quantiles', () => {
  const table: [number[], number, number | null][] = [
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[10, 20], 0.9, 19],
    [[5, 5, 5, 100], 0.5, 5],
    [[5, 5, 5, 100], 0.9, 71.5],
  ];
  for (const [values, q, expected] of table) {
    it(`q${q} of [${values.join(', ')}] is ${expected}`, () => {
      const got = quantile(values, q);
      if (expected === null) assert.equal(got, null);
      else assert.ok(Math.abs(got! - expected) < 1e-9, `${got} ≠ ${expected}`);
    });
  }
  it('shows minutes to a tenth', () => {
    assert.deepEqual([minutesOf(0), minutesOf(90 * MIN), minutesOf(90 * MIN + 2_999), minutesOf(90 * MIN + 3_000), minutesOf(61_000)], [0, 90, 90, 90.1, 1]);
  });
});

let caseNo = 0;
/** A clock of the report; the defaults are a running moderate billing clock of the responsible partner. */
function clock(o: Partial<ReportClock> & { orgId: string }): ReportClock {
  return {
    caseId: `case_${++caseNo}`, target: 'first_response', status: 'running', elapsedMs: 0, dueAt: null, metAt: null, breachedAt: null,
    offerId: 'off_a', category: 'billing', severity: 'moderate', caseStatus: 'open', responsible: true, ...o,
  };
}

describe('SLA reports: outcomes', () => {
  const now = t('2026-06-10T12:00:00Z');
  const rows: [string, Partial<ReportClock>, string][] = [
    ['met', { status: 'met', metAt: t('2026-06-09T10:00:00Z') }, 'met'],
    ['breached, never met', { status: 'breached', breachedAt: t('2026-06-09T10:00:00Z'), dueAt: t('2026-06-09T10:00:00Z') }, 'breached'],
    ['breached, then met', { status: 'breached', breachedAt: t('2026-06-09T10:00:00Z'), metAt: t('2026-06-09T11:00:00Z') }, 'breached'],
    ['running, due later', { status: 'running', dueAt: t('2026-06-10T13:00:00Z') }, 'open'],
    ['running, due now: breached though not yet recorded', { status: 'running', dueAt: t('2026-06-10T12:00:00Z') }, 'breached'],
    ['paused', { status: 'paused', caseStatus: 'pending_customer' }, 'open'],
    ['paused in a closed case', { status: 'paused', caseStatus: 'closed' }, 'ended'],
    ['paused in a resolved case', { status: 'paused', caseStatus: 'resolved' }, 'ended'],
    ['a resolution clock of a party no longer responsible', { target: 'resolution', status: 'paused', responsible: false }, 'ended'],
    ['a first response of a party not responsible, waiting', { target: 'first_response', status: 'paused', responsible: false }, 'open'],
  ];
  for (const [name, o, expected] of rows) {
    it(`${name} → ${expected}`, () => assert.equal(outcomeOf(clock({ orgId: 'org_p', ...o }), now), expected));
  }
});

describe('SLA reports: compliance', () => {
  const now = t('2026-06-10T12:00:00Z');
  const past = t('2026-06-01T00:00:00Z');
  const P = 'org_partner';
  const Q = 'org_publisher';
  const clocks: ReportClock[] = [
    // Partner P, offer a, billing moderate: four first responses, 30, 60, 90 min met, one breached then met at 300.
    clock({ caseId: 'c1', orgId: P, status: 'met', metAt: past, elapsedMs: 30 * MIN }),
    clock({ caseId: 'c2', orgId: P, status: 'met', metAt: past, elapsedMs: 60 * MIN }),
    clock({ caseId: 'c3', orgId: P, status: 'met', metAt: past, elapsedMs: 90 * MIN }),
    clock({ caseId: 'c4', orgId: P, status: 'breached', breachedAt: past, metAt: past, elapsedMs: 300 * MIN }),
    clock({ caseId: 'c1', orgId: P, target: 'resolution', status: 'met', metAt: past, elapsedMs: 600 * MIN }),
    clock({ caseId: 'c2', orgId: P, target: 'resolution', status: 'running', dueAt: t('2026-06-11T00:00:00Z'), elapsedMs: 100 * MIN }),
    // Partner P, offer a, billing critical: one open.
    clock({ caseId: 'c5', orgId: P, severity: 'critical', status: 'paused', caseStatus: 'pending_customer' }),
    // Partner P, no offer, commerce: one breached, never met.
    clock({ caseId: 'c6', orgId: P, offerId: null, category: 'commerce_platform', status: 'breached', breachedAt: past, elapsedMs: 61 * MIN }),
    // Publisher Q, offer b, technical: one met at 45 min, one running past its due time.
    clock({ caseId: 'c7', orgId: Q, offerId: 'off_b', category: 'technical_breakfix', status: 'met', metAt: past, elapsedMs: 45 * MIN }),
    clock({ caseId: 'c8', orgId: Q, offerId: 'off_b', category: 'technical_breakfix', status: 'running', dueAt: t('2026-06-10T11:59:00Z'), elapsedMs: 50 * MIN }),
  ];
  const none = { clocks: 0, met: 0, breached: 0, open: 0, ended: 0, compliance: null, medianMinutes: null, p90Minutes: null };

  it('groups by party, offer, category and severity', () => {
    const rows = complianceOf(clocks, ['party', 'offer', 'category', 'severity'], now);
    assert.deepEqual(rows, [
      {
        key: { orgId: P, offerId: null, category: 'commerce_platform', severity: 'moderate' }, cases: 1,
        firstResponse: { clocks: 1, met: 0, breached: 1, open: 0, ended: 0, compliance: 0, medianMinutes: null, p90Minutes: null }, resolution: none,
      },
      {
        key: { orgId: P, offerId: 'off_a', category: 'billing', severity: 'critical' }, cases: 1,
        firstResponse: { clocks: 1, met: 0, breached: 0, open: 1, ended: 0, compliance: null, medianMinutes: null, p90Minutes: null }, resolution: none,
      },
      {
        key: { orgId: P, offerId: 'off_a', category: 'billing', severity: 'moderate' }, cases: 4,
        // Times 30, 60, 90, 300: median at rank 1.5 → 75; p90 at rank 2.7 → 90 + 0.7 × 210 = 237.
        firstResponse: { clocks: 4, met: 3, breached: 1, open: 0, ended: 0, compliance: 0.75, medianMinutes: 75, p90Minutes: 237 },
        resolution: { clocks: 2, met: 1, breached: 0, open: 1, ended: 0, compliance: 1, medianMinutes: 600, p90Minutes: 600 },
      },
      {
        key: { orgId: Q, offerId: 'off_b', category: 'technical_breakfix', severity: 'moderate' }, cases: 2,
        firstResponse: { clocks: 2, met: 1, breached: 1, open: 0, ended: 0, compliance: 0.5, medianMinutes: 45, p90Minutes: 45 }, resolution: none,
      },
    ]);
  });

  it('sums over the dimensions not reported by', () => {
    const byParty = complianceOf(clocks, ['party'], now);
    assert.deepEqual(byParty.map((r) => [r.key, r.cases, r.firstResponse.met, r.firstResponse.breached, r.firstResponse.open, r.firstResponse.medianMinutes]), [
      [{ orgId: P }, 6, 3, 2, 1, 75],
      [{ orgId: Q }, 2, 1, 1, 0, 45],
    ]);
    const everything = complianceOf(clocks, [], now);
    // First responses met at 30, 45, 60, 90, 300: median 60; p90 at rank 3.6 → 90 + 0.6 × 210 = 216.
    assert.deepEqual(everything.map((r) => [r.key, r.cases, r.firstResponse]), [[{}, 8, { clocks: 8, met: 4, breached: 3, open: 1, ended: 0, compliance: 4 / 7, medianMinutes: 60, p90Minutes: 216 }]]);
    const bySeverity = complianceOf(clocks, ['severity', 'severity'] as ReportDimension[], now);
    assert.deepEqual(bySeverity.map((r) => [r.key, r.cases]), [[{ severity: 'critical' }, 1], [{ severity: 'moderate' }, 7]]);
  });

  it('gives the same rows however the clocks are split into pages', () => {
    const whole = complianceOf(clocks, ['party', 'offer'], now);
    let tally = startCompliance(['offer', 'party'], now);
    for (let i = 0; i < clocks.length; i += 3) tally = addClocks(tally, clocks.slice(i, i + 3));
    assert.deepEqual(complianceRows(tally), whole);
  });

  it('has no rows for no clocks', () => assert.deepEqual(complianceOf([], ['party'], now), []));
});

// ---- Holding ----

const office = (timeZone: string, start: string, end: string): SupportCalendar => {
  const day: OpenWindow[] = [{ start, end }];
  return { timeZone, week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, holidays: [] };
};
const SEOUL = office('Asia/Seoul', '09:00', '18:00');
const BERLIN = office('Europe/Berlin', '09:00', '17:00');
const RES = 'org_res';
const PROV = 'org_prov';
const OP = 'org_op';
const CUST = 'org_cust';
const CALENDARS: Record<string, SupportCalendar> = { [RES]: SEOUL, [PROV]: BERLIN, [OP]: ALWAYS_ON };
const calendarOf = (orgId: string) => CALENDARS[orgId] ?? ALWAYS_ON;

let ids = 0;
function entry<T extends CaseHistoryType>(type: T, at: string, orgId: string, data: CaseHistoryData<T>): CaseHistoryEntry {
  return { id: `evt_${++ids}`, caseId: 'case_h', type, actor: { orgId, userId: null }, visibility: 'public', at: t(at), data } as CaseHistoryEntry;
}
const move = (from: CaseStatus, to: CaseStatus) => ({ status: { from, to } });
const opening = (at: string, holder: string) => [
  entry('opened', at, CUST, { title: 'Invoice', category: 'billing', severity: 'moderate', subscriptionId: 'sub', offerId: 'off' }),
  entry('routed', at, CUST, {
    responsibleOrgId: PROV, holderOrgId: holder, escalationPath: [], incidentId: null, rules: [],
    participants: [{ orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }, { orgId: PROV, role: 'provider' }],
  }),
];

/**
 * Reseller → provider → operator, a hand back to the provider, a wait on the customer, resolved:
 * Monday 2026-06-08 00:00Z (09:00 KST) opened, held by the reseller;
 * 02:00Z escalated to the provider (Berlin 04:00); 08:00Z (10:00 CEST) the provider asks the customer;
 * 10:00Z the customer answers; 11:00Z escalated to the operator; 14:00Z handed back to the provider;
 * 15:00Z (17:00 CEST) resolved; 2026-06-09 07:00Z (09:00 CEST) reopened; 08:00Z resolved again.
 */
const story: CaseHistoryEntry[] = [
  ...opening('2026-06-08T00:00:00Z', RES),
  entry('escalated', '2026-06-08T02:00:00Z', RES, { fromOrgId: RES, toOrgId: PROV, tier: 'provider', ...move('new', 'pending_party') }),
  entry('replied', '2026-06-08T08:00:00Z', PROV, { messageId: 'm1', awaitingCustomer: true, ...move('pending_party', 'pending_customer') }),
  entry('replied', '2026-06-08T10:00:00Z', CUST, { messageId: 'm2', awaitingCustomer: false, ...move('pending_customer', 'open') }),
  entry('noted', '2026-06-08T10:30:00Z', PROV, { messageId: 'm3' }),
  entry('escalated', '2026-06-08T11:00:00Z', PROV, { fromOrgId: PROV, toOrgId: OP, tier: 'operator', ...move('open', 'pending_party') }),
  entry('handed_back', '2026-06-08T14:00:00Z', OP, { fromOrgId: OP, toOrgId: PROV }),
  entry('resolved', '2026-06-08T15:00:00Z', PROV, move('pending_party', 'resolved')),
  entry('reopened', '2026-06-09T07:00:00Z', CUST, move('resolved', 'open')),
  entry('resolved', '2026-06-09T08:00:00Z', PROV, move('open', 'resolved')),
];

describe('SLA reports: who held the case', () => {
  it('splits the history into holdings per party and status', () => {
    const spans = holdingSpans(story, t('2026-06-10T00:00:00Z'));
    assert.deepEqual(spans.map((s) => [s.orgId, s.from.toISOString().slice(5, 16), s.to.toISOString().slice(5, 16), s.waiting, s.received]), [
      [RES, '06-08T00:00', '06-08T02:00', false, true],
      [PROV, '06-08T02:00', '06-08T08:00', false, true],
      [PROV, '06-08T08:00', '06-08T10:00', true, false],
      [PROV, '06-08T10:00', '06-08T11:00', false, false],
      [OP, '06-08T11:00', '06-08T14:00', false, true],
      [PROV, '06-08T14:00', '06-08T15:00', false, true],
      [PROV, '06-09T07:00', '06-09T08:00', false, true],
    ]);
  });

  it('sums wall and business time per party, in the order they received the case', () => {
    const got = holdingOf(story, t('2026-06-10T00:00:00Z'), calendarOf);
    assert.deepEqual(got.map((h) => ({
      org: h.orgId, first: h.firstReceivedAt.toISOString(), times: h.times,
      held: h.heldMs / MIN, business: h.heldBusinessMs / MIN, waiting: h.waitingMs / MIN, waitingBusiness: h.waitingBusinessMs / MIN,
    })), [
      // Seoul 09:00–11:00 KST: all in hours.
      { org: RES, first: '2026-06-08T00:00:00.000Z', times: 1, held: 120, business: 120, waiting: 0, waitingBusiness: 0 },
      // Berlin: 04:00–10:00 CEST has 60 open (09–10); waiting 10:00–12:00 all 120 open; 12:00–13:00 60;
      // 16:00–17:00 60; the next day 09:00–10:00 60. Held 6 h + 2 h + 1 h + 1 h + 1 h.
      { org: PROV, first: '2026-06-08T02:00:00.000Z', times: 3, held: 660, business: 360, waiting: 120, waitingBusiness: 120 },
      // Around the clock.
      { org: OP, first: '2026-06-08T11:00:00.000Z', times: 1, held: 180, business: 180, waiting: 0, waitingBusiness: 0 },
    ]);
  });

  it('runs an open case\'s last holding to the reading, and ignores what comes after it', () => {
    const got = holdingOf(story.slice(0, 4), t('2026-06-08T09:00:00Z'), calendarOf);
    assert.deepEqual(got.map((h) => [h.orgId, h.heldMs / MIN, h.waitingMs / MIN]), [[RES, 120, 0], [PROV, 420, 60]]);
    const early = holdingOf(story, t('2026-06-08T01:00:00Z'), calendarOf);
    assert.deepEqual(early.map((h) => [h.orgId, h.heldMs / MIN]), [[RES, 60]]);
  });

  it('has nobody holding a case before it is routed', () => {
    assert.deepEqual(holdingSpans(story.slice(0, 1), t('2026-06-10T00:00:00Z')), []);
  });

  it('never gives the parties more time together than the case was open, however the history goes', () => {
    const parties = [RES, PROV, OP];
    const step = fc.record({
      minutes: fc.integer({ min: 1, max: 3_000 }),
      kind: fc.constantFrom('hand', 'wait', 'answer', 'resolve', 'reopen'),
      to: fc.constantFrom(...parties),
    });
    fc.assert(fc.property(fc.array(step, { maxLength: 25 }), fc.integer({ min: 0, max: 5_000 }), (steps, tail) => {
      const history = [...opening('2026-06-08T00:00:00Z', RES)];
      let at = t('2026-06-08T00:00:00Z').getTime();
      let status: CaseStatus = 'new';
      let holder = RES;
      for (const s of steps) {
        at += s.minutes * MIN;
        const iso = new Date(at).toISOString();
        if (s.kind === 'hand' && status !== 'resolved' && s.to !== holder) {
          history.push(entry('escalated', iso, holder, { fromOrgId: holder, toOrgId: s.to, tier: 'provider', ...move(status, 'pending_party') }));
          holder = s.to;
          status = 'pending_party';
        } else if (s.kind === 'wait' && status !== 'resolved') {
          history.push(entry('replied', iso, holder, { messageId: iso, awaitingCustomer: true, ...move(status, 'pending_customer') }));
          status = 'pending_customer';
        } else if (s.kind === 'answer' && status === 'pending_customer') {
          history.push(entry('replied', iso, CUST, { messageId: iso, awaitingCustomer: false, ...move(status, 'open') }));
          status = 'open';
        } else if (s.kind === 'resolve' && status !== 'resolved') {
          history.push(entry('resolved', iso, holder, move(status, 'resolved')));
          status = 'resolved';
        } else if (s.kind === 'reopen' && status === 'resolved') {
          history.push(entry('reopened', iso, CUST, move(status, 'open')));
          status = 'open';
        }
      }
      const until = new Date(at + tail * MIN);
      const holdings = holdingOf(history, until, calendarOf);
      const openMs = until.getTime() - t('2026-06-08T00:00:00Z').getTime();
      const held = holdings.reduce((sum, h) => sum + h.heldMs, 0);
      assert.ok(held <= openMs, `${held} > ${openMs}`);
      for (const h of holdings) {
        assert.ok(h.heldBusinessMs <= h.heldMs && h.waitingMs <= h.heldMs && h.waitingBusinessMs <= h.heldBusinessMs);
        assert.ok(h.times >= 1);
      }
      // The whole open time is held by someone while the case was never resolved.
      if (!history.some((e) => e.type === 'resolved')) assert.equal(held, openMs);
    }), { numRuns: 300 });
  });
});
