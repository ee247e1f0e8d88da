/**
 * Frozen migration: case volume for SLA reports (issue 12) — how many cases were opened in a
 * period per week or month, category, offer and severity, and how many of them are resolved or
 * closed — through one SECURITY DEFINER function that decides from the caller's own organization
 * (`sb_org()`, `sb_org_kind()`) what it counts, as migration 0009's functions do:
 *
 * - scope 'own': the cases the caller takes part in (any kind but customers);
 * - scope 'offers': a publisher's — the cases about its own offers, and those it takes part in;
 * - scope 'all': the operator — every case.
 * Any other pairing of scope and kind counts nothing. Only counts leave the function: no case id,
 * title or party. Buckets are truncated in UTC ('week' starts on Monday); `p_interval` null
 * answers one bucket, the period's start.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE FUNCTION sb_sla_report_volume(p_scope text, p_from timestamptz, p_to timestamptz, p_interval text)
    RETURNS TABLE (bucket timestamptz, offer_id text, offer_name text, category text, severity text, opened bigint, done bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT CASE WHEN p_interval IN ('week', 'month') THEN date_trunc(p_interval, c.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' ELSE p_from END,
        c.offer_id, min(o.name), c.category, c.severity, count(*), count(*) FILTER (WHERE c.status IN ('resolved', 'closed'))
      FROM cases c
      LEFT JOIN offers o ON o.id = c.offer_id
      WHERE c.created_at >= p_from AND c.created_at < p_to
        AND (
          (p_scope = 'own' AND sb_org_kind() IN ('partner', 'publisher', 'operator')
            AND EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.org_id = sb_org()))
          OR (p_scope = 'offers' AND sb_org_kind() = 'publisher'
            AND (c.publisher_id = sb_org() OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.org_id = sb_org())))
          OR (p_scope = 'all' AND sb_org_kind() = 'operator'))
      GROUP BY 1, c.offer_id, c.category, c.severity
      ORDER BY 1, c.offer_id COLLATE "C", c.category, c.severity
    $$`).execute(db);
  await sql.raw('REVOKE ALL ON FUNCTION sb_sla_report_volume(text, timestamptz, timestamptz, text) FROM PUBLIC').execute(db);
  await sql.raw('GRANT EXECUTE ON FUNCTION sb_sla_report_volume(text, timestamptz, timestamptz, text) TO switchboard_app').execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS sb_sla_report_volume(text, timestamptz, timestamptz, text)`.execute(db);
}
