/** Error codes of the catalog context: offers, plans, agreements, audience and opt-ins. */
export const CATALOG_ERROR_CODES = [
  'OFFER_NOT_FOUND',
  /** Offer ids are chosen by the publisher and unique across the marketplace. */
  'OFFER_ID_TAKEN',
  'PLAN_NOT_FOUND',
  /** Plan ids are unique within their offer. */
  'PLAN_ID_TAKEN',
  /** An audience change would take the right to resell from a partner that has resold the offer. */
  'RESOLD_PARTNER_DEAUTHORIZED',
  /** Another agreement version was published at the same moment; publish again. */
  'AGREEMENT_VERSION_CONFLICT',
  /** The partner may not opt in: the offer is not offered to partners, or is exclusive to others. */
  'OPT_IN_NOT_ALLOWED',
] as const;
export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];
