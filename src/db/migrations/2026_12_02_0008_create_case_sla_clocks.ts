/**
 * Frozen migration: the SLA clocks of every case (SPEC section 6), the once-only guard of their
 * warnings and breaches, and each organization's next deadline on its inbox rows.
 *
 * - case_sla_clocks: one row per case, party and target (`first_response`, `resolution`) — the
 *   clock as it stood at the case's last change or the scan's last look: status, business time
 *   elapsed, when it falls due and when its warning is, met and breached times, the policy that
 *   applied and why. Written by the application in the transaction of every change of the case,
 *   and by the scan; read at the case's read, where the clock is carried on to the reading time.
 *   `cycle` counts the clock's restarts (a met or breached clock that runs again after a reopen,
 *   a hand back or a reroute), so a new warning or breach of a later cycle can be told.
 *   `notice_at` is when the scan next has something to tell of the clock (its warning not yet told
 *   this cycle, else its breach), null when nothing: the scan is one range of its index.
 * - case_sla_notices: a warning or breach told, per case, party, target, kind and cycle. The scan
 *   inserts it with ON CONFLICT DO NOTHING in the transaction that records the event, so several
 *   workers at once tell each once. Never updated or deleted: a breach a later change undoes
 *   (a reopen, a reroute) stays told.
 * - case_participants.due_at / sla_breached: the organization's own next deadline on the case
 *   (the nearest due time of its running clocks, null when none) and whether any of its clocks is
 *   breached, kept by the same writes; `case_inbox` shows them, and sort=due is one index range.
 * - Row security: the case's participants read its clocks — a customer those made to it
 *   (`visibility` 'public'), not the partners' internal ones (`partners`: the operator's, and a
 *   first response owed for receiving the case by an escalation) — and the notices of the clocks
 *   they may read. The application role writes clocks only through `sb_store_case_sla_clocks`,
 *   in the transaction of a change of the case, for every party (a customer's reply resumes the
 *   partners' clocks too, which the customer may not read: an upsert under its row policy could
 *   not touch them): the function answers a participant of every case it is given, or the owner
 *   (the scan), and writes only the clocks and the participants' deadlines of those cases.
 *   Notices are written by the scan, as the owner.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = ['case_sla_clocks', 'case_sla_notices'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE case_sla_clocks (
      case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      target text NOT NULL CHECK (target IN ('first_response', 'resolution')),
      -- The party's role in the case when the clock was last computed.
      role text NOT NULL CHECK (role IN ('partner', 'provider', 'reseller', 'publisher', 'operator')),
      -- 'public': every participant sees the clock; 'partners': all but the customer.
      visibility text NOT NULL CHECK (visibility IN ('public', 'partners')),
      -- The policy that applied and why: {source, why: {en, ko}, targets, calendar, criticalAroundTheClock}.
      policy jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object'),
      status text NOT NULL CHECK (status IN ('running', 'paused', 'met', 'breached')),
      target_minutes integer NOT NULL CHECK (target_minutes > 0),
      elapsed_ms bigint NOT NULL CHECK (elapsed_ms >= 0),
      due_at timestamptz,
      warn_at timestamptz,
      met_at timestamptz,
      breached_at timestamptz,
      cycle integer NOT NULL DEFAULT 1 CHECK (cycle >= 1),
      notice_at timestamptz,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, org_id, target)
    )`.execute(db);
  // The scan: the clocks with something to tell by now, nearest first.
  await sql`CREATE INDEX case_sla_clocks_notice_idx ON case_sla_clocks (notice_at, case_id) WHERE notice_at IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE case_sla_notices (
      case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      target text NOT NULL CHECK (target IN ('first_response', 'resolution')),
      kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
      cycle integer NOT NULL CHECK (cycle >= 1),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, org_id, target, kind, cycle)
    )`.execute(db);
  await sql`
    CREATE FUNCTION sb_case_sla_notices_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'case_sla_notices are never changed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER case_sla_notices_insert_only BEFORE UPDATE ON case_sla_notices FOR EACH ROW EXECUTE FUNCTION sb_case_sla_notices_insert_only()`.execute(db);

  await sql`
    ALTER TABLE case_participants
      -- The organization's own next deadline on the case: the nearest due time of its running clocks.
      ADD COLUMN due_at timestamptz,
      -- Whether one of the organization's clocks on the case is breached.
      ADD COLUMN sla_breached boolean NOT NULL DEFAULT false`.execute(db);
  // sort=due: one range of the organization's cases with a deadline, nearest first (those without follow).
  await sql`CREATE INDEX case_participants_due_idx ON case_participants (org_id, due_at, case_id) WHERE due_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX case_participants_breached_idx ON case_participants (org_id, updated_at DESC, case_id DESC) WHERE sla_breached`.execute(db);

  for (const table of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`
      DO $$ BEGIN
        EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', ${sql.lit(table)}, current_user);
      END $$`.execute(db);
  }
  await sql`GRANT SELECT ON case_sla_clocks, case_sla_notices TO switchboard_app`.execute(db);
  const policies = [
    `CREATE POLICY app_select ON case_sla_clocks FOR SELECT TO switchboard_app USING (
       sb_case_participant(case_id) AND (visibility = 'public' OR sb_org_kind() <> 'customer'))`,
    // A notice as visible as its clock (the subquery reads under the clocks' row policy).
    `CREATE POLICY app_select ON case_sla_notices FOR SELECT TO switchboard_app USING (EXISTS (
       SELECT 1 FROM case_sla_clocks k WHERE k.case_id = case_sla_notices.case_id AND k.org_id = case_sla_notices.org_id AND k.target = case_sla_notices.target))`,
  ];
  for (const policy of policies) await sql.raw(policy).execute(db);

  // Stores the clocks of cases as computed by the application, and each participant's deadline
  // (`deadlines`: case_id, org_id, due_at, sla_breached; every participant of a case given, null
  // and false when it has none). Answers only a participant of every case named, or the owner
  // itself (the scan), as sb_case_sla_policies does (0007).
  await sql.raw(`
    CREATE FUNCTION sb_store_case_sla_clocks(clocks jsonb, deadlines jsonb) RETURNS void
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
        notice_at = EXCLUDED.notice_at, updated_at = EXCLUDED.updated_at;
      UPDATE case_participants p SET due_at = d.due_at, sla_breached = d.sla_breached
        FROM jsonb_to_recordset(deadlines) AS d(case_id text, org_id text, due_at timestamptz, sla_breached boolean)
        WHERE p.case_id = d.case_id AND p.org_id = d.org_id
          AND (p.due_at IS DISTINCT FROM d.due_at OR p.sla_breached IS DISTINCT FROM d.sla_breached);
    END $$`).execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_store_case_sla_clocks(jsonb, jsonb) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_store_case_sla_clocks(jsonb, jsonb) TO switchboard_app`.execute(db);

  // The inbox view of 0002 with the two new columns appended (CREATE OR REPLACE keeps the grant;
  // new columns may only come last).
  await sql`
    CREATE OR REPLACE VIEW case_inbox WITH (security_invoker = false) AS
      SELECT p.org_id, p.case_id, p.role, p.status, p.category, p.severity, p.offer_id, p.customer_id,
        p.holder_org_id, p.assignee_user_id, p.updated_at, c.title, c.created_at, c.search_vector,
        h.name AS holder_name, cu.name AS customer_name, o.name AS offer_name,
        p.due_at, p.sla_breached
      FROM case_participants p
      JOIN cases c ON c.id = p.case_id
      LEFT JOIN organizations h ON h.id = p.holder_org_id
      LEFT JOIN organizations cu ON cu.id = p.customer_id
      LEFT JOIN offers o ON o.id = p.offer_id
      WHERE p.org_id = sb_org()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW IF EXISTS case_inbox`.execute(db);
  await sql`
    CREATE VIEW case_inbox WITH (security_invoker = false) AS
      SELECT p.org_id, p.case_id, p.role, p.status, p.category, p.severity, p.offer_id, p.customer_id,
        p.holder_org_id, p.assignee_user_id, p.updated_at, c.title, c.created_at, c.search_vector,
        h.name AS holder_name, cu.name AS customer_name, o.name AS offer_name
      FROM case_participants p
      JOIN cases c ON c.id = p.case_id
      LEFT JOIN organizations h ON h.id = p.holder_org_id
      LEFT JOIN organizations cu ON cu.id = p.customer_id
      LEFT JOIN offers o ON o.id = p.offer_id
      WHERE p.org_id = sb_org()`.execute(db);
  await sql`GRANT SELECT ON case_inbox TO switchboard_app`.execute(db);
  await sql`DROP INDEX IF EXISTS case_participants_due_idx, case_participants_breached_idx`.execute(db);
  await sql`ALTER TABLE case_participants DROP COLUMN IF EXISTS due_at, DROP COLUMN IF EXISTS sla_breached`.execute(db);
  for (const table of [...TABLES].reverse()) await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_case_sla_notices_insert_only(), sb_store_case_sla_clocks(jsonb, jsonb)`.execute(db);
}
