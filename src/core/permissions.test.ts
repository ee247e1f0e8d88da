import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_ROLES, ROLES_BY_KIND, type Role } from './parties.ts';
import { can, PERMISSIONS, permissionsOf, rolesGranting, rolesOfKindGranting, type Permission } from './permissions.ts';

/*
 * The catalog and purchase permissions of every role, written from SPEC section 2: the
 * marketplace (catalog with ISV contacts, product details, purchase, opt-in) is partner
 * global_admin's and admin_agent's; the case roles get the case-work view; customers the catalog
 * without contacts; publishers and the operator the catalog with contacts.
 */
const MARKET: Permission[] = ['catalog.browse', 'catalog.view_contacts', 'catalog.case_view', 'catalog.view_support_contact', 'catalog.opt_in', 'subscriptions.purchase'];
const EXPECTED: Record<Role, string> = {
  // browse  contacts  case_view  support_contact  opt_in  purchase
  global_admin: 'y y - - y y',
  admin_agent: 'y y - - y y',
  helpdesk_agent: '- - y y - -',
  sales_agent: '- - y - - -',
  billing_admin: '- - y - - -',
  user_admin: '- - - - - -',
  publisher_admin: 'y y - - - -',
  support_engineer: 'y y - - - -',
  publisher_viewer: 'y y - - - -',
  operator_admin: 'y y - - - -',
  commerce_support: 'y y - - - -',
  customer_admin: 'y - - - - -',
  customer_user: 'y - - - - -',
};

describe('permissions: the marketplace', () => {
  for (const role of ALL_ROLES) {
    it(`${role}: ${EXPECTED[role]}`, () => {
      assert.equal(MARKET.map((p) => (can({ roles: [role] }, p) ? 'y' : '-')).join(' '), EXPECTED[role]);
    });
  }

  it('denies by default: no roles, no permission', () => {
    for (const p of PERMISSIONS) assert.equal(can({ roles: [] }, p), false, p);
    assert.deepEqual(permissionsOf([]), []);
  });

  it('names the partner roles that may buy, browse and opt in, in the order of SPEC section 2', () => {
    for (const p of ['subscriptions.purchase', 'catalog.browse', 'catalog.opt_in'] as const) {
      assert.deepEqual(rolesOfKindGranting('partner', p), ['global_admin', 'admin_agent'], p);
    }
    assert.deepEqual(rolesOfKindGranting('partner', 'catalog.case_view'), ['helpdesk_agent', 'sales_agent', 'billing_admin']);
    assert.deepEqual(rolesOfKindGranting('customer', 'subscriptions.purchase'), []);
    assert.deepEqual(rolesOfKindGranting('publisher', 'catalog.browse'), [...ROLES_BY_KIND.publisher]);
  });

  it('rolesGranting lists exactly the roles can() grants', () => {
    for (const p of PERMISSIONS) {
      assert.deepEqual(rolesGranting(p), ALL_ROLES.filter((r) => can({ roles: [r] }, p)), p);
    }
  });
});
