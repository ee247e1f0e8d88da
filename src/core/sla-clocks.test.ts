/**
 * SLA clocks over hand-written histories at fixed times. Every expected figure is worked out by
 * hand from the calendars below (Seoul KST +09:00; Berlin CEST +02:00 in June; New York EST −05:00,
 * EDT −04:00 from 2026-03-08) and written as a literal; none is computed by the module.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessMsBetween, type OpenWindow, type SupportCalendar } from './business-calendar.ts';
import { CaseHistoryError, type CaseHistoryData, type CaseHistoryEntry, type CaseHistoryType } from './case-history.ts';
import type { CaseStatus } from './case-rules.ts';
import type { ParticipantRole, Severity } from './routing-types.ts';
import {
  advanceClocks, clocksAt, nextDeadline, slaClocks, startClocks, warningAt, type PartyPolicy, type SlaClock,
} from './sla-clocks.ts';
import type { SupportCategory } from './support-categories.ts';

const t = (iso: string) => new Date(iso);

const office = (timeZone: string, start: string, end: string, holidays: string[] = []): SupportCalendar => {
  const day: OpenWindow[] = [{ start, end }];
  return { timeZone, week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, holidays };
};
const SEOUL = office('Asia/Seoul', '09:00', '18:00');
const BERLIN = office('Europe/Berlin', '09:00', '17:00');
const NEW_YORK = office('America/New_York', '09:00', '17:00', ['2026-11-26']);

const CUST = 'org_cust';
const RES = 'org_res';
const PROV = 'org_prov';
const PUB = 'org_pub';
const OP = 'org_op';

/** Each party's policy; `source` names it so the echo can be checked. */
const POLICIES: Record<string, PartyPolicy<string>> = {
  [RES]: { targets: { firstResponseMinutes: 120, resolutionMinutes: 960 }, calendar: SEOUL, source: 'reseller policy v2' },
  [PROV]: { targets: { firstResponseMinutes: 30, resolutionMinutes: 240 }, calendar: BERLIN, source: 'provider policy v1' },
  [PUB]: { targets: { firstResponseMinutes: 60, resolutionMinutes: 600 }, calendar: NEW_YORK, criticalAroundTheClock: true, source: 'agreement v3' },
  [OP]: { targets: { firstResponseMinutes: 60, resolutionMinutes: 600 }, calendar: BERLIN, source: 'operator policy v1' },
};
const policyOf = (orgId: string) => POLICIES[orgId]!;

const PARTICIPANTS: { orgId: string; role: ParticipantRole }[] = [
  { orgId: CUST, role: 'customer' }, { orgId: RES, role: 'reseller' }, { orgId: PROV, role: 'provider' }, { orgId: PUB, role: 'publisher' },
];

let ids = 0;
function entry<T extends CaseHistoryType>(type: T, at: string, orgId: string, data: CaseHistoryData<T>): CaseHistoryEntry {
  return { id: `evt_${++ids}`, caseId: 'case_1', type, actor: { orgId, userId: null }, visibility: 'public', at: t(at), data } as CaseHistoryEntry;
}
const move = (from: CaseStatus, to: CaseStatus) => ({ status: { from, to } });

/** `opened` by the customer and `routed` to a holder, with a responsible. */
function opening(at: string, o: { category?: SupportCategory; severity?: Severity; holder: string; responsible: string; requester?: string }): CaseHistoryEntry[] {
  const requester = o.requester ?? CUST;
  return [
    entry('opened', at, requester, { title: 'Invoice', category: o.category ?? 'billing', severity: o.severity ?? 'moderate', subscriptionId: 'sub_1', offerId: 'off_1' }),
    entry('routed', at, requester, { responsibleOrgId: o.responsible, holderOrgId: o.holder, escalationPath: [], participants: PARTICIPANTS, incidentId: null, rules: [] }),
  ];
}
const reply = (at: string, orgId: string, status?: [CaseStatus, CaseStatus], awaitingCustomer = false) =>
  entry('replied', at, orgId, { messageId: `msg_${at}`, awaitingCustomer, ...(status ? move(status[0], status[1]) : {}) });

/** The figures of a reading that the tests compare, by `orgId target`. */
function table(clocks: SlaClock[]) {
  return Object.fromEntries(clocks.map((c) => [`${c.orgId} ${c.target}`, {
    status: c.status, elapsed: c.elapsedMinutes, remaining: c.remainingMinutes, dueAt: c.dueAt?.toISOString() ?? null,
    metAt: c.metAt?.toISOString() ?? null, breachedAt: c.breachedAt?.toISOString() ?? null,
  }]));
}

