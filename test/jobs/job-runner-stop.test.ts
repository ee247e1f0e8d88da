/**
 * Stopping a job runner waits for what pg-boss still has in flight: pg-boss 10 marks a finished
 * job completed without awaiting it, so without the runner's tracking `stop` could resolve with
 * that statement still running — and the pool closed under it (an unhandled rejection that failed
 * a CI run). A slow `complete` is made here on purpose so the order is certain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { openScratchDatabase } from '../scratch-database.ts';

describe('a job runner stopping', () => {
  let db: Database;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sb_test_jobstop'));
    await db.migrate();
  });
  after(async () => {
    await drop();
  });

  it('waits for the completion pg-boss sends without awaiting, and leaves the job completed', async () => {
    let slowCompletions = 0;
    // The same database, its job statements marking jobs completed held back for 400 ms.
    const slow: Database = Object.create(db) as Database;
    Object.defineProperty(slow, 'jobStore', {
      value: {
        async executeSql(text: string, values: unknown[]) {
          if (/state\s*=\s*'completed'/.test(text) && /UPDATE/i.test(text)) {
            slowCompletions++;
            await new Promise((r) => setTimeout(r, 400));
          }
          return db.jobStore.executeSql(text, values);
        },
      },
    });
    const errors: unknown[] = [];
    const runner = createJobRunner(slow, { relayIntervalMs: 50, maintenanceIntervalSeconds: 60, deliveryExpireSeconds: 60, pollingIntervalSeconds: 0.5, onError: (e) => errors.push(e) });
    let handled!: () => void;
    const done = new Promise<void>((r) => { handled = r; });
    runner.handle('sla-scan', async () => {
      handled();
    });
    await runner.start({ work: true });
    await db.withOwner((tx) => runner.enqueue(tx, [{ name: 'sla-scan', data: {} }]));
    runner.wake('sla-scan');
    await done;
    // Let the handler return, so pg-boss sends its un-awaited completion.
    await new Promise((r) => setImmediate(r));
    await runner.stop();
    assert.ok(slowCompletions >= 1, 'the completion went through the slow store');
    const states = await db.withOwner((tx) => sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = 'sla-scan'`.execute(tx)).then((r) => r.rows.map((x) => x.state));
    assert.deepEqual(states, ['completed'], 'stop resolved only after the job was marked completed');
    assert.deepEqual(errors, []);
  });
});
