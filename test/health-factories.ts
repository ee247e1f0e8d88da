/**
 * Factories for service-health tests: a channel world around one publisher's offer — partners
 * that an incident of it reaches and partners it must not — and helpers to post and update
 * incidents and to choose notice settings through the API. Offers go through the API; the rest is
 * made as the owner, so a test exercises only the requests under test.
 */
import assert from 'node:assert/strict';
import type { Role } from '../src/core/parties.ts';
import { theOperator } from './case-factories.ts';
import { makeCustomerOf, makePartner, makePublisher, makeSellableOffer, type OrgActor } from './catalog-factories.ts';
import { makeRelationship } from './channel-factories.ts';
import { call, makeUser, type Actor } from './factories.ts';
import type { TestContext } from './harness.ts';
import { makeSubscriptionRow } from './routing-factories.ts';

/** A subscription of an offer in any status (made as the owner). */
export async function subscribe(ctx: TestContext, s: {
  customer: OrgActor; offerId: string; publisherId: string; buyer: Actor;
  chain: { partnerId: string } | { providerId: string; resellerId: string };
  status?: 'active' | 'suspended' | 'cancelled' | 'pending_activation';
}): Promise<string> {
  const id = await makeSubscriptionRow(ctx, { customer: s.customer.org, offerId: s.offerId, planId: 'standard', publisherId: s.publisherId, acceptedBy: s.buyer.userId, chain: s.chain });
  const status = s.status ?? 'active';
  if (status !== 'active') {
    await ctx.db.withOwner((tx) => tx.updateTable('subscriptions').set({ status, ...(status === 'cancelled' ? { cancelled_at: new Date() } : {}) }).where('id', '=', id).execute());
  }
  return id;
}

/** A customer organization of a partner with one user. */
export async function customerOf(ctx: TestContext, partner: OrgActor, roles: Role[] = ['customer_user']): Promise<OrgActor> {
  const org = await makeCustomerOf(ctx, partner.orgId);
  return { ...(await makeUser(ctx, org, roles)), org };
}

