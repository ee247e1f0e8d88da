/**
 * The SQL of the audit log: entries added in the transaction of their change, an organization's
 * log read newest first (the operator's: every organization's), failed sign-ins written through
 * `sb_record_sign_in_failure`. There is no update and no delete: the log is append-only.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';

/** An entry row with the exact time its page cursor carries. */
export type AuditRow = Selectable<AuditLogTable> & { cursor_at: string };

/** What narrows a read of the log. */
export interface AuditFilter {
  /** An organization's log; `null` for the entries of no organization; undefined for every log the viewer may read. */
  orgId?: string | null;
  actions?: readonly string[];
  actorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  /** The (occurred_at, id) of the last entry of the previous page. */
  before?: readonly [string, string];
  limit: number;
}

// Timestamps keep microseconds, JavaScript dates milliseconds: a cursor carries the exact text.
const exactOccurredAt = sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Adds entries; the row policy alone checks that each is the transaction's organization's own
 * (actor_org_id = sb_org()) and goes into a log it may write (its own, or one sharing the subject).
 */
export async function insertEntries(tx: Tx, rows: readonly Insertable<AuditLogTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('audit_log').values([...rows]).execute();
}

/** Records a failed sign-in in the log of each organization with a user of that e-mail (or only `userId`'s), else in no organization's. */
export async function insertSignInFailure(tx: Tx, f: { ids: string[]; email: string; userId: string | null; reason: string; ip: string | null; userAgent: string | null; requestId: string | null }): Promise<number> {
  const r = await sql<{ n: number }>`SELECT sb_record_sign_in_failure(${f.ids}::text[], ${f.email}, ${f.userId}, ${f.reason}, ${f.ip}, ${f.userAgent}, ${f.requestId}) AS n`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

/** Entries newest first, one more than `limit` to know whether more follow. The row policy bounds what the viewer reads. */
export async function listEntries(tx: Tx, viewer: Pick<Viewer, 'orgId' | 'orgKind'>, f: AuditFilter): Promise<AuditRow[]> {
  let q = tx.selectFrom('audit_log').selectAll().select(exactOccurredAt.as('cursor_at'));
  // Everyone but the operator reads its own log only, whatever the filter says.
  if (viewer.orgKind !== 'operator') q = q.where('org_id', '=', viewer.orgId);
  if (f.orgId === null) q = q.where('org_id', 'is', null);
  else if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
  if (f.actions && f.actions.length > 0) q = q.where('action', 'in', [...f.actions]);
  if (f.actorUserId !== undefined) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.subjectType !== undefined) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId !== undefined) q = q.where('subject_id', '=', f.subjectId);
  if (f.from !== undefined) q = q.where('occurred_at', '>=', new Date(f.from));
  if (f.to !== undefined) q = q.where('occurred_at', '<', new Date(f.to));
  if (f.before) {
    const [at, id] = f.before;
    q = q.where(sql<boolean>`(occurred_at, id) < (${at}::timestamptz, ${id})`);
  }
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}
