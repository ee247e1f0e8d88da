/**
 * Frozen migration: the counters of rate limits (sign-in throttling and API limits), kept in the
 * database so every server process on one PostgreSQL counts against the same limit.
 *
 * Terminology:
 * - bucket: one counter of one rate-limit policy for one subject (a credential, an organization,
 *   a client address, an address and e-mail), for one fixed window.
 * - window: the span a bucket counts over; it starts with the first hit and ends at `resets_at`,
 *   when the next hit starts a new window at 1.
 *
 * No row-level security here, on purpose: a bucket holds no tenant data (its key names a
 * credential or organization by id, and an address or e-mail only by a SHA-256 hash), and the
 * limiter must count before any organization is known — a sign-in, an unauthenticated request —
 * so a policy keyed on `sb_org()` could only hide every row. The application role gets plain
 * rights on this table alone.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rate_limit_buckets (
      -- The policy and its subject, e.g. 'api-token:tok_…' or 'signin-address:<sha256>'.
      key text PRIMARY KEY,
      -- Hits counted in the current window (rejected ones included).
      hits integer NOT NULL,
      -- When the current window ends; past it, the row is stale and the next hit restarts it.
      resets_at timestamptz NOT NULL
    )`.execute(db);
  // The clean-up deletes windows that ended, oldest first.
  await sql`CREATE INDEX rate_limit_buckets_resets_at_idx ON rate_limit_buckets (resets_at)`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_buckets TO switchboard_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE rate_limit_buckets`.execute(db);
}
