/**
 * Storing a case's clocks (sb_store_case_sla_clocks as migration 0010 left it, and rowsOf): a
 * clock recomputed to what its row already says, and a participant whose deadline did not move,
 * are left as they are — no new row version (`xmin` stays), `updated_at` stays when the clock
 * last changed — while a clock that moved is written with the time of the recompute. And the
 * history read for the clocks parses as parseCaseHistoryEntry does, keys of no shape dropped.
 *
 * The world: a direct partner counting every minute of the week (UTC), 60 minutes to the first
 * response and 600 to resolution for moderate cases; a billing case opened at 09:00, answered by
 * the partner at 09:05 (its first response met; its resolution running, due at 19:00).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { parseCaseHistoryEntry, parseOwnedCaseHistoryEntry } from '../../src/core/case-history.ts';
import { refreshCaseClocks } from '../../src/modules/sla/index.ts';
import { listPublicHistory } from '../../src/modules/sla/sla.clocks.repository.ts';
import { caseBody, makeDirectWorld, openCase, postMessage } from '../case-factories.ts';
import { call } from '../factories.ts';
import { testClock, testContext, type TestContext } from '../harness.ts';

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

interface Versions {
  clocks: Record<string, { xmin: string; updatedAt: string; elapsedMs: string }>;
  participants: Record<string, string>;
}

/** The row versions of the case's clocks (by target) and participants (by organization). */
async function versions(ctx: TestContext, caseId: string): Promise<Versions> {
  return ctx.db.withOwner(async (tx) => {
    const clocks = (await sql<{ target: string; xmin: string; updated_at: Date; elapsed_ms: string }>`
      SELECT target, xmin::text AS xmin, updated_at, elapsed_ms::text AS elapsed_ms FROM case_sla_clocks WHERE case_id = ${caseId}`.execute(tx)).rows;
    const participants = (await sql<{ org_id: string; xmin: string }>`
      SELECT org_id, xmin::text AS xmin FROM case_participants WHERE case_id = ${caseId}`.execute(tx)).rows;
    return {
      clocks: Object.fromEntries(clocks.map((c) => [c.target, { xmin: c.xmin, updatedAt: new Date(c.updated_at).toISOString(), elapsedMs: c.elapsed_ms }])),
      participants: Object.fromEntries(participants.map((p) => [p.org_id, p.xmin])),
    };
  });
}

