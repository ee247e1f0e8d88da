/**
 * Who takes part in a case, across organizations over HTTP (SPEC sections 4 and 5): the provider
 * in every case about its reseller's subscriptions, the operator only in commerce cases and in
 * cases escalated to it, and commerce questions about onboarding or one's own account, which
 * partners and publishers ask the operator with neither subscription nor offer. Reading a case,
 * the inbox, notifications and the recipients of its events (what webhooks are delivered to) all
 * follow the participants.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { act, caseBody, makeDirectWorld, makeIndirectWorld, openCase, postCase, theOperator } from '../case-factories.ts';
import { makePartner, makePublisher, type OrgActor } from '../catalog-factories.ts';
import { call, type Actor } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';

let ctx: TestContext;
let operator: OrgActor;

before(async () => {
  ctx = await testContext();
  operator = await theOperator(ctx);
});

/** The event types of an actor's notifications about one case, sorted (events of one change share their time). */
async function notifiedOf(actor: Actor, caseId: string): Promise<string[]> {
  const res = await call(ctx, actor, 'GET', '/api/v1/notifications?limit=100');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.items as { eventType: string; link: string }[])
    .filter((n) => n.link.endsWith(caseId)).map((n) => n.eventType).sort();
}

/** The event types of a case that reached an organization (its in-app and webhook audience), sorted. */
async function reachedBy(orgId: string, caseId: string): Promise<string[]> {
  const rows = await ctx.db.withOwner((tx) => tx.selectFrom('event_recipients as r').innerJoin('domain_events as e', 'e.id', 'r.event_id')
    .select('e.type').where('r.org_id', '=', orgId).where('e.subject_type', '=', 'case').where('e.subject_id', '=', caseId)
    .execute());
  return rows.map((r) => r.type).sort();
}

/** The ids of the cases in an actor's inbox. */
async function inboxIds(actor: Actor): Promise<string[]> {
  const res = await call(ctx, actor, 'GET', '/api/v1/cases?limit=100');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.items as { id: string }[]).map((c) => c.id);
}

describe('routing: the provider takes part in every case about its reseller\'s subscription', () => {
  for (const category of ['technical_breakfix', 'technical_howto', 'service_outage', 'billing'] as const) {
    it(`lets the provider read its reseller's customer's ${category} case, find it in its inbox and hear of it`, async () => {
      const w = await makeIndirectWorld(ctx);
      const c = await openCase(ctx, w.customer, caseBody({ category, subscriptionId: w.subscriptionId }));
      assert.ok(c.participants.some((p) => p.id === w.provider.orgId && p.role === 'provider'), JSON.stringify(c.participants));
      await ctx.jobs.drain();

      const read = await call(ctx, w.provider, 'GET', `/api/v1/cases/${c.id}`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(read.body.id, c.id);
      assert.ok((await inboxIds(w.provider)).includes(c.id));
      assert.deepEqual(await notifiedOf(w.provider, c.id), ['case.opened', 'case.routed']);
      assert.deepEqual(await reachedBy(w.provider.orgId, c.id), ['case.opened', 'case.routed']);

      // A public answer of whoever holds it reaches the provider too.
      const holder = c.holder.id === w.publisher.orgId ? w.publisher : c.holder.id === w.reseller.orgId ? w.reseller : null;
      assert.ok(holder, `unexpected holder ${c.holder.id}`);
      await act(ctx, holder, c.id, 'replies', { body: 'We are looking into it.' });
      await ctx.jobs.drain();
      assert.deepEqual(await notifiedOf(w.provider, c.id), ['case.message_added', 'case.opened', 'case.routed']);
    });
  }

  it('names the provider in the routing explanation of its reseller\'s customer\'s technical case', async () => {
    const w = await makeIndirectWorld(ctx);
    const res = await call(ctx, w.customer, 'POST', '/api/v1/routing/decisions', { category: 'technical_breakfix', severity: 'critical', subscriptionId: w.subscriptionId });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.participants.map((p: { role: string }) => p.role).sort(), ['customer', 'provider', 'publisher', 'reseller']);
    const why = res.body.rules.find((r: { code: string }) => r.code === 'PROVIDER_TAKES_PART');
    assert.ok(why && why.en.length > 0 && /[\uac00-\ud7a3]/.test(why.ko), JSON.stringify(res.body.rules));
  });

  it('still keeps a stranger provider out of the case (404)', async () => {
    const w = await makeIndirectWorld(ctx);
    const stranger = await makePartner(ctx, 'indirect_provider');
    const c = await openCase(ctx, w.customer, caseBody({ category: 'technical_breakfix', subscriptionId: w.subscriptionId }));
    assert.equal((await call(ctx, stranger, 'GET', `/api/v1/cases/${c.id}`)).status, 404);
  });
});

