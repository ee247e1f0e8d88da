/**
 * The error codes are a closed set, each with one status. The `@ts-expect-error` lines are the
 * type-level half: `tsc -p .` fails if any of them compiles (a misspelt code, a code of another
 * context, a status no refusal answers with, a status map missing a catalogue). The rest checks
 * the composed map at run time against the statuses the API promises, written out by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, type ErrorCatalogue, type ErrorCode } from '../../src/core/app-error.ts';
import { COMMON_ERRORS } from '../../src/core/common-errors.ts';
import { composeErrorStatuses, statusIn, type ErrorStatuses } from '../../src/http/error-status.ts';
import { ERROR_STATUSES } from '../../src/main/application.ts';
import { CASE_ERRORS, type CaseErrorCode } from '../../src/modules/cases/index.ts';

/** The type-level checks; called once below so the file also runs. */
function typeChecks(): unknown[] {
  return [
    new AppError('CASE_NOT_FOUND', 'No such case.'),
    new AppError('VALIDATION_FAILED', { en: 'Bad.', ko: '잘못되었습니다.' }),
    // @ts-expect-error a misspelt code does not compile
    new AppError('CASE_NOT_FUOND', 'No such case.'),
    // @ts-expect-error nor a code no catalogue declares
    new AppError('NOT_A_CODE', 'x'),
    // @ts-expect-error nor a code of another context where one context's codes are asked for
    new AppError<CaseErrorCode>('USER_NOT_FOUND', 'x'),
    // @ts-expect-error a catalogue's status is one a refusal answers with
    { TEAPOT: 418 } satisfies ErrorCatalogue,
    (() => {
      // @ts-expect-error a status map without every catalogue is not a status map
      const partial: ErrorStatuses = composeErrorStatuses([COMMON_ERRORS, CASE_ERRORS]);
      return partial;
    })(),
    ((code: ErrorCode) => code)('HEADERS_TOO_LARGE'),
  ];
}

/** The status of every code, as the API documents them (independent of the catalogues). */
const EXPECTED: Record<string, number> = {
  VALIDATION_FAILED: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403, INVALID_CURSOR: 400, ROUTE_NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 422, IDEMPOTENCY_KEY_IN_USE: 409, IDEMPOTENCY_SECRET_SHOWN_ONCE: 409, RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, CROSS_SITE_REQUEST: 403, INTERNAL_ERROR: 500, SERVICE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 408, HEADERS_TOO_LARGE: 431,
  INVALID_CREDENTIALS: 401, ORGANIZATION_NOT_FOUND: 404, USER_NOT_FOUND: 404, EMAIL_TAKEN: 409, ROLE_NOT_OF_KIND: 422,
  TOKEN_ROLES_NOT_HELD: 403, TOKEN_NOT_FOUND: 404, SELF_LOCKOUT: 409, ROLES_NOT_HELD: 403, USER_HOLDS_ROLES_NOT_HELD: 403,
  CURRENT_PASSWORD_INCORRECT: 422, PASSWORD_TOO_WEAK: 422, ORGANIZATION_CHOICE_REQUIRED: 409, SESSION_NOT_FOUND: 404,
  RELATIONSHIP_NOT_FOUND: 404, RESELLER_NOT_FOUND: 404, NOT_A_RESELLER: 422, SELF_RELATIONSHIP: 422, RELATIONSHIP_EXISTS: 409,
  RELATIONSHIP_STATUS_CONFLICT: 409, SPLIT_NOT_EDITABLE: 422, CUSTOMER_NOT_FOUND: 404, CUSTOMER_RELATIONSHIP_NOT_ACTIVE: 409,
  OFFER_NOT_FOUND: 404, OFFER_ID_TAKEN: 409, PLAN_NOT_FOUND: 404, PLAN_ID_TAKEN: 409, RESOLD_PARTNER_DEAUTHORIZED: 409,
  AGREEMENT_VERSION_CONFLICT: 409, OPT_IN_NOT_ALLOWED: 409,
  SUBSCRIPTION_NOT_FOUND: 404, PURCHASE_NOT_ALLOWED: 409, AGREEMENT_VERSION_MISMATCH: 409, SUBSCRIPTION_STATE_CONFLICT: 409,
  SUPPORT_CONTACT_NOT_APPLICABLE: 409,
  PREFERENCE_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404, CASE_NOT_ROUTABLE: 422, CASE_VERSION_CONFLICT: 412, CASE_STATUS_CONFLICT: 409, ESCALATION_NOT_ALLOWED: 409,
  FORWARD_NOT_ALLOWED: 409, HAND_BACK_NOT_ALLOWED: 409, ASSIGNEE_NOT_ELIGIBLE: 422, MESSAGE_NOT_FOUND: 404, ATTACHMENT_NOT_FOUND: 404,
  ATTACHMENT_TOO_LARGE: 413, ATTACHMENT_TYPE_NOT_ALLOWED: 415, ATTACHMENT_CONTENT_MISMATCH: 415,
  INCIDENT_NOT_FOUND: 404, INCIDENT_OFFER_NOT_OWN: 422, INCIDENT_VERSION_CONFLICT: 412, INCIDENT_STATUS_CONFLICT: 409,
  NOTIFICATION_NOT_FOUND: 404,
  WEBHOOK_ENDPOINT_NOT_FOUND: 404, WEBHOOK_DELIVERY_NOT_FOUND: 404, WEBHOOK_URL_NOT_ALLOWED: 422, WEBHOOK_ENDPOINT_DISABLED: 409,
  WEBHOOK_ENDPOINT_LIMIT_REACHED: 409,
  AUDIT_LOG_NOT_FOUND: 404,
  SLA_POLICY_NOT_FOUND: 404, SLA_POLICY_VERSION_CONFLICT: 412,
};

describe('error codes and their statuses', () => {
  it('type-checks (the @ts-expect-error lines above are checked by tsc -p .)', () => {
    assert.equal(typeChecks().length, 8);
  });

  it('the composed map gives every code the status the API documents, and knows no other code', () => {
    assert.deepEqual({ ...ERROR_STATUSES }, EXPECTED);
  });

  it('answers 500 for a code the map does not know, and never reads inherited keys', () => {
    assert.equal(statusIn(ERROR_STATUSES, 'CASE_NOT_FOUND'), 404);
    assert.equal(statusIn(ERROR_STATUSES, 'NOT_A_CODE'), 500);
    assert.equal(statusIn(ERROR_STATUSES, 'constructor'), 500);
    assert.equal(statusIn(ERROR_STATUSES, '__proto__'), 500);
  });

  it('refuses two statuses for one code shared by two catalogues, and accepts the same status twice', () => {
    assert.throws(() => composeErrorStatuses([{ OFFER_NOT_FOUND: 404 }, { OFFER_NOT_FOUND: 422 }]), /OFFER_NOT_FOUND has two statuses.*404 and 422/);
    assert.deepEqual({ ...composeErrorStatuses([{ OFFER_NOT_FOUND: 404 }, { OFFER_NOT_FOUND: 404, PLAN_NOT_FOUND: 404 }]) }, { OFFER_NOT_FOUND: 404, PLAN_NOT_FOUND: 404 });
  });
});
