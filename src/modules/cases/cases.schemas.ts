/**
 * Request and response schemas of the case routes (also the OpenAPI source), and the one source of
 * the shapes the use cases answer and take: `PresentedCase` and the rest are the schemas' static
 * types, so what a route answers and what its service returns can't drift apart.
 */
import { Type, type Static } from 'typebox';
import { CASE_HISTORY_TYPES } from '../../core/case-history.ts';
import {
  CASE_ACTIONS, CASE_RELATIONS, CASE_STATUSES, CASE_VISIBILITIES, ESCALATION_TIERS, NOTE_VISIBILITIES, type CaseAction,
} from '../../core/case-rules.ts';
import { SEVERITIES } from '../../core/routing-types.ts';
import { SUPPORT_CATEGORIES } from '../../core/support-categories.ts';
import { IdempotencyHeaders, IdParam, IsoDate, NullableIsoDate } from '../../http/schemas.ts';
import { OfferIdSchema } from '../catalog/index.ts';
import { CaseSlaClock } from '../sla/index.ts';

const Category = Type.Enum([...SUPPORT_CATEGORIES]);
const Severity = Type.Enum([...SEVERITIES], { description: 'A, B, C in Partner Center' });
const ParticipantRole = Type.Enum(['customer', 'partner', 'provider', 'reseller', 'publisher', 'operator']);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Ref = Type.Object({ id: Type.String(), name: Nullable(Type.String({ description: 'Null where you may not see the organization' })) });
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });

/** The actions the API offers, as a case's allowedActions lists them (linking an incident has no route yet). */
export const OFFERED_CASE_ACTIONS = CASE_ACTIONS.filter((a): a is Exclude<CaseAction, 'link_incident'> => a !== 'link_incident');

/** One rule of a routing decision, in English and Korean. */
export const RoutingRule = Type.Object({ code: Type.String(), en: Type.String(), ko: Type.String() }, { $id: 'RoutingRule', title: 'RoutingRule' });

/** A case as its participants see it. */
export const Case = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  category: Category,
  severity: Severity,
  status: Type.Enum([...CASE_STATUSES]),
  language: Type.Enum(['en', 'ko']),
  subscriptionId: Nullable(Type.String()),
  offerId: Nullable(Type.String()),
  customer: Type.Union([Ref, Type.Null()]),
  chain: Type.Object({
    publisherId: Nullable(Type.String()), partnerId: Nullable(Type.String()), providerId: Nullable(Type.String()),
    resellerId: Nullable(Type.String()), operatorId: Nullable(Type.String()),
  }, { description: 'The chain recorded when the case was opened' }),
  requester: Type.Object({ orgId: Type.String(), userId: Type.String(), name: Nullable(Type.String()) }),
  responsible: Type.Object({ ...Ref.properties, kind: Type.Union([Type.Enum(['partner', 'publisher', 'operator']), Type.Null()]) }, { description: 'The organization that owns the answer for the category' }),
  holder: Type.Object(Ref.properties, { description: 'The organization whose turn it is' }),
  assignee: Type.Union([Type.Object({ userId: Type.String(), name: Nullable(Type.String()) }), Type.Null()]),
  participants: Type.Array(Type.Object({ ...Ref.properties, role: ParticipantRole, joinedAt: IsoDate })),
  routing: Type.Object({
    firstHolderId: Nullable(Type.String()),
    escalationPath: Type.Array(Type.String()),
    rules: Type.Array(Type.Ref('RoutingRule')),
  }, { description: 'Why the case is where it is: the routing decision that placed it last' }),
  externalReference: Nullable(Type.String({ description: 'The publisher\'s own ticket number' })),
  incidentId: Nullable(Type.String()),
  version: Type.Integer({ description: 'Send it back as If-Match: "<version>" with a change' }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  resolvedAt: NullableIsoDate,
  closedAt: NullableIsoDate,
  yourRelations: Type.Array(Type.Enum([...CASE_RELATIONS]), { description: 'What your organization is to the case' }),
  allowedActions: Type.Array(Type.Object({
    action: Type.Enum(OFFERED_CASE_ACTIONS, {
      description: 'reply, reply_awaiting_customer (a reply with awaitingCustomer), note, assign, forward, escalate, hand_back, reroute, resolve, reopen, close, set_external_reference, attach',
    }),
    targets: Type.Optional(Type.Array(Type.Object({
      orgId: Type.String(),
      tier: Type.Optional(Type.Enum([...ESCALATION_TIERS], { description: 'For escalate: the tier, to name as `target`' })),
    }), { description: 'Where forward, escalate and hand_back take the case' })),
  }), {
    description: 'What you (your organization, with your roles) may do to the case now, by the same rules the actions check: '
      + 'an action listed is accepted unless one of its own inputs is refused (an assignee who can\'t work the case, a message of another '
      + 'organization, the case\'s own category, an escalation target other than those listed). A reroute goes where routing places it.',
  }),
  sla: Type.Array(CaseSlaClock, {
    description: 'Each party\'s SLA clocks (first response, resolution) at the time of the answer, in the order they started, with the policy that applied and why. '
      + 'A party\'s clock runs only while it holds the case (its resolution clock also while its own escalation tiers do) and only in its support hours; waiting on the customer pauses every clock. '
      + 'A customer sees the commitments made to it (the publisher\'s, its partners\'), not those between partners',
  }),
}, { $id: 'Case', title: 'Case' });

