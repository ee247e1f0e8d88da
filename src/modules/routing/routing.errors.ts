/** Error codes of the routing context: partners' preferences and routing explanations. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const ROUTING_ERRORS = {
  /** The partner has no preference for this offer to remove. */
  PREFERENCE_NOT_FOUND: 404,
  /** No offer with this id. */
  OFFER_NOT_FOUND: 404,
  /** No subscription with this id that the viewer may see. */
  SUBSCRIPTION_NOT_FOUND: 404,
  /** No customer with this id that the viewer may see. */
  CUSTOMER_NOT_FOUND: 404,
} as const satisfies ErrorCatalogue;
export type RoutingErrorCode = keyof typeof ROUTING_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    routing: typeof ROUTING_ERRORS;
  }
}
