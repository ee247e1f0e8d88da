/**
 * A fuzzer driven by the API's own OpenAPI document: for every operation it sends valid-ish and
 * hostile path parameters, queries, headers and bodies, as several roles and as cookie sessions,
 * and requires that no answer is a 5xx and every error is problem+json.
 *
 * FUZZ_SEED replays a run (the seed is printed first; the default is fixed so CI is
 * deterministic); FUZZ_REQUESTS changes the number of requests (default 20,000); FUZZ_PROFILE=1
 * prints where the time went, per operation and status.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_PUBLIC_URL, testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeUser, TEST_PASSWORD } from '../factories.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const IN_FLIGHT = 8;

type Schema = Record<string, unknown> & {
  type?: string | string[]; enum?: unknown[]; const?: unknown; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[];
  properties?: Record<string, Schema>; required?: string[]; items?: Schema; $ref?: string;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; format?: string; pattern?: string;
};
interface Parameter { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }
interface Operation { method: string; path: string; parameters: Parameter[]; body: Schema | null; multipart: boolean }
interface Caller { name: string; headers: Record<string, string>; cookie: boolean }
interface Sent { method: string; url: string; headers: Record<string, string>; payload?: string }

/** A small seeded generator: the fuzzer's only source of randomness, so a seed replays a run. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** encodeURIComponent that sends a lone surrogate as U+FFFD, as a browser would, instead of throwing. */
const enc = (v: string) => encodeURIComponent(v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');

/** Cursors a client could forge: base64url JSON with bad dates, types, NUL characters, arities. */
const CRAFTED_CURSORS = [
  b64(['0000-01-01T00:00:00.000Z', 'x']), b64(['+275760-09-13T00:00:00.000Z', 'x']), b64(['-271821-04-20T00:00:00.000Z', 'x']),
  b64(['2026-02-31T00:00:00.000Z', 'x']), b64(['2026-01-01T00:00:00.000Z', 'a\u0000b']), b64(['x\u0000', 'y']), b64([1e308, 'x']),
  b64('[1e999,"x"]'), b64([null, null]), b64([{}, []]), b64([true, 1]), b64(['a', 'b', 'c']), b64([]), b64({ a: 1 }), b64('not json'),
  b64(['2026-01-01T00:00:00.000Z', 'x'.repeat(5000)]), b64([-1, '']), b64([0.5, 'x']), b64(['', '']), '%%%', '....', 'x'.repeat(3000),
];

/** Strings no field should choke on. */
const HOSTILE_STRINGS = [
  '', ' ', 'a\u0000b', '\u0000', 'x'.repeat(20_000), '😀'.repeat(300), '\ud800', 'a\udfffb', '\u202egnp.exe', 'ǅ̶̧͓̹̀ͪ', '\r\n\t',
  '<script>alert(1)</script>', "'; DROP TABLE users; --", '%ff%fe', '%00', '../../etc/passwd', 'null', 'true', '0', '-1', '1e309',
  '2026-13-45T99:99:99Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', 'http://[::1', 'javascript:alert(1)',
  'a@b', '@', 'x@y.z'.padStart(400, 'a'), '\\', '"', '{}', '[]', ...CRAFTED_CURSORS.slice(0, 6),
];

/** Path-parameter values: ids that exist, ids that don't, and ones that aren't ids at all. */
function pathValue(rng: Rng, ids: string[]): string {
  const roll = rng.next();
  if (roll < 0.45) return enc(rng.pick(ids));
  if (roll < 0.6) return enc(`${rng.pick(['org', 'usr', 'case', 'sub', 'inc', 'whe', 'tok', 'msg', 'ntf', 'rel', 'cus'])}_${rng.int(0, 1e9).toString(36)}`);
  return rng.pick([
    '%ff%fe', '%00', 'a%00b', '%', '%zz', '%c0%af', 'x'.repeat(10_000), 'x'.repeat(101), enc('😀'), '..%2f..%2fetc',
    enc('a\u0000b'), '%E2%80%AE', 'null', '0', '-1', '1e309', 'NaN', enc(' '), '%20', 'ABC', 'a.b',
    enc("' OR 1=1 --"), enc('\ud800'),
  ]);
}

function resolve(doc: { components?: { schemas?: Record<string, Schema> } }, s: Schema | undefined): Schema {
  let schema = s ?? {};
  for (let i = 0; i < 10 && typeof schema.$ref === 'string'; i++) {
    const name = schema.$ref.split('/').pop()!;
    schema = doc.components?.schemas?.[name] ?? {};
  }
  return schema;
}

/** A value that fits the schema (roughly: patterns are approximated), or occasionally doesn't. */
function valueFor(rng: Rng, doc: Parameters<typeof resolve>[0], s: Schema | undefined, ids: string[], depth = 0, hostility = 0.1): unknown {
  const schema = resolve(doc, s);
  if (rng.chance(hostility)) return hostileValue(rng, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) return valueFor(rng, doc, rng.pick(variants), ids, depth, hostility);
  if (schema.allOf && schema.allOf.length > 0) return valueFor(rng, doc, schema.allOf[0], ids, depth, hostility);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : ['string'];
  const type = rng.pick(types);
  switch (type) {
    case 'null': return null;
    case 'boolean': return rng.chance(0.5);
    case 'integer': return rng.int(Math.max(schema.minimum ?? -5, -1e6), Math.min(schema.maximum ?? 1000, 1e6));
    case 'number': return (schema.minimum ?? 0) + rng.next() * Math.min((schema.maximum ?? 100) - (schema.minimum ?? 0), 1e6);
    case 'array': {
      const n = rng.int(0, Math.min(Number(schema.maxItems ?? 3), 4));
      return Array.from({ length: n }, () => valueFor(rng, doc, schema.items, ids, depth + 1, hostility));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || rng.chance(0.5)) out[key] = valueFor(rng, doc, inner, ids, depth + 1, hostility);
      }
      if (rng.chance(hostility / 2)) out[rng.pick(['__proto__', 'constructor', 'extra', 'a\u0000'])] = hostileValue(rng, depth);
      return out;
    }
    default: return stringFor(rng, schema, ids);
  }
}

