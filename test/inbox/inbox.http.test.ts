import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { encodeCursor } from '../../src/core/cursor.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeOrg, makeUser, type Actor, type TestOrg } from '../factories.ts';
import { createOffer, makeCustomerOf, makePartner, makePublisher, type OrgActor } from '../catalog-factories.ts';
import { makeCase, minutesAgo, updateCase } from '../inbox-factories.ts';

/**
 * A direct partner D with two customers, a publisher P with two offers, and another partner X with
 * its own customer — seven cases in all, each updated one minute apart (cX the newest).
 */
async function makeWorld(ctx: TestContext) {
  const base = new Date(Date.now() - 86_400_000);
  const publisher = await makePublisher(ctx);
  const alpha = await createOffer(ctx, publisher, { name: 'Alpha Backup' });
  const beta = await createOffer(ctx, publisher, { name: 'Beta Firewall' });
  const partner = await makePartner(ctx, 'direct');
  const helpdesk = await makeUser(ctx, partner.org, ['helpdesk_agent']);
  const sales = await makeUser(ctx, partner.org, ['sales_agent']);
  const userAdmin = await makeUser(ctx, partner.org, ['user_admin']);
  const c1 = await makeCustomerOf(ctx, partner.orgId);
  const c2 = await makeCustomerOf(ctx, partner.orgId);
  const customer1 = await makeUser(ctx, c1, ['customer_user']);
  const other = await makePartner(ctx, 'direct');
  const otherCustomer = await makeCustomerOf(ctx, other.orgId);
  const otherCustomerUser = await makeUser(ctx, otherCustomer, ['customer_admin']);

  const D = { orgId: partner.orgId, role: 'partner' } as const;
  const P = { orgId: publisher.orgId, role: 'publisher' } as const;
  const C1 = { orgId: c1.id, role: 'customer' } as const;
  const C2 = { orgId: c2.id, role: 'customer' } as const;
  const at = (minutes: number) => ({ createdAt: minutesAgo(minutes + 600, base), updatedAt: minutesAgo(minutes, base) });
  const ids = {
    c1: await makeCase(ctx, {
      requester: customer1, participants: [C1, D, P], holderOrgId: publisher.orgId, customerId: c1.id, offerId: alpha.id,
      title: 'Backup job stuck overnight', category: 'technical_howto', severity: 'critical', status: 'open', ...at(1),
    }),
    c2: await makeCase(ctx, {
      requester: customer1, participants: [C1, D], customerId: c1.id, offerId: alpha.id, holderOrgId: partner.orgId,
      title: 'Invoice does not match the order', description: 'A duplicate charge on the March invoice.',
      category: 'billing', severity: 'moderate', status: 'pending_customer', assigneeUserId: helpdesk.userId, ...at(2),
    }),
    c3: await makeCase(ctx, {
      requester: partner, participants: [C2, D, P], customerId: c2.id, offerId: beta.id, holderOrgId: partner.orgId,
      title: 'Agent crashes on start', category: 'technical_breakfix', severity: 'minimal', status: 'new', ...at(3),
    }),
    c4: await makeCase(ctx, {
      requester: partner, participants: [C2, D], customerId: c2.id, offerId: beta.id, holderOrgId: partner.orgId,
      title: 'Add seats to the annual plan', category: 'subscription', severity: 'moderate', status: 'resolved', ...at(4),
    }),
    c5: await makeCase(ctx, {
      requester: partner, participants: [D, P], customerId: null, offerId: alpha.id, holderOrgId: publisher.orgId,
      title: 'Margins for resellers', category: 'csp_program', severity: 'minimal', status: 'pending_party', ...at(5),
    }),
    c6: await makeCase(ctx, {
      requester: customer1, participants: [C1, D], customerId: c1.id, offerId: beta.id, holderOrgId: partner.orgId,
      title: 'Activation email never arrived', category: 'account_setup', severity: 'moderate', status: 'closed', ...at(6),
    }),
    cX: await makeCase(ctx, {
      requester: otherCustomerUser, participants: [{ orgId: otherCustomer.id, role: 'customer' }, { orgId: other.orgId, role: 'partner' }, P],
      holderOrgId: publisher.orgId, customerId: otherCustomer.id, offerId: alpha.id,
      title: 'Backup restore fails with an invoice attached', category: 'technical_breakfix', severity: 'critical', status: 'open', ...at(0.5),
    }),
  };
  const labelOf = new Map(Object.entries(ids).map(([label, id]) => [id, label]));
  return { publisher, alpha, beta, partner, helpdesk, sales, userAdmin, c1, c2, customer1, other, otherCustomer, ids, labelOf };
}

