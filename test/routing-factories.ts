/**
 * Factories for routing tests: a whole channel world — an operator, a publisher with a sellable
 * offer, a direct partner with a customer and a subscription, a provider and a reseller with a
 * relationship (default split), a customer and a subscription of theirs, and a stranger direct
 * partner with its own customer and subscription. Offers go through the API; the rest is made as
 * the owner, so a test exercises only the routing request under test.
 */
import type { Role, Viewer } from '../src/core/parties.ts';
import { newId } from '../src/db/ids.ts';
import { makeCustomerOf, makePartner, makeSellableOffer, type OrgActor } from './catalog-factories.ts';
import { makeRelationship } from './channel-factories.ts';
import { makeActor, makeUser, type Actor, type TestOrg } from './factories.ts';
import type { TestContext } from './harness.ts';

/** A subscription of an offer for a customer, with a direct or an indirect chain (made as the owner). */
export async function makeSubscriptionRow(ctx: TestContext, s: {
  customer: TestOrg; offerId: string; planId: string; publisherId: string; acceptedBy: string;
  chain: { partnerId: string } | { providerId: string; resellerId: string };
}): Promise<string> {
  const id = newId('subscription');
  const at = new Date();
  await ctx.db.withOwner((tx) => tx.insertInto('subscriptions').values({
    id, customer_id: s.customer.id, offer_id: s.offerId, plan_id: s.planId, publisher_id: s.publisherId, quantity: 5,
    partner_id: 'partnerId' in s.chain ? s.chain.partnerId : null,
    provider_id: 'providerId' in s.chain ? s.chain.providerId : null,
    reseller_id: 'resellerId' in s.chain ? s.chain.resellerId : null,
    support_contact_id: 'partnerId' in s.chain ? s.chain.partnerId : s.chain.providerId,
    status: 'active', billing_cycle: 'monthly', term: 'P1Y', market: 'US', agreement_version: 1,
    accepted_by: s.acceptedBy, accepted_at: at, created_at: at, updated_at: at, activated_at: at,
  }).execute());
  return id;
}

/** The viewer of an actor, for calling a context's exported functions in a tenant transaction. */
export function viewerOf(actor: Actor, org: { kind: Viewer['orgKind'] }, partnerModel: Viewer['partnerModel'] = null): Viewer {
  return { userId: actor.userId, orgId: actor.orgId, orgKind: org.kind, partnerModel, roles: actor.roles, via: 'token' };
}

/** Everything a routing test needs, each organization with a user. */
export interface RoutingWorld {
  operator: OrgActor;
  publisher: OrgActor;
  offerId: string;
  direct: OrgActor;
  directCustomer: OrgActor;
  directSubscriptionId: string;
  provider: OrgActor;
  reseller: OrgActor;
  relationshipId: string;
  indirectCustomer: OrgActor;
  indirectSubscriptionId: string;
  stranger: OrgActor;
  strangerCustomer: OrgActor;
  strangerSubscriptionId: string;
}

async function customerOf(ctx: TestContext, partnerOrgId: string, roles: Role[] = ['customer_admin']): Promise<OrgActor> {
  const org = await makeCustomerOf(ctx, partnerOrgId);
  return { ...(await makeUser(ctx, org, roles)), org };
}

/** Makes the world; the operator first, so it is the deployment's operator. */
export async function makeRoutingWorld(ctx: TestContext): Promise<RoutingWorld> {
  const operator = await makeActor(ctx, 'operator', ['operator_admin']);
  const sale = await makeSellableOffer(ctx);
  const { publisher, offerId, planId } = sale;
  const base = { offerId, planId, publisherId: publisher.orgId };

  const direct = await makePartner(ctx, 'direct');
  const directCustomer = await customerOf(ctx, direct.orgId);
  const directSubscriptionId = await makeSubscriptionRow(ctx, { ...base, customer: directCustomer.org, acceptedBy: direct.userId, chain: { partnerId: direct.orgId } });

  const provider = await makePartner(ctx, 'indirect_provider');
  const reseller = await makePartner(ctx, 'indirect_reseller');
  const relationshipId = await makeRelationship(ctx, provider, reseller);
  const indirectCustomer = await customerOf(ctx, reseller.orgId);
  const indirectSubscriptionId = await makeSubscriptionRow(ctx, {
    ...base, customer: indirectCustomer.org, acceptedBy: provider.userId, chain: { providerId: provider.orgId, resellerId: reseller.orgId },
  });

  const stranger = await makePartner(ctx, 'direct');
  const strangerCustomer = await customerOf(ctx, stranger.orgId);
  const strangerSubscriptionId = await makeSubscriptionRow(ctx, { ...base, customer: strangerCustomer.org, acceptedBy: stranger.userId, chain: { partnerId: stranger.orgId } });

  return {
    operator, publisher, offerId, direct, directCustomer, directSubscriptionId, provider, reseller, relationshipId,
    indirectCustomer, indirectSubscriptionId, stranger, strangerCustomer, strangerSubscriptionId,
  };
}
