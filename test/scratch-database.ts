/**
 * A database of its own for a test file or a benchmark: a fresh database on the PostgreSQL server
 * of `serverUrl` (dropped by `drop`), or PGlite in memory when no server is given.
 *
 * Terminology:
 * - template: a database with every migration applied, made once per set of migrations (keyed by
 *   a hash of their source and of the PGlite version) and copied for each test file: a PGlite
 *   data-directory dump in the temporary directory, or a PostgreSQL database used as `TEMPLATE`.
 *   Copying is what makes a test file's set-up take about a second instead of a WASM `initdb`
 *   and every migration.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../src/db/migrations/', import.meta.url));

/** The template's key: the migrations' source and the embedded engine's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(file).update(readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  const pgliteVersion = (JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return hash.update(pgliteVersion).digest('hex').slice(0, 16);
}

/** The migrated PGlite template as a data-directory dump, made by the first file that needs it. */
async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(tmpdir(), `switchboard-test-template-${templateKey()}.tar.gz`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      await db.migrate();
      const dump = await db.dumpDataDir();
      // Written aside and renamed, so a concurrent file never reads half a dump.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await db.close();
    }
  }
}

async function onServer<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

/** The migrated PostgreSQL template's name; the first file of a run makes it under an advisory lock. */
async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `sb_template_${templateKey()}`;
  await onServer(serverUrl, async (c) => {
    await c.query(`SELECT pg_advisory_lock(hashtext('switchboard test template'))`);
    try {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount) return;
      // Templates of other migration sets are of no further use.
      const stale = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'sb\\_template\\_%'`);
      for (const row of stale.rows as { datname: string }[]) {
        await c.query(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => {});
      }
      const building = `${name}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${building}`);
      const db = await openDatabase({ kind: 'postgres', url: databaseUrl(serverUrl, building), poolSize: 1 });
      try {
        await db.migrate();
      } finally {
        await db.close();
      }
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } finally {
      await c.query(`SELECT pg_advisory_unlock(hashtext('switchboard test template'))`);
    }
  });
  return name;
}

/**
 * Opens a new database with every migration applied (copied from the template); `drop` closes
 * it and removes it from the server. `migrate()` on it applies nothing.
 */
export async function openScratchDatabase(serverUrl: string | undefined, prefix: string, poolSize = 4): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://', loadDataDir: await pgliteTemplate() });
    return { db, drop: () => db.close() };
  }
  const template = await postgresTemplate(serverUrl);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl(serverUrl, name), poolSize });
  return {
    db,
    drop: async () => {
      await db.close();
      await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
