/**
 * What a case says each party may do next (`allowedActions` on GET /cases/:id), and an escalation
 * that names its target (issue 9, rule 6): the tier the split does not allow is refused with the
 * one it does, in English and Korean.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { act, caseAction, caseBody, makeIndirectWorld, openCase, theOperator, userOf } from '../case-factories.ts';
import { call, makeUser } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

const actionsOf = (body: { allowedActions: { action: string }[] }) => body.allowedActions.map((a) => a.action);

describe('allowedActions on a case', () => {
  it('lists for each party what it may do now, with where a hand-over goes', async () => {
    const w = await makeIndirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing' }));
    assert.equal(c.holder.id, w.reseller.orgId, 'the default split: the reseller is first contact for billing');
    assert.deepEqual(actionsOf(c as never), ['reply', 'close', 'attach'], 'the customer, on a new case');

    const asReseller = await call(ctx, w.reseller, 'GET', `/api/v1/cases/${c.id}`);
    assert.equal(asReseller.status, 200);
    assert.deepEqual(asReseller.body.allowedActions, [
      { action: 'reply' }, { action: 'reply_awaiting_customer' }, { action: 'note' }, { action: 'assign' },
      { action: 'escalate', targets: [{ orgId: w.provider.orgId, tier: 'provider' }] }, { action: 'reroute' }, { action: 'resolve' }, { action: 'attach' },
    ]);
    const asProvider = await call(ctx, w.provider, 'GET', `/api/v1/cases/${c.id}`);
    assert.deepEqual(actionsOf(asProvider.body), ['reply', 'note', 'attach'], 'a participant that does not hold it');

    const sales = await userOf(ctx, { id: w.reseller.orgId, kind: 'partner', name: 'reseller' }, ['sales_agent', 'billing_admin']);
    const asBilling = await call(ctx, sales, 'GET', `/api/v1/cases/${c.id}`);
    assert.ok(actionsOf(asBilling.body).includes('resolve'), 'billing roles work a billing case');

    const escalated = await act(ctx, w.reseller, c.id, 'escalate', {});
    assert.equal(escalated.holder.id, w.provider.orgId);
    assert.deepEqual(actionsOf(escalated as never), ['reply', 'note', 'attach'], 'the reseller, once it handed the case over');
    const asProviderNow = await call(ctx, w.provider, 'GET', `/api/v1/cases/${c.id}`);
    assert.deepEqual(
      (asProviderNow.body.allowedActions as { action: string }[]).filter((a) => ['escalate', 'hand_back'].includes(a.action)),
      [{ action: 'escalate', targets: [{ orgId: (await theOperator(ctx)).orgId, tier: 'operator' }] }, { action: 'hand_back', targets: [{ orgId: w.reseller.orgId }] }],
    );
  });
});

describe('an escalation names its target', () => {
  it('refuses a reseller naming the operator with the provider the split allows, and takes the provider when named', async () => {
    const w = await makeIndirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'payment' }));
    const korean = await makeUser(ctx, { id: w.reseller.orgId, kind: 'partner', name: 'reseller' }, ['admin_agent'], { locale: 'ko' });
    const refused = await caseAction(ctx, korean, c.id, 'escalate', { target: 'operator' });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'ESCALATION_NOT_ALLOWED');
    assert.equal(refused.body.reason, 'target_not_allowed');
    assert.deepEqual(refused.body.allowedTargets, [{ tier: 'provider', orgId: w.provider.orgId }]);
    assert.equal(refused.body.detail, '이 케이스는 현재 담당 조직에서 운영자에게 에스컬레이션할 수 없습니다. 지원 분담에 따라 대신 공급자에게 에스컬레이션할 수 있습니다.');
    const english = await caseAction(ctx, w.reseller, c.id, 'escalate', { target: 'operator' });
    assert.equal(english.body.detail, 'This case can\'t be escalated to the operator from its holder; the split allows the provider instead.');

    const named = await act(ctx, w.reseller, c.id, 'escalate', { target: 'provider', reason: 'A refund over the limit' });
    assert.equal(named.holder.id, w.provider.orgId);
    assert.equal(named.version, 2, 'the refusals changed nothing');
  });

  it('refuses a target outside the schema as a validation failure', async () => {
    const w = await makeIndirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'payment' }));
    const res = await caseAction(ctx, w.reseller, c.id, 'escalate', { target: 'publisher' });
    assert.equal(res.status, 400, JSON.stringify(res.body));
  });
});
