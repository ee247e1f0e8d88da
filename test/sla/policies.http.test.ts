/**
 * SLA policies over HTTP: who may read and set which (every partner role, the operator's and the
 * publisher's roles, customers), across organizations; versions that grow and never change; the
 * same policy again writing nothing; If-Match; withdrawals; what applies and why; the audit log;
 * validation errors in English and Korean. Expectations are written out from the rules.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { makePartner, makePublisher, makeSellableOffer, publishAgreement } from '../catalog-factories.ts';
import { makeEveryPartnerRole, PARTNER_ROLES } from '../channel-factories.ts';
import { call, makeActor, makeOrg, makeUser, type Actor } from '../factories.ts';
import { testClock, testContext, type TestContext } from '../harness.ts';

const URL = '/api/v1/sla-policies';
const clock = testClock('2026-06-01T09:00:00.000Z');
const context = () => testContext({ clock });

const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];
const WEEKDAYS = { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: [], sun: [] };

/** A valid policy: Seoul business hours, Chuseok off, critical around the clock. */
function policy(overrides: Record<string, unknown> = {}) {
  return {
    targets: {
      critical: { firstResponseMinutes: 30, resolutionMinutes: 240 },
      moderate: { firstResponseMinutes: 120, resolutionMinutes: 960 },
      minimal: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
    },
    calendar: { timeZone: 'Asia/Seoul', week: WEEKDAYS, holidays: ['2026-09-24', '2026-09-25'] },
    criticalAroundTheClock: true,
    ...overrides,
  };
}

/** The same policy with another moderate resolution target. */
const withModerateResolution = (minutes: number) => policy({
  targets: { ...policy().targets, moderate: { firstResponseMinutes: 120, resolutionMinutes: minutes } },
});

type AgreementOut = { version: number; publishedBy: string | null; commitments: { calendar?: unknown; criticalAroundTheClock?: boolean } };
type Version = { version: number; withdrawn: boolean; setBy: string; setAt: string; policy: ReturnType<typeof policy> | null };

