/**
 * SLA policies: the default, the scopes each kind may set, validation, calendars read from old
 * agreements' free text, and which policy applies to each party of a case and why. Expectations
 * are written by hand from the rules' text, not computed by the module.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenWindow, SupportCalendar, Weekday } from './business-calendar.ts';
import type { ParticipantRole } from './routing-types.ts';
import {
  agreementCalendarProblems, calendarFromSupportHours, canonicalPolicy, checkPolicy, DEFAULT_POLICY, ownRoleOf, policyOfAgreement, resolvePolicy, samePolicy,
  scopesFor, versionInForce, type AgreementCommitments, type AgreementVersionFacts, type PolicyCandidates, type PolicyCaseFacts, type SlaPolicy, type StoredPolicyVersion,
} from './sla-policy.ts';

const t = (iso: string) => new Date(iso);
const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];

function calendar(timeZone: string, days: Partial<Record<Weekday, OpenWindow[]>>, holidays: string[] = []): SupportCalendar {
  return { timeZone, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days }, holidays };
}

/** A valid policy: Seoul business hours, 30 min / 4 h critical. */
function seoul(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    targets: {
      critical: { firstResponseMinutes: 30, resolutionMinutes: 240 },
      moderate: { firstResponseMinutes: 120, resolutionMinutes: 960 },
      minimal: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
    },
    calendar: calendar('Asia/Seoul', { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX }, ['2026-09-24']),
    criticalAroundTheClock: true,
    ...overrides,
  };
}

/** Days with their windows, e.g. `mon 09:00-18:00 | sat 10:00-14:00`, for compact expectations. */
function weekOf(c: SupportCalendar | null): string | null {
  if (!c) return null;
  const days = (Object.keys(c.week) as Weekday[]).filter((d) => c.week[d].length > 0);
  return `${c.timeZone}: ${days.map((d) => `${d} ${c.week[d].map((w) => `${w.start}-${w.end}`).join(' ')}`).join(' | ')}`;
}

describe('the default policy', () => {
  it('is Mon–Fri 09:00–18:00 UTC; critical 1 h / 8 h, moderate 4 h / 27 h, minimal 8 h / 45 h; critical not around the clock', () => {
    assert.deepEqual(DEFAULT_POLICY, {
      targets: {
        critical: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        moderate: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
        minimal: { firstResponseMinutes: 480, resolutionMinutes: 2700 },
      },
      calendar: calendar('UTC', { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX }),
      criticalAroundTheClock: false,
    });
  });

  it('is itself a valid policy', () => assert.deepEqual(checkPolicy(DEFAULT_POLICY), []));
});

describe('scopesFor', () => {
  const table: [Parameters<typeof scopesFor>[0], string][] = [
    ['partner', 'all billing payment subscription account_setup technical_howto technical_breakfix service_outage commerce_platform'],
    ['operator', 'all billing payment subscription account_setup commerce_platform'],
    ['publisher', ''],
    ['customer', ''],
  ];
  for (const [kind, expected] of table) it(`${kind}: ${expected || '(none)'}`, () => assert.equal(scopesFor(kind).join(' '), expected));
});

