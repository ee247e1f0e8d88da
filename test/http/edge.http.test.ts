import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { encodeCursor } from '../../src/core/cursor.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createHttpApplication } from '../../src/main/application.ts';
import { TEST_PUBLIC_URL, testContext, type TestContext } from '../harness.ts';
import { call, makeActor, TEST_PASSWORD } from '../factories.ts';

async function signIn(ctx: TestContext) {
  const admin = await makeActor(ctx, 'partner', ['global_admin']);
  const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email: admin.email, password: TEST_PASSWORD });
  assert.equal(res.status, 201);
  return { admin, cookie: String(res.headers['set-cookie']).split(';')[0]! };
}

function assertProblem(res: { status: number; headers: Record<string, unknown>; body?: { code?: string } }, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.body?.code, code);
}

describe('cookie writes must come from the public origin', () => {
  it('refuses a cookie write without an Origin header', async () => {
    const ctx = await testContext();
    const { cookie } = await signIn(ctx);
    assertProblem(await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie }), 403, 'CROSS_SITE_REQUEST');
  });

  it('refuses a cookie write from another origin, even with the same Host', async () => {
    const ctx = await testContext();
    const { cookie } = await signIn(ctx);
    assertProblem(await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie, origin: 'http://evil.example', host: 'evil.example' }), 403, 'CROSS_SITE_REQUEST');
    assertProblem(await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie, origin: 'http://127.0.0.1:3001' }), 403, 'CROSS_SITE_REQUEST');
  });

  for (const origin of ['null', 'http://[::1', '%%%', '']) {
    it(`refuses a cookie write with the unparseable Origin ${JSON.stringify(origin)} as 403 problem+json`, async () => {
      const ctx = await testContext();
      const { cookie } = await signIn(ctx);
      assertProblem(await call(ctx, null, 'DELETE', '/api/v1/sessions/current', undefined, { cookie, origin }), 403, 'CROSS_SITE_REQUEST');
    });
  }

  it('accepts a cookie write with Sec-Fetch-Site: same-origin and no Origin', async () => {
    const ctx = await testContext();
    const { cookie } = await signIn(ctx);
    assert.equal((await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie, 'sec-fetch-site': 'same-origin' })).status, 201);
  });

  it('refuses Sec-Fetch-Site: same-site or cross-site without an Origin', async () => {
    const ctx = await testContext();
    const { cookie } = await signIn(ctx);
    for (const site of ['same-site', 'cross-site', 'none']) {
      assertProblem(await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie, 'sec-fetch-site': site }), 403, 'CROSS_SITE_REQUEST');
    }
  });

  it('accepts a cookie write with the public origin, whatever the Host', async () => {
    const ctx = await testContext();
    const { cookie } = await signIn(ctx);
    assert.equal((await call(ctx, null, 'POST', '/api/v1/tokens', { name: 'x' }, { cookie, origin: TEST_PUBLIC_URL, host: 'internal:8080' })).status, 201);
  });

  it('leaves bearer-token writes and cookie reads alone', async () => {
    const ctx = await testContext();
    const { admin, cookie } = await signIn(ctx);
    assert.equal((await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'x' }, { origin: 'null' })).status, 201);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, { cookie, origin: 'http://[::1' })).status, 200);
  });
});

