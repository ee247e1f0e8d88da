/**
 * The SQL of the SLA clocks: what a case's clocks are computed from — the case, its participants
 * and its public history (the cases context's tables, read as the clocks' read model, never
 * written), the notices told — and where they are kept: `case_sla_clocks` and the participants'
 * deadlines, written through `sb_store_case_sla_clocks` (migration 0008: a participant of every
 * case named, or the owner), and `case_sla_notices`, inserted by the scan as the owner. Every
 * function takes the caller's transaction; in a tenant transaction the row policies answer only
 * the cases the organization takes part in.
 */
import { sql } from 'kysely';
import { parseOwnedCaseHistoryEntry, type CaseHistoryEntry } from '../../core/case-history.ts';
import type { ParticipantRole, Severity } from '../../core/routing-types.ts';
import type { ClockVisibility, NoticeKind } from '../../core/sla-notices.ts';
import type { ClockStatus, SlaTarget } from '../../core/sla-clocks.ts';
import type { Tx } from '../../db/database.ts';

/** What of a case its clocks and their events need. */
export interface ClockCaseRecord {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  status: string;
  created_at: Date;
}

/** The cases named, as far as the transaction sees them. */
export async function findCases(tx: Tx, caseIds: readonly string[]): Promise<ClockCaseRecord[]> {
  if (caseIds.length === 0) return [];
  return tx.selectFrom('cases').select(['id', 'title', 'category', 'severity', 'status', 'created_at'])
    .where('id', 'in', [...caseIds]).execute();
}

/** A participant of a case, with the deadline kept on its row. */
export interface ClockParticipantRecord {
  case_id: string;
  org_id: string;
  role: ParticipantRole;
  due_at: Date | null;
  sla_breached: boolean;
}

/** The participants of the cases named, in the order they joined, with the deadlines their rows keep. */
export async function listParticipants(tx: Tx, caseIds: readonly string[]): Promise<ClockParticipantRecord[]> {
  if (caseIds.length === 0) return [];
  return tx.selectFrom('case_participants').select(['case_id', 'org_id', 'role', 'due_at', 'sla_breached'])
    .where('case_id', 'in', [...caseIds]).orderBy('case_id').orderBy('joined_at').orderBy('org_id').execute();
}

/** The public history of the cases named, each oldest first (as case_events orders it: time, then id). */
export async function listPublicHistory(tx: Tx, caseIds: readonly string[]): Promise<Map<string, CaseHistoryEntry[]>> {
  const byCase = new Map<string, CaseHistoryEntry[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await tx.selectFrom('case_events').selectAll()
    .where('case_id', 'in', [...caseIds]).where('visibility', '=', 'public')
    .orderBy('case_id').orderBy('created_at').orderBy('id').execute();
  for (const row of rows) {
    const entry = parseOwnedCaseHistoryEntry(row);
    const list = byCase.get(entry.caseId);
    if (list) list.push(entry);
    else byCase.set(entry.caseId, [entry]);
  }
  return byCase;
}

/** A notice told. */
export interface NoticeRecord {
  case_id: string;
  org_id: string;
  target: SlaTarget;
  kind: NoticeKind;
  cycle: number;
}

/** The notices of the cases named that the transaction may see (the owner: all). */
export async function listNotices(tx: Tx, caseIds: readonly string[]): Promise<NoticeRecord[]> {
  if (caseIds.length === 0) return [];
  return tx.selectFrom('case_sla_notices').select(['case_id', 'org_id', 'target', 'kind', 'cycle'])
    .where('case_id', 'in', [...caseIds]).execute();
}

/** One clock as `sb_store_case_sla_clocks` stores it (times as ISO strings). */
export interface ClockRow {
  case_id: string;
  org_id: string;
  target: SlaTarget;
  role: Exclude<ParticipantRole, 'customer'>;
  visibility: ClockVisibility;
  policy: Record<string, unknown>;
  status: ClockStatus;
  target_minutes: number;
  elapsed_ms: number;
  due_at: string | null;
  warn_at: string | null;
  met_at: string | null;
  breached_at: string | null;
  cycle: number;
  notice_at: string | null;
  updated_at: string;
}

/** One participant's deadline on a case. */
export interface DeadlineRow {
  case_id: string;
  org_id: string;
  due_at: string | null;
  sla_breached: boolean;
}

/** Stores clocks (inserted or replaced) and participants' deadlines, in one statement. */
export async function storeClocks(tx: Tx, clocks: readonly ClockRow[], deadlines: readonly DeadlineRow[]): Promise<void> {
  if (clocks.length === 0 && deadlines.length === 0) return;
  await sql`SELECT sb_store_case_sla_clocks(${JSON.stringify(clocks)}::jsonb, ${JSON.stringify(deadlines)}::jsonb)`.execute(tx);
}

/**
 * The cases with a clock the scan must look at by `now` (notice_at reached), nearest first, from
 * at most `limit` clocks, leaving out the cases named in `excluded`; `full` when `limit` clocks
 * matched (more may wait).
 */
export async function findDueCases(tx: Tx, now: Date, limit: number, excluded: readonly string[]): Promise<{ caseIds: string[]; full: boolean }> {
  let q = tx.selectFrom('case_sla_clocks').select(['case_id', 'notice_at'])
    .where('notice_at', 'is not', null).where('notice_at', '<=', now);
  if (excluded.length > 0) q = q.where(sql<boolean>`case_id <> ALL(${[...excluded]}::text[])`);
  const rows = await q.orderBy('notice_at').orderBy('case_id').limit(limit).execute();
  return { caseIds: [...new Set(rows.map((r) => r.case_id))], full: rows.length === limit };
}

/** Locks the cases named that no other transaction holds (a change, another scan), and answers their ids. */
export async function lockFreeCases(tx: Tx, caseIds: readonly string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await tx.selectFrom('cases').select('id').where('id', 'in', [...caseIds]).forUpdate().skipLocked().execute();
  return rows.map((r) => r.id);
}

/** Records notices once: those told already (by another scan) are left out of the answer. */
export async function insertNotices(tx: Tx, notices: readonly NoticeRecord[], at: Date): Promise<NoticeRecord[]> {
  if (notices.length === 0) return [];
  return tx.insertInto('case_sla_notices').values(notices.map((n) => ({ ...n, recorded_at: at })))
    .onConflict((oc) => oc.doNothing())
    .returning(['case_id', 'org_id', 'target', 'kind', 'cycle']).execute();
}
