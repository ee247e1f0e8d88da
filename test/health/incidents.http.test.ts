/**
 * Posting, updating and resolving incidents through the API: who may, what is validated (limits,
 * own offers), the status rule, If-Match, idempotent posting, the events recorded with each
 * change, and partners' notice settings.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeSellableOffer } from '../catalog-factories.ts';
import { call, makeUser } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import {
  incidentBody, makeHealthWorld, postIncident, resolveIncident, updateIncident, type HealthWorld, type IncidentBody,
} from '../health-factories.ts';

let ctx: TestContext;
let w: HealthWorld;

before(async () => {
  ctx = await testContext();
  w = await makeHealthWorld(ctx);
});

/** The incidents of the world's publisher, as the owner reads them. */
async function incidentsOfPublisher(publisherId: string) {
  return ctx.db.withOwner((tx) => tx.selectFrom('incidents').select(['id', 'title']).where('publisher_id', '=', publisherId).execute());
}

/** The domain events of an incident, oldest first, as the owner reads them. */
async function eventsOf(incidentId: string) {
  return ctx.db.withOwner((tx) => tx.selectFrom('domain_events').selectAll()
    .where('subject_type', '=', 'incident').where('subject_id', '=', incidentId).orderBy('occurred_at').orderBy('id').execute());
}

