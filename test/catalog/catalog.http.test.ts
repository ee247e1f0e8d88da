import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Role } from '../../src/core/parties.ts';
import { testContext } from '../harness.ts';
import { call, makeActor, makeOrg, makeUser } from '../factories.ts';
import {
  addPlan, agreementBody, buy, createOffer, makeDirectSale, makePartner, makePublisher, offerBody, optIn, planBody,
  publishAgreement, purchaseBody,
} from '../catalog-factories.ts';

const PARTNER_ROLES: Role[] = ['global_admin', 'admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin', 'user_admin'];

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field).sort();
}

describe('catalog: offers', () => {
  it('a publisher_admin creates an offer with every field, and product details show it', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const body = offerBody();
    const created = await call(ctx, publisher, 'POST', '/api/v1/offers', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const d = created.body;
    assert.equal(d.id, body.id);
    assert.equal(d.type, 'saas');
    assert.deepEqual(d.categories, ['backup', 'security']);
    assert.equal(d.publisher.id, publisher.orgId);
    assert.equal(d.overview.publisher.name, publisher.org.name);
    assert.deepEqual(d.overview.links, body.links);
    assert.deepEqual(d.overview.documents, body.documents);
    assert.deepEqual(d.overview.partnerResources, body.partnerResources);
    assert.deepEqual(d.overview.contacts, (body as { contacts: unknown }).contacts);
    assert.equal(d.cspAudience, 'any');
    assert.deepEqual(d.authorizedPartnerIds, []);
    assert.deepEqual(d.plans, []);
    assert.equal(d.agreement, null);
    await addPlan(ctx, publisher, d.id);
    await publishAgreement(ctx, publisher, d.id);
    const details = await call(ctx, publisher, 'GET', `/api/v1/offers/${d.id}`);
    assert.equal(details.status, 200);
    assert.equal(details.body.plans[0].id, 'standard');
    assert.deepEqual(details.body.plans[0].prices, planBody().prices);
    assert.equal(details.body.agreement.version, 1);
    assert.deepEqual(details.body.agreement.commitments, agreementBody().commitments);
  });

  it('answers 404 for an offer that does not exist', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx);
    const res = await call(ctx, partner, 'GET', '/api/v1/offers/no-such-offer');
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'OFFER_NOT_FOUND');
  });

  it('an offer id is unique and never changes', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const other = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const again = await call(ctx, other, 'POST', '/api/v1/offers', offerBody({ id: offer.id }));
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'OFFER_ID_TAKEN');
    const rename = await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}`, { id: 'renamed' });
    assert.equal(rename.status, 400);
    assert.deepEqual(fieldsOf(rename.body), ['body.id']);
  });

  it('only the owning publisher_admin edits an offer, its plans, agreements and audience; every other role gets 403', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    await addPlan(ctx, publisher, offer.id);
    const others = [
      await makePublisher(ctx),
      await makeUser(ctx, publisher.org, ['support_engineer']),
      await makeUser(ctx, publisher.org, ['publisher_viewer']),
      await makeActor(ctx, 'operator', ['operator_admin']),
      await makeActor(ctx, 'customer', ['customer_admin']),
      ...await Promise.all(PARTNER_ROLES.map((r) => makePartner(ctx, 'direct', [r]))),
    ];
    for (const actor of others) {
      const label = actor.roles.join(',');
      const attempts = [
        await call(ctx, actor, 'PATCH', `/api/v1/offers/${offer.id}`, { name: 'Hijacked' }),
        await call(ctx, actor, 'PUT', `/api/v1/offers/${offer.id}/audience`, { audience: 'none' }),
        await call(ctx, actor, 'POST', `/api/v1/offers/${offer.id}/plans`, planBody({ id: 'other' })),
        await call(ctx, actor, 'PATCH', `/api/v1/offers/${offer.id}/plans/standard`, { name: 'Hijacked' }),
        await call(ctx, actor, 'POST', `/api/v1/offers/${offer.id}/agreements`, agreementBody()),
      ];
      for (const res of attempts) {
        assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, 'PERMISSION_DENIED');
      }
      if (!actor.roles.includes('publisher_admin')) {
        assert.equal((await call(ctx, actor, 'POST', '/api/v1/offers', offerBody())).status, 403, label);
      }
    }
    const unchanged = await call(ctx, publisher, 'GET', `/api/v1/offers/${offer.id}`);
    assert.equal(unchanged.body.name, 'Contoso Backup');
    assert.equal(unchanged.body.plans.length, 1);
    assert.equal(unchanged.body.agreement, null);
    const missing = await call(ctx, publisher, 'PATCH', '/api/v1/offers/no-such-offer', { name: 'x' });
    assert.equal(missing.status, 404);
  });

  it('the owning publisher edits every field; contacts are merged and checked against the audience', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const patch = {
      name: 'Contoso Backup Pro', type: 'vm', categories: ['backup'], summary: 'New summary', shortDescription: 'New short',
      description: 'New description', links: [], documents: [{ title: 'Guide', url: 'https://contoso.example/guide' }],
      partnerResources: { training: [{ title: 'Course', url: 'https://contoso.example/course' }] },
      contacts: { engineering: { name: 'New eng', email: 'eng2@contoso.example', phone: '+1 555 0199' } },
    };
    const res = await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}`, patch);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.name, 'Contoso Backup Pro');
    assert.equal(res.body.type, 'vm');
    assert.deepEqual(res.body.overview.documents, patch.documents);
    assert.deepEqual(res.body.overview.partnerResources, { userDocumentation: [], training: patch.partnerResources.training, salesAndMarketing: [] });
    assert.equal(res.body.overview.contacts.engineering.name, 'New eng');
    assert.equal(res.body.overview.contacts.support.name, 'Support desk');
    const dropCsp = await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}`, { contacts: { cspProgram: null } });
    assert.equal(dropCsp.status, 400);
    assert.deepEqual(fieldsOf(dropCsp.body), ['contacts.cspProgram']);
  });

  it('bad input answers 400 problem+json naming the field, never 500', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ id: 'Bad Id!' }, ['body.id']],
      [{ id: 'x'.repeat(51) }, ['body.id']],
      [{ categories: ['a', 'b', 'c', 'd', 'e', 'f'] }, ['body.categories']],
      [{ categories: [] }, ['body.categories']],
      [{ type: 'desktop' }, ['body.type']],
      [{ links: [{ title: 'x', url: 'not a url' }] }, ['body.links.0.url']],
      [{ surprise: true }, ['body.surprise']],
    ];
    for (const [overrides, fields] of cases) {
      const res = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody(overrides));
      assert.equal(res.status, 400, JSON.stringify(overrides));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      for (const f of fields) assert.ok(fieldsOf(res.body).some((x) => x.startsWith(f)), `${JSON.stringify(overrides)} → ${JSON.stringify(res.body.errors)}`);
    }
    const contacts = (offerBody() as { contacts: Record<string, unknown> }).contacts;
    const noCsp = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody({ contacts: { ...contacts, cspProgram: undefined } }));
    assert.equal(noCsp.status, 400);
    assert.deepEqual(fieldsOf(noCsp.body), ['contacts.cspProgram']);
    const noSupport = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody({ contacts: { ...contacts, support: undefined } }));
    assert.equal(noSupport.status, 400);
    assert.deepEqual(fieldsOf(noSupport.body), ['body.contacts.support']);
    const noneWithoutCsp = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody({ cspAudience: 'none', contacts: { ...contacts, cspProgram: undefined } }));
    assert.equal(noneWithoutCsp.status, 201, 'the CSP program contact is optional while no partner may resell');
    const listWithoutSpecific = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody({ authorizedPartnerIds: [publisher.orgId] }));
    assert.equal(listWithoutSpecific.status, 400);
    assert.deepEqual(fieldsOf(listWithoutSpecific.body), ['authorizedPartnerIds']);
    const notPartners = await call(ctx, publisher, 'POST', '/api/v1/offers', offerBody({ cspAudience: 'specific', authorizedPartnerIds: [publisher.orgId, 'org_nope'] }));
    assert.equal(notPartners.status, 400);
    assert.match(notPartners.body.errors[0].message, /org_nope/);
  });

  it('opens the OpenAPI document with the catalog and subscription routes', async () => {
    const ctx = await testContext();
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    for (const path of ['/api/v1/offers', '/api/v1/offers/{offerId}', '/api/v1/offers/{offerId}/audience', '/api/v1/offers/{offerId}/purchasability', '/api/v1/subscriptions']) {
      assert.ok(doc.body.paths[path], path);
    }
  });
});

describe('catalog: plans and agreements', () => {
  it('a plan has bounds, cycles, terms, trial and prices per market; bad plans answer 400 naming the field', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const plan = await call(ctx, publisher, 'POST', `/api/v1/offers/${offer.id}/plans`, planBody({ id: 'usage', billing: 'usage', trialDays: 0 }));
    assert.equal(plan.status, 201);
    assert.equal(plan.body.billing, 'usage');
    const dup = await call(ctx, publisher, 'POST', `/api/v1/offers/${offer.id}/plans`, planBody({ id: 'usage' }));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'PLAN_ID_TAKEN');
    const bad: [Record<string, unknown>, string][] = [
      [{ minQuantity: 10, maxQuantity: 5 }, 'maxQuantity'],
      [{ prices: [{ market: 'US', currency: 'USD', amount: '1' }, { market: 'US', currency: 'USD', amount: '2' }] }, 'prices'],
      [{ billingCycles: ['monthly', 'monthly'] }, 'billingCycles'],
      [{ prices: [{ market: 'usa', currency: 'USD', amount: '1' }] }, 'body.prices.0.market'],
      [{ prices: [{ market: 'US', currency: 'USD', amount: '-1' }] }, 'body.prices.0.amount'],
      [{ billingCycles: ['weekly'] }, 'body.billingCycles.0'],
      [{ id: 'Bad Plan' }, 'body.id'],
      [{ minQuantity: 0 }, 'body.minQuantity'],
    ];
    for (const [overrides, field] of bad) {
      const res = await call(ctx, publisher, 'POST', `/api/v1/offers/${offer.id}/plans`, planBody({ id: `p${randomBytes(3).toString('hex')}`, ...overrides }));
      assert.equal(res.status, 400, JSON.stringify(overrides));
      assert.ok(fieldsOf(res.body).includes(field), `${JSON.stringify(overrides)} → ${JSON.stringify(res.body.errors)}`);
    }
    const patched = await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}/plans/usage`, { maxQuantity: 500, prices: [{ market: 'DE', currency: 'EUR', amount: '9.5' }] });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.maxQuantity, 500);
    assert.equal(patched.body.minQuantity, 1);
    const crossed = await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}/plans/usage`, { minQuantity: 501 });
    assert.equal(crossed.status, 400);
    assert.deepEqual(fieldsOf(crossed.body), ['maxQuantity']);
    const missing = await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}/plans/nope`, { name: 'x' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'PLAN_NOT_FOUND');
  });

  it('publishing a new agreement version never edits an old one, and the details show the current one', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const v1 = await call(ctx, publisher, 'POST', `/api/v1/offers/${offer.id}/agreements`, agreementBody({ title: 'v1' }));
    assert.equal(v1.status, 201);
    assert.equal(v1.body.version, 1);
    const faster = agreementBody({ title: 'v2' }) as { commitments: Record<string, unknown> };
    faster.commitments = { ...faster.commitments, supportHours: 'Mon-Fri 09:00-18:00', timeZone: 'Asia/Seoul' };
    const v2 = await call(ctx, publisher, 'POST', `/api/v1/offers/${offer.id}/agreements`, faster);
    assert.equal(v2.body.version, 2);
    const partner = await makePartner(ctx);
    const all = await call(ctx, partner, 'GET', `/api/v1/offers/${offer.id}/agreements`);
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.items.map((a: { version: number }) => a.version), [2, 1]);
    assert.deepEqual(all.body.items[1], v1.body);
    const details = await call(ctx, partner, 'GET', `/api/v1/offers/${offer.id}`);
    assert.equal(details.body.agreement.version, 2);
    assert.equal(details.body.agreement.commitments.timeZone, 'Asia/Seoul');
  });

  it('refuses commitments that contradict themselves or name an unknown time zone', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const base = agreementBody() as { commitments: { firstResponseMinutes: object; resolutionMinutes: object } };
    const cases: [Record<string, unknown>, string][] = [
      [{ resolutionMinutes: { critical: 30, moderate: 2880, minimal: 7200 } }, 'commitments.resolutionMinutes.critical'],
      [{ firstResponseMinutes: { critical: 500, moderate: 240, minimal: 480 } }, 'commitments.firstResponseMinutes.critical'],
      [{ timeZone: 'Mars/Olympus' }, 'commitments.timeZone'],
      [{ firstResponseMinutes: { critical: 0, moderate: 240, minimal: 480 } }, 'body.commitments.firstResponseMinutes.critical'],
    ];
    for (const [change, field] of cases) {
      const res = await call(ctx, publisher, 'POST', `/api/v1/offers/${offer.id}/agreements`, { ...base, commitments: { ...base.commitments, ...change } });
      assert.equal(res.status, 400, JSON.stringify(change));
      assert.ok(fieldsOf(res.body).includes(field), `${JSON.stringify(change)} → ${JSON.stringify(res.body.errors)}`);
    }
    assert.deepEqual((await call(ctx, publisher, 'GET', `/api/v1/offers/${offer.id}/agreements`)).body.items, []);
  });
});

