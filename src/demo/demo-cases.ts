/**
 * Turns the demo's case stories (demo-cases.data.ts) into rows: the opening is routed by the
 * routing engine from the demo's own subscriptions, splits and preferences, exactly as the cases
 * context gathers the facts; every later step is checked and applied by the case rules (who may
 * act in which status, where a forward, escalation or hand-back goes, what status follows). A
 * story the rules would refuse stops the load, so the demo can't drift from the product.
 *
 * Terminology: story, step and expect as in demo-cases.data.ts; facts, decision, holder,
 * participants as in core/routing-types.ts; relation as in core/case-rules.ts.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import {
  canWorkCategory, checkAttachment, decideCaseAction, decideEscalation, decideForward, handBackTarget, relationsOf, sanitizeFileName,
  type CaseAction, type CaseStatus, type CaseVisibility, type Transfer,
} from '../core/case-rules.ts';
import type { OrgKind, PartnerModel, Role } from '../core/parties.ts';
import { customerFacingPartnerOf, decideRouting } from '../core/routing.ts';
import type { Chain, ParticipantRole, RoutingFacts } from '../core/routing-types.ts';
import { defaultSplit } from '../core/support-categories.ts';
import { newId } from '../db/ids.ts';
import type {
  CaseAttachmentsTable, CaseEventsTable, CaseMessagesTable, CaseParticipantsTable, CasesTable, RoutingPreferencesTable, SubscriptionsTable,
} from '../db/schema.ts';
import { DEMO_CASES, DEMO_ROUTING_PREFERENCES, type DemoCase, type DemoCaseStep } from './demo-cases.data.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the case builder needs to know of the rest of the demo, by the keys demo.data.ts uses. */
export interface DemoWorld {
  nowMs: number;
  operatorId: string;
  org(key: string): { id: string; kind: OrgKind; partnerModel: PartnerModel | null; joinedDaysAgo: number };
  user(email: string): { id: string; org: string; roles: readonly Role[]; locale: 'en' | 'ko' };
  /** The publisher organization id of an offer. */
  publisherOf(offerId: string): string;
  subscriptions: readonly Insertable<SubscriptionsTable>[];
  /** The demo incident of an offer open at a moment (demo-incidents.ts), which a technical case opened then links to. */
  openIncidentAt(offerId: string, atMs: number): string | null;
}

/** Every case row of the demo, ready to insert. */
export interface DemoCaseRows {
  routingPreferences: Insertable<RoutingPreferencesTable>[];
  cases: Insertable<CasesTable>[];
  participants: Insertable<CaseParticipantsTable>[];
  messages: Insertable<CaseMessagesTable>[];
  attachments: Insertable<CaseAttachmentsTable>[];
  events: Insertable<CaseEventsTable>[];
}

// A mistake in demo-cases.data.ts is a bug of this module: it stops the load before anything is written.
function invalid(message: string): never {
  throw new Error(`Invalid demo case data: ${message}`);
}

const ACTIONS: Record<DemoCaseStep['do'], CaseAction> = {
  reply: 'reply', ask_customer: 'reply_awaiting_customer', note: 'note', assign: 'assign', forward: 'forward',
  escalate: 'escalate', hand_back: 'hand_back', resolve: 'resolve', reopen: 'reopen', close: 'close',
  set_external_reference: 'set_external_reference', attach: 'attach',
};
const EVENT_TYPES: Partial<Record<DemoCaseStep['do'], string>> = { resolve: 'resolved', reopen: 'reopened', close: 'closed' };

