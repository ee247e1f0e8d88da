/**
 * Loads the demo data (demo.data.ts, and the support cases of demo-cases.data.ts) into an empty
 * database: resolves the keys that link the records into generated ids, derives what follows from
 * the channel (partner of record, support contact, market, agreement version, buyer), routes and
 * replays the cases by the product's rules (demo-cases.ts), refuses data that breaks a rule, and
 * writes it all in one owner transaction — all or nothing.
 */
import type { Insertable } from 'kysely';
import { isAuthorizedSeller } from '../core/catalog-rules.ts';
import type { OrgKind, Role } from '../core/parties.ts';
import { rolesGrant } from '../core/permissions.ts';
import { designatedSupportContact, isQuantityAllowed } from '../core/subscription-rules.ts';
import { defaultSplit } from '../core/support-categories.ts';
import type { Database } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type {
  CustomerRelationshipsTable, IndirectRelationshipsTable, OfferAuthorizedPartnersTable, OfferOptinsTable,
  OrganizationsTable, SubscriptionsTable, SupportSplitsTable, UsersTable,
} from '../db/schema.ts';
import { caseEventAudience, type NewDomainEvent } from '../core/events.ts';
import { DEFAULT_WARNING_SHARE } from '../core/sla-notices.ts';
import { agreementCalendarProblems, checkPolicy } from '../core/sla-policy.ts';
import { recordEvents, type EventActor } from '../modules/events/index.ts';
import { hashPassword } from '../modules/identity/index.ts';
import { refreshCaseClocks } from '../modules/sla/index.ts';
import {
  DEMO_CUSTOMERS, DEMO_INDIRECT_RELATIONSHIPS, DEMO_OFFERS, DEMO_OPERATOR, DEMO_OPTINS, DEMO_PARTNERS, DEMO_PUBLISHERS,
  DEMO_SUBSCRIPTIONS, DEMO_USERS, type DemoOffer, type DemoOrganization,
} from './demo.data.ts';
import { buildDemoCaseRows, type DemoCaseRows } from './demo-cases.ts';
import { buildDemoIncidentRows, type DemoIncidentRows } from './demo-incidents.ts';
import { DEMO_SLA_POLICIES } from './demo-sla.data.ts';
import * as repo from './demo.repository.ts';
import type { AgreementInsert, OfferContactsInsert, OfferInsert, PlanInsert, SlaPolicyInsert } from './demo.repository.ts';

/** One demo user as the sign-in list prints it; every one signs in with the demo password. */
export interface DemoSignIn {
  email: string;
  orgName: string;
  orgKind: OrgKind;
  roles: Role[];
}

/** What loading did: `loaded` is false when the database already held organizations. */
export interface DemoLoadResult {
  loaded: boolean;
  signIns: DemoSignIn[];
}

const DAY_MS = 86_400_000;

interface OrgInfo {
  id: string;
  kind: OrgKind;
  name: string;
  country: string;
  partnerModel: DemoOrganization['partnerModel'];
  inGoodStanding: boolean;
  joinedDaysAgo: number;
}

/** Every row of the demo, ready to insert. */
interface DemoRows {
  organizations: Insertable<OrganizationsTable>[];
  users: Insertable<UsersTable>[];
  indirectRelationships: Insertable<IndirectRelationshipsTable>[];
  supportSplits: Insertable<SupportSplitsTable>[];
  customerRelationships: Insertable<CustomerRelationshipsTable>[];
  offers: OfferInsert[];
  offerContacts: OfferContactsInsert[];
  authorizedPartners: Insertable<OfferAuthorizedPartnersTable>[];
  optins: Insertable<OfferOptinsTable>[];
  agreements: AgreementInsert[];
  plans: PlanInsert[];
  subscriptions: Insertable<SubscriptionsTable>[];
  incidents: DemoIncidentRows;
  cases: DemoCaseRows;
  slaPolicies: SlaPolicyInsert[];
}

