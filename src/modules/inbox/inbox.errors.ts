/** Error codes of the inbox context: reading lists of cases and exporting a customer's cases. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const INBOX_ERRORS = {
  /**
   * No customer with this id whose cases the viewer may export (the customer itself and its
   * partners of record may); the same code, and the same answer, as the channel's for a customer
   * the viewer can't see.
   */
  CUSTOMER_NOT_FOUND: 404,
} as const satisfies ErrorCatalogue;
export type InboxErrorCode = keyof typeof INBOX_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    inbox: typeof INBOX_ERRORS;
  }
}
