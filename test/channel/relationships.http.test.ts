import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUPPORT_CATEGORIES } from '../../src/core/support-categories.ts';
import { findActiveIndirectRelationship } from '../../src/modules/channel/index.ts';
import { testContext } from '../harness.ts';
import { call, makeActor, makeUser } from '../factories.ts';
import { makeEveryPartnerRole, makePartner, makeRelationship, PARTNER_ROLES } from '../channel-factories.ts';

const BASE = '/api/v1/channel/relationships';

describe('indirect relationships over HTTP', () => {
  it('runs an invitation from invited to active to ended, recording who ended it and when', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const invited = await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId });
    assert.equal(invited.status, 201);
    assert.equal(invited.body.status, 'invited');
    assert.equal(invited.body.viewerSide, 'provider');
    assert.deepEqual(invited.body.counterpart, { id: reseller.orgId, name: reseller.org.name });
    assert.equal(invited.body.invitedBy, provider.userId);
    assert.equal(invited.body.acceptedAt, null);
    const id: string = invited.body.id;
    assert.match(id, /^irl_/);

    const accepted = await call(ctx, reseller, 'POST', `${BASE}/${id}/accept`);
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.status, 'active');
    assert.equal(accepted.body.viewerSide, 'reseller');
    assert.deepEqual(accepted.body.counterpart, { id: provider.orgId, name: provider.org.name });
    assert.ok(accepted.body.acceptedAt);

    const ended = await call(ctx, reseller, 'POST', `${BASE}/${id}/end`);
    assert.equal(ended.status, 200);
    assert.equal(ended.body.status, 'ended');
    assert.equal(ended.body.endedBy, 'reseller');
    assert.ok(ended.body.endedAt);
    const stored = await ctx.db.withOwner((tx) => tx.selectFrom('indirect_relationships').select(['ended_by_org', 'ended_at']).where('id', '=', id).executeTakeFirstOrThrow());
    assert.equal(stored.ended_by_org, reseller.orgId);
    assert.ok(stored.ended_at instanceof Date);
  });

  it('lets the reseller decline an invitation, which ends it, and the provider invite again afterwards', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const id = (await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId })).body.id;
    const declined = await call(ctx, reseller, 'POST', `${BASE}/${id}/decline`);
    assert.equal(declined.status, 200);
    assert.equal(declined.body.status, 'ended');
    assert.equal(declined.body.endedBy, 'reseller');
    assert.equal(declined.body.acceptedAt, null);
    const again = await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId });
    assert.equal(again.status, 201);
    assert.notEqual(again.body.id, id);
  });

  it('lets the provider withdraw an invitation by ending it', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const id = (await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId })).body.id;
    const ended = await call(ctx, provider, 'POST', `${BASE}/${id}/end`);
    assert.equal(ended.status, 200);
    assert.equal(ended.body.endedBy, 'provider');
    assert.equal((await call(ctx, reseller, 'POST', `${BASE}/${id}/accept`)).body.code, 'RELATIONSHIP_STATUS_CONFLICT');
  });

  it('answers actions in the wrong state with 409 RELATIONSHIP_STATUS_CONFLICT', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const active = await makeRelationship(ctx, provider, reseller, 'active');
    const ended = await makeRelationship(ctx, provider, await makePartner(ctx, 'indirect_reseller'), 'ended');
    for (const [id, action, actor] of [
      [active, 'accept', reseller], [active, 'decline', reseller], [ended, 'end', provider],
    ] as const) {
      const res = await call(ctx, actor, 'POST', `${BASE}/${id}/${action}`);
      assert.equal(res.status, 409, `${action}`);
      assert.equal(res.body.code, 'RELATIONSHIP_STATUS_CONFLICT');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
  });

  it('refuses a second live relationship for the same pair with 409 RELATIONSHIP_EXISTS', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    assert.equal((await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId })).status, 201);
    const invitedTwice = await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId });
    assert.equal(invitedTwice.status, 409);
    assert.equal(invitedTwice.body.code, 'RELATIONSHIP_EXISTS');
    const other = await makePartner(ctx, 'indirect_reseller');
    await makeRelationship(ctx, provider, other, 'active');
    assert.equal((await call(ctx, provider, 'POST', BASE, { resellerId: other.orgId })).body.code, 'RELATIONSHIP_EXISTS');
  });

  it('refuses to invite anyone but an indirect reseller', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const self = await call(ctx, provider, 'POST', BASE, { resellerId: provider.orgId });
    assert.equal(self.status, 422);
    assert.equal(self.body.code, 'SELF_RELATIONSHIP');
    for (const target of [
      await makePartner(ctx, 'direct'), await makePartner(ctx, 'indirect_provider'), await makeActor(ctx, 'publisher', ['publisher_admin']),
    ]) {
      const res = await call(ctx, provider, 'POST', BASE, { resellerId: target.orgId });
      assert.equal(res.status, 422);
      assert.equal(res.body.code, 'NOT_A_RESELLER');
      assert.equal(res.body.errors[0].field, 'body.resellerId');
    }
    const missing = await call(ctx, provider, 'POST', BASE, { resellerId: 'org_doesnotexist' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'RESELLER_NOT_FOUND');
    // A customer is not even visible to the provider: it reads exactly as a missing organization.
    const customer = await makeActor(ctx, 'customer', ['customer_admin']);
    assert.equal((await call(ctx, provider, 'POST', BASE, { resellerId: customer.orgId })).body.code, 'RESELLER_NOT_FOUND');
  });

  it('lets only an indirect provider\'s global_admin invite', async () => {
    const ctx = await testContext();
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const provider = await makePartner(ctx, 'indirect_provider');
    const staff = await makeEveryPartnerRole(ctx, provider.org);
    for (const role of PARTNER_ROLES) {
      const res = await call(ctx, staff[role], 'POST', BASE, { resellerId: (await makePartner(ctx, 'indirect_reseller')).orgId });
      assert.equal(res.status, role === 'global_admin' ? 201 : 403, role);
      if (role !== 'global_admin') assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    for (const other of [
      await makePartner(ctx, 'direct'), await makePartner(ctx, 'indirect_reseller'),
      await makeActor(ctx, 'publisher', ['publisher_admin']), await makeActor(ctx, 'customer', ['customer_admin']),
      await makeActor(ctx, 'operator', ['operator_admin']),
    ]) {
      const res = await call(ctx, other, 'POST', BASE, { resellerId: reseller.orgId });
      assert.equal(res.status, 403, other.roles[0]);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
  });

  it('lets only the reseller\'s global_admin answer an invitation; the provider and the operator get 403, strangers 404', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const id = await makeRelationship(ctx, provider, reseller, 'invited');
    const staff = await makeEveryPartnerRole(ctx, reseller.org);
    for (const role of PARTNER_ROLES.filter((r) => r !== 'global_admin')) {
      for (const action of ['accept', 'decline', 'end']) {
        const res = await call(ctx, staff[role], 'POST', `${BASE}/${id}/${action}`);
        assert.equal(res.status, 403, `${role} ${action}`);
        assert.equal(res.body.code, 'PERMISSION_DENIED');
      }
    }
    for (const action of ['accept', 'decline']) {
      const byProvider = await call(ctx, provider, 'POST', `${BASE}/${id}/${action}`);
      assert.equal(byProvider.status, 403, action);
      assert.match(byProvider.body.detail, /reseller/);
    }
    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    assert.equal((await call(ctx, operator, 'POST', `${BASE}/${id}/accept`)).status, 403);
    assert.equal((await call(ctx, operator, 'POST', `${BASE}/${id}/end`)).status, 403);
    for (const stranger of [
      await makePartner(ctx, 'indirect_provider'), await makePartner(ctx, 'indirect_reseller'), await makePartner(ctx, 'direct'),
      await makeActor(ctx, 'publisher', ['publisher_admin']), await makeActor(ctx, 'customer', ['customer_admin']),
    ]) {
      const res = await call(ctx, stranger, 'POST', `${BASE}/${id}/accept`);
      assert.equal(res.status, 404, stranger.roles[0]);
      assert.equal(res.body.code, 'RELATIONSHIP_NOT_FOUND');
    }
    const accepted = await call(ctx, staff.global_admin, 'POST', `${BASE}/${id}/accept`);
    assert.equal(accepted.status, 200);
  });

  it('shows a relationship to both sides\' readers and the operator; others see 404, not a 403', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const id = await makeRelationship(ctx, provider, reseller, 'active');
    for (const org of [provider.org, reseller.org]) {
      const staff = await makeEveryPartnerRole(ctx, org);
      for (const role of PARTNER_ROLES) {
        const res = await call(ctx, staff[role], 'GET', `${BASE}/${id}`);
        const reads = role === 'global_admin' || role === 'admin_agent';
        assert.equal(res.status, reads ? 200 : 403, `${org.name} ${role}`);
      }
    }
    for (const role of ['operator_admin', 'commerce_support'] as const) {
      const op = await makeActor(ctx, 'operator', [role]);
      const res = await call(ctx, op, 'GET', `${BASE}/${id}`);
      assert.equal(res.status, 200, role);
      assert.equal(res.body.viewerSide, null);
      assert.equal(res.body.counterpart, null);
      assert.equal(res.body.provider.id, provider.orgId);
      assert.equal(res.body.reseller.id, reseller.orgId);
    }
    for (const stranger of [
      await makePartner(ctx, 'indirect_provider'), await makePartner(ctx, 'indirect_reseller'), await makePartner(ctx, 'direct'),
      await makeActor(ctx, 'publisher', ['publisher_admin']), await makeActor(ctx, 'customer', ['customer_admin']),
    ]) {
      const res = await call(ctx, stranger, 'GET', `${BASE}/${id}`);
      assert.equal(res.status, 404, stranger.roles[0]);
    }
    assert.equal((await call(ctx, provider, 'GET', `${BASE}/irl_doesnotexist`)).status, 404);
  });

  it('lists only the viewer\'s relationships, filtered by status and side, page by page', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const otherProvider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const ids: string[] = [];
    for (const status of ['active', 'invited', 'ended', 'active'] as const) ids.push(await makeRelationship(ctx, provider, await makePartner(ctx, 'indirect_reseller'), status));
    const resellerSide = await makeRelationship(ctx, otherProvider, reseller, 'active');
    await makeRelationship(ctx, otherProvider, await makePartner(ctx, 'indirect_reseller'), 'active');

    const all = await call(ctx, provider, 'GET', BASE);
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.items.map((r: { id: string }) => r.id), [...ids].reverse());
    const active = await call(ctx, provider, 'GET', `${BASE}?status=active`);
    assert.deepEqual(active.body.items.map((r: { id: string }) => r.id).sort(), [ids[0], ids[3]].sort());
    assert.deepEqual((await call(ctx, provider, 'GET', `${BASE}?role=reseller`)).body.items, []);
    assert.equal((await call(ctx, provider, 'GET', `${BASE}?role=provider`)).body.items.length, 4);
    const asReseller = await call(ctx, reseller, 'GET', `${BASE}?role=reseller`);
    assert.deepEqual(asReseller.body.items.map((r: { id: string }) => r.id), [resellerSide]);
    assert.equal(asReseller.body.items[0].counterpart.id, otherProvider.orgId);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await call(ctx, provider, 'GET', `${BASE}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...ids].reverse());

    const helpdesk = await makeUser(ctx, provider.org, ['helpdesk_agent']);
    assert.equal((await call(ctx, helpdesk, 'GET', BASE)).status, 403);
    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    const opList = await call(ctx, operator, 'GET', `${BASE}?limit=100`);
    assert.equal(opList.status, 200);
    assert.equal((await call(ctx, operator, 'GET', `${BASE}?role=provider`)).status, 400);
  });

  it('gives a new relationship the default split, shown with the counterpart', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const created = await call(ctx, provider, 'POST', BASE, { resellerId: reseller.orgId });
    const split = created.body.split as { category: string; firstContact: string; handler: string }[];
    assert.deepEqual(split.map((r) => r.category), [...SUPPORT_CATEGORIES]);
    for (const rule of split) {
      const side = rule.category === 'commerce_platform' ? 'provider' : 'reseller';
      assert.equal(rule.firstContact, side, rule.category);
      assert.equal(rule.handler, side, rule.category);
    }
    const stored = await ctx.db.withOwner((tx) => tx.selectFrom('support_splits').selectAll().where('relationship_id', '=', created.body.id).execute());
    assert.equal(stored.length, SUPPORT_CATEGORIES.length);
    const asReseller = await call(ctx, reseller, 'GET', `${BASE}/${created.body.id}`);
    assert.deepEqual(asReseller.body.split, split);
    assert.equal(asReseller.body.counterpart.name, provider.org.name);
  });

  it('lets the provider edit a subset or the whole split, and keeps commerce_platform with the provider', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const id = await makeRelationship(ctx, provider, reseller, 'active');
    const subset = await call(ctx, provider, 'PUT', `${BASE}/${id}/split`, { split: [{ category: 'technical_breakfix', firstContact: 'reseller', handler: 'provider' }] });
    assert.equal(subset.status, 200);
    const rule = (c: string, body: { split: { category: string }[] }) => body.split.find((r) => r.category === c);
    assert.deepEqual(rule('technical_breakfix', subset.body), { category: 'technical_breakfix', firstContact: 'reseller', handler: 'provider' });
    assert.deepEqual(rule('billing', subset.body), { category: 'billing', firstContact: 'reseller', handler: 'reseller' });

    // The whole split read back, with one change, is accepted (commerce_platform sent unchanged).
    const whole = subset.body.split.map((r: { category: string }) => (r.category === 'payment' ? { ...r, firstContact: 'provider', handler: 'provider' } : r));
    const put = await call(ctx, provider, 'PUT', `${BASE}/${id}/split`, { split: whole });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.split, whole);
    assert.deepEqual((await call(ctx, reseller, 'GET', `${BASE}/${id}`)).body.split, whole);

    const commerce = await call(ctx, provider, 'PUT', `${BASE}/${id}/split`, { split: [{ category: 'commerce_platform', firstContact: 'reseller', handler: 'reseller' }] });
    assert.equal(commerce.status, 422);
    assert.equal(commerce.body.code, 'SPLIT_NOT_EDITABLE');
    assert.equal(commerce.body.category, 'commerce_platform');
    assert.equal(commerce.body.errors[0].field, 'body.split.0');
    assert.deepEqual((await call(ctx, provider, 'GET', `${BASE}/${id}`)).body.split, whole);
  });

  it('refuses split edits by anyone but the provider\'s global_admin, and on an ended relationship', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const id = await makeRelationship(ctx, provider, reseller, 'invited');
    const body = { split: [{ category: 'billing', firstContact: 'provider', handler: 'provider' }] };
    assert.equal((await call(ctx, provider, 'PUT', `${BASE}/${id}/split`, body)).status, 200);
    const staff = await makeEveryPartnerRole(ctx, provider.org);
    for (const role of PARTNER_ROLES.filter((r) => r !== 'global_admin')) {
      assert.equal((await call(ctx, staff[role], 'PUT', `${BASE}/${id}/split`, body)).status, 403, role);
    }
    const byReseller = await call(ctx, reseller, 'PUT', `${BASE}/${id}/split`, body);
    assert.equal(byReseller.status, 403);
    assert.equal(byReseller.body.code, 'PERMISSION_DENIED');
    assert.equal((await call(ctx, await makeActor(ctx, 'operator', ['operator_admin']), 'PUT', `${BASE}/${id}/split`, body)).status, 403);
    assert.equal((await call(ctx, await makePartner(ctx, 'indirect_provider'), 'PUT', `${BASE}/${id}/split`, body)).status, 404);
    const ended = await makeRelationship(ctx, provider, await makePartner(ctx, 'indirect_reseller'), 'ended');
    const res = await call(ctx, provider, 'PUT', `${BASE}/${ended}/split`, body);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'RELATIONSHIP_STATUS_CONFLICT');
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const id = await makeRelationship(ctx, provider, await makePartner(ctx, 'indirect_reseller'), 'active');
    const cases: [string, string, unknown, string[]][] = [
      ['POST', BASE, {}, ['body.resellerId']],
      ['POST', BASE, { resellerId: 'org_x', extra: true }, ['body.extra']],
      ['POST', BASE, { resellerId: 'NOT AN ID' }, ['body.resellerId']],
      ['PUT', `${BASE}/${id}/split`, { split: [] }, ['body.split']],
      ['PUT', `${BASE}/${id}/split`, { split: [{ category: 'refunds', firstContact: 'provider', handler: 'provider' }] }, ['body.split.0.category']],
      ['PUT', `${BASE}/${id}/split`, { split: [{ category: 'billing', firstContact: 'operator', handler: 'provider' }] }, ['body.split.0.firstContact']],
      ['PUT', `${BASE}/${id}/split`, { split: [{ category: 'billing', firstContact: 'provider' }] }, ['body.split.0.handler']],
      ['PUT', `${BASE}/${id}/split`, { split: [{ category: 'billing', firstContact: 'provider', handler: 'provider' }, { category: 'billing', firstContact: 'reseller', handler: 'reseller' }] }, ['body.split.1.category']],
    ];
    for (const [method, url, body, fields] of cases) {
      const res = await call(ctx, provider, method as 'POST' | 'PUT', url, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      for (const field of fields) assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${field} in ${JSON.stringify(res.body.errors)}`);
    }
    assert.equal((await call(ctx, provider, 'GET', `${BASE}/Bad%20Id`)).status, 400);
    assert.equal((await call(ctx, provider, 'GET', `${BASE}?status=pending`)).status, 400);
    const cursor = await call(ctx, provider, 'GET', `${BASE}?cursor=forged`);
    assert.equal(cursor.status, 400);
    assert.equal(cursor.body.code, 'INVALID_CURSOR');
    assert.equal((await call(ctx, null, 'GET', BASE)).status, 401);
  });

  it('finds the active relationship of a pair for other contexts, only for those who may see it', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const invitedOnly = await makePartner(ctx, 'indirect_reseller');
    const id = await makeRelationship(ctx, provider, reseller, 'active');
    await makeRelationship(ctx, provider, invitedOnly, 'invited');
    const viewerOf = (a: { userId: string; orgId: string }, model: 'indirect_provider' | 'indirect_reseller') =>
      ({ userId: a.userId, orgId: a.orgId, orgKind: 'partner' as const, partnerModel: model, roles: ['global_admin' as const], via: 'token' as const });
    const asReseller = viewerOf(reseller, 'indirect_reseller');
    assert.deepEqual(await ctx.db.withTenant(asReseller, (tx) => findActiveIndirectRelationship(tx, asReseller, provider.orgId, reseller.orgId)),
      { id, providerId: provider.orgId, resellerId: reseller.orgId });
    const asProvider = viewerOf(provider, 'indirect_provider');
    assert.equal(await ctx.db.withTenant(asProvider, (tx) => findActiveIndirectRelationship(tx, asProvider, provider.orgId, invitedOnly.orgId)), undefined);
    const stranger = await makePartner(ctx, 'indirect_reseller');
    const asStranger = viewerOf(stranger, 'indirect_reseller');
    assert.equal(await ctx.db.withTenant(asStranger, (tx) => findActiveIndirectRelationship(tx, asStranger, provider.orgId, reseller.orgId)), undefined);
  });
});
