/**
 * SLA policies (SPEC section 6): the targets a party commits to per severity, the support hours
 * its clocks run in, and which policy applies to a party of a case — with why, in English and
 * Korean. Pure: the caller loads the stored versions and the agreement; nothing here reads a clock.
 *
 * Terminology:
 * - policy: targets per severity (`firstResponseMinutes`, `resolutionMinutes`, in business
 *   minutes of the calendar), a `SupportCalendar` (business-calendar.ts) and
 *   `criticalAroundTheClock` (critical cases count every minute, whatever the calendar says).
 * - source: where a policy comes from — the publisher's third-party agreement version, a stored
 *   policy version of a partner or the operator, or the product's default.
 * - scope: what a stored policy covers — `all` (every case the organization holds) or one support
 *   category (it overrides `all` for that category).
 * - version: stored policies are insert-only; each change of a scope is the next version, set by
 *   a user at a time. A withdrawal is a version too (its policy is null: the wider scope applies).
 * - in force at a time: the highest version of a scope set at or before that time.
 *
 * Rules, including the choices made where the SPEC and the issue are silent:
 * 1. Customers commit to nothing: no policy applies to them (`resolvePolicy` answers null).
 * 2. A publisher is held to its third-party agreement for the case's offer: the version the
 *    customer accepted on purchase (`subscriptions.agreement_version`); for a case without a
 *    subscription (a partner's question about an offer, a CSP-program question), the version in
 *    force when the case was opened. No such version: the default (rule 5).
 * 3. An agreement's calendar: the one it states (agreement versions published since SLA policies
 *    exist may carry `calendar` and `criticalAroundTheClock`); for older versions it is read from
 *    the free-text `supportHours` and `timeZone` where they say something readable
 *    (`calendarFromSupportHours`: `24x7`, or day ranges with a same-day time window such as
 *    `Mon-Fri 09:00-18:00, Sat 10:00-14:00`); otherwise the default hours in the agreement's time
 *    zone. Older versions never run critical cases around the clock unless they say `24x7`.
 * 4. A partner (direct, provider or reseller) and the operator are held to their own stored
 *    policy: of the case's category if one is in force when the case was opened, else of `all`.
 *    An indirect provider has no customers of its own — it answers only in its resellers' chains —
 *    so its policies are those of its resellers' tier, and `why` says so. A later version does not
 *    change the clocks of cases opened before it (their deadlines never move under them).
 * 5. Where a party has no policy, `DEFAULT_POLICY` applies: Mon–Fri 09:00–18:00 UTC, no
 *    holidays; critical 1 h first response / 8 h resolution, moderate 4 h / 3 business days
 *    (27 h), minimal 8 h / 5 business days (45 h); critical cases not around the clock (nobody is
 *    held to nights and weekends without saying so). The zone is UTC because an organization has
 *    a country, not a time zone, and many countries span several zones: a guess from the country
 *    would be silently wrong for part of them, while UTC is the same for every party and says
 *    itself. An organization that wants its own hours sets a policy.
 * 6. Scopes a kind may set: partners `all` and every category but `csp_program` (the publisher
 *    answers those); the operator `all`, `commerce_platform` and the partner categories (billing,
 *    payment, subscription, account setup: the cases escalated to it). Publishers set theirs
 *    through agreement versions; customers none.
 * 7. A valid policy: every target a whole number of minutes from 1 to 525,600 (a year); a
 *    resolution target not sooner than the first response of the same severity; a more severe
 *    case never promised a slower target than a less severe one; a valid calendar (`checkCalendar`).
 */
import type { LocalizedText } from './app-error.ts';
import {
  checkCalendar, isIanaTimeZone, minutesOfTime, WEEKDAYS, type CalendarProblemReason, type OpenWindow, type SupportCalendar, type Weekday,
} from './business-calendar.ts';
import type { OrgKind, PartnerModel } from './parties.ts';
import { PARTY_WORDS, SEVERITIES, type ParticipantRole, type Severity } from './routing-types.ts';
import { CATEGORY_WORDS, SUPPORT_CATEGORIES, type SupportCategory } from './support-categories.ts';

// ---- Policies ----

/** The two targets of one severity, in business minutes. */
export interface SeverityTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/** What a party commits to. */
export interface SlaPolicy {
  targets: Record<Severity, SeverityTargets>;
  calendar: SupportCalendar;
  /** Critical cases count every minute, whatever the calendar says. */
  criticalAroundTheClock: boolean;
}

