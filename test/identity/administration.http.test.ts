/**
 * Who administers whom (src/core/user-admin-rules.ts) and e-mail addresses unique per
 * organization, through the HTTP API. Each takeover path of a user_admin is tried and refused;
 * a global_admin may take each of them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeOrg, makeUser, TEST_PASSWORD, type Actor } from '../factories.ts';

const NEW_PASSWORD = 'quiet lantern orbit 7';

async function tokenIdOf(ctx: TestContext, actor: Actor): Promise<string> {
  const row = await ctx.db.withOwner((tx) => tx.selectFrom('api_tokens').select('id').where('created_by', '=', actor.userId).executeTakeFirstOrThrow());
  return row.id;
}

async function rolesOf(ctx: TestContext, actor: Actor): Promise<string[]> {
  const row = await ctx.db.withOwner((tx) => tx.selectFrom('users').select('roles').where('id', '=', actor.userId).executeTakeFirstOrThrow());
  return row.roles;
}

describe('user administration over HTTP', () => {
  it('refuses a user_admin giving itself global_admin', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ua = await makeUser(ctx, org, ['user_admin']);
    const res = await call(ctx, ua, 'PATCH', `/api/v1/users/${ua.userId}`, { roles: ['user_admin', 'global_admin'] });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'ROLES_NOT_HELD');
    assert.deepEqual(res.body.roles, ['global_admin']);
    assert.deepEqual(await rolesOf(ctx, ua), ['user_admin']);
  });

  it('refuses a user_admin resetting a global_admin\'s password, so it can\'t sign in as them', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ua = await makeUser(ctx, org, ['user_admin']);
    const ga = await makeUser(ctx, org, ['global_admin']);
    const res = await call(ctx, ua, 'PUT', `/api/v1/users/${ga.userId}/password`, { password: NEW_PASSWORD });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'USER_HOLDS_ROLES_NOT_HELD');
    assert.equal((await call(ctx, null, 'POST', '/api/v1/sessions', { email: ga.email, password: NEW_PASSWORD })).status, 401);
    assert.equal((await call(ctx, ga, 'GET', '/api/v1/me')).status, 200);
  });

  it('refuses a user_admin creating a global_admin, or a user with any role it doesn\'t hold', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ua = await makeUser(ctx, org, ['user_admin']);
    for (const roles of [['global_admin'], ['admin_agent'], ['user_admin', 'helpdesk_agent']]) {
      const res = await call(ctx, ua, 'POST', '/api/v1/users', { email: `n-${roles.join('-')}@example.test`, name: 'N', roles, password: NEW_PASSWORD });
      assert.equal(res.status, 403, roles.join());
      assert.equal(res.body.code, 'ROLES_NOT_HELD');
    }
    const users = await ctx.db.withOwner((tx) => tx.selectFrom('users').select('id').where('org_id', '=', org.id).execute());
    assert.equal(users.length, 1);
  });

  it('refuses a user_admin disabling or editing a global_admin', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ua = await makeUser(ctx, org, ['user_admin']);
    const ga = await makeUser(ctx, org, ['global_admin']);
    for (const patch of [{ disabled: true }, { name: 'Renamed' }, { roles: ['helpdesk_agent'] }, { locale: 'ko' }]) {
      const res = await call(ctx, ua, 'PATCH', `/api/v1/users/${ga.userId}`, patch);
      assert.equal(res.status, 403, JSON.stringify(patch));
      assert.equal(res.body.code, 'USER_HOLDS_ROLES_NOT_HELD');
    }
    const me = await call(ctx, ga, 'GET', '/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.user.name, `User ${ga.email}`);
  });

  it('hides a global_admin\'s tokens from a user_admin and refuses revoking them', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ua = await makeUser(ctx, org, ['user_admin']);
    const ga = await makeUser(ctx, org, ['global_admin']);
    const gaToken = await tokenIdOf(ctx, ga);
    const list = await call(ctx, ua, 'GET', '/api/v1/tokens');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((t: { createdBy: string }) => t.createdBy), [ua.userId]);
    const res = await call(ctx, ua, 'DELETE', `/api/v1/tokens/${gaToken}`);
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'TOKEN_NOT_FOUND');
    assert.equal((await call(ctx, ga, 'GET', '/api/v1/me')).status, 200);
    // Its own token stays its own to revoke.
    assert.equal((await call(ctx, ua, 'DELETE', `/api/v1/tokens/${await tokenIdOf(ctx, ua)}`)).status, 200);
  });

  it('lets a user_admin manage users holding only roles it holds', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ua = await makeUser(ctx, org, ['user_admin', 'helpdesk_agent']);
    const created = await call(ctx, ua, 'POST', '/api/v1/users', { email: 'helper@example.test', name: 'Helper', roles: ['helpdesk_agent'], password: NEW_PASSWORD });
    assert.equal(created.status, 201);
    assert.equal((await call(ctx, ua, 'PATCH', `/api/v1/users/${created.body.id}`, { roles: ['helpdesk_agent', 'user_admin'] })).status, 200);
    assert.equal((await call(ctx, ua, 'PUT', `/api/v1/users/${created.body.id}/password`, { password: `${NEW_PASSWORD} again` })).status, 204);
    assert.equal((await call(ctx, ua, 'PATCH', `/api/v1/users/${created.body.id}`, { disabled: true })).status, 200);
  });

  it('lets a global_admin do all of it: promote, reset, create, disable and edit global_admins, revoke their tokens', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const ga = await makeUser(ctx, org, ['global_admin']);
    const other = await makeUser(ctx, org, ['global_admin']);
    const ua = await makeUser(ctx, org, ['user_admin']);
    assert.equal((await call(ctx, ga, 'PATCH', `/api/v1/users/${ua.userId}`, { roles: ['user_admin', 'global_admin'] })).status, 200);
    assert.equal((await call(ctx, ga, 'PUT', `/api/v1/users/${other.userId}/password`, { password: NEW_PASSWORD })).status, 204);
    assert.equal((await call(ctx, null, 'POST', '/api/v1/sessions', { email: other.email, password: NEW_PASSWORD })).status, 201);
    const created = await call(ctx, ga, 'POST', '/api/v1/users', { email: 'ga2@example.test', name: 'GA two', roles: ['global_admin'] });
    assert.equal(created.status, 201);
    assert.equal((await call(ctx, ga, 'PATCH', `/api/v1/users/${created.body.id}`, { name: 'GA 2' })).status, 200);
    const list = await call(ctx, ga, 'GET', '/api/v1/tokens');
    assert.equal(list.body.items.length, 3);
    const third = await makeUser(ctx, org, ['global_admin']);
    const thirdToken = await tokenIdOf(ctx, third);
    assert.equal((await call(ctx, ga, 'DELETE', `/api/v1/tokens/${thirdToken}`)).status, 200);
    assert.equal((await call(ctx, third, 'GET', '/api/v1/me')).status, 401);
    assert.equal((await call(ctx, ga, 'PATCH', `/api/v1/users/${created.body.id}`, { disabled: true })).status, 200);
  });

  it('applies the same rule in publisher, operator and customer organizations', async () => {
    const ctx = await testContext();
    for (const [kind, head, member] of [['publisher', 'publisher_admin', 'support_engineer'], ['operator', 'operator_admin', 'commerce_support'], ['customer', 'customer_admin', 'customer_user']] as const) {
      const org = await makeOrg(ctx, kind);
      const admin = await makeUser(ctx, org, [head]);
      const user = await makeUser(ctx, org, [member]);
      assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${user.userId}`, { roles: [member, head] })).status, 200, kind);
      // Only the head role holds the head role: it may give it, and create its holders.
      assert.equal((await call(ctx, admin, 'POST', '/api/v1/users', { email: `${kind}-x@example.test`, name: 'X', roles: [head] })).status, 201, kind);
    }
  });
});

describe('e-mail addresses per organization over HTTP', () => {
  it('creates a user whose e-mail is taken in another organization, telling nothing of it', async () => {
    const ctx = await testContext();
    const elsewhere = await makeActor(ctx, 'partner', ['global_admin']);
    const customer = await makeActor(ctx, 'customer', ['customer_admin']);
    const res = await call(ctx, customer, 'POST', '/api/v1/users', { email: elsewhere.email.toUpperCase(), name: 'Same address', roles: ['customer_user'], password: NEW_PASSWORD });
    assert.equal(res.status, 201);
    assert.equal(res.body.email, elsewhere.email);
    const again = await call(ctx, customer, 'POST', '/api/v1/users', { email: elsewhere.email, name: 'Twice', roles: ['customer_user'] });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'EMAIL_TAKEN');
  });

  it('signs each user in with their own password', async () => {
    const ctx = await testContext();
    const first = await makeActor(ctx, 'partner', ['global_admin']);
    const customer = await makeActor(ctx, 'customer', ['customer_admin']);
    const created = await call(ctx, customer, 'POST', '/api/v1/users', { email: first.email, name: 'Second', roles: ['customer_user'], password: NEW_PASSWORD });
    assert.equal(created.status, 201);
    const a = await call(ctx, null, 'POST', '/api/v1/sessions', { email: first.email, password: TEST_PASSWORD });
    assert.equal(a.status, 201);
    assert.equal(a.body.user.id, first.userId);
    const b = await call(ctx, null, 'POST', '/api/v1/sessions', { email: first.email, password: NEW_PASSWORD });
    assert.equal(b.status, 201);
    assert.equal(b.body.user.id, created.body.id);
    assert.equal(b.body.organization.id, customer.orgId);
  });

  it('asks which organization when one password matches users of several, naming only those', async () => {
    const ctx = await testContext();
    const email = `shared-${Date.now()}@example.test`;
    const orgs = [await makeOrg(ctx, 'partner'), await makeOrg(ctx, 'customer'), await makeOrg(ctx, 'publisher')];
    const one = await makeUser(ctx, orgs[0]!, ['global_admin'], { email });
    const two = await makeUser(ctx, orgs[1]!, ['customer_admin'], { email });
    const three = await makeUser(ctx, orgs[2]!, ['publisher_admin'], { email });
    // The third user has another password: it is not one the person proved.
    assert.equal((await call(ctx, three, 'PUT', `/api/v1/users/${three.userId}/password`, { password: NEW_PASSWORD, currentPassword: TEST_PASSWORD })).status, 204);
    const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: TEST_PASSWORD });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'ORGANIZATION_CHOICE_REQUIRED');
    assert.deepEqual([...res.body.organizationIds].sort(), [one.orgId, two.orgId].sort());
    assert.deepEqual(res.body.organizations.map((o: { id: string }) => o.id).sort(), [one.orgId, two.orgId].sort());
    assert.equal(res.headers['set-cookie'], undefined);
    const chosen = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: TEST_PASSWORD, organizationId: two.orgId });
    assert.equal(chosen.status, 201);
    assert.equal(chosen.body.user.id, two.userId);
    const wrongOrg = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: TEST_PASSWORD, organizationId: three.orgId });
    assert.equal(wrongOrg.status, 401);
    assert.equal((await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: NEW_PASSWORD })).body.user.id, three.userId);
  });
});
