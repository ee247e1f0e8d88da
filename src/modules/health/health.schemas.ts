/** Request and response schemas of the service-health routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { INCIDENT_IMPACTS, INCIDENT_LIMITS, INCIDENT_STATUSES, OPEN_INCIDENT_STATUSES } from '../../core/incident-rules.ts';
import { IdempotencyHeaders, IdParam, IsoDate, NullableIsoDate, PageQuery } from '../../http/schemas.ts';
import { OfferIdSchema } from '../catalog/index.ts';

const Impact = Type.Enum([...INCIDENT_IMPACTS], { description: 'outage: the offer is down; degraded: it works, badly; maintenance: planned work' });
const Status = Type.Enum([...INCIDENT_STATUSES]);
const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

/** An update of an incident. */
export const IncidentUpdate = Type.Object({
  id: Type.String(),
  status: Type.Enum([...INCIDENT_STATUSES], { description: 'The incident\'s status after this update' }),
  message: Type.String(),
  createdAt: IsoDate,
}, { $id: 'IncidentUpdate', title: 'IncidentUpdate' });

const IncidentProperties = {
  id: Type.String(),
  title: Type.String(),
  impact: Impact,
  status: Status,
  isOpen: Type.Boolean({ description: 'Every status but resolved' }),
  publisher: Type.Object({ id: Type.String(), name: Type.String() }),
  offers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), { description: 'The offers affected' }),
  startedAt: IsoDate,
  resolvedAt: NullableIsoDate,
  updatedAt: IsoDate,
  version: Type.Integer({ description: 'Send it back as If-Match: "<version>" with an update' }),
};

/** An incident in a list. */
export const IncidentSummary = Type.Object(IncidentProperties, { $id: 'IncidentSummary', title: 'IncidentSummary' });

/** An incident with its updates, oldest first. */
export const Incident = Type.Object({
  ...IncidentProperties,
  updates: Type.Array(Type.Ref('IncidentUpdate'), { description: 'Oldest first; the first is the message the incident was posted with' }),
}, { $id: 'Incident', title: 'Incident' });

/** An update with the incident after it. */
export const IncidentUpdateResult = Type.Object({ update: Type.Ref('IncidentUpdate'), incident: Type.Ref('Incident') });

/** An open incident as an affected subscription shows it (the subscriptions context embeds it). */
export const OpenIncident = Type.Object({
  id: Type.String(),
  title: Type.String(),
  impact: Impact,
  status: Type.Enum([...OPEN_INCIDENT_STATUSES]),
  startedAt: IsoDate,
});

/** Body of POST /incidents. */
export const PostIncidentBody = Type.Object({
  title: Text(INCIDENT_LIMITS.titleMaxLength, 'What is wrong, in a line'),
  impact: Impact,
  offerIds: Type.Array(OfferIdSchema, { minItems: 1, maxItems: INCIDENT_LIMITS.maxOffers, description: 'Your own offers affected, each once' }),
  status: Type.Optional(Type.Enum([...OPEN_INCIDENT_STATUSES], { description: 'Defaults to investigating; an incident is posted open' })),
  message: Text(INCIDENT_LIMITS.messageMaxLength, 'The first update: what partners and customers should know'),
}, { additionalProperties: false });

/** Posting an incident may carry an Idempotency-Key, so a retry never posts (and announces) it twice. */
export const PostIncidentHeaders = IdempotencyHeaders;

/** Body of POST /incidents/:incidentId/updates. */
export const IncidentUpdateBody = Type.Object({
  status: Type.Enum([...INCIDENT_STATUSES], { description: 'The same status or a later one; resolved resolves the incident' }),
  message: Text(INCIDENT_LIMITS.messageMaxLength, 'What changed'),
}, { additionalProperties: false });

/** An update may carry If-Match with the version it was based on. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 200, description: 'The ETag of the version the update is based on: "<version>"; another version answers 412' })),
});

/** An update: If-Match, and an Idempotency-Key so a retry never posts (and announces) it twice. */
export const IncidentUpdateHeaders = Type.Object({ ...IfMatchHeaders.properties, ...IdempotencyHeaders.properties });

