/**
 * The one step every change of a case runs through (`act`): lock the case, read it as the
 * reducer's state, check the roles and the expected version, let the use case gather the facts
 * of its command, ask the reducer (src/core/case-history.ts), and write what it answers — the case
 * row, the new participants, the history entries (case_events) and the domain events (outbox) —
 * in the same transaction. A refusal of the reducer becomes its error (cases.errors.ts).
 *
 * Terminology (state, command, refusal and entry are defined in src/core/case-history.ts):
 * - change time: `nextChangeTime(now, last update)`, the time of every row of one change.
 * - inbox keys: status, category, severity, offer, customer, holder and update time, copied onto
 *   every participant row so each organization's inbox is one index scan (the trigger on cases
 *   copies them on update; new participant rows carry them from here).
 * - expected version: what If-Match named, parsed by the route (src/core/if-match.ts).
 * - preparation: what a use case does before the reducer decides — read what its command needs
 *   (the assignee, the message, routing's answer) — and what it stores once the reducer accepted
 *   (the message, the file).
 * - clocks: every change ends by recomputing the case's SLA clocks and its participants' next
 *   deadlines at the change's time, in its transaction (the sla context's refreshCaseClocks).
 */
import type { AppError } from '../../core/app-error.ts';
import {
  decideCaseCommand, historyRowOf, rolesRefusal, withEntryIds, type CaseActor, type CaseCommand, type CaseRefusal, type CaseState,
} from '../../core/case-history.ts';
import { nextChangeTime, type CaseAction } from '../../core/case-rules.ts';
import { allowsVersion, type ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Severity } from '../../core/routing-types.ts';
import type { Tx } from '../../db/database.ts';
import type { CaseStatusRow } from '../../db/schema.ts';
import { recordEvents } from '../events/index.ts';
import { runIdempotent } from '../idempotency/index.ts';
import { refreshCaseClocks } from '../sla/index.ts';
import type { CaseDeps } from './cases.deps.ts';
import { caseErrors, errorOfRefusal } from './cases.errors.ts';
import { loadCase } from './cases.read.ts';
import * as repo from './cases.repository.ts';
import type { PresentedCase } from './cases.schemas.ts';
import { actorOf, loadCaseState } from './cases.state.ts';

export type { CaseDeps } from './cases.deps.ts';

/** The inbox keys a participant row carries, from the case as it is after a change. */
export function inboxKeys(c: { status: CaseStatusRow; category: string; severity: Severity; offerId: string | null; customerId: string | null; holderOrgId: string; updatedAt: Date }) {
  return {
    status: c.status, category: c.category, severity: c.severity, offer_id: c.offerId, customer_id: c.customerId,
    holder_org_id: c.holderOrgId, updated_at: c.updatedAt,
  };
}

/** The columns of the case row the reducer's state decides. */
function columnsOf(s: CaseState): repo.CasePatch {
  return {
    status: s.status, category: s.category, responsible_org_id: s.responsibleOrgId, holder_org_id: s.holderOrgId,
    assignee_user_id: s.assigneeUserId, external_reference: s.externalReference, incident_id: s.incidentId,
    resolved_at: s.resolvedAt, closed_at: s.closedAt,
  };
}

/**
 * Writes what the reducer answered for a case: its new participants (each with the inbox keys),
 * its history entries (ids from the id source, in order, at the change time) and its domain events,
 * then its SLA clocks as they stand after the change. The case row itself is the caller's
 * (inserted when opened, updated at its version otherwise).
 */