describe('checkPolicy', () => {
  const problems = (p: SlaPolicy) => checkPolicy(p).map((x) => `${x.field} ${x.reason}`);
  const withTargets = (patch: (p: SlaPolicy) => void) => {
    const p = structuredClone(seoul());
    patch(p);
    return p;
  };

  const table: [string, SlaPolicy, string[]][] = [
    ['a valid policy', seoul(), []],
    ['equal targets across severities and kinds', withTargets((p) => {
      for (const s of ['critical', 'moderate', 'minimal'] as const) p.targets[s] = { firstResponseMinutes: 60, resolutionMinutes: 60 };
    }), []],
    ['a zero target', withTargets((p) => { p.targets.moderate.firstResponseMinutes = 0; }), ['targets.moderate.firstResponseMinutes not_whole_minutes']],
    ['a fraction and more than a year', withTargets((p) => {
      p.targets.minimal.firstResponseMinutes = 1.5;
      p.targets.minimal.resolutionMinutes = 525_601;
    }), ['targets.minimal.firstResponseMinutes not_whole_minutes', 'targets.minimal.resolutionMinutes not_whole_minutes']],
    ['a year exactly is allowed', withTargets((p) => { p.targets.minimal.resolutionMinutes = 525_600; }), []],
    ['resolution sooner than first response', withTargets((p) => { p.targets.critical.resolutionMinutes = 20; }), ['targets.critical.resolutionMinutes resolution_before_first_response']],
    ['critical slower than moderate', withTargets((p) => { p.targets.critical = { firstResponseMinutes: 180, resolutionMinutes: 1000 }; }), [
      'targets.critical.firstResponseMinutes slower_than_less_severe', 'targets.critical.resolutionMinutes slower_than_less_severe',
    ]],
    ['moderate slower than minimal', withTargets((p) => { p.targets.moderate.resolutionMinutes = 3000; }), ['targets.moderate.resolutionMinutes slower_than_less_severe']],
    ['a bad calendar, named inside the policy', seoul({ calendar: calendar('Asia/Nowhere', { mon: [{ start: '18:00', end: '09:00' }] }) }), [
      'calendar.timeZone unknown_time_zone', 'calendar.week.mon[0].end start_not_before_end', 'calendar.week never_open',
    ]],
  ];
  for (const [name, policy, expected] of table) it(name, () => assert.deepEqual(problems(policy), expected));

  it('says each problem in English and Korean', () => {
    const [p] = checkPolicy(withTargets((x) => { x.targets.critical.resolutionMinutes = 20; }));
    assert.deepEqual(p?.message, { en: 'must not be sooner than the first response', ko: '첫 응답 목표보다 짧을 수 없습니다' });
    const [slow] = checkPolicy(withTargets((x) => { x.targets.moderate.resolutionMinutes = 3000; }));
    assert.deepEqual(slow?.message, { en: 'must not be slower than minimal', ko: '낮음 심각도의 목표보다 길 수 없습니다' });
  });
});

describe('calendarFromSupportHours', () => {
  const table: [string, string, string | null][] = [
    ['24x7', 'America/Los_Angeles', 'America/Los_Angeles: mon 00:00-24:00 | tue 00:00-24:00 | wed 00:00-24:00 | thu 00:00-24:00 | fri 00:00-24:00 | sat 00:00-24:00 | sun 00:00-24:00'],
    ['24/7', 'UTC', 'UTC: mon 00:00-24:00 | tue 00:00-24:00 | wed 00:00-24:00 | thu 00:00-24:00 | fri 00:00-24:00 | sat 00:00-24:00 | sun 00:00-24:00'],
    ['Mon-Fri 09:00-18:00', 'Asia/Seoul', 'Asia/Seoul: mon 09:00-18:00 | tue 09:00-18:00 | wed 09:00-18:00 | thu 09:00-18:00 | fri 09:00-18:00'],
    ['Mon-Sat 07:00-20:00', 'Europe/Berlin', 'Europe/Berlin: mon 07:00-20:00 | tue 07:00-20:00 | wed 07:00-20:00 | thu 07:00-20:00 | fri 07:00-20:00 | sat 07:00-20:00'],
    ['mon–fri 9:00–17:30', 'Europe/London', 'Europe/London: mon 09:00-17:30 | tue 09:00-17:30 | wed 09:00-17:30 | thu 09:00-17:30 | fri 09:00-17:30'],
    ['Mon-Fri 08:00-18:00, Sat 10:00-14:00', 'Europe/London', 'Europe/London: mon 08:00-18:00 | tue 08:00-18:00 | wed 08:00-18:00 | thu 08:00-18:00 | fri 08:00-18:00 | sat 10:00-14:00'],
    ['Fri-Mon 08:00-12:00', 'UTC', 'UTC: mon 08:00-12:00 | fri 08:00-12:00 | sat 08:00-12:00 | sun 08:00-12:00'],
    ['Sunday 00:00-24:00', 'UTC', 'UTC: sun 00:00-24:00'],
    ['Mon-Fri 08:00-12:00; Mon-Fri 13:00-17:00', 'UTC', 'UTC: mon 08:00-12:00 13:00-17:00 | tue 08:00-12:00 13:00-17:00 | wed 08:00-12:00 13:00-17:00 | thu 08:00-12:00 13:00-17:00 | fri 08:00-12:00 13:00-17:00'],
    ['business days', 'Asia/Seoul', null],
    ['', 'Asia/Seoul', null],
    ['Mon-Fri 18:00-09:00', 'UTC', null],
    ['Mon-Fri 09:00-18:00 KST', 'Asia/Seoul', null],
    ['Mon-Fri 09:00-25:00', 'UTC', null],
    ['Mon-Fri 09:00-18:00, Mon 12:00-13:00', 'UTC', null],
    ['Mon-Fri 09:00-18:00,', 'UTC', null],
    ['Mon-Fri 09:00-18:00', 'Asia/Nowhere', null],
  ];
  for (const [text, zone, expected] of table) {
    it(`${JSON.stringify(text)} in ${zone} → ${expected === null ? 'nothing readable' : 'a calendar'}`, () => {
      assert.equal(weekOf(calendarFromSupportHours(text, zone)), expected);
    });
  }
});

