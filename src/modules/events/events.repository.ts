/**
 * The only SQL of the outbox: writing events in the transaction of their change, and the worker's
 * reads and marks. Writes by a request run under its tenant (the row policy checks the actor's
 * organization); the worker's functions take an owner transaction.
 */
import { sql } from 'kysely';
import type { DomainEvent, EventSubjectType, EventType } from '../../core/events.ts';
import type { Tx } from '../../db/database.ts';
import type { Insertable } from 'kysely';
import type { DomainEventsTable } from '../../db/schema.ts';

/** Writes events; in a request's transaction, `actor_org_id` must be the viewer's organization. */
export async function insertEvents(tx: Tx, rows: Insertable<DomainEventsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('domain_events').values(rows).execute();
}

/**
 * Claims up to `limit` events not yet handed to the fan-out, oldest first, skipping those another
 * worker holds: several workers relay without handing an event over twice.
 */
export async function claimUndispatched(tx: Tx, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id FROM domain_events WHERE dispatched_at IS NULL
    ORDER BY occurred_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Marks events as handed to the fan-out. */
export async function markDispatched(tx: Tx, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('domain_events').set({ dispatched_at: at }).where('id', 'in', ids).execute();
}

/** One event, locked for its fan-out (another worker on the same event waits, then sees it done). */
export async function lockEventForFanout(tx: Tx, id: string): Promise<(DomainEvent & { fanoutCursor: string | null; fannedOutAt: Date | null }) | undefined> {
  const row = await tx.selectFrom('domain_events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id, type: row.type as EventType, occurredAt: new Date(row.occurred_at), actorOrgId: row.actor_org_id,
    actorUserId: row.actor_user_id, subjectType: row.subject_type as EventSubjectType, subjectId: row.subject_id,
    data: row.data, audienceOrgIds: row.audience_org_ids, fanoutCursor: row.fanout_cursor, fannedOutAt: row.fanned_out_at,
  };
}

/** Records the fan-out's progress (the last organization written) or its end. */
export async function saveFanoutProgress(tx: Tx, id: string, progress: { cursor: string | null; finishedAt: Date | null }): Promise<void> {
  await tx.updateTable('domain_events').set({ fanout_cursor: progress.cursor, fanned_out_at: progress.finishedAt }).where('id', '=', id).execute();
}
