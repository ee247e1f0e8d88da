/**
 * The one map from error codes to HTTP statuses. It is typed over the union of every context's
 * codes, so a code added to a context without a status here does not compile.
 */
import type { CommonErrorCode } from '../core/common-errors.ts';
import type { IdentityErrorCode } from '../modules/identity/index.ts';
import type { ChannelErrorCode } from '../modules/channel/index.ts';
import type { CatalogErrorCode } from '../modules/catalog/index.ts';
import type { SubscriptionErrorCode } from '../modules/subscriptions/index.ts';
import type { InboxErrorCode } from '../modules/inbox/index.ts';
import type { RoutingErrorCode } from '../modules/routing/index.ts';
import type { CaseErrorCode } from '../modules/cases/index.ts';
import type { HealthErrorCode } from '../modules/health/index.ts';
import type { NotificationErrorCode } from '../modules/notifications/index.ts';
import type { WebhookErrorCode } from '../modules/webhooks/index.ts';
import type { AuditErrorCode } from '../modules/audit/index.ts';

export type ErrorCode = CommonErrorCode | IdentityErrorCode | ChannelErrorCode | CatalogErrorCode | SubscriptionErrorCode
  | InboxErrorCode | RoutingErrorCode | CaseErrorCode | HealthErrorCode | NotificationErrorCode
  | WebhookErrorCode | AuditErrorCode;

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INVALID_CURSOR: 400,
  ROUTE_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_SECRET_SHOWN_ONCE: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CROSS_SITE_REQUEST: 403,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,

  INVALID_CREDENTIALS: 401,
  ORGANIZATION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ROLE_NOT_OF_KIND: 422,
  TOKEN_ROLES_NOT_HELD: 403,
  TOKEN_NOT_FOUND: 404,
  SELF_LOCKOUT: 409,
  ROLES_NOT_HELD: 403,
  USER_HOLDS_ROLES_NOT_HELD: 403,
  CURRENT_PASSWORD_INCORRECT: 422,
  PASSWORD_TOO_WEAK: 422,
  ORGANIZATION_CHOICE_REQUIRED: 409,
  SESSION_NOT_FOUND: 404,

  RELATIONSHIP_NOT_FOUND: 404,
  RESELLER_NOT_FOUND: 404,
  NOT_A_RESELLER: 422,
  SELF_RELATIONSHIP: 422,
  RELATIONSHIP_EXISTS: 409,
  RELATIONSHIP_STATUS_CONFLICT: 409,
  SPLIT_NOT_EDITABLE: 422,
  CUSTOMER_NOT_FOUND: 404,
  CUSTOMER_RELATIONSHIP_NOT_ACTIVE: 409,

  OFFER_NOT_FOUND: 404,
  OFFER_ID_TAKEN: 409,
  PLAN_NOT_FOUND: 404,
  PLAN_ID_TAKEN: 409,
  RESOLD_PARTNER_DEAUTHORIZED: 409,
  AGREEMENT_VERSION_CONFLICT: 409,
  OPT_IN_NOT_ALLOWED: 409,

  SUBSCRIPTION_NOT_FOUND: 404,
  PURCHASE_NOT_ALLOWED: 409,
  AGREEMENT_VERSION_MISMATCH: 409,
  SUBSCRIPTION_STATE_CONFLICT: 409,
  SUPPORT_CONTACT_NOT_APPLICABLE: 409,

  PREFERENCE_NOT_FOUND: 404,

  CASE_NOT_FOUND: 404,
  CASE_NOT_ROUTABLE: 422,
  CASE_VERSION_CONFLICT: 412,
  CASE_STATUS_CONFLICT: 409,
  ESCALATION_NOT_ALLOWED: 409,
  FORWARD_NOT_ALLOWED: 409,
  HAND_BACK_NOT_ALLOWED: 409,
  ASSIGNEE_NOT_ELIGIBLE: 422,
  MESSAGE_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_CONTENT_MISMATCH: 415,

  INCIDENT_NOT_FOUND: 404,
  INCIDENT_OFFER_NOT_OWN: 422,
  INCIDENT_VERSION_CONFLICT: 412,
  INCIDENT_STATUS_CONFLICT: 409,

  NOTIFICATION_NOT_FOUND: 404,

  WEBHOOK_ENDPOINT_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  WEBHOOK_URL_NOT_ALLOWED: 422,
  WEBHOOK_ENDPOINT_DISABLED: 409,
  WEBHOOK_ENDPOINT_LIMIT_REACHED: 409,

  AUDIT_LOG_NOT_FOUND: 404,
};

/** The status of a code, 500 for a code this map does not know (a bug, logged as such). */
export function statusOf(code: string): number {
  return (STATUS_BY_CODE as Record<string, number>)[code] ?? 500;
}
