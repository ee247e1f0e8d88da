/**
 * What a PostgreSQL error means to a use case. Both backends (PGlite and the server) raise the
 * same SQLSTATE codes through node-postgres.
 */

/** Whether an error is a unique violation (23505), of the named constraint when one is given. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pgErr = e as { code?: string; constraint?: string } | null;
  return pgErr?.code === '23505' && (constraint === undefined || pgErr.constraint === constraint);
}

/** Node socket errors that mean the database server can't be reached or dropped the connection. */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLSTATEs of a server that is going away or not accepting connections: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, recovering).
 * Class 08 (connection exception) is matched by prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** node-postgres's messages for a connection that ended under a query or a pool that can't connect. */
const CONNECTION_MESSAGES = [/^Connection terminated/i, /^timeout exceeded when trying to connect/i, /^Client has encountered a connection error/i, /^Connection ended unexpectedly/i];

/**
 * Whether an error means the database is unreachable or restarting (the request may succeed if
 * retried shortly), rather than a fault of the request or of the code. Follows `cause` chains.
 */
export function isConnectionError(e: unknown): boolean {
  for (let err = e, depth = 0; err && typeof err === 'object' && depth < 5; err = (err as { cause?: unknown }).cause, depth++) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(message))) return true;
    if (err instanceof AggregateError && err.errors.some((inner) => isConnectionError(inner))) return true;
  }
  return false;
}
