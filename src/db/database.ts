/**
 * The one connection pool of a process and the only ways to use it.
 *
 * Terminology:
 * - owner: the role the process connects as (PGlite's superuser, or `DATABASE_URL`'s user). It
 *   owns the tables and runs migrations and demo data.
 * - application role: `switchboard_app`, which owns nothing and can't bypass row-level security.
 *   Every pooled connection switches to it as soon as it connects, so a query that forgets its
 *   tenant sees nothing.
 * - tenant transaction: a transaction that names the viewer's organization in `app.org_id`, which
 *   the row policies read. Repositories only ever receive one of these.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Viewer } from '../core/parties.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';

/** The role every pooled connection acts as. */
export const APP_ROLE = 'switchboard_app';

/**
 * Makes the application role if the cluster lacks it, before any pooled connection switches to
 * it (the first migration makes it too; roles belong to the cluster, so a concurrent creator may win).
 */
const ENSURE_APP_ROLE = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
      CREATE ROLE switchboard_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`;

/** A transaction scoped to one tenant (or to an anonymous sign-in lookup). */
export type Tx = Transaction<DB>;

/** Where the database lives. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string; /** A data-directory dump to start an in-memory database from (tests' migrated template). */ loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

/** Settings that an anonymous transaction may carry (sign-in, token look-up). */
export interface AnonymousSettings {
  loginEmail?: string;
  tokenHash?: string;
}

/** An open database: the pool, the scoped ways in, and how to close it. */
export interface Database {
  readonly kind: DatabaseTarget['kind'];
  /** Runs `fn` in a transaction as the application role with the viewer's organization set. */
  withTenant<T>(viewer: Pick<Viewer, 'orgId' | 'orgKind' | 'userId'>, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` as the application role with no organization, only the named look-up settings. */
  withAnonymous<T>(settings: AnonymousSettings, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` as the owner: migrations, demo data, test fixtures and the worker's jobs, which
   * cross organizations by nature (a fan-out) — never a request.
   */
  withOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`'s statements outside any transaction, as the application role with no organization:
   * only for tables that hold no tenant data (rate-limit counters), where one auto-committed
   * statement costs one round trip instead of a transaction's four.
   */
  withoutTransaction<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Where pg-boss runs its statements: a pooled connection, as the owner for each statement. */
  readonly jobStore: { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  /** The names of migrations not yet applied. */
  pendingMigrations(): Promise<string[]>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
  /** The embedded database's data directory as a gzipped tarball (PGlite only; PostgreSQL has pg_dump). */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

/** Raised when another process holds the embedded database. */
export class DatabaseLockedError extends Error {
  constructor(dataDir: string) {
    super(`The data directory ${dataDir} is in use by another Switchboard process. Stop it, or set DATA_DIR to another directory.`);
    this.name = 'DatabaseLockedError';
  }
}

/** Opens the database, holding the data directory's lock on PGlite. */
export async function openDatabase(target: DatabaseTarget, options: { onError?: (err: Error) => void } = {}): Promise<Database> {
  const onError = options.onError ?? (() => {});
  let pool: pg.Pool;
  let release: (() => Promise<void>) | null = null;
  let pglite: PGlite | null = null;
  if (target.kind === 'pglite') {
    if (target.dataDir.startsWith('memory://')) {
      pglite = new PGlite({ dataDir: target.dataDir, ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) });
    } else {
      const dir = path.resolve(target.dataDir);
      mkdirSync(dir, { recursive: true });
      try {
        // A dead owner on this host is taken over at once; 15 s without a touch is the fallback
        // for an owner on another host (ADR 0004).
        release = await lockDataDir(dir, { stale: 15_000, update: 5_000, onCompromised: (err) => onError(err) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ELOCKED') throw new DatabaseLockedError(dir);
        throw err;
      }
      pglite = new PGlite(dir);
    }
    await pglite.waitReady;
    await pglite.exec(ENSURE_APP_ROLE);
    pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  } else {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(ENSURE_APP_ROLE);
    } finally {
      await client.end();
    }
    pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  }
  pool.on('error', (err) => onError(err));
  // Every connection acts as the application role from its first statement. Migrations and
  // demo data switch back to the owner for their own transaction only (`SET LOCAL ROLE NONE`).
  pool.on('connect', (client) => {
    // A connection that drops while checked out (a server restart, pg_terminate_backend) emits
    // 'error' besides failing its query; the pool listens only while it is idle, and an unheard
    // 'error' would end the process. The query's own failure answers the request (503).
    client.on('error', (err: Error) => onError(err));
    client.query(`SET ROLE ${APP_ROLE}`).catch((err: Error) => onError(err));
  });

  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

  async function scoped<T>(settings: Record<string, string>, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE switchboard_app`.execute(tx);
      const names = Object.keys(settings);
      if (names.length > 0) {
        await sql`SELECT ${sql.join(names.map((n) => sql`set_config(${n}, ${settings[n]}, true)`))}`.execute(tx);
      }
      return fn(tx);
    });
  }

  async function withOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE NONE`.execute(tx);
      return fn(tx);
    });
  }

  // pg-boss's tables belong to the owner. Each of its statements (some are several, in one
  // BEGIN…COMMIT text) runs on a pooled connection switched back to the owner for that statement.
  const jobStore = {
    async executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('RESET ROLE');
        return (await client.query(text, values)) as unknown as { rows: unknown[] };
      } catch (err) {
        broken = err as Error;
        throw err;
      } finally {
        try {
          if (broken) await client.query('ROLLBACK');
          await client.query(`SET ROLE ${APP_ROLE}`);
          client.release();
        } catch (err) {
          client.release(err as Error);
        }
      }
    },
  };

  return {
    kind: target.kind,
    jobStore,
    withTenant: (viewer, fn) =>
      scoped({ 'app.org_id': viewer.orgId, 'app.org_kind': viewer.orgKind, 'app.user_id': viewer.userId }, fn),
    withAnonymous: (settings, fn) => {
      const s: Record<string, string> = {};
      if (settings.loginEmail !== undefined) s['app.login_email'] = settings.loginEmail;
      if (settings.tokenHash !== undefined) s['app.token_hash'] = settings.tokenHash;
      return scoped(s, fn);
    },
    withOwner,
    // Pooled connections rest as the application role (set on connect, restored after each use).
    withoutTransaction: (fn) => fn(db),
    async migrate() {
      // Migrations run as the owner. On PostgreSQL they get a connection of their own that never
      // switched role; PGlite has one session, switched back for the run and forward after it.
      const own = target.kind === 'postgres'
        ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) }) })
        : db;
      if (own === db) await sql`RESET ROLE`.execute(db);
      try {
        const migrator = new Migrator({ db: own, provider: { getMigrations: async () => MIGRATIONS } });
        const { error, results } = await migrator.migrateToLatest();
        if (error) throw error;
        return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
      } finally {
        if (own === db) await sql`SET ROLE switchboard_app`.execute(db);
        else await own.destroy();
      }
    },
    async pendingMigrations() {
      // The migrations table belongs to the owner: the application role may not read it.
      return withOwner(async (tx) => {
        const all = await new Migrator({ db: tx, provider: { getMigrations: async () => MIGRATIONS } }).getMigrations();
        return all.filter((m) => !m.executedAt).map((m) => m.name);
      });
    },
    async ping() {
      try {
        await sql`SELECT 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async dumpDataDir() {
      if (!pglite) throw new Error('Only the embedded database can dump its data directory; use pg_dump for PostgreSQL.');
      return pglite.dumpDataDir('gzip');
    },
    async close() {
      await db.destroy();
      if (pglite) await pglite.close();
      if (release) await release();
    },
  };
}
