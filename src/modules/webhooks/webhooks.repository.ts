/**
 * The SQL of the webhooks context for requests: an organization's endpoints, its deliveries and
 * their attempts, and the replay of a delivery. Every function takes the transaction its caller
 * opened and the viewer, and names the viewer's organization in its query (the row policies say
 * the same again). The worker's SQL is in webhooks.deliverer.repository.ts.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;

/** An endpoint row. */
export type EndpointRow = Selectable<WebhookEndpointsTable>;
/** A delivery row with the exact creation time that its page cursor carries. */
export type DeliveryRow = Selectable<WebhookDeliveriesTable> & { cursor_at: string };
/** An attempt row. */
export type AttemptRow = Selectable<WebhookAttemptsTable>;

// Timestamps keep microseconds, JavaScript dates milliseconds: a cursor carries the exact text.
const exactCreatedAt = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** How many endpoints the viewer's organization has. */
export async function countEndpoints(tx: Tx, viewer: Scope): Promise<number> {
  const row = await tx.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', viewer.orgId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds an endpoint of the viewer's organization. */
export async function insertEndpoint(tx: Tx, viewer: Scope, row: Insertable<WebhookEndpointsTable>): Promise<EndpointRow> {
  return tx.insertInto('webhook_endpoints').values({ ...row, org_id: viewer.orgId }).returningAll().executeTakeFirstOrThrow();
}

/** One endpoint of the viewer's organization. */
export async function findEndpoint(tx: Tx, viewer: Scope, id: string): Promise<EndpointRow | undefined> {
  return tx.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', viewer.orgId).where('id', '=', id).executeTakeFirst();
}

/** The viewer's endpoints, oldest first, after a cursor; one more than `limit` to know whether more follow. */
export async function listEndpoints(tx: Tx, viewer: Scope, f: { after?: [string, string]; limit: number }): Promise<(EndpointRow & { cursor_at: string })[]> {
  let q = tx.selectFrom('webhook_endpoints').selectAll().select(exactCreatedAt.as('cursor_at')).where('org_id', '=', viewer.orgId);
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(created_at, id) > (${at}::timestamptz, ${id})`);
  }
  return q.orderBy('created_at').orderBy('id').limit(f.limit + 1).execute();
}

/** Changes an endpoint of the viewer's organization; the row after the change, or undefined when there is none. */
export async function updateEndpoint(tx: Tx, viewer: Scope, id: string, patch: Updateable<WebhookEndpointsTable>): Promise<EndpointRow | undefined> {
  return tx.updateTable('webhook_endpoints').set(patch).where('org_id', '=', viewer.orgId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Replaces an endpoint's secret, keeping the one before as the previous secret until `previousExpiresAt`. */
export async function rotateEndpointSecret(tx: Tx, viewer: Scope, id: string, secret: string, previousExpiresAt: Date, at: Date): Promise<EndpointRow | undefined> {
  return tx.updateTable('webhook_endpoints')
    .set((eb) => ({ previous_secret: eb.ref('secret'), previous_secret_expires_at: previousExpiresAt, secret, updated_at: at }))
    .where('org_id', '=', viewer.orgId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Removes an endpoint of the viewer's organization with its deliveries and attempts; whether there was one. */
export async function deleteEndpoint(tx: Tx, viewer: Scope, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('webhook_endpoints').where('org_id', '=', viewer.orgId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** An endpoint's deliveries, newest first, after a cursor, optionally of one status. */
export async function listDeliveries(tx: Tx, viewer: Scope, endpointId: string, f: { status?: string; before?: [string, string]; limit: number }): Promise<DeliveryRow[]> {
  let q = tx.selectFrom('webhook_deliveries').selectAll().select(exactCreatedAt.as('cursor_at'))
    .where('org_id', '=', viewer.orgId).where('endpoint_id', '=', endpointId);
  if (f.status) q = q.where('status', '=', f.status as DeliveryRow['status']);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id})`);
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

/** One delivery of the viewer's organization, with the status of its endpoint. */
export async function findDelivery(tx: Tx, viewer: Scope, id: string): Promise<(Selectable<WebhookDeliveriesTable> & { endpoint_status: EndpointRow['status'] }) | undefined> {
  return tx.selectFrom('webhook_deliveries as d').innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .selectAll('d').select('e.status as endpoint_status')
    .where('d.org_id', '=', viewer.orgId).where('d.id', '=', id).executeTakeFirst();
}

/** The attempts of a delivery of the viewer's organization, in order. */
export async function listAttempts(tx: Tx, viewer: Scope, deliveryId: string): Promise<AttemptRow[]> {
  return tx.selectFrom('webhook_attempts').selectAll().where('org_id', '=', viewer.orgId).where('delivery_id', '=', deliveryId)
    .orderBy('attempt').orderBy('started_at').orderBy('id').execute();
}

/**
 * The event a delivery carries, when domain_events' row policy lets the transaction's organization
 * read it (it acted, or the event reached it) — the policy's check alone.
 */
export async function findEvent(tx: Tx, eventId: string) {
  return tx.selectFrom('domain_events').select(['id', 'type', 'occurred_at', 'data']).where('id', '=', eventId).executeTakeFirst();
}

/**
 * Adds, in an owner transaction (the worker's tables: the job is queued in the same one), a new
 * delivery of the same event to the same endpoint, replaying one of the viewer's organization's
 * deliveries — only while the endpoint is enabled. Undefined when the delivery or an enabled
 * endpoint is no longer there. The times are the database's, as the job queue's are.
 */
export async function insertReplay(ownerTx: Tx, viewer: Scope, id: string, replayOf: string): Promise<Selectable<WebhookDeliveriesTable> | undefined> {
  return ownerTx.insertInto('webhook_deliveries')
    .columns(['id', 'endpoint_id', 'org_id', 'event_id', 'event_type', 'replay_of'])
    .expression((eb) => eb.selectFrom('webhook_deliveries as d').innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select([eb.val(id).as('id'), 'd.endpoint_id', 'd.org_id', 'd.event_id', 'd.event_type', eb.val(replayOf).as('replay_of')])
      .where('d.id', '=', replayOf).where('d.org_id', '=', viewer.orgId).where('e.org_id', '=', viewer.orgId).where('e.status', '=', 'enabled'))
    .returningAll().executeTakeFirst();
}