const OLD: AgreementCommitments = {
  firstResponseMinutes: { critical: 60, moderate: 240, minimal: 960 },
  resolutionMinutes: { critical: 480, moderate: 2400, minimal: 9600 },
  supportHours: 'Mon-Sat 07:00-20:00',
  timeZone: 'Europe/Berlin',
};

describe('policyOfAgreement', () => {
  const targets = {
    critical: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    moderate: { firstResponseMinutes: 240, resolutionMinutes: 2400 },
    minimal: { firstResponseMinutes: 960, resolutionMinutes: 9600 },
  };

  it('takes the calendar a new version states, with criticalAroundTheClock', () => {
    const stated = calendar('Europe/Berlin', { mon: NINE_TO_SIX }, ['2026-12-25']);
    assert.deepEqual(policyOfAgreement({ ...OLD, calendar: stated, criticalAroundTheClock: true }), {
      policy: { targets, calendar: stated, criticalAroundTheClock: true }, calendarFrom: 'stated',
    });
  });

  it('reads an old version\'s free-text hours in its zone', () => {
    const got = policyOfAgreement(OLD);
    assert.equal(got.calendarFrom, 'support_hours');
    assert.deepEqual(got.policy.targets, targets);
    assert.equal(got.policy.criticalAroundTheClock, false);
    assert.equal(weekOf(got.policy.calendar), 'Europe/Berlin: mon 07:00-20:00 | tue 07:00-20:00 | wed 07:00-20:00 | thu 07:00-20:00 | fri 07:00-20:00 | sat 07:00-20:00');
  });

  it('falls back to the default hours in the agreement\'s zone, or in UTC when the zone is unknown', () => {
    const inZone = policyOfAgreement({ ...OLD, supportHours: 'business days' });
    assert.equal(inZone.calendarFrom, 'default_hours');
    assert.equal(weekOf(inZone.policy.calendar), 'Europe/Berlin: mon 09:00-18:00 | tue 09:00-18:00 | wed 09:00-18:00 | thu 09:00-18:00 | fri 09:00-18:00');
    const unknown = policyOfAgreement({ ...OLD, supportHours: 'business days', timeZone: 'Mars/Base' });
    assert.equal(weekOf(unknown.policy.calendar), 'UTC: mon 09:00-18:00 | tue 09:00-18:00 | wed 09:00-18:00 | thu 09:00-18:00 | fri 09:00-18:00');
  });
});

