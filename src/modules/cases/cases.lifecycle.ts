/**
 * The life of a case with its holder: assign it to one of the holder's users, resolve, reopen and
 * close it by the status table, and the publisher's own ticket number (external reference).
 */
import { canWorkCategory, type CaseStatus } from '../../core/case-rules.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { isSupportCategory } from '../../core/support-categories.ts';
import { requireText } from '../../core/text.ts';
import { changeCase, decide, reasonOf, statusChange, type CaseDeps } from './cases.acting.ts';
import { caseErrors } from './cases.errors.ts';
import * as repo from './cases.repository.ts';
import type { AssignInput, ExternalReferenceInput, PresentedCase, ReasonInput } from './cases.schemas.ts';

/** The holder gives the case to one of its users who may work it, or to nobody (null). */
export async function assign(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: AssignInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'assign', async (a) => {
    const next = decide(a.c, 'assign', a.relations);
    if (input.userId !== null) {
      const user = await repo.findOwnUser(a.tx, viewer, input.userId);
      const category = a.c.category;
      const eligible = user && user.disabled_at === null && isSupportCategory(category)
        && canWorkCategory(user.roles as Viewer['roles'], category);
      if (!eligible) throw caseErrors.assigneeNotEligible(user !== undefined);
    }
    return {
      patch: { assignee_user_id: input.userId, status: next },
      events: [{ type: 'assigned', visibility: 'public', data: { assigneeUserId: input.userId, previousAssigneeUserId: a.c.assignee_user_id, ...statusChange(a.c.status, next) } }],
    };
  });
}

/** A simple status change by the table, recorded as `type` with the optional reason. */
async function transition(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, action: 'resolve' | 'reopen' | 'close', type: string, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, action, async (a) => {
    const next: CaseStatus = decide(a.c, action, a.relations);
    return {
      patch: { status: next },
      events: [{ type, visibility: 'public', data: { ...reasonOf(input), ...statusChange(a.c.status, next) } }],
    };
  });
}

/** The holder resolves the case. */
export async function resolve(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return transition(deps, viewer, caseId, expected, 'resolve', 'resolved', input);
}

/** The holder, customer or requester reopens a resolved case. */
export async function reopen(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return transition(deps, viewer, caseId, expected, 'reopen', 'reopened', input);
}

/** The customer or requester closes the case (the holder once it is resolved); closed is final. */
export async function close(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return transition(deps, viewer, caseId, expected, 'close', 'closed', input);
}

/** The offer's publisher records its own ticket number on the case (null clears it). */
export async function setExternalReference(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ExternalReferenceInput): Promise<PresentedCase> {
  const value = input.externalReference === null ? null : requireText(input.externalReference, 'body.externalReference');
  return changeCase(deps, viewer, caseId, expected, 'set_external_reference', async (a) => {
    const isPublisher = viewer.orgKind === 'publisher' && a.participants.some((p) => p.org_id === viewer.orgId && p.role === 'publisher');
    if (!isPublisher) throw caseErrors.onlyPublisherSetsReference();
    decide(a.c, 'set_external_reference', a.relations);
    return {
      patch: { external_reference: value },
      events: [{ type: 'external_reference_set', visibility: 'public', data: { from: a.c.external_reference, to: value } }],
    };
  });
}
