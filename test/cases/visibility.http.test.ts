import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import * as repo from '../../src/modules/cases/cases.repository.ts';
import { testContext, type TestContext } from '../harness.ts';
import { call, makeActor, type Actor } from '../factories.ts';
import {
  caseAction, caseBody, everythingSeenBy, FILES, injectRaw, makeDirectWorld, openCase, postMessage, theOperator, upload,
} from '../case-factories.ts';

let ctx: TestContext;
before(async () => {
  ctx = await testContext();
  await theOperator(ctx);
});

/**
 * A technical case held by the publisher with the partner on it, carrying a public reply, a
 * partners-only note and one internal note of each side, each with an attachment whose name and
 * content carry the same secret word.
 */
async function caseWithNotes() {
  const w = await makeDirectWorld(ctx);
  const c = await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
  assert.equal(c.holder.id, w.publisher.orgId);
  const tag = randomBytes(4).toString('hex');
  const words = {
    public: `PUBLIC-${tag}`, partners: `PARTNERS-${tag}`, partnerInternal: `PARTNERINTERNAL-${tag}`, publisherInternal: `PUBLISHERINTERNAL-${tag}`,
  };
  const messages = {
    partners: await postMessage(ctx, w.helpdesk, c.id, 'notes', { body: `${words.partners} the customer is on an old plan`, visibility: 'partners' }),
    partnerInternal: await postMessage(ctx, w.helpdesk, c.id, 'notes', { body: `${words.partnerInternal} they are late paying`, visibility: 'internal' }),
    publisherInternal: await postMessage(ctx, w.engineer, c.id, 'notes', { body: `${words.publisherInternal} known defect 881`, visibility: 'internal' }),
    public: await postMessage(ctx, w.engineer, c.id, 'replies', { body: `${words.public} please upgrade` }),
  };
  const authors: Record<keyof typeof messages, Actor> = { partners: w.helpdesk, partnerInternal: w.helpdesk, publisherInternal: w.engineer, public: w.engineer };
  const attachments = {} as Record<keyof typeof messages, string>;
  for (const key of Object.keys(messages) as (keyof typeof messages)[]) {
    const res = await upload(ctx, authors[key], c.id, messages[key], { fileName: `${words[key]}.txt`, contentType: 'text/plain', content: `${words[key]} log` });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    attachments[key] = res.body.attachment.id;
  }
  return { w, caseId: c.id, words, messages, attachments };
}

type World = Awaited<ReturnType<typeof caseWithNotes>>;

/** Asserts what a viewer sees and never sees, across the case, its messages, its events and each attachment. */
async function assertSees(world: World, viewer: Actor, visible: (keyof World['words'])[]) {
  const seen = await everythingSeenBy(ctx, viewer, world.caseId);
  assert.deepEqual(seen.status, [200, 200, 200]);
  for (const key of Object.keys(world.words) as (keyof World['words'])[]) {
    const shows = visible.includes(key);
    for (const secret of [world.words[key], world.messages[key], world.attachments[key]]) {
      assert.equal(seen.text.includes(secret), shows, `${viewer.orgId} ${shows ? 'sees' : 'must not see'} ${key} (${secret})`);
    }
    const file = await injectRaw(ctx, viewer, 'GET', `/api/v1/cases/${world.caseId}/attachments/${world.attachments[key]}`);
    assert.equal(file.status, shows ? 200 : 404, `${key} attachment`);
    if (shows) assert.equal(file.raw.toString(), `${world.words[key]} log`);
    else {
      assert.equal(file.body.code, 'ATTACHMENT_NOT_FOUND');
      assert.ok(!file.raw.toString().includes(world.words[key]));
    }
  }
}

