/**
 * The worker's webhook deliveries: a batch of 'webhooks.deliver' jobs (the fan-out or a replay
 * wrote each delivery and its job in one transaction) is loaded in one owner transaction, sent
 * concurrently outside any transaction, and its outcome written in one more — attempts, deliveries,
 * endpoints and retry jobs together, so a crash leaves either all of it or none (and then the job
 * runs again: at least once).
 *
 * Terminology (see also core/webhook-rules.ts):
 * - stale duplicate: a job whose delivery is finished or not yet due (its retry is another job);
 *   it does nothing.
 * - webhook-id: the event's id, the same on every attempt and replay, so that receivers dedupe.
 */
import { Webhook } from 'standardwebhooks';
import { webhookPayload } from '../../core/events.ts';
import {
  decideAfterAttempt, isFailingTooLong, nextFailingSince, signingSecrets, type AttemptOutcome, type DeliveryDecision,
} from '../../core/webhook-rules.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import type { JobQueue, NewJob, RunningJob } from '../../jobs/job-runner.ts';
import { recordSystemAudit } from '../audit/index.ts';
import * as repo from './webhooks.deliverer.repository.ts';
import { createWebhookSender, type SendOutcome } from './webhooks.sender.ts';

/** The User-Agent of every webhook request. */
const WEBHOOK_USER_AGENT = 'Switchboard-Webhooks/1';

/** What the deliverer needs; `now`, `newId` and `random` are there for tests (a day of failures, jitter). */
export interface WebhookDelivererDeps {
  db: Database;
  jobs: JobQueue;
  /** How long a receiver may take to answer, in milliseconds. */
  timeoutMs: number;
  /** Whether private, loopback and link-local addresses may be reached (development, tests). */
  allowPrivateAddresses: boolean;
  now?: () => Date;
  newId?: NewId;
  random?: () => number;
}

/** One attempt made: the delivery, when, what came of it, and the decision. */
interface Attempted {
  delivery: repo.DueDelivery;
  startedAt: Date;
  finishedAt: Date;
  outcome: SendOutcome;
  decision: DeliveryDecision;
}

/** The headers of a webhook request per the Standard Webhooks specification, signed with every secret given. */
function signedHeaders(eventId: string, body: string, secrets: readonly string[], at: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(eventId, at, body)).join(' '),
  };
}

