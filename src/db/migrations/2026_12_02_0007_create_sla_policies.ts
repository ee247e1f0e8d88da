/**
 * Frozen migration: SLA policies (SPEC section 6) — what partners and the operator commit to, and
 * who published each agreement version (the publisher's commitments travel with its agreement).
 *
 * - sla_policies: per organization and scope (`all`, or one support category), insert-only
 *   versions; the current one is the highest. A version with no policy withdraws the scope's
 *   policy (the wider scope, or the default, applies again). Nobody changes a version once set: a
 *   trigger refuses UPDATE even to the owner, and the application role has no UPDATE or DELETE.
 * - Row security: an organization reads and adds its own versions (partners and the operator
 *   only, each within the scopes its kind may set), the operator reads all. The participants of a
 *   case read the policies that may apply to it (scope `all` and the categories the case has had) only through `sb_case_sla_policies` and the agreement
 *   versions of its offer (with the one its subscription accepted) through `sb_case_agreements`:
 *   both answer a participant of the case, or the owner itself (the worker's transactions), and
 *   nothing else.
 * - agreements.published_by: the user who published a version; filled for earlier versions from
 *   the audit log where it tells (`agreement.published`), null where it does not.
 */
import { sql, type Kysely } from 'kysely';

const CATEGORIES = ['billing', 'payment', 'subscription', 'account_setup', 'technical_howto', 'technical_breakfix', 'service_outage', 'csp_program', 'commerce_platform'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    CREATE TABLE sla_policies (
      org_id text NOT NULL REFERENCES organizations(id),
      -- 'all': every case the organization holds; otherwise one support category (it overrides 'all').
      scope text NOT NULL CHECK (scope IN ('all', ${list(CATEGORIES)})),
      version integer NOT NULL CHECK (version >= 1),
      -- {critical|moderate|minimal: {firstResponseMinutes, resolutionMinutes}} in business minutes;
      -- the three policy columns are all null for a version that withdrew the scope's policy.
      targets jsonb CHECK (jsonb_typeof(targets) = 'object'),
      -- A SupportCalendar: {timeZone, week: {mon…sun: [{start, end}]}, holidays: ['YYYY-MM-DD']}.
      calendar jsonb CHECK (jsonb_typeof(calendar) = 'object'),
      critical_around_the_clock boolean,
      set_by text NOT NULL REFERENCES users(id),
      set_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, scope, version),
      CHECK ((targets IS NULL) = (calendar IS NULL) AND (targets IS NULL) = (critical_around_the_clock IS NULL))
    )`).execute(db);

  await sql`
    CREATE FUNCTION sb_sla_policies_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'sla_policies versions never change: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER sla_policies_insert_only BEFORE UPDATE ON sla_policies FOR EACH ROW EXECUTE FUNCTION sb_sla_policies_insert_only()`.execute(db);

  await sql`ALTER TABLE sla_policies ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE sla_policies FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    DO $$ BEGIN
      EXECUTE format('CREATE POLICY owner_all ON sla_policies TO %I USING (true) WITH CHECK (true)', current_user);
    END $$`.execute(db);
  await sql`GRANT SELECT, INSERT ON sla_policies TO switchboard_app`.execute(db);
  await sql.raw(`CREATE POLICY app_select ON sla_policies FOR SELECT TO switchboard_app USING (org_id = sb_org() OR sb_org_kind() = 'operator')`).execute(db);
  // As the viewer itself, and only the scopes its kind may set (src/core/sla-policy.ts scopesFor).
  await sql.raw(`CREATE POLICY app_insert ON sla_policies FOR INSERT TO switchboard_app WITH CHECK (
    org_id = sb_org() AND set_by = sb_setting('app.user_id')
    AND ((sb_org_kind() = 'partner' AND scope <> 'csp_program')
      OR (sb_org_kind() = 'operator' AND scope IN ('all', 'commerce_platform', 'billing', 'payment', 'subscription', 'account_setup'))))`).execute(db);

  // Who published an agreement version (null for versions the audit log tells nothing of).
  await sql`ALTER TABLE agreements ADD COLUMN published_by text REFERENCES users(id)`.execute(db);
  await sql`
    UPDATE agreements a SET published_by = l.actor_user_id
    FROM audit_log l
    WHERE l.action = 'agreement.published' AND l.subject_type = 'agreement' AND l.subject_id = a.id AND l.org_id = a.publisher_id
      AND EXISTS (SELECT 1 FROM users u WHERE u.id = l.actor_user_id)`.execute(db);

  // The caller takes part in the case, or is the owner itself (not acting as the application
  // role: the worker's and the demo's transactions), inside a SECURITY DEFINER function, where
  // current_user is the owner and the role setting still says what the transaction set.
  const caller = `(sb_case_participant(target_case) OR (current_setting('role') = 'none' AND session_user = current_user))`;

  // The policy versions that may apply to a case: of its participants, of scope 'all' and of each
  // category the case has had (its own, and those it was rerouted from: a party's clocks started
  // under the category of their time) — every version, since which one is in force depends on
  // when the case opened.
  await sql.raw(`
    CREATE FUNCTION sb_case_sla_policies(target_case text)
    RETURNS TABLE (org_id text, scope text, version integer, targets jsonb, calendar jsonb, critical_around_the_clock boolean, set_by text, set_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT p.org_id, p.scope, p.version, p.targets, p.calendar, p.critical_around_the_clock, p.set_by, p.set_at
      FROM cases c
      JOIN case_participants cp ON cp.case_id = c.id
      JOIN sla_policies p ON p.org_id = cp.org_id
      WHERE c.id = target_case AND ${caller}
        AND (p.scope IN ('all', c.category) OR p.scope IN (
          SELECT e.data->>'fromCategory' FROM case_events e WHERE e.case_id = c.id AND e.type = 'rerouted'))
      ORDER BY p.org_id, p.scope, p.version
    $$`).execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_case_sla_policies(text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_case_sla_policies(text) TO switchboard_app`.execute(db);

  // Every agreement version of the case's offer, and the version its subscription accepted (null
  // for a case without one). Agreements are public to signed-in organizations; the accepted
  // version is what a participant may not otherwise read (a subscription's row is its parties').
  await sql.raw(`
    CREATE FUNCTION sb_case_agreements(target_case text)
    RETURNS TABLE (offer_id text, version integer, commitments jsonb, published_at timestamptz, published_by text, accepted_version integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT a.offer_id, a.version, a.commitments, a.published_at, a.published_by, s.agreement_version
      FROM cases c
      JOIN agreements a ON a.offer_id = c.offer_id
      LEFT JOIN subscriptions s ON s.id = c.subscription_id
      WHERE c.id = target_case AND ${caller}
      ORDER BY a.version
    $$`).execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_case_agreements(text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_case_agreements(text) TO switchboard_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS sb_case_sla_policies(text), sb_case_agreements(text)`.execute(db);
  await sql`ALTER TABLE agreements DROP COLUMN IF EXISTS published_by`.execute(db);
  await sql`DROP TABLE IF EXISTS sla_policies CASCADE`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_sla_policies_insert_only()`.execute(db);
}
