/**
 * A worker that dies in the middle of a delivery loses nothing: the receiver holds the request
 * open, the worker goes away without finishing its job, and another worker takes the job over and
 * delivers the event (at least once: the receiver sees the same webhook-id again). On PostgreSQL a
 * real `switchboard worker` process is killed with SIGKILL; everywhere, an in-process runner is
 * stopped without grace.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { caseBody, makeDirectWorld, openCase } from '../case-factories.ts';
import { testContext } from '../harness.ts';
import { addEndpoint, attemptsOf, deliveriesOf, endpointRow } from './helpers.ts';
import { startReceiver, verifies } from './receiver.ts';

const ctx = await testContext();
const receiver = await startReceiver();

/** A world whose earlier events are already fanned out, with the partner's endpoint on a path of the receiver. */
async function setUp(path: string) {
  const w = await makeDirectWorld(ctx);
  await ctx.jobs.drain();
  const ep = await addEndpoint(ctx, w.partner, `${receiver.url}${path}`);
  // The first request is held open (the worker dies while waiting); later ones are answered.
  let first = true;
  const answer = receiver.answer;
  receiver.answer = (r) => {
    if (r.path !== path) return answer(r);
    if (first) {
      first = false;
      return 'hold';
    }
    return { status: 200, body: 'ok' };
  };
  return { w, ep };
}

/** Waits (bounded) until a condition holds. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker dying mid-delivery', () => {
  it('loses nothing when a worker process is killed (SIGKILL)', { skip: ctx.db.kind !== 'postgres' && 'needs PostgreSQL: PGlite is one process' }, async () => {
    const { w, ep } = await setUp('/killed');
    const database = await ctx.db.withOwner((tx) => sql<{ name: string }>`SELECT current_database() AS name`.execute(tx));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${database.rows[0]!.name}`;

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'worker'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: {
        PATH: process.env.PATH, DATABASE_URL: url.toString(), WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_TIMEOUT_SECONDS: '30',
        DEMO_DATA: 'off', LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    await receiver.waitFor((r) => r.some((x) => x.path === '/killed'), `the worker process's request (output: ${output})`, 60_000);
    child.kill('SIGKILL');
    await exited;

    // The dead process's job stays active until it expires; its expiry (a minute by default) is
    // brought forward instead of waited for.
    const [delivery] = await deliveriesOf(ctx, ep.id);
    assert.deepEqual([delivery!.status, delivery!.attempt_count], ['pending', 0], 'nothing was recorded by the dead worker');
    await ctx.db.withOwner((tx) => sql`
      UPDATE pgboss.job SET expire_in = interval '1 second'
      WHERE name = 'webhooks.deliver' AND state = 'active' AND data->>'deliveryId' = ${delivery!.id}`.execute(tx));
    const rescuer = ctx.worker({ maintenanceIntervalSeconds: 1, deliveryExpireSeconds: 2 });
    await rescuer.start({ work: true });
    try {
      await receiver.waitFor((r) => r.filter((x) => x.path === '/killed').length >= 2, 'the delivery by another worker', 40_000);
      await until('the delivery recorded', async () => (await deliveriesOf(ctx, ep.id))[0]!.status === 'succeeded');
    } finally {
      await rescuer.stop();
    }
    const got = receiver.to('/killed');
    assert.equal(new Set(got.map((r) => r.headers['webhook-id'])).size, 1, 'the same webhook-id');
    assert.ok(got.every((r) => verifies(r, ep.secret)));
    assert.equal(got[0]!.headers['webhook-id'], delivery!.event_id);
  });

  it('loses nothing when a worker stops without grace in the middle of a request', async () => {
    const { w, ep } = await setUp('/stopped');
    const doomed = ctx.worker({ deliveryExpireSeconds: 2, maintenanceIntervalSeconds: 1, webhookTimeoutMs: 20_000 });
    await doomed.start({ work: true });
    await openCase(ctx, w.customer, caseBody({ subscriptionId: w.subscriptionId }));
    await receiver.waitFor((r) => r.some((x) => x.path === '/stopped'), 'the first worker\'s request');
    await doomed.stop({ graceful: false, timeoutMs: 1_000 });

    const rescuer = ctx.worker({ deliveryExpireSeconds: 2, maintenanceIntervalSeconds: 1 });
    await rescuer.start({ work: true });
    try {
      await receiver.waitFor((r) => r.filter((x) => x.path === '/stopped').length >= 2, 'the delivery by another worker', 40_000);
      await until('the delivery recorded', async () => (await deliveriesOf(ctx, ep.id))[0]!.status === 'succeeded');
    } finally {
      await rescuer.stop();
    }
    const got = receiver.to('/stopped');
    assert.equal(new Set(got.map((r) => r.headers['webhook-id'])).size, 1, 'the same webhook-id');
    assert.ok(got.every((r) => verifies(r, ep.secret)));

    // The first worker's request, still open in this process, ends now; what it records does not
    // undo the delivery (its attempt is logged, the delivery stays succeeded).
    for (const res of receiver.held) res.destroy();
    const [delivery] = await deliveriesOf(ctx, ep.id);
    await until('the first worker\'s attempt recorded', async () => (await attemptsOf(ctx, delivery!.id)).length === 2);
    const [after2] = await deliveriesOf(ctx, ep.id);
    // Which attempt succeeded depends on when pg-boss hands the failed job back; the outcome doesn't.
    assert.equal(after2!.status, 'succeeded');
    assert.ok(after2!.attempt_count >= 1 && after2!.attempt_count <= 2, String(after2!.attempt_count));
    assert.equal((await endpointRow(ctx, ep.id)).failing_since, null, 'a stale outcome does not mark the endpoint failing');
  });
});
