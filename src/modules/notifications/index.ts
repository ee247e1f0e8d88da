/** The notifications context's public face: other contexts import only this file. */
export { createEventFanout, INCIDENT_BATCH } from './notifications.fanout.ts';
export {
  createNotificationService, type NotificationService, type PresentedNotification, type PresentedPreference,
  type PresentedEventType, type PreferenceChange,
} from './notifications.service.ts';
export { registerNotificationRoutes } from './notifications.routes.ts';
export { createEmailSender, type EmailSender, type EmailSenderDeps } from './notifications.email.ts';
export { NOTIFICATION_ERRORS, type NotificationErrorCode } from './notifications.errors.ts';
