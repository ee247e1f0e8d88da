import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { CASE_STATUSES } from '../../src/core/case-rules.ts';
import { OFFER_TYPES, SUBSCRIPTION_STATUSES } from '../../src/core/catalog-rules.ts';
import { ROLES_BY_KIND, type OrgKind } from '../../src/core/parties.ts';
import { customerFacingPartnerOf, decideRouting } from '../../src/core/routing.ts';
import type { Chain, RoutingDecision, RoutingFacts, Severity } from '../../src/core/routing-types.ts';
import { defaultSplit, type SupportCategory } from '../../src/core/support-categories.ts';
import { demoSignIns, loadDemoData, type DemoLoadResult } from '../../src/demo/index.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call } from '../factories.ts';

const PASSWORD = 'demo-password-for-tests';

// This file is the only one that loads demo data into its database; every test reads that load.
let ctx: TestContext;
let first: DemoLoadResult[];

async function snapshot(c: TestContext) {
  return c.db.withOwner(async (tx) => ({
    organizations: await tx.selectFrom('organizations').selectAll().execute(),
    users: await tx.selectFrom('users').selectAll().execute(),
    indirect: await tx.selectFrom('indirect_relationships').selectAll().execute(),
    splits: await tx.selectFrom('support_splits').selectAll().execute(),
    customerRelationships: await tx.selectFrom('customer_relationships').selectAll().execute(),
    offers: await tx.selectFrom('offers').selectAll().execute(),
    contacts: await tx.selectFrom('offer_contacts').selectAll().execute(),
    authorized: await tx.selectFrom('offer_authorized_partners').selectAll().execute(),
    optins: await tx.selectFrom('offer_optins').selectAll().execute(),
    agreements: await tx.selectFrom('agreements').selectAll().execute(),
    plans: await tx.selectFrom('plans').selectAll().execute(),
    subscriptions: await tx.selectFrom('subscriptions').selectAll().execute(),
    preferences: await tx.selectFrom('routing_preferences').selectAll().execute(),
    cases: await tx.selectFrom('cases').selectAll().orderBy('created_at').execute(),
    participants: await tx.selectFrom('case_participants').selectAll().execute(),
    messages: await tx.selectFrom('case_messages').selectAll().orderBy('created_at').execute(),
    attachments: await tx.selectFrom('case_attachments').selectAll().execute(),
    events: await tx.selectFrom('case_events').selectAll().orderBy('created_at').orderBy('id').execute(),
    incidents: await tx.selectFrom('incidents').selectAll().orderBy('started_at').execute(),
    incidentOffers: await tx.selectFrom('incident_offers').selectAll().execute(),
    incidentUpdates: await tx.selectFrom('incident_updates').selectAll().orderBy('created_at').execute(),
    noticeSettings: await tx.selectFrom('partner_notice_settings').selectAll().execute(),
  }));
}

function counts(s: Awaited<ReturnType<typeof snapshot>>): Record<string, number> {
  return Object.fromEntries(Object.entries(s).map(([table, rows]) => [table, rows.length]));
}

