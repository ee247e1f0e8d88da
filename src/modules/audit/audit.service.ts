/**
 * The audit log: who changed what, when and from where, in each organization's own log.
 *
 * Terminology:
 * - entry: one action of one actor about one subject, in one organization's log.
 * - changes: `{field: {before, after}}` of the fields the action changed (only those); a secret
 *   never enters the log — fields named like one are masked as "[redacted]".
 * - details: facts of the action that are not a change (the e-mail a failed sign-in named).
 * - via: how the actor proved who it is (session, token), `cli` for the command line (a viewer
 *   with no request), `system` for the worker.
 *
 * Other contexts write entries with `recordAudit(tx, viewer, entries)` in the transaction of
 * their change, so a change rolled back leaves no entry. An entry concerning another organization
 * too (a customer's purchase, a relationship's split) names it in `alsoOrgIds`: the entry goes into
 * each log, as far as the row policy lets (the other organization must share the subject).
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { AppError } from '../../core/app-error.ts';
import { permissionDenied, validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import type { RequestContext, Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { AuditAction } from './audit.actions.ts';
import type { AuditErrorCode } from './audit.errors.ts';
import * as repo from './audit.repository.ts';

const err = (code: AuditErrorCode | CommonErrorCode, message: string) => new AppError(code, message);

/** What changed: each field's value before and after. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** One entry to record. */
export interface AuditEntry {
  action: AuditAction;
  /** The kind of thing acted on: `user`, `webhook_endpoint`, `subscription`, `organization`… */
  subjectType: string;
  subjectId?: string | null;
  changes?: AuditChanges;
  details?: Record<string, unknown>;
  /** Other organizations whose logs get the entry too; the viewer's own and nulls are skipped. */
  alsoOrgIds?: readonly (string | null | undefined)[];
  /** Skip the entry when `changes` is empty (an update that changed nothing). */
  skipUnchanged?: boolean;
}

