/**
 * Use cases of cases that cross organizations (SPEC section 5): open a case (routed by the
 * routing context), read it with its participants, messages and events, and work it — reply,
 * note, assign, forward, escalate, hand back, reroute, resolve, reopen, close, set the
 * publisher's external reference, attach files. Each use case opens its own transaction; every
 * change locks the case, honours If-Match, increments the version and records an event.
 *
 * Terminology (holder, requester, relation, hand-over and the statuses are defined in
 * src/core/case-rules.ts; responsible, participants and the decision in src/core/routing-types.ts):
 * - chain snapshot: the customer, offer, publisher, partners of record and operator as they were
 *   when the case was opened, kept on the case.
 * - inbox keys: status, category, severity, offer, customer, holder and update time, copied onto
 *   every participant row so each organization's inbox is one index scan.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/app-error.ts';
import {
  ATTACHMENT_CONTENT_TYPES, askerOfRole, canReadCases, canWorkCategory, checkAttachment, decideCaseAction, decideEscalation,
  decideForward, etagOf, handBackTarget, MAX_ATTACHMENT_BYTES, matchesIfMatch, nextChangeTime, participantRoleOf,
  relationsOf, sanitizeFileName, type CaseAction, type CaseRelation, type CaseStatus, type CaseVisibility,
  type EscalationDecision, type NoteVisibility, type Transfer,
} from '../../core/case-rules.ts';
import { permissionDenied, validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import { caseDomainEventType, caseEventAudience, excerptOf, type AudienceParticipant, type NewDomainEvent } from '../../core/events.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import type { Viewer } from '../../core/parties.ts';
import type { ParticipantRole, RoutingDecision, RoutingFacts, RoutingRule, Severity } from '../../core/routing-types.ts';
import { isSupportCategory, type SupportCategory } from '../../core/support-categories.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { CaseStatusRow } from '../../db/schema.ts';
import { readOfferSupportContact, type PresentedContact } from '../catalog/index.ts';
import { recordEvents } from '../events/index.ts';
import { runIdempotent } from '../idempotency/index.ts';
import { explainRouting } from '../routing/index.ts';
import type { CaseErrorCode } from './cases.errors.ts';
import * as repo from './cases.repository.ts';

const err = (code: CaseErrorCode | CommonErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);
const notFound = () => err('CASE_NOT_FOUND', 'No such case.');

/** An organization named on a case; the name is null where the viewer may not see the organization. */
export interface PresentedRef {
  id: string;
  name: string | null;
}

/** A case as its participants see it. */
export interface PresentedCase {
  id: string;
  title: string;
  description: string;
  category: SupportCategory;
  severity: Severity;
  status: CaseStatus;
  language: 'en' | 'ko';
  subscriptionId: string | null;
  offerId: string | null;
  customer: PresentedRef | null;
  /** The chain recorded when the case was opened. */
  chain: { publisherId: string | null; partnerId: string | null; providerId: string | null; resellerId: string | null; operatorId: string | null };
  requester: { orgId: string; userId: string; name: string | null };
  responsible: PresentedRef & { kind: 'partner' | 'publisher' | 'operator' | null };
  holder: PresentedRef;
  /** The holder's user working the case; the name only for the holder's own organization. */
  assignee: { userId: string; name: string | null } | null;
  participants: (PresentedRef & { role: ParticipantRole; joinedAt: string })[];
  /** Why the case is where it is: the routing decision that placed it last. */
  routing: { firstHolderId: string | null; escalationPath: string[]; rules: RoutingRule[] };
  externalReference: string | null;
  incidentId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** What the viewer's organization is to the case. */
  yourRelations: CaseRelation[];
}

