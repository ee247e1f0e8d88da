/**
 * Rate limits through HTTP: sign-in throttling per address and e-mail, per address, overall and
 * per process, the bound on concurrent password checks, and the API limits per credential, per
 * organization and per unauthenticated address, with the IETF RateLimit fields and 429 +
 * Retry-After. Each test builds its own application over the file's database with low limits
 * (the harness's application has none), and its own client addresses, so tests don't share
 * buckets; two applications over one database share every count.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { NO_RATE_LIMITS, type RateLimitSettings } from '../../src/http/rate-limits.ts';
import type { App } from '../../src/http/app.ts';
import { createHttpApplication, type ApplicationSettings } from '../../src/main/application.ts';
import { createRateLimitService } from '../../src/modules/rate-limits/index.ts';
import { makeActor, makeUser, TEST_PASSWORD } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';

const apps: App[] = [];
after(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function limitedApp(ctx: TestContext, limits: Partial<RateLimitSettings>, extra: Partial<ApplicationSettings> = {}): Promise<App> {
  const settings = {
    sessionTtlHours: 24, cookieSecure: false, publicUrl: 'http://127.0.0.1:3000', logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    rateLimits: { ...NO_RATE_LIMITS, ...limits }, ...extra,
  };
  const { app } = await createHttpApplication(ctx.db, settings, ctx.jobs);
  await app.ready();
  apps.push(app);
  return app;
}

/** A client address of its own for a test. */
const address = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0]!).join('.')}`;

async function send(app: App, from: string, method: 'GET' | 'POST', url: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await app.inject({
    method, url, remoteAddress: from,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, headers: res.headers, body: type.includes('json') && res.body ? JSON.parse(res.body) : undefined };
}

const signIn = (app: App, from: string, email: string, password = 'not the password') =>
  send(app, from, 'POST', '/api/v1/sessions', { body: { email, password } });

/** The parameters of one policy's member in a RateLimit or RateLimit-Policy field. */
function member(field: unknown, name: string): Record<string, number> | undefined {
  for (const part of String(field ?? '').split(',')) {
    const [id, ...params] = part.trim().split(';');
    if (id === `"${name}"`) return Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k!, Number(v)]));
  }
  return undefined;
}

function assertLimited(res: Awaited<ReturnType<typeof send>>, policy: string) {
  assert.equal(res.status, 429);
  assert.equal(res.body.code, 'RATE_LIMITED');
  assert.equal(res.body.policy, policy);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  const retryAfter = Number(res.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers['retry-after']}`);
}

