/** Error codes of the notifications context: a user's inbox and notification preferences. */
export const NOTIFICATION_ERROR_CODES = [
  /** No notification with this id in the viewer's own inbox (a colleague's answers the same). */
  'NOTIFICATION_NOT_FOUND',
] as const;
export type NotificationErrorCode = (typeof NOTIFICATION_ERROR_CODES)[number];
