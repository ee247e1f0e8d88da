/**
 * The only SQL of the cases context: cases, their participants, messages, attachments and
 * events. Every function takes the transaction its use case opened. Row-level security already
 * hides what the viewer may not see; every read and update here ALSO takes the viewer and filters
 * by its participation and by visibility, so a policy mistake alone does not leak (the two walls
 * of ARCHITECTURE.md). Inserts take no viewer: the tenant transaction's insert policies are their
 * check (each function's doc names the policy), and the use case built the row from the viewer.
 * History rows (case_events) leave here parsed into the entries of src/core/case-history.ts: a
 * row that does not parse is an error (CaseHistoryError), never data of unknown shape.
 * Organizations are identity's: participants' and authors' names come from its index
 * (`organizationNames`, one statement per read, visible names only).
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { parseCaseHistoryEntry, type CaseHistoryEntry, type CaseHistoryRow } from '../../core/case-history.ts';
import type { Transfer } from '../../core/case-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import { organizationNames } from '../identity/index.ts';
import type {
  CaseAttachmentsTable, CaseEventsTable, CaseMessagesTable, CaseParticipantsTable, CasesTable,
} from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId' | 'orgKind'>;

/** A case row without its generated search column. */
export type CaseRecord = Omit<Selectable<CasesTable>, 'search_vector'>;
/** The columns an action may change; the version and update time are set by updateCase. */
export type CasePatch = Omit<Updateable<CasesTable>, 'id' | 'version' | 'search_vector' | 'updated_at'>;
/** A participant with its organization's name when the viewer may see that organization. */
export type ParticipantRecord = Pick<Selectable<CaseParticipantsTable>, 'org_id' | 'role' | 'joined_at'> & { name: string | null };
/** A message with its author organization's name when visible. */
export type MessageRecord = Selectable<CaseMessagesTable> & { author_org_name: string | null };
/** An attachment without its bytes. */
export type AttachmentMeta = Omit<Selectable<CaseAttachmentsTable>, 'content'>;
/** An attachment with its bytes, for a download. */
export type AttachmentRecord = Selectable<CaseAttachmentsTable>;

const CASE_COLUMNS = [
  'id', 'title', 'description', 'category', 'severity', 'status', 'language', 'subscription_id', 'offer_id', 'customer_id',
  'publisher_id', 'partner_id', 'provider_id', 'reseller_id', 'operator_id', 'requester_org_id', 'requester_user_id',
  'responsible_org_id', 'holder_org_id', 'assignee_user_id', 'external_reference', 'incident_id', 'routing', 'version',
  'created_at', 'updated_at', 'resolved_at', 'closed_at',
] as const;

