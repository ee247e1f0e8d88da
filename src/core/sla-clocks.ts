/**
 * SLA clocks per party (SPEC section 6): from a case's typed history, the policy of each party
 * and a time, each party's first-response and resolution clocks — target, business time elapsed
 * and left, due time, status and the policy that applied. Pure: the caller reads the history and
 * resolves the policies (sla-policy.ts); every time comes in as an argument. The fold is
 * incremental (`startClocks` → `advanceClocks` over entries → `clocksAt` a time), so the clocks
 * of a history do not depend on how it was split into reads.
 *
 * Terminology (holder, responsible, hand-over and the statuses are defined in case-rules.ts and
 * routing-types.ts; calendars and business time in business-calendar.ts):
 * - clock: one target of one party — `first_response` or `resolution` — counted in business time
 *   of the party's calendar. A case has at most one clock per party and target.
 * - counting: the conditions under which a clock's business time grows (rules 1–4); a counting
 *   clock outside its support hours is still `running`, its time just does not grow.
 * - tiers of the responsible: the organizations the case was escalated to by the responsible or,
 *   in turn, by one of its tiers, since the case was last placed (opening or reroute).
 * - party policy: what the caller resolved for a party — its targets for the case's severity, its
 *   calendar, whether critical cases run around the clock, and an opaque `source` echoed back.
 *
 * Rules, including the choices made where issue 10 is silent:
 * 1. A clock counts only while its party's condition holds and the case is `new`, `open` or
 *    `pending_party`, and only in the party's support hours — around the clock (ALWAYS_ON) for a
 *    critical case when the party's policy says `criticalAroundTheClock`. Business time between two
 *    entries is counted once, with the conditions the earlier one left.
 * 2. `pending_customer` pauses every clock; `resolved` and `closed` stop them. Closing ends every
 *    clock not yet met (`endedAt`): it keeps the status it had (`paused` or `breached`).
 * 3. First response: each party that receives the case as holder — the first holder when the
 *    case opens, every new holder of a forward, escalation, hand back or reroute — owes one, once
 *    per case: receiving the case again later neither starts a new one nor restarts it. Its clock
 *    counts while that party holds the case. It is met by the party's first public reply while it
 *    holds the case (`replied`, with or without awaiting the customer), by its resolving the
 *    case, or by a hand-over of any kind (forward, escalation, hand back, reroute) whose new
 *    holder is the case's responsible party after the change — passing the case on to the party
 *    responsible. A hand-over to anyone else does not meet it: the clock waits (`paused`) and
 *    counts again if the case comes back. Notes, assignments and bookkeeping meet nothing. The
 *    requester owes no first response for a case it holds itself (it asked the question).
 * 4. Resolution: the responsible party has one, from when it becomes responsible; it counts
 *    while the holder is the responsible or one of its tiers — time held by anyone else (a tier-1
 *    partner before it forwards to the responsible publisher, a reseller before it escalates to the
 *    responsible provider) does not count against it. Resolving the case meets it, whoever
 *    resolves. A reopen resumes it: `metAt` is cleared (the earlier one stays as
 *    `previouslyMetAt`; events already recorded are history) and the elapsed time goes on from
 *    where it stood. A reroute that changes the responsible ends the old responsible's clock as it
 *    stood (`endedAt`) and starts the new one's — or resumes its earlier clock, elapsed time
 *    kept, if it was responsible before; a reroute clears the tiers.
 * 5. A clock is breached when its elapsed time reaches its target (elapsed ≥ target): `breachedAt`
 *    is that moment in real time. Met and breached are final — met stays met (but for rule 4's
 *    reopen), breached stays breached even when the target is met later (`metAt` then says when);
 *    a breached clock keeps counting until met, so reports see how late. Meeting a target at the
 *    very moment it is due is a breach.
 * 6. Status: `breached` once breached, else `met` once met, else `running` while counting, else
 *    `paused`. `dueAt` is when a running clock reaches its target if it keeps counting, the
 *    breach time of a breached one, null otherwise. A policy is read once, when its clock starts
 *    (for the case's category and severity then); a resumed clock keeps it.
 * 7. A reading earlier than the last entry is taken at the last entry's time. Entries out of time
 *    order, of another case, or a history not opened by `opened` then `routed` throw a
 *    CaseHistoryError.
 */
