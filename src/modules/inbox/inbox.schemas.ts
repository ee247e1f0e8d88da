/** Request and response schemas of the inbox routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { CASE_STATUSES } from '../../core/case-rules.ts';
import { PARTNER_CENTER_STATUSES } from '../../core/partner-center.ts';
import { SEVERITIES } from '../../core/routing-types.ts';
import { SUPPORT_CATEGORIES } from '../../core/support-categories.ts';
import { IdParam, IsoDate, NullableIsoDate, PageQuery } from '../../http/schemas.ts';
import { OfferIdSchema } from '../catalog/index.ts';

const PARTICIPANT_ROLES = ['customer', 'partner', 'provider', 'reseller', 'publisher', 'operator'] as const;
const Ref = Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()], { description: 'Null where your organization may not see it' }) });
const CaseStatusSchema = Type.Enum([...CASE_STATUSES]);

/** One case of an inbox page. */
export const InboxItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  category: Type.String({ description: 'A support category code' }),
  severity: Type.Enum([...SEVERITIES], { description: 'critical = A, moderate = B, minimal = C' }),
  status: CaseStatusSchema,
  holder: Type.Object(Ref.properties, { description: 'The organization whose turn it is' }),
  customer: Type.Union([Ref, Type.Null()], { description: 'Null for a question between organizations of the channel' }),
  offer: Type.Union([Ref, Type.Null()]),
  updatedAt: IsoDate,
  createdAt: IsoDate,
  yourRole: Type.Enum([...PARTICIPANT_ROLES], { description: 'Why your organization takes part in the case' }),
  dueAt: Type.Union([IsoDate, Type.Null()], {
    description: 'Your organization\'s own next SLA deadline on the case: the nearest due time of its running clocks (a breached clock not yet met: its breach time); null when none runs',
  }),
  slaBreached: Type.Boolean({ description: 'Whether one of your organization\'s SLA clocks on the case was breached (a breach stays, even once met)' }),
}, { $id: 'InboxItem', title: 'InboxItem' });

/** Filters, search and page of GET /cases. */
export const InboxQuery = Type.Object({
  status: Type.Optional(Type.Array(CaseStatusSchema, { minItems: 1, maxItems: CASE_STATUSES.length, description: 'Any of these statuses; repeat the parameter for several' })),
  category: Type.Optional(Type.Enum([...SUPPORT_CATEGORIES])),
  severity: Type.Optional(Type.Enum([...SEVERITIES])),
  offerId: Type.Optional(OfferIdSchema),
  customerId: Type.Optional(IdParam),
  holder: Type.Optional(Type.String({ ...IdParam, description: '`me` for the cases whose turn is your organization\'s, or an organization id' })),
  assignee: Type.Optional(Type.Enum(['me'], { description: '`me` for the cases you work: assigned to you while your organization holds them' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words to find in the title and description, in web-search syntax: "a phrase", or, -word' })),
  sort: Type.Optional(Type.Enum(['updated', 'due', 'severity'], {
    default: 'updated',
    description: 'updated: newest update first; due: your organization\'s nearest SLA deadline first (overdue first), then the cases without one, newest update first; severity: most severe first (critical, moderate, minimal), within a severity newest update first. A cursor belongs to its sort',
  })),
  due_before: Type.Optional(Type.String({ format: 'date-time', description: 'Only cases whose deadline (dueAt) is before this time — e.g. now plus an hour for what falls due within the hour' })),
  breached: Type.Optional(Type.Boolean({ description: 'true: only cases where one of your organization\'s SLA clocks was breached; false: only those where none was' })),
  ...PageQuery,
});

/** Partner Center's note of a service request. */
const ServiceRequestNote = Type.Object({
  createdByName: Type.String({ description: 'The author\'s organization, or its role in the case where you may not see the organization' }),
  createdDate: IsoDate,
  text: Type.String(),
});

/** A case in Partner Center's ServiceRequest shape. */
export const ServiceRequest = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  severity: Type.Enum([...SEVERITIES], { description: 'Partner Center\'s severity: critical (A), moderate (B), minimal (C)' }),
  status: Type.Enum([...PARTNER_CENTER_STATUSES], { description: 'new → none; open, pending_party → open; pending_customer → attention_needed; resolved, closed → closed' }),
  supportTopicId: Type.String({ description: 'The support category code' }),
  supportTopicName: Type.String(),
  organization: Type.Object({ id: Type.String(), name: Type.String() }, { description: 'The customer' }),
  productId: Type.Union([Type.String(), Type.Null()], { description: 'The offer' }),
  productName: Type.Union([Type.String(), Type.Null()]),
  countryCode: Type.String({ description: 'The customer\'s country (ISO 3166-1 alpha-2)' }),
  createdDate: IsoDate,
  lastModifiedDate: IsoDate,
  lastClosedDate: NullableIsoDate,
  notes: Type.Array(ServiceRequestNote, { description: 'The messages you may see, oldest first' }),
  attributes: Type.Object({ objectType: Type.Literal('ServiceRequest') }),
}, { $id: 'ServiceRequest', title: 'ServiceRequest' });

/** A customer's service requests, as Partner Center returns a collection. */
export const ServiceRequestCollection = Type.Object({
  totalCount: Type.Integer(),
  items: Type.Array(Type.Ref('ServiceRequest')),
  attributes: Type.Object({ objectType: Type.Literal('Collection') }),
});

/** The format of an export. */
export const ExportQuery = Type.Object({
  format: Type.Enum(['json', 'csv'], { default: 'json', description: 'json: a Partner Center collection; csv: one line per service request, notes in one cell' }),
});

/** The customer whose cases are exported. */
export const CustomerParams = Type.Object({ customerId: IdParam });
