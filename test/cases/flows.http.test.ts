import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { testContext, type TestContext } from '../harness.ts';
import { call } from '../factories.ts';
import {
  act, caseAction, caseBody, makeDirectWorld, makeIndirectWorld, openCase, theOperator, userOf,
} from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

async function eventsOf(actor: Parameters<typeof call>[1], caseId: string) {
  const res = await call(ctx, actor, 'GET', `/api/v1/cases/${caseId}/events?limit=100`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as { type: string; visibility: string; actor: { orgId: string }; data: Record<string, unknown> }[];
}

describe('cases: a customer\'s technical question forwarded to the publisher and answered', () => {
  it('the partner answers first, forwards, stays on the case; the publisher asks, the customer answers, the publisher resolves, the customer closes', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(c.holder.id, w.partner.orgId);

    const firstReply = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: 'We are looking into it.' });
    assert.equal(firstReply.status, 201);
    assert.equal(firstReply.body.case.status, 'open', 'new becomes open when the holder first acts');
    assert.equal(firstReply.body.message.visibility, 'public');
    assert.equal(firstReply.headers.etag, '"2"');

    const forwarded = await act(ctx, w.helpdesk, c.id, 'forward', { reason: 'Needs the ISV\'s engineers.' });
    assert.equal(forwarded.holder.id, w.publisher.orgId);
    assert.equal(forwarded.status, 'pending_party');
    assert.ok(forwarded.participants.some((p) => p.id === w.partner.orgId && p.role === 'partner'), 'the partner stays a participant');
    assert.deepEqual(forwarded.yourRelations, ['participant']);

    const again = await caseAction(ctx, w.helpdesk, c.id, 'forward');
    assert.equal(again.status, 403, 'only the holder forwards');
    assert.equal(again.body.code, 'PERMISSION_DENIED');

    const asked = await caseAction(ctx, w.engineer, c.id, 'replies', { body: 'Which version do you run?', awaitingCustomer: true });
    assert.equal(asked.status, 201);
    assert.equal(asked.body.case.status, 'pending_customer');
    const answered = await caseAction(ctx, w.customer, c.id, 'replies', { body: 'Version 4.2.' });
    assert.equal(answered.body.case.status, 'open', 'the customer\'s reply opens a case waiting on it');
    const ref = await act(ctx, w.engineer, c.id, 'external-reference', { externalReference: 'ISV-1234' });
    assert.equal(ref.externalReference, 'ISV-1234');
    const fixed = await caseAction(ctx, w.engineer, c.id, 'replies', { body: 'Fixed in 4.3; upgrade please.' });
    assert.equal(fixed.status, 201);
    const resolved = await act(ctx, w.engineer, c.id, 'resolve');
    assert.equal(resolved.status, 'resolved');
    assert.ok(resolved.resolvedAt);

    const messages = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}/messages`);
    assert.deepEqual(messages.body.items.map((m: { body: string; author: { orgId: string } }) => [m.author.orgId, m.body]), [
      [w.partner.orgId, 'We are looking into it.'],
      [w.publisher.orgId, 'Which version do you run?'],
      [w.customerOrg.id, 'Version 4.2.'],
      [w.publisher.orgId, 'Fixed in 4.3; upgrade please.'],
    ]);

    const closed = await act(ctx, w.customer, c.id, 'close');
    assert.equal(closed.status, 'closed');
    assert.ok(closed.closedAt);
    const late = await caseAction(ctx, w.engineer, c.id, 'replies', { body: 'One more thing' });
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'CASE_STATUS_CONFLICT');

    const events = await eventsOf(w.customer, c.id);
    assert.deepEqual(events.map((e) => e.type), [
      'opened', 'routed', 'replied', 'forwarded', 'replied', 'replied', 'external_reference_set', 'replied', 'resolved', 'closed',
    ]);
    const forwardEvent = events.find((e) => e.type === 'forwarded')!;
    assert.deepEqual(forwardEvent.data, {
      fromOrgId: w.partner.orgId, toOrgId: w.publisher.orgId, reason: 'Needs the ISV\'s engineers.', status: { from: 'open', to: 'pending_party' },
    });
    const final = await call(ctx, w.partner, 'GET', `/api/v1/cases/${c.id}`);
    assert.equal(final.body.version, 9, 'one version per change: eight changes after opening');
    assert.equal(final.headers.etag, '"9"');
  });

  it('the publisher hands the case back to the partner that forwarded it, and the partner has no one to hand it back to', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    await act(ctx, w.helpdesk, c.id, 'forward');
    const back = await act(ctx, w.engineer, c.id, 'hand-back', { reason: 'This is configuration the partner set up.' });
    assert.equal(back.holder.id, w.partner.orgId);
    assert.equal(back.status, 'pending_party');
    const none = await caseAction(ctx, w.helpdesk, c.id, 'hand-back');
    assert.equal(none.status, 409);
    assert.equal(none.body.code, 'HAND_BACK_NOT_ALLOWED');
    const answered = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: 'Change setting X.' });
    assert.equal(answered.body.case.status, 'open', 'the new holder\'s first action opens it');
  });

  it('refuses to forward a non-technical case or a case the publisher holds', async () => {
    const w = await makeDirectWorld(ctx);
    const billing = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing' }));
    const res = await caseAction(ctx, w.helpdesk, billing.id, 'forward');
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'FORWARD_NOT_ALLOWED');
    assert.equal(res.body.reason, 'not_technical');
    const technical = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    assert.equal(technical.holder.id, w.publisher.orgId);
    const byPublisher = await caseAction(ctx, w.engineer, technical.id, 'forward');
    assert.equal(byPublisher.status, 409);
    assert.equal(byPublisher.body.reason, 'holder_not_partner');
  });
});

describe('cases: escalation through the indirect channel', () => {
  it('a reseller escalates a customer\'s billing case to its provider, the provider to the operator; each hands it back one tier', async () => {
    const w = await makeIndirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing', title: 'Charged twice' }));
    assert.equal(c.holder.id, w.reseller.orgId);
    assert.deepEqual(c.routing.escalationPath, [w.provider.orgId, w.operator.orgId]);

    const toProvider = await act(ctx, w.reseller, c.id, 'escalate', { reason: 'Needs the distributor\'s billing team.' });
    assert.equal(toProvider.holder.id, w.provider.orgId);
    assert.equal(toProvider.status, 'pending_party');
    const toOperator = await act(ctx, w.provider, c.id, 'escalate');
    assert.equal(toOperator.holder.id, w.operator.orgId);
    assert.ok(toOperator.participants.some((p) => p.id === w.operator.orgId && p.role === 'operator'));

    const looking = await caseAction(ctx, w.operator, c.id, 'replies', { body: 'The commerce system shows one charge reversed.' });
    assert.equal(looking.body.case.status, 'open');
    const top = await caseAction(ctx, w.operator, c.id, 'escalate');
    assert.equal(top.status, 409);
    assert.equal(top.body.code, 'ESCALATION_NOT_ALLOWED');
    assert.equal(top.body.reason, 'nowhere_to_escalate');

    const backToProvider = await act(ctx, w.operator, c.id, 'hand-back');
    assert.equal(backToProvider.holder.id, w.provider.orgId);
    const backToReseller = await act(ctx, w.provider, c.id, 'hand-back');
    assert.equal(backToReseller.holder.id, w.reseller.orgId);
    const resolved = await act(ctx, w.reseller, c.id, 'resolve');
    assert.equal(resolved.status, 'resolved');

    const transfers = (await eventsOf(w.customer, c.id)).filter((e) => ['escalated', 'handed_back'].includes(e.type))
      .map((e) => [e.type, e.data.fromOrgId, e.data.toOrgId, e.data.tier ?? null]);
    assert.deepEqual(transfers, [
      ['escalated', w.reseller.orgId, w.provider.orgId, 'provider'],
      ['escalated', w.provider.orgId, w.operator.orgId, 'operator'],
      ['handed_back', w.operator.orgId, w.provider.orgId, null],
      ['handed_back', w.provider.orgId, w.reseller.orgId, null],
    ]);
  });

  it('a reseller\'s commerce platform case goes to its provider, which escalates it to the operator; the customer takes no part', async () => {
    const w = await makeIndirectWorld(ctx);
    const helpdesk = await userOf(ctx, w.reseller.org, ['helpdesk_agent']);
    const c = await openCase(ctx, helpdesk, caseBody({ subscriptionId: w.subscriptionId, category: 'commerce_platform', title: 'Order stuck in provisioning' }));
    assert.equal(c.holder.id, w.provider.orgId);
    assert.equal(c.responsible.id, w.operator.orgId);
    const escalated = await act(ctx, w.provider, c.id, 'escalate');
    assert.equal(escalated.holder.id, w.operator.orgId);
    const hidden = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}`);
    assert.equal(hidden.status, 404);
    const answer = await caseAction(ctx, w.operator, c.id, 'replies', { body: 'Provisioning restarted.', awaitingCustomer: true });
    assert.equal(answer.body.case.status, 'pending_customer', 'with no customer, it waits on the requester');
    const confirmed = await caseAction(ctx, helpdesk, c.id, 'replies', { body: 'It went through, thanks.' });
    assert.equal(confirmed.body.case.status, 'open', 'the requester\'s answer opens it');
    const closed = await act(ctx, helpdesk, c.id, 'close');
    assert.equal(closed.status, 'closed');
  });
});

