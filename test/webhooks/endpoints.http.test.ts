/**
 * The endpoints API: an organization's own endpoints only, the secret shown once, URL rules,
 * rotation, disabling and enabling, removal.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MAX_ENDPOINTS_PER_ORGANIZATION } from '../../src/core/webhook-rules.ts';
import { createHttpApplication } from '../../src/main/application.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';

const ctx = await testContext();
const base = '/api/v1/webhooks/endpoints';
const body = (overrides: Record<string, unknown> = {}) => ({ url: 'https://hooks.example.com/in', eventTypes: ['case.opened'], ...overrides });

async function create(actor: Actor, overrides: Record<string, unknown> = {}) {
  const res = await call(ctx, actor, 'POST', base, body(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; secret: string } & Record<string, unknown>;
}

/** An application that refuses private addresses, as production does. */
let strict: TestContext | null = null;
async function strictApp(): Promise<TestContext> {
  if (!strict) {
    const { app, services } = await createHttpApplication(ctx.db, { sessionTtlHours: 24, cookieSecure: false, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent', webhookAllowPrivateAddresses: false }, ctx.jobs);
    await app.ready();
    strict = { ...ctx, app, services };
  }
  return strict;
}
after(async () => {
  await strict?.app.close();
});

describe('webhook endpoints', () => {
  it('creates an endpoint and shows its secret once', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const created = await create(partner, { description: 'CRM', eventTypes: ['case.opened', 'case.resolved'] });
    assert.match(created.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(created.secret.slice(6), 'base64').length, 32);
    assert.deepEqual(
      { url: created.url, description: created.description, eventTypes: created.eventTypes, status: created.status, disabledReason: created.disabledReason, createdBy: created.createdBy },
      { url: 'https://hooks.example.com/in', description: 'CRM', eventTypes: ['case.opened', 'case.resolved'], status: 'enabled', disabledReason: null, createdBy: partner.userId },
    );
    const one = await call(ctx, partner, 'GET', `${base}/${created.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.secret, undefined);
    assert.ok(!one.raw.includes(created.secret));
    const list = await call(ctx, partner, 'GET', base);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((e: { id: string }) => e.id), [created.id]);
    assert.ok(!list.raw.includes(created.secret));
  });

  it('pages the endpoints oldest first', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(partner, { url: `https://hooks.example.com/${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await call(ctx, partner, 'GET', `${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, ids);
    assert.equal((await call(ctx, partner, 'GET', `${base}?cursor=forged`)).body.code, 'INVALID_CURSOR');
  });

  it('shows another organization\'s endpoint to nobody: 404 for every action', async () => {
    const owner = await makeActor(ctx, 'partner', ['global_admin']);
    const other = await makeActor(ctx, 'partner', ['global_admin']);
    const { id } = await create(owner);
    const attempts: [string, string, unknown?][] = [
      ['GET', `${base}/${id}`], ['PATCH', `${base}/${id}`, { description: 'x' }], ['DELETE', `${base}/${id}`],
      ['POST', `${base}/${id}/rotate-secret`], ['POST', `${base}/${id}/disable`], ['POST', `${base}/${id}/enable`],
      ['GET', `${base}/${id}/deliveries`],
    ];
    for (const [method, url, payload] of attempts) {
      const res = await call(ctx, other, method as 'GET', url, payload);
      assert.equal(res.status, 404, `${method} ${url}`);
      assert.equal(res.body.code, 'WEBHOOK_ENDPOINT_NOT_FOUND');
    }
    assert.deepEqual((await call(ctx, other, 'GET', base)).body.items, []);
    assert.equal((await call(ctx, owner, 'GET', `${base}/${id}`)).body.status, 'enabled');
  });

  it('refuses roles without webhooks.manage', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const helpdesk = await makeUser(ctx, partner.org, ['helpdesk_agent']);
    const { id } = await create(partner);
    for (const [method, url] of [['POST', base], ['GET', base], ['GET', `${base}/${id}`], ['POST', `${base}/${id}/rotate-secret`]] as const) {
      const res = await call(ctx, helpdesk, method, url, method === 'POST' && url === base ? body() : undefined);
      assert.equal(res.status, 403, `${method} ${url}`);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    assert.equal((await call(ctx, null, 'GET', base)).status, 401);
  });

  it('validates the body: event types from the catalogue, at least one, known fields only', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const bad: unknown[] = [
      body({ eventTypes: [] }), body({ eventTypes: ['case.nope'] }), body({ eventTypes: ['case.opened', 'case.opened'] }),
      body({ secret: 'whsec_mine' }), { url: 'https://a.example' }, body({ description: 'x'.repeat(501) }), body({ url: '' }),
    ];
    for (const payload of bad) {
      const res = await call(ctx, partner, 'POST', base, payload);
      assert.equal(res.status, 400, JSON.stringify(payload));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
    }
  });

  it('refuses URLs that are not http(s), carry credentials or are too long, with a clear 422', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const rows: [string, string][] = [
      ['ftp://example.com/in', 'scheme'], ['https://user:secret@example.com/in', 'credentials'], ['example.com/in', 'invalid'],
      [`https://example.com/${'é'.repeat(1100)}`, 'too_long'],
    ];
    for (const [url, reason] of rows) {
      const res = await call(ctx, partner, 'POST', base, body({ url }));
      assert.equal(res.status, 422, url);
      assert.equal(res.body.code, 'WEBHOOK_URL_NOT_ALLOWED');
      assert.equal(res.body.reason, reason);
      assert.match(res.body.detail, /^The URL /);
    }
  });

  it('refuses private, loopback, link-local, unique-local, multicast and unspecified addresses and localhost unless allowed', async () => {
    const app = await strictApp();
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const rows: [string, string][] = [
      ['http://127.0.0.1:8080/in', 'loopback'], ['http://10.1.2.3/', 'private'], ['http://172.16.0.1/', 'private'],
      ['http://192.168.1.1/', 'private'], ['http://169.254.169.254/latest/meta-data', 'link-local'], ['http://0.0.0.0/', 'unspecified'],
      ['http://224.0.0.1/', 'multicast'], ['http://[::1]/', 'loopback'], ['http://[fe80::1]/', 'link-local'], ['http://[fd00::1]/', 'unique-local'],
      ['http://[ff02::1]/', 'multicast'], ['http://[::]/', 'unspecified'], ['http://[::ffff:127.0.0.1]/', 'loopback'],
      ['http://[::ffff:192.168.0.1]/', 'private'], ['http://0x7f000001/', 'loopback'], ['http://localhost:3000/', 'localhost'],
      ['http://[::ffff:0:7f00:1]/', 'loopback'], ['http://[64:ff9b::7f00:1]/', 'loopback'], ['http://[64:ff9b:1::808:808]/', 'private'],
      ['http://[2002:a00:1::1]/', 'private'], ['http://[2001:db8::1]/', 'reserved'],
    ];
    for (const [url, reason] of rows) {
      const res = await call(app, partner, 'POST', base, body({ url }));
      assert.equal(res.status, 422, url);
      assert.equal(res.body.code, 'WEBHOOK_URL_NOT_ALLOWED', url);
      assert.equal(res.body.reason, reason, url);
    }
    const { id } = await create(partner);
    const patched = await call(app, partner, 'PATCH', `${base}/${id}`, { url: 'http://[fe80::1]/' });
    assert.equal(patched.status, 422);
    assert.equal(patched.body.reason, 'link-local');
    const ok = await call(app, partner, 'POST', base, body({ url: 'https://93.184.215.14/in' }));
    assert.equal(ok.status, 201);
    // The harness's application allows them (local receivers).
    assert.equal((await call(ctx, partner, 'POST', base, body({ url: 'http://127.0.0.1:9/' }))).status, 201);
  });

  it('changes the URL, description and event types', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const created = await create(partner);
    const res = await call(ctx, partner, 'PATCH', `${base}/${created.id}`, { url: 'https://other.example.com/x', description: 'new', eventTypes: ['incident.posted'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.url, res.body.description, res.body.eventTypes], ['https://other.example.com/x', 'new', ['incident.posted']]);
    assert.equal((await call(ctx, partner, 'PATCH', `${base}/${created.id}`, {})).status, 400);
    assert.equal((await call(ctx, partner, 'GET', `${base}/${created.id}`)).body.description, 'new');
  });

  it('rotates the secret: a new one shown once, the previous one signing for a day more', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const created = await create(partner);
    const before = Date.now();
    const rotated = await call(ctx, partner, 'POST', `${base}/${created.id}/rotate-secret`);
    assert.equal(rotated.status, 200);
    assert.match(rotated.body.secret, /^whsec_/);
    assert.notEqual(rotated.body.secret, created.secret);
    const expires = Date.parse(rotated.body.previousSecretExpiresAt);
    assert.ok(expires >= before + 24 * 3600_000 && expires <= Date.now() + 24 * 3600_000);
    const stored = await ctx.db.withOwner((tx) => tx.selectFrom('webhook_endpoints').select(['secret', 'previous_secret']).where('id', '=', created.id).executeTakeFirstOrThrow());
    assert.deepEqual(stored, { secret: rotated.body.secret, previous_secret: created.secret });
    assert.equal((await call(ctx, partner, 'GET', `${base}/${created.id}`)).body.secret, undefined);
  });

  it('disables and enables: enabling clears the failing run and the reason', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const { id } = await create(partner);
    const disabled = await call(ctx, partner, 'POST', `${base}/${id}/disable`);
    assert.equal(disabled.status, 200);
    assert.deepEqual([disabled.body.status, disabled.body.disabledReason], ['disabled', 'manual']);
    assert.ok(disabled.body.disabledAt);
    await ctx.db.withOwner((tx) => tx.updateTable('webhook_endpoints').set({ disabled_reason: 'failing', failing_since: new Date(Date.now() - 86_400_000) }).where('id', '=', id).execute());
    const again = await call(ctx, partner, 'POST', `${base}/${id}/disable`);
    assert.equal(again.body.disabledReason, 'failing', 'disabling a disabled endpoint keeps its reason');
    const enabled = await call(ctx, partner, 'POST', `${base}/${id}/enable`);
    assert.equal(enabled.status, 200);
    assert.deepEqual(
      [enabled.body.status, enabled.body.disabledReason, enabled.body.disabledAt, enabled.body.failingSince],
      ['enabled', null, null, null],
    );
  });

  it('removes an endpoint', async () => {
    const partner = await makeActor(ctx, 'partner', ['global_admin']);
    const { id } = await create(partner);
    assert.equal((await call(ctx, partner, 'DELETE', `${base}/${id}`)).status, 204);
    assert.equal((await call(ctx, partner, 'GET', `${base}/${id}`)).status, 404);
    assert.equal((await call(ctx, partner, 'DELETE', `${base}/${id}`)).status, 404);
  });

  it(`allows at most ${MAX_ENDPOINTS_PER_ORGANIZATION} endpoints per organization`, async () => {
    const customer = await makeActor(ctx, 'customer', ['customer_admin']);
    for (let i = 0; i < MAX_ENDPOINTS_PER_ORGANIZATION; i++) await create(customer, { url: `https://hooks.example.com/${i}` });
    const res = await call(ctx, customer, 'POST', base, body());
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'WEBHOOK_ENDPOINT_LIMIT_REACHED');
    assert.equal(res.body.limit, MAX_ENDPOINTS_PER_ORGANIZATION);
  });

  it('describes the webhook routes in the OpenAPI document', async () => {
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    for (const path of [
      '/api/v1/webhooks/endpoints', '/api/v1/webhooks/endpoints/{endpointId}', '/api/v1/webhooks/endpoints/{endpointId}/rotate-secret',
      '/api/v1/webhooks/endpoints/{endpointId}/disable', '/api/v1/webhooks/endpoints/{endpointId}/enable',
      '/api/v1/webhooks/endpoints/{endpointId}/deliveries', '/api/v1/webhooks/deliveries/{deliveryId}', '/api/v1/webhooks/deliveries/{deliveryId}/replay',
    ]) assert.ok(doc.body.paths[path], path);
    for (const schema of ['WebhookEndpoint', 'WebhookEndpointWithSecret', 'WebhookDelivery', 'WebhookDeliveryDetail']) assert.ok(doc.body.components.schemas[schema], schema);
    assert.equal(doc.body.components.schemas.WebhookEndpoint.properties.secret, undefined);
  });

  it('answers 404 for another organization\'s delivery and replay', async () => {
    const other = await makeActor(ctx, 'partner', ['global_admin']);
    for (const [method, url] of [['GET', '/api/v1/webhooks/deliveries/whd_nope'], ['POST', '/api/v1/webhooks/deliveries/whd_nope/replay']] as const) {
      const res = await call(ctx, other, method, url);
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'WEBHOOK_DELIVERY_NOT_FOUND');
    }
  });
});
