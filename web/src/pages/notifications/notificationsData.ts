/** The notifications' query key and the console page a notification is about. */
import type { Notification } from '../../api/types.ts';

export const NOTIFICATIONS_KEY = ['notifications', 'list'] as const;

/** The console page of what a notification is about (the API's consoleLink; else its API link without /api/v1). */
export function notificationPath(n: Pick<Notification, 'consoleLink' | 'link'>): string {
  return n.consoleLink || n.link.replace(/^\/api\/v1/, '') || '/';
}
