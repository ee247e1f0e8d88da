/**
 * Use cases of a user's notifications: the in-app inbox (read, count, mark read) and the choice of
 * channels per event type. Every signed-in user has an inbox and preferences of their own and sees
 * no one else's, a colleague's included — so no permission is checked beyond being signed in, and
 * someone else's notification answers exactly like a missing one. The fan-out (notifications.fanout.ts)
 * writes the notifications; the e-mail sender (notifications.email.ts) sends the e-mails.
 *
 * Terminology:
 * - notification: one event in one user's inbox, written in their language when it happened.
 * - channel: the in-app inbox or e-mail (core/events.ts); a preference chooses both per event type.
 * - default: the channels of an event type for a user with no preference of their own.
 */
import { AppError } from '../../core/app-error.ts';
import { consolePageOf } from '../../core/console-links.ts';
import { validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import { defaultChannels, EVENT_TYPE_LIST, EVENT_TYPES, isEventType, type EventType } from '../../core/events.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Database } from '../../db/database.ts';
import type { NotificationErrorCode } from './notifications.errors.ts';
import * as repo from './notifications.repository.ts';

/** A notification as its user sees it. */
export interface PresentedNotification {
  id: string;
  eventType: EventType;
  title: string;
  body: string;
  /** The API path of what it is about. */
  link: string;
  /** The console page of what it is about (`consolePageOf` the link). */
  consoleLink: string;
  createdAt: string;
  readAt: string | null;
  eventId: string;
}

/** The filters and page of the inbox, as the route receives them. */
export interface NotificationQuery {
  unread?: boolean;
  eventType?: EventType;
  cursor?: string;
  limit: number;
}

/** One event type's channels for the viewer. */
export interface PresentedPreference {
  eventType: EventType;
  description: string;
  inApp: boolean;
  email: boolean;
  /** Whether these are the event type's defaults (the viewer chose nothing else). */
  isDefault: boolean;
}

/** A change of one event type's channels. */
export interface PreferenceChange {
  eventType: EventType;
  inApp: boolean;
  email: boolean;
}

/** An event type of the catalogue. */
export interface PresentedEventType {
  type: EventType;
  description: string;
}

// The creation key of a cursor: UTC with microseconds, as the repository writes it.
const CREATED_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function afterKey(cursor: string | undefined): repo.NotificationFilter['after'] {
  const key = readCursor(cursor, ['timestamp', 'string']);
  if (key === undefined) return undefined;
  const [createdKey, id] = key;
  if (!CREATED_KEY.test(createdKey)) throw new AppError<CommonErrorCode>('INVALID_CURSOR', 'The cursor is not one this server made.');
  return { createdKey, id };
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function presentNotification(r: repo.NotificationRecord): PresentedNotification {
  return {
    id: r.id, eventType: r.event_type as EventType, title: r.title, body: r.body, link: r.link, consoleLink: consolePageOf(r.link),
    createdAt: iso(r.created_at), readAt: r.read_at === null ? null : iso(r.read_at), eventId: r.event_id,
  };
}

function notFound(): AppError<NotificationErrorCode> {
  return new AppError('NOTIFICATION_NOT_FOUND', 'No such notification.');
}

/** Builds the notification use cases over a database. */
export function createNotificationService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function readPreferences(viewer: Viewer): Promise<PresentedPreference[]> {
    const stored = await db.withTenant(viewer, (tx) => repo.listPreferences(tx, viewer));
    const byType = new Map(stored.map((p) => [p.event_type, p]));
    return EVENT_TYPE_LIST.map((type) => {
      const own = byType.get(type);
      const channels = own ? { inApp: own.in_app, email: own.email } : defaultChannels(type);
      const defaults = defaultChannels(type);
      return {
        eventType: type, description: EVENT_TYPES[type], ...channels,
        isDefault: channels.inApp === defaults.inApp && channels.email === defaults.email,
      };
    });
  }

  return {
    /** A page of the viewer's own notifications, newest first. */
    async list(viewer: Viewer, q: NotificationQuery): Promise<Page<PresentedNotification>> {
      const filter: repo.NotificationFilter = { unread: q.unread, eventType: q.eventType, after: afterKey(q.cursor), limit: q.limit };
      const rows = await db.withTenant(viewer, (tx) => repo.listNotifications(tx, viewer, filter));
      return toPage(rows, q.limit, (r) => [r.created_key, r.id], presentNotification);
    },

    /** How many of the viewer's notifications are unread. */
    async unreadCount(viewer: Viewer): Promise<{ count: number }> {
      return { count: await db.withTenant(viewer, (tx) => repo.countUnread(tx, viewer)) };
    },

    /** Marks one of the viewer's notifications read; marking it again changes nothing. */
    async markRead(viewer: Viewer, notificationId: string): Promise<PresentedNotification> {
      const row = await db.withTenant(viewer, (tx) => repo.markRead(tx, viewer, notificationId, now()));
      if (!row) throw notFound();
      return presentNotification(row);
    },

    /**
     * Marks the viewer's unread notifications read — only those created up to `before` when
     * given, so a client marks what it showed and not what arrived since.
     */
    async markAllRead(viewer: Viewer, before?: string): Promise<{ updated: number }> {
      const cutoff = before === undefined ? undefined : new Date(before);
      if (cutoff && Number.isNaN(cutoff.getTime())) throw validationFailed('before', 'is not a date and time');
      return { updated: await db.withTenant(viewer, (tx) => repo.markAllRead(tx, viewer, cutoff, now())) };
    },

    /** The viewer's channels for every event type: their own choice, or the default. */
    getPreferences: readPreferences,

    /**
     * Sets the viewer's channels for the event types named; the others stay as they were. A
     * choice equal to the default is stored as no choice, so a later change of the default
     * reaches it.
     */
    async setPreferences(viewer: Viewer, changes: readonly PreferenceChange[]): Promise<PresentedPreference[]> {
      const seen = new Set<string>();
      for (const [i, c] of changes.entries()) {
        if (!isEventType(c.eventType)) throw validationFailed(`preferences.${i}.eventType`, 'is not an event type');
        if (seen.has(c.eventType)) throw validationFailed(`preferences.${i}.eventType`, 'is named twice');
        seen.add(c.eventType);
      }
      const isDefault = (c: PreferenceChange) => {
        const d = defaultChannels(c.eventType);
        return d.inApp === c.inApp && d.email === c.email;
      };
      await db.withTenant(viewer, async (tx) => {
        await repo.deletePreferences(tx, viewer, changes.filter(isDefault).map((c) => c.eventType));
        await repo.upsertPreferences(tx, viewer, changes.filter((c) => !isDefault(c)), now());
      });
      return readPreferences(viewer);
    },

    /** The catalogue of event types, for webhook and preference screens. */
    listEventTypes(): PresentedEventType[] {
      return EVENT_TYPE_LIST.map((type) => ({ type, description: EVENT_TYPES[type] }));
    },
  };
}

/** The notification use cases, as the routes and the composition root receive them. */
export type NotificationService = ReturnType<typeof createNotificationService>;