type World = Awaited<ReturnType<typeof makeWorld>>;

async function page(ctx: TestContext, actor: Actor, query = '') {
  const res = await call(ctx, actor, 'GET', `/api/v1/cases${query ? `?${query}` : ''}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as { items: { id: string; [k: string]: unknown }[]; nextCursor: string | null };
}

describe('GET /cases: the inbox', () => {
  let ctx: TestContext;
  let w: World;
  const labels = async (actor: Actor, query = '') => (await page(ctx, actor, query)).items.map((i) => w.labelOf.get(i.id) ?? i.id);

  before(async () => {
    ctx = await testContext();
    w = await makeWorld(ctx);
  });

  it('lists the cases the organization takes part in, newest update first', async () => {
    assert.deepEqual(await labels(w.partner), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    assert.deepEqual(await labels(w.publisher), ['cX', 'c1', 'c3', 'c5']);
    assert.deepEqual(await labels(w.customer1), ['c1', 'c2', 'c6']);
    assert.deepEqual(await labels(w.other), ['cX']);
  });

  it('never lists another organization\'s cases, whatever the filters name', async () => {
    const otherCustomerId = w.otherCustomer.id;
    assert.deepEqual(await labels(w.partner, `customerId=${otherCustomerId}`), []);
    assert.deepEqual(await labels(w.partner, `holder=${w.other.orgId}`), []);
    assert.deepEqual(await labels(w.partner, 'q=restore'), []);
    assert.deepEqual(await labels(w.customer1, `customerId=${w.c2.id}`), []);
    const stranger = await makePartner(ctx, 'direct');
    assert.deepEqual(await labels(stranger), []);
  });

  it('presents each case with its holder, customer and offer by name, and the organization\'s role in it', async () => {
    const items = (await page(ctx, w.partner)).items;
    const c1 = items.find((i) => i.id === w.ids.c1)!;
    assert.deepEqual(Object.keys(c1).sort(), ['category', 'createdAt', 'customer', 'dueAt', 'holder', 'id', 'offer', 'severity', 'slaBreached', 'status', 'title', 'updatedAt', 'yourRole']);
    assert.equal(c1.title, 'Backup job stuck overnight');
    assert.equal(c1.category, 'technical_howto');
    assert.equal(c1.severity, 'critical');
    assert.equal(c1.status, 'open');
    assert.deepEqual(c1.holder, { id: w.publisher.orgId, name: w.publisher.org.name });
    assert.deepEqual(c1.customer, { id: w.c1.id, name: w.c1.name });
    assert.deepEqual(c1.offer, { id: w.alpha.id, name: 'Alpha Backup' });
    assert.equal(c1.yourRole, 'partner');
    assert.ok(Date.parse(String(c1.createdAt)) < Date.parse(String(c1.updatedAt)));
    const c5 = items.find((i) => i.id === w.ids.c5)!;
    assert.equal(c5.customer, null);
    const asCustomer = (await page(ctx, w.customer1)).items.find((i) => i.id === w.ids.c2)!;
    assert.equal(asCustomer.yourRole, 'customer');
    assert.deepEqual(asCustomer.holder, { id: w.partner.orgId, name: w.partner.org.name });
  });

  const filters: [string, (w: World) => string, string[]][] = [
    ['one status', () => 'status=open', ['c1']],
    ['several statuses', () => 'status=new&status=pending_customer', ['c2', 'c3']],
    ['a category', () => 'category=billing', ['c2']],
    ['a severity', () => 'severity=critical', ['c1']],
    ['an offer', (w) => `offerId=${w.beta.id}`, ['c3', 'c4', 'c6']],
    ['a customer', (w) => `customerId=${w.c2.id}`, ['c3', 'c4']],
    ['holder=me', () => 'holder=me', ['c2', 'c3', 'c4', 'c6']],
    ['a holder by id', (w) => `holder=${w.publisher.orgId}`, ['c1', 'c5']],
    ['a word of the title', () => 'q=crashes', ['c3']],
    ['a word of the description', () => 'q=duplicate', ['c2']],
    ['a quoted phrase', () => `q=${encodeURIComponent('"backup job"')}`, ['c1']],
    ['either word', () => `q=${encodeURIComponent('crashes or invoice')}`, ['c2', 'c3']],
    ['a word but not another', () => `q=${encodeURIComponent('the -invoice')}`, ['c4']],
    ['filters together', (w) => `status=open&status=closed&customerId=${w.c1.id}&severity=moderate`, ['c6']],
  ];
  for (const [name, query, expected] of filters) {
    it(`filters by ${name}`, async () => {
      assert.deepEqual(await labels(w.partner, query(w)), expected);
    });
  }

  it('filters assignee=me to the cases the viewer works while its organization holds them', async () => {
    assert.deepEqual(await labels(w.helpdesk, 'assignee=me'), ['c2']);
    assert.deepEqual(await labels(w.helpdesk, 'assignee=me&status=pending_customer'), ['c2']);
    assert.deepEqual(await labels(w.helpdesk, `assignee=me&holder=${w.publisher.orgId}`), []);
    assert.deepEqual(await labels(w.partner, 'assignee=me'), []);
  });

  it('ignores a search of blanks', async () => {
    assert.deepEqual(await labels(w.partner, 'q=%20%20'), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('pages with a cursor to the end, every case once', async () => {
    const first = await page(ctx, w.partner, 'limit=4');
    assert.equal(first.items.length, 4);
    assert.ok(first.nextCursor);
    const second = await page(ctx, w.partner, `limit=4&cursor=${first.nextCursor}`);
    assert.equal(second.nextCursor, null);
    assert.deepEqual([...first.items, ...second.items].map((i) => w.labelOf.get(i.id)), ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    const filtered = await page(ctx, w.partner, `limit=1&holder=me&cursor=${(await page(ctx, w.partner, 'limit=1&holder=me')).nextCursor}`);
    assert.deepEqual(filtered.items.map((i) => w.labelOf.get(i.id)), ['c3']);
  });

  it('lets sales agents and customers read, and refuses roles without cases.read', async () => {
    assert.equal((await page(ctx, w.sales)).items.length, 6);
    const denied = await call(ctx, w.userAdmin, 'GET', '/api/v1/cases');
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'PERMISSION_DENIED');
    const anonymous = await call(ctx, null, 'GET', '/api/v1/cases');
    assert.equal(anonymous.status, 401);
  });

  const invalid: [string, string, string][] = [
    ['an unknown status', 'status=waiting', 'querystring.status'],
    ['an unknown category', 'category=hardware', 'querystring.category'],
    ['an unknown severity', 'severity=A', 'querystring.severity'],
    ['a holder that is not an id', 'holder=Me!', 'querystring.holder'],
    ['an assignee other than me', 'assignee=usr_someone', 'querystring.assignee'],
    ['an empty search', 'q=', 'querystring.q'],
    ['a search too long', `q=${'a'.repeat(201)}`, 'querystring.q'],
    ['a limit of zero', 'limit=0', 'querystring.limit'],
    ['an offer id that is not one', 'offerId=Not%20An%20Offer', 'querystring.offerId'],
  ];
  for (const [name, query, field] of invalid) {
    it(`refuses ${name} with 400 naming the field`, async () => {
      const res = await call(ctx, w.partner, 'GET', `/api/v1/cases?${query}`);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.code, 'VALIDATION_FAILED');
      assert.ok(res.body.errors.some((e: { field: string }) => e.field.startsWith(field)), JSON.stringify(res.body.errors));
    });
  }

  it('refuses a cursor it did not make with 400 INVALID_CURSOR', async () => {
    for (const cursor of ['not-a-cursor', encodeCursor(['yesterday', 'case_x']), encodeCursor(['2026-01-01T00:00:00.000Z', 'case_x']), encodeCursor([1, 2]), encodeCursor(['2026-13-45T99:99:99.000000Z', 'case_x'])]) {
      const res = await call(ctx, w.partner, 'GET', `/api/v1/cases?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.status, 400, cursor);
      assert.equal(res.body.code, 'INVALID_CURSOR', cursor);
    }
  });
});

