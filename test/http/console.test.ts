/**
 * The web console served by the API server (src/http/console.ts), from a console directory made
 * here: pages and deep links answer index.html, assets are kept a year and sent precompressed,
 * everything under /api stays problem+json, an unbuilt console answers a 503 page in the
 * visitor's language, and no path reaches a file outside the directory.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/config.ts';
import { NO_RATE_LIMITS } from '../../src/http/rate-limits.ts';
import type { App } from '../../src/http/app.ts';
import { createHttpApplication } from '../../src/main/application.ts';
import { TEST_PUBLIC_URL, testContext, type TestContext } from '../harness.ts';
import { makeUser, makeOrg, TEST_PASSWORD } from '../factories.ts';

const INDEX = '<!doctype html><html lang="en"><head><title>Switchboard</title><script type="module" src="/assets/index-Bx1.js"></script></head><body><div id="root"></div></body></html>\n';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});\n`;
const SECRET = 'secret-outside-the-console-3f9a';
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const IMAGE = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

let ctx: TestContext;
let base: string;
let built: string;
let unbuilt: string;
const apps: App[] = [];

before(async () => {
  ctx = await testContext();
  // base/secret.json is beside the console directory: no request may read it.
  base = mkdtempSync(path.join(tmpdir(), 'sb-console-'));
  writeFileSync(path.join(base, 'secret.json'), JSON.stringify({ secret: SECRET }));
  built = path.join(base, 'dist');
  mkdirSync(path.join(built, 'assets'), { recursive: true });
  writeFileSync(path.join(built, 'index.html'), INDEX);
  writeFileSync(path.join(built, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  writeFileSync(path.join(built, '.env'), SECRET);
  writeFileSync(path.join(built, 'assets', 'index-Bx1.js'), SCRIPT);
  writeFileSync(path.join(built, 'assets', 'index-Bx1.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(built, 'assets', 'index-Bx1.js.gz'), gzipSync(SCRIPT));
  writeFileSync(path.join(built, 'assets', 'plain-C2.css'), 'body{margin:0}\n');
  unbuilt = path.join(base, 'not-built');
});

after(async () => {
  for (const app of apps) await app.close();
  rmSync(base, { recursive: true, force: true });
});

async function serve(consoleDir: string, extra: Partial<Parameters<typeof createHttpApplication>[1]> = {}): Promise<App> {
  const { app } = await createHttpApplication(ctx.db, { sessionTtlHours: 1, cookieSecure: false, publicUrl: TEST_PUBLIC_URL, logLevel: 'silent', consoleDir, ...extra }, ctx.jobs);
  apps.push(app);
  await app.ready();
  return app;
}

let builtApp: Promise<App> | null = null;
const theConsole = () => (builtApp ??= serve(built));

function get(app: App, url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' | 'POST' = 'GET') {
  return app.inject({ method, url, headers });
}

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(JSON.parse(res.body).code, code);
  assert.equal(res.headers['cache-control'], 'no-store');
}

function assertIndex(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.equal(res.body, INDEX);
  assert.equal(res.headers['cache-control'], 'no-cache');
}

describe('CONSOLE_DIR', () => {
  it('defaults to web/dist of this checkout, wherever the server starts from, and resolves a relative one from there', () => {
    assert.equal(loadConfig({}).consoleDir, fileURLToPath(new URL('../../web/dist', import.meta.url)));
    assert.equal(loadConfig({ CONSOLE_DIR: 'build/console' }).consoleDir, path.resolve('build/console'));
    assert.equal(loadConfig({ CONSOLE_DIR: '/srv/console' }).consoleDir, '/srv/console');
  });
});

describe('the console: pages', () => {
  it('serves index.html at / instead of leading to the API docs', async () => {
    const app = await theConsole();
    assertIndex(await get(app, '/', { accept: HTML }));
    assertIndex(await get(app, '/'));
  });

  // The console's URL map (issue 11): each, reloaded in a browser, is the console.
  const pages = ['/sign-in', '/cases', '/cases/new', '/cases/cas_123', '/cases/cas_123?tab=history', '/marketplace', '/marketplace/off_1',
    '/customers', '/customers/org_1', '/subscriptions/sub_1', '/incidents/inc_1', '/notifications', '/settings', '/no/such/page'];
  for (const page of pages) {
    it(`answers the deep link ${page} with the same index.html`, async () => {
      assertIndex(await get(await theConsole(), page, { accept: HTML }));
    });
  }

  it('answers HEAD of a page with the headers of GET and no body', async () => {
    const res = await get(await theConsole(), '/cases/cas_123', { accept: HTML }, 'HEAD');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.body, '');
  });

  it('lets a browser revalidate index.html (ETag, 304)', async () => {
    const app = await theConsole();
    const first = await get(app, '/', { accept: HTML });
    assert.ok(first.headers.etag);
    const again = await get(app, '/cases/cas_1', { accept: HTML, 'if-none-match': String(first.headers.etag) });
    assert.equal(again.statusCode, 304);
  });

  it('sends the security headers the built app needs: own scripts, styles, API and images; no framing', async () => {
    const res = await get(await theConsole(), '/cases/cas_1', { accept: HTML });
    const csp = String(res.headers['content-security-policy']);
    for (const part of ["script-src 'self'", "style-src 'self' 'unsafe-inline'", "connect-src 'self'", "img-src 'self' data: blob:", "frame-ancestors 'none'", "object-src 'none'"]) {
      assert.ok(csp.includes(part), `${part} in ${csp}`);
    }
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('answers a client that does not accept HTML with the problem+json 404, and a POST too', async () => {
    const app = await theConsole();
    assertProblem(await get(app, '/cases/cas_123', { accept: 'application/json' }), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/cases/cas_123', { accept: HTML }, 'POST'), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('the console: assets and files', () => {
  it('serves an asset with a year of immutable caching', async () => {
    const res = await get(await theConsole(), '/assets/index-Bx1.js', { accept: '*/*', 'accept-encoding': 'identity' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.body, SCRIPT);
  });

  it('sends the precompressed file a browser accepts, brotli first, and says it varies', async () => {
    const app = await theConsole();
    const br = await get(app, '/assets/index-Bx1.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.deepEqual(br.rawPayload, brotliCompressSync(SCRIPT));
    const gz = await get(app, '/assets/index-Bx1.js', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    // A file without a compressed copy goes as it is.
    const css = await get(app, '/assets/plain-C2.css', { 'accept-encoding': 'br' });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-encoding'], undefined);
    assert.equal(css.body, 'body{margin:0}\n');
  });

  it('answers HEAD of an asset', async () => {
    const res = await get(await theConsole(), '/assets/index-Bx1.js', {}, 'HEAD');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.body, '');
  });

  it('answers a missing asset with the problem+json 404, never index.html, even to a browser', async () => {
    const app = await theConsole();
    assertProblem(await get(app, '/assets/index-Gone.js', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/assets', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/assets/', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a missing /favicon.ico with 404, and serves a file beside index.html', async () => {
    const app = await theConsole();
    assertProblem(await get(app, '/favicon.ico', { accept: IMAGE }), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/favicon.ico', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
    const robots = await get(app, '/robots.txt');
    assert.equal(robots.statusCode, 200);
    assert.match(String(robots.headers['content-type']), /^text\/plain/);
    assert.equal(robots.headers['cache-control'], 'no-cache');
    assert.match(robots.body, /Disallow/);
  });

  it('does not serve dotfiles, compressed twins or index.html by their own names', async () => {
    const app = await theConsole();
    for (const url of ['/.env', '/index.html.br', '/assets/.env']) {
      const res = await get(app, url, { accept: '*/*' });
      assert.equal(res.statusCode, 404, url);
      assert.ok(!res.body.includes(SECRET), url);
    }
  });
});

describe('the console: the API stays the API', () => {
  it('answers an unknown /api/v1 path with problem+json 404 in the language asked for', async () => {
    const app = await theConsole();
    const res = await get(app, '/api/v1/nope', { accept: HTML, 'accept-language': 'ko-KR,ko;q=0.9' });
    assertProblem(res, 404, 'ROUTE_NOT_FOUND');
    assert.equal(res.headers['content-language'], 'ko');
    assert.match(JSON.parse(res.body).detail, /[가-힣]/);
    assert.equal((await get(app, '/api/v1/nope', { accept: HTML })).headers['content-language'], 'en');
  });

  it('answers /api/nope and /api with problem+json 404, even to a browser', async () => {
    const app = await theConsole();
    assertProblem(await get(app, '/api/nope', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/api', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/api/', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
  });

  it('answers an unknown API path in the signed-in user\'s language', async () => {
    const org = await makeOrg(ctx, 'partner');
    const user = await makeUser(ctx, org, ['global_admin'], { locale: 'ko' });
    const res = await get(await theConsole(), '/api/v1/nope', { ...user.headers, accept: HTML, 'accept-language': 'en' });
    assertProblem(res, 404, 'ROUTE_NOT_FOUND');
    assert.equal(res.headers['content-language'], 'ko');
  });

  it('keeps the API docs (Swagger UI) and the health check working beside the console', async () => {
    const app = await theConsole();
    const docs = await get(app, '/api/v1/docs/', { accept: HTML });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
    assert.notEqual(docs.body, INDEX);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-initializer.js', 'swagger-ui.css']) {
      assert.equal((await get(app, `/api/v1/docs/static/${asset}`)).statusCode, 200, asset);
    }
    assert.equal((await get(app, '/api/health')).statusCode, 200);
  });

  it('looks up no credential for the console: a bad token still gets the page and the asset, and the API refuses it', async () => {
    const app = await theConsole();
    const bad = { authorization: 'Bearer sbt_not-a-token' };
    assertIndex(await get(app, '/cases/cas_1', { ...bad, accept: HTML }));
    assert.equal((await get(app, '/assets/index-Bx1.js', bad)).statusCode, 200);
    assertProblem(await get(app, '/api/v1/me', bad), 401, 'UNAUTHENTICATED');
  });

  it('keeps the asset\'s caching for a signed-in browser (its session cookie is not read)', async () => {
    const app = await theConsole();
    const org = await makeOrg(ctx, 'partner');
    const user = await makeUser(ctx, org, ['global_admin']);
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/sessions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: user.email, password: TEST_PASSWORD }) });
    assert.equal(signIn.statusCode, 201, signIn.body);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    assert.equal((await get(app, '/api/v1/me', { cookie })).statusCode, 200);
    const asset = await get(app, '/assets/index-Bx1.js', { cookie });
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal((await get(app, '/cases', { cookie, accept: HTML })).headers['cache-control'], 'no-cache');
  });

  it('counts neither pages nor assets against the anonymous rate limit, while the API is limited', async () => {
    const app = await serve(built, { rateLimits: { ...NO_RATE_LIMITS, perAnonymousAddressPerMinute: 2 } });
    for (let i = 0; i < 5; i++) {
      assertIndex(await get(app, `/cases/cas_${i}`, { accept: HTML }));
      assert.equal((await get(app, '/assets/index-Bx1.js')).statusCode, 200);
    }
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(app, '/api/health')).statusCode);
    assert.deepEqual(statuses, [200, 200, 429]);
  });
});

