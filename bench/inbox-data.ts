/**
 * The data of the inbox benchmark: a marketplace the size of a real one, written set-based
 * (INSERT … SELECT generate_series) in bounded batches, so a million cases load in minutes.
 *
 * The world: one operator; 40 publishers with 5 offers each; 8 indirect providers with 240
 * resellers — the first provider, Atlas Distribution, is the big partner with 80 of them; 60
 * direct partners; 40,000 customers (40 % direct, 60 % through a reseller), two subscriptions
 * each. Cases fall on customers unevenly (a few large customers have thousands), over three
 * years, mostly closed once older than six weeks, with the participants the routing rules give
 * (customer, direct partner or reseller and its provider, the publisher for technical and
 * CSP-program questions, the operator for commerce cases) and holders spread over them.
 *
 * Every value derives from the case number through hashint8, so two runs write the same data.
 */
import { sql } from 'kysely';
import { DEFAULT_POLICY } from '../src/core/sla-policy.ts';
import type { Database } from '../src/db/database.ts';

/** Sizes of the generated marketplace. */
export const SIZES = {
  publishers: 40,
  offersPerPublisher: 5,
  providers: 8,
  resellers: 240,
  /** Resellers of the big provider (the first one). */
  bigProviderResellers: 80,
  directPartners: 60,
  customers: 40_000,
} as const;

/** The organization and user the benchmark reads the inbox as. */
export const BIG_PARTNER = { orgId: 'org_b_prv000', userId: 'usr_b_prv000_help', name: 'Atlas Distribution' } as const;

const OFFERS = SIZES.publishers * SIZES.offersPerPublisher;

