/**
 * An incident reaches exactly the partners and customers it should and no one else: posted through
 * the API, fanned out by the worker (which finds the recipients batch by batch through
 * `incidentRecipientBatch`), and read back from event_recipients and notifications as the owner.
 * The batches walked with a small limit reach exactly what one batch does.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { incidentRecipientBatch } from '../../src/modules/health/index.ts';
import { makePartner, makeSellableOffer } from '../catalog-factories.ts';
import { makeRelationship } from '../channel-factories.ts';
import { testContext, type TestContext } from '../harness.ts';
import { customerOf, makeHealthWorld, postIncident, setNotice, subscribe, updateIncident, type HealthWorld } from '../health-factories.ts';

let ctx: TestContext;
let w: HealthWorld;

before(async () => {
  ctx = await testContext();
  w = await makeHealthWorld(ctx);
});

/** The organizations an event reached, and those whose users got it in their inbox, as the owner reads them. */
async function reached(incidentId: string, type: string): Promise<{ recipients: string[]; notified: string[] }> {
  return ctx.db.withOwner(async (tx) => {
    const event = await tx.selectFrom('domain_events').select('id').where('subject_id', '=', incidentId).where('type', '=', type).executeTakeFirstOrThrow();
    const recipients = await tx.selectFrom('event_recipients').select('org_id').where('event_id', '=', event.id).orderBy('org_id').execute();
    const notified = await tx.selectFrom('notifications').select('org_id').distinct().where('event_id', '=', event.id).orderBy('org_id').execute();
    return { recipients: recipients.map((r) => r.org_id), notified: notified.map((r) => r.org_id) };
  });
}

/** Walks every batch of an incident's recipients with a limit; answers the union and each batch's last subscription. */
async function walk(incidentId: string, limit: number): Promise<{ orgIds: string[]; lasts: string[] }> {
  const orgIds = new Set<string>();
  const lasts: string[] = [];
  let after: string | null = null;
  for (let round = 0; round < 1_000; round++) {
    const batch = await ctx.db.withOwner((tx) => incidentRecipientBatch(tx, incidentId, after, limit));
    if (batch.lastSubscriptionId === null) {
      assert.deepEqual(batch.orgIds, [], 'a batch that read nothing reaches no one');
      return { orgIds: [...orgIds].sort(), lasts };
    }
    for (const id of batch.orgIds) orgIds.add(id);
    lasts.push(batch.lastSubscriptionId);
    after = batch.lastSubscriptionId;
  }
  throw new Error('the walk did not end');
}

