/**
 * The life of a case with its holder: assign it to one of the holder's users, resolve, reopen and
 * close it by the status table, and the publisher's own ticket number (external reference).
 */
import { canWorkCategory, type CaseAction } from '../../core/case-rules.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { requireText } from '../../core/text.ts';
import { changeCase, type CaseDeps } from './cases.acting.ts';
import { errorOfRefusal } from './cases.errors.ts';
import * as repo from './cases.repository.ts';
import type { AssignInput, ExternalReferenceInput, PresentedCase, ReasonInput } from './cases.schemas.ts';

/**
 * The holder gives the case to one of its users who may work it, or to nobody (null): eligible
 * is an active user of the holder's organization (the only users its row policy shows) whose
 * roles work the case's category.
 */
export async function assign(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: AssignInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'assign', async (a) => {
    const user = input.userId === null ? undefined : await repo.findOwnUser(a.tx, viewer, input.userId);
    const eligible = input.userId === null
      || (user !== undefined && user.disabled_at === null && canWorkCategory(user.roles as Viewer['roles'], a.state.category));
    return {
      command: { type: 'assign', userId: input.userId, eligible },
      errorOf: async (refusal) => (refusal.code === 'ASSIGNEE_NOT_ELIGIBLE' ? errorOfRefusal(refusal, { assigneeIsUser: user !== undefined }) : undefined),
    };
  });
}

/** A simple status change by the table, with the optional reason. */
async function transition(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, action: Extract<CaseAction, 'resolve' | 'reopen' | 'close'>, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, action, async () => ({ command: { type: action, ...input } }));
}

/** The holder resolves the case. */
export async function resolve(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return transition(deps, viewer, caseId, expected, 'resolve', input);
}

/** The holder, customer or requester reopens a resolved case. */
export async function reopen(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return transition(deps, viewer, caseId, expected, 'reopen', input);
}

/** The customer or requester closes the case (the holder once it is resolved); closed is final. */
export async function close(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return transition(deps, viewer, caseId, expected, 'close', input);
}

/** The offer's publisher records its own ticket number on the case (null clears it). */
export async function setExternalReference(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ExternalReferenceInput): Promise<PresentedCase> {
  const value = input.externalReference === null ? null : requireText(input.externalReference, 'body.externalReference');
  return changeCase(deps, viewer, caseId, expected, 'set_external_reference', async () => ({ command: { type: 'set_external_reference', value } }));
}
