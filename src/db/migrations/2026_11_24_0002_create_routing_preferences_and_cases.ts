/**
 * Frozen migration: partners' routing preferences, and cases that cross organizations — the
 * case, its participants (one row per organization, carrying the inbox's sort and filter keys),
 * messages with their visibility, attachments, and the event history. Row-level security as in
 * 0001: a case is visible to its participants; a message, attachment or event also by its
 * visibility (`public` to all participants, `partners` to all but the customer, `internal` to
 * the author's organization).
 */
import { sql, type Kysely } from 'kysely';

const TABLES = ['routing_preferences', 'cases', 'case_participants', 'case_messages', 'case_attachments', 'case_events'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE routing_preferences (
      partner_id text NOT NULL REFERENCES organizations(id),
      -- NULL: the partner-wide default; otherwise the preference for one offer.
      offer_id text REFERENCES offers(id),
      preference text NOT NULL CHECK (preference IN ('forward', 'tier1', 'direct')),
      updated_by text NOT NULL REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // One default and one per offer, per partner (NULL offer ids are not equal in a plain unique index).
  await sql`CREATE UNIQUE INDEX routing_preferences_default ON routing_preferences (partner_id) WHERE offer_id IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX routing_preferences_offer ON routing_preferences (partner_id, offer_id) WHERE offer_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE cases (
      id text PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL,
      category text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('critical', 'moderate', 'minimal')),
      status text NOT NULL CHECK (status IN ('new', 'open', 'pending_customer', 'pending_party', 'resolved', 'closed')),
      -- The requester's language, for answers and e-mail.
      language text NOT NULL CHECK (language IN ('en', 'ko')),
      subscription_id text REFERENCES subscriptions(id),
      offer_id text REFERENCES offers(id),
      customer_id text REFERENCES organizations(id),
      -- The chain at the time of opening, so routing can be explained later even if it changes.
      publisher_id text REFERENCES organizations(id),
      partner_id text REFERENCES organizations(id),
      provider_id text REFERENCES organizations(id),
      reseller_id text REFERENCES organizations(id),
      -- The marketplace operator: where partner and commerce cases escalate to.
      operator_id text REFERENCES organizations(id),
      requester_org_id text NOT NULL REFERENCES organizations(id),
      requester_user_id text NOT NULL REFERENCES users(id),
      -- The organization that owns the answer for the category.
      responsible_org_id text NOT NULL REFERENCES organizations(id),
      -- Whose turn it is, and who in that organization works it.
      holder_org_id text NOT NULL REFERENCES organizations(id),
      assignee_user_id text REFERENCES users(id),
      -- The publisher's own ticket number.
      external_reference text,
      -- The service-health incident the case is linked to.
      incident_id text,
      -- The routing decision that placed the case (rules fired, escalation path).
      routing jsonb NOT NULL,
      -- Incremented by every change; the ETag that If-Match is checked against.
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      closed_at timestamptz,
      search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(description, '')), 'B')
      ) STORED
    )`.execute(db);
  await sql`CREATE INDEX cases_search_idx ON cases USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX cases_customer_idx ON cases (customer_id, created_at)`.execute(db);
  await sql`CREATE INDEX cases_offer_open_idx ON cases (offer_id) WHERE status NOT IN ('resolved', 'closed')`.execute(db);

  await sql`
    CREATE TABLE case_participants (
      case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      role text NOT NULL CHECK (role IN ('customer', 'partner', 'provider', 'reseller', 'publisher', 'operator')),
      joined_at timestamptz NOT NULL DEFAULT now(),
      -- Copies of the case's inbox keys, kept in step by a trigger, so an organization's inbox is
      -- one index range scan however many cases exist.
      status text NOT NULL,
      category text NOT NULL,
      severity text NOT NULL,
      offer_id text,
      customer_id text,
      holder_org_id text NOT NULL,
      -- The holder's user who works the case: "assigned to me" is then one index range too.
      assignee_user_id text,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, org_id)
    )`.execute(db);
  await sql`CREATE INDEX case_participants_inbox_idx ON case_participants (org_id, updated_at DESC, case_id DESC)`.execute(db);
  await sql`CREATE INDEX case_participants_status_idx ON case_participants (org_id, status, updated_at DESC, case_id DESC)`.execute(db);
  await sql`CREATE INDEX case_participants_holder_idx ON case_participants (org_id, holder_org_id, updated_at DESC, case_id DESC)`.execute(db);
  // Filters that a walk of the inbox index would answer by reading all of an organization's cases
  // when they match few of them (one customer among thousands, one offer among hundreds, the cases
  // assigned to one agent): measured in docs/benchmarks.md.
  await sql`CREATE INDEX case_participants_customer_idx ON case_participants (org_id, customer_id, updated_at DESC, case_id DESC)`.execute(db);
  await sql`CREATE INDEX case_participants_offer_idx ON case_participants (org_id, offer_id, updated_at DESC, case_id DESC)`.execute(db);
  await sql`CREATE INDEX case_participants_assignee_idx ON case_participants (org_id, assignee_user_id, updated_at DESC, case_id DESC) WHERE assignee_user_id IS NOT NULL`.execute(db);
  // An agent's queue: what its organization holds, in one status ("my open cases").
  await sql`CREATE INDEX case_participants_holder_status_idx ON case_participants (org_id, holder_org_id, status, updated_at DESC, case_id DESC)`.execute(db);
  // An organization holds a large share of its own cases: without this the planner multiplies the
  // two selectivities as if independent and picks a bitmap of every held case for a narrow filter.
  await sql`CREATE STATISTICS case_participants_org_holder_stats (dependencies, mcv) ON org_id, holder_org_id FROM case_participants`.execute(db);

  await sql`
    CREATE TABLE case_messages (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      author_org_id text NOT NULL REFERENCES organizations(id),
      author_user_id text NOT NULL REFERENCES users(id),
      visibility text NOT NULL CHECK (visibility IN ('public', 'partners', 'internal')),
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_messages_case_idx ON case_messages (case_id, created_at, id)`.execute(db);

  await sql`
    CREATE TABLE case_attachments (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      message_id text NOT NULL REFERENCES case_messages(id) ON DELETE CASCADE,
      -- Copied from the message: an attachment is seen exactly by those who see its message.
      author_org_id text NOT NULL REFERENCES organizations(id),
      visibility text NOT NULL CHECK (visibility IN ('public', 'partners', 'internal')),
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      -- Kept in the database: one backup, the same row policy, no path to traverse.
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_attachments_message_idx ON case_attachments (message_id)`.execute(db);

  await sql`
    CREATE TABLE case_events (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      actor_org_id text NOT NULL REFERENCES organizations(id),
      actor_user_id text REFERENCES users(id),
      -- opened, routed, assigned, forwarded, escalated, handed_back, rerouted, replied, noted,
      -- resolved, reopened, closed, external_reference_set, …
      type text NOT NULL,
      -- Who may see the event: an internal note's event is as internal as the note.
      visibility text NOT NULL CHECK (visibility IN ('public', 'partners', 'internal')),
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_events_case_idx ON case_events (case_id, created_at, id)`.execute(db);

  // Whether the viewer's organization takes part in a case. SECURITY DEFINER so that the policy
  // of case_participants can ask it about its own table without recursing.
  await sql`
    CREATE FUNCTION sb_case_participant(target text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT EXISTS (SELECT 1 FROM case_participants WHERE case_id = target AND org_id = sb_org())
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_case_participant(text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_case_participant(text) TO switchboard_app`.execute(db);

  // Keeps every participant's inbox keys in step with the case.
  await sql`
    CREATE FUNCTION sb_sync_case_participants() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    BEGIN
      UPDATE case_participants SET status = NEW.status, category = NEW.category, severity = NEW.severity,
        offer_id = NEW.offer_id, customer_id = NEW.customer_id, holder_org_id = NEW.holder_org_id,
        assignee_user_id = NEW.assignee_user_id, updated_at = NEW.updated_at
      WHERE case_id = NEW.id;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER cases_sync_participants AFTER UPDATE ON cases FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.category IS DISTINCT FROM NEW.category
       OR OLD.severity IS DISTINCT FROM NEW.severity OR OLD.offer_id IS DISTINCT FROM NEW.offer_id
       OR OLD.holder_org_id IS DISTINCT FROM NEW.holder_org_id OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
       OR OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.assignee_user_id IS DISTINCT FROM NEW.assignee_user_id)
    EXECUTE FUNCTION sb_sync_case_participants()`.execute(db);
  // A new participation takes the case's keys as they are, whatever its insert says, so the
  // copies are right however and whenever an organization joins a case.
  await sql`
    CREATE FUNCTION sb_fill_case_participant() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    BEGIN
      SELECT c.status, c.category, c.severity, c.offer_id, c.customer_id, c.holder_org_id, c.assignee_user_id, c.updated_at
        INTO NEW.status, NEW.category, NEW.severity, NEW.offer_id, NEW.customer_id, NEW.holder_org_id, NEW.assignee_user_id, NEW.updated_at
        FROM cases c WHERE c.id = NEW.case_id;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER case_participants_fill_keys BEFORE INSERT ON case_participants FOR EACH ROW
    EXECUTE FUNCTION sb_fill_case_participant()`.execute(db);

  // The preference that applies to a partner's technical cases of an offer (its own for the offer,
  // else its default), for routing a case that another organization opens: the row policy hides a
  // partner's preferences from everyone else. Answers only the partner itself, the operator, or an
  // organization that shares a subscription of the offer with the partner (its customer, its
  // publisher, the other partner of record) — and only the value and whether it is the offer's own.
  await sql`
    CREATE FUNCTION sb_routing_preference(partner text, offer text) RETURNS TABLE (preference text, for_offer boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT rp.preference, rp.offer_id IS NOT NULL FROM routing_preferences rp
      WHERE rp.partner_id = partner AND (rp.offer_id = offer OR rp.offer_id IS NULL)
        AND (partner = sb_org() OR sb_org_kind() = 'operator' OR EXISTS (
          SELECT 1 FROM subscriptions s
          WHERE s.offer_id = offer AND partner IN (s.partner_id, s.provider_id, s.reseller_id)
            AND sb_org() IN (s.customer_id, s.publisher_id, s.partner_id, s.provider_id, s.reseller_id)))
      ORDER BY rp.offer_id IS NULL
      LIMIT 1
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_routing_preference(text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_routing_preference(text, text) TO switchboard_app`.execute(db);

  // The support split of an indirect subscription's active provider–reseller relationship, for
  // routing a case its customer or publisher opens: the row policy shows splits only to the two
  // sides and the operator. Answers only an organization that sees the subscription. No rows: no
  // active relationship; one row of NULLs: an active relationship with nothing stored (the default).
  await sql`
    CREATE FUNCTION sb_subscription_support_split(subscription text) RETURNS TABLE (category text, first_contact text, handler text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT ss.category, ss.first_contact, ss.handler
      FROM subscriptions s
      JOIN indirect_relationships ir ON ir.provider_id = s.provider_id AND ir.reseller_id = s.reseller_id AND ir.status = 'active'
      LEFT JOIN support_splits ss ON ss.relationship_id = ir.id
      WHERE s.id = subscription
        AND (sb_org() IN (s.customer_id, s.publisher_id, s.partner_id, s.provider_id, s.reseller_id) OR sb_org_kind() = 'operator')
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_subscription_support_split(text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_subscription_support_split(text) TO switchboard_app`.execute(db);

  for (const table of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`
      DO $$ BEGIN
        EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', ${sql.lit(table)}, current_user);
      END $$`.execute(db);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO switchboard_app`.execute(db);
  }

  const seen = `(visibility = 'public' OR (visibility = 'partners' AND sb_org_kind() <> 'customer') OR (visibility = 'internal' AND %AUTHOR% = sb_org()))`;
  const policies: string[] = [
    `CREATE POLICY app_select ON routing_preferences FOR SELECT TO switchboard_app USING (partner_id = sb_org() OR sb_org_kind() = 'operator')`,
    `CREATE POLICY app_write ON routing_preferences FOR ALL TO switchboard_app USING (partner_id = sb_org()) WITH CHECK (partner_id = sb_org())`,

    // A case: its participants. The requester inserts it and then itself as the first participant.
    `CREATE POLICY app_select ON cases FOR SELECT TO switchboard_app USING (sb_case_participant(id) OR requester_org_id = sb_org())`,
    `CREATE POLICY app_insert ON cases FOR INSERT TO switchboard_app WITH CHECK (requester_org_id = sb_org())`,
    `CREATE POLICY app_update ON cases FOR UPDATE TO switchboard_app USING (sb_case_participant(id)) WITH CHECK (sb_case_participant(id))`,

    `CREATE POLICY app_select ON case_participants FOR SELECT TO switchboard_app USING (org_id = sb_org() OR sb_case_participant(case_id))`,
    `CREATE POLICY app_insert ON case_participants FOR INSERT TO switchboard_app WITH CHECK (
       sb_case_participant(case_id) OR (org_id = sb_org() AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id AND c.requester_org_id = sb_org())))`,
    `CREATE POLICY app_update ON case_participants FOR UPDATE TO switchboard_app USING (sb_case_participant(case_id))`,

    `CREATE POLICY app_select ON case_messages FOR SELECT TO switchboard_app USING (sb_case_participant(case_id) AND ${seen.replace('%AUTHOR%', 'author_org_id')})`,
    `CREATE POLICY app_insert ON case_messages FOR INSERT TO switchboard_app WITH CHECK (sb_case_participant(case_id) AND author_org_id = sb_org())`,
    `CREATE POLICY app_select ON case_attachments FOR SELECT TO switchboard_app USING (sb_case_participant(case_id) AND ${seen.replace('%AUTHOR%', 'author_org_id')})`,
    `CREATE POLICY app_insert ON case_attachments FOR INSERT TO switchboard_app WITH CHECK (sb_case_participant(case_id) AND author_org_id = sb_org())`,
    `CREATE POLICY app_select ON case_events FOR SELECT TO switchboard_app USING (sb_case_participant(case_id) AND ${seen.replace('%AUTHOR%', 'actor_org_id')})`,
    `CREATE POLICY app_insert ON case_events FOR INSERT TO switchboard_app WITH CHECK (sb_case_participant(case_id) AND actor_org_id = sb_org())`,
  ];
  for (const policy of policies) await sql.raw(policy).execute(db);

  // The inbox: the viewer's organization's participations with what a list shows of each case —
  // its title, and the names of its holder, customer and offer (the organizations of a case one
  // takes part in are known to each other). A view reads with its owner's rights: its own WHERE
  // keeps it to the viewer's organization, and the planner is free to use every index — under the
  // row policies it may not (a full-text match is not leakproof, so it could not use the GIN
  // index, and every name would evaluate the organizations policy's subqueries). Not a
  // security_barrier view: that would plan it apart from the query's filters, order and limit.
  // The application role only reads it, and runs no SQL but the repositories' (docs/adr/0005).
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
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW IF EXISTS case_inbox`.execute(db);
  for (const table of [...TABLES].reverse()) await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_case_participant(text), sb_sync_case_participants(), sb_fill_case_participant()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_routing_preference(text, text), sb_subscription_support_split(text)`.execute(db);
}
