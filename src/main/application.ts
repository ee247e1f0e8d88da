/**
 * The composition root shared by the server, the command line and the tests: builds every
 * context's service over one database and mounts their routes.
 */
import type { Database } from '../db/database.ts';
import { clockAndIds, type ClockAndIds } from './clock.ts';
import type { JobQueue } from '../jobs/job-runner.ts';
import { isConnectionError } from '../db/errors.ts';
import { COMMON_ERRORS } from '../core/common-errors.ts';
import { buildApp, type App } from '../http/app.ts';
import { composeErrorStatuses, type ErrorStatuses } from '../http/error-status.ts';
import type { RateLimitSettings } from '../http/rate-limits.ts';
import { createConcurrencyGate, createRateLimitService } from '../modules/rate-limits/index.ts';
import { createIdentityService, IDENTITY_ERRORS, registerIdentityRoutes } from '../modules/identity/index.ts';
import { CHANNEL_ERRORS, createChannelService, registerChannelRoutes } from '../modules/channel/index.ts';
import { CATALOG_ERRORS, createCatalogService, registerCatalogRoutes } from '../modules/catalog/index.ts';
import { createSubscriptionService, listResoldPartnerIds, registerSubscriptionRoutes, SUBSCRIPTION_ERRORS } from '../modules/subscriptions/index.ts';
import { createInboxService, INBOX_ERRORS, registerInboxRoutes, takesPartInCaseAboutOffer } from '../modules/inbox/index.ts';
import { createRoutingService, registerRoutingRoutes, ROUTING_ERRORS } from '../modules/routing/index.ts';
import { CASE_ERRORS, createCaseService, registerCaseRoutes } from '../modules/cases/index.ts';
import { createHealthService, HEALTH_ERRORS, registerHealthRoutes } from '../modules/health/index.ts';
import { createNotificationService, NOTIFICATION_ERRORS, registerNotificationRoutes } from '../modules/notifications/index.ts';
import { createWebhookService, registerWebhookRoutes, WEBHOOK_ERRORS } from '../modules/webhooks/index.ts';
import { AUDIT_ERRORS, createAuditService, registerAuditRoutes } from '../modules/audit/index.ts';
import { createSlaReportService, createSlaService, registerSlaReportRoutes, registerSlaRoutes, SLA_ERRORS } from '../modules/sla/index.ts';

/**
 * The HTTP status of every error code: the contexts' catalogues composed. Typed over every code
 * of the program (`ErrorStatuses`), so a catalogue left out here does not compile; two statuses
 * for one shared code throw at start.
 */
export const ERROR_STATUSES: ErrorStatuses = composeErrorStatuses([
  COMMON_ERRORS, IDENTITY_ERRORS, CHANNEL_ERRORS, CATALOG_ERRORS, SUBSCRIPTION_ERRORS, INBOX_ERRORS, ROUTING_ERRORS,
  CASE_ERRORS, HEALTH_ERRORS, NOTIFICATION_ERRORS, WEBHOOK_ERRORS, AUDIT_ERRORS, SLA_ERRORS,
]);

/** What the application needs beyond the database (the clock and id source: src/main/clock.ts). */
export interface ApplicationSettings extends ClockAndIds {
  sessionTtlHours: number;
  /** Lifetime of a new API token in days, and the longest one may ask for (default 90). */
  tokenTtlDays?: number;
  cookieSecure: boolean;
  /** The address users reach Switchboard at (config.publicUrl); cookie-authenticated changes must come from its origin. */
  publicUrl: string;
  logLevel: string;
  /** Request limits counted in the database across processes (default: none, as in tests). */
  rateLimits?: RateLimitSettings;
  /** Password checks run at once per process and how many sign-ins may wait (default: no bound). */
  signInHashes?: { concurrency: number; queueSize: number };
  /** Whether webhook endpoints may name private, loopback and link-local addresses (default false). */
  webhookAllowPrivateAddresses?: boolean;
  /** Share of an SLA target left when its warning is due (config SLA_WARNING_SHARE; default 0.25). */
  slaWarningShare?: number;
  /** The built web console served at `/` (config CONSOLE_DIR); absent: the API alone (tests). */
  consoleDir?: string;
}

