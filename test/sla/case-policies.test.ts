/**
 * `policiesForCase` on real cases: the publisher's agreement version accepted on purchase (not a
 * newer one), the version in force when a case without a subscription opened, a partner's and the
 * operator's versions in force when the case opened (not later ones), customers left out — read
 * in a participant's tenant transaction and in the owner's, and nothing for an organization that
 * takes part in no such case; `policiesForCases` answering several cases at once, each as the
 * transaction may see it.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makePartner, publishAgreement } from '../catalog-factories.ts';
import { makeDirectWorld, openCase, caseBody, theOperator } from '../case-factories.ts';
import { call, type Actor } from '../factories.ts';
import { testClock, testContext, type TestContext } from '../harness.ts';
import type { OrgKind } from '../../src/core/parties.ts';
import { policiesForCase, policiesForCases } from '../../src/modules/sla/index.ts';

const clock = testClock('2026-07-01T00:00:00.000Z');
const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];

function policy(firstResponseCritical: number) {
  return {
    targets: {
      critical: { firstResponseMinutes: firstResponseCritical, resolutionMinutes: 240 },
      moderate: { firstResponseMinutes: 120, resolutionMinutes: 960 },
      minimal: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
    },
    calendar: { timeZone: 'Asia/Seoul', week: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: [], sun: [] }, holidays: [] },
    criticalAroundTheClock: false,
  };
}

async function setPolicy(ctx: TestContext, actor: Actor, scope: string, firstResponseCritical: number) {
  const res = await call(ctx, actor, 'PUT', `/api/v1/sla-policies/${scope}`, policy(firstResponseCritical));
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

const as = (actor: Actor, kind: OrgKind) => ({ orgId: actor.orgId, orgKind: kind, userId: actor.userId });

/** `role: source` of each applied policy, e.g. `partner: policy all/1`. */
function summary(policies: Awaited<ReturnType<typeof policiesForCase>>['policies']): string[] {
  return policies.map((p) => {
    const s = p.source;
    const what = s.kind === 'policy' ? `policy ${s.scope}/${s.version}` : s.kind === 'agreement' ? `agreement v${s.version}${s.acceptedOnPurchase ? ' accepted' : ' in force'}` : `default ${s.reason}`;
    return `${p.role}: ${what}`;
  });
}