describe('who an incident reaches', () => {
  it('reaches exactly the partners of record of active subscriptions and the customers whose seller tells them', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Reach' });
    await ctx.jobs.drain();
    const expected = [
      w.direct.orgId, w.directCustomer.orgId, // a direct partner that tells, and its customer
      w.quiet.orgId, // a direct partner that never chose to tell — but not its customer
      w.provider.orgId, w.reseller.orgId, w.resellerCustomer.orgId, // provider, reseller that tells, its customer
    ].sort();
    const { recipients, notified } = await reached(incident.id, 'incident.posted');
    assert.deepEqual(recipients, expected);
    assert.deepEqual(notified, expected, 'every reached organization has a user who reads incidents; nobody else is notified');
    const nobody = [
      w.publisher.orgId, w.otherPublisher.orgId, w.operator.orgId, w.quietCustomer.orgId, w.lapsed.orgId, w.lapsedCustomer.orgId,
      w.dormant.orgId, w.dormantCustomer.orgId, w.stranger.orgId, w.strangerCustomer.orgId,
    ];
    for (const orgId of nobody) assert.ok(!recipients.includes(orgId) && !notified.includes(orgId), orgId);

    // A notification per user who reads incidents, in the user's words, pointing at the incident.
    const inbox = await ctx.db.withOwner((tx) => tx.selectFrom('notifications').select(['user_id', 'org_id', 'title', 'link'])
      .where('event_type', '=', 'incident.posted').where('link', '=', `/api/v1/incidents/${incident.id}`).execute());
    assert.ok(inbox.some((n) => n.user_id === w.directHelpdesk.userId));
    assert.ok(inbox.every((n) => n.title === 'Outage: Reach'), JSON.stringify(inbox.map((n) => n.title)));
    assert.equal(new Set(inbox.map((n) => n.user_id)).size, inbox.length, 'one notification per user');
  });

  it('reaches the same organizations with each update and the resolution, and follows a seller\'s change of mind', async () => {
    const incident = await postIncident(ctx, w.publisher, [w.offerId], { title: 'Updates reach' });
    await ctx.jobs.drain();
    const posted = (await reached(incident.id, 'incident.posted')).recipients;
    assert.equal((await updateIncident(ctx, w.publisher, incident.id, 'identified')).status, 201);
    await ctx.jobs.drain();
    assert.deepEqual((await reached(incident.id, 'incident.updated')).recipients, posted);
    await setNotice(ctx, w.quiet, true);
    assert.equal((await updateIncident(ctx, w.publisher, incident.id, 'resolved')).status, 201);
    await ctx.jobs.drain();
    assert.deepEqual((await reached(incident.id, 'incident.resolved')).recipients, [...posted, w.quietCustomer.orgId].sort());
    await setNotice(ctx, w.quiet, false);
  });

  it('walks the subscriptions of every offer of the incident in batches that together reach exactly what one batch does', async () => {
    // More subscriptions, over both offers, so that batches of 1, 2 and 3 cross offers and partners.
    const crowd = await makePartner(ctx, 'direct');
    await setNotice(ctx, crowd, true);
    const crowdCustomers = [];
    for (let n = 0; n < 4; n++) {
      const customer = await customerOf(ctx, crowd);
      crowdCustomers.push(customer);
      await subscribe(ctx, { offerId: n % 2 === 0 ? w.offerId : w.otherOfferId, publisherId: w.publisher.orgId, customer, buyer: crowd, chain: { partnerId: crowd.orgId } });
    }
    const provider2 = await makePartner(ctx, 'indirect_provider');
    const reseller2 = await makePartner(ctx, 'indirect_reseller');
    await makeRelationship(ctx, provider2, reseller2);
    const reseller2Customer = await customerOf(ctx, reseller2);
    await subscribe(ctx, {
      offerId: w.otherOfferId, publisherId: w.publisher.orgId, customer: reseller2Customer,
      buyer: provider2, chain: { providerId: provider2.orgId, resellerId: reseller2.orgId },
    });
    const incident = await postIncident(ctx, w.publisher, [w.offerId, w.otherOfferId], { title: 'Two offers' });

    const expected = [
      w.direct.orgId, w.directCustomer.orgId, w.quiet.orgId, w.provider.orgId, w.reseller.orgId, w.resellerCustomer.orgId,
      crowd.orgId, ...crowdCustomers.map((c) => c.orgId), provider2.orgId, reseller2.orgId, // reseller2 never chose: not its customer
    ].sort();
    const once = await walk(incident.id, 10_000);
    assert.deepEqual(once.orgIds, expected);
    assert.equal(once.lasts.length, 1);

    const active = await ctx.db.withOwner((tx) => sql<{ id: string }>`
      SELECT id FROM subscriptions WHERE offer_id IN (${w.offerId}, ${w.otherOfferId}) AND status = 'active' ORDER BY id`.execute(tx));
    const ids = active.rows.map((r) => r.id);
    assert.equal(ids.length, 8);
    assert.equal(once.lasts[0], ids.at(-1));
    for (const limit of [1, 2, 3]) {
      const batches = await walk(incident.id, limit);
      assert.deepEqual(batches.orgIds, expected, `limit ${limit}`);
      // Each batch ends `limit` subscriptions after the one before: none skipped, none read twice.
      assert.deepEqual(batches.lasts, ids.filter((_, n) => (n + 1) % limit === 0 || n === ids.length - 1), `limit ${limit}`);
    }

    await ctx.jobs.drain();
    assert.deepEqual((await reached(incident.id, 'incident.posted')).recipients, expected);
  });

  it('reaches no one for an incident whose offers have no active subscription, and nothing for an unknown incident', async () => {
    const { offerId } = await makeSellableOffer(ctx, { publisher: w.publisher });
    const incident = await postIncident(ctx, w.publisher, [offerId], { title: 'Nobody subscribes' });
    assert.deepEqual(await walk(incident.id, 5), { orgIds: [], lasts: [] });
    assert.deepEqual(await walk('inc_unknown', 5), { orgIds: [], lasts: [] });
    await ctx.jobs.drain();
    assert.deepEqual((await reached(incident.id, 'incident.posted')).recipients, []);
  });
});