describe('catalog: ISV contacts', () => {
  it('shows contacts and partner resources to partner global_admin and admin_agent, the owning publisher and the operator', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const allowed = [
      ...await Promise.all((['global_admin', 'admin_agent'] as Role[]).map((r) => makePartner(ctx, 'direct', [r]))),
      publisher,
      await makeUser(ctx, publisher.org, ['support_engineer']),
      await makeUser(ctx, publisher.org, ['publisher_viewer']),
      await makeActor(ctx, 'operator', ['operator_admin']),
      await makeActor(ctx, 'operator', ['commerce_support']),
    ];
    for (const actor of allowed) {
      const res = await call(ctx, actor, 'GET', `/api/v1/offers/${offer.id}`);
      assert.equal(res.status, 200, actor.roles.join());
      assert.equal(res.body.overview.contacts.support.email, 'support@contoso.example', actor.roles.join());
      assert.equal(res.body.overview.contacts.cspProgram.marketingMaterialsUrl, 'https://contoso.example/csp');
      assert.equal(res.body.overview.partnerResources.training.length, 1);
    }
  });

  it('shows no product details, contacts or partner resources to partner roles outside the marketplace (see access.http.test.ts for the case-work view)', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    for (const role of ['helpdesk_agent', 'sales_agent', 'billing_admin'] as Role[]) {
      const actor = await makePartner(ctx, 'direct', [role]);
      const res = await call(ctx, actor, 'GET', `/api/v1/offers/${offer.id}`);
      assert.equal(res.status, 403, role);
      assert.equal(res.body.code, 'PERMISSION_DENIED', role);
      assert.ok(!res.raw.includes('@contoso.example'), role);
    }
    const otherPublisher = await makePublisher(ctx);
    const res = await call(ctx, otherPublisher, 'GET', `/api/v1/offers/${offer.id}`);
    assert.equal(res.body.overview.contacts, undefined, 'another publisher does not see a competitor\'s contacts');
  });

  it('never shows ISV contacts to a customer, in any response, and the row policy hides them too', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const bought = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(bought.status, 201);
    for (const role of ['customer_admin', 'customer_user'] as Role[]) {
      const customer = await makeUser(ctx, sale.customer, [role]);
      const responses = [
        await call(ctx, customer, 'GET', `/api/v1/offers/${sale.offerId}`),
        await call(ctx, customer, 'GET', '/api/v1/offers?limit=100'),
        await call(ctx, customer, 'GET', `/api/v1/offers?q=contoso`),
        await call(ctx, customer, 'GET', `/api/v1/offers/${sale.offerId}/agreements`),
        await call(ctx, customer, 'GET', '/api/v1/subscriptions'),
        await call(ctx, customer, 'GET', `/api/v1/subscriptions/${bought.body.id}`),
      ];
      for (const res of responses) {
        assert.equal(res.status, 200, role);
        assert.ok(!res.raw.includes('@contoso.example'), `${role}: ${res.raw.slice(0, 200)}`);
        assert.ok(!res.raw.includes('+1 555'), role);
        assert.ok(!res.raw.includes('contoso.example/csp'), role);
      }
      assert.equal(responses[0]!.body.overview.contacts, undefined);
      assert.equal(responses[0]!.body.overview.partnerResources, undefined);
      assert.equal(responses[0]!.body.optedIn, null);
    }
    const viewer = { orgId: sale.customer.id, orgKind: 'customer' as const, userId: 'usr_x' };
    const rows = await ctx.db.withTenant(viewer, (tx) => tx.selectFrom('offer_contacts').selectAll().where('offer_id', '=', sale.offerId).execute());
    assert.deepEqual(rows, [], 'the row policy hides offer_contacts from customers');
  });

  it('user_admin, whose job is users only, can not browse the catalog', async () => {
    const ctx = await testContext();
    const actor = await makePartner(ctx, 'direct', ['user_admin']);
    assert.equal((await call(ctx, actor, 'GET', '/api/v1/offers')).status, 403);
    const offer = await createOffer(ctx, await makePublisher(ctx));
    assert.equal((await call(ctx, actor, 'GET', `/api/v1/offers/${offer.id}`)).status, 403);
  });
});

