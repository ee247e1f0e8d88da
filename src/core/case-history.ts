/**
 * The history of a case (SPEC section 5: "an event history of every change") as one closed union
 * of entries, and the one reducer every writer of cases goes through: from a case, a command, the
 * acting party and the time to the next case, its history entries and its domain events — or a
 * refusal, as data. The same checks answer what a party may do next (`allowedActions`), and the
 * history folds back into the case (`foldCaseHistory`). Pure: the caller gathers every fact (the
 * routing decision of a reroute, whether an assignee may work the case, the message a file is
 * attached to) and stores what comes back.
 *
 * Terminology (holder, requester, relation, hand-over and the statuses are defined in
 * case-rules.ts; responsible, participants and the decision in routing-types.ts):
 * - entry: one row of a case's history (`case_events`): its type, who acted, who sees it
 *   (visibility), when, and its typed data.
 * - change: what one command did. Its entries share their `at`, each change is strictly later than
 *   the one before (nextChangeTime), and a case's version is the number of its changes.
 * - command: what a party asks to do to an open case (reply, note, assign, forward, …), with the
 *   facts the caller gathered.
 * - actor: the party acting — its organization, user, kind, partner model and roles.
 * - refusal: why a command is refused — a code of the cases context, a stable reason, details.
 * - transfer stack: the forwards and escalations not yet handed back (case-rules.ts), which the
 *   case carries so a hand back knows where it goes.
 * - state: what a case is at a moment — everything its history says.
 *
 * Rules:
 * 1. Every command is checked in this order, and the first refusal is the answer: the actor takes
 *    part (else CASE_NOT_FOUND, as a case it can't see) → its roles work the category → the
 *    command's own standing (the publisher for the external reference, the holder or the publisher
 *    for an incident, the author for an attachment) → the status table (decideCaseAction) → the
 *    command's rule (decideForward, decideEscalation and the named target, the transfer stack,
 *    the assignee, the new category, the incident).
 * 2. A status change always rides on a public entry: when the entry of a change is not public (an
 *    internal or partners note by the holder of a `new` case), a public `status_changed` entry
 *    is written with it, so every participant's history explains the status.
 * 3. The domain events of a change are those of its entries (`case.message_added` for replies and
 *    notes; none for references, attachments, incident links and status_changed entries), each
 *    carrying the case after the change and reaching the participants who may see its entry.
 * 4. Folding a history infers what rows written before an entry carried a key cannot say: a
 *    forward's new participant is the `publisher`, an escalation's is its `tier`, a hand back's
 *    `partner`; a case's chain and customer come from its participants' roles when `opened` did not
 *    record them.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import {
  CASE_ACTIONS, CASE_STATUSES, CASE_VISIBILITIES, canWorkCategory, decideCaseAction, decideEscalation, decideForward, ESCALATION_TIERS,
  handBackTargetOf, isTechnicalCategory, nextChangeTime, nextTransferStack, participantRoleOf, relationsOf,
  type CaseChain, type CaseRelation, type CaseStatus, type CaseVisibility, type EscalationDecision, type EscalationTarget,
  type EscalationTier, type ForwardDecision, type NoteVisibility, type OpenTransfer, type CaseAction,
} from './case-rules.ts';
import { caseEventAudience, excerptOf, type EventType, type NewDomainEvent } from './events.ts';
import type { OrgKind, PartnerModel, Role } from './parties.ts';
import { SEVERITIES, type ParticipantRole, type RoutingDecision, type Severity } from './routing-types.ts';
import { SUPPORT_CATEGORIES, type SupportCategory } from './support-categories.ts';

// ---- The entries ----

/** Why an organization takes part in a case, as a list (the roles of routing-types.ts). */
export const PARTICIPANT_ROLES = ['customer', 'partner', 'provider', 'reseller', 'publisher', 'operator'] as const satisfies readonly ParticipantRole[];

const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const NullableText = Type.Union([Type.String(), Type.Null()]);
const Status = Type.Enum([...CASE_STATUSES]);
const StatusChange = Type.Object({ from: Status, to: Status });
const Category = Type.Enum([...SUPPORT_CATEGORIES]);
const Participant = Type.Object({ orgId: Id, role: Type.Enum([...PARTICIPANT_ROLES]) });
const Rule = Type.Object({ code: Type.String(), en: Type.String(), ko: Type.String() });
const Chain = Type.Object({ publisherId: NullableId, partnerId: NullableId, providerId: NullableId, resellerId: NullableId, operatorId: NullableId });
const Reason = Type.Optional(Type.String());
const MaybeStatus = Type.Optional(StatusChange);
const Transfer = { fromOrgId: Id, toOrgId: Id, reason: Reason, status: MaybeStatus };

/**
 * The data of each type of entry. The keys are those the cases context and the demo have always
 * written; keys added since are optional, so every stored row still parses.
 */