describe('SLA policies: who may read and set them', () => {
  let ctx: TestContext;
  let roles: Awaited<ReturnType<typeof makeEveryPartnerRole>>;

  before(async () => {
    ctx = await context();
    const partner = await makePartner(ctx, 'direct');
    roles = await makeEveryPartnerRole(ctx, partner.org);
  });

  const managers = new Set(['global_admin', 'admin_agent']);
  for (const role of PARTNER_ROLES) {
    it(`${managers.has(role) ? 'lets' : 'does not let'} a partner ${role} read and set them`, async () => {
      const actor = roles[role];
      const read = await call(ctx, actor, 'GET', URL);
      const set = await call(ctx, actor, 'PUT', `${URL}/billing`, policy());
      const withdraw = await call(ctx, actor, 'DELETE', `${URL}/billing`);
      if (managers.has(role)) {
        assert.equal(read.status, 200, JSON.stringify(read.body));
        assert.equal(set.status, 200, JSON.stringify(set.body));
        assert.equal(withdraw.status, 200, JSON.stringify(withdraw.body));
      } else {
        for (const res of [read, set, withdraw]) {
          assert.equal(res.status, 403, JSON.stringify(res.body));
          assert.equal(res.body.code, 'PERMISSION_DENIED');
        }
        assert.equal(read.body.detail, 'Your roles do not allow you to read or set SLA policies; global_admin or admin_agent may.');
      }
    });
  }

  it('lets the operator_admin set the operator\'s, not commerce_support', async () => {
    const admin = await makeActor(ctx, 'operator', ['operator_admin']);
    const support = await makeUser(ctx, admin.org, ['commerce_support']);
    assert.equal((await call(ctx, admin, 'PUT', `${URL}/commerce_platform`, policy())).status, 200);
    const read = await call(ctx, admin, 'GET', URL);
    assert.equal(read.status, 200);
    assert.equal(read.body.kind, 'operator');
    assert.deepEqual(read.body.scopes, ['all', 'billing', 'payment', 'subscription', 'account_setup', 'commerce_platform']);
    for (const [method, url] of [['GET', URL], ['PUT', `${URL}/commerce_platform`]] as const) {
      const res = await call(ctx, support, method, url, method === 'PUT' ? policy() : undefined);
      assert.equal(res.status, 403, `${method}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.detail, 'Your roles do not allow you to read or set SLA policies; operator_admin may.');
    }
  });

  it('lets a publisher_admin read the SLA of its agreement versions, never set a policy; other publisher roles neither', async () => {
    const admin = await makePublisher(ctx);
    const read = await call(ctx, admin, 'GET', URL);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.deepEqual({ kind: read.body.kind, scopes: read.body.scopes, policies: read.body.policies, agreements: read.body.agreements }, { kind: 'publisher', scopes: [], policies: [], agreements: [] });
    const set = await call(ctx, admin, 'PUT', `${URL}/all`, policy());
    assert.equal(set.status, 403);
    assert.match(set.body.detail, /^A publisher states its SLA in its third-party customer agreement: publish a new agreement version \(POST \/offers\/\{offerId\}\/agreements\)/);
    assert.equal((await call(ctx, admin, 'DELETE', `${URL}/all`)).status, 403);
    for (const role of ['support_engineer', 'publisher_viewer'] as const) {
      const other = await makeUser(ctx, admin.org, [role]);
      const res = await call(ctx, other, 'GET', URL);
      assert.equal(res.status, 403, role);
      assert.equal(res.body.detail, 'Your roles do not allow you to read or set SLA policies; publisher_admin may.');
    }
  });

  for (const role of ['customer_admin', 'customer_user'] as const) {
    it(`refuses a customer (${role}): customers commit to nothing`, async () => {
      const customer = await makeActor(ctx, 'customer', [role]);
      for (const [method, url] of [['GET', URL], ['GET', `${URL}/all`], ['PUT', `${URL}/all`], ['DELETE', `${URL}/all`]] as const) {
        const res = await call(ctx, customer, method, url, method === 'PUT' ? policy() : undefined);
        assert.equal(res.status, 403, `${method} ${url}`);
        assert.equal(res.body.code, 'PERMISSION_DENIED');
        assert.equal(res.body.detail, 'Your organization has no SLA policies.');
      }
    });
  }

  it('refuses a request without credentials', async () => {
    assert.equal((await call(ctx, null, 'GET', URL)).status, 401);
    assert.equal((await call(ctx, null, 'PUT', `${URL}/all`, policy())).status, 401);
  });

  it('refuses scopes a kind does not set, and scopes that do not exist', async () => {
    const partner = await makePartner(ctx, 'indirect_reseller');
    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    for (const [actor, scope, detail] of [
      [partner, 'csp_program', 'params.scope: is not a scope a partner sets; it sets all, billing, payment, subscription, account_setup, technical_howto, technical_breakfix, service_outage or commerce_platform'],
      [operator, 'technical_howto', 'params.scope: is not a scope the operator sets; it sets all, billing, payment, subscription, account_setup or commerce_platform'],
    ] as const) {
      const res = await call(ctx, actor, 'PUT', `${URL}/${scope}`, policy());
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.equal(res.body.detail, detail);
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['params.scope']);
    }
    const unknown = await call(ctx, partner, 'PUT', `${URL}/everything`, policy());
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'params.scope');
  });
});

describe('SLA policies: versions, If-Match, withdrawals, across organizations', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await context();
  });

  it('starts with no versions: the default applies to every category the partner may hold, and says why', async () => {
    const p = await makePartner(ctx, 'direct');
    const res = await call(ctx, p, 'GET', URL);
    assert.equal(res.status, 200);
    assert.equal(res.body.orgId, p.orgId);
    assert.equal(res.body.kind, 'partner');
    assert.deepEqual(res.body.policies.map((s: { scope: string; current: unknown; versions: unknown[] }) => [s.scope, s.current, s.versions.length]), [
      ['all', null, 0], ['billing', null, 0], ['payment', null, 0], ['subscription', null, 0], ['account_setup', null, 0],
      ['technical_howto', null, 0], ['technical_breakfix', null, 0], ['service_outage', null, 0], ['commerce_platform', null, 0],
    ]);
    assert.equal(res.body.effective.length, 8);
    for (const e of res.body.effective) assert.deepEqual(e.source, { kind: 'default', reason: 'no_policy' }, e.category);
    assert.deepEqual(res.body.effective[0].why, {
      en: 'No policy: the partner has set none for billing or for all categories, so the default applies (Mon–Fri 09:00–18:00 UTC).',
      ko: '정책 없음: 파트너가 청구 정책도 전체 범주 정책도 정하지 않아 기본값을 적용합니다(월–금 09:00–18:00 UTC).',
    });
    assert.deepEqual(res.body.default.targets, {
      critical: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      moderate: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
      minimal: { firstResponseMinutes: 480, resolutionMinutes: 2700 },
    });
    assert.equal(res.body.default.calendar.timeZone, 'UTC');
    const scope = await call(ctx, p, 'GET', `${URL}/all`);
    assert.deepEqual(scope.body, { scope: 'all', current: null, versions: [] });
    assert.equal(scope.headers.etag, undefined);
  });

  it('grows a version per change, set by the user at the clock\'s time; the same policy again writes nothing', async () => {
    const p = await makePartner(ctx, 'direct');
    const colleague = await makeUser(ctx, p.org, ['admin_agent']);
    clock.set('2026-06-02T10:00:00.000Z');
    const v1 = await call(ctx, p, 'PUT', `${URL}/all`, policy());
    assert.equal(v1.status, 200, JSON.stringify(v1.body));
    assert.equal(v1.headers.etag, '"1"');
    assert.deepEqual(v1.body.current, { version: 1, policy: policy(), withdrawn: false, setBy: p.userId, setAt: '2026-06-02T10:00:00.000Z' });

    clock.set('2026-06-03T10:00:00.000Z');
    const v2 = await call(ctx, colleague, 'PUT', `${URL}/all`, withModerateResolution(1200));
    assert.equal(v2.headers.etag, '"2"');
    assert.deepEqual(v2.body.versions.map((v: Version) => [v.version, v.setBy, v.setAt, v.policy?.targets.moderate.resolutionMinutes]), [
      [2, colleague.userId, '2026-06-03T10:00:00.000Z', 1200],
      [1, p.userId, '2026-06-02T10:00:00.000Z', 960],
    ]);

    clock.set('2026-06-04T10:00:00.000Z');
    const again = await call(ctx, p, 'PUT', `${URL}/all`, withModerateResolution(1200));
    assert.equal(again.status, 200);
    assert.equal(again.headers.etag, '"2"');
    assert.deepEqual(again.body.versions.map((v: Version) => v.version), [2, 1]);
    assert.equal(again.body.current.setBy, colleague.userId);

    const read = await call(ctx, p, 'GET', `${URL}/all`);
    assert.equal(read.headers.etag, '"2"');
    assert.deepEqual(read.body, v2.body);
  });

  it('applies a change only to the version If-Match names', async () => {
    const p = await makePartner(ctx, 'indirect_provider');
    assert.equal((await call(ctx, p, 'PUT', `${URL}/billing`, policy(), { 'if-match': '"1"' })).status, 412, 'no version yet');
    const first = await call(ctx, p, 'PUT', `${URL}/billing`, policy(), { 'if-match': '*' });
    assert.equal(first.status, 200);
    await call(ctx, p, 'PUT', `${URL}/billing`, withModerateResolution(1000), { 'if-match': '"1"' });
    const stale = await call(ctx, p, 'PUT', `${URL}/billing`, withModerateResolution(1100), { 'if-match': '"1"' });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.code, 'SLA_POLICY_VERSION_CONFLICT');
    assert.equal(stale.body.currentVersion, 2);
    assert.equal(stale.body.detail, 'The billing policy is at version 2; read it again and retry with If-Match: "2".');
    const fresh = await call(ctx, p, 'PUT', `${URL}/billing`, withModerateResolution(1100), { 'if-match': 'W/"2"' });
    assert.equal(fresh.status, 200);
    assert.equal(fresh.headers.etag, '"3"');
    const malformed = await call(ctx, p, 'PUT', `${URL}/billing`, policy(), { 'if-match': '3' });
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body.errors.map((e: { field: string }) => e.field), ['headers.if-match']);
    const withdrawStale = await call(ctx, p, 'DELETE', `${URL}/billing`, undefined, { 'if-match': '"2"' });
    assert.equal(withdrawStale.status, 412);
  });

  it('withdraws a scope\'s policy as a new version: the wider scope applies again, and there is nothing left to withdraw', async () => {
    const p = await makePartner(ctx, 'direct');
    clock.set('2026-06-05T10:00:00.000Z');
    await call(ctx, p, 'PUT', `${URL}/all`, policy());
    await call(ctx, p, 'PUT', `${URL}/billing`, withModerateResolution(600));
    let read = await call(ctx, p, 'GET', URL);
    const effective = (body: { effective: { category: string; source: { kind: string; scope?: string; version?: number } }[] }, category: string) => body.effective.find((e) => e.category === category)?.source;
    assert.deepEqual(effective(read.body, 'billing'), { kind: 'policy', scope: 'billing', version: 1, setBy: p.userId, setAt: '2026-06-05T10:00:00.000Z' });
    assert.deepEqual(effective(read.body, 'payment'), { kind: 'policy', scope: 'all', version: 1, setBy: p.userId, setAt: '2026-06-05T10:00:00.000Z' });

    clock.set('2026-06-06T10:00:00.000Z');
    const withdrawn = await call(ctx, p, 'DELETE', `${URL}/billing`);
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    assert.equal(withdrawn.headers.etag, '"2"');
    assert.deepEqual(withdrawn.body.current, { version: 2, policy: null, withdrawn: true, setBy: p.userId, setAt: '2026-06-06T10:00:00.000Z' });
    assert.deepEqual(withdrawn.body.versions.map((v: Version) => [v.version, v.withdrawn]), [[2, true], [1, false]]);
    read = await call(ctx, p, 'GET', URL);
    assert.equal(effective(read.body, 'billing')?.scope, 'all');
    assert.deepEqual(read.body.effective.find((e: { category: string }) => e.category === 'billing').why, {
      en: 'The partner\'s policy v1 for all categories applies (it has none for billing).',
      ko: '파트너의 전체 범주 정책(버전 1)을 적용합니다(청구 정책은 없음).',
    });

    const again = await call(ctx, p, 'DELETE', `${URL}/billing`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'SLA_POLICY_NOT_FOUND');
    const never = await call(ctx, p, 'DELETE', `${URL}/payment`);
    assert.equal(never.status, 404);

    const back = await call(ctx, p, 'PUT', `${URL}/billing`, withModerateResolution(600));
    assert.deepEqual(back.body.versions.map((v: Version) => [v.version, v.withdrawn]), [[3, false], [2, true], [1, false]]);
  });

  it('says a provider answers as its resellers\' tier', async () => {
    const p = await makePartner(ctx, 'indirect_provider');
    await call(ctx, p, 'PUT', `${URL}/commerce_platform`, policy());
    const read = await call(ctx, p, 'GET', URL);
    assert.deepEqual(read.body.effective.find((e: { category: string }) => e.category === 'commerce_platform').why, {
      en: 'The provider\'s policy v1 for commerce platform applies, as its resellers\' tier.',
      ko: '재판매인 지원 단계인 공급자의 커머스 플랫폼 정책(버전 1)을 적용합니다.',
    });
  });

  it('keeps each organization to its own policies', async () => {
    const a = await makePartner(ctx, 'direct');
    const b = await makePartner(ctx, 'direct');
    await call(ctx, a, 'PUT', `${URL}/all`, policy());
    await call(ctx, a, 'PUT', `${URL}/all`, withModerateResolution(700));
    const seenByB = await call(ctx, b, 'GET', `${URL}/all`);
    assert.deepEqual(seenByB.body, { scope: 'all', current: null, versions: [] });
    const bFirst = await call(ctx, b, 'PUT', `${URL}/all`, policy());
    assert.equal(bFirst.body.current.version, 1, 'B\'s versions count on their own');
    const aStill = await call(ctx, a, 'GET', `${URL}/all`);
    assert.deepEqual(aStill.body.versions.map((v: Version) => [v.version, v.setBy]), [[2, a.userId], [1, a.userId]]);
    // The database's wall: B's transaction reads none of A's rows, and can't write into A's.
    const rows = await ctx.db.withTenant({ orgId: b.orgId, orgKind: 'partner', userId: b.userId }, (tx) => tx.selectFrom('sla_policies').selectAll().execute());
    assert.deepEqual(rows.map((r) => r.org_id), [b.orgId]);
    await assert.rejects(ctx.db.withTenant({ orgId: b.orgId, orgKind: 'partner', userId: b.userId }, (tx) => tx.insertInto('sla_policies').values({
      org_id: a.orgId, scope: 'all', version: 3, targets: null, calendar: null, critical_around_the_clock: null, set_by: b.userId,
    }).execute()), /row-level security/);
  });

  it('never changes a version once set, not even as the owner', async () => {
    const p = await makePartner(ctx, 'direct');
    await call(ctx, p, 'PUT', `${URL}/all`, policy());
    await assert.rejects(ctx.db.withOwner((tx) => tx.updateTable('sla_policies').set({ critical_around_the_clock: false }).where('org_id', '=', p.orgId).execute()), /never change/);
  });
});

describe('SLA policies: the OpenAPI document', () => {
  it('documents the routes, their If-Match and 412, and the policy schemas', async () => {
    const ctx = await context();
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    const one = doc.body.paths['/api/v1/sla-policies/{scope}'];
    assert.deepEqual(Object.keys(doc.body.paths['/api/v1/sla-policies']), ['get']);
    assert.deepEqual(Object.keys(one).sort(), ['delete', 'get', 'put']);
    assert.ok(one.put.responses['412'], 'PUT answers 412 on a stale If-Match');
    assert.ok(one.put.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'if-match'));
    for (const schema of ['SlaPolicies', 'SlaPolicy', 'SlaScopePolicies', 'SlaPolicySource']) assert.ok(doc.body.components.schemas[schema], schema);
  });
});

describe('SLA policies: the audit log', () => {
  it('records every version set and withdrawn, with what changed, and nothing for a PUT that changed nothing', async () => {
    const ctx = await context();
    const p = await makePartner(ctx, 'direct');
    await call(ctx, p, 'PUT', `${URL}/billing`, policy());
    await call(ctx, p, 'PUT', `${URL}/billing`, policy());
    await call(ctx, p, 'PUT', `${URL}/billing`, withModerateResolution(1000));
    await call(ctx, p, 'DELETE', `${URL}/billing`);
    const log = await call(ctx, p, 'GET', '/api/v1/audit-log?limit=100&action=sla_policy.set&action=sla_policy.withdrawn');
    assert.equal(log.status, 200, JSON.stringify(log.body));
    const entries = [...log.body.items].reverse();
    assert.deepEqual(entries.map((e: { action: string; subjectType: string; subjectId: string; actorUserId: string }) => [e.action, e.subjectType, e.subjectId, e.actorUserId]), [
      ['sla_policy.set', 'sla_policy', 'billing', p.userId],
      ['sla_policy.set', 'sla_policy', 'billing', p.userId],
      ['sla_policy.withdrawn', 'sla_policy', 'billing', p.userId],
    ]);
    assert.deepEqual(entries[0].changes, {
      version: { before: null, after: 1 },
      targets: { before: null, after: policy().targets },
      calendar: { before: null, after: policy().calendar },
      criticalAroundTheClock: { before: null, after: true },
    });
    assert.deepEqual(entries[1].changes, {
      version: { before: 1, after: 2 },
      targets: { before: policy().targets, after: withModerateResolution(1000).targets },
    });
    assert.deepEqual(Object.keys(entries[2].changes).sort(), ['calendar', 'criticalAroundTheClock', 'targets', 'version']);
    assert.deepEqual(entries[2].changes.version, { before: 2, after: 3 });
    assert.deepEqual(entries[2].changes.criticalAroundTheClock, { before: true, after: null });
  });
});

describe('SLA policies: validation in English and Korean', () => {
  let ctx: TestContext;
  let en: Actor;
  let ko: Actor;
  before(async () => {
    ctx = await context();
    const org = await makeOrg(ctx, 'partner', { model: 'direct' });
    en = await makeUser(ctx, org, ['global_admin']);
    ko = await makeUser(ctx, org, ['global_admin'], { locale: 'ko' });
  });

  const bad = () => policy({
    targets: { ...policy().targets, critical: { firstResponseMinutes: 30, resolutionMinutes: 20 } },
    calendar: { timeZone: 'Asia/Nowhere', week: { ...WEEKDAYS, sat: [{ start: '12:00', end: '10:00' }] }, holidays: ['2026-02-30'] },
  });

  it('names every bad field in English', async () => {
    const res = await call(ctx, en, 'PUT', `${URL}/all`, bad());
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(res.body.errors, [
      { field: 'body.targets.critical.resolutionMinutes', message: 'must not be sooner than the first response' },
      { field: 'body.calendar.timeZone', message: 'is not an IANA time zone (for example Asia/Seoul)' },
      { field: 'body.calendar.week.sat[0].end', message: 'must be later than the start of its window' },
      { field: 'body.calendar.holidays[0]', message: 'is not a date YYYY-MM-DD' },
    ]);
    assert.equal(res.headers['content-language'], 'en');
    assert.deepEqual((await call(ctx, en, 'GET', `${URL}/all`)).body.versions, [], 'nothing was written');
  });

  it('names every bad field in Korean for a Korean user', async () => {
    const res = await call(ctx, ko, 'PUT', `${URL}/all`, bad());
    assert.equal(res.status, 400);
    assert.equal(res.headers['content-language'], 'ko');
    assert.deepEqual(res.body.errors, [
      { field: 'body.targets.critical.resolutionMinutes', message: '첫 응답 목표보다 짧을 수 없습니다' },
      { field: 'body.calendar.timeZone', message: 'IANA 시간대가 아닙니다(예: Asia/Seoul).' },
      { field: 'body.calendar.week.sat[0].end', message: '시간대의 시작보다 늦어야 합니다.' },
      { field: 'body.calendar.holidays[0]', message: 'YYYY-MM-DD 형식의 날짜가 아닙니다.' },
    ]);
    assert.match(res.body.detail, /^요청이 올바르지 않습니다\. body\.targets\.critical\.resolutionMinutes: 첫 응답 목표보다 짧을 수 없습니다; /);
  });

  it('refuses a slower critical target than a moderate one, and a shape the schema does not know', async () => {
    const slower = await call(ctx, en, 'PUT', `${URL}/all`, policy({ targets: { ...policy().targets, critical: { firstResponseMinutes: 200, resolutionMinutes: 240 } } }));
    assert.equal(slower.status, 400);
    assert.deepEqual(slower.body.errors, [{ field: 'body.targets.critical.firstResponseMinutes', message: 'must not be slower than moderate' }]);
    const zero = await call(ctx, en, 'PUT', `${URL}/all`, policy({ targets: { ...policy().targets, minimal: { firstResponseMinutes: 0, resolutionMinutes: 2400 } } }));
    assert.equal(zero.status, 400);
    assert.equal(zero.body.errors[0].field, 'body.targets.minimal.firstResponseMinutes');
    const extra = await call(ctx, en, 'PUT', `${URL}/all`, { ...policy(), criticalAlways: true });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.errors[0].field, 'body.criticalAlways');
  });
});

describe('SLA policies: a publisher\'s come from its agreement versions', () => {
  it('shows each version\'s SLA: the calendar it states, or the one read from its support hours, with why', async () => {
    const ctx = await context();
    const publisher = await makePublisher(ctx);
    const { offerId } = await makeSellableOffer(ctx, { publisher });
    // makeSellableOffer published v1 (24x7); v2 says only "business days"; v3 states its calendar.
    clock.set('2026-06-10T10:00:00.000Z');
    const base = (await call(ctx, publisher, 'GET', `/api/v1/offers/${offerId}/agreements`)).body.items[0].commitments;
    const v2 = await publishAgreement(ctx, publisher, offerId, { commitments: { ...base, supportHours: 'business days', timeZone: 'Europe/Berlin' } }) as unknown as AgreementOut;
    assert.equal(v2.publishedBy, publisher.userId);
    const calendar = { timeZone: 'Europe/Berlin', week: WEEKDAYS, holidays: ['2026-12-25'] };
    const v3 = await publishAgreement(ctx, publisher, offerId, { commitments: { ...base, timeZone: 'Europe/Berlin', calendar, criticalAroundTheClock: true } }) as unknown as AgreementOut;
    assert.deepEqual(v3.commitments.calendar, calendar);
    assert.equal(v3.commitments.criticalAroundTheClock, true);

    const read = await call(ctx, publisher, 'GET', URL);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.agreements.length, 1);
    const offer = read.body.agreements[0];
    assert.equal(offer.offerId, offerId);
    assert.deepEqual(offer.versions.map((v: { version: number; source: { calendarFrom: string }; policy: { calendar: { timeZone: string }; criticalAroundTheClock: boolean } }) => [
      v.version, v.source.calendarFrom, v.policy.calendar.timeZone, v.policy.criticalAroundTheClock,
    ]), [[3, 'stated', 'Europe/Berlin', true], [2, 'default_hours', 'Europe/Berlin', false], [1, 'support_hours', 'America/Los_Angeles', false]]);
    assert.deepEqual(offer.versions[0].policy.calendar, calendar);
    assert.equal(offer.versions[0].publishedBy, publisher.userId);
    assert.equal(offer.versions[0].publishedAt, '2026-06-10T10:00:00.000Z');
    assert.deepEqual(offer.versions[1].why, {
      en: 'The publisher\'s agreement v2, accepted on purchase, applies. Its support hours "business days" can\'t be read, so the default hours apply (Mon–Fri 09:00–18:00, Europe/Berlin).',
      ko: '게시자의 계약(버전 2, 구매 시 수락)을 적용합니다. 지원 시간 표기("business days")를 읽을 수 없어 기본 시간(월–금 09:00–18:00, Europe/Berlin)을 적용합니다.',
    });
    assert.deepEqual(offer.versions[2].policy.targets.critical, { firstResponseMinutes: base.firstResponseMinutes.critical, resolutionMinutes: base.resolutionMinutes.critical });
  });

  it('refuses an agreement calendar that is invalid or in another zone than the agreement\'s, naming the fields', async () => {
    const ctx = await context();
    const publisher = await makePublisher(ctx);
    const { offerId } = await makeSellableOffer(ctx, { publisher });
    const base = (await call(ctx, publisher, 'GET', `/api/v1/offers/${offerId}/agreements`)).body.items[0].commitments;
    const res = await call(ctx, publisher, 'POST', `/api/v1/offers/${offerId}/agreements`, {
      title: 'v2', body: 'Terms.', commitments: { ...base, timeZone: 'Asia/Seoul', calendar: { timeZone: 'Europe/Berlin', week: { ...WEEKDAYS, mon: [{ start: '09:00', end: '09:00' }] }, holidays: [] } },
    });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.deepEqual(res.body.errors, [
      { field: 'commitments.calendar.week.mon[0].end', message: 'must be later than the start of its window' },
      { field: 'commitments.timeZone', message: 'must be the calendar\'s time zone' },
    ]);
    const versions = (await call(ctx, publisher, 'GET', `/api/v1/offers/${offerId}/agreements`)).body.items;
    assert.equal(versions.length, 1, 'nothing was published');
  });
});
