/**
 * Error codes shared by every context: the request is malformed, the viewer is unknown or lacks
 * a permission, a concurrent change won. Each context adds its own closed set beside these.
 */
import { AppError } from './app-error.ts';

export const COMMON_ERROR_CODES = [
  /** Input failed validation; `errors` names each bad field. */
  'VALIDATION_FAILED',
  /** No valid session or token. */
  'UNAUTHENTICATED',
  /** The viewer can see the object but its roles don't allow the action. */
  'PERMISSION_DENIED',
  /** A cursor that this server did not make. */
  'INVALID_CURSOR',
  /** No such route. */
  'ROUTE_NOT_FOUND',
  /** The same Idempotency-Key was used with other input. */
  'IDEMPOTENCY_KEY_REUSED',
  /** A request with this Idempotency-Key is still being processed. */
  'IDEMPOTENCY_KEY_IN_USE',
  /** A retry of a request whose answer held a secret shown only once (a token, a webhook signing secret). */
  'IDEMPOTENCY_SECRET_SHOWN_ONCE',
  /** Too many attempts (sign-in); retry after the time in `Retry-After`. */
  'RATE_LIMITED',
  /** The request body is too large. */
  'PAYLOAD_TOO_LARGE',
  /** The request body is not JSON. */
  'UNSUPPORTED_MEDIA_TYPE',
  /** A cross-site request carrying the session cookie. */
  'CROSS_SITE_REQUEST',
  /** Something failed that the client can't fix; logged with its cause. */
  'INTERNAL_ERROR',
  /** The database is not reachable. */
  'SERVICE_UNAVAILABLE',
  /** The request did not arrive in time (Node's request timeout). */
  'REQUEST_TIMEOUT',
  /** The request's headers are larger than the server accepts. */
  'HEADERS_TOO_LARGE',
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

/** A refusal for lack of a permission. */
export function permissionDenied(action: string): AppError<CommonErrorCode> {
  return new AppError('PERMISSION_DENIED', `Your roles do not allow you to ${action}.`);
}

/** A validation failure found by a use case rather than by the schema. */
export function validationFailed(field: string, message: string): AppError<CommonErrorCode> {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });
}
