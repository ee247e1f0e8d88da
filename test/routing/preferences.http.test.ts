/**
 * Routing preferences over HTTP: who may read and set them (every partner role, every other kind),
 * that a partner sees only its own, and the life of a per-offer preference.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { makePartner, makePublisher, createOffer } from '../catalog-factories.ts';
import { makeEveryPartnerRole, PARTNER_ROLES } from '../channel-factories.ts';
import { call, makeActor, type Actor } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';

const URL = '/api/v1/routing/preferences';

describe('routing preferences', () => {
  let ctx: TestContext;
  let offerId: string;
  let partner: Actor & { org: { id: string; kind: 'partner'; name: string } };
  let roles: Awaited<ReturnType<typeof makeEveryPartnerRole>>;

  before(async () => {
    ctx = await testContext();
    const publisher = await makePublisher(ctx);
    offerId = (await createOffer(ctx, publisher)).id;
    partner = await makePartner(ctx, 'direct') as typeof partner;
    roles = await makeEveryPartnerRole(ctx, partner.org);
  });

  it('starts with no preference: forward applies', async () => {
    const p = await makePartner(ctx, 'indirect_reseller');
    const res = await call(ctx, p, 'GET', URL);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { partnerId: p.orgId, default: null, effectiveDefault: 'forward', offers: [] });
  });

  const readers = new Set(['global_admin', 'admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin']);
  const managers = new Set(['global_admin', 'admin_agent']);
  for (const role of PARTNER_ROLES) {
    it(`${readers.has(role) ? 'lets' : 'does not let'} a partner ${role} read the preferences`, async () => {
      const res = await call(ctx, roles[role], 'GET', URL);
      assert.equal(res.status, readers.has(role) ? 200 : 403, JSON.stringify(res.body));
      if (!readers.has(role)) assert.equal(res.body.code, 'PERMISSION_DENIED');
    });

    it(`${managers.has(role) ? 'lets' : 'does not let'} a partner ${role} set, change and remove them`, async () => {
      const actor = roles[role];
      const expected = managers.has(role) ? 200 : 403;
      const def = await call(ctx, actor, 'PUT', `${URL}/default`, { preference: 'tier1' });
      assert.equal(def.status, expected, JSON.stringify(def.body));
      const offer = await call(ctx, actor, 'PUT', `${URL}/offers/${offerId}`, { preference: 'direct' });
      assert.equal(offer.status, expected, JSON.stringify(offer.body));
      if (managers.has(role)) {
        assert.equal(offer.body.default.preference, 'tier1');
        assert.equal(offer.body.default.updatedBy, actor.userId);
        assert.deepEqual(offer.body.offers.map((o: { offerId: string; preference: string }) => [o.offerId, o.preference]), [[offerId, 'direct']]);
        const removed = await call(ctx, actor, 'DELETE', `${URL}/offers/${offerId}`);
        assert.equal(removed.status, 204);
      } else {
        assert.equal(def.body.code, 'PERMISSION_DENIED');
        const removed = await call(ctx, actor, 'DELETE', `${URL}/offers/${offerId}`);
        assert.equal(removed.status, 403);
      }
    });
  }

  for (const [kind, role] of [['customer', 'customer_admin'], ['publisher', 'publisher_admin'], ['operator', 'operator_admin']] as const) {
    it(`refuses a ${kind} (${role}) even with cases.read: preferences are partners' own`, async () => {
      const actor = await makeActor(ctx, kind, [role]);
      for (const [method, url, body] of [['GET', URL, undefined], ['PUT', `${URL}/default`, { preference: 'direct' }], ['PUT', `${URL}/offers/${offerId}`, { preference: 'direct' }], ['DELETE', `${URL}/offers/${offerId}`, undefined]] as const) {
        const res = await call(ctx, actor, method, url, body);
        assert.equal(res.status, 403, `${method} ${url}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, 'PERMISSION_DENIED');
      }
    });
  }

  it('refuses a request without credentials', async () => {
    assert.equal((await call(ctx, null, 'GET', URL)).status, 401);
  });

  it('shows a partner only its own preferences, and another partner can\'t remove them', async () => {
    const a = await makePartner(ctx, 'direct');
    const b = await makePartner(ctx, 'direct');
    assert.equal((await call(ctx, a, 'PUT', `${URL}/default`, { preference: 'direct' })).status, 200);
    assert.equal((await call(ctx, a, 'PUT', `${URL}/offers/${offerId}`, { preference: 'tier1' })).status, 200);
    const seen = await call(ctx, b, 'GET', URL);
    assert.deepEqual(seen.body, { partnerId: b.orgId, default: null, effectiveDefault: 'forward', offers: [] });
    const removed = await call(ctx, b, 'DELETE', `${URL}/offers/${offerId}`);
    assert.equal(removed.status, 404);
    assert.equal(removed.body.code, 'PREFERENCE_NOT_FOUND');
    const still = await call(ctx, a, 'GET', URL);
    assert.equal(still.body.effectiveDefault, 'direct');
    assert.deepEqual(still.body.offers.map((o: { preference: string }) => o.preference), ['tier1']);
  });

  it('replaces a preference rather than adding a second one', async () => {
    const p = await makePartner(ctx, 'indirect_provider');
    for (const preference of ['tier1', 'direct', 'forward']) {
      assert.equal((await call(ctx, p, 'PUT', `${URL}/default`, { preference })).status, 200);
      assert.equal((await call(ctx, p, 'PUT', `${URL}/offers/${offerId}`, { preference })).status, 200);
    }
    const res = await call(ctx, p, 'GET', URL);
    assert.equal(res.body.default.preference, 'forward');
    assert.equal(res.body.offers.length, 1);
  });

  it('removes an offer\'s preference once, then answers 404', async () => {
    const p = await makePartner(ctx, 'direct');
    await call(ctx, p, 'PUT', `${URL}/offers/${offerId}`, { preference: 'tier1' });
    assert.equal((await call(ctx, p, 'DELETE', `${URL}/offers/${offerId}`)).status, 204);
    assert.deepEqual((await call(ctx, p, 'GET', URL)).body.offers, []);
    const again = await call(ctx, p, 'DELETE', `${URL}/offers/${offerId}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'PREFERENCE_NOT_FOUND');
  });

  it('answers 404 for a preference on an offer that does not exist', async () => {
    const res = await call(ctx, partner, 'PUT', `${URL}/offers/no-such-offer`, { preference: 'tier1' });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'OFFER_NOT_FOUND');
  });

  const invalid: [string, string, unknown, string][] = [
    ['an unknown preference', `${URL}/default`, { preference: 'escalate' }, 'body.preference'],
    ['a missing preference', `${URL}/default`, {}, 'body.preference'],
    ['an unknown field', `${URL}/default`, { preference: 'tier1', extra: true }, 'body.extra'],
    ['a malformed offer id', `${URL}/offers/Not%20An%20Id`, { preference: 'tier1' }, 'params.offerId'],
  ];
  for (const [what, url, body, field] of invalid) {
    it(`refuses ${what} naming ${field}`, async () => {
      const res = await call(ctx, partner, 'PUT', url, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), JSON.stringify(res.body.errors));
    });
  }
});
