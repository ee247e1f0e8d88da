/**
 * Identity writes its changes into the audit log: sign-ins (and refusals, in the log of the
 * organization whose user was named), sign-outs, sessions ended, users created and changed, roles,
 * passwords and tokens — never a password or a token secret.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, makeActor, makeUser, TEST_PASSWORD, type Actor } from '../factories.ts';
import { testContext } from '../harness.ts';

const ctx = await testContext();
const UA = 'audit-test/1.0 (identity)';
const ORIGIN = { 'sec-fetch-site': 'same-origin' };

interface Entry {
  orgId: string | null; action: string; actorUserId: string | null; via: string; subjectType: string; subjectId: string | null;
  changes: Record<string, { before: unknown; after: unknown }>; details: Record<string, unknown>; ip: string | null; userAgent: string | null;
}

async function logOf(reader: Actor): Promise<Entry[]> {
  const res = await call(ctx, reader, 'GET', '/api/v1/audit-log?limit=100');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Entry[];
}

const signIn = (email: string, password: string) =>
  call(ctx, null, 'POST', '/api/v1/sessions', { email, password }, { 'user-agent': UA });

describe('audit entries of identity', () => {
  it('a sign-in, a refused sign-in and a sign-out are in the organization\'s log with address and user agent', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const agent = await makeUser(ctx, admin.org, ['helpdesk_agent']);
    assert.equal((await signIn(agent.email, 'not the password at all')).status, 401);
    const ok = await signIn(agent.email, TEST_PASSWORD);
    assert.equal(ok.status, 201);
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const out = await call(ctx, null, 'DELETE', '/api/v1/sessions/current', undefined, { cookie, 'user-agent': UA, ...ORIGIN });
    assert.equal(out.status, 204);

    const entries = await logOf(admin);
    const actions = entries.map((e) => e.action);
    assert.deepEqual(actions.slice(0, 3), ['auth.signed_out', 'auth.signed_in', 'auth.sign_in_failed']);
    const failed = entries[2]!;
    assert.equal(failed.details.reason, 'wrong_password');
    assert.equal(failed.userAgent, UA);
    const signedIn = entries[1]!;
    assert.equal(signedIn.actorUserId, agent.userId);
    assert.equal(signedIn.via, 'session');
    assert.equal(signedIn.userAgent, UA);
    assert.ok(signedIn.ip, 'the client address is recorded');
    assert.ok(!JSON.stringify(entries).includes(TEST_PASSWORD));
  });

  it('a sign-in with an unknown e-mail is in no organization\'s log, only the operator\'s view', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    const email = `nobody-${Date.now()}@example.test`;
    assert.equal((await signIn(email, 'whatever it is today')).status, 401);
    assert.ok(!(await logOf(admin)).some((e) => e.details.email === email));
    const res = await call(ctx, operator, 'GET', '/api/v1/audit-log?orgId=none&action=auth.sign_in_failed&limit=100');
    assert.equal(res.status, 200);
    const mine = (res.body.items as Entry[]).filter((e) => e.details.email === email);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.details.reason, 'unknown_email');
  });

  it('users, roles, disabling, password resets and tokens: who did what, before → after, no secrets', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const created = await call(ctx, admin, 'POST', '/api/v1/users', { email: `new-${Date.now()}@example.test`, name: 'Dana Kim', roles: ['helpdesk_agent'], password: 'violet-orbit-canyon-42' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${id}`, { roles: ['helpdesk_agent', 'sales_agent'] })).status, 200);
    assert.equal((await call(ctx, admin, 'PATCH', `/api/v1/users/${id}`, { disabled: true })).status, 200);
    assert.equal((await call(ctx, admin, 'PUT', `/api/v1/users/${id}/password`, { password: 'amber-harbor-lantern-77' })).status, 204);
    const token = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'CI', roles: ['global_admin'] });
    assert.equal(token.status, 201, JSON.stringify(token.body));
    const tokenId = token.body.info?.id ?? token.body.id;
    assert.equal((await call(ctx, admin, 'DELETE', `/api/v1/tokens/${tokenId}`)).status < 300, true);

    const entries = await logOf(admin);
    const byAction = new Map(entries.map((e) => [e.action, e]));
    assert.deepEqual(byAction.get('user.created')?.changes.roles, { before: null, after: ['helpdesk_agent'] });
    assert.deepEqual(byAction.get('user.roles_changed')?.changes.roles, { before: ['helpdesk_agent'], after: ['helpdesk_agent', 'sales_agent'] });
    assert.deepEqual(byAction.get('user.disabled')?.changes.disabled, { before: false, after: true });
    assert.equal(byAction.get('user.password_reset')?.subjectId, id);
    assert.equal(byAction.get('token.created')?.subjectId, tokenId);
    assert.ok(byAction.has('token.revoked'));
    // A disable changed nothing else, so no user.updated entry was written for it.
    assert.ok(!byAction.has('user.updated'));
    const text = JSON.stringify(entries);
    for (const secret of [token.body.token as string, 'violet-orbit-canyon-42', 'amber-harbor-lantern-77']) assert.ok(!text.includes(secret));
    for (const e of entries) assert.equal(e.actorUserId, admin.userId);
  });
});