/** One entry as the API answers it. */
export interface PresentedAuditEntry {
  id: string;
  orgId: string | null;
  occurredAt: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  via: 'session' | 'token' | 'system' | 'cli';
  action: string;
  subjectType: string;
  subjectId: string | null;
  changes: AuditChanges;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Filters of a read of the log. */
export interface AuditQuery {
  action?: string[];
  actorUserId?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  /** The operator's choice of one organization's log (`none`: the entries of no organization). */
  orgId?: string;
  cursor?: string;
  limit: number;
}

/** The mask of a secret's value. */
export const REDACTED = '[redacted]';
const SECRET_ENDINGS = ['secret', 'password', 'hash', 'token', 'apikey', 'credential', 'credentials'];
/** Whether a field's name says it holds a secret (`secret`, `previousSecret`, `password_hash`, `token`…), not `secretExpiresAt`. */
const isSecretName = (name: string): boolean => {
  const n = name.toLowerCase().replace(/[_-]/g, '');
  return SECRET_ENDINGS.some((e) => n.endsWith(e));
};

/** A value with every field named like a secret masked, at any depth. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretName(k) ? (v === null || v === undefined ? null : REDACTED) : redact(v)]));
}

function redactChanges(changes: AuditChanges): AuditChanges {
  return Object.fromEntries(Object.entries(changes).map(([field, { before, after }]) => isSecretName(field)
    ? [field, { before: before === null || before === undefined ? null : REDACTED, after: after === null || after === undefined ? null : REDACTED }]
    : [field, { before: redact(before ?? null), after: redact(after ?? null) }]));
}

const normal = (v: unknown): string => JSON.stringify(redact(v ?? null));

/**
 * The fields of `after` whose value differs from `before` (compared as JSON), with both values.
 * Fields absent from `after` are not compared: pass the fields a change may touch.
 */
export function diffChanges(before: object | null | undefined, after: object): AuditChanges {
  const changes: AuditChanges = {};
  const was_ = (before ?? {}) as Record<string, unknown>;
  for (const [field, value] of Object.entries(after)) {
    const was = was_[field] ?? null;
    if (value === undefined) continue;
    if (normal(was) !== normal(value)) changes[field] = { before: was, after: value };
  }
  return changes;
}

/** A new object's fields as changes from nothing. */
export function createdChanges(after: object): AuditChanges {
  return diffChanges(null, after);
}

function rowsOf(viewer: Pick<Viewer, 'orgId' | 'userId'>, via: PresentedAuditEntry['via'], request: RequestContext | undefined, entries: readonly AuditEntry[]) {
  const at = Date.now();
  return entries.flatMap((e) => {
    const changes = redactChanges(e.changes ?? {});
    if (e.skipUnchanged && Object.keys(changes).length === 0) return [];
    const orgIds = [...new Set([viewer.orgId, ...(e.alsoOrgIds ?? [])].filter((o): o is string => typeof o === 'string' && o.length > 0))];
    return orgIds.map((orgId) => ({
      id: newId('auditEntry', at), org_id: orgId, actor_user_id: viewer.userId, actor_org_id: viewer.orgId, via,
      action: e.action, subject_type: e.subjectType, subject_id: e.subjectId ?? null,
      changes: JSON.stringify(changes), details: JSON.stringify(redact(e.details ?? {})),
      ip: request?.ip ?? null, user_agent: request?.userAgent?.slice(0, 512) ?? null, request_id: request?.requestId ?? null,
    }));
  });
}

/**
 * Records entries of the viewer's actions in the transaction of the change (a tenant transaction,
 * or the owner's where the change itself runs as the owner). Who and from where come from the
 * viewer and its request context.
 */
export async function recordAudit(tx: Tx, viewer: Viewer, entries: readonly AuditEntry[]): Promise<void> {
  const via = viewer.request ? viewer.via : 'cli';
  await repo.insertEntries(tx, rowsOf(viewer, via, viewer.request, entries));
}

/** Records entries of the system's own actions (the worker, as the owner) in an organization's log. */
export async function recordSystemAudit(ownerTx: Tx, orgId: string, entries: readonly Omit<AuditEntry, 'alsoOrgIds'>[]): Promise<void> {
  const rows = rowsOf({ orgId, userId: '' }, 'system', undefined, entries).map((r) => ({ ...r, actor_user_id: null, actor_org_id: null }));
  await repo.insertEntries(ownerTx, rows);
}

/** A sign-in that failed: the e-mail named, why, and where it came from. */
export interface SignInFailure {
  email: string;
  /** A short stable reason: `unknown_email`, `wrong_password`, `disabled`, `throttled`… */
  reason: string;
  /** The user the attempt was checked against, when known: only that user's organization's log gets it. */
  userId?: string | null;
  request?: RequestContext;
}

/** At most this many organizations' logs get one failed sign-in (users of one e-mail in several organizations). */
const MAX_SIGN_IN_FAILURE_ORGS = 20;

/**
 * Records a failed sign-in from any transaction, anonymous included: in the log of each
 * organization with a user of that e-mail (its admins see it), or, naming no user, in no
 * organization's log (the operator's view only). The database decides the organizations, not the
 * caller. Answers how many entries were written.
 */
export async function recordSignInFailure(tx: Tx, failure: SignInFailure): Promise<number> {
  const at = Date.now();
  return repo.insertSignInFailure(tx, {
    ids: Array.from({ length: MAX_SIGN_IN_FAILURE_ORGS }, () => newId('auditEntry', at)),
    email: failure.email.trim().slice(0, 320), userId: failure.userId ?? null, reason: failure.reason.slice(0, 100),
    ip: failure.request?.ip ?? null, userAgent: failure.request?.userAgent?.slice(0, 512) ?? null, requestId: failure.request?.requestId ?? null,
  });
}

function present(r: repo.AuditRow): PresentedAuditEntry {
  return {
    id: r.id, orgId: r.org_id, occurredAt: new Date(r.occurred_at).toISOString(),
    actorUserId: r.actor_user_id, actorOrgId: r.actor_org_id, via: r.via,
    action: r.action, subjectType: r.subject_type, subjectId: r.subject_id,
    changes: r.changes, details: r.details, ip: r.ip, userAgent: r.user_agent, requestId: r.request_id,
  };
}

/** The columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'occurredAt', 'id', 'orgId', 'action', 'actorUserId', 'actorOrgId', 'via', 'subjectType', 'subjectId',
  'changes', 'details', 'ip', 'userAgent', 'requestId',
] as const;

/** How many entries the export reads per transaction (it never holds a connection while the client reads). */
const EXPORT_PAGE = 500;

function csvRecord(e: PresentedAuditEntry): Record<(typeof AUDIT_CSV_COLUMNS)[number], string | null> {
  return { ...e, changes: JSON.stringify(e.changes), details: JSON.stringify(e.details) };
}

/** A time filter as ISO text, refused when it is not a time PostgreSQL and the log can hold. */
function readTime(field: 'from' | 'to', value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t) || t < Date.UTC(1970, 0, 1) || t > Date.UTC(9999, 11, 31)) throw validationFailed(`querystring.${field}`, 'must be a time between 1970 and 9999');
  return new Date(t).toISOString();
}