function stringFor(rng: Rng, schema: Schema, ids: string[]): string {
  const min = schema.minLength ?? 1;
  const max = Math.min(schema.maxLength ?? 40, 60);
  switch (schema.format) {
    case 'email': return `fuzz-${rng.int(0, 1e6)}@example.test`;
    case 'date-time': return new Date(Date.UTC(2026, rng.int(0, 11), rng.int(1, 28))).toISOString();
    case 'date': return `2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
    case 'uri': return `http://127.0.0.1:9/${rng.int(0, 1e6)}`;
    case 'uuid': return '00000000-0000-4000-8000-000000000000';
    default: break;
  }
  if (rng.chance(0.3)) return rng.pick(ids);
  const alphabet = schema.pattern && /a-z/.test(schema.pattern) ? 'abcdefghijklmnopqrstuvwxyz0123456789-_' : 'abcdefghij klmnopqrstuvwxyz ABC 0123456789 é한글😀';
  const chars = [...alphabet];
  const n = Math.max(min, rng.int(min, Math.max(min, max)));
  return Array.from({ length: n }, () => rng.pick(chars)).join('');
}

function hostileValue(rng: Rng, depth: number): unknown {
  const roll = rng.int(0, 9);
  if (roll <= 4) return rng.pick(HOSTILE_STRINGS);
  if (roll === 5) return rng.pick([null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, -0]);
  if (roll === 6) return depth < 3 ? [rng.pick(HOSTILE_STRINGS), {}] : [];
  if (roll === 7) return { [rng.pick(['a', '__proto__', 'a\u0000'])]: rng.pick(HOSTILE_STRINGS) };
  if (roll === 8) return nested(rng.int(50, 2000));
  return rng.pick(CRAFTED_CURSORS);
}

function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Raw bodies that aren't what any schema wants. */
const RAW_BODIES = [
  '', ' ', 'null', '[]', '"x"', '0', 'true', '{', '{"a":', 'not json', '\u0000', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '{"a":1,"a":2}', '\ufeff{}', '{"x":"\\ud800"}', JSON.stringify({ x: 'y'.repeat(1_100_000) }),
];

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', 'multipart/form-data',
  'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', '*/*', 'application/problem+json', ';;'];

