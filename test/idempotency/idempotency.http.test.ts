/**
 * `Idempotency-Key` on every creating POST (SPEC section 9): the same key twice makes one
 * resource and answers the first answer again; the same key with another body is refused (422
 * IDEMPOTENCY_KEY_REUSED); keys are per organization; an answer holding a secret shown once is
 * never replayed (409 IDEMPOTENCY_SECRET_SHOWN_ONCE) nor stored; concurrent retries make one record.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeDirectWorld, openCase, theOperator, upload } from '../case-factories.ts';
import { agreementBody, createOffer, makePartner, makePublisher, makeSellableOffer, offerBody, planBody, uniqueOfferId } from '../catalog-factories.ts';
import { call, makeActor, makeOrg, type Actor } from '../factories.ts';
import { testContext } from '../harness.ts';
import { postIncident } from '../health-factories.ts';

const ctx = await testContext();
// The marketplace operator first: routing takes the first operator organization as the operator.
const operator = await theOperator(ctx);

const newKey = () => `key-${randomBytes(6).toString('hex')}`;
const tag = () => randomBytes(4).toString('hex');
const password = () => `Lantern-${randomBytes(6).toString('hex')}-Quay!`;

/** How many rows of a table match every column given. */
async function countRows(table: string, where: Record<string, unknown>): Promise<number> {
  const conditions = Object.entries(where).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  return ctx.db.withOwner(async (tx) => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${sql.join(conditions, sql` AND `)}`.execute(tx);
    return rows[0]?.n ?? 0;
  });
}

/** The answer stored under a key, as text. */
async function storedAnswer(orgId: string, key: string): Promise<string> {
  return ctx.db.withOwner(async (tx) => {
    const row = await tx.selectFrom('idempotency_keys').select('response').where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
    return JSON.stringify(row?.response ?? null);
  });
}

function post(actor: Actor, url: string, body: unknown, key?: string) {
  return call(ctx, actor, 'POST', url, body, key === undefined ? {} : { 'idempotency-key': key });
}

/** One creating route: who calls it, two bodies, and how many resources a body made. */
interface CreatingRoute {
  actor: Actor;
  url: string;
  body: (n: 1 | 2) => Record<string, unknown>;
  made: (n: 1 | 2) => Promise<number>;
  /** Another organization calling with the same key, which makes its own resource. */
  other: { actor: Actor; url: string; body: Record<string, unknown> };
  /** The answer holds a secret shown once: a retry answers 409 and the secret is never stored. */
  secret?: (answer: Record<string, unknown>) => { id: string; secret: string };
}

const routes: Record<string, () => Promise<CreatingRoute>> = {
  'POST /users (users.create)': async () => {
    const [a, b] = [await makeActor(ctx, 'partner', ['global_admin']), await makeActor(ctx, 'partner', ['global_admin'])];
    const t = tag();
    const body = (n: number) => ({ email: `new-${n}-${t}@example.test`, name: 'New Agent', roles: ['helpdesk_agent'], password: password() });
    return {
      actor: a, url: '/api/v1/users', body: (n) => ({ ...body(n), password: 'Same-Lantern-Quay-7731!' }),
      made: (n) => countRows('users', { org_id: a.orgId, email: `new-${n}-${t}@example.test` }),
      other: { actor: b, url: '/api/v1/users', body: body(1) },
    };
  },
  'POST /tokens (tokens.create)': async () => {
    const [a, b] = [await makeActor(ctx, 'partner', ['global_admin']), await makeActor(ctx, 'partner', ['global_admin'])];
    const t = tag();
    return {
      actor: a, url: '/api/v1/tokens', body: (n) => ({ name: `ci-${n}-${t}` }),
      made: (n) => countRows('api_tokens', { org_id: a.orgId, name: `ci-${n}-${t}` }),
      other: { actor: b, url: '/api/v1/tokens', body: { name: `ci-1-${t}` } },
      secret: (answer) => ({ id: (answer.info as { id: string }).id, secret: answer.token as string }),
    };
  },
  'POST /organizations (organizations.create)': async () => {
    const other = await makeActor(ctx, 'operator', ['operator_admin']);
    const t = tag();
    const body = (n: number) => ({ kind: 'publisher', name: `Publisher ${n} ${t}`, country: 'US', admin: { email: `pub-${n}-${t}@example.test`, name: 'Pub Admin', password: 'Same-Lantern-Quay-7731!' } });
    return {
      actor: operator, url: '/api/v1/organizations', body,
      made: (n) => countRows('organizations', { name: `Publisher ${n} ${t}` }),
      other: { actor: other, url: '/api/v1/organizations', body: { ...body(1), name: `Publisher other ${t}`, admin: { ...body(1).admin, email: `pub-other-${t}@example.test` } } },
    };
  },
  'POST /customers (customers.create, with its first user)': async () => {
    const [a, b] = [await makePartner(ctx, 'direct'), await makePartner(ctx, 'direct')];
    const t = tag();
    const body = (n: number) => ({ name: `Customer ${n} ${t}`, country: 'US', admin: { email: `cust-${n}-${t}@example.test`, name: 'Cust Admin', password: 'Same-Lantern-Quay-7731!' } });
    return {
      actor: a, url: '/api/v1/customers', body,
      made: (n) => countRows('organizations', { name: `Customer ${n} ${t}` }),
      other: { actor: b, url: '/api/v1/customers', body: { name: `Customer other ${t}`, country: 'US' } },
    };
  },
  'POST /channel/relationships (relationships.invite)': async () => {
    const [a, b] = [await makePartner(ctx, 'indirect_provider'), await makePartner(ctx, 'indirect_provider')];
    const resellers = [await makeOrg(ctx, 'partner', { model: 'indirect_reseller' }), await makeOrg(ctx, 'partner', { model: 'indirect_reseller' })];
    return {
      actor: a, url: '/api/v1/channel/relationships', body: (n) => ({ resellerId: resellers[n - 1]!.id }),
      made: (n) => countRows('indirect_relationships', { provider_id: a.orgId, reseller_id: resellers[n - 1]!.id }),
      other: { actor: b, url: '/api/v1/channel/relationships', body: { resellerId: resellers[0]!.id } },
    };
  },
  'POST /webhooks/endpoints (webhooks.createEndpoint)': async () => {
    const [a, b] = [await makePartner(ctx, 'direct'), await makePartner(ctx, 'direct')];
    const t = tag();
    const body = (n: number) => ({ url: `https://hooks.example.com/${n}-${t}`, eventTypes: ['case.opened'] });
    return {
      actor: a, url: '/api/v1/webhooks/endpoints', body,
      made: (n) => countRows('webhook_endpoints', { org_id: a.orgId, url: `https://hooks.example.com/${n}-${t}` }),
      other: { actor: b, url: '/api/v1/webhooks/endpoints', body: body(1) },
      secret: (answer) => ({ id: answer.id as string, secret: answer.secret as string }),
    };
  },
  'POST /offers (offers.create)': async () => {
    const [a, b] = [await makePublisher(ctx), await makePublisher(ctx)];
    const ids = [uniqueOfferId(), uniqueOfferId()];
    return {
      actor: a, url: '/api/v1/offers', body: (n) => offerBody({ id: ids[n - 1] }),
      made: (n) => countRows('offers', { id: ids[n - 1] }),
      other: { actor: b, url: '/api/v1/offers', body: offerBody() },
    };
  },
  'POST /offers/:offerId/plans (plans.create)': async () => {
    const [a, b] = [await makePublisher(ctx), await makePublisher(ctx)];
    const [offer, otherOffer] = [await createOffer(ctx, a), await createOffer(ctx, b)];
    return {
      actor: a, url: `/api/v1/offers/${offer.id}/plans`, body: (n) => planBody({ id: `plan-${n}` }),
      made: (n) => countRows('plans', { offer_id: offer.id, id: `plan-${n}` }),
      other: { actor: b, url: `/api/v1/offers/${otherOffer.id}/plans`, body: planBody({ id: 'plan-1', name: 'Other standard' }) },
    };
  },
  'POST /offers/:offerId/agreements (agreements.publish)': async () => {
    const [a, b] = [await makePublisher(ctx), await makePublisher(ctx)];
    const [offer, otherOffer] = [await createOffer(ctx, a), await createOffer(ctx, b)];
    return {
      actor: a, url: `/api/v1/offers/${offer.id}/agreements`, body: (n) => agreementBody({ title: `Agreement ${n}` }),
      made: (n) => countRows('agreements', { offer_id: offer.id, title: `Agreement ${n}` }),
      other: { actor: b, url: `/api/v1/offers/${otherOffer.id}/agreements`, body: agreementBody({ title: 'Agreement 1' }) },
    };
  },
  'POST /incidents/:incidentId/updates (incidents.update)': async () => {
    const [a, b] = [await makePublisher(ctx, ['publisher_admin']), await makePublisher(ctx, ['publisher_admin'])];
    const [sale, otherSale] = [await makeSellableOffer(ctx, { publisher: a }), await makeSellableOffer(ctx, { publisher: b })];
    const [incident, otherIncident] = [await postIncident(ctx, a, [sale.offerId]), await postIncident(ctx, b, [otherSale.offerId])];
    const t = tag();
    return {
      actor: a, url: `/api/v1/incidents/${incident.id}/updates`, body: (n) => ({ status: 'identified', message: `Cause ${n} ${t}` }),
      made: (n) => countRows('incident_updates', { incident_id: incident.id, message: `Cause ${n} ${t}` }),
      other: { actor: b, url: `/api/v1/incidents/${otherIncident.id}/updates`, body: { status: 'identified', message: `Cause 1 ${t}` } },
    };
  },
  'POST /cases/:caseId/replies (cases.reply)': async () => {
    const world = await makeDirectWorld(ctx);
    const c = await openCase(ctx, world.customer, { title: 'Backups fail', description: 'Error E42 every night.', category: 'technical_howto', severity: 'moderate', subscriptionId: world.subscriptionId });
    const t = tag();
    return {
      actor: world.customer, url: `/api/v1/cases/${c.id}/replies`, body: (n) => ({ body: `More detail ${n} ${t}` }),
      made: (n) => countRows('case_messages', { case_id: c.id, body: `More detail ${n} ${t}` }),
      // The partner's own reply with the same key: keys are per organization.
      other: { actor: world.helpdesk, url: `/api/v1/cases/${c.id}/replies`, body: { body: `More detail 1 ${t}` } },
    };
  },
  'POST /cases/:caseId/notes (cases.note)': async () => {
    const world = await makeDirectWorld(ctx);
    const c = await openCase(ctx, world.customer, { title: 'Backups fail', description: 'Error E42 every night.', category: 'technical_howto', severity: 'moderate', subscriptionId: world.subscriptionId });
    const t = tag();
    return {
      actor: world.helpdesk, url: `/api/v1/cases/${c.id}/notes`, body: (n) => ({ body: `Internal ${n} ${t}`, visibility: 'internal' }),
      made: (n) => countRows('case_messages', { case_id: c.id, body: `Internal ${n} ${t}` }),
      other: { actor: world.customer, url: `/api/v1/cases/${c.id}/replies`, body: { body: `Internal 1 ${t}` } },
    };
  },
};

