/**
 * Frozen migration: what a user learns of their own sessions, tokens that always expire, and
 * e-mail addresses unique per organization rather than across all of them.
 *
 * - sessions: the client that opened the session (address, user agent) and when it was last seen,
 *   so a user can tell their sessions apart and end the ones they don't know.
 * - api_tokens: every token has an expiry; tokens made before this migration get 90 days from
 *   their creation (the default lifetime), and a row inserted without one gets 90 days from now.
 * - users: one address may be a user in several organizations; unique within one organization.
 *   A global uniqueness told one tenant who exists in another (POST /users answered EMAIL_TAKEN).
 *   Sign-in finds users by address, hence the index on it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE sessions
      -- The client address the server saw when the session was opened.
      ADD COLUMN ip text CHECK (length(ip) <= 100),
      -- The browser or tool that opened the session, cut to 512 characters.
      ADD COLUMN user_agent text CHECK (length(user_agent) <= 512),
      -- When the session was last used, to within a few minutes (not written on every request).
      ADD COLUMN last_seen_at timestamptz`.execute(db);

  await sql`UPDATE api_tokens SET expires_at = created_at + interval '90 days' WHERE expires_at IS NULL`.execute(db);
  await sql`
    ALTER TABLE api_tokens
      ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days',
      ALTER COLUMN expires_at SET NOT NULL`.execute(db);

  // The column constraint of 0001 has PostgreSQL's default name on both backends.
  await sql`ALTER TABLE users DROP CONSTRAINT users_email_key`.execute(db);
  // email is lower-cased by its CHECK, so this is unique on (org_id, lower(email)).
  await sql`ALTER TABLE users ADD CONSTRAINT users_org_email_key UNIQUE (org_id, email)`.execute(db);
  await sql`CREATE INDEX users_email_idx ON users (email, created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS users_email_idx`.execute(db);
  await sql`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_org_email_key`.execute(db);
  await sql`ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)`.execute(db);
  await sql`ALTER TABLE api_tokens ALTER COLUMN expires_at DROP NOT NULL, ALTER COLUMN expires_at DROP DEFAULT`.execute(db);
  await sql`ALTER TABLE sessions DROP COLUMN IF EXISTS ip, DROP COLUMN IF EXISTS user_agent, DROP COLUMN IF EXISTS last_seen_at`.execute(db);
}
