/**
 * The SQL of SLA reports: every read goes through migration 0009's functions, which answer the
 * caller's organization (`sb_org()`) only what its scope lets it see — its own part, a
 * publisher's offers, the operator's all. The viewer is named for the tenant transaction the
 * caller opened; the scope is checked again by the database, whatever the service asked.
 */
import { sql } from 'kysely';
import type { StoredCaseHistoryRow } from '../../core/case-history.ts';
import type { CaseStatus } from '../../core/case-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { ParticipantRole, Severity } from '../../core/routing-types.ts';
import type { ClockStatus, SlaTarget } from '../../core/sla-clocks.ts';
import type { SupportCategory } from '../../core/support-categories.ts';
import type { Tx } from '../../db/database.ts';

/** What a report covers: the organization's own part, a publisher's offers, or (the operator) all. */
export type ReportScope = 'own' | 'offers' | 'all';

/** One clock of a case opened in the period, with the case's facts. */
export interface ReportClockRow {
  case_id: string;
  org_id: string;
  role: ParticipantRole;
  target: SlaTarget;
  status: ClockStatus;
  elapsed_ms: string | number;
  due_at: Date | string | null;
  met_at: Date | string | null;
  breached_at: Date | string | null;
  offer_id: string | null;
  offer_name: string | null;
  category: SupportCategory;
  severity: Severity;
  case_status: CaseStatus;
  responsible: boolean;
}

/** The key after which the next page of clocks begins. */
export interface ClockKey {
  caseId: string;
  orgId: string;
  target: SlaTarget;
}

/** A page of clocks of the cases opened in [from, to), in key order after `after`. */
export async function pageReportClocks(tx: Tx, _viewer: Viewer, q: { scope: ReportScope; from: Date; to: Date; after: ClockKey | null; limit: number }): Promise<ReportClockRow[]> {
  const { rows } = await sql<ReportClockRow>`
    SELECT * FROM sb_sla_report_clocks(${q.scope}, ${q.from}, ${q.to}, ${q.after?.caseId ?? null}, ${q.after?.orgId ?? null}, ${q.after?.target ?? null}, ${q.limit})`.execute(tx);
  return rows;
}

/** A case opened in the period. */
export interface ReportCaseRow {
  id: string;
  created_at: Date | string;
  status: CaseStatus;
  category: SupportCategory;
  severity: Severity;
  offer_id: string | null;
  offer_name: string | null;
}

/** A page of the cases opened in [from, to) after a case id, in id order: for `own`, those the viewer's organization held. */
export async function pageReportCases(tx: Tx, _viewer: Viewer, q: { scope: Exclude<ReportScope, 'offers'>; from: Date; to: Date; after: string | null; limit: number }): Promise<ReportCaseRow[]> {
  const { rows } = await sql<ReportCaseRow>`
    SELECT * FROM sb_sla_report_cases(${q.scope}, ${q.from}, ${q.to}, ${q.after}, ${q.limit})`.execute(tx);
  return rows;
}

/** The public history of the cases, oldest first per case, as stored rows (without their users). */
export async function listPublicHistory(tx: Tx, _viewer: Viewer, caseIds: readonly string[]): Promise<StoredCaseHistoryRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql<Omit<StoredCaseHistoryRow, 'actor_user_id'>>`SELECT * FROM sb_sla_report_history(${[...caseIds]}::text[])`.execute(tx);
  return rows.map((r) => ({ ...r, actor_user_id: null }));
}

/** A party of a case: its role, and the calendar of its clocks' policy (null when it has no clock). */
export interface ReportPartyRow {
  case_id: string;
  org_id: string;
  role: ParticipantRole;
  calendar: unknown;
  critical_around_the_clock: boolean | null;
}

/** The parties of the cases. */
export async function listReportParties(tx: Tx, _viewer: Viewer, caseIds: readonly string[]): Promise<ReportPartyRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql<ReportPartyRow>`SELECT * FROM sb_sla_report_parties(${[...caseIds]}::text[])`.execute(tx);
  return rows;
}

/** Counts of cases opened in the period per bucket, offer, category and severity (migration 0014). */
export interface ReportVolumeRow {
  bucket: Date | string;
  offer_id: string | null;
  offer_name: string | null;
  category: SupportCategory;
  severity: Severity;
  opened: string | number;
  done: string | number;
}

/** Case volume of the scope's cases opened in [from, to), bucketed by week or month (UTC) or not at all. */
export async function listReportVolume(tx: Tx, _viewer: Viewer, q: { scope: ReportScope; from: Date; to: Date; interval: 'week' | 'month' | null }): Promise<ReportVolumeRow[]> {
  const { rows } = await sql<ReportVolumeRow>`SELECT * FROM sb_sla_report_volume(${q.scope}, ${q.from}, ${q.to}, ${q.interval})`.execute(tx);
  return rows;
}
