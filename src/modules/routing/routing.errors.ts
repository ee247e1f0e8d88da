/** Error codes of the routing context: partners' preferences and routing explanations. */
export const ROUTING_ERROR_CODES = [
  /** The partner has no preference for this offer to remove. */
  'PREFERENCE_NOT_FOUND',
  /** No offer with this id. */
  'OFFER_NOT_FOUND',
  /** No subscription with this id that the viewer may see. */
  'SUBSCRIPTION_NOT_FOUND',
  /** No customer with this id that the viewer may see. */
  'CUSTOMER_NOT_FOUND',
] as const;
export type RoutingErrorCode = (typeof ROUTING_ERROR_CODES)[number];
