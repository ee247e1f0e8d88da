/**
 * Webhook deliveries end to end: real actions record events, the worker fans them out and posts
 * them to a real receiver on 127.0.0.1 that verifies every signature (Standard Webhooks). Retries
 * are made due by moving their time into the past as the owner, or by a deliverer with the test's
 * own clock: nothing waits for a backoff.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { RETRY_CAP_MS } from '../../src/core/webhook-rules.ts';
import { caseBody, makeDirectWorld, openCase } from '../case-factories.ts';
import { call } from '../factories.ts';
import { testContext } from '../harness.ts';
import { addEndpoint, attemptsOf, deliverer, deliveriesOf, endpointRow, makeDue, queuedJobsOf } from './helpers.ts';
import { closedPort, startReceiver, verifies, type Received } from './receiver.ts';

const ctx = await testContext();
const receiver = await startReceiver();
const HOUR = 3600_000;

/** The id of the case.opened event of a case. */
async function openedEventId(caseId: string): Promise<string> {
  const row = await ctx.db.withOwner((tx) => tx.selectFrom('domain_events').select('id').where('subject_id', '=', caseId).where('type', '=', 'case.opened').executeTakeFirstOrThrow());
  return row.id;
}

/** A world with a partner whose events start clean: earlier events (the purchase) are fanned out before its endpoint exists. */
async function world() {
  const w = await makeDirectWorld(ctx);
  await ctx.jobs.drain();
  return w;
}

/** Opens a case on the world's subscription as its customer. */
function open(w: Awaited<ReturnType<typeof world>>, title = 'Backups fail at night') {
  return openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title }));
}

const json = (r: Received) => JSON.parse(r.body) as { id: string; type: string; timestamp: string; data: Record<string, unknown> };