const ENTRY_DATA = {
  /** The case was opened; `customerId` and `chain` are recorded since the reducer writes cases. */
  opened: Type.Object({
    title: Type.String(), category: Category, severity: Type.Enum([...SEVERITIES]), subscriptionId: NullableId, offerId: NullableId,
    customerId: Type.Optional(NullableId), chain: Type.Optional(Chain),
  }),
  /** Routing placed the new case: who is responsible, who holds it first, who takes part, why. */
  routed: Type.Object({
    responsibleOrgId: Id, holderOrgId: Id, escalationPath: Type.Array(Id), participants: Type.Array(Participant),
    incidentId: NullableId, rules: Type.Array(Rule),
  }),
  /** A public message; `awaitingCustomer` when the holder asked the customer. */
  replied: Type.Object({ messageId: Id, awaitingCustomer: Type.Boolean(), status: MaybeStatus }),
  /** A note, as visible as the note itself. */
  noted: Type.Object({ messageId: Id, status: MaybeStatus }),
  /** The holder gave the case to one of its users, or to nobody. */
  assigned: Type.Object({ assigneeUserId: NullableId, previousAssigneeUserId: NullableId, status: MaybeStatus }),
  /** A partner handed a technical case to the publisher. */
  forwarded: Type.Object(Transfer),
  /** The holder moved the case up a tier. */
  escalated: Type.Object({ ...Transfer, tier: Type.Enum([...ESCALATION_TIERS]) }),
  /** The holder returned the case to whoever forwarded or escalated it to it. */
  handed_back: Type.Object(Transfer),
  /** The category changed and routing placed the case again; `incidentId` (the case's incident after it) since the reducer. */
  rerouted: Type.Object({
    fromCategory: Category, toCategory: Category, reason: Type.String(), fromOrgId: Id, toOrgId: Id, responsibleOrgId: Id,
    addedParticipants: Type.Array(Participant), escalationPath: Type.Array(Id), rules: Type.Array(Rule),
    incidentId: Type.Optional(NullableId), status: MaybeStatus,
  }),
  resolved: Type.Object({ reason: Reason, status: StatusChange }),
  reopened: Type.Object({ reason: Reason, status: StatusChange }),
  closed: Type.Object({ reason: Reason, status: StatusChange }),
  /** The publisher's own ticket number. */
  external_reference_set: Type.Object({ from: NullableText, to: NullableText }),
  /** A file on a message, as visible as the message. */
  attachment_added: Type.Object({
    messageId: Id, attachmentId: Id, fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer({ minimum: 0 }),
  }),
  /** The case was linked to an open incident of its offer. */
  incident_linked: Type.Object({ incidentId: Id, previousIncidentId: NullableId }),
  /** The status of a change whose own entry is not public (rule 2). */
  status_changed: Type.Object({ status: StatusChange }),
} satisfies Record<string, TSchema>;

/** Every type of history entry. */
export type CaseHistoryType = keyof typeof ENTRY_DATA;
export const CASE_HISTORY_TYPES = Object.keys(ENTRY_DATA) as CaseHistoryType[];

/** Who may see each type of entry: notes are never public, attachments are as visible as their message, the rest is public. */
const ENTRY_VISIBILITIES: Record<CaseHistoryType, readonly CaseVisibility[]> = {
  opened: ['public'], routed: ['public'], replied: ['public'], noted: ['partners', 'internal'], assigned: ['public'],
  forwarded: ['public'], escalated: ['public'], handed_back: ['public'], rerouted: ['public'], resolved: ['public'],
  reopened: ['public'], closed: ['public'], external_reference_set: ['public'], attachment_added: CASE_VISIBILITIES,
  incident_linked: ['public'], status_changed: ['public'],
};

/** The domain event each type of entry announces (rule 3). */
const DOMAIN_EVENT_OF: Record<CaseHistoryType, EventType | null> = {
  opened: 'case.opened', routed: 'case.routed', replied: 'case.message_added', noted: 'case.message_added',
  assigned: 'case.assigned', forwarded: 'case.forwarded', escalated: 'case.escalated', handed_back: 'case.handed_back',
  rerouted: 'case.rerouted', resolved: 'case.resolved', reopened: 'case.reopened', closed: 'case.closed',
  external_reference_set: null, attachment_added: null, incident_linked: null, status_changed: null,
};

/** The data of an entry of one type. */
export type CaseHistoryData<T extends CaseHistoryType> = Static<(typeof ENTRY_DATA)[T]>;

/** Who acted: an organization and, unless the system acted, one of its users. */
export interface EntryActor {
  orgId: string;
  userId: string | null;
}

/** One entry of a case's history. */
export type CaseHistoryEntry = {
  [T in CaseHistoryType]: {
    id: string;
    caseId: string;
    type: T;
    actor: EntryActor;
    visibility: CaseVisibility;
    at: Date;
    data: CaseHistoryData<T>;
  };
}[CaseHistoryType];

type WithoutId<E> = E extends unknown ? Omit<E, 'id'> : never;
/** An entry the reducer made, before the writer gives it its id. */
export type NewCaseHistoryEntry = WithoutId<CaseHistoryEntry>;

/** A `case_events` row as the database answers it (`data` as parsed JSON or as JSON text). */
export interface StoredCaseHistoryRow {
  id: string;
  case_id: string;
  actor_org_id: string;
  actor_user_id: string | null;
  type: string;
  visibility: string;
  data: unknown;
  created_at: Date | string;
}

/** A `case_events` row as a writer inserts it. */
export interface CaseHistoryRow {
  id: string;
  case_id: string;
  actor_org_id: string;
  actor_user_id: string | null;
  type: CaseHistoryType;
  visibility: CaseVisibility;
  /** JSON text. */
  data: string;
  created_at: Date;
}

/** A history that does not make sense: a row that does not parse, or entries that do not fold. */
export class CaseHistoryError extends Error {
  constructor(readonly entryId: string | null, readonly caseId: string | null, problem: string) {
    super(`Case history${caseId ? ` of case ${caseId}` : ''}${entryId ? `, entry ${entryId}` : ''}: ${problem}`);
    this.name = 'CaseHistoryError';
  }
}

function isHistoryType(type: string): type is CaseHistoryType {
  return Object.hasOwn(ENTRY_DATA, type);
}

/** Each type's data shape compiled once, when an entry of the type is first parsed (a history read checks many rows). */
const VALIDATORS = new Map<CaseHistoryType, Validator>();
function validatorOf(type: CaseHistoryType): Validator {
  let got = VALIDATORS.get(type);
  if (!got) {
    got = Compile(ENTRY_DATA[type] as TSchema);
    VALIDATORS.set(type, got);
  }
  return got;
}

