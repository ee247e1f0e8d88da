/**
 * Use cases of SLA reports (issue 10, item 5; the rules are src/core/sla-reports.ts): compliance
 * over a period per party, offer, category and severity; counts per offer; and the time each
 * party held each case — as JSON or as CSV.
 *
 * Who reads what (`sla.reports`: partner global_admin and admin_agent, publisher_admin and
 * publisher_viewer, operator_admin; customers commit to nothing and have none):
 * - every organization its own part: its own clocks, and the cases it held with its own holding;
 * - a publisher, besides, counts per offer of its own over every party's clocks on cases about
 *   them (`/sla-reports/offers`) — how its offers are served along the chain, not how each
 *   partner does;
 * - the operator everything: every party's clocks and holdings, every offer.
 * The database decides the same again: every read goes through migration 0009's functions, which
 * answer the caller's organization only its scope.
 *
 * Reading never holds a connection while a client reads: clocks are read in pages of
 * CLOCK_PAGE, each its own short transaction, and tallied as they come (core's addClocks); the
 * holding CSV is written page by page of HOLDING_PAGE cases.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Value } from 'typebox/value';
import { ALWAYS_ON, checkCalendar, SupportCalendarSchema, type SupportCalendar } from '../../core/business-calendar.ts';
import { parseCaseHistoryEntry, type CaseHistoryEntry } from '../../core/case-history.ts';
import type { CaseStatus } from '../../core/case-rules.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { invalidCursor } from '../../core/common-errors.ts';
import type { Viewer } from '../../core/parties.ts';
import { can, rolesOfKindGranting } from '../../core/permissions.ts';
import type { Severity } from '../../core/routing-types.ts';
import { DEFAULT_CALENDAR } from '../../core/sla-policy.ts';
import {
  addClocks, bucketIndexOf, complianceRows, holdingOf, minutesOf, normalizeDimensions, periodBuckets, readReportPeriod, REPORT_DIMENSIONS, startCompliance,
  summarizeHoldings, VOLUME_DIMENSIONS, volumeRows,
  type ComplianceRow, type PartyHolding, type ReportClock, type ReportDimension, type ReportInterval, type ReportPeriod, type TargetFigures, type VolumeCount,
  type VolumeDimension,
} from '../../core/sla-reports.ts';
import type { SupportCategory } from '../../core/support-categories.ts';
import type { Database, Tx } from '../../db/database.ts';
import { organizationNames } from '../identity/index.ts';
import { slaReportErrors } from './sla.errors.ts';
import * as repo from './sla.reports.repository.ts';

/** Clocks read per transaction. */
const CLOCK_PAGE = 5_000;
/** Cases read per transaction by the holding CSV. */
const HOLDING_PAGE = 200;
/** At most this many pages of one report (50 million clocks, 2 million cases): a bound, never reached by a period of a year. */
const MAX_PAGES = 10_000;

/** The period and format of a report, as the route receives them. */
export interface ReportQuery {
  from?: string;
  to?: string;
}

/** A reference to an offer; null for cases about none. */
export type PresentedOfferRef = { id: string; name: string | null } | null;

/** A bucket of a report over time. */
export interface PresentedBucket {
  from: string;
  to: string;
}

/** A compliance row as the API answers it: only the dimensions reported by are present (and its bucket over time). */
export interface PresentedComplianceRow {
  bucket?: PresentedBucket;
  party?: { orgId: string; name: string | null };
  offer?: PresentedOfferRef;
  category?: SupportCategory;
  severity?: Severity;
  cases: number;
  firstResponse: TargetFigures;
  resolution: TargetFigures;
}

/** GET /sla-reports/compliance. */
export interface PresentedComplianceReport {
  period: { from: string; to: string };
  asOf: string;
  scope: 'own' | 'all';
  groupBy: ReportDimension[];
  interval: ReportInterval | null;
  /** Over time: every bucket of the period, in order (rows name theirs). */
  buckets: PresentedBucket[];
  rows: PresentedComplianceRow[];
}

