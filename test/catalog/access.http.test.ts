/**
 * Marketplace access and availability over HTTP, across organizations (issue 9, rules 3 and 4):
 * the marketplace is partner global_admin's and admin_agent's; the case roles see the case-work
 * view of an offer their organization has a subscription of or a case about, and nothing else;
 * availability says to each viewer whether it may resell the offer and why not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../src/core/parties.ts';
import { caseBody, openCase, theOperator } from '../case-factories.ts';
import { makeRelationship } from '../channel-factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';
import {
  buy, createOffer, makeCustomerOf, makeDirectSale, makePartner, makePublisher, makeSellableOffer, optIn, purchaseBody, type OrgActor,
} from '../catalog-factories.ts';

const CASE_ROLES: Role[] = ['helpdesk_agent', 'sales_agent', 'billing_admin'];
const NOT_MARKETPLACE: Role[] = [...CASE_ROLES, 'user_admin'];

/** What offerBody() holds that only the marketplace, or only the full contacts, show. */
const PRICE = '12.00';
const SUPPORT = { name: 'Support desk', email: 'support@contoso.example', phone: '+1 555 0100', website: 'https://contoso.example/support' };
const NOT_FOR_CASES = ['eng@contoso.example', 'csp@contoso.example', 'contoso.example/training', 'contoso.example/backup.pdf', PRICE];

/** A direct partner that sold a sellable offer to a customer, and users of every other partner role. */
async function soldOffer(ctx: TestContext) {
  const sale = await makeDirectSale(ctx);
  const bought = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id));
  assert.equal(bought.status, 201, JSON.stringify(bought.body));
  const users = Object.fromEntries(await Promise.all(NOT_MARKETPLACE.map(async (r) => [r, await makeUser(ctx, sale.partner.org, [r])] as const))) as Record<Role, Actor>;
  return { ...sale, subscriptionId: bought.body.id as string, users };
}

function assertDeniedNamingRoles(res: { status: number; body: { code: string; detail: string; allowedRoles: string[] } }, label: string) {
  assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.code, 'PERMISSION_DENIED', label);
  assert.deepEqual(res.body.allowedRoles, ['global_admin', 'admin_agent'], label);
  assert.match(res.body.detail, /global_admin and admin_agent/, label);
}

