/**
 * The fan-out benchmark (issue: service health, notifications and webhooks): a publisher posts an
 * incident on an offer with 100,000 active subscriptions across 10,000 direct partners, on
 * PostgreSQL, with the real HTTP route, the real worker (pg-boss, the relay, the fan-out job, the
 * webhook deliverer) and a receiver in another process on 127.0.0.1. Reported:
 * - the time from the request to every in-app notification written (the fan-out job done);
 * - webhook deliveries per second, from the first attempt to the last success, and end to end.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/incident-fanout.bench.ts
 *
 * Options: --partners=10000 --subscriptions=100000 --keep (leave the database; its name is sb_bench_fanout_<pid>_…).
 * Every partner has two users (global_admin, helpdesk_agent) and one webhook endpoint for incident
 * events; every fifth partner lets its customers hear of incidents, and every customer has one user.
 */
import { createHash, randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { createHttpApplication } from '../src/main/application.ts';
import { createWorker } from '../src/main/worker.ts';
import { openScratchDatabase } from '../test/scratch-database.ts';

const args = new Map(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k!, v ?? 'true'] as const;
}));
const PARTNERS = Number(args.get('partners') ?? 10_000);
const SUBSCRIPTIONS = Number(args.get('subscriptions') ?? 100_000);
const KEEP = args.has('keep');
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const TOKEN = `sbt_${randomBytes(32).toString('base64url')}`;
const log = (line: string) => console.log(line);

