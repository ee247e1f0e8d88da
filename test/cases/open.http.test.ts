import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor } from '../factories.ts';
import { makePublisher } from '../catalog-factories.ts';
import {
  caseBody, makeDirectWorld, makeIndirectWorld, openCase, postCase, theOperator, userOf,
} from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

/** The participant rows of a case as stored, read as the owner. */
async function storedParticipants(caseId: string) {
  return ctx.db.withOwner((tx) => tx.selectFrom('case_participants').selectAll().where('case_id', '=', caseId).orderBy('org_id').execute());
}

describe('cases: opening', () => {
  it('a customer opens a technical case: routed to its first holder, new, with the chain, participants and the events opened and routed', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const res = await postCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const c = res.body;
    assert.match(c.id, /^case_/);
    assert.equal(res.headers.etag, '"1"');
    assert.equal(c.status, 'new');
    assert.equal(c.version, 1);
    assert.equal(c.holder.id, w.partner.orgId, 'tier1: the partner answers how-to questions first');
    assert.equal(c.responsible.id, w.publisher.orgId);
    assert.equal(c.responsible.kind, 'publisher');
    assert.equal(c.customer.id, w.customerOrg.id);
    assert.equal(c.offerId, w.offerId);
    assert.deepEqual(c.chain, { publisherId: w.publisher.orgId, partnerId: w.partner.orgId, providerId: null, resellerId: null, operatorId: w.operator.orgId });
    assert.deepEqual(c.requester, { orgId: w.customerOrg.id, userId: w.customer.userId, name: w.customerOrg.name });
    assert.deepEqual(c.yourRelations, ['customer']);
    const roles = Object.fromEntries(c.participants.map((p: { id: string; role: string }) => [p.id, p.role]));
    assert.deepEqual(roles, { [w.customerOrg.id]: 'customer', [w.partner.orgId]: 'partner', [w.publisher.orgId]: 'publisher' });
    assert.ok(c.routing.rules.some((r: { code: string }) => r.code === 'PREFERENCE_TIER1_PARTNER_ANSWERS'));
    assert.ok(c.routing.rules.every((r: { en: string; ko: string }) => r.en.length > 0 && r.ko.length > 0));

    const rows = await storedParticipants(c.id);
    assert.equal(rows.length, 3);
    for (const row of rows) {
      assert.equal(row.status, 'new');
      assert.equal(row.category, 'technical_howto');
      assert.equal(row.severity, 'moderate');
      assert.equal(row.offer_id, w.offerId);
      assert.equal(row.customer_id, w.customerOrg.id);
      assert.equal(row.holder_org_id, w.partner.orgId);
    }

    const events = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}/events`);
    assert.equal(events.status, 200);
    assert.deepEqual(events.body.items.map((e: { type: string }) => e.type), ['opened', 'routed']);
    const routed = events.body.items[1];
    assert.equal(routed.data.holderOrgId, w.partner.orgId);
    assert.deepEqual(routed.data.rules, c.routing.rules);
  });

  it('with the default preference (forward), a customer\'s technical case goes to the publisher at once and the partner stays on it', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(c.holder.id, w.publisher.orgId);
    assert.ok(c.participants.some((p) => p.id === w.partner.orgId));
    for (const viewer of [w.partner, w.publisher, w.customer]) {
      const got = await call(ctx, viewer, 'GET', `/api/v1/cases/${c.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.headers.etag, '"1"');
    }
  });

  it('a partner agent, a billing_admin (billing), a publisher and the operator open cases', async () => {
    const w = await makeIndirectWorld(ctx);
    const billing = await userOf(ctx, w.reseller.org, ['billing_admin']);
    const fromBilling = await openCase(ctx, billing, caseBody({ subscriptionId: w.subscriptionId, category: 'billing', title: 'Invoice' }));
    assert.equal(fromBilling.holder.id, w.reseller.orgId);
    const helpdesk = await userOf(ctx, w.reseller.org, ['helpdesk_agent']);
    const commerce = await openCase(ctx, helpdesk, caseBody({ subscriptionId: w.subscriptionId, category: 'commerce_platform' }));
    assert.equal(commerce.holder.id, w.provider.orgId, 'only the provider raises commerce cases with the operator');
    assert.ok(!commerce.participants.some((p) => p.id === w.customerOrg.id), 'the channel\'s commerce case stays between its organizations');
    const engineer = await userOf(ctx, w.publisher.org, ['support_engineer']);
    const fromPublisher = await openCase(ctx, engineer, caseBody({ offerId: w.offerId, category: 'commerce_platform' }));
    assert.equal(fromPublisher.holder.id, w.operator.orgId);
    const commerceSupport = await userOf(ctx, (await theOperator(ctx)).org, ['commerce_support']);
    const fromOperator = await openCase(ctx, commerceSupport, caseBody({ subscriptionId: w.subscriptionId, category: 'subscription' }));
    assert.equal(fromOperator.holder.id, w.reseller.orgId);
  });

  it('refuses roles that may not open the category: sales_agent, publisher_viewer, user_admin, a billing_admin\'s technical case', async () => {
    const w = await makeDirectWorld(ctx);
    const refused: [string, Awaited<ReturnType<typeof userOf>>, string][] = [
      ['sales_agent', await userOf(ctx, w.partner.org, ['sales_agent']), 'billing'],
      ['user_admin', await userOf(ctx, w.partner.org, ['user_admin']), 'billing'],
      ['billing_admin', await userOf(ctx, w.partner.org, ['billing_admin']), 'technical_howto'],
      ['publisher_viewer', await userOf(ctx, w.publisher.org, ['publisher_viewer']), 'commerce_platform'],
    ];
    for (const [label, actor, category] of refused) {
      const res = await postCase(ctx, actor, caseBody({ subscriptionId: w.subscriptionId, offerId: undefined, category }));
      assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    const count = await ctx.db.withOwner((tx) => tx.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('subscription_id', '=', w.subscriptionId).executeTakeFirstOrThrow());
    assert.equal(Number(count.n), 0);
  });

  it('answers an unroutable case with 422 CASE_NOT_ROUTABLE, the reason and the rules, and stores nothing', async () => {
    const w = await makeDirectWorld(ctx);
    const operator = await theOperator(ctx);
    const technical = await postCase(ctx, operator, caseBody({ subscriptionId: w.subscriptionId, category: 'technical_breakfix' }));
    assert.equal(technical.status, 422);
    assert.equal(technical.body.code, 'CASE_NOT_ROUTABLE');
    assert.equal(technical.body.reason, 'CATEGORY_NOT_ALLOWED_FOR_ASKER');
    assert.ok(technical.body.rules.length > 0 && technical.body.rules.every((r: { en: string; ko: string }) => r.en && r.ko));
    const nowhere = await postCase(ctx, w.customer, caseBody());
    assert.equal(nowhere.status, 422);
    assert.equal(nowhere.body.reason, 'NO_SUBSCRIPTION_OR_OFFER');
    const csp = await postCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'csp_program' }));
    assert.equal(csp.body.reason, 'CATEGORY_NOT_ALLOWED_FOR_ASKER');
    const count = await ctx.db.withOwner((tx) => tx.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) => eb.or([eb('requester_org_id', '=', w.customerOrg.id), eb('subscription_id', '=', w.subscriptionId)])).executeTakeFirstOrThrow());
    assert.equal(Number(count.n), 0);
  });

  it('answers a subscription the asker may not see with 404, exactly like a missing one', async () => {
    const w = await makeDirectWorld(ctx);
    const stranger = await makeActor(ctx, 'customer', ['customer_admin']);
    const hidden = await postCase(ctx, stranger, caseBody({ subscriptionId: w.subscriptionId }));
    const missing = await postCase(ctx, stranger, caseBody({ subscriptionId: 'sub_doesnotexist' }));
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.code, 'SUBSCRIPTION_NOT_FOUND');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.detail, hidden.body.detail);
    const offer = await postCase(ctx, w.partner, caseBody({ offerId: 'no-such-offer', category: 'csp_program' }));
    assert.equal(offer.status, 404);
    assert.equal(offer.body.code, 'OFFER_NOT_FOUND');
  });

  it('validates the body, naming the field: blank title, unknown field, bad category, too long, no body', async () => {
    const w = await makeDirectWorld(ctx);
    const cases: [Record<string, unknown> | undefined, string][] = [
      [caseBody({ subscriptionId: w.subscriptionId, title: '   ' }), 'body.title'],
      [caseBody({ subscriptionId: w.subscriptionId, description: '' }), 'body.description'],
      [caseBody({ subscriptionId: w.subscriptionId, colour: 'red' }), 'body.colour'],
      [caseBody({ subscriptionId: w.subscriptionId, category: 'gossip' }), 'body.category'],
      [caseBody({ subscriptionId: w.subscriptionId, severity: 'A' }), 'body.severity'],
      [caseBody({ subscriptionId: w.subscriptionId, title: 'x'.repeat(201) }), 'body.title'],
      [caseBody({ subscriptionId: w.subscriptionId, language: 'fr' }), 'body.language'],
    ];
    for (const [body, field] of cases) {
      const res = await postCase(ctx, w.customer, body!);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${field}: ${JSON.stringify(res.body.errors)}`);
    }
    const empty = await call(ctx, w.customer, 'POST', '/api/v1/cases');
    assert.equal(empty.status, 400);
    const anonymous = await call(ctx, null, 'POST', '/api/v1/cases', caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(anonymous.status, 401);
  });

  it('takes the language from the body, else the requester\'s locale', async () => {
    const w = await makeDirectWorld(ctx);
    await ctx.db.withOwner((tx) => tx.updateTable('users').set({ locale: 'ko' }).where('id', '=', w.publisher.userId).execute());
    const own = await openCase(ctx, w.publisher, caseBody({ offerId: w.offerId, category: 'commerce_platform' }));
    assert.equal(own.language, 'ko');
    const chosen = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, language: 'ko' }));
    assert.equal(chosen.language, 'ko');
    const fallback = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(fallback.language, 'en');
  });

  it('opens once per Idempotency-Key: the same body answers the first case again; another body is refused', async () => {
    const w = await makeDirectWorld(ctx);
    const body = caseBody({ subscriptionId: w.subscriptionId });
    const first = await postCase(ctx, w.customer, body, { 'idempotency-key': 'case-key-1' });
    const again = await postCase(ctx, w.customer, Object.fromEntries(Object.entries(body).reverse()), { 'idempotency-key': 'case-key-1' });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.body, first.body);
    const other = await postCase(ctx, w.customer, { ...body, title: 'Another question' }, { 'idempotency-key': 'case-key-1' });
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    const stored = await ctx.db.withOwner((tx) => tx.selectFrom('cases').select('id').where('requester_org_id', '=', w.customerOrg.id).execute());
    assert.deepEqual(stored.map((r) => r.id), [first.body.id]);
    const withoutKey = await postCase(ctx, w.customer, body);
    assert.notEqual(withoutKey.body.id, first.body.id, 'without a key, each POST opens a case');
  });

  it('shows a case only to its participants: another customer, partner, publisher or the operator gets 404', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const strangers = [
      await makeActor(ctx, 'customer', ['customer_admin']),
      await makeActor(ctx, 'partner', ['global_admin'], { model: 'direct' }),
      await makePublisher(ctx),
      await theOperator(ctx),
    ];
    for (const stranger of strangers) {
      for (const path of ['', '/messages', '/events']) {
        const res = await call(ctx, stranger, 'GET', `/api/v1/cases/${c.id}${path}`);
        assert.equal(res.status, 404, `${stranger.orgId} ${path}`);
        assert.equal(res.body.code, 'CASE_NOT_FOUND');
      }
    }
    const missing = await call(ctx, w.customer, 'GET', '/api/v1/cases/case_missing');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.detail, 'No such case.');
  });

  it('a user_admin of a participant sees the case exists but may not read it (403)', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const userAdmin = await userOf(ctx, w.partner.org, ['user_admin']);
    for (const path of ['', '/messages', '/events']) {
      const res = await call(ctx, userAdmin, 'GET', `/api/v1/cases/${c.id}${path}`);
      assert.equal(res.status, 403, path);
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
  });

  it('pages messages and events oldest first with a cursor, and refuses a forged cursor', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const actor = i % 2 === 0 ? w.helpdesk : w.customer;
      const res = await call(ctx, actor, 'POST', `/api/v1/cases/${c.id}/replies`, { body: `message ${i}` });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      bodies.push(`message ${i}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}/messages?limit=2${q}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((m: { body: string }) => m.body));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, bodies);
    const types: string[] = [];
    cursor = null;
    for (let page = 0; page < 10; page++) {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await call(ctx, w.partner, 'GET', `/api/v1/cases/${c.id}/events?limit=3${q}`);
      types.push(...res.body.items.map((e: { type: string }) => e.type));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(types, ['opened', 'routed', 'replied', 'replied', 'replied', 'replied', 'replied']);
    const forged = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}/messages?cursor=not-a-cursor`);
    assert.equal(forged.status, 400);
    assert.equal(forged.body.code, 'INVALID_CURSOR');
  });
});
