/**
 * Turns the demo's case stories (demo-cases.data.ts) into rows: the opening is routed by the
 * routing engine from the demo's own subscriptions, splits and preferences, exactly as the cases
 * context gathers the facts; the case is opened and every later step taken by the product's one
 * case reducer (src/core/case-history.ts: openCase, decideCaseCommand) — who may act in which
 * status, where a forward, escalation or hand back goes, what status follows, which history
 * entries are written. A story the reducer refuses stops the load, so the demo can't drift from
 * the product, and its history rows are the reducer's entries.
 *
 * Terminology: story, step and expect as in demo-cases.data.ts; facts, decision, holder,
 * participants as in core/routing-types.ts; command, actor and refusal as in core/case-history.ts.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import {
  decideCaseCommand, historyRowOf, openCase, rolesRefusal, withEntryIds, type CaseActor, type CaseCommand, type CaseRefusal,
  type CaseState, type NewCaseHistoryEntry,
} from '../core/case-history.ts';
import { canWorkCategory, checkAttachment, sanitizeFileName, type CaseVisibility } from '../core/case-rules.ts';
import type { OrgKind, PartnerModel, Role } from '../core/parties.ts';
import { customerFacingPartnerOf, decideRouting } from '../core/routing.ts';
import type { Chain, RoutingFacts } from '../core/routing-types.ts';
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

/** A refusal of the reducer, in words for the one who wrote the story. */
function refusalWords(refusal: CaseRefusal): string {
  return `${refusal.code} (${refusal.reason}${Object.keys(refusal.details).length > 0 ? ` ${JSON.stringify(refusal.details)}` : ''})`;
}

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
    const actorOf = (email: string): CaseActor => {
      const user = world.user(email);
      const org = world.org(user.org);
      return { orgId: org.id, userId: user.id, kind: org.kind, partnerModel: org.partnerModel, roles: user.roles };
    };
    const requester = actorOf(story.openedBy);
    const rolesRefused = rolesRefusal(requester, story.category, 'open');
    if (rolesRefused) invalid(`${where}: ${story.openedBy} may not open ${story.category} cases (${refusalWords(rolesRefused)})`);

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
    const start = openCase({
      caseId: id, title: story.title, category: story.category, severity: story.severity, subscriptionId, offerId: offer?.id ?? null,
      customerId, requester, decision, at: opened,
      chain: {
        publisherId: offer?.publisherId ?? null,
        partnerId: chain?.model === 'direct' ? chain.partnerId : null,
        providerId: chain?.model === 'indirect' ? chain.providerId : null,
        resellerId: chain?.model === 'indirect' ? chain.resellerId : null,
        operatorId: world.operatorId,
      },
    });
    let state: CaseState = start.state;
    const entries: NewCaseHistoryEntry[] = [...start.entries];
    const messages: { id: string; orgId: string; visibility: CaseVisibility }[] = [];

    let lastHours = 0;
    for (const step of story.steps) {
      const stepWhere = `${where}, ${step.do} by ${step.by} at +${step.hoursLater} h`;
      if (step.hoursLater <= lastHours) invalid(`${stepWhere}: steps must move forward in time`);
      lastHours = step.hoursLater;
      const when = new Date(opened.getTime() + step.hoursLater * HOUR_MS);
      if (when.getTime() >= world.nowMs) invalid(`${stepWhere}: in the future`);
      const actor = actorOf(step.by);
      const made = commandOf(step, actor, when, stepWhere);
      const decided = decideCaseCommand(state, made.command, actor, when);
      if (!decided.ok) invalid(`${stepWhere}: the case reducer refuses it in status ${state.status}: ${refusalWords(decided.refusal)}`);
      made.store?.();
      entries.push(...decided.entries);
      state = decided.state;
    }
    if (state.status !== story.expect) invalid(`${where}: its steps end ${state.status}, not ${story.expect}`);

    rows.cases.push({
      id, title: story.title, description: story.description, category: state.category, severity: state.severity, status: state.status,
      language: opener.locale, subscription_id: state.subscriptionId, offer_id: state.offerId, customer_id: state.customerId,
      publisher_id: state.chain.publisherId, partner_id: state.chain.partnerId, provider_id: state.chain.providerId,
      reseller_id: state.chain.resellerId, operator_id: state.chain.operatorId,
      requester_org_id: state.requesterOrgId, requester_user_id: opener.id, responsible_org_id: state.responsibleOrgId,
      holder_org_id: state.holderOrgId, assignee_user_id: state.assigneeUserId, external_reference: state.externalReference,
      incident_id: state.incidentId, routing: JSON.stringify(decision), version: state.version,
      created_at: state.createdAt, updated_at: state.updatedAt, resolved_at: state.resolvedAt, closed_at: state.closedAt,
    });
    for (const p of state.participants) {
      rows.participants.push({
        case_id: id, org_id: p.orgId, role: p.role, joined_at: p.joinedAt, status: state.status, category: state.category,
        severity: state.severity, offer_id: state.offerId, customer_id: state.customerId, holder_org_id: state.holderOrgId,
        assignee_user_id: state.assigneeUserId, updated_at: state.updatedAt,
      });
    }
    // Ids start with their change's time plus the entry's place in the change, as the cases context makes them.
    const placeInChange = entries.map((e, i) => i - entries.findIndex((f) => f.at.getTime() === e.at.getTime()));
    rows.events.push(...withEntryIds(entries, (e, i) => newId('caseEvent', e.at.getTime() + placeInChange[i]!)).map(historyRowOf));

    /**
     * The command of a step, with the facts the cases context would gather (the assignee's standing,
     * the acting organization's latest message for a file), and the rows it stores once accepted.
     */
    function commandOf(step: DemoCaseStep, actor: CaseActor, when: Date, stepWhere: string): { command: CaseCommand; store?: () => void } {
      const reason = 'reason' in step && step.reason ? { reason: step.reason } : {};
      switch (step.do) {
        case 'reply': case 'ask_customer': case 'note': {
          const visibility: CaseVisibility = step.do === 'note' ? step.visibility : 'public';
          const messageId = newId('caseMessage', when.getTime());
          const command: CaseCommand = step.do === 'note'
            ? { type: 'note', messageId, body: step.body, visibility: step.visibility }
            : { type: 'reply', messageId, body: step.body, awaitingCustomer: step.do === 'ask_customer' };
          return {
            command,
            store: () => {
              rows.messages.push({ id: messageId, case_id: id, author_org_id: actor.orgId, author_user_id: actor.userId, visibility, body: step.body, created_at: when });
              messages.push({ id: messageId, orgId: actor.orgId, visibility });
            },
          };
        }
        case 'assign': {
          const assignee = world.user(step.to);
          const eligible = world.org(assignee.org).id === state.holderOrgId && canWorkCategory(assignee.roles, state.category);
          return { command: { type: 'assign', userId: assignee.id, eligible } };
        }
        case 'forward': case 'escalate': case 'hand_back': case 'resolve': case 'reopen': case 'close':
          return { command: { type: step.do, ...reason } };
        case 'set_external_reference':
          return { command: { type: 'set_external_reference', value: step.value } };
        case 'attach': {
          const onto = messages.filter((m) => m.orgId === actor.orgId).pop() ?? invalid(`${stepWhere}: the organization wrote no message to attach it to`);
          const bytes = Buffer.from(step.content, 'utf8');
          const check = checkAttachment(step.contentType, bytes);
          if (!check.ok) invalid(`${stepWhere}: the attachment is refused (${check.reason})`);
          const attachmentId = newId('caseAttachment', when.getTime());
          const fileName = sanitizeFileName(step.fileName);
          return {
            command: {
              type: 'attach', messageId: onto.id, messageAuthorOrgId: onto.orgId, attachmentId, fileName, contentType: check.contentType,
              sizeBytes: bytes.length, visibility: onto.visibility,
            },
            store: () => rows.attachments.push({
              id: attachmentId, case_id: id, message_id: onto.id, author_org_id: actor.orgId, visibility: onto.visibility,
              file_name: fileName, content_type: check.contentType, size_bytes: bytes.length,
              sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes, created_at: when,
            }),
          };
        }
      }
    }
  }
}
