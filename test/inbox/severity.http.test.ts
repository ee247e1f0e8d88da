import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { encodeCursor } from '../../src/core/cursor.ts';
import type { Severity } from '../../src/core/routing-types.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeUser, type Actor } from '../factories.ts';
import { makeCustomerOf, makePartner } from '../catalog-factories.ts';
import { makeCase, minutesAgo } from '../inbox-factories.ts';

const RANK: Record<Severity, number> = { critical: 0, moderate: 1, minimal: 2 };

interface Made { id: string; severity: Severity; updatedAt: Date; status: 'open' | 'closed' }

/**
 * A direct partner D with a customer and nine cases of mixed severities and ages — two of them
 * updated at the very same moment, so the case id decides — and another partner X with its own
 * customer and two cases, the newest of all, one of them critical.
 */
async function makeWorld(ctx: TestContext) {
  const base = new Date(Date.now() - 86_400_000);
  const partner = await makePartner(ctx, 'direct');
  const customer = await makeCustomerOf(ctx, partner.orgId);
  const customerUser = await makeUser(ctx, customer, ['customer_user']);
  const other = await makePartner(ctx, 'direct');
  const otherCustomer = await makeCustomerOf(ctx, other.orgId);
  const otherUser = await makeUser(ctx, otherCustomer, ['customer_admin']);

  const plan: [Severity, number, 'open' | 'closed'][] = [
    ['minimal', 1, 'open'], ['critical', 2, 'open'], ['moderate', 3, 'closed'], ['critical', 4, 'closed'],
    ['minimal', 5, 'open'], ['moderate', 6, 'open'], ['critical', 7, 'open'], ['moderate', 7, 'open'], ['moderate', 7, 'closed'],
  ];
  const mine: Made[] = [];
  for (const [severity, minutes, status] of plan) {
    const updatedAt = minutesAgo(minutes, base);
    const id = await makeCase(ctx, {
      requester: customerUser, participants: [{ orgId: customer.id, role: 'customer' }, { orgId: partner.orgId, role: 'partner' }],
      holderOrgId: partner.orgId, customerId: customer.id, title: `${severity} ${minutes}`, severity, status,
      createdAt: minutesAgo(minutes + 600, base), updatedAt,
    });
    mine.push({ id, severity, updatedAt, status });
  }
  const foreign: string[] = [];
  for (const severity of ['critical', 'minimal'] as const) {
    foreign.push(await makeCase(ctx, {
      requester: otherUser, participants: [{ orgId: otherCustomer.id, role: 'customer' }, { orgId: other.orgId, role: 'partner' }],
      holderOrgId: other.orgId, customerId: otherCustomer.id, title: `foreign ${severity}`, severity, status: 'open',
      createdAt: minutesAgo(600, base), updatedAt: minutesAgo(0.5, base),
    }));
  }
  return { partner, other, mine, foreign };
}

/** The order sort=severity promises: most severe first, then newest update, then the greater case id. */
function expectedOrder(cases: readonly Made[]): string[] {
  return [...cases].sort((a, b) => RANK[a.severity] - RANK[b.severity]
    || b.updatedAt.getTime() - a.updatedAt.getTime()
    || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((c) => c.id);
}

type Item = { id: string; severity: Severity; updatedAt: string };

async function page(ctx: TestContext, actor: Actor, query: string) {
  const res = await call(ctx, actor, 'GET', `/api/v1/cases?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { items: Item[]; nextCursor: string | null };
}

/** Every page of a query, following the cursors; fails on a runaway. */
async function allPages(ctx: TestContext, actor: Actor, query: string) {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const p = await page(ctx, actor, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages.push(p.items);
    cursor = p.nextCursor;
    assert.ok(pages.length <= 20, 'too many pages');
  } while (cursor !== null);
  return pages;
}

describe('GET /cases?sort=severity', () => {
  let ctx: TestContext;
  let w: Awaited<ReturnType<typeof makeWorld>>;

  before(async () => {
    ctx = await testContext();
    w = await makeWorld(ctx);
  });

  it('lists the cases most severe first, newest update first within a severity, then by case id', async () => {
    const items = (await page(ctx, w.partner, 'sort=severity&limit=50')).items;
    assert.deepEqual(items.map((i) => i.id), expectedOrder(w.mine));
    assert.deepEqual(items.map((i) => i.severity), [
      'critical', 'critical', 'critical', 'moderate', 'moderate', 'moderate', 'moderate', 'minimal', 'minimal',
    ]);
  });

  it('pages of two, concatenated, are the whole order: no case twice, none missing', async () => {
    const pages = await allPages(ctx, w.partner, 'sort=severity&limit=2');
    assert.deepEqual(pages.map((p) => p.length), [2, 2, 2, 2, 1]);
    const ids = pages.flat().map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, expectedOrder(w.mine));
  });

  it('pages across a severity ending exactly on a page boundary', async () => {
    // Three critical cases: a page of three ends on the last of them, and the next starts with moderate.
    const pages = await allPages(ctx, w.partner, 'sort=severity&limit=3');
    assert.deepEqual(pages.map((p) => p.map((i) => i.severity)), [
      ['critical', 'critical', 'critical'], ['moderate', 'moderate', 'moderate'], ['moderate', 'minimal', 'minimal'],
    ]);
    assert.deepEqual(pages.flat().map((i) => i.id), expectedOrder(w.mine));
  });

  it('with a severity filter, pages only that severity', async () => {
    const pages = await allPages(ctx, w.partner, 'sort=severity&severity=moderate&limit=2');
    assert.deepEqual(pages.flat().map((i) => i.id), expectedOrder(w.mine.filter((c) => c.severity === 'moderate')));
    assert.deepEqual(pages.map((p) => p.length), [2, 2]);
  });

  it('with another filter, pages across severities in the same order', async () => {
    const pages = await allPages(ctx, w.partner, 'sort=severity&status=open&limit=2');
    assert.deepEqual(pages.flat().map((i) => i.id), expectedOrder(w.mine.filter((c) => c.status === 'open')));
  });

  it('never lists another organization\'s cases', async () => {
    const mine = (await allPages(ctx, w.partner, 'sort=severity&limit=2')).flat().map((i) => i.id);
    for (const id of w.foreign) assert.ok(!mine.includes(id), id);
    const theirs = (await allPages(ctx, w.other, 'sort=severity&limit=1')).flat().map((i) => i.id);
    assert.deepEqual(theirs, w.foreign);
  });

  it('refuses a cursor of another sort, and one it did not make, with 400 INVALID_CURSOR', async () => {
    const updated = (await page(ctx, w.partner, 'limit=2')).nextCursor;
    const due = (await page(ctx, w.partner, 'sort=due&limit=2')).nextCursor;
    const severity = (await page(ctx, w.partner, 'sort=severity&limit=2')).nextCursor;
    assert.ok(updated && due && severity);
    const refusals: [string, string][] = [
      ['sort=severity', updated], ['sort=severity', due], ['sort=updated', severity], ['sort=due', severity],
      ['sort=severity', encodeCursor(['urgent', '2026-01-01T00:00:00.000000Z', 'case_x'])],
      ['sort=severity', encodeCursor(['critical', 'yesterday', 'case_x'])],
      ['sort=severity', 'not-a-cursor'],
    ];
    for (const [sort, cursor] of refusals) {
      const res = await call(ctx, w.partner, 'GET', `/api/v1/cases?${sort}&limit=2&cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.status, 400, `${sort} ${cursor}`);
      assert.equal((res.body as { code: string }).code, 'INVALID_CURSOR', `${sort} ${cursor}`);
    }
  });
});