/** The longest target: a year of minutes. */
export const MAX_TARGET_MINUTES = 525_600;

/** What a stored policy covers: every case the organization holds, or one category. */
export const POLICY_SCOPES = ['all', ...SUPPORT_CATEGORIES] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

/** The partner categories, which the operator answers when they are escalated to it. */
const PARTNER_CATEGORIES: readonly SupportCategory[] = ['billing', 'payment', 'subscription', 'account_setup'];

/** The scopes an organization of a kind may set (rule 6), `all` first, then in category order. */
export function scopesFor(kind: OrgKind): PolicyScope[] {
  switch (kind) {
    case 'partner': return ['all', ...SUPPORT_CATEGORIES.filter((c) => c !== 'csp_program')];
    case 'operator': return ['all', ...SUPPORT_CATEGORIES.filter((c) => c === 'commerce_platform' || PARTNER_CATEGORIES.includes(c))];
    case 'publisher': case 'customer': return [];
  }
}

/** The hours of the default: Monday to Friday, 09:00–18:00. */
const DEFAULT_WEEK: Record<Weekday, OpenWindow[]> = {
  mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }], wed: [{ start: '09:00', end: '18:00' }],
  thu: [{ start: '09:00', end: '18:00' }], fri: [{ start: '09:00', end: '18:00' }], sat: [], sun: [],
};

/** The default hours in a zone. */
function defaultHoursIn(timeZone: string): SupportCalendar {
  return { timeZone, week: Object.fromEntries(WEEKDAYS.map((d) => [d, DEFAULT_WEEK[d].map((w) => ({ ...w }))])) as Record<Weekday, OpenWindow[]>, holidays: [] };
}

/** The default calendar (rule 5): Mon–Fri 09:00–18:00 UTC, no holidays. */
export const DEFAULT_CALENDAR: SupportCalendar = defaultHoursIn('UTC');

/** The policy of a party that has none (rule 5). A business day of the default is 9 hours. */
export const DEFAULT_POLICY: SlaPolicy = {
  targets: {
    critical: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    moderate: { firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 9 * 60 },
    minimal: { firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 9 * 60 },
  },
  calendar: DEFAULT_CALENDAR,
  criticalAroundTheClock: false,
};

// ---- Validation ----

/** Why a field of a policy is wrong: its own reasons and the calendar's. */
export type PolicyProblemReason = 'not_whole_minutes' | 'resolution_before_first_response' | 'slower_than_less_severe' | CalendarProblemReason;

/** A problem with one field of a policy: its path inside the policy (`targets.critical.resolutionMinutes`, `calendar.timeZone`). */
export interface PolicyProblem {
  field: string;
  reason: PolicyProblemReason;
  message: LocalizedText;
}

const SEVERITY_WORDS: Record<Severity, LocalizedText> = {
  critical: { en: 'critical', ko: '심각' },
  moderate: { en: 'moderate', ko: '보통' },
  minimal: { en: 'minimal', ko: '낮음' },
};

/** Every problem of a policy, in field order (empty: valid) — rule 7. */
export function checkPolicy(policy: SlaPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const kinds = ['firstResponseMinutes', 'resolutionMinutes'] as const;
  const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_TARGET_MINUTES;
  for (const s of SEVERITIES) {
    for (const kind of kinds) {
      if (!whole(policy.targets[s][kind])) {
        problems.push({
          field: `targets.${s}.${kind}`, reason: 'not_whole_minutes',
          message: { en: `must be a whole number of minutes from 1 to ${MAX_TARGET_MINUTES}`, ko: `1에서 ${MAX_TARGET_MINUTES} 사이의 정수(분)여야 합니다` },
        });
      }
    }
  }
  for (const s of SEVERITIES) {
    const t = policy.targets[s];
    if (whole(t.firstResponseMinutes) && whole(t.resolutionMinutes) && t.resolutionMinutes < t.firstResponseMinutes) {
      problems.push({
        field: `targets.${s}.resolutionMinutes`, reason: 'resolution_before_first_response',
        message: { en: 'must not be sooner than the first response', ko: '첫 응답 목표보다 짧을 수 없습니다' },
      });
    }
  }
  for (const kind of kinds) {
    for (let i = 1; i < SEVERITIES.length; i++) {
      const more = SEVERITIES[i - 1]!;
      const less = SEVERITIES[i]!;
      const a = policy.targets[more][kind];
      const b = policy.targets[less][kind];
      if (whole(a) && whole(b) && a > b) {
        problems.push({
          field: `targets.${more}.${kind}`, reason: 'slower_than_less_severe',
          message: { en: `must not be slower than ${SEVERITY_WORDS[less].en}`, ko: `${SEVERITY_WORDS[less].ko} 심각도의 목표보다 길 수 없습니다` },
        });
      }
    }
  }
  for (const p of checkCalendar(policy.calendar)) problems.push({ field: `calendar.${p.field}`, reason: p.reason, message: p.message });
  return problems;
}

