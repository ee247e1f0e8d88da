/**
 * The inbox benchmark: a million cases in a fresh PostgreSQL database, then inbox pages of a big
 * partner read through the real service as the application role (under its row policies and
 * the case_inbox view), reported as median and 95th percentile over N runs, with the plans of the
 * main queries. The figures and the machine go into docs/benchmarks.md.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/inbox.bench.ts
 *
 * Options: --cases=1000000 (how many to generate), --runs=30 (timed runs per measurement, after
 * 3 untimed), --keep (leave the database for another run), --reuse=<database> (measure a kept one).
 * The database is created on the server of TEST_DATABASE_URL and dropped at the end unless kept.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import type { Viewer } from '../src/core/parties.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { createInboxService, type InboxQuery } from '../src/modules/inbox/index.ts';
import { inboxQuery, type InboxFilter } from '../src/modules/inbox/inbox.repository.ts';
import {
  BIG_PARTNER, createIndexes, dropCaseIndexes, dropGeneratorHelpers, generateCaseBatch, generateMarketplace, SIZES,
} from './inbox-data.ts';

const BATCH = 50_000;
const WARMUP = 3;

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!arg) return undefined;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : 'true';
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Creates the database, loads the marketplace and the cases in batches, rebuilds the indexes and analyzes. */
async function generate(db: Database, ownerUrl: string, total: number): Promise<void> {
  const started = performance.now();
  console.log('Dropping the case tables\' secondary indexes for the load');
  const indexes = await dropCaseIndexes(db);
  await generateMarketplace(db);
  console.log(`Marketplace: ${SIZES.publishers} publishers, ${SIZES.publishers * SIZES.offersPerPublisher} offers, ${SIZES.providers} providers, `
    + `${SIZES.resellers} resellers, ${SIZES.directPartners} direct partners, ${SIZES.customers} customers (${seconds(started)})`);
  for (let from = 0; from < total; from += BATCH) {
    const batchStarted = performance.now();
    const to = Math.min(total, from + BATCH);
    await generateCaseBatch(db, from, to);
    const elapsed = (performance.now() - started) / 1000;
    const eta = (elapsed / to) * (total - to);
    console.log(`Cases ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((to / total) * 100)} %) in ${seconds(batchStarted)}; ${elapsed.toFixed(0)} s so far, about ${eta.toFixed(0)} s to go`);
  }
  console.log('Rebuilding the indexes');
  await createIndexes(db, indexes, console.log);
  await dropGeneratorHelpers(db);
  const vacuumStarted = performance.now();
  // VACUUM can't run inside a transaction, as every query of the pool does: a connection of its own.
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('VACUUM (ANALYZE)');
  } finally {
    await owner.end();
  }
  console.log(`VACUUM (ANALYZE) in ${seconds(vacuumStarted)}`);
  console.log(`Generated in ${seconds(started)}`);
}

