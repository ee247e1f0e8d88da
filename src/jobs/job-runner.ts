/**
 * The job runner: pg-boss 10 over the process's one pool, on PGlite and on PostgreSQL, and the
 * outbox relay that hands recorded events to it.
 *
 * Terminology:
 * - queue: a named kind of job (`events.fanout`, `emails.send`, `webhooks.deliver`).
 * - handler: what a context does with a batch of jobs of one queue; it must be idempotent, because
 *   a job whose worker died is run again once it expires (at least once, never lost).
 * - relay: the loop that claims events not yet dispatched (`FOR UPDATE SKIP LOCKED`, so several
 *   workers never claim one twice) and queues their fan-out in the same transaction.
 * - schedule: a pg-boss cron schedule that queues a job of a queue (`sla-scan` every minute); kept
 *   by a runner built with `schedules` once it works. pg-boss's timekeeper queues each due run
 *   once however many workers keep the schedule (a singleton per minute).
 *
 * pg-boss keeps its own tables in the schema `pgboss`, made and migrated by pg-boss as the owner:
 * pooled connections act as `switchboard_app`, so every statement of pg-boss switches back to the
 * owner for its duration (see `Database.jobStore`).
 */
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database, Tx } from '../db/database.ts';
import { claimUndispatched, markDispatched } from '../modules/events/index.ts';

/** The queues and the data their jobs carry. */
export interface QueueData {
  'events.fanout': { eventId: string };
  'emails.send': { emailId: string };
  'webhooks.deliver': { deliveryId: string };
  /** A run of the SLA scan (no data). */
  'sla-scan': Record<string, never>;
}
export type QueueName = keyof QueueData;

/** A job to queue. */
export interface NewJob<Q extends QueueName = QueueName> {
  name: Q;
  data: QueueData[Q];
  /** Not before this time (a retry's backoff). */
  startAfter?: Date;
}

/** One job handed to a handler. */
export interface RunningJob<Q extends QueueName> {
  id: string;
  data: QueueData[Q];
}

/** Handles a batch of jobs; a job whose promise rejects is retried by pg-boss. */
export type JobHandler<Q extends QueueName> = (jobs: RunningJob<Q>[]) => Promise<void>;

/** How each queue runs: batch size, parallel fetch loops, expiry (a dead worker's job runs again after it), retries. */
interface QueuePolicy {
  batchSize: number;
  loops: number;
  expireInSeconds: number;
  retryLimit: number;
  retryDelay: number;
}

/** Settings of the runner. */
export interface JobRunnerSettings {
  /** How often an idle relay looks for new events, in milliseconds. */
  relayIntervalMs: number;
  /** How often pg-boss supervises (expires jobs of dead workers, archives), in seconds. */
  maintenanceIntervalSeconds: number;
  /** How long a webhook delivery job may run before another worker takes it over, in seconds. */
  deliveryExpireSeconds: number;
  /** pg-boss's polling interval for each queue, in seconds (at least 0.5). */
  pollingIntervalSeconds: number;
  onError: (err: Error) => void;
  /** The clock the relay stamps dispatched events with (default: the system's). pg-boss schedules by the database's. */
  now?: () => Date;
  /** Cron schedules (UTC) this runner keeps once it works, per queue; none: its process runs no timekeeper. */
  schedules?: Partial<Record<QueueName, string>>;
}

/** Queues jobs; the only way other code touches pg-boss. */
export interface JobQueue {
  /** Queues jobs in the caller's transaction, which must be an owner transaction (the worker's). */
  enqueue(tx: Tx, jobs: NewJob[]): Promise<void>;
}

