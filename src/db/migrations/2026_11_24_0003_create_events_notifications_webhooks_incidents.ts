/**
 * Frozen migration: the transactional outbox of domain events and what is delivered from it —
 * in-app notifications, e-mails, webhook endpoints with their deliveries and attempts — and
 * service health: incidents of publishers' offers, their updates, and partners' choice of telling
 * their customers. Row-level security as in 0001: deny by default, one's own rows only.
 *
 * Terminology:
 * - event: one change of SPEC section 8's list, written in the transaction of the change.
 * - recipient: an organization an event reaches (resolved by the fan-out job, in batches).
 * - delivery: one event to one webhook endpoint; an attempt is one HTTP request of a delivery.
 */
import { sql, type Kysely } from 'kysely';

const TABLES = [
  'domain_events', 'event_recipients', 'notifications', 'notification_preferences', 'email_deliveries',
  'webhook_endpoints', 'webhook_deliveries', 'webhook_attempts',
  'incidents', 'incident_offers', 'incident_updates', 'partner_notice_settings',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE domain_events (
      id text PRIMARY KEY,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      -- Who made the change; NULL for changes the system makes (a clock, a job).
      actor_org_id text REFERENCES organizations(id),
      actor_user_id text REFERENCES users(id),
      -- What the event is about, so a recipient can follow it (case, incident, subscription).
      subject_type text NOT NULL CHECK (subject_type IN ('case', 'incident', 'subscription')),
      subject_id text NOT NULL,
      -- The payload delivered to webhooks as it is, and the source of notification texts.
      data jsonb NOT NULL,
      -- The organizations it reaches when the change knew them (a case's participants); NULL when
      -- the fan-out resolves them in batches (an incident's partners and customers).
      audience_org_ids text[],
      -- Set when the relay has handed the event to the fan-out job.
      dispatched_at timestamptz,
      -- The fan-out's progress: the last recipient organization written, and when it finished.
      fanout_cursor text,
      fanned_out_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX domain_events_undispatched_idx ON domain_events (occurred_at, id) WHERE dispatched_at IS NULL`.execute(db);
  await sql`CREATE INDEX domain_events_subject_idx ON domain_events (subject_type, subject_id, occurred_at)`.execute(db);

  await sql`
    CREATE TABLE event_recipients (
      event_id text NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      PRIMARY KEY (event_id, org_id)
    )`.execute(db);
  await sql`CREATE INDEX event_recipients_org_idx ON event_recipients (org_id, event_id)`.execute(db);

  await sql`
    CREATE TABLE notifications (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id),
      org_id text NOT NULL REFERENCES organizations(id),
      event_id text NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
      event_type text NOT NULL,
      -- Rendered once in the user's language when written.
      title text NOT NULL,
      body text NOT NULL,
      -- The API path of the subject (a case, an incident, a subscription).
      link text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      -- An event reaches a user's inbox once, however often the fan-out runs.
      UNIQUE (event_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE notification_preferences (
      user_id text NOT NULL REFERENCES users(id),
      org_id text NOT NULL REFERENCES organizations(id),
      event_type text NOT NULL,
      in_app boolean NOT NULL,
      email boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, event_type)
    )`.execute(db);

  await sql`
    CREATE TABLE email_deliveries (
      id text PRIMARY KEY,
      event_id text NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
      user_id text NOT NULL REFERENCES users(id),
      org_id text NOT NULL REFERENCES organizations(id),
      to_address text NOT NULL,
      locale text NOT NULL CHECK (locale IN ('en', 'ko')),
      subject text NOT NULL,
      body_text text NOT NULL,
      -- The API path of the subject, made absolute with PUBLIC_URL when sent.
      link text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempt_count integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      -- One e-mail per event and user, however often the fan-out runs.
      UNIQUE (event_id, user_id)
    )`.execute(db);

  await sql`
    CREATE TABLE webhook_endpoints (
      id text PRIMARY KEY,
      org_id text NOT NULL REFERENCES organizations(id),
      url text NOT NULL CHECK (length(url) <= 2048),
      description text NOT NULL DEFAULT '',
      -- The event types it wants; never empty.
      event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
      -- The signing secret (whsec_…), and the one it replaced, still signed with until it expires,
      -- so a receiver can switch over without dropping deliveries.
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
      -- Why it is disabled: 'gone' (the receiver answered 410), 'failing' (a day of failures), 'manual'.
      disabled_reason text CHECK (disabled_reason IN ('gone', 'failing', 'manual')),
      disabled_at timestamptz,
      -- Start of the current run of failed attempts; cleared by a success.
      failing_since timestamptz,
      created_by text NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (org_id, created_at, id)`.execute(db);

  await sql`
    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      event_id text NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
      event_type text NOT NULL,
      -- A replay is a new delivery of the same event (same webhook-id) made on request.
      replay_of text REFERENCES webhook_deliveries(id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
      attempt_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  // Every event once per endpoint from the fan-out, however often it runs; replays are extra.
  await sql`CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (endpoint_id, event_id) WHERE replay_of IS NULL`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC)`.execute(db);
  // Disabling an endpoint cancels its pending deliveries without reading its whole history.
  await sql`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (endpoint_id) WHERE status = 'pending'`.execute(db);

  await sql`
    CREATE TABLE webhook_attempts (
      id text PRIMARY KEY,
      delivery_id text NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      attempt integer NOT NULL,
      started_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      -- NULL when no answer came (refused, timed out, blocked address).
      status_code integer,
      error text,
      -- The first kilobyte of the answer, for the delivery log.
      response_excerpt text
    )`.execute(db);
  await sql`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt)`.execute(db);

  await sql`
    CREATE TABLE incidents (
      id text PRIMARY KEY,
      publisher_id text NOT NULL REFERENCES organizations(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      impact text NOT NULL CHECK (impact IN ('outage', 'degraded', 'maintenance')),
      status text NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
      created_by text NOT NULL REFERENCES users(id),
      started_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Incremented by every change; the ETag that If-Match is checked against.
      version integer NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`CREATE INDEX incidents_publisher_idx ON incidents (publisher_id, started_at DESC, id DESC)`.execute(db);
  // The operator's list of every incident, newest first.
  await sql`CREATE INDEX incidents_started_idx ON incidents (started_at DESC, id DESC)`.execute(db);

  await sql`
    CREATE TABLE incident_offers (
      incident_id text NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      offer_id text NOT NULL REFERENCES offers(id),
      publisher_id text NOT NULL REFERENCES organizations(id),
      -- Copied from the incident so that "open incidents of this offer" is one index read.
      is_open boolean NOT NULL DEFAULT true,
      PRIMARY KEY (incident_id, offer_id)
    )`.execute(db);
  await sql`CREATE INDEX incident_offers_open_idx ON incident_offers (offer_id) WHERE is_open`.execute(db);
  // The incidents of an offer, open or resolved: the offer filter of the incident list.
  await sql`CREATE INDEX incident_offers_offer_idx ON incident_offers (offer_id, incident_id)`.execute(db);

  await sql`
    CREATE TABLE incident_updates (
      id text PRIMARY KEY,
      incident_id text NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      publisher_id text NOT NULL REFERENCES organizations(id),
      status text NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
      message text NOT NULL CHECK (length(message) BETWEEN 1 AND 10000),
      created_by text NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, created_at, id)`.execute(db);

  await sql`
    CREATE TABLE partner_notice_settings (
      partner_id text PRIMARY KEY REFERENCES organizations(id),
      -- Whether the partner's customers hear of incidents of the offers they subscribe to.
      notify_customers_of_incidents boolean NOT NULL DEFAULT false,
      updated_by text NOT NULL REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`ALTER TABLE cases ADD CONSTRAINT cases_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents(id)`.execute(db);
  // The fan-out of an incident walks an offer's active subscriptions partner by partner.
  await sql`CREATE INDEX subscriptions_active_offer_idx ON subscriptions (offer_id, id) WHERE status = 'active'`.execute(db);

  // Whether the viewer's organization may see an incident: its publisher, the operator, a partner
  // (direct, provider or reseller) of an active subscription of one of its offers, or that
  // subscription's customer when the customer's seller lets its customers hear of incidents.
  // One branch per kind of organization, so that a partner's check reads its own subscriptions
  // (by the partner, provider and reseller indexes) and a customer's its own live ones, never
  // every subscription of a popular offer.
  await sql`
    CREATE FUNCTION sb_incident_visible(target text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT sb_org() IS NOT NULL AND (
        sb_org_kind() = 'operator'
        OR EXISTS (SELECT 1 FROM incidents i WHERE i.id = target AND i.publisher_id = sb_org())
        OR (sb_org_kind() = 'partner' AND EXISTS (
          SELECT 1 FROM incident_offers io
          JOIN subscriptions s ON s.offer_id = io.offer_id AND s.status = 'active'
          WHERE io.incident_id = target
            AND (s.partner_id = sb_org() OR s.provider_id = sb_org() OR s.reseller_id = sb_org())))
        OR (sb_org_kind() = 'customer' AND EXISTS (
          SELECT 1 FROM incident_offers io
          JOIN subscriptions s ON s.offer_id = io.offer_id AND s.customer_id = sb_org() AND s.status = 'active'
          JOIN partner_notice_settings n ON n.partner_id = coalesce(s.reseller_id, s.partner_id) AND n.notify_customers_of_incidents
          WHERE io.incident_id = target)))
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_incident_visible(text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_incident_visible(text) TO switchboard_app`.execute(db);

  // The open incident of an offer that a new technical case links to (the most recent when several
  // are open). Routing runs as the asker, who may not see the incident itself (a customer whose
  // seller keeps incidents from its customers), so this answers only the id, to any signed-in
  // organization, and nothing else of the incident.
  await sql`
    CREATE FUNCTION sb_open_incident_of_offer(offer text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT i.id FROM incident_offers io JOIN incidents i ON i.id = io.incident_id
      WHERE sb_org() IS NOT NULL AND io.offer_id = offer AND io.is_open AND i.resolved_at IS NULL
      ORDER BY i.started_at DESC, i.id DESC LIMIT 1
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_open_incident_of_offer(text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_open_incident_of_offer(text) TO switchboard_app`.execute(db);

  for (const table of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`
      DO $$ BEGIN
        EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', ${sql.lit(table)}, current_user);
      END $$`.execute(db);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO switchboard_app`.execute(db);
  }

  const me = `user_id = sb_setting('app.user_id') AND org_id = sb_org()`;
  const policies: string[] = [
    // Events: written by the organization making the change; read by it and by the organizations
    // the event reached. Only the worker (the owner) marks them dispatched.
    `CREATE POLICY app_insert ON domain_events FOR INSERT TO switchboard_app WITH CHECK (actor_org_id = sb_org())`,
    `CREATE POLICY app_select ON domain_events FOR SELECT TO switchboard_app USING (
       actor_org_id = sb_org() OR EXISTS (SELECT 1 FROM event_recipients r WHERE r.event_id = domain_events.id AND r.org_id = sb_org()))`,
    `CREATE POLICY app_select ON event_recipients FOR SELECT TO switchboard_app USING (org_id = sb_org())`,
    // A user's own inbox and preferences; nobody else's, not even a colleague's.
    `CREATE POLICY app_select ON notifications FOR SELECT TO switchboard_app USING (${me})`,
    `CREATE POLICY app_update ON notifications FOR UPDATE TO switchboard_app USING (${me}) WITH CHECK (${me})`,
    `CREATE POLICY app_all ON notification_preferences FOR ALL TO switchboard_app USING (${me}) WITH CHECK (${me})`,
    // E-mail deliveries are the worker's alone: no policy for the application role.
    // Webhooks: an organization's own endpoints, deliveries (a replay inserts one) and attempts.
    `CREATE POLICY app_all ON webhook_endpoints FOR ALL TO switchboard_app USING (org_id = sb_org()) WITH CHECK (org_id = sb_org())`,
    `CREATE POLICY app_select ON webhook_deliveries FOR SELECT TO switchboard_app USING (org_id = sb_org())`,
    `CREATE POLICY app_insert ON webhook_deliveries FOR INSERT TO switchboard_app WITH CHECK (org_id = sb_org())`,
    `CREATE POLICY app_select ON webhook_attempts FOR SELECT TO switchboard_app USING (org_id = sb_org())`,
    // Incidents: written by their publisher, about its own offers; read as sb_incident_visible says.
    `CREATE POLICY app_select ON incidents FOR SELECT TO switchboard_app USING (sb_incident_visible(id))`,
    `CREATE POLICY app_insert ON incidents FOR INSERT TO switchboard_app WITH CHECK (publisher_id = sb_org() AND sb_org_kind() = 'publisher')`,
    `CREATE POLICY app_update ON incidents FOR UPDATE TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    `CREATE POLICY app_select ON incident_offers FOR SELECT TO switchboard_app USING (sb_incident_visible(incident_id))`,
    `CREATE POLICY app_insert ON incident_offers FOR INSERT TO switchboard_app WITH CHECK (
       publisher_id = sb_org() AND EXISTS (SELECT 1 FROM offers o WHERE o.id = offer_id AND o.publisher_id = sb_org()))`,
    `CREATE POLICY app_update ON incident_offers FOR UPDATE TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    `CREATE POLICY app_select ON incident_updates FOR SELECT TO switchboard_app USING (sb_incident_visible(incident_id))`,
    `CREATE POLICY app_insert ON incident_updates FOR INSERT TO switchboard_app WITH CHECK (publisher_id = sb_org())`,
    // A partner's own choice of telling its customers.
    `CREATE POLICY app_all ON partner_notice_settings FOR ALL TO switchboard_app USING (partner_id = sb_org()) WITH CHECK (partner_id = sb_org())`,
  ];
  for (const p of policies) await sql.raw(p).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_incident_fk`.execute(db);
  await sql`DROP INDEX IF EXISTS subscriptions_active_offer_idx`.execute(db);
  for (const table of [...TABLES].reverse()) await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_incident_visible(text)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_open_incident_of_offer(text)`.execute(db);
}
