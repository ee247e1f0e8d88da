/**
 * Where a person opens what a notification is about: the console page of its subject.
 *
 * Terminology:
 * - API link: a notification's `link`, the API path of its subject (`/api/v1/cases/cas_1`), as
 *   written when the event happened and documented for integrators.
 * - console page: the path of the web console's page of the same subject (`/cases/cas_1`); the
 *   console's URL map is fixed (web/src routes). E-mails and the inbox link people there, never to
 *   raw JSON.
 */

/** The console's page of each kind of subject, keyed by the API collection that names it. */
const PAGES_BY_COLLECTION: ReadonlyMap<string, string> = new Map([
  ['cases', '/cases/'],
  ['incidents', '/incidents/'],
  ['subscriptions', '/subscriptions/'],
]);

/** The console page of the inbox: where a notification whose subject has no page of its own is read. */
export const NOTIFICATIONS_PAGE = '/notifications';

/** The console page where a user chooses which notifications reach them and how (and their language). */
export const SETTINGS_PAGE = '/settings';

// An API link the console has a page for: one collection and one id of plain characters.
const API_LINK = /^\/api\/v1\/([a-z-]+)\/([A-Za-z0-9_-]+)$/;

/**
 * The console page of an API link: `/api/v1/cases/:id` → `/cases/:id`, incidents → `/incidents/:id`,
 * subscriptions → `/subscriptions/:id`; any other link (a subject without a page, or not a link
 * this server writes) → the notifications page, so a link never leads nowhere.
 */
export function consolePageOf(apiLink: string): string {
  const match = API_LINK.exec(apiLink);
  const page = match ? PAGES_BY_COLLECTION.get(match[1]!) : undefined;
  return page === undefined ? NOTIFICATIONS_PAGE : `${page}${match![2]}`;
}
