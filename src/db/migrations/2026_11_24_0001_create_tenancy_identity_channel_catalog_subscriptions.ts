/**
 * Frozen migration: the first schema — organizations, users, sessions and API tokens; the
 * channel (indirect and customer relationships, support split); the catalog (offers, contacts,
 * audience, opt-ins, agreements, plans); subscriptions; idempotency keys. Every tenant-owned
 * table has row-level security, FORCEd, with policies that say who sees what, and the
 * application role `switchboard_app` owns nothing and cannot bypass them.
 */
import { sql, type Kysely } from 'kysely';

/** Tables the application role may read and write, each under row-level security. */
const TENANT_TABLES = [
  'organizations', 'users', 'sessions', 'api_tokens',
  'indirect_relationships', 'support_splits', 'customer_relationships',
  'offers', 'offer_contacts', 'offer_authorized_partners', 'offer_optins', 'agreements', 'plans',
  'subscriptions', 'idempotency_keys',
];

export async function up(db: Kysely<any>): Promise<void> {
  // The application role: no login of its own, no table, no BYPASSRLS. Roles are shared by every
  // database of a cluster, so another database (or a concurrent migration) may have made it.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
        CREATE ROLE switchboard_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`.execute(db);
  // The connecting owner must be able to SET ROLE to it; a superuser already can, and a member
  // needs no second grant (which PostgreSQL 16+ would refuse without ADMIN OPTION).
  await sql`
    DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         AND NOT pg_has_role(current_user, 'switchboard_app', 'MEMBER') THEN
        EXECUTE format('GRANT switchboard_app TO %I', current_user);
      END IF;
    END $$`.execute(db);

  // The viewer, set per transaction by the application (db/database.ts).
  await sql`
    CREATE FUNCTION sb_org() RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('app.org_id', true), '') $$`.execute(db);
  await sql`
    CREATE FUNCTION sb_org_kind() RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('app.org_kind', true), '') $$`.execute(db);
  await sql`
    CREATE FUNCTION sb_setting(name text) RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting(name, true), '') $$`.execute(db);

  await sql`
    CREATE TABLE organizations (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('operator', 'publisher', 'partner', 'customer')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      -- How a partner buys and sells; only partners have one.
      partner_model text CHECK (partner_model IN ('direct', 'indirect_provider', 'indirect_reseller')),
      -- ISO 3166-1 alpha-2; decides which plan markets a customer can buy in.
      country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
      -- A reseller not in good standing can't be reseller of record on a new purchase.
      in_good_standing boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'partner') = (partner_model IS NOT NULL))
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      id text PRIMARY KEY,
      org_id text NOT NULL REFERENCES organizations(id),
      -- Lower-cased; one account per address across all organizations (sign-in needs no org).
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      name text NOT NULL,
      roles text[] NOT NULL CHECK (cardinality(roles) >= 1),
      -- argon2id PHC string; null until a password is set.
      password_hash text,
      -- Language of the console and of e-mail for this user.
      locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ko')),
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX users_org_idx ON users (org_id, created_at, id)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      org_id text NOT NULL REFERENCES organizations(id),
      -- SHA-256 of the cookie value: a stolen database holds no usable session.
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE api_tokens (
      id text PRIMARY KEY,
      org_id text NOT NULL REFERENCES organizations(id),
      created_by text NOT NULL REFERENCES users(id),
      name text NOT NULL,
      -- SHA-256 of the token; the token itself is shown once, at creation.
      token_hash text NOT NULL UNIQUE,
      -- The first characters, so a user can tell tokens apart without the secret.
      prefix text NOT NULL,
      -- The roles the token acts with: a subset of its creator's at creation.
      roles text[] NOT NULL CHECK (cardinality(roles) >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX api_tokens_org_idx ON api_tokens (org_id, created_at, id)`.execute(db);

  await sql`
    CREATE TABLE indirect_relationships (
      id text PRIMARY KEY,
      provider_id text NOT NULL REFERENCES organizations(id),
      reseller_id text NOT NULL REFERENCES organizations(id),
      status text NOT NULL CHECK (status IN ('invited', 'active', 'ended')),
      invited_by text NOT NULL REFERENCES users(id),
      invited_at timestamptz NOT NULL DEFAULT now(),
      accepted_at timestamptz,
      ended_at timestamptz,
      -- Which side ended it (either may).
      ended_by_org text REFERENCES organizations(id),
      CHECK (provider_id <> reseller_id)
    )`.execute(db);
  // One live (invited or active) relationship per pair.
  await sql`CREATE UNIQUE INDEX indirect_relationships_live_pair ON indirect_relationships (provider_id, reseller_id) WHERE status IN ('invited', 'active')`.execute(db);
  await sql`CREATE INDEX indirect_relationships_reseller_idx ON indirect_relationships (reseller_id, status)`.execute(db);

  await sql`
    CREATE TABLE support_splits (
      relationship_id text NOT NULL REFERENCES indirect_relationships(id),
      -- Copied from the relationship so the row policy needs no join.
      provider_id text NOT NULL REFERENCES organizations(id),
      reseller_id text NOT NULL REFERENCES organizations(id),
      category text NOT NULL,
      first_contact text NOT NULL CHECK (first_contact IN ('provider', 'reseller')),
      handler text NOT NULL CHECK (handler IN ('provider', 'reseller')),
      PRIMARY KEY (relationship_id, category)
    )`.execute(db);

  await sql`
    CREATE TABLE customer_relationships (
      id text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES organizations(id),
      -- A direct partner or an indirect reseller; the provider is implied by subscriptions.
      partner_id text NOT NULL REFERENCES organizations(id),
      status text NOT NULL CHECK (status IN ('active', 'ended')),
      created_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX customer_relationships_live_pair ON customer_relationships (partner_id, customer_id) WHERE status = 'active'`.execute(db);
  await sql`CREATE INDEX customer_relationships_customer_idx ON customer_relationships (customer_id)`.execute(db);

  await sql`
    CREATE TABLE offers (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_-]{1,50}$'),
      publisher_id text NOT NULL REFERENCES organizations(id),
      -- Copied from the publisher so discovery can search it with the offer's own text.
      publisher_name text NOT NULL,
      name text NOT NULL,
      type text NOT NULL CHECK (type IN ('saas', 'vm', 'solution_template', 'managed_app', 'container')),
      categories text[] NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 5),
      summary text NOT NULL,
      short_description text NOT NULL,
      description text NOT NULL,
      -- [{ title, url }]
      links jsonb NOT NULL DEFAULT '[]',
      -- [{ title, url }]
      documents jsonb NOT NULL DEFAULT '[]',
      -- { userDocumentation: [...], training: [...], salesAndMarketing: [...] }, each [{ title, url }]
      partner_resources jsonb NOT NULL DEFAULT '{}',
      csp_audience text NOT NULL CHECK (csp_audience IN ('any', 'specific', 'none')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(publisher_name, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(summary, '') || ' ' || coalesce(short_description, '')), 'C')
      ) STORED
    )`.execute(db);
  await sql`CREATE INDEX offers_search_idx ON offers USING gin (search_vector)`.execute(db);
  await sql`CREATE INDEX offers_categories_idx ON offers USING gin (categories)`.execute(db);
  await sql`CREATE INDEX offers_name_idx ON offers (lower(name), id)`.execute(db);
  await sql`CREATE INDEX offers_publisher_idx ON offers (publisher_id)`.execute(db);

  await sql`
    CREATE TABLE offer_contacts (
      offer_id text PRIMARY KEY REFERENCES offers(id),
      publisher_id text NOT NULL REFERENCES organizations(id),
      -- Kept apart from offers so that the row policy, not only the presenter, hides them from customers.
      support jsonb NOT NULL,
      engineering jsonb NOT NULL,
      csp_program jsonb
    )`.execute(db);

  await sql`
    CREATE TABLE offer_authorized_partners (
      offer_id text NOT NULL REFERENCES offers(id),
      partner_id text NOT NULL REFERENCES organizations(id),
      publisher_id text NOT NULL REFERENCES organizations(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, partner_id)
    )`.execute(db);

  await sql`
    CREATE TABLE offer_optins (
      offer_id text NOT NULL REFERENCES offers(id),
      partner_id text NOT NULL REFERENCES organizations(id),
      -- Copied so the publisher can see who opted in to its offers.
      publisher_id text NOT NULL REFERENCES organizations(id),
      opted_in_by text NOT NULL REFERENCES users(id),
      opted_in_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, partner_id)
    )`.execute(db);

  await sql`
    CREATE TABLE agreements (
      id text PRIMARY KEY,
      offer_id text NOT NULL REFERENCES offers(id),
      publisher_id text NOT NULL REFERENCES organizations(id),
      version integer NOT NULL CHECK (version >= 1),
      title text NOT NULL,
      body text NOT NULL,
      -- The ISV's support commitments: response and resolution per severity, hours, time zone.
      commitments jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (offer_id, version)
    )`.execute(db);

  await sql`
    CREATE TABLE plans (
      offer_id text NOT NULL REFERENCES offers(id),
      id text NOT NULL CHECK (id ~ '^[a-z0-9_-]{1,50}$'),
      publisher_id text NOT NULL REFERENCES organizations(id),
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      billing text NOT NULL CHECK (billing IN ('license', 'usage')),
      billing_cycles text[] NOT NULL,
      terms text[] NOT NULL,
      min_quantity integer NOT NULL CHECK (min_quantity >= 1),
      max_quantity integer NOT NULL,
      trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
      -- [{ market: 'US', currency: 'USD', amount: '12.00' }]; the markets are where it can be sold.
      prices jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (offer_id, id),
      CHECK (max_quantity >= min_quantity)
    )`.execute(db);

  await sql`
    CREATE TABLE subscriptions (
      id text PRIMARY KEY,
      customer_id text NOT NULL REFERENCES organizations(id),
      offer_id text NOT NULL REFERENCES offers(id),
      plan_id text NOT NULL,
      -- Copied from the offer so the publisher's row policy needs no join.
      publisher_id text NOT NULL REFERENCES organizations(id),
      quantity integer NOT NULL CHECK (quantity >= 1),
      -- Partner of record: a direct partner, or a provider with a reseller of record.
      partner_id text REFERENCES organizations(id),
      provider_id text REFERENCES organizations(id),
      reseller_id text REFERENCES organizations(id),
      -- Who the customer's support questions go to first.
      support_contact_id text NOT NULL REFERENCES organizations(id),
      status text NOT NULL CHECK (status IN ('pending_activation', 'active', 'suspended', 'cancelled')),
      billing_cycle text NOT NULL,
      term text NOT NULL,
      market text NOT NULL,
      -- The third-party agreement version the buyer accepted, who accepted it and when.
      agreement_version integer NOT NULL,
      accepted_by text NOT NULL REFERENCES users(id),
      accepted_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      activated_at timestamptz,
      cancelled_at timestamptz,
      FOREIGN KEY (offer_id, plan_id) REFERENCES plans(offer_id, id),
      CHECK ((partner_id IS NOT NULL AND provider_id IS NULL AND reseller_id IS NULL)
          OR (partner_id IS NULL AND provider_id IS NOT NULL AND reseller_id IS NOT NULL))
    )`.execute(db);
  // A customer holds at most one live subscription of an offer: a racing second purchase fails.
  await sql`CREATE UNIQUE INDEX subscriptions_live_per_customer ON subscriptions (customer_id, offer_id) WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX subscriptions_partner_idx ON subscriptions (partner_id, created_at, id)`.execute(db);
  await sql`CREATE INDEX subscriptions_provider_idx ON subscriptions (provider_id, created_at, id)`.execute(db);
  await sql`CREATE INDEX subscriptions_reseller_idx ON subscriptions (reseller_id, created_at, id)`.execute(db);
  await sql`CREATE INDEX subscriptions_publisher_idx ON subscriptions (publisher_id, created_at, id)`.execute(db);
  await sql`CREATE INDEX subscriptions_offer_idx ON subscriptions (offer_id, status)`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      org_id text NOT NULL REFERENCES organizations(id),
      key text NOT NULL,
      -- Hash of the operation and its input: the same key with other input is refused.
      fingerprint text NOT NULL,
      status_code integer NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, key)
    )`.execute(db);

  // ---- Row-level security: who sees what. ----
  for (const table of TENANT_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} FORCE ROW LEVEL SECURITY`.execute(db);
    // The owner (migrations, demo data) keeps full access; the application role gets only the policies below.
    await sql`
      DO $$ BEGIN
        EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', ${sql.lit(table)}, current_user);
      END $$`.execute(db);
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO switchboard_app`.execute(db);
  }
  await sql`GRANT USAGE ON SCHEMA public TO switchboard_app`.execute(db);

  const policies: string[] = [
    // Organizations: one's own; the operator all; publishers and the operator are a public
    // directory; partners are visible to partners and publishers, and to the customers they serve
    // (directly, or as the provider of a subscription); a customer is visible to whoever
    // may see one of its relationships or subscriptions (those tables' policies decide).
    `CREATE POLICY app_select ON organizations FOR SELECT TO switchboard_app USING (
       id = sb_org() OR sb_org_kind() = 'operator'
       OR (sb_org() IS NOT NULL AND kind IN ('operator', 'publisher'))
       OR (kind = 'partner' AND sb_org_kind() IN ('partner', 'publisher'))
       OR (kind = 'partner' AND sb_org_kind() = 'customer' AND id IN (SELECT partner_id FROM customer_relationships))
       OR (kind = 'partner' AND sb_org_kind() = 'customer' AND id IN (SELECT provider_id FROM subscriptions))
       OR (kind = 'customer' AND id IN (SELECT customer_id FROM customer_relationships))
       OR (kind = 'customer' AND id IN (SELECT customer_id FROM subscriptions)))`,
    `CREATE POLICY app_insert ON organizations FOR INSERT TO switchboard_app WITH CHECK (
       sb_org_kind() = 'operator' OR (kind = 'customer' AND sb_org_kind() = 'partner'))`,
    `CREATE POLICY app_update ON organizations FOR UPDATE TO switchboard_app USING (
       id = sb_org() OR sb_org_kind() = 'operator')`,

    // Users: one's own organization's; and, while signing in, the one row with the e-mail given.
    `CREATE POLICY app_select ON users FOR SELECT TO switchboard_app USING (
       org_id = sb_org() OR (sb_org() IS NULL AND email = sb_setting('app.login_email')))`,
    `CREATE POLICY app_write ON users FOR ALL TO switchboard_app USING (org_id = sb_org()) WITH CHECK (org_id = sb_org())`,

    // Sessions and tokens: one's own organization's; and the one row whose hash is presented.
    `CREATE POLICY app_select ON sessions FOR SELECT TO switchboard_app USING (
       org_id = sb_org() OR token_hash = sb_setting('app.token_hash'))`,
    `CREATE POLICY app_write ON sessions FOR ALL TO switchboard_app USING (org_id = sb_org()) WITH CHECK (org_id = sb_org())`,
    `CREATE POLICY app_select ON api_tokens FOR SELECT TO switchboard_app USING (
       org_id = sb_org() OR token_hash = sb_setting('app.token_hash'))`,
    `CREATE POLICY app_write ON api_tokens FOR ALL TO switchboard_app USING (org_id = sb_org()) WITH CHECK (org_id = sb_org())`,

    // The channel: each side of a relationship, and the operator.
    `CREATE POLICY app_select ON indirect_relationships FOR SELECT TO switchboard_app USING (
       provider_id = sb_org() OR reseller_id = sb_org() OR sb_org_kind() = 'operator')`,
    `CREATE POLICY app_insert ON indirect_relationships FOR INSERT TO switchboard_app WITH CHECK (provider_id = sb_org())`,
    `CREATE POLICY app_update ON indirect_relationships FOR UPDATE TO switchboard_app USING (
       provider_id = sb_org() OR reseller_id = sb_org()) WITH CHECK (provider_id = sb_org() OR reseller_id = sb_org())`,
    `CREATE POLICY app_select ON support_splits FOR SELECT TO switchboard_app USING (
       provider_id = sb_org() OR reseller_id = sb_org() OR sb_org_kind() = 'operator')`,
    `CREATE POLICY app_write ON support_splits FOR ALL TO switchboard_app USING (provider_id = sb_org()) WITH CHECK (provider_id = sb_org())`,

    // Customer relationships: the partner, the customer, the provider of an active reseller, the operator.
    `CREATE POLICY app_select ON customer_relationships FOR SELECT TO switchboard_app USING (
       partner_id = sb_org() OR customer_id = sb_org() OR sb_org_kind() = 'operator'
       OR partner_id IN (SELECT reseller_id FROM indirect_relationships WHERE provider_id = sb_org() AND status = 'active'))`,
    `CREATE POLICY app_write ON customer_relationships FOR ALL TO switchboard_app USING (partner_id = sb_org()) WITH CHECK (partner_id = sb_org())`,

    // The catalog is open to every signed-in organization; each publisher writes its own.
    `CREATE POLICY app_select ON offers FOR SELECT TO switchboard_app USING (sb_org() IS NOT NULL)`,
    `CREATE POLICY app_write ON offers FOR ALL TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    `CREATE POLICY app_select ON agreements FOR SELECT TO switchboard_app USING (sb_org() IS NOT NULL)`,
    `CREATE POLICY app_write ON agreements FOR ALL TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    `CREATE POLICY app_select ON plans FOR SELECT TO switchboard_app USING (sb_org() IS NOT NULL)`,
    `CREATE POLICY app_write ON plans FOR ALL TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    // ISV contacts: never customers.
    `CREATE POLICY app_select ON offer_contacts FOR SELECT TO switchboard_app USING (
       publisher_id = sb_org() OR sb_org_kind() IN ('partner', 'operator'))`,
    `CREATE POLICY app_write ON offer_contacts FOR ALL TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    // A provider sees its active resellers' authorizations and opt-ins: it buys on their behalf.
    `CREATE POLICY app_select ON offer_authorized_partners FOR SELECT TO switchboard_app USING (
       publisher_id = sb_org() OR partner_id = sb_org() OR sb_org_kind() = 'operator'
       OR partner_id IN (SELECT reseller_id FROM indirect_relationships WHERE provider_id = sb_org() AND status = 'active'))`,
    `CREATE POLICY app_write ON offer_authorized_partners FOR ALL TO switchboard_app USING (publisher_id = sb_org()) WITH CHECK (publisher_id = sb_org())`,
    `CREATE POLICY app_select ON offer_optins FOR SELECT TO switchboard_app USING (
       partner_id = sb_org() OR publisher_id = sb_org() OR sb_org_kind() = 'operator'
       OR partner_id IN (SELECT reseller_id FROM indirect_relationships WHERE provider_id = sb_org() AND status = 'active'))`,
    `CREATE POLICY app_write ON offer_optins FOR ALL TO switchboard_app USING (partner_id = sb_org()) WITH CHECK (partner_id = sb_org())`,

    // Subscriptions: the customer, every partner of record, the offer's publisher, the operator.
    `CREATE POLICY app_select ON subscriptions FOR SELECT TO switchboard_app USING (
       customer_id = sb_org() OR partner_id = sb_org() OR provider_id = sb_org() OR reseller_id = sb_org()
       OR publisher_id = sb_org() OR sb_org_kind() = 'operator')`,
    `CREATE POLICY app_insert ON subscriptions FOR INSERT TO switchboard_app WITH CHECK (
       partner_id = sb_org() OR provider_id = sb_org() OR reseller_id = sb_org())`,
    `CREATE POLICY app_update ON subscriptions FOR UPDATE TO switchboard_app USING (
       partner_id = sb_org() OR provider_id = sb_org() OR reseller_id = sb_org() OR publisher_id = sb_org())`,

    `CREATE POLICY app_all ON idempotency_keys FOR ALL TO switchboard_app USING (org_id = sb_org()) WITH CHECK (org_id = sb_org())`,
  ];
  for (const policy of policies) await sql.raw(policy).execute(db);

  // Whether a customer already holds an offer, for a partner about to sell it: the customer may
  // have bought it through another partner, whose subscription the row policy hides. Answers only
  // a partner with an active relationship with the customer (directly, or through an active
  // reseller), and only the statuses of live subscriptions — nothing else of them.
  await sql`
    CREATE FUNCTION sb_live_subscription_statuses(customer text, offer text) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
      SELECT s.status FROM subscriptions s
      WHERE s.customer_id = customer AND s.offer_id = offer AND s.status <> 'cancelled'
        AND EXISTS (
          SELECT 1 FROM customer_relationships cr
          WHERE cr.customer_id = customer AND cr.status = 'active'
            AND (cr.partner_id = sb_org() OR cr.partner_id IN (
              SELECT ir.reseller_id FROM indirect_relationships ir WHERE ir.provider_id = sb_org() AND ir.status = 'active')))
    $$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION sb_live_subscription_statuses(text, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION sb_live_subscription_statuses(text, text) TO switchboard_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TENANT_TABLES].reverse()) await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_live_subscription_statuses(text, text)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS sb_org(), sb_org_kind(), sb_setting(text)`.execute(db);
}