describe('GET /cases: paging while cases change', () => {
  /** A partner with `n` cases, the i-th updated i minutes ago. */
  async function partnerWithCases(ctx: TestContext, n: number): Promise<{ partner: OrgActor; ids: string[]; base: Date }> {
    const base = new Date(Date.now() - 3_600_000);
    const partner = await makePartner(ctx, 'direct');
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await makeCase(ctx, { requester: partner, participants: [{ orgId: partner.orgId, role: 'partner' }], createdAt: minutesAgo(i + 100, base), updatedAt: minutesAgo(i, base) }));
    }
    return { partner, ids, base };
  }

  async function walk(ctx: TestContext, actor: Actor, limit: number, between: (pageNo: number) => Promise<void> = async () => {}) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pageNo = 0; pageNo < 50; pageNo++) {
      const p = await page(ctx, actor, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
      if (!cursor) return seen;
      await between(pageNo);
    }
    throw new Error('the walk did not end');
  }

  it('lists every unchanged case exactly once when cases are updated between pages', async () => {
    const ctx = await testContext();
    const { partner, ids } = await partnerWithCases(ctx, 9);
    const touched = new Set<string>();
    const seen = await walk(ctx, partner, 2, async (pageNo) => {
      // After each page: one case already listed and one not listed yet move to the top.
      const listedId = ids[pageNo * 2]!;
      const aheadId = ids[ids.length - 1 - pageNo]!;
      for (const id of [listedId, aheadId]) {
        touched.add(id);
        await updateCase(ctx, id, { updatedAt: new Date(), status: 'pending_party' });
      }
    });
    assert.equal(new Set(seen).size, seen.length, 'no case twice');
    for (const id of ids.filter((x) => !touched.has(x))) assert.equal(seen.filter((x) => x === id).length, 1, `${id} once`);
    const now = await page(ctx, partner, 'limit=100');
    assert.deepEqual(new Set(now.items.map((i) => i.id)), new Set(ids), 'afterwards every case is still there');
    assert.deepEqual(now.items.filter((i) => i.status === 'pending_party').map((i) => i.id).sort(), [...touched].sort(), 'updated cases are at the top with their new status');
    assert.ok(now.items.slice(0, touched.size).every((i) => touched.has(i.id)));
  });

  it('tells apart updates a microsecond apart, and orders equal updates by case id', async () => {
    const ctx = await testContext();
    const { partner, ids } = await partnerWithCases(ctx, 4);
    const at = new Date(Date.now() - 60_000);
    await ctx.db.withOwner(async (tx) => {
      await sql`UPDATE cases SET updated_at = ${at.toISOString()}::timestamptz + interval '1 microsecond' WHERE id = ${ids[0]!}`.execute(tx);
      await sql`UPDATE cases SET updated_at = ${at.toISOString()}::timestamptz WHERE id = ANY(${[ids[1]!, ids[2]!, ids[3]!]})`.execute(tx);
    });
    const seen = await walk(ctx, partner, 1);
    assert.deepEqual(seen, [ids[0]!, ...[ids[1]!, ids[2]!, ids[3]!].sort().reverse()]);
  });
});