describe('marketplace access: partner roles', () => {
  it('helpdesk_agent, sales_agent, billing_admin and user_admin get 403 naming global_admin and admin_agent on discovery, purchase and purchasability', async () => {
    const ctx = await testContext();
    const sale = await soldOffer(ctx);
    for (const role of NOT_MARKETPLACE) {
      const actor = sale.users[role]!;
      assertDeniedNamingRoles(await call(ctx, actor, 'GET', '/api/v1/offers'), `${role} discovery`);
      assertDeniedNamingRoles(await call(ctx, actor, 'GET', `/api/v1/offers?q=contoso`), `${role} search`);
      const purchase = await buy(ctx, actor, purchaseBody(sale.offerId, sale.customer.id, { planId: 'standard' }));
      assertDeniedNamingRoles(purchase, `${role} purchase`);
      assert.match(purchase.body.detail, /^Buying offers for customers/, role);
      assertDeniedNamingRoles(await call(ctx, actor, 'GET', `/api/v1/offers/${sale.offerId}/purchasability?customerId=${sale.customer.id}`), `${role} purchasability`);
      assertDeniedNamingRoles(await call(ctx, actor, 'PUT', `/api/v1/offers/${sale.offerId}/opt-in`), `${role} opt-in`);
    }
    const helpdeskDiscovery = await call(ctx, sale.users.helpdesk_agent!, 'GET', '/api/v1/offers');
    assert.match(helpdeskDiscovery.body.detail, /subscription of it or a case about it/, 'a case role is told what it may read instead');
  });

  it('a case role sees the case-work view of an offer its organization has a subscription of, and no plans, prices or other contacts', async () => {
    const ctx = await testContext();
    const sale = await soldOffer(ctx);
    const helpdesk = await call(ctx, sale.users.helpdesk_agent!, 'GET', `/api/v1/offers/${sale.offerId}`);
    assert.equal(helpdesk.status, 200, JSON.stringify(helpdesk.body));
    assert.deepEqual(helpdesk.body, {
      view: 'case_work', id: sale.offerId, name: 'Contoso Backup', type: 'saas',
      publisher: { id: sale.publisher.orgId, name: sale.publisher.org.name },
      supportContact: SUPPORT,
    });
    for (const role of ['sales_agent', 'billing_admin'] as Role[]) {
      const res = await call(ctx, sale.users[role]!, 'GET', `/api/v1/offers/${sale.offerId}`);
      assert.equal(res.status, 200, role);
      assert.deepEqual(res.body, {
        view: 'case_work', id: sale.offerId, name: 'Contoso Backup', type: 'saas',
        publisher: { id: sale.publisher.orgId, name: sale.publisher.org.name },
      }, role);
      assert.ok(!res.raw.includes('@contoso.example'), `${role} sees no ISV contact`);
    }
    for (const role of CASE_ROLES) {
      const res = await call(ctx, sale.users[role]!, 'GET', `/api/v1/offers/${sale.offerId}`);
      for (const text of NOT_FOR_CASES) assert.ok(!res.raw.includes(text), `${role} must not see ${text}`);
      const agreements = await call(ctx, sale.users[role]!, 'GET', `/api/v1/offers/${sale.offerId}/agreements`);
      assert.equal(agreements.status, 200, role);
      assert.deepEqual(agreements.body.items.map((a: { version: number }) => a.version), [1], `${role} reads the support commitments its cases are worked under`);
      assert.equal(agreements.body.items[0].commitments.firstResponseMinutes.critical, 60);
    }
    const userAdmin = await call(ctx, sale.users.user_admin!, 'GET', `/api/v1/offers/${sale.offerId}`);
    assertDeniedNamingRoles(userAdmin, 'user_admin works no case');
    assertDeniedNamingRoles(await call(ctx, sale.users.user_admin!, 'GET', `/api/v1/offers/${sale.offerId}/agreements`), 'user_admin agreements');
  });

  it('a case role gets 403 for an offer its organization neither sells nor has a case about, and 404 for none at all', async () => {
    const ctx = await testContext();
    const sale = await soldOffer(ctx);
    const other = await createOffer(ctx, sale.publisher);
    for (const role of CASE_ROLES) {
      assertDeniedNamingRoles(await call(ctx, sale.users[role]!, 'GET', `/api/v1/offers/${other.id}`), `${role} unrelated offer`);
      assertDeniedNamingRoles(await call(ctx, sale.users[role]!, 'GET', `/api/v1/offers/${other.id}/agreements`), `${role} unrelated agreements`);
      assert.equal((await call(ctx, sale.users[role]!, 'GET', '/api/v1/offers/no-such-offer')).status, 404, role);
    }
  });

  it('across organizations: another partner\'s helpdesk_agent gets 403 for the offer this partner sells', async () => {
    const ctx = await testContext();
    const sale = await soldOffer(ctx);
    const stranger = await makePartner(ctx, 'direct', ['helpdesk_agent']);
    assertDeniedNamingRoles(await call(ctx, stranger, 'GET', `/api/v1/offers/${sale.offerId}`), 'another partner');
    assert.equal((await call(ctx, sale.users.helpdesk_agent!, 'GET', `/api/v1/offers/${sale.offerId}`)).status, 200);
  });

  it('a case about an offer, without a subscription, opens its case-work view to the partner that takes part', async () => {
    const ctx = await testContext();
    await theOperator(ctx);
    const { publisher, offerId } = await makeSellableOffer(ctx);
    const asker = await makePartner(ctx, 'direct', ['helpdesk_agent']);
    const colleague = await makeUser(ctx, asker.org, ['sales_agent']);
    assertDeniedNamingRoles(await call(ctx, asker, 'GET', `/api/v1/offers/${offerId}`), 'before the case');
    await openCase(ctx, asker, caseBody({ offerId, category: 'csp_program', title: 'Margins for resellers?' }));
    const after = await call(ctx, asker, 'GET', `/api/v1/offers/${offerId}`);
    assert.equal(after.status, 200, JSON.stringify(after.body));
    assert.equal(after.body.view, 'case_work');
    assert.deepEqual(after.body.supportContact, SUPPORT);
    assert.equal((await call(ctx, colleague, 'GET', `/api/v1/offers/${offerId}`)).body.view, 'case_work', 'the organization takes part, so every case role of it');
    const stranger = await makePartner(ctx, 'direct', ['helpdesk_agent']);
    assertDeniedNamingRoles(await call(ctx, stranger, 'GET', `/api/v1/offers/${offerId}`), 'a partner that takes no part');
    assert.equal((await call(ctx, publisher, 'GET', `/api/v1/offers/${offerId}`)).body.view, 'marketplace');
  });

  it('global_admin and admin_agent keep the whole marketplace: discovery, product details with plans, prices and contacts, purchase', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const admin = await makeUser(ctx, sale.partner.org, ['admin_agent']);
    for (const actor of [sale.partner, admin]) {
      const label = actor.roles.join();
      const list = await call(ctx, actor, 'GET', `/api/v1/offers?publisherId=${sale.publisher.orgId}`);
      assert.equal(list.status, 200, label);
      assert.deepEqual(list.body.items.map((o: { id: string }) => o.id), [sale.offerId], label);
      const details = await call(ctx, actor, 'GET', `/api/v1/offers/${sale.offerId}`);
      assert.equal(details.body.view, 'marketplace', label);
      assert.equal(details.body.plans[0].prices[0].amount, PRICE, label);
      assert.deepEqual(details.body.overview.contacts.support, SUPPORT, label);
      assert.equal(details.body.overview.contacts.engineering.email, 'eng@contoso.example', label);
      const plans = await call(ctx, actor, 'GET', `/api/v1/offers/${sale.offerId}/purchasability?customerId=${sale.customer.id}`);
      assert.equal(plans.status, 200, label);
    }
    assert.equal((await buy(ctx, admin, purchaseBody(sale.offerId, sale.customer.id))).status, 201);
  });

  it('GET /me lists the case-work permissions for a helpdesk_agent and no marketplace', async () => {
    const ctx = await testContext();
    const helpdesk = await makePartner(ctx, 'direct', ['helpdesk_agent']);
    const me = await call(ctx, helpdesk, 'GET', '/api/v1/me');
    assert.equal(me.status, 200);
    const catalog = (me.body.permissions as string[]).filter((p) => p.startsWith('catalog.') || p === 'subscriptions.purchase');
    assert.deepEqual(catalog, ['catalog.case_view', 'catalog.view_support_contact']);
  });
});

