/**
 * The in-app inbox through the HTTP API, fed by real changes: a customer opens a case, the worker
 * fans the events out, and the partner's users read their own notifications — and nobody else's.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';
import { caseAction, caseBody, makeDirectWorld, openCase, theOperator } from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

interface Item {
  id: string;
  eventType: string;
  title: string;
  body: string;
  link: string;
  consoleLink: string;
  createdAt: string;
  readAt: string | null;
  eventId: string;
}

async function inbox(actor: Actor, query = 'limit=100'): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await call(ctx, actor, 'GET', `/api/v1/notifications?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function unread(actor: Actor): Promise<number> {
  const res = await call(ctx, actor, 'GET', '/api/v1/notifications/unread-count');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.count;
}

async function readAll(actor: Actor, body?: Record<string, unknown>): Promise<number> {
  const res = await call(ctx, actor, 'POST', '/api/v1/notifications/read-all', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.updated;
}

/** A direct world whose earlier notifications (the subscription's) are all read, and one case opened by the customer. */
async function worldWithCase() {
  const w = await makeDirectWorld(ctx);
  await ctx.jobs.drain();
  for (const a of [w.partner, w.helpdesk, w.customer]) await readAll(a);
  const c = await openCase(ctx, w.customer, caseBody({ title: 'Backups fail at night', subscriptionId: w.subscriptionId }));
  await ctx.jobs.drain();
  return { ...w, caseId: c.id };
}

