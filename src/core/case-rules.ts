/**
 * The life of a case (SPEC section 5): which organization may take which action in which status
 * and what status follows; who sees a message; where a case may be forwarded, escalated or handed
 * back; and how an attachment is checked. Pure: the service gathers every fact.
 *
 * Terminology:
 * - holder: the organization whose turn it is. Only its users act for it (reply awaiting the
 *   customer, assign, forward, escalate, hand back, reroute, resolve).
 * - requester: the organization that opened the case.
 * - customer: the customer organization the case is about, when it takes part.
 * - relation: what the viewer's organization is to a case — `holder`, `customer`, `requester`, or
 *   `participant` (any other organization taking part). An organization may have several (a
 *   partner that opened a case and holds it); it may take an action when any of them allows it,
 *   and the first that allows it, in that order, decides the next status.
 * - hand-over: forward, escalate, hand back, or a reroute that places the case with another
 *   holder. The case then waits on the new holder.
 * - acting: the holder's reply, note or assignment — what shows that it works the case.
 * - transfer: one hand-over in the event history, from one organization to another.
 *
 * Statuses, exactly:
 * - `new`: opened; the first holder has not acted yet.
 * - `open`: the holder works it (it acted since it received the case, or the asker answered it).
 * - `pending_customer`: the holder asked the customer (or the requester, when no customer takes
 *   part) and waits for the answer; the customer's or requester's reply makes it `open`.
 * - `pending_party`: the case was handed over and waits on its new holder, which has not acted
 *   yet; the new holder's first action makes it `open`.
 * - `resolved`: the holder resolved it; the customer or requester may reopen or close it, and a
 *   reply of theirs reopens it.
 * - `closed`: final. Nothing changes a closed case.
 */
import type { OrgKind, PartnerModel, Role } from './parties.ts';
import { rolesGrant } from './permissions.ts';
import type { ParticipantRole } from './routing-types.ts';
import { RESPONSIBLE_KIND, type SupportCategory } from './support-categories.ts';

