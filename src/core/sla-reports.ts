/**
 * SLA reports (issue 10, item 5): compliance over a period — per party, offer, category and
 * severity, how many clocks were met, breached, are still open or ended unmet, with the median and
 * 90th percentile of the business time it took to meet them — and the time each party held each
 * case, from the typed history. Pure: the caller reads the clocks (as stored with each case) and
 * the histories, gives the time of the reading, and presents what comes back; nothing here reads
 * a clock or a database.
 *
 * Terminology (clock, target, elapsed, met, breached and business time as in sla-clocks.ts and
 * business-calendar.ts; holder, hand-over and the statuses as in case-rules.ts):
 * - period: `[from, to)` — the cases opened in it are the report's cases. Their clocks are
 *   reported as they stand at the reading, not as they stood at `to`.
 * - outcome: what a clock came to by the reading — `met`, `breached`, `open` (it may still be met
 *   or breached: running, or paused) or `ended` (it can no longer be met and was not breached:
 *   the case was resolved or closed without it, or another party became responsible).
 * - response time / resolution time: the business time a first-response / resolution clock had
 *   counted when it was met (in its party's calendar, around the clock where the policy runs
 *   critical cases so).
 * - group: the clocks that share the values of the dimensions reported by (`party`, `offer`,
 *   `category`, `severity`); a dimension not reported by is summed over.
 * - holding: the time a party held a case — from receiving it (routing placed it there, or a
 *   forward, escalation, hand back or reroute handed it over) to handing it on, or to the case
 *   being resolved or closed; a reopen gives the case back to the holder it had.
 *
 * Rules, including the choices made where issue 10 is silent:
 * 1. A period is given by `from` and `to` (ISO 8601: a date, which is that day's midnight UTC, or
 *    a time with its offset), `to` after `from`, at most MAX_REPORT_DAYS apart, both between 1970
 *    and 9999. A missing `to` is the reading; a missing `from` is DEFAULT_REPORT_DAYS before `to`.
 * 2. A clock's outcome: `breached` once breached — also a clock stored as running whose due time
 *   has come, though no change or scan recorded it yet — even if met later; else `met`; else
 *   `ended` when the case is resolved or closed, or when it is a resolution clock of a party no
 *   longer responsible; else `open`.
 * 3. Times are taken from every met clock (met on time, or met after its breach), in business
 *   time; clocks not met have none. The median and the 90th percentile interpolate linearly
 *   between the nearest ranks (PostgreSQL's percentile_cont, a spreadsheet's PERCENTILE.INC).
 *   Compliance is met ÷ (met + breached): the share of decided clocks met on time; none decided,
 *   none. Minutes are shown to a tenth.
 * 4. Holding is folded from the history entries every participant may read (hand-overs and status
 *   changes are all public: case-history.ts rule 2); other entries change nothing. Time waiting on
 *   the customer (`pending_customer`) is held time too, and is also given on its own. An open
 *   case's last holding runs to the reading. Business time is the holder's calendar's.
 * 5. Rows come sorted: groups by their dimensions' values in the order of the dimensions (no offer
 *   first), holdings by case, then by when the party first received the case.
 */
import type { LocalizedText } from './app-error.ts';
import { businessMsBetween, type SupportCalendar } from './business-calendar.ts';
import type { CaseHistoryEntry } from './case-history.ts';
import type { CaseStatus } from './case-rules.ts';
import type { Severity } from './routing-types.ts';
import type { ClockStatus, SlaTarget } from './sla-clocks.ts';
import type { SupportCategory } from './support-categories.ts';

const DAY_MS = 86_400_000;

// ---- The period (rule 1) ----

/** The longest period a report covers. */
export const MAX_REPORT_DAYS = 366;
/** The period when none is given: this many days up to the reading. */
export const DEFAULT_REPORT_DAYS = 30;

/** A report's period, `to` excluded. */
export interface ReportPeriod {
  from: Date;
  to: Date;
}

/** Why a period is refused. */
export type PeriodProblemReason = 'not_a_time' | 'out_of_range' | 'not_after_from' | 'too_long';

/** One problem of a period, naming its query field. */
export interface PeriodProblem {
  field: 'from' | 'to';
  reason: PeriodProblemReason;
  message: LocalizedText;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/** An ISO 8601 date or time with its offset as an instant; null when it is neither (or no such day). */
function readTime(text: string): number | null {
  if (!ISO_TIME.test(text)) return null;
  const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(t)) return null;
  // Date.parse rolls 2026-02-30 over to March: a date must read back as itself.
  if (new Date(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)))).toISOString().slice(0, 10) !== text.slice(0, 10)) return null;
  return t;
}