import { addBusinessTime, ALWAYS_ON, businessMsBetween, type SupportCalendar } from './business-calendar.ts';
import { CaseHistoryError, type CaseHistoryEntry } from './case-history.ts';
import type { CaseStatus } from './case-rules.ts';
import type { ParticipantRole, Severity } from './routing-types.ts';
import type { SupportCategory } from './support-categories.ts';

// ---- Inputs ----

/** The targets of a clock. */
export const SLA_TARGETS = ['first_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** The statuses of a clock (rule 6). */
export const CLOCK_STATUSES = ['running', 'paused', 'met', 'breached'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** What applies to one party of a case: its targets for the case's severity, its hours, and where they came from. */
export interface PartyPolicy<Source = unknown> {
  targets: { firstResponseMinutes: number; resolutionMinutes: number };
  calendar: SupportCalendar;
  criticalAroundTheClock?: boolean;
  /** Opaque to the clocks: echoed on each clock as `policy`. */
  source: Source;
}

/** The case's facts when a clock starts, for policies that depend on them. */
export interface PolicyCaseFacts {
  category: SupportCategory;
  severity: Severity;
}

/** The caller's policies: a function of the party, or a map by organization id. */
export type PolicyOf<Source = unknown> =
  | ((orgId: string, role: ParticipantRole, facts: PolicyCaseFacts) => PartyPolicy<Source>)
  | ReadonlyMap<string, PartyPolicy<Source>>;

// ---- The fold ----

/** One clock as the fold keeps it. */
interface ClockRecord<Source> {
  orgId: string;
  role: ParticipantRole;
  target: SlaTarget;
  targetMs: number;
  /** The calendar the clock counts in (ALWAYS_ON around the clock). */
  calendar: SupportCalendar;
  aroundTheClock: boolean;
  policy: Source;
  startedAt: Date;
  elapsedMs: number;
  metAt: Date | null;
  previouslyMetAt: Date | null;
  breachedAt: Date | null;
  endedAt: Date | null;
}

/** The case as far as the clocks need it, and its clocks, after the entries folded so far. */
export interface ClockState<Source = unknown> {
  readonly policyOf: PolicyOf<Source>;
  readonly caseId: string | null;
  /** The time up to which business time is counted: the last entry's. */
  readonly lastAt: Date | null;
  readonly openedAt: Date | null;
  /** Whether `routed` followed `opened`. */
  readonly placed: boolean;
  readonly status: CaseStatus;
  readonly category: SupportCategory | null;
  readonly severity: Severity | null;
  readonly requesterOrgId: string | null;
  readonly holderOrgId: string | null;
  readonly responsibleOrgId: string | null;
  readonly tiers: readonly string[];
  readonly roles: Readonly<Record<string, ParticipantRole>>;
  /** In the order they started. */
  readonly clocks: readonly Readonly<ClockRecord<Source>>[];
}

/** No entries folded yet: the clocks of the case's history start here. */
export function startClocks<Source>(policyOf: PolicyOf<Source>): ClockState<Source> {
  return {
    policyOf, caseId: null, lastAt: null, openedAt: null, placed: false, status: 'new', category: null, severity: null,
    requesterOrgId: null, holderOrgId: null, responsibleOrgId: null, tiers: [], roles: {}, clocks: [],
  };
}

const COUNTING_STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending_party'];
const MINUTE_MS = 60_000;

/** Whether a clock counts under the case as it stands (rules 1–4). */
function isCounting<S>(s: ClockState<S>, c: ClockRecord<S>): boolean {
  if (!COUNTING_STATUSES.includes(s.status) || c.metAt !== null || c.endedAt !== null) return false;
  if (c.target === 'first_response') return s.holderOrgId === c.orgId;
  return s.responsibleOrgId === c.orgId && (s.holderOrgId === c.orgId || s.tiers.includes(s.holderOrgId ?? ''));
}

const DAY_MS = 24 * 60 * MINUTE_MS;

/** Remembered stretches of business time: by calendar (its content's number), start and end. */
const stretches = new Map<string, number>();
const MAX_STRETCHES = 50_000;
const calendarNumbers = new Map<string, number>();
const calendarNumberOf = new WeakMap<SupportCalendar, number>();

function calendarNumber(calendar: SupportCalendar): number {
  let known = calendarNumberOf.get(calendar);
  if (known === undefined) {
    const content = JSON.stringify(calendar);
    known = calendarNumbers.get(content);
    if (known === undefined) {
      if (calendarNumbers.size >= MAX_STRETCHES) calendarNumbers.clear();
      known = calendarNumbers.size + 1;
      calendarNumbers.set(content, known);
    }
    calendarNumberOf.set(calendar, known);
  }
  return known;
}

/**
 * Business time of [from, to) read up to a reading's time (clocksAt): split at the first UTC
 * midnight after `from`, the stretch from there to `to` remembered by calendar — a scan reads
 * hundreds of clocks at the same instant, most counting since days that many others share, so
 * each long stretch is walked day by day once instead of once per clock. Business time is
 * additive (any split gives the same sum, to the millisecond), so the answer is
 * businessMsBetween's. Spans under two days are counted as they are.
 */
function businessMsUpTo(calendar: SupportCalendar, from: Date, to: Date): number {
  const midnight = Math.floor(from.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  if (calendar === ALWAYS_ON || to.getTime() - midnight < 2 * DAY_MS) return businessMsBetween(calendar, from, to);
  const key = `${calendarNumber(calendar)} ${midnight} ${to.getTime()}`;
  let rest = stretches.get(key);
  if (rest === undefined) {
    rest = businessMsBetween(calendar, new Date(midnight), to);
    if (stretches.size >= MAX_STRETCHES) stretches.clear();
    stretches.set(key, rest);
  }
  return businessMsBetween(calendar, from, new Date(midnight)) + rest;
}

/**
 * A clock after the business time of [from, to), under conditions that held all along (rules 1, 5);
 * `reading`: `to` is a reading's time (the long stretch since the last entry, remembered).
 */
function counted<S>(s: ClockState<S>, c: ClockRecord<S>, from: Date, to: Date, reading = false): ClockRecord<S> {
  if (!isCounting(s, c) || to.getTime() < from.getTime()) return c;
  const add = reading ? businessMsUpTo(c.calendar, from, to) : businessMsBetween(c.calendar, from, to);
  const elapsedMs = c.elapsedMs + add;
  const breachedAt = c.breachedAt ?? (elapsedMs >= c.targetMs ? addBusinessTime(c.calendar, from, c.targetMs - c.elapsedMs) : null);
  return add === 0 && breachedAt === c.breachedAt ? c : { ...c, elapsedMs, breachedAt };
}

function policyFor<S>(s: ClockState<S>, orgId: string, role: ParticipantRole): PartyPolicy<S> {
  if (typeof s.policyOf === 'function') return s.policyOf(orgId, role, { category: s.category!, severity: s.severity! });
  const policy = s.policyOf.get(orgId);
  if (!policy) throw new Error(`No SLA policy was given for organization ${orgId}`);
  return policy;
}

/** The state with a clock of the party started (or kept, when it has one: rules 3, 4). */
function withClock<S>(s: ClockState<S>, orgId: string, target: SlaTarget, at: Date): ClockState<S> {
  if (s.clocks.some((c) => c.orgId === orgId && c.target === target)) return s;
  if (target === 'first_response' && orgId === s.requesterOrgId) return s;
  const role = s.roles[orgId] ?? 'partner';
  const policy = policyFor(s, orgId, role);
  const aroundTheClock = s.severity === 'critical' && policy.criticalAroundTheClock === true;
  const minutes = target === 'first_response' ? policy.targets.firstResponseMinutes : policy.targets.resolutionMinutes;
  const clock: ClockRecord<S> = {
    orgId, role, target, targetMs: minutes * MINUTE_MS, calendar: aroundTheClock ? ALWAYS_ON : policy.calendar, aroundTheClock,
    policy: policy.source, startedAt: at, elapsedMs: 0, metAt: null, previouslyMetAt: null, breachedAt: null, endedAt: null,
  };
  return { ...s, clocks: [...s.clocks, clock] };
}

/** The state with one clock changed, if the party has it. */
function withChanged<S>(s: ClockState<S>, orgId: string | null, target: SlaTarget, change: (c: ClockRecord<S>) => ClockRecord<S>): ClockState<S> {
  return { ...s, clocks: s.clocks.map((c) => (c.orgId === orgId && c.target === target ? change(c) : c)) };
}

const met = <S>(at: Date) => (c: ClockRecord<S>): ClockRecord<S> => (c.metAt === null && c.endedAt === null ? { ...c, metAt: at } : c);

function withRole<S>(s: ClockState<S>, orgId: string, role: ParticipantRole): ClockState<S> {
  return orgId in s.roles ? s : { ...s, roles: { ...s.roles, [orgId]: role } };
}

/** A hand-over from one holder to another (rule 3), the responsible already the one after the change. */
function handedOver<S>(s: ClockState<S>, fromOrgId: string, toOrgId: string, at: Date): ClockState<S> {
  if (fromOrgId === toOrgId) return s;
  let next = toOrgId === s.responsibleOrgId ? withChanged(s, fromOrgId, 'first_response', met(at)) : s;
  next = { ...next, holderOrgId: toOrgId };
  return withClock(next, toOrgId, 'first_response', at);
}

function withStatus<S>(s: ClockState<S>, change: { to: CaseStatus } | undefined): ClockState<S> {
  return change ? { ...s, status: change.to } : s;
}

/** The state after one entry at its time; the business time before it is already counted. */
function applied<S>(s: ClockState<S>, e: CaseHistoryEntry): ClockState<S> {
  const at = e.at;
  switch (e.type) {
    case 'opened':
      throw new CaseHistoryError(e.id, e.caseId, 'an opened entry after the case was opened');
    case 'routed': {
      if (s.placed) throw new CaseHistoryError(e.id, e.caseId, 'a routed entry after the case was placed');
      let next: ClockState<S> = { ...s, placed: true, responsibleOrgId: e.data.responsibleOrgId, holderOrgId: e.data.holderOrgId };
      for (const p of e.data.participants) next = withRole(next, p.orgId, p.role);
      next = withClock(next, e.data.holderOrgId, 'first_response', at);
      return withClock(next, e.data.responsibleOrgId, 'resolution', at);
    }
    case 'replied': {
      const next = e.actor.orgId === s.holderOrgId ? withChanged(s, s.holderOrgId, 'first_response', met(at)) : s;
      return withStatus(next, e.data.status);
    }
    case 'noted': case 'assigned':
      return withStatus(s, e.data.status);
    case 'status_changed':
      return withStatus(s, e.data.status);
    case 'forwarded': case 'escalated': case 'handed_back': {
      const { fromOrgId, toOrgId } = e.data;
      const role: ParticipantRole = e.type === 'forwarded' ? 'publisher' : e.type === 'escalated' ? e.data.tier : 'partner';
      let next = withRole(s, toOrgId, role);
      if (e.type === 'escalated' && toOrgId !== s.responsibleOrgId && !s.tiers.includes(toOrgId)
        && (fromOrgId === s.responsibleOrgId || s.tiers.includes(fromOrgId))) {
        next = { ...next, tiers: [...next.tiers, toOrgId] };
      }
      return withStatus(handedOver(next, fromOrgId, toOrgId, at), e.data.status);
    }
    case 'rerouted': {
      let next: ClockState<S> = { ...s, category: e.data.toCategory, tiers: [] };
      for (const p of e.data.addedParticipants) next = withRole(next, p.orgId, p.role);
      const before = s.responsibleOrgId;
      const after = e.data.responsibleOrgId;
      if (after !== before) {
        next = withChanged(next, before, 'resolution', (c) => (c.metAt === null && c.endedAt === null ? { ...c, endedAt: at } : c));
        next = { ...next, responsibleOrgId: after };
        next = withChanged(next, after, 'resolution', (c) => ({ ...c, endedAt: null }));
        next = withClock(next, after, 'resolution', at);
      }
      return withStatus(handedOver(next, e.data.fromOrgId, e.data.toOrgId, at), e.data.status);
    }
    case 'resolved': {
      let next = withChanged(s, s.holderOrgId, 'first_response', met(at));
      next = withChanged(next, s.responsibleOrgId, 'resolution', met(at));
      return withStatus(next, e.data.status);
    }
    case 'reopened': {
      const next = withChanged(s, s.responsibleOrgId, 'resolution', (c) => (c.metAt === null ? c : { ...c, metAt: null, previouslyMetAt: c.metAt }));
      return withStatus(next, e.data.status);
    }
    case 'closed': {
      const next = withStatus(s, e.data.status);
      return { ...next, clocks: next.clocks.map((c) => (c.metAt === null && c.endedAt === null ? { ...c, endedAt: at } : c)) };
    }
    case 'external_reference_set': case 'attachment_added': case 'incident_linked':
      return s;
  }
}

/** The clocks after more entries of the case's history, oldest first (any split of it gives the same state). */
export function advanceClocks<S>(state: ClockState<S>, entries: readonly CaseHistoryEntry[]): ClockState<S> {
  let s = state;
  for (const e of entries) {
    if (s.caseId === null) {
      if (e.type !== 'opened') throw new CaseHistoryError(e.id, e.caseId, 'the history does not begin with an opened entry');
      s = {
        ...s, caseId: e.caseId, lastAt: e.at, openedAt: e.at, status: 'new', category: e.data.category, severity: e.data.severity,
        // Every role, the requester's too, comes with `routed`'s participants.
        requesterOrgId: e.actor.orgId, roles: {},
      };
      continue;
    }
    if (e.caseId !== s.caseId) throw new CaseHistoryError(e.id, e.caseId, `the entry belongs to another case than ${s.caseId}`);
    if (e.at.getTime() < s.lastAt!.getTime()) throw new CaseHistoryError(e.id, e.caseId, 'the entries are not in the order of their time');
    if (!s.placed && e.type !== 'routed') throw new CaseHistoryError(e.id, e.caseId, 'the opened entry is not followed by a routed entry');
    const from = s.lastAt!;
    const before = s;
    s = { ...s, clocks: s.clocks.map((c) => counted(before, c, from, e.at)), lastAt: e.at };
    s = applied(s, e);
  }
  return s;
}

// ---- Readings ----

/** One clock of one party at a time. */
export interface SlaClock<Source = unknown> {
  orgId: string;
  role: ParticipantRole;
  target: SlaTarget;
  targetMinutes: number;
  /** Business time counted, exactly and in whole minutes (rounded down). */
  elapsedMs: number;
  elapsedMinutes: number;
  /** Business time left before the target, never below zero, exactly and in whole minutes (rounded up). */
  remainingMs: number;
  remainingMinutes: number;
  /** Rule 6: when a running clock reaches its target if it keeps counting, a breached one's breach time, else null. */
  dueAt: Date | null;
  status: ClockStatus;
  metAt: Date | null;
  /** When the resolution was met before a reopen resumed the clock (rule 4). */
  previouslyMetAt: Date | null;
  breachedAt: Date | null;
  startedAt: Date;
  /** The clock can no longer count: the case closed, or another party became responsible (rules 2, 4). */
  endedAt: Date | null;
  /** Whether its business time grows now (outside support hours: it would, once they open). */
  counting: boolean;
  /** A critical case counted around the clock. */
  aroundTheClock: boolean;
  /** The calendar it counts in. */
  calendar: SupportCalendar;
  /** The time of the reading. */
  asOf: Date;
  /** The policy's `source`, as the caller gave it. */
  policy: Source;
}

/** Every clock of the case at a time (rule 7: not before the last entry), in the order they started. */
export function clocksAt<S>(state: ClockState<S>, now: Date): SlaClock<S>[] {
  if (state.lastAt === null) return [];
  const asOf = now.getTime() < state.lastAt.getTime() ? state.lastAt : now;
  return state.clocks.map((record) => {
    const c = counted(state, record, state.lastAt!, asOf, true);
    const counting = isCounting(state, c);
    const status: ClockStatus = c.breachedAt ? 'breached' : c.metAt ? 'met' : counting ? 'running' : 'paused';
    const remainingMs = Math.max(0, c.targetMs - c.elapsedMs);
    const dueAt = status === 'breached' ? c.breachedAt : status === 'running' ? addBusinessTime(c.calendar, asOf, remainingMs) : null;
    return {
      orgId: c.orgId, role: c.role, target: c.target, targetMinutes: c.targetMs / MINUTE_MS,
      elapsedMs: c.elapsedMs, elapsedMinutes: Math.floor(c.elapsedMs / MINUTE_MS),
      remainingMs, remainingMinutes: Math.ceil(remainingMs / MINUTE_MS),
      dueAt, status, metAt: c.metAt, previouslyMetAt: c.previouslyMetAt, breachedAt: c.breachedAt, startedAt: c.startedAt, endedAt: c.endedAt,
      counting, aroundTheClock: c.aroundTheClock, calendar: c.calendar, asOf, policy: c.policy,
    };
  });
}

/** The clocks of a whole history at a time: startClocks, advanceClocks, clocksAt. */
export function slaClocks<S>(history: readonly CaseHistoryEntry[], policyOf: PolicyOf<S>, now: Date): SlaClock<S>[] {
  return clocksAt(advanceClocks(startClocks(policyOf), history), now);
}

/**
 * Each organization's next deadline on the case: the earliest `dueAt` of its clocks that still
 * count — running ones, and breached ones not yet met (their deadline has passed, so they sort
 * first). Organizations without one are absent.
 */
export function nextDeadline(clocks: readonly SlaClock[]): Map<string, Date> {
  const next = new Map<string, Date>();
  for (const c of clocks) {
    if (!c.counting || c.dueAt === null) continue;
    const known = next.get(c.orgId);
    if (!known || c.dueAt.getTime() < known.getTime()) next.set(c.orgId, c.dueAt);
  }
  return next;
}

/**
 * When a running clock has `share` (0–1) of its target left, if it keeps counting: a time
 * between the reading and `dueAt`, or the reading's time when it has no more than that left
 * already. Null for clocks that are not running (paused, met, breached).
 */
export function warningAt(clock: SlaClock, share: number): Date | null {
  if (clock.status !== 'running' || clock.dueAt === null) return null;
  const warnWhenLeftMs = Math.round(Math.min(1, Math.max(0, share)) * clock.targetMinutes * MINUTE_MS);
  if (clock.remainingMs <= warnWhenLeftMs) return clock.asOf;
  return addBusinessTime(clock.calendar, clock.asOf, clock.remainingMs - warnWhenLeftMs);
}
