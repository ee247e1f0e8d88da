/**
 * The SLA clocks of a case over HTTP, as each party sees them (GET /cases/:id `sla`), with a
 * fixed clock: a tier-1 partner's first response met by forwarding to the publisher, the
 * publisher's clocks, a pause while the case waits on the customer; a billing case escalated from
 * a reseller to its provider and on to the operator, where the customer sees the commitments made
 * to it and not those between partners; and the inbox by deadline (sort=due, due_before,
 * breached). Expected times are worked out by hand from the policies in the comments.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { newId } from '../../src/db/ids.ts';
import { createSlaScan } from '../../src/modules/sla/index.ts';
import { act, caseBody, makeDirectWorld, makeIndirectWorld, openCase, postMessage } from '../case-factories.ts';
import { call, type Actor } from '../factories.ts';
import { testClock, testContext, type TestContext } from '../harness.ts';

const clock = testClock('2026-06-01T08:00:00.000Z');
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
/** Moderate cases: 60 minutes to the first response, 600 to resolution, every minute of the week (UTC). */
const ROUND_THE_CLOCK = {
  targets: {
    critical: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    moderate: { firstResponseMinutes: 60, resolutionMinutes: 600 },
    minimal: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  },
  calendar: { timeZone: 'UTC', week: EVERY_DAY, holidays: [] },
  criticalAroundTheClock: false,
};

interface Clock {
  party: { orgId: string; name: string | null; role: string };
  target: string;
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  status: string;
  visibility: string;
  policy: { source: { kind: string; version?: number; scope?: string; acceptedOnPurchase?: boolean }; why: { en: string; ko: string }; timeZone: string };
}

