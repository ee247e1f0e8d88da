/**
 * Handing a case over to another organization (SPEC section 5): forward a technical case to the
 * publisher, escalate it a tier, hand it back to whoever handed it over, or reroute it into
 * another category. Each hand-over makes the new holder a participant, clears the assignee and
 * records a public entry, so every participant reads the same history.
 *
 * Terminology (hand-over, transfer and tier are defined in src/core/case-rules.ts).
 */
import { checkReroute, type CaseRefusal } from '../../core/case-history.ts';
import { askerOfRole } from '../../core/case-rules.ts';
import type { ExpectedVersion } from '../../core/if-match.ts';
import type { Viewer } from '../../core/parties.ts';
import { requireText } from '../../core/text.ts';
import type { Tx } from '../../db/database.ts';
import { readOfferSupportContact } from '../catalog/index.ts';
import { explainRouting } from '../routing/index.ts';
import { changeCase, type CaseDeps } from './cases.acting.ts';
import { caseErrors, errorOfRefusal, type PublisherSupport } from './cases.errors.ts';
import type { EscalateInput, PresentedCase, ReasonInput, RerouteInput } from './cases.schemas.ts';

/** A partner holding a technical case hands it to the offer's publisher and stays a participant. */
export async function forward(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'forward', async () => ({ command: { type: 'forward', ...input } }));
}

/** The refusal of an escalation; for a product question, with the publisher's support contact. */
async function escalationError(tx: Tx, viewer: Viewer, offerId: string | null, refusal: CaseRefusal) {
  if (refusal.code !== 'ESCALATION_NOT_ALLOWED' || refusal.reason !== 'operator_does_not_support_isv_products' || !offerId) return undefined;
  const contact = await readOfferSupportContact(tx, viewer, offerId);
  const publisherSupport: PublisherSupport | null = contact && { name: contact.name, email: contact.email, phone: contact.phone, website: contact.website ?? null };
  return errorOfRefusal(refusal, { publisherSupport });
}

/**
 * The holder moves the case up a tier — a reseller to its provider, a partner or publisher to
 * the operator (commerce and partner categories only) — to the tier it names, or the first one
 * the split allows. A product question is refused with the publisher's support contact; a tier
 * the split does not allow, with the ones it does.
 */
export async function escalate(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: EscalateInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'escalate', async (a) => ({
    command: { type: 'escalate', ...input },
    errorOf: (refusal) => escalationError(a.tx, viewer, a.c.offer_id, refusal),
  }));
}

/** The holder returns the case to the organization that forwarded or escalated it to the holder. */
export async function handBack(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: ReasonInput): Promise<PresentedCase> {
  return changeCase(deps, viewer, caseId, expected, 'hand_back', async () => ({ command: { type: 'hand_back', ...input } }));
}

/**
 * The holder changes the category: routing runs again as the requester asked, placing the
 * case with the new responsible and first holder; new participants join; the reason is recorded.
 * The reroute is checked before routing is asked (the status, the category, the roles for it).
 */
export async function reroute(deps: CaseDeps, viewer: Viewer, caseId: string, expected: ExpectedVersion, input: RerouteInput): Promise<PresentedCase> {
  const reason = requireText(input.reason, 'body.reason');
  return changeCase(deps, viewer, caseId, expected, 'reroute', async (a) => {
    const refusal = checkReroute(a.state, a.actor, input.category);
    if (refusal) throw errorOfRefusal(refusal);
    const requesterRole = a.state.participants.find((p) => p.orgId === a.state.requesterOrgId)?.role ?? 'customer';
    const asker = askerOfRole(requesterRole);
    // Routing runs as the requester asked; the transaction (and so what the rows show) stays the viewer's.
    const askerViewer: Viewer = { ...viewer, orgId: a.c.requester_org_id, userId: a.c.requester_user_id, orgKind: asker.kind, partnerModel: asker.partnerModel };
    const { decision } = await explainRouting(a.tx, askerViewer, {
      category: input.category, severity: a.c.severity,
      ...(a.c.subscription_id ? { subscriptionId: a.c.subscription_id } : { ...(a.c.offer_id ? { offerId: a.c.offer_id } : {}), ...(a.c.customer_id ? { customerId: a.c.customer_id } : {}) }),
    });
    if (!decision.routable) throw caseErrors.notRoutable(decision.reason, decision.rules);
    return { command: { type: 'reroute', category: input.category, reason, decision }, patch: { routing: JSON.stringify(decision) } };
  });
}
