/**
 * Frozen migration: what SLA reports read (issue 10, item 5) — the clocks of the cases opened in
 * a period, the cases and their public history for the time each party held them, and each
 * party's role and calendar on a case — each through one SECURITY DEFINER function that decides
 * from the caller's own organization (`sb_org()`, `sb_org_kind()`) what it answers:
 *
 * - scope 'own': an organization's own part — its own clocks, the cases it held (any kind but
 *   customers, which commit to nothing);
 * - scope 'offers': a publisher's offers — every party's clocks on cases about its own offers
 *   (the service presents only counts per offer from them);
 * - scope 'all': the operator — every case.
 * Any other pairing of scope and kind answers nothing. The functions run as the owner, so the
 * operator reads past the cases' row policies (it takes part only in the cases escalated to it);
 * the wall is the function's own WHERE. Entries come without their users, clocks without their
 * policies' texts: a report needs neither.
 *
 * Pages are keyed in byte order of the ids (COLLATE "C"), the same on every server whatever its
 * default collation. Indexes: the cases opened in a period, and an organization's own clocks.
 */
import { sql, type Kysely } from 'kysely';

/** The caller's scope holds: its own part, a publisher's offers, the operator's all. */
const SCOPE = (orgColumn: string) => `(
  (p_scope = 'own' AND sb_org_kind() IN ('partner', 'publisher', 'operator') AND ${orgColumn} = sb_org())
  OR (p_scope = 'offers' AND sb_org_kind() = 'publisher' AND c.publisher_id = sb_org())
  OR (p_scope = 'all' AND sb_org_kind() = 'operator'))`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX cases_created_idx ON cases (created_at, id)`.execute(db);
  await sql`CREATE INDEX case_sla_clocks_org_idx ON case_sla_clocks (org_id, case_id)`.execute(db);

  // The clocks of the cases opened in [p_from, p_to), after a (case, org, target) key, in key order.
  await sql.raw(`
    CREATE FUNCTION sb_sla_report_clocks(p_scope text, p_from timestamptz, p_to timestamptz,
      p_after_case text, p_after_org text, p_after_target text, p_limit integer)
    RETURNS TABLE (case_id text, org_id text, role text, target text, status text, elapsed_ms bigint, due_at timestamptz,
      met_at timestamptz, breached_at timestamptz, offer_id text, offer_name text, category text, severity text,
      case_status text, responsible boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT k.case_id, k.org_id, k.role, k.target, k.status, k.elapsed_ms, k.due_at, k.met_at, k.breached_at,
        c.offer_id, o.name, c.category, c.severity, c.status, k.org_id = c.responsible_org_id
      FROM cases c
      JOIN case_sla_clocks k ON k.case_id = c.id
      LEFT JOIN offers o ON o.id = c.offer_id
      WHERE c.created_at >= p_from AND c.created_at < p_to AND ${SCOPE('k.org_id')}
        AND (p_after_case IS NULL OR (k.case_id COLLATE "C", k.org_id COLLATE "C", k.target COLLATE "C") > (p_after_case COLLATE "C", p_after_org COLLATE "C", p_after_target COLLATE "C"))
      ORDER BY k.case_id COLLATE "C", k.org_id COLLATE "C", k.target COLLATE "C"
      LIMIT least(greatest(p_limit, 1), 5000)
    $$`).execute(db);

  // The cases opened in [p_from, p_to) after a case id, in id order: for 'own', those the caller
  // ever held (routing placed it there, or a hand-over gave it to it).
  await sql.raw(`
    CREATE FUNCTION sb_sla_report_cases(p_scope text, p_from timestamptz, p_to timestamptz, p_after text, p_limit integer)
    RETURNS TABLE (id text, created_at timestamptz, status text, category text, severity text, offer_id text, offer_name text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT c.id, c.created_at, c.status, c.category, c.severity, c.offer_id, o.name
      FROM cases c
      LEFT JOIN offers o ON o.id = c.offer_id
      WHERE c.created_at >= p_from AND c.created_at < p_to AND (p_after IS NULL OR c.id COLLATE "C" > p_after COLLATE "C")
        AND p_scope IN ('own', 'all') AND ${SCOPE('sb_org()')}
        AND (p_scope = 'all' OR EXISTS (
          SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.visibility = 'public'
            AND ((e.type = 'routed' AND e.data->>'holderOrgId' = sb_org())
              OR (e.type IN ('forwarded', 'escalated', 'handed_back', 'rerouted') AND e.data->>'toOrgId' = sb_org()))))
      ORDER BY c.id COLLATE "C"
      LIMIT least(greatest(p_limit, 1), 1000)
    $$`).execute(db);

  // The public history of cases the caller may report on (the operator: any; others: those it
  // takes part in), oldest first, without the acting users.
  await sql.raw(`
    CREATE FUNCTION sb_sla_report_history(p_case_ids text[])
    RETURNS TABLE (id text, case_id text, actor_org_id text, type text, visibility text, data jsonb, created_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT e.id, e.case_id, e.actor_org_id, e.type, e.visibility, e.data, e.created_at
      FROM case_events e
      WHERE e.case_id = ANY (p_case_ids) AND e.visibility = 'public'
        AND (sb_org_kind() = 'operator' OR sb_case_participant(e.case_id))
      ORDER BY e.case_id, e.created_at, e.id
    $$`).execute(db);

  // Each party of those cases: its role and the calendar its clocks count in (the first-response
  // clock's policy, else the resolution clock's; none when it has no clock on the case).
  await sql.raw(`
    CREATE FUNCTION sb_sla_report_parties(p_case_ids text[])
    RETURNS TABLE (case_id text, org_id text, role text, calendar jsonb, critical_around_the_clock boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT p.case_id, p.org_id, p.role, k.policy->'calendar', (k.policy->>'criticalAroundTheClock')::boolean
      FROM case_participants p
      LEFT JOIN LATERAL (
        SELECT policy FROM case_sla_clocks WHERE case_id = p.case_id AND org_id = p.org_id ORDER BY target LIMIT 1
      ) k ON true
      WHERE p.case_id = ANY (p_case_ids)
        AND (sb_org_kind() = 'operator' OR sb_case_participant(p.case_id))
      ORDER BY p.case_id, p.org_id
    $$`).execute(db);

  for (const fn of [
    'sb_sla_report_clocks(text, timestamptz, timestamptz, text, text, text, integer)',
    'sb_sla_report_cases(text, timestamptz, timestamptz, text, integer)',
    'sb_sla_report_history(text[])',
    'sb_sla_report_parties(text[])',
  ]) {
    await sql.raw(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`).execute(db);
    await sql.raw(`GRANT EXECUTE ON FUNCTION ${fn} TO switchboard_app`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS sb_sla_report_clocks(text, timestamptz, timestamptz, text, text, text, integer),
    sb_sla_report_cases(text, timestamptz, timestamptz, text, integer), sb_sla_report_history(text[]), sb_sla_report_parties(text[])`.execute(db);
  await sql`DROP INDEX IF EXISTS cases_created_idx, case_sla_clocks_org_idx`.execute(db);
}