async function clocksSeenBy(ctx: TestContext, actor: Actor, caseId: string): Promise<Clock[]> {
  const res = await call(ctx, actor, 'GET', `/api/v1/cases/${caseId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.sla as Clock[];
}

/** A clock in one line: `org target status elapsed/target due visibility`. */
const line = (c: Clock) => `${c.party.orgId} ${c.target} ${c.status} ${c.elapsedMinutes}/${c.targetMinutes} ${c.remainingMinutes} ${c.dueAt ?? '-'} ${c.visibility}`;

async function setPolicy(ctx: TestContext, actor: Actor, body: unknown) {
  const res = await call(ctx, actor, 'PUT', '/api/v1/sla-policies/all', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

describe('a case\'s clocks: a tier-1 partner, the publisher, a pause', () => {
  let ctx: TestContext;
  let w: Awaited<ReturnType<typeof makeDirectWorld>>;
  let caseId: string;

  before(async () => {
    ctx = await testContext({ clock });
    clock.set('2026-06-01T08:00:00.000Z');
    w = await makeDirectWorld(ctx, { preference: 'tier1' });
    await setPolicy(ctx, w.partner, ROUND_THE_CLOCK);
    clock.set('2026-06-01T09:00:00.000Z');
    const opened = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'technical_howto', severity: 'moderate' }));
    assert.equal(opened.holder.id, w.partner.orgId);
    assert.equal(opened.responsible.id, w.publisher.orgId);
    caseId = opened.id;
  });

  it('runs the holder\'s first response; the publisher\'s resolution waits while the partner holds the case', async () => {
    clock.set('2026-06-01T09:20:00.000Z');
    const clocks = await clocksSeenBy(ctx, w.partner, caseId);
    assert.deepEqual(clocks.map(line), [
      `${w.partner.orgId} first_response running 20/60 40 2026-06-01T10:00:00.000Z public`,
      // The publisher's agreement (accepted on purchase): 2880 minutes, 24x7.
      `${w.publisher.orgId} resolution paused 0/2880 2880 - public`,
    ]);
    assert.equal(clocks[0]!.party.name, w.partner.org.name);
    assert.deepEqual(clocks[0]!.policy.source.kind, 'policy');
    assert.equal(clocks[0]!.policy.source.scope, 'all');
    assert.equal(clocks[1]!.policy.source.kind, 'agreement');
    assert.equal(clocks[1]!.policy.source.acceptedOnPurchase, true);
    assert.match(clocks[1]!.policy.why.en, /agreement v1, accepted on purchase/);
    assert.ok(clocks[1]!.policy.why.ko.length > 0);
  });

  it('meets the partner\'s first response when it forwards to the publisher, whose clocks start', async () => {
    clock.set('2026-06-01T09:30:00.000Z');
    await act(ctx, w.partner, caseId, 'forward', { reason: 'A product defect.' });
    clock.set('2026-06-01T10:00:00.000Z');
    assert.deepEqual((await clocksSeenBy(ctx, w.engineer, caseId)).map(line), [
      `${w.partner.orgId} first_response met 30/60 30 - public`,
      `${w.publisher.orgId} resolution running 30/2880 2850 2026-06-03T09:30:00.000Z public`,
      `${w.publisher.orgId} first_response running 30/240 210 2026-06-01T13:30:00.000Z public`,
    ]);
  });

  it('pauses every clock while the case waits on the customer, and runs again when the customer answers', async () => {
    clock.set('2026-06-01T10:30:00.000Z');
    await postMessage(ctx, w.engineer, caseId, 'replies', { body: 'Which version do you run?', awaitingCustomer: true });
    clock.set('2026-06-01T12:30:00.000Z');
    const waiting = [
      `${w.partner.orgId} first_response met 30/60 30 - public`,
      `${w.publisher.orgId} resolution paused 60/2880 2820 - public`,
      `${w.publisher.orgId} first_response met 60/240 180 - public`,
    ];
    // Every party sees the same clocks: all of them are commitments made to the customer.
    for (const viewer of [w.customer, w.partner, w.engineer]) assert.deepEqual((await clocksSeenBy(ctx, viewer, caseId)).map(line), waiting);
    await postMessage(ctx, w.customer, caseId, 'replies', { body: 'Version 4.2.' });
    clock.set('2026-06-01T13:30:00.000Z');
    assert.deepEqual((await clocksSeenBy(ctx, w.customer, caseId)).map(line)[1], `${w.publisher.orgId} resolution running 120/2880 2760 2026-06-03T11:30:00.000Z public`);
  });
});

describe('a case\'s clocks: handed from a reseller to its provider and on to the operator', () => {
  let ctx: TestContext;
  let w: Awaited<ReturnType<typeof makeIndirectWorld>>;
  let caseId: string;

  before(async () => {
    ctx = await testContext({ clock });
    clock.set('2026-06-01T08:00:00.000Z');
    w = await makeIndirectWorld(ctx);
    // No policies: the default for every party, Mon–Fri 09:00–18:00 UTC, moderate 240 / 1620 minutes.
    clock.set('2026-06-01T09:00:00.000Z');
    caseId = (await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing', severity: 'moderate' }))).id;
    clock.set('2026-06-01T09:30:00.000Z');
    await act(ctx, w.reseller, caseId, 'escalate', { reason: 'Needs the distributor\'s billing team.' });
    clock.set('2026-06-01T10:00:00.000Z');
    await act(ctx, w.provider, caseId, 'escalate');
    clock.set('2026-06-01T10:15:00.000Z');
  });

  // The reseller's first response waits (handing on to a tier is not answering); its resolution
  // counts while its tiers hold the case: 75 minutes, 1545 left = the rest of Monday (465), Tuesday
  // (540) and Wednesday (540), so due Wednesday 18:00.
  const everyClock = () => [
    `${w.reseller.orgId} first_response paused 30/240 210 - public`,
    `${w.reseller.orgId} resolution running 75/1620 1545 2026-06-03T18:00:00.000Z public`,
    `${w.provider.orgId} first_response paused 30/240 210 - partners`,
    `${w.operator.orgId} first_response running 15/240 225 2026-06-01T14:00:00.000Z partners`,
  ];

  for (const who of ['reseller', 'provider', 'operator'] as const) {
    it(`shows the ${who} every party's clocks`, async () => {
      assert.deepEqual((await clocksSeenBy(ctx, w[who], caseId)).map(line), everyClock());
    });
  }

  it('shows the customer only the commitments made to it', async () => {
    const seen = await clocksSeenBy(ctx, w.customer, caseId);
    assert.deepEqual(seen.map(line), everyClock().slice(0, 2));
    assert.ok(seen.every((c) => c.policy.source.kind === 'default'));
    assert.match(seen[0]!.policy.why.en, /default applies/);
  });

  it('tells a partners\' clock\'s warning to the partners only', async () => {
    // The operator's first response: 240 minutes from 10:00, a quarter left at 13:00.
    clock.set('2026-06-01T13:05:00.000Z');
    const told = await createSlaScan({ db: ctx.db, now: clock, newId, warningShare: 0.25 }).run();
    assert.deepEqual({ warnings: told.warnings, breaches: told.breaches }, { warnings: 1, breaches: 0 });
    const { rows } = await ctx.db.withOwner((tx) => sql<{ data: { party: { orgId: string } }; audience_org_ids: string[] }>`
      SELECT data, audience_org_ids FROM domain_events WHERE subject_id = ${caseId} AND type = 'case.sla_warning'`.execute(tx));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.data.party.orgId, w.operator.orgId);
    assert.deepEqual([...rows[0]!.audience_org_ids].sort(), [w.reseller.orgId, w.provider.orgId, w.operator.orgId].sort());
    const customerSees = await ctx.db.withTenant({ orgId: w.customerOrg.id, orgKind: 'customer', userId: w.customer.userId }, (tx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM case_sla_notices WHERE case_id = ${caseId}`.execute(tx));
    assert.equal(customerSees.rows[0]!.n, 0);
  });

  it('meets the operator\'s first response with its public reply', async () => {
    clock.set('2026-06-01T13:30:00.000Z');
    await postMessage(ctx, w.operator, caseId, 'replies', { body: 'One charge is already reversed.' });
    const operatorClock = (await clocksSeenBy(ctx, w.provider, caseId)).find((c) => c.party.orgId === w.operator.orgId)!;
    assert.equal(line(operatorClock), `${w.operator.orgId} first_response met 210/240 30 - partners`);
  });
});

describe('the inbox by deadline', () => {
  let ctx: TestContext;
  let w: Awaited<ReturnType<typeof makeDirectWorld>>;
  const ids: Record<string, string> = {};

  const list = async (actor: Actor, query: string) => {
    const res = await call(ctx, actor, 'GET', `/api/v1/cases?${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { items: { id: string; dueAt: string | null; slaBreached: boolean }[]; nextCursor: string | null };
  };
  const names = (items: { id: string }[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? i.id);

  before(async () => {
    ctx = await testContext({ clock });
    clock.set('2026-06-01T08:00:00.000Z');
    w = await makeDirectWorld(ctx);
    await setPolicy(ctx, w.partner, ROUND_THE_CLOCK);
    const open = async (name: string, at: string) => {
      clock.set(at);
      ids[name] = (await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'billing', title: name }))).id;
    };
    await open('first', '2026-06-01T09:00:00.000Z'); // first response due 10:00
    await open('second', '2026-06-01T09:10:00.000Z'); // due 10:10
    await open('answered', '2026-06-01T09:20:00.000Z');
    clock.set('2026-06-01T09:25:00.000Z');
    await postMessage(ctx, w.partner, ids.answered!, 'replies', { body: 'On it.' }); // next: resolution, due 19:20
    await open('resolved', '2026-06-01T09:30:00.000Z');
    clock.set('2026-06-01T09:35:00.000Z');
    await act(ctx, w.partner, ids.resolved!, 'resolve'); // no deadline
    clock.set('2026-06-01T09:40:00.000Z');
  });

  it('carries the organization\'s own next deadline on each row', async () => {
    const page = await list(w.partner, 'sort=due');
    assert.deepEqual(page.items.map((i) => [names([i])[0], i.dueAt, i.slaBreached]), [
      ['first', '2026-06-01T10:00:00.000Z', false],
      ['second', '2026-06-01T10:10:00.000Z', false],
      ['answered', '2026-06-01T19:20:00.000Z', false],
      ['resolved', null, false],
    ]);
    // The customer commits to nothing: no deadline of its own.
    assert.ok((await list(w.customer, 'sort=due')).items.every((i) => i.dueAt === null && !i.slaBreached));
  });

  it('pages by deadline with a stable cursor, then the cases without one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await list(w.partner, `sort=due&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...names(page.items));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.deepEqual(seen, ['first', 'second', 'answered', 'resolved']);
    const byUpdate = await list(w.partner, 'limit=1');
    const refused = await call(ctx, w.partner, 'GET', `/api/v1/cases?sort=due&cursor=${byUpdate.nextCursor}`);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'INVALID_CURSOR');
  });

  it('filters by due_before and breached', async () => {
    assert.deepEqual(names((await list(w.partner, 'sort=due&due_before=2026-06-01T10:05:00.000Z')).items), ['first']);
    assert.deepEqual(names((await list(w.partner, 'breached=true')).items), []);
    const bad = await call(ctx, w.partner, 'GET', '/api/v1/cases?due_before=tomorrow');
    assert.equal(bad.status, 400);
    // Past the first case's deadline, the scan marks it breached.
    clock.set('2026-06-01T10:06:00.000Z');
    await createSlaScan({ db: ctx.db, now: clock, newId, warningShare: 0.25 }).run();
    assert.deepEqual(names((await list(w.partner, 'breached=true')).items), ['first']);
    assert.deepEqual(names((await list(w.partner, 'sort=due&breached=false')).items), ['second', 'answered', 'resolved']);
    const overdue = (await list(w.partner, 'sort=due')).items[0]!;
    assert.deepEqual([names([overdue])[0], overdue.dueAt, overdue.slaBreached], ['first', '2026-06-01T10:00:00.000Z', true]);
  });
});

describe('the OpenAPI document', () => {
  it('documents a case\'s clocks, the inbox\'s deadline and its sort and filters, and the SLA event types', async () => {
    const ctx = await testContext({ clock });
    const doc = await call(ctx, null, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    const caseSchema = doc.body.components.schemas.Case;
    assert.equal(caseSchema.properties.sla.type, 'array');
    assert.deepEqual(Object.keys(caseSchema.properties.sla.items.properties).sort(), [
      'aroundTheClock', 'breachedAt', 'dueAt', 'elapsedMinutes', 'metAt', 'party', 'policy', 'remainingMinutes', 'status', 'target', 'targetMinutes', 'visibility',
    ]);
    const item = doc.body.components.schemas.InboxItem;
    assert.ok(item.properties.dueAt && item.properties.slaBreached);
    const params = (doc.body.paths['/api/v1/cases'].get.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
    for (const name of ['sort', 'due_before', 'breached']) assert.ok(params.includes(name), name);
    // Webhook endpoints and preferences choose among the event types.
    assert.ok(JSON.stringify(doc.body).includes('case.sla_breached') && JSON.stringify(doc.body).includes('case.sla_warning'));
  });
});