/** A shape with every object closed to keys it does not name (`additionalProperties: false`, at every depth). */
function closed(schema: TSchema): TSchema {
  const s = schema as TSchema & { type?: unknown; properties?: Record<string, TSchema>; items?: TSchema; anyOf?: TSchema[] };
  if (s.type === 'object' && s.properties) {
    return { ...s, additionalProperties: false, properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, closed(v)])) } as TSchema;
  }
  if (s.type === 'array' && s.items) return { ...s, items: closed(s.items) } as TSchema;
  if (Array.isArray(s.anyOf)) return { ...s, anyOf: s.anyOf.map(closed) } as TSchema;
  return s;
}

/**
 * Each type's closed shape compiled once: data it accepts has no key its shape does not name, so
 * cleaning it would change nothing (Clean, which walks the value against the shape, costs far
 * more than a compiled check — most of a history read's parse).
 */
const EXACT_VALIDATORS = new Map<CaseHistoryType, Validator>();
function exactValidatorOf(type: CaseHistoryType): Validator {
  let got = EXACT_VALIDATORS.get(type);
  if (!got) {
    got = Compile(closed(ENTRY_DATA[type] as TSchema));
    EXACT_VALIDATORS.set(type, got);
  }
  return got;
}

/**
 * A stored row as an entry of the union: its type known, its visibility one its type may have,
 * its data of its type's shape (keys of no shape dropped). Anything else throws a CaseHistoryError
 * naming the entry and the problem. The entry's data is a copy: the row is left as it was.
 */
export function parseCaseHistoryEntry(row: StoredCaseHistoryRow): CaseHistoryEntry {
  return parsedEntry(row, false);
}

/**
 * `parseCaseHistoryEntry` for a row the caller hands over, fresh from the database driver and
 * used for nothing else: the entry may keep the row's data object (cleaned in place if it has
 * keys of no shape) instead of a copy. For reads of many rows (the SLA clocks' histories).
 */
export function parseOwnedCaseHistoryEntry(row: StoredCaseHistoryRow): CaseHistoryEntry {
  return parsedEntry(row, true);
}

function parsedEntry(row: StoredCaseHistoryRow, owned: boolean): CaseHistoryEntry {
  const fail = (problem: string): never => { throw new CaseHistoryError(row.id, row.case_id, problem); };
  if (!isHistoryType(row.type)) return fail(`unknown type "${row.type}"`);
  const type = row.type;
  if (!(ENTRY_VISIBILITIES[type] as readonly string[]).includes(row.visibility)) {
    return fail(`a ${type} entry can't have visibility "${row.visibility}" (only ${ENTRY_VISIBILITIES[type].join(', ')})`);
  }
  const at = row.created_at instanceof Date ? row.created_at : new Date(row.created_at);
  if (Number.isNaN(at.getTime())) return fail(`created_at "${String(row.created_at)}" is not a time`);
  let data = row.data;
  let fresh = owned;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
      fresh = true;
    } catch {
      return fail('data is not JSON');
    }
  }
  if (!exactValidatorOf(type).Check(data)) {
    const schema: TSchema = ENTRY_DATA[type];
    const validator = validatorOf(type);
    if (!validator.Check(data)) {
      const first = Value.Errors(schema, data)[0];
      return fail(`${type} data ${first ? `at "${first.instancePath || '/'}" ${first.message}` : 'does not match its shape'}`);
    }
    data = validator.Clean(fresh ? data : Value.Clone(data));
  } else if (!fresh) {
    data = Value.Clone(data);
  }
  return {
    id: row.id, caseId: row.case_id, type, actor: { orgId: row.actor_org_id, userId: row.actor_user_id },
    visibility: row.visibility as CaseVisibility, at, data,
  } as CaseHistoryEntry;
}

/** An entry as the row a writer inserts. */
export function historyRowOf(entry: CaseHistoryEntry): CaseHistoryRow {
  return {
    id: entry.id, case_id: entry.caseId, actor_org_id: entry.actor.orgId, actor_user_id: entry.actor.userId,
    type: entry.type, visibility: entry.visibility, data: JSON.stringify(entry.data), created_at: entry.at,
  };
}

/** The reducer's entries with their ids, in order (the writer's id source, e.g. time-ordered ids). */
export function withEntryIds(entries: readonly NewCaseHistoryEntry[], idOf: (entry: NewCaseHistoryEntry, index: number) => string): CaseHistoryEntry[] {
  return entries.map((e, i) => ({ ...e, id: idOf(e, i) }) as CaseHistoryEntry);
}

// ---- The state ----

/** The chain a case recorded when it was opened, without its customer. */
export type CaseChainIds = Omit<CaseChain, 'customerId'>;

/** An organization taking part in a case. */
export interface CaseParticipant {
  orgId: string;
  role: ParticipantRole;
  joinedAt: Date;
}

/** What a case is at a moment: everything its history says. */
export interface CaseState {
  id: string;
  title: string;
  status: CaseStatus;
  category: SupportCategory;
  severity: Severity;
  requesterOrgId: string;
  requesterUserId: string | null;
  customerId: string | null;
  chain: CaseChainIds;
  offerId: string | null;
  subscriptionId: string | null;
  responsibleOrgId: string;
  holderOrgId: string;
  assigneeUserId: string | null;
  externalReference: string | null;
  incidentId: string | null;
  /** The number of changes. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** In the order they joined. */
  participants: CaseParticipant[];
  /** The forwards and escalations not yet handed back, oldest first. */
  transferStack: OpenTransfer[];
}

type AnyEntry = NewCaseHistoryEntry | CaseHistoryEntry;
const labelOf = (e: AnyEntry): string | null => ('id' in e ? e.id : null);