describe('agreementCalendarProblems', () => {
  it('accepts commitments without a calendar, and a valid calendar in the same zone', () => {
    assert.deepEqual(agreementCalendarProblems(OLD), []);
    assert.deepEqual(agreementCalendarProblems({ timeZone: 'Europe/Berlin', calendar: calendar('Europe/Berlin', { mon: NINE_TO_SIX }) }), []);
  });

  it('names a bad calendar inside the commitments, and a time zone that is not the calendar\'s', () => {
    const got = agreementCalendarProblems({ timeZone: 'Asia/Seoul', calendar: calendar('Europe/Berlin', { tue: [{ start: '10:00', end: '09:00' }] }) });
    assert.deepEqual(got.map((p) => `${p.field} ${p.reason}`), ['calendar.week.tue[0].end start_not_before_end', 'calendar.week never_open', 'timeZone unknown_time_zone']);
    assert.deepEqual(got[2]?.message, { en: 'must be the calendar\'s time zone', ko: '달력의 시간대와 같아야 합니다' });
  });
});

describe('versionInForce', () => {
  const v = (version: number, at: string) => ({ version, setAt: t(at) });
  it('is the highest version set at or before the time', () => {
    const versions = [v(1, '2026-01-01T00:00:00Z'), v(3, '2026-03-01T00:00:00Z'), v(2, '2026-02-01T00:00:00Z')];
    assert.equal(versionInForce(versions, t('2025-12-31T23:59:59Z')), null);
    assert.equal(versionInForce(versions, t('2026-01-01T00:00:00Z'))?.version, 1);
    assert.equal(versionInForce(versions, t('2026-02-15T00:00:00Z'))?.version, 2);
    assert.equal(versionInForce(versions, t('2027-01-01T00:00:00Z'))?.version, 3);
    assert.equal(versionInForce([], t('2027-01-01T00:00:00Z')), null);
  });
});

