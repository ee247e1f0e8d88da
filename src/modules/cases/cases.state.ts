/**
 * A case as the reducer of src/core/case-history.ts takes it, from the rows the use cases read:
 * the case row, its participants and its hand-overs (for the transfer stack); and the viewer as
 * the party acting. What the reducer answers is written back by cases.acting.ts.
 *
 * Terminology (state, actor and transfer stack are defined in src/core/case-history.ts).
 */
import type { CaseActor, CaseState } from '../../core/case-history.ts';
import { transferStackOf, type Transfer } from '../../core/case-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import { isSupportCategory } from '../../core/support-categories.ts';
import type { Tx } from '../../db/database.ts';
import * as repo from './cases.repository.ts';

/** The viewer as the party acting on a case. */
export function actorOf(viewer: Viewer): CaseActor {
  return { orgId: viewer.orgId, userId: viewer.userId, kind: viewer.orgKind, partnerModel: viewer.partnerModel, roles: viewer.roles };
}

/**
 * The state of a case from its rows: the case, its participants (every one: a participant sees
 * them all) and its hand-overs, oldest first. Null for a case of a category no longer known (a
 * retired one), which no one may work.
 */
export function caseStateOf(c: repo.CaseRecord, participants: readonly repo.ParticipantRecord[], transfers: readonly Transfer[]): CaseState | null {
  if (!isSupportCategory(c.category)) return null;
  return {
    id: c.id, title: c.title, status: c.status, category: c.category, severity: c.severity,
    requesterOrgId: c.requester_org_id, requesterUserId: c.requester_user_id, customerId: c.customer_id,
    chain: { publisherId: c.publisher_id, partnerId: c.partner_id, providerId: c.provider_id, resellerId: c.reseller_id, operatorId: c.operator_id },
    offerId: c.offer_id, subscriptionId: c.subscription_id, responsibleOrgId: c.responsible_org_id, holderOrgId: c.holder_org_id,
    assigneeUserId: c.assignee_user_id, externalReference: c.external_reference, incidentId: c.incident_id, version: c.version,
    createdAt: new Date(c.created_at), updatedAt: new Date(c.updated_at),
    resolvedAt: c.resolved_at ? new Date(c.resolved_at) : null, closedAt: c.closed_at ? new Date(c.closed_at) : null,
    participants: participants.map((p) => ({ orgId: p.org_id, role: p.role, joinedAt: new Date(p.joined_at) })),
    transferStack: transferStackOf(transfers),
  };
}

/** The state of a case the viewer takes part in, read in the caller's transaction (the case row already read or locked). */
export async function loadCaseState(tx: Tx, viewer: Viewer, c: repo.CaseRecord, participants?: readonly repo.ParticipantRecord[]): Promise<CaseState | null> {
  const rows = participants ?? await repo.listParticipants(tx, viewer, c.id);
  return caseStateOf(c, rows, await repo.listTransfers(tx, viewer, c.id));
}