// ---- Agreements (rule 3) ----

/** An agreement version's support commitments as stored (`agreements.commitments`). */
export interface AgreementCommitments {
  firstResponseMinutes: Record<Severity, number>;
  resolutionMinutes: Record<Severity, number>;
  /** Free text, e.g. `24x7` or `Mon-Fri 09:00-18:00`. */
  supportHours: string;
  /** IANA zone of the support hours. */
  timeZone: string;
  /** The structured calendar (versions published since SLA policies exist may state it). */
  calendar?: SupportCalendar;
  criticalAroundTheClock?: boolean;
}

/** Where an agreement's calendar came from. */
export type CalendarOrigin = 'stated' | 'support_hours' | 'default_hours';

const DAY_NAMES: Record<string, Weekday> = {
  mon: 'mon', monday: 'mon', tue: 'tue', tues: 'tue', tuesday: 'tue', wed: 'wed', wednesday: 'wed', thu: 'thu', thur: 'thu', thurs: 'thu',
  thursday: 'thu', fri: 'fri', friday: 'fri', sat: 'sat', saturday: 'sat', sun: 'sun', sunday: 'sun',
};

/** `9:00` → `09:00`; anything else unchanged (minutesOfTime refuses it then). */
const padTime = (t: string) => (/^[0-9]:[0-9]{2}$/.test(t) ? `0${t}` : t);

/**
 * A calendar read from an old agreement's free-text support hours in its time zone (rule 3), or
 * null when the text says nothing this can read: `24x7` (also `24/7`, `24×7`), or one or more
 * segments separated by `,` or `;`, each a day or a day range (`Mon-Fri`, `Sat`, wrapping `Fri-Mon`;
 * short or full English names) and one same-day window (`09:00-18:00`, `9:00–17:30`, an end of
 * `24:00`). The result must pass `checkCalendar` (no overlaps, a known zone).
 */
export function calendarFromSupportHours(supportHours: string, timeZone: string): SupportCalendar | null {
  if (!isIanaTimeZone(timeZone)) return null;
  const text = supportHours.trim().toLowerCase();
  const week: Record<Weekday, OpenWindow[]> = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  if (/^24\s*[x×/]\s*7$/.test(text)) {
    for (const d of WEEKDAYS) week[d] = [{ start: '00:00', end: '24:00' }];
    return { timeZone, week, holidays: [] };
  }
  const segments = text.split(/[,;]/).map((s) => s.trim());
  if (segments.length === 0 || segments.some((s) => s.length === 0)) return null;
  for (const segment of segments) {
    const m = /^([a-z]+)(?:\s*[-–—]\s*([a-z]+))?\s+([0-9]{1,2}:[0-9]{2})\s*[-–—]\s*([0-9]{1,2}:[0-9]{2})$/.exec(segment);
    if (!m) return null;
    const from = DAY_NAMES[m[1]!];
    const to = m[2] === undefined ? from : DAY_NAMES[m[2]];
    if (!from || !to) return null;
    const start = padTime(m[3]!);
    const end = padTime(m[4]!);
    if (minutesOfTime(start, false) === null || minutesOfTime(end, true) === null) return null;
    // Walk from the first day to the last, wrapping past Sunday: at most seven days.
    let i = WEEKDAYS.indexOf(from);
    for (let steps = 0; steps < 7; steps++) {
      week[WEEKDAYS[i]!].push({ start, end });
      if (WEEKDAYS[i] === to) break;
      i = (i + 1) % 7;
    }
  }
  const calendar: SupportCalendar = { timeZone, week, holidays: [] };
  return checkCalendar(calendar).length === 0 ? calendar : null;
}

