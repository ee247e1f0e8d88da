/** Error codes of the cases context: opening, reading and working cases across organizations. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const CASE_ERRORS = {
  /** No case with this id in which the viewer's organization takes part. */
  CASE_NOT_FOUND: 404,
  /** Routing found no one to take the case; `reason` and `rules` say why, in English and Korean. */
  CASE_NOT_ROUTABLE: 422,
  /** The subscription named is not one the viewer may see. */
  SUBSCRIPTION_NOT_FOUND: 404,
  /** The offer named does not exist. */
  OFFER_NOT_FOUND: 404,
  /** If-Match names another version than the case's current one; `currentVersion` is it. */
  CASE_VERSION_CONFLICT: 412,
  /** The case's status does not allow the action; `status` and `allowedStatuses` say where it would. */
  CASE_STATUS_CONFLICT: 409,
  /** The case can't go up a tier from its holder; `reason` says why, and for a product question `publisherSupport` is who answers it. */
  ESCALATION_NOT_ALLOWED: 409,
  /** The case can't be forwarded to the publisher (not a technical category, or not held by a partner). */
  FORWARD_NOT_ALLOWED: 409,
  /** Nobody forwarded or escalated the case to its holder, so there is no one to hand it back to. */
  HAND_BACK_NOT_ALLOWED: 409,
  /** The user to assign is not an active user of the holder's organization who may work the case. */
  ASSIGNEE_NOT_ELIGIBLE: 422,
  /** No message with this id on the case that the viewer may see. */
  MESSAGE_NOT_FOUND: 404,
  /** No attachment with this id on the case that the viewer may see. */
  ATTACHMENT_NOT_FOUND: 404,
  /** The file is larger than the attachment limit (`maxBytes`). */
  ATTACHMENT_TOO_LARGE: 413,
  /** The declared content type is not one of `allowed`. */
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  /** The file's bytes are not what its declared content type says. */
  ATTACHMENT_CONTENT_MISMATCH: 415,
} as const satisfies ErrorCatalogue;
export type CaseErrorCode = keyof typeof CASE_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    cases: typeof CASE_ERRORS;
  }
}