describe('SLA clocks: support hours and the weekend', () => {
  // Friday 2026-06-05 17:00 KST: one hour of Friday left, then Monday 09:00 KST.
  const history = opening('2026-06-05T08:00:00Z', { holder: RES, responsible: RES });

  it('counts only the reseller\'s Seoul hours, and tells the due times', () => {
    const clocks = slaClocks(history, policyOf, t('2026-06-08T00:30:00Z')); // Monday 09:30 KST
    assert.deepEqual(table(clocks), {
      'org_res first_response': { status: 'running', elapsed: 90, remaining: 30, dueAt: '2026-06-08T01:00:00.000Z', metAt: null, breachedAt: null },
      // 870 min left from Monday 09:30: 510 to 18:00, then Tuesday 09:00–15:00 KST.
      'org_res resolution': { status: 'running', elapsed: 90, remaining: 870, dueAt: '2026-06-09T06:00:00.000Z', metAt: null, breachedAt: null },
    });
    assert.deepEqual(clocks.map((c) => [c.role, c.targetMinutes, c.policy, c.startedAt.toISOString()]), [
      ['reseller', 120, 'reseller policy v2', '2026-06-05T08:00:00.000Z'], ['reseller', 960, 'reseller policy v2', '2026-06-05T08:00:00.000Z'],
    ]);
    // Over the weekend nothing moves: Saturday noon reads as Friday's close.
    assert.deepEqual(table(slaClocks(history, policyOf, t('2026-06-06T03:00:00Z')))['org_res first_response'],
      { status: 'running', elapsed: 60, remaining: 60, dueAt: '2026-06-08T01:00:00.000Z', metAt: null, breachedAt: null });
  });

  it('meets the first response with the holder\'s public reply, not with a note or another party\'s reply', () => {
    const more = [
      entry('noted', '2026-06-08T00:10:00Z', RES, { messageId: 'msg_note' }),
      reply('2026-06-08T00:20:00Z', PROV),
      reply('2026-06-08T00:45:00Z', RES, ['new', 'open']), // Monday 09:45 KST
    ];
    assert.deepEqual(table(slaClocks([...history, ...more], policyOf, t('2026-06-08T03:00:00Z'))), {
      'org_res first_response': { status: 'met', elapsed: 105, remaining: 15, dueAt: null, metAt: '2026-06-08T00:45:00.000Z', breachedAt: null },
      // 720 left from 12:00 KST: 360 to 18:00, then Tuesday 09:00–15:00 KST.
      'org_res resolution': { status: 'running', elapsed: 240, remaining: 720, dueAt: '2026-06-09T06:00:00.000Z', metAt: null, breachedAt: null },
    });
  });

  it('calls a reply at the very moment it is due a breach', () => {
    const clocks = slaClocks([...history, reply('2026-06-08T01:00:00Z', RES, ['new', 'open'])], policyOf, t('2026-06-08T02:00:00Z'));
    assert.deepEqual(table(clocks)['org_res first_response'],
      { status: 'breached', elapsed: 120, remaining: 0, dueAt: '2026-06-08T01:00:00.000Z', metAt: '2026-06-08T01:00:00.000Z', breachedAt: '2026-06-08T01:00:00.000Z' });
  });
});

describe('SLA clocks: waiting on the customer', () => {
  const history = [
    ...opening('2026-06-05T08:00:00Z', { holder: RES, responsible: RES }),
    reply('2026-06-08T00:59:00Z', RES, ['new', 'pending_customer'], true), // Monday 09:59 KST, asks the customer
  ];
  const answered = [...history, reply('2026-06-08T06:00:00Z', CUST, ['pending_customer', 'open'])]; // 15:00 KST

  it('pauses every clock: nothing moves while the case waits', () => {
    const at14 = table(slaClocks(history, policyOf, t('2026-06-08T05:00:00Z')));
    assert.deepEqual(at14, {
      'org_res first_response': { status: 'met', elapsed: 119, remaining: 1, dueAt: null, metAt: '2026-06-08T00:59:00.000Z', breachedAt: null },
      'org_res resolution': { status: 'paused', elapsed: 119, remaining: 841, dueAt: null, metAt: null, breachedAt: null },
    });
    assert.deepEqual(table(slaClocks(history, policyOf, t('2026-06-15T05:00:00Z'))), at14, 'a week later, still the same');
  });

  it('runs again when the customer answers', () => {
    assert.deepEqual(table(slaClocks(answered, policyOf, t('2026-06-08T07:00:00Z')))['org_res resolution'],
      // 60 Friday + 59 Monday morning + 60 from 15:00 to 16:00 KST; 781 left: 120 Monday, Tuesday's 540, Wednesday 09:00–11:01 KST.
      { status: 'running', elapsed: 179, remaining: 781, dueAt: '2026-06-10T02:01:00.000Z', metAt: null, breachedAt: null });
  });
});