function withParticipant(participants: readonly CaseParticipant[], orgId: string, role: ParticipantRole, joinedAt: Date): CaseParticipant[] {
  return participants.some((p) => p.orgId === orgId) ? [...participants] : [...participants, { orgId, role, joinedAt }];
}

/** Applies a status change carried by an entry, with the dates it sets: resolving, closing, leaving `resolved` other than to close. */
function withStatus(s: CaseState, change: { from: CaseStatus; to: CaseStatus } | undefined, e: AnyEntry): CaseState {
  if (!change) return s;
  if (change.from === change.to) return s;
  if (change.from !== s.status) {
    // The note and its status_changed entry carry the same change: applying it again changes nothing.
    if (change.to === s.status && e.type === 'status_changed') return s;
    throw new CaseHistoryError(labelOf(e), e.caseId, `the ${e.type} entry moves the status from ${change.from}, but the case is ${s.status}`);
  }
  const dates = change.to === 'resolved' ? { resolvedAt: e.at }
    : change.to === 'closed' ? { closedAt: e.at }
      : change.from === 'resolved' ? { resolvedAt: null } : {};
  return { ...s, status: change.to, ...dates };
}

/** The case after one entry of a change after its opening. */
function applyEntry(s: CaseState, e: AnyEntry): CaseState {
  switch (e.type) {
    case 'opened': case 'routed':
      throw new CaseHistoryError(labelOf(e), e.caseId, `an entry of type ${e.type} after the case was opened`);
    case 'replied': case 'noted': case 'assigned': case 'resolved': case 'reopened': case 'closed': case 'status_changed': {
      const next = e.type === 'assigned' ? { ...s, assigneeUserId: e.data.assigneeUserId } : s;
      return withStatus(next, e.data.status, e);
    }
    case 'forwarded': case 'escalated': case 'handed_back': {
      const role: ParticipantRole = e.type === 'forwarded' ? 'publisher' : e.type === 'escalated' ? e.data.tier : 'partner';
      const next: CaseState = {
        ...s, holderOrgId: e.data.toOrgId, assigneeUserId: null,
        participants: withParticipant(s.participants, e.data.toOrgId, role, e.at),
        transferStack: nextTransferStack(s.transferStack, { type: e.type, fromOrgId: e.data.fromOrgId, toOrgId: e.data.toOrgId }),
      };
      return withStatus(next, e.data.status, e);
    }
    case 'rerouted': {
      let participants = s.participants;
      for (const p of e.data.addedParticipants) participants = withParticipant(participants, p.orgId, p.role, e.at);
      const next: CaseState = {
        ...s, category: e.data.toCategory, responsibleOrgId: e.data.responsibleOrgId, holderOrgId: e.data.toOrgId,
        assigneeUserId: e.data.toOrgId === e.data.fromOrgId ? s.assigneeUserId : null,
        incidentId: e.data.incidentId === undefined ? s.incidentId : e.data.incidentId,
        participants, transferStack: [],
      };
      return withStatus(next, e.data.status, e);
    }
    case 'external_reference_set': return { ...s, externalReference: e.data.to };
    case 'attachment_added': return s;
    case 'incident_linked': return { ...s, incidentId: e.data.incidentId };
  }
}

/** The case its opening change makes: `opened`, then `routed`. */
function stateOfOpening(change: readonly AnyEntry[]): CaseState {
  const [opened, routed, ...rest] = change;
  if (opened?.type !== 'opened') throw new CaseHistoryError(opened ? labelOf(opened) : null, opened?.caseId ?? null, 'the history does not begin with an opened entry');
  if (routed?.type !== 'routed') throw new CaseHistoryError(labelOf(opened), opened.caseId, 'the opened entry is not followed by a routed entry of the same change');
  const d = opened.data;
  const participants: CaseParticipant[] = [];
  for (const p of routed.data.participants) {
    if (!participants.some((q) => q.orgId === p.orgId)) participants.push({ orgId: p.orgId, role: p.role, joinedAt: opened.at });
  }
  // Rows written before `opened` recorded the chain: the participants' roles say what they can.
  const withRole = (role: ParticipantRole) => participants.find((p) => p.role === role)?.orgId ?? null;
  const chain: CaseChainIds = d.chain ?? {
    publisherId: withRole('publisher'), partnerId: withRole('partner'), providerId: withRole('provider'),
    resellerId: withRole('reseller'), operatorId: withRole('operator'),
  };
  let s: CaseState = {
    id: opened.caseId, title: d.title, status: 'new', category: d.category, severity: d.severity,
    requesterOrgId: opened.actor.orgId, requesterUserId: opened.actor.userId,
    customerId: d.customerId !== undefined ? d.customerId : withRole('customer'), chain,
    offerId: d.offerId, subscriptionId: d.subscriptionId, responsibleOrgId: routed.data.responsibleOrgId,
    holderOrgId: routed.data.holderOrgId, assigneeUserId: null, externalReference: null, incidentId: routed.data.incidentId,
    version: 1, createdAt: opened.at, updatedAt: opened.at, resolvedAt: null, closedAt: null, participants, transferStack: [],
  };
  for (const e of rest) s = applyEntry(s, e);
  return s;
}

/** The case after one more change (its entries share their time). */
function applyChange(s: CaseState, change: readonly AnyEntry[]): CaseState {
  let next = s;
  for (const e of change) next = applyEntry(next, e);
  return { ...next, version: s.version + 1, updatedAt: change[0]!.at };
}

/**
 * The case from its whole history (read as the owner, every visibility), oldest first: the
 * entries of one change share their time; the version is the number of changes.
 */
