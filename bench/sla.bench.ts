/**
 * The deadlines benchmark (issue 10): a million cases in a PostgreSQL database, their open cases
 * with SLA clocks, notices and each participant's deadline (bench/inbox-data.ts), then
 *
 * - the inbox sorted by nearest deadline (`sort=due`), a deep page of it, `due_before` and
 *   `breached=true`, over HTTP through the real server (`switchboard serve --no-worker`, started
 *   as a second process on 127.0.0.1, rate limits off), with a concurrency of 10, as p50/p99,
 *   and the plans of their queries (EXPLAIN (ANALYZE, BUFFERS), as the application role);
 * - the SLA scan, called directly (createSlaScan, as the worker's `sla-scan` job runs it) at the
 *   generation's instant: with nothing due, then with 1,000 clocks made due (several runs, each on
 *   other cases), each followed by a second scan that must tell nothing again.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nice -n 15 node --import tsx bench/sla.bench.ts --keep
 *
 * Options: --cases=1000000, --db=<name> (default sb_bench_sla_<date>_<random>), --keep (leave the
 * database), --reuse=<database> (measure a kept one: skip the load), --requests=2000 per inbox
 * measurement (after 100 untimed), --concurrency=1,10 (each in turn), --due=1000 clocks made due per scan run,
 * --scan-runs=3, --only=generate|inbox|scan (generate: load and describe, measure nothing). A reused database has fewer fresh clocks left to make due
 * after each scan run; the runs take clocks no earlier run took.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import type { Viewer } from '../src/core/parties.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { newId } from '../src/db/ids.ts';
import { dueInboxQuery, inboxQuery, type InboxFilter } from '../src/modules/inbox/inbox.repository.ts';
import { createSlaScan } from '../src/modules/sla/sla.scan.ts';
import {
  BIG_PARTNER, createIndexes, dropCaseIndexes, dropGeneratorHelpers, generateCaseBatch, generateMarketplace, generateSlaBatch,
  SLA_WARNING_SHARE,
} from './inbox-data.ts';

const BATCH = 50_000;
const WARMUP_REQUESTS = 100;
const TOKEN = `sbt_bench_${randomBytes(16).toString('hex')}`;
const cli = path.join(import.meta.dirname, '..', 'src', 'main', 'cli.ts');

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!arg) return undefined;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : 'true';
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const n = (v: number | string) => Number(v).toLocaleString('en');

function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Loads the marketplace, the cases and their clocks in batches, rebuilds the indexes, analyzes. */
async function generate(db: Database, ownerUrl: string, total: number): Promise<void> {
  const started = performance.now();
  const at = new Date();
  await db.withOwner(async (tx) => {
    await sql`CREATE TABLE bench_sla_meta (generated_at timestamptz NOT NULL)`.execute(tx);
    await sql`INSERT INTO bench_sla_meta VALUES (${at})`.execute(tx);
  });
  console.log(`The clocks are spread around ${at.toISOString()}`);
  console.log('Dropping the case tables\' secondary indexes for the load');
  const indexes = await dropCaseIndexes(db);
  await generateMarketplace(db);
  console.log(`Marketplace (${seconds(started)})`);
  for (let from = 0; from < total; from += BATCH) {
    const batchStarted = performance.now();
    const to = Math.min(total, from + BATCH);
    await generateCaseBatch(db, from, to, at);
    await generateSlaBatch(db, from, to, at);
    const elapsed = (performance.now() - started) / 1000;
    console.log(`Cases ${n(to)} / ${n(total)} in ${seconds(batchStarted)}; ${elapsed.toFixed(0)} s so far, about ${((elapsed / to) * (total - to)).toFixed(0)} s to go`);
  }
  console.log('Rebuilding the indexes');
  await createIndexes(db, indexes, console.log);
  await dropGeneratorHelpers(db);
  const vacuumStarted = performance.now();
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

async function main() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('Set TEST_DATABASE_URL to a PostgreSQL server (postgres://…): the benchmark creates a database there.');
    process.exit(2);
  }
  const total = Number(option('cases') ?? 1_000_000);
  const reuse = option('reuse');
  const keep = option('keep') === 'true' || reuse !== undefined;
  const name = reuse ?? option('db') ?? `sb_bench_sla_${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(3).toString('hex')}`;
  const only = option('only');
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
    const at = await db.withOwner(async (tx) => (await sql<{ generated_at: Date }>`SELECT generated_at FROM bench_sla_meta`.execute(tx)).rows[0]!.generated_at);
    await describe(db);
    if (only === undefined || only === 'inbox') await measureInbox(db, target.toString(), at);
    if (only === undefined || only === 'scan') await measureScan(db, at);
  } finally {
    await db.close();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`Kept the database ${name}; measure it again with --reuse=${name}`);
    await admin.end();
  }
}

