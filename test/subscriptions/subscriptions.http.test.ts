import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../src/core/parties.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeOrg, makeUser } from '../factories.ts';
import {
  addPlan, buy, createOffer, linkIndirect, makeCustomerOf, makeDirectSale, makePartner, makePublisher, makeSellableOffer,
  optIn, publishAgreement, purchaseBody, relateCustomer, setStanding, type OrgActor,
} from '../catalog-factories.ts';

async function countRows(ctx: TestContext, orgId: string) {
  return ctx.db.withOwner(async (tx) => {
    const subs = await tx.selectFrom('subscriptions').select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) => eb.or([eb('partner_id', '=', orgId), eb('provider_id', '=', orgId), eb('reseller_id', '=', orgId)])).executeTakeFirstOrThrow();
    const keys = await tx.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow();
    return { subscriptions: Number(subs.n), keys: Number(keys.n) };
  });
}

async function reasonsFor(ctx: TestContext, actor: OrgActor, offerId: string, query: string) {
  const res = await call(ctx, actor, 'GET', `/api/v1/offers/${offerId}/purchasability?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.plans[0] as { planId: string; purchasable: boolean; reasons: { code: string; message: { en: string; ko: string } }[] };
}

/** A provider and a reseller in an active relationship, both opted in, with a customer of the reseller. */
async function makeIndirectSale(ctx: TestContext) {
  const sale = await makeSellableOffer(ctx);
  const provider = await makePartner(ctx, 'indirect_provider');
  const reseller = await makePartner(ctx, 'indirect_reseller');
  await linkIndirect(ctx, provider, reseller.orgId);
  await optIn(ctx, reseller, sale.offerId);
  const customer = await makeCustomerOf(ctx, reseller.orgId);
  return { ...sale, provider, reseller, customer };
}

describe('subscriptions: purchase', () => {
  it('a direct partner buys for its customer: pending_activation, the accepted agreement version, who and when', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const res = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const s = res.body;
    assert.match(s.id, /^sub_/);
    assert.equal(s.status, 'pending_activation');
    assert.equal(s.partnerId, sale.partner.orgId);
    assert.equal(s.providerId, null);
    assert.equal(s.resellerId, null);
    assert.equal(s.supportContactId, sale.partner.orgId);
    assert.equal(s.supportContact, 'partner');
    assert.equal(s.publisherId, sale.publisher.orgId);
    assert.equal(s.agreementVersion, 1);
    assert.equal(s.acceptedBy, sale.partner.userId);
    assert.ok(Date.parse(s.acceptedAt) > 0);
    assert.equal(s.market, 'US');
    assert.equal(s.quantity, 5);
    assert.equal(s.activatedAt, null);
    const again = await call(ctx, sale.partner, 'GET', `/api/v1/subscriptions/${s.id}`);
    assert.deepEqual(again.body, s);
  });

  it('the same Idempotency-Key and body answer the first answer again and buy once', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const body = purchaseBody(sale.offerId, sale.customer.id);
    const first = await buy(ctx, sale.partner, body, 'key-1');
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await buy(ctx, sale.partner, reordered, 'key-1');
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.deepEqual(await countRows(ctx, sale.partner.orgId), { subscriptions: 1, keys: 1 });
  });

  it('the same Idempotency-Key with another body answers 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    assert.equal((await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id), 'key-2')).status, 201);
    const other = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id, { quantity: 6 }), 'key-2');
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.deepEqual(await countRows(ctx, sale.partner.orgId), { subscriptions: 1, keys: 1 });
  });

  it('concurrent retries with one key buy once', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const body = purchaseBody(sale.offerId, sale.customer.id);
    const all = await Promise.all([1, 2, 3].map(() => buy(ctx, sale.partner, body, 'key-race')));
    assert.deepEqual(all.map((r) => r.status), [201, 201, 201]);
    assert.equal(new Set(all.map((r) => r.body.id)).size, 1);
    assert.deepEqual(await countRows(ctx, sale.partner.orgId), { subscriptions: 1, keys: 1 });
  });

  it('requires an Idempotency-Key', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const res = await call(ctx, sale.partner, 'POST', '/api/v1/subscriptions', purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['headers.idempotency-key']);
  });

  it('a refused purchase leaves nothing behind: no subscription, no idempotency key', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    await addPlan(ctx, publisher, offer.id);
    await publishAgreement(ctx, publisher, offer.id);
    const partner = await makePartner(ctx);
    const customer = await makeCustomerOf(ctx, partner.orgId);
    const body = purchaseBody(offer.id, customer.id);
    const refused = await buy(ctx, partner, body, 'key-3');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'PURCHASE_NOT_ALLOWED');
    assert.deepEqual(refused.body.reasons.map((r: { code: string }) => r.code), ['not_opted_in']);
    assert.ok(refused.body.reasons[0].message.ko);
    const stale = await buy(ctx, partner, { ...body, acceptedAgreementVersion: 2 }, 'key-4');
    assert.equal(stale.status, 409);
    const tooMany = await buy(ctx, partner, { ...body, quantity: 101 }, 'key-5');
    assert.equal(tooMany.status, 400);
    assert.deepEqual(await countRows(ctx, partner.orgId), { subscriptions: 0, keys: 0 });
    await optIn(ctx, partner, offer.id);
    assert.equal((await buy(ctx, partner, body, 'key-3')).status, 201, 'the refused key was not kept');
  });

  it('the buyer must accept the current agreement version', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    await publishAgreement(ctx, sale.publisher, sale.offerId, { title: 'v2' });
    const stale = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'AGREEMENT_VERSION_MISMATCH');
    assert.equal(stale.body.currentVersion, 2);
    const current = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id, { acceptedAgreementVersion: 2 }));
    assert.equal(current.status, 201);
    assert.equal(current.body.agreementVersion, 2);
  });

  it('refuses a quantity, billing cycle or term the plan does not offer, naming the field', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx, { plan: { minQuantity: 5, maxQuantity: 10 } });
    const cases: [Record<string, unknown>, string][] = [
      [{ quantity: 4 }, 'quantity'], [{ quantity: 11 }, 'quantity'], [{ billingCycle: 'triennial' }, 'billingCycle'],
      [{ term: 'P3Y' }, 'term'], [{ quantity: 0 }, 'body.quantity'], [{ offerId: 'Bad Offer' }, 'body.offerId'],
    ];
    for (const [change, field] of cases) {
      const res = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id, change));
      assert.equal(res.status, 400, JSON.stringify(change));
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(change)} → ${JSON.stringify(res.body.errors)}`);
    }
    assert.equal((await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id, { quantity: 10 }))).status, 201);
  });

  it('answers 404 for an unknown offer, plan or customer', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const stranger = await makeOrg(ctx, 'customer');
    const cases: [Record<string, unknown>, string][] = [
      [{ offerId: 'no-such-offer' }, 'OFFER_NOT_FOUND'], [{ planId: 'nope' }, 'PLAN_NOT_FOUND'],
      [{ customerId: stranger.id }, 'CUSTOMER_NOT_FOUND'], [{ customerId: sale.partner.orgId }, 'CUSTOMER_NOT_FOUND'],
    ];
    for (const [change, code] of cases) {
      const res = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id, change));
      assert.equal(res.status, 404, JSON.stringify(change));
      assert.equal(res.body.code, code);
    }
  });

  it('only global_admin and admin_agent of a partner buy; every other role and kind gets 403', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const admin = await makeUser(ctx, sale.partner.org, ['admin_agent']);
    assert.equal((await buy(ctx, admin, purchaseBody(sale.offerId, sale.customer.id))).status, 201);
    const denied = [
      ...await Promise.all((['helpdesk_agent', 'sales_agent', 'billing_admin', 'user_admin'] as Role[]).map((r) => makeUser(ctx, sale.partner.org, [r]))),
      sale.publisher,
      await makeUser(ctx, sale.customer, ['customer_admin']),
      await makeActor(ctx, 'operator', ['operator_admin']),
    ];
    for (const actor of denied) {
      const res = await buy(ctx, actor, purchaseBody(sale.offerId, sale.customer.id));
      assert.equal(res.status, 403, actor.roles.join());
      assert.equal(res.body.code, 'PERMISSION_DENIED');
      assert.equal(res.body.detail, 'Buying offers for customers is for partner roles global_admin and admin_agent; your roles do not allow it.', actor.roles.join());
      assert.deepEqual(res.body.allowedRoles, ['global_admin', 'admin_agent'], actor.roles.join());
      const asks = await call(ctx, actor, 'GET', `/api/v1/offers/${sale.offerId}/purchasability?customerId=${sale.customer.id}`);
      assert.equal(asks.status, 403, actor.roles.join());
      assert.deepEqual(asks.body.allowedRoles, ['global_admin', 'admin_agent'], actor.roles.join());
    }
  });

  it('after a cancellation the customer can buy the offer again', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const first = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal((await call(ctx, sale.partner, 'POST', `/api/v1/subscriptions/${first.body.id}/cancel`)).status, 200);
    assert.equal((await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id))).status, 201);
  });
});

