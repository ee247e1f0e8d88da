/**
 * Opening a case (SPEC section 5): routed by the routing context (`explainRouting`), stored `new`
 * with its first holder, responsible, chain snapshot and decision; every decided participant (and
 * the requester) takes part; `opened` and `routed` are recorded. Idempotent by Idempotency-Key
 * (operation `cases.open`): a retry with the same input answers the first answer again, other
 * input is refused.
 *
 * Terminology (responsible, participants and the decision are defined in src/core/routing-types.ts):
 * - chain snapshot: the customer, offer, publisher, partners of record and operator as they were
 *   when the case was opened, kept on the case.
 */
import { participantRoleOf } from '../../core/case-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { RoutingFacts } from '../../core/routing-types.ts';
import { requireText } from '../../core/text.ts';
import { runIdempotent } from '../idempotency/index.ts';
import { recordEvents } from '../events/index.ts';
import { explainRouting } from '../routing/index.ts';
import { caseDomainEvents, inboxKeys, requireWork, type CaseDeps } from './cases.acting.ts';
import { caseErrors } from './cases.errors.ts';
import { loadCase } from './cases.read.ts';
import * as repo from './cases.repository.ts';
import type { OpenCaseInput, PresentedCase } from './cases.schemas.ts';

/** The chain snapshot of a case from the routing facts (or, without facts, what the asker named). */
function chainFromFacts(facts: RoutingFacts | null, input: { offerId?: string }, viewer: Viewer) {
  const chain = facts?.chain ?? null;
  return {
    customer_id: facts?.customerId ?? (viewer.orgKind === 'customer' ? viewer.orgId : null),
    offer_id: facts?.offer?.id ?? input.offerId ?? null,
    publisher_id: facts?.offer?.publisherId ?? null,
    partner_id: chain?.model === 'direct' ? chain.partnerId : null,
    provider_id: chain?.model === 'indirect' ? chain.providerId : null,
    reseller_id: chain?.model === 'indirect' ? chain.resellerId : null,
    operator_id: facts?.operatorId ?? null,
  };
}

/** Opens a case (see the file's doc). */
export async function open(deps: CaseDeps, viewer: Viewer, idempotencyKey: string | undefined, input: OpenCaseInput): Promise<{ case: PresentedCase; replayed: boolean }> {
  const title = requireText(input.title, 'body.title');
  const description = requireText(input.description, 'body.description');
  requireWork(viewer, input.category, 'open');
  return deps.db.withTenant(viewer, async (tx) => {
    const { value, replayed } = await runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'cases.open', input, now: deps.now() }, async () => {
      const { facts, decision } = await explainRouting(tx, viewer, {
        category: input.category, severity: input.severity,
        ...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId } : {}),
        ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
        ...(viewer.orgKind === 'customer' ? { customerId: viewer.orgId } : {}),
      });
      if (!decision.routable) throw caseErrors.notRoutable(decision.reason, decision.rules);
      const at = deps.now();
      const id = deps.newId('case', at.getTime());
      const chain = chainFromFacts(facts, input, viewer);
      const language = input.language ?? (await repo.findOwnUser(tx, viewer, viewer.userId))?.locale ?? 'en';
      const row = {
        id, title, description, category: input.category, severity: input.severity, status: 'new' as const, language,
        subscription_id: input.subscriptionId ?? null, ...chain,
        requester_org_id: viewer.orgId, requester_user_id: viewer.userId,
        responsible_org_id: decision.responsible.orgId, holder_org_id: decision.firstHolderId, assignee_user_id: null,
        external_reference: null, incident_id: decision.incidentId, routing: JSON.stringify(decision),
        created_at: at, updated_at: at,
      };
      await repo.insertCase(tx, row);
      const keys = inboxKeys(row);
      const requesterRole = decision.participants.find((p) => p.orgId === viewer.orgId)?.role
        ?? participantRoleOf({ id: viewer.orgId, kind: viewer.orgKind, partnerModel: viewer.partnerModel }, {
          customerId: chain.customer_id, publisherId: chain.publisher_id, partnerId: chain.partner_id,
          providerId: chain.provider_id, resellerId: chain.reseller_id, operatorId: chain.operator_id,
        });
      // The requester first: the insert policy lets it add itself, and then, as a participant, the others.
      await repo.insertParticipants(tx, [{ case_id: id, org_id: viewer.orgId, role: requesterRole, joined_at: at, ...keys }]);
      const others = [...new Map(decision.participants.filter((p) => p.orgId !== viewer.orgId).map((p) => [p.orgId, p])).values()];
      await repo.insertParticipants(tx, others.map((p) => ({ case_id: id, org_id: p.orgId, role: p.role, joined_at: at, ...keys })));
      await repo.insertEvents(tx, [
        {
          id: deps.newId('caseEvent', at.getTime()), case_id: id, actor_org_id: viewer.orgId, actor_user_id: viewer.userId, type: 'opened',
          visibility: 'public', created_at: at,
          data: JSON.stringify({ title, category: input.category, severity: input.severity, subscriptionId: row.subscription_id, offerId: row.offer_id }),
        },
        {
          id: deps.newId('caseEvent', at.getTime() + 1), case_id: id, actor_org_id: viewer.orgId, actor_user_id: viewer.userId, type: 'routed',
          visibility: 'public', created_at: at,
          data: JSON.stringify({
            responsibleOrgId: decision.responsible.orgId, holderOrgId: decision.firstHolderId, escalationPath: decision.escalationPath,
            participants: [{ orgId: viewer.orgId, role: requesterRole }, ...others], incidentId: decision.incidentId, rules: decision.rules,
          }),
        },
      ]);
      const opened = { ...row, version: 1 };
      const audience = [{ orgId: viewer.orgId, role: requesterRole }, ...others];
      await recordEvents(tx, viewer, caseDomainEvents(opened, audience, viewer.orgId, [
        { type: 'opened', visibility: 'public', data: { requesterOrgId: viewer.orgId } },
        { type: 'routed', visibility: 'public', data: { escalationPath: decision.escalationPath, rules: decision.rules.map((r) => r.code) } },
      ]), at);
      return loadCase(tx, viewer, id);
    });
    return { case: value, replayed };
  });
}