describe('SLA clocks: a case handed between three parties', () => {
  // A customer's technical question to its reseller (tier 1); the publisher is responsible.
  const history = [
    ...opening('2026-06-01T01:00:00Z', { category: 'technical_howto', holder: RES, responsible: PUB }), // Monday 10:00 KST
    entry('escalated', '2026-06-01T02:00:00Z', RES, { fromOrgId: RES, toOrgId: PROV, tier: 'provider', ...move('new', 'pending_party') }),
    entry('forwarded', '2026-06-01T07:20:00Z', PROV, { fromOrgId: PROV, toOrgId: PUB, ...move('pending_party', 'pending_party') }), // 09:20 CEST
    reply('2026-06-01T14:10:00Z', PUB, ['pending_party', 'open']), // 10:10 EDT
    entry('resolved', '2026-06-02T14:30:00Z', PUB, move('open', 'resolved')), // Tuesday 10:30 EDT
  ];

  it('holds each party to its own clock, only while it holds the case', () => {
    const clocks = slaClocks(history, policyOf, t('2026-06-02T16:00:00Z'));
    assert.deepEqual(table(clocks), {
      // Escalated to the provider, not to the responsible publisher: not met, and waits.
      'org_res first_response': { status: 'paused', elapsed: 60, remaining: 60, dueAt: null, metAt: null, breachedAt: null },
      // Counted from 13:00 Monday New York time only: the reseller's and the provider's hours are not its own.
      'org_pub resolution': { status: 'met', elapsed: 570, remaining: 30, dueAt: null, metAt: '2026-06-02T14:30:00.000Z', breachedAt: null },
      // Berlin opened at 09:00 CEST; forwarding to the responsible publisher met it.
      'org_prov first_response': { status: 'met', elapsed: 20, remaining: 10, dueAt: null, metAt: '2026-06-01T07:20:00.000Z', breachedAt: null },
      // Its hour ran out at 10:00 EDT; the reply came at 10:10.
      'org_pub first_response': {
        status: 'breached', elapsed: 70, remaining: 0, dueAt: '2026-06-01T14:00:00.000Z', metAt: '2026-06-01T14:10:00.000Z', breachedAt: '2026-06-01T14:00:00.000Z',
      },
    });
    assert.deepEqual(clocks.map((c) => [c.orgId, c.role, c.policy]), [
      [RES, 'reseller', 'reseller policy v2'], [PUB, 'publisher', 'agreement v3'], [PROV, 'provider', 'provider policy v1'], [PUB, 'publisher', 'agreement v3'],
    ]);
  });

  it('gives each organization its own next deadline', () => {
    // Monday 03:00Z: the provider's clock is running (due 07:30Z), the publisher's resolution waits.
    const early = slaClocks(history.slice(0, 3), policyOf, t('2026-06-01T03:00:00Z'));
    assert.deepEqual([...nextDeadline(early)].map(([org, d]) => [org, d.toISOString()]), [[PROV, '2026-06-01T07:30:00.000Z']]);
    // Monday 14:05Z: the publisher's breached first response is still owed, so its deadline is the breach.
    const late = slaClocks(history.slice(0, 4), policyOf, t('2026-06-01T14:05:00Z'));
    assert.deepEqual([...nextDeadline(late)].map(([org, d]) => [org, d.toISOString()]), [[PUB, '2026-06-01T14:00:00.000Z']]);
  });
});