describe('policiesForCase', () => {
  let ctx: TestContext;
  let world: Awaited<ReturnType<typeof makeDirectWorld>>;
  let technical: { id: string; openedAt: Date };

  before(async () => {
    ctx = await testContext({ clock });
    world = await makeDirectWorld(ctx);
    clock.set('2026-07-02T00:00:00.000Z');
    await setPolicy(ctx, world.partner, 'all', 45);
    await setPolicy(ctx, world.partner, 'technical_howto', 40);
    // A newer agreement than the customer accepted (v1, 24x7 America/Los_Angeles).
    await publishAgreement(ctx, world.publisher, world.offerId, { title: 'v2' });
    clock.set('2026-07-03T00:00:00.000Z');
    const opened = await openCase(ctx, world.customer, caseBody({ category: 'technical_howto', severity: 'critical', subscriptionId: world.subscriptionId }));
    technical = { id: opened.id, openedAt: new Date('2026-07-03T00:00:00.000Z') };
    // Set after the case opened: they apply to later cases only.
    clock.set('2026-07-04T00:00:00.000Z');
    await setPolicy(ctx, world.partner, 'technical_howto', 35);
  });

  const facts = () => ({
    caseId: technical.id, category: 'technical_howto' as const, severity: 'critical' as const, openedAt: technical.openedAt,
    parties: [
      { orgId: world.customerOrg.id, role: 'customer' as const },
      { orgId: world.partner.orgId, role: 'partner' as const },
      { orgId: world.publisher.orgId, role: 'publisher' as const },
    ],
  });

  it('gives the agreement version accepted on purchase and the partner\'s versions in force at opening, to each participant alike', async () => {
    const expected = ['partner: policy technical_howto/1', 'publisher: agreement v1 accepted'];
    for (const [actor, kind] of [[world.customer, 'customer'], [world.partner, 'partner'], [world.publisher, 'publisher']] as const) {
      const got = await ctx.db.withTenant(as(actor, kind), (tx) => policiesForCase(tx, facts()));
      assert.deepEqual(summary(got.policies), expected, kind);
    }
    const owner = await ctx.db.withOwner((tx) => policiesForCase(tx, facts()));
    assert.deepEqual(summary(owner.policies), expected, 'the owner (the worker)');
    const partner = owner.policyOf(world.partner.orgId, 'partner');
    assert.deepEqual(partner?.targets, { firstResponseMinutes: 40, resolutionMinutes: 240 });
    assert.equal(partner?.calendar.timeZone, 'Asia/Seoul');
    const publisher = owner.policyOf(world.publisher.orgId, 'publisher');
    assert.equal(publisher?.calendar.timeZone, 'America/Los_Angeles');
    assert.deepEqual(publisher?.calendar.week.sun, [{ start: '00:00', end: '24:00' }]);
    assert.deepEqual(publisher?.why, {
      en: 'The publisher\'s agreement v1, accepted on purchase, applies. Its support hours are read from "24x7" (America/Los_Angeles).',
      ko: '게시자의 계약(버전 1, 구매 시 수락)을 적용합니다. 지원 시간은 "24x7"(America/Los_Angeles)에서 읽었습니다.',
    });
    assert.equal(owner.policyOf(world.customerOrg.id, 'customer'), null);
  });

  it('answers nothing to an organization that does not take part in the case', async () => {
    const outsider = await makePartner(ctx, 'direct');
    await setPolicy(ctx, outsider, 'all', 20);
    const got = await ctx.db.withTenant(as(outsider, 'partner'), (tx) => policiesForCase(tx, facts()));
    assert.deepEqual(summary(got.policies), ['partner: default no_policy', 'publisher: default no_agreement']);
    const raw = await ctx.db.withTenant(as(outsider, 'partner'), async (tx) => ({
      policies: (await sql`SELECT * FROM sb_case_sla_policies(${technical.id})`.execute(tx)).rows.length,
      agreements: (await sql`SELECT * FROM sb_case_agreements(${technical.id})`.execute(tx)).rows.length,
      manyPolicies: (await sql`SELECT * FROM sb_cases_sla_policies(${[technical.id]}::text[])`.execute(tx)).rows.length,
      manyAgreements: (await sql`SELECT * FROM sb_cases_agreements(${[technical.id]}::text[])`.execute(tx)).rows.length,
    }));
    assert.deepEqual(raw, { policies: 0, agreements: 0, manyPolicies: 0, manyAgreements: 0 });
    const anonymous = await ctx.db.withAnonymous({}, async (tx) => (await sql`SELECT * FROM sb_case_sla_policies(${technical.id})`.execute(tx)).rows.length);
    assert.equal(anonymous, 0);
    const anonymousMany = await ctx.db.withAnonymous({}, async (tx) => (await sql`SELECT * FROM sb_cases_sla_policies(${[technical.id]}::text[])`.execute(tx)).rows.length);
    assert.equal(anonymousMany, 0);
  });

  it('gives a case without a subscription the agreement version in force when it opened', async () => {
    clock.set('2026-07-05T00:00:00.000Z');
    const opened = await openCase(ctx, world.partner, caseBody({ category: 'technical_breakfix', severity: 'moderate', offerId: world.offerId }));
    clock.set('2026-07-06T00:00:00.000Z');
    await publishAgreement(ctx, world.publisher, world.offerId, { title: 'v3' });
    const got = await ctx.db.withOwner((tx) => policiesForCase(tx, {
      caseId: opened.id, category: 'technical_breakfix', severity: 'moderate', openedAt: new Date('2026-07-05T00:00:00.000Z'),
      parties: opened.participants.map((p) => ({ orgId: p.id, role: p.role as 'partner' | 'publisher' })),
    }));
    assert.deepEqual(summary(got.policies).sort(), ['partner: policy all/1', 'publisher: agreement v2 in force']);
  });

  it('answers a clock that started before a reroute with the policy of the category of its time', async () => {
    clock.set('2026-07-09T00:00:00.000Z');
    await setPolicy(ctx, world.partner, 'billing', 25);
    await setPolicy(ctx, world.partner, 'subscription', 50);
    clock.set('2026-07-10T00:00:00.000Z');
    const opened = await openCase(ctx, world.customer, caseBody({ category: 'billing', severity: 'critical', subscriptionId: world.subscriptionId, title: 'Charged twice' }));
    const rerouted = await call(ctx, world.partner, 'POST', `/api/v1/cases/${opened.id}/reroute`, { category: 'subscription', reason: 'It is about the renewal.' });
    assert.equal(rerouted.status, 200, JSON.stringify(rerouted.body));
    const got = await ctx.db.withTenant(as(world.customer, 'customer'), (tx) => policiesForCase(tx, {
      caseId: opened.id, category: 'subscription', severity: 'critical', openedAt: new Date('2026-07-10T00:00:00.000Z'),
      parties: [{ orgId: world.partner.orgId, role: 'partner' }],
    }));
    assert.deepEqual(summary(got.policies), ['partner: policy subscription/1']);
    const before = got.policyOf(world.partner.orgId, 'partner', { category: 'billing' });
    assert.deepEqual(before?.source.kind === 'policy' && [before.source.scope, before.source.version], ['billing', 1]);
    assert.deepEqual(before?.targets, { firstResponseMinutes: 25, resolutionMinutes: 240 });
    assert.deepEqual(got.policyOf(world.partner.orgId, 'partner', { category: 'billing', severity: 'minimal' })?.targets, { firstResponseMinutes: 480, resolutionMinutes: 2400 });
    // A category the case never had is not in the look-up: the partner's `all` answers.
    const never = got.policyOf(world.partner.orgId, 'partner', { category: 'technical_howto' });
    assert.deepEqual(never?.source.kind === 'policy' && never.source.scope, 'all');
  });

  it('gives the operator its commerce platform policy', async () => {
    const operator = await theOperator(ctx);
    clock.set('2026-07-07T00:00:00.000Z');
    await setPolicy(ctx, operator, 'commerce_platform', 60);
    await setPolicy(ctx, operator, 'all', 90);
    clock.set('2026-07-08T00:00:00.000Z');
    const opened = await openCase(ctx, world.partner, caseBody({ category: 'commerce_platform', severity: 'critical', title: 'Payouts are late' }));
    const got = await ctx.db.withTenant(as(operator, 'operator'), (tx) => policiesForCase(tx, {
      caseId: opened.id, category: 'commerce_platform', severity: 'critical', openedAt: new Date('2026-07-08T00:00:00.000Z'),
      parties: opened.participants.map((p) => ({ orgId: p.id, role: p.role as 'partner' | 'operator' })),
    }));
    assert.deepEqual(summary(got.policies).sort(), ['operator: policy commerce_platform/1', 'partner: policy all/1']);
    assert.deepEqual(got.policyOf(operator.orgId, 'operator')?.targets, { firstResponseMinutes: 60, resolutionMinutes: 240 });
  });

  it('answers several cases at once, in the order given, each only as far as the transaction takes part in it', async () => {
    const other = await makeDirectWorld(ctx);
    clock.set('2026-07-11T00:00:00.000Z');
    await setPolicy(ctx, other.partner, 'all', 15);
    clock.set('2026-07-12T00:00:00.000Z');
    const opened = await openCase(ctx, other.customer, caseBody({ category: 'billing', severity: 'critical', subscriptionId: other.subscriptionId, title: 'Invoice missing' }));
    const otherFacts = {
      caseId: opened.id, category: 'billing' as const, severity: 'critical' as const, openedAt: new Date('2026-07-12T00:00:00.000Z'),
      parties: [{ orgId: other.partner.orgId, role: 'partner' as const }, { orgId: other.publisher.orgId, role: 'publisher' as const }],
    };
    const mine = ['partner: policy technical_howto/1', 'publisher: agreement v1 accepted'];
    const theirs = ['partner: policy all/1', 'publisher: agreement v1 accepted'];

    const owner = await ctx.db.withOwner((tx) => policiesForCases(tx, [otherFacts, facts(), otherFacts]));
    assert.deepEqual(owner.map((c) => summary(c.policies)), [theirs, mine, theirs]);
    assert.deepEqual(owner[0]?.policyOf(other.partner.orgId, 'partner')?.targets, { firstResponseMinutes: 15, resolutionMinutes: 240 });

    // The first world's partner takes no part in the other case: it gets the defaults there.
    const partner = await ctx.db.withTenant(as(world.partner, 'partner'), (tx) => policiesForCases(tx, [facts(), otherFacts]));
    assert.deepEqual(partner.map((c) => summary(c.policies)), [mine, ['partner: default no_policy', 'publisher: default no_agreement']]);
    const alone = await ctx.db.withTenant(as(world.partner, 'partner'), (tx) => policiesForCase(tx, facts()));
    assert.deepEqual(summary(alone.policies), mine);

    assert.deepEqual(await ctx.db.withOwner((tx) => policiesForCases(tx, [])), []);
  });
});