describe('webhook deliveries', () => {
  it('delivers the events of real actions, signed, of the subscribed types only, to the organization\'s own endpoints only', async () => {
    const w = await world();
    const other = await world();
    const mine = await addEndpoint(ctx, w.partner, `${receiver.url}/mine`, ['case.opened']);
    const theirs = await addEndpoint(ctx, other.partner, `${receiver.url}/theirs`, ['case.opened', 'case.routed']);
    const opened = await open(w);
    await ctx.jobs.drain();

    const got = receiver.to('/mine');
    assert.equal(got.length, 1, 'one event of the subscribed type (case.routed is not subscribed)');
    const [r] = got as [Received];
    const eventId = await openedEventId(opened.id);
    assert.equal(r.headers['webhook-id'], eventId);
    assert.match(r.headers['webhook-timestamp']!, /^\d{10}$/);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['user-agent'], 'Switchboard-Webhooks/1');
    assert.equal(r.headers['webhook-signature']!.split(' ').length, 1);
    assert.ok(verifies(r, mine.secret), 'signed with the endpoint\'s secret');
    assert.ok(!verifies(r, theirs.secret));
    const body = json(r);
    assert.deepEqual([body.id, body.type], [eventId, 'case.opened']);
    assert.deepEqual([body.data.caseId, body.data.subscriptionId], [opened.id, w.subscriptionId]);
    assert.equal(receiver.to('/theirs').length, 0, 'another organization\'s case reaches none of its endpoints');

    // The delivery log.
    const page = await call(ctx, w.partner, 'GET', `/api/v1/webhooks/endpoints/${mine.id}/deliveries`);
    assert.equal(page.status, 200);
    assert.equal(page.body.items.length, 1);
    const [d] = page.body.items;
    assert.deepEqual([d.status, d.attemptCount, d.eventId, d.eventType, d.lastStatusCode, d.replayOf, d.nextAttemptAt], ['succeeded', 1, eventId, 'case.opened', 200, null, null]);
    const detail = await call(ctx, w.partner, 'GET', `/api/v1/webhooks/deliveries/${d.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.payload, body);
    assert.equal(detail.body.attempts.length, 1);
    assert.deepEqual([detail.body.attempts[0].attempt, detail.body.attempts[0].statusCode, detail.body.attempts[0].error, detail.body.attempts[0].responseExcerpt], [1, 200, null, 'ok']);
    assert.equal((await call(ctx, other.partner, 'GET', `/api/v1/webhooks/deliveries/${d.id}`)).status, 404);
  });

  it('delivers every event to a receiver that was down, once it is back', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/down`);
    let up = false;
    receiver.answer = (r) => (r.path === '/down' && !up ? { status: 503, body: 'maintenance' } : { status: 200, body: 'ok' });
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await open(w, `Down ${i}`));
    await ctx.jobs.drain();
    let rows = await deliveriesOf(ctx, ep.id);
    assert.equal(rows.length, 3);
    assert.ok(rows.every((d) => d.status === 'pending' && d.attempt_count === 1 && d.last_status_code === 503 && d.last_error === 'answered 503'));
    const failing = (await endpointRow(ctx, ep.id)).failing_since;
    assert.ok(failing, 'the endpoint is failing');

    // Another round while down: still failing since the first failure.
    await makeDue(ctx, [ep.id]);
    await ctx.jobs.drain();
    rows = await deliveriesOf(ctx, ep.id);
    assert.ok(rows.every((d) => d.status === 'pending' && d.attempt_count === 2));
    assert.deepEqual((await endpointRow(ctx, ep.id)).failing_since, failing);

    up = true;
    await makeDue(ctx, [ep.id]);
    await ctx.jobs.drain();
    rows = await deliveriesOf(ctx, ep.id);
    assert.ok(rows.every((d) => d.status === 'succeeded' && d.attempt_count === 3 && d.finished_at !== null));
    assert.equal((await endpointRow(ctx, ep.id)).failing_since, null, 'a success ends the failing run');
    const eventIds = await Promise.all(cases.map((c) => openedEventId(c.id)));
    const received = receiver.to('/down');
    assert.equal(received.length, 9);
    assert.ok(received.every((r) => verifies(r, ep.secret)));
    assert.deepEqual([...new Set(received.map((r) => r.headers['webhook-id']))].sort(), [...eventIds].sort(), 'the same webhook-id on every attempt');
    const attempts = await attemptsOf(ctx, rows[0]!.id);
    assert.deepEqual(attempts.map((a) => [a.attempt, a.status_code, a.response_excerpt]), [[1, 503, 'maintenance'], [2, 503, 'maintenance'], [3, 200, 'ok']]);
    receiver.answer = () => ({ status: 200, body: 'ok' });
  });

  it('records a receiver that refuses connections, and retries it', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `http://127.0.0.1:${await closedPort()}/hook`);
    await open(w);
    await ctx.jobs.drain();
    const [d] = await deliveriesOf(ctx, ep.id);
    assert.deepEqual([d!.status, d!.attempt_count, d!.last_status_code, d!.last_error], ['pending', 1, null, 'connection refused']);
    const jobs = await queuedJobsOf(ctx, d!.id);
    assert.equal(jobs.length, 1, 'the retry is queued');
    assert.equal(jobs[0]!.startAfter.getTime(), new Date(d!.next_attempt_at).getTime());
  });

  it('schedules retries by the backoff, or by Retry-After on 429 and 503 (seconds or a date, at most an hour)', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/later`);
    let answer: { status: number; headers?: Record<string, string> } = { status: 500 };
    receiver.answer = (r) => (r.path === '/later' ? answer : { status: 200 });
    await open(w);
    await ctx.jobs.drain();
    const [first] = await deliveriesOf(ctx, ep.id);
    const id = first!.id;

    const clock = new Date(Math.floor(Date.now() / 1000) * 1000);
    const worker = deliverer(ctx, () => clock);
    const rows: [{ status: number; headers?: Record<string, string> }, number][] = [
      [{ status: 503, headers: { 'retry-after': '120' } }, 120_000],
      [{ status: 429, headers: { 'retry-after': new Date(clock.getTime() + 600_000).toUTCString() } }, 600_000],
      [{ status: 503, headers: { 'retry-after': '86400' } }, RETRY_CAP_MS],
      // attempt 5 without Retry-After: 5 s · 2^4, halved by the jitter (random 0)
      [{ status: 500, headers: { 'retry-after': '120' } }, 40_000],
    ];
    for (const [a, wait] of rows) {
      answer = a;
      await makeDue(ctx, [ep.id]);
      await worker.run([id]);
      const [d] = await deliveriesOf(ctx, ep.id);
      assert.equal(new Date(d!.next_attempt_at).getTime(), clock.getTime() + wait, `${a.status} ${a.headers?.['retry-after']}`);
      const queued = await queuedJobsOf(ctx, id);
      assert.ok(queued.some((j) => j.startAfter.getTime() === clock.getTime() + wait), 'its job starts then');
    }
    receiver.answer = () => ({ status: 200 });
  });

  it('skips a stale duplicate job: a delivery not yet due, or finished, is not sent', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/stale`);
    receiver.answer = (r) => (r.path === '/stale' ? { status: 500 } : { status: 200 });
    await open(w);
    await ctx.jobs.drain();
    const [d] = await deliveriesOf(ctx, ep.id);
    const worker = deliverer(ctx, () => new Date());
    await ctx.db.withOwner((tx) => tx.updateTable('webhook_deliveries').set({ next_attempt_at: new Date(Date.now() + HOUR) }).where('id', '=', d!.id).execute());
    await worker.run([d!.id, d!.id]);
    assert.equal(receiver.to('/stale').length, 1, 'not due: not sent');
    await ctx.db.withOwner((tx) => tx.updateTable('webhook_deliveries').set({ status: 'succeeded', next_attempt_at: new Date(Date.now() - HOUR) }).where('id', '=', d!.id).execute());
    await worker.run([d!.id]);
    assert.equal(receiver.to('/stale').length, 1, 'finished: not sent');
    receiver.answer = () => ({ status: 200 });
  });

  it('disables an endpoint that answers 410 and cancels its pending deliveries', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/gone`);
    let gone = false;
    receiver.answer = (r) => (r.path === '/gone' ? { status: gone ? 410 : 500 } : { status: 200 });
    for (let i = 0; i < 3; i++) await open(w, `Gone ${i}`);
    await ctx.jobs.drain();
    const pending = await deliveriesOf(ctx, ep.id);
    assert.equal(pending.length, 3);
    gone = true;
    await makeDue(ctx, [ep.id]);
    await deliverer(ctx, () => new Date()).run([pending[0]!.id]);
    const endpoint = await endpointRow(ctx, ep.id);
    assert.deepEqual([endpoint.status, endpoint.disabled_reason], ['disabled', 'gone']);
    const after = await deliveriesOf(ctx, ep.id);
    assert.deepEqual(after.map((d) => d.status), ['cancelled', 'cancelled', 'cancelled']);
    assert.equal(after.find((d) => d.id === pending[0]!.id)!.last_status_code, 410);

    // Nothing more is sent: neither the queued retries nor new events.
    const before = receiver.to('/gone').length;
    await ctx.db.withOwner((tx) => sql`UPDATE pgboss.job SET start_after = now() WHERE name = 'webhooks.deliver' AND state IN ('created', 'retry')`.execute(tx));
    await open(w);
    await ctx.jobs.drain();
    assert.equal(receiver.to('/gone').length, before);
    const shown = await call(ctx, w.partner, 'GET', `/api/v1/webhooks/endpoints/${ep.id}`);
    assert.deepEqual([shown.body.status, shown.body.disabledReason], ['disabled', 'gone']);
    receiver.answer = () => ({ status: 200 });
  });

  it('disables an endpoint after a day of failures, not before', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/failing`);
    receiver.answer = (r) => (r.path === '/failing' ? { status: 500 } : { status: 200 });
    for (let i = 0; i < 2; i++) await open(w, `Failing ${i}`);
    await ctx.jobs.drain();
    const since = (await endpointRow(ctx, ep.id)).failing_since!;
    const [a, b] = await deliveriesOf(ctx, ep.id);

    await makeDue(ctx, [ep.id]);
    await deliverer(ctx, () => new Date(since.getTime() + 23 * HOUR)).run([a!.id]);
    let endpoint = await endpointRow(ctx, ep.id);
    assert.deepEqual([endpoint.status, endpoint.failing_since], ['enabled', since], 'failing for 23 hours: still enabled');

    await makeDue(ctx, [ep.id]);
    await deliverer(ctx, () => new Date(since.getTime() + 24 * HOUR)).run([a!.id]);
    endpoint = await endpointRow(ctx, ep.id);
    assert.deepEqual([endpoint.status, endpoint.disabled_reason], ['disabled', 'failing']);
    const rows = await deliveriesOf(ctx, ep.id);
    assert.deepEqual(rows.map((d) => [d.id, d.status]), [[a!.id, 'cancelled'], [b!.id, 'cancelled']]);

    // Enabling starts over.
    const enabled = await call(ctx, w.partner, 'POST', `/api/v1/webhooks/endpoints/${ep.id}/enable`);
    assert.deepEqual([enabled.body.status, enabled.body.failingSince, enabled.body.disabledReason], ['enabled', null, null]);
    receiver.answer = () => ({ status: 200 });
  });

  it('fails a delivery for good after its last attempt', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/never`);
    receiver.answer = (r) => (r.path === '/never' ? { status: 500 } : { status: 200 });
    await open(w);
    await ctx.jobs.drain();
    const [d] = await deliveriesOf(ctx, ep.id);
    await ctx.db.withOwner((tx) => tx.updateTable('webhook_deliveries').set({ attempt_count: 41 }).where('id', '=', d!.id).execute());
    await makeDue(ctx, [ep.id]);
    await deliverer(ctx, () => new Date()).run([d!.id]);
    const [after] = await deliveriesOf(ctx, ep.id);
    assert.deepEqual([after!.status, after!.attempt_count], ['failed', 42]);
    assert.ok(after!.finished_at);
    // The job queued by the first attempt remains; none is added, and it finds nothing to do.
    assert.equal((await queuedJobsOf(ctx, d!.id)).length, 1, 'no retry is queued after the last attempt');
    const sent = receiver.to('/never').length;
    await ctx.db.withOwner((tx) => sql`UPDATE pgboss.job SET start_after = now() WHERE name = 'webhooks.deliver' AND data->>'deliveryId' = ${d!.id}`.execute(tx));
    await ctx.jobs.drain();
    assert.equal((await queuedJobsOf(ctx, d!.id)).length, 0);
    assert.equal(receiver.to('/never').length, sent);
    assert.equal((await endpointRow(ctx, ep.id)).status, 'enabled');
    receiver.answer = () => ({ status: 200 });
  });

  it('keeps the first kilobyte of the answer and does not follow redirects', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/redirect`);
    receiver.answer = (r) => (r.path === '/redirect' ? { status: 302, headers: { location: `${receiver.url}/elsewhere` }, body: `${'x'.repeat(5000)}\u0000` } : { status: 200 });
    await open(w);
    await ctx.jobs.drain();
    const [d] = await deliveriesOf(ctx, ep.id);
    assert.deepEqual([d!.status, d!.last_status_code, d!.last_error], ['pending', 302, 'redirect (302) not followed']);
    assert.equal(receiver.to('/elsewhere').length, 0);
    const [attempt] = await attemptsOf(ctx, d!.id);
    assert.equal(attempt!.response_excerpt, 'x'.repeat(1024));
    receiver.answer = () => ({ status: 200 });
  });

  it('times out a receiver that does not answer in time, and retries it', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/slow`);
    receiver.answer = (r) => (r.path === '/slow' ? { status: 500 } : { status: 200 });
    await open(w);
    await ctx.jobs.drain();
    const [d] = await deliveriesOf(ctx, ep.id);
    receiver.answer = (r) => (r.path === '/slow' ? 'hold' : { status: 200 });
    await makeDue(ctx, [ep.id]);
    await deliverer(ctx, () => new Date(), { timeoutMs: 200 }).run([d!.id]);
    const [after] = await deliveriesOf(ctx, ep.id);
    assert.deepEqual([after!.status, after!.attempt_count, after!.last_status_code, after!.last_error], ['pending', 2, null, 'no answer within 200 ms']);
    for (const res of receiver.held.splice(0)) res.destroy();
    receiver.answer = () => ({ status: 200 });
  });

  it('records nothing, and fails nothing, for an endpoint removed while its request was in flight', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/removed`);
    receiver.answer = (r) => (r.path === '/removed' ? 'hold' : { status: 200 });
    await open(w);
    const draining = ctx.jobs.drain();
    await receiver.waitFor((r) => r.some((x) => x.path === '/removed'), 'the request');
    assert.equal((await call(ctx, w.partner, 'DELETE', `/api/v1/webhooks/endpoints/${ep.id}`)).status, 204);
    for (const res of receiver.held.splice(0)) res.writeHead(200).end();
    await draining;
    assert.deepEqual(await deliveriesOf(ctx, ep.id), []);
    const orphans = await ctx.db.withOwner((tx) => tx.selectFrom('webhook_attempts').select('id').where('org_id', '=', w.partner.orgId).execute());
    assert.deepEqual(orphans, []);
    receiver.answer = () => ({ status: 200 });
  });

  it('replays a delivery with the same webhook-id, and refuses to while the endpoint is disabled', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/replay`);
    await open(w);
    await ctx.jobs.drain();
    const [original] = await deliveriesOf(ctx, ep.id);
    const res = await call(ctx, w.partner, 'POST', `/api/v1/webhooks/deliveries/${original!.id}/replay`);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual([res.body.replayOf, res.body.eventId, res.body.status, res.body.attemptCount], [original!.id, original!.event_id, 'pending', 0]);
    assert.equal((await queuedJobsOf(ctx, res.body.id)).length, 1, 'its job is queued with it');
    await ctx.jobs.drain();
    const got = receiver.to('/replay');
    assert.equal(got.length, 2);
    assert.deepEqual(got.map((r) => r.headers['webhook-id']), [original!.event_id, original!.event_id]);
    assert.ok(got.every((r) => verifies(r, ep.secret)));
    const replayed = await call(ctx, w.partner, 'GET', `/api/v1/webhooks/deliveries/${res.body.id}`);
    assert.deepEqual([replayed.body.status, replayed.body.replayOf], ['succeeded', original!.id]);
    const listed = await call(ctx, w.partner, 'GET', `/api/v1/webhooks/endpoints/${ep.id}/deliveries?status=succeeded&limit=1`);
    assert.equal(listed.body.items.length, 1);
    const next = await call(ctx, w.partner, 'GET', `/api/v1/webhooks/endpoints/${ep.id}/deliveries?status=succeeded&limit=1&cursor=${listed.body.nextCursor}`);
    assert.deepEqual([listed.body.items[0].id, next.body.items[0].id].sort(), [original!.id, res.body.id].sort());
    assert.equal(next.body.nextCursor, null);

    const stranger = await world();
    assert.equal((await call(ctx, stranger.partner, 'POST', `/api/v1/webhooks/deliveries/${original!.id}/replay`)).status, 404);
    await call(ctx, w.partner, 'POST', `/api/v1/webhooks/endpoints/${ep.id}/disable`);
    const refused = await call(ctx, w.partner, 'POST', `/api/v1/webhooks/deliveries/${original!.id}/replay`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'WEBHOOK_ENDPOINT_DISABLED');
    assert.equal((await deliveriesOf(ctx, ep.id)).length, 2);
  });

  it('signs with both secrets during the grace period after a rotation, and with the new one only after it', async () => {
    const w = await world();
    const ep = await addEndpoint(ctx, w.partner, `${receiver.url}/rotate`);
    const rotated = await call(ctx, w.partner, 'POST', `/api/v1/webhooks/endpoints/${ep.id}/rotate-secret`);
    const fresh = rotated.body.secret as string;
    await open(w);
    await ctx.jobs.drain();
    const [during] = receiver.to('/rotate');
    assert.equal(during!.headers['webhook-signature']!.split(' ').length, 2);
    assert.ok(verifies(during!, ep.secret), 'the previous secret still verifies');
    assert.ok(verifies(during!, fresh), 'the new secret verifies');

    await ctx.db.withOwner((tx) => tx.updateTable('webhook_endpoints').set({ previous_secret_expires_at: new Date(Date.now() - 1000) }).where('id', '=', ep.id).execute());
    await open(w);
    await ctx.jobs.drain();
    const [, later] = receiver.to('/rotate');
    assert.equal(later!.headers['webhook-signature']!.split(' ').length, 1);
    assert.ok(verifies(later!, fresh));
    assert.ok(!verifies(later!, ep.secret), 'the previous secret no longer signs');
    assert.equal((await call(ctx, w.partner, 'GET', `/api/v1/webhooks/endpoints/${ep.id}`)).body.previousSecretExpiresAt, null);
  });

  it('keeps endpoints, deliveries and attempts to their organization under row-level security', async () => {
    const w = await world();
    const other = await world();
    for (const x of [w, other]) {
      await addEndpoint(ctx, x.partner, `${receiver.url}/rls`);
      await open(x);
    }
    await ctx.jobs.drain();
    const viewer = { orgId: w.partner.orgId, orgKind: 'partner' as const, userId: w.partner.userId };
    const seen = await ctx.db.withTenant(viewer, async (tx) => ({
      endpoints: await tx.selectFrom('webhook_endpoints').select('org_id').execute(),
      deliveries: await tx.selectFrom('webhook_deliveries').select('org_id').execute(),
      attempts: await tx.selectFrom('webhook_attempts').select('org_id').execute(),
    }));
    for (const [table, rows] of Object.entries(seen)) {
      assert.ok(rows.length > 0, `${table}: its own rows`);
      assert.ok(rows.every((r) => r.org_id === w.partner.orgId), `${table}: only its own rows`);
    }
    const [theirs] = await deliveriesOf(ctx, (await call(ctx, other.partner, 'GET', '/api/v1/webhooks/endpoints')).body.items[0].id);
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => tx.insertInto('webhook_deliveries').values({
      id: 'whd_forged', endpoint_id: theirs!.endpoint_id, org_id: other.partner.orgId, event_id: theirs!.event_id, event_type: 'case.opened',
    }).execute()), /row-level security/);
    const changed = await ctx.db.withTenant(viewer, (tx) => tx.updateTable('webhook_deliveries').set({ status: 'cancelled' }).where('id', '=', theirs!.id).executeTakeFirst());
    assert.equal(changed.numUpdatedRows, 0n);
  });

  it('refuses private addresses at delivery time unless allowed, without sending anything', async () => {
    const w = await world();
    const literal = await addEndpoint(ctx, w.partner, `${receiver.url}/private`);
    const named = await addEndpoint(ctx, w.partner, `http://localhost:${receiver.port}/private-name`);
    const mapped = await addEndpoint(ctx, w.partner, `http://[::ffff:127.0.0.1]:${receiver.port}/private-mapped`);
    const strict = ctx.worker({ webhookAllowPrivateAddresses: false });
    await open(w);
    await strict.drain();
    assert.equal(receiver.to('/private').length + receiver.to('/private-name').length + receiver.to('/private-mapped').length, 0);
    const errors = await Promise.all([literal, named, mapped].map(async (ep) => (await deliveriesOf(ctx, ep.id))[0]!.last_error));
    assert.deepEqual(errors, ['address 127.0.0.1 is loopback and not allowed', 'localhost is not allowed', 'address ::ffff:7f00:1 is loopback and not allowed']);
    // Allowed (the harness's runner): the same deliveries arrive.
    await makeDue(ctx, [literal.id, named.id, mapped.id]);
    await ctx.jobs.drain();
    assert.equal(receiver.to('/private').length + receiver.to('/private-name').length + receiver.to('/private-mapped').length, 3);
  });
});