describe('the console, not built', () => {
  it('starts, answers a page with a 503 page in English saying how to build it, and keeps the API', async () => {
    const app = await serve(unbuilt);
    const res = await get(app, '/', { accept: HTML });
    assert.equal(res.statusCode, 503);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(res.headers['content-language'], 'en');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /<html lang="en">/);
    assert.match(res.body, /not built yet/);
    assert.match(res.body, /<code>npm run build<\/code>/);
    assert.equal((await get(app, '/cases/cas_1', { accept: HTML })).statusCode, 503);
    assert.equal((await get(app, '/', {}, 'HEAD')).statusCode, 503);
    assertProblem(await get(app, '/assets/index-Bx1.js'), 404, 'ROUTE_NOT_FOUND');
    assertProblem(await get(app, '/api/v1/nope', { accept: HTML }), 404, 'ROUTE_NOT_FOUND');
    assert.equal((await get(app, '/api/health')).statusCode, 200);
  });

  it('says it in Korean to a Korean browser', async () => {
    const app = await serve(unbuilt);
    const res = await get(app, '/cases', { accept: HTML, 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['content-language'], 'ko');
    assert.match(res.body, /<html lang="ko">/);
    assert.match(res.body, /빌드되지 않았습니다/);
    assert.match(res.body, /<code>npm run build<\/code>/);
  });

  it('shows a console built while the server runs, without a restart', async () => {
    const later = path.join(base, 'built-later');
    const app = await serve(later);
    assert.equal((await get(app, '/', { accept: HTML })).statusCode, 503);
    mkdirSync(path.join(later, 'assets'), { recursive: true });
    writeFileSync(path.join(later, 'index.html'), INDEX);
    writeFileSync(path.join(later, 'assets', 'index-Bx1.js'), SCRIPT);
    assertIndex(await get(app, '/', { accept: HTML }));
    assert.equal((await get(app, '/assets/index-Bx1.js')).body, SCRIPT);
  });
});