describe('SLA clocks: the responsible\'s tiers', () => {
  // The reseller is responsible for billing, escalates to its provider, which hands it back.
  const history = [
    ...opening('2026-06-01T01:00:00Z', { holder: RES, responsible: RES }), // Monday 10:00 KST
    entry('escalated', '2026-06-01T01:30:00Z', RES, { fromOrgId: RES, toOrgId: PROV, tier: 'provider', ...move('new', 'pending_party') }),
    entry('handed_back', '2026-06-01T07:10:00Z', PROV, { fromOrgId: PROV, toOrgId: RES, ...move('pending_party', 'pending_party') }), // 16:10 KST
    reply('2026-06-01T07:40:00Z', RES, ['pending_party', 'open']), // 16:40 KST
  ];

  it('counts the provider\'s time against the reseller\'s resolution, in the reseller\'s hours', () => {
    assert.deepEqual(table(slaClocks(history, policyOf, t('2026-06-01T08:00:00Z'))), {
      // 30 minutes before the escalation, 30 after the hand back.
      'org_res first_response': { status: 'met', elapsed: 60, remaining: 60, dueAt: null, metAt: '2026-06-01T07:40:00.000Z', breachedAt: null },
      // 10:00–17:00 KST; 540 left: 60 today, then Tuesday 09:00–17:00 KST.
      'org_res resolution': { status: 'running', elapsed: 420, remaining: 540, dueAt: '2026-06-02T08:00:00.000Z', metAt: null, breachedAt: null },
      // Berlin opened at 07:00Z; handing back to the responsible reseller met it.
      'org_prov first_response': { status: 'met', elapsed: 10, remaining: 20, dueAt: null, metAt: '2026-06-01T07:10:00.000Z', breachedAt: null },
    });
  });
});

describe('SLA clocks: resolving, reopening and closing', () => {
  const opened = opening('2026-06-01T01:00:00Z', { holder: RES, responsible: RES }); // Monday 10:00 KST

  it('resolving meets both; a reopen resumes the resolution and leaves the first response met', () => {
    const history = [
      ...opened,
      entry('resolved', '2026-06-01T02:00:00Z', RES, move('new', 'resolved')),
      entry('reopened', '2026-06-01T05:00:00Z', CUST, move('resolved', 'open')), // 14:00 KST
    ];
    const resolved = table(slaClocks(history.slice(0, 3), policyOf, t('2026-06-01T04:00:00Z')));
    assert.equal(resolved['org_res resolution']!.status, 'met');
    assert.equal(resolved['org_res resolution']!.elapsed, 60);
    const clocks = slaClocks(history, policyOf, t('2026-06-01T06:00:00Z'));
    assert.deepEqual(table(clocks), {
      'org_res first_response': { status: 'met', elapsed: 60, remaining: 60, dueAt: null, metAt: '2026-06-01T02:00:00.000Z', breachedAt: null },
      // 60 before, 60 since; 840 left: 180 today, Tuesday's 540, Wednesday 09:00–11:00 KST.
      'org_res resolution': { status: 'running', elapsed: 120, remaining: 840, dueAt: '2026-06-03T02:00:00.000Z', metAt: null, breachedAt: null },
    });
    assert.equal(clocks[1]!.previouslyMetAt?.toISOString(), '2026-06-01T02:00:00.000Z');
  });

  it('closing ends the clocks as they stood', () => {
    const clocks = slaClocks([...opened, entry('closed', '2026-06-01T02:00:00Z', CUST, move('new', 'closed'))], policyOf, t('2026-06-03T00:00:00Z'));
    assert.deepEqual(clocks.map((c) => [c.target, c.status, c.elapsedMinutes, c.endedAt?.toISOString(), c.counting]), [
      ['first_response', 'paused', 60, '2026-06-01T02:00:00.000Z', false], ['resolution', 'paused', 60, '2026-06-01T02:00:00.000Z', false],
    ]);
  });
});

