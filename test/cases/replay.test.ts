/**
 * Replaying the stored history: cases opened and worked over HTTP on a real database (a scripted
 * story that writes every kind of entry, and random actions by random parties), and the demo's
 * cases after a demo load — each case's history, read as the owner and parsed at the boundary,
 * folds (foldCaseHistory) into the case exactly as it is stored: status, category, holder,
 * responsible, assignee, reference, incident, chain, participants with their roles and times,
 * version and dates. Along the random runs, what GET /cases/:id lists in `allowedActions` is what
 * the actions then accept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { foldCaseHistory, parseCaseHistoryEntry, type CaseState } from '../../src/core/case-history.ts';
import type { Database } from '../../src/db/database.ts';
import { loadDemoData } from '../../src/demo/index.ts';
import { caseAction, caseBody, makeDirectWorld, makeIndirectWorld, openCase, theOperator, upload, userOf } from '../case-factories.ts';
import { call, type Actor } from '../factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { openScratchDatabase } from '../scratch-database.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

/** The case as the fold says it, and as the rows say it, in one comparable shape (times in ms, participants by organization). */
function comparable(s: Omit<CaseState, 'transferStack'>) {
  return {
    id: s.id, title: s.title, status: s.status, category: s.category, severity: s.severity,
    requesterOrgId: s.requesterOrgId, requesterUserId: s.requesterUserId, customerId: s.customerId, chain: s.chain,
    offerId: s.offerId, subscriptionId: s.subscriptionId, responsibleOrgId: s.responsibleOrgId, holderOrgId: s.holderOrgId,
    assigneeUserId: s.assigneeUserId, externalReference: s.externalReference, incidentId: s.incidentId, version: s.version,
    createdAt: s.createdAt.getTime(), updatedAt: s.updatedAt.getTime(), resolvedAt: s.resolvedAt?.getTime() ?? null, closedAt: s.closedAt?.getTime() ?? null,
    participants: [...s.participants].sort((a, b) => a.orgId.localeCompare(b.orgId)).map((p) => ({ orgId: p.orgId, role: p.role, joinedAt: p.joinedAt.getTime() })),
  };
}

/** Folds a case's stored history and compares it with its stored row and participants, as the owner reads them; answers the entries' types. */
async function assertReplays(db: Database, caseId: string, label = caseId): Promise<string[]> {
  const { rows, c, members } = await db.withOwner(async (tx) => ({
    rows: await tx.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute(),
    c: await tx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
    members: await tx.selectFrom('case_participants').selectAll().where('case_id', '=', caseId).execute(),
  }));
  const folded = foldCaseHistory(rows.map(parseCaseHistoryEntry));
  const stored = comparable({
    id: c.id, title: c.title, status: c.status, category: c.category as CaseState['category'], severity: c.severity,
    requesterOrgId: c.requester_org_id, requesterUserId: c.requester_user_id, customerId: c.customer_id,
    chain: { publisherId: c.publisher_id, partnerId: c.partner_id, providerId: c.provider_id, resellerId: c.reseller_id, operatorId: c.operator_id },
    offerId: c.offer_id, subscriptionId: c.subscription_id, responsibleOrgId: c.responsible_org_id, holderOrgId: c.holder_org_id,
    assigneeUserId: c.assignee_user_id, externalReference: c.external_reference, incidentId: c.incident_id, version: c.version,
    createdAt: new Date(c.created_at), updatedAt: new Date(c.updated_at), resolvedAt: c.resolved_at, closedAt: c.closed_at,
    participants: members.map((p) => ({ orgId: p.org_id, role: p.role, joinedAt: new Date(p.joined_at) })),
  });
  assert.deepEqual(comparable(folded), stored, `${label}: the history folds into the case as stored`);
  return rows.map((r) => r.type);
}

