/**
 * Whom an incident reached (GET /incidents/:id/reach): the organizations its events were
 * delivered to by the fan-out, counted by kind, with the users notified and the events still being
 * delivered; paged by name. Only the incident's publisher (any role that reads incidents) and the
 * operator read it: a partner it reaches is refused (403), another publisher and an organization
 * it does not reach do not see the incident (404).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { call } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { makeHealthWorld, postIncident, resolveIncident, type HealthWorld } from '../health-factories.ts';

let ctx: TestContext;
let w: HealthWorld;

before(async () => {
  ctx = await testContext();
  w = await makeHealthWorld(ctx);
});

interface ReachBody {
  incidentId: string;
  organizations: { partners: number; customers: number; total: number };
  usersNotified: number;
  events: number;
  pendingEvents: number;
  items: { id: string; name: string; kind: string; partnerModel: string | null; firstReachedAt: string }[];
  nextCursor: string | null;
}

describe('whom an incident reached', () => {
  it('counts nothing before the fan-out, then exactly the organizations reached, by name', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Reach counted' });
    const early = await call(ctx, w.publisher, 'GET', `/api/v1/incidents/${incident.id}/reach`);
    assert.equal(early.status, 200, JSON.stringify(early.body));
    const e = early.body as ReachBody;
    assert.equal(e.events, 1);
    assert.equal(e.pendingEvents, 1, 'not delivered yet');
    assert.deepEqual(e.organizations, { partners: 0, customers: 0, total: 0 });
    assert.deepEqual(e.items, []);

    await ctx.jobs.drain();
    const res = await call(ctx, w.publisher, 'GET', `/api/v1/incidents/${incident.id}/reach`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = res.body as ReachBody;
    assert.equal(r.incidentId, incident.id);
    assert.equal(r.pendingEvents, 0);
    assert.deepEqual(r.organizations, { partners: 4, customers: 2, total: 6 });
    const expected = [w.direct.orgId, w.directCustomer.orgId, w.quiet.orgId, w.provider.orgId, w.reseller.orgId, w.resellerCustomer.orgId].sort();
    assert.deepEqual(r.items.map((o) => o.id).sort(), expected);
    const names = r.items.map((o) => o.name);
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
    assert.equal(r.items.find((o) => o.id === w.reseller.orgId)?.partnerModel, 'indirect_reseller');
    assert.equal(r.items.find((o) => o.id === w.directCustomer.orgId)?.kind, 'customer');
    assert.ok(r.usersNotified >= 6, `users notified: ${r.usersNotified}`);
    assert.equal(r.nextCursor, null);
  });

  it('pages by name, and counts the organizations once over every update', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Reach paged' });
    await resolveIncident(ctx, w.publisher, incident.id);
    await ctx.jobs.drain();
    const seen: string[] = [];
    let cursor: string | null = null;
    let summary: ReachBody | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await call(ctx, w.engineer, 'GET', `/api/v1/incidents/${incident.id}/reach?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const page = res.body as ReachBody;
      summary = page;
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.equal(summary?.events, 2);
    assert.equal(summary?.organizations.total, 6);
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6, 'no organization twice across pages');
    const bad = await call(ctx, w.publisher, 'GET', `/api/v1/incidents/${incident.id}/reach?cursor=nonsense`);
    assert.equal(bad.status, 400);
  });

  it('answers the publisher\'s users and the operator only', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Reach walls' });
    await ctx.jobs.drain();
    const path = `/api/v1/incidents/${incident.id}/reach`;
    for (const who of [w.publisherViewer, w.operator]) {
      const res = await call(ctx, who, 'GET', path);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((res.body as ReachBody).organizations.total, 6);
    }
    // Reached, but not whose incident it is: refused.
    for (const who of [w.direct, w.directHelpdesk, w.reseller]) {
      const res = await call(ctx, who, 'GET', path);
      assert.equal(res.status, 403, JSON.stringify(res.body));
    }
    // Not reached: the incident does not exist for them.
    for (const who of [w.otherPublisher, w.stranger, w.lapsed, w.quietCustomer]) {
      const res = await call(ctx, who, 'GET', path);
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.equal(res.body.code, 'INCIDENT_NOT_FOUND');
    }
    const unknown = await call(ctx, w.publisher, 'GET', '/api/v1/incidents/inc_nothing/reach');
    assert.equal(unknown.status, 404);
  });

  it('tells nothing through the functions to an organization that is not the publisher', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Reach functions' });
    await ctx.jobs.drain();
    const asViewer = (who: { orgId: string; userId: string }, orgKind: 'partner' | 'publisher') => ctx.db.withTenant({ orgId: who.orgId, userId: who.userId, orgKind }, async (tx) => {
      const s = await sql<{ partners: string; events: string }>`SELECT * FROM sb_incident_reach_summary(${incident.id})`.execute(tx);
      const o = await sql<{ org_id: string }>`SELECT * FROM sb_incident_reach_orgs(${incident.id}, NULL, NULL, 100)`.execute(tx);
      return { partners: Number(s.rows[0]?.partners), events: Number(s.rows[0]?.events), orgs: o.rows.length };
    });
    assert.deepEqual(await asViewer(w.direct, 'partner'), { partners: 0, events: 0, orgs: 0 });
    assert.deepEqual(await asViewer(w.otherPublisher, 'publisher'), { partners: 0, events: 0, orgs: 0 });
    assert.deepEqual(await asViewer(w.publisher, 'publisher'), { partners: 4, events: 1, orgs: 6 });
  });
});