describe('SLA clocks: a reroute to another responsible', () => {
  const history = [
    ...opening('2026-06-01T01:00:00Z', { holder: RES, responsible: RES }), // Monday 10:00 KST
    entry('rerouted', '2026-06-01T02:00:00Z', RES, {
      fromCategory: 'billing', toCategory: 'technical_breakfix', reason: 'It is a bug', fromOrgId: RES, toOrgId: PUB, responsibleOrgId: PUB,
      addedParticipants: [], escalationPath: [], rules: [], ...move('new', 'pending_party'),
    }),
  ];

  it('ends the old responsible\'s clock, starts the new one\'s, and the hand-over to it meets the first response', () => {
    const clocks = slaClocks(history, policyOf, t('2026-06-01T13:30:00Z')); // 09:30 EDT
    assert.deepEqual(table(clocks), {
      'org_res first_response': { status: 'met', elapsed: 60, remaining: 60, dueAt: null, metAt: '2026-06-01T02:00:00.000Z', breachedAt: null },
      'org_res resolution': { status: 'paused', elapsed: 60, remaining: 900, dueAt: null, metAt: null, breachedAt: null },
      'org_pub resolution': { status: 'running', elapsed: 30, remaining: 570, dueAt: '2026-06-02T15:00:00.000Z', metAt: null, breachedAt: null },
      'org_pub first_response': { status: 'running', elapsed: 30, remaining: 30, dueAt: '2026-06-01T14:00:00.000Z', metAt: null, breachedAt: null },
    });
    assert.equal(clocks[1]!.endedAt?.toISOString(), '2026-06-01T02:00:00.000Z');
  });
});

describe('SLA clocks: time zones, daylight saving, holidays, around the clock', () => {
  const atPublisher = (at: string, severity: Severity) => opening(at, { category: 'technical_breakfix', severity, holder: PUB, responsible: PUB });
  const firstResponse = (clocks: SlaClock[]) => clocks.find((c) => c.target === 'first_response')!;

  it('runs a critical case around the clock when the policy says so, across New York\'s spring forward', () => {
    // Sunday 2026-03-08 01:30 EST; one wall hour later it is 03:30 EDT.
    const clocks = slaClocks(atPublisher('2026-03-08T06:30:00Z', 'critical'), policyOf, t('2026-03-08T07:45:00Z'));
    assert.deepEqual(table([firstResponse(clocks)])['org_pub first_response'],
      { status: 'breached', elapsed: 75, remaining: 0, dueAt: '2026-03-08T07:30:00.000Z', metAt: null, breachedAt: '2026-03-08T07:30:00.000Z' });
    assert.equal(firstResponse(clocks).aroundTheClock, true);
  });

  it('keeps office hours for a critical case when the policy does not run around the clock, and for other severities', () => {
    const officeOnly = (orgId: string) => ({ ...POLICIES[orgId]!, criticalAroundTheClock: false });
    // Friday 2026-03-06 16:30 EST: 30 minutes Friday, then Monday 09:00–09:30 EDT.
    for (const [severity, policies] of [['critical', officeOnly], ['moderate', policyOf]] as const) {
      const c = firstResponse(slaClocks(atPublisher('2026-03-06T21:30:00Z', severity), policies, t('2026-03-07T12:00:00Z')));
      assert.deepEqual([c.status, c.elapsedMinutes, c.dueAt?.toISOString(), c.aroundTheClock], ['running', 30, '2026-03-09T13:30:00.000Z', false], severity);
    }
  });

  it('skips the publisher\'s Thanksgiving', () => {
    // Wednesday 2026-11-25 16:30 EST: 30 minutes, Thursday off, Friday 09:00–09:30 EST.
    const c = firstResponse(slaClocks(atPublisher('2026-11-25T21:30:00Z', 'moderate'), policyOf, t('2026-11-26T18:00:00Z')));
    assert.deepEqual([c.elapsedMinutes, c.dueAt?.toISOString()], [30, '2026-11-27T14:30:00.000Z']);
  });
});

