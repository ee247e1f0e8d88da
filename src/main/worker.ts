/**
 * The worker's composition root: one job runner over the database, with each context's handler
 * registered — the fan-out of events, e-mail, webhook deliveries, the SLA scan (on its schedule
 * where `runSchedules`). The server runs it in process
 * (unless RUN_WORKER=false); `switchboard worker` runs it alone; several share one PostgreSQL.
 */
import type { Database } from '../db/database.ts';
import { createJobRunner, type JobRunner } from '../jobs/job-runner.ts';
import { clockAndIds, type ClockAndIds } from './clock.ts';
import { createEmailSender, createEventFanout } from '../modules/notifications/index.ts';
import { createWebhookDeliverer } from '../modules/webhooks/index.ts';
import { createSlaScan } from '../modules/sla/index.ts';
import { DEFAULT_WARNING_SHARE } from '../core/sla-notices.ts';

/** What the worker needs beyond the database; the clock and id source as the application's (`ClockAndIds`). */
export interface WorkerSettings extends ClockAndIds {
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  webhookTimeoutMs: number;
  webhookAllowPrivateAddresses: boolean;
  /** Defaults suit production; tests shorten them. */
  relayIntervalMs?: number;
  maintenanceIntervalSeconds?: number;
  deliveryExpireSeconds?: number;
  pollingIntervalSeconds?: number;
  /** Share of an SLA target left when its warning is due (default 0.25). */
  slaWarningShare?: number;
  /** Minutes between runs of the SLA scan's schedule (default 1). */
  slaScanIntervalMinutes?: number;
  /** Whether this worker keeps the schedules (the SLA scan) once it works: the CLI's workers do; tests run the scan themselves. */
  runSchedules?: boolean;
  onError: (err: Error) => void;
}

/** The cron of a scan every `minutes` minutes (UTC). */
export function everyMinutes(minutes: number): string {
  return minutes <= 1 ? '* * * * *' : minutes >= 60 ? '0 * * * *' : `*/${minutes} * * * *`;
}

/** A runner with every handler registered; `start({ work: true })` makes it a worker. */
export function createWorker(db: Database, settings: WorkerSettings): JobRunner {
  const time = clockAndIds(settings);
  const runner = createJobRunner(db, {
    now: time.now,
    relayIntervalMs: settings.relayIntervalMs ?? 250,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds ?? 30,
    deliveryExpireSeconds: settings.deliveryExpireSeconds ?? Math.max(60, Math.ceil((settings.webhookTimeoutMs * 3) / 1000)),
    pollingIntervalSeconds: settings.pollingIntervalSeconds ?? 1,
    onError: settings.onError,
    ...(settings.runSchedules ? { schedules: { 'sla-scan': everyMinutes(settings.slaScanIntervalMinutes ?? 1) } } : {}),
  });
  const fanout = createEventFanout({ db, now: time.now, jobs: runner, emailEnabled: settings.smtpUrl !== null });
  runner.handle('events.fanout', (jobs) => fanout.handle(jobs));
  if (settings.smtpUrl) {
    const email = createEmailSender({ db, now: time.now, jobs: runner, smtpUrl: settings.smtpUrl, mailFrom: settings.mailFrom, publicUrl: settings.publicUrl });
    runner.handle('emails.send', (jobs) => email.handle(jobs));
    runner.onStop(() => email.close());
  }
  const webhooks = createWebhookDeliverer({
    db, ...time, jobs: runner, timeoutMs: settings.webhookTimeoutMs, allowPrivateAddresses: settings.webhookAllowPrivateAddresses,
  });
  runner.handle('webhooks.deliver', (jobs) => webhooks.handle(jobs));
  runner.onStop(() => webhooks.close());
  const scan = createSlaScan({ db, ...time, warningShare: settings.slaWarningShare ?? DEFAULT_WARNING_SHARE });
  runner.handle('sla-scan', async () => {
    await scan.run();
  });
  return runner;
}