describe('catalog: CSP audience', () => {
  async function resoldBy(ctx: Awaited<ReturnType<typeof testContext>>) {
    const sale = await makeDirectSale(ctx);
    const bought = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
    assert.equal(bought.status, 201, JSON.stringify(bought.body));
    return sale;
  }

  it('any → specific adds every partner that already resold the offer', async () => {
    const ctx = await testContext();
    const sale = await resoldBy(ctx);
    const other = await makePartner(ctx);
    const res = await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'specific', authorizedPartnerIds: [other.orgId] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.authorizedPartnerIds, [other.orgId, sale.partner.orgId].sort());
    const details = await call(ctx, sale.publisher, 'GET', `/api/v1/offers/${sale.offerId}`);
    assert.deepEqual(details.body.authorizedPartnerIds, [other.orgId, sale.partner.orgId].sort());
    const seenByPartner = await call(ctx, sale.partner, 'GET', `/api/v1/offers/${sale.offerId}`);
    assert.equal(seenByPartner.body.exclusive, true);
    assert.equal(seenByPartner.body.authorizedPartnerIds, undefined, 'partners do not see the list');
  });

  it('specific → none is refused while an authorized partner has resold the offer, naming it', async () => {
    const ctx = await testContext();
    const sale = await resoldBy(ctx);
    assert.equal((await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'specific', authorizedPartnerIds: [] })).status, 200);
    const res = await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'none' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'RESOLD_PARTNER_DEAUTHORIZED');
    assert.deepEqual(res.body.partnerIds, [sale.partner.orgId]);
    assert.deepEqual(res.body.partners, [{ id: sale.partner.orgId, name: sale.partner.org.name }]);
    assert.match(res.body.detail, new RegExp(sale.partner.org.name));
    // Said in the viewer's language: a Korean publisher user reads why in Korean.
    const korean = await makeUser(ctx, sale.publisher.org, ['publisher_admin'], { locale: 'ko' });
    const inKorean = await call(ctx, korean, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'none' });
    assert.equal(inKorean.status, 409);
    assert.equal(inKorean.headers['content-language'], 'ko');
    assert.match(inKorean.body.detail, /재판매 권한을 잃을 수 없습니다/);
    assert.match(inKorean.body.detail, new RegExp(sale.partner.org.name));
    const anyToNone = await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'any' });
    assert.equal(anyToNone.status, 200);
    assert.equal((await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'none' })).status, 409);
  });

  it('dropping a resold partner from the list is refused; dropping one that never resold is not', async () => {
    const ctx = await testContext();
    const sale = await resoldBy(ctx);
    const other = await makePartner(ctx);
    await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'specific', authorizedPartnerIds: [other.orgId] });
    const drop = await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'specific', authorizedPartnerIds: [other.orgId] });
    assert.equal(drop.status, 409);
    assert.deepEqual(drop.body.partnerIds, [sale.partner.orgId]);
    const keep = await call(ctx, sale.publisher, 'PUT', `/api/v1/offers/${sale.offerId}/audience`, { audience: 'specific', authorizedPartnerIds: [sale.partner.orgId] });
    assert.equal(keep.status, 200);
    assert.deepEqual(keep.body.authorizedPartnerIds, [sale.partner.orgId]);
  });

  it('an offer nobody resold moves freely, and only partners can be authorized', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const partner = await makePartner(ctx);
    for (const body of [{ audience: 'specific', authorizedPartnerIds: [partner.orgId] }, { audience: 'none' }, { audience: 'any' }, { audience: 'specific', authorizedPartnerIds: [] }]) {
      const res = await call(ctx, publisher, 'PUT', `/api/v1/offers/${offer.id}/audience`, body);
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(res.body.cspAudience, body.audience);
    }
    const customer = await makeOrg(ctx, 'customer');
    const notPartner = await call(ctx, publisher, 'PUT', `/api/v1/offers/${offer.id}/audience`, { audience: 'specific', authorizedPartnerIds: [customer.id, publisher.orgId] });
    assert.equal(notPartner.status, 400);
    assert.deepEqual(fieldsOf(notPartner.body), ['authorizedPartnerIds']);
    const listForAny = await call(ctx, publisher, 'PUT', `/api/v1/offers/${offer.id}/audience`, { audience: 'any', authorizedPartnerIds: [partner.orgId] });
    assert.equal(listForAny.status, 400);
  });

  it('opening an offer to partners needs a CSP program contact', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const contacts = (offerBody() as { contacts: Record<string, unknown> }).contacts;
    const offer = await createOffer(ctx, publisher, { cspAudience: 'none', contacts: { ...contacts, cspProgram: null } });
    const res = await call(ctx, publisher, 'PUT', `/api/v1/offers/${offer.id}/audience`, { audience: 'any' });
    assert.equal(res.status, 400);
    assert.deepEqual(fieldsOf(res.body), ['contacts.cspProgram']);
    await call(ctx, publisher, 'PATCH', `/api/v1/offers/${offer.id}`, { contacts: { cspProgram: contacts.cspProgram } });
    assert.equal((await call(ctx, publisher, 'PUT', `/api/v1/offers/${offer.id}/audience`, { audience: 'any' })).status, 200);
  });
});