/** A GET over a real socket, with the path sent exactly as written (inject and URL parsing would tidy it). */
function rawGet(port: number, rawPath: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'GET', path: rawPath, headers: { accept: HTML } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the console: no path leaves its directory', () => {
  const attempts = [
    '/assets/../secret.json', '/assets/../../secret.json', '/assets/../../../package.json', '/../secret.json', '/../../package.json',
    '/assets/%2e%2e/%2e%2e/secret.json', '/assets/%2E%2E/%2E%2E/secret.json', '/assets/..%2f..%2fsecret.json', '/assets/..%2F..%2Fsecret.json',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.json', '/assets/%252e%252e/%252e%252e/secret.json', '/%2e%2e/secret.json', '/..%2fsecret.json',
    '/assets/..%5c..%5csecret.json', '/assets/..\\..\\secret.json', '/assets//../../secret.json', '/assets/./../../secret.json',
    '/assets/%00../../secret.json', '/assets/index-Bx1.js/../../../secret.json', '/%2e%2e%2f%2e%2e%2fpackage.json',
  ];

  it('answers every traversal attempt without the file outside', async () => {
    const app = await theConsole();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const port = Number(new URL(address).port);
    for (const attempt of attempts) {
      const res = await rawGet(port, attempt);
      assert.ok(!res.body.includes(SECRET), `${attempt} leaked the file outside: ${res.status}`);
      assert.ok(!res.body.includes('"name": "switchboard"'), `${attempt} leaked package.json`);
      // Either refused as problem details (never a 500), or (a page path) the console's own index.html.
      assert.ok((res.status >= 400 && res.status < 500 && res.type.startsWith('application/problem+json')) || res.body === INDEX, `${attempt}: ${res.status} ${res.body.slice(0, 120)}`);
    }
  });
});