describe('posting an incident', () => {
  it('posts an incident for the publisher\'s own offers, investigating by default, with its first message as first update and an ETag', async () => {
    const res = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', incidentBody([w.offerId, w.otherOfferId], { title: '  Sign-in fails  ' }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const i = res.body as IncidentBody;
    assert.equal(res.headers.etag, '"1"');
    assert.equal(i.title, 'Sign-in fails');
    assert.equal(i.impact, 'outage');
    assert.equal(i.status, 'investigating');
    assert.equal(i.isOpen, true);
    assert.equal(i.version, 1);
    assert.equal(i.resolvedAt, null);
    assert.deepEqual(i.publisher, { id: w.publisher.orgId, name: w.publisher.org.name });
    assert.deepEqual(i.offers, [{ id: w.otherOfferId, name: 'Contoso Archive' }, { id: w.offerId, name: 'Contoso Backup' }]);
    assert.equal(i.updates.length, 1);
    assert.deepEqual({ status: i.updates[0]!.status, message: i.updates[0]!.message }, { status: 'investigating', message: 'Users get error 503 at sign-in. We are investigating.' });
    assert.equal(i.updates[0]!.createdAt, i.startedAt);
  });

  it('lets a support engineer post, and in another open status (a maintenance posted as monitoring)', async () => {
    const i = await postIncident(ctx, w.engineer, [w.offerId], { impact: 'maintenance', status: 'monitoring', title: 'Database upgrade' });
    assert.equal(i.status, 'monitoring');
    assert.equal(i.impact, 'maintenance');
  });

  it('refuses roles and organizations that don\'t manage incidents (403)', async () => {
    const body = incidentBody([w.offerId]);
    for (const actor of [w.publisherViewer, w.direct, w.directCustomer, w.operator]) {
      const res = await call(ctx, actor, 'POST', '/api/v1/incidents', body);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    assert.equal((await call(ctx, null, 'POST', '/api/v1/incidents', body)).status, 401);
  });

  it('validates the title, impact, offers, status and message (400)', async () => {
    const bad: [string, Record<string, unknown>][] = [
      ['empty title', incidentBody([w.offerId], { title: '' })],
      ['blank title', incidentBody([w.offerId], { title: '   ' })],
      ['title over 200', incidentBody([w.offerId], { title: 'x'.repeat(201) })],
      ['unknown impact', incidentBody([w.offerId], { impact: 'meltdown' })],
      ['no offers', incidentBody([])],
      ['51 offers', incidentBody(Array.from({ length: 51 }, (_, n) => `offer-${n}`))],
      ['an offer twice', incidentBody([w.offerId, w.otherOfferId, w.offerId])],
      ['a malformed offer id', incidentBody(['Not An Offer!'])],
      ['posted resolved', incidentBody([w.offerId], { status: 'resolved' })],
      ['empty message', incidentBody([w.offerId], { message: '' })],
      ['blank message', incidentBody([w.offerId], { message: ' \n ' })],
      ['message over 10000', incidentBody([w.offerId], { message: 'x'.repeat(10_001) })],
      ['an unknown field', incidentBody([w.offerId], { severity: 'high' })],
    ];
    const before = (await incidentsOfPublisher(w.publisher.orgId)).length;
    for (const [what, body] of bad) {
      const res = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', body);
      assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'VALIDATION_FAILED', what);
    }
    assert.equal((await incidentsOfPublisher(w.publisher.orgId)).length, before);
  });

  it('accepts exactly 200 characters of title, 10000 of message and 50 offers', async () => {
    const many = [w.offerId];
    for (let n = 0; n < 49; n++) many.push((await makeSellableOffer(ctx, { publisher: w.publisher })).offerId);
    const i = await postIncident(ctx, w.publisher, many, { title: 't'.repeat(200), message: 'm'.repeat(10_000) });
    assert.equal(i.offers.length, 50);
    assert.equal(i.title.length, 200);
    assert.equal(i.updates[0]!.message.length, 10_000);
  });

  it('refuses another publisher\'s offer (422) and an unknown one (404), writing nothing', async () => {
    const before = (await incidentsOfPublisher(w.publisher.orgId)).length;
    const foreign = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', incidentBody([w.offerId, w.foreignOfferId]));
    assert.equal(foreign.status, 422, JSON.stringify(foreign.body));
    assert.equal(foreign.body.code, 'INCIDENT_OFFER_NOT_OWN');
    assert.deepEqual(foreign.body.offerIds, [w.foreignOfferId]);
    const unknown = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', incidentBody([w.offerId, 'no-such-offer']));
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    assert.equal(unknown.body.code, 'OFFER_NOT_FOUND');
    assert.deepEqual(unknown.body.offerIds, ['no-such-offer']);
    assert.equal((await incidentsOfPublisher(w.publisher.orgId)).length, before);
  });

  it('records incident.posted in the same transaction, with the payload the notifications render', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Payload check' });
    const events = await eventsOf(i.id);
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.type, 'incident.posted');
    assert.equal(e.actor_org_id, w.publisher.orgId);
    assert.equal(e.actor_user_id, w.publisher.userId);
    assert.equal(e.audience_org_ids, null);
    assert.deepEqual(e.data, {
      incidentId: i.id, title: 'Payload check', impact: 'outage', status: 'investigating', publisherId: w.publisher.orgId,
      publisherName: w.publisher.org.name, offers: [{ id: w.offerId, name: 'Contoso Backup' }],
      message: 'Users get error 503 at sign-in. We are investigating.', startedAt: i.startedAt, resolvedAt: null,
    });
  });

  it('posts once per Idempotency-Key: a retry gets the same incident, other input is refused', async () => {
    const key = `incident-${Date.now()}`;
    const body = incidentBody([w.offerId], { title: 'Posted once' });
    const first = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', body, { 'idempotency-key': key });
    const again = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', body, { 'idempotency-key': key });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body.id, first.body.id);
    assert.equal((await incidentsOfPublisher(w.publisher.orgId)).filter((i) => i.title === 'Posted once').length, 1);
    assert.equal((await eventsOf(first.body.id)).length, 1);
    const other = await call(ctx, w.publisher, 'POST', '/api/v1/incidents', { ...body, title: 'Something else' }, { 'idempotency-key': key });
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
  });
});

