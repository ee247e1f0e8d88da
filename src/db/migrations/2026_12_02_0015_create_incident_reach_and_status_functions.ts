/**
 * Frozen migration: whom an incident reached and an offer's status page (issue 12, service health) — the organizations its
 * events were delivered to (event_recipients of the incident's `incident.*` events, written by the
 * fan-out) and how many of their users got an in-app notice. The rows of event_recipients and
 * notifications are each recipient's own, so the publisher reads them only through these two
 * SECURITY DEFINER functions, which answer the incident's publisher and the operator and nothing
 * to anyone else (the wall is the functions' own WHERE):
 *
 * - sb_incident_reach_summary: counts — organizations by kind, users notified, the incident's
 *   events and how many of them the fan-out has not finished yet;
 * - sb_incident_reach_orgs: a page of the organizations reached, by name then id (byte order,
 *   COLLATE "C", the same on every server), each with when it was first reached.
 *
 * And an offer's status page, which every signed-in organization reads (a public-style status
 * page: it is what the publisher announced about the offer, not who holds it):
 * - sb_offer_status_incidents: the offer's incidents open now or resolved since a time, newest
 *   first, each with its latest update — and whether the caller may open the incident itself
 *   (`sb_incident_visible`), so a status page links only to what the caller may read. Nothing of
 *   who the incident reached leaves it.
 */
import { sql, type Kysely } from 'kysely';

/** The caller is the incident's publisher, or the operator. */
const MAY_READ = `EXISTS (SELECT 1 FROM incidents i WHERE i.id = p_incident
  AND sb_org() IS NOT NULL AND (i.publisher_id = sb_org() OR sb_org_kind() = 'operator'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE FUNCTION sb_incident_reach_summary(p_incident text)
    RETURNS TABLE (partners bigint, customers bigint, others bigint, users bigint, events bigint, pending_events bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      WITH ev AS (
        SELECT e.id, e.fanned_out_at FROM domain_events e
        WHERE e.subject_type = 'incident' AND e.subject_id = p_incident AND ${MAY_READ}
      ), reached AS (
        SELECT DISTINCT r.org_id, o.kind FROM event_recipients r JOIN ev ON ev.id = r.event_id JOIN organizations o ON o.id = r.org_id
      )
      SELECT
        (SELECT count(*) FROM reached WHERE kind = 'partner'),
        (SELECT count(*) FROM reached WHERE kind = 'customer'),
        (SELECT count(*) FROM reached WHERE kind NOT IN ('partner', 'customer')),
        (SELECT count(DISTINCT n.user_id) FROM notifications n JOIN ev ON ev.id = n.event_id),
        (SELECT count(*) FROM ev),
        (SELECT count(*) FROM ev WHERE ev.fanned_out_at IS NULL)
    $$`).execute(db);

  await sql.raw(`
    CREATE FUNCTION sb_incident_reach_orgs(p_incident text, p_after_name text, p_after_id text, p_limit integer)
    RETURNS TABLE (org_id text, name text, kind text, partner_model text, first_reached_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT o.id, o.name, o.kind, o.partner_model, min(e.occurred_at)
      FROM domain_events e
      JOIN event_recipients r ON r.event_id = e.id
      JOIN organizations o ON o.id = r.org_id
      WHERE e.subject_type = 'incident' AND e.subject_id = p_incident AND ${MAY_READ}
        AND (p_after_id IS NULL OR (o.name COLLATE "C", o.id COLLATE "C") > (p_after_name COLLATE "C", p_after_id COLLATE "C"))
      GROUP BY o.id, o.name, o.kind, o.partner_model
      ORDER BY o.name COLLATE "C", o.id COLLATE "C"
      LIMIT least(greatest(p_limit, 1), 500)
    $$`).execute(db);

  await sql.raw(`
    CREATE FUNCTION sb_offer_status_incidents(p_offer text, p_since timestamptz)
    RETURNS TABLE (id text, title text, impact text, status text, started_at timestamptz, resolved_at timestamptz,
      latest_status text, latest_message text, latest_at timestamptz, visible boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT i.id, i.title, i.impact, i.status, i.started_at, i.resolved_at, u.status, u.message, u.created_at, sb_incident_visible(i.id)
      FROM incident_offers io
      JOIN incidents i ON i.id = io.incident_id
      CROSS JOIN LATERAL (
        SELECT x.status, x.message, x.created_at FROM incident_updates x WHERE x.incident_id = i.id
        ORDER BY x.created_at DESC, x.id DESC LIMIT 1
      ) u
      WHERE sb_org() IS NOT NULL AND io.offer_id = p_offer
        AND (i.resolved_at IS NULL OR i.resolved_at >= p_since OR i.started_at >= p_since)
      ORDER BY i.started_at DESC, i.id DESC
      LIMIT 200
    $$`).execute(db);

  for (const fn of ['sb_incident_reach_summary(text)', 'sb_incident_reach_orgs(text, text, text, integer)', 'sb_offer_status_incidents(text, timestamptz)']) {
    await sql.raw(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`).execute(db);
    await sql.raw(`GRANT EXECUTE ON FUNCTION ${fn} TO switchboard_app`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS sb_offer_status_incidents(text, timestamptz)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_incident_reach_orgs(text, text, text, integer)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_incident_reach_summary(text)`.execute(db);
}