async function generate(db: Database, port: number): Promise<void> {
  await db.withOwner(async (tx) => {
    const run = (q: string) => sql.raw(q).execute(tx);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country) VALUES
      ('org_f_op', 'operator', 'Fan-out Marketplace', NULL, 'US'), ('org_f_pub', 'publisher', 'Fan-out Software', NULL, 'US')`);
    await run(`INSERT INTO users (id, org_id, email, name, roles, password_hash)
      VALUES ('usr_f_pub', 'org_f_pub', 'admin@pub.fanout.example', 'Publisher admin', ARRAY['publisher_admin'], NULL)`);
    await run(`INSERT INTO api_tokens (id, org_id, created_by, name, roles, token_hash, prefix)
      VALUES ('tok_f_pub', 'org_f_pub', 'usr_f_pub', 'bench', ARRAY['publisher_admin'], '${createHash('sha256').update(TOKEN).digest('hex')}', '${TOKEN.slice(0, 10)}')`);
    await run(`INSERT INTO offers (id, publisher_id, publisher_name, name, type, categories, summary, short_description, description, csp_audience)
      VALUES ('fanout-offer', 'org_f_pub', 'Fan-out Software', 'Fan-out Backup', 'saas', ARRAY['productivity'], 'A benchmark offer', 'A benchmark offer.', 'A benchmark offer.', 'any')`);
    // An offer nobody subscribes to, for the untimed warm-up incident.
    await run(`INSERT INTO offers (id, publisher_id, publisher_name, name, type, categories, summary, short_description, description, csp_audience)
      VALUES ('fanout-warmup', 'org_f_pub', 'Fan-out Software', 'Fan-out Warm-up', 'saas', ARRAY['productivity'], 'A warm-up offer', 'A warm-up offer.', 'A warm-up offer.', 'any')`);
    await run(`INSERT INTO plans (offer_id, id, publisher_id, name, billing, billing_cycles, terms, min_quantity, max_quantity, prices)
      VALUES ('fanout-offer', 'standard', 'org_f_pub', 'Standard', 'license', ARRAY['monthly'], ARRAY['P1M'], 1, 100000, '[{"market":"US","currency":"USD","amount":"10.00"}]')`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country)
      SELECT 'org_f_p' || lpad(i::text, 5, '0'), 'partner', 'Partner ' || i, 'direct', 'US' FROM generate_series(0, ${PARTNERS - 1}) i`);
    await run(`INSERT INTO users (id, org_id, email, name, roles, password_hash, locale)
      SELECT 'usr_f_p' || lpad(i::text, 5, '0') || r.k, 'org_f_p' || lpad(i::text, 5, '0'), 'p' || i || '-' || r.k || '@fanout.example',
        'Partner user', ARRAY[r.role], NULL, CASE WHEN i % 3 = 0 THEN 'ko' ELSE 'en' END
      FROM generate_series(0, ${PARTNERS - 1}) i, (VALUES ('a', 'global_admin'), ('h', 'helpdesk_agent')) r(k, role)`);
    await run(`INSERT INTO partner_notice_settings (partner_id, notify_customers_of_incidents, updated_by)
      SELECT 'org_f_p' || lpad(i::text, 5, '0'), true, 'usr_f_p' || lpad(i::text, 5, '0') || 'a' FROM generate_series(0, ${PARTNERS - 1}) i WHERE i % 5 = 0`);
    await run(`INSERT INTO webhook_endpoints (id, org_id, url, event_types, secret, created_by)
      SELECT 'whe_f_' || i, 'org_f_p' || lpad(i::text, 5, '0'), 'http://127.0.0.1:${port}/p/' || i,
        ARRAY['incident.posted', 'incident.updated', 'incident.resolved'], '${SECRET}', 'usr_f_p' || lpad(i::text, 5, '0') || 'a'
      FROM generate_series(0, ${PARTNERS - 1}) i`);
    await run(`INSERT INTO organizations (id, kind, name, partner_model, country)
      SELECT 'org_f_c' || lpad(i::text, 6, '0'), 'customer', 'Customer ' || i, NULL, 'US' FROM generate_series(0, ${SUBSCRIPTIONS - 1}) i`);
    await run(`INSERT INTO users (id, org_id, email, name, roles, password_hash)
      SELECT 'usr_f_c' || lpad(i::text, 6, '0'), 'org_f_c' || lpad(i::text, 6, '0'), 'c' || i || '@fanout.example', 'Customer admin', ARRAY['customer_admin'], NULL
      FROM generate_series(0, ${SUBSCRIPTIONS - 1}) i`);
    await run(`INSERT INTO customer_relationships (id, customer_id, partner_id, status)
      SELECT 'crl_f_' || i, 'org_f_c' || lpad(i::text, 6, '0'), 'org_f_p' || lpad((i % ${PARTNERS})::text, 5, '0'), 'active'
      FROM generate_series(0, ${SUBSCRIPTIONS - 1}) i`);
    await run(`INSERT INTO subscriptions (id, customer_id, offer_id, plan_id, publisher_id, quantity, partner_id, provider_id, reseller_id,
        support_contact_id, status, billing_cycle, term, market, agreement_version, accepted_by, accepted_at, activated_at)
      SELECT 'sub_f_' || lpad(i::text, 6, '0'), 'org_f_c' || lpad(i::text, 6, '0'), 'fanout-offer', 'standard', 'org_f_pub', 5,
        'org_f_p' || lpad((i % ${PARTNERS})::text, 5, '0'), NULL, NULL, 'org_f_p' || lpad((i % ${PARTNERS})::text, 5, '0'),
        'active', 'monthly', 'P1M', 'US', 1, 'usr_f_p' || lpad((i % ${PARTNERS})::text, 5, '0') || 'a', now(), now()
      FROM generate_series(0, ${SUBSCRIPTIONS - 1}) i`);
    await run('ANALYZE');
  });
}

