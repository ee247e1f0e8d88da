/**
 * Routing decisions over HTTP and through `explainRouting`: direct and indirect subscriptions with
 * each preference, a split change that changes the decision, unroutable answers, and what a
 * viewer can't see (a subscription, another partner's preference, a relationship's split).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { PartnerPreference } from '../../src/core/routing-types.ts';
import { explainRouting } from '../../src/modules/routing/index.ts';
import { makeEveryPartnerRole } from '../channel-factories.ts';
import { call, makeUser, type Actor } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { makeRoutingWorld, viewerOf, type RoutingWorld } from '../routing-factories.ts';

const DECISIONS = '/api/v1/routing/decisions';
const PREFERENCES = '/api/v1/routing/preferences';

interface Party { id: string; name: string | null; role: string }

describe('routing decisions', () => {
  let ctx: TestContext;
  let w: RoutingWorld;

  before(async () => {
    ctx = await testContext();
    w = await makeRoutingWorld(ctx);
  });

  const decide = (actor: Actor, body: Record<string, unknown>) => call(ctx, actor, 'POST', DECISIONS, { severity: 'moderate', ...body });
  const codes = (body: { rules: { code: string }[] }) => body.rules.map((r) => r.code);
  const setOfferPreference = async (partner: Actor, preference: PartnerPreference | null) => {
    const res = preference === null
      ? await call(ctx, partner, 'DELETE', `${PREFERENCES}/offers/${w.offerId}`)
      : await call(ctx, partner, 'PUT', `${PREFERENCES}/offers/${w.offerId}`, { preference });
    assert.ok(res.status === 200 || res.status === 204 || res.status === 404, JSON.stringify(res.body));
  };

  describe('direct subscription, the customer asks', () => {
    it('applies forward while the partner has no preference: the publisher holds, the partner stays on', async () => {
      const res = await decide(w.directCustomer, { category: 'technical_breakfix', subscriptionId: w.directSubscriptionId });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.routable, true);
      assert.equal(res.body.firstHolder.id, w.publisher.orgId);
      assert.deepEqual(res.body.preference, { value: 'forward', source: 'none' });
      assert.ok(codes(res.body).includes('PREFERENCE_NONE'));
      assert.deepEqual(res.body.participants.map((p: Party) => [p.id, p.role]), [
        [w.directCustomer.orgId, 'customer'], [w.direct.orgId, 'partner'], [w.publisher.orgId, 'publisher'],
      ]);
      assert.equal(res.body.participants[1].name, w.direct.org.name, 'the customer sees its partner\'s name');
      for (const r of res.body.rules) assert.ok(r.en.length > 0 && /[\uac00-\ud7a3]/.test(r.ko));
    });

    const expectations: [PartnerPreference, 'technical_howto' | 'technical_breakfix', 'publisher' | 'partner', string][] = [
      ['forward', 'technical_howto', 'publisher', 'PREFERENCE_FORWARD'],
      ['tier1', 'technical_howto', 'partner', 'PREFERENCE_TIER1_PARTNER_ANSWERS'],
      ['tier1', 'technical_breakfix', 'publisher', 'PREFERENCE_TIER1_FORWARDED'],
      ['direct', 'technical_howto', 'publisher', 'PREFERENCE_DIRECT'],
    ];
    for (const [preference, category, holder, rule] of expectations) {
      it(`with the partner's ${preference} for the offer, sends ${category} to the ${holder} (${rule})`, async () => {
        await setOfferPreference(w.direct, preference);
        const res = await decide(w.directCustomer, { category, subscriptionId: w.directSubscriptionId });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.firstHolder.id, holder === 'partner' ? w.direct.orgId : w.publisher.orgId);
        assert.deepEqual(res.body.preference, { value: preference, source: 'offer' });
        assert.ok(codes(res.body).includes(rule), JSON.stringify(codes(res.body)));
        assert.deepEqual(res.body.escalationPath, []);
        assert.equal(res.body.responsible.id, w.publisher.orgId);
      });
    }

    it('falls back to the partner\'s default when the offer has no preference of its own', async () => {
      await setOfferPreference(w.direct, null);
      assert.equal((await call(ctx, w.direct, 'PUT', `${PREFERENCES}/default`, { preference: 'tier1' })).status, 200);
      const res = await decide(w.directCustomer, { category: 'technical_howto', subscriptionId: w.directSubscriptionId });
      assert.deepEqual(res.body.preference, { value: 'tier1', source: 'default' });
      assert.equal(res.body.firstHolder.id, w.direct.orgId);
      assert.ok(codes(res.body).includes('PREFERENCE_DEFAULT'));
    });

    it('sends billing to the partner, with the operator as the last tier', async () => {
      const res = await decide(w.directCustomer, { category: 'billing', subscriptionId: w.directSubscriptionId });
      assert.equal(res.body.responsible.id, w.direct.orgId);
      assert.equal(res.body.responsible.kind, 'partner');
      assert.equal(res.body.firstHolder.id, w.direct.orgId);
      assert.deepEqual(res.body.escalationPath.map((p: Party) => [p.id, p.role]), [[w.operator.orgId, 'operator']]);
      assert.deepEqual(res.body.participants.map((p: Party) => [p.id, p.role]), [
        [w.directCustomer.orgId, 'customer'], [w.direct.orgId, 'partner'],
      ], 'the operator takes part only once the case is escalated to it');
      assert.match(res.body.rules.find((r: { code: string }) => r.code === 'ESCALATION_TO_OPERATOR').en, /only once the case is escalated to it/);
    });
  });

  describe('indirect subscription', () => {
    it('reads the reseller\'s preference (first contact by default), not the provider\'s', async () => {
      await setOfferPreference(w.provider, 'direct');
      await setOfferPreference(w.reseller, 'tier1');
      const res = await decide(w.indirectCustomer, { category: 'technical_howto', subscriptionId: w.indirectSubscriptionId });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.preference, { value: 'tier1', source: 'offer' });
      assert.equal(res.body.firstHolder.id, w.reseller.orgId);
      assert.deepEqual(res.body.escalationPath.map((p: Party) => p.id), [w.provider.orgId]);
      assert.deepEqual(res.body.participants.map((p: Party) => p.role), ['customer', 'reseller', 'provider', 'publisher']);
    });

    for (const [preference, holder] of [['forward', 'publisher'], ['direct', 'publisher'], ['tier1', 'reseller']] as const) {
      it(`with the reseller's ${preference}, a customer's how-to goes to the ${holder}`, async () => {
        await setOfferPreference(w.reseller, preference);
        const res = await decide(w.indirectCustomer, { category: 'technical_howto', subscriptionId: w.indirectSubscriptionId });
        assert.equal(res.body.firstHolder.id, holder === 'publisher' ? w.publisher.orgId : w.reseller.orgId);
        assert.ok(!res.body.escalationPath.some((p: Party) => p.id === w.operator.orgId), 'technical cases never reach the operator');
      });
    }

    it('sends the customer\'s commerce question to the provider, then the operator', async () => {
      const res = await decide(w.indirectCustomer, { category: 'commerce_platform', subscriptionId: w.indirectSubscriptionId });
      assert.equal(res.body.responsible.kind, 'operator');
      assert.equal(res.body.firstHolder.id, w.provider.orgId);
      assert.deepEqual(res.body.escalationPath.map((p: Party) => p.id), [w.operator.orgId]);
    });

    it('sends a reseller\'s commerce question to its provider first', async () => {
      const res = await decide(w.reseller, { category: 'commerce_platform', subscriptionId: w.indirectSubscriptionId });
      assert.equal(res.body.firstHolder.id, w.provider.orgId);
      assert.deepEqual(codes(res.body).slice(0, 2), ['RESPONSIBLE_OPERATOR', 'COMMERCE_THROUGH_PROVIDER']);
      assert.ok(!res.body.participants.some((p: Party) => p.role === 'customer'));
    });

    it('follows the provider\'s split change: billing handled by the provider', async () => {
      const before = await decide(w.reseller, { category: 'billing', subscriptionId: w.indirectSubscriptionId });
      assert.equal(before.body.firstHolder.id, w.reseller.orgId);
      const beforeCustomer = await decide(w.indirectCustomer, { category: 'billing', subscriptionId: w.indirectSubscriptionId });
      assert.equal(beforeCustomer.body.responsible.id, w.reseller.orgId);

      const changed = await call(ctx, w.provider, 'PUT', `/api/v1/channel/relationships/${w.relationshipId}/split`, {
        split: [{ category: 'billing', firstContact: 'reseller', handler: 'provider' }, { category: 'technical_howto', firstContact: 'provider', handler: 'provider' }],
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));

      const after = await decide(w.reseller, { category: 'billing', subscriptionId: w.indirectSubscriptionId });
      assert.equal(after.body.firstHolder.id, w.provider.orgId);
      assert.equal(after.body.responsible.id, w.provider.orgId);
      // The customer (whom the row policy keeps from splits) sees the same split.
      const afterCustomer = await decide(w.indirectCustomer, { category: 'billing', subscriptionId: w.indirectSubscriptionId });
      assert.equal(afterCustomer.body.responsible.id, w.provider.orgId);
      assert.equal(afterCustomer.body.firstHolder.id, w.reseller.orgId);
      // With the provider first contact for how-to, the provider's preference is the one that counts.
      await setOfferPreference(w.provider, 'tier1');
      await setOfferPreference(w.reseller, 'direct');
      const howto = await decide(w.indirectCustomer, { category: 'technical_howto', subscriptionId: w.indirectSubscriptionId });
      assert.equal(howto.body.firstHolder.id, w.provider.orgId);
      assert.deepEqual(howto.body.preference, { value: 'tier1', source: 'offer' });
      // The publisher reads the changed split too.
      const publisher = await decide(w.publisher, { category: 'payment', subscriptionId: w.indirectSubscriptionId });
      assert.equal(publisher.body.firstHolder.id, w.reseller.orgId);
    });
  });

  describe('unroutable answers', () => {
    const refusals: [string, (w: RoutingWorld) => [Actor, Record<string, unknown>], string][] = [
      ['a customer asks a CSP program question', (x) => [x.directCustomer, { category: 'csp_program', subscriptionId: x.directSubscriptionId }], 'CATEGORY_NOT_ALLOWED_FOR_ASKER'],
      ['a publisher asks a technical question', (x) => [x.publisher, { category: 'technical_howto', offerId: x.offerId }], 'CATEGORY_NOT_ALLOWED_FOR_ASKER'],
      ['the operator asks about an outage', (x) => [x.operator, { category: 'service_outage', subscriptionId: x.directSubscriptionId }], 'CATEGORY_NOT_ALLOWED_FOR_ASKER'],
      ['nothing is named', (x) => [x.directCustomer, { category: 'technical_howto' }], 'NO_SUBSCRIPTION_OR_OFFER'],
      ['a customer asks billing about an offer alone', (x) => [x.directCustomer, { category: 'billing', offerId: x.offerId }], 'SUBSCRIPTION_REQUIRED'],
      ['a partner asks csp_program with no offer', (x) => [x.direct, { category: 'csp_program' }], 'NO_SUBSCRIPTION_OR_OFFER'],
      ['a partner asks billing naming nothing', (x) => [x.reseller, { category: 'billing' }], 'NO_SUBSCRIPTION_OR_OFFER'],
      ['a customer asks a commerce question naming nothing', (x) => [x.directCustomer, { category: 'commerce_platform' }], 'SUBSCRIPTION_REQUIRED'],
      ['the operator asks a commerce question naming nothing', (x) => [x.operator, { category: 'commerce_platform' }], 'CATEGORY_NOT_ALLOWED_FOR_ASKER'],
    ];
    for (const [what, input, reason] of refusals) {
      it(`answers 200 unroutable with ${reason} when ${what}`, async () => {
        const [actor, body] = input(w);
        const res = await decide(actor, body);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.routable, false);
        assert.equal(res.body.reason, reason);
        assert.equal(res.body.firstHolder, null);
        assert.deepEqual(res.body.participants, []);
        assert.equal(res.body.rules.at(-1).code, reason);
      });
    }

    it('points the operator to the publisher\'s support contact for technical questions', async () => {
      const res = await decide(w.operator, { category: 'technical_breakfix', offerId: w.offerId });
      assert.match(res.body.rules.at(-1).en, /publisher's support contact/);
    });

    it('routes a reseller\'s and a publisher\'s commerce question naming nothing to the operator, with only the two taking part', async () => {
      for (const asker of [w.reseller, w.publisher]) {
        const res = await decide(asker, { category: 'commerce_platform' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.routable, true, JSON.stringify(res.body));
        assert.equal(res.body.firstHolder.id, w.operator.orgId);
        assert.deepEqual(res.body.escalationPath, []);
        assert.deepEqual(res.body.participants.map((p: Party) => p.id), [asker.orgId, w.operator.orgId]);
        assert.ok(codes(res.body).includes('COMMERCE_WITHOUT_SUBSCRIPTION'), JSON.stringify(codes(res.body)));
      }
    });

    it('routes a customer\'s technical question about an offer without a subscription to the publisher', async () => {
      const res = await decide(w.directCustomer, { category: 'technical_howto', offerId: w.offerId });
      assert.equal(res.body.firstHolder.id, w.publisher.orgId);
      assert.ok(codes(res.body).includes('NO_PARTNER_OF_RECORD'));
    });
  });

  describe('what the viewer can\'t see', () => {
    it('answers another customer\'s subscription exactly like a missing one (404)', async () => {
      const hidden = await decide(w.directCustomer, { category: 'billing', subscriptionId: w.strangerSubscriptionId });
      const missing = await decide(w.directCustomer, { category: 'billing', subscriptionId: 'sub_doesnotexist' });
      assert.equal(hidden.status, 404);
      assert.equal(hidden.body.code, 'SUBSCRIPTION_NOT_FOUND');
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      assert.deepEqual(strip(hidden.body), strip(missing.body));
    });

    it('hides another partner\'s subscription from a partner (404)', async () => {
      const res = await decide(w.stranger, { category: 'billing', subscriptionId: w.directSubscriptionId });
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'SUBSCRIPTION_NOT_FOUND');
    });

    it('answers 404 for an offer that does not exist, and for a customer the partner does not have', async () => {
      const offer = await decide(w.direct, { category: 'csp_program', offerId: 'no-such-offer' });
      assert.equal(offer.status, 404);
      assert.equal(offer.body.code, 'OFFER_NOT_FOUND');
      const customer = await decide(w.direct, { category: 'technical_howto', offerId: w.offerId, customerId: w.strangerCustomer.orgId });
      assert.equal(customer.status, 404);
      assert.equal(customer.body.code, 'CUSTOMER_NOT_FOUND');
    });

    it('explainRouting answers an invisible subscription as an unroutable decision, without facts', async () => {
      const viewer = viewerOf(w.directCustomer, { kind: 'customer' });
      const explained = await ctx.db.withTenant(viewer, (tx) => explainRouting(tx, viewer, {
        category: 'technical_howto', severity: 'critical', subscriptionId: w.strangerSubscriptionId,
      }));
      assert.equal(explained.facts, null);
      assert.equal(explained.decision.routable, false);
      assert.equal(!explained.decision.routable && explained.decision.reason, 'SUBSCRIPTION_NOT_FOUND');
    });

    it('explainRouting gathers the facts a viewer may see, the operator included', async () => {
      const viewer = viewerOf(w.reseller, { kind: 'partner' }, 'indirect_reseller');
      const { facts, decision } = await ctx.db.withTenant(viewer, (tx) => explainRouting(tx, viewer, {
        category: 'account_setup', severity: 'minimal', subscriptionId: w.indirectSubscriptionId,
      }));
      assert.ok(facts && decision.routable);
      assert.deepEqual(facts.chain, { model: 'indirect', providerId: w.provider.orgId, resellerId: w.reseller.orgId, supportContact: 'provider' });
      assert.deepEqual(facts.offer, { id: w.offerId, publisherId: w.publisher.orgId });
      assert.equal(facts.operatorId, w.operator.orgId);
      assert.equal(facts.customerId, w.indirectCustomer.orgId);
      assert.equal(facts.openIncidentId, null);
      assert.equal(facts.split?.length, 9);
    });

    it('tells a stranger nothing of a partner\'s preference or a relationship\'s split', async () => {
      assert.equal((await call(ctx, w.direct, 'PUT', `${PREFERENCES}/offers/${w.offerId}`, { preference: 'direct' })).status, 200);
      const ask = (actor: Actor, kind: 'partner' | 'customer' | 'publisher', query: (tx: Parameters<Parameters<typeof ctx.db.withTenant>[1]>[0]) => Promise<unknown[]>) =>
        ctx.db.withTenant(viewerOf(actor, { kind }), query);
      const preference = (tx: Parameters<Parameters<typeof ctx.db.withTenant>[1]>[0]) =>
        sql`SELECT * FROM sb_routing_preference(${w.direct.orgId}, ${w.offerId})`.execute(tx).then((r) => r.rows);
      const split = (tx: Parameters<Parameters<typeof ctx.db.withTenant>[1]>[0]) =>
        sql`SELECT * FROM sb_subscription_support_split(${w.indirectSubscriptionId})`.execute(tx).then((r) => r.rows);
      assert.deepEqual(await ask(w.directCustomer, 'customer', preference), [{ preference: 'direct', for_offer: true }]);
      assert.deepEqual(await ask(w.publisher, 'publisher', preference), [{ preference: 'direct', for_offer: true }]);
      assert.deepEqual(await ask(w.stranger, 'partner', preference), []);
      assert.deepEqual(await ask(w.strangerCustomer, 'customer', preference), []);
      assert.equal((await ask(w.indirectCustomer, 'customer', split)).length, 9);
      assert.deepEqual(await ask(w.stranger, 'partner', split), []);
      assert.deepEqual(await ask(w.directCustomer, 'customer', split), []);
      // The row policy still hides the preference rows themselves from the customer.
      assert.deepEqual(await ask(w.directCustomer, 'customer', (tx) => sql`SELECT * FROM routing_preferences`.execute(tx).then((r) => r.rows)), []);
    });
  });

  describe('input and permissions', () => {
    const invalid: [string, Record<string, unknown>, string][] = [
      ['an unknown category', { category: 'refunds' }, 'body.category'],
      ['an unknown severity', { category: 'billing', severity: 'urgent' }, 'body.severity'],
      ['an unknown field', { category: 'billing', priority: 1 }, 'body.priority'],
      ['a malformed subscription id', { category: 'billing', subscriptionId: 'Sub 1' }, 'body.subscriptionId'],
    ];
    for (const [what, body, field] of invalid) {
      it(`refuses ${what} naming ${field}`, async () => {
        const res = await decide(w.directCustomer, body);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), JSON.stringify(res.body.errors));
      });
    }

    it('refuses an offer that is not the subscription\'s, naming offerId', async () => {
      const res = await decide(w.directCustomer, { category: 'billing', subscriptionId: w.directSubscriptionId, offerId: 'another-offer' });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].field, 'offerId');
    });

    it('lets every partner role with cases.read ask, and refuses the user_admin', async () => {
      const roles = await makeEveryPartnerRole(ctx, w.direct.org);
      for (const [role, actor] of Object.entries(roles)) {
        const res = await decide(actor, { category: 'billing', subscriptionId: w.directSubscriptionId });
        assert.equal(res.status, role === 'user_admin' ? 403 : 200, `${role}: ${JSON.stringify(res.body)}`);
      }
    });

    it('lets a customer_user ask', async () => {
      const user = await makeUser(ctx, w.directCustomer.org, ['customer_user']);
      assert.equal((await decide(user, { category: 'payment', subscriptionId: w.directSubscriptionId })).status, 200);
    });

    it('refuses a request without credentials', async () => {
      assert.equal((await call(ctx, null, 'POST', DECISIONS, { category: 'billing', severity: 'minimal' })).status, 401);
    });

    it('describes the routing endpoints in the OpenAPI document', async () => {
      const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
      assert.ok(doc.body.paths['/api/v1/routing/decisions'].post);
      assert.ok(doc.body.paths['/api/v1/routing/preferences/offers/{offerId}'].delete);
    });
  });
});