describe('resolvePolicy', () => {
  const ORG = 'org_p';
  const OPENED = t('2026-06-10T00:00:00Z');
  const BEFORE = '2026-06-01T00:00:00.000Z';
  const AFTER = '2026-06-20T00:00:00.000Z';
  const stored = (scope: StoredPolicyVersion['scope'], version: number, setAt: string, policy: SlaPolicy | null = seoul(), orgId = ORG): StoredPolicyVersion => ({
    orgId, scope, version, policy, setBy: 'usr_a', setAt: t(setAt),
  });
  const agreement = (version: number, publishedAt: string, commitments: AgreementCommitments = OLD): AgreementVersionFacts => ({
    offerId: 'offer-x', version, commitments, publishedAt: t(publishedAt), publishedBy: version === 1 ? null : 'usr_pub',
  });
  const none: PolicyCandidates = { versions: [], agreements: [], acceptedAgreementVersion: null };
  const facts: PolicyCaseFacts = { category: 'billing', severity: 'moderate', openedAt: OPENED };
  const faster = seoul({ targets: { ...seoul().targets, moderate: { firstResponseMinutes: 60, resolutionMinutes: 600 } } });

  /** `kind scope/version` of the source, e.g. `policy billing/2`, `agreement offer-x/2 accepted`, `default no_policy`. */
  const sourceOf = (role: ParticipantRole, candidates: PolicyCandidates, f = facts): string | null => {
    const got = resolvePolicy({ orgId: ORG, role }, f, candidates);
    if (!got) return null;
    const s = got.source;
    switch (s.kind) {
      case 'policy': return `policy ${s.scope}/${s.version}`;
      case 'agreement': return `agreement ${s.offerId}/${s.version} ${s.acceptedOnPurchase ? 'accepted' : 'in-force'} ${s.calendarFrom}`;
      case 'default': return `default ${s.reason}`;
    }
  };

  const table: [string, ParticipantRole, PolicyCandidates, string | null][] = [
    ['a customer commits to nothing', 'customer', { ...none, versions: [stored('all', 1, BEFORE)] }, null],
    ['a partner without policies gets the default', 'partner', none, 'default no_policy'],
    ['the category\'s policy beats all', 'partner', { ...none, versions: [stored('all', 4, BEFORE), stored('billing', 2, BEFORE), stored('billing', 1, BEFORE)] }, 'policy billing/2'],
    ['all applies when the category has none', 'partner', { ...none, versions: [stored('all', 3, BEFORE), stored('payment', 1, BEFORE)] }, 'policy all/3'],
    ['a version set after the case opened does not apply', 'partner', { ...none, versions: [stored('all', 1, BEFORE), stored('billing', 1, AFTER)] }, 'policy all/1'],
    ['a later version of the same scope does not apply either', 'partner', { ...none, versions: [stored('billing', 1, BEFORE), stored('billing', 2, AFTER)] }, 'policy billing/1'],
    ['a withdrawal in force falls back to all', 'reseller', { ...none, versions: [stored('billing', 1, BEFORE), stored('billing', 2, '2026-06-02T00:00:00Z', null), stored('all', 1, BEFORE)] }, 'policy all/1'],
    ['a withdrawal of all falls back to the default', 'partner', { ...none, versions: [stored('all', 1, BEFORE), stored('all', 2, '2026-06-02T00:00:00Z', null)] }, 'default no_policy'],
    ['a withdrawal after the case opened does not apply', 'partner', { ...none, versions: [stored('billing', 1, BEFORE), stored('billing', 2, AFTER, null)] }, 'policy billing/1'],
    ['another organization\'s versions are ignored', 'partner', { ...none, versions: [stored('billing', 1, BEFORE, seoul(), 'org_other')] }, 'default no_policy'],
    ['the operator\'s policy for the category', 'operator', { ...none, versions: [stored('billing', 1, BEFORE), stored('all', 2, BEFORE)] }, 'policy billing/1'],
    ['a publisher: the version accepted on purchase, even with newer ones', 'publisher',
      { versions: [], agreements: [agreement(1, '2026-01-01T00:00:00Z'), agreement(2, '2026-02-01T00:00:00Z'), agreement(3, '2026-03-01T00:00:00Z')], acceptedAgreementVersion: 2 },
      'agreement offer-x/2 accepted support_hours'],
    ['a publisher without a subscription: the version in force when the case opened', 'publisher',
      { versions: [], agreements: [agreement(1, '2026-01-01T00:00:00Z'), agreement(2, AFTER)], acceptedAgreementVersion: null },
      'agreement offer-x/1 in-force support_hours'],
    ['a publisher whose stored policies do not count', 'publisher', { ...none, versions: [stored('all', 1, BEFORE)] }, 'default no_agreement'],
    ['a publisher whose accepted version is missing gets the default', 'publisher',
      { versions: [], agreements: [agreement(1, '2026-01-01T00:00:00Z')], acceptedAgreementVersion: 5 }, 'default no_agreement'],
    ['a publisher with a stated calendar', 'publisher',
      { versions: [], agreements: [agreement(2, BEFORE, { ...OLD, calendar: calendar('Europe/Berlin', { mon: NINE_TO_SIX }) })], acceptedAgreementVersion: 2 },
      'agreement offer-x/2 accepted stated'],
  ];
  for (const [name, role, candidates, expected] of table) it(`${name} → ${expected ?? 'none'}`, () => assert.equal(sourceOf(role, candidates), expected));

  it('gives the targets of the case\'s severity, the calendar and the whole policy', () => {
    const got = resolvePolicy({ orgId: ORG, role: 'partner' }, { ...facts, severity: 'moderate' }, { ...none, versions: [stored('billing', 1, BEFORE, faster)] });
    assert.deepEqual(got?.targets, { firstResponseMinutes: 60, resolutionMinutes: 600 });
    assert.equal(got?.calendar.timeZone, 'Asia/Seoul');
    assert.equal(got?.criticalAroundTheClock, true);
    assert.deepEqual(got?.policy, faster);
    assert.deepEqual(got?.source, { kind: 'policy', scope: 'billing', version: 1, setBy: 'usr_a', setAt: BEFORE });
    const def = resolvePolicy({ orgId: ORG, role: 'operator' }, { ...facts, severity: 'critical' }, none);
    assert.deepEqual(def?.targets, { firstResponseMinutes: 60, resolutionMinutes: 480 });
    assert.equal(def?.calendar.timeZone, 'UTC');
  });

  it('gives the agreement version\'s publisher and time', () => {
    const got = resolvePolicy({ orgId: 'org_pub', role: 'publisher' }, { ...facts, category: 'technical_breakfix', severity: 'critical' },
      { versions: [], agreements: [agreement(2, '2026-02-01T00:00:00Z')], acceptedAgreementVersion: 2 });
    assert.deepEqual(got?.source, {
      kind: 'agreement', offerId: 'offer-x', version: 2, setBy: 'usr_pub', setAt: '2026-02-01T00:00:00.000Z', acceptedOnPurchase: true, calendarFrom: 'support_hours',
    });
    assert.deepEqual(got?.targets, { firstResponseMinutes: 60, resolutionMinutes: 480 });
  });

  describe('why, in English and Korean', () => {
    const whyOf = (role: ParticipantRole, candidates: PolicyCandidates, f = facts) => resolvePolicy({ orgId: ORG, role }, f, candidates)?.why;
    const table: [string, ParticipantRole, PolicyCandidates, { en: string; ko: string }, typeof facts?][] = [
      ['the partner\'s category policy', 'partner', { ...none, versions: [stored('billing', 2, BEFORE)] }, {
        en: 'The partner\'s policy v2 for billing applies.',
        ko: '파트너의 청구 정책(버전 2)을 적용합니다.',
      }],
      ['the reseller\'s policy for all categories', 'reseller', { ...none, versions: [stored('all', 1, BEFORE)] }, {
        en: 'The reseller\'s policy v1 for all categories applies (it has none for billing).',
        ko: '재판매인의 전체 범주 정책(버전 1)을 적용합니다(청구 정책은 없음).',
      }],
      ['the provider, as its resellers\' tier', 'provider', { ...none, versions: [stored('billing', 3, BEFORE)] }, {
        en: 'The provider\'s policy v3 for billing applies, as its resellers\' tier.',
        ko: '재판매인 지원 단계인 공급자의 청구 정책(버전 3)을 적용합니다.',
      }],
      ['the operator\'s commerce platform policy', 'operator', { ...none, versions: [stored('commerce_platform', 1, BEFORE)] }, {
        en: 'The operator\'s policy v1 for commerce platform applies.',
        ko: '운영자의 커머스 플랫폼 정책(버전 1)을 적용합니다.',
      }, { ...facts, category: 'commerce_platform' }],
      ['no policy', 'reseller', none, {
        en: 'No policy: the reseller has set none for billing or for all categories, so the default applies (Mon–Fri 09:00–18:00 UTC).',
        ko: '정책 없음: 재판매인이 청구 정책도 전체 범주 정책도 정하지 않아 기본값을 적용합니다(월–금 09:00–18:00 UTC).',
      }],
      ['the agreement accepted on purchase, hours read from its text', 'publisher', { versions: [], agreements: [agreement(3, BEFORE)], acceptedAgreementVersion: 3 }, {
        en: 'The publisher\'s agreement v3, accepted on purchase, applies. Its support hours are read from "Mon-Sat 07:00-20:00" (Europe/Berlin).',
        ko: '게시자의 계약(버전 3, 구매 시 수락)을 적용합니다. 지원 시간은 "Mon-Sat 07:00-20:00"(Europe/Berlin)에서 읽었습니다.',
      }],
      ['the agreement in force, hours unreadable', 'publisher', { versions: [], agreements: [agreement(2, BEFORE, { ...OLD, supportHours: 'business days' })], acceptedAgreementVersion: null }, {
        en: 'The publisher\'s agreement v2, in force when the case was opened, applies (the case names no subscription). Its support hours "business days" can\'t be read, so the default hours apply (Mon–Fri 09:00–18:00, Europe/Berlin).',
        ko: '케이스에 구독이 없어 케이스를 열 때 유효했던 게시자의 계약(버전 2)을 적용합니다. 지원 시간 표기("business days")를 읽을 수 없어 기본 시간(월–금 09:00–18:00, Europe/Berlin)을 적용합니다.',
      }],
      ['the agreement stating its calendar', 'publisher', { versions: [], agreements: [agreement(4, BEFORE, { ...OLD, calendar: calendar('Europe/Berlin', { mon: NINE_TO_SIX }) })], acceptedAgreementVersion: 4 }, {
        en: 'The publisher\'s agreement v4, accepted on purchase, applies.',
        ko: '게시자의 계약(버전 4, 구매 시 수락)을 적용합니다.',
      }],
      ['no agreement', 'publisher', none, {
        en: 'No policy: the publisher has no agreement version for this case, so the default applies (Mon–Fri 09:00–18:00 UTC).',
        ko: '정책 없음: 이 케이스에 적용할 게시자 계약 버전이 없어 기본값을 적용합니다(월–금 09:00–18:00 UTC).',
      }],
    ];
    for (const [name, role, candidates, expected, f] of table) it(name, () => assert.deepEqual(whyOf(role, candidates, f), expected));
  });
});

