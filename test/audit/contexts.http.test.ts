/**
 * Every context writes its changes into the audit log, in the transaction of the change: who,
 * from where, before → after of the fields that changed, and never a secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buy, createOffer, makeDirectSale, makePartner, makePublisher, planBody, purchaseBody } from '../catalog-factories.ts';
import { makeRelationship } from '../channel-factories.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';
import { testContext } from '../harness.ts';

const ctx = await testContext();
const UA = 'audit-test/1.0 (contexts)';

interface Entry {
  id: string; orgId: string | null; action: string; actorUserId: string | null; actorOrgId: string | null; via: string;
  subjectType: string; subjectId: string | null; changes: Record<string, { before: unknown; after: unknown }>;
  details: Record<string, unknown>; ip: string | null; userAgent: string | null; requestId: string | null;
}

/** A call with our user agent. */
const act = (actor: Actor, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
  call(ctx, actor, method, url, body, { 'user-agent': UA, ...headers });

/** The log as a reader of the organization sees it (an admin of it, made on demand). */
async function logOf(reader: Actor, query = ''): Promise<Entry[]> {
  const res = await call(ctx, reader, 'GET', `/api/v1/audit-log?limit=100${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Entry[];
}
const one = (entries: Entry[], action: string) => {
  const found = entries.filter((e) => e.action === action);
  assert.equal(found.length, 1, `${action} in ${JSON.stringify(entries.map((e) => e.action))}`);
  return found[0]!;
};

describe('audit entries of each context', () => {
  it('webhooks: created, updated (only what changed), rotated and deleted, never a secret', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const created = await act(admin, 'POST', '/api/v1/webhooks/endpoints', { url: 'https://hooks.example.com/a', eventTypes: ['case.opened'] });
    assert.equal(created.status, 201);
    const id = created.body.id as string;
    const secrets = [created.body.secret as string];
    assert.equal((await act(admin, 'PATCH', `/api/v1/webhooks/endpoints/${id}`, { description: 'CRM', eventTypes: ['case.opened'] })).status, 200);
    const rotated = await act(admin, 'POST', `/api/v1/webhooks/endpoints/${id}/rotate-secret`);
    assert.equal(rotated.status, 200);
    secrets.push(rotated.body.secret as string);
    assert.equal((await act(admin, 'POST', `/api/v1/webhooks/endpoints/${id}/disable`)).status, 200);
    assert.equal((await act(admin, 'POST', `/api/v1/webhooks/endpoints/${id}/enable`)).status, 200);
    assert.equal((await act(admin, 'DELETE', `/api/v1/webhooks/endpoints/${id}`)).status, 204);

    const entries = await logOf(admin);
    assert.deepEqual(entries.map((e) => e.action), [
      'webhook_endpoint.deleted', 'webhook_endpoint.enabled', 'webhook_endpoint.disabled', 'webhook_endpoint.secret_rotated',
      'webhook_endpoint.updated', 'webhook_endpoint.created',
    ]);
    const createdEntry = one(entries, 'webhook_endpoint.created');
    assert.deepEqual(
      { actorUserId: createdEntry.actorUserId, actorOrgId: createdEntry.actorOrgId, via: createdEntry.via, orgId: createdEntry.orgId, subject: [createdEntry.subjectType, createdEntry.subjectId], userAgent: createdEntry.userAgent },
      { actorUserId: admin.userId, actorOrgId: admin.orgId, via: 'token', orgId: admin.orgId, subject: ['webhook_endpoint', id], userAgent: UA },
    );
    assert.ok(createdEntry.ip && createdEntry.requestId, 'address and request id recorded');
    assert.deepEqual(createdEntry.changes.url, { before: null, after: 'https://hooks.example.com/a' });
    // Only the description changed: the event types were sent again unchanged.
    assert.deepEqual(one(entries, 'webhook_endpoint.updated').changes, { description: { before: '', after: 'CRM' } });
    assert.deepEqual(one(entries, 'webhook_endpoint.secret_rotated').changes, { secret: { before: '[redacted]', after: '[redacted]' } });
    assert.deepEqual(one(entries, 'webhook_endpoint.disabled').changes, { status: { before: 'enabled', after: 'disabled' }, disabledReason: { before: null, after: 'manual' } });

    // The whsec_ values never appear, in the JSON, in the CSV, or in the stored rows.
    const json = (await call(ctx, admin, 'GET', '/api/v1/audit-log?limit=100')).raw;
    const csv = (await call(ctx, admin, 'GET', '/api/v1/audit-log.csv')).raw;
    const stored = JSON.stringify(await ctx.db.withOwner((tx) => tx.selectFrom('audit_log').selectAll().where('org_id', '=', admin.orgId).execute()));
    for (const secret of secrets) {
      for (const text of [json, csv, stored]) {
        assert.ok(!text.includes(secret) && !text.includes(secret.slice(6)), 'a webhook secret reached the audit log');
      }
    }
    assert.ok(!stored.includes('whsec_'));
  });

  it('routing: the default and per-offer preferences set and cleared, before → after', async () => {
    const partner = await makePartner(ctx, 'direct');
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    assert.equal((await act(partner, 'PUT', '/api/v1/routing/preferences/default', { preference: 'tier1' })).status, 200);
    assert.equal((await act(partner, 'PUT', '/api/v1/routing/preferences/default', { preference: 'direct' })).status, 200);
    assert.equal((await act(partner, 'PUT', `/api/v1/routing/preferences/offers/${offer.id}`, { preference: 'forward' })).status, 200);
    assert.equal((await act(partner, 'DELETE', `/api/v1/routing/preferences/offers/${offer.id}`)).status, 204);
    const entries = await logOf(partner);
    assert.deepEqual(entries.map((e) => [e.action, e.changes.preference]), [
      ['routing_preference.offer_cleared', { before: 'forward', after: null }],
      ['routing_preference.offer_set', { before: null, after: 'forward' }],
      ['routing_preference.default_set', { before: 'tier1', after: 'direct' }],
      ['routing_preference.default_set', { before: null, after: 'tier1' }],
    ]);
    assert.equal(entries[1]!.subjectId, offer.id);
  });

  it('channel: an invitation, its acceptance and a split change reach both sides\' logs', async () => {
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const invited = await act(provider, 'POST', '/api/v1/channel/relationships', { resellerId: reseller.orgId });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const id = invited.body.id as string;
    assert.equal((await act(reseller, 'POST', `/api/v1/channel/relationships/${id}/accept`)).status, 200);
    const billing = (invited.body.split as { category: string; firstContact: string; handler: string }[]).find((r) => r.category === 'billing')!;
    const flipped = billing.handler === 'provider' ? 'reseller' : 'provider';
    assert.equal((await act(provider, 'PUT', `/api/v1/channel/relationships/${id}/split`, { split: [{ category: 'billing', firstContact: billing.firstContact, handler: flipped }] })).status, 200);

    for (const side of [provider, reseller]) {
      const entries = await logOf(side, '&subjectType=indirect_relationship');
      assert.deepEqual(entries.map((e) => e.action), ['support_split.changed', 'indirect_relationship.accepted', 'indirect_relationship.invited']);
      assert.ok(entries.every((e) => e.orgId === side.orgId && e.subjectId === id));
      assert.deepEqual(one(entries, 'support_split.changed').changes, {
        billing: { before: { firstContact: billing.firstContact, handler: billing.handler }, after: { firstContact: billing.firstContact, handler: flipped } },
      });
      const accepted = one(entries, 'indirect_relationship.accepted');
      assert.deepEqual([accepted.actorOrgId, accepted.changes.status], [reseller.orgId, { before: 'invited', after: 'active' }]);
    }
  });

  it('channel: a customer created with its admin, and the relationship ended, in the partner\'s and the customer\'s logs', async () => {
    const partner = await makePartner(ctx, 'direct');
    const created = await act(partner, 'POST', '/api/v1/customers', {
      name: 'Audited Customer', country: 'US', admin: { email: `admin-${Date.now()}@audited.example`, name: 'Ada', password: 'a long and unusual passphrase 42' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const customerId = created.body.customer.id as string;
    assert.equal((await act(partner, 'POST', `/api/v1/customers/${customerId}/relationship/end`)).status, 200);
    const partnerLog = await logOf(partner);
    assert.deepEqual(partnerLog.map((e) => e.action), ['customer_relationship.ended', 'customer.created']);
    const entry = one(partnerLog, 'customer.created');
    assert.deepEqual(entry.changes, { name: { before: null, after: 'Audited Customer' }, country: { before: null, after: 'US' } });
    assert.equal(entry.details.adminUserId, created.body.admin.id);
    assert.ok(!JSON.stringify(partnerLog).includes('passphrase'), 'no password in the log');
    const customerAdmin = await makeUser(ctx, { id: customerId, kind: 'customer', name: 'x' }, ['customer_admin']);
    const customerLog = await logOf(customerAdmin);
    assert.deepEqual(customerLog.map((e) => [e.action, e.orgId, e.actorOrgId]), [
      ['customer_relationship.ended', customerId, partner.orgId], ['customer.created', customerId, partner.orgId],
    ]);
  });

  it('health: notice settings and an incident posted and updated', async () => {
    const partner = await makePartner(ctx, 'direct');
    assert.equal((await act(partner, 'PUT', '/api/v1/partner/notice-settings', { notifyCustomersOfIncidents: true })).status, 200);
    assert.equal((await act(partner, 'PUT', '/api/v1/partner/notice-settings', { notifyCustomersOfIncidents: true })).status, 200);
    const entries = await logOf(partner);
    assert.deepEqual(entries.map((e) => [e.action, e.changes]), [
      ['notice_settings.changed', { notifyCustomersOfIncidents: { before: false, after: true } }],
    ], 'a setting set to what it was is no change');

    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    const posted = await act(publisher, 'POST', '/api/v1/incidents', { title: 'Sign-in fails', impact: 'outage', message: 'We are looking.', offerIds: [offer.id] });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    const incidentId = posted.body.id as string;
    assert.equal((await act(publisher, 'POST', `/api/v1/incidents/${incidentId}/updates`, { status: 'identified', message: 'Found it.' })).status, 201);
    const log = await logOf(publisher, '&subjectType=incident');
    assert.deepEqual(log.map((e) => e.action), ['incident.updated', 'incident.posted']);
    assert.deepEqual(one(log, 'incident.updated').changes, { status: { before: 'investigating', after: 'identified' } });
    assert.deepEqual(one(log, 'incident.posted').changes.offerIds, { before: null, after: [offer.id] });
  });

  it('catalog: an offer created and updated, its audience, a plan, an agreement, an opt-in', async () => {
    const publisher = await makePublisher(ctx);
    const offer = await createOffer(ctx, publisher);
    assert.equal((await act(publisher, 'PATCH', `/api/v1/offers/${offer.id}`, { name: 'Renamed offer', summary: offer.summary })).status, 200);
    const partner = await makePartner(ctx, 'direct');
    assert.equal((await act(publisher, 'PUT', `/api/v1/offers/${offer.id}/audience`, { audience: 'specific', authorizedPartnerIds: [partner.orgId] })).status, 200);
    const plan = await act(publisher, 'POST', `/api/v1/offers/${offer.id}/plans`, planBody({ id: 'gold', maxQuantity: 10 }));
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    assert.equal((await act(publisher, 'PATCH', `/api/v1/offers/${offer.id}/plans/gold`, { maxQuantity: 20 })).status, 200);
    const log = await logOf(publisher);
    assert.deepEqual(log.map((e) => e.action), ['plan.updated', 'plan.created', 'offer.audience_changed', 'offer.updated', 'offer.created']);
    assert.deepEqual(one(log, 'offer.updated').changes, { name: { before: offer.name, after: 'Renamed offer' } });
    assert.deepEqual(one(log, 'offer.audience_changed').changes.authorizedPartnerIds, { before: [], after: [partner.orgId] });
    assert.deepEqual(one(log, 'plan.updated').changes, { maxQuantity: { before: 10, after: 20 } });

    assert.equal((await act(partner, 'PUT', `/api/v1/offers/${offer.id}/opt-in`)).status, 200);
    assert.equal((await act(partner, 'PUT', `/api/v1/offers/${offer.id}/opt-in`)).status, 200);
    assert.equal((await act(partner, 'DELETE', `/api/v1/offers/${offer.id}/opt-in`)).status, 204);
    assert.deepEqual((await logOf(partner)).map((e) => e.action), ['offer_optin.removed', 'offer_optin.created']);
  });

  it('subscriptions: a purchase for a customer and its changes, in the partner\'s and the customer\'s logs', async () => {
    const sale = await makeDirectSale(ctx);
    const bought = await buy(ctx, sale.partner, purchaseBody(sale.offerId, sale.customer.id), undefined);
    assert.equal(bought.status, 201, JSON.stringify(bought.body));
    const id = bought.body.id as string;
    assert.equal((await act(sale.publisher, 'POST', `/api/v1/subscriptions/${id}/activate`)).status, 200);
    assert.equal((await act(sale.partner, 'PATCH', `/api/v1/subscriptions/${id}`, { quantity: 7 })).status, 200);
    assert.equal((await act(sale.partner, 'POST', `/api/v1/subscriptions/${id}/suspend`)).status, 200);
    assert.equal((await act(sale.partner, 'POST', `/api/v1/subscriptions/${id}/reactivate`)).status, 200);
    assert.equal((await act(sale.partner, 'POST', `/api/v1/subscriptions/${id}/cancel`)).status, 200);
    const expected = ['subscription.cancelled', 'subscription.reactivated', 'subscription.suspended', 'subscription.quantity_changed', 'subscription.activated', 'subscription.purchased'];
    const partnerLog = await logOf(sale.partner, `&subjectId=${id}`);
    assert.deepEqual(partnerLog.map((e) => e.action), expected);
    assert.deepEqual(one(partnerLog, 'subscription.quantity_changed').changes, { quantity: { before: 5, after: 7 } });
    assert.deepEqual(one(partnerLog, 'subscription.activated').changes.status, { before: 'pending_activation', after: 'active' });
    const purchased = one(partnerLog, 'subscription.purchased');
    assert.deepEqual([purchased.changes.customerId?.after, purchased.changes.quantity?.after, purchased.actorUserId], [sale.customer.id, 5, sale.partner.userId]);
    const customerAdmin = await makeUser(ctx, sale.customer, ['customer_admin']);
    assert.deepEqual((await logOf(customerAdmin, `&subjectId=${id}`)).map((e) => e.action), expected);
    // The publisher's log holds what it did itself.
    assert.deepEqual((await logOf(sale.publisher, `&subjectId=${id}`)).map((e) => e.action), ['subscription.activated']);
  });

  it('the same change for several organizations is forged for none: a relationship the viewer is no side of is refused', async () => {
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const stranger = await makePartner(ctx, 'direct');
    const relationshipId = await makeRelationship(ctx, provider, reseller);
    const { recordAudit } = await import('../../src/modules/audit/index.ts');
    const viewer = { userId: stranger.userId, orgId: stranger.orgId, orgKind: 'partner' as const, partnerModel: 'direct' as const, roles: stranger.roles, via: 'token' as const };
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => recordAudit(tx, viewer, [{
      action: 'support_split.changed', subjectType: 'indirect_relationship', subjectId: relationshipId, alsoOrgIds: [provider.orgId],
    }])), /row-level security/);
  });
});
