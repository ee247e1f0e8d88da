import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_PUBLIC_URL, testContext } from '../harness.ts';
import { call, makeActor, makeOrg, makeUser, TEST_PASSWORD } from '../factories.ts';

describe('identity over HTTP', () => {
  it('signs in with a password, sets an HTTP-only cookie, and knows the viewer at /me', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email: admin.email, password: TEST_PASSWORD });
    assert.equal(res.status, 201);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /sb_session=/);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await call(ctx, null, 'GET', '/api/v1/me', undefined, { cookie });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, admin.userId);
    assert.equal(me.body.organization.id, admin.orgId);
    assert.equal(me.body.via, 'session');
    assert.ok(me.body.permissions.includes('users.manage'));
    const out = await call(ctx, null, 'DELETE', '/api/v1/sessions/current', undefined, { cookie, origin: TEST_PUBLIC_URL });
    assert.equal(out.status, 204);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, { cookie })).status, 401);
  });

  it('forgets a user\'s expired sessions when the user signs in again', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    await ctx.db.withOwner((tx) => tx.insertInto('sessions').values({
      id: `ses_expired_${admin.userId}`, user_id: admin.userId, org_id: admin.orgId, token_hash: `expired-${admin.userId}`, expires_at: new Date(Date.now() - 60_000),
    }).execute());
    assert.equal((await call(ctx, null, 'POST', '/api/v1/sessions', { email: admin.email, password: TEST_PASSWORD })).status, 201);
    const left = await ctx.db.withOwner((tx) => tx.selectFrom('sessions').select(['id', 'expires_at']).where('user_id', '=', admin.userId).execute());
    assert.equal(left.length, 1);
    assert.ok(left[0]!.expires_at > new Date());
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const wrong = await call(ctx, null, 'POST', '/api/v1/sessions', { email: admin.email, password: 'not the password' });
    const unknown = await call(ctx, null, 'POST', '/api/v1/sessions', { email: 'nobody@example.test', password: 'whatever' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.code, 'INVALID_CREDENTIALS');
    assert.equal(unknown.body.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.match(String(wrong.headers['content-type']), /application\/problem\+json/);
  });

  // Sign-in throttling (per address and e-mail, per address, overall) is tested with limits on in
  // test/rate-limits/rate-limits.http.test.ts; this file's application runs without limits.

  it('answers 401 problem+json without credentials and for a forged token', async () => {
    const ctx = await testContext();
    const none = await call(ctx, null, 'GET', '/api/v1/me');
    assert.equal(none.status, 401);
    assert.equal(none.body.code, 'UNAUTHENTICATED');
    assert.ok(none.body.requestId);
    const forged = await call(ctx, null, 'GET', '/api/v1/me', undefined, { authorization: 'Bearer sbt_forged' });
    assert.equal(forged.status, 401);
  });

  it('names every bad field of a request body', async () => {
    const ctx = await testContext();
    const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email: 'not-an-email', extra: 1 });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['body.email', 'body.extra', 'body.password']);
  });

  it('answers malformed JSON with 400, never 500', async () => {
    const ctx = await testContext();
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/sessions', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    assert.equal(res.statusCode, 400);
    assert.equal(JSON.parse(res.body).code, 'VALIDATION_FAILED');
  });

  it('lets global_admin and user_admin manage users, and no one else', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    // Each gives only roles it holds (global_admin holds every partner role; see test/identity/administration.http.test.ts).
    for (const [role, given] of [['global_admin', 'helpdesk_agent'], ['user_admin', 'user_admin']] as const) {
      const admin = await makeUser(ctx, org, [role]);
      const created = await call(ctx, admin, 'POST', '/api/v1/users', { email: `new-${role}@example.test`, name: 'New', roles: [given] });
      assert.equal(created.status, 201, role);
      assert.deepEqual(created.body.roles, [given]);
    }
    for (const role of ['admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin'] as const) {
      const user = await makeUser(ctx, org, [role]);
      const res = await call(ctx, user, 'POST', '/api/v1/users', { email: `x-${role}@example.test`, name: 'X', roles: ['helpdesk_agent'] });
      assert.equal(res.status, 403, role);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
      assert.equal((await call(ctx, user, 'GET', '/api/v1/users')).status, 403, role);
      assert.equal((await call(ctx, user, 'POST', '/api/v1/tokens', { name: 't' })).status, 403, role);
    }
  });

  it('refuses roles of another kind of organization', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const res = await call(ctx, admin, 'POST', '/api/v1/users', { email: 'pub@example.test', name: 'P', roles: ['publisher_admin'] });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'ROLE_NOT_OF_KIND');
  });

  it('never shows or changes another organization\'s users: they answer 404', async () => {
    const ctx = await testContext();
    const a = await makeActor(ctx, 'partner', ['global_admin']);
    const b = await makeActor(ctx, 'partner', ['global_admin']);
    assert.equal((await call(ctx, a, 'GET', `/api/v1/users/${b.userId}`)).status, 404);
    assert.equal((await call(ctx, a, 'PATCH', `/api/v1/users/${b.userId}`, { name: 'Hijacked' })).status, 404);
    assert.equal((await call(ctx, a, 'PUT', `/api/v1/users/${b.userId}/password`, { password: 'a-new-long-password' })).status, 404);
    const list = await call(ctx, a, 'GET', '/api/v1/users');
    assert.deepEqual(list.body.items.map((u: { id: string }) => u.id), [a.userId]);
  });

  it('shows an API token once, stores it hashed, and stops accepting it when revoked', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'publisher', ['publisher_admin']);
    const created = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'ci' });
    assert.equal(created.status, 201);
    const secret: string = created.body.token;
    assert.match(secret, /^sbt_/);
    const stored = await ctx.db.withOwner((tx) => tx.selectFrom('api_tokens').select(['token_hash']).where('id', '=', created.body.info.id).executeTakeFirstOrThrow());
    assert.notEqual(stored.token_hash, secret);
    assert.ok(!JSON.stringify(await call(ctx, admin, 'GET', '/api/v1/tokens')).includes(secret));
    const me = await call(ctx, null, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${secret}` });
    assert.equal(me.status, 200);
    assert.equal(me.body.via, 'token');
    assert.equal((await call(ctx, admin, 'DELETE', `/api/v1/tokens/${created.body.info.id}`)).status, 200);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${secret}` })).status, 401);
  });

  it('refuses a token with roles its creator does not hold', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['user_admin']);
    const res = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'x', roles: ['global_admin'] });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'TOKEN_ROLES_NOT_HELD');
  });

  it('disabling a user ends its access', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'customer');
    const admin = await makeUser(ctx, org, ['customer_admin']);
    const user = await makeUser(ctx, org, ['customer_user']);
    assert.equal((await call(ctx, user, 'GET', '/api/v1/me')).status, 200);
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${user.userId}`, { disabled: true })).status, 200);
    assert.equal((await call(ctx, user, 'GET', '/api/v1/me')).status, 401);
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${admin.userId}`, { disabled: true })).body.code, 'SELF_LOCKOUT');
  });

  it('refuses a cookie-borne change from another origin', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email: admin.email, password: TEST_PASSWORD });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const cross = await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie, origin: 'https://evil.example', host: 'localhost:80' });
    assert.equal(cross.status, 403);
    assert.equal(cross.body.code, 'CROSS_SITE_REQUEST');
  });

  it('lets only the operator create organizations', async () => {
    const ctx = await testContext();
    const op = await makeActor(ctx, 'operator', ['operator_admin']);
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const body = { kind: 'partner', name: 'Contoso Reseller', partnerModel: 'indirect_reseller', country: 'KR', admin: { email: `ga-${Date.now()}@contoso.test`, name: 'GA', password: 'long-enough-password' } };
    assert.equal((await call(ctx, partner, 'POST', '/api/v1/organizations', body)).status, 403);
    const created = await call(ctx, op, 'POST', '/api/v1/organizations', body);
    assert.equal(created.status, 201);
    assert.equal(created.body.organization.partnerModel, 'indirect_reseller');
    assert.deepEqual(created.body.admin.roles, ['global_admin']);
    const signIn = await call(ctx, null, 'POST', '/api/v1/sessions', { email: body.admin.email, password: body.admin.password });
    assert.equal(signIn.status, 201);
  });

  it('serves the OpenAPI 3.1 document and a health check', async () => {
    const ctx = await testContext();
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    assert.ok(doc.body.paths['/api/v1/me']);
    assert.equal((await call(ctx, null, 'GET', '/api/health')).body.status, 'ok');
    const missing = await call(ctx, null, 'GET', '/api/v1/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'ROUTE_NOT_FOUND');
  });
});