describe('samePolicy', () => {
  it('compares what a policy says, not how its keys are ordered', () => {
    const a = seoul();
    const reordered: SlaPolicy = {
      criticalAroundTheClock: true,
      calendar: { holidays: ['2026-09-24'], week: { ...a.calendar.week }, timeZone: 'Asia/Seoul' },
      targets: { minimal: a.targets.minimal, critical: { resolutionMinutes: 240, firstResponseMinutes: 30 }, moderate: a.targets.moderate },
    };
    assert.equal(samePolicy(a, reordered), true);
  });

  it('tells a change of a target, a window, a holiday or criticalAroundTheClock', () => {
    const a = seoul();
    assert.equal(samePolicy(a, seoul({ criticalAroundTheClock: false })), false);
    assert.equal(samePolicy(a, { ...a, targets: { ...a.targets, minimal: { firstResponseMinutes: 480, resolutionMinutes: 2401 } } }), false);
    assert.equal(samePolicy(a, { ...a, calendar: { ...a.calendar, holidays: [] } }), false);
    assert.equal(samePolicy(a, { ...a, calendar: { ...a.calendar, week: { ...a.calendar.week, sat: [{ start: '10:00', end: '12:00' }] } } }), false);
  });
});

describe('canonicalPolicy', () => {
  it('writes the keys in one order (as jsonb gives them back sorted), the values untouched', () => {
    const stored = JSON.parse('{"calendar":{"holidays":["2026-09-24"],"timeZone":"Asia/Seoul","week":{"fri":[{"end":"18:00","start":"09:00"}],"mon":[],"sat":[],"sun":[],"thu":[],"tue":[],"wed":[]}},'
      + '"criticalAroundTheClock":false,"targets":{"critical":{"firstResponseMinutes":30,"resolutionMinutes":240},"minimal":{"firstResponseMinutes":480,"resolutionMinutes":2400},"moderate":{"firstResponseMinutes":120,"resolutionMinutes":960}}}') as SlaPolicy;
    assert.equal(JSON.stringify(canonicalPolicy(stored)), '{"targets":{"critical":{"firstResponseMinutes":30,"resolutionMinutes":240},"moderate":{"firstResponseMinutes":120,"resolutionMinutes":960},'
      + '"minimal":{"firstResponseMinutes":480,"resolutionMinutes":2400}},"calendar":{"timeZone":"Asia/Seoul","week":{"mon":[],"tue":[],"wed":[],"thu":[],"fri":[{"start":"09:00","end":"18:00"}],"sat":[],"sun":[]},'
      + '"holidays":["2026-09-24"]},"criticalAroundTheClock":false}');
  });
});

describe('ownRoleOf', () => {
  const table: [Parameters<typeof ownRoleOf>[0], Parameters<typeof ownRoleOf>[1], ParticipantRole][] = [
    ['partner', 'direct', 'partner'], ['partner', 'indirect_provider', 'provider'], ['partner', 'indirect_reseller', 'reseller'],
    ['operator', null, 'operator'], ['publisher', null, 'publisher'], ['customer', null, 'customer'],
  ];
  for (const [kind, model, expected] of table) it(`${kind} ${model ?? ''} → ${expected}`, () => assert.equal(ownRoleOf(kind, model), expected));
});
