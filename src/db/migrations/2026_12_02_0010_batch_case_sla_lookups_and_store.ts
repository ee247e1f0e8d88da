/**
 * Frozen migration: the SLA look-ups of migration 0007 for many cases in one call, for the clocks
 * of a scan round or a back-fill (hundreds of cases at once) — `sb_cases_sla_policies(text[])` and
 * `sb_cases_agreements(text[])`, each one planned statement over all the cases named instead of a
 * call per case (0007's functions, called through LATERAL per case, cost 0.1–0.2 ms a case at a
 * million cases: 200–300 ms for the 1,000 cases of a scan with 1,000 clocks due).
 *
 * They answer exactly what 0007's answer case by case, each row with its case: the policy
 * versions that may apply to the case (its participants', of scope 'all' and of each category the
 * case has had) and the agreement versions of its offer with the one its subscription accepted —
 * for each case named of which the caller is a participant, or for all of them when the caller is
 * the owner itself (the worker's transactions), and nothing for the others. Cases named twice are
 * answered once. 0007's functions stay (one case at a time).
 *
 * And `sb_store_case_sla_clocks` (0008) again, the same but for one thing: a clock whose stored
 * row already says what it is given (all but `updated_at`) is left as it is — no new row version,
 * no index entries (a met or paused clock recomputed at a change of its case, a running one
 * recomputed at the same instant). Its `updated_at` then stays when the clock last changed. The
 * participants' deadlines were already written only where they changed.
 */
import { sql, type Kysely } from 'kysely';

const caller = `(sb_case_participant(c.id) OR (current_setting('role') = 'none' AND session_user = current_user))`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE FUNCTION sb_cases_sla_policies(target_cases text[])
    RETURNS TABLE (case_id text, org_id text, scope text, version integer, targets jsonb, calendar jsonb, critical_around_the_clock boolean, set_by text, set_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT c.id, p.org_id, p.scope, p.version, p.targets, p.calendar, p.critical_around_the_clock, p.set_by, p.set_at
      FROM cases c
      JOIN case_participants cp ON cp.case_id = c.id
      JOIN sla_policies p ON p.org_id = cp.org_id
      WHERE c.id = ANY (target_cases) AND ${caller}
        AND (p.scope IN ('all', c.category) OR p.scope IN (
          SELECT e.data->>'fromCategory' FROM case_events e WHERE e.case_id = c.id AND e.type = 'rerouted'))
      ORDER BY c.id, p.org_id, p.scope, p.version
    $$`).execute(db);
  await sql.raw(`
    CREATE FUNCTION sb_cases_agreements(target_cases text[])
    RETURNS TABLE (case_id text, offer_id text, version integer, commitments jsonb, published_at timestamptz, published_by text, accepted_version integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT c.id, a.offer_id, a.version, a.commitments, a.published_at, a.published_by, s.agreement_version
      FROM cases c
      JOIN agreements a ON a.offer_id = c.offer_id
      LEFT JOIN subscriptions s ON s.id = c.subscription_id
      WHERE c.id = ANY (target_cases) AND ${caller}
      ORDER BY c.id, a.version
    $$`).execute(db);
  await storeFunction(db, true);
  for (const fn of ['sb_cases_sla_policies(text[])', 'sb_cases_agreements(text[])']) {
    await sql.raw(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`).execute(db);
    await sql.raw(`GRANT EXECUTE ON FUNCTION ${fn} TO switchboard_app`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await storeFunction(db, false);
  await sql`DROP FUNCTION IF EXISTS sb_cases_sla_policies(text[]), sb_cases_agreements(text[])`.execute(db);
}

/** `sb_store_case_sla_clocks` as 0008 made it, or (`unchangedLeft`) leaving alone the clocks that did not change. */
async function storeFunction(db: Kysely<any>, unchangedLeft: boolean): Promise<void> {
  const onlyChanged = unchangedLeft
    ? `
      WHERE (k.role, k.visibility, k.policy, k.status, k.target_minutes, k.elapsed_ms, k.due_at, k.warn_at, k.met_at, k.breached_at, k.cycle, k.notice_at)
        IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.visibility, EXCLUDED.policy, EXCLUDED.status, EXCLUDED.target_minutes, EXCLUDED.elapsed_ms,
          EXCLUDED.due_at, EXCLUDED.warn_at, EXCLUDED.met_at, EXCLUDED.breached_at, EXCLUDED.cycle, EXCLUDED.notice_at)`
    : '';
  // CREATE OR REPLACE keeps the grants of 0008.
  await sql.raw(`
    CREATE OR REPLACE FUNCTION sb_store_case_sla_clocks(clocks jsonb, deadlines jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    BEGIN
      IF NOT (current_setting('role') = 'none' AND session_user = current_user) AND EXISTS (
        SELECT 1 FROM (
          SELECT x.case_id FROM jsonb_to_recordset(clocks) AS x(case_id text)
          UNION SELECT d.case_id FROM jsonb_to_recordset(deadlines) AS d(case_id text)
        ) named WHERE NOT sb_case_participant(named.case_id)) THEN
        RAISE EXCEPTION 'SLA clocks of a case the caller takes no part in' USING ERRCODE = 'insufficient_privilege';
      END IF;
      INSERT INTO case_sla_clocks AS k (case_id, org_id, target, role, visibility, policy, status, target_minutes, elapsed_ms,
          due_at, warn_at, met_at, breached_at, cycle, notice_at, updated_at)
        SELECT x.case_id, x.org_id, x.target, x.role, x.visibility, x.policy, x.status, x.target_minutes, x.elapsed_ms,
          x.due_at, x.warn_at, x.met_at, x.breached_at, x.cycle, x.notice_at, x.updated_at
        FROM jsonb_to_recordset(clocks) AS x(case_id text, org_id text, target text, role text, visibility text, policy jsonb,
          status text, target_minutes integer, elapsed_ms bigint, due_at timestamptz, warn_at timestamptz, met_at timestamptz,
          breached_at timestamptz, cycle integer, notice_at timestamptz, updated_at timestamptz)
      ON CONFLICT (case_id, org_id, target) DO UPDATE SET
        role = EXCLUDED.role, visibility = EXCLUDED.visibility, policy = EXCLUDED.policy, status = EXCLUDED.status,
        target_minutes = EXCLUDED.target_minutes, elapsed_ms = EXCLUDED.elapsed_ms, due_at = EXCLUDED.due_at,
        warn_at = EXCLUDED.warn_at, met_at = EXCLUDED.met_at, breached_at = EXCLUDED.breached_at, cycle = EXCLUDED.cycle,
        notice_at = EXCLUDED.notice_at, updated_at = EXCLUDED.updated_at${onlyChanged};
      UPDATE case_participants p SET due_at = d.due_at, sla_breached = d.sla_breached
        FROM jsonb_to_recordset(deadlines) AS d(case_id text, org_id text, due_at timestamptz, sla_breached boolean)
        WHERE p.case_id = d.case_id AND p.org_id = d.org_id
          AND (p.due_at IS DISTINCT FROM d.due_at OR p.sla_breached IS DISTINCT FROM d.sla_breached);
    END $$`).execute(db);
}