/** An attachment's description. */
export const Attachment = Type.Object({
  id: Type.String(),
  messageId: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: IsoDate,
}, { $id: 'CaseAttachment', title: 'CaseAttachment' });

/** A message of a case. */
export const Message = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  visibility: Type.Enum([...CASE_VISIBILITIES], { description: 'public: every participant; partners: all but the customer; internal: the author\'s organization' }),
  body: Type.String(),
  author: Type.Object({ orgId: Type.String(), orgName: Nullable(Type.String()), userId: Type.String() }),
  createdAt: IsoDate,
  attachments: Type.Array(Type.Ref('CaseAttachment')),
}, { $id: 'CaseMessage', title: 'CaseMessage' });

/** An event of a case's history. */
export const Event = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  type: Type.String({ description: `One of ${CASE_HISTORY_TYPES.join(', ')}; \`status_changed\` says, in public, the status change of a change whose own entry is a note` }),
  visibility: Type.Enum([...CASE_VISIBILITIES]),
  actor: Type.Object({ orgId: Type.String(), userId: Nullable(Type.String()) }),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: IsoDate,
}, { $id: 'CaseEvent', title: 'CaseEvent' });

/** A message with the case after it. */
export const MessageResult = Type.Object({ message: Type.Ref('CaseMessage'), case: Type.Ref('Case') });
/** An attachment with the case after it. */
export const AttachmentResult = Type.Object({ attachment: Type.Ref('CaseAttachment'), case: Type.Ref('Case') });

/** Body of POST /cases. */
export const OpenCaseBody = Type.Object({
  title: Text(200),
  description: Text(20_000),
  category: Category,
  severity: Severity,
  subscriptionId: Type.Optional(Type.String({ ...IdParam, description: 'The subscription the case is about' })),
  offerId: Type.Optional(Type.String({ ...OfferIdSchema, description: 'The offer, for a case without a subscription' })),
  language: Type.Optional(Type.Enum(['en', 'ko'], { description: 'Defaults to your locale' })),
}, { additionalProperties: false });

/** Opening a case may carry an Idempotency-Key, so a retry never opens it twice. */
export const OpenCaseHeaders = IdempotencyHeaders;

/** Every change may carry If-Match with the version it was based on. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 200, description: 'The ETag of the version the change is based on: "<version>"; another version answers 412' })),
});

/** A reply, note or attachment: If-Match, and an Idempotency-Key so a retry never adds it twice. */
export const AddToCaseHeaders = Type.Object({ ...IfMatchHeaders.properties, ...IdempotencyHeaders.properties });

/** Body of POST /cases/:caseId/replies. */
export const ReplyBody = Type.Object({
  body: Text(20_000),
  awaitingCustomer: Type.Optional(Type.Boolean({ description: 'The holder waits on the customer\'s answer: the case becomes pending_customer' })),
}, { additionalProperties: false });