/** Chooses a partner's notice setting through the API. */
export async function setNotice(ctx: TestContext, partner: Actor, notifyCustomersOfIncidents: boolean) {
  const res = await call(ctx, partner, 'PUT', '/api/v1/partner/notice-settings', { notifyCustomersOfIncidents });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** A body for POST /incidents. */
export function incidentBody(offerIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Sign-in fails for every tenant', impact: 'outage', offerIds, message: 'Users get error 503 at sign-in. We are investigating.', ...overrides };
}

/** The fields of an incident the tests read. */
export interface IncidentBody {
  id: string;
  title: string;
  impact: string;
  status: string;
  isOpen: boolean;
  publisher: { id: string; name: string };
  offers: { id: string; name: string }[];
  startedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
  version: number;
  updates: { id: string; status: string; message: string; createdAt: string }[];
}

/** Posts an incident through the API and asserts it was posted. */
export async function postIncident(ctx: TestContext, publisher: Actor, offerIds: string[], overrides: Record<string, unknown> = {}): Promise<IncidentBody> {
  const res = await call(ctx, publisher, 'POST', '/api/v1/incidents', incidentBody(offerIds, overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as IncidentBody;
}

/** Posts an update through the API (status and message). */
export function updateIncident(ctx: TestContext, publisher: Actor, incidentId: string, status: string, message = 'New information.', headers: Record<string, string> = {}) {
  return call(ctx, publisher, 'POST', `/api/v1/incidents/${incidentId}/updates`, { status, message }, headers);
}

/** Resolves an incident through the API and asserts it was resolved. */
export async function resolveIncident(ctx: TestContext, publisher: Actor, incidentId: string): Promise<IncidentBody> {
  const res = await updateIncident(ctx, publisher, incidentId, 'resolved', 'Fixed; everything works again.');
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.incident as IncidentBody;
}

/**
 * Everyone around one publisher's offer `offerId` (and its second offer `otherOfferId`):
 * - reached: the direct partner `direct` (tells its customers) and its customer; the direct
 *   partner `quiet` (never chose to tell) but not its customer; the provider and the reseller of
 *   an indirect subscription, and the reseller's customer (the reseller tells);
 * - not reached: `lapsed` and its customer, whose only subscription of the offer is cancelled;
 *   `dormant`, whose only one is suspended; `stranger`, an unrelated partner with a customer of
 *   another publisher's offer; the other publisher; a partner that tells but sells other offers.
 */
export async function makeHealthWorld(ctx: TestContext) {
  const operator = await theOperator(ctx);
  const publisher = await makePublisher(ctx);
  const engineer = await makeUser(ctx, publisher.org, ['support_engineer']);
  const publisherViewer = await makeUser(ctx, publisher.org, ['publisher_viewer']);
  const { offerId } = await makeSellableOffer(ctx, { publisher, offer: { name: 'Contoso Backup' } });
  const { offerId: otherOfferId } = await makeSellableOffer(ctx, { publisher, offer: { name: 'Contoso Archive' } });
  const otherPublisher = await makePublisher(ctx);
  const { offerId: foreignOfferId } = await makeSellableOffer(ctx, { publisher: otherPublisher, offer: { name: 'Fabrikam Mail' } });
  const base = { offerId, publisherId: publisher.orgId };

  const direct = await makePartner(ctx, 'direct');
  const directHelpdesk = await makeUser(ctx, direct.org, ['helpdesk_agent']);
  const directCustomer = await customerOf(ctx, direct);
  const directSubscriptionId = await subscribe(ctx, { ...base, customer: directCustomer, buyer: direct, chain: { partnerId: direct.orgId } });
  await setNotice(ctx, direct, true);

  const quiet = await makePartner(ctx, 'direct');
  const quietCustomer = await customerOf(ctx, quiet);
  const quietSubscriptionId = await subscribe(ctx, { ...base, customer: quietCustomer, buyer: quiet, chain: { partnerId: quiet.orgId } });

  const provider = await makePartner(ctx, 'indirect_provider');
  const reseller = await makePartner(ctx, 'indirect_reseller');
  await makeRelationship(ctx, provider, reseller);
  const resellerCustomer = await customerOf(ctx, reseller);
  const indirectSubscriptionId = await subscribe(ctx, {
    ...base, customer: resellerCustomer, buyer: provider, chain: { providerId: provider.orgId, resellerId: reseller.orgId },
  });
  await setNotice(ctx, reseller, true);

  const lapsed = await makePartner(ctx, 'direct');
  const lapsedCustomer = await customerOf(ctx, lapsed);
  const lapsedSubscriptionId = await subscribe(ctx, { ...base, customer: lapsedCustomer, buyer: lapsed, chain: { partnerId: lapsed.orgId }, status: 'cancelled' });
  await setNotice(ctx, lapsed, true);

  const dormant = await makePartner(ctx, 'direct');
  const dormantCustomer = await customerOf(ctx, dormant);
  await subscribe(ctx, { ...base, customer: dormantCustomer, buyer: dormant, chain: { partnerId: dormant.orgId }, status: 'suspended' });
  await setNotice(ctx, dormant, true);

  const stranger = await makePartner(ctx, 'direct');
  const strangerCustomer = await customerOf(ctx, stranger);
  await subscribe(ctx, { offerId: foreignOfferId, publisherId: otherPublisher.orgId, customer: strangerCustomer, buyer: stranger, chain: { partnerId: stranger.orgId } });
  await setNotice(ctx, stranger, true);

  return {
    operator, publisher, engineer, publisherViewer, offerId, otherOfferId, otherPublisher, foreignOfferId,
    direct, directHelpdesk, directCustomer, directSubscriptionId, quiet, quietCustomer, quietSubscriptionId,
    provider, reseller, resellerCustomer, indirectSubscriptionId,
    lapsed, lapsedCustomer, lapsedSubscriptionId, dormant, dormantCustomer, stranger, strangerCustomer,
  };
}

/** The health world. */
export type HealthWorld = Awaited<ReturnType<typeof makeHealthWorld>>;
