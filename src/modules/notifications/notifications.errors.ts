/** Error codes of the notifications context: a user's inbox and notification preferences. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const NOTIFICATION_ERRORS = {
  /** No notification with this id in the viewer's own inbox (a colleague's answers the same). */
  NOTIFICATION_NOT_FOUND: 404,
} as const satisfies ErrorCatalogue;
export type NotificationErrorCode = keyof typeof NOTIFICATION_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    notifications: typeof NOTIFICATION_ERRORS;
  }
}
