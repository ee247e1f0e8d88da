/**
 * Who reads an incident (GET one, the list and its filters) and where affected subscriptions
 * show it: the publisher, the operator, the partners of record of active subscriptions of its
 * offers, and their customers where the seller tells them — nobody else, not even a partner
 * whose subscription is cancelled or suspended.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Actor } from '../factories.ts';
import { call, makeUser } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { makeHealthWorld, postIncident, resolveIncident, setNotice, type HealthWorld, type IncidentBody } from '../health-factories.ts';

let ctx: TestContext;
let w: HealthWorld;
let incident: IncidentBody;

before(async () => {
  ctx = await testContext();
  w = await makeHealthWorld(ctx);
  incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Visibility matrix' });
});

/** Every organization of the world, and whether the incident reaches it (the product's rule, written out). */
function matrix(): [string, Actor, boolean][] {
  return [
    ['the publisher', w.publisher, true],
    ['the publisher\'s viewer', w.publisherViewer, true],
    ['another publisher', w.otherPublisher, false],
    ['the operator', w.operator, true],
    ['a direct partner with an active subscription', w.direct, true],
    ['its helpdesk agent', w.directHelpdesk, true],
    ['that partner\'s customer (the partner tells its customers)', w.directCustomer, true],
    ['a direct partner that never chose to tell', w.quiet, true],
    ['that partner\'s customer', w.quietCustomer, false],
    ['the provider of an active indirect subscription', w.provider, true],
    ['its reseller', w.reseller, true],
    ['the reseller\'s customer (the reseller tells its customers)', w.resellerCustomer, true],
    ['a partner whose only subscription is cancelled', w.lapsed, false],
    ['its customer, though the partner tells', w.lapsedCustomer, false],
    ['a partner whose only subscription is suspended', w.dormant, false],
    ['its customer, though the partner tells', w.dormantCustomer, false],
    ['an unrelated partner', w.stranger, false],
    ['its customer', w.strangerCustomer, false],
  ];
}

