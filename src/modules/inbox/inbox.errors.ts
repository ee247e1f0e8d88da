/** Error codes of the inbox context: reading lists of cases and exporting a customer's cases. */
export const INBOX_ERROR_CODES = [
  /**
   * No customer with this id whose cases the viewer may export (the customer itself and its
   * partners of record may); the same code, and the same answer, as the channel's for a customer
   * the viewer can't see.
   */
  'CUSTOMER_NOT_FOUND',
] as const;
export type InboxErrorCode = (typeof INBOX_ERROR_CODES)[number];
