/**
 * New technical cases of an offer link to its open incident (the most recent when several are
 * open), and the routing explanation says so — even for an asker that may not see the incident.
 * Other categories never link, and nothing links once the incident is resolved.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { caseBody, openCase } from '../case-factories.ts';
import { call } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { makeHealthWorld, postIncident, resolveIncident, type HealthWorld } from '../health-factories.ts';

let ctx: TestContext;
let w: HealthWorld;

before(async () => {
  ctx = await testContext();
  w = await makeHealthWorld(ctx);
});

const codes = (c: { routing: { rules: { code: string }[] } }) => c.routing.rules.map((r) => r.code);

describe('linking cases to the open incident', () => {
  it('links a technical case opened while the incident is open, and says so in the routing; a billing case is not linked', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Linking' });
    const technical = await openCase(ctx, w.directCustomer, caseBody({ subscriptionId: w.directSubscriptionId, category: 'technical_breakfix', title: 'Sign-in broken' }));
    assert.equal(technical.incidentId, incident.id);
    assert.ok(codes(technical).includes('INCIDENT_LINKED'), JSON.stringify(codes(technical)));
    const outage = await openCase(ctx, w.resellerCustomer, caseBody({ subscriptionId: w.indirectSubscriptionId, category: 'service_outage' }));
    assert.equal(outage.incidentId, incident.id);
    const billing = await openCase(ctx, w.directCustomer, caseBody({ subscriptionId: w.directSubscriptionId, category: 'billing', title: 'Invoice question' }));
    assert.equal(billing.incidentId, null);
    assert.ok(!codes(billing).includes('INCIDENT_LINKED'));
    const decision = await call(ctx, w.direct, 'POST', '/api/v1/routing/decisions', { category: 'technical_howto', severity: 'moderate', subscriptionId: w.directSubscriptionId });
    assert.equal(decision.status, 200, JSON.stringify(decision.body));
    assert.equal(decision.body.incidentId, incident.id);
    assert.ok(decision.body.rules.some((r: { code: string }) => r.code === 'INCIDENT_LINKED'));
    await resolveIncident(ctx, w.publisher, incident.id);
  });

  it('links the case of an asker that may not see the incident, telling it only the id', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Hidden from this customer' });
    assert.equal((await call(ctx, w.quietCustomer, 'GET', `/api/v1/incidents/${incident.id}`)).status, 404);
    const c = await openCase(ctx, w.quietCustomer, caseBody({ subscriptionId: w.quietSubscriptionId, category: 'technical_howto' }));
    assert.equal(c.incidentId, incident.id);
    assert.ok(codes(c).includes('INCIDENT_LINKED'));
    await resolveIncident(ctx, w.publisher, incident.id);
  });

  it('links to the most recent open incident when several are open, and to none after they are resolved', async () => {
    const first = await postIncident(ctx, w.publisher, [w.offerId], { title: 'First' });
    const second = await postIncident(ctx, w.publisher, [w.offerId, w.otherOfferId], { title: 'Second' });
    const during = await openCase(ctx, w.directCustomer, caseBody({ subscriptionId: w.directSubscriptionId, category: 'technical_breakfix' }));
    assert.equal(during.incidentId, second.id);
    await resolveIncident(ctx, w.publisher, second.id);
    const afterSecond = await openCase(ctx, w.directCustomer, caseBody({ subscriptionId: w.directSubscriptionId, category: 'technical_breakfix' }));
    assert.equal(afterSecond.incidentId, first.id);
    await resolveIncident(ctx, w.publisher, first.id);
    const afterAll = await openCase(ctx, w.directCustomer, caseBody({ subscriptionId: w.directSubscriptionId, category: 'technical_breakfix' }));
    assert.equal(afterAll.incidentId, null);
    assert.ok(!codes(afterAll).includes('INCIDENT_LINKED'));
  });

  it('links an offer\'s case without a subscription too, but never a case of another offer', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.otherOfferId], { title: 'Other offer only' });
    const other = await openCase(ctx, w.direct, caseBody({ offerId: w.otherOfferId, category: 'technical_howto' }));
    assert.equal(other.incidentId, incident.id);
    const unaffected = await openCase(ctx, w.directCustomer, caseBody({ subscriptionId: w.directSubscriptionId, category: 'technical_howto' }));
    assert.equal(unaffected.incidentId, null);
    await resolveIncident(ctx, w.publisher, incident.id);
  });
});
