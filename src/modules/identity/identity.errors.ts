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
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];