/** GET /sla-reports/volume. */
export interface PresentedVolumeReport {
  period: { from: string; to: string };
  asOf: string;
  scope: 'own' | 'offers' | 'all';
  groupBy: VolumeDimension[];
  interval: ReportInterval | null;
  buckets: PresentedBucket[];
  rows: { bucket?: PresentedBucket; offer?: PresentedOfferRef; category?: SupportCategory; severity?: Severity; opened: number; done: number }[];
}

/** GET /sla-reports/holding/summary. */
export interface PresentedHoldingSummary {
  period: { from: string; to: string };
  asOf: string;
  scope: 'own' | 'all';
  rows: {
    party: { orgId: string; name: string | null };
    cases: number;
    times: number;
    medianBusinessMinutes: number | null;
    p90BusinessMinutes: number | null;
    totalBusinessMinutes: number;
    totalMinutes: number;
    totalWaitingMinutes: number;
  }[];
}

type Counts = Omit<TargetFigures, 'medianMinutes' | 'p90Minutes'>;

/** GET /sla-reports/offers. */
export interface PresentedOffersReport {
  period: { from: string; to: string };
  asOf: string;
  scope: 'offers' | 'all';
  rows: { offer: PresentedOfferRef; cases: number; firstResponse: Counts; resolution: Counts }[];
}

/** Where a holding's business time came from. */
export type HoldingHours = 'policy' | 'around_the_clock' | 'default';

/** One case and how long each party (the viewer's own, unless the operator asks) held it. */
export interface PresentedCaseHolding {
  case: { id: string; openedAt: string; status: CaseStatus; category: SupportCategory; severity: Severity; offer: PresentedOfferRef };
  holdings: {
    party: { orgId: string; name: string | null; role: string };
    firstReceivedAt: string;
    times: number;
    heldMinutes: number;
    heldBusinessMinutes: number;
    waitingMinutes: number;
    waitingBusinessMinutes: number;
    hours: HoldingHours;
  }[];
}

/** GET /sla-reports/holding. */
export interface PresentedHoldingReport {
  period: { from: string; to: string };
  asOf: string;
  scope: 'own' | 'all';
  items: PresentedCaseHolding[];
  nextCursor: string | null;
}

/** A CSV answer: its file name and the stream of its lines. */
export interface CsvExport {
  fileName: string;
  stream: Readable;
}

/** The columns of the compliance CSV after the dimensions', in order. */
const FIGURE_COLUMNS = ['clocks', 'met', 'breached', 'open', 'ended', 'compliance', 'medianMinutes', 'p90Minutes'] as const;
const DIMENSION_COLUMNS: Record<ReportDimension, string[]> = {
  party: ['partyId', 'partyName'], offer: ['offerId', 'offerName'], category: ['category'], severity: ['severity'],
};
/** The columns of the holding CSV, in order: one line per case and party. */
export const HOLDING_CSV_COLUMNS = [
  'caseId', 'openedAt', 'caseStatus', 'category', 'severity', 'offerId', 'offerName', 'partyId', 'partyName', 'role',
  'firstReceivedAt', 'times', 'heldMinutes', 'heldBusinessMinutes', 'waitingMinutes', 'waitingBusinessMinutes', 'hours',
] as const;

const csvOf = (columns: readonly string[]) => stringify({ header: true, columns: [...columns], bom: true, record_delimiter: 'windows', escape_formulas: true });
const day = (d: Date) => d.toISOString().slice(0, 10);
const iso = (d: Date | string) => new Date(d).toISOString();
const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

/** A stored clock as core's report clock. */
function reportClockOf(r: repo.ReportClockRow): ReportClock {
  return {
    caseId: r.case_id, orgId: r.org_id, target: r.target, status: r.status, elapsedMs: Number(r.elapsed_ms),
    dueAt: dateOrNull(r.due_at), metAt: dateOrNull(r.met_at), breachedAt: dateOrNull(r.breached_at),
    offerId: r.offer_id, category: r.category, severity: r.severity, caseStatus: r.case_status, responsible: r.responsible,
  };
}