async function main(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    console.error('Set TEST_DATABASE_URL to a PostgreSQL server (postgres://postgres@127.0.0.1:5432/postgres).');
    process.exit(2);
  }
  const { db, drop } = await openScratchDatabase(serverUrl, 'sb_bench_fanout', 10);

  const receiver = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'webhook-receiver.ts'), [SECRET], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => receiver.once('message', (m: { port: number }) => resolve(m.port)));
  const counts = () => new Promise<{ received: number; distinct: number; verified: number; badSignatures: number }>((resolve) => {
    receiver.once('message', (m: { received: number; distinct: number; verified: number; badSignatures: number }) => resolve(m));
    receiver.send('counts');
  });

  try {
    await db.migrate();
    let t = performance.now();
    await generate(db, port);
    log(`Generated ${PARTNERS} partners, ${SUBSCRIPTIONS} customers with active subscriptions in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

    const errors: string[] = [];
    const worker = createWorker(db, {
      publicUrl: 'http://127.0.0.1:3000', smtpUrl: null, mailFrom: 'bench@switchboard.invalid',
      webhookTimeoutMs: 10_000, webhookAllowPrivateAddresses: true, onError: (e) => errors.push(e.message),
    });
    const { app } = await createHttpApplication(db, { sessionTtlHours: 1, cookieSecure: false, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent' }, worker);
    await worker.start({ work: true });

    const post = async (offerId: string, title: string) => {
      const res = await app.inject({
        method: 'POST', url: '/api/v1/incidents', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ title, impact: 'outage', offerIds: [offerId], message: 'We are investigating failed backups.' }),
      });
      if (res.statusCode !== 201) throw new Error(`Posting the incident answered ${res.statusCode}: ${res.body}`);
      return (JSON.parse(res.body) as { id: string }).id;
    };
    // Untimed: the process's first request pays for lazy start-up (about 2 s), which is not the fan-out's.
    t = performance.now();
    await post('fanout-warmup', 'Warm-up');
    log(`First request (warm-up incident, no subscribers) answered in ${(performance.now() - t).toFixed(0)} ms.`);

    t = performance.now();
    const incidentId = await post('fanout-offer', 'Backups fail in every region');
    const tPosted = performance.now() - t;

    // Bounded waits: 10 minutes at most for each phase.
    const owner = <T>(q: ReturnType<typeof sql<T>>) => db.withOwner((tx) => q.execute(tx)).then((r) => r.rows[0]!);
    let tFannedOut = 0;
    for (let i = 0; i < 12_000; i++) {
      const r = await owner(sql<{ done: boolean }>`SELECT bool_and(fanned_out_at IS NOT NULL) AS done FROM domain_events WHERE subject_id = ${incidentId}`);
      if (r.done) {
        tFannedOut = performance.now() - t;
        break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    const written = await owner(sql<{ notifications: number; recipients: number; deliveries: number }>`
      SELECT (SELECT count(*)::int FROM notifications n JOIN domain_events e ON e.id = n.event_id WHERE e.subject_id = ${incidentId}) AS notifications,
             (SELECT count(*)::int FROM event_recipients r JOIN domain_events e ON e.id = r.event_id WHERE e.subject_id = ${incidentId}) AS recipients,
             (SELECT count(*)::int FROM webhook_deliveries d JOIN domain_events e ON e.id = d.event_id WHERE e.subject_id = ${incidentId}) AS deliveries`);
    let tDelivered = 0;
    for (let i = 0; i < 12_000; i++) {
      const r = await owner(sql<{ pending: number }>`SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'pending'`);
      if (r.pending === 0) {
        tDelivered = performance.now() - t;
        break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    const span = await owner(sql<{ first: Date; last: Date; succeeded: number; attempts: number }>`
      SELECT min(a.started_at) AS first, max(a.started_at + a.duration_ms * interval '1 millisecond') AS last,
        (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'succeeded') AS succeeded, count(*)::int AS attempts
      FROM webhook_attempts a`);
    const seconds = (new Date(span.last).getTime() - new Date(span.first).getTime()) / 1000;
    const got = await counts();
    await worker.stop();
    await app.close();

    log('');
    log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL (${serverUrl.replace(/\/\/[^@]*@/, '//')})`);
    log(`Incident posted (HTTP 201) in ${tPosted.toFixed(0)} ms`);
    log(`Fan-out: ${written.recipients} organizations, ${written.notifications} in-app notifications, ${written.deliveries} webhook deliveries written ${(tFannedOut / 1000).toFixed(2)} s after the request (${((tFannedOut - tPosted) / 1000).toFixed(2)} s after its answer)`);
    log(`Webhooks: ${span.succeeded} of ${written.deliveries} succeeded in ${span.attempts} attempts; ${(span.succeeded / seconds).toFixed(0)} deliveries/s from the first attempt to the last answer (${seconds.toFixed(2)} s); all done ${(tDelivered / 1000).toFixed(2)} s after the request`);
    log(`Receiver: ${got.received} requests, ${got.distinct} distinct (endpoint, webhook-id), ${got.verified} signatures verified, ${got.badSignatures} bad`);
    if (errors.length) log(`Worker errors: ${errors.length} (first: ${errors[0]})`);
  } finally {
    receiver.send('stop');
    if (KEEP) await db.close();
    else await drop();
  }
}

await main();
