/**
 * The transactional outbox and its relay: events are written in the transaction of their change
 * (and not at all when the change fails), relayed once however many workers relay at once, and
 * fanned out once to the users who may hear of them.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createEventFanout } from '../../src/modules/notifications/index.ts';
import { makeDirectWorld, openCase, caseBody, postCase, postMessage, userOf } from '../case-factories.ts';
import { testContext, type TestContext } from '../harness.ts';

interface EventRow { id: string; type: string; audience_org_ids: string[] | null; actor_org_id: string | null; dispatched_at: Date | null; fanned_out_at: Date | null; data: Record<string, unknown> }

async function eventsOf(ctx: TestContext, subjectId: string): Promise<EventRow[]> {
  return ctx.db.withOwner((tx) => sql<EventRow>`
    SELECT id, type, audience_org_ids, actor_org_id, dispatched_at, fanned_out_at, data FROM domain_events
    WHERE subject_id = ${subjectId} ORDER BY occurred_at, id`.execute(tx)).then((r) => r.rows);
}

async function notificationsOf(ctx: TestContext, eventIds: string[]): Promise<{ user_id: string; org_id: string; event_type: string; title: string }[]> {
  return ctx.db.withOwner((tx) => sql<{ user_id: string; org_id: string; event_type: string; title: string }>`
    SELECT user_id, org_id, event_type, title FROM notifications WHERE event_id = ANY(${eventIds}::text[]) ORDER BY user_id, event_type`.execute(tx)).then((r) => r.rows);
}

describe('domain events', () => {
  let ctx: TestContext;
  let w: Awaited<ReturnType<typeof makeDirectWorld>>;

  before(async () => {
    ctx = await testContext();
    w = await makeDirectWorld(ctx, { preference: 'tier1' });
    await ctx.jobs.drain();
  });

  it('records a case change and its events in one transaction, each to the participants', async () => {
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    const events = await eventsOf(ctx, c.id);
    assert.deepEqual(events.map((e) => e.type), ['case.opened', 'case.routed']);
    const participants = c.participants.map((p) => p.id).sort();
    for (const e of events) {
      assert.deepEqual(e.audience_org_ids, participants);
      assert.equal(e.actor_org_id, w.customerOrg.id);
      assert.equal(e.data.caseId, c.id);
      assert.equal(e.data.title, c.title);
    }
  });

  it('records nothing when the change is refused', async () => {
    const before = await ctx.db.withOwner((tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM domain_events`.execute(tx));
    // Refused inside the service's transaction (a blank title after trimming), and by routing (no such subscription).
    const refused = await postCase(ctx, w.customer, caseBody({ title: '   ', subscriptionId: w.subscriptionId }));
    assert.ok(refused.status >= 400 && refused.status < 500, String(refused.status));
    const notFound = await postCase(ctx, w.customer, caseBody({ subscriptionId: 'sub_missing' }));
    assert.ok(notFound.status >= 400);
    const after = await ctx.db.withOwner((tx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM domain_events`.execute(tx));
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
  });

  it('records a subscription\'s purchase and activation for its whole chain', async () => {
    const events = await eventsOf(ctx, w.subscriptionId);
    assert.deepEqual(events.map((e) => e.type), ['subscription.purchased', 'subscription.activated']);
    assert.deepEqual(events[0]!.audience_org_ids, [w.customerOrg.id, w.partner.orgId, w.publisher.orgId].sort());
    assert.equal(events[1]!.data.status, 'active');
  });

  it('tells the users of every participant but not the one who acted, in their language', async () => {
    const koAgent = await userOf(ctx, w.partner.org, ['helpdesk_agent']);
    await ctx.db.withOwner((tx) => tx.updateTable('users').set({ locale: 'ko' }).where('id', '=', koAgent.userId).execute());
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title: 'Login loop' }));
    await ctx.jobs.drain();
    const events = await eventsOf(ctx, c.id);
    assert.ok(events.every((e) => e.dispatched_at && e.fanned_out_at));
    const got = await notificationsOf(ctx, events.map((e) => e.id));
    const users = new Set(got.map((n) => n.user_id));
    assert.ok(!users.has(w.customer.userId), 'the requester hears nothing of its own case');
    for (const u of [w.partner.userId, w.helpdesk.userId, koAgent.userId]) assert.ok(users.has(u), u);
    const orgs = new Set(got.map((n) => n.org_id));
    const participants = new Set(c.participants.map((p) => p.id));
    for (const o of orgs) assert.ok(participants.has(o), `${o} is a participant`);
    const ko = got.find((n) => n.user_id === koAgent.userId && n.event_type === 'case.opened')!;
    assert.match(ko.title, /새 케이스/);
    const en = got.find((n) => n.user_id === w.partner.userId && n.event_type === 'case.opened')!;
    assert.equal(en.title, 'New case “Login loop”');
  });

  it('tells only the author\'s organization of an internal note, and not the customer of a note between partners', async () => {
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    await postMessage(ctx, w.partner, c.id, 'notes', { body: 'Checking the logs first.', visibility: 'internal' });
    await postMessage(ctx, w.partner, c.id, 'notes', { body: 'Publisher, please look at tenant 42.', visibility: 'partners' });
    await ctx.jobs.drain();
    const events = (await eventsOf(ctx, c.id)).filter((e) => e.type === 'case.message_added');
    assert.equal(events.length, 2);
    const [internal, partners] = events;
    assert.deepEqual(internal!.audience_org_ids, [w.partner.orgId]);
    assert.ok(!partners!.audience_org_ids!.includes(w.customerOrg.id));
    assert.equal(partners!.data.excerpt, 'Publisher, please look at tenant 42.');
    const toCustomer = (await notificationsOf(ctx, events.map((e) => e.id))).filter((n) => n.org_id === w.customerOrg.id);
    assert.deepEqual(toCustomer, []);
    const toPartner = (await notificationsOf(ctx, [internal!.id])).map((n) => n.user_id);
    assert.ok(toPartner.includes(w.helpdesk.userId));
    assert.ok(!toPartner.includes(w.partner.userId), 'the author hears nothing of its own note');
  });

  it('relays each event once however many workers relay at the same time', async () => {
    for (let i = 0; i < 5; i++) await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title: `Relay ${i}` }));
    const a = ctx.worker();
    const b = ctx.worker();
    await Promise.all([a.start({ work: false }), b.start({ work: false })]);
    const pending = await ctx.db.withOwner((tx) => sql<{ id: string }>`SELECT id FROM domain_events WHERE dispatched_at IS NULL`.execute(tx));
    assert.ok(pending.rows.length >= 10);
    const relayed = await Promise.all([a.relayOnce(), b.relayOnce(), ctx.jobs.relayOnce()]);
    assert.equal(relayed.reduce((x, y) => x + y, 0), pending.rows.length);
    const jobs = await ctx.db.withOwner((tx) => sql<{ event_id: string; n: number }>`
      SELECT data->>'eventId' AS event_id, count(*)::int AS n FROM pgboss.job
      WHERE name = 'events.fanout' AND data->>'eventId' = ANY(${pending.rows.map((r) => r.id)}::text[]) GROUP BY 1`.execute(tx));
    assert.equal(jobs.rows.length, pending.rows.length);
    assert.ok(jobs.rows.every((r) => r.n === 1));
    await ctx.jobs.drain();
  });

  it('writes each notification once when one event is fanned out twice, at once or again later', async () => {
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title: 'Twice' }));
    const [opened] = await eventsOf(ctx, c.id);
    const fanout = createEventFanout({ db: ctx.db, jobs: ctx.jobs, emailEnabled: false });
    await Promise.all([fanout.fanOut(opened!.id), fanout.fanOut(opened!.id)]);
    const once = await notificationsOf(ctx, [opened!.id]);
    assert.ok(once.length >= 2);
    await ctx.db.withOwner((tx) => tx.updateTable('domain_events').set({ fanned_out_at: null }).where('id', '=', opened!.id).execute());
    await fanout.fanOut(opened!.id);
    await ctx.jobs.drain();
    assert.deepEqual(await notificationsOf(ctx, [opened!.id]), once);
  });

  it('honours a user\'s choice to hear of a type by no channel', async () => {
    await ctx.db.withOwner((tx) => tx.insertInto('notification_preferences').values({
      user_id: w.helpdesk.userId, org_id: w.partner.orgId, event_type: 'case.opened', in_app: false, email: false,
    }).execute());
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title: 'Quiet' }));
    await ctx.jobs.drain();
    const got = await notificationsOf(ctx, (await eventsOf(ctx, c.id)).map((e) => e.id));
    assert.ok(!got.some((n) => n.user_id === w.helpdesk.userId && n.event_type === 'case.opened'));
    assert.ok(got.some((n) => n.user_id === w.helpdesk.userId && n.event_type === 'case.routed'));
  });

  it('delivers with a running worker, without anyone draining', async () => {
    const runner = ctx.worker();
    await runner.start({ work: true });
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, title: 'Live' }));
    const ids = (await eventsOf(ctx, c.id)).map((e) => e.id);
    let got: unknown[] = [];
    for (let i = 0; i < 100 && got.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      got = await notificationsOf(ctx, ids);
    }
    await runner.stop();
    assert.ok(got.length > 0, 'a running worker fans events out');
  });

  it('shows an organization only the events that reached it', async () => {
    const seenBy = (orgId: string, orgKind: 'operator' | 'partner' | 'customer', userId: string) => ctx.db.withTenant({ orgId, orgKind, userId }, (tx) =>
      sql<{ type: string }>`SELECT type FROM domain_events WHERE subject_id = ${w.subscriptionId} ORDER BY occurred_at`.execute(tx)).then((r) => r.rows.map((e) => e.type));
    assert.deepEqual(await seenBy(w.partner.orgId, 'partner', w.partner.userId), ['subscription.purchased', 'subscription.activated']);
    assert.deepEqual(await seenBy(w.customerOrg.id, 'customer', w.customer.userId), ['subscription.purchased', 'subscription.activated']);
    assert.deepEqual(await seenBy(w.operator.orgId, 'operator', w.operator.userId), [], 'the operator takes no part in a direct subscription');
  });
});
