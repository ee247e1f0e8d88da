/**
 * How the cases context shows its rows: a case, a message, an attachment's description, a history
 * entry — each in the shape of its response schema (cases.schemas.ts), which is where the types
 * come from. Pure: the use cases read the rows and names, these only arrange them.
 */
import type { AllowedAction, CaseHistoryEntry } from '../../core/case-history.ts';
import { relationsOf } from '../../core/case-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { RoutingDecision, RoutingRule } from '../../core/routing-types.ts';
import type { SupportCategory } from '../../core/support-categories.ts';
import type { CaseClockReading } from '../sla/index.ts';
import type * as repo from './cases.repository.ts';
import { OFFERED_CASE_ACTIONS, type PresentedAttachment, type PresentedCase, type PresentedEvent, type PresentedMessage } from './cases.schemas.ts';

/** The stored routing decision, read defensively: it is JSON written by an earlier version. */
function routingOf(stored: unknown): PresentedCase['routing'] & { responsibleKind: PresentedCase['responsible']['kind'] } {
  const d = (stored ?? {}) as Partial<Extract<RoutingDecision, { routable: true }>>;
  const rules = Array.isArray(d.rules) ? d.rules.filter((r): r is RoutingRule => typeof r?.code === 'string' && typeof r.en === 'string' && typeof r.ko === 'string') : [];
  return {
    firstHolderId: typeof d.firstHolderId === 'string' ? d.firstHolderId : null,
    escalationPath: Array.isArray(d.escalationPath) ? d.escalationPath.filter((x): x is string => typeof x === 'string') : [],
    rules: rules.map((r) => ({ code: r.code, en: r.en, ko: r.ko })),
    responsibleKind: d.responsible?.kind ?? null,
  };
}

/** What the reducer allows, as the API offers it: the actions it has a route for (linking an incident has none yet). */
function presentAllowed(allowed: readonly AllowedAction[]): PresentedCase['allowedActions'] {
  return allowed.flatMap((a) => {
    const action = OFFERED_CASE_ACTIONS.find((offered) => offered === a.action);
    return action ? [{ action, ...(a.targets ? { targets: a.targets.map((t) => ({ orgId: t.orgId, ...(t.tier ? { tier: t.tier } : {}) })) } : {}) }] : [];
  });
}

/**
 * A case as the viewer sees it: organizations named where the viewer may see them (the
 * participants' names), the assignee's name only when the caller could read it (its own users),
 * what the viewer may do now (`allowed`: allowedActions of src/core/case-history.ts), and the
 * parties' SLA clocks the viewer may see, each with the party's name.
 */
export function presentCase(c: repo.CaseRecord, participants: readonly repo.ParticipantRecord[], viewer: Pick<Viewer, 'orgId' | 'orgKind'>, assigneeName: string | null, allowed: readonly AllowedAction[], sla: readonly CaseClockReading[]): PresentedCase {
  const nameOf = (id: string) => participants.find((p) => p.org_id === id)?.name ?? null;
  const routing = routingOf(c.routing);
  return {
    id: c.id, title: c.title, description: c.description, category: c.category as SupportCategory, severity: c.severity,
    status: c.status, language: c.language, subscriptionId: c.subscription_id, offerId: c.offer_id,
    customer: c.customer_id ? { id: c.customer_id, name: nameOf(c.customer_id) } : null,
    chain: { publisherId: c.publisher_id, partnerId: c.partner_id, providerId: c.provider_id, resellerId: c.reseller_id, operatorId: c.operator_id },
    requester: { orgId: c.requester_org_id, userId: c.requester_user_id, name: nameOf(c.requester_org_id) },
    responsible: { id: c.responsible_org_id, name: nameOf(c.responsible_org_id), kind: routing.responsibleKind },
    holder: { id: c.holder_org_id, name: nameOf(c.holder_org_id) },
    assignee: c.assignee_user_id ? { userId: c.assignee_user_id, name: assigneeName } : null,
    participants: participants.map((p) => ({ id: p.org_id, name: p.name, role: p.role, joinedAt: new Date(p.joined_at).toISOString() })),
    routing: { firstHolderId: routing.firstHolderId, escalationPath: routing.escalationPath, rules: routing.rules },
    externalReference: c.external_reference, incidentId: c.incident_id, version: c.version,
    createdAt: new Date(c.created_at).toISOString(), updatedAt: new Date(c.updated_at).toISOString(),
    resolvedAt: c.resolved_at?.toISOString() ?? null, closedAt: c.closed_at?.toISOString() ?? null,
    yourRelations: relationsOf({ id: viewer.orgId, kind: viewer.orgKind }, {
      holderOrgId: c.holder_org_id, requesterOrgId: c.requester_org_id, isParticipant: participants.some((p) => p.org_id === viewer.orgId),
    }),
    allowedActions: presentAllowed(allowed),
    sla: sla.flatMap(({ orgId, role, ...clock }) => (role === 'customer' ? [] : [{ party: { orgId, name: nameOf(orgId), role }, ...clock }])),
  };
}

/** An attachment's description, without its bytes. */
export function presentAttachment(a: repo.AttachmentMeta): PresentedAttachment {
  return {
    id: a.id, messageId: a.message_id, fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes,
    sha256: a.sha256, createdAt: new Date(a.created_at).toISOString(),
  };
}

/** A message with those of `attachments` that belong to it. */
export function presentMessage(m: repo.MessageRecord, attachments: readonly repo.AttachmentMeta[]): PresentedMessage {
  return {
    id: m.id, caseId: m.case_id, visibility: m.visibility, body: m.body,
    author: { orgId: m.author_org_id, orgName: m.author_org_name, userId: m.author_user_id },
    createdAt: new Date(m.created_at).toISOString(),
    attachments: attachments.filter((a) => a.message_id === m.id).map(presentAttachment),
  };
}

/** A history entry. */
export function presentEvent(e: CaseHistoryEntry): PresentedEvent {
  return {
    id: e.id, caseId: e.caseId, type: e.type, visibility: e.visibility, actor: { orgId: e.actor.orgId, userId: e.actor.userId },
    data: { ...e.data }, createdAt: e.at.toISOString(),
  };
}
