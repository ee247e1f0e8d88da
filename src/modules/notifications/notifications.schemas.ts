/** Request and response schemas of the notification routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { EVENT_TYPE_LIST } from '../../core/events.ts';
import { IdParam, IsoDate, NullableIsoDate, PageQuery } from '../../http/schemas.ts';

const EventTypeSchema = Type.Enum([...EVENT_TYPE_LIST], { description: 'An event type of GET /event-types' });

/** A notification in the signed-in user's inbox. */
export const Notification = Type.Object({
  id: Type.String(),
  eventType: EventTypeSchema,
  title: Type.String({ description: 'In your language, as it was when the event happened' }),
  body: Type.String(),
  link: Type.String({ description: 'The API path of what it is about (a case, an incident, a subscription)' }),
  consoleLink: Type.String({ description: 'The web console\'s page of the same thing, relative to the server (`/cases/cas_…`, `/incidents/inc_…`, `/subscriptions/sub_…`); e-mails link there' }),
  createdAt: IsoDate,
  readAt: NullableIsoDate,
  eventId: Type.String({ description: 'The event it tells of; the same id webhooks carry' }),
}, { $id: 'Notification', title: 'Notification' });

/** Filters and page of GET /notifications. */
export const NotificationQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: '`true`: unread only; `false`: read only; absent: both' })),
  eventType: Type.Optional(EventTypeSchema),
  ...PageQuery,
});

/** The path of one notification. */
export const NotificationParams = Type.Object({ notificationId: IdParam });

/** Body of POST /notifications/read-all. */
export const ReadAllBody = Type.Object({
  before: Type.Optional(Type.String({ format: 'date-time', description: 'Mark only notifications created up to this time (the newest one you showed)' })),
}, { additionalProperties: false });

/** The answer of POST /notifications/read-all. */
export const ReadAllResult = Type.Object({ updated: Type.Integer({ minimum: 0, description: 'How many were marked read' }) });

/** The answer of GET /notifications/unread-count. */
export const UnreadCount = Type.Object({ count: Type.Integer({ minimum: 0 }) });

/** One event type's channels for the signed-in user. */
export const Preference = Type.Object({
  eventType: EventTypeSchema,
  description: Type.String(),
  inApp: Type.Boolean({ description: 'In your inbox' }),
  email: Type.Boolean({ description: 'By e-mail (when the server sends e-mail)' }),
  isDefault: Type.Boolean({ description: 'Whether these are the event type\'s defaults' }),
}, { $id: 'NotificationPreference', title: 'NotificationPreference' });

/** The signed-in user's channels for every event type. */
export const Preferences = Type.Object({
  preferences: Type.Array(Type.Ref('NotificationPreference')),
}, { $id: 'NotificationPreferences', title: 'NotificationPreferences' });

/** Body of PUT /notification-preferences: the event types to change; the others stay. */
export const PreferencesBody = Type.Object({
  preferences: Type.Array(Type.Object({
    eventType: EventTypeSchema,
    inApp: Type.Boolean(),
    email: Type.Boolean(),
  }, { additionalProperties: false }), { minItems: 1, maxItems: EVENT_TYPE_LIST.length, description: 'Each event type at most once' }),
}, { additionalProperties: false });

/** The catalogue of event types. */
export const EventTypes = Type.Array(Type.Object({
  type: EventTypeSchema,
  description: Type.String(),
}), { description: 'Every event type, for webhook endpoints and notification preferences' });
