/**
 * The cost of the API rate limits per request: N sequential `GET /me` through `app.inject` with
 * one API token, on an application without limits and on one with them (high enough never to
 * refuse), alternating rounds so both see the same machine; prints the median and p95 of each.
 *
 *   node --import tsx bench/rate-limit-overhead.bench.ts [--requests=2000]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/rate-limit-overhead.bench.ts
 */
import { NO_RATE_LIMITS } from '../src/http/rate-limits.ts';
import type { App } from '../src/http/app.ts';
import { createHttpApplication } from '../src/main/application.ts';
import { createWorker } from '../src/main/worker.ts';
import { makeActor } from '../test/factories.ts';
import type { TestContext } from '../test/harness.ts';
import { openScratchDatabase } from '../test/scratch-database.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const N = arg('requests', 2_000);
const ROUNDS = 5;

const { db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sb_bench_ratelimit');
const jobs = createWorker(db, {
  publicUrl: 'http://127.0.0.1:3000', smtpUrl: null, mailFrom: 'bench <bench@example.test>', webhookTimeoutMs: 1_000,
  webhookAllowPrivateAddresses: true, relayIntervalMs: 1_000, pollingIntervalSeconds: 1, onError: () => {},
});
const base = { sessionTtlHours: 1, cookieSecure: false, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' };
const off = (await createHttpApplication(db, base, jobs)).app;
const on = (await createHttpApplication(db, { ...base, rateLimits: { ...NO_RATE_LIMITS, perCredentialPerMinute: 10_000_000, perOrganizationPerMinute: 10_000_000 } }, jobs)).app;
await off.ready();
await on.ready();
const actor = await makeActor({ db } as TestContext, 'partner', ['global_admin']);

async function round(app: App, n: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/v1/me', headers: actor.headers });
    ms.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`GET /me answered ${res.statusCode}`);
  }
  return ms;
}

await round(off, 200);
await round(on, 200);
const results = { off: [] as number[], on: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  results.off.push(...await round(off, N / ROUNDS));
  results.on.push(...await round(on, N / ROUNDS));
}
const q = (ms: number[], p: number) => [...ms].sort((a, b) => a - b)[Math.floor(p * (ms.length - 1))]!;
console.log(`database: ${db.kind}; ${N} sequential GET /me per application`);
for (const [name, ms] of Object.entries(results)) console.log(`limits ${name.padEnd(3)}: median ${q(ms, 0.5).toFixed(2)} ms, p95 ${q(ms, 0.95).toFixed(2)} ms`);
console.log(`added by the limits: median ${(q(results.on, 0.5) - q(results.off, 0.5)).toFixed(2)} ms`);
await off.close();
await on.close();
await jobs.stop({ graceful: false, timeoutMs: 1_000 }).catch(() => {});
await drop();