describe('reading an incident', () => {
  it('shows the incident, with ETag, offers and updates, exactly to the organizations it reaches (404 to everyone else)', async () => {
    for (const [who, actor, sees] of matrix()) {
      const res = await call(ctx, actor, 'GET', `/api/v1/incidents/${incident.id}`);
      assert.equal(res.status, sees ? 200 : 404, `${who}: ${res.status} ${JSON.stringify(res.body)}`);
      if (sees) {
        assert.equal(res.headers.etag, '"1"', who);
        assert.equal(res.body.id, incident.id);
        assert.deepEqual(res.body.offers, [{ id: w.offerId, name: 'Contoso Backup' }], who);
        assert.equal(res.body.updates.length, 1, who);
      } else {
        assert.equal(res.body.code, 'INCIDENT_NOT_FOUND', who);
      }
    }
  });

  it('lists the incident exactly to the organizations it reaches', async () => {
    for (const [who, actor, sees] of matrix()) {
      const res = await call(ctx, actor, 'GET', '/api/v1/incidents?limit=100');
      assert.equal(res.status, 200, who);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      assert.equal(ids.includes(incident.id), sees, who);
    }
  });

  it('follows the seller\'s choice: a customer hears of incidents once its partner tells, and no longer when it stops', async () => {
    await setNotice(ctx, w.quiet, true);
    assert.equal((await call(ctx, w.quietCustomer, 'GET', `/api/v1/incidents/${incident.id}`)).status, 200);
    await setNotice(ctx, w.quiet, false);
    assert.equal((await call(ctx, w.quietCustomer, 'GET', `/api/v1/incidents/${incident.id}`)).status, 404);
  });

  it('refuses a role without incidents.read that sees the incident\'s organization (403)', async () => {
    const userAdmin = await makeUser(ctx, w.direct.org, ['user_admin']);
    const one = await call(ctx, userAdmin, 'GET', `/api/v1/incidents/${incident.id}`);
    assert.equal(one.status, 403);
    assert.equal((await call(ctx, userAdmin, 'GET', '/api/v1/incidents')).status, 403);
    assert.equal((await call(ctx, null, 'GET', '/api/v1/incidents')).status, 401);
  });

  it('filters by open or resolved and by offer, newest first, in cursor pages', async () => {
    const older = await postIncident(ctx, w.publisher, [w.offerId, w.otherOfferId], { title: 'Older, then resolved' });
    await resolveIncident(ctx, w.publisher, older.id);
    const newest = await postIncident(ctx, w.publisher, [w.otherOfferId], { title: 'Newest, other offer' });
    const ids = async (query: string) => (await call(ctx, w.publisher, 'GET', `/api/v1/incidents?limit=100&${query}`)).body.items.map((i: { id: string }) => i.id);
    const all = await ids('status=all');
    assert.deepEqual(all.filter((id: string) => [incident.id, older.id, newest.id].includes(id)), [newest.id, older.id, incident.id]);
    assert.deepEqual((await ids('status=open')).filter((id: string) => id === older.id), []);
    assert.ok((await ids('status=open')).includes(newest.id));
    assert.deepEqual(await ids('status=resolved'), [older.id]);
    const ofOffer = await ids(`offerId=${w.offerId}`);
    assert.ok(ofOffer.includes(incident.id) && ofOffer.includes(older.id) && !ofOffer.includes(newest.id));
    assert.deepEqual(await ids(`offerId=${w.offerId}&status=open`), (await ids('status=open')).filter((id: string) => id !== newest.id));
    assert.deepEqual(await ids('offerId=no-such-offer'), []);
    // A partner sees the resolved one too: it reached the partner.
    const direct = await call(ctx, w.direct, 'GET', '/api/v1/incidents?status=resolved');
    assert.deepEqual(direct.body.items.map((i: { id: string }) => i.id), [older.id]);

    const pages: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await call(ctx, w.publisher, 'GET', `/api/v1/incidents?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      pages.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(pages, all);
    assert.equal((await call(ctx, w.publisher, 'GET', '/api/v1/incidents?cursor=forged')).status, 400);
    assert.equal((await call(ctx, w.publisher, 'GET', '/api/v1/incidents?status=closed')).status, 400);
  });
});

describe('affected subscriptions', () => {
  /** The open incidents a subscription shows its viewer, by GET one and in the list. */
  async function shown(actor: Actor, subscriptionId: string): Promise<{ one: string[]; listed: string[] }> {
    const one = await call(ctx, actor, 'GET', `/api/v1/subscriptions/${subscriptionId}`);
    assert.equal(one.status, 200, JSON.stringify(one.body));
    const list = await call(ctx, actor, 'GET', '/api/v1/subscriptions?limit=100');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const item = list.body.items.find((s: { id: string }) => s.id === subscriptionId);
    assert.ok(item, 'the subscription is listed');
    return {
      one: one.body.openIncidents.map((i: { id: string }) => i.id),
      listed: item.openIncidents.map((i: { id: string }) => i.id),
    };
  }

  it('show the open incidents of their offer to whoever the incident reaches, and nothing to a customer whose seller does not tell', async () => {
    const live = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Shown on subscriptions', impact: 'degraded' });
    const cases: [string, Actor, string, boolean][] = [
      ['the direct partner', w.direct, w.directSubscriptionId, true],
      ['its customer', w.directCustomer, w.directSubscriptionId, true],
      ['the provider', w.provider, w.indirectSubscriptionId, true],
      ['the reseller', w.reseller, w.indirectSubscriptionId, true],
      ['the reseller\'s customer', w.resellerCustomer, w.indirectSubscriptionId, true],
      ['the publisher', w.publisher, w.directSubscriptionId, true],
      ['the operator', w.operator, w.quietSubscriptionId, true],
      ['the quiet partner', w.quiet, w.quietSubscriptionId, true],
      ['the quiet partner\'s customer', w.quietCustomer, w.quietSubscriptionId, false],
    ];
    for (const [who, actor, subscriptionId, sees] of cases) {
      const { one, listed } = await shown(actor, subscriptionId);
      assert.equal(one.includes(live.id), sees, `${who}: ${JSON.stringify(one)}`);
      assert.deepEqual(listed, one, who);
    }
    const res = await call(ctx, w.directCustomer, 'GET', `/api/v1/subscriptions/${w.directSubscriptionId}`);
    const shownIncident = res.body.openIncidents.find((i: { id: string }) => i.id === live.id);
    assert.deepEqual(shownIncident, { id: live.id, title: 'Shown on subscriptions', impact: 'degraded', status: 'investigating', startedAt: live.startedAt });
    // Newest first.
    assert.equal(res.body.openIncidents[0].id, live.id);
  });

  it('show nothing on a cancelled subscription, and nothing once the incident is resolved', async () => {
    const live = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Soon resolved' });
    const cancelled = await call(ctx, w.lapsed, 'GET', `/api/v1/subscriptions/${w.lapsedSubscriptionId}`);
    assert.deepEqual(cancelled.body.openIncidents, []);
    assert.ok((await shown(w.direct, w.directSubscriptionId)).one.includes(live.id));
    await resolveIncident(ctx, w.publisher, live.id);
    assert.ok(!(await shown(w.direct, w.directSubscriptionId)).one.includes(live.id));
    assert.ok(!(await shown(w.directCustomer, w.directSubscriptionId)).listed.includes(live.id));
  });
});