/** The demo users and their organizations, in print order; reads no database. */
export function demoSignIns(): DemoSignIn[] {
  const orgs = new Map<string, { name: string; kind: OrgKind }>([
    ...[DEMO_OPERATOR, ...DEMO_PUBLISHERS, ...DEMO_PARTNERS].map((o) => [o.key, o] as const),
    ...DEMO_CUSTOMERS.map((c) => [c.key, { name: c.name, kind: 'customer' as const }] as const),
  ]);
  return DEMO_USERS.map((u) => {
    const org = orgs.get(u.org);
    if (!org) throw new Error(`Demo user ${u.email} names an unknown organization ${u.org}`);
    return { email: u.email, orgName: org.name, orgKind: org.kind, roles: [...u.roles] };
  });
}

/**
 * Loads the demo data into an empty database in one transaction and returns who can sign in.
 * The password is hashed once and shared by every demo user: argon2 per user would take seconds.
 * Every case's SLA clocks are computed as the application keeps them, at the load's `now` (the
 * stories are told relative to it), with the warning share the application uses.
 */
export async function loadDemoData(db: Database, opts: { password: string; now?: Date; slaWarningShare?: number }): Promise<DemoLoadResult> {
  const signIns = demoSignIns();
  const passwordHash = await hashPassword(opts.password);
  const now = opts.now ?? new Date();
  const rows = buildDemoRows(passwordHash, now.getTime());
  const loaded = await db.withOwner(async (tx) => {
    await repo.lockOrganizations(tx);
    if (await repo.hasAnyOrganization(tx)) return false;
    // In the order of the foreign keys.
    await repo.insertOrganizations(tx, rows.organizations);
    await repo.insertUsers(tx, rows.users);
    await repo.insertIndirectRelationships(tx, rows.indirectRelationships);
    await repo.insertSupportSplits(tx, rows.supportSplits);
    await repo.insertCustomerRelationships(tx, rows.customerRelationships);
    await repo.insertOffers(tx, rows.offers);
    await repo.insertOfferContacts(tx, rows.offerContacts);
    await repo.insertAuthorizedPartners(tx, rows.authorizedPartners);
    await repo.insertOptins(tx, rows.optins);
    await repo.insertAgreements(tx, rows.agreements);
    await repo.insertPlans(tx, rows.plans);
    await repo.insertSubscriptions(tx, rows.subscriptions);
    // Incidents before the cases that link to them.
    await repo.insertIncidents(tx, rows.incidents.incidents);
    await repo.insertIncidentOffers(tx, rows.incidents.incidentOffers);
    await repo.insertIncidentUpdates(tx, rows.incidents.updates);
    await repo.insertNoticeSettings(tx, rows.incidents.noticeSettings);
    await repo.insertSlaPolicies(tx, rows.slaPolicies);
    await repo.insertRoutingPreferences(tx, rows.cases.routingPreferences);
    await repo.insertCases(tx, rows.cases.cases);
    await repo.insertCaseParticipants(tx, rows.cases.participants);
    await repo.insertCaseMessages(tx, rows.cases.messages);
    await repo.insertCaseAttachments(tx, rows.cases.attachments);
    await repo.insertCaseEvents(tx, rows.cases.events);
    // The clocks and each participant's next deadline, as every change of a case keeps them (the worker's scan tells the warnings and breaches).
    await refreshCaseClocks(tx, rows.cases.cases.map((c) => c.id), now, { warningShare: opts.slaWarningShare ?? DEFAULT_WARNING_SHARE });
    // What a live marketplace would have told its users: the worker delivers these on start.
    for (const e of demoEvents(rows)) await recordEvents(tx, e.actor, [e.event], e.at);
    return true;
  });
  return { loaded, signIns };
}

/**
 * The events of the demo's recent history, as the services would have recorded them: each open
 * incident posted, and each case still open opened — so that demo users find notifications (and
 * webhook endpoints deliveries) once the worker runs.
 */
