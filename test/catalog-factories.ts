/**
 * Factories for catalog and subscription tests: offers, plans and agreements made through the
 * API (so every test also exercises the real path), and channel rows made as the owner (quick).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { PartnerModel, Role } from '../src/core/parties.ts';
import { newId } from '../src/db/ids.ts';
import { call, makeActor, makeOrg, type Actor, type TestOrg } from './factories.ts';
import type { TestContext } from './harness.ts';

/** An actor together with its organization. */
export type OrgActor = Actor & { org: TestOrg };

/** A fresh offer id. */
export function uniqueOfferId(prefix = 'offer'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A complete, valid body for POST /offers. */
export function offerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uniqueOfferId(),
    name: 'Contoso Backup',
    type: 'saas',
    categories: ['backup', 'security'],
    summary: 'Backups for every workload',
    shortDescription: 'Point-in-time backups with one-click restore.',
    description: 'Contoso Backup keeps every workload restorable.',
    links: [{ title: 'Home', url: 'https://contoso.example/backup' }],
    documents: [{ title: 'Datasheet', url: 'https://contoso.example/backup.pdf' }],
    partnerResources: {
      userDocumentation: [{ title: 'Docs', url: 'https://contoso.example/docs' }],
      training: [{ title: 'Training', url: 'https://contoso.example/training' }],
      salesAndMarketing: [{ title: 'Pitch deck', url: 'https://contoso.example/deck' }],
    },
    contacts: {
      support: { name: 'Support desk', email: 'support@contoso.example', phone: '+1 555 0100', website: 'https://contoso.example/support' },
      engineering: { name: 'Eng lead', email: 'eng@contoso.example', phone: '+1 555 0101' },
      cspProgram: { name: 'CSP team', email: 'csp@contoso.example', phone: '+1 555 0102', marketingMaterialsUrl: 'https://contoso.example/csp' },
    },
    cspAudience: 'any',
    ...overrides,
  };
}

/** A complete, valid body for POST /offers/:offerId/plans. */
export function planBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'standard',
    name: 'Standard',
    description: 'Per user',
    billing: 'license',
    billingCycles: ['monthly', 'annual'],
    terms: ['P1M', 'P1Y'],
    minQuantity: 1,
    maxQuantity: 100,
    trialDays: 30,
    prices: [{ market: 'US', currency: 'USD', amount: '12.00' }, { market: 'KR', currency: 'KRW', amount: '15000' }],
    ...overrides,
  };
}

/** A complete, valid body for POST /offers/:offerId/agreements. */
export function agreementBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Contoso customer agreement',
    body: 'The ISV supports the product as follows.',
    commitments: {
      firstResponseMinutes: { critical: 60, moderate: 240, minimal: 480 },
      resolutionMinutes: { critical: 480, moderate: 2880, minimal: 7200 },
      supportHours: '24x7',
      timeZone: 'America/Los_Angeles',
    },
    ...overrides,
  };
}

/** A publisher organization with a publisher_admin. */
export function makePublisher(ctx: TestContext, roles: Role[] = ['publisher_admin']): Promise<OrgActor> {
  return makeActor(ctx, 'publisher', roles);
}

/** A partner organization of a model, with one user. */
export function makePartner(ctx: TestContext, model: PartnerModel = 'direct', roles: Role[] = ['global_admin'], country = 'US'): Promise<OrgActor> {
  return makeActor(ctx, 'partner', roles, { model, country });
}

/** Creates an offer through the API and returns its details. */
export async function createOffer(ctx: TestContext, publisher: Actor, overrides: Record<string, unknown> = {}) {
  const res = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; [k: string]: unknown };
}

