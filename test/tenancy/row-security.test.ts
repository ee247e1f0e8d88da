/**
 * The second wall: PostgreSQL row-level security. Reads every tenant-owned table as the
 * application role — as each demo organization in turn, and with no organization — and checks
 * that no row belongs to someone the viewer has no business with. The expectations are written
 * here from the product's rules, independently of the policies' SQL.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { OrgKind } from '../../src/core/parties.ts';
import type { DB } from '../../src/db/schema.ts';
import { newId } from '../../src/db/ids.ts';
import { recordSignInFailure } from '../../src/modules/audit/index.ts';
import { createSlaScan, refreshCaseClocks } from '../../src/modules/sla/index.ts';
import { loadDemoData } from '../../src/demo/index.ts';
import { TEST_PUBLIC_URL, testContext, type TestContext } from '../harness.ts';

type Row = Record<string, unknown>;
type Snapshot = { [T in keyof DB]: Row[] };

const TABLES: (keyof DB)[] = [
  'organizations', 'users', 'sessions', 'api_tokens', 'indirect_relationships', 'support_splits',
  'customer_relationships', 'offers', 'offer_contacts', 'offer_authorized_partners', 'offer_optins',
  'agreements', 'plans', 'subscriptions', 'idempotency_keys',
  'routing_preferences', 'cases', 'case_participants', 'case_messages', 'case_attachments', 'case_events',
  'incidents', 'incident_offers', 'incident_updates', 'partner_notice_settings',
  'domain_events', 'event_recipients', 'notifications', 'notification_preferences', 'email_deliveries',
  'webhook_endpoints', 'webhook_deliveries', 'webhook_attempts',
  'audit_log', 'sla_policies', 'case_sla_clocks', 'case_sla_notices',
];
/** Tables the demo data and the set-up below may leave empty. */
const MAY_BE_EMPTY: (keyof DB)[] = ['idempotency_keys'];

/** An organization, and the user its transactions name (one with notifications where it has any). */
interface Org { id: string; kind: OrgKind; userId: string }

/** Whether a viewer of organization `v` may see row `r` of `table`, by the product's rules. */
function maySee(table: keyof DB, r: Row, v: Org, all: Snapshot): boolean {
  const op = v.kind === 'operator';
  const activeResellersOf = (providerId: string) => all.indirect_relationships
    .filter((x) => x.provider_id === providerId && x.status === 'active').map((x) => x.reseller_id);
  const visibleSubscription = (s: Row) => [s.customer_id, s.partner_id, s.provider_id, s.reseller_id, s.publisher_id].includes(v.id) || op;
  const participates = (caseId: unknown) => all.case_participants.some((p) => p.case_id === caseId && p.org_id === v.id);
  const byVisibility = (r: Row, author: unknown) => r.visibility === 'public' || (r.visibility === 'partners' && v.kind !== 'customer') || (r.visibility === 'internal' && author === v.id);
  const visibleCustomerRelationship = (c: Row) => c.partner_id === v.id || c.customer_id === v.id || op || activeResellersOf(v.id).includes(c.partner_id);
  // An incident reaches its publisher, the operator, the partners of record of an active
  // subscription of one of its offers, and that subscription's customer when the customer's
  // seller (its reseller, else its direct partner) chose to tell its customers.
  const tellsCustomers = (sellerId: unknown) => all.partner_notice_settings.some((n) => n.partner_id === sellerId && n.notify_customers_of_incidents === true);
  const incidentVisible = (incidentId: unknown) => {
    const incident = all.incidents.find((i) => i.id === incidentId);
    if (!incident) return false;
    if (op || incident.publisher_id === v.id) return true;
    const offers = all.incident_offers.filter((o) => o.incident_id === incidentId).map((o) => o.offer_id);
    return all.subscriptions.some((s) => s.status === 'active' && offers.includes(s.offer_id) && (
      [s.partner_id, s.provider_id, s.reseller_id].includes(v.id)
      || (s.customer_id === v.id && tellsCustomers(s.reseller_id ?? s.partner_id))));
  };
  switch (table) {
    case 'organizations':
      if (r.id === v.id || op || r.kind === 'operator' || r.kind === 'publisher') return true;
      if (r.kind === 'partner') {
        return v.kind === 'partner' || v.kind === 'publisher'
          || all.customer_relationships.some((c) => c.customer_id === v.id && c.partner_id === r.id)
          || all.subscriptions.some((s) => s.customer_id === v.id && s.provider_id === r.id);
      }
      if (r.kind === 'customer') return all.customer_relationships.some((c) => c.customer_id === r.id && visibleCustomerRelationship(c)) || all.subscriptions.some((s) => s.customer_id === r.id && visibleSubscription(s));
      return false;
    case 'users': case 'sessions': case 'api_tokens': case 'idempotency_keys':
      return r.org_id === v.id;
    case 'indirect_relationships': case 'support_splits':
      return r.provider_id === v.id || r.reseller_id === v.id || op;
    case 'customer_relationships':
      return visibleCustomerRelationship(r);
    case 'offers': case 'agreements': case 'plans':
      return true;
    case 'offer_contacts':
      return r.publisher_id === v.id || v.kind === 'partner' || op;
    case 'offer_authorized_partners': case 'offer_optins':
      // A provider buys on its active resellers' behalf, so it sees their authorizations and opt-ins.
      return r.publisher_id === v.id || r.partner_id === v.id || op || activeResellersOf(v.id).includes(r.partner_id);
    case 'subscriptions':
      return visibleSubscription(r);
    case 'routing_preferences':
      return r.partner_id === v.id || op;
    case 'cases':
      return participates(r.id) || r.requester_org_id === v.id;
    case 'case_participants':
      return r.org_id === v.id || participates(r.case_id);
    case 'case_messages': case 'case_attachments':
      return participates(r.case_id) && byVisibility(r, r.author_org_id);
    case 'case_events':
      return participates(r.case_id) && byVisibility(r, r.actor_org_id);
    case 'incidents':
      return incidentVisible(r.id);
    case 'incident_offers': case 'incident_updates':
      return incidentVisible(r.incident_id);
    case 'partner_notice_settings':
      return r.partner_id === v.id;
    // Events: the organization that acted and those the event reached.
    case 'domain_events':
      return r.actor_org_id === v.id || all.event_recipients.some((x) => x.event_id === r.id && x.org_id === v.id);
    case 'event_recipients':
      return r.org_id === v.id;
    // A user's own inbox and choices, not even a colleague's.
    case 'notifications': case 'notification_preferences':
      return r.user_id === v.userId && r.org_id === v.id;
    // E-mail is the worker's alone.
    case 'email_deliveries':
      return false;
    case 'webhook_endpoints': case 'webhook_deliveries': case 'webhook_attempts':
      return r.org_id === v.id;
    // An organization's own audit log; the operator reads every log, the org-less entries too.
    case 'audit_log':
      return r.org_id === v.id || op;
    // An organization's own SLA policy versions; the operator reads all (others learn the ones of their cases through a look-up only).
    case 'sla_policies':
      return r.org_id === v.id || op;
    // A case's clocks: its participants, but the customer only those made to it (public ones).
    case 'case_sla_clocks':
      return participates(r.case_id) && (r.visibility === 'public' || v.kind !== 'customer');
    // The warnings and breaches told of a case: as visible as their clock.
    case 'case_sla_notices':
      return participates(r.case_id) && all.case_sla_clocks.some((k) => k.case_id === r.case_id && k.org_id === r.org_id && k.target === r.target
        && (k.visibility === 'public' || v.kind !== 'customer'));
    // Rate-limit counters are no tenant's data and have no row security (migration 0004): not in TABLES.
    case 'rate_limit_buckets':
      return false;
  }
}