/** The machine and the data. */
async function describe(db: Database) {
  const facts = await db.withOwner(async (tx) => {
    const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(tx)).rows[0]!;
    const version = await one(sql<{ v: string }>`SELECT split_part(version(), ' on ', 1) AS v`);
    const counts = await one(sql<Record<string, string>>`
      SELECT (SELECT count(*) FROM cases) AS cases,
        (SELECT count(*) FROM cases WHERE status IN ('new', 'open', 'pending_customer', 'pending_party')) AS open,
        (SELECT count(*) FROM case_participants) AS participations,
        (SELECT count(*) FROM case_events) AS events,
        (SELECT count(*) FROM case_sla_clocks) AS clocks,
        (SELECT count(*) FROM case_sla_clocks WHERE status = 'running') AS running,
        (SELECT count(*) FROM case_sla_clocks WHERE status = 'breached') AS breached,
        (SELECT count(*) FROM case_sla_clocks WHERE notice_at IS NOT NULL) AS watched,
        (SELECT count(*) FROM case_sla_notices) AS notices,
        (SELECT count(*) FROM case_participants WHERE due_at IS NOT NULL) AS with_deadline,
        (SELECT count(*) FROM case_participants WHERE org_id = ${BIG_PARTNER.orgId}) AS big,
        (SELECT count(*) FROM case_participants WHERE org_id = ${BIG_PARTNER.orgId} AND due_at IS NOT NULL) AS big_due,
        (SELECT count(*) FROM case_participants WHERE org_id = ${BIG_PARTNER.orgId} AND sla_breached) AS big_breached`);
    const sizes = await one(sql<{ clocks: string; participants: string }>`
      SELECT pg_size_pretty(pg_total_relation_size('case_sla_clocks')) AS clocks, pg_size_pretty(pg_total_relation_size('case_participants')) AS participants`);
    return { version: version.v, counts, sizes };
  });
  const c = facts.counts;
  console.log('');
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${facts.version}; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Data: ${n(c.cases!)} cases, ${n(c.open!)} open; ${n(c.participations!)} participations (${n(c.with_deadline!)} with a deadline); ${n(c.events!)} history entries`);
  console.log(`Clocks: ${n(c.clocks!)} (${n(c.running!)} running, ${n(c.breached!)} breached, ${n(c.watched!)} watched by the scan), ${n(c.notices!)} notices told; case_sla_clocks ${facts.sizes.clocks}, case_participants ${facts.sizes.participants}`);
  console.log(`Big partner ${BIG_PARTNER.name}: ${n(c.big!)} cases, ${n(c.big_due!)} with a deadline, ${n(c.big_breached!)} breached`);
}

// ---- The inbox over HTTP ----

interface HttpMeasure {
  name: string;
  path: string;
}

/** Starts the server in a second process and answers its base URL and how to stop it. */
async function startServer(databaseUrl: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const env: Record<string, string> = {
    ...process.env as Record<string, string>, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    RUN_WORKER: 'false', DEMO_DATA: 'off', RATE_LIMIT_PER_TOKEN_PER_MINUTE: '0', RATE_LIMIT_PER_ORG_PER_MINUTE: '0',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--no-worker'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
  return {
    base,
    stop: () => new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** `total` GETs of a path with `concurrency` in flight, after untimed warm-up ones; answers the sorted latencies and the last body. */
async function load(base: string, urlPath: string, token: string, total: number, concurrency: number): Promise<{ ms: number[]; body: { items: unknown[]; nextCursor?: string | null } }> {
  const headers = { authorization: `Bearer ${token}` };
  let body: { items: unknown[]; nextCursor?: string | null } = { items: [] };
  const one = async () => {
    const started = performance.now();
    const r = await fetch(`${base}${urlPath}`, { headers });
    const text = await r.text();
    const ms = performance.now() - started;
    if (r.status !== 200) throw new Error(`GET ${urlPath} answered ${r.status}: ${text.slice(0, 500)}`);
    body = JSON.parse(text);
    return ms;
  };
  for (let i = 0; i < WARMUP_REQUESTS; i++) await one();
  const ms: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      ms.push(await one());
    }
  }));
  ms.sort((a, b) => a - b);
  return { ms, body };
}

interface BenchViewer {
  label: string;
  token: string;
  viewer: Viewer;
}

/** The big partner's agent, and the administrator of the organization with the most deadlines, each with an API token. */
async function viewersOf(db: Database): Promise<BenchViewer[]> {
  return db.withOwner(async (tx) => {
    const busiest = (await sql<{ org_id: string; kind: string; partner_model: string | null; name: string; n: string }>`
      SELECT p.org_id, o.kind, o.partner_model, o.name, count(*) AS n FROM case_participants p JOIN organizations o ON o.id = p.org_id
      WHERE p.due_at IS NOT NULL AND o.kind <> 'customer' GROUP BY p.org_id, o.kind, o.partner_model, o.name
      ORDER BY count(*) DESC, p.org_id LIMIT 1`.execute(tx)).rows[0]!;
    const admin = `usr_b_${busiest.org_id.slice(6)}`;
    const roles = (await sql<{ roles: string[] }>`SELECT roles FROM users WHERE id = ${admin}`.execute(tx)).rows[0]!.roles;
    const out: BenchViewer[] = [
      {
        label: `${BIG_PARTNER.name}'s agent`, token: TOKEN,
        viewer: { userId: BIG_PARTNER.userId, orgId: BIG_PARTNER.orgId, orgKind: 'partner', partnerModel: 'indirect_provider', roles: ['helpdesk_agent'], via: 'token' } as Viewer,
      },
      {
        label: `the admin of ${busiest.name} (${busiest.kind}, the most deadlines: ${n(busiest.n)})`, token: `${TOKEN}_2`,
        viewer: { userId: admin, orgId: busiest.org_id, orgKind: busiest.kind, partnerModel: busiest.partner_model, roles, via: 'token' } as Viewer,
      },
    ];
    await sql`DELETE FROM api_tokens WHERE id LIKE 'tok_b_sla%'`.execute(tx);
    for (const [i, v] of out.entries()) {
      await sql`INSERT INTO api_tokens (id, org_id, created_by, name, roles, token_hash, prefix)
        VALUES (${`tok_b_sla${i}`}, ${v.viewer.orgId}, ${v.viewer.userId}, 'bench', ${v.viewer.roles as string[]}::text[],
          ${createHash('sha256').update(v.token).digest('hex')}, ${v.token.slice(0, 10)})`.execute(tx);
    }
    return out;
  });
}