/** Makes the handler of the 'webhooks.deliver' queue. */
export function createWebhookDeliverer(deps: WebhookDelivererDeps) {
  const { db, jobs } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;
  const random = deps.random ?? Math.random;
  const sender = createWebhookSender({ timeoutMs: deps.timeoutMs, allowPrivateAddresses: deps.allowPrivateAddresses });

  async function attempt(delivery: repo.DueDelivery): Promise<Attempted> {
    const startedAt = now();
    let outcome: SendOutcome;
    try {
      const body = JSON.stringify(webhookPayload({ id: delivery.eventId, type: delivery.eventType, occurredAt: delivery.occurredAt, data: delivery.data }));
      const headers = signedHeaders(delivery.eventId, body, signingSecrets(delivery, startedAt), startedAt);
      outcome = await sender.send(delivery.url, body, headers);
    } catch {
      // Only signing can throw (a secret that is not base64); the request itself never does.
      outcome = { statusCode: null, error: 'the endpoint\'s secret can\'t sign: rotate it', excerpt: null, retryAfter: null, durationMs: 0 };
    }
    const finishedAt = now();
    const decision = decideAfterAttempt({
      attempt: delivery.attemptCount + 1, statusCode: outcome.statusCode, retryAfter: outcome.retryAfter, now: finishedAt, random: random(),
    });
    return { delivery, startedAt, finishedAt, outcome, decision };
  }

  /** Writes a batch's outcome: attempts, deliveries, endpoints (failing runs, disabling), retry jobs. */
  async function record(tx: Tx, attempted: readonly Attempted[]): Promise<void> {
    const at = now();
    // Endpoints first (in id order): concurrent batches to one endpoint take turns, and its removal
    // either happened before (its deliveries are gone) or waits for this.
    const endpoints = new Map((await repo.lockEndpoints(tx, [...new Set(attempted.map((a) => a.delivery.endpointId))])).map((e) => [e.id, e]));
    await repo.insertAttempts(tx, attempted.map((a) => ({
      id: newId('webhookAttempt', a.startedAt.getTime()), deliveryId: a.delivery.id, orgId: a.delivery.orgId,
      attempt: a.delivery.attemptCount + 1, startedAt: a.startedAt, durationMs: a.outcome.durationMs,
      statusCode: a.outcome.statusCode, error: a.outcome.error, responseExcerpt: a.outcome.excerpt,
    })));

    const applied = await repo.applyDeliveryUpdates(tx, attempted.map((a) => {
      const d = a.decision;
      const status = d.kind === 'succeeded' ? 'succeeded' : d.kind === 'retry' ? 'pending' : d.kind === 'gone' ? 'cancelled' : 'failed';
      return {
        id: a.delivery.id, expectedAttemptCount: a.delivery.attemptCount, status,
        nextAttemptAt: d.kind === 'retry' ? d.at : null, attemptedAt: a.startedAt,
        statusCode: a.outcome.statusCode, error: a.outcome.error, finishedAt: status === 'pending' ? null : a.finishedAt,
      };
    }));
    // A duplicate job that ran the same delivery at the same time recorded its attempt only.
    const counted = attempted.filter((a) => applied.has(a.delivery.id));

    const byEndpoint = new Map<string, Attempted[]>();
    for (const a of counted) byEndpoint.set(a.delivery.endpointId, [...(byEndpoint.get(a.delivery.endpointId) ?? []), a]);
    const endpointUpdates: repo.EndpointUpdate[] = [];
    const disabled: string[] = [];
    for (const [endpointId, list] of byEndpoint) {
      const state = endpoints.get(endpointId);
      if (!state) continue;
      const outcomes: AttemptOutcome[] = list.map((a) => ({ succeeded: a.decision.kind === 'succeeded', at: a.startedAt }));
      const failingSince = nextFailingSince(state.failingSince, outcomes);
      const enabled = state.status === 'enabled';
      const disable = !enabled ? null
        : list.some((a) => a.decision.kind === 'gone') ? 'gone' as const
          : isFailingTooLong(failingSince, at) ? 'failing' as const : null;
      if (disable) disabled.push(endpointId);
      if (disable || failingSince?.getTime() !== state.failingSince?.getTime()) endpointUpdates.push({ id: endpointId, failingSince, disable });
    }
    await repo.applyEndpointUpdates(tx, endpointUpdates, at);
    await repo.cancelPendingOfEndpoints(tx, disabled, at);
    // The system disabled these endpoints: an entry in each organization's audit log.
    for (const u of endpointUpdates) {
      const orgId = byEndpoint.get(u.id)?.[0]?.delivery.orgId;
      if (!u.disable || !orgId) continue;
      await recordSystemAudit(tx, orgId, [{
        action: 'webhook_endpoint.disabled', subjectType: 'webhook_endpoint', subjectId: u.id,
        changes: { status: { before: 'enabled', after: 'disabled' }, disabledReason: { before: null, after: u.disable } },
      }]);
    }

    const retries: NewJob<'webhooks.deliver'>[] = counted.flatMap((a) => (a.decision.kind === 'retry' && !disabled.includes(a.delivery.endpointId)
      ? [{ name: 'webhooks.deliver' as const, data: { deliveryId: a.delivery.id }, startAfter: a.decision.at }] : []));
    await jobs.enqueue(tx, retries);
  }

  return {
    /**
     * Delivers a batch: every due delivery concurrently, one attempt each. A receiver's failure is
     * an outcome, never a throw (a throw would fail the whole batch and send the others again);
     * only the database failing throws.
     */
    async handle(batch: RunningJob<'webhooks.deliver'>[]): Promise<void> {
      const ids = [...new Set(batch.map((j) => j.data.deliveryId))];
      const due = await db.withOwner(async (tx) => {
        const loaded = await repo.loadDueDeliveries(tx, ids);
        const toCancel = loaded.filter((d) => d.endpointStatus !== 'enabled');
        await repo.cancelDeliveries(tx, toCancel.map((d) => d.id), now());
        return loaded.filter((d) => d.endpointStatus === 'enabled');
      });
      if (due.length === 0) return;
      const attempted = await Promise.all(due.map(attempt));
      await db.withOwner((tx) => record(tx, attempted));
    },
    /** Ends the kept-alive connections (when the worker stops). */
    close(): void {
      sender.close();
    },
  };
}

/** The webhook deliverer of a worker. */
export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;