describe('cases: technical cases never reach the operator', () => {
  const support = { name: 'Support desk', email: 'support@contoso.example', phone: '+1 555 0100', website: 'https://contoso.example/support' };

  it('a partner escalating a technical case is refused with 409 and the publisher\'s support contact', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const res = await caseAction(ctx, w.helpdesk, c.id, 'escalate', { reason: 'The ISV does not answer' });
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'ESCALATION_NOT_ALLOWED');
    assert.equal(res.body.reason, 'operator_does_not_support_isv_products');
    assert.deepEqual(res.body.publisherSupport, support);
    for (const part of [support.name, support.email, support.phone, support.website]) assert.ok(res.body.detail.includes(part), res.body.detail);
    const unchanged = await call(ctx, w.customer, 'GET', `/api/v1/cases/${c.id}`);
    assert.equal(unchanged.body.version, 1);
    assert.equal(unchanged.body.holder.id, w.partner.orgId);
  });

  it('an indirect reseller may take its technical case to its provider, but the provider can\'t take it to the operator', async () => {
    const w = await makeIndirectWorld(ctx, { preference: 'tier1' });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'technical_howto' }));
    assert.equal(c.holder.id, w.reseller.orgId);
    const up = await act(ctx, w.reseller, c.id, 'escalate');
    assert.equal(up.holder.id, w.provider.orgId);
    const refused = await caseAction(ctx, w.provider, c.id, 'escalate');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.reason, 'operator_does_not_support_isv_products');
    assert.deepEqual(refused.body.publisherSupport, support);
    const outage = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'service_outage', severity: 'critical' }));
    assert.equal(outage.holder.id, w.publisher.orgId);
    const byPublisher = await caseAction(ctx, w.publisher, outage.id, 'escalate');
    assert.equal(byPublisher.status, 409);
    assert.equal(byPublisher.body.reason, 'operator_does_not_support_isv_products');
  });

  it('refuses a CSP program question to the operator as not its category', async () => {
    const w = await makeIndirectWorld(ctx);
    const c = await openCase(ctx, w.reseller, caseBody({ offerId: w.offerId, category: 'csp_program', title: 'Margins?' }));
    assert.equal(c.holder.id, w.publisher.orgId);
    const res = await caseAction(ctx, w.publisher, c.id, 'escalate');
    assert.equal(res.status, 409);
    assert.equal(res.body.reason, 'not_an_operator_category');
    assert.equal(res.body.publisherSupport, undefined);
  });
});

