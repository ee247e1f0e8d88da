/**
 * Watching SLA clocks over hand-written histories: visibility, cycles, warning times, what is due
 * to be told, the next look, deadlines. Every party counts every minute (UTC, all week) so each
 * expected time is plain arithmetic, written as a literal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SupportCalendar } from './business-calendar.ts';
import type { CaseHistoryData, CaseHistoryEntry, CaseHistoryType } from './case-history.ts';
import type { CaseStatus } from './case-rules.ts';
import type { ParticipantRole } from './routing-types.ts';
import type { PartyPolicy } from './sla-clocks.ts';
import { deadlinesOf, noticeAt, noticesDue, watchClocks, type NoticeKind, type WatchedClock } from './sla-notices.ts';

const t = (iso: string) => new Date(iso);
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const ALWAYS: SupportCalendar = { timeZone: 'UTC', week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }, holidays: [] };

const CUST = 'org_cust';
const RES = 'org_res';
const PROV = 'org_prov';
const OP = 'org_op';
const POLICY: PartyPolicy<string> = { targets: { firstResponseMinutes: 60, resolutionMinutes: 600 }, calendar: ALWAYS, source: 'p' };
const policyOf = () => POLICY;
const PARTICIPANTS: { orgId: string; role: ParticipantRole }[] = [
  { orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }, { orgId: PROV, role: 'provider' },
];

let ids = 0;
function entry<T extends CaseHistoryType>(type: T, at: string, orgId: string, data: CaseHistoryData<T>, visibility: 'public' | 'partners' | 'internal' = 'public'): CaseHistoryEntry {
  return { id: `evt_${++ids}`, caseId: 'case_1', type, actor: { orgId, userId: null }, visibility, at: t(at), data } as CaseHistoryEntry;
}
const move = (from: CaseStatus, to: CaseStatus) => ({ status: { from, to } });

/** A reseller's billing case opened by its customer at 09:00, escalated to the provider at 09:30 and on to the operator at 10:00. */
const ESCALATED = [
  entry('opened', '2026-06-01T09:00:00Z', CUST, { title: 'Invoice', category: 'billing', severity: 'moderate', subscriptionId: 'sub_1', offerId: 'off_1' }),
  entry('routed', '2026-06-01T09:00:00Z', CUST, { responsibleOrgId: RES, holderOrgId: RES, escalationPath: [PROV, OP], participants: PARTICIPANTS, incidentId: null, rules: [] }),
  entry('escalated', '2026-06-01T09:30:00Z', RES, { fromOrgId: RES, toOrgId: PROV, tier: 'provider', ...move('new', 'pending_party') }),
  entry('escalated', '2026-06-01T10:00:00Z', PROV, { fromOrgId: PROV, toOrgId: OP, tier: 'operator' }),
];

const summary = (clocks: WatchedClock[]) => clocks.map((c) => `${c.orgId} ${c.target} ${c.status} ${c.visibility} cycle ${c.cycle} warn ${c.warnAt?.toISOString() ?? '-'}`);

