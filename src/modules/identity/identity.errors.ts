/** Error codes of the identity context: organizations, users, sessions and API tokens. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const IDENTITY_ERRORS = {
  /** E-mail or password wrong, or the user is disabled (one answer for all, so nothing leaks). */
  INVALID_CREDENTIALS: 401,
  ORGANIZATION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  /** Another user already signs in with this e-mail. */
  EMAIL_TAKEN: 409,
  /** A role that users of this organization's kind can't hold. */
  ROLE_NOT_OF_KIND: 422,
  /** A token may only carry roles its creator holds. */
  TOKEN_ROLES_NOT_HELD: 403,
  TOKEN_NOT_FOUND: 404,
  /** An administrator can't remove their own right to manage users, or disable themselves. */
  SELF_LOCKOUT: 409,
  /** Nobody gives a role they don't hold (only a kind's head role, e.g. global_admin, holds them all). */
  ROLES_NOT_HELD: 403,
  /** Nobody edits, disables, resets the password of, or revokes the tokens of a user holding a role they don't hold. */
  USER_HOLDS_ROLES_NOT_HELD: 403,
  /** Changing one's own password needs the current one, and it was wrong. */
  CURRENT_PASSWORD_INCORRECT: 422,
  /** The password is too easy to guess, or contains the user's e-mail or name; `hint` says why. */
  PASSWORD_TOO_WEAK: 422,
  /** The e-mail and password match users of several organizations: sign in again naming `organizationId`. */
  ORGANIZATION_CHOICE_REQUIRED: 409,
  /** No such session of the signed-in user. */
  SESSION_NOT_FOUND: 404,
} as const satisfies ErrorCatalogue;
export type IdentityErrorCode = keyof typeof IDENTITY_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    identity: typeof IDENTITY_ERRORS;
  }
}