describe('subscriptions: indirect model', () => {
  it('a provider buys naming the reseller of record; the provider is the support contact until set to the reseller', async () => {
    const ctx = await testContext();
    const sale = await makeIndirectSale(ctx);
    const res = await buy(ctx, sale.provider, purchaseBody(sale.offerId, sale.customer.id, { resellerId: sale.reseller.orgId }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.partnerId, null);
    assert.equal(res.body.providerId, sale.provider.orgId);
    assert.equal(res.body.resellerId, sale.reseller.orgId);
    assert.equal(res.body.supportContact, 'provider');
    assert.equal(res.body.supportContactId, sale.provider.orgId);
    const set = await call(ctx, sale.reseller, 'PUT', `/api/v1/subscriptions/${res.body.id}/support-contact`, { designated: 'reseller' });
    assert.equal(set.status, 200);
    assert.equal(set.body.supportContact, 'reseller');
    assert.equal(set.body.supportContactId, sale.reseller.orgId);
    const back = await call(ctx, sale.provider, 'PUT', `/api/v1/subscriptions/${res.body.id}/support-contact`, { designated: 'provider' });
    assert.equal(back.body.supportContactId, sale.provider.orgId);
    const helpdesk = await makeUser(ctx, sale.provider.org, ['helpdesk_agent']);
    assert.equal((await call(ctx, helpdesk, 'PUT', `/api/v1/subscriptions/${res.body.id}/support-contact`, { designated: 'reseller' })).status, 403);
    const customer = await makeUser(ctx, sale.customer, ['customer_admin']);
    assert.equal((await call(ctx, customer, 'PUT', `/api/v1/subscriptions/${res.body.id}/support-contact`, { designated: 'reseller' })).status, 403);
    assert.equal((await call(ctx, sale.publisher, 'PUT', `/api/v1/subscriptions/${res.body.id}/support-contact`, { designated: 'reseller' })).status, 403);
  });

  it('a reseller buys naming its provider', async () => {
    const ctx = await testContext();
    const sale = await makeIndirectSale(ctx);
    const res = await buy(ctx, sale.reseller, purchaseBody(sale.offerId, sale.customer.id, { providerId: sale.provider.orgId }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.providerId, sale.provider.orgId);
    assert.equal(res.body.resellerId, sale.reseller.orgId);
    assert.equal(res.body.supportContactId, sale.provider.orgId);
    assert.equal((await call(ctx, sale.provider, 'GET', `/api/v1/subscriptions/${res.body.id}`)).status, 200);
  });

  it('each partner model names exactly the other side it needs', async () => {
    const ctx = await testContext();
    const sale = await makeIndirectSale(ctx);
    const direct = await makePartner(ctx, 'direct');
    const cases: [OrgActor, Record<string, unknown>, string][] = [
      [direct, { resellerId: sale.reseller.orgId }, 'resellerId'],
      [direct, { providerId: sale.provider.orgId }, 'providerId'],
      [sale.provider, {}, 'resellerId'],
      [sale.provider, { resellerId: sale.reseller.orgId, providerId: sale.provider.orgId }, 'providerId'],
      [sale.reseller, {}, 'providerId'],
      [sale.reseller, { providerId: sale.reseller.orgId }, 'providerId'],
    ];
    for (const [actor, change, field] of cases) {
      const res = await buy(ctx, actor, purchaseBody(sale.offerId, sale.customer.id, change));
      assert.equal(res.status, 400, JSON.stringify(change));
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), [field]);
    }
  });

  it('the support contact can only be chosen in the indirect model', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const bought = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    const res = await call(ctx, sale.partner, 'PUT', `/api/v1/subscriptions/${bought.body.id}/support-contact`, { designated: 'reseller' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'SUPPORT_CONTACT_NOT_APPLICABLE');
  });
});