describe('updating and resolving an incident', () => {
  it('moves forward, skipping steps, keeps a status with a new message, and answers the update with the incident and its ETag', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId]);
    const skip = await updateIncident(ctx, w.publisher, i.id, 'monitoring', 'A fix is deployed; watching.');
    assert.equal(skip.status, 201, JSON.stringify(skip.body));
    assert.equal(skip.headers.etag, '"2"');
    assert.equal(skip.body.update.status, 'monitoring');
    assert.equal(skip.body.update.message, 'A fix is deployed; watching.');
    assert.equal(skip.body.incident.status, 'monitoring');
    assert.equal(skip.body.incident.version, 2);
    const same = await updateIncident(ctx, w.engineer, i.id, 'monitoring', 'Still watching.');
    assert.equal(same.status, 201, JSON.stringify(same.body));
    assert.deepEqual(same.body.incident.updates.map((u: { status: string }) => u.status), ['investigating', 'monitoring', 'monitoring']);
    assert.equal(same.body.incident.version, 3);
  });

  it('refuses a step back (409) and names the statuses allowed', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId]);
    assert.equal((await updateIncident(ctx, w.publisher, i.id, 'identified')).status, 201);
    const back = await updateIncident(ctx, w.publisher, i.id, 'investigating');
    assert.equal(back.status, 409, JSON.stringify(back.body));
    assert.equal(back.body.code, 'INCIDENT_STATUS_CONFLICT');
    assert.equal(back.body.status, 409);
    assert.equal(back.body.incidentStatus, 'identified');
    assert.deepEqual(back.body.allowedStatuses, ['identified', 'monitoring', 'resolved']);
  });

  it('resolves: resolvedAt set, no longer open, its offers no longer affected; resolved is final', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId, w.otherOfferId]);
    const resolved = await resolveIncident(ctx, w.publisher, i.id);
    assert.equal(resolved.status, 'resolved');
    assert.equal(resolved.isOpen, false);
    assert.ok(resolved.resolvedAt);
    assert.equal(resolved.resolvedAt, resolved.updates.at(-1)!.createdAt);
    const offers = await ctx.db.withOwner((tx) => tx.selectFrom('incident_offers').select('is_open').where('incident_id', '=', i.id).execute());
    assert.deepEqual(offers.map((o) => o.is_open), [false, false]);
    for (const status of ['investigating', 'monitoring', 'resolved']) {
      const res = await updateIncident(ctx, w.publisher, i.id, status);
      assert.equal(res.status, 409, `${status}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, 'INCIDENT_STATUS_CONFLICT');
      assert.deepEqual(res.body.allowedStatuses, []);
    }
  });

  it('records incident.updated for an update and incident.resolved for the resolution, with the message of each', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Event trail' });
    await updateIncident(ctx, w.publisher, i.id, 'identified', 'Cause found.');
    await updateIncident(ctx, w.publisher, i.id, 'resolved', 'All clear.');
    const events = await eventsOf(i.id);
    assert.deepEqual(events.map((e) => e.type), ['incident.posted', 'incident.updated', 'incident.resolved']);
    const [, updated, resolved] = events.map((e) => e.data as Record<string, unknown>);
    assert.deepEqual({ status: updated!.status, message: updated!.message, resolvedAt: updated!.resolvedAt }, { status: 'identified', message: 'Cause found.', resolvedAt: null });
    assert.equal(resolved!.status, 'resolved');
    assert.equal(resolved!.message, 'All clear.');
    assert.equal(typeof resolved!.resolvedAt, 'string');
    assert.equal(resolved!.title, 'Event trail');
    assert.deepEqual(resolved!.offers, [{ id: w.offerId, name: 'Contoso Backup' }]);
    for (const e of events) assert.equal(e.audience_org_ids, null);
  });

  it('checks If-Match when sent: a stale version answers 412 with the current one; the current one, *, or a weak tag pass', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId]);
    const stale = await updateIncident(ctx, w.publisher, i.id, 'identified', 'x', { 'if-match': '"7"' });
    assert.equal(stale.status, 412, JSON.stringify(stale.body));
    assert.equal(stale.body.code, 'INCIDENT_VERSION_CONFLICT');
    assert.equal(stale.body.currentVersion, 1);
    assert.equal((await updateIncident(ctx, w.publisher, i.id, 'identified', 'x', { 'if-match': '"1"' })).status, 201);
    assert.equal((await updateIncident(ctx, w.publisher, i.id, 'identified', 'x', { 'if-match': 'W/"2"' })).status, 201);
    assert.equal((await updateIncident(ctx, w.publisher, i.id, 'identified', 'x', { 'if-match': '*' })).status, 201);
    const read = await call(ctx, w.publisher, 'GET', `/api/v1/incidents/${i.id}`);
    assert.equal(read.headers.etag, '"4"');
    assert.equal(read.body.updates.length, 4);
  });

  it('answers 404 to who can\'t see the incident and 403 to who sees it but may not update it', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId]);
    const otherPublisherAdmin = await makeUser(ctx, w.otherPublisher.org, ['publisher_admin']);
    for (const actor of [otherPublisherAdmin, w.stranger]) {
      const res = await updateIncident(ctx, actor, i.id, 'identified');
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.equal(res.body.code, 'INCIDENT_NOT_FOUND');
    }
    for (const actor of [w.direct, w.operator, w.publisherViewer, w.directCustomer]) {
      const res = await updateIncident(ctx, actor, i.id, 'identified');
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.code, 'PERMISSION_DENIED');
    }
    assert.equal((await updateIncident(ctx, w.publisher, 'inc_nosuchincident', 'identified')).status, 404);
    const after = await call(ctx, w.publisher, 'GET', `/api/v1/incidents/${i.id}`);
    assert.equal(after.body.version, 1);
  });

  it('validates an update: a known status and a message within limits (400)', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId]);
    for (const body of [{ status: 'fixed', message: 'x' }, { status: 'identified', message: '' }, { status: 'identified', message: '  ' },
      { status: 'identified', message: 'x'.repeat(10_001) }, { status: 'identified' }, { status: 'identified', message: 'x', extra: 1 }]) {
      const res = await call(ctx, w.publisher, 'POST', `/api/v1/incidents/${i.id}/updates`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
    }
  });

  it('serializes concurrent updates of one incident: each applies at its own version', async () => {
    const i = await postIncident(ctx, w.publisher, [w.offerId]);
    const results = await Promise.all([1, 2, 3].map((n) => updateIncident(ctx, w.publisher, i.id, 'identified', `Update ${n}`)));
    assert.deepEqual(results.map((r) => r.status), [201, 201, 201]);
    const read = await call(ctx, w.publisher, 'GET', `/api/v1/incidents/${i.id}`);
    assert.equal(read.body.version, 4);
    const { rows } = await ctx.db.withOwner((tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM incident_updates WHERE incident_id = ${i.id}`.execute(tx));
    assert.equal(rows[0]!.n, 4);
  });
});

