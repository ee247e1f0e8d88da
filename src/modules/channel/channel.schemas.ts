/** Request and response schemas of the channel routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { PARTNER_MODELS } from '../../core/parties.ts';
import { RELATIONSHIP_STATUSES } from '../../core/channel-rules.ts';
import { SUPPORT_CATEGORIES } from '../../core/support-categories.ts';
import { IdParam, IsoDate, NullableIsoDate, PageQuery } from '../../http/schemas.ts';
import { CountrySchema, EmailSchema, LocaleSchema, PasswordSchema } from '../identity/index.ts';

const Side = Type.Enum(['provider', 'reseller']);
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Party = Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) });

const splitRuleFields = {
  category: Type.Enum([...SUPPORT_CATEGORIES]),
  firstContact: Side,
  handler: Side,
};

/** One category's rule: who the customer contacts first and who works the case. */
export const SplitRule = Type.Object(splitRuleFields, { $id: 'SplitRule', title: 'SplitRule' });

const relationshipFields = {
  id: Type.String(),
  status: Type.Enum([...RELATIONSHIP_STATUSES]),
  provider: Party,
  reseller: Party,
  counterpart: Type.Union([Party, Type.Null()], { description: 'The other side; null for the operator' }),
  viewerSide: Type.Union([Side, Type.Null()], { description: 'Your side of the relationship; null for the operator' }),
  invitedBy: Type.String({ description: 'The provider user who sent the invitation' }),
  invitedAt: IsoDate,
  acceptedAt: NullableIsoDate,
  endedAt: NullableIsoDate,
  endedBy: Type.Union([Side, Type.Null()], { description: 'Which side ended (or declined) it' }),
};

/** A relationship as lists show it. */
export const IndirectRelationship = Type.Object(relationshipFields, { $id: 'IndirectRelationship', title: 'IndirectRelationship' });

/** A relationship with its whole support split. */
export const IndirectRelationshipDetail = Type.Object({
  ...relationshipFields,
  split: Type.Array(Type.Ref('SplitRule'), { description: 'Every category, in the matrix order' }),
}, { $id: 'IndirectRelationshipDetail', title: 'IndirectRelationshipDetail' });

/** The reseller a provider invites. */
export const InviteBody = Type.Object({ resellerId: IdParam }, { additionalProperties: false });

/** Filters of the relationship list: status, the viewer's side, and the page. */
export const RelationshipQuery = Type.Object({
  status: Type.Optional(Type.Enum([...RELATIONSHIP_STATUSES])),
  role: Type.Optional(Side),
  ...PageQuery,
});

/** Split rules to change: the whole split or a subset of categories. */
export const UpdateSplitBody = Type.Object({
  split: Type.Array(Type.Object(splitRuleFields, { additionalProperties: false }), {
    minItems: 1, maxItems: SUPPORT_CATEGORIES.length, description: 'The whole split or only the categories to change',
  }),
}, { additionalProperties: false });

/** The relationship a route acts on. */
export const RelationshipParams = Type.Object({ relationshipId: IdParam });

/** A customer with the partners the viewer may see it with. */
export const Customer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Type.String(),
  createdAt: IsoDate,
  partners: Type.Array(Type.Object({
    relationshipId: Type.String(),
    id: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    partnerModel: Type.Union([Type.Enum([...PARTNER_MODELS]), Type.Null()]),
    status: Type.Enum(['active', 'ended']),
    since: IsoDate,
    endedAt: NullableIsoDate,
  }), { description: 'The partners you may see this customer with' }),
}, { $id: 'Customer', title: 'Customer' });

/** A new customer and, optionally, its first user. */
export const CreateCustomerBody = Type.Object({
  name: Name,
  country: CountrySchema,
  admin: Type.Optional(Type.Object({
    email: EmailSchema, name: Name, password: PasswordSchema, locale: Type.Optional(LocaleSchema),
  }, { additionalProperties: false, description: 'The customer\'s first user, a customer_admin' })),
}, { additionalProperties: false });

/** The new customer and its first user (null when none was asked for). */
export const CreatedCustomer = Type.Object({
  customer: Type.Ref('Customer'),
  admin: Type.Union([
    Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), roles: Type.Array(Type.Literal('customer_admin')) }),
    Type.Null(),
  ]),
});

/** Filters of the customer list: part of the name, relationship status, and the page. */
export const CustomerQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the customer\'s name' })),
  status: Type.Optional(Type.Enum(['active', 'ended'], { description: 'Only customers with a relationship in this status' })),
  ...PageQuery,
});

/** The customer a route acts on. */
export const CustomerParams = Type.Object({ customerId: IdParam });
