/**
 * The fan-out's SQL: from one event and a batch of recipient organizations, every row that
 * delivers it — the recipients, in-app notifications, e-mails, webhook deliveries — written
 * set-based in the worker's owner transaction. Each insert is idempotent on its unique key, so a
 * fan-out that runs again after a crash writes nothing twice.
 */
import { sql } from 'kysely';
import type { EventText, Locale } from '../../core/events.ts';
import type { Tx } from '../../db/database.ts';

/** What every insert of one batch needs to know about the event. */
export interface FanoutBatch {
  eventId: string;
  eventType: string;
  occurredAt: Date;
  /** The acting user hears nothing of their own change. */
  actorUserId: string | null;
  orgIds: string[];
  /** Roles that may read the event's subject (a user without one hears nothing of it). */
  roles: string[];
  texts: Record<Locale, EventText>;
  defaults: { inApp: boolean; email: boolean };
}

/** Records which organizations the event reached (what lets them read it). */
export async function insertRecipients(tx: Tx, b: FanoutBatch): Promise<void> {
  await sql`
    INSERT INTO event_recipients (event_id, org_id)
    SELECT ${b.eventId}, o FROM unnest(${b.orgIds}::text[]) AS o
    ON CONFLICT DO NOTHING`.execute(tx);
}

/** The users of the batch's organizations who hear of it on a channel, as a SQL condition. */
function audienceWhere(b: FanoutBatch, channel: 'in_app' | 'email') {
  const fallback = channel === 'in_app' ? b.defaults.inApp : b.defaults.email;
  return sql`u.org_id = ANY(${b.orgIds}::text[]) AND u.disabled_at IS NULL AND u.roles && ${b.roles}::text[]
    AND u.id IS DISTINCT FROM ${b.actorUserId}
    AND coalesce(${sql.ref(`p.${channel}`)}, ${fallback})`;
}

/** Writes one in-app notification per user who hears of it; answers how many were new. */
export async function insertNotifications(tx: Tx, b: FanoutBatch): Promise<number> {
  const r = await sql`
    INSERT INTO notifications (id, user_id, org_id, event_id, event_type, title, body, link, created_at)
    SELECT 'ntf_' || substr(md5(${b.eventId} || ':' || u.id), 1, 24), u.id, u.org_id, ${b.eventId}, ${b.eventType},
      CASE WHEN u.locale = 'ko' THEN ${b.texts.ko.title} ELSE ${b.texts.en.title} END,
      CASE WHEN u.locale = 'ko' THEN ${b.texts.ko.body} ELSE ${b.texts.en.body} END,
      ${b.texts.en.link}, ${b.occurredAt}
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.event_type = ${b.eventType}
    WHERE ${audienceWhere(b, 'in_app')}
    ON CONFLICT (event_id, user_id) DO NOTHING`.execute(tx);
  return Number(r.numAffectedRows ?? 0n);
}

/** Writes one e-mail per user who hears of it by e-mail; answers the ids of the new ones. */
export async function insertEmails(tx: Tx, b: FanoutBatch): Promise<string[]> {
  const r = await sql<{ id: string }>`
    INSERT INTO email_deliveries (id, event_id, user_id, org_id, to_address, locale, subject, body_text, link, created_at)
    SELECT 'eml_' || substr(md5(${b.eventId} || ':' || u.id), 1, 24), ${b.eventId}, u.id, u.org_id, u.email, u.locale,
      CASE WHEN u.locale = 'ko' THEN ${b.texts.ko.title} ELSE ${b.texts.en.title} END,
      CASE WHEN u.locale = 'ko' THEN ${b.texts.ko.body} ELSE ${b.texts.en.body} END,
      ${b.texts.en.link}, ${b.occurredAt}
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.event_type = ${b.eventType}
    WHERE ${audienceWhere(b, 'email')}
    ON CONFLICT (event_id, user_id) DO NOTHING
    RETURNING id`.execute(tx);
  return r.rows.map((x) => x.id);
}

/**
 * Writes one delivery per enabled endpoint of the organizations that wants the type; answers the
 * new ids. Due at the database's own time, the clock the deliverer and pg-boss judge "due" by.
 */
export async function insertWebhookDeliveries(tx: Tx, b: FanoutBatch): Promise<string[]> {
  const r = await sql<{ id: string }>`
    INSERT INTO webhook_deliveries (id, endpoint_id, org_id, event_id, event_type, next_attempt_at, created_at)
    SELECT 'whd_' || substr(md5(${b.eventId} || ':' || e.id), 1, 24), e.id, e.org_id, ${b.eventId}, ${b.eventType}, now(), now()
    FROM webhook_endpoints e
    WHERE e.org_id = ANY(${b.orgIds}::text[]) AND e.status = 'enabled' AND ${b.eventType} = ANY(e.event_types)
    ON CONFLICT (endpoint_id, event_id) WHERE replay_of IS NULL DO NOTHING
    RETURNING id`.execute(tx);
  return r.rows.map((x) => x.id);
}
