/**
 * Recording domain events: a service calls `recordEvents` inside the transaction of its change,
 * so the event exists exactly when the change does (the transactional outbox). Nothing is sent
 * from here; the worker relays and fans out.
 */
import type { NewDomainEvent } from '../../core/events.ts';
import type { Tx } from '../../db/database.ts';
import { newId, type NewId } from '../../db/ids.ts';
import * as repo from './events.repository.ts';

/** Who made a change: the viewer's organization and user, or null for the system. */
export interface EventActor {
  orgId: string;
  userId: string | null;
}

/**
 * Writes events in the caller's transaction. Ids carry the time of the change so they sort in
 * order; `at` is the change's own time (from the caller's clock), `ids` the caller's id source.
 */
export async function recordEvents(tx: Tx, actor: EventActor | null, events: readonly NewDomainEvent[], at: Date, ids: NewId = newId): Promise<string[]> {
  const rows = events.map((e, i) => ({
    id: ids('domainEvent', at.getTime() + i),
    type: e.type,
    occurred_at: at,
    actor_org_id: actor?.orgId ?? null,
    actor_user_id: actor?.userId ?? null,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    data: JSON.stringify(e.data),
    audience_org_ids: e.audienceOrgIds,
  }));
  await repo.insertEvents(tx, rows);
  return rows.map((r) => r.id);
}