describe('storing the SLA clocks', () => {
  let ctx: TestContext;
  let caseId: string;

  before(async () => {
    ctx = await testContext({ clock });
    const world = await makeDirectWorld(ctx);
    const set = await call(ctx, world.partner, 'PUT', '/api/v1/sla-policies/all', POLICY);
    assert.equal(set.status, 200, JSON.stringify(set.body));
    clock.set('2026-06-01T09:00:00.000Z');
    caseId = (await openCase(ctx, world.customer, caseBody({ subscriptionId: world.subscriptionId, category: 'billing', title: 'Charged twice' }))).id;
    clock.set('2026-06-01T09:05:00.000Z');
    await postMessage(ctx, world.partner, caseId, 'replies', { body: 'Looking into the double charge.' });
  });

  it('leaves a clock and a deadline that did not change as they are, and writes a clock that moved', async () => {
    const first = await versions(ctx, caseId);
    assert.equal(first.clocks.first_response?.updatedAt, '2026-06-01T09:05:00.000Z');
    assert.equal(first.clocks.resolution?.elapsedMs, String(5 * 60_000));

    // Recomputed at the same instant: nothing to write.
    await ctx.db.withOwner((tx) => refreshCaseClocks(tx, caseId, new Date('2026-06-01T09:05:00.000Z'), { warningShare: 0.25 }));
    assert.deepEqual(await versions(ctx, caseId), first);

    // At 09:30 the running resolution has 30 minutes: written anew. The met first response and
    // every participant's deadline (the partner's stays 19:00) are left alone.
    await ctx.db.withOwner((tx) => refreshCaseClocks(tx, caseId, new Date('2026-06-01T09:30:00.000Z'), { warningShare: 0.25 }));
    const later = await versions(ctx, caseId);
    assert.deepEqual(later.clocks.first_response, first.clocks.first_response);
    assert.notEqual(later.clocks.resolution?.xmin, first.clocks.resolution?.xmin);
    assert.equal(later.clocks.resolution?.updatedAt, '2026-06-01T09:30:00.000Z');
    assert.equal(later.clocks.resolution?.elapsedMs, String(30 * 60_000));
    assert.deepEqual(later.participants, first.participants);
  });

  it('writes a deadline that moved, and only that participant\'s', async () => {
    const before = await versions(ctx, caseId);
    const partner = (await ctx.db.withOwner((tx) => sql<{ org_id: string }>`
      SELECT org_id FROM case_participants WHERE case_id = ${caseId} AND due_at IS NOT NULL`.execute(tx))).rows;
    assert.equal(partner.length, 1);
    // Someone else's write moved the deadline on the row; the recompute puts it back.
    await ctx.db.withOwner((tx) => sql`UPDATE case_participants SET due_at = due_at + interval '1 minute' WHERE case_id = ${caseId} AND org_id = ${partner[0]!.org_id}`.execute(tx));
    const moved = await versions(ctx, caseId);
    await ctx.db.withOwner((tx) => refreshCaseClocks(tx, caseId, new Date('2026-06-01T09:30:00.000Z'), { warningShare: 0.25 }));
    const after = await versions(ctx, caseId);
    for (const [orgId, xmin] of Object.entries(after.participants)) {
      if (orgId === partner[0]!.org_id) assert.notEqual(xmin, moved.participants[orgId]);
      else assert.equal(xmin, before.participants[orgId]);
    }
    const due = (await ctx.db.withOwner((tx) => sql<{ due_at: Date }>`
      SELECT due_at FROM case_participants WHERE case_id = ${caseId} AND org_id = ${partner[0]!.org_id}`.execute(tx))).rows[0]!.due_at;
    assert.equal(new Date(due).toISOString(), '2026-06-01T19:00:00.000Z');
    assert.deepEqual(after.clocks, before.clocks);
  });

  it('reads the history as parseCaseHistoryEntry parses it, keys of no shape dropped at every depth', async () => {
    const rows = (await ctx.db.withOwner((tx) => sql<Parameters<typeof parseCaseHistoryEntry>[0]>`
      SELECT * FROM case_events WHERE case_id = ${caseId} AND visibility = 'public' ORDER BY created_at, id`.execute(tx))).rows;
    const read = await ctx.db.withOwner((tx) => listPublicHistory(tx, [caseId]));
    assert.deepEqual(read.get(caseId), rows.map(parseCaseHistoryEntry));

    const routed = rows.find((r) => r.type === 'routed')!;
    const data = routed.data as { participants: Record<string, unknown>[] };
    const extra = { ...routed, data: { ...data, stray: 1, participants: data.participants.map((p) => ({ ...p, stray: 2 })) } };
    const copied = parseCaseHistoryEntry(extra);
    const owned = parseOwnedCaseHistoryEntry(structuredClone(extra));
    assert.deepEqual(owned, copied);
    assert.deepEqual(copied, parseCaseHistoryEntry(routed));
    assert.equal('stray' in copied.data, false);
    // parseCaseHistoryEntry leaves the row as it was; the owned parse may use its data as is.
    assert.equal((extra.data as { stray?: number }).stray, 1);
    const plain = structuredClone(routed);
    assert.equal(parseOwnedCaseHistoryEntry(plain).data, plain.data);
    assert.notEqual(parseCaseHistoryEntry(plain).data, plain.data);
    assert.throws(() => parseOwnedCaseHistoryEntry({ ...routed, data: { ...data, holderOrgId: 7 } }), /routed data at "\/holderOrgId"/);
  });
});
