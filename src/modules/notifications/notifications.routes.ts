/** HTTP routes of a user's notifications: validate, call one use case, present. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses, PageOf } from '../../http/schemas.ts';
import type { NotificationService } from './notifications.service.ts';
import {
  EventTypes, Notification, NotificationParams, NotificationQuery, Preference, Preferences, PreferencesBody,
  ReadAllBody, ReadAllResult, UnreadCount,
} from './notifications.schemas.ts';

/** Lets a POST whose body is all optional be sent without one. */
async function emptyBodyIsEmptyObject(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) (req as { body: unknown }).body = {};
}

/** Mounts the notification routes: the inbox, preferences, and the event-type catalogue. */
export function registerNotificationRoutes(app: App, deps: { notifications: NotificationService }) {
  const { notifications } = deps;
  app.addSchema(Notification);
  app.addSchema(Preference);
  app.addSchema(Preferences);
  const tags = ['notifications'];
  const preferences = { 200: Type.Ref('NotificationPreferences'), ...errorResponses };

  app.get('/notifications', {
    schema: {
      tags, summary: 'Your notifications, newest first; filter unread or by event type, page',
      querystring: NotificationQuery, response: { 200: PageOf(Type.Ref('Notification')), ...errorResponses },
    },
  }, async (req) => notifications.list(requireViewer(req), req.query));

  app.get('/notifications/unread-count', {
    schema: { tags, summary: 'How many of your notifications are unread', response: { 200: UnreadCount, ...errorResponses } },
  }, async (req) => notifications.unreadCount(requireViewer(req)));

  app.post('/notifications/:notificationId/read', {
    schema: {
      tags, summary: 'Mark one of your notifications read (again changes nothing)',
      params: NotificationParams, response: { 200: Type.Ref('Notification'), ...errorResponses },
    },
  }, async (req) => notifications.markRead(requireViewer(req), req.params.notificationId));

  app.post('/notifications/read-all', {
    preValidation: emptyBodyIsEmptyObject,
    schema: {
      tags, summary: 'Mark your unread notifications read, optionally only those up to a time',
      body: ReadAllBody, response: { 200: ReadAllResult, ...errorResponses },
    },
  }, async (req) => notifications.markAllRead(requireViewer(req), req.body.before));

  app.get('/notification-preferences', {
    schema: { tags, summary: 'Your channels (inbox, e-mail) for every event type', response: preferences },
  }, async (req) => notifications.getPreferences(requireViewer(req)).then((p) => ({ preferences: p })));

  app.put('/notification-preferences', {
    schema: { tags, summary: 'Change your channels for some event types; the others stay', body: PreferencesBody, response: preferences },
  }, async (req) => notifications.setPreferences(requireViewer(req), req.body.preferences).then((p) => ({ preferences: p })));

  app.get('/event-types', {
    schema: { tags, summary: 'The event types, for webhook endpoints and notification preferences', response: { 200: EventTypes, ...errorResponses } },
  }, async (req) => {
    requireViewer(req);
    return notifications.listEventTypes();
  });
}
