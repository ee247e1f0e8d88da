/**
 * The SLA scan on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): with a fixed
 * clock moved past warnings and breaches, two scans at once — two workers on one database — tell
 * each warning and breach exactly once (one notice, one event); a breach a later change undoes
 * stays told, and a reopen's new cycle is told anew; the events reach the participants'
 * notifications; the worker runs the scan from its `sla-scan` queue and keeps its schedule.
 *
 * The world: a direct partner whose policy for all categories is 60 minutes to the first
 * response and 600 to resolution for moderate cases, counted every minute of the week (UTC), and
 * a warning share of 0.25 — so a billing case the customer opens at 09:00 warns of its first
 * response at 09:45 and breaches it at 10:00, and warns of its resolution at 16:30.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../../src/db/ids.ts';
import { createSlaScan } from '../../src/modules/sla/index.ts';
import { act, caseBody, makeDirectWorld, openCase, postMessage } from '../case-factories.ts';
import { call, type Actor } from '../factories.ts';
import { testClock, testContext, testWorkerSettings, type TestContext } from '../harness.ts';
import { createWorker } from '../../src/main/worker.ts';

const clock = testClock('2026-06-01T09:00:00.000Z');
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
const POLICY = {
  targets: {
    critical: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    moderate: { firstResponseMinutes: 60, resolutionMinutes: 600 },
    minimal: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  },
  calendar: { timeZone: 'UTC', week: EVERY_DAY, holidays: [] },
  criticalAroundTheClock: false,
};

/** Two scanners over the one database, as two workers would be. */
const scanners = (ctx: TestContext) => [1, 2].map(() => createSlaScan({ db: ctx.db, now: clock, newId, warningShare: 0.25 }));

/** Both scanners at once; answers the warnings and breaches they told together. */
async function scanTwiceAtOnce(ctx: TestContext) {
  const results = await Promise.all(scanners(ctx).map((s) => s.run()));
  return { warnings: results.reduce((n, r) => n + r.warnings, 0), breaches: results.reduce((n, r) => n + r.breaches, 0) };
}

/** The SLA events of a case, oldest first, as `type target cycle`. */
async function slaEvents(ctx: TestContext, caseId: string): Promise<string[]> {
  const { rows } = await ctx.db.withOwner((tx) => sql<{ type: string; data: { target: string; cycle: number } }>`
    SELECT type, data FROM domain_events WHERE subject_id = ${caseId} AND type LIKE 'case.sla_%' ORDER BY occurred_at, id`.execute(tx));
  return rows.map((r) => `${r.type} ${r.data.target} ${r.data.cycle}`);
}

/** The notices of a case, as `kind target cycle`, sorted. */
async function notices(ctx: TestContext, caseId: string): Promise<string[]> {
  const { rows } = await ctx.db.withOwner((tx) => sql<{ kind: string; target: string; cycle: number }>`
    SELECT kind, target, cycle FROM case_sla_notices WHERE case_id = ${caseId}`.execute(tx));
  return rows.map((r) => `${r.kind} ${r.target} ${r.cycle}`).sort();
}