describe('catalog: opt-in', () => {
  it('global_admin and admin_agent opt in and out; other roles and other kinds get 403', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    for (const role of ['global_admin', 'admin_agent'] as Role[]) {
      const partner = await makePartner(ctx, 'indirect_reseller', [role]);
      const res = await call(ctx, partner, 'PUT', `/api/v1/offers/${offer.id}/opt-in`);
      assert.equal(res.status, 200, role);
      assert.equal(res.body.partnerId, partner.orgId);
      assert.equal((await call(ctx, partner, 'PUT', `/api/v1/offers/${offer.id}/opt-in`)).body.optedInAt, res.body.optedInAt, 'a second opt-in keeps the first');
      assert.equal((await call(ctx, partner, 'GET', `/api/v1/offers/${offer.id}`)).body.optedIn, true);
      assert.equal((await call(ctx, partner, 'DELETE', `/api/v1/offers/${offer.id}/opt-in`)).status, 204);
      assert.equal((await call(ctx, partner, 'GET', `/api/v1/offers/${offer.id}`)).body.optedIn, false);
    }
    const denied = [
      ...await Promise.all((['helpdesk_agent', 'sales_agent', 'billing_admin', 'user_admin'] as Role[]).map((r) => makePartner(ctx, 'direct', [r]))),
      publisher,
      await makeActor(ctx, 'customer', ['customer_admin']),
      await makeActor(ctx, 'operator', ['operator_admin']),
    ];
    for (const actor of denied) {
      assert.equal((await call(ctx, actor, 'PUT', `/api/v1/offers/${offer.id}/opt-in`)).status, 403, actor.roles.join());
      assert.equal((await call(ctx, actor, 'DELETE', `/api/v1/offers/${offer.id}/opt-in`)).status, 403, actor.roles.join());
    }
    const partner = await makePartner(ctx);
    assert.equal((await call(ctx, partner, 'PUT', '/api/v1/offers/no-such-offer/opt-in')).status, 404);
  });

  it('refuses to opt in to an offer not offered to partners, or exclusive to others', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const listed = await makePartner(ctx);
    const unlisted = await makePartner(ctx);
    const closed = await createOffer(ctx, publisher, { cspAudience: 'none' });
    const exclusive = await createOffer(ctx, publisher, { cspAudience: 'specific', authorizedPartnerIds: [listed.orgId] });
    const none = await call(ctx, unlisted, 'PUT', `/api/v1/offers/${closed.id}/opt-in`);
    assert.equal(none.status, 409);
    assert.equal(none.body.code, 'OPT_IN_NOT_ALLOWED');
    assert.equal((await call(ctx, unlisted, 'PUT', `/api/v1/offers/${exclusive.id}/opt-in`)).status, 409);
    assert.equal((await call(ctx, listed, 'PUT', `/api/v1/offers/${exclusive.id}/opt-in`)).status, 200);
  });
});

