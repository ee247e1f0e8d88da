/**
 * The only SQL of the inbox context. The inbox reads an organization's rows of case_participants
 * — one per case it takes part in, carrying copies of the case's sort and filter keys — so a
 * page is one range of an index on (org_id, …, updated_at DESC, case_id DESC) whatever the number
 * of cases. The inbox page reads them through the view case_inbox, which holds the viewer's
 * organization's rows only; the export reads the tables, under the row policies. Every function
 * takes the transaction its service opened, and the viewer where it narrows to the viewer's own
 * rows. Organizations are identity's: the export reads a customer and the authors' names through
 * its index; only the view case_inbox joins them (see inboxQuery).
 *
 * Terminology:
 * - participation: a row of case_participants — one organization's part in one case.
 * - inbox key: the columns copied from the case onto each participation (status, category,
 *   severity, offer, customer, holder, assignee, last update), kept in step by triggers.
 * - update key: a participation's last update as text with every microsecond, so a cursor
 *   compares exactly with the stored timestamp (a JavaScript Date keeps only milliseconds).
 * - deadline: the organization's own next SLA due time on the case (`due_at`, kept by the sla
 *   context with every change and scan; null when none of its clocks runs), and whether one of its
 *   clocks is breached (`sla_breached`). sort=due reads the cases with a deadline nearest first —
 *   one range of case_participants_due_idx — then those without, newest update first.
 * - phase: one statement of a page read in parts (sort=due: with a deadline, then the rest;
 *   sort=severity: one per severity, most severe first); a cursor names the phase it ended in.
 */
import { sql, type SqlBool } from 'kysely';
import type { CaseStatus } from '../../core/case-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import { SEVERITIES, type Severity } from '../../core/routing-types.ts';
import type { Tx } from '../../db/database.ts';
import type { Views } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;

/** The filters of an inbox page, already resolved against the viewer (`me` is an id here). */
export interface InboxFilter {
  statuses?: readonly CaseStatus[];
  category?: string;
  severity?: Severity;
  offerId?: string;
  customerId?: string;
  holderId?: string;
  assigneeUserId?: string;
  /** Words in the web-search syntax (quotes, `or`, `-`), matched on title and description. */
  search?: string;
  /** Only cases whose deadline is before this time. */
  dueBefore?: Date;
  /** Only cases where one of the organization's clocks is breached (true) or none is (false). */
  breached?: boolean;
  /** The update key and case id of the last row of the previous page (newest update first). */
  after?: { updatedKey: string; caseId: string };
  limit: number;
}

/** Where the previous page of sort=due ended: among the cases with a deadline, or among the rest. */
export type DueAfter = { phase: 'due'; dueKey: string; caseId: string } | { phase: 'rest'; updatedKey: string; caseId: string };

