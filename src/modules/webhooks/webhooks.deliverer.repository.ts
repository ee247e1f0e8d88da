/**
 * The worker's SQL for webhook deliveries. Every function takes an owner transaction: a batch of
 * jobs crosses organizations by nature, and each row carries its organization. Statements are set
 * based — one per kind of write for a whole batch — so that a batch of a hundred deliveries costs a
 * handful of round trips.
 */
import { sql } from 'kysely';
import type { EventType } from '../../core/events.ts';
import { DUE_SKEW_ALLOWANCE_MS } from '../../core/webhook-rules.ts';
import type { Tx } from '../../db/database.ts';
import type { WebhookEndpointsTable } from '../../db/schema.ts';

/** A delivery due now, with what sending it needs: its endpoint and its event. */
export interface DueDelivery {
  id: string;
  orgId: string;
  endpointId: string;
  endpointStatus: 'enabled' | 'disabled';
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  attemptCount: number;
  eventId: string;
  eventType: EventType;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/**
 * The pending deliveries among `ids` whose next attempt is due by the database's clock — the clock
 * the job queue starts jobs by — give or take the skew allowance for times written by another
 * process. A delivery already finished, gone with its endpoint, or not yet due (a stale duplicate
 * job: its retry is another job) is left out.
 */
export async function loadDueDeliveries(ownerTx: Tx, ids: readonly string[]): Promise<DueDelivery[]> {
  if (ids.length === 0) return [];
  const rows = await ownerTx.selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .innerJoin('domain_events as ev', 'ev.id', 'd.event_id')
    .select([
      'd.id', 'd.org_id', 'd.endpoint_id', 'd.attempt_count', 'd.event_id', 'e.status as endpoint_status', 'e.url', 'e.secret',
      'e.previous_secret', 'e.previous_secret_expires_at', 'ev.type', 'ev.occurred_at', 'ev.data',
    ])
    .where('d.id', 'in', [...ids]).where('d.status', '=', 'pending')
    .where(sql<boolean>`d.next_attempt_at <= now() + make_interval(secs => ${DUE_SKEW_ALLOWANCE_MS / 1000})`)
    .execute();
  return rows.map((r) => ({
    id: r.id, orgId: r.org_id, endpointId: r.endpoint_id, endpointStatus: r.endpoint_status, url: r.url, secret: r.secret,
    previousSecret: r.previous_secret, previousSecretExpiresAt: r.previous_secret_expires_at, attemptCount: r.attempt_count,
    eventId: r.event_id, eventType: r.type as EventType, occurredAt: new Date(r.occurred_at), data: r.data,
  }));
}

/** Cancels pending deliveries. */
export async function cancelDeliveries(ownerTx: Tx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await ownerTx.updateTable('webhook_deliveries').set({ status: 'cancelled', finished_at: at })
    .where('id', 'in', [...ids]).where('status', '=', 'pending').execute();
}

/** Cancels every pending delivery of some endpoints (they were just disabled). */
export async function cancelPendingOfEndpoints(ownerTx: Tx, endpointIds: readonly string[], at: Date): Promise<void> {
  if (endpointIds.length === 0) return;
  await ownerTx.updateTable('webhook_deliveries').set({ status: 'cancelled', finished_at: at })
    .where('endpoint_id', 'in', [...endpointIds]).where('status', '=', 'pending').execute();
}

/** One attempt for the delivery log. */
export interface NewAttempt {
  id: string;
  deliveryId: string;
  orgId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/**
 * Writes the attempts of a batch in one statement, for the deliveries that still exist (an
 * endpoint removed meanwhile took its deliveries with it).
 */
export async function insertAttempts(ownerTx: Tx, attempts: readonly NewAttempt[]): Promise<void> {
  if (attempts.length === 0) return;
  const col = <T>(f: (a: NewAttempt) => T) => attempts.map(f);
  await sql`
    INSERT INTO webhook_attempts (id, delivery_id, org_id, attempt, started_at, duration_ms, status_code, error, response_excerpt)
    SELECT v.id, v.delivery_id, v.org_id, v.attempt, v.started_at, v.duration_ms, v.status_code, v.error, v.response_excerpt
    FROM unnest(${col((a) => a.id)}::text[], ${col((a) => a.deliveryId)}::text[], ${col((a) => a.orgId)}::text[], ${col((a) => a.attempt)}::int[],
                ${col((a) => a.startedAt.toISOString())}::timestamptz[], ${col((a) => a.durationMs)}::int[], ${col((a) => a.statusCode)}::int[],
                ${col((a) => a.error)}::text[], ${col((a) => a.responseExcerpt)}::text[])
      AS v(id, delivery_id, org_id, attempt, started_at, duration_ms, status_code, error, response_excerpt)
    WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = v.delivery_id)`.execute(ownerTx);
}

/** What an attempt makes of its delivery. */
export interface DeliveryUpdate {
  id: string;
  /** The attempt count the attempt started from: the update applies only if nobody recorded one since. */
  expectedAttemptCount: number;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  /** The next attempt (status pending). */
  nextAttemptAt: Date | null;
  attemptedAt: Date;
  statusCode: number | null;
  error: string | null;
  finishedAt: Date | null;
}

/**
 * Records the outcome of a batch's attempts in one statement. A delivery that is no longer pending
 * or whose attempt count moved (a duplicate job ran it at the same time) is left as it is; answers
 * the ids that were updated.
 */
export async function applyDeliveryUpdates(ownerTx: Tx, updates: readonly DeliveryUpdate[]): Promise<Set<string>> {
  if (updates.length === 0) return new Set();
  const col = <T>(f: (u: DeliveryUpdate) => T) => updates.map(f);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const { rows } = await sql<{ id: string }>`
    UPDATE webhook_deliveries d SET
      status = v.status,
      attempt_count = d.attempt_count + 1,
      next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
      last_attempt_at = v.attempted_at,
      last_status_code = v.status_code,
      last_error = v.error,
      finished_at = v.finished_at
    FROM unnest(${col((u) => u.id)}::text[], ${col((u) => u.expectedAttemptCount)}::int[], ${col((u) => u.status)}::text[],
                ${col((u) => iso(u.nextAttemptAt))}::timestamptz[], ${col((u) => u.attemptedAt.toISOString())}::timestamptz[],
                ${col((u) => u.statusCode)}::int[], ${col((u) => u.error)}::text[], ${col((u) => iso(u.finishedAt))}::timestamptz[])
      AS v(id, expected, status, next_attempt_at, attempted_at, status_code, error, finished_at)
    WHERE d.id = v.id AND d.status = 'pending' AND d.attempt_count = v.expected
    RETURNING d.id`.execute(ownerTx);
  return new Set(rows.map((r) => r.id));
}

/** An endpoint's state as the failing run needs it, locked until the batch's outcome is written. */
export interface EndpointState {
  id: string;
  status: 'enabled' | 'disabled';
  failingSince: Date | null;
}

/**
 * Locks endpoints (in id order, so that concurrent batches never deadlock) and reads their state.
 * Taken before any other write of the batch: removing an endpoint (which takes its deliveries)
 * waits for the batch, or happened before it. `FOR NO KEY UPDATE` leaves the fan-out free to add
 * deliveries meanwhile.
 */
export async function lockEndpoints(ownerTx: Tx, ids: readonly string[]): Promise<EndpointState[]> {
  if (ids.length === 0) return [];
  const rows = await ownerTx.selectFrom('webhook_endpoints').select(['id', 'status', 'failing_since'])
    .where('id', 'in', [...ids]).orderBy('id').forNoKeyUpdate().execute();
  return rows.map((r) => ({ id: r.id, status: r.status, failingSince: r.failing_since }));
}

/** A change of an endpoint after a batch: its failing run, and whether it is disabled now. */
export interface EndpointUpdate {
  id: string;
  failingSince: Date | null;
  disable: NonNullable<WebhookEndpointsTable['disabled_reason']> | null;
}

/** Writes the endpoint changes of a batch in one statement. */
export async function applyEndpointUpdates(ownerTx: Tx, updates: readonly EndpointUpdate[], at: Date): Promise<void> {
  if (updates.length === 0) return;
  await sql`
    UPDATE webhook_endpoints e SET
      failing_since = v.failing_since,
      status = CASE WHEN v.disable IS NULL THEN e.status ELSE 'disabled' END,
      disabled_reason = CASE WHEN v.disable IS NULL THEN e.disabled_reason ELSE v.disable END,
      disabled_at = CASE WHEN v.disable IS NULL THEN e.disabled_at ELSE ${at.toISOString()}::timestamptz END
    FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => (u.failingSince ? u.failingSince.toISOString() : null))}::timestamptz[],
                ${updates.map((u) => u.disable)}::text[])
      AS v(id, failing_since, disable)
    WHERE e.id = v.id`.execute(ownerTx);
}