interface Measure {
  name: string;
  query: Omit<InboxQuery, 'limit'>;
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

async function main() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('Set TEST_DATABASE_URL to a PostgreSQL server (postgres://…): the benchmark creates a database there.');
    process.exit(2);
  }
  const total = Number(option('cases') ?? 1_000_000);
  const runs = Number(option('runs') ?? 30);
  const reuse = option('reuse');
  const keep = option('keep') === 'true' || reuse !== undefined;
  const name = reuse ?? `sb_bench_${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  console.log(`Database ${name} on ${target.host}`);
  const db = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 4 });
  try {
    if (!reuse) {
      await db.migrate();
      await generate(db, target.toString(), total);
    }
    await report(db, runs);
  } finally {
    await db.close();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`Kept the database ${name}; measure it again with --reuse=${name}`);
    await admin.end();
  }
}

async function report(db: Database, runs: number) {
  const viewer: Viewer = {
    userId: BIG_PARTNER.userId, orgId: BIG_PARTNER.orgId, orgKind: 'partner', partnerModel: 'indirect_provider',
    roles: ['helpdesk_agent'], via: 'token',
  };
  const inbox = createInboxService({ db });
  const facts = await db.withOwner(async (tx) => {
    const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(tx)).rows[0]!;
    const version = await one(sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`);
    const counts = await one(sql<{ cases: string; participations: string; big: string; held: string; assigned: string }>`
      SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_participants) AS participations,
        (SELECT count(*) FROM case_participants WHERE org_id = ${viewer.orgId}) AS big,
        (SELECT count(*) FROM case_participants WHERE org_id = ${viewer.orgId} AND holder_org_id = ${viewer.orgId}) AS held,
        (SELECT count(*) FROM case_participants WHERE org_id = ${viewer.orgId} AND assignee_user_id = ${viewer.userId}) AS assigned`);
    const customers = (await sql<{ customer_id: string; n: string }>`
      SELECT customer_id, count(*) AS n FROM case_participants WHERE org_id = ${viewer.orgId} AND customer_id IS NOT NULL
      GROUP BY customer_id ORDER BY count(*) DESC, customer_id`.execute(tx)).rows;
    const offer = await one(sql<{ offer_id: string; n: string }>`
      SELECT offer_id, count(*) AS n FROM case_participants WHERE org_id = ${viewer.orgId} GROUP BY offer_id ORDER BY count(*) DESC LIMIT 1`);
    const code = await one(sql<{ code: string }>`
      SELECT substring(c.description from 'E[0-9]+') AS code FROM case_participants p JOIN cases c ON c.id = p.case_id
      WHERE p.org_id = ${viewer.orgId} AND c.description LIKE '%Error code E%' ORDER BY p.case_id LIMIT 1`);
    const sizes = await one(sql<{ cases: string; participants: string }>`
      SELECT pg_size_pretty(pg_total_relation_size('cases')) AS cases, pg_size_pretty(pg_total_relation_size('case_participants')) AS participants`);
    return { version: version.v, counts, big: customers[0]!, small: customers[customers.length - 1]!, offer, code: code.code, sizes };
  });
  const n = (s: string) => Number(s).toLocaleString('en');
  console.log('');
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${facts.version}; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Data: ${n(facts.counts.cases)} cases, ${n(facts.counts.participations)} participations; cases ${facts.sizes.cases}, case_participants ${facts.sizes.participants} with indexes`);
  console.log(`Big partner ${BIG_PARTNER.name} (${viewer.orgId}): ${n(facts.counts.big)} cases, ${n(facts.counts.held)} held, ${n(facts.counts.assigned)} assigned to its agent`);

  // A cursor 50,000 rows deep (or as deep as the inbox goes), reached the way a client would: page after page.
  let cursor: string | undefined;
  let depth = 0;
  for (let i = 0; i < 500; i++) {
    const p = await inbox.list(viewer, { limit: 100, ...(cursor ? { cursor } : {}) });
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
    depth += p.items.length;
  }
  const measures: Measure[] = [
    { name: 'first page, no filter', query: {} },
    { name: `a page ${depth.toLocaleString('en')} rows deep (by cursor)`, query: { cursor } },
    { name: 'status=pending_party', query: { status: ['pending_party'] } },
    { name: 'status=new&status=open', query: { status: ['new', 'open'] } },
    { name: 'holder=me', query: { holder: 'me' } },
    { name: 'assignee=me', query: { assignee: 'me' } },
    { name: `q=${facts.code} (rare: an error code)`, query: { q: facts.code } },
    { name: 'q=invoice (common word)', query: { q: 'invoice' } },
    { name: 'q="certificate expired" seoul (phrase and word)', query: { q: '"certificate expired" seoul' } },
    { name: `customerId (largest customer, ${n(facts.big.n)} cases)`, query: { customerId: facts.big.customer_id } },
    { name: `customerId (smallest customer, ${n(facts.small.n)} cases)`, query: { customerId: facts.small.customer_id } },
    { name: `offerId (busiest offer, ${n(facts.offer.n)} cases)`, query: { offerId: facts.offer.offer_id } },
    { name: 'category=csp_program (rare category)', query: { category: 'csp_program' } },
    { name: 'status=open&severity=critical&holder=me', query: { status: ['open'], severity: 'critical', holder: 'me' } },
  ];

  console.log('');
  console.log(`Inbox pages of 25 through the service (BEGIN, role and tenant settings, query, COMMIT), ${runs} runs after ${WARMUP} untimed:`);
  console.log('');
  console.log('| query | rows | median ms | p95 ms |');
  console.log('|---|---:|---:|---:|');
  for (const m of measures) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < WARMUP + runs; i++) {
      const started = performance.now();
      const p = await inbox.list(viewer, { limit: 25, ...m.query });
      const ms = performance.now() - started;
      rows = p.items.length;
      if (i >= WARMUP) times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${m.name} | ${rows} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }

  const exportTimes: number[] = [];
  const exportRuns = Math.min(runs, 10);
  let exported = 0;
  for (let i = 0; i < WARMUP + exportRuns; i++) {
    const started = performance.now();
    const e = await inbox.exportCustomerCases(viewer, facts.big.customer_id, 'json');
    if (i >= WARMUP) exportTimes.push(performance.now() - started);
    if (e.format === 'json') exported = e.body.totalCount;
  }
  exportTimes.sort((a, b) => a - b);
  console.log(`| export, json, largest customer (no messages in the generated data) | ${exported} | ${percentile(exportTimes, 50).toFixed(1)} | ${percentile(exportTimes, 95).toFixed(1)} |`);

  const plans: [string, InboxFilter][] = [
    ['first page, no filter', { limit: 25 }],
    [`q=${facts.code}`, { limit: 25, search: facts.code }],
    ['customerId (largest customer)', { limit: 25, customerId: facts.big.customer_id }],
  ];
  for (const [title, filter] of plans) {
    const lines = await db.withTenant(viewer, async (tx) => {
      const compiled = inboxQuery(tx, viewer, filter).compile();
      const explained = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${compiled.sql}`, [...compiled.parameters]));
      return explained.rows.map((r) => r['QUERY PLAN']);
    });
    console.log('');
    console.log(`EXPLAIN (ANALYZE, BUFFERS) — ${title}:`);
    console.log('');
    console.log('```');
    for (const line of lines) console.log(line);
    console.log('```');
  }
}

await main();