function buildRequest(rng: Rng, doc: Parameters<typeof resolve>[0], op: Operation, caller: Caller, ids: string[]): Sent {
  const hostility = rng.pick([0, 0.05, 0.2, 0.6]);
  let path = op.path.replace(/\{([^}]+)\}/g, () => pathValue(rng, ids));
  const query: string[] = [];
  const headers: Record<string, string> = { ...caller.headers };
  for (const p of op.parameters) {
    if (p.in === 'path') continue;
    if (!p.required && rng.chance(0.5)) continue;
    if (p.in === 'query') {
      const schema = resolve(doc, p.schema);
      if (p.name === 'cursor' && rng.chance(0.7)) {
        query.push(`cursor=${enc(rng.pick(CRAFTED_CURSORS))}`);
        continue;
      }
      const v = valueFor(rng, doc, schema, ids, 0, hostility);
      for (const item of Array.isArray(v) ? v : [v]) {
        const text = typeof item === 'string' ? item : JSON.stringify(item) ?? '';
        query.push(`${enc(p.name)}=${rng.chance(0.05) ? rng.pick(['%ff%fe', '%', '%00', '%zz']) : enc(text)}`);
      }
    } else if (p.in === 'header') {
      headers[p.name.toLowerCase()] = String(valueFor(rng, doc, p.schema, ids, 0, 0)).replace(/[^\x20-\x7e]/g, '');
    }
  }
  if (rng.chance(0.05)) query.push(rng.pick(['%ff%fe=1', 'a=%ff', '&&&', '=', 'limit=-1', 'limit=1e309', 'limit=99999999999999999999', 'x[y]=1']));
  // Headers a client controls: creating POSTs' keys, conditional writes, cookie writes' origins.
  if (rng.chance(0.3)) headers['idempotency-key'] = rng.pick(['k', `key-${rng.int(0, 1e6)}`, 'x'.repeat(5000), ' ', '😀'.replace(/[^\x20-\x7e]/g, '?'), '%00', '""']);
  if (rng.chance(0.2)) headers['if-match'] = rng.pick(['*', '"1"', 'W/"1"', '"abc"', '1', '"-1"', '"99999999999999999999"', '', '"', 'x'.repeat(3000)]);
  if (caller.cookie || rng.chance(0.1)) {
    const origin = rng.pick([TEST_PUBLIC_URL, TEST_PUBLIC_URL, 'null', 'http://[::1', 'https://evil.example', '', '%%%', 'http://127.0.0.1:3000/x', undefined]);
    if (origin !== undefined) headers.origin = origin;
    if (rng.chance(0.2)) headers['sec-fetch-site'] = rng.pick(['same-origin', 'cross-site', 'same-site', 'none']);
  }
  if (rng.chance(0.03)) headers.authorization = rng.pick(['Bearer', 'Basic abc', 'Bearer sbt_nope', 'Bearer  x y', 'bearer %00']);
  let payload: string | undefined;
  const wantsBody = op.body !== null || op.multipart || rng.chance(0.05);
  if (wantsBody && !['GET', 'HEAD'].includes(op.method)) {
    payload = op.body && rng.chance(0.85) ? JSON.stringify(valueFor(rng, doc, op.body, ids, 0, hostility)) : rng.pick(RAW_BODIES);
    headers['content-type'] = rng.chance(0.85) ? 'application/json' : rng.pick(CONTENT_TYPES);
    if (rng.chance(0.05)) headers['content-length'] = String(rng.pick([0, 1, Buffer.byteLength(payload) + 10, 2 ** 31]));
  }
  if (query.length > 0) path += `?${query.join('&')}`;
  return { method: op.method, url: path, headers, ...(payload !== undefined ? { payload } : {}) };
}

function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(), path, parameters: op.parameters ?? [],
        body: content['application/json']?.schema ?? null, multipart: 'multipart/form-data' in content,
      });
    }
  }
  return ops;
}