const PROBLEM_WORDS: Record<PeriodProblemReason, LocalizedText> = {
  not_a_time: { en: 'must be an ISO 8601 date (2026-03-01) or time with its offset (2026-03-01T09:00:00Z)', ko: 'ISO 8601 날짜(2026-03-01) 또는 오프셋을 포함한 시각(2026-03-01T09:00:00Z)이어야 합니다' },
  out_of_range: { en: 'must be between 1970 and 9999', ko: '1970년에서 9999년 사이여야 합니다' },
  not_after_from: { en: 'must be after from', ko: 'from보다 뒤여야 합니다' },
  too_long: { en: `must be at most ${MAX_REPORT_DAYS} days after from`, ko: `from으로부터 ${MAX_REPORT_DAYS}일 이내여야 합니다` },
};

const problem = (field: 'from' | 'to', reason: PeriodProblemReason): PeriodProblem => ({ field, reason, message: PROBLEM_WORDS[reason] });

/** A report's period from its query (rule 1): the period, or every problem of it. */
export function readReportPeriod(given: { from?: string; to?: string }, now: Date): { ok: true; period: ReportPeriod } | { ok: false; problems: PeriodProblem[] } {
  const problems: PeriodProblem[] = [];
  const read = (field: 'from' | 'to', text: string | undefined): number | null => {
    if (text === undefined) return null;
    const t = readTime(text);
    if (t === null) problems.push(problem(field, 'not_a_time'));
    else if (t < EARLIEST || t >= LATEST) problems.push(problem(field, 'out_of_range'));
    else return t;
    return Number.NaN;
  };
  const fromGiven = read('from', given.from);
  const toGiven = read('to', given.to);
  if (problems.length > 0) return { ok: false, problems };
  const to = toGiven ?? now.getTime();
  const from = fromGiven ?? to - DEFAULT_REPORT_DAYS * DAY_MS;
  if (to <= from) return { ok: false, problems: [problem('to', 'not_after_from')] };
  if (to - from > MAX_REPORT_DAYS * DAY_MS) return { ok: false, problems: [problem('to', 'too_long')] };
  return { ok: true, period: { from: new Date(from), to: new Date(to) } };
}

// ---- Outcomes (rule 2) ----

/** What a clock came to by the reading. */
export const CLOCK_OUTCOMES = ['met', 'breached', 'open', 'ended'] as const;
export type ClockOutcome = (typeof CLOCK_OUTCOMES)[number];

/** One clock of one party of a case, as stored with the case, with the case's facts a report groups by. */
export interface ReportClock {
  caseId: string;
  orgId: string;
  target: SlaTarget;
  status: ClockStatus;
  /** Business time counted when the clock was last stored. */
  elapsedMs: number;
  dueAt: Date | null;
  metAt: Date | null;
  breachedAt: Date | null;
  offerId: string | null;
  category: SupportCategory;
  severity: Severity;
  caseStatus: CaseStatus;
  /** Whether the clock's party is the case's responsible party now. */
  responsible: boolean;
}

/** A clock's outcome at a reading (rule 2). */
export function outcomeOf(c: ReportClock, now: Date): ClockOutcome {
  if (c.breachedAt !== null || c.status === 'breached') return 'breached';
  if (c.status === 'running' && c.dueAt !== null && c.dueAt.getTime() <= now.getTime()) return 'breached';
  if (c.metAt !== null || c.status === 'met') return 'met';
  if (c.caseStatus === 'resolved' || c.caseStatus === 'closed') return 'ended';
  if (c.target === 'resolution' && !c.responsible) return 'ended';
  return 'open';
}

// ---- Quantiles (rule 3) ----

/**
 * The q-quantile (0–1) of the values, interpolating linearly between the nearest ranks
 * (percentile_cont): for n sorted values, the value at rank (n − 1)·q. Null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Milliseconds as minutes to a tenth. */
export function minutesOf(ms: number): number {
  return Math.round(ms / 6_000) / 10;
}

// ---- Compliance ----