/** Every service, wired. */
export function createServices(db: Database, settings: Pick<ApplicationSettings, 'sessionTtlHours' | 'tokenTtlDays' | 'webhookAllowPrivateAddresses' | 'signInHashes' | 'clock' | 'newId' | 'slaWarningShare'>, jobs: JobQueue) {
  const time = clockAndIds(settings);
  const hashes = settings.signInHashes;
  const passwordChecks = createConcurrencyGate({ slots: hashes?.concurrency ?? 0, queueSize: hashes?.queueSize ?? 0, maxWaitMs: 2_000 });
  const identity = createIdentityService({ db, ...time, sessionTtlHours: settings.sessionTtlHours, tokenTtlDays: settings.tokenTtlDays ?? 90, passwordChecks });
  const channel = createChannelService({ db, ...time });
  const catalog = createCatalogService({ db, ...time, listResoldPartnerIds, takesPartInCaseAboutOffer });
  const subscriptions = createSubscriptionService({ db, ...time });
  // The inbox writes nothing and reads no clock; the audit log is stamped by the database (when it committed).
  const inbox = createInboxService({ db });
  const routing = createRoutingService({ db, now: time.now });
  const cases = createCaseService({ db, ...time, ...(settings.slaWarningShare !== undefined ? { slaWarningShare: settings.slaWarningShare } : {}) });
  const health = createHealthService({ db, ...time });
  const notifications = createNotificationService({ db, now: time.now });
  const webhooks = createWebhookService({ db, ...time, jobs, allowPrivateAddresses: settings.webhookAllowPrivateAddresses ?? false });
  const audit = createAuditService({ db });
  const sla = createSlaService({ db, now: time.now });
  const slaReports = createSlaReportService({ db, now: time.now });
  return { identity, channel, catalog, subscriptions, inbox, routing, cases, notifications, health, webhooks, audit, sla, slaReports };
}
export type Services = ReturnType<typeof createServices>;

/** The HTTP application over a database. */
export async function createHttpApplication(db: Database, settings: ApplicationSettings, jobs: JobQueue): Promise<{ app: App; services: Services }> {
  const services = createServices(db, settings, jobs);
  const app = await buildApp({
    authenticate: (c) => services.identity.authenticate(c),
    ping: () => db.ping(),
    isUnavailable: isConnectionError,
    publicUrl: settings.publicUrl,
    cookieSecure: settings.cookieSecure,
    logLevel: settings.logLevel,
    errorStatuses: ERROR_STATUSES,
    consoleDir: settings.consoleDir,
    rateLimits: settings.rateLimits && { settings: settings.rateLimits, store: createRateLimitService({ db, onError: (e) => app.log.warn({ err: e }, 'rate-limit store failed; counting in memory') }) },
    routes: [
      (a) => registerIdentityRoutes(a, { identity: services.identity, cookieSecure: settings.cookieSecure }),
      (a) => registerChannelRoutes(a, { channel: services.channel }),
      (a) => registerCatalogRoutes(a, { catalog: services.catalog }),
      (a) => registerSubscriptionRoutes(a, { subscriptions: services.subscriptions }),
      (a) => registerInboxRoutes(a, { inbox: services.inbox }),
      (a) => registerRoutingRoutes(a, { routing: services.routing }),
      (a) => registerCaseRoutes(a, { cases: services.cases }),
      (a) => registerHealthRoutes(a, { health: services.health }),
      (a) => registerNotificationRoutes(a, { notifications: services.notifications }),
      (a) => registerWebhookRoutes(a, { webhooks: services.webhooks }),
      (a) => registerAuditRoutes(a, { audit: services.audit }),
      (a) => registerSlaRoutes(a, { sla: services.sla }),
      (a) => registerSlaReportRoutes(a, { reports: services.slaReports }),
    ],
  });
  return { app, services };
}
