/**
 * Reading a case: the case itself with its participants, routing and SLA clocks (each party's,
 * computed at the time of the read by the sla context; a customer sees those made to it), its
 * messages with their attachments, its history. A case the viewer's organization takes no part in is not found (404);
 * one it takes part in but whose roles read no cases is refused (403).
 */
import { allowedActions } from '../../core/case-history.ts';
import { canReadCases } from '../../core/case-rules.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import { caseClocksAt, type ClockSettings } from '../sla/index.ts';
import type { CaseDeps } from './cases.deps.ts';
import { caseErrors } from './cases.errors.ts';
import { presentCase, presentEvent, presentMessage } from './cases.presenters.ts';
import * as repo from './cases.repository.ts';
import type { PresentedCase, PresentedEvent, PresentedMessage } from './cases.schemas.ts';
import { actorOf, loadCaseState } from './cases.state.ts';

/** The case as the viewer sees it, with what it may do now and its clocks at `clocks.now`, read in the caller's transaction; 404 when it takes no part. */
export async function loadCase(tx: Tx, viewer: Viewer, caseId: string, clocks: ClockSettings & { now: Date }): Promise<PresentedCase> {
  const c = await repo.findCase(tx, viewer, caseId);
  if (!c) throw caseErrors.notFound();
  const participants = await repo.listParticipants(tx, viewer, caseId);
  const assignee = c.assignee_user_id ? await repo.findOwnUser(tx, viewer, c.assignee_user_id) : undefined;
  const state = await loadCaseState(tx, viewer, c, participants);
  const sla = await caseClocksAt(tx, viewer, caseId, clocks.now, clocks);
  return presentCase(c, participants, viewer, assignee?.name ?? null, state ? allowedActions(state, actorOf(viewer)) : [], sla);
}

/** Refuses a viewer whose organization takes no part in the case (404) or whose roles read no cases (403), in that order. */
async function requireReadable(tx: Tx, viewer: Viewer, caseId: string): Promise<void> {
  if (!(await repo.findCase(tx, viewer, caseId))) throw caseErrors.notFound();
  if (!canReadCases(viewer.roles)) throw caseErrors.readDenied();
}

/** One case the viewer's organization takes part in, with participants and routing. */
export async function get(deps: CaseDeps, viewer: Viewer, caseId: string): Promise<PresentedCase> {
  return deps.db.withTenant(viewer, async (tx) => {
    const presented = await loadCase(tx, viewer, caseId, { now: deps.now(), warningShare: deps.slaWarningShare });
    if (!canReadCases(viewer.roles)) throw caseErrors.readDenied();
    return presented;
  });
}

/** The messages of a case the viewer may see, oldest first, with their attachments. */
export async function listMessages(deps: CaseDeps, viewer: Viewer, caseId: string, q: { cursor?: string; limit: number }): Promise<Page<PresentedMessage>> {
  const after = readCursor(q.cursor, ['timestamp', 'string']);
  return deps.db.withTenant(viewer, async (tx) => {
    await requireReadable(tx, viewer, caseId);
    const rows = await repo.listMessages(tx, viewer, caseId, { after, limit: q.limit });
    const attachments = await repo.listAttachmentsOf(tx, viewer, caseId, rows.slice(0, q.limit).map((m) => m.id));
    return toPage(rows, q.limit, (m) => [new Date(m.created_at).toISOString(), m.id], (m) => presentMessage(m, attachments));
  });
}

/** The history of a case the viewer may see, oldest first. */
export async function listEvents(deps: CaseDeps, viewer: Viewer, caseId: string, q: { cursor?: string; limit: number }): Promise<Page<PresentedEvent>> {
  const after = readCursor(q.cursor, ['timestamp', 'string']);
  return deps.db.withTenant(viewer, async (tx) => {
    await requireReadable(tx, viewer, caseId);
    const rows = await repo.listEvents(tx, viewer, caseId, { after, limit: q.limit });
    return toPage(rows, q.limit, (e) => [e.at.toISOString(), e.id], presentEvent);
  });
}