describe('watchClocks', () => {
  it('tells the commitments made to the customer from those between partners (rule 1), with warning times (rule 3)', () => {
    assert.deepEqual(summary(watchClocks(ESCALATED, policyOf, t('2026-06-01T10:10:00Z'), 0.25)), [
      `${RES} first_response paused public cycle 1 warn -`,
      // 600 minutes from 09:00, a quarter left at 450: 16:30.
      `${RES} resolution running public cycle 1 warn 2026-06-01T16:30:00.000Z`,
      `${PROV} first_response paused partners cycle 1 warn -`,
      // 60 minutes from 10:00, a quarter left at 45: 10:45.
      `${OP} first_response running partners cycle 1 warn 2026-06-01T10:45:00.000Z`,
    ]);
  });

  it('counts a new cycle when a reopen resumes a met resolution, and warns at once when less than the share is left', () => {
    const history = [
      ...ESCALATED.slice(0, 2),
      entry('replied', '2026-06-01T09:10:00Z', RES, { messageId: 'm1', awaitingCustomer: false, ...move('new', 'open') }),
      entry('resolved', '2026-06-01T17:00:00Z', RES, move('open', 'resolved')),
      entry('reopened', '2026-06-01T18:00:00Z', CUST, move('resolved', 'open')),
    ];
    const clocks = watchClocks(history, policyOf, t('2026-06-01T18:05:00Z'), 0.25);
    assert.deepEqual(summary(clocks), [
      `${RES} first_response met public cycle 1 warn -`,
      // 480 counted by 17:00 and 5 since 18:00: 115 left, under the quarter (150): warn at the reading.
      `${RES} resolution running public cycle 2 warn 2026-06-01T18:05:00.000Z`,
    ]);
    assert.equal(clocks[1]!.dueAt?.toISOString(), '2026-06-01T20:00:00.000Z');
  });

  it('folds the public history only: notes the customer can\'t read change nothing', () => {
    const notes = [
      entry('noted', '2026-06-01T09:05:00Z', RES, { messageId: 'n1' }, 'internal'),
      entry('noted', '2026-06-01T09:06:00Z', RES, { messageId: 'n2' }, 'partners'),
    ];
    const withNotes = [...ESCALATED.slice(0, 2), ...notes, ...ESCALATED.slice(2)];
    const at = t('2026-06-01T10:10:00Z');
    assert.deepEqual(watchClocks(withNotes, policyOf, at, 0.25), watchClocks(ESCALATED, policyOf, at, 0.25));
  });

  it('with a share of 0, warns at the due time', () => {
    const [, resolution] = watchClocks(ESCALATED, policyOf, t('2026-06-01T10:10:00Z'), 0);
    assert.equal(resolution!.warnAt?.toISOString(), '2026-06-01T19:00:00.000Z');
    assert.equal(resolution!.dueAt?.toISOString(), '2026-06-01T19:00:00.000Z');
  });
});

describe('noticesDue and noticeAt', () => {
  const W = t('2026-06-01T10:45:00Z');
  const D = t('2026-06-01T11:00:00Z');
  const none = new Set<NoticeKind>();
  const warned = new Set<NoticeKind>(['warning']);
  const both = new Set<NoticeKind>(['warning', 'breach']);
  const breachOnly = new Set<NoticeKind>(['breach']);
  // status, told, reading → due to tell; next look
  const CASES: [WatchedClock['status'], Set<NoticeKind>, string, NoticeKind[], Date | null][] = [
    ['running', none, '2026-06-01T10:44:00Z', [], W],
    ['running', none, '2026-06-01T10:45:00Z', ['warning'], W],
    ['running', warned, '2026-06-01T10:50:00Z', [], D],
    ['breached', none, '2026-06-01T11:01:00Z', ['breach'], D],
    ['breached', warned, '2026-06-01T11:01:00Z', ['breach'], D],
    ['breached', both, '2026-06-01T11:01:00Z', [], null],
    ['breached', breachOnly, '2026-06-01T11:01:00Z', [], null],
    ['paused', none, '2026-06-01T12:00:00Z', [], null],
    ['met', none, '2026-06-01T12:00:00Z', [], null],
  ];
  for (const [status, told, reading, due, next] of CASES) {
    it(`${status}, told [${[...told].join(', ')}], at ${reading}: tells [${due.join(', ')}], looks again ${next?.toISOString() ?? 'never'}`, () => {
      const clock = { status, warnAt: status === 'running' ? W : null, dueAt: status === 'running' || status === 'breached' ? D : null, breachedAt: status === 'breached' ? D : null };
      assert.deepEqual(noticesDue(clock, told, t(reading)), due);
      assert.deepEqual(noticeAt(clock, told), next);
    });
  }
});

describe('deadlinesOf', () => {
  it('gives each organization the nearest due time of its running clocks, and whether one breached', () => {
    const clocks = watchClocks(ESCALATED, policyOf, t('2026-06-01T11:30:00Z'), 0.25);
    const deadlines = deadlinesOf(clocks, [CUST, RES, PROV, OP]);
    assert.deepEqual(Object.fromEntries([...deadlines].map(([org, d]) => [org, [d.dueAt?.toISOString() ?? null, d.breached]])), {
      [CUST]: [null, false],
      [RES]: ['2026-06-01T19:00:00.000Z', false],
      [PROV]: [null, false],
      // The operator's first response (due 11:00) is breached and not met: its breach time comes first.
      [OP]: ['2026-06-01T11:00:00.000Z', true],
    });
  });
});