/** Body of POST /cases/:caseId/notes. */
export const NoteBody = Type.Object({
  body: Text(20_000),
  visibility: Type.Enum([...NOTE_VISIBILITIES], { description: 'internal: your organization only; partners: every participant but the customer' }),
}, { additionalProperties: false });

/** Body of POST /cases/:caseId/assign. */
export const AssignBody = Type.Object({
  userId: Type.Union([IdParam, Type.Null()], { description: 'A user of the holding organization who works cases; null unassigns' }),
}, { additionalProperties: false });

/** Optional body of forward, escalate, hand-back, resolve, reopen and close. */
export const ReasonBody = Type.Object({
  reason: Type.Optional(Text(2_000, 'Why, recorded in the event')),
}, { additionalProperties: false });

/** Optional body of escalate: the reason, and the tier where the holder may choose. */
export const EscalateBody = Type.Object({
  ...ReasonBody.properties,
  target: Type.Optional(Type.Enum([...ESCALATION_TIERS], {
    description: 'The tier to escalate to (see the case\'s allowedActions); without it, the first one the split allows. Another tier than those allowed answers 409 ESCALATION_NOT_ALLOWED with `allowedTargets`',
  })),
}, { additionalProperties: false });

/** Body of POST /cases/:caseId/reroute. */
export const RerouteBody = Type.Object({
  category: Category,
  reason: Text(2_000, 'Why the category changes, recorded in the event'),
}, { additionalProperties: false });

/** Body of PUT /cases/:caseId/external-reference. */
export const ExternalReferenceBody = Type.Object({
  externalReference: Type.Union([Text(200), Type.Null()], { description: 'Your own ticket number; null clears it' }),
}, { additionalProperties: false });

/** The form of an upload, for the OpenAPI document: the handler streams the one file part itself. */
export const UploadBody = Type.Object({
  file: Type.Optional(Type.String({ contentMediaType: 'application/octet-stream', description: 'The file, as the form\'s one part; its part Content-Type is the declared type' })),
});

/** The schemas the response shapes refer to by `$id`, so their static types resolve the refs. */
type Named = { RoutingRule: typeof RoutingRule; CaseAttachment: typeof Attachment; CaseMessage: typeof Message; Case: typeof Case };

/** A case as its participants see it (the `Case` schema). */
export type PresentedCase = Static<typeof Case, Named>;
/** An attachment's description; its bytes are downloaded on their own (the `CaseAttachment` schema). */
export type PresentedAttachment = Static<typeof Attachment, Named>;
/** A message of a case (the `CaseMessage` schema). */
export type PresentedMessage = Static<typeof Message, Named>;
/** An event of a case's history (the `CaseEvent` schema). */
export type PresentedEvent = Static<typeof Event, Named>;
/** A message with the case after it. */
export type PresentedMessageResult = Static<typeof MessageResult, Named>;
/** An attachment with the case after it. */
export type PresentedAttachmentResult = Static<typeof AttachmentResult, Named>;

/** What an asker sends to open a case. */
export type OpenCaseInput = Static<typeof OpenCaseBody>;
/** A reply. */
export type ReplyInput = Static<typeof ReplyBody>;
/** A note. */
export type NoteInput = Static<typeof NoteBody>;
/** An assignment (null unassigns). */
export type AssignInput = Static<typeof AssignBody>;
/** The optional reason of forward, escalate, hand back, resolve, reopen and close. */
export type ReasonInput = Static<typeof ReasonBody>;
/** An escalation: its optional reason and target tier. */
export type EscalateInput = Static<typeof EscalateBody>;
/** A reroute. */
export type RerouteInput = Static<typeof RerouteBody>;
/** An external reference (null clears it). */
export type ExternalReferenceInput = Static<typeof ExternalReferenceBody>;

/** The case of a route. */
export const CaseParams = Type.Object({ caseId: IdParam });
/** A message of a case. */
export const MessageParams = Type.Object({ caseId: IdParam, messageId: IdParam });
/** An attachment of a case. */
export const AttachmentParams = Type.Object({ caseId: IdParam, attachmentId: IdParam });