/** An attachment's description; its bytes are downloaded on their own. */
export interface PresentedAttachment {
  id: string;
  messageId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/** A message of a case. */
export interface PresentedMessage {
  id: string;
  caseId: string;
  visibility: CaseVisibility;
  body: string;
  author: { orgId: string; orgName: string | null; userId: string };
  createdAt: string;
  attachments: PresentedAttachment[];
}

/** An event of a case's history. */
export interface PresentedEvent {
  id: string;
  caseId: string;
  type: string;
  visibility: CaseVisibility;
  actor: { orgId: string; userId: string | null };
  data: Record<string, unknown>;
  createdAt: string;
}

/** What an asker sends to open a case. */
export interface OpenCaseInput {
  title: string;
  description: string;
  category: SupportCategory;
  severity: Severity;
  subscriptionId?: string;
  offerId?: string;
  language?: 'en' | 'ko';
}

/** An uploaded file, as the route read it. */
export interface UploadedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** The bytes of an attachment and how to send them. */
export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

const ACTION_WORDS: Record<CaseAction, { verb: string; done: string }> = {
  reply: { verb: 'reply to', done: 'replied to' },
  reply_awaiting_customer: { verb: 'ask the customer on', done: 'set to wait on the customer' },
  note: { verb: 'add notes to', done: 'given notes' },
  assign: { verb: 'assign', done: 'assigned' },
  forward: { verb: 'forward', done: 'forwarded' },
  escalate: { verb: 'escalate', done: 'escalated' },
  hand_back: { verb: 'hand back', done: 'handed back' },
  reroute: { verb: 'reroute', done: 'rerouted' },
  resolve: { verb: 'resolve', done: 'resolved' },
  reopen: { verb: 'reopen', done: 'reopened' },
  close: { verb: 'close', done: 'closed' },
  set_external_reference: { verb: 'set the external reference of', done: 'given an external reference' },
  attach: { verb: 'attach files to', done: 'given attachments' },
};

const RELATION_WORDS: Record<CaseRelation, string> = {
  holder: 'holder', customer: 'customer', requester: 'requester', participant: 'other participants',
};

const ESCALATION_WORDS: Record<Exclude<EscalationDecision, { allowed: true }>['reason'], string> = {
  operator_does_not_support_isv_products: 'The operator does not support ISV products: technical and outage cases are never escalated to it. The publisher\'s support contact answers them.',
  not_an_operator_category: 'Only commerce platform and partner cases (billing, payment, subscription, account setup) are escalated to the operator; the publisher answers this category.',
  no_provider: 'This case has no provider of record to escalate to.',
  no_operator: 'This case recorded no operator to escalate to.',
  nowhere_to_escalate: 'There is no tier above the holder of this case.',
};

const FORWARD_WORDS: Record<Exclude<ReturnType<typeof decideForward>, { allowed: true }>['reason'], string> = {
  not_technical: 'Only technical and outage cases are forwarded to the publisher; reroute the case if its category is wrong.',
  holder_not_partner: 'Only a partner holding a case forwards it to the publisher.',
  no_publisher: 'This case names no offer, so there is no publisher to forward it to.',
};

/** Parses the stored decision defensively: it is JSON written by an earlier version. */
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

function presentCase(c: repo.CaseRecord, participants: readonly repo.ParticipantRecord[], viewer: Pick<Viewer, 'orgId' | 'orgKind'>, assigneeName: string | null): PresentedCase {
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
  };
}

function presentAttachment(a: repo.AttachmentMeta): PresentedAttachment {
  return {
    id: a.id, messageId: a.message_id, fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes,
    sha256: a.sha256, createdAt: new Date(a.created_at).toISOString(),
  };
}

function presentMessage(m: repo.MessageRecord, attachments: readonly repo.AttachmentMeta[]): PresentedMessage {
  return {
    id: m.id, caseId: m.case_id, visibility: m.visibility, body: m.body,
    author: { orgId: m.author_org_id, orgName: m.author_org_name, userId: m.author_user_id },
    createdAt: new Date(m.created_at).toISOString(),
    attachments: attachments.filter((a) => a.message_id === m.id).map(presentAttachment),
  };
}

