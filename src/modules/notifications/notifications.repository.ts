/**
 * The SQL of a user's inbox and preferences, and of the e-mail sender. Inbox and preference
 * functions take the request's tenant transaction and the viewer, and name the viewer's user and
 * organization in every query (the row policies restrict to the same again). E-mail functions take
 * the worker's owner transaction: e-mail deliveries have no policy for the application role.
 *
 * Terminology:
 * - creation key: a notification's creation time as text with every microsecond, so a cursor
 *   compares exactly with the stored timestamp (a JavaScript Date keeps only milliseconds).
 * - preference: a user's own choice of channels for one event type; without a row the event
 *   type's default channels apply (core/events.ts `defaultChannels`).
 */
import { sql, type SqlBool } from 'kysely';
import type { EventType } from '../../core/events.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';

type Scope = Pick<Viewer, 'orgId' | 'userId'>;

/** The filters and position of one inbox page. */
export interface NotificationFilter {
  /** true: unread only; false: read only; undefined: both. */
  unread?: boolean;
  eventType?: EventType;
  /** The creation key and id of the last row of the previous page. */
  after?: { createdKey: string; id: string };
  limit: number;
}

const createdKey = sql<string>`to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** One page of the viewer's notifications, newest first; fetches `limit + 1` so the caller knows whether more follow. */
export async function listNotifications(tx: Tx, viewer: Scope, f: NotificationFilter) {
  let q = tx.selectFrom('notifications as n')
    .select(['n.id', 'n.event_id', 'n.event_type', 'n.title', 'n.body', 'n.link', 'n.created_at', 'n.read_at', createdKey.as('created_key')])
    .where('n.user_id', '=', viewer.userId).where('n.org_id', '=', viewer.orgId);
  if (f.unread === true) q = q.where('n.read_at', 'is', null);
  if (f.unread === false) q = q.where('n.read_at', 'is not', null);
  if (f.eventType) q = q.where('n.event_type', '=', f.eventType);
  if (f.after) {
    const { createdKey: key, id } = f.after;
    q = q.where(sql<SqlBool>`(n.created_at, n.id) < (${key}::timestamptz, ${id})`);
  }
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(f.limit + 1).execute();
}

/** A notification as the service presents it. */
export type NotificationRecord = Awaited<ReturnType<typeof listNotifications>>[number];

/** How many of the viewer's notifications are unread. */
export async function countUnread(tx: Tx, viewer: Scope): Promise<number> {
  const row = await tx.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', viewer.userId).where('org_id', '=', viewer.orgId).where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Marks one of the viewer's notifications read, keeping the first time it was read; answers it,
 * or undefined when the viewer has no such notification.
 */
export async function markRead(tx: Tx, viewer: Scope, id: string, at: Date): Promise<NotificationRecord | undefined> {
  return tx.updateTable('notifications as n')
    .set({ read_at: sql<Date>`coalesce(n.read_at, ${at})` })
    .where('n.id', '=', id).where('n.user_id', '=', viewer.userId).where('n.org_id', '=', viewer.orgId)
    .returning(['n.id', 'n.event_id', 'n.event_type', 'n.title', 'n.body', 'n.link', 'n.created_at', 'n.read_at', createdKey.as('created_key')])
    .executeTakeFirst();
}

/**
 * Marks the viewer's unread notifications read — those created up to `before` (compared to the
 * millisecond, as the API shows times) when given; answers how many.
 */
export async function markAllRead(tx: Tx, viewer: Scope, before: Date | undefined, at: Date): Promise<number> {
  let q = tx.updateTable('notifications').set({ read_at: at })
    .where('user_id', '=', viewer.userId).where('org_id', '=', viewer.orgId).where('read_at', 'is', null);
  if (before) q = q.where(sql<SqlBool>`date_trunc('milliseconds', created_at) <= ${before}`);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The viewer's stored preferences, one per event type they changed. */
export async function listPreferences(tx: Tx, viewer: Scope) {
  return tx.selectFrom('notification_preferences').select(['event_type', 'in_app', 'email'])
    .where('user_id', '=', viewer.userId).where('org_id', '=', viewer.orgId).execute();
}

/** Stores the viewer's channels for these event types, replacing what was stored. */
export async function upsertPreferences(tx: Tx, viewer: Scope, rows: readonly { eventType: EventType; inApp: boolean; email: boolean }[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('notification_preferences')
    .values(rows.map((r) => ({ user_id: viewer.userId, org_id: viewer.orgId, event_type: r.eventType, in_app: r.inApp, email: r.email, updated_at: at })))
    .onConflict((oc) => oc.columns(['user_id', 'event_type']).doUpdateSet((eb) => ({
      in_app: eb.ref('excluded.in_app'), email: eb.ref('excluded.email'), updated_at: eb.ref('excluded.updated_at'),
    })))
    .execute();
}

/** Forgets the viewer's choice for these event types: their defaults apply again. */
export async function deletePreferences(tx: Tx, viewer: Scope, eventTypes: readonly EventType[]): Promise<void> {
  if (eventTypes.length === 0) return;
  await tx.deleteFrom('notification_preferences')
    .where('user_id', '=', viewer.userId).where('org_id', '=', viewer.orgId).where('event_type', 'in', [...eventTypes])
    .execute();
}

/**
 * One e-mail delivery, locked until the caller's owner transaction ends: a second worker handed the
 * same delivery (a job run again after its worker seemed dead) waits, then finds it sent.
 */
export async function lockEmailDelivery(tx: Tx, id: string) {
  return tx.selectFrom('email_deliveries')
    .select(['id', 'to_address', 'locale', 'subject', 'body_text', 'link', 'status', 'attempt_count'])
    .where('id', '=', id).forUpdate().executeTakeFirst();
}

/** An e-mail delivery as the sender reads it. */
export type EmailDeliveryRecord = NonNullable<Awaited<ReturnType<typeof lockEmailDelivery>>>;

/** Records a successful send. */
export async function markEmailSent(tx: Tx, id: string, attemptCount: number, at: Date): Promise<void> {
  await tx.updateTable('email_deliveries')
    .set({ status: 'sent', attempt_count: attemptCount, sent_at: at, last_error: null })
    .where('id', '=', id).execute();
}

/** Records a failed attempt; `failed` when it will not be tried again. */
export async function recordEmailFailure(tx: Tx, id: string, attemptCount: number, error: string, failed: boolean): Promise<void> {
  await tx.updateTable('email_deliveries')
    .set({ attempt_count: attemptCount, last_error: error, ...(failed ? { status: 'failed' as const } : {}) })
    .where('id', '=', id).execute();
}