/** The policy an agreement version states (rule 3), and where its calendar came from. */
export function policyOfAgreement(c: AgreementCommitments): { policy: SlaPolicy; calendarFrom: CalendarOrigin } {
  const targets = Object.fromEntries(SEVERITIES.map((s) => [s, { firstResponseMinutes: c.firstResponseMinutes[s], resolutionMinutes: c.resolutionMinutes[s] }])) as Record<Severity, SeverityTargets>;
  if (c.calendar) return { policy: canonicalPolicy({ targets, calendar: c.calendar, criticalAroundTheClock: c.criticalAroundTheClock ?? false }), calendarFrom: 'stated' };
  const read = calendarFromSupportHours(c.supportHours, c.timeZone);
  if (read) return { policy: { targets, calendar: read, criticalAroundTheClock: c.criticalAroundTheClock ?? false }, calendarFrom: 'support_hours' };
  const calendar = isIanaTimeZone(c.timeZone) ? defaultHoursIn(c.timeZone) : DEFAULT_CALENDAR;
  return { policy: { targets, calendar, criticalAroundTheClock: c.criticalAroundTheClock ?? false }, calendarFrom: 'default_hours' };
}

/**
 * What is wrong with the SLA part of new commitments: the stated calendar (`checkCalendar`), and
 * a `timeZone` other than the calendar's. Fields are named inside the commitments
 * (`calendar.week.mon[0].end`, `timeZone`).
 */
export function agreementCalendarProblems(c: Pick<AgreementCommitments, 'timeZone' | 'calendar'>): PolicyProblem[] {
  if (!c.calendar) return [];
  const problems: PolicyProblem[] = checkCalendar(c.calendar).map((p) => ({ field: `calendar.${p.field}`, reason: p.reason, message: p.message }));
  if (c.timeZone !== c.calendar.timeZone) {
    problems.push({ field: 'timeZone', reason: 'unknown_time_zone', message: { en: 'must be the calendar\'s time zone', ko: '달력의 시간대와 같아야 합니다' } });
  }
  return problems;
}

// ---- Stored versions ----

/** One stored version of a partner's or the operator's policy for a scope. */
export interface StoredPolicyVersion {
  orgId: string;
  scope: PolicyScope;
  version: number;
  /** Null: the version withdrew the scope's policy (the wider scope applies again). */
  policy: SlaPolicy | null;
  setBy: string;
  setAt: Date;
}

/** One version of a publisher's agreement for an offer. */
export interface AgreementVersionFacts {
  offerId: string;
  version: number;
  commitments: AgreementCommitments;
  publishedAt: Date;
  /** Null for versions published before who published was recorded. */
  publishedBy: string | null;
}

/** The version of a scope in force at a time: the highest set at or before it (null: none yet). */
export function versionInForce<V extends { version: number; setAt: Date }>(versions: readonly V[], at: Date): V | null {
  let found: V | null = null;
  for (const v of versions) {
    if (v.setAt.getTime() <= at.getTime() && (found === null || v.version > found.version)) found = v;
  }
  return found;
}

// ---- Which policy applies (rules 1–5) ----

/** A party of a case: its organization and its role there. */
export interface PolicyParty {
  orgId: string;
  role: ParticipantRole;
}

/** What of a case decides its policies. */
export interface PolicyCaseFacts {
  category: SupportCategory;
  severity: Severity;
  /** When the case was opened: the stored versions and agreements in force then apply. */
  openedAt: Date;
}

/** What the caller loaded for one party. */
export interface PolicyCandidates {
  /** The party's stored versions of the case's category and of `all` (any others are ignored). */
  versions: readonly StoredPolicyVersion[];
  /** For a publisher: every version of the offer's agreement. */
  agreements: readonly AgreementVersionFacts[];
  /** For a publisher: the version the customer accepted on purchase; null for a case without a subscription. */
  acceptedAgreementVersion: number | null;
}

/** Where an applied policy came from, echoed on every clock (times as ISO strings). */
export type PolicySource =
  | {
    kind: 'agreement'; offerId: string; version: number; setBy: string | null; setAt: string;
    /** The version the customer accepted on purchase (false: the one in force when the case was opened). */
    acceptedOnPurchase: boolean;
    calendarFrom: CalendarOrigin;
  }
  | { kind: 'policy'; scope: PolicyScope; version: number; setBy: string; setAt: string }
  | { kind: 'default'; reason: 'no_policy' | 'no_agreement' };

