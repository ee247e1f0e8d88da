/**
 * An offer's status page (GET /offers/:offerId/service-status): its state from its open
 * incidents (the worst impact; operational when none is open), the open incidents with their
 * latest update, and those resolved in the past 90 days — for every signed-in organization whose
 * roles read incidents, whether the incident reaches it or not (`canOpen` says), and nothing of
 * who holds the offer.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { offerServiceState } from '../../src/core/incident-rules.ts';
import { makeSellableOffer } from '../catalog-factories.ts';
import { call, makeUser } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { makeHealthWorld, postIncident, resolveIncident, subscribe, updateIncident, type HealthWorld } from '../health-factories.ts';

let ctx: TestContext;
let w: HealthWorld;

before(async () => {
  ctx = await testContext();
  w = await makeHealthWorld(ctx);
});

interface StatusBody {
  offer: { id: string; name: string };
  publisher: { id: string; name: string };
  state: string;
  open: { id: string; title: string; impact: string; status: string; latestUpdate: { status: string; message: string; createdAt: string }; canOpen: boolean }[];
  past: { id: string; title: string; resolvedAt: string | null; canOpen: boolean }[];
  days: number;
}

describe('an offer\'s status page', () => {
  it('the state is the worst open impact', () => {
    assert.equal(offerServiceState([]), 'operational');
    assert.equal(offerServiceState(['maintenance']), 'maintenance');
    assert.equal(offerServiceState(['maintenance', 'degraded']), 'degraded');
    assert.equal(offerServiceState(['degraded', 'outage', 'maintenance']), 'outage');
  });

  it('is operational without incidents, then tells the open ones with their latest update and the resolved ones', async () => {
    const { offerId } = await makeSellableOffer(ctx, { publisher: w.publisher, offer: { name: 'Contoso Status' } });
    // A customer of a partner that tells its customers, and one of a partner that never chose to.
    await subscribe(ctx, { offerId, publisherId: w.publisher.orgId, customer: w.directCustomer, buyer: w.direct, chain: { partnerId: w.direct.orgId } });
    await subscribe(ctx, { offerId, publisherId: w.publisher.orgId, customer: w.quietCustomer, buyer: w.quiet, chain: { partnerId: w.quiet.orgId } });
    const path = `/api/v1/offers/${offerId}/service-status`;
    const quiet = await call(ctx, w.direct, 'GET', path);
    assert.equal(quiet.status, 200, JSON.stringify(quiet.body));
    assert.equal((quiet.body as StatusBody).state, 'operational');
    assert.deepEqual((quiet.body as StatusBody).open, []);
    assert.equal((quiet.body as StatusBody).offer.name, 'Contoso Status');
    assert.equal((quiet.body as StatusBody).days, 90);

    await postIncident(ctx, w.publisher, [offerId], { title: 'Slow reports', impact: 'degraded' });
    const down = await postIncident(ctx, w.publisher, [offerId], { title: 'Reports down', impact: 'outage' });
    const moved = await updateIncident(ctx, w.publisher, down.id, 'identified', 'A broken index; rebuilding it.');
    assert.equal(moved.status, 201);
    const fixed = await postIncident(ctx, w.publisher, [offerId], { title: 'Exports failed', impact: 'degraded' });
    await resolveIncident(ctx, w.publisher, fixed.id);

    const res = await call(ctx, w.stranger, 'GET', path);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const s = res.body as StatusBody;
    assert.equal(s.state, 'outage');
    assert.deepEqual(s.open.map((i) => i.title), ['Reports down', 'Slow reports'], 'newest first');
    assert.equal(s.open[0]?.latestUpdate.status, 'identified');
    assert.equal(s.open[0]?.latestUpdate.message, 'A broken index; rebuilding it.');
    assert.deepEqual(s.past.map((i) => i.title), ['Exports failed']);
    assert.ok(s.open.every((i) => !i.canOpen), 'the stranger holds no subscription of it: it reads the status, not the incident');
    assert.equal(JSON.stringify(s).includes(w.direct.orgId), false, 'nothing says who holds the offer');
    // A customer whose seller keeps incidents from its customers reads the status page, not the incidents.
    const kept = await call(ctx, w.quietCustomer, 'GET', path);
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.equal((kept.body as StatusBody).state, 'outage');
    assert.ok((kept.body as StatusBody).open.every((i) => !i.canOpen));
    // The customer of a partner that tells may open them.
    const told = (await call(ctx, w.directCustomer, 'GET', path)).body as StatusBody;
    assert.ok(told.open.length === 2 && told.open.every((i) => i.canOpen), JSON.stringify(told.open));

    await resolveIncident(ctx, w.publisher, down.id);
    const after = (await call(ctx, w.publisher, 'GET', path)).body as StatusBody;
    assert.equal(after.state, 'degraded');
    assert.ok(after.open.every((i) => i.canOpen) && after.past.every((i) => i.canOpen), 'the publisher may open its own');
    assert.deepEqual(after.past.map((i) => i.title), ['Exports failed', 'Reports down'], 'by when they started, newest first');
  });

  it('shows only the past 90 days of resolved incidents', async () => {
    const { offerId } = await makeSellableOffer(ctx, { publisher: w.publisher, offer: { name: 'Contoso Old' } });
    const old = await postIncident(ctx, w.publisher, [offerId], { title: 'Long ago' });
    await resolveIncident(ctx, w.publisher, old.id);
    const recent = await postIncident(ctx, w.publisher, [offerId], { title: 'Last month' });
    await resolveIncident(ctx, w.publisher, recent.id);
    const day = 86_400_000;
    await ctx.db.withOwner(async (tx) => {
      await tx.updateTable('incidents').set({ started_at: new Date(Date.now() - 120 * day), resolved_at: new Date(Date.now() - 119 * day) }).where('id', '=', old.id).execute();
      await tx.updateTable('incidents').set({ started_at: new Date(Date.now() - 30 * day), resolved_at: new Date(Date.now() - 29 * day) }).where('id', '=', recent.id).execute();
    });
    const s = (await call(ctx, w.directCustomer, 'GET', `/api/v1/offers/${offerId}/service-status`)).body as StatusBody;
    assert.deepEqual(s.past.map((i) => i.title), ['Last month']);
    assert.equal(s.state, 'operational');
  });

  it('answers 404 for an unknown offer and 403 to a role that does not read incidents', async () => {
    const unknown = await call(ctx, w.direct, 'GET', '/api/v1/offers/no-such-offer/service-status');
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    assert.equal(unknown.body.code, 'OFFER_NOT_FOUND');
    const userAdmin = await makeUser(ctx, w.direct.org, ['user_admin']);
    const refused = await call(ctx, userAdmin, 'GET', `/api/v1/offers/${w.offerId}/service-status`);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
  });
});
