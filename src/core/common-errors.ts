/**
 * Error codes shared by every context, with their HTTP statuses: the request is malformed, the
 * viewer is unknown or lacks a permission, a concurrent change won. Each context adds its own
 * catalogue beside this one (see `ErrorCatalogues` in app-error.ts).
 */
import { AppError, type ErrorCatalogue, type LocalizedText } from './app-error.ts';

export const COMMON_ERRORS = {
  /** Input failed validation; `errors` names each bad field. */
  VALIDATION_FAILED: 400,
  /** No valid session or token. */
  UNAUTHENTICATED: 401,
  /** The viewer can see the object but its roles don't allow the action. */
  PERMISSION_DENIED: 403,
  /** A cursor that this server did not make. */
  INVALID_CURSOR: 400,
  /** No such route. */
  ROUTE_NOT_FOUND: 404,
  /** The same Idempotency-Key was used with other input. */
  IDEMPOTENCY_KEY_REUSED: 422,
  /** A request with this Idempotency-Key is still being processed. */
  IDEMPOTENCY_KEY_IN_USE: 409,
  /** A retry of a request whose answer held a secret shown only once (a token, a webhook signing secret). */
  IDEMPOTENCY_SECRET_SHOWN_ONCE: 409,
  /** Too many attempts (sign-in); retry after the time in `Retry-After`. */
  RATE_LIMITED: 429,
  /** The request body is too large. */
  PAYLOAD_TOO_LARGE: 413,
  /** The request body is not JSON. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A cross-site request carrying the session cookie. */
  CROSS_SITE_REQUEST: 403,
  /** Something failed that the client can't fix; logged with its cause. */
  INTERNAL_ERROR: 500,
  /** The database is not reachable. */
  SERVICE_UNAVAILABLE: 503,
  /** The request did not arrive in time (Node's request timeout). */
  REQUEST_TIMEOUT: 408,
  /** The request's headers are larger than the server accepts. */
  HEADERS_TOO_LARGE: 431,
} as const satisfies ErrorCatalogue;
export type CommonErrorCode = keyof typeof COMMON_ERRORS;

declare module './app-error.ts' {
  interface ErrorCatalogues {
    common: typeof COMMON_ERRORS;
  }
}

/** A refusal for lack of a permission. */
export function permissionDenied(action: string): AppError<CommonErrorCode> {
  return new AppError('PERMISSION_DENIED', `Your roles do not allow you to ${action}.`);
}

/** A cursor this server did not make (or made for another list). */
export function invalidCursor(): AppError<CommonErrorCode> {
  return new AppError('INVALID_CURSOR', { en: 'The cursor is not one this server made.', ko: '이 서버가 만든 커서가 아닙니다.' });
}

/** A validation failure found by a use case rather than by the schema, in English or in every language. */
export function validationFailed(field: string, message: string | LocalizedText): AppError<CommonErrorCode> {
  if (typeof message === 'string') return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });
  return new AppError('VALIDATION_FAILED', { en: `${field}: ${message.en}`, ko: `${field}: ${message.ko}` }, { errors: [{ field, message }] });
}