describe('subscriptions: purchasability', () => {
  it('a plan that can be bought has no reasons', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const plan = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(plan, { planId: 'standard', purchasable: true, reasons: [] });
  });

  it('not_opted_in: the partner has not opted in', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    await call(ctx, sale.partner, 'DELETE', `/api/v1/offers/${sale.offerId}/opt-in`);
    const plan = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.equal(plan.purchasable, false);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['not_opted_in']);
    assert.match(plan.reasons[0]!.message.en, /opted in/);
    assert.match(plan.reasons[0]!.message.ko, /옵트인/);
  });

  it('exclusive_to_other_partners: the audience is specific and the partner is not listed', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const other = await makePartner(ctx);
    await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'specific', authorizedPartnerIds: [other.orgId] });
    const plan = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['exclusive_to_other_partners']);
  });

  it('not_available_to_partners: the audience is none', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'none' });
    const plan = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['not_available_to_partners']);
  });

  it("market_not_available: the customer's country is not among the plan's markets", async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx, { country: 'FR' });
    const plan = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['market_not_available']);
    const refused = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.body.reasons.map((r: { code: string }) => r.code), ['market_not_available']);
  });

  it('already_subscribed: the customer already has the offer, even through another partner', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    assert.equal((await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id))).status, 201);
    const mine = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(mine.reasons.map((r) => r.code), ['already_subscribed']);
    const other = await makePartner(ctx);
    await optIn(ctx, other, sale.offerId);
    await relateCustomer(ctx, other.orgId, sale.customer.id);
    const theirs = await reasonsFor(ctx, other, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(theirs.reasons.map((r) => r.code), ['already_subscribed']);
    const refused = await buy(ctx, other, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.body.reasons.map((r: { code: string }) => r.code), ['already_subscribed']);
    assert.equal((await call(ctx, other, 'GET', `/api/v1/subscriptions?customerId=${sale.customer.id}`)).body.items.length, 0, 'the other partner still does not see it');
  });

  it('subscription_suspended: the customer has it suspended and should reactivate instead', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const bought = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    await call(ctx, sale.publisher, 'POST', `/api/v1/subscriptions/${bought.body.id}/activate`);
    await call(ctx, sale.partner, 'POST', `/api/v1/subscriptions/${bought.body.id}/suspend`);
    const plan = await reasonsFor(ctx, sale.partner, sale.offerId, `customerId=${sale.customer.id}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['subscription_suspended']);
    assert.match(plan.reasons[0]!.message.en, /reactivate/);
  });

  it('reseller_not_in_good_standing: the reseller of record is not in good standing', async () => {
    const ctx = await testContext();
    const sale = await makeIndirectSale(ctx);
    await setStanding(ctx, sale.reseller.orgId, false);
    const plan = await reasonsFor(ctx, sale.provider, sale.offerId, `customerId=${sale.customer.id}&resellerId=${sale.reseller.orgId}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['reseller_not_in_good_standing']);
    const refused = await buy(ctx, sale.provider, purchaseBody(sale.offerId, sale.customer.id, { resellerId: sale.reseller.orgId }));
    assert.equal(refused.status, 409);
  });

  it('no_customer_relationship: the selling partner no longer sells to the customer', async () => {
    const ctx = await testContext();
    const sale = await makeSellableOffer(ctx);
    const partner = await makePartner(ctx);
    await optIn(ctx, partner, sale.offerId);
    const customer = await makeOrg(ctx, 'customer');
    await relateCustomer(ctx, partner.orgId, customer.id, 'ended');
    const plan = await reasonsFor(ctx, partner, sale.offerId, `customerId=${customer.id}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['no_customer_relationship']);
  });

  it('no_indirect_relationship: the provider and the reseller are not in an active relationship', async () => {
    const ctx = await testContext();
    const sale = await makeIndirectSale(ctx);
    const stranger = await makePartner(ctx, 'indirect_provider');
    const plan = await reasonsFor(ctx, sale.reseller, sale.offerId, `customerId=${sale.customer.id}&providerId=${stranger.orgId}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['no_indirect_relationship']);
    const refused = await buy(ctx, sale.reseller, purchaseBody(sale.offerId, sale.customer.id, { providerId: stranger.orgId }));
    assert.equal(refused.status, 409);
    assert.deepEqual(refused.body.reasons.map((r: { code: string }) => r.code), ['no_indirect_relationship']);
  });

  it('no_agreement_published: nothing to accept yet', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    await addPlan(ctx, publisher, offer.id);
    const partner = await makePartner(ctx);
    await optIn(ctx, partner, offer.id);
    const customer = await makeCustomerOf(ctx, partner.orgId);
    const plan = await reasonsFor(ctx, partner, offer.id, `customerId=${customer.id}`);
    assert.deepEqual(plan.reasons.map((r) => r.code), ['no_agreement_published']);
  });

  it('gives every reason at once, per plan', async () => {
    const ctx = await testContext();
    const sale = await makeSellableOffer(ctx);
    await addPlan(ctx, sale.publisher, sale.offerId, { id: 'france', prices: [{ market: 'FR', currency: 'EUR', amount: '10' }] });
    const partner = await makePartner(ctx);
    const customer = await makeOrg(ctx, 'customer', { country: 'FR' });
    await relateCustomer(ctx, partner.orgId, customer.id, 'ended');
    const res = await call(ctx, partner, 'GET', `/api/v1/offers/${sale.offerId}/purchasability?customerId=${customer.id}`);
    const byPlan = Object.fromEntries(res.body.plans.map((p: { planId: string; reasons: { code: string }[] }) => [p.planId, p.reasons.map((r) => r.code)]));
    assert.deepEqual(byPlan, {
      france: ['not_opted_in', 'no_customer_relationship'],
      standard: ['not_opted_in', 'no_customer_relationship', 'market_not_available'],
    });
  });

  it('answers 404 for a customer the partner can not see', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const stranger = await makeOrg(ctx, 'customer');
    const res = await call(ctx, sale.partner, 'GET', `/api/v1/offers/${sale.offerId}/purchasability?customerId=${stranger.id}`);
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'CUSTOMER_NOT_FOUND');
  });
});