describe('bad input is a 4xx problem, never a 500', () => {
  it('refuses a NUL character in a body field, naming the field', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    const res = await call(ctx, admin, 'POST', '/api/v1/tokens', { name: 'a\u0000b' });
    assertProblem(res, 400, 'VALIDATION_FAILED');
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['body.name']);
  });

  it('refuses a NUL character in the query, a path parameter and a field name', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    const q = await call(ctx, admin, 'GET', '/api/v1/cases?q=a%00b');
    assertProblem(q, 400, 'VALIDATION_FAILED');
    assert.equal(q.body.errors[0].field, 'query.q');
    const p = await call(ctx, admin, 'GET', '/api/v1/cases/case_%00');
    assertProblem(p, 400, 'VALIDATION_FAILED');
    assert.equal(p.body.errors[0].field, 'params.caseId');
    assertProblem(await call(ctx, admin, 'PUT', '/api/v1/notification-preferences', { preferences: [{ eventType: 'case.closed', inApp: true, email: true, 'x\u0000': 1 }] }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a number too large for a double in the query ("1e309", which Ajv coerces to Infinity)', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    for (const url of ['/api/v1/tokens?limit=1e309', '/api/v1/incidents?limit=-1e400', '/api/v1/cases?limit=1e309']) {
      const res = await call(ctx, admin, 'GET', url);
      assertProblem(res, 400, 'VALIDATION_FAILED');
      assert.equal(res.body.errors[0].field, 'query.limit');
    }
    assert.equal((await call(ctx, admin, 'GET', '/api/v1/tokens?limit=1e1')).status, 200);
  });

  it('refuses crafted cursors: year 0, year ±275760, a NUL in a key, wrong types', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    const crafted = [
      encodeCursor(['0000-01-01T00:00:00.000Z', 'x']), encodeCursor(['+275760-09-13T00:00:00.000Z', 'x']),
      encodeCursor(['-271821-04-20T00:00:00.000Z', 'x']), encodeCursor(['2026-01-01T00:00:00.000Z', 'a\u0000']),
      Buffer.from('[1e999,"x"]').toString('base64url'), Buffer.from('[{"a":1},null]').toString('base64url'),
    ];
    for (const cursor of crafted) {
      for (const path of ['/api/v1/tokens', '/api/v1/notifications', '/api/v1/subscriptions', '/api/v1/incidents', '/api/v1/webhooks/endpoints']) {
        const res = await call(ctx, admin, 'GET', `${path}?cursor=${encodeURIComponent(cursor)}`);
        assertProblem(res, 400, 'INVALID_CURSOR');
      }
    }
  });

  it('answers an undecodable percent-encoding and an over-long id with problem details', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    const bad = await call(ctx, admin, 'GET', '/api/v1/cases/%ff%fe');
    assertProblem(bad, 400, 'VALIDATION_FAILED');
    assert.equal(bad.headers['x-content-type-options'], 'nosniff');
    assertProblem(await call(ctx, admin, 'GET', `/api/v1/cases/${'x'.repeat(10_000)}`), 400, 'VALIDATION_FAILED');
  });

  it('answers a body shorter than its Content-Length and a non-JSON body with problem details', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    const short = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...admin.headers, 'content-type': 'application/json', 'content-length': '100' }, payload: '{"name":"x"}' });
    assert.ok(short.statusCode >= 400 && short.statusCode < 500, short.body);
    assert.match(String(short.headers['content-type']), /problem\+json/);
    const xml = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...admin.headers, 'content-type': 'application/xml' }, payload: '<x/>' });
    assertProblem({ status: xml.statusCode, headers: xml.headers, body: JSON.parse(xml.body) }, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const text = await ctx.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...admin.headers, 'content-type': 'text/plain' }, payload: 'hi' });
    assertProblem({ status: text.statusCode, headers: text.headers, body: JSON.parse(text.body) }, 400, 'VALIDATION_FAILED');
  });

  it('answers a multipart upload without a boundary with problem details', async () => {
    const ctx = await testContext();
    const { admin } = await signIn(ctx);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/cases/case_x/messages/msg_x/attachments', headers: { ...admin.headers, 'content-type': 'multipart/form-data' }, payload: '{"a":' });
    assertProblem({ status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) }, 400, 'VALIDATION_FAILED');
  });

  it('answers malformed HTTP on a real socket with problem details', async () => {
    const ctx = await testContext();
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => null);
    const port = address ? Number(new URL(address).port) : (ctx.app.server.address() as { port: number }).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.write('GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('close', () => resolve(out));
      s.on('error', reject);
    });
    assert.match(raw, /^HTTP\/1\.1 400/);
    assert.match(raw, /content-type: application\/problem\+json/i);
    assert.match(raw, /"code":"VALIDATION_FAILED"/);
  });
});