describe('SLA clocks: the fold', () => {
  const history = [
    ...opening('2026-06-01T01:00:00Z', { holder: RES, responsible: RES }),
    entry('escalated', '2026-06-01T01:30:00Z', RES, { fromOrgId: RES, toOrgId: PROV, tier: 'provider', ...move('new', 'pending_party') }),
    entry('handed_back', '2026-06-01T07:10:00Z', PROV, { fromOrgId: PROV, toOrgId: RES, ...move('pending_party', 'pending_party') }),
    reply('2026-06-01T07:40:00Z', RES, ['pending_party', 'open']),
  ];

  it('does not depend on how the history is split into reads', () => {
    const whole = clocksAt(advanceClocks(startClocks(policyOf), history), t('2026-06-01T08:00:00Z'));
    let s = startClocks(policyOf);
    for (const e of history) s = advanceClocks(s, [e]);
    assert.deepEqual(clocksAt(s, t('2026-06-01T08:00:00Z')), whole);
    const split = advanceClocks(advanceClocks(startClocks(policyOf), history.slice(0, 1)), history.slice(1));
    assert.deepEqual(clocksAt(split, t('2026-06-01T08:00:00Z')), whole);
  });

  it('takes a map of policies as well as a function', () => {
    const byMap = slaClocks(history, new Map(Object.entries(POLICIES)), t('2026-06-01T08:00:00Z'));
    assert.deepEqual(byMap, slaClocks(history, policyOf, t('2026-06-01T08:00:00Z')));
  });

  it('reads a time before the last entry at the last entry', () => {
    const clocks = slaClocks(history, policyOf, t('2026-06-01T00:00:00Z'));
    assert.deepEqual(clocks.map((c) => c.asOf.toISOString()), ['2026-06-01T07:40:00.000Z', '2026-06-01T07:40:00.000Z', '2026-06-01T07:40:00.000Z']);
  });

  it('owes no first response to the requester holding its own case', () => {
    const own = opening('2026-06-01T01:00:00Z', { holder: RES, responsible: RES, requester: RES });
    assert.deepEqual(slaClocks(own, policyOf, t('2026-06-01T02:00:00Z')).map((c) => c.target), ['resolution']);
  });

  it('refuses histories that do not fold', () => {
    assert.throws(() => advanceClocks(startClocks(policyOf), history.slice(1)), CaseHistoryError);
    assert.throws(() => advanceClocks(startClocks(policyOf), [history[0]!, history[2]!]), CaseHistoryError);
    assert.throws(() => advanceClocks(startClocks(policyOf), [...history.slice(0, 3), reply('2026-06-01T01:15:00Z', RES)]), CaseHistoryError);
  });
});

describe('SLA clocks: warnings', () => {
  const history = opening('2026-06-05T08:00:00Z', { holder: RES, responsible: RES }); // Friday 17:00 KST

  it('tells when a share of the target is left', () => {
    const [first, resolution] = slaClocks(history, policyOf, t('2026-06-08T00:30:00Z')); // Monday 09:30 KST
    // 30 of 120 minutes left already: warn now.
    assert.equal(warningAt(first!, 0.25)?.toISOString(), '2026-06-08T00:30:00.000Z');
    assert.equal(warningAt(first!, 0.5)?.toISOString(), '2026-06-08T00:30:00.000Z');
    assert.equal(warningAt(first!, 0.2)?.toISOString(), '2026-06-08T00:36:00.000Z');
    // 240 of 960 left after 630 more minutes: Monday's 510, then Tuesday 09:00–11:00 KST.
    assert.equal(warningAt(resolution!, 0.25)?.toISOString(), '2026-06-09T02:00:00.000Z');
  });

  it('has no warning for a clock that is not running', () => {
    const paused = slaClocks([...history, reply('2026-06-08T00:10:00Z', RES, ['new', 'pending_customer'], true)], policyOf, t('2026-06-08T02:00:00Z'));
    assert.deepEqual(paused.map((c) => [c.status, warningAt(c, 0.25)]), [['met', null], ['paused', null]]);
  });
});

describe('SLA clocks: many readings at one instant (the scan)', () => {
  it('counts each running clock exactly as business time from its last entry, whatever stretches earlier readings remembered', () => {
    // Holders in three zones, opened at many times over two months (across New York's and Berlin's
    // autumn changes and a US holiday), all read at the same instants, twice each.
    const nows = [t('2026-12-01T15:30:00Z'), t('2026-12-01T15:30:00Z'), t('2026-11-02T14:00:00Z')];
    let checked = 0;
    for (const now of nows) {
      for (let i = 0; i < 120; i++) {
        const holder = [RES, PROV, PUB][i % 3]!;
        const openedAt = new Date(Date.UTC(2026, 8, 20) + i * 11 * 3_600_000 + i * 7 * 60_000);
        if (openedAt.getTime() >= now.getTime()) continue;
        const clocks = slaClocks(opening(openedAt.toISOString(), { holder, responsible: holder }), policyOf, now);
        for (const c of clocks) {
          // Running or breached (a breached clock keeps counting until met): every one counts.
          assert.ok(c.counting, `${c.status}`);
          const expected = businessMsBetween(POLICIES[holder]!.calendar, openedAt, now);
          assert.equal(c.elapsedMs, expected, `${holder} ${c.target} opened ${openedAt.toISOString()} read ${now.toISOString()}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 400, `${checked} clocks checked`);
  });
});