describe('routing: the operator takes part only where it has a role', () => {
  it('keeps the operator out of a billing case (404, no notification, no event) until the case is escalated to it', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ category: 'billing', subscriptionId: w.subscriptionId }));
    assert.deepEqual(c.routing.escalationPath, [operator.orgId], 'the path still names the operator');
    assert.ok(!c.participants.some((p) => p.id === operator.orgId), JSON.stringify(c.participants));
    await act(ctx, w.partner, c.id, 'replies', { body: 'Checking the invoice.' });
    await ctx.jobs.drain();

    const hidden = await call(ctx, operator, 'GET', `/api/v1/cases/${c.id}`);
    const missing = await call(ctx, operator, 'GET', '/api/v1/cases/case_doesnotexist');
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.code, missing.body.code);
    assert.ok(!(await inboxIds(operator)).includes(c.id));
    assert.deepEqual(await notifiedOf(operator, c.id), []);
    assert.deepEqual(await reachedBy(operator.orgId, c.id), []);

    const escalated = await act(ctx, w.partner, c.id, 'escalate', { reason: 'The commerce system charged twice.' });
    assert.equal(escalated.holder.id, operator.orgId);
    assert.ok(escalated.participants.some((p) => p.id === operator.orgId && p.role === 'operator'));
    await ctx.jobs.drain();

    const read = await call(ctx, operator, 'GET', `/api/v1/cases/${c.id}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.ok((await inboxIds(operator)).includes(c.id));
    assert.deepEqual(await notifiedOf(operator, c.id), ['case.escalated']);
    assert.deepEqual(await reachedBy(operator.orgId, c.id), ['case.escalated']);
    // Once on the case, it hears of what follows.
    await act(ctx, w.partner, c.id, 'replies', { body: 'Attached the two charges.' });
    await ctx.jobs.drain();
    assert.deepEqual(await notifiedOf(operator, c.id), ['case.escalated', 'case.message_added']);
  });

  it('keeps the operator out of a reseller\'s customer\'s billing case escalated only to the provider', async () => {
    const w = await makeIndirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ category: 'payment', subscriptionId: w.subscriptionId }));
    assert.deepEqual(c.routing.escalationPath, [w.provider.orgId, operator.orgId]);
    const toProvider = await act(ctx, w.reseller, c.id, 'escalate');
    assert.equal(toProvider.holder.id, w.provider.orgId);
    await ctx.jobs.drain();
    assert.equal((await call(ctx, operator, 'GET', `/api/v1/cases/${c.id}`)).status, 404);
    assert.deepEqual(await reachedBy(operator.orgId, c.id), []);
    await act(ctx, w.provider, c.id, 'escalate');
    assert.equal((await call(ctx, operator, 'GET', `/api/v1/cases/${c.id}`)).status, 200);
  });

  it('makes the operator a participant of a customer\'s commerce case from the start', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ category: 'commerce_platform', subscriptionId: w.subscriptionId }));
    assert.equal(c.holder.id, w.partner.orgId);
    await ctx.jobs.drain();
    assert.equal((await call(ctx, operator, 'GET', `/api/v1/cases/${c.id}`)).status, 200);
    assert.deepEqual(await notifiedOf(operator, c.id), ['case.opened', 'case.routed']);
  });
});

describe('routing: commerce questions with neither subscription nor offer', () => {
  const askers: [string, (ctx: TestContext) => Promise<OrgActor>][] = [
    ['a direct partner', (x) => makePartner(x, 'direct')],
    ['an indirect provider', (x) => makePartner(x, 'indirect_provider')],
    ['an indirect reseller', (x) => makePartner(x, 'indirect_reseller')],
    ['a publisher', (x) => makePublisher(x)],
  ];
  for (const [who, make] of askers) {
    it(`lets ${who} open one (201), held by the operator, who reads it; nobody else takes part`, async () => {
      const asker = await make(ctx);
      const decision = await call(ctx, asker, 'POST', '/api/v1/routing/decisions', { category: 'commerce_platform', severity: 'minimal' });
      assert.equal(decision.status, 200, JSON.stringify(decision.body));
      assert.equal(decision.body.routable, true, JSON.stringify(decision.body));
      assert.ok(decision.body.rules.some((r: { code: string }) => r.code === 'COMMERCE_WITHOUT_SUBSCRIPTION'));

      const res = await postCase(ctx, asker, caseBody({ category: 'commerce_platform', title: 'Onboarding to the marketplace', description: 'Our tax profile is stuck in review.' }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.holder.id, operator.orgId);
      assert.equal(res.body.responsible.id, operator.orgId);
      assert.equal(res.body.subscriptionId, null);
      assert.equal(res.body.offerId, null);
      assert.deepEqual(res.body.participants.map((p: { id: string }) => p.id).sort(), [asker.orgId, operator.orgId].sort());
      await ctx.jobs.drain();
      assert.equal((await call(ctx, operator, 'GET', `/api/v1/cases/${res.body.id}`)).status, 200);
      assert.deepEqual(await notifiedOf(operator, res.body.id), ['case.opened', 'case.routed']);
      const answer = await act(ctx, operator, res.body.id, 'replies', { body: 'The review is done.' });
      assert.equal(answer.status, 'open');
    });
  }

  it('refuses a customer (422 CASE_NOT_ROUTABLE, SUBSCRIPTION_REQUIRED: its partner is its first contact), storing nothing', async () => {
    const w = await makeDirectWorld(ctx);
    const before = await inboxIds(w.customer);
    const res = await postCase(ctx, w.customer, caseBody({ category: 'commerce_platform' }));
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.code, 'CASE_NOT_ROUTABLE');
    assert.equal(res.body.reason, 'SUBSCRIPTION_REQUIRED');
    assert.match(res.body.detail, /asks its partner first/);
    assert.equal(res.body.rules.at(-1).code, 'SUBSCRIPTION_REQUIRED');
    assert.deepEqual(await inboxIds(w.customer), before);
  });

  it('still refuses other categories with neither, for partners too (422 NO_SUBSCRIPTION_OR_OFFER)', async () => {
    const partner = await makePartner(ctx, 'direct');
    for (const category of ['billing', 'account_setup', 'technical_howto', 'csp_program']) {
      const res = await postCase(ctx, partner, caseBody({ category }));
      assert.equal(res.status, 422, `${category}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.reason, 'NO_SUBSCRIPTION_OR_OFFER');
    }
  });

  it('refuses a reseller\'s commerce case about an offer without its subscription: the provider is unknown', async () => {
    const w = await makeIndirectWorld(ctx);
    const res = await postCase(ctx, w.reseller, caseBody({ category: 'commerce_platform', offerId: w.offerId }));
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.reason, 'SUBSCRIPTION_REQUIRED');
    assert.match(res.body.detail, /through its provider/);
  });
});