describe('Idempotency-Key on every creating POST', () => {
  for (const [name, setUp] of Object.entries(routes)) {
    it(`${name}: one resource per key, the same answer again, other input refused, keys per organization`, async () => {
      const route = await setUp();
      const key = newKey();
      const first = await post(route.actor, route.url, route.body(1), key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.headers['idempotent-replayed'], undefined);

      const again = await post(route.actor, route.url, route.body(1), key);
      if (route.secret) {
        const { id, secret } = route.secret(first.body);
        assert.equal(again.status, 409, JSON.stringify(again.body));
        assert.equal(again.body.code, 'IDEMPOTENCY_SECRET_SHOWN_ONCE');
        assert.equal(again.body.id, id);
        assert.ok(!again.raw.includes(secret), 'the secret is not answered again');
        const stored = await storedAnswer(route.actor.orgId, key);
        assert.ok(stored.includes(id) && !stored.includes(secret), 'the stored answer names the resource and holds no secret');
      } else {
        assert.equal(again.status, 201, JSON.stringify(again.body));
        assert.equal(again.headers['idempotent-replayed'], 'true');
        assert.deepEqual(again.body, first.body);
      }
      assert.equal(await route.made(1), 1);

      const reused = await post(route.actor, route.url, route.body(2), key);
      assert.equal(reused.status, 422, JSON.stringify(reused.body));
      assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.equal(await route.made(2), 0);

      const elsewhere = await post(route.other.actor, route.other.url, route.other.body, key);
      assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
      assert.equal(elsewhere.headers['idempotent-replayed'], undefined);
      assert.notDeepEqual(elsewhere.body, first.body);
    });
  }

  it('POST /cases/:caseId/messages/:messageId/attachments (cases.attach): one attachment per key, another file refused', async () => {
    const world = await makeDirectWorld(ctx);
    const c = await openCase(ctx, world.customer, { title: 'Backups fail', description: 'Error E42 every night.', category: 'technical_howto', severity: 'moderate', subscriptionId: world.subscriptionId });
    const reply = await post(world.customer, `/api/v1/cases/${c.id}/replies`, { body: 'The log is attached.' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const messageId = reply.body.message.id as string;
    const file = (text: string) => ({ fileName: 'backup.log', contentType: 'text/plain', content: text });
    const key = newKey();
    const first = await upload(ctx, world.customer, c.id, messageId, file('E42 at 02:00'), { 'idempotency-key': key });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await upload(ctx, world.customer, c.id, messageId, file('E42 at 02:00'), { 'idempotency-key': key });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal(await countRows('case_attachments', { message_id: messageId }), 1);
    const other = await upload(ctx, world.customer, c.id, messageId, file('E43 at 03:00'), { 'idempotency-key': key });
    assert.equal(other.status, 422, JSON.stringify(other.body));
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await countRows('case_attachments', { message_id: messageId }), 1);
  });

  it('a retry of a reply answers the first answer even with an If-Match that is no longer current', async () => {
    const world = await makeDirectWorld(ctx);
    const c = await openCase(ctx, world.customer, { title: 'Backups fail', description: 'Error E42 every night.', category: 'technical_howto', severity: 'moderate', subscriptionId: world.subscriptionId });
    const headers = { 'idempotency-key': newKey(), 'if-match': `"${c.version}"` };
    const first = await call(ctx, world.customer, 'POST', `/api/v1/cases/${c.id}/replies`, { body: 'Still failing.' }, headers);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await call(ctx, world.customer, 'POST', `/api/v1/cases/${c.id}/replies`, { body: 'Still failing.' }, headers);
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.deepEqual(again.body, first.body);
  });

  it('without a key, each request creates (the key is optional)', async () => {
    const partner = await makePartner(ctx, 'direct');
    const name = `Walk-in ${tag()}`;
    for (let i = 0; i < 2; i += 1) assert.equal((await post(partner, '/api/v1/customers', { name, country: 'US' })).status, 201);
    assert.equal(await countRows('organizations', { name }), 2);
  });

  it('10 concurrent requests with one key create one record and all get the same answer', async () => {
    const partner = await makePartner(ctx, 'direct');
    const world = await makeDirectWorld(ctx);
    const c = await openCase(ctx, world.customer, { title: 'Backups fail', description: 'Error E42 every night.', category: 'technical_howto', severity: 'moderate', subscriptionId: world.subscriptionId });
    const name = `Rush ${tag()}`;
    const customerKey = newKey();
    const noteKey = newKey();
    const note = `Racing note ${tag()}`;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => post(partner, '/api/v1/customers', { name, country: 'US' }, customerKey)),
      ...Array.from({ length: 10 }, () => post(world.helpdesk, `/api/v1/cases/${c.id}/notes`, { body: note, visibility: 'internal' }, noteKey)),
    ]);
    for (const a of answers) assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(await countRows('organizations', { name }), 1);
    assert.equal(await countRows('case_messages', { case_id: c.id, body: note }), 1);
    assert.equal(new Set(answers.slice(0, 10).map((a) => a.body.customer.id)).size, 1);
    assert.equal(new Set(answers.slice(10).map((a) => a.body.message.id)).size, 1);
    assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 18);
  });
});