// The update key: UTC, microseconds, in the ISO form a cursor carries and ::timestamptz reads back.
const updateKey = sql<string>`to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const dueKey = sql<string | null>`to_char(i.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The query of one page of the viewer's organization's participations, newest update first, with
 * the case's title and the names of its holder, customer and offer. It reads the view case_inbox,
 * which holds the transaction's organization's rows only (see the 0002 migration for why a view),
 * and names the viewer's organization again. Fetches `limit + 1` rows so the caller knows whether
 * another page follows. Apart from listInbox so the benchmark can EXPLAIN exactly this query.
 *
 * The view joins organizations (identity's table) for the holder's and customer's names, kept
 * because the inbox is the hottest read — a page is one range of one index, joined to the names
 * row by row — and the view is the inbox's read model, fixed by its migration. Everything else
 * here asks identity's index.
 */
export function inboxQuery(tx: Tx, viewer: Scope, f: InboxFilter) {
  let q = filtered(tx, viewer, f);
  if (f.after) {
    const { updatedKey, caseId } = f.after;
    q = q.where(sql<SqlBool>`(i.updated_at, i.case_id) < (${updatedKey}::timestamptz, ${caseId})`);
  }
  return q.orderBy('i.updated_at', 'desc').orderBy('i.case_id', 'desc').limit(f.limit + 1);
}

/** The viewer's organization's participations matching the filters (no order, no page). */
function filtered(tx: Tx, viewer: Scope, f: InboxFilter) {
  let q = tx.withTables<Pick<Views, 'case_inbox'>>().selectFrom('case_inbox as i')
    .select([
      'i.case_id', 'i.role', 'i.status', 'i.category', 'i.severity', 'i.offer_id', 'i.customer_id', 'i.holder_org_id',
      'i.updated_at', 'i.title', 'i.created_at', 'i.holder_name', 'i.customer_name', 'i.offer_name', updateKey.as('updated_key'),
      'i.due_at', 'i.sla_breached', dueKey.as('due_key'),
    ])
    .where('i.org_id', '=', viewer.orgId);
  if (f.dueBefore) q = q.where('i.due_at', '<', f.dueBefore);
  if (f.breached !== undefined) q = q.where('i.sla_breached', '=', f.breached);
  if (f.statuses && f.statuses.length > 0) q = q.where('i.status', 'in', [...f.statuses]);
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.severity) q = q.where('i.severity', '=', f.severity);
  if (f.offerId) q = q.where('i.offer_id', '=', f.offerId);
  if (f.customerId) q = q.where('i.customer_id', '=', f.customerId);
  if (f.holderId) q = q.where('i.holder_org_id', '=', f.holderId);
  if (f.assigneeUserId) q = q.where('i.assignee_user_id', '=', f.assigneeUserId);
  if (f.search) q = q.where(sql<SqlBool>`i.search_vector @@ websearch_to_tsquery('simple', ${f.search})`);
  return q;
}

/** The query of one page of sort=due's first part: the cases with a deadline, nearest first (then by id). */
export function dueInboxQuery(tx: Tx, viewer: Scope, f: InboxFilter, after: Extract<DueAfter, { phase: 'due' }> | undefined) {
  // due_before implies a deadline: saying `is not null` beside it too makes the planner count the
  // share of rows with one twice, estimate a handful and sort them all (43–81 ms for the 2,644 of
  // an organization due within a day, docs/benchmarks.md) instead of reading the index in order.
  let q = f.dueBefore ? filtered(tx, viewer, f) : filtered(tx, viewer, f).where('i.due_at', 'is not', null);
  if (after) q = q.where(sql<SqlBool>`(i.due_at, i.case_id) > (${after.dueKey}::timestamptz, ${after.caseId})`);
  return q.orderBy('i.due_at', 'asc').orderBy('i.case_id', 'asc').limit(f.limit + 1);
}

/**
 * One page of sort=due: the cases with a deadline nearest first, then — once those are through —
 * the cases without one, newest update first (a deadline before `dueBefore` excludes them). Each
 * row says which part it is of, for the next cursor. At most two statements.
 */
export async function listInboxByDue(tx: Tx, viewer: Scope, f: InboxFilter, after: DueAfter | undefined) {
  const due = after?.phase === 'rest' ? [] : (await dueInboxQuery(tx, viewer, f, after).execute()).map((r) => ({ ...r, phase: 'due' as const }));
  if (due.length > f.limit || f.dueBefore) return due;
  const restAfter = after?.phase === 'rest' ? { updatedKey: after.updatedKey, caseId: after.caseId } : undefined;
  let q = filtered(tx, viewer, f).where('i.due_at', 'is', null);
  if (restAfter) q = q.where(sql<SqlBool>`(i.updated_at, i.case_id) < (${restAfter.updatedKey}::timestamptz, ${restAfter.caseId})`);
  const rest = await q.orderBy('i.updated_at', 'desc').orderBy('i.case_id', 'desc').limit(f.limit + 1 - due.length).execute();
  return [...due, ...rest.map((r) => ({ ...r, phase: 'rest' as const }))];
}

/** Where the previous page of sort=severity ended: the severity it was reading, and its last row there. */
export interface SeverityAfter { phase: Severity; updatedKey: string; caseId: string }

/**
 * One page of sort=severity: the cases most severe first (critical, moderate, minimal), within a
 * severity newest update first, then by case id. One statement per severity — the filtered query
 * with `i.severity = X`, newest update first, the range the severity filter reads — taken in
 * order until the page is full (`limit + 1` rows), so at most three; with a severity filter only
 * that one runs. A cursor is a place in this order: severities before its own are done, its own
 * resumes after its row. Each row says which severity it was read in, for the next cursor.
 */
export async function listInboxBySeverity(tx: Tx, viewer: Scope, f: InboxFilter, after: SeverityAfter | undefined) {
  const from = after ? SEVERITIES.indexOf(after.phase) : 0;
  const rows: (InboxRecord & { phase: Severity })[] = [];
  for (const phase of SEVERITIES.slice(from)) {
    if (f.severity !== undefined && phase !== f.severity) continue;
    let q = filtered(tx, viewer, { ...f, severity: phase });
    if (after?.phase === phase) q = q.where(sql<SqlBool>`(i.updated_at, i.case_id) < (${after.updatedKey}::timestamptz, ${after.caseId})`);
    const got = await q.orderBy('i.updated_at', 'desc').orderBy('i.case_id', 'desc').limit(f.limit + 1 - rows.length).execute();
    rows.push(...got.map((r) => ({ ...r, phase })));
    if (rows.length > f.limit) break;
  }
  return rows;
}

/** One page of the viewer's organization's inbox (see inboxQuery). */
export async function listInbox(tx: Tx, viewer: Scope, f: InboxFilter) {
  return inboxQuery(tx, viewer, f).execute();
}

/** A row of an inbox page as the service presents it. */
export type InboxRecord = Awaited<ReturnType<typeof listInbox>>[number];

/**
 * Whether the viewer's organization is a partner of record of the customer: named on one of its
 * subscriptions (direct partner, provider or reseller), or its partner in a customer
 * relationship, now or before.
 */
export async function isPartnerOfRecord(tx: Tx, viewer: Scope, customerId: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM subscriptions s WHERE s.customer_id = ${customerId}
        AND (s.partner_id = ${viewer.orgId} OR s.provider_id = ${viewer.orgId} OR s.reseller_id = ${viewer.orgId})
    ) OR EXISTS (
      SELECT 1 FROM customer_relationships r WHERE r.customer_id = ${customerId} AND r.partner_id = ${viewer.orgId}
    ) AS found`.execute(tx);
  return rows[0]?.found === true;
}

/** Every case of the customer that the viewer's organization takes part in, newest first. */
export async function listCustomerCases(tx: Tx, viewer: Scope, customerId: string) {
  return tx.selectFrom('case_participants as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .leftJoin('offers as o', 'o.id', 'c.offer_id')
    .select([
      'c.id', 'c.title', 'c.description', 'c.category', 'c.severity', 'c.status', 'c.offer_id', 'o.name as offer_name',
      'c.created_at', 'c.updated_at', 'c.resolved_at', 'c.closed_at',
    ])
    .where('p.org_id', '=', viewer.orgId).where('p.customer_id', '=', customerId)
    .orderBy('c.created_at', 'desc').orderBy('c.id', 'desc')
    .execute();
}

/** A case of an export as the service presents it. */
export type ExportCaseRecord = Awaited<ReturnType<typeof listCustomerCases>>[number];

/**
 * The messages of these cases that the transaction may see (the message policy applies each
 * one's visibility, and is the only check: the export reads only cases the viewer takes part in),
 * oldest first, with the author organization and its role in the case.
 */
export async function listCaseNotes(tx: Tx, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return tx.selectFrom('case_messages as m')
    .leftJoin('case_participants as ap', (j) => j.onRef('ap.case_id', '=', 'm.case_id').onRef('ap.org_id', '=', 'm.author_org_id'))
    .select(['m.id', 'm.case_id', 'm.body', 'm.created_at', 'm.author_org_id', 'ap.role as author_role'])
    .where('m.case_id', 'in', [...caseIds])
    .orderBy('m.case_id').orderBy('m.created_at').orderBy('m.id')
    .execute();
}

/** A note of an export as the service presents it. */
export type ExportNoteRecord = Awaited<ReturnType<typeof listCaseNotes>>[number];

/**
 * Whether the viewer's organization takes part in a case about an offer, in any status (the
 * catalog's "works cases of the offer" fact): one probe of case_participants_offer_idx through
 * case_inbox, narrowed to the viewer's organization.
 */
export async function takesPartInCaseAboutOffer(tx: Tx, viewer: Scope, offerId: string): Promise<boolean> {
  const row = await tx.withTables<Pick<Views, 'case_inbox'>>().selectFrom('case_inbox as i')
    .select('i.case_id').where('i.org_id', '=', viewer.orgId).where('i.offer_id', '=', offerId).limit(1).executeTakeFirst();
  return row !== undefined;
}