/** Filters of GET /incidents. */
export const IncidentQuery = Type.Object({
  ...PageQuery,
  status: Type.Enum(['open', 'resolved', 'all'], { default: 'all', description: 'open: not resolved yet' }),
  offerId: Type.Optional(OfferIdSchema),
});

/** The incident of a route. */
export const IncidentParams = Type.Object({ incidentId: IdParam });

/** A partner's choice of telling its customers of incidents. */
export const NoticeSettings = Type.Object({
  partnerId: Type.String(),
  notifyCustomersOfIncidents: Type.Boolean({ description: 'Whether your customers hear of incidents of the offers they subscribe to through you' }),
  updatedAt: NullableIsoDate,
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'The user who chose it; null until someone does' }),
}, { $id: 'NoticeSettings', title: 'NoticeSettings' });

/** Body of PUT /partner/notice-settings. */
export const NoticeSettingsBody = Type.Object({ notifyCustomersOfIncidents: Type.Boolean() }, { additionalProperties: false });

/** An organization an incident reached. */
export const IncidentReachOrganization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Enum(['operator', 'publisher', 'partner', 'customer']),
  partnerModel: Type.Union([Type.Enum(['direct', 'indirect_provider', 'indirect_reseller']), Type.Null()]),
  firstReachedAt: IsoDate,
}, { $id: 'IncidentReachOrganization', title: 'IncidentReachOrganization' });

/** Whom an incident reached: what its events were delivered to so far, and a page of the organizations. */
export const IncidentReach = Type.Object({
  incidentId: Type.String(),
  organizations: Type.Object({
    partners: Type.Integer({ description: 'Partners of record reached (direct partners, providers, resellers)' }),
    customers: Type.Integer({ description: 'Customers reached (those whose seller tells its customers)' }),
    total: Type.Integer(),
  }),
  usersNotified: Type.Integer({ description: 'Users of those organizations with an in-app notice of one of the incident\'s events' }),
  events: Type.Integer({ description: 'The incident\'s events: posted, each update, resolved' }),
  pendingEvents: Type.Integer({ description: 'Events whose delivery to their recipients has not finished yet; the counts still grow while it is above 0' }),
  items: Type.Array(Type.Ref('IncidentReachOrganization'), { description: 'A page of the organizations reached, by name' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
}, { $id: 'IncidentReach', title: 'IncidentReach' });

/** Paging of GET /incidents/:incidentId/reach. */
export const IncidentReachQuery = Type.Object({ ...PageQuery });

/** An incident on an offer's status page, with its latest update. */
const StatusIncident = Type.Object({
  id: Type.String(),
  title: Type.String(),
  impact: Impact,
  status: Status,
  startedAt: IsoDate,
  resolvedAt: NullableIsoDate,
  latestUpdate: Type.Object({ status: Status, message: Type.String(), createdAt: IsoDate }),
  canOpen: Type.Boolean({ description: 'Whether the incident reaches your organization, so GET /incidents/:id answers it' }),
});

/** An offer's status page: its state now from its open incidents, those incidents, and the past days' resolved ones. */
export const OfferServiceStatus = Type.Object({
  offer: Type.Object({ id: Type.String(), name: Type.String() }),
  publisher: Type.Object({ id: Type.String(), name: Type.String() }),
  state: Type.Enum(['operational', 'maintenance', 'degraded', 'outage'], { description: 'The worst impact of the open incidents; operational when none is open' }),
  open: Type.Array(StatusIncident, { description: 'Open incidents, newest first' }),
  past: Type.Array(StatusIncident, { description: 'Incidents resolved within the past `days` days, newest first' }),
  days: Type.Integer(),
  since: IsoDate,
}, { $id: 'OfferServiceStatus', title: 'OfferServiceStatus' });

/** The offer of a status page. */
export const OfferStatusParams = Type.Object({ offerId: OfferIdSchema });