export function foldCaseHistory(entries: readonly CaseHistoryEntry[]): CaseState {
  const changes: CaseHistoryEntry[][] = [];
  for (const e of entries) {
    const last = changes[changes.length - 1];
    const lastAt = last?.[0]!.at.getTime();
    if (lastAt !== undefined && e.at.getTime() < lastAt) throw new CaseHistoryError(e.id, e.caseId, 'the entries are not in the order of their time');
    if (last && lastAt === e.at.getTime()) last.push(e);
    else changes.push([e]);
    if (e.caseId !== entries[0]!.caseId) throw new CaseHistoryError(e.id, e.caseId, `the entry belongs to another case than ${entries[0]!.caseId}`);
  }
  const [opening, ...rest] = changes;
  if (!opening) throw new CaseHistoryError(null, null, 'the history is empty');
  return rest.reduce(applyChange, stateOfOpening(opening));
}

// ---- The reducer ----

/** The party acting on a case. */
export interface CaseActor {
  orgId: string;
  userId: string;
  kind: OrgKind;
  partnerModel: PartnerModel | null;
  roles: readonly Role[];
}

/** A routing decision that placed a case. */
export type RoutableDecision = Extract<RoutingDecision, { routable: true }>;

/** What a party asks to do to an open case, with the facts the caller gathered. */
export type CaseCommand =
  /** A public message (already stored as `messageId`); `body` gives the notification its excerpt. */
  | { type: 'reply'; messageId: string; body: string; awaitingCustomer: boolean }
  | { type: 'note'; messageId: string; body: string; visibility: NoteVisibility }
  /** `eligible`: the caller found the user active in the holder's organization with roles that work the case (true for null). */
  | { type: 'assign'; userId: string | null; eligible: boolean }
  | { type: 'forward'; reason?: string }
  /** `target`: the tier named; none takes the first allowed. */
  | { type: 'escalate'; target?: EscalationTier; reason?: string }
  | { type: 'hand_back'; reason?: string }
  /** `decision`: routing's answer for the new category, asked as the requester (its participants include its first holder). */
  | { type: 'reroute'; category: SupportCategory; reason: string; decision: RoutableDecision }
  | { type: 'resolve' | 'reopen' | 'close'; reason?: string }
  | { type: 'set_external_reference'; value: string | null }
  /** A file checked and stored by the caller, on message `messageId` written by `messageAuthorOrgId`, as visible as it. */
  | {
    type: 'attach'; messageId: string; messageAuthorOrgId: string; attachmentId: string; fileName: string; contentType: string;
    sizeBytes: number; visibility: CaseVisibility;
  }
  /** An incident of the case's offer, checked by the caller. */
  | { type: 'link_incident'; incidentId: string };

/** Everything a party may be allowed to do to a case (the actions of the status table). */
export type CaseActionName = CaseAction;

/** Why a command is refused: a code of the cases context, a stable reason, and details for the message. */
export type CaseRefusal =
  | { code: 'CASE_NOT_FOUND'; reason: 'not_a_participant'; details: Record<string, never> }
  /** `billingOnly`: the roles work billing and payment cases only. */
  | { code: 'PERMISSION_DENIED'; reason: 'roles'; details: { action: CaseActionName | 'open'; category: SupportCategory; billingOnly: boolean } }
  /** The roles do not work the category a reroute goes to (null: none but the current one). */
  | { code: 'PERMISSION_DENIED'; reason: 'roles_for_new_category'; details: { category: SupportCategory | null; billingOnly: boolean } }
  | { code: 'PERMISSION_DENIED'; reason: 'relation'; details: { action: CaseActionName; yourRelations: CaseRelation[]; allowedRelations: CaseRelation[] } }
  | { code: 'PERMISSION_DENIED'; reason: 'not_the_publisher' | 'not_holder_or_publisher'; details: { action: CaseActionName } }
  | { code: 'PERMISSION_DENIED'; reason: 'not_the_message_author'; details: { messageId: string } }
  | { code: 'CASE_STATUS_CONFLICT'; reason: 'closed' | 'status'; details: { action: CaseActionName; caseStatus: CaseStatus; allowedStatuses: CaseStatus[] } }
  | { code: 'FORWARD_NOT_ALLOWED'; reason: Extract<ForwardDecision, { allowed: false }>['reason']; details: Record<string, never> }
  | { code: 'ESCALATION_NOT_ALLOWED'; reason: Extract<EscalationDecision, { allowed: false }>['reason']; details: { allowedTargets: EscalationTarget[] } }
  /** The tier named is not one the split and the chain allow; `allowedTargets` are. */
  | { code: 'ESCALATION_NOT_ALLOWED'; reason: 'target_not_allowed'; details: { target: EscalationTier; allowedTargets: EscalationTarget[] } }
  | { code: 'HAND_BACK_NOT_ALLOWED'; reason: 'nobody_handed_over'; details: Record<string, never> }
  | { code: 'ASSIGNEE_NOT_ELIGIBLE'; reason: 'not_eligible'; details: { userId: string } }
  | { code: 'VALIDATION_FAILED'; reason: 'same_category' | 'blank_reason' | 'not_technical' | 'same_incident'; details: { field: string } };

/** A refusal's code. */
export type CaseRefusalCode = CaseRefusal['code'];

/** The answer of the reducer. */
export type CaseDecision =
  | { ok: true; state: CaseState; entries: NewCaseHistoryEntry[]; events: NewDomainEvent[] }
  | { ok: false; refusal: CaseRefusal };

/** The facts of a command that its checks read; absent when allowedActions asks whether the action is open at all. */
interface Facts {
  userId?: string | null;
  eligible?: boolean;
  target?: EscalationTier;
  category?: SupportCategory;
  decision?: RoutableDecision;
  messageId?: string;
  messageAuthorOrgId?: string;
  incidentId?: string;
}

