import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasActiveCustomerRelationship } from '../../src/modules/channel/index.ts';
import { testContext } from '../harness.ts';
import { call, makeActor, makeUser } from '../factories.ts';
import { linkCustomer, makeCustomer, makeEveryPartnerRole, makePartner, makeRelationship, PARTNER_ROLES } from '../channel-factories.ts';

const BASE = '/api/v1/customers';
const idsOf = (body: { items: { id: string }[] }) => body.items.map((c) => c.id);

describe('customers over HTTP', () => {
  it('lets a direct partner create a customer with its first user, who can sign in as customer_admin', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const email = `Admin-${Date.now()}@Fabrikam.test`;
    const res = await call(ctx, partner, 'POST', BASE, { name: 'Fabrikam', country: 'KR', admin: { email, name: 'Min-jun', password: 'a-long-enough-password' } });
    assert.equal(res.status, 201);
    assert.match(res.body.customer.id, /^org_/);
    assert.equal(res.body.customer.name, 'Fabrikam');
    assert.equal(res.body.customer.country, 'KR');
    assert.equal(res.body.customer.partners.length, 1);
    assert.equal(res.body.customer.partners[0].id, partner.orgId);
    assert.equal(res.body.customer.partners[0].status, 'active');
    assert.equal(res.body.admin.email, email.toLowerCase());
    assert.deepEqual(res.body.admin.roles, ['customer_admin']);

    const session = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: 'a-long-enough-password' });
    assert.equal(session.status, 201);
    assert.equal(session.body.organization.id, res.body.customer.id);
    assert.equal(session.body.organization.kind, 'customer');
    assert.deepEqual(session.body.user.roles, ['customer_admin']);

    const got = await call(ctx, partner, 'GET', `${BASE}/${res.body.customer.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, res.body.customer);
  });

  it('creates a customer without a first user', async () => {
    const ctx = await testContext();
    const reseller = await makePartner(ctx, 'indirect_reseller');
    const res = await call(ctx, reseller, 'POST', BASE, { name: 'Tailspin', country: 'US' });
    assert.equal(res.status, 201);
    assert.equal(res.body.admin, null);
    assert.equal(res.body.customer.partners[0].partnerModel, 'indirect_reseller');
    const users = await ctx.db.withOwner((tx) => tx.selectFrom('users').select('id').where('org_id', '=', res.body.customer.id).execute());
    assert.equal(users.length, 0);
  });

  it('creates a first user whose e-mail is a user of another organization, telling nothing of it', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const name = `Taken ${Date.now()}`;
    // E-mail is unique per organization: the new customer is another organization.
    const res = await call(ctx, partner, 'POST', BASE, { name, country: 'US', admin: { email: partner.email, name: 'X', password: 'a-long-enough-password' } });
    assert.equal(res.status, 201);
    assert.equal(res.body.admin.email, partner.email);
  });

  it('refuses a first user with a weak password, and creates nothing', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const name = `Weak ${Date.now()}`;
    const res = await call(ctx, partner, 'POST', BASE, { name, country: 'US', admin: { email: `weak-${Date.now()}@example.test`, name: 'X', password: 'password1234' } });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'PASSWORD_TOO_WEAK');
    assert.equal(res.body.errors[0].field, 'body.admin.password');
    const orgs = await ctx.db.withOwner((tx) => tx.selectFrom('organizations').select('id').where('name', '=', name).execute());
    assert.equal(orgs.length, 0);
  });

  it('lets global_admin, admin_agent and sales_agent of a direct partner or reseller create customers, and no other role', async () => {
    const ctx = await testContext();
    for (const model of ['direct', 'indirect_reseller'] as const) {
      const partner = await makePartner(ctx, model);
      const staff = await makeEveryPartnerRole(ctx, partner.org);
      for (const role of PARTNER_ROLES) {
        const res = await call(ctx, staff[role], 'POST', BASE, { name: `By ${role}`, country: 'US' });
        const allowed = role === 'global_admin' || role === 'admin_agent' || role === 'sales_agent';
        assert.equal(res.status, allowed ? 201 : 403, `${model} ${role}`);
        if (!allowed) assert.equal(res.body.code, 'PERMISSION_DENIED');
      }
    }
  });

  it('refuses providers, publishers, customers and the operator 403 when they create customers', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const providerRes = await call(ctx, provider, 'POST', BASE, { name: 'Nope', country: 'US' });
    assert.equal(providerRes.status, 403);
    assert.match(providerRes.body.detail, /provider/);
    for (const actor of [
      await makeActor(ctx, 'publisher', ['publisher_admin']), await makeActor(ctx, 'customer', ['customer_admin']),
      await makeActor(ctx, 'operator', ['operator_admin']),
    ]) {
      const res = await call(ctx, actor, 'POST', BASE, { name: 'Nope', country: 'US' });
      assert.equal(res.status, 403, actor.roles[0]);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
  });

  it('lists a partner\'s own customers to every role that reads customers, and refuses the others', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const mine = [await makeCustomer(ctx, partner), await makeCustomer(ctx, partner)];
    await makeCustomer(ctx, await makePartner(ctx, 'direct'));
    const staff = await makeEveryPartnerRole(ctx, partner.org);
    for (const role of PARTNER_ROLES) {
      const res = await call(ctx, staff[role], 'GET', BASE);
      if (role === 'user_admin') {
        assert.equal(res.status, 403, role);
        continue;
      }
      assert.equal(res.status, 200, role);
      assert.deepEqual(idsOf(res.body).sort(), mine.map((c) => c.id).sort(), role);
    }
    for (const actor of [await makeActor(ctx, 'publisher', ['publisher_admin']), await makeActor(ctx, 'customer', ['customer_admin'])]) {
      assert.equal((await call(ctx, actor, 'GET', BASE)).status, 403, actor.roles[0]);
    }
  });

  it('shows a provider its active resellers\' customers, but not other resellers\' nor its invited or former resellers\'', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const active = await makePartner(ctx, 'indirect_reseller');
    const invited = await makePartner(ctx, 'indirect_reseller');
    const former = await makePartner(ctx, 'indirect_reseller');
    const stranger = await makePartner(ctx, 'indirect_reseller');
    await makeRelationship(ctx, provider, active, 'active');
    await makeRelationship(ctx, provider, invited, 'invited');
    await makeRelationship(ctx, provider, former, 'ended');
    const otherProvider = await makePartner(ctx, 'indirect_provider');
    await makeRelationship(ctx, otherProvider, stranger, 'active');
    const visible = await makeCustomer(ctx, active, { name: 'Visible' });
    const hidden = [await makeCustomer(ctx, invited), await makeCustomer(ctx, former), await makeCustomer(ctx, stranger)];
    // A customer shared by the active reseller and a stranger shows only the active reseller as partner.
    const shared = await makeCustomer(ctx, stranger, { name: 'Shared' });
    await linkCustomer(ctx, active, shared.id);

    const list = await call(ctx, provider, 'GET', BASE);
    assert.equal(list.status, 200);
    assert.deepEqual(idsOf(list.body).sort(), [visible.id, shared.id].sort());
    const sharedItem = list.body.items.find((c: { id: string }) => c.id === shared.id);
    assert.deepEqual(sharedItem.partners.map((p: { id: string }) => p.id), [active.orgId]);
    assert.equal((await call(ctx, provider, 'GET', `${BASE}/${visible.id}`)).status, 200);
    for (const c of hidden) {
      const res = await call(ctx, provider, 'GET', `${BASE}/${c.id}`);
      assert.equal(res.status, 404, c.name);
      assert.equal(res.body.code, 'CUSTOMER_NOT_FOUND');
    }
    assert.deepEqual(idsOf((await call(ctx, otherProvider, 'GET', BASE)).body).sort(), [hidden[2]!.id, shared.id].sort());
  });

  it('shows the operator every customer, and its readers each one', async () => {
    const ctx = await testContext();
    const a = await makeCustomer(ctx, await makePartner(ctx, 'direct'), { name: `Op-visible ${Date.now()} A` });
    const b = await makeCustomer(ctx, await makePartner(ctx, 'indirect_reseller'), { name: `Op-visible ${Date.now()} B` });
    for (const role of ['operator_admin', 'commerce_support'] as const) {
      const op = await makeActor(ctx, 'operator', [role]);
      const res = await call(ctx, op, 'GET', `${BASE}?q=${encodeURIComponent('Op-visible')}&limit=100`);
      assert.equal(res.status, 200, role);
      for (const c of [a, b]) assert.ok(idsOf(res.body).includes(c.id), role);
      assert.equal((await call(ctx, op, 'GET', `${BASE}/${a.id}`)).status, 200, role);
    }
  });

  it('answers 404 for another partner\'s customer, and 403 to a role that may not read it', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const customer = await makeCustomer(ctx, partner);
    for (const other of [
      await makePartner(ctx, 'direct'), await makePartner(ctx, 'indirect_reseller'), await makePartner(ctx, 'indirect_provider'),
      await makeActor(ctx, 'publisher', ['publisher_admin']), await makeActor(ctx, 'customer', ['customer_admin']),
    ]) {
      assert.equal((await call(ctx, other, 'GET', `${BASE}/${customer.id}`)).status, 404, other.roles[0]);
      assert.equal((await call(ctx, other, 'POST', `${BASE}/${customer.id}/relationship/end`)).status, 404, other.roles[0]);
    }
    const userAdmin = await makeUser(ctx, partner.org, ['user_admin']);
    assert.equal((await call(ctx, userAdmin, 'GET', `${BASE}/${customer.id}`)).status, 403);
    assert.equal((await call(ctx, partner, 'GET', `${BASE}/org_doesnotexist`)).status, 404);
  });

  it('lets the partner end its customer relationship once; its provider, and roles without customers.manage, get 403', async () => {
    const ctx = await testContext();
    const provider = await makePartner(ctx, 'indirect_provider');
    const reseller = await makePartner(ctx, 'indirect_reseller');
    await makeRelationship(ctx, provider, reseller, 'active');
    const customer = await makeCustomer(ctx, reseller);
    const url = `${BASE}/${customer.id}/relationship/end`;
    assert.equal((await call(ctx, provider, 'POST', url)).status, 403);
    const staff = await makeEveryPartnerRole(ctx, reseller.org);
    for (const role of ['helpdesk_agent', 'billing_admin', 'user_admin'] as const) {
      assert.equal((await call(ctx, staff[role], 'POST', url)).status, 403, role);
    }
    const ended = await call(ctx, staff.sales_agent, 'POST', url);
    assert.equal(ended.status, 200);
    assert.equal(ended.body.partners[0].status, 'ended');
    assert.ok(ended.body.partners[0].endedAt);
    const again = await call(ctx, reseller, 'POST', url);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'CUSTOMER_RELATIONSHIP_NOT_ACTIVE');
    // The former customer stays readable with its history, and filters by relationship status.
    assert.deepEqual(idsOf((await call(ctx, reseller, 'GET', `${BASE}?status=ended`)).body), [customer.id]);
    assert.deepEqual(idsOf((await call(ctx, reseller, 'GET', `${BASE}?status=active`)).body), []);
  });

  it('searches by name and pages through customers by name', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const names = ['Alpha Corp', 'Beta 100% Ltd', 'Gamma_Works', 'Delta Corp', 'Epsilon corp'];
    const made = new Map<string, string>();
    for (const name of names) made.set(name, (await makeCustomer(ctx, partner, { name })).id);
    const corp = await call(ctx, partner, 'GET', `${BASE}?q=corp`);
    assert.deepEqual(corp.body.items.map((c: { name: string }) => c.name), ['Alpha Corp', 'Delta Corp', 'Epsilon corp']);
    // LIKE wildcards in the query are matched literally.
    assert.deepEqual((await call(ctx, partner, 'GET', `${BASE}?q=${encodeURIComponent('100%')}`)).body.items.map((c: { name: string }) => c.name), ['Beta 100% Ltd']);
    assert.deepEqual((await call(ctx, partner, 'GET', `${BASE}?q=${encodeURIComponent('a_W')}`)).body.items.map((c: { name: string }) => c.name), ['Gamma_Works']);
    assert.deepEqual((await call(ctx, partner, 'GET', `${BASE}?q=${encodeURIComponent('%')}`)).body.items.map((c: { name: string }) => c.name), ['Beta 100% Ltd']);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await call(ctx, partner, 'GET', `${BASE}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length <= 2);
      seen.push(...res.body.items.map((c: { name: string }) => c.name));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, [...names].sort());
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const cases: [unknown, string[]][] = [
      [{}, ['body.name', 'body.country']],
      [{ name: 'X', country: 'kr' }, ['body.country']],
      [{ name: '', country: 'US' }, ['body.name']],
      [{ name: '   ', country: 'US' }, ['body.name']],
      [{ name: 'X', country: 'US', partnerId: 'org_x' }, ['body.partnerId']],
      [{ name: 'X', country: 'US', admin: { email: 'not-an-email', name: 'A', password: 'short' } }, ['body.admin.email', 'body.admin.password']],
      [{ name: 'X', country: 'US', admin: { email: 'a@example.test', name: 'A', password: 'a-long-enough-password', roles: ['customer_admin'] } }, ['body.admin.roles']],
      [{ name: 'x'.repeat(201), country: 'US' }, ['body.name']],
    ];
    for (const [body, fields] of cases) {
      const res = await call(ctx, partner, 'POST', BASE, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      for (const field of fields) assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${field} in ${JSON.stringify(res.body.errors)}`);
    }
    const malformed = await ctx.app.inject({ method: 'POST', url: BASE, headers: { ...partner.headers, 'content-type': 'application/json' }, payload: '{"name":' });
    assert.equal(malformed.statusCode, 400);
    assert.equal((await call(ctx, partner, 'GET', `${BASE}/NOT%20AN%20ID`)).status, 400);
    assert.equal((await call(ctx, partner, 'GET', `${BASE}?status=paused`)).status, 400);
    assert.equal((await call(ctx, partner, 'GET', `${BASE}?limit=0`)).status, 400);
    assert.equal((await call(ctx, partner, 'GET', `${BASE}?cursor=forged`)).body.code, 'INVALID_CURSOR');
    assert.equal((await call(ctx, null, 'POST', BASE, { name: 'X', country: 'US' })).status, 401);
  });

  it('tells other contexts whether a partner has an active relationship with a customer', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const active = await makeCustomer(ctx, partner);
    const ended = await makeCustomer(ctx, partner, { status: 'ended' });
    const other = await makeCustomer(ctx, await makePartner(ctx, 'direct'));
    const viewer = { userId: partner.userId, orgId: partner.orgId, orgKind: 'partner' as const, partnerModel: 'direct' as const, roles: ['global_admin' as const], via: 'token' as const };
    const check = (customerId: string, partnerId = partner.orgId) =>
      ctx.db.withTenant(viewer, (tx) => hasActiveCustomerRelationship(tx, partnerId, customerId));
    assert.equal(await check(active.id), true);
    assert.equal(await check(ended.id), false);
    assert.equal(await check(other.id), false);
  });
});
