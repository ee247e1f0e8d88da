/** Request and response schemas of the routing routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { PARTNER_PREFERENCES, SEVERITIES } from '../../core/routing-types.ts';
import { SUPPORT_CATEGORIES } from '../../core/support-categories.ts';
import { IdParam, IsoDate } from '../../http/schemas.ts';
import { OfferIdSchema } from '../catalog/index.ts';

const PreferenceSchema = Type.Enum([...PARTNER_PREFERENCES], {
  description: '`forward`: technical cases go to the publisher at once, you stay on the case; `tier1`: you answer how-to first and forward break-fix and outages; `direct`: the customer is sent to the publisher, you watch',
});
const Role = Type.Enum(['customer', 'partner', 'provider', 'reseller', 'publisher', 'operator']);

const StoredPreference = Type.Object({
  preference: PreferenceSchema,
  updatedBy: Type.String({ description: 'The user who set it' }),
  updatedAt: IsoDate,
});

/** A partner's routing preferences: the default and one per offer. */
export const Preferences = Type.Object({
  partnerId: Type.String(),
  default: Type.Union([StoredPreference, Type.Null()], { description: 'The partner-wide default, when set' }),
  effectiveDefault: Type.Enum([...PARTNER_PREFERENCES], { description: 'What applies to an offer without its own preference: the default, or `forward`' }),
  offers: Type.Array(Type.Object({ offerId: Type.String(), ...StoredPreference.properties })),
}, { $id: 'RoutingPreferences', title: 'RoutingPreferences' });

/** Body of the PUTs of a preference. */
export const PreferenceBody = Type.Object({ preference: PreferenceSchema }, { additionalProperties: false });

/** Path of a per-offer preference. */
export const OfferParams = Type.Object({ offerId: OfferIdSchema });

/** Body of POST /routing/decisions. */
export const DecisionBody = Type.Object({
  category: Type.Enum([...SUPPORT_CATEGORIES]),
  severity: Type.Enum([...SEVERITIES], { description: '`critical`, `moderate`, `minimal` (A, B, C)' }),
  subscriptionId: Type.Optional(Type.String({ ...IdParam, description: 'The subscription the case would be about' })),
  offerId: Type.Optional(Type.String({ ...OfferIdSchema, description: 'The offer, for a case without a subscription (or the subscription\'s own)' })),
  customerId: Type.Optional(Type.String({ ...IdParam, description: 'The customer the case would be about (a partner or publisher asking for one)' })),
  askedBy: Type.Optional(Type.Enum(['viewer', 'customer'], {
    description: '`customer`: as the subscription\'s customer would ask it — a partner of record previewing the effect of its preferences and split (needs `subscriptionId`; partners only). Default `viewer`',
  })),
}, { additionalProperties: false });

const Party = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()], { description: 'Null when your organization may not see it' }),
  role: Role,
});

/** What would happen to a case: who answers, who holds it first, where it may go, who takes part, and why. */
export const Decision = Type.Object({
  routable: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'Why the case can\'t be routed, e.g. CATEGORY_NOT_ALLOWED_FOR_ASKER' }),
  category: Type.Enum([...SUPPORT_CATEGORIES]),
  severity: Type.Enum([...SEVERITIES]),
  responsible: Type.Union([Type.Object({ ...Party.properties, kind: Type.Enum(['partner', 'publisher', 'operator']) }), Type.Null()]),
  firstHolder: Type.Union([Party, Type.Null()]),
  escalationPath: Type.Array(Party, { description: 'After the first holder, in order' }),
  participants: Type.Array(Party),
  preference: Type.Union([Type.Object({ value: PreferenceSchema, source: Type.Enum(['offer', 'default', 'none']) }), Type.Null()], {
    description: 'The customer-facing partner\'s preference that was considered',
  }),
  incidentId: Type.Union([Type.String(), Type.Null()]),
  rules: Type.Array(Type.Object({ code: Type.String(), en: Type.String(), ko: Type.String() }), { description: 'The rules that fired, in order' }),
}, { $id: 'RoutingDecision', title: 'RoutingDecision' });