/** The statuses of a case. */
export const CASE_STATUSES = ['new', 'open', 'pending_customer', 'pending_party', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Everything that can be done to a case once it is open; each is recorded in its history. */
export const CASE_ACTIONS = [
  'reply', 'reply_awaiting_customer', 'note', 'assign', 'forward', 'escalate', 'hand_back', 'reroute',
  'resolve', 'reopen', 'close', 'set_external_reference', 'attach', 'link_incident',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What an organization is to a case, strongest first. */
export const CASE_RELATIONS = ['holder', 'customer', 'requester', 'participant'] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];

/** Who sees a message, an attachment or an event. */
export const CASE_VISIBILITIES = ['public', 'partners', 'internal'] as const;
export type CaseVisibility = (typeof CASE_VISIBILITIES)[number];

/** The visibilities a note may have: a note is never public (that is a reply). */
export const NOTE_VISIBILITIES = ['internal', 'partners'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/** A cell of the table: the next status, or `same` for no change. */
type Next = CaseStatus | 'same';
type Cells = Partial<Record<CaseStatus, Next>>;

/** The holder's first action moves a case that waits on it to `open`. */
const HOLDER_ACTS: Cells = { new: 'open', open: 'same', pending_customer: 'same', pending_party: 'open' };
const HOLDER_ACTS_AFTER_RESOLVED: Cells = { ...HOLDER_ACTS, resolved: 'same' };
const HANDS_OVER: Cells = { new: 'pending_party', open: 'pending_party', pending_customer: 'pending_party', pending_party: 'pending_party' };
const UNCHANGED_UNTIL_CLOSED: Cells = { new: 'same', open: 'same', pending_customer: 'same', pending_party: 'same', resolved: 'same' };
/** The asker answers: a case waiting on it opens again, and so does a resolved one. */
const ASKER_REPLIES: Cells = { new: 'same', open: 'same', pending_customer: 'open', pending_party: 'same', resolved: 'open' };

/**
 * The whole table: action → relation → status → next. A missing relation may never take the
 * action; a missing status means not in that status. `closed` appears nowhere: it is final.
 */
const TABLE: Record<CaseAction, Partial<Record<CaseRelation, Cells>>> = {
  reply: {
    holder: { new: 'open', open: 'open', pending_customer: 'open', pending_party: 'open', resolved: 'same' },
    customer: ASKER_REPLIES,
    requester: ASKER_REPLIES,
    participant: UNCHANGED_UNTIL_CLOSED,
  },
  reply_awaiting_customer: {
    holder: { new: 'pending_customer', open: 'pending_customer', pending_customer: 'pending_customer', pending_party: 'pending_customer' },
  },
  note: { holder: HOLDER_ACTS_AFTER_RESOLVED, requester: UNCHANGED_UNTIL_CLOSED, participant: UNCHANGED_UNTIL_CLOSED },
  assign: { holder: HOLDER_ACTS },
  forward: { holder: HANDS_OVER },
  escalate: { holder: HANDS_OVER },
  hand_back: { holder: HANDS_OVER },
  // To another holder; a reroute that keeps the holder counts as the holder acting (see decideCaseAction).
  reroute: { holder: HANDS_OVER },
  resolve: { holder: { new: 'resolved', open: 'resolved', pending_customer: 'resolved', pending_party: 'resolved' } },
  reopen: { holder: { resolved: 'open' }, customer: { resolved: 'open' }, requester: { resolved: 'open' } },
  close: {
    holder: { resolved: 'closed' },
    customer: { new: 'closed', open: 'closed', pending_customer: 'closed', pending_party: 'closed', resolved: 'closed' },
    requester: { new: 'closed', open: 'closed', pending_customer: 'closed', pending_party: 'closed', resolved: 'closed' },
  },
  set_external_reference: { holder: UNCHANGED_UNTIL_CLOSED, requester: UNCHANGED_UNTIL_CLOSED, participant: UNCHANGED_UNTIL_CLOSED },
  attach: { holder: UNCHANGED_UNTIL_CLOSED, customer: UNCHANGED_UNTIL_CLOSED, requester: UNCHANGED_UNTIL_CLOSED, participant: UNCHANGED_UNTIL_CLOSED },
  // Bookkeeping, like the external reference: it does not count as the holder acting.
  link_incident: { holder: UNCHANGED_UNTIL_CLOSED, requester: UNCHANGED_UNTIL_CLOSED, participant: UNCHANGED_UNTIL_CLOSED },
};

/** Whether an action may be taken, and the status it leads to. */
export type CaseActionDecision =
  | { allowed: true; next: CaseStatus; relation: CaseRelation }
  | { allowed: false; reason: 'closed' }
  /** None of the viewer's relations may ever take the action; `allowedRelations` may. */
  | { allowed: false; reason: 'relation'; allowedRelations: CaseRelation[] }
  /** The viewer may take the action, but not in this status; `allowedStatuses` lists where it may. */
  | { allowed: false; reason: 'status'; allowedStatuses: CaseStatus[] };

/**
 * Decides an action for an organization with these relations to a case in this status. For a
 * reroute, `handsOver` says whether the new routing places the case with another holder; when it
 * does not, the reroute counts as the holder acting.
 */
export function decideCaseAction(input: {
  status: CaseStatus;
  action: CaseAction;
  relations: readonly CaseRelation[];
  handsOver?: boolean;
}): CaseActionDecision {
  const { status, action } = input;
  if (status === 'closed') return { allowed: false, reason: 'closed' };
  const byRelation = TABLE[action];
  const mine = CASE_RELATIONS.filter((r) => input.relations.includes(r) && byRelation[r] !== undefined);
  if (mine.length === 0) return { allowed: false, reason: 'relation', allowedRelations: CASE_RELATIONS.filter((r) => byRelation[r] !== undefined) };
  for (const relation of mine) {
    const cells = action === 'reroute' && input.handsOver === false ? HOLDER_ACTS : byRelation[relation]!;
    const next = cells[status];
    if (next !== undefined) return { allowed: true, next: next === 'same' ? status : next, relation };
  }
  const allowedStatuses = CASE_STATUSES.filter((s) => mine.some((r) => byRelation[r]![s] !== undefined));
  return { allowed: false, reason: 'status', allowedStatuses };
}

/**
 * The relations of an organization to a case, strongest first; empty when it takes no part. A
 * customer organization takes part only as the customer (also when it opened the case), so it
 * never gains what a requester of another kind may do, such as notes.
 */
export function relationsOf(org: { id: string; kind: OrgKind }, c: { holderOrgId: string; requesterOrgId: string; isParticipant: boolean }): CaseRelation[] {
  if (!c.isParticipant) return [];
  if (org.kind === 'customer') return ['customer'];
  const relations: CaseRelation[] = [];
  if (c.holderOrgId === org.id) relations.push('holder');
  if (c.requesterOrgId === org.id) relations.push('requester');
  if (relations.length === 0) relations.push('participant');
  return relations;
}

/** Categories about money, which a partner's billing_admin works (SPEC section 2). */
export const BILLING_CATEGORIES: readonly SupportCategory[] = ['billing', 'payment'];

/** Categories about the ISV product: forwarded to its publisher, never escalated to the operator. */
export const TECHNICAL_CATEGORIES: readonly SupportCategory[] = ['technical_howto', 'technical_breakfix', 'service_outage'];

/** Whether a category is about the ISV product itself. */
export function isTechnicalCategory(category: SupportCategory): boolean {
  return TECHNICAL_CATEGORIES.includes(category);
}

/** Whether roles may open and work a case of this category: `cases.work`, or `cases.work_billing` for billing and payment. */
export function canWorkCategory(roles: readonly Role[], category: SupportCategory): boolean {
  return rolesGrant(roles, 'cases.work') || (rolesGrant(roles, 'cases.work_billing') && BILLING_CATEGORIES.includes(category));
}

/** Whether roles may read cases at all. */
export function canReadCases(roles: readonly Role[]): boolean {
  return rolesGrant(roles, 'cases.read');
}

/** The chain a case recorded when it was opened. */
export interface CaseChain {
  customerId: string | null;
  publisherId: string | null;
  partnerId: string | null;
  providerId: string | null;
  resellerId: string | null;
  operatorId: string | null;
}

/** Why an organization takes part in a case: its place in the chain, else its kind (and a partner's model). */
export function participantRoleOf(org: { id: string; kind: OrgKind; partnerModel: PartnerModel | null }, chain: CaseChain): ParticipantRole {
  switch (org.kind) {
    case 'customer': return 'customer';
    case 'publisher': return 'publisher';
    case 'operator': return 'operator';
    case 'partner':
      if (org.id === chain.providerId) return 'provider';
      if (org.id === chain.resellerId) return 'reseller';
      if (org.id === chain.partnerId) return 'partner';
      if (org.partnerModel === 'indirect_provider') return 'provider';
      if (org.partnerModel === 'indirect_reseller') return 'reseller';
      return 'partner';
  }
}

/**
 * The kind and partner model a participant role implies: how a reroute asks routing again as the
 * requester, whatever the rerouting organization may see of it. A partner's role is its place in
 * the chain, which its model fixes (`partner` is a direct partner).
 */
export function askerOfRole(role: ParticipantRole): { kind: OrgKind; partnerModel: PartnerModel | null } {
  switch (role) {
    case 'customer': case 'publisher': case 'operator': return { kind: role, partnerModel: null };
    case 'partner': return { kind: 'partner', partnerModel: 'direct' };
    case 'provider': return { kind: 'partner', partnerModel: 'indirect_provider' };
    case 'reseller': return { kind: 'partner', partnerModel: 'indirect_reseller' };
  }
}

/** Where a forward goes, or why it can't. */
export type ForwardDecision =
  | { allowed: true; to: string }
  | { allowed: false; reason: 'not_technical' | 'holder_not_partner' | 'no_publisher' };

/** A partner holding a technical case hands it to the offer's publisher; the partner stays on the case. */
export function decideForward(input: { category: SupportCategory; holderKind: OrgKind; publisherId: string | null }): ForwardDecision {
  if (!isTechnicalCategory(input.category)) return { allowed: false, reason: 'not_technical' };
  if (input.holderKind !== 'partner') return { allowed: false, reason: 'holder_not_partner' };
  if (!input.publisherId) return { allowed: false, reason: 'no_publisher' };
  return { allowed: true, to: input.publisherId };
}

/** The tiers a case is escalated to. */
export const ESCALATION_TIERS = ['provider', 'operator'] as const;
export type EscalationTier = (typeof ESCALATION_TIERS)[number];

/** A tier a holder may escalate to, and the organization at that tier. */
export interface EscalationTarget {
  tier: EscalationTier;
  orgId: string;
}

/** Where an escalation may go, or why it can't. */
export type EscalationDecision =
  | {
    allowed: true;
    /** Every target the split and the chain allow, lowest tier first; an escalation naming none goes to the first. */
    targets: EscalationTarget[];
  }
  | {
    allowed: false;
    reason:
      /** Technical and outage cases: the operator does not support ISV products. */
      | 'operator_does_not_support_isv_products'
      /** csp_program: the publisher's CSP program contact is the last word. */
      | 'not_an_operator_category'
      /** A reseller holding a case without a provider of record. */
      | 'no_provider'
      /** The case recorded no operator. */
      | 'no_operator'
      /** The operator (or a customer) holds it: there is no tier above. */
      | 'nowhere_to_escalate';
  };

/**
 * Escalation moves a case up a tier: a reseller to its provider (the split makes the provider the
 * reseller's escalation tier, so a reseller never goes to the operator past it); a partner (direct
 * or provider) or a publisher to the operator, only for commerce_platform and partner categories.
 * The answer lists the targets allowed, so a holder naming another one can be told which one the
 * split allows instead.
 */
export function decideEscalation(input: {
  category: SupportCategory;
  holder: { orgId: string; kind: OrgKind; partnerModel: PartnerModel | null };
  chain: Pick<CaseChain, 'providerId' | 'resellerId' | 'operatorId'>;
}): EscalationDecision {
  const { category, holder, chain } = input;
  const isReseller = holder.kind === 'partner' && (holder.orgId === chain.resellerId || (holder.orgId !== chain.providerId && holder.partnerModel === 'indirect_reseller'));
  const to = (target: EscalationTarget): EscalationDecision => ({ allowed: true, targets: [target] });
  if (isReseller) {
    return chain.providerId && chain.providerId !== holder.orgId
      ? to({ tier: 'provider', orgId: chain.providerId })
      : { allowed: false, reason: 'no_provider' };
  }
  if (holder.kind !== 'partner' && holder.kind !== 'publisher') return { allowed: false, reason: 'nowhere_to_escalate' };
  if (isTechnicalCategory(category)) return { allowed: false, reason: 'operator_does_not_support_isv_products' };
  if (category !== 'commerce_platform' && RESPONSIBLE_KIND[category] !== 'partner') return { allowed: false, reason: 'not_an_operator_category' };
  if (!chain.operatorId) return { allowed: false, reason: 'no_operator' };
  return to({ tier: 'operator', orgId: chain.operatorId });
}

/** One hand-over in a case's history, oldest first. */
export interface Transfer {
  type: 'forwarded' | 'escalated' | 'handed_back' | 'rerouted';
  fromOrgId: string;
  toOrgId: string;
}

/** A forward or escalation not yet handed back: one level of a case's transfer stack. */
export interface OpenTransfer {
  type: 'forwarded' | 'escalated';
  fromOrgId: string;
  toOrgId: string;
}

/**
 * The transfer stack after one more hand-over: a forward or escalation is pushed, a hand back
 * pops one, a reroute places the case afresh (so nobody is owed it) and empties the stack.
 */
export function nextTransferStack(stack: readonly OpenTransfer[], transfer: Transfer): OpenTransfer[] {
  switch (transfer.type) {
    case 'forwarded': case 'escalated': return [...stack, { type: transfer.type, fromOrgId: transfer.fromOrgId, toOrgId: transfer.toOrgId }];
    case 'handed_back': return stack.slice(0, -1);
    case 'rerouted': return [];
  }
}

/** The transfer stack of a history of hand-overs, oldest first. */
export function transferStackOf(history: readonly Transfer[]): OpenTransfer[] {
  return history.reduce<OpenTransfer[]>(nextTransferStack, []);
}

/**
 * The organization a holder hands a case back to: whoever forwarded or escalated it to the
 * holder, the top of the transfer stack. Null when nobody handed it to the holder.
 */
export function handBackTargetOf(stack: readonly OpenTransfer[], holderOrgId: string): string | null {
  const top = stack[stack.length - 1];
  return top && top.toOrgId === holderOrgId && top.fromOrgId !== holderOrgId ? top.fromOrgId : null;
}


/**
 * The time of a change to a case: now, but always after the case's last change, so a case's
 * messages and events keep the order of its changes even when the clock repeats or steps back
 * (changes to one case are serialized by its row lock).
 */
export function nextChangeTime(now: Date, lastChange: Date): Date {
  return now.getTime() > lastChange.getTime() ? now : new Date(lastChange.getTime() + 1);
}

/** The status tag of a version: the case's ETag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Whether an If-Match header allows a change to this version: absent or `*` always; otherwise
 * one of its entity tags (weak or strong, RFC 9110 compares them weakly here) names the version.
 */
export function matchesIfMatch(header: string | undefined, version: number): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value === '*') return true;
  return value.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etagOf(version));
}

