/**
 * SLA reports over time, case volume and holding per party, over HTTP on a fixed clock (issue 12):
 * compliance cut into weeks and months (buckets cut to the period), how many cases each
 * organization's part opened per category, offer and severity, and per party how long it held
 * them — as each organization may read them (its own part; a publisher its offers; the operator
 * all), refused roles and kinds, other organizations' cases never counted, CSV shapes.
 *
 * The story (default hours Mon–Fri 09:00–18:00 UTC; moderate targets 240 min first response,
 * 1,620 min resolution). Direct partner D holds two billing cases of its customer: X1 opened Monday
 * 2026-06-01 09:00, replied 09:30, resolved 10:00; X2 opened Tuesday 2026-06-09 09:00, never
 * answered. Reseller R holds billing case Y1 of its customer, opened Tuesday 2026-06-02 09:00,
 * replied 09:30, resolved 10:00. Read on Wednesday 2026-06-10 10:00.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { act, caseBody, makeDirectWorld, makeIndirectWorld, openCase, postMessage } from '../case-factories.ts';
import { call, makeUser, type Actor } from '../factories.ts';
import { testClock, testContext, type TestContext } from '../harness.ts';
import { bucketStart, periodBuckets, summarizeHoldings, volumeRows } from '../../src/core/sla-reports.ts';

const clock = testClock('2026-06-01T08:00:00.000Z');
const URL = '/api/v1/sla-reports';
const PERIOD = 'from=2026-06-01&to=2026-06-15';
const WEEK1 = { from: '2026-06-01T00:00:00.000Z', to: '2026-06-08T00:00:00.000Z' };
const WEEK2 = { from: '2026-06-08T00:00:00.000Z', to: '2026-06-15T00:00:00.000Z' };

type VolumeRow = { bucket?: { from: string; to: string }; offer?: { id: string; name: string | null } | null; category?: string; severity?: string; opened: number; done: number };

describe('buckets, volume rows and holding sums (pure)', () => {
  it('cuts a period into UTC weeks from Monday and months, the ends cut to the period', () => {
    const p = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
    const show = (bs: { from: Date; to: Date }[]) => bs.map((b) => [b.from.toISOString().slice(0, 10), b.to.toISOString().slice(0, 10)]);
    assert.equal(bucketStart(new Date('2026-06-07T23:59:59Z'), 'week').toISOString(), '2026-06-01T00:00:00.000Z', 'Sunday belongs to the week from Monday');
    assert.equal(bucketStart(new Date('2026-06-08T00:00:00Z'), 'week').toISOString(), '2026-06-08T00:00:00.000Z');
    assert.deepEqual(show(periodBuckets(p('2026-06-03', '2026-06-10'), 'week')), [['2026-06-03', '2026-06-08'], ['2026-06-08', '2026-06-10']]);
    assert.deepEqual(show(periodBuckets(p('2026-05-15', '2026-07-05'), 'month')), [['2026-05-15', '2026-06-01'], ['2026-06-01', '2026-07-01'], ['2026-07-01', '2026-07-05']]);
    assert.deepEqual(show(periodBuckets(p('2026-12-20', '2027-01-10'), 'month')), [['2026-12-20', '2027-01-01'], ['2027-01-01', '2027-01-10']]);
    assert.equal(periodBuckets(p('2025-06-01', '2026-06-01'), 'week').length, 53);
  });

  it('sums volume over the dimensions not grouped by', () => {
    const counts = [
      { offerId: 'o2', category: 'billing' as const, severity: 'moderate' as const, opened: 2, done: 1 },
      { offerId: 'o1', category: 'billing' as const, severity: 'critical' as const, opened: 1, done: 0 },
      { offerId: null, category: 'technical_howto' as const, severity: 'moderate' as const, opened: 3, done: 3 },
    ];
    assert.deepEqual(volumeRows(counts, ['category']), [{ key: { category: 'billing' }, opened: 3, done: 1 }, { key: { category: 'technical_howto' }, opened: 3, done: 3 }]);
    assert.deepEqual(volumeRows(counts, ['offer']).map((r) => r.key.offerId), [null, 'o1', 'o2']);
    assert.deepEqual(volumeRows(counts, []), [{ key: {}, opened: 6, done: 4 }]);
  });

  it('sums holdings per party: cases, times, median, 90th percentile and totals', () => {
    const h = (orgId: string, minutes: number) => ({ orgId, firstReceivedAt: new Date(0), times: 1, heldMs: minutes * 60_000, heldBusinessMs: minutes * 60_000, waitingMs: 0, waitingBusinessMs: 0 });
    assert.deepEqual(summarizeHoldings([h('b', 10), h('a', 60), h('a', 600)]), [
      { orgId: 'a', cases: 2, times: 2, medianBusinessMinutes: 330, p90BusinessMinutes: 546, totalBusinessMinutes: 660, totalMinutes: 660, totalWaitingMinutes: 0 },
      { orgId: 'b', cases: 1, times: 1, medianBusinessMinutes: 10, p90BusinessMinutes: 10, totalBusinessMinutes: 10, totalMinutes: 10, totalWaitingMinutes: 0 },
    ]);
  });
});

describe('SLA reports over time, volume and holding per party', () => {
  let ctx: TestContext;
  let direct: Awaited<ReturnType<typeof makeDirectWorld>>;
  let indirect: Awaited<ReturnType<typeof makeIndirectWorld>>;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await testContext({ clock });
    direct = await makeDirectWorld(ctx);
    indirect = await makeIndirectWorld(ctx);
    const billing = (subscriptionId: string, title: string) => caseBody({ category: 'billing', severity: 'moderate', subscriptionId, title });

    clock.set('2026-06-01T09:00:00.000Z');
    ids.x1 = (await openCase(ctx, direct.customer, billing(direct.subscriptionId, 'X1'))).id;
    clock.set('2026-06-01T09:30:00.000Z');
    await postMessage(ctx, direct.partner, ids.x1, 'replies', { body: 'We credit it.' });
    clock.set('2026-06-01T10:00:00.000Z');
    await act(ctx, direct.partner, ids.x1, 'resolve');

    clock.set('2026-06-02T09:00:00.000Z');
    ids.y1 = (await openCase(ctx, indirect.customer, billing(indirect.subscriptionId, 'Y1'))).id;
    clock.set('2026-06-02T09:30:00.000Z');
    await postMessage(ctx, indirect.reseller, ids.y1, 'replies', { body: 'The duplicate charge is refunded.' });
    clock.set('2026-06-02T10:00:00.000Z');
    await act(ctx, indirect.reseller, ids.y1, 'resolve');

    clock.set('2026-06-09T09:00:00.000Z');
    ids.x2 = (await openCase(ctx, direct.customer, billing(direct.subscriptionId, 'X2'))).id;
    clock.set('2026-06-10T10:00:00.000Z');
  });

  const get = (actor: Actor, path: string, headers: Record<string, string> = {}) => call(ctx, actor, 'GET', `${URL}/${path}`, undefined, headers);

  describe('compliance over time', () => {
    it('gives a partner its own clocks week by week, every bucket listed', async () => {
      const res = await get(direct.partner, `compliance?${PERIOD}&groupBy=party&interval=week`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.interval, 'week');
      assert.deepEqual(res.body.buckets, [WEEK1, WEEK2]);
      assert.deepEqual(res.body.rows.map((r: { bucket: unknown; party: { orgId: string }; cases: number; firstResponse: { met: number; breached: number; compliance: number | null } }) => ({
        bucket: r.bucket, party: r.party.orgId, cases: r.cases, met: r.firstResponse.met, breached: r.firstResponse.breached, compliance: r.firstResponse.compliance,
      })), [
        { bucket: WEEK1, party: direct.partner.orgId, cases: 1, met: 1, breached: 0, compliance: 1 },
        { bucket: WEEK2, party: direct.partner.orgId, cases: 1, met: 0, breached: 1, compliance: 0 },
      ]);
    });

    it('gives the operator every party per month, the buckets cut to the period; without interval no buckets', async () => {
      const res = await get(indirect.operator, 'compliance?from=2026-05-20&to=2026-07-03&groupBy=party&interval=month');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.buckets.map((b: { from: string }) => b.from.slice(0, 10)), ['2026-05-20', '2026-06-01', '2026-07-01']);
      assert.deepEqual(res.body.rows.map((r: { bucket: { from: string }; party: { orgId: string } }) => [r.bucket.from.slice(0, 10), r.party.orgId]).sort(),
        [['2026-06-01', direct.partner.orgId], ['2026-06-01', indirect.reseller.orgId]].sort());
      const whole = await get(indirect.operator, `compliance?${PERIOD}&groupBy=party`);
      assert.equal(whole.body.interval, null);
      assert.deepEqual(whole.body.buckets, []);
      assert.ok(whole.body.rows.every((r: object) => !('bucket' in r)));
    });

    it('answers CSV with the bucket\'s columns first', async () => {
      const res = await get(direct.partner, `compliance?${PERIOD}&groupBy=category&interval=week&format=csv`);
      assert.equal(res.status, 200);
      const lines = res.raw.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0]!.split(',').slice(0, 4).join(','), 'bucketFrom,bucketTo,category,cases');
      assert.deepEqual(lines.slice(1, -1).map((l) => l.split(',').slice(0, 4)), [
        [WEEK1.from, WEEK1.to, 'billing', '1'], [WEEK2.from, WEEK2.to, 'billing', '1'],
      ]);
    });

    it('refuses an interval it does not know', async () => {
      const res = await get(direct.partner, `compliance?${PERIOD}&interval=day`);
      assert.equal(res.status, 400);
      assert.equal(res.body.code, 'VALIDATION_FAILED');
    });
  });

  describe('case volume', () => {
    it('counts a partner\'s own cases per week and category, opened and done', async () => {
      const res = await get(direct.partner, `volume?${PERIOD}&groupBy=category&interval=week`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.scope, 'own');
      assert.deepEqual(res.body.groupBy, ['category']);
      assert.deepEqual(res.body.buckets, [WEEK1, WEEK2]);
      assert.deepEqual(res.body.rows, [
        { bucket: WEEK1, category: 'billing', opened: 1, done: 1 },
        { bucket: WEEK2, category: 'billing', opened: 1, done: 0 },
      ]);
    });

    it('never counts another organization\'s cases: the reseller its own, the publisher its offers\', the operator all', async () => {
      const offers = async (actor: Actor) => {
        const res = await get(actor, `volume?${PERIOD}&groupBy=offer`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return { scope: res.body.scope, rows: res.body.rows.map((r: VolumeRow) => [r.offer?.id, r.opened, r.done]) };
      };
      assert.deepEqual(await offers(indirect.reseller), { scope: 'own', rows: [[indirect.offerId, 1, 1]] });
      assert.deepEqual(await offers(direct.publisher), { scope: 'offers', rows: [[direct.offerId, 2, 1]] });
      assert.deepEqual(await offers(indirect.publisher), { scope: 'offers', rows: [[indirect.offerId, 1, 1]] });
      const all = await offers(indirect.operator);
      assert.equal(all.scope, 'all');
      assert.deepEqual(all.rows.sort(), [[direct.offerId, 2, 1], [indirect.offerId, 1, 1]].sort());
      const everything = await get(indirect.operator, `volume?${PERIOD}`);
      assert.deepEqual(everything.body.groupBy, ['offer', 'category', 'severity']);
    });

    it('names the offer and answers CSV', async () => {
      const res = await get(direct.partner, `volume?${PERIOD}&groupBy=offer,severity`, { accept: 'text/csv' });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), /sla-volume-own-2026-06-01-2026-06-15\.csv/);
      const lines = res.raw.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], 'offerId,offerName,severity,opened,done');
      assert.equal(lines.length, 3);
      assert.ok(lines[1]!.startsWith(`${direct.offerId},`) && lines[1]!.endsWith(',moderate,2,1'), lines[1]);
    });
  });

  describe('holding per party', () => {
    it('gives the operator every party\'s cases and business minutes', async () => {
      const res = await get(indirect.operator, `holding/summary?${PERIOD}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.scope, 'all');
      const of = (orgId: string) => res.body.rows.find((r: { party: { orgId: string } }) => r.party.orgId === orgId);
      // D: X1 09:00–10:00 (60 min), X2 Tuesday 09:00 to Wednesday 10:00 (1,500 min, of them 540 + 60 business).
      assert.deepEqual({ ...of(direct.partner.orgId), party: undefined }, {
        party: undefined, cases: 2, times: 2, medianBusinessMinutes: 330, p90BusinessMinutes: 546, totalBusinessMinutes: 660, totalMinutes: 1560, totalWaitingMinutes: 0,
      });
      assert.equal(of(indirect.reseller.orgId).totalBusinessMinutes, 60);
      assert.equal(typeof of(direct.partner.orgId).party.name, 'string');
    });

    it('gives a party only its own holding, and answers CSV', async () => {
      const res = await get(indirect.reseller, `holding/summary?${PERIOD}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.rows.map((r: { party: { orgId: string }; cases: number }) => [r.party.orgId, r.cases]), [[indirect.reseller.orgId, 1]]);
      const csv = await get(direct.partner, `holding/summary?${PERIOD}&format=csv`);
      const lines = csv.raw.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], 'partyId,partyName,cases,times,medianBusinessMinutes,p90BusinessMinutes,totalBusinessMinutes,totalMinutes,totalWaitingMinutes');
      assert.equal(lines.length, 3);
      assert.ok(lines[1]!.startsWith(`${direct.partner.orgId},`) && lines[1]!.endsWith(',2,2,330,546,660,1560,0'), lines[1]);
    });
  });

  describe('who may read them', () => {
    it('refuses roles without sla.reports and customers', async () => {
      const noRole = [direct.helpdesk, direct.engineer, await makeUser(ctx, indirect.operator.org, ['commerce_support'])];
      for (const actor of noRole) {
        for (const path of ['volume', 'volume?format=csv', 'holding/summary', 'compliance?interval=week']) {
          const res = await get(actor, path);
          assert.equal(res.status, 403, `${actor.roles.join()} ${path}`);
          assert.equal(res.body.code, 'PERMISSION_DENIED');
        }
      }
      for (const actor of [direct.customer, indirect.customer]) {
        for (const path of ['volume', 'holding/summary']) assert.equal((await get(actor, `${path}?${PERIOD}`)).status, 403);
      }
      assert.equal((await call(ctx, null, 'GET', `${URL}/volume`)).status, 401);
    });

    it('keeps the wall in the database: the volume function counts a scope only for the kind it is for', async () => {
      const read = (actor: Actor, kind: 'partner' | 'publisher' | 'operator' | 'customer', scope: string) => ctx.db.withTenant({ orgId: actor.orgId, orgKind: kind, userId: actor.userId }, async (tx) => {
        const { rows } = await sql<{ offer_id: string | null; opened: string }>`SELECT offer_id, opened FROM sb_sla_report_volume(${scope}, '2026-06-01', '2026-06-15', 'week')`.execute(tx);
        return rows.map((r) => [r.offer_id, Number(r.opened)]);
      });
      assert.deepEqual(await read(direct.partner, 'partner', 'all'), []);
      assert.deepEqual(await read(direct.partner, 'partner', 'offers'), []);
      assert.deepEqual(await read(direct.partner, 'partner', 'own'), [[direct.offerId, 1], [direct.offerId, 1]]);
      assert.deepEqual(await read(direct.publisher, 'publisher', 'all'), []);
      assert.deepEqual(await read(direct.customer, 'customer', 'own'), []);
      assert.deepEqual(await read(indirect.reseller, 'partner', 'own'), [[indirect.offerId, 1]]);
    });

    it('documents volume and the holding summary in the OpenAPI document, JSON and CSV', async () => {
      const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
      for (const path of ['volume', 'holding/summary']) {
        const op = doc.body.paths[`/api/v1/sla-reports/${path}`]?.get;
        assert.ok(op, path);
        assert.deepEqual(Object.keys(op.responses['200'].content).sort(), ['application/json', 'text/csv'], path);
      }
      assert.ok(doc.body.paths['/api/v1/sla-reports/compliance'].get.parameters.some((p: { name: string }) => p.name === 'interval'));
    });
  });
});