/** The runner: queue jobs, register handlers, start and stop working. */
export interface JobRunner extends JobQueue {
  /** Registers what to release after the runner stops (an SMTP connection pool). */
  onStop(fn: () => void | Promise<void>): void;
  /** Registers what to do with a queue's jobs; call before `start`. */
  handle<Q extends QueueName>(name: Q, handler: JobHandler<Q>): void;
  /** Creates pg-boss's schema if needed, its queues, and — when `work` is true — starts the relay and the handlers. */
  start(options: { work: boolean }): Promise<void>;
  /** Stops fetching and waits for jobs in hand (up to `timeoutMs`), then stops the relay. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
  /** Relays undispatched events once; answers how many it handed over. */
  relayOnce(): Promise<number>;
  /** Wakes this process's fetch loops of a queue (after queuing work for it). */
  wake(name: QueueName): void;
  /**
   * Relays and runs every job that is due, in this process, until none is left (at most
   * `maxRounds` rounds): demo data and tests use it to see the outcome of their changes at once.
   */
  drain(options?: { maxRounds?: number }): Promise<number>;
}

const RELAY_BATCH = 200;

/** Makes the runner over a database. */
export function createJobRunner(db: Database, settings: JobRunnerSettings): JobRunner {
  const policies: Record<QueueName, QueuePolicy> = {
    // One event at a time: the fan-out of an incident writes in batches inside its own job.
    'events.fanout': { batchSize: 1, loops: 1, expireInSeconds: 15 * 60, retryLimit: 20, retryDelay: 5 },
    'emails.send': { batchSize: 20, loops: 1, expireInSeconds: 5 * 60, retryLimit: 10, retryDelay: 30 },
    // Delivery retries are the webhook context's own (backoff, Retry-After); pg-boss retries only
    // a job whose worker died or whose handler failed unexpectedly.
    'webhooks.deliver': { batchSize: 100, loops: 4, expireInSeconds: settings.deliveryExpireSeconds, retryLimit: 50, retryDelay: 5 },
    // A failed scan is not retried: the next scheduled run looks again.
    'sla-scan': { batchSize: 1, loops: 1, expireInSeconds: 5 * 60, retryLimit: 0, retryDelay: 0 },
  };
  const schedules = Object.entries(settings.schedules ?? {}) as [QueueName, string][];
  const handlers = new Map<QueueName, JobHandler<QueueName>>();
  const closers: (() => void | Promise<void>)[] = [];
  const workerIds = new Map<QueueName, string[]>();
  // pg-boss 10 completes and fails a worker's jobs without awaiting it (manager.js `onFetch`), so
  // such a statement can still be running when `stop` resolves — and reject once the pool is
  // closed, as an unhandled rejection. Every statement pg-boss sends is tracked here: `stop` waits
  // for the ones in flight, and a rejection nobody awaits is handled (the job then stays active
  // and expires into a retry; handlers are idempotent). Callers that await still get the error.
  const inFlight = new Set<Promise<unknown>>();
  const jobStore: PgBoss.Db = {
    executeSql(text: string, values: unknown[]) {
      const p = db.jobStore.executeSql(text, values);
      inFlight.add(p);
      p.then(() => inFlight.delete(p), () => inFlight.delete(p));
      return p;
    },
  };
  const boss = new PgBoss({
    db: jobStore,
    schema: 'pgboss',
    supervise: true,
    schedule: schedules.length > 0,
    migrate: true,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 7,
  });
  boss.on('error', (err: Error) => settings.onError(err));

  let relayTimer: NodeJS.Timeout | null = null;
  let relaying: Promise<unknown> = Promise.resolve();
  let stopped = true;

  function txStore(tx: Tx): PgBoss.Db {
    return {
      executeSql: async (text: string, values: unknown[]) => {
        const r = await tx.executeQuery(CompiledQuery.raw(text, values ?? []));
        return { rows: r.rows as unknown[] };
      },
    };
  }

  // pg-boss's schema and the queues are made on first use, so a process that never queues pays nothing.
  let ready: Promise<void> | null = null;
  function ensureReady(): Promise<void> {
    ready ??= (async () => {
      await boss.start();
      for (const name of Object.keys(policies) as QueueName[]) {
        const p = policies[name];
        if (!(await boss.getQueue(name))) {
          await boss.createQueue(name, { name, retryLimit: p.retryLimit, retryDelay: p.retryDelay, retryBackoff: true, expireInSeconds: p.expireInSeconds });
        }
      }
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    return ready;
  }

  async function enqueue(tx: Tx, jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await ensureReady();
    const rows: PgBoss.JobInsert[] = jobs.map((j) => {
      const p = policies[j.name];
      return {
        name: j.name, data: j.data, expireInSeconds: p.expireInSeconds, retryLimit: p.retryLimit,
        retryDelay: p.retryDelay, retryBackoff: true, ...(j.startAfter ? { startAfter: j.startAfter } : {}),
      };
    });
    // pg-boss inserts from one JSON document; keep each statement to a bounded size.
    for (let i = 0; i < rows.length; i += 5_000) await boss.insert(rows.slice(i, i + 5_000), { db: txStore(tx) });
  }

  async function relayOnce(): Promise<number> {
    let total = 0;
    // Bounded: at most 50 full batches per call, then the timer comes back.
    for (let round = 0; round < 50; round++) {
      const n = await db.withOwner(async (tx) => {
        const ids = await claimUndispatched(tx, RELAY_BATCH);
        await enqueue(tx, ids.map((eventId) => ({ name: 'events.fanout' as const, data: { eventId } })));
        await markDispatched(tx, ids, (settings.now ?? (() => new Date()))());
        return ids.length;
      });
      total += n;
      if (n < RELAY_BATCH) break;
    }
    if (total > 0) wake('events.fanout');
    return total;
  }

  function scheduleRelay(): void {
    if (stopped) return;
    relayTimer = setTimeout(() => {
      relaying = relayOnce().catch((err: Error) => settings.onError(err)).finally(scheduleRelay);
    }, settings.relayIntervalMs);
    relayTimer.unref();
  }

  function wake(name: QueueName): void {
    for (const id of workerIds.get(name) ?? []) boss.notifyWorker(id);
  }

  return {
    enqueue,
    relayOnce,
    wake,
    onStop(fn) {
      closers.push(fn);
    },
    handle(name, handler) {
      handlers.set(name, handler as JobHandler<QueueName>);
    },
    async drain({ maxRounds = 200 } = {}) {
      await ensureReady();
      let handled = 0;
      for (let round = 0; round < maxRounds; round++) {
        let n = await relayOnce();
        for (const [name, handler] of handlers) {
          const jobs = await boss.fetch<QueueData[typeof name]>(name, { batchSize: policies[name].batchSize });
          if (!jobs || jobs.length === 0) continue;
          n += jobs.length;
          const ids = jobs.map((j) => j.id);
          try {
            await handler(jobs.map((j) => ({ id: j.id, data: j.data })));
            await boss.complete(name, ids);
          } catch (err) {
            for (const id of ids) await boss.fail(name, id, { message: (err as Error).message });
            throw err;
          }
        }
        handled += n;
        if (n === 0) break;
      }
      return handled;
    },
    async start({ work }) {
      await ensureReady();
      if (!work || !stopped) return;
      stopped = false;
      for (const [name, cron] of schedules) await boss.schedule(name, cron, {}, { tz: 'UTC' });
      for (const [name, handler] of handlers) {
        const p = policies[name];
        const ids: string[] = [];
        for (let i = 0; i < p.loops; i++) {
          ids.push(await boss.work<QueueData[typeof name]>(name, { batchSize: p.batchSize, pollingIntervalSeconds: settings.pollingIntervalSeconds }, async (jobs) => {
            await handler(jobs.map((j) => ({ id: j.id, data: j.data })));
            // A full batch means more may wait: fetch again at once.
            if (jobs.length === p.batchSize) wake(name);
          }));
        }
        workerIds.set(name, ids);
      }
      scheduleRelay();
    },
    async stop({ graceful = true, timeoutMs = 10_000 } = {}) {
      stopped = true;
      if (relayTimer) clearTimeout(relayTimer);
      await relaying;
      if (ready) await boss.stop({ graceful, timeout: timeoutMs, wait: true, close: false });
      await Promise.allSettled([...inFlight]);
      for (const close of closers) await close();
    },
  };
}
