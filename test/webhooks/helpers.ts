/**
 * Helpers for webhook delivery tests: endpoints through the API, deliveries and attempts read as
 * the owner, retries made due at once, and a deliverer with a clock of the test's own.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after } from 'node:test';
import { createWebhookDeliverer, type WebhookDeliverer } from '../../src/modules/webhooks/index.ts';
import { call, type Actor } from '../factories.ts';
import type { TestContext } from '../harness.ts';

/** Adds an endpoint through the API; answers its id and secret. */
export async function addEndpoint(ctx: TestContext, actor: Actor, url: string, eventTypes: string[] = ['case.opened']): Promise<{ id: string; secret: string }> {
  const res = await call(ctx, actor, 'POST', '/api/v1/webhooks/endpoints', { url, eventTypes });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id, secret: res.body.secret };
}

/** An endpoint's deliveries as stored, oldest first. */
export function deliveriesOf(ctx: TestContext, endpointId: string) {
  return ctx.db.withOwner((tx) => tx.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId)
    .orderBy('created_at').orderBy('id').execute());
}

/** A delivery's attempts as stored, in order. */
export function attemptsOf(ctx: TestContext, deliveryId: string) {
  return ctx.db.withOwner((tx) => tx.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').orderBy('started_at').execute());
}

/** An endpoint as stored. */
export function endpointRow(ctx: TestContext, endpointId: string) {
  return ctx.db.withOwner((tx) => tx.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpointId).executeTakeFirstOrThrow());
}

/** The queued (not yet started) delivery jobs of a delivery. */
export async function queuedJobsOf(ctx: TestContext, deliveryId: string): Promise<{ startAfter: Date }[]> {
  return ctx.db.withOwner(async (tx) => {
    const { rows } = await sql<{ start_after: Date }>`
      SELECT start_after FROM pgboss.job WHERE name = 'webhooks.deliver' AND state IN ('created', 'retry')
        AND data->>'deliveryId' = ${deliveryId} ORDER BY start_after`.execute(tx);
    return rows.map((r) => ({ startAfter: new Date(r.start_after) }));
  });
}

/** Makes the pending deliveries of endpoints due now, and their queued jobs with them (instead of waiting for the backoff). */
export async function makeDue(ctx: TestContext, endpointIds: string[]): Promise<void> {
  await ctx.db.withOwner(async (tx) => {
    const { rows } = await sql<{ id: string }>`
      UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second'
      WHERE endpoint_id = ANY(${endpointIds}::text[]) AND status = 'pending' RETURNING id`.execute(tx);
    const ids = rows.map((r) => r.id);
    await sql`
      UPDATE pgboss.job SET start_after = now() - interval '1 second'
      WHERE name = 'webhooks.deliver' AND state IN ('created', 'retry') AND data->>'deliveryId' = ANY(${ids}::text[])`.execute(tx);
  });
}

/** A deliverer with the test's clock and no jitter; its connections are closed after the file. */
export function deliverer(ctx: TestContext, now: () => Date, options: { allowPrivateAddresses?: boolean; timeoutMs?: number } = {}): WebhookDeliverer & { run(ids: string[]): Promise<void> } {
  const d = createWebhookDeliverer({
    db: ctx.db, jobs: ctx.jobs, timeoutMs: options.timeoutMs ?? 2_000, allowPrivateAddresses: options.allowPrivateAddresses ?? true, now, random: () => 0,
  });
  after(() => d.close());
  return { ...d, run: (ids) => d.handle(ids.map((deliveryId, i) => ({ id: `test-${i}`, data: { deliveryId } }))) };
}