function demoEvents(rows: ReturnType<typeof buildDemoRows>): { actor: EventActor; at: Date; event: NewDomainEvent }[] {
  const orgName = new Map(rows.organizations.map((o) => [o.id, o.name]));
  const offerName = new Map(rows.offers.map((o) => [o.id, o.name]));
  const out: { actor: EventActor; at: Date; event: NewDomainEvent }[] = [];
  for (const i of rows.incidents.incidents) {
    if (i.status === 'resolved') continue;
    const first = rows.incidents.updates.filter((u) => u.incident_id === i.id).sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))[0];
    const at = new Date(i.started_at as Date | string);
    out.push({
      actor: { orgId: i.publisher_id, userId: i.created_by }, at,
      event: {
        type: 'incident.posted', subjectType: 'incident', subjectId: i.id, audienceOrgIds: null,
        data: {
          incidentId: i.id, title: i.title, impact: i.impact, status: i.status, publisherId: i.publisher_id,
          publisherName: orgName.get(i.publisher_id) ?? i.publisher_id,
          offers: rows.incidents.incidentOffers.filter((o) => o.incident_id === i.id).map((o) => ({ id: o.offer_id, name: offerName.get(o.offer_id) ?? o.offer_id })),
          message: first?.message ?? '', startedAt: at.toISOString(), resolvedAt: null,
        },
      },
    });
  }
  for (const c of rows.cases.cases) {
    if (c.status === 'closed' || c.status === 'resolved') continue;
    const participants = rows.cases.participants.filter((p) => p.case_id === c.id).map((p) => ({ orgId: p.org_id, role: p.role }));
    out.push({
      actor: { orgId: c.requester_org_id, userId: c.requester_user_id }, at: new Date(c.created_at as Date | string),
      event: {
        type: 'case.opened', subjectType: 'case', subjectId: c.id, audienceOrgIds: caseEventAudience(participants, 'public', c.requester_org_id),
        data: {
          caseId: c.id, title: c.title, status: c.status, category: c.category, severity: c.severity, holderOrgId: c.holder_org_id,
          responsibleOrgId: c.responsible_org_id, offerId: c.offer_id ?? null, subscriptionId: c.subscription_id ?? null,
          customerId: c.customer_id ?? null, incidentId: c.incident_id ?? null,
        },
      },
    });
  }
  return out;
}

// A mistake in demo.data.ts is a bug of this module: it stops the load before anything is written.
function invalid(message: string): never {
  throw new Error(`Invalid demo data: ${message}`);
}