describe('replay: a story that writes every kind of entry', () => {
  it('folds into the case as stored after every step', async () => {
    const w = await makeDirectWorld(ctx, { preference: 'tier1' });
    const operator = await theOperator(ctx);
    const partner = w.partner;
    const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId, category: 'technical_howto' }));
    assert.equal(c.holder.id, partner.orgId, 'tier1: the partner answers how-to questions first');
    const step = async (actor: Actor, path: string, body?: unknown) => {
      const res = await caseAction(ctx, actor, c.id, path, body);
      assert.ok(res.status === 200 || res.status === 201, `${path}: ${res.status} ${JSON.stringify(res.body)}`);
      await assertReplays(ctx.db, c.id, path);
      return res.body;
    };
    await step(partner, 'notes', { body: 'Looking into it.', visibility: 'internal' });
    await step(partner, 'assign', { userId: w.helpdesk.userId });
    await step(w.helpdesk, 'replies', { body: 'Which version do you run?', awaitingCustomer: true });
    const answer = await step(w.customer, 'replies', { body: 'Version 7.2.' });
    const file = await upload(ctx, w.customer, c.id, answer.message.id, { fileName: 'agent.log', contentType: 'text/plain', content: 'E42 at 02:00\n' });
    assert.equal(file.status, 201, JSON.stringify(file.body));
    await assertReplays(ctx.db, c.id, 'attach');
    await step(w.helpdesk, 'forward', { reason: 'A defect in 7.2' });
    await step(w.publisher, 'external-reference', { externalReference: 'PUB-1' });
    await step(w.publisher, 'hand-back', { reason: 'It is configuration' });
    await step(partner, 'reroute', { category: 'billing', reason: 'It is about the invoice after all' });
    await step(partner, 'escalate', { target: 'operator', reason: 'A commerce question' });
    await step(operator, 'resolve');
    await step(w.customer, 'reopen', { reason: 'Not quite' });
    await step(operator, 'resolve');
    await step(w.customer, 'close');
    const types = await assertReplays(ctx.db, c.id);
    assert.deepEqual([...new Set(types)].sort(), [
      'assigned', 'attachment_added', 'closed', 'escalated', 'external_reference_set', 'forwarded', 'handed_back', 'noted', 'opened',
      'reopened', 'replied', 'rerouted', 'resolved', 'routed', 'status_changed',
    ]);
  });
});

// ---- Random actions by random parties ----

type World = { actors: Actor[]; open: { by: Actor; body: Record<string, unknown> }[] };
let worlds: World[] = [];