function presentEvent(e: repo.EventRecord): PresentedEvent {
  return {
    id: e.id, caseId: e.case_id, type: e.type, visibility: e.visibility, actor: { orgId: e.actor_org_id, userId: e.actor_user_id },
    data: (e.data ?? {}) as Record<string, unknown>, createdAt: new Date(e.created_at).toISOString(),
  };
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Unroutable reasons that mean the asker named something it can't see: answered as 404, like a missing object. */
const UNFOUND: Partial<Record<string, { code: CaseErrorCode; message: string }>> = {
  SUBSCRIPTION_NOT_FOUND: { code: 'SUBSCRIPTION_NOT_FOUND', message: 'No such subscription.' },
  OFFER_NOT_FOUND: { code: 'OFFER_NOT_FOUND', message: 'No such offer.' },
};

function notRoutable(decision: Extract<RoutingDecision, { routable: false }>): AppError {
  const unfound = UNFOUND[decision.reason];
  if (unfound) return err(unfound.code, unfound.message);
  const why = decision.rules[decision.rules.length - 1]?.en ?? 'Routing found no one to take this case.';
  return err('CASE_NOT_ROUTABLE', why, { reason: decision.reason, rules: decision.rules });
}

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

/** The inbox keys a participant row carries, from the case as it is after a change. */
function inboxKeys(c: { status: CaseStatusRow; category: string; severity: Severity; offer_id: string | null; customer_id: string | null; holder_org_id: string; updated_at: Date }) {
  return {
    status: c.status, category: c.category, severity: c.severity, offer_id: c.offer_id, customer_id: c.customer_id,
    holder_org_id: c.holder_org_id, updated_at: c.updated_at,
  };
}

/** When a case was resolved and closed, after a change of status: a case that leaves `resolved` (other than to close) is no longer resolved. */
function lifecycleDates(from: CaseStatus, to: CaseStatus, at: Date): { resolved_at?: Date | null; closed_at?: Date } {
  if (to === from) return {};
  if (to === 'resolved') return { resolved_at: at };
  if (to === 'closed') return { closed_at: at };
  return from === 'resolved' ? { resolved_at: null } : {};
}

/** One event to record with a change. */
interface NewEvent {
  type: string;
  visibility: CaseVisibility;
  data: Record<string, unknown>;
  /** Carried by the domain event only, not kept in the case history (a message's excerpt). */
  notice?: Record<string, unknown>;
}

/** A case as its domain events describe it: enough for a receiver to act without another read. */
function caseSnapshot(c: Pick<repo.CaseRecord, 'id' | 'title' | 'status' | 'category' | 'severity' | 'holder_org_id' | 'responsible_org_id' | 'offer_id' | 'subscription_id' | 'customer_id' | 'incident_id' | 'version'>) {
  return {
    caseId: c.id, title: c.title, status: c.status, category: c.category, severity: c.severity,
    holderOrgId: c.holder_org_id, responsibleOrgId: c.responsible_org_id, offerId: c.offer_id,
    subscriptionId: c.subscription_id, customerId: c.customer_id, incidentId: c.incident_id, version: c.version,
  };
}

/** The domain events of a change's history entries, each to the participants who may see the entry. */
function caseDomainEvents(c: Parameters<typeof caseSnapshot>[0], participants: readonly AudienceParticipant[], actorOrgId: string, events: readonly NewEvent[]): NewDomainEvent[] {
  return events.flatMap((e): NewDomainEvent[] => {
    const type = caseDomainEventType(e.type);
    if (!type) return [];
    return [{
      type, subjectType: 'case', subjectId: c.id,
      data: { ...caseSnapshot(c), change: e.data, visibility: e.visibility, ...e.notice },
      audienceOrgIds: caseEventAudience(participants, e.visibility, actorOrgId),
    }];
  });
}

/** Builds the case use cases over a database. */
export function createCaseService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** The case as the viewer sees it, read in the caller's transaction. */
  async function load(tx: Tx, viewer: Viewer, caseId: string): Promise<PresentedCase> {
    const c = await repo.findCase(tx, viewer, caseId);
    if (!c) throw notFound();
    const participants = await repo.listParticipants(tx, viewer, caseId);
    const assignee = c.assignee_user_id ? await repo.findOwnUser(tx, viewer, c.assignee_user_id) : undefined;
    return presentCase(c, participants, viewer, assignee?.name ?? null);
  }

  /** Refuses a viewer whose roles may not work the category (403: it sees the case); `verb` says what it tried. */
  function requireWork(viewer: Viewer, category: string, verb: string): void {
    if (isSupportCategory(category) && canWorkCategory(viewer.roles, category)) return;
    if (canWorkCategory(viewer.roles, 'billing')) {
      throw err('PERMISSION_DENIED', `Your roles work only billing and payment cases; you can't ${verb} a ${category} case.`, { category });
    }
    throw permissionDenied(`${verb} support cases`);
  }

  /** Decides an action by the table of case-rules and turns a refusal into its error. */
  function decide(c: repo.CaseRecord, viewer: Viewer, action: CaseAction, relations: readonly CaseRelation[], handsOver?: boolean): CaseStatus {
    const d = decideCaseAction({ status: c.status, action, relations, handsOver });
    if (d.allowed) return d.next;
    if (d.reason === 'closed') {
      throw err('CASE_STATUS_CONFLICT', 'A closed case is final; open a new case instead.', { status: c.status, allowedStatuses: [] });
    }
    if (d.reason === 'relation') {
      const who = d.allowedRelations.length > 0 ? `only the case's ${listWords(d.allowedRelations.map((r) => RELATION_WORDS[r]))}` : 'nobody';
      throw err('PERMISSION_DENIED', `Your organization is the case's ${listWords(relations.map((r) => RELATION_WORDS[r]))}; ${who} can ${ACTION_WORDS[action].verb} it.`, {
        action, yourRelations: relations, allowedRelations: d.allowedRelations,
      });
    }
    throw err('CASE_STATUS_CONFLICT', `A ${c.status} case can't be ${ACTION_WORDS[action].done}; this needs one that is ${listWords(d.allowedStatuses)}.`, {
      status: c.status, allowedStatuses: d.allowedStatuses,
    });
  }

  /** What every action shares: the locked case, the viewer's relations, the checks before the change. */
  interface Acting {
    tx: Tx;
    c: repo.CaseRecord;
    participants: repo.ParticipantRecord[];
    relations: CaseRelation[];
    at: Date;
  }

  /** An action's Idempotency-Key, the use case it names and the input it was given. */
  interface Idempotency {
    key: string | undefined;
    operation: string;
    input: object;
  }

  /**
   * Runs an action: locks the case (404 when the viewer takes no part), checks the viewer's roles
   * (403), If-Match (412), then lets `body` decide and describe the change, which is applied at
   * the next version with its events.
   */
  async function act<R>(viewer: Viewer, caseId: string, ifMatch: string | undefined, action: CaseAction,
    body: (a: Acting) => Promise<{ patch: repo.CasePatch; events: NewEvent[]; newParticipants?: { orgId: string; role: ParticipantRole }[]; result?: R }>,
    idempotency?: Idempotency,
  ): Promise<{ case: PresentedCase; result: R | undefined; replayed?: boolean }> {
    return db.withTenant(viewer, (tx) => idempotently(tx, viewer, idempotency, async () => {
      const c = await repo.lockCase(tx, viewer, caseId);
      if (!c) throw notFound();
      requireWork(viewer, c.category, ACTION_WORDS[action].verb);
      if (!matchesIfMatch(ifMatch, c.version)) {
        throw err('CASE_VERSION_CONFLICT', `The case is at version ${c.version}; read it again and retry with If-Match: ${etagOf(c.version)}.`, { currentVersion: c.version });
      }
      const participants = await repo.listParticipants(tx, viewer, caseId);
      const relations = relationsOf({ id: viewer.orgId, kind: viewer.orgKind }, { holderOrgId: c.holder_org_id, requesterOrgId: c.requester_org_id, isParticipant: true });
      const at = nextChangeTime(now(), new Date(c.updated_at));
      const change = await body({ tx, c, participants, relations, at });
      const patch = { ...change.patch, ...lifecycleDates(c.status, change.patch.status ?? c.status, at) };
      const updated = { ...c, ...patch, updated_at: at };
      if (!(await repo.updateCase(tx, viewer, c.id, c.version, { ...patch, updated_at: at }))) {
        throw err('CASE_VERSION_CONFLICT', 'The case changed while this request ran; read it again.', { currentVersion: c.version + 1 });
      }
      const present = new Set(participants.map((p) => p.org_id));
      const added: { orgId: string; role: ParticipantRole }[] = [];
      for (const p of change.newParticipants ?? []) {
        if (present.has(p.orgId)) continue;
        present.add(p.orgId);
        added.push(p);
      }
      await repo.insertParticipants(tx, viewer, added.map((p) => ({ case_id: c.id, org_id: p.orgId, role: p.role, joined_at: at, ...inboxKeys(updated) })));
      await repo.insertEvents(tx, viewer, change.events.map((e, i) => ({
        id: newId('caseEvent', at.getTime() + i), case_id: c.id, actor_org_id: viewer.orgId, actor_user_id: viewer.userId,
        type: e.type, visibility: e.visibility, data: JSON.stringify(e.data), created_at: at,
      })));
      const audience = [...participants.map((p) => ({ orgId: p.org_id, role: p.role })), ...added];
      await recordEvents(tx, viewer, caseDomainEvents({ ...updated, version: c.version + 1 }, audience, viewer.orgId, change.events), at);
      return { case: await load(tx, viewer, c.id), result: change.result };
    }));
  }

  /**
   * Runs an action once per Idempotency-Key, before its If-Match check: a retry of a reply that
   * went through answers the first answer, not a version conflict.
   */
  async function idempotently<T extends object>(tx: Tx, viewer: Viewer, idempotency: Idempotency | undefined, fn: () => Promise<T>): Promise<T & { replayed?: boolean }> {
    if (!idempotency) return fn();
    const { value, replayed } = await runIdempotent(tx, viewer, { ...idempotency, now: now() }, fn);
    return { ...value, replayed };
  }

  /** The status part of an event's data, when the status changes. */
  function statusChange(from: CaseStatus, to: CaseStatus): Record<string, unknown> {
    return from === to ? {} : { status: { from, to } };
  }

  /** A hand-over to another organization: new holder, no assignee, the new holder a participant. */
  function handOver(a: Acting, viewer: Viewer, action: 'forward' | 'escalate' | 'hand_back', to: string, type: Transfer['type'], role: ParticipantRole, extra: Record<string, unknown>) {
    const next = decide(a.c, viewer, action, a.relations);
    return {
      patch: { holder_org_id: to, assignee_user_id: null, status: next },
      newParticipants: [{ orgId: to, role }],
      events: [{ type, visibility: 'public' as const, data: { fromOrgId: a.c.holder_org_id, toOrgId: to, ...extra, ...statusChange(a.c.status, next) } }],
    };
  }

  /** Adds a message as part of an action; answers it presented. */
  async function addMessage(a: Acting, viewer: Viewer, visibility: CaseVisibility, body: string): Promise<PresentedMessage> {
    const id = newId('caseMessage', a.at.getTime());
    await repo.insertMessage(a.tx, viewer, { id, case_id: a.c.id, author_org_id: viewer.orgId, author_user_id: viewer.userId, visibility, body, created_at: a.at });
    const row = await repo.findMessage(a.tx, viewer, a.c.id, id);
    return presentMessage(row!, []);
  }

  /** A simple status change by the table: resolve, reopen, close. */
  function transition(action: 'resolve' | 'reopen' | 'close', type: string) {
    return (viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { reason?: string }) =>
      act(viewer, caseId, ifMatch, action, async (a) => {
        const next = decide(a.c, viewer, action, a.relations);
        return {
          patch: { status: next },
          events: [{ type, visibility: 'public', data: { ...reasonOf(input), ...statusChange(a.c.status, next) } }],
        };
      }).then((r) => r.case);
  }

  return {
    /**
     * Opens a case: routes it, stores it `new` with its first holder, responsible, chain snapshot
     * and decision, makes every decided participant (and the requester) a participant, and records
     * `opened` and `routed`. With an Idempotency-Key, a retry with the same input answers the first
     * answer again; with other input it is refused.
     */
    async open(viewer: Viewer, idempotencyKey: string | undefined, input: OpenCaseInput): Promise<{ case: PresentedCase; replayed: boolean }> {
      const title = input.title.trim();
      const description = input.description.trim();
      if (title.length === 0) throw validationFailed('body.title', 'must not be blank');
      if (description.length === 0) throw validationFailed('body.description', 'must not be blank');
      requireWork(viewer, input.category, 'open');
      return db.withTenant(viewer, async (tx) => {
        const { value, replayed } = await runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'cases.open', input, now: now() }, async () => {
          const { facts, decision } = await explainRouting(tx, viewer, {
            category: input.category, severity: input.severity,
            ...(input.subscriptionId !== undefined ? { subscriptionId: input.subscriptionId } : {}),
            ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
            ...(viewer.orgKind === 'customer' ? { customerId: viewer.orgId } : {}),
          });
          if (!decision.routable) throw notRoutable(decision);
          const at = now();
          const id = newId('case', at.getTime());
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
          await repo.insertCase(tx, viewer, row);
          const keys = inboxKeys(row);
          const requesterRole = decision.participants.find((p) => p.orgId === viewer.orgId)?.role
            ?? participantRoleOf({ id: viewer.orgId, kind: viewer.orgKind, partnerModel: viewer.partnerModel }, {
              customerId: chain.customer_id, publisherId: chain.publisher_id, partnerId: chain.partner_id,
              providerId: chain.provider_id, resellerId: chain.reseller_id, operatorId: chain.operator_id,
            });
          // The requester first: the insert policy lets it add itself, and then, as a participant, the others.
          await repo.insertParticipants(tx, viewer, [{ case_id: id, org_id: viewer.orgId, role: requesterRole, joined_at: at, ...keys }]);
          const others = [...new Map(decision.participants.filter((p) => p.orgId !== viewer.orgId).map((p) => [p.orgId, p])).values()];
          await repo.insertParticipants(tx, viewer, others.map((p) => ({ case_id: id, org_id: p.orgId, role: p.role, joined_at: at, ...keys })));
          await repo.insertEvents(tx, viewer, [
            {
              id: newId('caseEvent', at.getTime()), case_id: id, actor_org_id: viewer.orgId, actor_user_id: viewer.userId, type: 'opened',
              visibility: 'public', created_at: at,
              data: JSON.stringify({ title, category: input.category, severity: input.severity, subscriptionId: row.subscription_id, offerId: row.offer_id }),
            },
            {
              id: newId('caseEvent', at.getTime() + 1), case_id: id, actor_org_id: viewer.orgId, actor_user_id: viewer.userId, type: 'routed',
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
          return load(tx, viewer, id);
        });
        return { case: value, replayed };
      });
    },

    /** One case the viewer's organization takes part in, with participants and routing. */
    async get(viewer: Viewer, caseId: string): Promise<PresentedCase> {
      return db.withTenant(viewer, async (tx) => {
        const presented = await load(tx, viewer, caseId);
        if (!canReadCases(viewer.roles)) throw permissionDenied('read support cases');
        return presented;
      });
    },

    /** The messages of a case the viewer may see, oldest first, with their attachments. */
    async listMessages(viewer: Viewer, caseId: string, q: { cursor?: string; limit: number }): Promise<Page<PresentedMessage>> {
      const after = readCursor(q.cursor, ['timestamp', 'string']);
      return db.withTenant(viewer, async (tx) => {
        if (!(await repo.findCase(tx, viewer, caseId))) throw notFound();
        if (!canReadCases(viewer.roles)) throw permissionDenied('read support cases');
        const rows = await repo.listMessages(tx, viewer, caseId, { after, limit: q.limit });
        const attachments = await repo.listAttachmentsOf(tx, viewer, caseId, rows.slice(0, q.limit).map((m) => m.id));
        return toPage(rows, q.limit, (m) => [new Date(m.created_at).toISOString(), m.id], (m) => presentMessage(m, attachments));
      });
    },

    /** The history of a case the viewer may see, oldest first. */
    async listEvents(viewer: Viewer, caseId: string, q: { cursor?: string; limit: number }): Promise<Page<PresentedEvent>> {
      const after = readCursor(q.cursor, ['timestamp', 'string']);
      return db.withTenant(viewer, async (tx) => {
        if (!(await repo.findCase(tx, viewer, caseId))) throw notFound();
        if (!canReadCases(viewer.roles)) throw permissionDenied('read support cases');
        const rows = await repo.listEvents(tx, viewer, caseId, { after, limit: q.limit });
        return toPage(rows, q.limit, (e) => [new Date(e.created_at).toISOString(), e.id], presentEvent);
      });
    },

    /**
     * A public message. The holder's reply opens a case waiting on it, or with `awaitingCustomer`
     * waits on the customer; the customer's or requester's reply opens a case waiting on them.
     */
    async reply(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { body: string; awaitingCustomer?: boolean }, idempotencyKey?: string): Promise<{ message: PresentedMessage; case: PresentedCase; replayed?: boolean }> {
      const body = requireText(input.body, 'body.body');
      const action = input.awaitingCustomer ? 'reply_awaiting_customer' : 'reply';
      const r = await act(viewer, caseId, ifMatch, action, async (a) => {
        const next = decide(a.c, viewer, action, a.relations);
        const message = await addMessage(a, viewer, 'public', body);
        return {
          patch: { status: next },
          events: [{
            type: 'replied', visibility: 'public', data: { messageId: message.id, awaitingCustomer: action === 'reply_awaiting_customer', ...statusChange(a.c.status, next) },
            notice: { messageId: message.id, excerpt: excerptOf(body) },
          }],
          result: message,
        };
      }, { key: idempotencyKey, operation: 'cases.reply', input: { caseId, ...input } });
      return { message: r.result!, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
    },

    /** A note for the viewer's own organization (`internal`) or for every participant but the customer (`partners`). */
    async note(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { body: string; visibility: NoteVisibility }, idempotencyKey?: string): Promise<{ message: PresentedMessage; case: PresentedCase; replayed?: boolean }> {
      const body = requireText(input.body, 'body.body');
      const r = await act(viewer, caseId, ifMatch, 'note', async (a) => {
        const next = decide(a.c, viewer, 'note', a.relations);
        const message = await addMessage(a, viewer, input.visibility, body);
        return {
          patch: { status: next },
          // As visible as the note itself, so the note's existence reaches no one else either.
          events: [{ type: 'noted', visibility: input.visibility, data: { messageId: message.id, ...statusChange(a.c.status, next) }, notice: { messageId: message.id, excerpt: excerptOf(body) } }],
          result: message,
        };
      }, { key: idempotencyKey, operation: 'cases.note', input: { caseId, ...input } });
      return { message: r.result!, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
    },

    /** The holder gives the case to one of its users who may work it, or to nobody (null). */
    async assign(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { userId: string | null }): Promise<PresentedCase> {
      return (await act(viewer, caseId, ifMatch, 'assign', async (a) => {
        const next = decide(a.c, viewer, 'assign', a.relations);
        if (input.userId !== null) {
          const user = await repo.findOwnUser(a.tx, viewer, input.userId);
          const category = a.c.category;
          const eligible = user && user.disabled_at === null && isSupportCategory(category)
            && canWorkCategory(user.roles as Viewer['roles'], category);
          if (!eligible) {
            throw err('ASSIGNEE_NOT_ELIGIBLE', 'Assign the case to an active user of the holding organization whose roles work this case.', {
              errors: [{ field: 'body.userId', message: user ? 'can\'t work this case' : 'is not a user of the holding organization' }],
            });
          }
        }
        return {
          patch: { assignee_user_id: input.userId, status: next },
          events: [{ type: 'assigned', visibility: 'public', data: { assigneeUserId: input.userId, previousAssigneeUserId: a.c.assignee_user_id, ...statusChange(a.c.status, next) } }],
        };
      })).case;
    },

    /** A partner holding a technical case hands it to the offer's publisher and stays a participant. */
    async forward(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { reason?: string }): Promise<PresentedCase> {
      return (await act(viewer, caseId, ifMatch, 'forward', async (a) => {
        decide(a.c, viewer, 'forward', a.relations);
        const d = decideForward({ category: a.c.category as SupportCategory, holderKind: viewer.orgKind, publisherId: a.c.publisher_id });
        if (!d.allowed) throw err('FORWARD_NOT_ALLOWED', FORWARD_WORDS[d.reason], { reason: d.reason });
        return handOver(a, viewer, 'forward', d.to, 'forwarded', 'publisher', reasonOf(input));
      })).case;
    },

    /**
     * The holder moves the case up a tier: a reseller to its provider, a partner or publisher to
     * the operator (commerce and partner categories only). A product question is refused with the
     * publisher's support contact.
     */
    async escalate(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { reason?: string }): Promise<PresentedCase> {
      return (await act(viewer, caseId, ifMatch, 'escalate', async (a) => {
        decide(a.c, viewer, 'escalate', a.relations);
        const d = decideEscalation({
          category: a.c.category as SupportCategory,
          holder: { orgId: viewer.orgId, kind: viewer.orgKind, partnerModel: viewer.partnerModel },
          chain: { providerId: a.c.provider_id, resellerId: a.c.reseller_id, operatorId: a.c.operator_id },
        });
        if (!d.allowed) throw await escalationRefusal(a.tx, viewer, a.c, d.reason);
        return handOver(a, viewer, 'escalate', d.to, 'escalated', d.tier, { tier: d.tier, ...reasonOf(input) });
      })).case;
    },

    /** The holder returns the case to the organization that forwarded or escalated it to the holder. */
    async handBack(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { reason?: string }): Promise<PresentedCase> {
      return (await act(viewer, caseId, ifMatch, 'hand_back', async (a) => {
        decide(a.c, viewer, 'hand_back', a.relations);
        const history = (await repo.listTransfers(a.tx, viewer, a.c.id)).flatMap((e): Transfer[] => {
          const data = (e.data ?? {}) as { fromOrgId?: unknown; toOrgId?: unknown };
          return typeof data.fromOrgId === 'string' && typeof data.toOrgId === 'string'
            ? [{ type: e.type as Transfer['type'], fromOrgId: data.fromOrgId, toOrgId: data.toOrgId }] : [];
        });
        const to = handBackTarget(history, a.c.holder_org_id);
        if (!to) throw err('HAND_BACK_NOT_ALLOWED', 'Nobody forwarded or escalated this case to your organization, so there is no one to hand it back to.');
        const role = a.participants.find((p) => p.org_id === to)?.role ?? 'partner';
        return handOver(a, viewer, 'hand_back', to, 'handed_back', role, reasonOf(input));
      })).case;
    },

    /**
     * The holder changes the category: routing runs again as the requester asked, placing the
     * case with the new responsible and first holder; new participants join; the reason is recorded.
     */
    async reroute(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { category: SupportCategory; reason: string }): Promise<PresentedCase> {
      const reason = requireText(input.reason, 'body.reason');
      return (await act(viewer, caseId, ifMatch, 'reroute', async (a) => {
        decide(a.c, viewer, 'reroute', a.relations, true);
        if (input.category === a.c.category) throw validationFailed('body.category', 'is already the case\'s category');
        requireWork(viewer, input.category, 'reroute to');
        const requesterRole = a.participants.find((p) => p.org_id === a.c.requester_org_id)?.role ?? 'customer';
        const asker = askerOfRole(requesterRole);
        // Routing runs as the requester asked; the transaction (and so what the rows show) stays the viewer's.
        const askerViewer: Viewer = { ...viewer, orgId: a.c.requester_org_id, userId: a.c.requester_user_id, orgKind: asker.kind, partnerModel: asker.partnerModel };
        const { decision } = await explainRouting(a.tx, askerViewer, {
          category: input.category, severity: a.c.severity,
          ...(a.c.subscription_id ? { subscriptionId: a.c.subscription_id } : { ...(a.c.offer_id ? { offerId: a.c.offer_id } : {}), ...(a.c.customer_id ? { customerId: a.c.customer_id } : {}) }),
        });
        if (!decision.routable) throw notRoutable(decision);
        const handsOver = decision.firstHolderId !== a.c.holder_org_id;
        const next = decide(a.c, viewer, 'reroute', a.relations, handsOver);
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
      })).case;
    },

    /** The holder resolves the case. */
    resolve: transition('resolve', 'resolved'),
    /** The holder, customer or requester reopens a resolved case. */
    reopen: transition('reopen', 'reopened'),
    /** The customer or requester closes the case (the holder once it is resolved); closed is final. */
    close: transition('close', 'closed'),

    /** The offer's publisher records its own ticket number on the case (null clears it). */
    async setExternalReference(viewer: Viewer, caseId: string, ifMatch: string | undefined, input: { externalReference: string | null }): Promise<PresentedCase> {
      const value = input.externalReference === null ? null : requireText(input.externalReference, 'body.externalReference');
      return (await act(viewer, caseId, ifMatch, 'set_external_reference', async (a) => {
        const isPublisher = viewer.orgKind === 'publisher' && a.participants.some((p) => p.org_id === viewer.orgId && p.role === 'publisher');
        if (!isPublisher) throw err('PERMISSION_DENIED', 'Only the publisher taking part in the case sets its external reference.');
        decide(a.c, viewer, 'set_external_reference', a.relations);
        return {
          patch: { external_reference: value },
          events: [{ type: 'external_reference_set', visibility: 'public', data: { from: a.c.external_reference, to: value } }],
        };
      })).case;
    },

    /**
     * Attaches a file to a message of the viewer's organization: an allowed type whose bytes match
     * it, at most 10 MiB, its name sanitized and its SHA-256 stored; as visible as the message.
     */
    async attach(viewer: Viewer, caseId: string, messageId: string, ifMatch: string | undefined, file: UploadedFile, idempotencyKey?: string): Promise<{ attachment: PresentedAttachment; case: PresentedCase; replayed?: boolean }> {
      // The file is in the fingerprint by its hash, name and declared type.
      const fileInput = { caseId, messageId, fileName: file.fileName, contentType: file.contentType, sha256: createHash('sha256').update(file.bytes).digest('hex') };
      const r = await act(viewer, caseId, ifMatch, 'attach', async (a) => {
        const message = await repo.findMessage(a.tx, viewer, a.c.id, messageId);
        if (!message) throw err('MESSAGE_NOT_FOUND', 'No such message on this case.');
        if (message.author_org_id !== viewer.orgId) throw err('PERMISSION_DENIED', 'Only the organization that wrote a message attaches files to it.');
        decide(a.c, viewer, 'attach', a.relations);
        if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge();
        const check = checkAttachment(file.contentType, file.bytes);
        if (!check.ok && check.reason === 'type_not_allowed') {
          throw err('ATTACHMENT_TYPE_NOT_ALLOWED', `Files of type ${check.declared || '(none)'} can't be attached; send one of ${ATTACHMENT_CONTENT_TYPES.join(', ')}.`, { declared: check.declared, allowed: ATTACHMENT_CONTENT_TYPES });
        }
        if (!check.ok) {
          throw err('ATTACHMENT_CONTENT_MISMATCH', `The file's content is not ${check.declared}.`, { declared: check.declared, detected: check.detected });
        }
        const id = newId('caseAttachment', a.at.getTime());
        const meta = {
          id, case_id: a.c.id, message_id: message.id, author_org_id: viewer.orgId, visibility: message.visibility,
          file_name: sanitizeFileName(file.fileName), content_type: check.contentType, size_bytes: file.bytes.length,
          sha256: createHash('sha256').update(file.bytes).digest('hex'), created_at: a.at,
        };
        await repo.insertAttachment(a.tx, viewer, { ...meta, content: file.bytes });
        return {
          patch: {},
          // As visible as its message.
          events: [{ type: 'attachment_added', visibility: message.visibility, data: { messageId: message.id, attachmentId: id, fileName: meta.file_name, contentType: meta.content_type, sizeBytes: meta.size_bytes } }],
          result: presentAttachment(meta),
        };
      }, { key: idempotencyKey, operation: 'cases.attach', input: fileInput });
      return { attachment: r.result!, case: r.case, ...(r.replayed ? { replayed: true } : {}) };
    },

    /** An attachment's bytes, for those who see its message; 404 for everyone else. */
    async download(viewer: Viewer, caseId: string, attachmentId: string): Promise<AttachmentDownload> {
      return db.withTenant(viewer, async (tx) => {
        if (!(await repo.findCase(tx, viewer, caseId))) throw notFound();
        const a = await repo.findAttachment(tx, viewer, caseId, attachmentId);
        if (!a) throw err('ATTACHMENT_NOT_FOUND', 'No such attachment.');
        if (!canReadCases(viewer.roles)) throw permissionDenied('read support cases');
        return { fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes, sha256: a.sha256, content: a.content };
      });
    },
  };

  /** The refusal of an escalation; for a product question, with the publisher's support contact. */
  async function escalationRefusal(tx: Tx, viewer: Viewer, c: repo.CaseRecord, reason: Exclude<EscalationDecision, { allowed: true }>['reason']): Promise<AppError> {
    if (reason !== 'operator_does_not_support_isv_products') return err('ESCALATION_NOT_ALLOWED', ESCALATION_WORDS[reason], { reason });
    const contact: PresentedContact | null = c.offer_id ? await readOfferSupportContact(tx, viewer, c.offer_id) : null;
    const publisherSupport = contact && { name: contact.name, email: contact.email, phone: contact.phone, website: contact.website ?? null };
    const where = publisherSupport
      ? ` Contact ${publisherSupport.name}: ${publisherSupport.email}, ${publisherSupport.phone}${publisherSupport.website ? `, ${publisherSupport.website}` : ''}.`
      : '';
    return err('ESCALATION_NOT_ALLOWED', `${ESCALATION_WORDS[reason]}${where}`, { reason, publisherSupport });
  }
}

/** A non-blank text, trimmed; a validation failure naming the field otherwise. */
function requireText(value: string, field: string): string {
  const text = value.trim();
  if (text.length === 0) throw validationFailed(field, 'must not be blank');
  return text;
}

/** The optional reason of an action, for its event. */
function reasonOf(input: { reason?: string }): Record<string, unknown> {
  const reason = input.reason?.trim();
  return reason ? { reason } : {};
}

/** The refusal of a file over the limit, also raised by the route while the upload streams. */
export function attachmentTooLarge(): AppError {
  return err('ATTACHMENT_TOO_LARGE', `Attachments are at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`, { maxBytes: MAX_ATTACHMENT_BYTES });
}

/** The case use cases, as the routes and the composition root receive them. */
export type CaseService = ReturnType<typeof createCaseService>;
