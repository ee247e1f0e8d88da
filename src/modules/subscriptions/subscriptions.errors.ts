/** Error codes of the subscriptions context: purchases and the life of a subscription. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const SUBSCRIPTION_ERRORS = {
  /** No subscription with this id that the viewer may see. */
  SUBSCRIPTION_NOT_FOUND: 404,
  /** The offer to buy does not exist. */
  OFFER_NOT_FOUND: 404,
  /** The offer has no plan with this id. */
  PLAN_NOT_FOUND: 404,
  /** No customer with this id that the viewer may see. */
  CUSTOMER_NOT_FOUND: 404,
  /** The plan can't be bought for the customer; `reasons` says every why, in English and Korean. */
  PURCHASE_NOT_ALLOWED: 409,
  /** The buyer accepted an agreement version that is not the current one. */
  AGREEMENT_VERSION_MISMATCH: 409,
  /** The subscription's status does not allow the action; `status` names the current one. */
  SUBSCRIPTION_STATE_CONFLICT: 409,
  /** Only a subscription of the indirect model has a provider and a reseller to choose between. */
  SUPPORT_CONTACT_NOT_APPLICABLE: 409,
} as const satisfies ErrorCatalogue;
export type SubscriptionErrorCode = keyof typeof SUBSCRIPTION_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    subscriptions: typeof SUBSCRIPTION_ERRORS;
  }
}
