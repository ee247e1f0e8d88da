/**
 * How credentials live and end, through the HTTP API: tokens die with a password reset or a
 * disable and stay dead, tokens expire, changing one's own password needs the current one and
 * ends the other sessions, a user lists and ends their sessions, and weak passwords are refused.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { newId } from '../../src/db/ids.ts';
import { createIdentityService } from '../../src/modules/identity/index.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeOrg, makeUser, TEST_PASSWORD, type Actor } from '../factories.ts';

const NEW_PASSWORD = 'quiet lantern orbit 7';
const DAY = 86_400_000;

async function signIn(ctx: TestContext, email: string, password: string, userAgent = 'test-agent/1') {
  const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password }, { 'user-agent': userAgent });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return String(res.headers['set-cookie']).split(';')[0]!;
}

// A browser of the console sends Sec-Fetch-Site; cookie-borne changes need it or a matching Origin.
const asCookie = (cookie: string) => ({ cookie, 'sec-fetch-site': 'same-origin' });

async function liveTokens(ctx: TestContext, actor: Actor) {
  return ctx.db.withOwner((tx) => tx.selectFrom('api_tokens').select(['id', 'revoked_at']).where('created_by', '=', actor.userId).execute());
}

describe('credentials over HTTP', () => {
  it('revokes every token and ends every session of a user whose password an administrator resets', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const admin = await makeUser(ctx, org, ['global_admin']);
    const user = await makeUser(ctx, org, ['admin_agent']);
    const cookie = await signIn(ctx, user.email, TEST_PASSWORD);
    assert.equal((await call(ctx, user, 'GET', '/api/v1/me')).status, 200);
    assert.equal((await call(ctx, admin, 'PUT', `/api/v1/users/${user.userId}/password`, { password: NEW_PASSWORD })).status, 204);
    assert.equal((await call(ctx, user, 'GET', '/api/v1/me')).status, 401);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(cookie))).status, 401);
    assert.ok((await liveTokens(ctx, user)).every((t) => t.revoked_at !== null));
    assert.equal((await call(ctx, admin, 'GET', '/api/v1/me')).status, 200);
  });

  it('ends a disabled user\'s tokens for good: enabling them again revives none', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'customer');
    const admin = await makeUser(ctx, org, ['customer_admin']);
    const user = await makeUser(ctx, org, ['customer_user']);
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${user.userId}`, { disabled: true })).status, 200);
    assert.equal((await call(ctx, user, 'GET', '/api/v1/me')).status, 401);
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${user.userId}`, { disabled: false })).status, 200);
    assert.equal((await call(ctx, user, 'GET', '/api/v1/me')).status, 401);
    // The user signs in again with their password and makes new credentials.
    assert.ok(await signIn(ctx, user.email, TEST_PASSWORD));
  });

  it('gives a token the default lifetime, a shorter one on request, never a longer one, and shows it', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'publisher', ['publisher_admin']);
    const before = Date.now();
    const byDefault = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'default' });
    assert.equal(byDefault.status, 201);
    const lifetime = Date.parse(byDefault.body.info.expiresAt) - before;
    assert.ok(Math.abs(lifetime - 90 * DAY) < 60_000, String(lifetime));
    const shorter = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'short', expiresInDays: 7 });
    assert.ok(Math.abs(Date.parse(shorter.body.info.expiresAt) - before - 7 * DAY) < 60_000);
    const longer = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'long', expiresInDays: 91 });
    assert.equal(longer.status, 400);
    assert.equal(longer.body.code, 'VALIDATION_FAILED');
    assert.equal(longer.body.errors[0].field, 'body.expiresInDays');
    const list = await call(ctx, admin, 'GET', '/api/v1/tokens');
    assert.ok(list.body.items.every((t: { expiresAt: string | null }) => typeof t.expiresAt === 'string'));
  });

  it('refuses an expired token', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const secret = `sbt_${randomBytes(32).toString('base64url')}`;
    await ctx.db.withOwner((tx) => tx.insertInto('api_tokens').values({
      id: newId('apiToken'), org_id: admin.orgId, created_by: admin.userId, name: 'old', roles: ['global_admin'],
      token_hash: createHash('sha256').update(secret).digest('hex'), prefix: secret.slice(0, 10), expires_at: new Date(Date.now() - 1_000),
    }).execute());
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${secret}` })).status, 401);
  });

  it('ends a token when its lifetime is over, by the service\'s clock', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    let at = new Date();
    const identity = createIdentityService({ db: ctx.db, sessionTtlHours: 24, tokenTtlDays: 30, now: () => at });
    const viewer = { userId: admin.userId, orgId: admin.orgId, orgKind: 'partner' as const, partnerModel: 'direct' as const, roles: ['global_admin' as const], via: 'token' as const };
    const { token, info } = await identity.createToken(viewer, { name: 'clocked' });
    assert.equal(Date.parse(info.expiresAt) - at.getTime(), 30 * DAY);
    at = new Date(at.getTime() + 30 * DAY - 1_000);
    assert.ok(await identity.authenticate({ kind: 'token', secret: token }));
    at = new Date(at.getTime() + 2_000);
    assert.equal(await identity.authenticate({ kind: 'token', secret: token }), null);
  });

  it('records when a session was last seen at most every five minutes, not on every request', async () => {
    const ctx = await testContext();
    const user = await makeActor(ctx, 'partner', ['helpdesk_agent']);
    let at = new Date();
    const identity = createIdentityService({ db: ctx.db, sessionTtlHours: 24, now: () => at });
    const { sessionToken } = await identity.signIn(user.email, TEST_PASSWORD, { ip: '192.0.2.7', userAgent: 'clock/1' });
    const seen = () => ctx.db.withOwner((tx) => tx.selectFrom('sessions').select(['last_seen_at', 'ip', 'user_agent']).where('user_id', '=', user.userId).executeTakeFirstOrThrow());
    at = new Date(at.getTime() + 60_000);
    assert.ok(await identity.authenticate({ kind: 'session', secret: sessionToken }));
    assert.deepEqual(await seen(), { last_seen_at: null, ip: '192.0.2.7', user_agent: 'clock/1' });
    at = new Date(at.getTime() + 5 * 60_000);
    assert.ok(await identity.authenticate({ kind: 'session', secret: sessionToken }));
    assert.equal((await seen()).last_seen_at?.getTime(), at.getTime());
  });

  it('changes one\'s own password only with the current one, ending the other sessions and keeping this one', async () => {
    const ctx = await testContext();
    const user = await makeActor(ctx, 'partner', ['helpdesk_agent']);
    const here = await signIn(ctx, user.email, TEST_PASSWORD, 'here/1');
    const there = await signIn(ctx, user.email, TEST_PASSWORD, 'there/1');
    const url = `/api/v1/users/${user.userId}/password`;
    const missing = await call(ctx, null, 'PUT', url, { password: NEW_PASSWORD }, asCookie(here));
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].field, 'body.currentPassword');
    const wrong = await call(ctx, null, 'PUT', url, { password: NEW_PASSWORD, currentPassword: 'not my password at all' }, asCookie(here));
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.code, 'CURRENT_PASSWORD_INCORRECT');
    assert.equal((await call(ctx, null, 'PUT', url, { password: NEW_PASSWORD, currentPassword: TEST_PASSWORD }, asCookie(here))).status, 204);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(here))).status, 200);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(there))).status, 401);
    assert.equal((await call(ctx, null, 'POST', '/api/v1/sessions', { email: user.email, password: TEST_PASSWORD })).status, 401);
    assert.ok(await signIn(ctx, user.email, NEW_PASSWORD));
  });

  it('lists one\'s own sessions with their client and ends one or all others', async () => {
    const ctx = await testContext();
    const org = await makeOrg(ctx, 'partner');
    const user = await makeUser(ctx, org, ['sales_agent']);
    const colleague = await makeUser(ctx, org, ['sales_agent']);
    const a = await signIn(ctx, user.email, TEST_PASSWORD, 'browser-a/1');
    const b = await signIn(ctx, user.email, TEST_PASSWORD, 'browser-b/2');
    const c = await signIn(ctx, user.email, TEST_PASSWORD, 'browser-c/3');
    const theirs = await signIn(ctx, colleague.email, TEST_PASSWORD);
    const list = await call(ctx, null, 'GET', '/api/v1/sessions', undefined, asCookie(a));
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 3);
    const current = list.body.items.filter((s: { current: boolean }) => s.current);
    assert.equal(current.length, 1);
    assert.equal(current[0].userAgent, 'browser-a/1');
    assert.ok(current[0].ip);
    assert.ok(current[0].expiresAt && current[0].createdAt);
    const bId = list.body.items.find((s: { userAgent: string }) => s.userAgent === 'browser-b/2').id;
    assert.equal((await call(ctx, null, 'DELETE', `/api/v1/sessions/${bId}`, undefined, asCookie(a))).status, 204);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(b))).status, 401);
    // Another user's session answers as a missing one.
    const colleagueSession = (await call(ctx, null, 'GET', '/api/v1/sessions', undefined, asCookie(theirs))).body.items[0].id;
    const foreign = await call(ctx, null, 'DELETE', `/api/v1/sessions/${colleagueSession}`, undefined, asCookie(a));
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'SESSION_NOT_FOUND');
    const others = await call(ctx, null, 'DELETE', '/api/v1/sessions/others', undefined, asCookie(a));
    assert.deepEqual(others.body, { ended: 1 });
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(c))).status, 401);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(a))).status, 200);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, asCookie(theirs))).status, 200);
  });
});

describe('password strength over HTTP', () => {
  it('refuses common passwords and ones containing the user\'s e-mail or name, with a hint', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ email: 'weak@example.test', name: 'Weak', password: 'password1234' }, /common/i],
      [{ email: 'jane.doe@example.test', name: 'J', password: 'JaneDoe-loves-mountains' }, /e-mail/],
      [{ email: 'x1@example.test', name: 'Bartholomew Fitzgerald', password: 'bartholomew fitzgerald!' }, /name/],
    ];
    for (const [body, hint] of cases) {
      const res = await call(ctx, admin, 'POST', '/api/v1/users', { ...body, roles: ['helpdesk_agent'] });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.code, 'PASSWORD_TOO_WEAK');
      assert.equal(res.body.errors[0].field, 'body.password');
      assert.match(res.body.hint, hint);
    }
  });

  it('refuses a weak password wherever a person sets one', async () => {
    const ctx = await testContext();
    const op = await makeActor(ctx, 'operator', ['operator_admin']);
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const weak = 'qwertyuiop123456';
    const org = await call(ctx, op, 'POST', '/api/v1/organizations', { kind: 'publisher', name: 'Weakly', country: 'US', admin: { email: 'w@weakly.test', name: 'W', password: weak } });
    assert.equal(org.body.code, 'PASSWORD_TOO_WEAK');
    assert.equal(org.body.errors[0].field, 'body.admin.password');
    const customer = await call(ctx, partner, 'POST', '/api/v1/customers', { name: 'Weak Co', country: 'US', admin: { email: 'c@weak.test', name: 'C', password: weak } });
    assert.equal(customer.body.code, 'PASSWORD_TOO_WEAK');
    const reset = await call(ctx, partner, 'PUT', `/api/v1/users/${partner.userId}/password`, { password: weak, currentPassword: TEST_PASSWORD });
    assert.equal(reset.status, 422);
    assert.equal(reset.body.code, 'PASSWORD_TOO_WEAK');
    assert.ok(await signIn(ctx, partner.email, TEST_PASSWORD));
  });
});
