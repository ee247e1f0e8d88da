/**
 * The only SQL of rate limits: count hits in shared buckets and forget ended windows. The table
 * holds no tenant data, so these statements run outside any transaction (one round trip each)
 * on the database's plain handle as the application role.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** A bucket's count after a hit, and how long until its window ends (by the database's clock). */
export interface BucketCount {
  key: string;
  hits: number;
  resetsInMs: number;
}

/**
 * Counts one hit in each bucket with one statement: a bucket whose window ended (or that does not
 * exist) starts a new window at 1. Keys are taken in sorted order, so concurrent statements lock
 * the rows in the same order and never deadlock. Keys must be distinct.
 */
export async function hitBuckets(db: Kysely<DB>, buckets: ReadonlyArray<{ key: string; windowSeconds: number }>): Promise<BucketCount[]> {
  if (buckets.length === 0) return [];
  const sorted = [...buckets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { rows } = await sql<{ key: string; hits: number; resets_in_ms: number }>`
    INSERT INTO rate_limit_buckets AS b (key, hits, resets_at)
    SELECT u.key, 1, now() + make_interval(secs => u.window_seconds)
    FROM unnest(${sorted.map((b) => b.key)}::text[], ${sorted.map((b) => b.windowSeconds)}::int[]) WITH ORDINALITY AS u(key, window_seconds, n)
    ORDER BY u.n
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN b.resets_at <= now() THEN 1 ELSE b.hits + 1 END,
      resets_at = CASE WHEN b.resets_at <= now() THEN excluded.resets_at ELSE b.resets_at END
    RETURNING b.key, b.hits, (extract(epoch FROM b.resets_at - now()) * 1000)::float8 AS resets_in_ms`.execute(db);
  return rows.map((r) => ({ key: r.key, hits: r.hits, resetsInMs: Math.max(0, Number(r.resets_in_ms)) }));
}

/** Deletes up to `limit` buckets whose window ended; returns how many. */
export async function deleteEndedBuckets(db: Kysely<DB>, limit: number): Promise<number> {
  const result = await sql`
    DELETE FROM rate_limit_buckets WHERE key IN (
      SELECT key FROM rate_limit_buckets WHERE resets_at < now() ORDER BY resets_at LIMIT ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
