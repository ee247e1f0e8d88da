/**
 * A sign-in burst against another user's latency: starts `switchboard serve` as a child process
 * on 127.0.0.1 (embedded database in a temporary directory with the demo data, or a fresh
 * PostgreSQL database), signs one demo user in, measures its `GET /me` latency alone, then again
 * while N concurrent sign-ins with distinct unknown e-mails are in flight, and prints both with
 * the statuses the burst got.
 *
 *   node --import tsx bench/signin-burst.bench.ts [--signins=100] [--samples=40]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/signin-burst.bench.ts
 *
 * Extra environment for the server (e.g. SIGNIN_MAX_CONCURRENT_HASHES=4) is passed through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SIGNINS = arg('signins', 100);
const SAMPLES = arg('samples', 40);
const PASSWORD = 'switchboard-demo';
const USER = 'customer-admin@albionretail.example';
const cli = path.join(import.meta.dirname, '..', 'src', 'main', 'cli.ts');

const serverUrl = process.env.TEST_DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-bench-signin-'));
let dbName: string | null = null;
const env: Record<string, string> = { ...process.env as Record<string, string>, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', RUN_WORKER: 'false', DEMO_PASSWORD: PASSWORD, DATA_DIR: dataDir };
delete env.DATABASE_URL;
if (serverUrl) {
  dbName = `sb_bench_signin_${process.pid}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${dbName}`);
  await c.end();
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  env.DATABASE_URL = u.toString();
  env.DEMO_DATA = 'on';
  const migrated = spawnSync(process.execPath, ['--import', 'tsx', cli, 'migrate'], { env, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
}

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

async function signIn(email: string, password: string): Promise<Response> {
  return fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

const mine = await signIn(USER, PASSWORD);
if (mine.status !== 201) throw new Error(`sign-in of ${USER} answered ${mine.status}: ${await mine.text()}`);
const cookie = mine.headers.get('set-cookie')!.split(';')[0]!;

async function timeMe(): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`GET /me answered ${r.status}`);
  return performance.now() - t0;
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1);
  return `n=${s.length} median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${s[s.length - 1]!.toFixed(1)} ms`;
}

for (let i = 0; i < 10; i++) await timeMe();
const alone: number[] = [];
for (let i = 0; i < SAMPLES; i++) alone.push(await timeMe());

const statuses = new Map<number, number>();
let inFlight = SIGNINS;
const t0 = performance.now();
const burst = Promise.all(Array.from({ length: SIGNINS }, async (_, i) => {
  const r = await signIn(`nobody-${i}-${randomBytes(3).toString('hex')}@example.test`, `guess-${i}`);
  await r.arrayBuffer();
  statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  inFlight--;
}));
const during: number[] = [];
for (let i = 0; i < SAMPLES && inFlight > 0; i++) during.push(await timeMe());
await burst;
const burstMs = performance.now() - t0;

console.log(`database: ${serverUrl ? 'PostgreSQL' : 'PGlite'}; ${SIGNINS} concurrent sign-ins with distinct e-mails from one address`);
console.log(`GET /me alone:        ${summary(alone)}`);
console.log(`GET /me during burst: ${during.length ? summary(during) : 'the burst ended before the first sample'}`);
console.log(`burst answered in ${burstMs.toFixed(0)} ms: ${[...statuses].sort().map(([s, n]) => `${n}×${s}`).join(', ')}`);

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
if (dbName && serverUrl) {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await c.end();
}