describe('catalog: discovery', () => {
  async function seed(ctx: Awaited<ReturnType<typeof testContext>>) {
    const tag = `q${randomBytes(4).toString('hex')}`;
    const publisher = await makeActor(ctx, 'publisher', ['publisher_admin']);
    await ctx.db.withOwner((tx) => tx.updateTable('organizations').set({ name: `Fabrikam${tag}` }).where('id', '=', publisher.orgId).execute());
    const mk = (id: string, o: Record<string, unknown>) => createOffer(ctx, publisher, { id: `${tag}-${id}`, ...o });
    await mk('alpha', { name: `Alpha ${tag} Backup`, type: 'saas', categories: ['backup'], summary: 'Snapshots' });
    await mk('bravo', { name: `Bravo ${tag} Shield`, type: 'vm', categories: ['security'], summary: 'Firewall appliance' });
    await mk('charlie', { name: `Charlie ${tag} Vault`, type: 'container', categories: ['security', 'backup'], summary: 'Encrypted vault' });
    await mk('delta', { name: `Delta ${tag} Mail`, type: 'saas', categories: ['email'], summary: 'Mail archiving', cspAudience: 'none' });
    await mk('echo', { name: `Echo ${tag} Monitor`, type: 'managed_app', categories: ['monitoring'], summary: `Watches ${tag}vaultkeeper` });
    return { tag, publisher };
  }

  it('searches keywords over name, summary and publisher, and matches a prefix of the last word', async () => {
    const ctx = await testContext();
    const { tag, publisher } = await seed(ctx);
    const partner = await makePartner(ctx);
    const ids = async (q: string) => (await call(ctx, partner, 'GET', `/api/v1/offers?q=${encodeURIComponent(q)}&limit=100`)).body.items.map((i: { id: string }) => i.id).sort();
    assert.deepEqual(await ids(`${tag} shield`), [`${tag}-bravo`]);
    assert.deepEqual(await ids(`${tag} firewall`), [`${tag}-bravo`], 'summary');
    assert.deepEqual((await ids(`fabrikam${tag}`)).length, 5, 'publisher name');
    assert.deepEqual(await ids(`${tag} vau`), [`${tag}-charlie`], 'prefix of the last word');
    assert.deepEqual(await ids(`${tag}vaultk`), [`${tag}-echo`], 'prefix of a single word');
    assert.deepEqual(await ids(`${tag} nothing-like-this`), []);
    const byPublisher = await call(ctx, partner, 'GET', `/api/v1/offers?publisherId=${publisher.orgId}&limit=100`);
    assert.equal(byPublisher.body.items.length, 5);
  });

  it('filters by type and category, and says which offers partners may resell', async () => {
    const ctx = await testContext();
    const { tag, publisher } = await seed(ctx);
    const partner = await makePartner(ctx);
    const get = async (qs: string) => (await call(ctx, partner, 'GET', `/api/v1/offers?publisherId=${publisher.orgId}&limit=100&${qs}`)).body.items;
    assert.deepEqual((await get('type=saas')).map((i: { id: string }) => i.id).sort(), [`${tag}-alpha`, `${tag}-delta`]);
    assert.deepEqual((await get('category=security')).map((i: { id: string }) => i.id).sort(), [`${tag}-bravo`, `${tag}-charlie`]);
    assert.deepEqual((await get(`category=backup&type=container&q=${tag}`)).map((i: { id: string }) => i.id), [`${tag}-charlie`]);
    const delta = (await get('category=email'))[0];
    assert.equal(delta.availableToPartners, false);
    assert.equal(delta.exclusive, false);
    assert.equal(delta.optedIn, false);
    const bad = await call(ctx, partner, 'GET', '/api/v1/offers?type=desktop');
    assert.equal(bad.status, 400);
  });

  it('marks an offer exclusive for a partner on its specific list, and only for it', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const listed = await makePartner(ctx);
    const unlisted = await makePartner(ctx);
    const offer = await createOffer(ctx, publisher, { cspAudience: 'specific', authorizedPartnerIds: [listed.orgId] });
    const see = async (actor: typeof listed) => (await call(ctx, actor, 'GET', `/api/v1/offers?publisherId=${publisher.orgId}`)).body.items[0];
    assert.equal((await see(listed)).exclusive, true);
    assert.equal((await see(unlisted)).exclusive, false);
    assert.equal((await see(unlisted)).availableToPartners, true);
    assert.equal((await call(ctx, listed, 'GET', `/api/v1/offers/${offer.id}`)).body.exclusive, true);
  });

  it('pages with a cursor in a stable order, with and without keywords', async () => {
    const ctx = await testContext();
    const { tag, publisher } = await seed(ctx);
    const partner = await makePartner(ctx);
    for (const base of [`/api/v1/offers?publisherId=${publisher.orgId}&limit=2`, `/api/v1/offers?q=${tag}&limit=2`]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res = await call(ctx, partner, 'GET', `${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.ok(res.body.items.length <= 2);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      assert.equal(cursor, null, 'the last page has no cursor');
      assert.equal(seen.length, 5, base);
      assert.equal(new Set(seen).size, 5, 'no offer twice');
    }
    const byName = await call(ctx, partner, 'GET', `/api/v1/offers?publisherId=${publisher.orgId}&limit=100`);
    assert.deepEqual(byName.body.items.map((i: { id: string }) => i.id), ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((n) => `${tag}-${n}`));
    const ranked = await call(ctx, partner, 'GET', `/api/v1/offers?q=${tag}vault&limit=100`);
    assert.equal(ranked.body.items[0].id, `${tag}-echo`);
    const forged = await call(ctx, partner, 'GET', '/api/v1/offers?cursor=not-a-cursor');
    assert.equal(forged.status, 400);
    assert.equal(forged.body.code, 'INVALID_CURSOR');
    const wrongKind = await call(ctx, partner, 'GET', `/api/v1/offers?q=x&cursor=${Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url')}`);
    assert.equal(wrongKind.status, 400);
  });

  it('searches safely whatever the keywords hold', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx);
    for (const q of ["o'brien", '"unbalanced', '-', 'a & b | !c', '(', '::*', '백업']) {
      const res = await call(ctx, partner, 'GET', `/api/v1/offers?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
    }
  });
});

describe('catalog: row security', () => {
  it('no organization but the publisher writes its offers, even bypassing the service', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const other = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const viewer = { orgId: other.orgId, orgKind: 'publisher' as const, userId: other.userId };
    const updated = await ctx.db.withTenant(viewer, async (tx) => {
      const r = await tx.updateTable('offers').set({ name: 'Hijacked' }).where('id', '=', offer.id).executeTakeFirst();
      await tx.updateTable('offer_contacts').set({ support: JSON.stringify({}) }).where('offer_id', '=', offer.id).execute();
      return Number(r.numUpdatedRows);
    });
    assert.equal(updated, 0);
    const name = await ctx.db.withOwner((tx) => tx.selectFrom('offers').select('name').where('id', '=', offer.id).executeTakeFirstOrThrow());
    assert.equal(name.name, 'Contoso Backup');
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => sql`INSERT INTO plans (offer_id, id, publisher_id, name, billing, billing_cycles, terms, min_quantity, max_quantity, prices)
      VALUES (${offer.id}, 'evil', ${publisher.orgId}, 'x', 'license', '{monthly}', '{P1M}', 1, 1, '[]')`.execute(tx)));
  });

  it('a partner sees only its own opt-ins; the publisher sees who opted in to its offers', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const a = await makePartner(ctx);
    const b = await makePartner(ctx);
    await optIn(ctx, a, offer.id);
    await optIn(ctx, b, offer.id);
    const seenBy = (actor: typeof a, kind: 'partner' | 'publisher') => ctx.db.withTenant({ orgId: actor.orgId, orgKind: kind, userId: actor.userId },
      (tx) => tx.selectFrom('offer_optins').select('partner_id').where('offer_id', '=', offer.id).execute());
    assert.deepEqual((await seenBy(a, 'partner')).map((r) => r.partner_id), [a.orgId]);
    assert.equal((await seenBy(publisher, 'publisher')).length, 2);
  });
});