async function measureInbox(db: Database, databaseUrl: string, at: Date) {
  const requests = Number(option('requests') ?? 2000);
  const concurrencies = (option('concurrency') ?? '1,10').split(',').map(Number);
  const viewers = await viewersOf(db);
  const dayLater = new Date(at.getTime() + 24 * 3600_000);
  const server = await startServer(databaseUrl);
  try {
    for (const { label, token } of viewers) {
      // A cursor deep into sort=due, reached page after page as a client would.
      let cursor: string | null | undefined;
      let depth = 0;
      for (let i = 0; i < 200; i++) {
        const r = await fetch(`${server.base}/api/v1/cases?sort=due&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
        if (r.status !== 200) throw new Error(`paging sort=due answered ${r.status}: ${(await r.text()).slice(0, 500)}`);
        const page = await r.json() as { items: unknown[]; nextCursor?: string | null };
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
        depth += page.items.length;
      }
      const measures: HttpMeasure[] = [
        { name: 'sort=due, first page', path: '/api/v1/cases?sort=due&limit=25' },
        { name: `sort=due, a page ${n(depth)} rows deep (by cursor)`, path: `/api/v1/cases?sort=due&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` },
        { name: 'sort=due&due_before=<generation + 24 h>', path: `/api/v1/cases?sort=due&due_before=${encodeURIComponent(dayLater.toISOString())}&limit=25` },
        { name: 'breached=true', path: '/api/v1/cases?breached=true&limit=25' },
        { name: 'breached=true&sort=due', path: '/api/v1/cases?breached=true&sort=due&limit=25' },
        { name: 'default sort (updated), for comparison', path: '/api/v1/cases?limit=25' },
      ];
      console.log('');
      console.log(`Inbox pages of 25 over HTTP as ${label} (server in a second process, API token), ${n(requests)} requests per row and concurrency, after ${WARMUP_REQUESTS} untimed:`);
      console.log('');
      console.log('| query | rows | in flight | p50 ms | p99 ms | max ms | requests/s |');
      console.log('|---|---:|---:|---:|---:|---:|---:|');
      for (const m of measures) {
        for (const concurrency of concurrencies) {
          const started = performance.now();
          const { ms, body } = await load(server.base, m.path, token, requests, concurrency);
          const rate = requests / ((performance.now() - started) / 1000);
          console.log(`| ${m.name} | ${body.items.length} | ${concurrency} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} | ${ms[ms.length - 1]!.toFixed(1)} | ${rate.toFixed(0)} |`);
        }
      }
    }
  } finally {
    await server.stop();
  }

  for (const { label, viewer } of viewers) {
    const plans: [string, (tx: Parameters<typeof inboxQuery>[0]) => { compile: () => { sql: string; parameters: readonly unknown[] } }][] = [
      ['sort=due, first page (the part with a deadline)', (tx) => dueInboxQuery(tx, viewer, { limit: 25 }, undefined)],
      ['sort=due&due_before=<generation + 24 h>', (tx) => dueInboxQuery(tx, viewer, { limit: 25, dueBefore: dayLater }, undefined)],
      ['breached=true', (tx) => inboxQuery(tx, viewer, { limit: 25, breached: true } satisfies InboxFilter)],
      ['breached=true&sort=due (the part with a deadline)', (tx) => dueInboxQuery(tx, viewer, { limit: 25, breached: true }, undefined)],
    ];
    for (const [title, build] of plans) {
      const lines = await db.withTenant(viewer, async (tx) => {
        const compiled = build(tx).compile();
        const explained = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${compiled.sql}`, [...compiled.parameters]));
        return explained.rows.map((r) => r['QUERY PLAN']);
      });
      console.log('');
      console.log(`EXPLAIN (ANALYZE, BUFFERS) as ${label} — ${title}:`);
      console.log('');
      console.log('```');
      for (const line of lines) console.log(line);
      console.log('```');
    }
  }
}