/** What the checks found when they allow an action. */
interface Allowed {
  ok: true;
  next: CaseStatus;
  /** Forward, escalate, hand back: where the case goes (the organization and, for an escalation, the tier). */
  to?: EscalationTarget | { tier?: undefined; orgId: string };
  /** Escalate: every target allowed. */
  targets?: EscalationTarget[];
}

/** The refusal of a party whose roles do not work the category (to open a case of it, or to act on one), or null. */
export function rolesRefusal(actor: Pick<CaseActor, 'roles'>, category: SupportCategory, action: CaseActionName | 'open'): CaseRefusal | null {
  if (canWorkCategory(actor.roles, category)) return null;
  return { code: 'PERMISSION_DENIED', reason: 'roles', details: { action, category, billingOnly: canWorkCategory(actor.roles, 'billing') } };
}

function isPublisherTakingPart(state: CaseState, actor: CaseActor): boolean {
  return actor.kind === 'publisher' && state.participants.some((p) => p.orgId === actor.orgId && p.role === 'publisher');
}

/**
 * Every check of an action, in the order of rule 1, shared by the reducer and allowedActions. The
 * checks of a fact that is absent pass (allowedActions asks with none).
 */
function check(state: CaseState, actor: CaseActor, action: CaseActionName, facts: Facts): Allowed | { ok: false; refusal: CaseRefusal } {
  const refuse = (refusal: CaseRefusal) => ({ ok: false as const, refusal });
  const isParticipant = state.participants.some((p) => p.orgId === actor.orgId);
  if (!isParticipant) return refuse({ code: 'CASE_NOT_FOUND', reason: 'not_a_participant', details: {} });
  const roles = rolesRefusal(actor, state.category, action);
  if (roles) return refuse(roles);

  if (action === 'set_external_reference' && !isPublisherTakingPart(state, actor)) {
    return refuse({ code: 'PERMISSION_DENIED', reason: 'not_the_publisher', details: { action } });
  }
  if (action === 'link_incident' && actor.orgId !== state.holderOrgId && !isPublisherTakingPart(state, actor)) {
    return refuse({ code: 'PERMISSION_DENIED', reason: 'not_holder_or_publisher', details: { action } });
  }
  if (action === 'attach' && facts.messageAuthorOrgId !== undefined && facts.messageAuthorOrgId !== actor.orgId) {
    return refuse({ code: 'PERMISSION_DENIED', reason: 'not_the_message_author', details: { messageId: facts.messageId ?? '' } });
  }

  const relations = relationsOf({ id: actor.orgId, kind: actor.kind }, { holderOrgId: state.holderOrgId, requesterOrgId: state.requesterOrgId, isParticipant });
  const handsOver = action === 'reroute' && facts.decision ? facts.decision.firstHolderId !== state.holderOrgId : undefined;
  const d = decideCaseAction({ status: state.status, action, relations, handsOver });
  if (!d.allowed) {
    switch (d.reason) {
      case 'closed': return refuse({ code: 'CASE_STATUS_CONFLICT', reason: 'closed', details: { action, caseStatus: state.status, allowedStatuses: [] } });
      case 'relation': return refuse({ code: 'PERMISSION_DENIED', reason: 'relation', details: { action, yourRelations: relations, allowedRelations: d.allowedRelations } });
      case 'status': return refuse({ code: 'CASE_STATUS_CONFLICT', reason: 'status', details: { action, caseStatus: state.status, allowedStatuses: d.allowedStatuses } });
    }
  }
  const allowed: Allowed = { ok: true, next: d.next };

  switch (action) {
    case 'assign':
      if (facts.userId && facts.eligible === false) return refuse({ code: 'ASSIGNEE_NOT_ELIGIBLE', reason: 'not_eligible', details: { userId: facts.userId } });
      return allowed;
    case 'forward': {
      const f = decideForward({ category: state.category, holderKind: actor.kind, publisherId: state.chain.publisherId });
      if (!f.allowed) return refuse({ code: 'FORWARD_NOT_ALLOWED', reason: f.reason, details: {} });
      return { ...allowed, to: { orgId: f.to } };
    }
    case 'escalate': {
      const e = decideEscalation({
        category: state.category, holder: { orgId: actor.orgId, kind: actor.kind, partnerModel: actor.partnerModel },
        chain: { providerId: state.chain.providerId, resellerId: state.chain.resellerId, operatorId: state.chain.operatorId },
      });
      if (!e.allowed) return refuse({ code: 'ESCALATION_NOT_ALLOWED', reason: e.reason, details: { allowedTargets: [] } });
      const to = facts.target === undefined ? e.targets[0] : e.targets.find((t) => t.tier === facts.target);
      if (!to) return refuse({ code: 'ESCALATION_NOT_ALLOWED', reason: 'target_not_allowed', details: { target: facts.target!, allowedTargets: e.targets } });
      return { ...allowed, to, targets: e.targets };
    }
    case 'hand_back': {
      const to = handBackTargetOf(state.transferStack, state.holderOrgId);
      if (!to) return refuse({ code: 'HAND_BACK_NOT_ALLOWED', reason: 'nobody_handed_over', details: {} });
      return { ...allowed, to: { orgId: to } };
    }
    case 'reroute': {
      if (facts.category === state.category) return refuse({ code: 'VALIDATION_FAILED', reason: 'same_category', details: { field: 'body.category' } });
      const workable = facts.category !== undefined
        ? canWorkCategory(actor.roles, facts.category)
        : SUPPORT_CATEGORIES.some((c) => c !== state.category && canWorkCategory(actor.roles, c));
      if (!workable) {
        return refuse({ code: 'PERMISSION_DENIED', reason: 'roles_for_new_category', details: { category: facts.category ?? null, billingOnly: canWorkCategory(actor.roles, 'billing') } });
      }
      return allowed;
    }
    case 'link_incident':
      // Routing links only technical cases to an incident (routing.ts rule 7); so does a party.
      if (!isTechnicalCategory(state.category)) return refuse({ code: 'VALIDATION_FAILED', reason: 'not_technical', details: { field: 'body.incidentId' } });
      if (facts.incidentId !== undefined && facts.incidentId === state.incidentId) {
        return refuse({ code: 'VALIDATION_FAILED', reason: 'same_incident', details: { field: 'body.incidentId' } });
      }
      return allowed;
    default:
      return allowed;
  }
}