describe('the SLA scan', () => {
  let ctx: TestContext;
  let world: Awaited<ReturnType<typeof makeDirectWorld>>;
  let caseId: string;

  before(async () => {
    ctx = await testContext({ clock });
    world = await makeDirectWorld(ctx);
    const set = await call(ctx, world.partner, 'PUT', '/api/v1/sla-policies/all', POLICY);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    clock.set('2026-06-01T09:00:00.000Z');
    const opened = await openCase(ctx, world.customer, caseBody({ subscriptionId: world.subscriptionId, category: 'billing', title: 'Charged twice' }));
    assert.equal(opened.holder.id, world.partner.orgId);
    assert.equal(opened.responsible.id, world.partner.orgId);
    caseId = opened.id;
  });

  it('tells nothing before a warning is due', async () => {
    clock.set('2026-06-01T09:40:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 0 });
    assert.deepEqual(await slaEvents(ctx, caseId), []);
  });

  it('tells the first response\'s warning once, though two workers scan at once', async () => {
    clock.set('2026-06-01T09:46:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 1, breaches: 0 });
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 0 });
    assert.deepEqual(await slaEvents(ctx, caseId), ['case.sla_warning first_response 1']);
    assert.deepEqual(await notices(ctx, caseId), ['warning first_response 1']);
  });

  it('tells the breach once, and no warning with it', async () => {
    clock.set('2026-06-01T10:01:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 1 });
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 0 });
    assert.deepEqual(await slaEvents(ctx, caseId), ['case.sla_warning first_response 1', 'case.sla_breached first_response 1']);
    const { rows } = await ctx.db.withOwner((tx) => sql<{ data: Record<string, unknown>; audience_org_ids: string[] }>`
      SELECT data, audience_org_ids FROM domain_events WHERE subject_id = ${caseId} AND type = 'case.sla_breached'`.execute(tx));
    const breach = rows[0]!;
    assert.equal(breach.data.breachedAt, '2026-06-01T10:00:00.000Z');
    assert.equal(breach.data.targetMinutes, 60);
    assert.deepEqual(breach.data.party, { orgId: world.partner.orgId, role: 'partner' });
    // A public clock: every participant hears of it, the customer too.
    assert.deepEqual([...breach.audience_org_ids].sort(), [world.customerOrg.id, world.partner.orgId].sort());
  });

  it('keeps the breach when the first response comes late, and marks the partner\'s inbox row breached', async () => {
    clock.set('2026-06-01T10:05:00.000Z');
    await postMessage(ctx, world.partner, caseId, 'replies', { body: 'Looking into the double charge.' });
    const got = await call(ctx, world.partner, 'GET', `/api/v1/cases/${caseId}`);
    const first = got.body.sla.find((c: { target: string }) => c.target === 'first_response');
    assert.equal(first.status, 'breached');
    assert.equal(first.metAt, '2026-06-01T10:05:00.000Z');
    const inbox = await call(ctx, world.partner, 'GET', '/api/v1/cases?breached=true');
    assert.deepEqual(inbox.body.items.map((i: { id: string }) => i.id), [caseId]);
    // The next deadline is the resolution's: 600 minutes from 09:00.
    assert.equal(inbox.body.items[0].dueAt, '2026-06-01T19:00:00.000Z');
  });

  it('tells the resolution\'s warning at three quarters of its target, once', async () => {
    clock.set('2026-06-01T16:29:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 0 });
    clock.set('2026-06-01T16:31:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 1, breaches: 0 });
    assert.deepEqual(await notices(ctx, caseId), ['breach first_response 1', 'warning first_response 1', 'warning resolution 1']);
  });

  it('tells a reopened resolution\'s warning and breach anew (a new cycle), and what was told stays', async () => {
    clock.set('2026-06-01T17:00:00.000Z');
    await act(ctx, world.partner, caseId, 'resolve');
    clock.set('2026-06-01T17:10:00.000Z');
    await act(ctx, world.customer, caseId, 'reopen', { reason: 'Charged twice again.' });
    // 480 minutes counted before the resolve: less than a quarter left, so the warning is due at once.
    clock.set('2026-06-01T17:11:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 1, breaches: 0 });
    // 120 minutes left from 17:10.
    clock.set('2026-06-01T19:09:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 0 });
    clock.set('2026-06-01T19:11:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 1 });
    clock.set('2026-06-02T09:00:00.000Z');
    assert.deepEqual(await scanTwiceAtOnce(ctx), { warnings: 0, breaches: 0 });
    assert.deepEqual(await notices(ctx, caseId), [
      'breach first_response 1', 'breach resolution 2', 'warning first_response 1', 'warning resolution 1', 'warning resolution 2',
    ]);
    assert.deepEqual(await slaEvents(ctx, caseId), [
      'case.sla_warning first_response 1', 'case.sla_breached first_response 1', 'case.sla_warning resolution 1',
      'case.sla_warning resolution 2', 'case.sla_breached resolution 2',
    ]);
  });

  it('brings the warnings and breaches to the participants\' notifications', async () => {
    await ctx.jobs.drain();
    const mine = async (actor: Actor) => {
      const res = await call(ctx, actor, 'GET', '/api/v1/notifications?limit=100');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body.items as { eventType: string; link: string; title: string }[]).filter((n) => n.link.endsWith(caseId) && n.eventType.startsWith('case.sla_'));
    };
    const partners = await mine(world.helpdesk);
    assert.deepEqual(partners.map((n) => n.eventType).sort(), ['case.sla_breached', 'case.sla_breached', 'case.sla_warning', 'case.sla_warning', 'case.sla_warning']);
    assert.ok(partners.every((n) => n.title.includes('Charged twice')));
    const customers = await mine(world.customer);
    assert.equal(customers.length, 5);
  });

  it('runs from the worker\'s sla-scan queue, and a working worker keeps the schedule', async () => {
    clock.set('2026-06-02T09:00:00.000Z');
    const other = await openCase(ctx, world.customer, caseBody({ subscriptionId: world.subscriptionId, category: 'billing', title: 'Invoice missing' }));
    clock.set('2026-06-02T10:30:00.000Z');
    await ctx.db.withOwner((tx) => ctx.jobs.enqueue(tx, [{ name: 'sla-scan', data: {} }]));
    await ctx.jobs.drain();
    assert.deepEqual(await notices(ctx, other.id), ['breach first_response 1']);

    const worker = createWorker(ctx.db, testWorkerSettings({ clock, runSchedules: true, slaScanIntervalMinutes: 5 }));
    try {
      await worker.start({ work: true });
      const { rows } = await ctx.db.withOwner((tx) => sql<{ name: string; cron: string }>`SELECT name, cron FROM pgboss.schedule`.execute(tx));
      assert.deepEqual(rows, [{ name: 'sla-scan', cron: '*/5 * * * *' }]);
    } finally {
      await worker.stop({ graceful: false, timeoutMs: 1_000 });
    }
  });
});