describe('notifications: the inbox', () => {
  it('tells every user of the partner of a case the customer opened, in the inbox, newest first', async () => {
    const w = await worldWithCase();
    const page = await inbox(w.partner, 'unread=true&limit=100');
    assert.deepEqual(page.items.map((n) => n.eventType).sort(), ['case.opened', 'case.routed']);
    for (const n of page.items) {
      assert.equal(n.link, `/api/v1/cases/${w.caseId}`);
      assert.equal(n.consoleLink, `/cases/${w.caseId}`);
      assert.match(n.title, /Backups fail at night/);
      assert.equal(n.readAt, null);
      assert.match(n.eventId, /^ev_/);
      assert.ok(!Number.isNaN(Date.parse(n.createdAt)));
    }
    const all = (await inbox(w.partner)).items;
    const keys = all.map((n) => `${n.createdAt} ${n.id}`);
    assert.deepEqual(keys, [...keys].sort().reverse(), 'newest first, then by id');
    assert.equal(await unread(w.partner), 2);

    const colleague = await inbox(w.helpdesk, 'unread=true');
    assert.equal(colleague.items.length, 2, 'each user of the organization has their own notifications');
    assert.equal(new Set([...colleague.items, ...page.items].map((n) => n.id)).size, 4);
    assert.deepEqual(new Set(colleague.items.map((n) => n.eventId)), new Set(page.items.map((n) => n.eventId)));
    assert.equal(await unread(w.customer), 0, 'the user who opened the case hears nothing of their own change');
  });

  it('filters by event type and pages with a cursor to the same list', async () => {
    const w = await worldWithCase();
    const routed = await inbox(w.partner, 'eventType=case.routed');
    assert.deepEqual(routed.items.map((n) => n.eventType), ['case.routed']);

    const whole = (await inbox(w.partner)).items;
    assert.ok(whole.length >= 3, 'the subscription\'s notifications and the case\'s');
    // Each links to its subject's console page as well as to the API.
    const subscriptionNotices = whole.filter((n) => n.eventType.startsWith('subscription.'));
    assert.ok(subscriptionNotices.length > 0);
    for (const n of subscriptionNotices) {
      assert.equal(n.link, `/api/v1/subscriptions/${w.subscriptionId}`);
      assert.equal(n.consoleLink, `/subscriptions/${w.subscriptionId}`);
    }
    const walked: Item[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page = await inbox(w.partner, `limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      walked.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.equal(cursor, null);
    assert.deepEqual(walked.map((n) => n.id), whole.map((n) => n.id));

    const forged = await call(ctx, w.partner, 'GET', `/api/v1/notifications?cursor=${Buffer.from('["2026","x"]').toString('base64url')}`);
    assert.equal(forged.status, 400);
    assert.equal(forged.body.code, 'INVALID_CURSOR');
    const badType = await call(ctx, w.partner, 'GET', '/api/v1/notifications?eventType=case.exploded');
    assert.equal(badType.status, 400);
  });

  it('marks one notification read, idempotently, and filters read and unread', async () => {
    const w = await worldWithCase();
    const [first] = (await inbox(w.partner, 'unread=true')).items;
    const marked = await call(ctx, w.partner, 'POST', `/api/v1/notifications/${first!.id}/read`);
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    assert.equal(marked.body.id, first!.id);
    assert.ok(marked.body.readAt);
    const again = await call(ctx, w.partner, 'POST', `/api/v1/notifications/${first!.id}/read`);
    assert.equal(again.status, 200);
    assert.equal(again.body.readAt, marked.body.readAt, 'the first reading time stays');

    assert.equal(await unread(w.partner), 1);
    assert.deepEqual((await inbox(w.partner, 'unread=true')).items.map((n) => n.id).includes(first!.id), false);
    assert.equal((await inbox(w.partner, 'unread=false')).items.some((n) => n.id === first!.id), true);
  });

  it('answers 404 to anyone else marking or reading a user\'s notification: a colleague, another organization', async () => {
    const w = await worldWithCase();
    const [mine] = (await inbox(w.partner, 'unread=true')).items;
    const stranger = await makeActor(ctx, 'partner', ['global_admin']);
    for (const other of [w.helpdesk, stranger]) {
      const res = await call(ctx, other, 'POST', `/api/v1/notifications/${mine!.id}/read`);
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'NOTIFICATION_NOT_FOUND');
      assert.equal((await inbox(other)).items.some((n) => n.id === mine!.id), false);
    }
    const missing = await call(ctx, w.partner, 'POST', '/api/v1/notifications/ntf_doesnotexist/read');
    assert.equal(missing.status, 404);
    assert.equal(await unread(w.partner), 2, 'their attempts changed nothing');
    assert.equal((await call(ctx, null, 'GET', '/api/v1/notifications')).status, 401);
    assert.equal((await call(ctx, null, 'POST', '/api/v1/notifications/read-all')).status, 401);
  });

  it('marks all read, or only those up to the time given, leaving what came after', async () => {
    const w = await worldWithCase();
    const shown = (await inbox(w.partner, 'unread=true')).items;
    const newestShown = shown[0]!.createdAt;
    await caseAction(ctx, w.customer, w.caseId, 'replies', { body: 'It failed again tonight.' });
    await ctx.jobs.drain();
    assert.equal(await unread(w.partner), 3);

    assert.equal(await readAll(w.partner, { before: newestShown }), 2);
    const left = (await inbox(w.partner, 'unread=true')).items;
    assert.deepEqual(left.map((n) => n.eventType), ['case.message_added']);
    assert.equal(left[0]!.body, 'It failed again tonight.');

    const bad = await call(ctx, w.partner, 'POST', '/api/v1/notifications/read-all', { before: 'yesterday' });
    assert.equal(bad.status, 400);
    assert.equal(await readAll(w.partner), 1);
    assert.equal(await unread(w.partner), 0);
    assert.equal(await readAll(w.partner), 0);
    assert.equal(await unread(w.helpdesk), 3, 'a colleague\'s inbox is their own');
  });

  it('adds nothing when the worker drains again or the fan-out of the same events runs again', async () => {
    const w = await worldWithCase();
    const before = (await inbox(w.partner)).items.map((n) => n.id).sort();
    await ctx.jobs.drain();
    assert.deepEqual((await inbox(w.partner)).items.map((n) => n.id).sort(), before);

    // As if the relay had lost track of the events: they are handed to the fan-out a second time.
    await ctx.db.withOwner((tx) => sql`
      UPDATE domain_events SET dispatched_at = NULL, fanned_out_at = NULL, fanout_cursor = NULL
      WHERE subject_type = 'case' AND subject_id = ${w.caseId}`.execute(tx));
    assert.ok(await ctx.jobs.drain() >= 2, 'the events went through the fan-out again');
    assert.deepEqual((await inbox(w.partner)).items.map((n) => n.id).sort(), before);
    assert.equal(await unread(w.partner), 2);
  });

  it('gives a user who turned the inbox off for an event type none of it, and their colleagues all of it', async () => {
    const w = await worldWithCase();
    const quiet = await makeUser(ctx, { id: w.partner.orgId, kind: 'partner', name: '' }, ['helpdesk_agent']);
    const off = await call(ctx, quiet, 'PUT', '/api/v1/notification-preferences', {
      preferences: [{ eventType: 'case.message_added', inApp: false, email: false }],
    });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    await caseAction(ctx, w.customer, w.caseId, 'replies', { body: 'Any news?' });
    await ctx.jobs.drain();

    assert.deepEqual((await inbox(quiet, 'eventType=case.message_added')).items, []);
    assert.equal((await inbox(w.helpdesk, 'eventType=case.message_added')).items.length, 1);
    assert.equal((await inbox(w.partner, 'eventType=case.message_added')).items.length, 1);
  });
});
