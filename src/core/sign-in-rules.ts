/**
 * Which user a sign-in by e-mail opens a session for. An e-mail is unique per organization, not
 * across them: one person may be a user of several organizations with one address.
 *
 * Terminology:
 * - candidate: a user with the e-mail given, able to sign in (a password, not disabled), oldest first.
 * - match: a candidate whose password the one given verifies against.
 *
 * The password is verified against at most MAX_SIGN_IN_CANDIDATES candidates (each costs an
 * argon2 verification). Only matches are ever named back: whoever knows the password of a user
 * proved they own it, so the organizations to choose from leak nothing to anyone else.
 */

/** How many users with one e-mail a sign-in verifies the password against. */
export const MAX_SIGN_IN_CANDIDATES = 5;

/** A user a sign-in may open a session for. */
export interface SignInCandidate {
  userId: string;
  orgId: string;
}

/** The outcome of a sign-in once the password was verified. */
export type SignInChoice =
  | { outcome: 'signed_in'; userId: string; orgId: string }
  | { outcome: 'choose_organization'; orgIds: string[] }
  | { outcome: 'refused' };

/** The candidates to verify the password against: of the organization chosen if any, the oldest first, at most the maximum. */
export function candidatesToVerify<C extends SignInCandidate>(candidates: readonly C[], organizationId?: string): C[] {
  return candidates.filter((c) => organizationId === undefined || c.orgId === organizationId).slice(0, MAX_SIGN_IN_CANDIDATES);
}

/** Decides the sign-in from the candidates whose password matched. */
export function chooseSignInUser(matches: readonly SignInCandidate[], organizationId?: string): SignInChoice {
  const chosen = organizationId === undefined ? matches : matches.filter((m) => m.orgId === organizationId);
  if (chosen.length === 0) return { outcome: 'refused' };
  if (chosen.length === 1) return { outcome: 'signed_in', userId: chosen[0]!.userId, orgId: chosen[0]!.orgId };
  return { outcome: 'choose_organization', orgIds: [...new Set(chosen.map((m) => m.orgId))] };
}
