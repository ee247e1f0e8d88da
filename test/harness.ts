/**
 * One real database and one in-process HTTP application per test file: PGlite in memory by
 * default, or a fresh database on the PostgreSQL server of TEST_DATABASE_URL (dropped at the end).
 * Tests isolate themselves by creating their own organizations, so no reset is needed between them.
 */
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import type { App } from '../src/http/app.ts';
import { createHttpApplication, type Services } from '../src/main/application.ts';

export interface TestContext {
  db: Database;
  app: App;
  services: Services;
}

let shared: Promise<TestContext> | null = null;
let cleanup: (() => Promise<void>) | null = null;

// Registered when the test file imports the harness, so it runs once after the whole file.
after(async () => {
  if (cleanup) await cleanup();
});

/** The test file's database and application, made on first use and closed after the file. */
export function testContext(): Promise<TestContext> {
  shared ??= create();
  return shared;
}

async function create(): Promise<TestContext> {
  const url = process.env.TEST_DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | null = null;
  let db: Database;
  if (url) {
    const name = `sb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    db = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 4 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  }
  await db.migrate();
  const { app, services } = await createHttpApplication(db, { sessionTtlHours: 24, cookieSecure: false, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' });
  await app.ready();
  cleanup = async () => {
    await app.close();
    await db.close();
    if (dropDatabase) await dropDatabase();
  };
  return { db, app, services };
}