describe('subscriptions: life cycle', () => {
  async function bought(ctx: TestContext) {
    const sale = await makeDirectSale(ctx);
    const res = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(res.status, 201);
    return { ...sale, id: res.body.id as string };
  }

  it('the publisher activates; the partner of record suspends, reactivates and cancels', async () => {
    const ctx = await testContext();
    const s = await bought(ctx);
    const activated = await call(ctx, s.publisher, 'POST', `/api/v1/subscriptions/${s.id}/activate`);
    assert.equal(activated.status, 200);
    assert.equal(activated.body.status, 'active');
    assert.ok(activated.body.activatedAt);
    for (const [action, status] of [['suspend', 'suspended'], ['reactivate', 'active'], ['cancel', 'cancelled']] as const) {
      const res = await call(ctx, s.partner, 'POST', `/api/v1/subscriptions/${s.id}/${action}`);
      assert.equal(res.status, 200, action);
      assert.equal(res.body.status, status);
    }
    assert.ok((await call(ctx, s.partner, 'GET', `/api/v1/subscriptions/${s.id}`)).body.cancelledAt);
  });

  it('an action the status does not allow answers 409 SUBSCRIPTION_STATE_CONFLICT naming the status', async () => {
    const ctx = await testContext();
    const s = await bought(ctx);
    const suspendPending = await call(ctx, s.partner, 'POST', `/api/v1/subscriptions/${s.id}/suspend`);
    assert.equal(suspendPending.status, 409);
    assert.equal(suspendPending.body.code, 'SUBSCRIPTION_STATE_CONFLICT');
    assert.equal(suspendPending.body.subscriptionStatus, 'pending_activation');
    assert.equal((await call(ctx, s.partner, 'POST', `/api/v1/subscriptions/${s.id}/reactivate`)).status, 409);
    await call(ctx, s.publisher, 'POST', `/api/v1/subscriptions/${s.id}/activate`);
    const twice = await call(ctx, s.publisher, 'POST', `/api/v1/subscriptions/${s.id}/activate`);
    assert.equal(twice.status, 409);
    assert.equal(twice.body.status, 409);
    assert.equal(twice.body.subscriptionStatus, 'active');
    await call(ctx, s.partner, 'POST', `/api/v1/subscriptions/${s.id}/cancel`);
    for (const action of ['suspend', 'reactivate', 'cancel']) {
      const res = await call(ctx, s.partner, 'POST', `/api/v1/subscriptions/${s.id}/${action}`);
      assert.equal(res.status, 409, action);
      assert.equal(res.body.status, 409, `${action}: the problem's status is the HTTP status`);
      assert.equal(res.body.subscriptionStatus, 'cancelled');
    }
    const resize = await call(ctx, s.partner, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 3 });
    assert.equal(resize.status, 409);
  });

  it('only the publisher of the offer activates, and only the partner of record manages', async () => {
    const ctx = await testContext();
    const s = await bought(ctx);
    const viewer = await makeUser(ctx, s.publisher.org, ['publisher_viewer']);
    const engineer = await makeUser(ctx, s.publisher.org, ['support_engineer']);
    const customer = await makeUser(ctx, s.customer, ['customer_admin']);
    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    for (const actor of [s.partner, viewer, engineer, customer, operator]) {
      const res = await call(ctx, actor, 'POST', `/api/v1/subscriptions/${s.id}/activate`);
      assert.equal(res.status, 403, actor.roles.join());
    }
    const helpdesk = await makeUser(ctx, s.partner.org, ['helpdesk_agent']);
    const sales = await makeUser(ctx, s.partner.org, ['sales_agent']);
    for (const actor of [s.publisher, helpdesk, sales, customer, operator]) {
      assert.equal((await call(ctx, actor, 'POST', `/api/v1/subscriptions/${s.id}/cancel`)).status, 403, actor.roles.join());
      assert.equal((await call(ctx, actor, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 2 })).status, 403, actor.roles.join());
    }
    const otherPublisher = await makePublisher(ctx);
    assert.equal((await call(ctx, otherPublisher, 'POST', `/api/v1/subscriptions/${s.id}/activate`)).status, 404);
    const admin = await makeUser(ctx, s.partner.org, ['admin_agent']);
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 2 })).status, 200);
  });

  it('the quantity changes within the plan bounds only', async () => {
    const ctx = await testContext();
    const s = await bought(ctx);
    const ok = await call(ctx, s.partner, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 100 });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.quantity, 100);
    const over = await call(ctx, s.partner, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 101 });
    assert.equal(over.status, 400);
    assert.deepEqual(over.body.errors.map((e: { field: string }) => e.field), ['quantity']);
    assert.match(over.body.detail, /between 1 and 100/);
    const zero = await call(ctx, s.partner, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 0 });
    assert.equal(zero.status, 400);
    await call(ctx, s.publisher, 'POST', `/api/v1/subscriptions/${s.id}/activate`);
    await call(ctx, s.partner, 'POST', `/api/v1/subscriptions/${s.id}/suspend`);
    const suspended = await call(ctx, s.partner, 'PATCH', `/api/v1/subscriptions/${s.id}`, { quantity: 2 });
    assert.equal(suspended.status, 409);
    assert.equal(suspended.body.subscriptionStatus, 'suspended');
  });
});

