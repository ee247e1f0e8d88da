/** Error codes of the catalog context: offers, plans, agreements, audience and opt-ins. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const CATALOG_ERRORS = {
  OFFER_NOT_FOUND: 404,
  /** Offer ids are chosen by the publisher and unique across the marketplace. */
  OFFER_ID_TAKEN: 409,
  PLAN_NOT_FOUND: 404,
  /** Plan ids are unique within their offer. */
  PLAN_ID_TAKEN: 409,
  /** An audience change would take the right to resell from a partner that has resold the offer. */
  RESOLD_PARTNER_DEAUTHORIZED: 409,
  /** Another agreement version was published at the same moment; publish again. */
  AGREEMENT_VERSION_CONFLICT: 409,
  /** The partner may not opt in: the offer is not offered to partners, or is exclusive to others. */
  OPT_IN_NOT_ALLOWED: 409,
} as const satisfies ErrorCatalogue;
export type CatalogErrorCode = keyof typeof CATALOG_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    catalog: typeof CATALOG_ERRORS;
  }
}