/** The calendar a party's holding is counted in, from the policy its clocks follow. */
function hoursOf(party: repo.ReportPartyRow | undefined, severity: Severity): { calendar: SupportCalendar; hours: HoldingHours } {
  const stated = party?.calendar;
  if (!party || stated === null || stated === undefined || !Value.Check(SupportCalendarSchema, stated) || checkCalendar(stated).length > 0) {
    return { calendar: DEFAULT_CALENDAR, hours: 'default' };
  }
  if (severity === 'critical' && party.critical_around_the_clock === true) return { calendar: ALWAYS_ON, hours: 'around_the_clock' };
  return { calendar: stated, hours: 'policy' };
}

/** A case of a holding page with its parties' holdings, before presenting. */
interface RawHolding {
  c: repo.ReportCaseRow;
  holdings: PartyHolding[];
  hours: Map<string, HoldingHours>;
  partyOf: Map<string, repo.ReportPartyRow>;
}

/** The compliance report's query. */
export type ComplianceQuery = ReportQuery & { groupBy?: readonly ReportDimension[]; interval?: ReportInterval };
/** The volume report's query. */
export type VolumeQuery = ReportQuery & { groupBy?: readonly VolumeDimension[]; interval?: ReportInterval };

const bucketOf = (b: ReportPeriod): PresentedBucket => ({ from: b.from.toISOString(), to: b.to.toISOString() });