describe('demo data', () => {
  before(async () => {
    ctx = await testContext();
    // Two loads at once: the lock lets exactly one of them write.
    first = await Promise.all([loadDemoData(ctx.db, { password: PASSWORD }), loadDemoData(ctx.db, { password: PASSWORD })]);
  });

  it('loads once even when two loads start together', () => {
    assert.deepEqual(first.map((r) => r.loaded).sort(), [false, true]);
    for (const r of first) assert.deepEqual(r.signIns, demoSignIns());
  });

  it('holds one operator, 4 publishers with 10 offers, 2 providers, 6 resellers, 1 direct partner and 30 customers', async () => {
    const s = await snapshot(ctx);
    const orgs = s.organizations;
    const count = (pred: (o: (typeof orgs)[number]) => boolean) => orgs.filter(pred).length;
    assert.equal(count((o) => o.kind === 'operator'), 1);
    assert.equal(count((o) => o.kind === 'publisher'), 4);
    assert.equal(s.offers.length, 10);
    assert.equal(count((o) => o.partner_model === 'indirect_provider'), 2);
    assert.equal(count((o) => o.partner_model === 'indirect_reseller'), 6);
    assert.equal(count((o) => o.partner_model === 'direct'), 1);
    assert.equal(count((o) => o.kind === 'customer'), 30);
    assert.equal(count((o) => o.partner_model === 'indirect_reseller' && !o.in_good_standing), 1);
    assert.ok(new Set(orgs.filter((o) => o.kind === 'customer').map((o) => o.country)).size >= 5);
  });

  it('has an offer of every type and a subscription in every status', async () => {
    const s = await snapshot(ctx);
    for (const type of OFFER_TYPES) assert.ok(s.offers.some((o) => o.type === type), type);
    for (const status of SUBSCRIPTION_STATUSES) assert.ok(s.subscriptions.some((x) => x.status === status), status);
    assert.ok(s.subscriptions.some((x) => x.partner_id !== null), 'a direct subscription');
    assert.ok(s.subscriptions.some((x) => x.reseller_id !== null), 'an indirect subscription');
    assert.ok(s.subscriptions.filter((x) => x.reseller_id !== null && x.support_contact_id === x.reseller_id).length >= 2, 'support contact set to the reseller');
  });

  it('has a user for every role of every kind of organization', async () => {
    const s = await snapshot(ctx);
    const kindOf = new Map(s.organizations.map((o) => [o.id, o.kind]));
    for (const [kind, roles] of Object.entries(ROLES_BY_KIND) as Array<[OrgKind, readonly string[]]>) {
      for (const role of roles) assert.ok(s.users.some((u) => kindOf.get(u.org_id) === kind && u.roles.includes(role)), `${kind} ${role}`);
    }
    assert.ok(s.users.some((u) => u.locale === 'ko'));
    // Every organization has someone to sign in as.
    for (const o of s.organizations) assert.ok(s.users.some((u) => u.org_id === o.id), `${o.name} has a user`);
    for (const u of s.users) assert.equal(u.email, u.email.toLowerCase());
  });

  it('builds the channel: relationships in every state with the default split, every customer with a seller', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    assert.deepEqual([...new Set(s.indirect.map((r) => r.status))].sort(), ['active', 'ended', 'invited']);
    const split = defaultSplit().map((r) => `${r.category}:${r.firstContact}:${r.handler}`).sort();
    for (const r of s.indirect) {
      assert.equal(org.get(r.provider_id)!.partner_model, 'indirect_provider');
      assert.equal(org.get(r.reseller_id)!.partner_model, 'indirect_reseller');
      assert.deepEqual(s.splits.filter((x) => x.relationship_id === r.id).map((x) => `${x.category}:${x.first_contact}:${x.handler}`).sort(), split);
      assert.equal(r.status !== 'invited', r.accepted_at !== null);
      assert.equal(r.status === 'ended', r.ended_at !== null && r.ended_by_org !== null);
    }
    for (const reseller of s.organizations.filter((o) => o.partner_model === 'indirect_reseller')) {
      assert.equal(s.indirect.filter((r) => r.reseller_id === reseller.id && r.status === 'active').length, 1, `${reseller.name} has one active provider`);
    }
    for (const customer of s.organizations.filter((o) => o.kind === 'customer')) {
      const rels = s.customerRelationships.filter((r) => r.customer_id === customer.id && r.status === 'active');
      assert.equal(rels.length, 1, customer.name);
      assert.ok(['direct', 'indirect_reseller'].includes(org.get(rels[0]!.partner_id)!.partner_model ?? ''), customer.name);
    }
  });

  it('fills in the catalog: contacts, audiences, plans in several markets and agreements', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    assert.deepEqual([...new Set(s.offers.map((o) => o.csp_audience))].sort(), ['any', 'none', 'specific']);
    assert.ok(s.offers.filter((o) => o.csp_audience === 'any').length > 5);
    for (const o of s.offers) {
      assert.equal(o.publisher_name, org.get(o.publisher_id)!.name);
      assert.ok(o.categories.length >= 1 && o.categories.length <= 5);
      assert.ok(o.summary && o.short_description && o.description && o.links.length > 0 && o.documents.length > 0, o.id);
      const c = s.contacts.find((x) => x.offer_id === o.id);
      assert.ok(c, `${o.id} has contacts`);
      assert.ok(c.support.name && c.support.email.endsWith('.example') && c.support.phone && c.support.website, o.id);
      assert.ok(c.engineering.name && c.engineering.email.endsWith('.example') && c.engineering.phone, o.id);
      assert.equal(c.csp_program === null, o.csp_audience === 'none', o.id);
      if (c.csp_program) assert.ok(c.csp_program.marketingMaterialsUrl, o.id);
      assert.equal(s.authorized.some((a) => a.offer_id === o.id), o.csp_audience === 'specific', o.id);
      const plans = s.plans.filter((p) => p.offer_id === o.id);
      assert.ok(plans.length >= 1 && plans.length <= 3, o.id);
      assert.ok(s.agreements.some((a) => a.offer_id === o.id && a.version === 1), o.id);
    }
    assert.ok(s.agreements.some((a) => a.version === 2));
    assert.ok(s.plans.some((p) => p.billing === 'usage') && s.plans.some((p) => p.billing === 'license'));
    assert.ok(s.plans.some((p) => p.trial_days > 0));
    for (const p of s.plans) {
      for (const price of p.prices) assert.match(price.amount, /^\d+(\.\d+)?$/);
    }
    const markets = new Set(s.plans.flatMap((p) => p.prices.map((x) => `${x.market}/${x.currency}`)));
    for (const m of ['US/USD', 'KR/KRW', 'DE/EUR', 'GB/GBP', 'JP/JPY']) assert.ok(markets.has(m), m);
    const countries = new Set(s.organizations.filter((o) => o.kind === 'customer').map((o) => o.country));
    assert.ok(s.plans.some((p) => [...countries].some((c) => !p.prices.some((x) => x.market === c))), 'a plan is not sold in some customer\'s market');
    const partners = s.organizations.filter((o) => o.kind === 'partner');
    const resellable = s.offers.filter((o) => o.csp_audience === 'any');
    assert.ok(s.optins.length > 0 && s.optins.length < partners.length * resellable.length, 'some partners are not opted in to some offers');
  });

  it('keeps every subscription coherent with its plan, agreement, channel and history', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const user = new Map(s.users.map((u) => [u.id, u]));
    const live = new Set<string>();
    for (const x of s.subscriptions) {
      const offer = s.offers.find((o) => o.id === x.offer_id)!;
      const plan = s.plans.find((p) => p.offer_id === x.offer_id && p.id === x.plan_id)!;
      const customer = org.get(x.customer_id)!;
      const label = `${customer.name} / ${x.offer_id}`;
      assert.equal(customer.kind, 'customer');
      assert.equal(x.publisher_id, offer.publisher_id, label);
      assert.equal(x.market, customer.country, label);
      assert.ok(plan.prices.some((p) => p.market === x.market), label);
      assert.ok(x.quantity >= plan.min_quantity && x.quantity <= plan.max_quantity, label);
      assert.ok(plan.billing_cycles.includes(x.billing_cycle) && plan.terms.includes(x.term), label);
      const agreement = s.agreements.find((a) => a.offer_id === x.offer_id && a.version === x.agreement_version);
      assert.ok(agreement && agreement.published_at <= x.accepted_at, label);
      assert.equal(x.status === 'pending_activation', x.activated_at === null && x.status !== 'cancelled', label);
      assert.equal(x.status === 'cancelled', x.cancelled_at !== null, label);
      const seller = x.partner_id ?? x.reseller_id!;
      assert.equal(user.get(x.accepted_by)!.org_id, seller, label);
      if (x.partner_id) {
        assert.equal(org.get(x.partner_id)!.partner_model, 'direct', label);
        assert.equal(x.support_contact_id, x.partner_id, label);
      } else {
        assert.ok(s.indirect.some((r) => r.provider_id === x.provider_id && r.reseller_id === x.reseller_id && r.status === 'active'), label);
        assert.ok([x.provider_id, x.reseller_id].includes(x.support_contact_id), label);
      }
      assert.ok(s.customerRelationships.some((r) => r.customer_id === x.customer_id && r.partner_id === seller && r.status === 'active' && r.created_at <= x.accepted_at), label);
      assert.notEqual(offer.csp_audience, 'none', label);
      if (offer.csp_audience === 'specific') assert.ok(s.authorized.some((a) => a.offer_id === offer.id && a.partner_id === seller), label);
      assert.ok(s.optins.some((o) => o.offer_id === offer.id && o.partner_id === seller && o.opted_in_at <= x.accepted_at), label);
      if (x.status !== 'cancelled') {
        assert.ok(!live.has(`${x.customer_id}/${x.offer_id}`), `${label}: one live subscription`);
        live.add(`${x.customer_id}/${x.offer_id}`);
      }
    }
  });

  it('has cases in every status, about subscriptions and offers alone, in English and Korean', async () => {
    const s = await snapshot(ctx);
    assert.ok(s.cases.length >= 20 && s.cases.length <= 30, `${s.cases.length} cases`);
    for (const status of CASE_STATUSES) assert.ok(s.cases.some((c) => c.status === status), status);
    assert.ok(s.cases.some((c) => c.subscription_id !== null) && s.cases.some((c) => c.subscription_id === null && c.offer_id !== null));
    assert.deepEqual([...new Set(s.cases.map((c) => c.language))].sort(), ['en', 'ko']);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    for (const kind of ['customer', 'partner', 'publisher'] as const) assert.ok(s.cases.some((c) => org.get(c.requester_org_id)!.kind === kind), `opened by a ${kind}`);
  });

  it('routes every case as the routing engine decides from the demo\'s subscriptions, splits and preferences', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const operatorId = s.organizations.find((o) => o.kind === 'operator')!.id;
    for (const c of s.cases) {
      const asker = org.get(c.requester_org_id)!;
      const sub = s.subscriptions.find((x) => x.id === c.subscription_id);
      const chain: Chain | null = !sub ? null : sub.partner_id
        ? { model: 'direct', partnerId: sub.partner_id }
        : { model: 'indirect', providerId: sub.provider_id!, resellerId: sub.reseller_id!, supportContact: sub.support_contact_id === sub.reseller_id ? 'reseller' : 'provider' };
      const offer = c.offer_id ? { id: c.offer_id, publisherId: s.offers.find((o) => o.id === c.offer_id)!.publisher_id } : null;
      const split = chain?.model === 'indirect' ? defaultSplit() : null;
      const category = c.category as SupportCategory;
      let preference: RoutingFacts['preference'] = { value: 'forward', source: 'none' };
      if (chain && offer) {
        const partnerId = customerFacingPartnerOf(category, chain, split).orgId;
        const own = s.preferences.find((p) => p.partner_id === partnerId && p.offer_id === offer.id) ?? s.preferences.find((p) => p.partner_id === partnerId && p.offer_id === null);
        if (own) preference = { value: own.preference, source: own.offer_id === null ? 'default' : 'offer' };
      }
      // The offer's incident open when the case was opened (the most recent when several were), which a technical case links to.
      const openedAt = new Date(c.created_at).getTime();
      const openIncident = s.incidents
        .filter((i) => s.incidentOffers.some((o) => o.incident_id === i.id && o.offer_id === c.offer_id))
        .filter((i) => new Date(i.started_at).getTime() <= openedAt && (i.resolved_at === null || new Date(i.resolved_at).getTime() > openedAt))
        .sort((a, b) => new Date(b.started_at).getTime() - new Date(a.started_at).getTime())[0];
      const decision = decideRouting({
        category, severity: c.severity as Severity, asker: { orgId: asker.id, kind: asker.kind, partnerModel: asker.partner_model },
        customerId: c.customer_id, chain, offer, operatorId, preference, split, openIncidentId: openIncident?.id ?? null,
      });
      assert.ok(decision.routable, c.title);
      assert.deepEqual(c.routing, JSON.parse(JSON.stringify(decision)), c.title);
      assert.equal(c.responsible_org_id, decision.responsible.orgId, c.title);
      const routed = s.events.find((e) => e.case_id === c.id && e.type === 'routed')!;
      assert.equal((routed.data as { holderOrgId: string }).holderOrgId, decision.firstHolderId, c.title);
      const members = new Map(s.participants.filter((p) => p.case_id === c.id).map((p) => [p.org_id, p.role]));
      for (const p of (decision as Extract<RoutingDecision, { routable: true }>).participants) assert.equal(members.get(p.orgId), p.role, `${c.title}: ${p.role}`);
    }
  });

  it('has an open incident with two updates on an offer with active subscriptions, a resolved one, and partners that tell their customers', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const updatesOf = (id: string) => s.incidentUpdates.filter((u) => u.incident_id === id);
    const offersOf = (id: string) => s.incidentOffers.filter((o) => o.incident_id === id);
    const open = s.incidents.filter((i) => i.status !== 'resolved');
    assert.equal(open.length, 1);
    const live = open[0]!;
    assert.equal(live.resolved_at, null);
    assert.equal(updatesOf(live.id).length, 3, 'the first message and two updates');
    assert.equal(live.version, 3);
    assert.equal(updatesOf(live.id).at(-1)!.status, live.status);
    for (const o of offersOf(live.id)) {
      assert.equal(o.is_open, true);
      assert.ok(s.subscriptions.some((x) => x.offer_id === o.offer_id && x.status === 'active'), o.offer_id);
      assert.equal(s.offers.find((x) => x.id === o.offer_id)!.publisher_id, live.publisher_id);
    }
    const resolved = s.incidents.filter((i) => i.status === 'resolved');
    assert.equal(resolved.length, 1);
    assert.ok(resolved[0]!.resolved_at);
    assert.deepEqual(offersOf(resolved[0]!.id).map((o) => o.is_open), [false]);
    assert.equal(updatesOf(resolved[0]!.id).at(-1)!.status, 'resolved');
    const telling = s.noticeSettings.filter((n) => n.notify_customers_of_incidents).map((n) => org.get(n.partner_id)!.partner_model);
    assert.ok(telling.includes('direct') && telling.includes('indirect_reseller'), JSON.stringify(telling));
    // A customer of a partner that tells hears of the open incident.
    const heard = s.subscriptions.find((x) => x.status === 'active' && offersOf(live.id).some((o) => o.offer_id === x.offer_id)
      && s.noticeSettings.some((n) => n.partner_id === (x.reseller_id ?? x.partner_id) && n.notify_customers_of_incidents))!;
    assert.ok(heard, 'a customer that hears of the open incident');
    const customer = s.users.find((u) => u.org_id === heard.customer_id)!;
    const signIn = await ctx.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: customer.email, password: PASSWORD } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const seen = await ctx.app.inject({ method: 'GET', url: `/api/v1/incidents/${live.id}`, headers: { cookie } });
    assert.equal(seen.statusCode, 200);
    // The outage cases opened while an incident was open are linked to it.
    assert.ok(s.cases.some((c) => c.incident_id === live.id), 'a case linked to the open incident');
    assert.ok(s.cases.some((c) => c.incident_id === resolved[0]!.id), 'a case linked to the resolved incident');
  });

  it('keeps every case coherent: holder and assignee, dates, history, and each participant\'s copy of the inbox keys', async () => {
    const s = await snapshot(ctx);
    const user = new Map(s.users.map((u) => [u.id, u]));
    for (const c of s.cases) {
      const label = c.title;
      const members = s.participants.filter((p) => p.case_id === c.id);
      assert.ok(members.some((p) => p.org_id === c.holder_org_id), `${label}: the holder takes part`);
      assert.ok(members.some((p) => p.org_id === c.requester_org_id), `${label}: the requester takes part`);
      if (c.assignee_user_id) assert.equal(user.get(c.assignee_user_id)!.org_id, c.holder_org_id, `${label}: the assignee works for the holder`);
      for (const p of members) {
        assert.deepEqual(
          [p.status, p.category, p.severity, p.offer_id, p.customer_id, p.holder_org_id, p.assignee_user_id, p.updated_at.getTime()],
          [c.status, c.category, c.severity, c.offer_id, c.customer_id, c.holder_org_id, c.assignee_user_id, c.updated_at.getTime()],
          `${label}: ${p.org_id}'s inbox keys`,
        );
      }
      const events = s.events.filter((e) => e.case_id === c.id);
      assert.deepEqual(events.slice(0, 2).map((e) => e.type), ['opened', 'routed'], label);
      assert.equal(Math.max(...events.map((e) => e.created_at.getTime())), c.updated_at.getTime(), `${label}: the last event is the last update`);
      assert.ok(events.every((e) => e.created_at >= c.created_at && e.created_at <= new Date()), label);
      // The entries of one change share their time (a note that opens a case adds a public status_changed).
      assert.equal(c.version, new Set(events.map((e) => e.created_at.getTime())).size, `${label}: one version per change`);
      assert.equal(c.status === 'resolved' || c.status === 'closed', c.resolved_at !== null, `${label}: resolved_at`);
      assert.equal(c.status === 'closed', c.closed_at !== null, `${label}: closed_at`);
      for (const m of s.messages.filter((x) => x.case_id === c.id)) assert.ok(members.some((p) => p.org_id === m.author_org_id), `${label}: authors take part`);
    }
  });

  it('tells the promised stories: forwarded to publishers, held by partners, escalated to a provider and handed back, with the operator', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const kindOf = (id: string) => org.get(id)!.kind;
    const types = new Set(s.events.map((e) => e.type));
    for (const type of ['forwarded', 'escalated', 'handed_back', 'assigned', 'replied', 'noted', 'resolved', 'reopened', 'closed', 'external_reference_set', 'attachment_added']) {
      assert.ok(types.has(type), type);
    }
    assert.ok(s.cases.some((c) => c.category.startsWith('technical') && kindOf(c.holder_org_id) === 'publisher'), 'a technical case with its publisher');
    assert.ok(s.cases.some((c) => ['billing', 'payment'].includes(c.category) && kindOf(c.holder_org_id) === 'partner'), 'a billing case held by a partner');
    assert.ok(s.cases.some((c) => c.category === 'commerce_platform' && kindOf(c.holder_org_id) === 'operator'), 'a commerce case with the operator');
    const toProvider = s.events.filter((e) => e.type === 'escalated' && (e.data as { tier: string }).tier === 'provider');
    assert.ok(toProvider.some((e) => org.get(e.actor_org_id)!.partner_model === 'indirect_reseller'), 'a reseller escalates to its provider');
    assert.ok(s.events.some((e) => e.type === 'escalated' && (e.data as { tier: string }).tier === 'operator'), 'a case escalated to the operator');
    assert.deepEqual([...new Set(s.messages.map((m) => m.visibility))].sort(), ['internal', 'partners', 'public']);
    assert.ok(s.attachments.length >= 2);
    for (const a of s.attachments) {
      const message = s.messages.find((m) => m.id === a.message_id)!;
      assert.equal(a.visibility, message.visibility);
      assert.equal(a.author_org_id, message.author_org_id);
      assert.equal(a.size_bytes, a.content.length);
      assert.equal(a.sha256, createHash('sha256').update(a.content).digest('hex'));
    }
  });

  it('sets routing preferences: a partner-wide tier1 and a direct for one offer', async () => {
    const s = await snapshot(ctx);
    assert.deepEqual(s.preferences.map((p) => `${p.offer_id === null ? 'default' : 'offer'}:${p.preference}`).sort(), ['default:tier1', 'offer:direct']);
    const user = new Map(s.users.map((u) => [u.id, u]));
    for (const p of s.preferences) assert.equal(user.get(p.updated_by)!.org_id, p.partner_id);
  });

  it('shows each demo organization exactly its cases in its inbox', async () => {
    const s = await snapshot(ctx);
    for (const email of ['global-admin@northwind-direct.example', 'customer-admin@riverbend.example', 'publisher-admin@tidewater.example', 'commerce-support@switchboard.example']) {
      const signIn = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: PASSWORD });
      assert.equal(signIn.status, 201, email);
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      const orgId = s.users.find((u) => u.email === email)!.org_id;
      const inbox = await call(ctx, null, 'GET', '/api/v1/cases?limit=100', undefined, { cookie });
      assert.equal(inbox.status, 200, email);
      const expected = s.participants.filter((p) => p.org_id === orgId).map((p) => p.case_id).sort();
      assert.ok(expected.length > 0, email);
      assert.deepEqual(inbox.body.items.map((i: { id: string }) => i.id).sort(), expected, email);
    }
  });

  /** The SLA clocks of the demo's cases, with their case's title, as the owner reads them. */
  async function clocksByTitle() {
    const rows = await ctx.db.withOwner((tx) => tx.selectFrom('case_sla_clocks as k').innerJoin('cases as c', 'c.id', 'k.case_id')
      .select(['c.title', 'k.case_id', 'k.org_id', 'k.role', 'k.target', 'k.status', 'k.due_at', 'k.met_at', 'k.breached_at', 'k.policy']).execute());
    const of = (title: string) => rows.filter((r) => r.title === title);
    return { rows, of };
  }
  const sourceOf = (policy: unknown) => (policy as { source: Record<string, unknown> }).source;

  it('holds SLA commitments: an agreement stating its calendar, holidays and critical cases around the clock; partners\' and the operator\'s versioned policies', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const user = new Map(s.users.map((u) => [u.id, u]));
    const v2 = s.agreements.find((a) => a.offer_id === 'bastion-sentinel' && a.version === 2)!;
    assert.equal(v2.commitments.calendar?.timeZone, 'America/Los_Angeles');
    assert.deepEqual(v2.commitments.calendar?.week.mon, [{ start: '06:00', end: '18:00' }]);
    assert.deepEqual(v2.commitments.calendar?.week.sat, []);
    assert.ok(v2.commitments.calendar!.holidays.includes('2026-11-26'));
    assert.equal(v2.commitments.criticalAroundTheClock, true);
    for (const a of s.agreements) assert.equal(user.get(a.published_by!)?.org_id, a.publisher_id, `${a.offer_id} v${a.version} published by its publisher`);

    const policies = await ctx.db.withOwner((tx) => tx.selectFrom('sla_policies').selectAll().orderBy('set_at').execute());
    assert.deepEqual(policies.map((p) => `${org.get(p.org_id)!.name} ${p.scope} v${p.version}`).sort(), [
      'Meridian Distribution all v1', 'Northwind Direct all v1', 'Northwind Direct all v2', 'Northwind Direct billing v1', 'Switchboard Marketplace commerce_platform v1',
    ]);
    for (const p of policies) {
      assert.equal(user.get(p.set_by)!.org_id, p.org_id);
      assert.ok(p.targets && p.calendar && p.critical_around_the_clock !== null);
    }
  });

  it('puts the cases\' SLA clocks on both sides of their deadlines: breached, paused, running well within, and met', async () => {
    const { rows, of } = await clocksByTitle();
    const now = Date.now();
    const status = (title: string, target: string) => of(title).filter((r) => r.target === target).map((r) => r.status);

    // Answered two hours late under Bastion's 2nd agreement (critical around the clock), still open a day and a half later.
    const late = of('New agents are isolated as soon as they enroll');
    assert.deepEqual(late.map((r) => [r.role, r.target, r.status]).sort(), [['publisher', 'first_response', 'breached'], ['publisher', 'resolution', 'breached']]);
    assert.ok(late.every((r) => r.breached_at !== null && r.breached_at.getTime() < now));
    assert.deepEqual({ ...sourceOf(late[0]!.policy), setAt: undefined, setBy: undefined }, {
      kind: 'agreement', offerId: 'bastion-sentinel', version: 2, acceptedOnPurchase: true, calendarFrom: 'stated', setAt: undefined, setBy: undefined,
    });
    // Opened minutes ago: its first response due within the half hour.
    const fresh = of('Sentinel console shows no detections since 10 minutes').find((r) => r.target === 'first_response')!;
    assert.equal(fresh.status, 'running');
    assert.ok(fresh.due_at!.getTime() > now && fresh.due_at!.getTime() <= now + 30 * 60_000, String(fresh.due_at));
    // Waiting on the customer: the publisher's resolution is paused.
    assert.deepEqual(status('Agents on 40 endpoints stopped reporting after update 7.2', 'resolution'), ['paused']);
    assert.ok(rows.some((r) => r.status === 'met'));

    // Each party is held to its own policy, or the default, and the product says which.
    const kinds = new Set(rows.map((r) => sourceOf(r.policy).kind));
    assert.deepEqual([...kinds].sort(), ['agreement', 'default', 'policy']);
    const northwindBilling = of('March invoice charges 48 seats, we have 40').find((r) => r.target === 'resolution')!;
    assert.deepEqual([sourceOf(northwindBilling.policy).scope, sourceOf(northwindBilling.policy).version], ['billing', 1]);
    const northwindRecent = of('Single sign-on activation email never arrived').find((r) => r.target === 'first_response')!;
    assert.deepEqual([sourceOf(northwindRecent.policy).scope, sourceOf(northwindRecent.policy).version], ['all', 2]);

    // Each organization's own next deadline and breach on its inbox rows.
    const participants = await ctx.db.withOwner((tx) => tx.selectFrom('case_participants').select(['case_id', 'org_id', 'due_at', 'sla_breached']).execute());
    assert.ok(participants.some((p) => p.due_at !== null && p.due_at.getTime() > now));
    assert.ok(participants.some((p) => p.sla_breached));
  });

  it('hands a case between three parties: a reseller, its provider and the operator, each holding it and held to its own clock', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const c = s.cases.find((x) => x.title === 'Renewal credit missing from the June invoice')!;
    const holders: string[] = [];
    for (const e of s.events.filter((x) => x.case_id === c.id)) {
      const data = e.data as { holderOrgId?: string; toOrgId?: string };
      const to = e.type === 'routed' ? data.holderOrgId : ['forwarded', 'escalated', 'handed_back', 'rerouted'].includes(e.type) ? data.toOrgId : undefined;
      if (to) holders.push(org.get(to)!.name);
    }
    assert.deepEqual(holders, ['Bluebird IT', 'Meridian Distribution', 'Switchboard Marketplace', 'Meridian Distribution', 'Bluebird IT']);
    const { of } = await clocksByTitle();
    const clocks = of(c.title).map((r) => [org.get(r.org_id)!.name, r.target, r.status, sourceOf(r.policy).kind]);
    // The reseller answers within its hours whatever the day of loading; the provider passed it back to it in time.
    assert.deepEqual(clocks.filter((x) => x[0] !== 'Switchboard Marketplace').sort(), [
      ['Bluebird IT', 'first_response', 'met', 'default'], ['Bluebird IT', 'resolution', 'met', 'default'],
      ['Meridian Distribution', 'first_response', 'met', 'policy'],
    ]);
    assert.deepEqual(clocks.filter((x) => x[0] === 'Switchboard Marketplace').map((x) => x[1]), ['first_response']);
  });

  it('shows the clocks in the SLA reports: the operator\'s compliance and who held each case', async () => {
    const signIn = await call(ctx, null, 'POST', '/api/v1/sessions', { email: 'operator-admin@switchboard.example', password: PASSWORD });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const compliance = await call(ctx, null, 'GET', '/api/v1/sla-reports/compliance?groupBy=party', undefined, { cookie });
    assert.equal(compliance.status, 200, JSON.stringify(compliance.body));
    const total = (k: 'met' | 'breached' | 'open') => compliance.body.rows.reduce((n: number, r: { firstResponse: Record<string, number>; resolution: Record<string, number> }) => n + r.firstResponse[k]! + r.resolution[k]!, 0);
    assert.ok(total('met') > 0 && total('breached') > 0 && total('open') > 0, JSON.stringify(compliance.body.rows));
    const holding = await call(ctx, null, 'GET', '/api/v1/sla-reports/holding?limit=100', undefined, { cookie });
    assert.equal(holding.status, 200);
    const s = await snapshot(ctx);
    const handed = s.cases.find((x) => x.title === 'Renewal credit missing from the June invoice')!;
    const item = holding.body.items.find((i: { case: { id: string } }) => i.case.id === handed.id);
    assert.deepEqual(item.holdings.map((h: { party: { name: string }; times: number; heldMinutes: number }) => [h.party.name, h.times, h.heldMinutes]), [
      ['Bluebird IT', 2, 60 + 90], ['Meridian Distribution', 2, 120 + 90], ['Switchboard Marketplace', 1, 1410],
    ]);
  });

  it('loads nothing and duplicates nothing when loaded again', async () => {
    const beforeCounts = counts(await snapshot(ctx));
    const again = await loadDemoData(ctx.db, { password: 'another-password' });
    assert.equal(again.loaded, false);
    assert.deepEqual(again.signIns, demoSignIns());
    assert.deepEqual(counts(await snapshot(ctx)), beforeCounts);
  });

  it('lists in demoSignIns() exactly the users it wrote', async () => {
    const s = await snapshot(ctx);
    const org = new Map(s.organizations.map((o) => [o.id, o]));
    const inDb = s.users.map((u) => ({ email: u.email, orgName: org.get(u.org_id)!.name, orgKind: org.get(u.org_id)!.kind, roles: u.roles }));
    const byEmail = (a: { email: string }, b: { email: string }) => a.email.localeCompare(b.email);
    assert.deepEqual([...demoSignIns()].sort(byEmail), inDb.sort(byEmail));
  });

  it('lets a demo user of every kind sign in with the password and find its organization at /me', async () => {
    const list = demoSignIns();
    const samples = ['operator', 'publisher', 'partner', 'customer'].map((kind) => list.find((s) => s.orgKind === kind)!);
    samples.push(list.find((s) => s.email === 'global-admin@hanilcloud.example')!);
    for (const demo of samples) {
      const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email: demo.email, password: PASSWORD });
      assert.equal(res.status, 201, demo.email);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const me = await call(ctx, null, 'GET', '/api/v1/me', undefined, { cookie });
      assert.equal(me.status, 200, demo.email);
      assert.equal(me.body.user.email, demo.email);
      assert.deepEqual(me.body.user.roles, demo.roles);
      assert.equal(me.body.organization.name, demo.orgName);
      assert.equal(me.body.organization.kind, demo.orgKind);
    }
    const wrong = await call(ctx, null, 'POST', '/api/v1/sessions', { email: samples[0]!.email, password: 'not-the-demo-password' });
    assert.equal(wrong.status, 401);
  });
});
