/**
 * Who may administer whom inside one organization: creating users, changing their roles, name,
 * language or disabled state, resetting their password, and reading or revoking their API tokens.
 *
 * Terminology:
 * - administrator: a viewer whose roles grant `users.manage` (global_admin and user_admin of a
 *   partner, publisher_admin, operator_admin, customer_admin).
 * - head role: the one role of an organization kind that holds every role of that kind
 *   (global_admin, publisher_admin, operator_admin, customer_admin).
 * - to hold a role: to have it, or to have the head role of its kind.
 * - target: the user being administered, with the roles they hold now.
 *
 * The rule: nobody grants a role they don't hold, and nobody acts on a user holding a role they
 * don't hold. So only a head role manages the holders of the head role (only global_admin manages
 * global_admins), and a user_admin manages only users who hold nothing but user_admin: creating a
 * user with a known password, or resetting one, is acting as that user.
 */
import { can } from './permissions.ts';
import { ROLES_BY_KIND, type OrgKind, type Role } from './parties.ts';

/** The role of each organization kind that holds every role of the kind. */
export const HEAD_ROLE_OF_KIND: Readonly<Record<OrgKind, Role>> = {
  partner: 'global_admin',
  publisher: 'publisher_admin',
  operator: 'operator_admin',
  customer: 'customer_admin',
};

/** The roles among `roles` that `held` does not hold (kept in the order given, without repeats). */
export function rolesNotHeld(held: readonly Role[], roles: readonly Role[]): Role[] {
  const out: Role[] = [];
  for (const role of roles) {
    if (out.includes(role) || holdsRole(held, role)) continue;
    out.push(role);
  }
  return out;
}

/** Whether a set of roles holds a role: has it, or has the head role of the role's kind. */
export function holdsRole(held: readonly Role[], role: Role): boolean {
  if (held.includes(role)) return true;
  const kind = (Object.keys(ROLES_BY_KIND) as OrgKind[]).find((k) => (ROLES_BY_KIND[k] as readonly string[]).includes(role));
  return kind !== undefined && held.includes(HEAD_ROLE_OF_KIND[kind]);
}

/** The roles of a kind that a set of roles holds (every role of the kind for its head role). */
export function heldRolesOfKind(held: readonly Role[], kind: OrgKind): Role[] {
  return (ROLES_BY_KIND[kind] as readonly Role[]).filter((role) => holdsRole(held, role));
}

/** Why an administration is refused; `roles` names what the viewer doesn't hold. */
export type UserAdministrationRefusal =
  | { allowed: false; reason: 'not_administrator' }
  | { allowed: false; reason: 'target_holds_more'; roles: Role[] }
  | { allowed: false; reason: 'grants_more'; roles: Role[] };

/** The decision on one administration of a user. */
export type UserAdministrationDecision = { allowed: true } | UserAdministrationRefusal;

/**
 * Decides whether a viewer with `actorRoles` may act on a user now holding `targetRoles` (absent
 * when the user is being created) and give them `grantRoles` (absent when the roles stay).
 * Checked in this order: the right to manage users, the target's roles, the roles granted.
 */
export function decideUserAdministration(
  actorRoles: readonly Role[],
  change: { targetRoles?: readonly Role[]; grantRoles?: readonly Role[] },
): UserAdministrationDecision {
  if (!can({ roles: actorRoles }, 'users.manage')) return { allowed: false, reason: 'not_administrator' };
  const beyondTarget = rolesNotHeld(actorRoles, change.targetRoles ?? []);
  if (beyondTarget.length > 0) return { allowed: false, reason: 'target_holds_more', roles: beyondTarget };
  const beyondGrant = rolesNotHeld(actorRoles, change.grantRoles ?? []);
  if (beyondGrant.length > 0) return { allowed: false, reason: 'grants_more', roles: beyondGrant };
  return { allowed: true };
}