/** The viewer's organization takes part in the case of the row (the application's own wall). */
function takesPart(viewer: Scope, caseColumn: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM case_participants mine WHERE mine.case_id = ${sql.ref(caseColumn)} AND mine.org_id = ${viewer.orgId})`;
}

/** Who sees a row of this visibility: public to all, partners to all but customers, internal to the author's organization. */
function seenBy(viewer: Scope, table: string, authorColumn: string) {
  const visibility = sql.ref(`${table}.visibility`);
  const author = sql.ref(`${table}.${authorColumn}`);
  return viewer.orgKind === 'customer'
    ? sql<boolean>`(${visibility} = 'public' OR (${visibility} = 'internal' AND ${author} = ${viewer.orgId}))`
    : sql<boolean>`(${visibility} IN ('public', 'partners') OR (${visibility} = 'internal' AND ${author} = ${viewer.orgId}))`;
}

/** A case the viewer's organization takes part in. */
export async function findCase(tx: Tx, viewer: Scope, caseId: string): Promise<CaseRecord | undefined> {
  return tx.selectFrom('cases').select(CASE_COLUMNS).where('cases.id', '=', caseId)
    .where(takesPart(viewer, 'cases.id')).executeTakeFirst();
}

/** The same, locked until the transaction ends, so actions on one case run one after another. */
export async function lockCase(tx: Tx, viewer: Scope, caseId: string): Promise<CaseRecord | undefined> {
  return tx.selectFrom('cases').select(CASE_COLUMNS).where('cases.id', '=', caseId)
    .where(takesPart(viewer, 'cases.id')).forUpdate().executeTakeFirst();
}

/** Records a new case; the insert policy requires the transaction's organization to be its requester. */
export async function insertCase(tx: Tx, row: Insertable<CasesTable>): Promise<void> {
  await tx.insertInto('cases').values(row).execute();
}

/**
 * Adds participants, each carrying the case's inbox keys. The insert policy lets the requester
 * add itself first and any participant add others, so the requester's row goes in its own statement.
 */
export async function insertParticipants(tx: Tx, rows: Insertable<CaseParticipantsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('case_participants').values(rows).execute();
}

/** The participants of a case the viewer takes part in, in the order they joined. */
export async function listParticipants(tx: Tx, viewer: Scope, caseId: string): Promise<ParticipantRecord[]> {
  const rows = await tx.selectFrom('case_participants as p')
    .select(['p.org_id', 'p.role', 'p.joined_at'])
    .where('p.case_id', '=', caseId)
    .where((eb) => eb.exists(eb.selectFrom('case_participants as mine').select(sql.lit(1).as('one'))
      .where('mine.org_id', '=', viewer.orgId).whereRef('mine.case_id', '=', 'p.case_id')))
    .orderBy('p.joined_at').orderBy('p.org_id').execute();
  const names = await organizationNames(tx, rows.map((r) => r.org_id));
  return rows.map((r) => ({ ...r, name: names.get(r.org_id) ?? null }));
}

/** Messages with their authors' organization names where the transaction may see them. */
async function withAuthorNames(tx: Tx, rows: Selectable<CaseMessagesTable>[]): Promise<MessageRecord[]> {
  const names = await organizationNames(tx, rows.map((m) => m.author_org_id));
  return rows.map((m) => ({ ...m, author_org_name: names.get(m.author_org_id) ?? null }));
}

/**
 * Applies a change to a case still at `version`, incrementing it; false when another change won.
 * The trigger on cases copies the inbox keys to every participant row.
 */
export async function updateCase(tx: Tx, viewer: Scope, caseId: string, version: number, patch: CasePatch & { updated_at: Date }): Promise<boolean> {
  const r = await tx.updateTable('cases').set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', caseId).where('version', '=', version)
    .where(takesPart(viewer, 'cases.id')).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a message; the insert policy requires the transaction's organization to author it on a case it takes part in. */
export async function insertMessage(tx: Tx, row: Insertable<CaseMessagesTable>): Promise<void> {
  await tx.insertInto('case_messages').values(row).execute();
}

/** A message of the case that the viewer may see. */
export async function findMessage(tx: Tx, viewer: Scope, caseId: string, messageId: string): Promise<MessageRecord | undefined> {
  const row = await tx.selectFrom('case_messages')
    .selectAll('case_messages')
    .where('case_messages.case_id', '=', caseId).where('case_messages.id', '=', messageId)
    .where(takesPart(viewer, 'case_messages.case_id'))
    .where(seenBy(viewer, 'case_messages', 'author_org_id'))
    .executeTakeFirst();
  return row && (await withAuthorNames(tx, [row]))[0];
}

/** A page of the messages of a case that the viewer may see, oldest first, after a key. */
export async function listMessages(tx: Tx, viewer: Scope, caseId: string, f: { after?: [string, string]; limit: number }): Promise<MessageRecord[]> {
  let q = tx.selectFrom('case_messages')
    .selectAll('case_messages')
    .where('case_messages.case_id', '=', caseId)
    .where(takesPart(viewer, 'case_messages.case_id'))
    .where(seenBy(viewer, 'case_messages', 'author_org_id'));
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(case_messages.created_at, case_messages.id) > (${new Date(at)}, ${id})`);
  }
  return withAuthorNames(tx, await q.orderBy('case_messages.created_at').orderBy('case_messages.id').limit(f.limit + 1).execute());
}

/** Records an attachment; the insert policy requires the transaction's organization to be the author. */
export async function insertAttachment(tx: Tx, row: Insertable<CaseAttachmentsTable>): Promise<void> {
  await tx.insertInto('case_attachments').values(row).execute();
}

