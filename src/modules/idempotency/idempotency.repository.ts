/**
 * The only SQL of idempotency keys: a creating request's key, the hash of its input and its
 * answer, per organization. Every function runs in the request's own transaction.
 */
import { sql } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';

type Scope = Pick<Viewer, 'orgId'>;

/** Holds a key of the viewer's organization until the transaction ends, so retries wait for the first try. */
export async function lockKey(tx: Tx, viewer: Scope, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`idempotency:${viewer.orgId}:${key}`}, 0))`.execute(tx);
}

/** The stored answer of an earlier request with this key, if any. */
export async function findKey(tx: Tx, viewer: Scope, key: string) {
  return tx.selectFrom('idempotency_keys').select(['fingerprint', 'status_code', 'response'])
    .where('org_id', '=', viewer.orgId).where('key', '=', key).executeTakeFirst();
}

/** Stores an answer under its key. */
export async function insertKey(tx: Tx, viewer: Scope, row: { key: string; fingerprint: string; statusCode: number; response: unknown; now: Date }): Promise<void> {
  await tx.insertInto('idempotency_keys').values({
    org_id: viewer.orgId, key: row.key, fingerprint: row.fingerprint, status_code: row.statusCode,
    response: JSON.stringify(row.response), created_at: row.now,
  }).execute();
}