describe('cases: internal and partner-only messages never reach those who may not see them', () => {
  it('the customer sees only public messages, their attachments and events — in the case, messages, events and downloads', async () => {
    const world = await caseWithNotes();
    await assertSees(world, world.w.customer, ['public']);
    const types = (await call(ctx, world.w.customer, 'GET', `/api/v1/cases/${world.caseId}/events?limit=100`)).body.items.map((e: { type: string }) => e.type);
    assert.ok(!types.includes('noted'));
    assert.equal(types.filter((t: string) => t === 'attachment_added').length, 1, 'only the public attachment\'s event');
  });

  it('the publisher sees partners-only notes but not the partner\'s internal ones; the partner not the publisher\'s', async () => {
    const world = await caseWithNotes();
    await assertSees(world, world.w.engineer, ['public', 'partners', 'publisherInternal']);
    await assertSees(world, world.w.partner, ['public', 'partners', 'partnerInternal']);
  });

  it('the answers to the customer\'s own actions carry nothing hidden from it', async () => {
    const world = await caseWithNotes();
    const reply = await caseAction(ctx, world.w.customer, world.caseId, 'replies', { body: 'Thanks' });
    assert.equal(reply.status, 201);
    const closed = await caseAction(ctx, world.w.customer, world.caseId, 'close');
    assert.equal(closed.status, 200);
    for (const raw of [reply.raw, closed.raw]) {
      for (const key of ['partners', 'partnerInternal', 'publisherInternal'] as const) {
        assert.ok(!raw.includes(world.words[key]) && !raw.includes(world.messages[key]) && !raw.includes(world.attachments[key]), key);
      }
    }
  });

  it('a customer can\'t attach to a note it can\'t see (404), and nobody attaches to another organization\'s message (403)', async () => {
    const world = await caseWithNotes();
    const hidden = await upload(ctx, world.w.customer, world.caseId, world.messages.partners, { fileName: 'x.txt', contentType: 'text/plain', content: 'x' });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.code, 'MESSAGE_NOT_FOUND');
    const foreign = await upload(ctx, world.w.engineer, world.caseId, world.messages.partners, { fileName: 'x.txt', contentType: 'text/plain', content: 'x' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 'PERMISSION_DENIED');
    const internal = await upload(ctx, world.w.engineer, world.caseId, world.messages.partnerInternal, { fileName: 'x.txt', contentType: 'text/plain', content: 'x' });
    assert.equal(internal.status, 404);
  });

  it('an organization outside the case gets 404 for the case, its messages, events and every attachment', async () => {
    const world = await caseWithNotes();
    const strangers = [await makeActor(ctx, 'partner', ['global_admin'], { model: 'direct' }), await makeActor(ctx, 'customer', ['customer_admin']), await theOperator(ctx)];
    for (const stranger of strangers) {
      const seen = await everythingSeenBy(ctx, stranger, world.caseId);
      assert.deepEqual(seen.status, [404, 404, 404]);
      for (const id of Object.values(world.attachments)) {
        const file = await injectRaw(ctx, stranger, 'GET', `/api/v1/cases/${world.caseId}/attachments/${id}`);
        assert.equal(file.status, 404);
      }
      const write = await upload(ctx, stranger, world.caseId, world.messages.public, { fileName: 'x.png', contentType: 'image/png', content: FILES.png });
      assert.equal(write.status, 404);
      const reply = await caseAction(ctx, stranger, world.caseId, 'replies', { body: 'hello?' });
      assert.equal(reply.status, 404);
      assert.equal(reply.body.code, 'CASE_NOT_FOUND');
    }
  });

  it('row-level security alone (the second wall) hides the notes from the customer and the partner\'s internal note from the publisher', async () => {
    const world = await caseWithNotes();
    const rowsSeenBy = (orgId: string, orgKind: 'customer' | 'publisher', table: 'case_messages' | 'case_attachments' | 'case_events') =>
      ctx.db.withTenant({ orgId, orgKind, userId: 'usr_probe' }, (tx) => sql<{ visibility: string }>`SELECT visibility FROM ${sql.table(table)} WHERE case_id = ${world.caseId}`.execute(tx));
    for (const table of ['case_messages', 'case_attachments', 'case_events'] as const) {
      const customer = await rowsSeenBy(world.w.customerOrg.id, 'customer', table);
      assert.ok(customer.rows.length > 0 && customer.rows.every((r) => r.visibility === 'public'), table);
    }
    const publisher = await ctx.db.withTenant({ orgId: world.w.publisher.orgId, orgKind: 'publisher', userId: 'usr_probe' },
      (tx) => sql<{ id: string }>`SELECT id FROM case_messages WHERE case_id = ${world.caseId}`.execute(tx));
    const ids = publisher.rows.map((r) => r.id);
    assert.ok(ids.includes(world.messages.partners) && ids.includes(world.messages.publisherInternal) && !ids.includes(world.messages.partnerInternal));
  });

  it('the repository alone (the first wall) filters by participation and visibility, even as the owner who bypasses row security', async () => {
    const world = await caseWithNotes();
    const customer = { orgId: world.w.customerOrg.id, orgKind: 'customer' as const };
    const publisher = { orgId: world.w.publisher.orgId, orgKind: 'publisher' as const };
    const stranger = { orgId: 'org_stranger', orgKind: 'partner' as const };
    await ctx.db.withOwner(async (tx) => {
      const all = await tx.selectFrom('case_messages').select('id').where('case_id', '=', world.caseId).execute();
      assert.equal(all.length, 4, 'the owner sees every row');
      const forCustomer = await repo.listMessages(tx, customer, world.caseId, { limit: 100 });
      assert.deepEqual(forCustomer.map((m) => m.id), [world.messages.public]);
      const forPublisher = await repo.listMessages(tx, publisher, world.caseId, { limit: 100 });
      assert.deepEqual(new Set(forPublisher.map((m) => m.id)), new Set([world.messages.partners, world.messages.publisherInternal, world.messages.public]));
      assert.equal((await repo.listEvents(tx, customer, world.caseId, { limit: 100 })).every((e) => e.visibility === 'public'), true);
      assert.equal(await repo.findAttachment(tx, customer, world.caseId, world.attachments.partners), undefined);
      assert.equal(await repo.findMessage(tx, publisher, world.caseId, world.messages.partnerInternal), undefined);
      assert.equal(await repo.findCase(tx, stranger, world.caseId), undefined);
      assert.deepEqual(await repo.listMessages(tx, stranger, world.caseId, { limit: 100 }), []);
      assert.deepEqual(await repo.listParticipants(tx, stranger, world.caseId), []);
    });
  });
});