/** Adds a plan through the API. */
export async function addPlan(ctx: TestContext, publisher: Actor, offerId: string, overrides: Record<string, unknown> = {}) {
  const res = await call(ctx, publisher, 'POST', `/api/v1/offers/${offerId}/plans`, planBody(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string };
}

/** Publishes an agreement version through the API. */
export async function publishAgreement(ctx: TestContext, publisher: Actor, offerId: string, overrides: Record<string, unknown> = {}) {
  const res = await call(ctx, publisher, 'POST', `/api/v1/offers/${offerId}/agreements`, agreementBody(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { version: number };
}

/** An offer that can be sold: a plan `standard` (US, KR) and agreement version 1. */
export async function makeSellableOffer(ctx: TestContext, opts: { publisher?: OrgActor; offer?: Record<string, unknown>; plan?: Record<string, unknown> } = {}) {
  const publisher = opts.publisher ?? await makePublisher(ctx);
  const offer = await createOffer(ctx, publisher, opts.offer);
  await addPlan(ctx, publisher, offer.id, opts.plan);
  await publishAgreement(ctx, publisher, offer.id);
  return { publisher, offerId: offer.id, planId: String(opts.plan?.id ?? 'standard') };
}

/** Opts a partner in through the API. */
export async function optIn(ctx: TestContext, partner: Actor, offerId: string) {
  const res = await call(ctx, partner, 'PUT', `/api/v1/offers/${offerId}/opt-in`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** A customer organization in an active relationship with a partner (made as the owner). */
export async function makeCustomerOf(ctx: TestContext, partnerOrgId: string, country = 'US'): Promise<TestOrg> {
  const customer = await makeOrg(ctx, 'customer', { country });
  await relateCustomer(ctx, partnerOrgId, customer.id);
  return customer;
}

/** An active customer relationship between a partner and a customer (made as the owner). */
export async function relateCustomer(ctx: TestContext, partnerOrgId: string, customerId: string, status: 'active' | 'ended' = 'active') {
  await ctx.db.withOwner((tx) => tx.insertInto('customer_relationships').values({
    id: newId('customerRelationship'), customer_id: customerId, partner_id: partnerOrgId, status,
    ...(status === 'ended' ? { ended_at: new Date() } : {}),
  }).execute());
}

/** An indirect relationship between a provider and a reseller (made as the owner). */
export async function linkIndirect(ctx: TestContext, provider: OrgActor, resellerOrgId: string, status: 'invited' | 'active' | 'ended' = 'active') {
  await ctx.db.withOwner((tx) => tx.insertInto('indirect_relationships').values({
    id: newId('indirectRelationship'), provider_id: provider.orgId, reseller_id: resellerOrgId, status,
    invited_by: provider.userId, ...(status !== 'invited' ? { accepted_at: new Date() } : {}),
  }).execute());
}

/** Sets a partner's standing (as the owner). */
export async function setStanding(ctx: TestContext, orgId: string, inGoodStanding: boolean) {
  await ctx.db.withOwner((tx) => tx.updateTable('organizations').set({ in_good_standing: inGoodStanding }).where('id', '=', orgId).execute());
}

/** A body for POST /subscriptions. */
export function purchaseBody(offerId: string, customerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customerId, offerId, planId: 'standard', quantity: 5, billingCycle: 'monthly', term: 'P1Y', acceptedAgreementVersion: 1,
    ...overrides,
  };
}

/** Buys through the API with an Idempotency-Key (a fresh one unless given). */
export function buy(ctx: TestContext, actor: Actor, body: Record<string, unknown>, key: string = randomBytes(8).toString('hex')) {
  return call(ctx, actor, 'POST', '/api/v1/subscriptions', body, { 'idempotency-key': key });
}

/** A direct partner opted in to a sellable offer, with a customer: everything a purchase needs. */
export async function makeDirectSale(ctx: TestContext, opts: { country?: string; plan?: Record<string, unknown> } = {}) {
  const sale = await makeSellableOffer(ctx, { plan: opts.plan });
  const partner = await makePartner(ctx, 'direct');
  await optIn(ctx, partner, sale.offerId);
  const customer = await makeCustomerOf(ctx, partner.orgId, opts.country ?? 'US');
  return { ...sale, partner, customer };
}