// ---- Attachments ----

/** The largest attachment accepted, in bytes (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Content types accepted for attachments. */
export const ATTACHMENT_CONTENT_TYPES = [
  'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv', 'application/json', 'application/zip',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** Names that clients send for an accepted type. */
const CONTENT_TYPE_ALIASES: Record<string, AttachmentContentType> = {
  'image/jpg': 'image/jpeg',
  'application/x-zip-compressed': 'application/zip',
};

const TEXT_TYPES: readonly AttachmentContentType[] = ['text/plain', 'text/csv', 'application/json'];

/** Leading bytes of each binary type; `null` in a signature matches any byte. */
const SIGNATURES: Record<Exclude<AttachmentContentType, 'text/plain' | 'text/csv' | 'application/json'>, readonly (readonly (number | null)[])[]> = {
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/gif': [ascii('GIF87a'), ascii('GIF89a')],
  'image/webp': [[...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')]],
  'application/pdf': [ascii('%PDF-')],
  // A local file header, an empty archive, or a spanned archive.
  'application/zip': [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x50, 0x4b, 0x07, 0x08]],
};

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, signature: readonly (number | null)[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => b === null || bytes[i] === b);
}

/** The binary type whose signature the bytes carry, if any. */
export function sniffBinaryType(bytes: Uint8Array): AttachmentContentType | null {
  for (const [type, signatures] of Object.entries(SIGNATURES)) {
    if (signatures.some((s) => startsWith(bytes, s))) return type as AttachmentContentType;
  }
  return null;
}

/** Whether bytes are UTF-8 text: decodable, without NUL bytes (which no text format here carries). */
function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether an attachment is accepted, and its normalized content type. */
export type AttachmentCheck =
  | { ok: true; contentType: AttachmentContentType }
  | { ok: false; reason: 'type_not_allowed'; declared: string }
  | { ok: false; reason: 'content_mismatch'; declared: AttachmentContentType; detected: AttachmentContentType | 'binary' | null };

/**
 * Checks an attachment's declared type against the allow-list and its bytes: a binary type must
 * start with its signature; a text type must be UTF-8 text and not carry a binary signature.
 */
export function checkAttachment(declaredType: string, bytes: Uint8Array): AttachmentCheck {
  const base = declaredType.split(';')[0]!.trim().toLowerCase();
  const type = (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(base) ? base as AttachmentContentType : CONTENT_TYPE_ALIASES[base];
  if (!type) return { ok: false, reason: 'type_not_allowed', declared: base };
  const detected = sniffBinaryType(bytes);
  if (TEXT_TYPES.includes(type)) {
    if (detected) return { ok: false, reason: 'content_mismatch', declared: type, detected };
    if (!isUtf8Text(bytes)) return { ok: false, reason: 'content_mismatch', declared: type, detected: 'binary' };
    return { ok: true, contentType: type };
  }
  if (detected !== type) return { ok: false, reason: 'content_mismatch', declared: type, detected };
  return { ok: true, contentType: type };
}

/**
 * A file name safe to store and to send back: the last path segment, without control
 * characters, with anything but letters, digits, space and `._()-` replaced, no leading dots
 * (hidden files), at most 150 characters keeping the extension; `attachment` when nothing is left.
 */
export function sanitizeFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  let clean = last.normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const max = 150;
  if ([...clean].length > max) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = [...clean.slice(0, clean.length - ext.length)].slice(0, max - [...ext].length).join('').trimEnd() + ext;
  }
  return clean.length === 0 || /^[._ -]+$/.test(clean) ? 'attachment' : clean;
}

/** A Content-Disposition that makes browsers download, never render: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