export async function writeChange(deps: CaseDeps, tx: Tx, viewer: Viewer, before: Pick<CaseState, 'participants'> | null, after: CaseState, entries: Parameters<typeof withEntryIds>[0], events: Parameters<typeof recordEvents>[2]): Promise<void> {
  const known = new Set(before?.participants.map((p) => p.orgId) ?? []);
  const keys = inboxKeys(after);
  const joined = after.participants.filter((p) => !known.has(p.orgId));
  // The requester first when a case opens: the insert policy lets it add itself, and then, as a participant, the others.
  const first = before === null ? joined.filter((p) => p.orgId === viewer.orgId) : [];
  for (const group of [first, joined.filter((p) => !first.includes(p))]) {
    await repo.insertParticipants(tx, group.map((p) => ({ case_id: after.id, org_id: p.orgId, role: p.role, joined_at: p.joinedAt, ...keys })));
  }
  const at = after.updatedAt.getTime();
  await repo.insertEvents(tx, withEntryIds(entries, (_, i) => deps.newId('caseEvent', at + i)).map(historyRowOf));
  await recordEvents(tx, viewer, events, after.updatedAt);
  await refreshCaseClocks(tx, after.id, after.updatedAt, { warningShare: deps.slaWarningShare });
}

/** What a use case is given to prepare its command: the locked case, its state, the viewer as the actor, the change time. */
export interface Acting {
  tx: Tx;
  viewer: Viewer;
  actor: CaseActor;
  c: repo.CaseRecord;
  state: CaseState;
  at: Date;
}

/** A use case's command with what goes with it. */
export interface Prepared<R> {
  command: CaseCommand;
  /** The error of a refusal where the use case knows more than the refusal says; none: the catalogue's (errorOfRefusal). */
  errorOf?: (refusal: CaseRefusal) => Promise<AppError | undefined>;
  /** What the change stores besides the case and its history, once the reducer accepted it (a message, a file); answers the result. */
  store?: (after: CaseState) => Promise<R>;
  /** Columns of the case row that the state does not carry (a reroute's routing decision). */
  patch?: repo.CasePatch;
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
 * part), checks the viewer's roles (403) and the expected version (412), lets `prepare` gather the
 * command's facts (its own refusals are its own), asks the reducer — a refusal is its error — and
 * writes the case at the next version with its participants, history entries and domain events.
 * Answers the case after the change and what `store` answered; with an Idempotency-Key, a retry
 * answers the first answer (`replayed`).
 */
export async function act<R>(
  deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, action: CaseAction,
  prepare: (a: Acting) => Promise<Prepared<R>>,
  idempotency?: Idempotency,
): Promise<{ case: PresentedCase; result: R | undefined; replayed?: boolean }> {
  return deps.db.withTenant(viewer, (tx) => idempotently(deps, tx, viewer, idempotency, async () => {
    const c = await repo.lockCase(tx, viewer, caseId);
    if (!c) throw caseErrors.notFound();
    const state = await loadCaseState(tx, viewer, c);
    if (!state) throw caseErrors.rolesDoNotAllow(action);
    const actor = actorOf(viewer);
    const roles = rolesRefusal(actor, state.category, action);
    if (roles) throw errorOfRefusal(roles);
    if (!allowsVersion(expected, c.version)) throw caseErrors.versionConflict(c.version);
    const at = nextChangeTime(deps.now(), state.updatedAt);
    const prepared = await prepare({ tx, viewer, actor, c, state, at });
    const d = decideCaseCommand(state, prepared.command, actor, at);
    if (!d.ok) throw (await prepared.errorOf?.(d.refusal)) ?? errorOfRefusal(d.refusal);
    const result = prepared.store ? await prepared.store(d.state) : undefined;
    const updated = await repo.updateCase(tx, viewer, c.id, c.version, { ...columnsOf(d.state), ...prepared.patch, updated_at: d.state.updatedAt });
    if (!updated) throw caseErrors.changedMeanwhile(c.version + 1);
    await writeChange(deps, tx, viewer, state, d.state, d.entries, d.events);
    return { case: await loadCase(tx, viewer, c.id, { now: at, warningShare: deps.slaWarningShare }), result };
  }));
}

/** Runs an action that answers only the case after it (`act` without a result). */
export async function changeCase(
  deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, action: CaseAction,
  prepare: (a: Acting) => Promise<Prepared<undefined>>,
): Promise<PresentedCase> {
  return (await act(deps, viewer, caseId, expected, action, prepare)).case;
}