function buildDemoRows(passwordHash: string, nowMs: number): DemoRows {
  const at = (daysAgo: number) => new Date(nowMs - daysAgo * DAY_MS);
  // Ids start with their entity's time, so back-dated rows sort where their history puts them.
  const idAt = (kind: Parameters<typeof newId>[0], daysAgo: number) => newId(kind, nowMs - daysAgo * DAY_MS);

  const orgs = new Map<string, OrgInfo>();
  const organizations: Insertable<OrganizationsTable>[] = [];
  for (const o of [DEMO_OPERATOR, ...DEMO_PUBLISHERS, ...DEMO_PARTNERS]) {
    addOrg(o.key, { kind: o.kind, name: o.name, country: o.country, partnerModel: o.partnerModel, inGoodStanding: o.inGoodStanding, joinedDaysAgo: o.joinedDaysAgo });
  }
  for (const c of DEMO_CUSTOMERS) {
    addOrg(c.key, { kind: 'customer', name: c.name, country: c.country, partnerModel: null, inGoodStanding: true, joinedDaysAgo: c.sinceDaysAgo });
  }
  function addOrg(key: string, info: Omit<OrgInfo, 'id'>) {
    if (orgs.has(key)) invalid(`organization key ${key} is used twice`);
    const id = idAt('organization', info.joinedDaysAgo);
    orgs.set(key, { id, ...info });
    organizations.push({
      id, kind: info.kind, name: info.name, partner_model: info.partnerModel, country: info.country,
      in_good_standing: info.inGoodStanding, created_at: at(info.joinedDaysAgo),
    });
  }
  const org = (key: string, kind?: OrgKind): OrgInfo => {
    const found = orgs.get(key) ?? invalid(`unknown organization ${key}`);
    if (kind && found.kind !== kind) invalid(`${key} is a ${found.kind}, not a ${kind}`);
    return found;
  };

  // Users; each organization's buyer is the agent who purchases and opts in for it.
  const users: Insertable<UsersTable>[] = [];
  const usersByOrg = new Map<string, Array<{ id: string; roles: readonly Role[] }>>();
  for (const u of DEMO_USERS) {
    const o = org(u.org);
    if (u.email !== u.email.toLowerCase()) invalid(`${u.email} is not lower-case`);
    const id = idAt('user', o.joinedDaysAgo);
    users.push({ id, org_id: o.id, email: u.email, name: u.name, roles: [...u.roles], password_hash: passwordHash, locale: u.locale, disabled_at: null, created_at: at(o.joinedDaysAgo) });
    usersByOrg.set(u.org, [...(usersByOrg.get(u.org) ?? []), { id, roles: u.roles }]);
  }
  /** Who published a publisher's agreement versions: its publisher_admin. */
  const publisherAdmin = (key: string): string => (usersByOrg.get(key) ?? []).find((u) => u.roles.includes('publisher_admin'))?.id
    ?? invalid(`${key} has no publisher_admin to publish its agreements`);
  const buyer = (key: string): string => {
    const list = usersByOrg.get(key) ?? [];
    const agent = list.find((u) => u.roles.includes('admin_agent')) ?? list.find((u) => u.roles.includes('global_admin'));
    return agent?.id ?? invalid(`${key} has no global_admin or admin_agent to act for it`);
  };

  // The channel.
  const indirectRelationships: Insertable<IndirectRelationshipsTable>[] = [];
  const supportSplits: Insertable<SupportSplitsTable>[] = [];
  for (const r of DEMO_INDIRECT_RELATIONSHIPS) {
    const provider = org(r.provider, 'partner');
    const reseller = org(r.reseller, 'partner');
    if (provider.partnerModel !== 'indirect_provider' || reseller.partnerModel !== 'indirect_reseller') invalid(`${r.provider} → ${r.reseller} is not provider → reseller`);
    const id = idAt('indirectRelationship', r.invitedDaysAgo);
    indirectRelationships.push({
      id, provider_id: provider.id, reseller_id: reseller.id, status: r.status, invited_by: buyerOrAdmin(r.provider),
      invited_at: at(r.invitedDaysAgo),
      accepted_at: r.acceptedDaysAgo === null ? null : at(r.acceptedDaysAgo),
      ended_at: r.endedDaysAgo === null ? null : at(r.endedDaysAgo),
      ended_by_org: r.endedBy === null ? null : r.endedBy === 'provider' ? provider.id : reseller.id,
    });
    for (const rule of defaultSplit()) {
      supportSplits.push({ relationship_id: id, provider_id: provider.id, reseller_id: reseller.id, category: rule.category, first_contact: rule.firstContact, handler: rule.handler });
    }
  }
  function buyerOrAdmin(key: string): string {
    const list = usersByOrg.get(key) ?? [];
    return list.find((u) => u.roles.includes('global_admin'))?.id ?? buyer(key);
  }
  const activeProviderOf = (resellerKey: string): { key: string; acceptedDaysAgo: number } => {
    const active = DEMO_INDIRECT_RELATIONSHIPS.filter((r) => r.reseller === resellerKey && r.status === 'active');
    if (active.length !== 1) invalid(`reseller ${resellerKey} needs exactly one active provider`);
    return { key: active[0]!.provider, acceptedDaysAgo: active[0]!.acceptedDaysAgo ?? invalid('an active relationship was never accepted') };
  };

  const customerRelationships: Insertable<CustomerRelationshipsTable>[] = DEMO_CUSTOMERS.map((c) => {
    const seller = org(c.seller, 'partner');
    if (seller.partnerModel === 'indirect_provider') invalid(`${c.key} buys from provider ${c.seller}; providers sell through resellers`);
    return { id: idAt('customerRelationship', c.sinceDaysAgo), customer_id: org(c.key).id, partner_id: seller.id, status: 'active', created_at: at(c.sinceDaysAgo), ended_at: null };
  });

  // The catalog.
  const offers: OfferInsert[] = [];
  const offerContacts: OfferContactsInsert[] = [];
  const authorizedPartners: Insertable<OfferAuthorizedPartnersTable>[] = [];
  const agreements: AgreementInsert[] = [];
  const plans: PlanInsert[] = [];
  const offersById = new Map<string, DemoOffer>();
  for (const o of DEMO_OFFERS) {
    if (offersById.has(o.id)) invalid(`offer ${o.id} is listed twice`);
    offersById.set(o.id, o);
    const publisher = org(o.publisher, 'publisher');
    if (o.categories.length < 1 || o.categories.length > 5) invalid(`${o.id} needs 1 to 5 categories`);
    if ((o.audience === 'none') !== (o.contacts.cspProgram === null)) invalid(`${o.id}: a CSP program contact is required exactly when partners may resell it`);
    if ((o.audience === 'specific') !== (o.authorizedPartners.length > 0)) invalid(`${o.id}: only a specific audience has an authorized partner list`);
    offers.push({
      id: o.id, publisher_id: publisher.id, publisher_name: publisher.name, name: o.name, type: o.type, categories: o.categories,
      summary: o.summary, short_description: o.shortDescription, description: o.description, links: o.links, documents: o.documents,
      partner_resources: o.partnerResources, csp_audience: o.audience, created_at: at(o.createdDaysAgo), updated_at: at(o.createdDaysAgo),
    });
    offerContacts.push({ offer_id: o.id, publisher_id: publisher.id, support: o.contacts.support, engineering: o.contacts.engineering, csp_program: o.contacts.cspProgram });
    for (const p of o.authorizedPartners) {
      authorizedPartners.push({ offer_id: o.id, partner_id: org(p, 'partner').id, publisher_id: publisher.id, added_at: at(o.createdDaysAgo) });
    }
    for (const a of o.agreements) {
      const problems = agreementCalendarProblems(a.commitments);
      if (problems.length > 0) invalid(`${o.id} v${a.version}: ${problems.map((p) => `${p.field} ${p.message.en}`).join('; ')}`);
      agreements.push({
        id: idAt('agreement', a.publishedDaysAgo), offer_id: o.id, publisher_id: publisher.id, version: a.version, title: a.title,
        body: a.body, commitments: a.commitments, published_at: at(a.publishedDaysAgo), published_by: publisherAdmin(o.publisher),
      });
    }
    for (const p of o.plans) {
      if (p.prices.some((price) => !/^\d+(\.\d+)?$/.test(price.amount))) invalid(`${o.id}/${p.id} has a price that is not a decimal string`);
      plans.push({
        offer_id: o.id, id: p.id, publisher_id: publisher.id, name: p.name, description: p.description, billing: p.billing,
        billing_cycles: p.billingCycles, terms: p.terms, min_quantity: p.minQuantity, max_quantity: p.maxQuantity,
        trial_days: p.trialDays, prices: p.prices, created_at: at(o.createdDaysAgo),
      });
    }
  }
  const offer = (id: string) => offersById.get(id) ?? invalid(`unknown offer ${id}`);

  const optins: Insertable<OfferOptinsTable>[] = [];
  const optedIn = new Map<string, number>();
  for (const group of DEMO_OPTINS) {
    const partner = org(group.partner, 'partner');
    for (const offerId of group.offers) {
      const o = offer(offerId);
      if (!isAuthorizedSeller(o.audience, o.authorizedPartners, group.partner) && partner.partnerModel !== 'indirect_provider') invalid(`${group.partner} may not resell ${offerId}`);
      optedIn.set(`${group.partner}/${offerId}`, group.daysAgo);
      optins.push({ offer_id: offerId, partner_id: partner.id, publisher_id: org(o.publisher).id, opted_in_by: buyerOrAdmin(group.partner), opted_in_at: at(group.daysAgo) });
    }
  }

  // Subscriptions: everything that follows from the channel is derived here, then checked.
  const live = new Set<string>();
  const subscriptions: Insertable<SubscriptionsTable>[] = DEMO_SUBSCRIPTIONS.map((s) => {
    const where = `subscription of ${s.customer} to ${s.offer}`;
    const customer = DEMO_CUSTOMERS.find((c) => c.key === s.customer) ?? invalid(`unknown customer ${s.customer}`);
    const o = offer(s.offer);
    const plan = o.plans.find((p) => p.id === s.plan) ?? invalid(`${where}: no plan ${s.plan}`);
    const seller = org(customer.seller, 'partner');
    if (!isAuthorizedSeller(o.audience, o.authorizedPartners, customer.seller)) invalid(`${where}: ${customer.seller} may not resell it`);
    const optedInDaysAgo = optedIn.get(`${customer.seller}/${s.offer}`) ?? invalid(`${where}: ${customer.seller} has not opted in`);
    if (optedInDaysAgo < s.boughtDaysAgo || customer.sinceDaysAgo < s.boughtDaysAgo) invalid(`${where}: bought before the seller could sell it`);
    if (!plan.prices.some((p) => p.market === customer.country)) invalid(`${where}: ${s.plan} is not sold in ${customer.country}`);
    if (!isQuantityAllowed(s.quantity, plan)) invalid(`${where}: quantity ${s.quantity} is outside ${plan.minQuantity}..${plan.maxQuantity}`);
    if (!plan.billingCycles.includes(s.billingCycle) || !plan.terms.includes(s.term)) invalid(`${where}: ${s.billingCycle}/${s.term} is not offered by ${s.plan}`);
    // Pending was never activated; active and suspended were; a cancelled one may have been either.
    const activationMismatch = s.status === 'pending_activation' ? s.activatedDaysAgo !== null
      : s.status !== 'cancelled' && s.activatedDaysAgo === null;
    if (activationMismatch) invalid(`${where}: activation does not match status ${s.status}`);
    if ((s.cancelledDaysAgo !== null) !== (s.status === 'cancelled')) invalid(`${where}: cancellation does not match status ${s.status}`);
    if ((s.activatedDaysAgo ?? s.boughtDaysAgo) > s.boughtDaysAgo || (s.cancelledDaysAgo ?? 0) > (s.activatedDaysAgo ?? s.boughtDaysAgo)) invalid(`${where}: its dates are out of order`);
    if (s.status !== 'cancelled') {
      if (live.has(`${s.customer}/${s.offer}`)) invalid(`${where}: a second live subscription`);
      live.add(`${s.customer}/${s.offer}`);
    }
    // The version in force on the day of purchase.
    const agreement = [...o.agreements].filter((a) => a.publishedDaysAgo >= s.boughtDaysAgo).sort((a, b) => b.version - a.version)[0]
      ?? invalid(`${where}: no agreement was published yet`);

    let chain: { partnerId: string | null; providerId: string | null; resellerId: string | null };
    if (seller.partnerModel === 'direct') {
      if (s.supportContact) invalid(`${where}: a direct subscription's support contact is the partner`);
      chain = { partnerId: seller.id, providerId: null, resellerId: null };
    } else {
      const provider = activeProviderOf(customer.seller);
      if (provider.acceptedDaysAgo < s.boughtDaysAgo) invalid(`${where}: bought before ${customer.seller} worked with ${provider.key}`);
      chain = { partnerId: null, providerId: org(provider.key).id, resellerId: seller.id };
    }
    const updatedDaysAgo = Math.min(s.boughtDaysAgo, s.activatedDaysAgo ?? Infinity, s.cancelledDaysAgo ?? Infinity);
    return {
      id: idAt('subscription', s.boughtDaysAgo), customer_id: org(s.customer, 'customer').id, offer_id: o.id, plan_id: plan.id,
      publisher_id: org(o.publisher).id, quantity: s.quantity, partner_id: chain.partnerId, provider_id: chain.providerId,
      reseller_id: chain.resellerId, support_contact_id: designatedSupportContact(chain, s.supportContact ?? 'provider'),
      status: s.status, billing_cycle: s.billingCycle, term: s.term, market: customer.country,
      agreement_version: agreement.version, accepted_by: buyer(customer.seller), accepted_at: at(s.boughtDaysAgo),
      created_at: at(s.boughtDaysAgo), updated_at: at(updatedDaysAgo),
      activated_at: s.activatedDaysAgo === null ? null : at(s.activatedDaysAgo),
      cancelled_at: s.cancelledDaysAgo === null ? null : at(s.cancelledDaysAgo),
    };
  });

  // Support cases, routed and replayed by the product's own rules.
  const usersByEmail = new Map(DEMO_USERS.map((u) => [u.email, u]));
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const demoUser = (email: string) => {
    const u = usersByEmail.get(email) ?? invalid(`unknown user ${email}`);
    return { id: userIds.get(email)!, org: u.org, roles: u.roles, locale: u.locale };
  };
  // Service health: incidents checked by the status rule, and partners' notice settings.
  const incidents = buildDemoIncidentRows({
    nowMs, org: (key) => org(key), user: demoUser, publisherKeyOf: (offerId) => offer(offerId).publisher,
  });
  const cases = buildDemoCaseRows({
    nowMs,
    operatorId: org(DEMO_OPERATOR.key, 'operator').id,
    org: (key) => org(key),
    user: demoUser,
    publisherOf: (offerId) => org(offer(offerId).publisher, 'publisher').id,
    subscriptions,
    openIncidentAt: (offerId, atMs) => incidents.openIncidentAt(offerId, atMs),
  });

  // SLA policies: versions per organization and scope, oldest first, each checked by the product's rule.
  const slaPolicies: SlaPolicyInsert[] = [];
  for (const p of [...DEMO_SLA_POLICIES].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const o = org(p.org);
    const by = demoUser(p.by);
    if (o.kind !== 'partner' && o.kind !== 'operator') invalid(`${p.org} is a ${o.kind}: only partners and the operator set SLA policies`);
    if (by.org !== p.org || !rolesGrant(by.roles, 'sla.manage')) invalid(`${p.by} does not set ${p.org}'s SLA policies`);
    if (p.daysAgo > o.joinedDaysAgo) invalid(`${p.org} set an SLA policy before it joined`);
    const problems = checkPolicy(p.policy);
    if (problems.length > 0) invalid(`${p.org}'s ${p.scope} policy: ${problems.map((x) => `${x.field} ${x.message.en}`).join('; ')}`);
    const version = slaPolicies.filter((x) => x.org_id === o.id && x.scope === p.scope).length + 1;
    slaPolicies.push({
      org_id: o.id, scope: p.scope, version, targets: p.policy.targets, calendar: p.policy.calendar,
      critical_around_the_clock: p.policy.criticalAroundTheClock, set_by: by.id, set_at: at(p.daysAgo),
    });
  }

  return {
    organizations, users, indirectRelationships, supportSplits, customerRelationships,
    offers, offerContacts, authorizedPartners, optins, agreements, plans, subscriptions, incidents, cases, slaPolicies,
  };
}