function keyOf(table: keyof DB, r: Row): string {
  if ('id' in r && table !== 'plans') return String(r.id);
  return JSON.stringify(Object.entries(r).filter(([k]) => /_id$|^key$|^category$|^id$/.test(k)).sort());
}

describe('row-level security', () => {
  let ctx: TestContext;
  let all: Snapshot;
  let orgs: Org[];

  before(async () => {
    ctx = await testContext();
    const { loaded } = await loadDemoData(ctx.db, { password: 'row-security-test' });
    assert.ok(loaded);
    // Sessions and tokens exist in demo organizations after a little use.
    for (const email of ['global-admin@northwind-direct.example', 'publisher-admin@bastionlabs.example', 'customer-admin@riverbend.example']) {
      const signIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email, password: 'row-security-test' } });
      assert.equal(signIn.statusCode, 201, email);
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const token = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, origin: TEST_PUBLIC_URL }, payload: { name: 'probe' } });
      assert.equal(token.statusCode, 201, email);
    }
    // Notifications, preferences, webhook endpoints whose deliveries fail (nothing listens on port 9),
    // e-mails (no SMTP server either): the worker's tables filled by the demo's events.
    const cookies = new Map<string, string>();
    for (const email of ['global-admin@northwind-direct.example', 'customer-admin@riverbend.example']) {
      const signIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email, password: 'row-security-test' } });
      cookies.set(email, String(signIn.headers['set-cookie']).split(';')[0]!);
      const endpoint = await ctx.app.inject({
        method: 'POST', url: '/api/v1/webhooks/endpoints', headers: { cookie: cookies.get(email)!, origin: TEST_PUBLIC_URL },
        payload: { url: 'http://127.0.0.1:9/switchboard', eventTypes: ['case.opened', 'incident.posted'] },
      });
      assert.equal(endpoint.statusCode, 201, endpoint.body);
    }
    const prefs = await ctx.app.inject({
      method: 'PUT', url: '/api/v1/notification-preferences', headers: { cookie: cookies.get('global-admin@northwind-direct.example')!, origin: TEST_PUBLIC_URL },
      payload: { preferences: [{ eventType: 'case.closed', inApp: false, email: true }] },
    });
    assert.equal(prefs.statusCode, 200, prefs.body);
    const nineToSix = [{ start: '09:00', end: '18:00' }];
    const policy = await ctx.app.inject({
      method: 'PUT', url: '/api/v1/sla-policies/all', headers: { cookie: cookies.get('global-admin@northwind-direct.example')!, origin: TEST_PUBLIC_URL },
      payload: {
        targets: { critical: { firstResponseMinutes: 30, resolutionMinutes: 240 }, moderate: { firstResponseMinutes: 120, resolutionMinutes: 960 }, minimal: { firstResponseMinutes: 480, resolutionMinutes: 2400 } },
        calendar: { timeZone: 'America/New_York', week: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] }, holidays: [] },
        criticalAroundTheClock: false,
      },
    });
    assert.equal(policy.statusCode, 200, policy.body);
    // Every demo case's SLA clocks, and a scan a year on, so every clock that runs has told its breach.
    const caseIds = await ctx.db.withOwner((tx) => tx.selectFrom('cases').select('id').execute()).then((r) => r.map((c) => c.id));
    await ctx.db.withOwner((tx) => refreshCaseClocks(tx, caseIds, new Date(), { warningShare: 0.25 }));
    await createSlaScan({ db: ctx.db, now: () => new Date(Date.now() + 365 * 86_400_000), newId, warningShare: 0.25 }).run();
    await ctx.worker({ smtpUrl: 'smtp://127.0.0.1:9' }).drain();
    // A failed sign-in naming nobody: an audit entry of no organization.
    await ctx.db.withAnonymous({}, (tx) => recordSignInFailure(tx, { email: 'nobody@nowhere.example', reason: 'unknown_email' }));
    const entries = await Promise.all(TABLES.map(async (t) => [t, await ctx.db.withOwner((tx) => sql<Row>`SELECT * FROM ${sql.table(t)}`.execute(tx)).then((r) => r.rows)] as const));
    all = Object.fromEntries(entries) as Snapshot;
    const userOf = (orgId: unknown) => String(
      all.notifications.find((n) => n.org_id === orgId)?.user_id
      ?? all.users.filter((u) => u.org_id === orgId).map((u) => String(u.id)).sort()[0] ?? 'usr_probe');
    orgs = all.organizations.map((o) => ({ id: String(o.id), kind: o.kind as OrgKind, userId: userOf(o.id) }));
  });

  it('runs requests as a role that owns no table and cannot bypass row security', async () => {
    const role = await ctx.db.withTenant({ orgId: 'org_none', orgKind: 'partner', userId: 'usr_none' }, async (tx) => {
      const who = await sql<{ current_user: string }>`SELECT current_user`.execute(tx);
      const r = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`.execute(tx);
      const owned = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE tableowner = current_user`.execute(tx);
      return { user: who.rows[0]!.current_user, ...r.rows[0]!, owned: owned.rows[0]!.n };
    });
    assert.deepEqual(role, { user: 'switchboard_app', rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('forces row security on every tenant-owned table', async () => {
    const rows = await ctx.db.withOwner((tx) => sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY(${TABLES})`.execute(tx));
    assert.equal(rows.rows.length, TABLES.length);
    for (const r of rows.rows) assert.ok(r.relrowsecurity && r.relforcerowsecurity, r.relname);
  });

  it('shows nothing at all when no organization is set', async () => {
    for (const table of TABLES) {
      const rows = await ctx.db.withAnonymous({}, (tx) => sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(tx));
      assert.equal(rows.rows.length, 0, table);
    }
  });

  it('shows every organization only what it may see, in every table', async () => {
    assert.ok(orgs.length >= 40);
    for (const table of TABLES) assert.ok(all[table].length > 0 || MAY_BE_EMPTY.includes(table), `demo data fills ${table}`);
    for (const org of orgs) {
      for (const table of TABLES) {
        const seen = await ctx.db.withTenant({ orgId: org.id, orgKind: org.kind, userId: org.userId }, (tx) => sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(tx));
        const foreign = seen.rows.filter((r) => !maySee(table, r, org, all));
        assert.deepEqual(foreign.map((r) => keyOf(table, r)), [], `${org.kind} ${org.id} sees foreign rows of ${table}`);
        const expected = all[table].filter((r) => maySee(table, r, org, all)).length;
        assert.equal(seen.rows.length, expected, `${org.kind} ${org.id} sees all its own rows of ${table}`);
      }
    }
  });

  it('refuses writes into another organization', async () => {
    const [a, b] = orgs.filter((o) => o.kind === 'partner');
    await assert.rejects(ctx.db.withTenant({ orgId: a!.id, orgKind: 'partner', userId: 'usr_probe' }, (tx) =>
      tx.insertInto('users').values({ id: 'usr_intruder', org_id: b!.id, email: 'intruder@example.test', name: 'Intruder', roles: ['global_admin'], password_hash: null }).execute()), /row-level security/);
    const updated = await ctx.db.withTenant({ orgId: a!.id, orgKind: 'partner', userId: 'usr_probe' }, (tx) =>
      tx.updateTable('users').set({ name: 'Renamed' }).where('org_id', '=', b!.id).executeTakeFirst());
    assert.equal(Number(updated.numUpdatedRows), 0);
  });
});