const CATEGORIES = ['billing', 'payment', 'subscription', 'technical_howto', 'technical_breakfix', 'commerce_platform'] as const;
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 4 });
const action = fc.oneof(
  often(fc.record({ do: fc.constant('replies' as const), awaitingCustomer: fc.boolean() })),
  often(fc.record({ do: fc.constant('notes' as const), visibility: fc.constantFrom('internal' as const, 'partners' as const) })),
  often(fc.record({ do: fc.constant('assign' as const), who: fc.constantFrom('nobody' as const, 'holder' as const, 'anyone' as const), pick: fc.nat({ max: 50 }) })),
  often(fc.record({ do: fc.constantFrom('forward' as const, 'hand-back' as const, 'resolve' as const, 'reopen' as const) })),
  often(fc.record({ do: fc.constant('escalate' as const), target: fc.constantFrom(undefined, 'provider' as const, 'operator' as const) })),
  often(fc.record({ do: fc.constant('reroute' as const), category: fc.constantFrom(...CATEGORIES) })),
  often(fc.record({ do: fc.constant('external-reference' as const), value: fc.constantFrom('REF-1', 'REF-2', null) })),
  often(fc.record({ do: fc.constant('attach' as const) })),
  // Rarer: nothing happens to a closed case.
  { arbitrary: fc.record({ do: fc.constant('close' as const) }), weight: 1 },
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

/** The action of `allowedActions` a request stands for, when its own inputs can't be refused (null: not checked). */
function listedAs(a: Action): string | null {
  switch (a.do) {
    case 'replies': return a.awaitingCustomer ? 'reply_awaiting_customer' : 'reply';
    case 'notes': return 'note';
    case 'assign': return a.who === 'nobody' ? 'assign' : null;
    case 'forward': return 'forward';
    case 'hand-back': return 'hand_back';
    case 'resolve': case 'reopen': case 'close': return a.do;
    case 'escalate': return 'escalate';
    case 'external-reference': return a.value === null ? null : 'set_external_reference';
    case 'reroute': case 'attach': return null;
  }
}

describe('replay: random actions by random parties over HTTP', () => {
  before(async () => {
    const direct = await makeDirectWorld(ctx, { preference: 'tier1' });
    const indirect = await makeIndirectWorld(ctx, { preference: 'tier1' });
    const operator = await theOperator(ctx);
    const directBilling = await userOf(ctx, direct.partner.org, ['billing_admin']);
    const resellerHelpdesk = await userOf(ctx, indirect.reseller.org, ['helpdesk_agent']);
    const providerBilling = await userOf(ctx, indirect.provider.org, ['billing_admin']);
    worlds = [
      {
        actors: [direct.customer, direct.partner, direct.helpdesk, directBilling, direct.publisher, direct.engineer, operator],
        open: [
          { by: direct.customer, body: caseBody({ subscriptionId: direct.subscriptionId, category: 'technical_howto' }) },
          { by: direct.customer, body: caseBody({ subscriptionId: direct.subscriptionId, category: 'billing' }) },
          { by: direct.customer, body: caseBody({ subscriptionId: direct.subscriptionId, category: 'technical_breakfix' }) },
          { by: direct.partner, body: caseBody({ subscriptionId: direct.subscriptionId, category: 'commerce_platform' }) },
        ],
      },
      {
        actors: [indirect.customer, indirect.reseller, resellerHelpdesk, indirect.provider, providerBilling, indirect.publisher, operator],
        open: [
          { by: indirect.customer, body: caseBody({ subscriptionId: indirect.subscriptionId, category: 'technical_howto' }) },
          { by: indirect.customer, body: caseBody({ subscriptionId: indirect.subscriptionId, category: 'payment' }) },
          { by: indirect.reseller, body: caseBody({ subscriptionId: indirect.subscriptionId, category: 'commerce_platform' }) },
          { by: indirect.customer, body: caseBody({ subscriptionId: indirect.subscriptionId, category: 'subscription' }) },
        ],
      },
    ];
  });

  it('folds every case into the case as stored, and allowedActions lists what is then accepted', async () => {
    const run = fc.record({
      world: fc.nat({ max: 1 }), opening: fc.nat({ max: 3 }),
      steps: fc.array(fc.record({ actor: fc.nat({ max: 6 }), action }), { minLength: 8, maxLength: 20 }),
    });
    await fc.assert(fc.asyncProperty(run, async ({ world, opening, steps }) => {
      const w = worlds[world]!;
      const { by, body } = w.open[opening]!;
      const c = await openCase(ctx, by, body);
      const messages: { id: string; orgId: string }[] = [];
      for (const [n, s] of steps.entries()) {
        const actor = w.actors[s.actor]!;
        const seen = await call(ctx, actor, 'GET', `/api/v1/cases/${c.id}`);
        const a = s.action;
        let res: { status: number; body: { message?: { id: string }; holder?: { id: string } } | undefined };
        switch (a.do) {
          case 'replies': res = await caseAction(ctx, actor, c.id, 'replies', { body: `Reply ${n}`, ...(a.awaitingCustomer ? { awaitingCustomer: true } : {}) }); break;
          case 'notes': res = await caseAction(ctx, actor, c.id, 'notes', { body: `Note ${n}`, visibility: a.visibility }); break;
          case 'assign': {
            const holderId = seen.status === 200 ? (seen.body.holder.id as string) : null;
            const pool = a.who === 'holder' ? w.actors.filter((x) => x.orgId === holderId) : w.actors;
            const user = a.who === 'nobody' || pool.length === 0 ? null : pool[a.pick % pool.length]!.userId;
            res = await caseAction(ctx, actor, c.id, 'assign', { userId: user });
            break;
          }
          case 'escalate': res = await caseAction(ctx, actor, c.id, 'escalate', a.target ? { target: a.target } : {}); break;
          case 'reroute': res = await caseAction(ctx, actor, c.id, 'reroute', { category: a.category, reason: 'Another category' }); break;
          case 'external-reference': res = await caseAction(ctx, actor, c.id, 'external-reference', { externalReference: a.value }); break;
          case 'attach': {
            const own = messages.filter((m) => m.orgId === actor.orgId).pop() ?? messages[0];
            if (!own) continue;
            res = await upload(ctx, actor, c.id, own.id, { fileName: `n${n}.txt`, contentType: 'text/plain', content: `line ${n}\n` });
            break;
          }
          default: res = await caseAction(ctx, actor, c.id, a.do); break;
        }
        const accepted = res.status === 200 || res.status === 201;
        if (accepted && res.body?.message) messages.push({ id: res.body.message.id, orgId: actor.orgId });
        assert.ok(res.status < 500, `${a.do}: ${res.status} ${JSON.stringify(res.body)}`);
        const listed = listedAs(a);
        if (seen.status === 200 && listed) {
          const entry = (seen.body.allowedActions as { action: string; targets?: { tier?: string }[] }[]).find((x) => x.action === listed);
          const expected = entry !== undefined && (a.do !== 'escalate' || !a.target || (entry.targets ?? []).some((t) => t.tier === a.target));
          assert.equal(accepted, expected, `${a.do} by ${actor.roles.join('+')} of ${actor.orgId}: listed ${JSON.stringify(seen.body.allowedActions)}, answered ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      await assertReplays(ctx.db, c.id);
    }), { numRuns: 12, endOnFailure: true });
  });
});

describe('replay: the demo\'s cases', () => {
  let demo: { db: Database; drop: () => Promise<void> };
  before(async () => {
    demo = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sb_replay_demo', 1);
    const loaded = await loadDemoData(demo.db, { password: 'demo-password-for-replay' });
    assert.equal(loaded.loaded, true);
  });
  after(async () => demo?.drop());

  it('folds every demo case into the case as stored', async () => {
    const cases = await demo.db.withOwner((tx) => tx.selectFrom('cases').select(['id', 'title']).execute());
    assert.ok(cases.length >= 20, `the demo has its cases (${cases.length})`);
    const types = new Set<string>();
    for (const c of cases) for (const t of await assertReplays(demo.db, c.id, c.title)) types.add(t);
    for (const t of ['forwarded', 'escalated', 'handed_back', 'attachment_added', 'status_changed']) assert.ok(types.has(t), `the demo writes ${t} entries`);
  });
});