describe('security headers', () => {
  it('sends the security headers and a strict CSP on every response, errors included', async () => {
    const ctx = await testContext();
    for (const url of ['/api/health', '/api/v1/no-such-route', '/api/v1/me', '/api/v1/docs']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      const csp = String(res.headers['content-security-policy']);
      for (const part of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'", "img-src 'self' data:", "object-src 'none'"]) {
        assert.ok(csp.includes(part), `${url}: ${csp} lacks ${part}`);
      }
      assert.ok(!/script-src[^;]*unsafe/.test(csp), csp);
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    }
  });

  it('sends HSTS only when cookies are Secure (behind HTTPS)', async () => {
    const ctx = await testContext();
    const { app } = await createHttpApplication(ctx.db, { sessionTtlHours: 1, cookieSecure: true, publicUrl: 'https://switchboard.example', logLevel: 'silent' }, ctx.jobs);
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
      assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/);
    } finally {
      await app.close();
    }
  });

  it('marks authenticated reads and problem details no-store, and leaves public reads cacheable', async () => {
    const ctx = await testContext();
    const { admin, cookie } = await signIn(ctx);
    assert.equal((await call(ctx, admin, 'GET', '/api/v1/me')).headers['cache-control'], 'no-store');
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me', undefined, { cookie })).headers['cache-control'], 'no-store');
    assert.equal((await call(ctx, admin, 'GET', '/api/v1/cases/case_missing')).headers['cache-control'], 'no-store');
    assert.equal((await call(ctx, null, 'GET', '/api/v1/me')).headers['cache-control'], 'no-store');
    assert.equal((await call(ctx, null, 'GET', '/api/health')).headers['cache-control'], undefined);
  });

  it('serves the API docs and their assets under the policy', async () => {
    const ctx = await testContext();
    const page = await ctx.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    assert.equal(page.statusCode, 200);
    // No inline script: every <script> loads a file from this origin, which `script-src 'self'` allows.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attrs, inline] of scripts) {
      assert.match(attrs!, /src="\.\/static\//);
      assert.equal(inline!.trim(), '');
    }
    for (const asset of ['swagger-ui-bundle.js', 'swagger-initializer.js', 'swagger-ui.css']) {
      assert.equal((await ctx.app.inject({ method: 'GET', url: `/api/v1/docs/static/${asset}` })).statusCode, 200, asset);
    }
  });
});

describe('while the database is unreachable', { skip: !process.env.TEST_DATABASE_URL && 'needs PostgreSQL (TEST_DATABASE_URL)' }, () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, never 500', async () => {
    const ctx = await testContext();
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const name = (await ctx.db.withOwner((tx) => sql<{ name: string }>`SELECT current_database() AS name`.execute(tx))).rows[0]!.name;
    // A TCP relay to the server that the test can cut, as a restart or a network fault would.
    const server = new URL(process.env.TEST_DATABASE_URL!);
    const sockets = new Set<Socket>();
    const relay: Server = createServer((client) => {
      const upstream = connect(Number(server.port || 5432), server.hostname);
      // Either side closing or failing (the server resets a terminated backend's socket) closes the other.
      for (const [s, other] of [[client, upstream], [upstream, client]] as const) {
        sockets.add(s);
        s.on('error', () => other.destroy());
        s.on('close', () => {
          sockets.delete(s);
          other.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const url = new URL(server);
    url.host = `127.0.0.1:${(relay.address() as { port: number }).port}`;
    url.pathname = `/${name}`;
    url.searchParams.set('application_name', 'sb-outage-test');
    const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    const { app } = await createHttpApplication(db, { sessionTtlHours: 1, cookieSecure: false, publicUrl: TEST_PUBLIC_URL, logLevel: 'silent' }, ctx.jobs);
    const me = () => app.inject({ method: 'GET', url: '/api/v1/me', headers: admin.headers });
    try {
      assert.equal((await me()).statusCode, 200);
      // The server ends the app's connections (as on a restart): each answer is a success or a 503.
      for (let i = 0; i < 5; i++) {
        await ctx.db.withOwner((tx) => sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sb-outage-test'`.execute(tx));
        const res = await me();
        assert.ok(res.statusCode === 200 || res.statusCode === 503, `${res.statusCode} ${res.body}`);
        if (res.statusCode === 503) assert.equal(res.headers['retry-after'], '5');
      }
      // The server can't be reached at all.
      relay.close();
      for (const s of sockets) s.destroy();
      for (let i = 0; i < 3; i++) {
        const res = await me();
        assert.equal(res.statusCode, 503, res.body);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(JSON.parse(res.body).code, 'SERVICE_UNAVAILABLE');
        assert.equal(res.headers['retry-after'], '5');
      }
    } finally {
      await app.close();
      await db.close().catch(() => {});
    }
  });
});
