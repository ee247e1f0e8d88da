/**
 * `POST /routing/decisions` with `askedBy: customer`: a partner of record previews what its
 * customer's question would do — its preferences and the relationship's split apply as they do
 * when the customer opens the case — while the other walls stay: the role check (403), another
 * partner's subscription (404), and input that makes no sense (400).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { call, type Actor } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { makeEveryPartnerRole } from '../channel-factories.ts';
import { makeRoutingWorld, type RoutingWorld } from '../routing-factories.ts';

const DECISIONS = '/api/v1/routing/decisions';

describe('routing preview as the customer would ask', () => {
  let ctx: TestContext;
  let w: RoutingWorld;

  before(async () => {
    ctx = await testContext();
    w = await makeRoutingWorld(ctx);
  });

  const decide = (actor: Actor, body: Record<string, unknown>) => call(ctx, actor, 'POST', DECISIONS, { severity: 'moderate', ...body });
  const codes = (body: { rules: { code: string }[] }) => body.rules.map((r) => r.code);

  it('gives the partner the decision its customer would get, with its preference applied', async () => {
    const set = await call(ctx, w.direct, 'PUT', `/api/v1/routing/preferences/offers/${w.offerId}`, { preference: 'tier1' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const asCustomer = await decide(w.direct, { category: 'technical_howto', subscriptionId: w.directSubscriptionId, askedBy: 'customer' });
    const byCustomer = await decide(w.directCustomer, { category: 'technical_howto', subscriptionId: w.directSubscriptionId });
    assert.equal(asCustomer.status, 200, JSON.stringify(asCustomer.body));
    assert.equal(asCustomer.body.firstHolder.id, w.direct.orgId, 'tier1: the partner answers how-to first');
    assert.deepEqual(asCustomer.body.preference, { value: 'tier1', source: 'offer' });
    assert.ok(codes(asCustomer.body).includes('PREFERENCE_TIER1_PARTNER_ANSWERS'));
    assert.deepEqual(codes(asCustomer.body), codes(byCustomer.body), 'the same rules as the customer\'s own question');
    assert.deepEqual(asCustomer.body.participants.map((p: { id: string }) => p.id), byCustomer.body.participants.map((p: { id: string }) => p.id));

    // Asked as itself, the partner's own question goes to the publisher whatever the preference.
    const asItself = await decide(w.direct, { category: 'technical_howto', subscriptionId: w.directSubscriptionId });
    assert.equal(asItself.body.firstHolder.id, w.publisher.orgId);
    assert.equal((await decide(w.direct, { category: 'technical_howto', subscriptionId: w.directSubscriptionId, askedBy: 'viewer' })).body.firstHolder.id, w.publisher.orgId);
  });

  it('follows the split of an indirect relationship: billing goes where the split says', async () => {
    const ask = () => decide(w.provider, { category: 'billing', subscriptionId: w.indirectSubscriptionId, askedBy: 'customer' });
    const before = await ask();
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const split = await call(ctx, w.provider, 'PUT', `/api/v1/channel/relationships/${w.relationshipId}/split`, {
      split: [{ category: 'billing', firstContact: 'provider', handler: 'provider' }],
    });
    assert.equal(split.status, 200, JSON.stringify(split.body));
    const after = await ask();
    assert.equal(after.body.firstHolder.id, w.provider.orgId);
    assert.equal(after.body.responsible.id, w.provider.orgId);
    const reseller = await decide(w.reseller, { category: 'billing', subscriptionId: w.indirectSubscriptionId, askedBy: 'customer' });
    assert.equal(reseller.body.firstHolder.id, w.provider.orgId, 'the reseller previews the same');
    const customer = await decide(w.indirectCustomer, { category: 'billing', subscriptionId: w.indirectSubscriptionId });
    assert.equal(customer.body.firstHolder.id, w.provider.orgId, 'and the customer gets it');
  });

  it('refuses without a subscription, and for organizations that are not partners (400)', async () => {
    const noSub = await decide(w.direct, { category: 'technical_howto', offerId: w.offerId, askedBy: 'customer' });
    assert.equal(noSub.status, 400);
    assert.equal(noSub.body.errors[0].field, 'askedBy');
    const publisher = await decide(w.publisher, { category: 'technical_howto', subscriptionId: w.directSubscriptionId, askedBy: 'customer' });
    assert.equal(publisher.status, 400, JSON.stringify(publisher.body));
    assert.equal(publisher.body.errors[0].field, 'askedBy');
    const unknown = await decide(w.direct, { category: 'technical_howto', subscriptionId: w.directSubscriptionId, askedBy: 'operator' });
    assert.equal(unknown.status, 400);
  });

  it('hides another partner\'s subscription exactly as without askedBy (404), and keeps the role check (403)', async () => {
    const res = await decide(w.stranger, { category: 'technical_howto', subscriptionId: w.directSubscriptionId, askedBy: 'customer' });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'SUBSCRIPTION_NOT_FOUND');
    const roles = await makeEveryPartnerRole(ctx, w.direct.org);
    const denied = await decide(roles.user_admin, { category: 'technical_howto', subscriptionId: w.directSubscriptionId, askedBy: 'customer' });
    assert.equal(denied.status, 403);
  });
});
