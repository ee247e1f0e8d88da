import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORG_KINDS, ROLES_BY_KIND, type OrgKind, type Role } from './parties.ts';
import { decideUserAdministration, heldRolesOfKind, holdsRole, rolesNotHeld, type UserAdministrationDecision } from './user-admin-rules.ts';

/**
 * The expectations, written independently of the rule: literal lists instead of the permission
 * table and the rule's own head-role map.
 * - Administrators (whoever may manage users at all), per SPEC section 2 and the permission table.
 * - The one role per kind that holds every role of its kind.
 */
const ADMINISTRATORS: readonly Role[] = ['global_admin', 'user_admin', 'publisher_admin', 'operator_admin', 'customer_admin'];
const HEAD: Record<OrgKind, Role> = { partner: 'global_admin', publisher: 'publisher_admin', operator: 'operator_admin', customer: 'customer_admin' };

/** Every non-empty set of roles of a kind. */
function roleSets(kind: OrgKind): Role[][] {
  const roles = ROLES_BY_KIND[kind] as readonly Role[];
  const sets: Role[][] = [];
  for (let mask = 1; mask < 1 << roles.length; mask++) sets.push(roles.filter((_, i) => mask & (1 << i)));
  return sets;
}

function expected(kind: OrgKind, actor: Role[], target: Role[] | undefined, grant: Role[] | undefined): UserAdministrationDecision {
  if (!actor.some((r) => ADMINISTRATORS.includes(r))) return { allowed: false, reason: 'not_administrator' };
  const isHead = actor.includes(HEAD[kind]);
  const beyond = (roles: Role[]) => roles.filter((r) => !isHead && !actor.includes(r));
  const t = beyond(target ?? []);
  if (t.length > 0) return { allowed: false, reason: 'target_holds_more', roles: t };
  const g = beyond(grant ?? []);
  if (g.length > 0) return { allowed: false, reason: 'grants_more', roles: g };
  return { allowed: true };
}

describe('user administration rules', () => {
  for (const kind of ORG_KINDS) {
    it(`decides every actor, target and granted role set of a ${kind} organization as the table says`, () => {
      const sets = roleSets(kind);
      const optional: (Role[] | undefined)[] = [undefined, ...sets];
      let checked = 0;
      for (const actor of sets) {
        for (const target of optional) {
          for (const grant of optional) {
            const change = { ...(target ? { targetRoles: target } : {}), ...(grant ? { grantRoles: grant } : {}) };
            assert.deepEqual(decideUserAdministration(actor, change), expected(kind, actor, target, grant), `${kind}: ${actor} on ${target} granting ${grant}`);
            checked++;
          }
        }
      }
      assert.equal(checked, sets.length * optional.length * optional.length);
    });
  }

  it('refuses a user_admin giving itself global_admin', () => {
    assert.deepEqual(decideUserAdministration(['user_admin'], { targetRoles: ['user_admin'], grantRoles: ['user_admin', 'global_admin'] }),
      { allowed: false, reason: 'grants_more', roles: ['global_admin'] });
  });

  it('refuses a user_admin acting on a global_admin (password reset, disable, edit, tokens)', () => {
    assert.deepEqual(decideUserAdministration(['user_admin'], { targetRoles: ['global_admin'] }),
      { allowed: false, reason: 'target_holds_more', roles: ['global_admin'] });
  });

  it('refuses a user_admin creating a global_admin or any role it does not hold', () => {
    assert.deepEqual(decideUserAdministration(['user_admin'], { grantRoles: ['global_admin'] }), { allowed: false, reason: 'grants_more', roles: ['global_admin'] });
    assert.deepEqual(decideUserAdministration(['user_admin'], { grantRoles: ['helpdesk_agent'] }), { allowed: false, reason: 'grants_more', roles: ['helpdesk_agent'] });
  });

  it('lets a user_admin grant the roles it holds besides', () => {
    assert.deepEqual(decideUserAdministration(['user_admin', 'helpdesk_agent'], { grantRoles: ['helpdesk_agent', 'user_admin'] }), { allowed: true });
  });

  it('lets each head role manage every role of its kind, holders of the head role included', () => {
    for (const kind of ORG_KINDS) {
      const all = [...ROLES_BY_KIND[kind]] as Role[];
      assert.deepEqual(decideUserAdministration([HEAD[kind]], { targetRoles: all, grantRoles: all }), { allowed: true }, kind);
    }
  });

  it('refuses whoever may not manage users, whatever the target', () => {
    for (const role of ['admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin', 'support_engineer', 'publisher_viewer', 'commerce_support', 'customer_user'] as const) {
      assert.deepEqual(decideUserAdministration([role], { targetRoles: [role] }), { allowed: false, reason: 'not_administrator' }, role);
    }
  });

  it('never lets a head role hold the roles of another kind', () => {
    assert.equal(holdsRole(['global_admin'], 'customer_admin'), false);
    assert.equal(holdsRole(['operator_admin'], 'global_admin'), false);
    assert.deepEqual(rolesNotHeld(['global_admin'], ['publisher_admin', 'publisher_admin', 'admin_agent']), ['publisher_admin']);
  });

  it('lists the roles of a kind a set holds: all for the head role, its own otherwise', () => {
    assert.deepEqual(heldRolesOfKind(['global_admin'], 'partner'), ['global_admin', 'admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin', 'user_admin']);
    assert.deepEqual(heldRolesOfKind(['user_admin', 'sales_agent'], 'partner'), ['sales_agent', 'user_admin']);
    assert.deepEqual(heldRolesOfKind(['customer_user'], 'customer'), ['customer_user']);
  });
});
