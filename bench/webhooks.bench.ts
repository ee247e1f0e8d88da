/**
 * Webhook delivery throughput: N pending deliveries (one endpoint, N events) with their jobs, a
 * worker started as in production, a receiver on 127.0.0.1 in this process that answers 204; the
 * time from the worker's start until every delivery is recorded as succeeded.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/webhooks.bench.ts [--deliveries=N]
 *
 * Without TEST_DATABASE_URL it runs on PGlite in memory. The database is created and dropped.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { newId } from '../src/db/ids.ts';
import { createWorker } from '../src/main/worker.ts';
import { newWebhookSecret } from '../src/modules/webhooks/index.ts';
import { openScratchDatabase } from '../test/scratch-database.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const N = arg('deliveries', 5_000);

const { db, drop } = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sb_bench_webhooks', 10);
await db.migrate();

let received = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

const worker = createWorker(db, {
  publicUrl: 'http://127.0.0.1:3000', smtpUrl: null, mailFrom: 'bench <bench@example.test>', webhookTimeoutMs: 10_000,
  webhookAllowPrivateAddresses: true, relayIntervalMs: 250, pollingIntervalSeconds: 0.5, onError: (err) => console.error('worker:', err.message),
});

const orgId = newId('organization');
const userId = newId('user');
const endpointId = newId('webhookEndpoint');
const ids = await db.withOwner(async (tx) => {
  await tx.insertInto('organizations').values({ id: orgId, kind: 'partner', name: 'Bench partner', partner_model: 'direct', country: 'US' }).execute();
  await tx.insertInto('users').values({ id: userId, org_id: orgId, email: 'bench@example.test', name: 'Bench', roles: ['global_admin'], password_hash: 'x', locale: 'en' }).execute();
  await tx.insertInto('webhook_endpoints').values({
    id: endpointId, org_id: orgId, url: `http://127.0.0.1:${port}/hook`, event_types: ['case.opened'], secret: newWebhookSecret(), created_by: userId,
  }).execute();
  // Dispatched and fanned out already: only the deliveries remain to do.
  await sql`
    INSERT INTO domain_events (id, type, subject_type, subject_id, data, actor_org_id, dispatched_at, fanned_out_at)
    SELECT 'ev_bench_' || g, 'case.opened', 'case', 'case_bench_' || g,
      jsonb_build_object('caseId', 'case_bench_' || g, 'title', 'Backups fail at night', 'status', 'new', 'category', 'technical_howto', 'severity', 'moderate'),
      ${orgId}, now(), now()
    FROM generate_series(1, ${N}) g`.execute(tx);
  const { rows } = await sql<{ id: string }>`
    INSERT INTO webhook_deliveries (id, endpoint_id, org_id, event_id, event_type)
    SELECT 'whd_bench_' || g, ${endpointId}, ${orgId}, 'ev_bench_' || g, 'case.opened' FROM generate_series(1, ${N}) g
    RETURNING id`.execute(tx);
  return rows.map((r) => r.id);
});
await db.withOwner((tx) => worker.enqueue(tx, ids.map((deliveryId) => ({ name: 'webhooks.deliver' as const, data: { deliveryId } }))));

console.log(`${N} deliveries on ${db.kind}; starting the worker`);
const started = performance.now();
await worker.start({ work: true });
let done = 0;
for (let i = 0; i < 6_000 && done < N; i++) {
  await new Promise((r) => setTimeout(r, 100));
  done = Number((await db.withOwner((tx) => tx.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'succeeded').executeTakeFirstOrThrow())).n);
}
const seconds = (performance.now() - started) / 1000;
console.log(`${done} of ${N} succeeded in ${seconds.toFixed(2)} s: ${Math.round(done / seconds)} deliveries/s (${received} requests received)`);

await worker.stop();
server.close();
await drop();
