/**
 * The fan-out: the job that turns one recorded event into everything that delivers it. A case or
 * subscription event names its organizations; an incident's are found batch by batch from the
 * active subscriptions of its offers (5,000 subscriptions a batch, each batch its own transaction
 * with its progress saved), so an incident on an offer with 100,000 subscriptions is one job that
 * resumes where it stopped if its worker dies.
 */
import { defaultChannels, describeEvent, type DomainEvent, type EventSubjectType } from '../../core/events.ts';
import type { Permission } from '../../core/permissions.ts';
import { rolesGranting } from '../../core/permissions.ts';
import type { Database, Tx } from '../../db/database.ts';
import type { JobQueue, RunningJob } from '../../jobs/job-runner.ts';
import { lockEventForFanout, saveFanoutProgress } from '../events/index.ts';
import { incidentRecipientBatch } from '../health/index.ts';
import * as repo from './notifications.fanout.repository.ts';

/** Subscriptions read per batch of an incident's fan-out. */
export const INCIDENT_BATCH = 5_000;

/** Who may read each kind of subject: a user needs one of these roles to hear of it. */
const READ_PERMISSION: Record<EventSubjectType, Permission> = {
  case: 'cases.read',
  incident: 'incidents.read',
  subscription: 'subscriptions.read',
};

/** What the fan-out needs. */
export interface FanoutDeps {
  db: Database;
  jobs: JobQueue & { wake(name: 'emails.send' | 'webhooks.deliver'): void };
  /** Whether e-mail is configured; without it no e-mail rows are written. */
  emailEnabled: boolean;
  now?: () => Date;
}

/** Makes the fan-out handler of the 'events.fanout' queue. */
export function createEventFanout(deps: FanoutDeps) {
  const now = deps.now ?? (() => new Date());

  /** Writes one batch of recipients; answers what it queued. */
  async function writeBatch(tx: Tx, event: DomainEvent, orgIds: string[]): Promise<{ emails: number; deliveries: number }> {
    if (orgIds.length === 0) return { emails: 0, deliveries: 0 };
    const batch: repo.FanoutBatch = {
      eventId: event.id, eventType: event.type, occurredAt: event.occurredAt, actorUserId: event.actorUserId, orgIds,
      roles: rolesGranting(READ_PERMISSION[event.subjectType]),
      texts: { en: describeEvent(event, 'en'), ko: describeEvent(event, 'ko') },
      defaults: defaultChannels(event.type),
    };
    await repo.insertRecipients(tx, batch);
    await repo.insertNotifications(tx, batch);
    const emails = deps.emailEnabled ? await repo.insertEmails(tx, batch) : [];
    const deliveries = await repo.insertWebhookDeliveries(tx, batch);
    await deps.jobs.enqueue(tx, [
      ...emails.map((emailId) => ({ name: 'emails.send' as const, data: { emailId } })),
      ...deliveries.map((deliveryId) => ({ name: 'webhooks.deliver' as const, data: { deliveryId } })),
    ]);
    return { emails: emails.length, deliveries: deliveries.length };
  }

  /**
   * Fans one event out. Each batch locks the event, so two workers handed the same event (a job
   * retried while its first worker still ran) take turns and the second finds it done.
   */
  async function fanOut(eventId: string): Promise<void> {
    let queued = { emails: 0, deliveries: 0 };
    // Bounded: 100,000 subscriptions are 20 batches; a million 200.
    for (let round = 0; round < 10_000; round++) {
      const done = await deps.db.withOwner(async (tx) => {
        const event = await lockEventForFanout(tx, eventId);
        if (!event || event.fannedOutAt) return true;
        let orgIds: string[];
        let cursor: string | null = null;
        let finished = true;
        if (event.audienceOrgIds !== null) {
          orgIds = event.audienceOrgIds;
        } else if (event.subjectType === 'incident') {
          const b = await incidentRecipientBatch(tx, event.subjectId, event.fanoutCursor, INCIDENT_BATCH);
          orgIds = b.orgIds;
          cursor = b.lastSubscriptionId;
          finished = b.lastSubscriptionId === null;
        } else {
          orgIds = [];
        }
        const q = await writeBatch(tx, event, orgIds);
        queued = { emails: queued.emails + q.emails, deliveries: queued.deliveries + q.deliveries };
        await saveFanoutProgress(tx, eventId, finished ? { cursor: event.fanoutCursor, finishedAt: now() } : { cursor, finishedAt: null });
        return finished;
      });
      // Senders start on a batch's deliveries while the next batch is written.
      if (queued.deliveries > 0) deps.jobs.wake('webhooks.deliver');
      if (queued.emails > 0) deps.jobs.wake('emails.send');
      if (done) return;
    }
    throw new Error(`The fan-out of ${eventId} did not finish within its bound of batches.`);
  }

  return {
    fanOut,
    /** The queue handler: one event per job. */
    async handle(jobs: RunningJob<'events.fanout'>[]): Promise<void> {
      for (const job of jobs) await fanOut(job.data.eventId);
    },
  };
}
