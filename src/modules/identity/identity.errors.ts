/** Error codes of the identity context: organizations, users, sessions and API tokens. */
export const IDENTITY_ERROR_CODES = [
  /** E-mail or password wrong, or the user is disabled (one answer for all, so nothing leaks). */
  'INVALID_CREDENTIALS',
  'ORGANIZATION_NOT_FOUND',
  'USER_NOT_FOUND',
  /** Another user already signs in with this e-mail. */
  'EMAIL_TAKEN',
  /** A role that users of this organization's kind can't hold. */
  'ROLE_NOT_OF_KIND',
  /** A token may only carry roles its creator holds. */
  'TOKEN_ROLES_NOT_HELD',
  'TOKEN_NOT_FOUND',
  /** An administrator can't remove their own right to manage users, or disable themselves. */
  'SELF_LOCKOUT',
  /** Nobody gives a role they don't hold (only a kind's head role, e.g. global_admin, holds them all). */
  'ROLES_NOT_HELD',
  /** Nobody edits, disables, resets the password of, or revokes the tokens of a user holding a role they don't hold. */
  'USER_HOLDS_ROLES_NOT_HELD',
  /** Changing one's own password needs the current one, and it was wrong. */
  'CURRENT_PASSWORD_INCORRECT',
  /** The password is too easy to guess, or contains the user's e-mail or name; `hint` says why. */
  'PASSWORD_TOO_WEAK',
  /** The e-mail and password match users of several organizations: sign in again naming `organizationId`. */
  'ORGANIZATION_CHOICE_REQUIRED',
  /** No such session of the signed-in user. */
  'SESSION_NOT_FOUND',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];
