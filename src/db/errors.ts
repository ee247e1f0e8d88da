/**
 * What a PostgreSQL error means to a use case. Both backends (PGlite and the server) raise the
 * same SQLSTATE codes through node-postgres.
 */

/** Whether an error is a unique violation (23505), of the named constraint when one is given. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pgErr = e as { code?: string; constraint?: string } | null;
  return pgErr?.code === '23505' && (constraint === undefined || pgErr.constraint === constraint);
}