describe('partner notice settings', () => {
  it('defaults to not telling customers until the partner chooses, and keeps what it chose', async () => {
    const fresh = await makeUser(ctx, w.quiet.org, ['admin_agent']);
    const initial = await call(ctx, fresh, 'GET', '/api/v1/partner/notice-settings');
    assert.equal(initial.status, 200);
    assert.deepEqual(initial.body, { partnerId: w.quiet.orgId, notifyCustomersOfIncidents: false, updatedAt: null, updatedBy: null });
    const on = await call(ctx, fresh, 'PUT', '/api/v1/partner/notice-settings', { notifyCustomersOfIncidents: true });
    assert.equal(on.status, 200);
    assert.equal(on.body.notifyCustomersOfIncidents, true);
    assert.equal(on.body.updatedBy, fresh.userId);
    const read = await call(ctx, w.quiet, 'GET', '/api/v1/partner/notice-settings');
    assert.equal(read.body.notifyCustomersOfIncidents, true);
    const off = await call(ctx, w.quiet, 'PUT', '/api/v1/partner/notice-settings', { notifyCustomersOfIncidents: false });
    assert.equal(off.body.notifyCustomersOfIncidents, false);
  });

  it('is a partner\'s own: other kinds and roles without notices.manage are refused (403); the body is validated (400)', async () => {
    const helpdesk = w.directHelpdesk;
    for (const actor of [w.publisher, w.directCustomer, w.operator, helpdesk]) {
      assert.equal((await call(ctx, actor, 'GET', '/api/v1/partner/notice-settings')).status, 403);
      assert.equal((await call(ctx, actor, 'PUT', '/api/v1/partner/notice-settings', { notifyCustomersOfIncidents: true })).status, 403);
    }
    for (const body of [{}, { notifyCustomersOfIncidents: 'yes' }, { notifyCustomersOfIncidents: true, other: 1 }]) {
      assert.equal((await call(ctx, w.direct, 'PUT', '/api/v1/partner/notice-settings', body)).status, 400, JSON.stringify(body));
    }
    const own = await call(ctx, w.direct, 'GET', '/api/v1/partner/notice-settings');
    assert.equal(own.body.notifyCustomersOfIncidents, true);
  });
});