/** Builds the audit log's read use cases over a database. */
export function createAuditService(deps: { db: Database }) {
  const { db } = deps;

  /** Checks the permission and reads the filters: which log, which entries. */
  function filterOf(viewer: Viewer, q: Omit<AuditQuery, 'cursor' | 'limit'>): Omit<repo.AuditFilter, 'limit' | 'before'> {
    if (!can(viewer, 'audit.read')) throw permissionDenied('read the audit log');
    let orgId: string | null | undefined;
    if (viewer.orgKind === 'operator') orgId = q.orgId === 'none' ? null : q.orgId;
    else if (q.orgId !== undefined && q.orgId !== viewer.orgId) throw err('AUDIT_LOG_NOT_FOUND', 'You may read your own organization\'s audit log only.');
    return {
      orgId, actions: q.action, actorUserId: q.actorUserId, subjectType: q.subjectType, subjectId: q.subjectId, from: readTime('from', q.from), to: readTime('to', q.to),
    };
  }

  return {
    /** The log, newest first, filtered and cursor-paged. */
    async list(viewer: Viewer, q: AuditQuery): Promise<Page<PresentedAuditEntry>> {
      const filter = filterOf(viewer, q);
      const before = readCursor(q.cursor, ['timestamp', 'string']);
      const rows = await db.withTenant(viewer, (tx) => repo.listEntries(tx, viewer, { ...filter, before, limit: q.limit }));
      return toPage(rows, q.limit, (r) => [r.cursor_at, r.id], present);
    },

    /**
     * The whole filtered log as CSV (RFC 4180, UTF-8 with a byte-order mark, formulas neutralized),
     * streamed: one short transaction per page of entries. Refusals come before the first byte.
     */
    async exportCsv(viewer: Viewer, q: Omit<AuditQuery, 'cursor' | 'limit'>): Promise<{ fileName: string; stream: Readable }> {
      const filter = filterOf(viewer, q);
      const read = (before?: readonly [string, string]) => db.withTenant(viewer, (tx) => repo.listEntries(tx, viewer, { ...filter, before, limit: EXPORT_PAGE }));
      const first = await read();
      async function* records() {
        let page = first;
        for (;;) {
          for (const r of page.slice(0, EXPORT_PAGE)) yield csvRecord(present(r));
          const last = page[EXPORT_PAGE - 1];
          if (page.length <= EXPORT_PAGE || !last) return;
          page = await read([last.cursor_at, last.id]);
        }
      }
      const csv = stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS], bom: true, record_delimiter: 'windows', escape_formulas: true });
      const source = Readable.from(records());
      source.on('error', (e) => csv.destroy(e));
      const scope = filter.orgId === null ? 'none' : (filter.orgId ?? (viewer.orgKind === 'operator' ? 'all' : viewer.orgId));
      return { fileName: `audit-log-${scope}.csv`, stream: source.pipe(csv) };
    },
  };
}

/** The audit log's read use cases. */
export type AuditService = ReturnType<typeof createAuditService>;