async function sessionOf(ctx: TestContext, email: string): Promise<string> {
  const res = await call(ctx, null, 'POST', '/api/v1/sessions', { email, password: TEST_PASSWORD });
  assert.equal(res.status, 201, res.raw);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it(`answers ${REQUESTS} generated requests with no 5xx and problem+json for every error`, { timeout: 600_000 }, async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_REQUESTS=${REQUESTS}`);
    const ctx = await testContext();
    // Authentication has its own tests; on PGlite it is most of a request's cost (about 9 ms of
    // 11 for a token), so the fuzzer keeps each credential's viewer for a second and spends its
    // time on the operations instead.
    const authenticate = ctx.services.identity.authenticate.bind(ctx.services.identity);
    const viewers = new Map<string, { at: number; viewer: ReturnType<typeof authenticate> }>();
    ctx.services.identity.authenticate = (credential) => {
      const key = `${credential.kind}:${credential.secret}`;
      const hit = viewers.get(key);
      if (hit && performance.now() - hit.at < 1_000) return hit.viewer;
      const viewer = authenticate(credential);
      viewers.set(key, { at: performance.now(), viewer });
      return viewer;
    };
    const customer = await makeActor(ctx, 'customer', ['customer_admin']);
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const publisher = await makeActor(ctx, 'publisher', ['publisher_admin']);
    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    const agent = await makeUser(ctx, partner.org, ['helpdesk_agent']);
    const partnerCookie = await sessionOf(ctx, partner.email);
    const customerCookie = await sessionOf(ctx, customer.email);
    const callers: Caller[] = [
      { name: 'anonymous', headers: {}, cookie: false },
      { name: 'customer customer_admin', headers: customer.headers, cookie: false },
      { name: 'partner global_admin', headers: partner.headers, cookie: false },
      { name: 'partner helpdesk_agent', headers: agent.headers, cookie: false },
      { name: 'publisher publisher_admin', headers: publisher.headers, cookie: false },
      { name: 'operator operator_admin', headers: operator.headers, cookie: false },
      { name: 'partner global_admin (cookie)', headers: { cookie: partnerCookie }, cookie: true },
      { name: 'customer customer_admin (cookie)', headers: { cookie: customerCookie }, cookie: true },
    ];
    const ids = [customer.orgId, partner.orgId, publisher.orgId, operator.orgId, customer.userId, partner.userId, agent.userId, publisher.userId, 'me', 'current'];
    const doc = ctx.app.swagger() as Parameters<typeof operationsOf>[0] & Parameters<typeof resolve>[0];
    const ops = operationsOf(doc);
    // Revoking the own session or token would silence a caller for the rest of the run.
    const guarded = (op: Operation, caller: Caller) => op.method === 'DELETE' && /sessions|tokens/.test(op.path) && caller.name !== 'anonymous';
    const rng = new Rng(SEED);
    const byStatus = new Map<number, number>();
    const prof = new Map<string, [number, number]>();
    const failures: { sent: Sent; caller: string; status: number; type: string; body: string }[] = [];
    const started = performance.now();
    let sent = 0;
    while (sent < REQUESTS) {
      const batch: Promise<void>[] = [];
      for (let k = 0; k < IN_FLIGHT && sent < REQUESTS; k++, sent++) {
        const op = ops[sent % ops.length]!;
        let caller = callers[Math.floor(sent / ops.length) % callers.length]!;
        if (guarded(op, caller)) caller = callers[0]!;
        const req = buildRequest(rng, doc, op, caller, ids);
        const t0 = performance.now();
        batch.push(ctx.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) }).then((res) => {
          byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
          if (process.env.FUZZ_PROFILE) { const k = `${op.method} ${op.path} ${res.statusCode}`; const e = prof.get(k) ?? [0, 0]; e[0]++; e[1] += performance.now() - t0; prof.set(k, e); }
          const type = String(res.headers['content-type'] ?? '');
          if (res.statusCode >= 500 || (res.statusCode >= 400 && !type.startsWith('application/problem+json'))) {
            failures.push({ sent: req, caller: caller.name, status: res.statusCode, type, body: res.body.slice(0, 500) });
          }
        }, (err: Error) => {
          failures.push({ sent: req, caller: caller.name, status: -1, type: '', body: String(err?.stack ?? err) });
        }));
      }
      await Promise.all(batch);
    }
    const seconds = (performance.now() - started) / 1000;
    const statuses = [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}:${n}`).join(' ');
    console.log(`fuzz: ${sent} requests, ${ops.length} operations, ${callers.length} callers, ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s); statuses ${statuses}`);
    if (process.env.FUZZ_PROFILE) console.log([...prof.entries()].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25).map(([k, [n, t]]) => `${k} n=${n} total=${t.toFixed(0)}ms`).join('\n'));
    for (const f of failures.slice(0, 20)) {
      const shown = { ...f.sent, url: f.sent.url.length > 300 ? `${f.sent.url.slice(0, 300)}…` : f.sent.url, payload: f.sent.payload && f.sent.payload.length > 500 ? `${f.sent.payload.slice(0, 500)}… (${f.sent.payload.length} chars)` : f.sent.payload };
      console.log(`fuzz failure as ${f.caller}:\n  request ${JSON.stringify(shown)}\n  response ${f.status} ${f.type} ${f.body}`);
    }
    assert.equal(failures.length, 0, `${failures.length} requests answered 5xx or an error without problem+json (first ones printed above; replay with FUZZ_SEED=${SEED})`);
  });
});