/** The status table's action of a command. */
function actionOf(command: CaseCommand): CaseActionName {
  if (command.type === 'reply') return command.awaitingCustomer ? 'reply_awaiting_customer' : 'reply';
  return command.type;
}

function factsOf(command: CaseCommand): Facts {
  switch (command.type) {
    case 'assign': return { userId: command.userId, eligible: command.eligible };
    case 'escalate': return command.target === undefined ? {} : { target: command.target };
    case 'reroute': return { category: command.category, decision: command.decision };
    case 'attach': return { messageId: command.messageId, messageAuthorOrgId: command.messageAuthorOrgId };
    case 'link_incident': return { incidentId: command.incidentId };
    default: return {};
  }
}

/** An optional reason, trimmed; none when blank. */
function reasonOf(reason: string | undefined): { reason?: string } {
  const r = reason?.trim();
  return r ? { reason: r } : {};
}

/**
 * Checks a reroute to a category before routing is asked (rule 1 up to the new category), so
 * the caller asks routing only for a reroute that may happen: null when it may.
 */
export function checkReroute(state: CaseState, actor: CaseActor, category: SupportCategory): CaseRefusal | null {
  const c = check(state, actor, 'reroute', { category });
  return c.ok ? null : c.refusal;
}

/** The case as its domain events describe it: enough for a receiver to act without another read. */
function snapshotOf(s: CaseState) {
  return {
    caseId: s.id, title: s.title, status: s.status, category: s.category, severity: s.severity,
    holderOrgId: s.holderOrgId, responsibleOrgId: s.responsibleOrgId, offerId: s.offerId,
    subscriptionId: s.subscriptionId, customerId: s.customerId, incidentId: s.incidentId, version: s.version,
  };
}

/** The domain events of a change's entries (rule 3); `change` is what each says of the change, `notice` what only the event carries. */
function eventsOf(next: CaseState, actor: EntryActor, entries: readonly { entry: NewCaseHistoryEntry; change?: Record<string, unknown>; notice?: Record<string, unknown> }[]): NewDomainEvent[] {
  return entries.flatMap(({ entry, change, notice }): NewDomainEvent[] => {
    const type = DOMAIN_EVENT_OF[entry.type];
    if (!type) return [];
    return [{
      type, subjectType: 'case', subjectId: next.id,
      data: { ...snapshotOf(next), change: change ?? entry.data, visibility: entry.visibility, ...notice },
      audienceOrgIds: caseEventAudience(next.participants, entry.visibility, actor.orgId),
    }];
  });
}

/** What a case is opened with: the facts the caller gathered and routing's decision. */
export interface OpenCaseInput {
  caseId: string;
  title: string;
  category: SupportCategory;
  severity: Severity;
  subscriptionId: string | null;
  offerId: string | null;
  customerId: string | null;
  chain: CaseChainIds;
  requester: CaseActor;
  decision: RoutableDecision;
  at: Date;
}

/**
 * Opens a case `new` with routing's first holder, responsible and participants (the requester
 * first, with the role routing gave it or its place in the chain) and its incident: entries
 * `opened` and `routed`, events `case.opened` and `case.routed`. The caller has checked the
 * requester's roles (rolesRefusal) and that routing placed the case.
 */
export function openCase(input: OpenCaseInput): { state: CaseState; entries: NewCaseHistoryEntry[]; events: NewDomainEvent[] } {
  const { requester, decision, at } = input;
  const actor: EntryActor = { orgId: requester.orgId, userId: requester.userId };
  const requesterRole = decision.participants.find((p) => p.orgId === requester.orgId)?.role
    ?? participantRoleOf({ id: requester.orgId, kind: requester.kind, partnerModel: requester.partnerModel }, { customerId: input.customerId, ...input.chain });
  const others = [...new Map(decision.participants.filter((p) => p.orgId !== requester.orgId).map((p) => [p.orgId, p])).values()];
  const common = { caseId: input.caseId, actor, visibility: 'public' as const, at };
  const entries: NewCaseHistoryEntry[] = [
    {
      ...common, type: 'opened',
      data: {
        title: input.title, category: input.category, severity: input.severity, subscriptionId: input.subscriptionId, offerId: input.offerId,
        customerId: input.customerId, chain: { ...input.chain },
      },
    },
    {
      ...common, type: 'routed',
      data: {
        responsibleOrgId: decision.responsible.orgId, holderOrgId: decision.firstHolderId, escalationPath: [...decision.escalationPath],
        participants: [{ orgId: requester.orgId, role: requesterRole }, ...others.map((p) => ({ orgId: p.orgId, role: p.role }))],
        incidentId: decision.incidentId, rules: decision.rules.map((r) => ({ code: r.code, en: r.en, ko: r.ko })),
      },
    },
  ];
  const state = stateOfOpening(entries);
  const events = eventsOf(state, actor, [
    { entry: entries[0]!, change: { requesterOrgId: requester.orgId } },
    { entry: entries[1]!, change: { escalationPath: decision.escalationPath, rules: decision.rules.map((r) => r.code) } },
  ]);
  return { state, entries, events };
}

/**
 * Decides a command on a case: checked as rule 1 says; when allowed, the entries of the change
 * (at `at`, or just after the case's last change), the case after it, and its domain events.
 */