/** Builds the SLA report use cases over a database. */
export function createSlaReportService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** `sla.reports`, and never a customer; the operator reads all, others their own part. */
  function scopeOf(viewer: Viewer): 'own' | 'all' {
    if (viewer.orgKind === 'customer') throw slaReportErrors.notForCustomers();
    if (!can(viewer, 'sla.reports')) throw slaReportErrors.rolesDoNotAllow(rolesOfKindGranting(viewer.orgKind, 'sla.reports'));
    return viewer.orgKind === 'operator' ? 'all' : 'own';
  }

  function periodOf(q: ReportQuery, at: Date): ReportPeriod {
    const read = readReportPeriod(q, at);
    if (!read.ok) throw slaReportErrors.invalidPeriod(read.problems);
    return read.period;
  }

  /** Every clock of the scope's cases opened in the period, tallied page by page; the offers' names as seen. */
  async function tally(viewer: Viewer, scope: repo.ReportScope, period: ReportPeriod, groupBy: readonly ReportDimension[], at: Date) {
    const t = startCompliance(groupBy, at);
    const offerNames = new Map<string, string | null>();
    let after: repo.ClockKey | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const key: repo.ClockKey | null = after;
      const rows: repo.ReportClockRow[] = await db.withTenant(viewer, (tx) => repo.pageReportClocks(tx, viewer, { scope, from: period.from, to: period.to, after: key, limit: CLOCK_PAGE }));
      addClocks(t, rows.map(reportClockOf));
      for (const r of rows) if (r.offer_id !== null) offerNames.set(r.offer_id, r.offer_name);
      const last = rows[rows.length - 1];
      if (rows.length < CLOCK_PAGE || !last) break;
      after = { caseId: last.case_id, orgId: last.org_id, target: last.target };
    }
    return { rows: complianceRows(t), offerNames };
  }

  const offerRef = (offerNames: ReadonlyMap<string, string | null>, id: string | null | undefined): PresentedOfferRef =>
    (id === null || id === undefined ? null : { id, name: offerNames.get(id) ?? null });

  async function compliance(viewer: Viewer, q: ComplianceQuery): Promise<PresentedComplianceReport> {
    const scope = scopeOf(viewer);
    const at = now();
    const period = periodOf(q, at);
    const groupBy = normalizeDimensions(q.groupBy ?? REPORT_DIMENSIONS);
    const interval = q.interval ?? null;
    // Over time: each bucket tallied on its own (its own pages of the same reads), in order.
    const buckets = interval === null ? [period] : periodBuckets(period, interval);
    const offerNames = new Map<string, string | null>();
    const parts: { bucket: ReportPeriod; rows: ComplianceRow[] }[] = [];
    for (const bucket of buckets) {
      const got = await tally(viewer, scope, bucket, groupBy, at);
      for (const [id, name] of got.offerNames) offerNames.set(id, name);
      parts.push({ bucket, rows: got.rows });
    }
    const rows = parts.flatMap((p) => p.rows);
    const partyIds = [...new Set(rows.flatMap((r) => (r.key.orgId ? [r.key.orgId] : [])))];
    const names = partyIds.length > 0 ? await db.withTenant(viewer, (tx) => organizationNames(tx, partyIds)) : new Map<string, string>();
    const present = (r: ComplianceRow): PresentedComplianceRow => ({
      ...(r.key.orgId !== undefined ? { party: { orgId: r.key.orgId, name: names.get(r.key.orgId) ?? null } } : {}),
      ...('offerId' in r.key ? { offer: offerRef(offerNames, r.key.offerId) } : {}),
      ...(r.key.category !== undefined ? { category: r.key.category } : {}),
      ...(r.key.severity !== undefined ? { severity: r.key.severity } : {}),
      cases: r.cases, firstResponse: r.firstResponse, resolution: r.resolution,
    });
    return {
      period: { from: iso(period.from), to: iso(period.to) }, asOf: at.toISOString(), scope, groupBy, interval,
      buckets: interval === null ? [] : buckets.map(bucketOf),
      rows: parts.flatMap((p) => p.rows.map((r) => (interval === null ? present(r) : { bucket: bucketOf(p.bucket), ...present(r) }))),
    };
  }

  /** The scope of volume: the operator all, a publisher its offers (and the cases it takes part in), a partner its own. */
  function volumeScope(viewer: Viewer): repo.ReportScope {
    const own = scopeOf(viewer);
    return own === 'all' ? 'all' : viewer.orgKind === 'publisher' ? 'offers' : 'own';
  }

  async function volume(viewer: Viewer, q: VolumeQuery): Promise<PresentedVolumeReport> {
    const scope = volumeScope(viewer);
    const at = now();
    const period = periodOf(q, at);
    const groupBy = VOLUME_DIMENSIONS.filter((d) => (q.groupBy ?? VOLUME_DIMENSIONS).includes(d));
    const interval = q.interval ?? null;
    const buckets = interval === null ? [period] : periodBuckets(period, interval);
    const counted = await db.withTenant(viewer, (tx) => repo.listReportVolume(tx, viewer, { scope, from: period.from, to: period.to, interval }));
    const offerNames = new Map<string, string | null>();
    const perBucket: VolumeCount[][] = buckets.map(() => []);
    for (const r of counted) {
      const start = new Date(r.bucket);
      const i = bucketIndexOf(buckets, start.getTime() < period.from.getTime() ? period.from : start);
      if (i < 0) continue;
      perBucket[i]!.push({ offerId: r.offer_id, category: r.category, severity: r.severity, opened: Number(r.opened), done: Number(r.done) });
      if (r.offer_id !== null) offerNames.set(r.offer_id, r.offer_name);
    }
    return {
      period: { from: iso(period.from), to: iso(period.to) }, asOf: at.toISOString(), scope, groupBy, interval,
      buckets: interval === null ? [] : buckets.map(bucketOf),
      rows: buckets.flatMap((b, i) => volumeRows(perBucket[i]!, groupBy).map((r) => ({
        ...(interval === null ? {} : { bucket: bucketOf(b) }),
        ...('offerId' in r.key ? { offer: offerRef(offerNames, r.key.offerId) } : {}),
        ...(r.key.category !== undefined ? { category: r.key.category } : {}),
        ...(r.key.severity !== undefined ? { severity: r.key.severity } : {}),
        opened: r.opened, done: r.done,
      }))),
    };
  }

  /** Every holding of the scope's cases of the period, page by page (each its own transaction), summed per party. */
  async function holdingSummary(viewer: Viewer, q: ReportQuery): Promise<PresentedHoldingSummary> {
    const scope = scopeOf(viewer);
    const at = now();
    const period = periodOf(q, at);
    const all: PartyHolding[] = [];
    let after: string | null = null;
    for (let n = 0; n < MAX_PAGES; n++) {
      const key: string | null = after;
      const page: RawHolding[] = await db.withTenant(viewer, (tx) => rawHoldingPage(tx, viewer, scope, period, at, key, HOLDING_PAGE));
      for (const m of page) all.push(...m.holdings);
      const last = page[page.length - 1];
      if (page.length < HOLDING_PAGE || !last) break;
      after = last.c.id;
    }
    const rows = summarizeHoldings(all);
    const names = rows.length > 0 ? await db.withTenant(viewer, (tx) => organizationNames(tx, rows.map((r) => r.orgId))) : new Map<string, string>();
    return {
      period: { from: iso(period.from), to: iso(period.to) }, asOf: at.toISOString(), scope,
      rows: rows.map(({ orgId, ...figures }) => ({ party: { orgId, name: names.get(orgId) ?? null }, ...figures })),
    };
  }

  async function offers(viewer: Viewer, q: ReportQuery): Promise<PresentedOffersReport> {
    const own = scopeOf(viewer);
    if (viewer.orgKind !== 'publisher' && own !== 'all') throw slaReportErrors.offersNotForKind();
    const scope = own === 'all' ? 'all' : 'offers';
    const at = now();
    const period = periodOf(q, at);
    const { rows, offerNames } = await tally(viewer, scope, period, ['offer'], at);
    const counts = ({ medianMinutes: _m, p90Minutes: _p, ...rest }: TargetFigures): Counts => rest;
    return {
      period: { from: iso(period.from), to: iso(period.to) }, asOf: at.toISOString(), scope,
      rows: rows.map((r) => ({ offer: offerRef(offerNames, r.key.offerId), cases: r.cases, firstResponse: counts(r.firstResponse), resolution: counts(r.resolution) })),
    };
  }

  /** One page of cases with their holdings (the viewer's own, unless the operator asks), in one transaction: the cases, their public history, their parties. */
  async function rawHoldingPage(tx: Tx, viewer: Viewer, scope: 'own' | 'all', period: ReportPeriod, at: Date, after: string | null, limit: number): Promise<RawHolding[]> {
    const cases = await repo.pageReportCases(tx, viewer, { scope, from: period.from, to: period.to, after, limit });
    const ids = cases.map((c) => c.id);
    const [history, parties] = await Promise.all([repo.listPublicHistory(tx, viewer, ids), repo.listReportParties(tx, viewer, ids)]);
    const entriesOf = new Map<string, CaseHistoryEntry[]>();
    for (const row of history) {
      const list = entriesOf.get(row.case_id) ?? [];
      list.push(parseCaseHistoryEntry(row));
      entriesOf.set(row.case_id, list);
    }
    const partyOf = new Map(parties.map((p) => [`${p.case_id} ${p.org_id}`, p]));
    const made = cases.map((c) => {
      const hours = new Map<string, HoldingHours>();
      const holdings = holdingOf(entriesOf.get(c.id) ?? [], at, (orgId) => {
        const got = hoursOf(partyOf.get(`${c.id} ${orgId}`), c.severity);
        hours.set(orgId, got.hours);
        return got.calendar;
      }).filter((h) => scope === 'all' || h.orgId === viewer.orgId);
      return { c, holdings, hours, partyOf };
    });
    return made;
  }

  /** One page of cases with their holdings as the API answers them, with the parties' names. */
  async function holdingPage(tx: Tx, viewer: Viewer, scope: 'own' | 'all', period: ReportPeriod, at: Date, after: string | null, limit: number) {
    const made = await rawHoldingPage(tx, viewer, scope, period, at, after, limit);
    const names = await organizationNames(tx, [...new Set(made.flatMap((m) => m.holdings.map((h) => h.orgId)))]);
    return made.map(({ c, holdings, hours, partyOf }): PresentedCaseHolding => ({
      case: {
        id: c.id, openedAt: iso(c.created_at), status: c.status, category: c.category, severity: c.severity,
        offer: c.offer_id === null ? null : { id: c.offer_id, name: c.offer_name },
      },
      holdings: holdings.map((h) => ({
        party: { orgId: h.orgId, name: names.get(h.orgId) ?? null, role: partyOf.get(`${c.id} ${h.orgId}`)?.role ?? 'partner' },
        firstReceivedAt: h.firstReceivedAt.toISOString(), times: h.times,
        heldMinutes: minutesOf(h.heldMs), heldBusinessMinutes: minutesOf(h.heldBusinessMs),
        waitingMinutes: minutesOf(h.waitingMs), waitingBusinessMinutes: minutesOf(h.waitingBusinessMs), hours: hours.get(h.orgId) ?? 'default',
      })),
    }));
  }

  /** The case id a holding cursor continues after. */
  function afterOf(cursor: string | undefined): string | null {
    if (cursor === undefined) return null;
    const key = decodeCursor(cursor, 1);
    if (!key || typeof key[0] !== 'string' || key[0].includes('\u0000')) throw invalidCursor();
    return key[0];
  }

  return {
    /** Compliance per party, offer, category and severity (those asked for) over the period: the viewer's own part, the operator's all. */
    compliance,

    /** The compliance report as CSV: the dimensions' columns, `cases`, then each target's figures. */
    async complianceCsv(viewer: Viewer, q: ComplianceQuery): Promise<CsvExport> {
      const report = await compliance(viewer, q);
      const over = report.interval !== null;
      const columns = [
        ...(over ? ['bucketFrom', 'bucketTo'] : []),
        ...report.groupBy.flatMap((d) => DIMENSION_COLUMNS[d]), 'cases',
        ...FIGURE_COLUMNS.map((f) => `firstResponse${f[0]!.toUpperCase()}${f.slice(1)}`), ...FIGURE_COLUMNS.map((f) => `resolution${f[0]!.toUpperCase()}${f.slice(1)}`),
      ];
      const records = report.rows.map((r) => [
        ...(over ? [r.bucket?.from, r.bucket?.to] : []),
        ...report.groupBy.flatMap((d) => (d === 'party' ? [r.party?.orgId, r.party?.name] : d === 'offer' ? [r.offer?.id, r.offer?.name] : d === 'category' ? [r.category] : [r.severity])),
        r.cases, ...FIGURE_COLUMNS.map((f) => r.firstResponse[f]), ...FIGURE_COLUMNS.map((f) => r.resolution[f]),
      ].map((v) => v ?? null));
      const csv = csvOf(columns);
      return { fileName: `sla-compliance-${report.scope}-${day(new Date(report.period.from))}-${day(new Date(report.period.to))}.csv`, stream: Readable.from(records).pipe(csv) };
    },

    /** Counts per offer over every party's clocks: a publisher's own offers, the operator's all. */
    offers,

    /** Case volume per category, offer and severity (those asked for), over time by week or month: a partner's cases, a publisher's offers', the operator's all. */
    volume,

    /** The volume report as CSV: the bucket's and dimensions' columns, then opened and done. */
    async volumeCsv(viewer: Viewer, q: VolumeQuery): Promise<CsvExport> {
      const report = await volume(viewer, q);
      const over = report.interval !== null;
      const dims: Record<VolumeDimension, string[]> = { offer: ['offerId', 'offerName'], category: ['category'], severity: ['severity'] };
      const columns = [...(over ? ['bucketFrom', 'bucketTo'] : []), ...report.groupBy.flatMap((d) => dims[d]), 'opened', 'done'];
      const records = report.rows.map((r) => [
        ...(over ? [r.bucket?.from, r.bucket?.to] : []),
        ...report.groupBy.flatMap((d) => (d === 'offer' ? [r.offer?.id, r.offer?.name] : d === 'category' ? [r.category] : [r.severity])),
        r.opened, r.done,
      ].map((v) => v ?? null));
      return { fileName: `sla-volume-${report.scope}-${day(new Date(report.period.from))}-${day(new Date(report.period.to))}.csv`, stream: Readable.from(records).pipe(csvOf(columns)) };
    },

    /** Per party, how long it held the cases of the period: the viewer's own, the operator's every party's. */
    holdingSummary,

    /** The holding summary as CSV, one line per party. */
    async holdingSummaryCsv(viewer: Viewer, q: ReportQuery): Promise<CsvExport> {
      const report = await holdingSummary(viewer, q);
      const figures = ['cases', 'times', 'medianBusinessMinutes', 'p90BusinessMinutes', 'totalBusinessMinutes', 'totalMinutes', 'totalWaitingMinutes'] as const;
      const records = report.rows.map((r) => [r.party.orgId, r.party.name, ...figures.map((f) => r[f])]);
      return {
        fileName: `sla-holding-summary-${report.scope}-${day(new Date(report.period.from))}-${day(new Date(report.period.to))}.csv`,
        stream: Readable.from(records).pipe(csvOf(['partyId', 'partyName', ...figures])),
      };
    },

    /** The offers report as CSV. */
    async offersCsv(viewer: Viewer, q: ReportQuery): Promise<CsvExport> {
      const report = await offers(viewer, q);
      const figures = FIGURE_COLUMNS.filter((f) => f !== 'medianMinutes' && f !== 'p90Minutes');
      const columns = ['offerId', 'offerName', 'cases', ...figures.map((f) => `firstResponse${f[0]!.toUpperCase()}${f.slice(1)}`), ...figures.map((f) => `resolution${f[0]!.toUpperCase()}${f.slice(1)}`)];
      const records = report.rows.map((r) => [r.offer?.id ?? null, r.offer?.name ?? null, r.cases, ...figures.map((f) => r.firstResponse[f]), ...figures.map((f) => r.resolution[f])]);
      return { fileName: `sla-offers-${report.scope}-${day(new Date(report.period.from))}-${day(new Date(report.period.to))}.csv`, stream: Readable.from(records).pipe(csvOf(columns)) };
    },

    /** How long each party held each case opened in the period, cursor-paged by case: the viewer's own holdings, the operator's every party's. */
    async holding(viewer: Viewer, q: ReportQuery & { cursor?: string; limit: number }): Promise<PresentedHoldingReport> {
      const scope = scopeOf(viewer);
      const at = now();
      const period = periodOf(q, at);
      const after = afterOf(q.cursor);
      const items = await db.withTenant(viewer, (tx) => holdingPage(tx, viewer, scope, period, at, after, q.limit + 1));
      const kept = items.slice(0, q.limit);
      const last = kept[kept.length - 1];
      return {
        period: { from: iso(period.from), to: iso(period.to) }, asOf: at.toISOString(), scope, items: kept,
        nextCursor: items.length > q.limit && last ? encodeCursor([last.case.id]) : null,
      };
    },

    /**
     * The holding report as CSV, one line per case and party, streamed: one short transaction
     * per page of cases. Refusals come before the first byte.
     */
    async holdingCsv(viewer: Viewer, q: ReportQuery): Promise<CsvExport> {
      const scope = scopeOf(viewer);
      const at = now();
      const period = periodOf(q, at);
      const read = (after: string | null) => db.withTenant(viewer, (tx) => holdingPage(tx, viewer, scope, period, at, after, HOLDING_PAGE));
      const first = await read(null);
      async function* records() {
        let page = first;
        for (let n = 0; n < MAX_PAGES; n++) {
          for (const item of page) {
            for (const h of item.holdings) {
              yield {
                caseId: item.case.id, openedAt: item.case.openedAt, caseStatus: item.case.status, category: item.case.category, severity: item.case.severity,
                offerId: item.case.offer?.id ?? null, offerName: item.case.offer?.name ?? null, partyId: h.party.orgId, partyName: h.party.name, role: h.party.role,
                firstReceivedAt: h.firstReceivedAt, times: h.times, heldMinutes: h.heldMinutes, heldBusinessMinutes: h.heldBusinessMinutes,
                waitingMinutes: h.waitingMinutes, waitingBusinessMinutes: h.waitingBusinessMinutes, hours: h.hours,
              };
            }
          }
          const last = page[page.length - 1];
          if (page.length < HOLDING_PAGE || !last) return;
          page = await read(last.case.id);
        }
      }
      const csv = csvOf(HOLDING_CSV_COLUMNS);
      const source = Readable.from(records());
      source.on('error', (e) => csv.destroy(e));
      return { fileName: `sla-holding-${scope}-${day(period.from)}-${day(period.to)}.csv`, stream: source.pipe(csv) };
    },
  };
}

/** The SLA report use cases. */
export type SlaReportService = ReturnType<typeof createSlaReportService>;
