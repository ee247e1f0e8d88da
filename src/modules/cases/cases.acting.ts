/**
 * What every change of a case shares: the dependencies of the use cases, the one step each change
 * runs through (`act`: lock → check → apply → record), the status table's decision as an error,
 * the role check, and how a change is recorded — the history rows (case_events), the inbox keys
 * on the participant rows, the domain events of the outbox.
 *
 * Terminology (holder, relation, hand-over and the statuses are defined in src/core/case-rules.ts):
 * - change: what an action's body describes — a patch of the case's columns, the history entries
 *   to record, the organizations that join — applied by `act` at the next version.
 * - change time: `nextChangeTime(now, last update)`, the time of every row of one change.
 * - inbox keys: status, category, severity, offer, customer, holder and update time, copied onto
 *   every participant row so each organization's inbox is one index scan (the trigger on cases
 *   copies them on update; new participant rows carry them from here).
 * - expected version: what If-Match named, parsed by the route (src/core/if-match.ts).
 */
import {
  canWorkCategory, decideCaseAction, nextChangeTime, relationsOf, type CaseAction, type CaseRelation, type CaseStatus,
  type CaseVisibility,
} from '../../core/case-rules.ts';
import { caseDomainEventType, caseEventAudience, type AudienceParticipant, type NewDomainEvent } from '../../core/events.ts';
import { allowsVersion, type ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import type { ParticipantRole, Severity } from '../../core/routing-types.ts';
import { isSupportCategory } from '../../core/support-categories.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId as randomId, type NewId } from '../../db/ids.ts';
import type { CaseStatusRow } from '../../db/schema.ts';
import { recordEvents } from '../events/index.ts';
import { runIdempotent } from '../idempotency/index.ts';
import { caseErrors, type CaseDeed } from './cases.errors.ts';
import { loadCase } from './cases.read.ts';
import * as repo from './cases.repository.ts';
import type { PresentedCase } from './cases.schemas.ts';

// ---- Dependencies ----

/** What the case service is built over; the clock and the id source default to the real ones. */
export interface CaseServiceDeps {
  db: Database;
  now?: () => Date;
  newId?: NewId;
}

/** The dependencies every use case receives, with the defaults filled in. */
export interface CaseDeps {
  readonly db: Database;
  readonly now: () => Date;
  readonly newId: NewId;
}

/** Fills in the defaults: the system clock and random ids (src/db/ids.ts). */
export function caseDepsOf(deps: CaseServiceDeps): CaseDeps {
  return { db: deps.db, now: deps.now ?? (() => new Date()), newId: deps.newId ?? randomId };
}

// ---- Checks ----

/** Refuses a viewer whose roles may not work the category (403: it sees the case); `deed` says what it tried. */
export function requireWork(viewer: Viewer, category: string, deed: CaseDeed): void {
  if (isSupportCategory(category) && canWorkCategory(viewer.roles, category)) return;
  if (canWorkCategory(viewer.roles, 'billing')) throw caseErrors.categoryNotWorked(deed, category);
  throw caseErrors.rolesDoNotAllow(deed);
}

/** Decides an action by the status table of case-rules: the next status, or the refusal as its error. */
export function decide(c: Pick<repo.CaseRecord, 'status'>, action: CaseAction, relations: readonly CaseRelation[], handsOver?: boolean): CaseStatus {
  const d = decideCaseAction({ status: c.status, action, relations, handsOver });
  if (d.allowed) return d.next;
  if (d.reason === 'closed') throw caseErrors.closedIsFinal();
  if (d.reason === 'relation') throw caseErrors.relationRefused(action, relations, d.allowedRelations);
  throw caseErrors.statusConflict(c.status, action, d.allowedStatuses);
}

// ---- Recording ----

/** One history entry to record with a change. */
export interface NewEvent {
  type: string;
  visibility: CaseVisibility;
  data: Record<string, unknown>;
  /** Carried by the domain event only, not kept in the case history (a message's excerpt). */
  notice?: Record<string, unknown>;
}

/** The status part of an entry's data, when the status changes. */
export function statusChange(from: CaseStatus, to: CaseStatus): Record<string, unknown> {
  return from === to ? {} : { status: { from, to } };
}

/** The optional reason of an action, for its entry. */
export function reasonOf(input: { reason?: string }): Record<string, unknown> {
  const reason = input.reason?.trim();
  return reason ? { reason } : {};
}

/** The inbox keys a participant row carries, from the case as it is after a change. */
export function inboxKeys(c: { status: CaseStatusRow; category: string; severity: Severity; offer_id: string | null; customer_id: string | null; holder_org_id: string; updated_at: Date }) {
  return {
    status: c.status, category: c.category, severity: c.severity, offer_id: c.offer_id, customer_id: c.customer_id,
    holder_org_id: c.holder_org_id, updated_at: c.updated_at,
  };
}

/** When a case was resolved and closed, after a change of status: a case that leaves `resolved` (other than to close) is no longer resolved. */
function lifecycleDates(from: CaseStatus, to: CaseStatus, at: Date): { resolved_at?: Date | null; closed_at?: Date } {
  if (to === from) return {};
  if (to === 'resolved') return { resolved_at: at };
  if (to === 'closed') return { closed_at: at };
  return from === 'resolved' ? { resolved_at: null } : {};
}

/** A case as its domain events describe it: enough for a receiver to act without another read. */
function caseSnapshot(c: Pick<repo.CaseRecord, 'id' | 'title' | 'status' | 'category' | 'severity' | 'holder_org_id' | 'responsible_org_id' | 'offer_id' | 'subscription_id' | 'customer_id' | 'incident_id' | 'version'>) {
  return {
    caseId: c.id, title: c.title, status: c.status, category: c.category, severity: c.severity,
    holderOrgId: c.holder_org_id, responsibleOrgId: c.responsible_org_id, offerId: c.offer_id,
    subscriptionId: c.subscription_id, customerId: c.customer_id, incidentId: c.incident_id, version: c.version,
  };
}

/** The domain events of a change's history entries, each to the participants who may see the entry. */
export function caseDomainEvents(c: Parameters<typeof caseSnapshot>[0], participants: readonly AudienceParticipant[], actorOrgId: string, events: readonly NewEvent[]): NewDomainEvent[] {
  return events.flatMap((e): NewDomainEvent[] => {
    const type = caseDomainEventType(e.type);
    if (!type) return [];
    return [{
      type, subjectType: 'case', subjectId: c.id,
      data: { ...caseSnapshot(c), change: e.data, visibility: e.visibility, ...e.notice },
      audienceOrgIds: caseEventAudience(participants, e.visibility, actorOrgId),
    }];
  });
}

// ---- Acting ----

/** What an action's body is given: the locked case, its participants, the viewer's relations, the change time. */
export interface Acting {
  tx: Tx;
  viewer: Viewer;
  c: repo.CaseRecord;
  participants: repo.ParticipantRecord[];
  relations: CaseRelation[];
  at: Date;
}

/** The change an action's body describes. */
export interface CaseChange {
  patch: repo.CasePatch;
  events: NewEvent[];
  newParticipants?: { orgId: string; role: ParticipantRole }[];
}

/** An action's Idempotency-Key, the use case it names (`cases.reply`) and the input it was given. */
export interface Idempotency {
  key: string | undefined;
  operation: string;
  input: object;
}

/**
 * Runs an action once per Idempotency-Key, before its If-Match check: a retry of a reply that
 * went through answers the first answer, not a version conflict.
 */
async function idempotently<T extends object>(deps: CaseDeps, tx: Tx, viewer: Viewer, idempotency: Idempotency | undefined, fn: () => Promise<T>): Promise<T & { replayed?: boolean }> {
  if (!idempotency) return fn();
  const { value, replayed } = await runIdempotent(tx, viewer, { ...idempotency, now: deps.now() }, fn);
  return { ...value, replayed };
}

/**
 * Runs an action in its own tenant transaction: locks the case (404 when the viewer takes no
 * part), checks the viewer's roles (403) and the expected version (412), then lets `body` decide
 * and describe the change (its refusals are its own), which is applied at the next version with
 * its history entries, new participants and domain events. Answers the case after the change and
 * the body's `result`; with an Idempotency-Key, a retry answers the first answer (`replayed`).
 */
export async function act<R>(
  deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, action: CaseAction,
  body: (a: Acting) => Promise<CaseChange & { result: R }>,
  idempotency?: Idempotency,
): Promise<{ case: PresentedCase; result: R; replayed?: boolean }> {
  return deps.db.withTenant(viewer, (tx) => idempotently(deps, tx, viewer, idempotency, async () => {
    const c = await repo.lockCase(tx, viewer, caseId);
    if (!c) throw caseErrors.notFound();
    requireWork(viewer, c.category, action);
    if (!allowsVersion(expected, c.version)) throw caseErrors.versionConflict(c.version);
    const participants = await repo.listParticipants(tx, viewer, caseId);
    const relations = relationsOf({ id: viewer.orgId, kind: viewer.orgKind }, { holderOrgId: c.holder_org_id, requesterOrgId: c.requester_org_id, isParticipant: true });
    const at = nextChangeTime(deps.now(), new Date(c.updated_at));
    const change = await body({ tx, viewer, c, participants, relations, at });
    const patch = { ...change.patch, ...lifecycleDates(c.status, change.patch.status ?? c.status, at) };
    const updated = { ...c, ...patch, updated_at: at };
    if (!(await repo.updateCase(tx, viewer, c.id, c.version, { ...patch, updated_at: at }))) {
      throw caseErrors.changedMeanwhile(c.version + 1);
    }
    const present = new Set(participants.map((p) => p.org_id));
    const added: { orgId: string; role: ParticipantRole }[] = [];
    for (const p of change.newParticipants ?? []) {
      if (present.has(p.orgId)) continue;
      present.add(p.orgId);
      added.push(p);
    }
    await repo.insertParticipants(tx, added.map((p) => ({ case_id: c.id, org_id: p.orgId, role: p.role, joined_at: at, ...inboxKeys(updated) })));
    await repo.insertEvents(tx, change.events.map((e, i) => ({
      id: deps.newId('caseEvent', at.getTime() + i), case_id: c.id, actor_org_id: viewer.orgId, actor_user_id: viewer.userId,
      type: e.type, visibility: e.visibility, data: JSON.stringify(e.data), created_at: at,
    })));
    const audience = [...participants.map((p) => ({ orgId: p.org_id, role: p.role })), ...added];
    await recordEvents(tx, viewer, caseDomainEvents({ ...updated, version: c.version + 1 }, audience, viewer.orgId, change.events), at);
    return { case: await loadCase(tx, viewer, c.id), result: change.result };
  }));
}

/** Runs an action that answers only the case after it (`act` without a result). */
export async function changeCase(
  deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, action: CaseAction,
  body: (a: Acting) => Promise<CaseChange>,
): Promise<PresentedCase> {
  const r = await act(deps, viewer, caseId, expected, action, async (a) => ({ ...(await body(a)), result: undefined }));
  return r.case;
}
