/**
 * Handing a case over to another organization (SPEC section 5): forward a technical case to the
 * publisher, escalate it a tier, hand it back to whoever handed it over, or reroute it into
 * another category. Each hand-over makes the new holder a participant, clears the assignee and
 * records a public entry, so every participant reads the same history.
 *
 * Terminology (hand-over, transfer and tier are defined in src/core/case-rules.ts).
 */
import {
  askerOfRole, decideEscalation, decideForward, handBackTarget, type EscalationDecision, type Transfer,
} from '../../core/case-rules.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import type { ParticipantRole } from '../../core/routing-types.ts';
import type { SupportCategory } from '../../core/support-categories.ts';
import { requireText } from '../../core/text.ts';
import type { Tx } from '../../db/database.ts';
import { readOfferSupportContact } from '../catalog/index.ts';
import { explainRouting } from '../routing/index.ts';
import { changeCase, decide, reasonOf, requireWork, statusChange, type Acting, type CaseChange, type CaseDeps } from './cases.acting.ts';
import { caseErrors, type PublisherSupport } from './cases.errors.ts';
import * as repo from './cases.repository.ts';
import type { PresentedCase, ReasonInput, RerouteInput } from './cases.schemas.ts';

/** A hand-over to another organization: new holder, no assignee, the new holder a participant. */
function handOver(a: Acting, action: 'forward' | 'escalate' | 'hand_back', to: string, type: Transfer['type'], role: ParticipantRole, extra: Record<string, unknown>): CaseChange {
  const next = decide(a.c, action, a.relations);
  return {
    patch: { holder_org_id: to, assignee_user_id: null, status: next },
    newParticipants: [{ orgId: to, role }],
    events: [{ type, visibility: 'public', data: { fromOrgId: a.c.holder_org_id, toOrgId: to, ...extra, ...statusChange(a.c.status, next) } }],
  };
}

/** A partner holding a technical case hands it to the offer's publisher and stays a participant. */
export async function forward(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'forward', async (a) => {
    decide(a.c, 'forward', a.relations);
    const d = decideForward({ category: a.c.category as SupportCategory, holderKind: viewer.orgKind, publisherId: a.c.publisher_id });
    if (!d.allowed) throw caseErrors.forwardRefused(d.reason);
    return handOver(a, 'forward', d.to, 'forwarded', 'publisher', reasonOf(input));
  });
}

/** The refusal of an escalation; for a product question, with the publisher's support contact. */
async function escalationRefusal(tx: Tx, viewer: Viewer, c: repo.CaseRecord, reason: Extract<EscalationDecision, { allowed: false }>['reason']) {
  if (reason !== 'operator_does_not_support_isv_products' || !c.offer_id) return caseErrors.escalationRefused(reason, null);
  const contact = await readOfferSupportContact(tx, viewer, c.offer_id);
  const publisherSupport: PublisherSupport | null = contact && { name: contact.name, email: contact.email, phone: contact.phone, website: contact.website ?? null };
  return caseErrors.escalationRefused(reason, publisherSupport);
}

/**
 * The holder moves the case up a tier: a reseller to its provider, a partner or publisher to
 * the operator (commerce and partner categories only). A product question is refused with the
 * publisher's support contact.
 */
export async function escalate(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'escalate', async (a) => {
    decide(a.c, 'escalate', a.relations);
    const d = decideEscalation({
      category: a.c.category as SupportCategory,
      holder: { orgId: viewer.orgId, kind: viewer.orgKind, partnerModel: viewer.partnerModel },
      chain: { providerId: a.c.provider_id, resellerId: a.c.reseller_id, operatorId: a.c.operator_id },
    });
    if (!d.allowed) throw await escalationRefusal(a.tx, viewer, a.c, d.reason);
    return handOver(a, 'escalate', d.to, 'escalated', d.tier, { tier: d.tier, ...reasonOf(input) });
  });
}

/** The holder returns the case to the organization that forwarded or escalated it to the holder. */
export async function handBack(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'hand_back', async (a) => {
    decide(a.c, 'hand_back', a.relations);
    const history = (await repo.listTransfers(a.tx, viewer, a.c.id)).flatMap((e): Transfer[] => {
      const data = (e.data ?? {}) as { fromOrgId?: unknown; toOrgId?: unknown };
      return typeof data.fromOrgId === 'string' && typeof data.toOrgId === 'string'
        ? [{ type: e.type as Transfer['type'], fromOrgId: data.fromOrgId, toOrgId: data.toOrgId }] : [];
    });
    const to = handBackTarget(history, a.c.holder_org_id);
    if (!to) throw caseErrors.handBackNobody();
    const role = a.participants.find((p) => p.org_id === to)?.role ?? 'partner';
    return handOver(a, 'hand_back', to, 'handed_back', role, reasonOf(input));
  });
}

/**
 * The holder changes the category: routing runs again as the requester asked, placing the
 * case with the new responsible and first holder; new participants join; the reason is recorded.
 */
export async function reroute(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: RerouteInput): Promise<PresentedCase> {
  const reason = requireText(input.reason, 'body.reason');
  return changeCase(deps, viewer, caseId, expected, 'reroute', async (a) => {
    decide(a.c, 'reroute', a.relations, true);
    if (input.category === a.c.category) throw caseErrors.sameCategory();
    requireWork(viewer, input.category, 'reroute_to');
    const requesterRole = a.participants.find((p) => p.org_id === a.c.requester_org_id)?.role ?? 'customer';
    const asker = askerOfRole(requesterRole);
    // Routing runs as the requester asked; the transaction (and so what the rows show) stays the viewer's.
    const askerViewer: Viewer = { ...viewer, orgId: a.c.requester_org_id, userId: a.c.requester_user_id, orgKind: asker.kind, partnerModel: asker.partnerModel };
    const { decision } = await explainRouting(a.tx, askerViewer, {
      category: input.category, severity: a.c.severity,
      ...(a.c.subscription_id ? { subscriptionId: a.c.subscription_id } : { ...(a.c.offer_id ? { offerId: a.c.offer_id } : {}), ...(a.c.customer_id ? { customerId: a.c.customer_id } : {}) }),
    });
    if (!decision.routable) throw caseErrors.notRoutable(decision.reason, decision.rules);
    const handsOver = decision.firstHolderId !== a.c.holder_org_id;
    const next = decide(a.c, 'reroute', a.relations, handsOver);
    const known = new Set(a.participants.map((p) => p.org_id));
    const added = decision.participants.filter((p) => !known.has(p.orgId));
    return {
      patch: {
        category: input.category, responsible_org_id: decision.responsible.orgId, holder_org_id: decision.firstHolderId,
        routing: JSON.stringify(decision), incident_id: decision.incidentId ?? a.c.incident_id, status: next,
        ...(handsOver ? { assignee_user_id: null } : {}),
      },
      newParticipants: added,
      events: [{
        type: 'rerouted', visibility: 'public', data: {
          fromCategory: a.c.category, toCategory: input.category, reason, fromOrgId: a.c.holder_org_id, toOrgId: decision.firstHolderId,
          responsibleOrgId: decision.responsible.orgId, addedParticipants: added, escalationPath: decision.escalationPath,
          rules: decision.rules, ...statusChange(a.c.status, next),
        },
      }],
    };
  });
}