describe('marketplace access: customers, publishers and the operator keep theirs', () => {
  it('a customer sees the catalog without contacts, its plans and prices, and no availability of its own', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    for (const role of ['customer_admin', 'customer_user'] as Role[]) {
      const customer = await makeUser(ctx, sale.customer, [role]);
      const list = await call(ctx, customer, 'GET', `/api/v1/offers?publisherId=${sale.publisher.orgId}`);
      assert.equal(list.status, 200, role);
      const details = await call(ctx, customer, 'GET', `/api/v1/offers/${sale.offerId}`);
      assert.equal(details.status, 200, role);
      assert.equal(details.body.view, 'marketplace');
      assert.equal(details.body.plans[0].prices[0].amount, PRICE);
      assert.equal(details.body.overview.contacts, undefined);
      assert.ok(!details.raw.includes('@contoso.example'), role);
      assert.equal(details.body.availableToPartners, true);
      assert.equal(details.body.exclusive, false);
      assert.deepEqual(details.body.availability, {
        toYou: null, reason: null, exclusive: false,
        message: { en: 'Partners may resell this offer.', ko: '파트너가 이 제품을 재판매할 수 있습니다.' },
      });
    }
  });

  it('publishers and the operator browse and read product details as before', async () => {
    const ctx = await testContext();
    const sale = await makeDirectSale(ctx);
    const viewers: [Actor, boolean][] = [
      [sale.publisher, true],
      [await makeUser(ctx, sale.publisher.org, ['publisher_viewer']), true],
      [await makePublisher(ctx), false],
      [await makeActor(ctx, 'operator', ['commerce_support']), true],
    ];
    for (const [actor, contacts] of viewers) {
      const label = actor.roles.join();
      assert.equal((await call(ctx, actor, 'GET', '/api/v1/offers')).status, 200, label);
      const details = await call(ctx, actor, 'GET', `/api/v1/offers/${sale.offerId}`);
      assert.equal(details.body.view, 'marketplace', label);
      assert.equal(details.body.plans.length, 1, label);
      assert.equal(details.body.overview.contacts !== undefined, contacts, label);
      assert.equal(details.body.availability.toYou, null, label);
    }
  });
});

