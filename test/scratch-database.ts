/**
 * A database of its own for a test file or a benchmark: a fresh database on the PostgreSQL server
 * of `serverUrl` (dropped by `drop`), or PGlite in memory when no server is given.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';

/** Opens a new, empty (unmigrated) database; `drop` closes it and removes it from the server. */
export async function openScratchDatabase(serverUrl: string | undefined, prefix: string, poolSize = 4): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await onServer(`CREATE DATABASE ${name}`);
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize });
  return {
    db,
    drop: async () => {
      await db.close();
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