describe('rate limits', { concurrency: false }, () => {
  it('refuses the attempt past the limit per address and e-mail, even with the right password, and no one else', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { signInPerAddressAndEmailPerMinute: 3 });
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const from = address();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn(app, from, admin.email)).status);
    assert.deepEqual(statuses, [401, 401, 401]);
    const limited = await signIn(app, from, admin.email, TEST_PASSWORD);
    assertLimited(limited, 'signin-email');
    assert.deepEqual(member(limited.headers['ratelimit-policy'], 'signin-email'), { q: 3, w: 60 });
    assert.equal(member(limited.headers.ratelimit, 'signin-email')?.r, 0);
    // The same e-mail from another address, and another e-mail from this one, are still heard.
    assert.equal((await signIn(app, address(), admin.email, TEST_PASSWORD)).status, 201);
    assert.equal((await signIn(app, from, 'someone-else@example.test')).status, 401);
  });

  it('limits a burst of sign-ins with distinct e-mails from one address', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { signInPerAddressAndEmailPerMinute: 10, signInPerAddressPerMinute: 5 });
    const from = address();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(app, from, `nobody-${i}-${randomBytes(3).toString('hex')}@example.test`)));
    assert.equal(answers.filter((a) => a.status === 401).length, 5);
    const limited = answers.filter((a) => a.status === 429);
    assert.equal(limited.length, 7);
    for (const a of limited) assertLimited(a, 'signin-address');
    // Another address is not affected.
    assert.equal((await signIn(app, address(), 'nobody@example.test')).status, 401);
  });

  it('caps sign-ins from every address together', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { signInPerMinute: 1_000 });
    // Other tests of this file count in the same overall bucket: start from what is left.
    const first = await signIn(app, address(), 'nobody@example.test');
    assert.equal(first.status, 401);
    const left = member(first.headers.ratelimit, 'signin')!.r!;
    const capped = await limitedApp(ctx, { signInPerMinute: 1_000 - left + 2 });
    assert.equal((await signIn(capped, address(), 'nobody@example.test')).status, 401);
    assert.equal((await signIn(capped, address(), 'nobody@example.test')).status, 401);
    assertLimited(await signIn(capped, address(), 'nobody@example.test'), 'signin');
  });

  it('caps the sign-ins one process accepts per second', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { signInPerSecondPerProcess: 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => signIn(app, address(), 'nobody@example.test')));
    assert.equal(answers.filter((a) => a.status === 401).length, 3);
    for (const a of answers.filter((x) => x.status !== 401)) assertLimited(a, 'signin-process');
  });

  it('answers 503 with Retry-After when every password-check slot and the queue are taken', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, {}, { signInHashes: { concurrency: 1, queueSize: 0 } });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(app, address(), `nobody-${i}@example.test`)));
    const busy = answers.filter((a) => a.status === 503);
    assert.ok(busy.length >= 1, `statuses ${answers.map((a) => a.status).join(',')}`);
    assert.ok(answers.some((a) => a.status === 401));
    assert.ok(answers.every((a) => a.status === 401 || a.status === 503));
    for (const a of busy) {
      assert.equal(a.body.code, 'SERVICE_UNAVAILABLE');
      assert.equal(a.headers['retry-after'], '1');
    }
  });

  it('shares the sign-in counts between two applications over one database', async () => {
    const ctx = await testContext();
    const one = await limitedApp(ctx, { signInPerAddressAndEmailPerMinute: 3 });
    const two = await limitedApp(ctx, { signInPerAddressAndEmailPerMinute: 3 });
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const from = address();
    assert.equal((await signIn(one, from, admin.email)).status, 401);
    assert.equal((await signIn(two, from, admin.email)).status, 401);
    assert.equal((await signIn(one, from, admin.email)).status, 401);
    assertLimited(await signIn(two, from, admin.email, TEST_PASSWORD), 'signin-email');
    assertLimited(await signIn(one, from, admin.email, TEST_PASSWORD), 'signin-email');
  });

  it('refuses the call past the limit per API token with RateLimit fields, and not other tokens', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { perCredentialPerMinute: 5, perOrganizationPerMinute: 100 });
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const colleague = await makeUser(ctx, admin.org, ['global_admin']);
    const from = address();
    for (let i = 0; i < 5; i++) {
      const ok = await send(app, from, 'GET', '/api/v1/me', { headers: admin.headers });
      assert.equal(ok.status, 200);
      assert.deepEqual(member(ok.headers['ratelimit-policy'], 'credential'), { q: 5, w: 60 });
      assert.deepEqual(member(ok.headers['ratelimit-policy'], 'organization'), { q: 100, w: 60 });
      const left = member(ok.headers.ratelimit, 'credential')!;
      assert.equal(left.r, 4 - i);
      assert.ok(left.t! >= 1 && left.t! <= 60);
    }
    const limited = await send(app, from, 'GET', '/api/v1/me', { headers: admin.headers });
    assertLimited(limited, 'credential');
    assert.equal(member(limited.headers.ratelimit, 'credential')?.r, 0);
    assert.ok(member(limited.headers['ratelimit-policy'], 'credential'));
    const other = await send(app, from, 'GET', '/api/v1/me', { headers: colleague.headers });
    assert.equal(other.status, 200);
    assert.equal(member(other.headers.ratelimit, 'credential')?.r, 4);
  });

  it('counts a session as a credential of its own', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { perCredentialPerMinute: 2 });
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const signedIn = await signIn(app, address(), admin.email, TEST_PASSWORD);
    assert.equal(signedIn.status, 201);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const from = address();
    assert.equal((await send(app, from, 'GET', '/api/v1/me', { headers: { cookie } })).status, 200);
    assert.equal((await send(app, from, 'GET', '/api/v1/me', { headers: { cookie } })).status, 200);
    assertLimited(await send(app, from, 'GET', '/api/v1/me', { headers: { cookie } }), 'credential');
    assert.equal((await send(app, from, 'GET', '/api/v1/me', { headers: admin.headers })).status, 200);
  });

  it('refuses the call past the limit per organization, for every token of it and no other organization', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { perCredentialPerMinute: 100, perOrganizationPerMinute: 4 });
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const colleague = await makeUser(ctx, admin.org, ['global_admin']);
    const stranger = await makeActor(ctx, 'partner', ['global_admin']);
    const from = address();
    for (const actor of [admin, colleague, admin, colleague]) assert.equal((await send(app, from, 'GET', '/api/v1/me', { headers: actor.headers })).status, 200);
    assertLimited(await send(app, from, 'GET', '/api/v1/me', { headers: colleague.headers }), 'organization');
    assertLimited(await send(app, from, 'GET', '/api/v1/me', { headers: admin.headers }), 'organization');
    assert.equal((await send(app, from, 'GET', '/api/v1/me', { headers: stranger.headers })).status, 200);
  });

  it('shares the API counts between two applications over one database', async () => {
    const ctx = await testContext();
    const one = await limitedApp(ctx, { perCredentialPerMinute: 3 });
    const two = await limitedApp(ctx, { perCredentialPerMinute: 3 });
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const from = address();
    assert.equal((await send(one, from, 'GET', '/api/v1/me', { headers: admin.headers })).status, 200);
    assert.equal((await send(two, from, 'GET', '/api/v1/me', { headers: admin.headers })).status, 200);
    assert.equal((await send(one, from, 'GET', '/api/v1/me', { headers: admin.headers })).status, 200);
    assertLimited(await send(two, from, 'GET', '/api/v1/me', { headers: admin.headers }), 'credential');
  });

  it('limits unauthenticated requests per address', async () => {
    const ctx = await testContext();
    const app = await limitedApp(ctx, { perAnonymousAddressPerMinute: 3 });
    const from = address();
    for (let i = 0; i < 3; i++) {
      const res = await send(app, from, 'GET', '/api/v1/me');
      assert.equal(res.status, 401);
      assert.deepEqual(member(res.headers['ratelimit-policy'], 'address'), { q: 3, w: 60 });
    }
    assertLimited(await send(app, from, 'GET', '/api/health'), 'address');
    assert.equal((await send(app, address(), 'GET', '/api/health')).status, 200);
  });

  it('sends no RateLimit fields when limits are off (the harness)', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: admin.headers });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.ratelimit, undefined);
    assert.equal(res.headers['ratelimit-policy'], undefined);
  });

  it('declares 429 and the RateLimit fields in the OpenAPI document', async () => {
    const ctx = await testContext();
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      components: { headers: Record<string, unknown> };
      paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    assert.ok(doc.components.headers['RateLimit-Policy'] && doc.components.headers.RateLimit && doc.components.headers['Retry-After']);
    const me = doc.paths['/api/v1/me']!.get!.responses;
    assert.ok(me['429'], 'GET /me declares 429');
    assert.ok(me['200']!.headers!.RateLimit && me['200']!.headers!['RateLimit-Policy']);
    assert.ok(me['429']!.headers!['Retry-After']);
    assert.ok(doc.paths['/api/v1/sessions']!.post!.responses['503']!.headers!['Retry-After']);
  });

  it('counts in memory while the database fails, and deletes ended buckets on write', async () => {
    const ctx = await testContext();
    const failing = { ...ctx.db, withoutTransaction: () => Promise.reject(new Error('database down')) };
    const errors: Error[] = [];
    const insured = createRateLimitService({ db: failing, onError: (e) => errors.push(e) });
    const bucket = { key: `test:${randomBytes(4).toString('hex')}`, limit: 2, windowSeconds: 60 };
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push((await insured.hit([bucket]))[0]!);
    assert.deepEqual(hits.map((h) => h.isExceeded), [false, false, true]);
    assert.ok(errors.length >= 1);

    const ended = `test-ended:${randomBytes(4).toString('hex')}`;
    await ctx.db.withOwner((tx) => sql`INSERT INTO rate_limit_buckets (key, hits, resets_at) VALUES (${ended}, 5, now() - interval '1 hour')`.execute(tx));
    let clock = Date.now();
    const store = createRateLimitService({ db: ctx.db, now: () => clock });
    clock += 61_000;
    await store.hit([bucket]);
    let left = 1;
    for (let i = 0; i < 40 && left > 0; i++) {
      left = (await ctx.db.withOwner((tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM rate_limit_buckets WHERE key = ${ended}`.execute(tx))).rows[0]!.n;
      if (left > 0) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(left, 0);
  });
});
