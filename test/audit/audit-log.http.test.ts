/**
 * The audit log API: who may read which log, cursor pages and filters, the CSV export, failed
 * sign-ins naming no organization, and that the log is append-only and written with its change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { recordAudit, recordSignInFailure } from '../../src/modules/audit/index.ts';
import type { Viewer } from '../../src/core/parties.ts';
import { call, makeActor, makeUser, type Actor } from '../factories.ts';
import { testContext } from '../harness.ts';

const ctx = await testContext();
const base = '/api/v1/audit-log';

/** Makes `n` entries in an organization's log through the API (routing preferences, alternating). */
async function makeEntries(actor: Actor, n: number, offset = 0): Promise<void> {
  for (let i = offset; i < n + offset; i++) {
    const res = await call(ctx, actor, 'PUT', '/api/v1/routing/preferences/default', { preference: i % 2 === 0 ? 'tier1' : 'direct' });
    assert.equal(res.status, 200);
  }
}

const viewerOf = (a: Actor & { org: { kind: Viewer['orgKind'] } }): Viewer => ({
  userId: a.userId, orgId: a.orgId, orgKind: a.org.kind, partnerModel: a.org.kind === 'partner' ? 'direct' : null, roles: a.roles, via: 'token',
});

describe('the audit log', () => {
  it('is read by the organization\'s admins, not by other roles nor other organizations', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    await makeEntries(admin, 1);
    const userAdmin = await makeUser(ctx, admin.org, ['user_admin']);
    const helpdesk = await makeUser(ctx, admin.org, ['helpdesk_agent']);
    const other = await makeActor(ctx, 'partner', ['global_admin']);
    for (const reader of [admin, userAdmin]) {
      const res = await call(ctx, reader, 'GET', base);
      assert.equal(res.status, 200);
      assert.equal(res.body.items.length, 1);
    }
    assert.equal((await call(ctx, helpdesk, 'GET', base)).status, 403);
    assert.equal((await call(ctx, helpdesk, 'GET', `${base}.csv`)).status, 403);
    assert.equal((await call(ctx, null, 'GET', base)).status, 401);
    // Another organization's log: its own is empty, and naming the first one is a 404.
    assert.deepEqual((await call(ctx, other, 'GET', base)).body.items, []);
    const named = await call(ctx, other, 'GET', `${base}?orgId=${admin.orgId}`);
    assert.equal(named.status, 404);
    assert.equal(named.body.code, 'AUDIT_LOG_NOT_FOUND');
    // The admin roles of the other kinds.
    for (const [kind, role] of [['publisher', 'publisher_admin'], ['customer', 'customer_admin'], ['operator', 'operator_admin']] as const) {
      assert.equal((await call(ctx, await makeActor(ctx, kind, [role]), 'GET', base)).status, 200, role);
    }
    for (const [kind, role] of [['publisher', 'support_engineer'], ['customer', 'customer_user'], ['operator', 'commerce_support']] as const) {
      assert.equal((await call(ctx, await makeActor(ctx, kind, [role]), 'GET', base)).status, 403, role);
    }
  });

  it('shows the operator every organization\'s log, one organization by orgId, and the org-less entries', async () => {
    const a = await makeActor(ctx, 'partner', ['global_admin']);
    const b = await makeActor(ctx, 'partner', ['global_admin']);
    await makeEntries(a, 1);
    await makeEntries(b, 2);
    const email = `nobody-${Date.now()}@nowhere.example`;
    await ctx.db.withAnonymous({}, (tx) => recordSignInFailure(tx, { email, reason: 'unknown_email', request: { ip: '203.0.113.9', userAgent: 'probe', requestId: 'req-1' } }));
    // A failed sign-in naming a known user goes into that user's organization's log.
    await ctx.db.withAnonymous({}, (tx) => recordSignInFailure(tx, { email: a.email.toUpperCase(), reason: 'wrong_password' }));

    const operator = await makeActor(ctx, 'operator', ['operator_admin']);
    const all = await call(ctx, operator, 'GET', `${base}?limit=100`);
    assert.equal(all.status, 200);
    const orgs = new Set(all.body.items.map((e: { orgId: string | null }) => e.orgId));
    assert.ok(orgs.has(a.orgId) && orgs.has(b.orgId) && orgs.has(null));
    const onlyB = await call(ctx, operator, 'GET', `${base}?orgId=${b.orgId}`);
    assert.deepEqual(onlyB.body.items.map((e: { orgId: string }) => e.orgId), [b.orgId, b.orgId]);
    const orgless = (await call(ctx, operator, 'GET', `${base}?orgId=none&action=auth.sign_in_failed&limit=100`)).body.items as { orgId: null; details: { email: string }; ip: string }[];
    const mine = orgless.find((e) => e.details.email === email);
    assert.deepEqual(mine && { orgId: mine.orgId, ip: mine.ip }, { orgId: null, ip: '203.0.113.9' });
    // Nobody else sees the org-less entry; the user's admins see the attempt on their user.
    assert.ok(!(await call(ctx, b, 'GET', `${base}?limit=100`)).raw.includes(email));
    const failed = (await call(ctx, a, 'GET', `${base}?action=auth.sign_in_failed`)).body.items;
    assert.deepEqual(failed.map((e: { subjectId: string; actorUserId: null; details: { reason: string } }) => [e.subjectId, e.actorUserId, e.details.reason]), [[a.userId, null, 'wrong_password']]);
  });

  it('writes a failed sign-in into each organization with a user of the e-mail, or only the user named', async () => {
    const a = await makeActor(ctx, 'partner', ['global_admin']);
    const b = await makeActor(ctx, 'customer', ['customer_admin']);
    const twin = await makeUser(ctx, b.org, ['customer_user'], { email: a.email });
    assert.equal(await ctx.db.withAnonymous({}, (tx) => recordSignInFailure(tx, { email: a.email, reason: 'wrong_password' })), 2);
    assert.equal(await ctx.db.withAnonymous({}, (tx) => recordSignInFailure(tx, { email: a.email, userId: twin.userId, reason: 'disabled' })), 1);
    const reasons = async (reader: Actor) => (await call(ctx, reader, 'GET', `${base}?action=auth.sign_in_failed`)).body.items.map((e: { subjectId: string; details: { reason: string } }) => [e.subjectId, e.details.reason]);
    assert.deepEqual(await reasons(a), [[a.userId, 'wrong_password']]);
    assert.deepEqual(await reasons(b), [[twin.userId, 'disabled'], [twin.userId, 'wrong_password']]);
  });

  it('pages by cursor, newest first, and filters by action, actor, subject and time', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const colleague = await makeUser(ctx, admin.org, ['admin_agent']);
    await makeEntries(admin, 5);
    await makeEntries(colleague, 2, 1);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(ctx, admin, 'GET', `${base}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(new Set(seen).size, 7);
    const full = (await call(ctx, admin, 'GET', `${base}?limit=100`)).body.items as { id: string; occurredAt: string; actorUserId: string }[];
    assert.deepEqual(seen, full.map((e) => e.id));
    const times = full.map((e) => Date.parse(e.occurredAt));
    assert.deepEqual(times, [...times].sort((x, y) => y - x));

    const byActor = (await call(ctx, admin, 'GET', `${base}?actorUserId=${colleague.userId}`)).body.items;
    assert.equal(byActor.length, 2);
    const byAction = (await call(ctx, admin, 'GET', `${base}?action=routing_preference.default_set&action=offer.created`)).body.items;
    assert.equal(byAction.length, 7);
    assert.equal((await call(ctx, admin, 'GET', `${base}?action=offer.created`)).body.items.length, 0);
    assert.equal((await call(ctx, admin, 'GET', `${base}?subjectType=routing_preference&subjectId=default`)).body.items.length, 7);
    const oldest = full.at(-1)!.occurredAt;
    const after = (await call(ctx, admin, 'GET', `${base}?from=${encodeURIComponent(new Date(Date.parse(oldest) + 1).toISOString())}`)).body.items;
    assert.ok(after.length < 7);
    assert.equal((await call(ctx, admin, 'GET', `${base}?to=${encodeURIComponent(oldest)}`)).body.items.length, 0);
    assert.equal((await call(ctx, admin, 'GET', `${base}?action=no.such`)).status, 400);
    assert.equal((await call(ctx, admin, 'GET', `${base}?from=0000-01-01T00:00:00Z`)).status, 400);
    assert.equal((await call(ctx, admin, 'GET', `${base}?cursor=bm90LWEtY3Vyc29y`)).status, 400);
  });

  it('exports the filtered log as CSV that parses back, formulas neutralized', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    await makeEntries(admin, 3);
    const hook = await call(ctx, admin, 'POST', '/api/v1/webhooks/endpoints', { url: 'https://hooks.example.com/x', description: '=HYPERLINK("http://evil")', eventTypes: ['case.opened'] }, { 'user-agent': '@SUM(1+1)' });
    assert.equal(hook.status, 201);
    const res = await call(ctx, admin, 'GET', `${base}.csv`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="audit-log-org_[a-z0-9]+\.csv"/);
    assert.ok(res.raw.startsWith('\uFEFF'));
    const rows = parse(res.raw, { bom: true, columns: true }) as Record<string, string>[];
    const json = (await call(ctx, admin, 'GET', `${base}?limit=100`)).body.items as { id: string; action: string }[];
    assert.deepEqual(rows.map((r) => [r.id, r.action]), json.map((e) => [e.id, e.action]));
    const created = rows.find((r) => r.action === 'webhook_endpoint.created')!;
    assert.equal(created.userAgent, '\'@SUM(1+1)');
    assert.deepEqual(JSON.parse(created.changes!).description, { before: null, after: '=HYPERLINK("http://evil")' });
    // Filters apply to the export too.
    const filtered = parse((await call(ctx, admin, 'GET', `${base}.csv?action=webhook_endpoint.created`)).raw, { bom: true, columns: true }) as unknown[];
    assert.equal(filtered.length, 1);
  });

  it('streams an export larger than one page', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const viewer = viewerOf(admin);
    await ctx.db.withTenant(viewer, (tx) => recordAudit(tx, viewer, Array.from({ length: 1_203 }, (_, i) => ({
      action: 'routing_preference.default_set' as const, subjectType: 'routing_preference', subjectId: `n${i}`,
    }))));
    const rows = parse((await call(ctx, admin, 'GET', `${base}.csv`)).raw, { bom: true, columns: true }) as { id: string }[];
    assert.equal(rows.length, 1_203);
    assert.equal(new Set(rows.map((r) => r.id)).size, 1_203);
  });

  it('leaves no entry for a change that was rolled back', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    const viewer = viewerOf(admin);
    await assert.rejects(ctx.db.withTenant(viewer, async (tx) => {
      await recordAudit(tx, viewer, [{ action: 'routing_preference.default_set', subjectType: 'routing_preference', subjectId: 'default' }]);
      throw new Error('the change failed');
    }), /the change failed/);
    // Through the API: a change refused by the database at commit, after its entry was written
    // (a deferred check that refuses this organization's preferences), leaves neither behind.
    const name = `audit_refuse_${admin.orgId}`;
    await ctx.db.withOwner(async (tx) => {
      await sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.partner_id = '${admin.orgId}' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$`).execute(tx);
      await sql.raw(`CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT OR UPDATE ON routing_preferences DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(tx);
    });
    try {
      const refused = await call(ctx, admin, 'PUT', '/api/v1/routing/preferences/default', { preference: 'tier1' });
      assert.ok(refused.status >= 400, JSON.stringify(refused.body));
    } finally {
      await ctx.db.withOwner(async (tx) => {
        await sql.raw(`DROP TRIGGER ${name} ON routing_preferences`).execute(tx);
        await sql.raw(`DROP FUNCTION ${name}()`).execute(tx);
      });
    }
    assert.equal((await call(ctx, admin, 'GET', '/api/v1/routing/preferences')).body.default, null);
    assert.deepEqual((await call(ctx, admin, 'GET', base)).body.items, []);
    const stored = await ctx.db.withOwner((tx) => tx.selectFrom('audit_log').select('id').where('actor_org_id', '=', admin.orgId).execute());
    assert.deepEqual(stored, []);
  });

  it('is append-only for the application role, and the owner can\'t change it either', async () => {
    const admin = await makeActor(ctx, 'partner', ['global_admin']);
    await makeEntries(admin, 1);
    const viewer = viewerOf(admin);
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => sql`UPDATE audit_log SET action = 'offer.created' WHERE org_id = ${admin.orgId}`.execute(tx)), /permission denied/);
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => sql`DELETE FROM audit_log WHERE org_id = ${admin.orgId}`.execute(tx)), /permission denied/);
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => sql`TRUNCATE audit_log`.execute(tx)), /permission denied/);
    await assert.rejects(ctx.db.withOwner((tx) => sql`UPDATE audit_log SET action = 'offer.created' WHERE org_id = ${admin.orgId}`.execute(tx)), /append-only/);
    await assert.rejects(ctx.db.withOwner((tx) => sql`DELETE FROM audit_log WHERE org_id = ${admin.orgId}`.execute(tx)), /append-only/);
    // The application role can't run the retention function; a tenant can't write as another user or into a stranger's log.
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => sql`SELECT sb_purge_audit_log(now())`.execute(tx)), /permission denied/);
    const stranger = await makeActor(ctx, 'partner', ['global_admin']);
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => recordAudit(tx, viewer, [{ action: 'offer.created', subjectType: 'offer', subjectId: 'x', alsoOrgIds: [stranger.orgId] }])), /row-level security/);
    await assert.rejects(ctx.db.withTenant(viewer, (tx) => recordAudit(tx, { ...viewer, userId: stranger.userId }, [{ action: 'offer.created', subjectType: 'offer' }])), /row-level security/);
    assert.equal((await call(ctx, admin, 'GET', base)).body.items.length, 1);
  });
});