/** The policy that applies to one party of a case. */
export interface AppliedPolicy {
  orgId: string;
  role: ParticipantRole;
  /** The targets for the case's severity. */
  targets: SeverityTargets;
  calendar: SupportCalendar;
  criticalAroundTheClock: boolean;
  /** The whole policy, every severity. */
  policy: SlaPolicy;
  source: PolicySource;
  /** Which policy applied and why. */
  why: LocalizedText;
}



/** The subject particle after each party's Korean word (파트너가, 공급자가, 재판매인이, 게시자가, 운영자가). */
const PARTY_SUBJECT_KO: Record<Exclude<ParticipantRole, 'customer'>, string> = {
  partner: '가', provider: '가', reseller: '이', publisher: '가', operator: '가',
};

/** "for billing" / "청구": a scope in words. */
function scopeWords(scope: PolicyScope): LocalizedText {
  return scope === 'all' ? { en: 'all categories', ko: '전체 범주' } : CATEGORY_WORDS[scope];
}

/** The default's hours in words, for the sentences that say it applies. */
const DEFAULT_HOURS: LocalizedText = { en: 'Mon–Fri 09:00–18:00 UTC', ko: '월–금 09:00–18:00 UTC' };

/** The why of a stored version (rule 4). */
function whyOfPolicy(role: Exclude<ParticipantRole, 'customer'>, v: StoredPolicyVersion, category: SupportCategory): LocalizedText {
  const who = PARTY_WORDS[role];
  const scope = scopeWords(v.scope);
  const instead = v.scope === 'all' ? { en: ` (it has none for ${CATEGORY_WORDS[category].en})`, ko: `(${CATEGORY_WORDS[category].ko} 정책은 없음)` } : { en: '', ko: '' };
  if (role === 'provider') {
    return {
      en: `The provider's policy v${v.version} for ${scope.en} applies, as its resellers' tier${instead.en}.`,
      ko: `재판매인 지원 단계인 공급자의 ${scope.ko} 정책(버전 ${v.version})을 적용합니다${instead.ko}.`,
    };
  }
  return {
    en: `The ${who.en}'s policy v${v.version} for ${scope.en} applies${instead.en}.`,
    ko: `${who.ko}의 ${scope.ko} 정책(버전 ${v.version})을 적용합니다${instead.ko}.`,
  };
}

/** The why of an agreement version (rules 2 and 3). */
function whyOfAgreement(a: AgreementVersionFacts, acceptedOnPurchase: boolean, calendarFrom: CalendarOrigin): LocalizedText {
  const which = acceptedOnPurchase
    ? { en: `The publisher's agreement v${a.version}, accepted on purchase, applies.`, ko: `게시자의 계약(버전 ${a.version}, 구매 시 수락)을 적용합니다.` }
    : {
      en: `The publisher's agreement v${a.version}, in force when the case was opened, applies (the case names no subscription).`,
      ko: `케이스에 구독이 없어 케이스를 열 때 유효했던 게시자의 계약(버전 ${a.version})을 적용합니다.`,
    };
  const c = a.commitments;
  const hours = calendarFrom === 'stated'
    ? { en: '', ko: '' }
    : calendarFrom === 'support_hours'
      ? { en: ` Its support hours are read from "${c.supportHours}" (${c.timeZone}).`, ko: ` 지원 시간은 "${c.supportHours}"(${c.timeZone})에서 읽었습니다.` }
      : {
        en: ` Its support hours "${c.supportHours}" can't be read, so the default hours apply (Mon–Fri 09:00–18:00, ${isIanaTimeZone(c.timeZone) ? c.timeZone : 'UTC'}).`,
        ko: ` 지원 시간 표기("${c.supportHours}")를 읽을 수 없어 기본 시간(월–금 09:00–18:00, ${isIanaTimeZone(c.timeZone) ? c.timeZone : 'UTC'})을 적용합니다.`,
      };
  return { en: `${which.en}${hours.en}`, ko: `${which.ko}${hours.ko}` };
}

function applied(party: PolicyParty, facts: PolicyCaseFacts, policy: SlaPolicy, source: PolicySource, why: LocalizedText): AppliedPolicy {
  return {
    orgId: party.orgId, role: party.role, targets: policy.targets[facts.severity], calendar: policy.calendar,
    criticalAroundTheClock: policy.criticalAroundTheClock, policy, source, why,
  };
}