describe('availability: said plainly to the viewer', () => {
  async function specificOffer(ctx: TestContext) {
    const publisher = await makePublisher(ctx);
    const listed = await makePartner(ctx);
    const unlisted = await makePartner(ctx);
    const { offerId } = await makeSellableOffer(ctx, { publisher, offer: { cspAudience: 'specific', authorizedPartnerIds: [listed.orgId] } });
    return { publisher, listed, unlisted, offerId };
  }
  const seen = async (ctx: TestContext, actor: OrgActor, publisherId: string, offerId: string) => {
    const list = await call(ctx, actor, 'GET', `/api/v1/offers?publisherId=${publisherId}`);
    const details = await call(ctx, actor, 'GET', `/api/v1/offers/${offerId}`);
    assert.equal(details.status, 200, JSON.stringify(details.body));
    const item = list.body.items.find((o: { id: string }) => o.id === offerId);
    assert.deepEqual(item.availability, details.body.availability, 'discovery and product details say the same');
    return details.body;
  };

  it('a partner not on a specific offer\'s list is told it is not available to it because it is exclusive to other partners', async () => {
    const ctx = await testContext();
    const o = await specificOffer(ctx);
    const body = await seen(ctx, o.unlisted, o.publisher.orgId, o.offerId);
    assert.deepEqual(body.availability, {
      toYou: false, reason: 'exclusive_to_other_partners', exclusive: false,
      message: {
        en: 'Not available to your organization: this offer is exclusive to other partners.',
        ko: '귀사에는 제공되지 않습니다. 이 제품은 다른 파트너 전용입니다.',
      },
    });
    assert.equal(body.exclusive, false);
    const customer = await makeCustomerOf(ctx, o.unlisted.orgId);
    const plans = await call(ctx, o.unlisted, 'GET', `/api/v1/offers/${o.offerId}/purchasability?customerId=${customer.id}`);
    assert.deepEqual(plans.body.plans[0].reasons.map((r: { code: string }) => r.code), ['exclusive_to_other_partners', 'not_opted_in'], 'purchasability gives the same reason');
    const optInRefused = await call(ctx, o.unlisted, 'PUT', `/api/v1/offers/${o.offerId}/opt-in`);
    assert.equal(optInRefused.status, 409);
    assert.equal(optInRefused.body.code, 'OPT_IN_NOT_ALLOWED');
    assert.equal(optInRefused.body.reason, 'exclusive_to_other_partners');
    assert.equal(optInRefused.body.detail, body.availability.message.en);
  });

  it('a partner on the list sees the offer marked exclusive and available to it', async () => {
    const ctx = await testContext();
    const o = await specificOffer(ctx);
    const body = await seen(ctx, o.listed, o.publisher.orgId, o.offerId);
    assert.deepEqual(body.availability, {
      toYou: true, reason: null, exclusive: true,
      message: {
        en: 'Exclusive: only the partners the publisher chose may resell this offer, and you may.',
        ko: '전용 제품: 게시자가 선택한 파트너만 이 제품을 재판매할 수 있으며, 귀사도 재판매할 수 있습니다.',
      },
    });
    assert.equal(body.exclusive, true, 'the deprecated field agrees');
    await optIn(ctx, o.listed, o.offerId);
    const customer = await makeCustomerOf(ctx, o.listed.orgId);
    const plans = await call(ctx, o.listed, 'GET', `/api/v1/offers/${o.offerId}/purchasability?customerId=${customer.id}`);
    assert.deepEqual(plans.body.plans[0].reasons, []);
  });

  it('an offer open to any partner is available; one closed to partners says so', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const partner = await makePartner(ctx);
    const open = await createOffer(ctx, publisher);
    const closed = await createOffer(ctx, publisher, { cspAudience: 'none' });
    const openBody = await seen(ctx, partner, publisher.orgId, open.id);
    assert.deepEqual([openBody.availability.toYou, openBody.availability.reason, openBody.availability.exclusive], [true, null, false]);
    assert.equal(openBody.availability.message.en, 'Available to your organization to resell.');
    const closedBody = await seen(ctx, partner, publisher.orgId, closed.id);
    assert.deepEqual([closedBody.availability.toYou, closedBody.availability.reason, closedBody.availability.exclusive], [false, 'not_available_to_partners', false]);
    assert.equal(closedBody.availableToPartners, false);
  });

  it('an indirect provider sees an offer listing one of its active resellers as exclusive and available; a provider without one does not', async () => {
    const ctx = await testContext();
    const publisher = await makePublisher(ctx);
    const provider = await makePartner(ctx, 'indirect_provider');
    const otherProvider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    await makeRelationship(ctx, provider, reseller);
    const { offerId } = await makeSellableOffer(ctx, { publisher, offer: { cspAudience: 'specific', authorizedPartnerIds: [reseller.orgId] } });
    const mine = await seen(ctx, provider, publisher.orgId, offerId);
    assert.deepEqual([mine.availability.toYou, mine.availability.reason, mine.availability.exclusive], [true, null, true]);
    const theirs = await seen(ctx, otherProvider, publisher.orgId, offerId);
    assert.deepEqual([theirs.availability.toYou, theirs.availability.reason], [false, 'exclusive_to_other_partners']);
    assert.equal((await seen(ctx, reseller, publisher.orgId, offerId)).availability.exclusive, true);
    await optIn(ctx, provider, offerId);
    assert.equal((await call(ctx, otherProvider, 'PUT', `/api/v1/offers/${offerId}/opt-in`)).status, 409, 'opt-in follows availability');
  });

  it('the OpenAPI document describes availability, the case-work view and the deprecated fields', async () => {
    const ctx = await testContext();
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    const schemas = doc.body.components.schemas;
    assert.deepEqual(Object.keys(schemas.Availability.properties).sort(), ['exclusive', 'message', 'reason', 'toYou']);
    assert.equal(schemas.OfferSummary.properties.availableToPartners.deprecated, true);
    assert.equal(schemas.OfferSummary.properties.exclusive.deprecated, true);
    assert.ok(schemas.OfferCaseView.properties.supportContact);
    const raw = JSON.stringify(doc.body.paths['/api/v1/offers/{offerId}'].get.responses['200']);
    assert.match(raw, /OfferDetails/);
    assert.match(raw, /OfferCaseView/);
  });
});