describe('the inbox view and the copies of the inbox keys', () => {
  it('holds only the viewer\'s organization\'s participations, and nothing without one', async () => {
    const ctx = await testContext();
    const a = await makePartner(ctx, 'direct');
    const b = await makePartner(ctx, 'direct');
    const shared = await makeCase(ctx, { requester: a, participants: [{ orgId: a.orgId, role: 'partner' }, { orgId: b.orgId, role: 'partner' }] });
    const own = await makeCase(ctx, { requester: b, participants: [{ orgId: b.orgId, role: 'partner' }] });
    const read = (org: { orgId: string }) => ctx.db.withTenant({ orgId: org.orgId, orgKind: 'partner', userId: 'usr_probe' },
      (tx) => sql<{ org_id: string; case_id: string }>`SELECT org_id, case_id FROM case_inbox`.execute(tx)).then((r) => r.rows);
    assert.deepEqual(await read(a), [{ org_id: a.orgId, case_id: shared }]);
    assert.deepEqual((await read(b)).map((r) => r.case_id).sort(), [shared, own].sort());
    assert.ok((await read(b)).every((r) => r.org_id === b.orgId));
    const anonymous = await ctx.db.withAnonymous({}, (tx) => sql`SELECT * FROM case_inbox`.execute(tx));
    assert.equal(anonymous.rows.length, 0);
    await assert.rejects(ctx.db.withTenant({ orgId: a.orgId, orgKind: 'partner', userId: 'usr_probe' },
      (tx) => sql`DELETE FROM case_inbox`.execute(tx)), /permission denied|cannot delete/);
  });

  it('gives a new participation the case\'s keys whatever its insert says, and follows every change of the case', async () => {
    const ctx = await testContext();
    const partner = await makePartner(ctx, 'direct');
    const publisher: TestOrg = await makeOrg(ctx, 'publisher');
    const helpdesk = await makeUser(ctx, partner.org, ['helpdesk_agent']);
    const id = await makeCase(ctx, { requester: partner, participants: [{ orgId: partner.orgId, role: 'partner' }], status: 'open', assigneeUserId: helpdesk.userId });
    await ctx.db.withOwner((tx) => tx.insertInto('case_participants').values({
      case_id: id, org_id: publisher.id, role: 'publisher', joined_at: new Date(), status: 'closed', category: 'billing',
      severity: 'critical', offer_id: null, customer_id: null, holder_org_id: publisher.id, updated_at: new Date(0),
    }).execute());
    const keys = () => ctx.db.withOwner((tx) => tx.selectFrom('case_participants').select(['org_id', 'status', 'category', 'severity', 'holder_org_id', 'assignee_user_id'])
      .where('case_id', '=', id).orderBy('org_id').execute());
    const expected = (status: string, holder: string, assignee: string | null) => [partner.orgId, publisher.id].sort().map((org_id) => ({
      org_id, status, category: 'technical_howto', severity: 'moderate', holder_org_id: holder, assignee_user_id: assignee,
    }));
    assert.deepEqual(await keys(), expected('open', partner.orgId, helpdesk.userId));
    await updateCase(ctx, id, { updatedAt: new Date(), status: 'pending_party', holderOrgId: publisher.id, assigneeUserId: null });
    assert.deepEqual(await keys(), expected('pending_party', publisher.id, null));
    assert.deepEqual((await page(ctx, helpdesk, 'assignee=me')).items, []);
  });
});
