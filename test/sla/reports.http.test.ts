/**
 * SLA reports over HTTP on a fixed clock: compliance per party, offer, category and severity,
 * counts per offer, the time each party held each case — as each organization may read them
 * (its own part; a publisher's offers; the operator all), refused roles and kinds, other
 * organizations' numbers never appearing, CSV shapes, and period errors in English and Korean.
 *
 * The story (Monday 2026-06-01, every party on the default hours, Mon–Fri 09:00–18:00 UTC, moderate
 * targets 240 min first response, 1,620 min resolution). Direct partner D holds and answers three
 * billing cases of its customer, opened at 09:00: X1 replied at 09:30 and resolved at 10:00; X2 never
 * answered; X3 asked the customer at 09:10 (paused since). Reseller R holds billing case Y1 of its
 * customer, opened at 09:00: escalated to its provider V at 10:00, V escalates to the operator O at
 * 11:00, O hands it back to V at 12:00, V hands it back to R at 13:00, R replies at 14:00 and
 * resolves at 15:00. Read on Tuesday 10:00. Every figure below is worked out by hand from that.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { act, caseBody, makeDirectWorld, makeIndirectWorld, openCase, postMessage } from '../case-factories.ts';
import { call, makeUser, type Actor } from '../factories.ts';
import { testClock, testContext, type TestContext } from '../harness.ts';

const clock = testClock('2026-06-01T08:00:00.000Z');
const context = () => testContext({ clock });
const URL = '/api/v1/sla-reports';
const PERIOD = 'from=2026-06-01&to=2026-06-03';

type Figures = { clocks: number; met: number; breached: number; open: number; ended: number; compliance: number | null; medianMinutes: number | null; p90Minutes: number | null };
type Row = { party?: { orgId: string; name: string | null }; offer?: { id: string; name: string | null } | null; category?: string; severity?: string; cases: number; firstResponse: Figures; resolution: Figures };
const NONE: Figures = { clocks: 0, met: 0, breached: 0, open: 0, ended: 0, compliance: null, medianMinutes: null, p90Minutes: null };
const at = (iso: string) => clock.set(`2026-06-01T${iso}:00.000Z`);

describe('SLA reports', () => {
  let ctx: TestContext;
  let direct: Awaited<ReturnType<typeof makeDirectWorld>>;
  let indirect: Awaited<ReturnType<typeof makeIndirectWorld>>;
  const ids: Record<string, string> = {};

  before(async () => {
    ctx = await context();
    direct = await makeDirectWorld(ctx);
    indirect = await makeIndirectWorld(ctx);
    const billing = (subscriptionId: string, title: string) => caseBody({ category: 'billing', severity: 'moderate', subscriptionId, title });

    at('09:00');
    ids.x1 = (await openCase(ctx, direct.customer, billing(direct.subscriptionId, 'X1'))).id;
    ids.x2 = (await openCase(ctx, direct.customer, billing(direct.subscriptionId, 'X2'))).id;
    ids.x3 = (await openCase(ctx, direct.customer, billing(direct.subscriptionId, 'X3'))).id;
    ids.y1 = (await openCase(ctx, indirect.customer, billing(indirect.subscriptionId, 'Y1'))).id;
    at('09:10');
    await postMessage(ctx, direct.partner, ids.x3, 'replies', { body: 'Which invoice number?', awaitingCustomer: true });
    at('09:30');
    await postMessage(ctx, direct.partner, ids.x1, 'replies', { body: 'We credit it.' });
    at('10:00');
    await act(ctx, direct.partner, ids.x1, 'resolve');
    await act(ctx, indirect.reseller, ids.y1, 'escalate', { reason: 'The price list is the provider\'s.' });
    at('11:00');
    await act(ctx, indirect.provider, ids.y1, 'escalate', { target: 'operator', reason: 'The commerce system double-billed.' });
    at('12:00');
    await act(ctx, indirect.operator, ids.y1, 'hand-back', { reason: 'Corrected in the commerce system.' });
    at('13:00');
    await act(ctx, indirect.provider, ids.y1, 'hand-back', { reason: 'Corrected; please tell the customer.' });
    at('14:00');
    await postMessage(ctx, indirect.reseller, ids.y1, 'replies', { body: 'The duplicate charge is refunded.' });
    at('15:00');
    await act(ctx, indirect.reseller, ids.y1, 'resolve');
    clock.set('2026-06-02T10:00:00.000Z');
  });

  const get = (actor: Actor, path: string, headers: Record<string, string> = {}) => call(ctx, actor, 'GET', `${URL}/${path}`, undefined, headers);

  describe('compliance', () => {
    it('gives a partner its own clocks per offer, category and severity', async () => {
      const res = await get(direct.partner, `compliance?${PERIOD}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual({ period: res.body.period, asOf: res.body.asOf, scope: res.body.scope, groupBy: res.body.groupBy }, {
        period: { from: '2026-06-01T00:00:00.000Z', to: '2026-06-03T00:00:00.000Z' }, asOf: '2026-06-02T10:00:00.000Z', scope: 'own',
        groupBy: ['party', 'offer', 'category', 'severity'],
      });
      assert.deepEqual(res.body.rows.map((r: Row) => ({ ...r, party: r.party?.orgId, offer: r.offer?.id })), [{
        party: direct.partner.orgId, offer: direct.offerId, category: 'billing', severity: 'moderate', cases: 3,
        // X1 met at 30, X3 at 10; X2 was due Monday 13:00: breached. Median 20; p90 at rank 0.9 → 10 + 0.9 × 20 = 28.
        firstResponse: { clocks: 3, met: 2, breached: 1, open: 0, ended: 0, compliance: 2 / 3, medianMinutes: 20, p90Minutes: 28 },
        // X1 resolved after 60; X2 runs to Wednesday 18:00; X3 waits on the customer.
        resolution: { clocks: 3, met: 1, breached: 0, open: 2, ended: 0, compliance: 1, medianMinutes: 60, p90Minutes: 60 },
      }]);
      assert.equal(res.body.rows[0].party.name, (await ctx.db.withOwner((tx) => tx.selectFrom('organizations').select('name').where('id', '=', direct.partner.orgId).executeTakeFirstOrThrow())).name);
    });

    it('gives each party of a case handed between three only its own part', async () => {
      const figures = async (actor: Actor) => {
        const res = await get(actor, `compliance?${PERIOD}&groupBy=party`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body.rows.map((r: Row) => [r.party?.orgId, r.cases, r.firstResponse, r.resolution]);
      };
      assert.deepEqual(await figures(indirect.reseller), [[indirect.reseller.orgId, 1,
        // Held 09–10 and 13–14 until its reply: 120; resolution 09:00–15:00 while it and its tiers held the case.
        { clocks: 1, met: 1, breached: 0, open: 0, ended: 0, compliance: 1, medianMinutes: 120, p90Minutes: 120 },
        { clocks: 1, met: 1, breached: 0, open: 0, ended: 0, compliance: 1, medianMinutes: 360, p90Minutes: 360 }]]);
      // Held 10–11 and 12–13; met by handing the case back to the responsible reseller.
      assert.deepEqual(await figures(indirect.provider), [[indirect.provider.orgId, 1,
        { clocks: 1, met: 1, breached: 0, open: 0, ended: 0, compliance: 1, medianMinutes: 120, p90Minutes: 120 }, NONE]]);
      // Held 11–12 and handed back to the provider, who is not responsible: never met, the case is resolved.
      assert.deepEqual((await figures(indirect.operator)).filter((r: unknown[]) => r[0] === indirect.operator.orgId),
        [[indirect.operator.orgId, 1, { ...NONE, clocks: 1, ended: 1 }, NONE]]);
    });

    it('gives the operator every party\'s clocks, and nobody else another organization\'s', async () => {
      const res = await get(indirect.operator, `compliance?${PERIOD}&groupBy=party`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.scope, 'all');
      const byParty = new Map(res.body.rows.map((r: Row) => [r.party!.orgId, r]));
      assert.deepEqual([...byParty.keys()].sort(), [direct.partner.orgId, indirect.reseller.orgId, indirect.provider.orgId, indirect.operator.orgId].sort());
      assert.deepEqual((byParty.get(indirect.operator.orgId) as Row).firstResponse, { ...NONE, clocks: 1, ended: 1 });
      assert.equal((byParty.get(direct.partner.orgId) as Row).cases, 3);

      for (const actor of [direct.partner, indirect.reseller, indirect.provider, direct.publisher, indirect.publisher]) {
        const own = await get(actor, `compliance?${PERIOD}&groupBy=party`);
        assert.equal(own.status, 200);
        assert.ok(own.body.rows.every((r: Row) => r.party?.orgId === actor.orgId), `${actor.email}: ${JSON.stringify(own.body.rows)}`);
        assert.ok(!own.raw.includes(actor.orgId === direct.partner.orgId ? indirect.reseller.orgId : direct.partner.orgId));
      }
    });

    it('sums over the dimensions not asked for, and counts only the cases opened in the period', async () => {
      const bySeverity = await get(direct.partner, `compliance?${PERIOD}&groupBy=severity`);
      assert.deepEqual(bySeverity.body.rows.map((r: Row) => Object.keys(r).sort()), [['cases', 'firstResponse', 'resolution', 'severity']]);
      const later = await get(direct.partner, 'compliance?from=2026-06-02&to=2026-06-03');
      assert.deepEqual(later.body.rows, []);
      const defaults = await get(direct.partner, 'compliance');
      assert.deepEqual(defaults.body.period, { from: '2026-05-03T10:00:00.000Z', to: '2026-06-02T10:00:00.000Z' });
      assert.equal(defaults.body.rows[0].cases, 3);
    });

    it('answers CSV for ?format=csv and for Accept: text/csv', async () => {
      const csv = await get(direct.partner, `compliance?${PERIOD}&groupBy=party,severity&format=csv`);
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="sla-compliance-own-2026-06-01-2026-06-03.csv"');
      const lines = csv.raw.split('\r\n');
      assert.equal(lines[0], '\uFEFFpartyId,partyName,severity,cases,firstResponseClocks,firstResponseMet,firstResponseBreached,firstResponseOpen,'
        + 'firstResponseEnded,firstResponseCompliance,firstResponseMedianMinutes,firstResponseP90Minutes,resolutionClocks,resolutionMet,resolutionBreached,'
        + 'resolutionOpen,resolutionEnded,resolutionCompliance,resolutionMedianMinutes,resolutionP90Minutes');
      assert.equal(lines.length, 3);
      assert.equal(lines[2], '');
      assert.match(lines[1]!, new RegExp(`^${direct.partner.orgId},[^,]+,moderate,3,3,2,1,0,0,0\\.6666666666666666,20,28,3,1,0,2,0,1,60,60$`));
      const accepted = await get(direct.partner, `compliance?${PERIOD}&groupBy=party,severity`, { accept: 'text/csv, application/json;q=0.5' });
      assert.equal(accepted.raw, csv.raw);
      const json = await get(direct.partner, `compliance?${PERIOD}&groupBy=party,severity&format=json`, { accept: 'text/csv' });
      assert.match(String(json.headers['content-type']), /^application\/json/);
    });
  });

  describe('counts per offer', () => {
    it('gives a publisher every party\'s counts on its own offers, no party named', async () => {
      for (const [publisher, offerId, expected] of [
        [direct.publisher, direct.offerId, {
          cases: 3, firstResponse: { clocks: 3, met: 2, breached: 1, open: 0, ended: 0, compliance: 2 / 3 },
          resolution: { clocks: 3, met: 1, breached: 0, open: 2, ended: 0, compliance: 1 },
        }],
        [indirect.publisher, indirect.offerId, {
          cases: 1, firstResponse: { clocks: 3, met: 2, breached: 0, open: 0, ended: 1, compliance: 1 },
          resolution: { clocks: 1, met: 1, breached: 0, open: 0, ended: 0, compliance: 1 },
        }],
      ] as const) {
        const res = await get(publisher, `offers?${PERIOD}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.scope, 'offers');
        assert.deepEqual(res.body.rows.map((r: { offer: { id: string } }) => ({ ...r, offer: r.offer.id })), [{ offer: offerId, ...expected }]);
        assert.ok(!res.raw.includes(direct.partner.orgId) && !res.raw.includes(indirect.reseller.orgId));
      }
      const viewer = await makeUser(ctx, direct.publisher.org, ['publisher_viewer']);
      assert.equal((await get(viewer, `offers?${PERIOD}`)).status, 200);
    });

    it('gives the operator every offer, and refuses partners', async () => {
      const res = await get(indirect.operator, `offers?${PERIOD}&format=csv`);
      assert.equal(res.status, 200);
      const lines = res.raw.split('\r\n');
      assert.equal(lines[0], '\uFEFFofferId,offerName,cases,firstResponseClocks,firstResponseMet,firstResponseBreached,firstResponseOpen,firstResponseEnded,'
        + 'firstResponseCompliance,resolutionClocks,resolutionMet,resolutionBreached,resolutionOpen,resolutionEnded,resolutionCompliance');
      assert.deepEqual(lines.slice(1, -1).map((l) => l.split(',')[0]).sort(), [direct.offerId, indirect.offerId].sort());
      const refused = await get(direct.partner, `offers?${PERIOD}`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.detail, 'SLA counts per offer are for publishers (their own offers) and the operator; your own part is at GET /sla-reports/compliance.');
    });
  });

  describe('holding', () => {
    const minutes = (h: { party: { orgId: string; role: string }; times: number; heldMinutes: number; heldBusinessMinutes: number; waitingMinutes: number; waitingBusinessMinutes: number; hours: string }) =>
      [h.party.orgId, h.party.role, h.times, h.heldMinutes, h.heldBusinessMinutes, h.waitingMinutes, h.waitingBusinessMinutes, h.hours];

    it('gives the operator every party\'s time on a case handed between three', async () => {
      const res = await get(indirect.operator, `holding?${PERIOD}&limit=100`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const y1 = res.body.items.find((i: { case: { id: string } }) => i.case.id === ids.y1);
      assert.deepEqual({ ...y1.case, offer: y1.case.offer.id }, {
        id: ids.y1, openedAt: '2026-06-01T09:00:00.000Z', status: 'resolved', category: 'billing', severity: 'moderate', offer: indirect.offerId,
      });
      assert.deepEqual(y1.holdings.map(minutes), [
        [indirect.reseller.orgId, 'reseller', 2, 180, 180, 0, 0, 'policy'],
        [indirect.provider.orgId, 'provider', 2, 120, 120, 0, 0, 'policy'],
        [indirect.operator.orgId, 'operator', 1, 60, 60, 0, 0, 'policy'],
      ]);
      assert.deepEqual(res.body.items.map((i: { case: { id: string } }) => i.case.id).sort(), [ids.x1, ids.x2, ids.x3, ids.y1].sort());
    });

    it('gives a party only the cases it held, with its own holding', async () => {
      const reseller = await get(indirect.reseller, `holding?${PERIOD}`);
      assert.deepEqual(reseller.body.items.map((i: { case: { id: string }; holdings: Parameters<typeof minutes>[0][] }) => [i.case.id, i.holdings.map(minutes)]), [
        [ids.y1, [[indirect.reseller.orgId, 'reseller', 2, 180, 180, 0, 0, 'policy']]],
      ]);
      const partner = await get(direct.partner, `holding?${PERIOD}&limit=2`);
      assert.equal(partner.body.items.length, 2);
      assert.ok(partner.body.nextCursor);
      const next = await get(direct.partner, `holding?${PERIOD}&limit=2&cursor=${partner.body.nextCursor}`);
      assert.equal(next.body.items.length, 1);
      assert.equal(next.body.nextCursor, null);
      const byCase = Object.fromEntries([...partner.body.items, ...next.body.items].map((i: { case: { id: string }; holdings: Parameters<typeof minutes>[0][] }) => [i.case.id, i.holdings.map(minutes)]));
      // X2 and X3 held since Monday 09:00: 25 h, of which Monday 09–18 and Tuesday 09–10 in hours; X3 waiting since 09:10.
      assert.deepEqual(byCase, {
        [ids.x1!]: [[direct.partner.orgId, 'partner', 1, 60, 60, 0, 0, 'policy']],
        [ids.x2!]: [[direct.partner.orgId, 'partner', 1, 1500, 600, 0, 0, 'policy']],
        [ids.x3!]: [[direct.partner.orgId, 'partner', 1, 1500, 600, 1490, 590, 'policy']],
      });
      assert.deepEqual((await get(direct.publisher, `holding?${PERIOD}`)).body.items, []);
      const bad = await get(direct.partner, `holding?${PERIOD}&cursor=bm90LWEtY3Vyc29y`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'INVALID_CURSOR');
    });

    it('answers the whole period as CSV, one line per case and party', async () => {
      const res = await get(indirect.operator, `holding?${PERIOD}`, { accept: 'text/csv' });
      assert.equal(res.status, 200);
      const lines = res.raw.split('\r\n');
      assert.equal(lines[0], '\uFEFFcaseId,openedAt,caseStatus,category,severity,offerId,offerName,partyId,partyName,role,firstReceivedAt,times,'
        + 'heldMinutes,heldBusinessMinutes,waitingMinutes,waitingBusinessMinutes,hours');
      const y1 = lines.filter((l) => l.startsWith(`${ids.y1},`)).map((l) => { const f = l.split(','); return [f[7], f[9], f[10], f[11], f[12], f[13]]; });
      assert.deepEqual(y1, [
        [indirect.reseller.orgId, 'reseller', '2026-06-01T09:00:00.000Z', '2', '180', '180'],
        [indirect.provider.orgId, 'provider', '2026-06-01T10:00:00.000Z', '2', '120', '120'],
        [indirect.operator.orgId, 'operator', '2026-06-01T11:00:00.000Z', '1', '60', '60'],
      ]);
      assert.equal(lines.length, 1 + 3 + 3 + 1);
    });
  });

  describe('who may read them', () => {
    it('refuses partner, publisher and operator roles without sla.reports, naming who may', async () => {
      const cases: [Actor, string][] = [
        [direct.helpdesk, 'global_admin or admin_agent'],
        [await makeUser(ctx, direct.partner.org, ['billing_admin']), 'global_admin or admin_agent'],
        [direct.engineer, 'publisher_admin or publisher_viewer'],
        [await makeUser(ctx, indirect.operator.org, ['commerce_support']), 'operator_admin'],
      ];
      for (const [actor, who] of cases) {
        for (const path of ['compliance', 'offers', 'holding', 'holding?format=csv']) {
          const res = await get(actor, path);
          assert.equal(res.status, 403, `${actor.roles.join()} ${path}`);
          assert.equal(res.body.code, 'PERMISSION_DENIED');
          assert.equal(res.body.detail, `Your roles do not allow you to read SLA reports; ${who} may.`);
        }
      }
    });

    it('refuses customers: they commit to nothing', async () => {
      for (const actor of [direct.customer, indirect.customer]) {
        const res = await get(actor, `compliance?${PERIOD}`);
        assert.equal(res.status, 403);
        assert.equal(res.body.detail, 'Your organization commits to no SLA, so it has no SLA reports; the commitments made to you are shown on each of your cases.');
      }
    });

    it('refuses a request without credentials', async () => {
      assert.equal((await call(ctx, null, 'GET', `${URL}/compliance`)).status, 401);
    });

    it('documents the reports in the OpenAPI document, JSON and CSV', async () => {
      const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
      assert.equal(doc.status, 200);
      for (const path of ['compliance', 'offers', 'holding']) {
        const op = doc.body.paths[`/api/v1/sla-reports/${path}`]?.get;
        assert.ok(op, path);
        assert.deepEqual(Object.keys(op.responses['200'].content).sort(), ['application/json', 'text/csv'], path);
        assert.ok(op.parameters.some((p: { name: string }) => p.name === 'from') && op.parameters.some((p: { name: string }) => p.name === 'format'), path);
      }
    });

    it('keeps the wall in the database: the report functions answer a scope only to the kind it is for', async () => {
      const read = (actor: Actor, kind: 'partner' | 'publisher' | 'operator', scope: string) => ctx.db.withTenant({ orgId: actor.orgId, orgKind: kind, userId: actor.userId }, async (tx) => {
        const { rows } = await sql<{ org_id: string }>`SELECT org_id FROM sb_sla_report_clocks(${scope}, '2026-06-01', '2026-06-03', NULL, NULL, NULL, 5000)`.execute(tx);
        return rows.map((r) => r.org_id);
      });
      assert.deepEqual(await read(direct.partner, 'partner', 'all'), []);
      assert.deepEqual(await read(direct.partner, 'partner', 'offers'), []);
      assert.deepEqual([...new Set(await read(direct.partner, 'partner', 'own'))], [direct.partner.orgId]);
      assert.deepEqual(await read(direct.publisher, 'publisher', 'all'), []);
      assert.equal((await read(direct.publisher, 'publisher', 'offers')).length, 6);
      const history = await ctx.db.withTenant({ orgId: direct.partner.orgId, orgKind: 'partner', userId: direct.partner.userId }, async (tx) =>
        (await sql<{ case_id: string }>`SELECT case_id FROM sb_sla_report_history(${[ids.y1, ids.x1]}::text[])`.execute(tx)).rows.map((r) => r.case_id));
      assert.ok(history.length > 0 && history.every((id) => id === ids.x1));
    });
  });

  describe('the period', () => {
    it('refuses a period longer than 366 days, in the viewer\'s language', async () => {
      const en = await get(direct.partner, 'compliance?from=2025-01-01&to=2026-06-01');
      assert.equal(en.status, 400);
      assert.equal(en.body.code, 'VALIDATION_FAILED');
      assert.equal(en.body.detail, 'querystring.to must be at most 366 days after from');
      assert.deepEqual(en.body.errors, [{ field: 'querystring.to', message: 'must be at most 366 days after from' }]);
      const korean = await makeUser(ctx, direct.partner.org, ['global_admin'], { locale: 'ko' });
      const ko = await get(korean, 'holding?from=2025-01-01&to=2026-06-01&format=csv');
      assert.equal(ko.status, 400);
      assert.equal(ko.body.detail, '요청이 올바르지 않습니다. querystring.to: from으로부터 366일 이내여야 합니다');
      assert.deepEqual(ko.body.errors, [{ field: 'querystring.to', message: 'from으로부터 366일 이내여야 합니다' }]);
    });

    it('refuses what is not a time, and a period that ends before it starts', async () => {
      const res = await get(direct.partner, 'compliance?from=yesterday&to=2026-02-30');
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['querystring.from', 'querystring.to']);
      const backwards = await get(direct.partner, 'offers?from=2026-06-02&to=2026-06-01', { 'accept-language': 'ko' });
      assert.equal(backwards.status, 403, 'the refusal of the role comes first');
      const own = await get(direct.partner, 'compliance?from=2026-06-02&to=2026-06-01');
      assert.equal(own.body.detail, 'querystring.to must be after from');
      const grouped = await get(direct.partner, 'compliance?groupBy=party,customer');
      assert.equal(grouped.status, 400);
    });
  });
});