export function decideCaseCommand(state: CaseState, command: CaseCommand, actor: CaseActor, at: Date): CaseDecision {
  const checked = check(state, actor, actionOf(command), factsOf(command));
  if (!checked.ok) return checked;
  if (command.type === 'reroute' && command.reason.trim().length === 0) {
    return { ok: false, refusal: { code: 'VALIDATION_FAILED', reason: 'blank_reason', details: { field: 'body.reason' } } };
  }
  const when = nextChangeTime(at, state.updatedAt);
  const who: EntryActor = { orgId: actor.orgId, userId: actor.userId };
  const from = state.status;
  const { next } = checked;
  const status = from === next ? {} : { status: { from, to: next } };
  const common = { caseId: state.id, actor: who, at: when };
  const made: { entry: NewCaseHistoryEntry; notice?: Record<string, unknown> }[] = [];
  const add = (entry: NewCaseHistoryEntry, notice?: Record<string, unknown>) => made.push(notice ? { entry, notice } : { entry });

  switch (command.type) {
    case 'reply':
      add({ ...common, type: 'replied', visibility: 'public', data: { messageId: command.messageId, awaitingCustomer: command.awaitingCustomer, ...status } },
        { messageId: command.messageId, excerpt: excerptOf(command.body) });
      break;
    case 'note':
      // As visible as the note itself, so the note's existence reaches no one else either.
      add({ ...common, type: 'noted', visibility: command.visibility, data: { messageId: command.messageId, ...status } },
        { messageId: command.messageId, excerpt: excerptOf(command.body) });
      break;
    case 'assign':
      add({ ...common, type: 'assigned', visibility: 'public', data: { assigneeUserId: command.userId, previousAssigneeUserId: state.assigneeUserId, ...status } });
      break;
    case 'forward': case 'escalate': case 'hand_back': {
      const to = checked.to!;
      const transfer = { fromOrgId: state.holderOrgId, toOrgId: to.orgId };
      if (command.type === 'escalate') {
        add({ ...common, type: 'escalated', visibility: 'public', data: { ...transfer, tier: to.tier!, ...reasonOf(command.reason), ...status } });
      } else {
        add({ ...common, type: command.type === 'forward' ? 'forwarded' : 'handed_back', visibility: 'public', data: { ...transfer, ...reasonOf(command.reason), ...status } });
      }
      break;
    }
    case 'reroute': {
      const d = command.decision;
      const known = new Set(state.participants.map((p) => p.orgId));
      const added = [...new Map(d.participants.filter((p) => !known.has(p.orgId)).map((p) => [p.orgId, { orgId: p.orgId, role: p.role }])).values()];
      add({
        ...common, type: 'rerouted', visibility: 'public', data: {
          fromCategory: state.category, toCategory: command.category, reason: command.reason.trim(), fromOrgId: state.holderOrgId,
          toOrgId: d.firstHolderId, responsibleOrgId: d.responsible.orgId, addedParticipants: added, escalationPath: [...d.escalationPath],
          rules: d.rules.map((r) => ({ code: r.code, en: r.en, ko: r.ko })), incidentId: d.incidentId ?? state.incidentId, ...status,
        },
      });
      break;
    }
    case 'resolve': case 'reopen': case 'close': {
      const type = command.type === 'resolve' ? 'resolved' : command.type === 'reopen' ? 'reopened' : 'closed';
      add({ ...common, type, visibility: 'public', data: { ...reasonOf(command.reason), status: { from, to: next } } });
      break;
    }
    case 'set_external_reference':
      add({ ...common, type: 'external_reference_set', visibility: 'public', data: { from: state.externalReference, to: command.value } });
      break;
    case 'attach':
      add({
        ...common, type: 'attachment_added', visibility: command.visibility, data: {
          messageId: command.messageId, attachmentId: command.attachmentId, fileName: command.fileName, contentType: command.contentType, sizeBytes: command.sizeBytes,
        },
      });
      break;
    case 'link_incident':
      add({ ...common, type: 'incident_linked', visibility: 'public', data: { incidentId: command.incidentId, previousIncidentId: state.incidentId } });
      break;
  }
  // Rule 2: a status change the participants could not see on the change's own entry.
  if (from !== next && !made.some((m) => m.entry.visibility === 'public')) {
    add({ ...common, type: 'status_changed', visibility: 'public', data: { status: { from, to: next } } });
  }
  const entries = made.map((m) => m.entry);
  const after = applyChange(state, entries);
  return { ok: true, state: after, entries, events: eventsOf(after, who, made) };
}

/** One thing a party may do to a case now; `targets` where it goes (forward, escalate, hand back). */
export interface AllowedAction {
  action: CaseActionName;
  targets?: { orgId: string; tier?: EscalationTier }[];
}

/** Every action, in the order allowedActions lists them. */
export const CASE_ACTION_NAMES: readonly CaseActionName[] = CASE_ACTIONS;

/**
 * Every action a party may take on the case now, by the reducer's own checks: a command of that
 * action is accepted unless one of its facts fails (an assignee not eligible, a message of another
 * organization, the case's own category or incident, a target the split does not allow). A
 * reroute is listed when the status table lets the holder reroute and its roles work another
 * category (where it goes is routing's answer).
 */
export function allowedActions(state: CaseState, actor: CaseActor): AllowedAction[] {
  return CASE_ACTION_NAMES.flatMap((action): AllowedAction[] => {
    const c = check(state, actor, action, {});
    if (!c.ok) return [];
    if (c.targets) return [{ action, targets: c.targets.map((t) => ({ orgId: t.orgId, tier: t.tier })) }];
    if (c.to) return [{ action, targets: [{ orgId: c.to.orgId }] }];
    return [{ action }];
  });
}
