/**
 * Shared pieces of the users and tokens pages: the roles of the viewer's organization's kind (the
 * API's own list, src/core/parties.ts), their names in the viewer's language, and the identity
 * refusals said in words with the roles they name.
 */
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isApiError } from '../../../api/client.ts';
import type { Me } from '../../../api/types.ts';
import { useErrorMessage } from '../../../app/errors.ts';
import { ROLES_BY_KIND } from '../../../../../src/core/parties.ts';

export type Role = Me['user']['roles'][number];
type Kind = Me['organization']['kind'];

/** The roles a user of an organization of this kind may hold, in the order SPEC section 2 lists them. */
export function rolesOfKind(kind: Kind): Role[] {
  return [...ROLES_BY_KIND[kind]] as Role[];
}

/** A role's name in the viewer's language. */
export function useRoleName(): (role: string) => string {
  const intl = useIntl();
  return useCallback((role: string) => {
    const id = `users.role.${role}`;
    return intl.messages[id] ? intl.formatMessage({ id }) : role;
  }, [intl]);
}

/** Roles named by a problem's `roles` detail. */
function problemRoles(error: unknown): string[] {
  if (!isApiError(error) || !error.problem) return [];
  const roles = (error.problem as Record<string, unknown>).roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

const WORDED = ['ROLES_NOT_HELD', 'USER_HOLDS_ROLES_NOT_HELD', 'TOKEN_ROLES_NOT_HELD', 'ROLE_NOT_OF_KIND', 'SELF_LOCKOUT', 'EMAIL_TAKEN', 'USER_NOT_FOUND', 'TOKEN_NOT_FOUND'] as const;

/** An identity refusal in words (with the role names it concerns), else the console's usual error message. */
export function useIdentityError(): (error: unknown) => string {
  const intl = useIntl();
  const general = useErrorMessage();
  const roleName = useRoleName();
  return useCallback((error: unknown) => {
    if (isApiError(error) && (WORDED as readonly string[]).includes(error.code)) {
      const roles = intl.formatList(problemRoles(error).map(roleName), { type: 'conjunction' });
      return intl.formatMessage({ id: `users.error.${error.code}` }, { roles });
    }
    return general(error);
  }, [intl, general, roleName]);
}

/** An error notice with the identity wording. */
export function IdentityError({ error }: { error: unknown }) {
  const message = useIdentityError();
  if (!error) return null;
  return <div className="notice notice-error" role="alert"><p>{message(error)}</p></div>;
}