/**
 * The policy that applies to one party of a case, and why (rules 1–5): null for a customer, the
 * agreement for the publisher, the stored policy of the category or of `all` for partners and the
 * operator, the default otherwise.
 */
export function resolvePolicy(party: PolicyParty, facts: PolicyCaseFacts, candidates: PolicyCandidates): AppliedPolicy | null {
  if (party.role === 'customer') return null;
  const who = PARTY_WORDS[party.role];
  if (party.role === 'publisher') {
    const accepted = candidates.acceptedAgreementVersion;
    const agreement = accepted !== null
      ? candidates.agreements.find((a) => a.version === accepted) ?? null
      : versionInForce(candidates.agreements.map((a) => ({ ...a, setAt: a.publishedAt })), facts.openedAt);
    if (!agreement) {
      return applied(party, facts, DEFAULT_POLICY, { kind: 'default', reason: 'no_agreement' }, {
        en: `No policy: the publisher has no agreement version for this case, so the default applies (${DEFAULT_HOURS.en}).`,
        ko: `정책 없음: 이 케이스에 적용할 게시자 계약 버전이 없어 기본값을 적용합니다(${DEFAULT_HOURS.ko}).`,
      });
    }
    const { policy, calendarFrom } = policyOfAgreement(agreement.commitments);
    const acceptedOnPurchase = accepted !== null;
    return applied(party, facts, policy, {
      kind: 'agreement', offerId: agreement.offerId, version: agreement.version, setBy: agreement.publishedBy,
      setAt: agreement.publishedAt.toISOString(), acceptedOnPurchase, calendarFrom,
    }, whyOfAgreement(agreement, acceptedOnPurchase, calendarFrom));
  }
  for (const scope of [facts.category, 'all'] as const) {
    const inForce = versionInForce(candidates.versions.filter((v) => v.orgId === party.orgId && v.scope === scope), facts.openedAt);
    if (inForce?.policy) {
      return applied(party, facts, inForce.policy, {
        kind: 'policy', scope, version: inForce.version, setBy: inForce.setBy, setAt: inForce.setAt.toISOString(),
      }, whyOfPolicy(party.role, inForce, facts.category));
    }
  }
  const category = CATEGORY_WORDS[facts.category];
  return applied(party, facts, DEFAULT_POLICY, { kind: 'default', reason: 'no_policy' }, {
    en: `No policy: the ${who.en} has set none for ${category.en} or for all categories, so the default applies (${DEFAULT_HOURS.en}).`,
    ko: `정책 없음: ${who.ko}${PARTY_SUBJECT_KO[party.role]} ${category.ko} 정책도 전체 범주 정책도 정하지 않아 기본값을 적용합니다(${DEFAULT_HOURS.ko}).`,
  });
}

/** The role an organization takes in its own cases, for presenting what would apply to it (a partner's by its model). */
export function ownRoleOf(kind: OrgKind, partnerModel: PartnerModel | null): ParticipantRole {
  if (kind !== 'partner') return kind;
  return partnerModel === 'indirect_provider' ? 'provider' : partnerModel === 'indirect_reseller' ? 'reseller' : 'partner';
}

/**
 * A policy with its keys in the fixed order (severities critical → minimal, targets first response
 * → resolution, weekdays Monday → Sunday), whatever order it was written or stored in (jsonb sorts
 * keys its own way): so stored and sent policies compare and present alike.
 */
export function canonicalPolicy(p: SlaPolicy): SlaPolicy {
  return {
    targets: Object.fromEntries(SEVERITIES.map((s) => [s, { firstResponseMinutes: p.targets[s].firstResponseMinutes, resolutionMinutes: p.targets[s].resolutionMinutes }])) as Record<Severity, SeverityTargets>,
    calendar: {
      timeZone: p.calendar.timeZone,
      week: Object.fromEntries(WEEKDAYS.map((d) => [d, (p.calendar.week[d] ?? []).map((w) => ({ start: w.start, end: w.end }))])) as Record<Weekday, OpenWindow[]>,
      holidays: [...p.calendar.holidays],
    },
    criticalAroundTheClock: p.criticalAroundTheClock,
  };
}

/** Whether two policies say the same (a PUT that changes nothing makes no version). */
export function samePolicy(a: SlaPolicy, b: SlaPolicy): boolean {
  return JSON.stringify(canonicalPolicy(a)) === JSON.stringify(canonicalPolicy(b));
}
