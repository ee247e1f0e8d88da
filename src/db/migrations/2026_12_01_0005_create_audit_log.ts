/**
 * Frozen migration: the audit log — who changed what in an organization, when and from where.
 *
 * Each organization has its own log (org_id); a change that concerns another organization too (a
 * purchase for a customer, a relationship's split) is written once in each organization's log.
 * Failed sign-ins naming no known user have no organization: only the operator reads those.
 *
 * The application role may read its organization's log (the operator every log) and add to it,
 * never change or remove an entry: it holds no UPDATE or DELETE grant, and a trigger refuses both
 * (and TRUNCATE) even to the owner, except through the retention function `sb_purge_audit_log`.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      id text PRIMARY KEY,
      -- The organization whose log this entry belongs to; null for a failed sign-in naming no known user.
      -- No foreign keys here or below: a log outlives what it tells of.
      org_id text,
      -- Who acted: null for the system and for an unknown party (a failed sign-in).
      actor_user_id text,
      actor_org_id text,
      -- How the actor proved who it is: a session, an API token, the command line, or none (system).
      via text NOT NULL CHECK (via IN ('session', 'token', 'system', 'cli')),
      -- A stable dotted code such as user.roles_changed or subscription.purchased.
      action text NOT NULL CHECK (action ~ '^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$' AND length(action) <= 100),
      -- What the action was about (an entity kind and its id).
      subject_type text NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 64),
      subject_id text CHECK (length(subject_id) <= 200),
      -- {field: {before, after}}, only the fields that changed; secrets never (masked as "[redacted]").
      changes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object'),
      -- Facts of the action that are not a change (the e-mail a failed sign-in named, the delivery replayed).
      details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
      -- Where the request came from: the client address as the server saw it, its user agent (cut to 512), its id.
      ip text CHECK (length(ip) <= 100),
      user_agent text CHECK (length(user_agent) <= 512),
      request_id text CHECK (length(request_id) <= 100),
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // An organization's log, newest first, and its filters; the operator's log of every organization.
  await sql`CREATE INDEX audit_log_org_idx ON audit_log (org_id, occurred_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_org_action_idx ON audit_log (org_id, action, occurred_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_org_subject_idx ON audit_log (org_id, subject_type, subject_id, occurred_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_org_actor_idx ON audit_log (org_id, actor_user_id, occurred_at DESC, id DESC)`.execute(db);

  // Whether the viewer's organization and `target` both take part in the subject, so that an entry
  // about it may go into target's log too: a subscription's parties, a relationship's two sides, a
  // customer that the viewer serves. A tenant can't write into the log of an organization it has
  // nothing to do with.
  await sql`
    CREATE FUNCTION sb_audit_shares_subject(target text, kind text, subject text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT sb_org() IS NOT NULL AND target IS NOT NULL AND CASE kind
        WHEN 'subscription' THEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = subject
          AND target IN (s.customer_id, s.partner_id, s.provider_id, s.reseller_id, s.publisher_id)
          AND sb_org() IN (s.customer_id, s.partner_id, s.provider_id, s.reseller_id, s.publisher_id))
        WHEN 'indirect_relationship' THEN EXISTS (SELECT 1 FROM indirect_relationships r WHERE r.id = subject
          AND target IN (r.provider_id, r.reseller_id) AND sb_org() IN (r.provider_id, r.reseller_id))
        WHEN 'customer_relationship' THEN EXISTS (SELECT 1 FROM customer_relationships r WHERE r.id = subject
          AND target IN (r.customer_id, r.partner_id) AND sb_org() IN (r.customer_id, r.partner_id))
        WHEN 'organization' THEN target = subject AND EXISTS (SELECT 1 FROM customer_relationships r
          WHERE r.customer_id = target AND r.partner_id = sb_org())
        ELSE false END
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_audit_shares_subject(text, text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_audit_shares_subject(text, text, text) TO switchboard_app`.execute(db);

  // A failed sign-in, written from an anonymous transaction: into the log of each organization
  // with a user of that e-mail (its admins see attempts on their users; `target_user` narrows it to
  // the one user the attempt was checked against), or, naming no user, into no organization's (the
  // operator's only). The caller passes fresh ids and can't choose the organization, so it can't
  // write into anyone's log but those.
  await sql`
    CREATE FUNCTION sb_record_sign_in_failure(entry_ids text[], attempted_email text, target_user text, failure_reason text, client_ip text, client_agent text, client_request text)
    RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    DECLARE
      wanted text := lower(left(attempted_email, 320));
      found record;
      written integer := 0;
    BEGIN
      FOR found IN
        SELECT u.id, u.org_id FROM users u
        WHERE u.email = wanted AND (target_user IS NULL OR u.id = target_user)
        ORDER BY u.org_id, u.id LIMIT cardinality(entry_ids)
      LOOP
        written := written + 1;
        INSERT INTO audit_log (id, org_id, actor_user_id, actor_org_id, via, action, subject_type, subject_id, details, ip, user_agent, request_id)
        VALUES (entry_ids[written], found.org_id, NULL, NULL, 'session', 'auth.sign_in_failed', 'user', found.id,
                jsonb_build_object('email', wanted, 'reason', left(failure_reason, 100)),
                left(client_ip, 100), left(client_agent, 512), left(client_request, 100));
      END LOOP;
      IF written = 0 AND cardinality(entry_ids) > 0 THEN
        written := 1;
        INSERT INTO audit_log (id, org_id, actor_user_id, actor_org_id, via, action, subject_type, subject_id, details, ip, user_agent, request_id)
        VALUES (entry_ids[1], NULL, NULL, NULL, 'session', 'auth.sign_in_failed', 'user', NULL,
                jsonb_build_object('email', wanted, 'reason', left(failure_reason, 100)),
                left(client_ip, 100), left(client_agent, 512), left(client_request, 100));
      END IF;
      RETURN written;
    END $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_record_sign_in_failure(text[], text, text, text, text, text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_record_sign_in_failure(text[], text, text, text, text, text, text) TO switchboard_app`.execute(db);

  // Append-only: no entry changes, none goes, unless the retention function says so.
  await sql`
    CREATE FUNCTION sb_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('app.audit_retention', true) = 'on' THEN RETURN OLD; END IF;
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION sb_audit_log_append_only()`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION sb_audit_log_append_only()`.execute(db);
  // Removes the entries older than a time; the owner's alone (retention), never the application role's.
  await sql`
    CREATE FUNCTION sb_purge_audit_log(older_than timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    DECLARE removed bigint;
    BEGIN
      PERFORM set_config('app.audit_retention', 'on', true);
      DELETE FROM audit_log WHERE occurred_at < older_than;
      GET DIAGNOSTICS removed = ROW_COUNT;
      PERFORM set_config('app.audit_retention', '', true);
      RETURN removed;
    END $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_purge_audit_log(timestamptz) FROM PUBLIC`.execute(db);

  await sql`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE audit_log FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    DO $$ BEGIN
      EXECUTE format('CREATE POLICY owner_all ON audit_log TO %I USING (true) WITH CHECK (true)', current_user);
    END $$`.execute(db);
  await sql`GRANT SELECT, INSERT ON audit_log TO switchboard_app`.execute(db);
  // Read: the organization's own log; the operator every log, the org-less entries included.
  await sql.raw(`CREATE POLICY app_select ON audit_log FOR SELECT TO switchboard_app USING (org_id = sb_org() OR sb_org_kind() = 'operator')`).execute(db);
  // Write: as the viewer itself (its organization and user), into its own log or into the log of
  // an organization that shares the subject with it.
  await sql.raw(`CREATE POLICY app_insert ON audit_log FOR INSERT TO switchboard_app WITH CHECK (
    actor_org_id = sb_org() AND actor_user_id IS NOT DISTINCT FROM sb_setting('app.user_id')
    AND (org_id = sb_org() OR sb_audit_shares_subject(org_id, subject_type, subject_id)))`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS audit_log CASCADE`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_audit_shares_subject(text, text, text), sb_record_sign_in_failure(text[], text, text, text, text, text, text), sb_audit_log_append_only(), sb_purge_audit_log(timestamptz)`.execute(db);
}