describe('cases: reroute', () => {
  it('the publisher reroutes a misfiled technical case to billing: routing runs again as the customer asked, the reason is recorded', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title: 'Why was I charged?' }));
    assert.equal(c.holder.id, w.publisher.orgId);
    const noted = await caseAction(ctx, w.engineer, c.id, 'replies', { body: 'This looks like a billing question.' });
    assert.equal(noted.body.case.status, 'open');

    const rerouted = await act(ctx, w.engineer, c.id, 'reroute', { category: 'billing', reason: 'The customer asks about a charge, not the product.' });
    assert.equal(rerouted.category, 'billing');
    assert.equal(rerouted.holder.id, w.partner.orgId);
    assert.equal(rerouted.responsible.id, w.partner.orgId);
    assert.equal(rerouted.responsible.kind, 'partner');
    assert.equal(rerouted.status, 'pending_party');
    assert.ok(rerouted.routing.rules.some((r) => r.code === 'RESPONSIBLE_PARTNER'));
    assert.ok(rerouted.participants.some((p) => p.id === w.publisher.orgId), 'nobody leaves the case');
    assert.deepEqual(rerouted.routing.escalationPath, [w.operator.orgId], 'the operator is the new last tier');
    assert.ok(!rerouted.participants.some((p) => p.id === w.operator.orgId), 'the operator joins only once the case is escalated to it');

    const event = (await eventsOf(w.customer, c.id)).find((e) => e.type === 'rerouted')!;
    assert.equal(event.data.reason, 'The customer asks about a charge, not the product.');
    assert.equal(event.data.fromCategory, 'technical_howto');
    assert.equal(event.data.toCategory, 'billing');
    assert.equal(event.data.toOrgId, w.partner.orgId);
    assert.ok(Array.isArray(event.data.rules) && event.data.rules.length > 0);

    const rows = await ctx.db.withOwner((tx) => tx.selectFrom('case_participants').selectAll().where('case_id', '=', c.id).execute());
    assert.deepEqual(rows.map((r) => r.org_id).sort(), [w.customerOrg.id, w.partner.orgId, w.publisher.orgId].sort());
    for (const row of rows) {
      assert.equal(row.category, 'billing');
      assert.equal(row.holder_org_id, w.partner.orgId);
      assert.equal(row.status, 'pending_party');
    }
    const picked = await caseAction(ctx, w.helpdesk, c.id, 'replies', { body: 'Refund issued.' });
    assert.equal(picked.body.case.status, 'open');
  });

  it('a reroute that keeps the holder counts as the holder acting; the same category, a non-holder and an unroutable category are refused', async () => {
    const w = await makeDirectWorld(ctx);
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing' }));
    const same = await caseAction(ctx, w.helpdesk, c.id, 'reroute', { category: 'billing', reason: 'x' });
    assert.equal(same.status, 400);
    assert.ok(same.body.errors.some((e: { field: string }) => e.field === 'body.category'));
    const noReason = await caseAction(ctx, w.helpdesk, c.id, 'reroute', { category: 'payment' });
    assert.equal(noReason.status, 400);
    const byCustomer = await caseAction(ctx, w.customer, c.id, 'reroute', { category: 'payment', reason: 'mine' });
    assert.equal(byCustomer.status, 403);
    const unroutable = await caseAction(ctx, w.helpdesk, c.id, 'reroute', { category: 'csp_program', reason: 'try' });
    assert.equal(unroutable.status, 422);
    assert.equal(unroutable.body.code, 'CASE_NOT_ROUTABLE');
    assert.equal(unroutable.body.reason, 'CATEGORY_NOT_ALLOWED_FOR_ASKER');
    const inPlace = await act(ctx, w.helpdesk, c.id, 'reroute', { category: 'payment', reason: 'It is about a refund.' });
    assert.equal(inPlace.holder.id, w.partner.orgId);
    assert.equal(inPlace.status, 'open');
    assert.equal(inPlace.version, 2);
  });
});