/** Drops the secondary indexes of the case tables for the load and returns how to rebuild them. */
export async function dropCaseIndexes(db: Database): Promise<string[]> {
  return db.withOwner(async (tx) => {
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.tablename IN ('cases', 'case_participants') AND i.schemaname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)
      ORDER BY i.indexname`.execute(tx);
    for (const r of rows) await sql`DROP INDEX ${sql.id(r.indexname)}`.execute(tx);
    return rows.map((r) => r.indexdef);
  });
}

/** Rebuilds the indexes dropped for the load, with memory enough to sort in one pass. */
export async function createIndexes(db: Database, definitions: string[], log: (line: string) => void): Promise<void> {
  for (const def of definitions) {
    const started = Date.now();
    await db.withOwner(async (tx) => {
      await sql`SET LOCAL maintenance_work_mem = '1GB'`.execute(tx);
      await sql.raw(def).execute(tx);
    });
    log(`  ${def.replace(/^CREATE (UNIQUE )?INDEX (\S+) .*$/, '$2')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Writes the organizations, users, channel, offers and subscriptions the cases hang on. */
export async function generateMarketplace(db: Database): Promise<void> {
  const s = SIZES;
  await db.withOwner(async (tx) => {
    const run = (q: string) => sql.raw(q).execute(tx);
    // A uniform number in [0, 1) from a case number and a salt: the same every run.
    await run(`CREATE FUNCTION bench_u(g bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT (hashint8(g * 97 + salt) & 2147483647)::float8 / 2147483648 $$`);
    await run(`CREATE FUNCTION bench_pick(words text[], u float8) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT words[1 + floor(u * cardinality(words))::int] $$`);

    await run(`INSERT INTO organizations (id, kind, name, partner_model, country, created_at)
      VALUES ('org_b_op', 'operator', 'Bench Marketplace', NULL, 'US', now() - interval '6 years')`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country, created_at)
      SELECT 'org_b_pub' || lpad(i::text, 3, '0'), 'publisher', 'Publisher ' || i, NULL, 'US', now() - interval '5 years'
      FROM generate_series(0, ${s.publishers - 1}) i`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country, created_at)
      SELECT 'org_b_prv' || lpad(i::text, 3, '0'), 'partner', CASE WHEN i = 0 THEN '${BIG_PARTNER.name}' ELSE 'Provider ' || i END,
        'indirect_provider', 'US', now() - interval '5 years'
      FROM generate_series(0, ${s.providers - 1}) i`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country, created_at)
      SELECT 'org_b_rsl' || lpad(i::text, 3, '0'), 'partner', 'Reseller ' || i, 'indirect_reseller', 'US', now() - interval '5 years'
      FROM generate_series(0, ${s.resellers - 1}) i`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country, created_at)
      SELECT 'org_b_dir' || lpad(i::text, 3, '0'), 'partner', 'Direct Partner ' || i, 'direct', 'US', now() - interval '5 years'
      FROM generate_series(0, ${s.directPartners - 1}) i`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country, created_at)
      SELECT 'org_b_cus' || lpad(i::text, 5, '0'), 'customer', 'Customer ' || i, NULL,
        (ARRAY['US', 'GB', 'DE', 'JP', 'KR'])[1 + i % 5], now() - interval '4 years'
      FROM generate_series(0, ${s.customers - 1}) i`);

    // One user per organization (its administrator), and the big partner's helpdesk agent.
    await run(`INSERT INTO users (id, org_id, email, name, roles, password_hash)
      SELECT 'usr_b_' || substr(o.id, 7), o.id, substr(o.id, 7) || '@bench.example', 'Admin of ' || o.name,
        ARRAY[CASE o.kind WHEN 'operator' THEN 'operator_admin' WHEN 'publisher' THEN 'publisher_admin'
          WHEN 'partner' THEN 'global_admin' ELSE 'customer_admin' END], NULL
      FROM organizations o WHERE o.id LIKE 'org\\_b\\_%'`);
    await run(`INSERT INTO users (id, org_id, email, name, roles, password_hash)
      VALUES ('${BIG_PARTNER.userId}', '${BIG_PARTNER.orgId}', 'helpdesk@atlas.bench.example', 'Atlas Helpdesk', ARRAY['helpdesk_agent'], NULL)`);

    // Resellers under providers: the first 80 under the big provider, the rest spread over the others.
    await run(`CREATE UNLOGGED TABLE bench_resellers AS
      SELECT i, 'org_b_rsl' || lpad(i::text, 3, '0') AS reseller_id,
        'org_b_prv' || lpad((CASE WHEN i < ${s.bigProviderResellers} THEN 0 ELSE 1 + i % ${s.providers - 1} END)::text, 3, '0') AS provider_id
      FROM generate_series(0, ${s.resellers - 1}) i`);
    await run(`INSERT INTO indirect_relationships (id, provider_id, reseller_id, status, invited_by, invited_at, accepted_at)
      SELECT 'irl_b_' || r.i, r.provider_id, r.reseller_id, 'active', 'usr_b_' || substr(r.provider_id, 7),
        now() - interval '5 years', now() - interval '5 years'
      FROM bench_resellers r`);

    // Each customer's seller: 40 % a direct partner, 60 % a reseller (and through it a provider).
    await run(`CREATE UNLOGGED TABLE bench_customers AS
      SELECT c.i, 'org_b_cus' || lpad(c.i::text, 5, '0') AS customer_id, c.direct,
        CASE WHEN c.direct THEN 'org_b_dir' || lpad((c.i % ${s.directPartners})::text, 3, '0') END AS partner_id,
        r.provider_id, r.reseller_id
      FROM (SELECT i, i % 5 < 2 AS direct FROM generate_series(0, ${s.customers - 1}) i) c
      LEFT JOIN bench_resellers r ON NOT c.direct AND r.i = (c.i * 7919 + 2) % ${s.resellers}`);
    await run(`ALTER TABLE bench_customers ADD PRIMARY KEY (i)`);
    await run(`INSERT INTO customer_relationships (id, customer_id, partner_id, status, created_at)
      SELECT 'crl_b_' || c.i, c.customer_id, coalesce(c.partner_id, c.reseller_id), 'active', now() - interval '4 years'
      FROM bench_customers c`);

    await run(`CREATE UNLOGGED TABLE bench_offers AS
      SELECT i, 'bench-offer-' || lpad(i::text, 3, '0') AS offer_id,
        'org_b_pub' || lpad((i / ${s.offersPerPublisher})::text, 3, '0') AS publisher_id,
        (ARRAY['Sentinel', 'Vault', 'Ledger', 'Harbor', 'Beacon', 'Atlas', 'Nimbus', 'Quill', 'Relay', 'Orbit'])[1 + i % 10]
          || ' ' || (ARRAY['Backup', 'Analytics', 'Firewall', 'CRM', 'Workspace', 'Pipelines', 'OCR', 'Gateway'])[1 + (i / 10) % 8]
          || ' ' || i AS name
      FROM generate_series(0, ${OFFERS - 1}) i`);
    await run(`ALTER TABLE bench_offers ADD PRIMARY KEY (i)`);
    await run(`INSERT INTO offers (id, publisher_id, publisher_name, name, type, categories, summary, short_description, description, csp_audience)
      SELECT o.offer_id, o.publisher_id, p.name, o.name, 'saas', ARRAY['productivity'], 'A benchmark offer', 'A benchmark offer.', 'A benchmark offer.', 'any'
      FROM bench_offers o JOIN organizations p ON p.id = o.publisher_id`);
    await run(`INSERT INTO plans (offer_id, id, publisher_id, name, billing, billing_cycles, terms, min_quantity, max_quantity, prices)
      SELECT o.offer_id, 'standard', o.publisher_id, 'Standard', 'license', ARRAY['monthly'], ARRAY['P1M'], 1, 100000,
        '[{"market":"US","currency":"USD","amount":"10.00"}]'
      FROM bench_offers o`);

    // Two subscriptions per customer, of two different offers.
    await run(`CREATE UNLOGGED TABLE bench_subscriptions AS
      SELECT c.i AS customer_i, k, 'sub_b_' || c.i || '_' || k AS id,
        CASE WHEN k = 0 THEN (c.i * 13) % ${OFFERS} ELSE ((c.i * 13) % ${OFFERS} + 1 + c.i % ${OFFERS - 1}) % ${OFFERS} END AS offer_i
      FROM bench_customers c, generate_series(0, 1) k`);
    await run(`ALTER TABLE bench_subscriptions ADD PRIMARY KEY (customer_i, k)`);
    await run(`INSERT INTO subscriptions (id, customer_id, offer_id, plan_id, publisher_id, quantity, partner_id, provider_id, reseller_id,
        support_contact_id, status, billing_cycle, term, market, agreement_version, accepted_by, accepted_at, created_at, updated_at, activated_at)
      SELECT s.id, c.customer_id, o.offer_id, 'standard', o.publisher_id, 10, c.partner_id, c.provider_id, c.reseller_id,
        coalesce(c.partner_id, c.provider_id), 'active', 'monthly', 'P1M', 'US', 1, 'usr_b_' || substr(coalesce(c.partner_id, c.reseller_id), 7),
        now() - interval '4 years', now() - interval '4 years', now() - interval '4 years', now() - interval '4 years'
      FROM bench_subscriptions s JOIN bench_customers c ON c.i = s.customer_i JOIN bench_offers o ON o.i = s.offer_i`);
  });
}

// Words of titles and descriptions. Error codes (E1000–E20999) make rare search terms; product
// and problem words make common ones.
const PROBLEMS = [
  'cannot sign in', 'invoice does not match the order', 'sync fails overnight', 'export times out', 'license count is wrong',
  'refund not received', 'card payment declined', 'plan change did not apply', 'activation email never arrived',
  'dashboard loads slowly', 'agent crashes on start', 'backup job stuck', 'certificate expired', 'API returns 500',
  'users missing after import', 'quota exceeded warning', 'renewal price changed', 'duplicate charge on invoice',
  'single sign-on loop', 'report shows no data', 'webhook deliveries fail', 'storage usage spike', 'cannot add seats',
  'provisioning never completes', 'margin question for resellers', 'marketing materials request', 'tenant linking error',
];
const DETAILS = [
  'Started after the last update.', 'Affects every user in the tenant.', 'Only some users are affected.',
  'Happens in the Seoul region only.', 'Our finance team needs this before month end.', 'We tried restarting the service.',
  'The log shows a timeout after thirty seconds.', 'Screenshots are attached to the first message.',
  'This blocks our go-live next week.', 'The customer is asking for a credit.', 'Worked fine until yesterday.',
  'Reproduced on two machines.', 'The partner portal shows a different number.', 'Please call back in the morning.',
];

/**
 * Writes cases [from, to) and their participants in one transaction; every value derives from the
 * case number. Ages count back from `at` (default: the transaction's now()).
 */
export async function generateCaseBatch(db: Database, from: number, to: number, at?: Date): Promise<void> {
  const now = at ? `'${at.toISOString()}'::timestamptz` : 'now()';
  const s = SIZES;
  const arr = (words: string[]) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(', ')}]`;
  await db.withOwner(async (tx) => {
    const run = (q: string) => sql.raw(q).execute(tx);
    // u1 customer (skewed towards the first customers: a few large ones), u2 category, u3 age,
    // u4 status, u5 last update, u6 holder, u7 severity, u8 language, u9 assignee, u10 subscription.
    await run(`
      INSERT INTO cases (id, title, description, category, severity, status, language, subscription_id, offer_id, customer_id,
        publisher_id, partner_id, provider_id, reseller_id, requester_org_id, requester_user_id, responsible_org_id, holder_org_id,
        assignee_user_id, routing, created_at, updated_at, resolved_at, closed_at)
      SELECT x.id, x.offer_name || ': ' || x.problem,
        'Customer reports: ' || x.problem || '. ' || bench_pick(${arr(DETAILS)}, x.u12) || ' '
          || CASE WHEN x.u13 < 0.2 THEN 'Error code E' || (1000 + floor(x.u13 * 5 * 20000))::int || '. ' ELSE '' END
          || bench_pick(${arr(DETAILS)}, x.u5),
        x.category, x.severity, x.status, x.language, x.subscription_id, x.offer_id, x.customer_id,
        x.publisher_id, x.partner_id, x.provider_id, x.reseller_id, x.requester_org_id, 'usr_b_' || substr(x.requester_org_id, 7),
        x.responsible_org_id, x.holder_org_id,
        CASE WHEN x.holder_org_id = '${BIG_PARTNER.orgId}' AND x.u9 < 0.3 THEN '${BIG_PARTNER.userId}' END,
        '{"bench": true}', x.created_at, x.updated_at,
        CASE WHEN x.status IN ('resolved', 'closed') THEN x.updated_at END,
        CASE WHEN x.status = 'closed' THEN x.updated_at END
      FROM (
        SELECT y.*,
          CASE
            WHEN y.grp = 'csp' THEN y.publisher_id
            WHEN y.grp = 'commerce' THEN CASE WHEN y.u6 < 0.6 OR y.direct THEN 'org_b_op' ELSE y.provider_id END
            WHEN y.grp = 'technical' THEN CASE WHEN y.u6 < 0.7 THEN y.publisher_id WHEN y.u6 < 0.9 OR y.direct THEN y.seller_id ELSE y.provider_id END
            ELSE CASE WHEN NOT y.direct AND y.u6 < 0.12 THEN y.provider_id ELSE y.seller_id END
          END AS holder_org_id,
          CASE y.grp WHEN 'partner' THEN y.seller_id WHEN 'commerce' THEN 'org_b_op' ELSE y.publisher_id END AS responsible_org_id,
          CASE WHEN y.grp IN ('csp', 'commerce') THEN y.seller_id ELSE y.customer_ref END AS requester_org_id,
          CASE WHEN y.grp = 'csp' THEN NULL ELSE y.customer_ref END AS customer_id,
          CASE WHEN y.grp = 'csp' THEN NULL ELSE y.sub_id END AS subscription_id,
          y.created_at + (y.age * y.u5 * CASE WHEN y.status IN ('resolved', 'closed') THEN 0.3 ELSE 1 END) AS updated_at
        FROM (
          SELECT z.*,
            CASE WHEN z.category IN ('billing', 'payment', 'subscription', 'account_setup') THEN 'partner'
                 WHEN z.category = 'csp_program' THEN 'csp' WHEN z.category = 'commerce_platform' THEN 'commerce'
                 ELSE 'technical' END AS grp,
            CASE
              WHEN extract(epoch FROM z.age) > 45 * 86400 THEN CASE WHEN z.u4 < 0.90 THEN 'closed' WHEN z.u4 < 0.96 THEN 'resolved'
                WHEN z.u4 < 0.98 THEN 'pending_customer' WHEN z.u4 < 0.99 THEN 'pending_party' ELSE 'open' END
              ELSE CASE WHEN z.u4 < 0.10 THEN 'new' WHEN z.u4 < 0.35 THEN 'open' WHEN z.u4 < 0.50 THEN 'pending_customer'
                WHEN z.u4 < 0.65 THEN 'pending_party' WHEN z.u4 < 0.80 THEN 'resolved' ELSE 'closed' END
            END AS status,
            ${now} - z.age AS created_at,
            bench_pick(${arr(PROBLEMS)}, z.u11) AS problem
          FROM (
            SELECT g, 'case_b' || lpad(g::text, 8, '0') AS id,
              c.customer_id AS customer_ref, c.direct, c.partner_id, c.provider_id, c.reseller_id,
              coalesce(c.partner_id, c.reseller_id) AS seller_id,
              sub.id AS sub_id, o.offer_id, o.publisher_id, o.name AS offer_name,
              CASE WHEN u2 < 0.15 THEN 'billing' WHEN u2 < 0.20 THEN 'payment' WHEN u2 < 0.30 THEN 'subscription'
                   WHEN u2 < 0.38 THEN 'account_setup' WHEN u2 < 0.63 THEN 'technical_howto' WHEN u2 < 0.83 THEN 'technical_breakfix'
                   WHEN u2 < 0.90 THEN 'service_outage' WHEN u2 < 0.92 THEN 'csp_program' ELSE 'commerce_platform' END AS category,
              CASE WHEN u7 < 0.1 THEN 'critical' WHEN u7 < 0.6 THEN 'moderate' ELSE 'minimal' END AS severity,
              CASE WHEN u8 < 0.8 THEN 'en' ELSE 'ko' END AS language,
              make_interval(secs => 1095 * 86400 * power(u3, 1.6)) AS age,
              u4, u5, u6, u9, u11, u12, u13
            FROM (
              SELECT g, bench_u(g, 1) AS u1, bench_u(g, 2) AS u2, bench_u(g, 3) AS u3, bench_u(g, 4) AS u4, bench_u(g, 5) AS u5,
                bench_u(g, 6) AS u6, bench_u(g, 7) AS u7, bench_u(g, 8) AS u8, bench_u(g, 9) AS u9, bench_u(g, 10) AS u10,
                bench_u(g, 11) AS u11, bench_u(g, 12) AS u12, bench_u(g, 13) AS u13
              FROM generate_series(${from}, ${to - 1}) g
            ) h
            JOIN bench_customers c ON c.i = floor(${s.customers} * h.u1 * h.u1)::int
            JOIN bench_subscriptions sub ON sub.customer_i = c.i AND sub.k = floor(h.u10 * 2)::int
            JOIN bench_offers o ON o.i = sub.offer_i
          ) z
        ) y
      ) x
    `);

    // Participants, with the inbox keys copied from the case.
    await run(`
      INSERT INTO case_participants (case_id, org_id, role, joined_at, status, category, severity, offer_id, customer_id, holder_org_id, updated_at)
      SELECT c.id, v.org_id, v.role, c.created_at, c.status, c.category, c.severity, c.offer_id, c.customer_id, c.holder_org_id, c.updated_at
      FROM cases c CROSS JOIN LATERAL (VALUES
        (c.customer_id, 'customer'),
        (c.partner_id, 'partner'),
        (c.reseller_id, 'reseller'),
        (c.provider_id, 'provider'),
        (CASE WHEN c.category IN ('technical_howto', 'technical_breakfix', 'service_outage', 'csp_program') THEN c.publisher_id END, 'publisher'),
        (CASE WHEN c.category = 'commerce_platform' THEN 'org_b_op' END, 'operator')
      ) v(org_id, role)
      WHERE c.id >= 'case_b${String(from).padStart(8, '0')}' AND c.id < 'case_b${String(to).padStart(8, '0')}' AND v.org_id IS NOT NULL`);
  });
}

/** Removes the helper tables and functions the generator used. */
export async function dropGeneratorHelpers(db: Database): Promise<void> {
  await db.withOwner(async (tx) => {
    for (const t of ['bench_subscriptions', 'bench_offers', 'bench_customers', 'bench_resellers']) {
      await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(tx);
    }
    await sql`DROP FUNCTION IF EXISTS bench_u(bigint, int), bench_pick(text[], float8)`.execute(tx);
  });
}

// ---- The deadlines of the open cases (the SLA benchmark) ----

const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;

/** The share of a target left when its warning is due (SLA_WARNING_SHARE's default). */
export const SLA_WARNING_SHARE = 0.25;

/** The statuses of a case whose clocks may still run. */
export const OPEN_STATUSES = ['new', 'open', 'pending_customer', 'pending_party'] as const;

/**
 * Writes what the SLA clocks of the open cases among [from, to) need and are: each case's public
 * history (`opened` and `routed` as the reducer writes them, then the holder's first public reply
 * for every case no longer `new` — awaiting the customer for `pending_customer`), its clocks in
 * `case_sla_clocks` — the first holder's first response (running while `new`, else met by the
 * reply) and the responsible's resolution (running while the responsible holds a case not
 * waiting on the customer, else paused) — the notices already told, and each participant's
 * deadline (`case_participants.due_at`, `sla_breached`).
 *
 * The stored clocks are spread around `at` (the generation's instant) rather than folded from
 * the history: of the running ones 12 % breached up to ten days before `at` (breach told),
 * 88 % due from 30 minutes to 7 days after it, nearer ones denser; a warning told when its time
 * (a quarter of the target before the due time) is past. So at `at` no clock has anything to tell
 * (`notice_at` null or later than `at`): a scan at `at` finds nothing until the benchmark makes
 * some clocks due. Policies: the default one (no party has its own in the generated data).
 */
export async function generateSlaBatch(db: Database, from: number, to: number, at: Date): Promise<void> {
  const t0 = `'${at.toISOString()}'::timestamptz`;
  // As the clocks store a default policy (sla.clocks.ts): source, why, targets, calendar, around the clock.
  const policy = (severity: (typeof SEVERITIES)[number]) => JSON.stringify({
    source: { kind: 'default', reason: 'no_policy' },
    why: { en: 'No policy applies to this party, so the default applies (Mon–Fri 09:00–18:00 UTC).', ko: '이 조직에 적용할 정책이 없어 기본값을 적용합니다(월–금 09:00–18:00 UTC).' },
    targets: DEFAULT_POLICY.targets[severity], calendar: DEFAULT_POLICY.calendar, criticalAroundTheClock: DEFAULT_POLICY.criticalAroundTheClock,
  }).replace(/'/g, "''");
  const target = (t: 'firstResponseMinutes' | 'resolutionMinutes') =>
    `CASE s.severity ${SEVERITIES.map((v) => `WHEN '${v}' THEN ${DEFAULT_POLICY.targets[v][t]}`).join(' ')} END`;
  const lo = `case_b${String(from).padStart(8, '0')}`;
  const hi = `case_b${String(to).padStart(8, '0')}`;
  await db.withOwner(async (tx) => {
    const run = (q: string) => sql.raw(q).execute(tx);
    // The open cases of the batch, with the roles of their holder and responsible and the reply time.
    await run(`CREATE TEMP TABLE bench_sla_cases ON COMMIT DROP AS
      SELECT c.*, substr(c.id, 7)::bigint AS g,
        (SELECT p.role FROM case_participants p WHERE p.case_id = c.id AND p.org_id = c.holder_org_id) AS holder_role,
        (SELECT p.role FROM case_participants p WHERE p.case_id = c.id AND p.org_id = c.responsible_org_id) AS responsible_role,
        (SELECT jsonb_agg(jsonb_build_object('orgId', p.org_id, 'role', p.role) ORDER BY p.org_id) FROM case_participants p WHERE p.case_id = c.id) AS participants,
        c.created_at + (least(greatest(${t0} - c.created_at, interval '0'), interval '4 hours') * bench_u(substr(c.id, 7)::bigint, 20)) AS replied_at
      FROM cases c WHERE c.id >= '${lo}' AND c.id < '${hi}' AND c.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`);

    await run(`
      INSERT INTO case_events (id, case_id, actor_org_id, actor_user_id, type, visibility, data, created_at)
      SELECT 'evt_b' || lpad(s.g::text, 8, '0') || '_1', s.id, s.requester_org_id, s.requester_user_id, 'opened', 'public',
        jsonb_build_object('title', s.title, 'category', s.category, 'severity', s.severity, 'subscriptionId', s.subscription_id,
          'offerId', s.offer_id, 'customerId', s.customer_id, 'chain', jsonb_build_object('publisherId', s.publisher_id,
            'partnerId', s.partner_id, 'providerId', s.provider_id, 'resellerId', s.reseller_id,
            'operatorId', CASE WHEN s.category = 'commerce_platform' THEN 'org_b_op' END)),
        s.created_at
      FROM bench_sla_cases s
      UNION ALL
      SELECT 'evt_b' || lpad(s.g::text, 8, '0') || '_2', s.id, s.requester_org_id, s.requester_user_id, 'routed', 'public',
        jsonb_build_object('responsibleOrgId', s.responsible_org_id, 'holderOrgId', s.holder_org_id, 'escalationPath', '[]'::jsonb,
          'participants', s.participants, 'incidentId', NULL, 'rules', '[]'::jsonb),
        s.created_at
      FROM bench_sla_cases s
      UNION ALL
      SELECT 'evt_b' || lpad(s.g::text, 8, '0') || '_3', s.id, s.holder_org_id, 'usr_b_' || substr(s.holder_org_id, 7), 'replied', 'public',
        jsonb_build_object('messageId', 'msg_b' || lpad(s.g::text, 8, '0'), 'awaitingCustomer', s.status = 'pending_customer',
          'status', jsonb_build_object('from', 'new', 'to', s.status)),
        s.replied_at
      FROM bench_sla_cases s WHERE s.status <> 'new'`);

    // Clocks: u30/u31 place a running clock's due time, per target.
    await run(`
      INSERT INTO case_sla_clocks (case_id, org_id, target, role, visibility, policy, status, target_minutes, elapsed_ms,
        due_at, warn_at, met_at, breached_at, cycle, notice_at, updated_at)
      SELECT k.case_id, k.org_id, k.target, k.role, CASE WHEN k.role = 'operator' THEN 'partners' ELSE 'public' END,
        CASE k.severity WHEN 'critical' THEN '${policy('critical')}'::jsonb WHEN 'moderate' THEN '${policy('moderate')}'::jsonb ELSE '${policy('minimal')}'::jsonb END,
        k.status, k.target_minutes,
        CASE WHEN k.status IN ('running', 'breached') THEN greatest(0, k.target_minutes * 60000::bigint - (extract(epoch FROM k.due_at - ${t0}) * 1000)::bigint)
             WHEN k.status = 'met' THEN (extract(epoch FROM k.met_at - k.created_at) * 1000)::bigint ELSE k.target_minutes * 30000::bigint END,
        k.due_at, k.warn_at, k.met_at, CASE WHEN k.status = 'breached' THEN k.due_at END, 1,
        CASE WHEN k.status = 'running' THEN CASE WHEN k.warn_at > ${t0} THEN k.warn_at ELSE k.due_at END END,
        ${t0}
      FROM (
        SELECT d.*,
          CASE WHEN d.status = 'running' THEN d.due_at - interval '1 minute' * (d.target_minutes * ${SLA_WARNING_SHARE}) END AS warn_at
        FROM (
          SELECT r.*,
            CASE WHEN r.state = 'counting' THEN CASE WHEN r.u < 0.12 THEN 'breached' ELSE 'running' END ELSE r.state END AS status,
            CASE WHEN r.state = 'counting' THEN CASE WHEN r.u < 0.12 THEN ${t0} - interval '10 days' * (r.u / 0.12)
              ELSE ${t0} + interval '30 minutes' + interval '7 days' * power((r.u - 0.12) / 0.88, 2) END END AS due_at
          FROM (
            SELECT s.id AS case_id, s.holder_org_id AS org_id, 'first_response' AS target, s.holder_role AS role, s.severity, s.created_at,
              ${target('firstResponseMinutes')} AS target_minutes, bench_u(s.g, 30) AS u,
              CASE WHEN s.status = 'new' THEN 'counting' ELSE 'met' END AS state,
              CASE WHEN s.status <> 'new' THEN s.replied_at END AS met_at
            FROM bench_sla_cases s
            UNION ALL
            SELECT s.id, s.responsible_org_id, 'resolution', s.responsible_role, s.severity, s.created_at,
              ${target('resolutionMinutes')}, bench_u(s.g, 31),
              CASE WHEN s.status <> 'pending_customer' AND s.holder_org_id = s.responsible_org_id THEN 'counting' ELSE 'paused' END,
              NULL::timestamptz
            FROM bench_sla_cases s
          ) r
        ) d
      ) k`);

    // What was told already: breaches of the breached clocks, warnings of the running ones past their warning time.
    await run(`
      INSERT INTO case_sla_notices (case_id, org_id, target, kind, cycle, recorded_at)
      SELECT k.case_id, k.org_id, k.target, 'breach', 1, k.breached_at FROM case_sla_clocks k
      WHERE k.case_id >= '${lo}' AND k.case_id < '${hi}' AND k.status = 'breached'
      UNION ALL
      SELECT k.case_id, k.org_id, k.target, 'warning', 1,
        coalesce(k.warn_at, k.breached_at - interval '1 minute' * (k.target_minutes * ${SLA_WARNING_SHARE})) FROM case_sla_clocks k
      WHERE k.case_id >= '${lo}' AND k.case_id < '${hi}' AND (k.status = 'breached' OR (k.status = 'running' AND k.warn_at <= ${t0}))`);

    // Each participant's deadline: the nearest due time of its running or breached clocks.
    await run(`
      UPDATE case_participants p SET due_at = d.due_at, sla_breached = d.breached
      FROM (
        SELECT k.case_id, k.org_id, min(k.due_at) FILTER (WHERE k.status IN ('running', 'breached')) AS due_at, bool_or(k.status = 'breached') AS breached
        FROM case_sla_clocks k WHERE k.case_id >= '${lo}' AND k.case_id < '${hi}' GROUP BY k.case_id, k.org_id
      ) d
      WHERE p.case_id = d.case_id AND p.org_id = d.org_id`);
  });
}
