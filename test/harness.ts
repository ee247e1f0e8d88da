/**
 * One real database and one in-process HTTP application per test file: PGlite in memory by
 * default, or a fresh database on the PostgreSQL server of TEST_DATABASE_URL (dropped at the end).
 * Tests isolate themselves by creating their own organizations, so no reset is needed between them.
 */
import { after } from 'node:test';
import type { Database } from '../src/db/database.ts';
import type { App } from '../src/http/app.ts';
import type { JobRunner } from '../src/jobs/job-runner.ts';
import { createHttpApplication, type Services } from '../src/main/application.ts';
import type { ClockAndIds } from '../src/main/clock.ts';
import { createWorker, type WorkerSettings } from '../src/main/worker.ts';
import { openScratchDatabase } from './scratch-database.ts';

export interface TestContext {
  db: Database;
  app: App;
  services: Services;
  /**
   * The job runner the application queues on, with every handler (e-mail off, webhooks allowed to
   * reach 127.0.0.1). `await ctx.jobs.drain()` relays and runs everything due, in the test's process.
   */
  jobs: JobRunner;
  /** Another runner over the same database, with other settings (an SMTP server, short expiries); stopped after the file. */
  worker(overrides?: Partial<WorkerSettings>): JobRunner;
}

/** The public URL of the test application: cookie-authenticated changes send its origin as `Origin`. */
export const TEST_PUBLIC_URL = 'http://127.0.0.1:3000';

/** Worker settings for tests: no e-mail, local receivers allowed, short timeouts. */
export function testWorkerSettings(overrides: Partial<WorkerSettings> = {}): WorkerSettings {
  return {
    publicUrl: TEST_PUBLIC_URL, smtpUrl: null, mailFrom: 'Switchboard <no-reply@switchboard.test>',
    webhookTimeoutMs: 2_000, webhookAllowPrivateAddresses: true, relayIntervalMs: 50, pollingIntervalSeconds: 0.5,
    onError: (err) => {
      if (process.env.TEST_LOG_LEVEL) console.error('worker:', err);
    },
    ...overrides,
  };
}

/** A clock a test moves by hand: it reads `start` until advanced or set (so the time a change is stamped with is known). */
export interface TestClock {
  (): Date;
  /** Moves the clock forward; answers the new time. */
  advance(ms: number): Date;
  /** Puts the clock at a time. */
  set(at: Date | string): void;
}

/** A controllable clock for `testContext({ clock })`. */
export function testClock(start: Date | string): TestClock {
  let ms = new Date(start).getTime();
  if (Number.isNaN(ms)) throw new Error(`testClock: not a time: ${String(start)}`);
  const clock = (() => new Date(ms)) as TestClock;
  clock.advance = (by: number) => {
    if (!(by >= 0)) throw new Error('testClock: a clock only moves forward');
    ms += by;
    return new Date(ms);
  };
  clock.set = (at: Date | string) => {
    ms = new Date(at).getTime();
  };
  return clock;
}

/** How a file's context is made: its clock and id source (default: the system's), for the application and its job runners. */
export type TestContextOptions = ClockAndIds;

let shared: Promise<TestContext> | null = null;
let sharedOptions: TestContextOptions = {};
let cleanup: (() => Promise<void>) | null = null;

// Registered when the test file imports the harness, so it runs once after the whole file.
after(async () => {
  if (cleanup) await cleanup();
});

/**
 * The test file's database and application, made on first use and closed after the file. A file
 * that fixes time passes its clock (and, if it wants, its id source) on every call; one context
 * serves the whole file, so asking for it with other options is an error.
 */
export function testContext(options: TestContextOptions = {}): Promise<TestContext> {
  if (!shared) {
    sharedOptions = options;
    shared = create(options);
  } else if (options.clock !== sharedOptions.clock || options.newId !== sharedOptions.newId) {
    throw new Error('testContext: this file\'s context was made with another clock or id source; pass the same options on every call');
  }
  return shared;
}

async function create(options: TestContextOptions): Promise<TestContext> {
  const { db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sb_test');
  await db.migrate();
  const runners: JobRunner[] = [];
  const worker = (overrides: Partial<WorkerSettings> = {}) => {
    const runner = createWorker(db, testWorkerSettings({ ...options, ...overrides }));
    runners.push(runner);
    return runner;
  };
  const jobs = worker();
  const { app, services } = await createHttpApplication(db, { ...options, sessionTtlHours: 24, cookieSecure: false, publicUrl: TEST_PUBLIC_URL, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', webhookAllowPrivateAddresses: true }, jobs);
  await app.ready();
  cleanup = async () => {
    for (const r of runners) await r.stop({ graceful: false, timeoutMs: 1_000 }).catch(() => {});
    await app.close();
    await drop();
  };
  return { db, app, services, jobs, worker };
}
