/** Error codes of the subscriptions context: purchases and the life of a subscription. */
export const SUBSCRIPTION_ERROR_CODES = [
  /** No subscription with this id that the viewer may see. */
  'SUBSCRIPTION_NOT_FOUND',
  /** The offer to buy does not exist. */
  'OFFER_NOT_FOUND',
  /** The offer has no plan with this id. */
  'PLAN_NOT_FOUND',
  /** No customer with this id that the viewer may see. */
  'CUSTOMER_NOT_FOUND',
  /** The plan can't be bought for the customer; `reasons` says every why, in English and Korean. */
  'PURCHASE_NOT_ALLOWED',
  /** The buyer accepted an agreement version that is not the current one. */
  'AGREEMENT_VERSION_MISMATCH',
  /** The subscription's status does not allow the action; `status` names the current one. */
  'SUBSCRIPTION_STATE_CONFLICT',
  /** Only a subscription of the indirect model has a provider and a reseller to choose between. */
  'SUPPORT_CONTACT_NOT_APPLICABLE',
] as const;
export type SubscriptionErrorCode = (typeof SUBSCRIPTION_ERROR_CODES)[number];