// ---- The scan ----

async function measureScan(db: Database, at: Date) {
  const due = Number(option('due') ?? 1000);
  const runs = Number(option('scan-runs') ?? 3);
  const scan = createSlaScan({ db, now: () => at, newId, warningShare: SLA_WARNING_SHARE });
  const timed = async () => {
    const started = performance.now();
    const r = await scan.run();
    return { ...r, ms: performance.now() - started };
  };
  const open = await db.withOwner(async (tx) => (await sql<{ n: string }>`
    SELECT count(DISTINCT case_id) AS n FROM case_sla_clocks WHERE status IN ('running', 'paused', 'breached')`.execute(tx)).rows[0]!.n);
  console.log('');
  console.log(`The scan at ${at.toISOString()} over the clocks of ${n(open)} open cases (createSlaScan, batches of 500 clocks, at most 20 rounds):`);
  console.log('');
  console.log('| run | clocks made due | cases recomputed | warnings | breaches | ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (let i = 0; i < 5; i++) {
    const r = await timed();
    console.log(`| nothing due, run ${i + 1} | 0 | ${r.cases} | ${r.warnings} | ${r.breaches} | ${r.ms.toFixed(1)} |`);
  }
  for (let i = 0; i < runs; i++) {
    // Time passes for `due` running clocks of cases opened at least three days before: their
    // notice time (the warning's, else the due time) is set just before the scan's instant. The
    // clocks no earlier run took (an earlier run's cases were recomputed, so updated_at moved).
    const made = await db.withOwner(async (tx) => (await sql<{ case_id: string }>`
      UPDATE case_sla_clocks k SET notice_at = ${at}::timestamptz - interval '1 minute'
      FROM (
        SELECT k2.case_id, k2.org_id, k2.target FROM case_sla_clocks k2 JOIN cases c ON c.id = k2.case_id
        WHERE k2.status = 'running' AND k2.updated_at = ${at} AND c.created_at < ${at}::timestamptz - interval '3 days'
          AND NOT EXISTS (SELECT 1 FROM case_sla_notices s WHERE s.case_id = k2.case_id)
        ORDER BY hashtext(k2.case_id || k2.target) LIMIT ${due}
      ) pick
      WHERE k.case_id = pick.case_id AND k.org_id = pick.org_id AND k.target = pick.target
      RETURNING k.case_id`.execute(tx)).rows.map((r) => r.case_id));
    const first = await timed();
    const second = await timed();
    const check = await db.withOwner(async (tx) => (await sql<{ notices: string; events: string; distinct_events: string }>`
      SELECT (SELECT count(*) FROM case_sla_notices WHERE case_id = ANY(${made}::text[])) AS notices,
        (SELECT count(*) FROM domain_events WHERE type IN ('case.sla_warning', 'case.sla_breached') AND subject_id = ANY(${made}::text[])) AS events,
        (SELECT count(*) FROM (SELECT DISTINCT type, subject_id, data->'party'->>'orgId', data->>'target', data->>'cycle' FROM domain_events
          WHERE type IN ('case.sla_warning', 'case.sla_breached') AND subject_id = ANY(${made}::text[])) d) AS distinct_events`.execute(tx)).rows[0]!);
    console.log(`| ${n(made.length)} due, run ${i + 1} | ${n(made.length)} | ${n(first.cases)} | ${n(first.warnings)} | ${n(first.breaches)} | ${first.ms.toFixed(0)} |`);
    console.log(`| the same again, run ${i + 1} | 0 | ${n(second.cases)} | ${n(second.warnings)} | ${n(second.breaches)} | ${second.ms.toFixed(1)} |`);
    console.log(`|  (check: notices of these cases ${check.notices}, events ${check.events}, distinct events ${check.distinct_events}) | | | | | |`);
  }
}

await main();
