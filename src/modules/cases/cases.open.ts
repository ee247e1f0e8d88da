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
import { openCase, rolesRefusal } from '../../core/case-history.ts';
import type { Viewer } from '../../core/parties.ts';
import type { RoutingFacts } from '../../core/routing-types.ts';
import { requireText } from '../../core/text.ts';
import { runIdempotent } from '../idempotency/index.ts';
import { explainRouting } from '../routing/index.ts';
import { writeChange, type CaseDeps } from './cases.acting.ts';
import { caseErrors, errorOfRefusal } from './cases.errors.ts';
import { loadCase } from './cases.read.ts';
import * as repo from './cases.repository.ts';
import type { OpenCaseInput, PresentedCase } from './cases.schemas.ts';
import { actorOf } from './cases.state.ts';

/** The chain snapshot of a case from the routing facts (or, without facts, what the asker named). */
function chainFromFacts(facts: RoutingFacts | null, input: { offerId?: string }, viewer: Viewer) {
  const chain = facts?.chain ?? null;
  return {
    customerId: facts?.customerId ?? (viewer.orgKind === 'customer' ? viewer.orgId : null),
    offerId: facts?.offer?.id ?? input.offerId ?? null,
    chain: {
      publisherId: facts?.offer?.publisherId ?? null,
      partnerId: chain?.model === 'direct' ? chain.partnerId : null,
      providerId: chain?.model === 'indirect' ? chain.providerId : null,
      resellerId: chain?.model === 'indirect' ? chain.resellerId : null,
      operatorId: facts?.operatorId ?? null,
    },
  };
}

/** Opens a case (see the file's doc): the reducer's openCase makes the case, its history and its events; this stores them. */
export async function open(deps: CaseDeps, viewer: Viewer, idempotencyKey: string | undefined, input: OpenCaseInput): Promise<{ case: PresentedCase; replayed: boolean }> {
  const title = requireText(input.title, 'body.title');
  const description = requireText(input.description, 'body.description');
  const requester = actorOf(viewer);
  const roles = rolesRefusal(requester, input.category, 'open');
  if (roles) throw errorOfRefusal(roles);
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
      const { customerId, offerId, chain } = chainFromFacts(facts, input, viewer);
      const language = input.language ?? (await repo.findOwnUser(tx, viewer, viewer.userId))?.locale ?? 'en';
      const opened = openCase({
        caseId: id, title, category: input.category, severity: input.severity, subscriptionId: input.subscriptionId ?? null, offerId,
        customerId, chain, requester, decision, at,
      });
      const s = opened.state;
      await repo.insertCase(tx, {
        id, title, description, category: s.category, severity: s.severity, status: s.status, language,
        subscription_id: s.subscriptionId, offer_id: s.offerId, customer_id: s.customerId,
        publisher_id: s.chain.publisherId, partner_id: s.chain.partnerId, provider_id: s.chain.providerId,
        reseller_id: s.chain.resellerId, operator_id: s.chain.operatorId,
        requester_org_id: s.requesterOrgId, requester_user_id: viewer.userId,
        responsible_org_id: s.responsibleOrgId, holder_org_id: s.holderOrgId, assignee_user_id: s.assigneeUserId,
        external_reference: s.externalReference, incident_id: s.incidentId, routing: JSON.stringify(decision),
        created_at: s.createdAt, updated_at: s.updatedAt,
      });
      await writeChange(deps, tx, viewer, null, s, opened.entries, opened.events);
      return loadCase(tx, viewer, id, { now: at, warningShare: deps.slaWarningShare });
    });
    return { case: value, replayed };
  });
}