/** What a report can be grouped by. */
export const REPORT_DIMENSIONS = ['party', 'offer', 'category', 'severity'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** The values of a group's dimensions: only those reported by are present. */
export interface GroupKey {
  orgId?: string;
  offerId?: string | null;
  category?: SupportCategory;
  severity?: Severity;
}

/** One target's figures of a group. */
export interface TargetFigures {
  /** Clocks counted. */
  clocks: number;
  met: number;
  breached: number;
  open: number;
  ended: number;
  /** met ÷ (met + breached); null when no clock is decided. */
  compliance: number | null;
  /** Of the met clocks (on time or late), in business minutes to a tenth; null when none. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** One row of a compliance report: a group and its two targets' figures. */
export interface ComplianceRow {
  key: GroupKey;
  /** The cases with a clock in the group. */
  cases: number;
  firstResponse: TargetFigures;
  resolution: TargetFigures;
}

interface TargetTally {
  met: number;
  breached: number;
  open: number;
  ended: number;
  times: number[];
}

interface GroupTally {
  key: GroupKey;
  cases: Set<string>;
  targets: Record<SlaTarget, TargetTally>;
}

/** The figures gathered so far: add clocks page by page (`addClocks`), read the rows at the end. */
export interface ComplianceTally {
  readonly groupBy: readonly ReportDimension[];
  readonly now: Date;
  readonly groups: Map<string, GroupTally>;
}

/** The dimensions in their own order, each once. */
export function normalizeDimensions(dims: readonly ReportDimension[]): ReportDimension[] {
  return REPORT_DIMENSIONS.filter((d) => dims.includes(d));
}

/** No clocks yet: a report by these dimensions at this reading. */
export function startCompliance(groupBy: readonly ReportDimension[], now: Date): ComplianceTally {
  return { groupBy: normalizeDimensions(groupBy), now, groups: new Map() };
}

function keyOf(groupBy: readonly ReportDimension[], c: ReportClock): GroupKey {
  const key: GroupKey = {};
  for (const d of groupBy) {
    if (d === 'party') key.orgId = c.orgId;
    else if (d === 'offer') key.offerId = c.offerId;
    else if (d === 'category') key.category = c.category;
    else key.severity = c.severity;
  }
  return key;
}

const emptyTally = (): TargetTally => ({ met: 0, breached: 0, open: 0, ended: 0, times: [] });

/** The tally with more clocks (each clock once: the caller reads each page once). */
export function addClocks(tally: ComplianceTally, clocks: readonly ReportClock[]): ComplianceTally {
  for (const c of clocks) {
    const key = keyOf(tally.groupBy, c);
    const id = JSON.stringify(key);
    let group = tally.groups.get(id);
    if (!group) {
      group = { key, cases: new Set(), targets: { first_response: emptyTally(), resolution: emptyTally() } };
      tally.groups.set(id, group);
    }
    group.cases.add(c.caseId);
    const t = group.targets[c.target];
    t[outcomeOf(c, tally.now)] += 1;
    if (c.metAt !== null) t.times.push(c.elapsedMs);
  }
  return tally;
}

function figuresOf(t: TargetTally): TargetFigures {
  const decided = t.met + t.breached;
  const median = quantile(t.times, 0.5);
  const p90 = quantile(t.times, 0.9);
  return {
    clocks: t.met + t.breached + t.open + t.ended, met: t.met, breached: t.breached, open: t.open, ended: t.ended,
    compliance: decided === 0 ? null : t.met / decided,
    medianMinutes: median === null ? null : minutesOf(median), p90Minutes: p90 === null ? null : minutesOf(p90),
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, moderate: 1, minimal: 2 };

/** Compares two keys by their dimensions in order (rule 5); ids compare as text, no offer first, severities most severe first. */
function compareKeys(a: GroupKey, b: GroupKey): number {
  const text = (x: string | null | undefined, y: string | null | undefined) => (x === y ? 0 : x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1);
  return text(a.orgId, b.orgId) || text(a.offerId, b.offerId) || text(a.category, b.category)
    || (a.severity && b.severity ? SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] : 0);
}

/** The report's rows, sorted (rule 5). */
export function complianceRows(tally: ComplianceTally): ComplianceRow[] {
  return [...tally.groups.values()]
    .map((g) => ({ key: g.key, cases: g.cases.size, firstResponse: figuresOf(g.targets.first_response), resolution: figuresOf(g.targets.resolution) }))
    .sort((a, b) => compareKeys(a.key, b.key));
}

/** A whole report at once: the clocks grouped by the dimensions at the reading. */
export function complianceOf(clocks: readonly ReportClock[], groupBy: readonly ReportDimension[], now: Date): ComplianceRow[] {
  return complianceRows(addClocks(startCompliance(groupBy, now), clocks));
}

// ---- Holding (rule 4) ----

/** One stretch of time a party held a case under one status. */
export interface HoldingSpan {
  orgId: string;
  from: Date;
  to: Date;
  /** The case was waiting on the customer. */
  waiting: boolean;
  /** A new holding begins here (the party received the case, or it was reopened with it). */
  received: boolean;
}

const NOT_HELD: readonly CaseStatus[] = ['resolved', 'closed'];

/** The status an entry moves the case to, if it carries one. */
function statusAfter(e: CaseHistoryEntry): CaseStatus | null {
  const data = e.data as { status?: { to: CaseStatus } };
  return data.status?.to ?? null;
}

/**
 * Who held the case when, from its history (oldest first; entries other than hand-overs and
 * status changes change nothing) up to the reading `until` (rule 4): consecutive spans per holder
 * and status. A history without `routed` has no holder.
 */
export function holdingSpans(entries: readonly CaseHistoryEntry[], until: Date): HoldingSpan[] {
  const spans: HoldingSpan[] = [];
  let holder: string | null = null;
  let status: CaseStatus = 'new';
  let since: Date | null = null;
  let received = false;
  const close = (at: Date) => {
    if (holder !== null && since !== null && !NOT_HELD.includes(status)) {
      const to = at.getTime() < until.getTime() ? at : until;
      if (to.getTime() > since.getTime()) {
        spans.push({ orgId: holder, from: since, to, waiting: status === 'pending_customer', received });
        received = false;
      }
    }
    since = at;
  };
  for (const e of entries) {
    if (e.at.getTime() > until.getTime()) break;
    let nextHolder: string | null = holder;
    if (e.type === 'routed') nextHolder = e.data.holderOrgId;
    else if (e.type === 'forwarded' || e.type === 'escalated' || e.type === 'handed_back' || e.type === 'rerouted') nextHolder = e.data.toOrgId;
    const nextStatus: CaseStatus = statusAfter(e) ?? status;
    if (nextHolder === holder && nextStatus === status) continue;
    close(e.at);
    const wasHeld = holder !== null && !NOT_HELD.includes(status);
    const isHeld = nextHolder !== null && !NOT_HELD.includes(nextStatus);
    if (isHeld && (!wasHeld || nextHolder !== holder)) received = true;
    holder = nextHolder;
    status = nextStatus;
  }
  close(until);
  return spans;
}

/** How long one party held one case. */
export interface PartyHolding {
  orgId: string;
  /** When it first received the case. */
  firstReceivedAt: Date;
  /** How many times it received the case. */
  times: number;
  heldMs: number;
  heldBusinessMs: number;
  /** Of the held time, waiting on the customer. */
  waitingMs: number;
  waitingBusinessMs: number;
}

/**
 * Each party's holding of a case (rule 4), in the order they first received it: wall time, and
 * business time in the calendar the caller gives for the party.
 */
export function holdingOf(entries: readonly CaseHistoryEntry[], until: Date, calendarOf: (orgId: string) => SupportCalendar): PartyHolding[] {
  const byOrg = new Map<string, PartyHolding>();
  for (const s of holdingSpans(entries, until)) {
    let h = byOrg.get(s.orgId);
    if (!h) {
      h = { orgId: s.orgId, firstReceivedAt: s.from, times: 0, heldMs: 0, heldBusinessMs: 0, waitingMs: 0, waitingBusinessMs: 0 };
      byOrg.set(s.orgId, h);
    }
    const wall = s.to.getTime() - s.from.getTime();
    const business = businessMsBetween(calendarOf(s.orgId), s.from, s.to);
    if (s.received) h.times += 1;
    h.heldMs += wall;
    h.heldBusinessMs += business;
    if (s.waiting) {
      h.waitingMs += wall;
      h.waitingBusinessMs += business;
    }
  }
  return [...byOrg.values()].sort((a, b) => a.firstReceivedAt.getTime() - b.firstReceivedAt.getTime());
}

// ---- Over time: buckets (rule 6) ----
//
// 6. A report over time cuts its period into buckets of a calendar week (Monday 00:00 UTC to the
//    next Monday) or month (the 1st, 00:00 UTC): a case falls in the bucket it was opened in. The
//    first and last buckets are cut to the period, so their `from`/`to` may be inside a week or
//    month; a period inside one week is one bucket. Buckets are in UTC, whoever reads.

/** How a report over time cuts its period. */
export const REPORT_INTERVALS = ['week', 'month'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** The start of the week or month (UTC) an instant falls in. */
export function bucketStart(at: Date, interval: ReportInterval): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), interval === 'month' ? 1 : at.getUTCDate()));
  if (interval === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

function nextBucket(start: Date, interval: ReportInterval): Date {
  return interval === 'month'
    ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
    : new Date(start.getTime() + 7 * DAY_MS);
}

/** The period's buckets in order, the first and last cut to the period (rule 6). */
export function periodBuckets(period: ReportPeriod, interval: ReportInterval): ReportPeriod[] {
  const buckets: ReportPeriod[] = [];
  let start = bucketStart(period.from, interval);
  while (start.getTime() < period.to.getTime()) {
    const end = nextBucket(start, interval);
    buckets.push({
      from: start.getTime() < period.from.getTime() ? period.from : start,
      to: end.getTime() > period.to.getTime() ? period.to : end,
    });
    start = end;
  }
  return buckets;
}

/** The index of the bucket an instant falls in; -1 when outside them all. */
export function bucketIndexOf(buckets: readonly ReportPeriod[], at: Date): number {
  const t = at.getTime();
  return buckets.findIndex((b) => t >= b.from.getTime() && t < b.to.getTime());
}

// ---- Case volume (rule 7) ----
//
// 7. Volume counts the cases opened in the period, grouped by any of category, offer and severity
//    (and by bucket over time): how many were opened, and of them how many are resolved or closed
//    at the reading.

/** What case volume can be grouped by. */
export const VOLUME_DIMENSIONS = ['offer', 'category', 'severity'] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

/** Counts of cases sharing a category, offer and severity. */
export interface VolumeCount {
  offerId: string | null;
  category: SupportCategory;
  severity: Severity;
  opened: number;
  /** Of them, resolved or closed at the reading. */
  done: number;
}

/** One row of a volume report: only the dimensions grouped by are present in its key. */
export interface VolumeRow {
  key: Omit<GroupKey, 'orgId'>;
  opened: number;
  done: number;
}

/** Counts summed over the dimensions not grouped by, sorted as rule 5. */
export function volumeRows(counts: readonly VolumeCount[], groupBy: readonly VolumeDimension[]): VolumeRow[] {
  const dims = VOLUME_DIMENSIONS.filter((d) => groupBy.includes(d));
  const rows = new Map<string, VolumeRow>();
  for (const c of counts) {
    const key: VolumeRow['key'] = {};
    if (dims.includes('offer')) key.offerId = c.offerId;
    if (dims.includes('category')) key.category = c.category;
    if (dims.includes('severity')) key.severity = c.severity;
    const id = JSON.stringify(key);
    const row = rows.get(id) ?? { key, opened: 0, done: 0 };
    row.opened += c.opened;
    row.done += c.done;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => compareKeys(a.key, b.key));
}

// ---- Holding per party (rule 8) ----
//
// 8. The holding summary gives, per party, over the cases of the period it held: how many cases,
//    how many times it received them, and its business minutes held per case — median, 90th
//    percentile (rule 3) and total — with the wall-clock and waiting totals.

/** One party's holdings summed over cases. */
export interface HoldingSummary {
  orgId: string;
  cases: number;
  times: number;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
  totalBusinessMinutes: number;
  totalMinutes: number;
  totalWaitingMinutes: number;
}

/** Per party (sorted by id), the holdings of many cases summed (rule 8). */
export function summarizeHoldings(holdings: readonly PartyHolding[]): HoldingSummary[] {
  const byOrg = new Map<string, PartyHolding[]>();
  for (const h of holdings) byOrg.set(h.orgId, [...(byOrg.get(h.orgId) ?? []), h]);
  return [...byOrg.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([orgId, list]) => {
    const business = list.map((h) => h.heldBusinessMs);
    const median = quantile(business, 0.5);
    const p90 = quantile(business, 0.9);
    const sum = (f: (h: PartyHolding) => number) => minutesOf(list.reduce((s, h) => s + f(h), 0));
    return {
      orgId, cases: list.length, times: list.reduce((s, h) => s + h.times, 0),
      medianBusinessMinutes: median === null ? null : minutesOf(median), p90BusinessMinutes: p90 === null ? null : minutesOf(p90),
      totalBusinessMinutes: sum((h) => h.heldBusinessMs), totalMinutes: sum((h) => h.heldMs), totalWaitingMinutes: sum((h) => h.waitingMs),
    };
  });
}