describe('subscriptions: who sees what', () => {
  it('the customer, the partner of record, the publisher and the operator see a subscription; others get 404', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const res = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    const id = res.body.id as string;
    const seeing = [
      sale.partner, await makeUser(ctx, sale.partner.org, ['helpdesk_agent']), await makeUser(ctx, sale.partner.org, ['billing_admin']),
      await makeUser(ctx, sale.customer, ['customer_user']), sale.publisher, await makeActor(ctx, 'operator', ['commerce_support']),
    ];
    for (const actor of seeing) {
      const got = await call(ctx, actor, 'GET', `/api/v1/subscriptions/${id}`);
      assert.equal(got.status, 200, actor.roles.join());
      const list = await call(ctx, actor, 'GET', `/api/v1/subscriptions?offerId=${sale.offerId}`);
      assert.deepEqual(list.body.items.map((s: { id: string }) => s.id), [id], actor.roles.join());
    }
    const otherPartner = await makePartner(ctx);
    const otherCustomer = await makeActor(ctx, 'customer', ['customer_admin']);
    const otherPublisher = await makePublisher(ctx);
    for (const actor of [otherPartner, otherCustomer, otherPublisher]) {
      const got = await call(ctx, actor, 'GET', `/api/v1/subscriptions/${id}`);
      assert.equal(got.status, 404, actor.roles.join());
      assert.equal(got.body.code, 'SUBSCRIPTION_NOT_FOUND');
      assert.equal((await call(ctx, actor, 'GET', `/api/v1/subscriptions?offerId=${sale.offerId}`)).body.items.length, 0);
      for (const action of ['suspend', 'cancel', 'activate']) {
        assert.equal((await call(ctx, actor, 'POST', `/api/v1/subscriptions/${id}/${action}`)).status, 404, `${actor.roles.join()} ${action}`);
      }
      assert.equal((await call(ctx, actor, 'PATCH', `/api/v1/subscriptions/${id}`, { quantity: 2 })).status, 404);
    }
    const userAdmin = await makeUser(ctx, sale.partner.org, ['user_admin']);
    assert.equal((await call(ctx, userAdmin, 'GET', `/api/v1/subscriptions/${id}`)).status, 403);
  });

  it('a customer sees only its own subscriptions', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const second = await makeCustomerOf(ctx, sale.partner.orgId);
    const a = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    const b = await buy(ctx, sale.partner, purchaseBody(sale.offerId, second.id));
    const customer = await makeUser(ctx, sale.customer, ['customer_user']);
    const list = await call(ctx, customer, 'GET', '/api/v1/subscriptions');
    assert.deepEqual(list.body.items.map((s: { id: string }) => s.id), [a.body.id]);
    assert.equal((await call(ctx, customer, 'GET', `/api/v1/subscriptions/${b.body.id}`)).status, 404);
    const partnerList = await call(ctx, sale.partner, 'GET', '/api/v1/subscriptions');
    assert.deepEqual(partnerList.body.items.map((s: { id: string }) => s.id).sort(), [a.body.id, b.body.id].sort());
  });

  it('lists with filters and cursor pages, newest first', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const customer = await makeCustomerOf(ctx, sale.partner.orgId);
      ids.push((await buy(ctx, sale.partner, purchaseBody(sale.offerId, customer.id))).body.id);
    }
    await call(ctx, sale.partner, 'POST', `/api/v1/subscriptions/${ids[0]}/cancel`);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await call(ctx, sale.partner, 'GET', `/api/v1/subscriptions?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...ids].reverse());
    const cancelled = await call(ctx, sale.partner, 'GET', '/api/v1/subscriptions?status=cancelled');
    assert.deepEqual(cancelled.body.items.map((s: { id: string }) => s.id), [ids[0]]);
    const bad = await call(ctx, sale.partner, 'GET', '/api/v1/subscriptions?status=paused');
    assert.equal(bad.status, 400);
    const forged = await call(ctx, sale.partner, 'GET', '/api/v1/subscriptions?cursor=abc');
    assert.equal(forged.body.code, 'INVALID_CURSOR');
  });

  it('the row policy stops a partner from writing a subscription it is not a partner of record of', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const res = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    const other = await makePartner(ctx);
    const updated = await ctx.db.withTenant({ orgId: other.orgId, orgKind: 'partner', userId: other.userId }, async (tx) =>
      Number((await tx.updateTable('subscriptions').set({ quantity: 99 }).where('id', '=', res.body.id).executeTakeFirst()).numUpdatedRows));
    assert.equal(updated, 0);
  });
});