/** The attachments (without bytes) of some messages that the viewer may see, oldest first. */
export async function listAttachmentsOf(tx: Tx, viewer: Scope, caseId: string, messageIds: readonly string[]): Promise<AttachmentMeta[]> {
  if (messageIds.length === 0) return [];
  return tx.selectFrom('case_attachments')
    .select(['id', 'case_id', 'message_id', 'author_org_id', 'visibility', 'file_name', 'content_type', 'size_bytes', 'sha256', 'created_at'])
    .where('case_attachments.case_id', '=', caseId).where('case_attachments.message_id', 'in', [...messageIds])
    .where(takesPart(viewer, 'case_attachments.case_id'))
    .where(seenBy(viewer, 'case_attachments', 'author_org_id'))
    .orderBy('created_at').orderBy('id').execute();
}

/** One attachment with its bytes, if the viewer may see it (and so its message). */
export async function findAttachment(tx: Tx, viewer: Scope, caseId: string, attachmentId: string): Promise<AttachmentRecord | undefined> {
  return tx.selectFrom('case_attachments').selectAll()
    .where('case_attachments.case_id', '=', caseId).where('case_attachments.id', '=', attachmentId)
    .where(takesPart(viewer, 'case_attachments.case_id'))
    .where(seenBy(viewer, 'case_attachments', 'author_org_id'))
    .where((eb) => eb.exists(eb.selectFrom('case_messages as m').select(sql.lit(1).as('one'))
      .whereRef('m.id', '=', 'case_attachments.message_id').where(seenBy(viewer, 'm', 'author_org_id'))))
    .executeTakeFirst();
}

/** Records history entries (historyRowOf); the insert policy requires the transaction's organization to be their actor. */
export async function insertEvents(tx: Tx, rows: readonly CaseHistoryRow[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('case_events').values(rows.map((r): Insertable<CaseEventsTable> => ({ ...r }))).execute();
}

/** A page of the history entries of a case that the viewer may see, oldest first, after a key. */
export async function listEvents(tx: Tx, viewer: Scope, caseId: string, f: { after?: [string, string]; limit: number }): Promise<CaseHistoryEntry[]> {
  let q = tx.selectFrom('case_events').selectAll()
    .where('case_events.case_id', '=', caseId)
    .where(takesPart(viewer, 'case_events.case_id'))
    .where(seenBy(viewer, 'case_events', 'actor_org_id'));
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(case_events.created_at, case_events.id) > (${new Date(at)}, ${id})`);
  }
  return (await q.orderBy('created_at').orderBy('id').limit(f.limit + 1).execute()).map(parseCaseHistoryEntry);
}

/** The hand-overs of a case, oldest first: always public entries, so every participant reads the same history. */
export async function listTransfers(tx: Tx, viewer: Scope, caseId: string): Promise<Transfer[]> {
  const rows = await tx.selectFrom('case_events').selectAll()
    .where('case_events.case_id', '=', caseId)
    .where('type', 'in', ['forwarded', 'escalated', 'handed_back', 'rerouted'])
    .where('visibility', '=', 'public')
    .where(takesPart(viewer, 'case_events.case_id'))
    .orderBy('created_at').orderBy('id').execute();
  return rows.map(parseCaseHistoryEntry).flatMap((e): Transfer[] => {
    switch (e.type) {
      case 'forwarded': case 'escalated': case 'handed_back': case 'rerouted': return [{ type: e.type, fromOrgId: e.data.fromOrgId, toOrgId: e.data.toOrgId }];
      default: return [];
    }
  });
}

/** A user of the viewer's own organization (the only users its row policy shows), for assignment and names. */
export async function findOwnUser(tx: Tx, viewer: Scope, userId: string): Promise<{ id: string; name: string; roles: string[]; locale: 'en' | 'ko'; disabled_at: Date | null } | undefined> {
  return tx.selectFrom('users').select(['id', 'name', 'roles', 'locale', 'disabled_at'])
    .where('id', '=', userId).where('org_id', '=', viewer.orgId).executeTakeFirst();
}