/** Builds the routing preferences and every case of the demo, routed and replayed by the product's rules. */
export function buildDemoCaseRows(world: DemoWorld): DemoCaseRows {
  const at = (daysAgo: number) => new Date(world.nowMs - daysAgo * DAY_MS);

  const routingPreferences = DEMO_ROUTING_PREFERENCES.map((p): Insertable<RoutingPreferencesTable> => {
    const partner = world.org(p.partner);
    const by = world.user(p.by);
    if (partner.kind !== 'partner' || by.org !== p.partner) invalid(`${p.by} does not set ${p.partner}'s preferences`);
    if (p.offer !== null) world.publisherOf(p.offer);
    if (p.daysAgo > partner.joinedDaysAgo) invalid(`${p.partner} set a preference before it joined`);
    return { partner_id: partner.id, offer_id: p.offer, preference: p.preference, updated_by: by.id, updated_at: at(p.daysAgo) };
  });
  const preferenceOf = (partnerId: string, offerId: string, openedDaysAgo: number): RoutingFacts['preference'] => {
    const set = routingPreferences.filter((p) => p.partner_id === partnerId && new Date(p.updated_at!).getTime() <= world.nowMs - openedDaysAgo * DAY_MS);
    const own = set.find((p) => p.offer_id === offerId) ?? set.find((p) => p.offer_id === null);
    return own ? { value: own.preference, source: own.offer_id === null ? 'default' : 'offer' } : { value: 'forward', source: 'none' };
  };

  const rows: DemoCaseRows = { routingPreferences, cases: [], participants: [], messages: [], attachments: [], events: [] };
  for (const story of DEMO_CASES) replay(story);
  return rows;

  function replay(story: DemoCase): void {
    const where = `case "${story.title}"`;
    const opener = world.user(story.openedBy);
    const asker = world.org(opener.org);
    const opened = at(story.openedDaysAgo);
    if (!canWorkCategory(opener.roles, story.category)) invalid(`${where}: ${story.openedBy} may not open ${story.category} cases`);

    // The facts, as the cases context gathers them: the subscription's chain, split and offer, or the offer alone.
    let chain: Chain | null = null;
    let offer: RoutingFacts['offer'] = null;
    let customerId: string | null = asker.kind === 'customer' ? asker.id : null;
    let subscriptionId: string | null = null;
    if (story.subscription) {
      const { customer, offer: offerId } = story.subscription;
      const sub = world.subscriptions.find((s) => s.customer_id === world.org(customer).id && s.offer_id === offerId && s.status !== 'cancelled')
        ?? invalid(`${where}: ${customer} has no live subscription of ${offerId}`);
      if (new Date(sub.created_at!).getTime() > opened.getTime()) invalid(`${where}: opened before ${customer} bought ${offerId}`);
      subscriptionId = sub.id;
      chain = sub.partner_id
        ? { model: 'direct', partnerId: sub.partner_id }
        : { model: 'indirect', providerId: sub.provider_id!, resellerId: sub.reseller_id!, supportContact: sub.support_contact_id === sub.reseller_id ? 'reseller' : 'provider' };
      offer = { id: sub.offer_id, publisherId: sub.publisher_id };
      customerId = sub.customer_id;
    } else if (story.offer) {
      offer = { id: story.offer, publisherId: world.publisherOf(story.offer) };
    }
    // Every demo relationship keeps the default split.
    const split = chain?.model === 'indirect' ? defaultSplit() : null;
    const preference = chain && offer ? preferenceOf(customerFacingPartnerOf(story.category, chain, split).orgId, offer.id, story.openedDaysAgo) : { value: 'forward' as const, source: 'none' as const };
    const facts: RoutingFacts = {
      category: story.category, severity: story.severity,
      asker: { orgId: asker.id, kind: asker.kind, partnerModel: asker.partnerModel },
      customerId, chain, offer, operatorId: world.operatorId, preference, split,
      openIncidentId: offer ? world.openIncidentAt(offer.id, opened.getTime()) : null,
    };
    const decision = decideRouting(facts);
    if (!decision.routable) invalid(`${where}: routing refuses it (${decision.reason})`);

    const id = newId('case', opened.getTime());
    const participants = new Map<string, { role: ParticipantRole; joinedAt: Date }>(decision.participants.map((p) => [p.orgId, { role: p.role, joinedAt: opened }]));
    const state = {
      status: 'new' as CaseStatus, holder: decision.firstHolderId, assignee: null as string | null, externalReference: null as string | null,
      resolvedAt: null as Date | null, closedAt: null as Date | null, updatedAt: opened, version: 1,
    };
    const transfers: Transfer[] = [];
    let sequence = 0;
    const event = (when: Date, actor: { id: string; org: string }, type: string, visibility: CaseVisibility, data: Record<string, unknown>) => {
      rows.events.push({
        id: newId('caseEvent', when.getTime() + sequence++), case_id: id, actor_org_id: world.org(actor.org).id, actor_user_id: actor.id,
        type, visibility, data: JSON.stringify(data), created_at: when,
      });
    };
    const messages: { id: string; orgId: string; visibility: CaseVisibility }[] = [];
    const message = (when: Date, author: { id: string; org: string }, visibility: CaseVisibility, body: string): string => {
      const messageId = newId('caseMessage', when.getTime());
      rows.messages.push({ id: messageId, case_id: id, author_org_id: world.org(author.org).id, author_user_id: author.id, visibility, body, created_at: when });
      messages.push({ id: messageId, orgId: world.org(author.org).id, visibility });
      return messageId;
    };

    event(opened, opener, 'opened', 'public', { title: story.title, category: story.category, severity: story.severity, subscriptionId, offerId: offer?.id ?? null });
    event(opened, opener, 'routed', 'public', {
      responsibleOrgId: decision.responsible.orgId, holderOrgId: decision.firstHolderId, escalationPath: decision.escalationPath,
      participants: decision.participants, incidentId: decision.incidentId, rules: decision.rules,
    });

    let lastHours = 0;
    for (const step of story.steps) {
      const stepWhere = `${where}, ${step.do} by ${step.by} at +${step.hoursLater} h`;
      if (step.hoursLater <= lastHours) invalid(`${stepWhere}: steps must move forward in time`);
      lastHours = step.hoursLater;
      const when = new Date(opened.getTime() + step.hoursLater * HOUR_MS);
      if (when.getTime() >= world.nowMs) invalid(`${stepWhere}: in the future`);
      const actor = world.user(step.by);
      const actorOrg = world.org(actor.org);
      if (!canWorkCategory(actor.roles, story.category)) invalid(`${stepWhere}: the user may not work ${story.category} cases`);
      const relations = relationsOf({ id: actorOrg.id, kind: actorOrg.kind }, { holderOrgId: state.holder, requesterOrgId: asker.id, isParticipant: participants.has(actorOrg.id) });
      const decided = decideCaseAction({ status: state.status, action: ACTIONS[step.do], relations });
      if (!decided.allowed) invalid(`${stepWhere}: the case rules refuse it in status ${state.status} (${decided.reason})`);
      const from = state.status;
      const statusChange = from === decided.next ? {} : { status: { from, to: decided.next } };
      const reason = 'reason' in step && step.reason ? { reason: step.reason } : {};
      switch (step.do) {
        case 'reply': case 'ask_customer': {
          const messageId = message(when, actor, 'public', step.body);
          event(when, actor, 'replied', 'public', { messageId, awaitingCustomer: step.do === 'ask_customer', ...statusChange });
          break;
        }
        case 'note': {
          const messageId = message(when, actor, step.visibility, step.body);
          event(when, actor, 'noted', step.visibility, { messageId, ...statusChange });
          break;
        }
        case 'assign': {
          const assignee = world.user(step.to);
          if (world.org(assignee.org).id !== state.holder) invalid(`${stepWhere}: ${step.to} is not of the holder`);
          event(when, actor, 'assigned', 'public', { assigneeUserId: assignee.id, previousAssigneeUserId: state.assignee, ...statusChange });
          state.assignee = assignee.id;
          break;
        }
        case 'forward': case 'escalate': case 'hand_back': {
          let to: string;
          let role: ParticipantRole;
          let extra: Record<string, unknown> = {};
          if (step.do === 'forward') {
            const d = decideForward({ category: story.category, holderKind: actorOrg.kind, publisherId: offer?.publisherId ?? null });
            if (!d.allowed) invalid(`${stepWhere}: ${d.reason}`);
            to = d.to;
            role = 'publisher';
          } else if (step.do === 'escalate') {
            const d = decideEscalation({
              category: story.category, holder: { orgId: actorOrg.id, kind: actorOrg.kind, partnerModel: actorOrg.partnerModel },
              chain: { providerId: chain?.model === 'indirect' ? chain.providerId : null, resellerId: chain?.model === 'indirect' ? chain.resellerId : null, operatorId: world.operatorId },
            });
            if (!d.allowed) invalid(`${stepWhere}: ${d.reason}`);
            to = d.to;
            role = d.tier;
            extra = { tier: d.tier };
          } else {
            to = handBackTarget(transfers, state.holder) ?? invalid(`${stepWhere}: nobody handed the case to its holder`);
            role = participants.get(to)?.role ?? 'partner';
          }
          const type = step.do === 'forward' ? 'forwarded' : step.do === 'escalate' ? 'escalated' : 'handed_back';
          event(when, actor, type, 'public', { fromOrgId: state.holder, toOrgId: to, ...extra, ...reason, ...statusChange });
          transfers.push({ type, fromOrgId: state.holder, toOrgId: to });
          if (!participants.has(to)) participants.set(to, { role, joinedAt: when });
          state.holder = to;
          state.assignee = null;
          break;
        }
        case 'resolve': case 'reopen': case 'close':
          event(when, actor, EVENT_TYPES[step.do]!, 'public', { ...reason, ...statusChange });
          if (decided.next === 'resolved') state.resolvedAt = when;
          if (step.do === 'reopen') state.resolvedAt = null;
          if (decided.next === 'closed') state.closedAt = when;
          break;
        case 'set_external_reference':
          event(when, actor, 'external_reference_set', 'public', { from: state.externalReference, to: step.value });
          state.externalReference = step.value;
          break;
        case 'attach': {
          const onto = messages.filter((m) => m.orgId === actorOrg.id).pop() ?? invalid(`${stepWhere}: the organization wrote no message to attach it to`);
          const bytes = Buffer.from(step.content, 'utf8');
          const check = checkAttachment(step.contentType, bytes);
          if (!check.ok) invalid(`${stepWhere}: the attachment is refused (${check.reason})`);
          const attachmentId = newId('caseAttachment', when.getTime());
          const fileName = sanitizeFileName(step.fileName);
          rows.attachments.push({
            id: attachmentId, case_id: id, message_id: onto.id, author_org_id: actorOrg.id, visibility: onto.visibility,
            file_name: fileName, content_type: check.contentType, size_bytes: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes, created_at: when,
          });
          event(when, actor, 'attachment_added', onto.visibility, { messageId: onto.id, attachmentId, fileName, contentType: check.contentType, sizeBytes: bytes.length });
          break;
        }
      }
      state.status = decided.next;
      state.updatedAt = when;
      state.version += 1;
    }
    if (state.status !== story.expect) invalid(`${where}: its steps end ${state.status}, not ${story.expect}`);

    rows.cases.push({
      id, title: story.title, description: story.description, category: story.category, severity: story.severity, status: state.status,
      language: opener.locale, subscription_id: subscriptionId, offer_id: offer?.id ?? null, customer_id: customerId,
      publisher_id: offer?.publisherId ?? null,
      partner_id: chain?.model === 'direct' ? chain.partnerId : null,
      provider_id: chain?.model === 'indirect' ? chain.providerId : null,
      reseller_id: chain?.model === 'indirect' ? chain.resellerId : null,
      operator_id: world.operatorId,
      requester_org_id: asker.id, requester_user_id: opener.id, responsible_org_id: decision.responsible.orgId,
      holder_org_id: state.holder, assignee_user_id: state.assignee, external_reference: state.externalReference,
      incident_id: decision.incidentId, routing: JSON.stringify(decision), version: state.version,
      created_at: opened, updated_at: state.updatedAt, resolved_at: state.resolvedAt, closed_at: state.closedAt,
    });
    for (const [orgId, p] of participants) {
      rows.participants.push({
        case_id: id, org_id: orgId, role: p.role, joined_at: p.joinedAt, status: state.status, category: story.category,
        severity: story.severity, offer_id: offer?.id ?? null, customer_id: customerId, holder_org_id: state.holder,
        assignee_user_id: state.assignee, updated_at: state.updatedAt,
      });
    }
  }
}
