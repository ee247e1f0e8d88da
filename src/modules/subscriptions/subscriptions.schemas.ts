/** Request and response schemas of the subscriptions routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { PURCHASE_BLOCKERS, SUBSCRIPTION_STATUSES } from '../../core/catalog-rules.ts';
import { IdParam, IsoDate, NullableIsoDate } from '../../http/schemas.ts';
import { OfferIdSchema, PlanIdSchema } from '../catalog/index.ts';
import { OpenIncidentSchema } from '../health/index.ts';

/** The statuses of a subscription. */
export const SubscriptionStatusSchema = Type.Enum([...SUBSCRIPTION_STATUSES]);

/** A subscription as presented. */
export const Subscription = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  offerId: Type.String(),
  planId: Type.String(),
  publisherId: Type.String(),
  quantity: Type.Integer(),
  partnerId: Type.Union([Type.String(), Type.Null()], { description: 'The direct partner of record' }),
  providerId: Type.Union([Type.String(), Type.Null()], { description: 'The indirect provider of record' }),
  resellerId: Type.Union([Type.String(), Type.Null()], { description: 'The indirect reseller of record' }),
  supportContactId: Type.String({ description: 'The organization the customer\'s support questions go to first' }),
  supportContact: Type.Enum(['partner', 'provider', 'reseller']),
  status: SubscriptionStatusSchema,
  billingCycle: Type.String(),
  term: Type.String(),
  market: Type.String(),
  agreementVersion: Type.Integer({ description: 'The agreement version the buyer accepted' }),
  acceptedBy: Type.String({ description: 'The user who accepted it' }),
  acceptedAt: IsoDate,
  createdAt: IsoDate,
  updatedAt: IsoDate,
  activatedAt: NullableIsoDate,
  cancelledAt: NullableIsoDate,
  openIncidents: Type.Optional(Type.Array(OpenIncidentSchema, {
    description: 'The open incidents of the offer that you may see, newest first; empty unless the subscription is active',
  })),
}, { $id: 'Subscription', title: 'Subscription' });

/** Body of POST /subscriptions. */
export const PurchaseBody = Type.Object({
  customerId: IdParam,
  offerId: OfferIdSchema,
  planId: PlanIdSchema,
  quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  billingCycle: Type.String({ minLength: 1, maxLength: 40 }),
  term: Type.String({ minLength: 1, maxLength: 40 }),
  acceptedAgreementVersion: Type.Integer({ minimum: 1, description: 'The current agreement version, which the buyer accepts' }),
  resellerId: Type.Optional(Type.String({ ...IdParam, description: 'The reseller of record, when an indirect provider buys' })),
  providerId: Type.Optional(Type.String({ ...IdParam, description: 'The provider, when an indirect reseller buys' })),
}, { additionalProperties: false });


/** Who asks about which customer (and through which reseller or provider). */
export const PurchasabilityQuery = Type.Object({
  customerId: IdParam,
  resellerId: Type.Optional(Type.String({ ...IdParam, description: 'The reseller of record, when an indirect provider asks' })),
  providerId: Type.Optional(Type.String({ ...IdParam, description: 'The provider, when an indirect reseller asks' })),
});

const Reason = Type.Object({
  code: Type.Enum([...PURCHASE_BLOCKERS]),
  message: Type.Object({ en: Type.String(), ko: Type.String() }),
});

/** Whether each plan can be bought, with every reason in English and Korean. */
export const Purchasability = Type.Object({
  offerId: Type.String(),
  customerId: Type.String(),
  sellerId: Type.String({ description: 'The partner who sells to the customer: the direct partner or the reseller of record' }),
  plans: Type.Array(Type.Object({ planId: Type.String(), purchasable: Type.Boolean(), reasons: Type.Array(Reason) })),
});

/** Filters of GET /subscriptions. */
export const SubscriptionQuery = Type.Object({
  status: Type.Optional(SubscriptionStatusSchema),
  customerId: Type.Optional(IdParam),
  offerId: Type.Optional(OfferIdSchema),
});

/** Body of PATCH /subscriptions/:subscriptionId. */
export const ChangeQuantityBody = Type.Object({ quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }, { additionalProperties: false });
/** Body of PUT /subscriptions/:subscriptionId/support-contact. */
export const SupportContactBody = Type.Object({ designated: Type.Enum(['provider', 'reseller']) }, { additionalProperties: false });
/** The subscription of a route. */
export const SubscriptionParams = Type.Object({ subscriptionId: IdParam });
/** The offer whose purchasability is asked. */
export const OfferParams = Type.Object({ offerId: OfferIdSchema });
