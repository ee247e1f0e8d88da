/**
 * What each role may do. Deny by default: a permission not granted here is refused.
 *
 * The seed and Partner Center fix the catalog and case permissions; the rest follows the
 * principle of least privilege for each role's job.
 */
import { isRoleOfKind, type OrgKind, type Role, type Viewer } from './parties.ts';

/** Every permission the application checks. */
export const PERMISSIONS = [
  /**
   * The marketplace: discover offers and read their full product details — overview, plans with
   * pricing, the agreement (ISV contacts need `catalog.view_contacts` besides). Of partners, only
   * `global_admin` and `admin_agent` (SPEC section 2).
   */
  'catalog.browse',
  /**
   * The case-work view of an offer the organization has a subscription of or takes part in a case
   * about: what identifies the product (name, type, publisher) and its agreement versions (the
   * support commitments). Partner roles that work or read cases but may not browse the marketplace.
   */
  'catalog.case_view',
  /** On the case-work view, the ISV support contact (to forward and follow technical cases). */
  'catalog.view_support_contact',
  /** See ISV contacts and partner resources on product details. */
  'catalog.view_contacts',
  /** Create and change the organization's own offers, plans, agreements and audience. */
  'catalog.manage_offers',
  /** Opt the partner in to resell an offer. */
  'catalog.opt_in',
  /** Buy a plan for a customer. */
  'subscriptions.purchase',
  /** Read subscriptions visible to the organization. */
  'subscriptions.read',
  /** Change quantity, suspend, reactivate, cancel, set the support contact. */
  'subscriptions.manage',
  /** Activate a pending subscription of one's own offer (publisher). */
  'subscriptions.activate',
  /** Invite resellers, accept invitations, end relationships, edit the support split. */
  'channel.manage',
  /** Read the organization's relationships. */
  'channel.read',
  /** Create and edit customer relationships. */
  'customers.manage',
  /** Read customers of the organization. */
  'customers.read',
  /** Create users, set roles, reset passwords; create and revoke API tokens. */
  'users.manage',
  /** Work support cases (all categories). */
  'cases.work',
  /** Work billing and payment cases only. */
  'cases.work_billing',
  /** Read support cases. */
  'cases.read',
  /** Set the partner's routing preferences for technical cases (default and per offer). */
  'routing.manage',
  /** Manage organizations and partner standing (operator). */
  'operator.manage',
  /** Read service-health incidents that reach the organization. */
  'incidents.read',
  /** Post, update and resolve incidents of the publisher's own offers. */
  'incidents.manage',
  /** Choose whether the partner's customers hear of incidents. */
  'notices.manage',
  /** Create, change, rotate and disable the organization's webhook endpoints; read and replay deliveries. */
  'webhooks.manage',
  /** Read and export the organization's audit log (the operator: every organization's). */
  'audit.read',
  /**
   * Read and set the organization's SLA policies (SPEC section 6): partners and the operator set
   * theirs by scope; a publisher reads the SLA of its agreement versions (it states it there).
   */
  'sla.manage',
  /**
   * Read SLA reports (issue 10): compliance and the time each party held each case — the
   * organization's own part; a publisher also counts per offer of its own; the operator all.
   */
  'sla.reports',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  // Partner roles (Partner Center).
  global_admin: [
    'catalog.browse', 'catalog.view_contacts', 'catalog.opt_in', 'subscriptions.purchase',
    'subscriptions.read', 'subscriptions.manage', 'channel.manage', 'channel.read',
    'customers.manage', 'customers.read', 'users.manage', 'cases.work', 'cases.read', 'routing.manage',
    'incidents.read', 'notices.manage', 'webhooks.manage', 'audit.read', 'sla.manage', 'sla.reports',
  ],
  admin_agent: [
    'catalog.browse', 'catalog.view_contacts', 'catalog.opt_in', 'subscriptions.purchase',
    'subscriptions.read', 'subscriptions.manage', 'channel.read', 'customers.manage',
    'customers.read', 'cases.work', 'cases.read', 'routing.manage', 'incidents.read', 'notices.manage', 'webhooks.manage', 'sla.manage', 'sla.reports',
  ],
  // The marketplace is global_admin's and admin_agent's; the case roles see what their cases need.
  helpdesk_agent: [
    'catalog.case_view', 'catalog.view_support_contact', 'subscriptions.read', 'customers.read', 'cases.work', 'cases.read', 'incidents.read',
  ],
  sales_agent: ['catalog.case_view', 'subscriptions.read', 'customers.manage', 'customers.read', 'cases.read', 'incidents.read'],
  billing_admin: ['catalog.case_view', 'subscriptions.read', 'customers.read', 'cases.work_billing', 'cases.read', 'incidents.read'],
  user_admin: ['users.manage', 'audit.read'],
  // Publisher roles.
  publisher_admin: [
    'catalog.browse', 'catalog.view_contacts', 'catalog.manage_offers', 'subscriptions.read',
    'subscriptions.activate', 'users.manage', 'cases.work', 'cases.read', 'incidents.read', 'incidents.manage', 'webhooks.manage',
    'audit.read', 'sla.manage', 'sla.reports',
  ],
  support_engineer: ['catalog.browse', 'catalog.view_contacts', 'subscriptions.read', 'cases.work', 'cases.read', 'incidents.read', 'incidents.manage'],
  publisher_viewer: ['catalog.browse', 'catalog.view_contacts', 'subscriptions.read', 'cases.read', 'incidents.read', 'sla.reports'],
  // Operator roles.
  operator_admin: [
    'catalog.browse', 'catalog.view_contacts', 'subscriptions.read', 'channel.read',
    'customers.read', 'users.manage', 'operator.manage', 'cases.work', 'cases.read', 'incidents.read', 'webhooks.manage',
    'audit.read', 'sla.manage', 'sla.reports',
  ],
  commerce_support: ['catalog.browse', 'catalog.view_contacts', 'subscriptions.read', 'channel.read', 'customers.read', 'cases.work', 'cases.read', 'incidents.read'],
  // Customer roles: the catalog without contacts, their own subscriptions and cases.
  customer_admin: ['catalog.browse', 'subscriptions.read', 'users.manage', 'cases.work', 'cases.read', 'incidents.read', 'webhooks.manage', 'audit.read'],
  customer_user: ['catalog.browse', 'subscriptions.read', 'cases.work', 'cases.read', 'incidents.read'],
};

/** Whether any of the roles grants the permission. */
export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role]?.includes(permission) ?? false);
}

/** Whether the viewer holds the permission through one of its roles. */
export function can(viewer: Pick<Viewer, 'roles'>, permission: Permission): boolean {
  return rolesGrant(viewer.roles, permission);
}

/** The roles that grant a permission (for set-based queries over many users). */
export function rolesGranting(permission: Permission): Role[] {
  return (Object.keys(GRANTS) as Role[]).filter((role) => GRANTS[role].includes(permission));
}

/** The roles of one kind of organization that grant a permission, in the order SPEC section 2 lists them (for refusals that name who may). */
export function rolesOfKindGranting(kind: OrgKind, permission: Permission): Role[] {
  return rolesGranting(permission).filter((role) => isRoleOfKind(role, kind));
}

/** The permissions a set of roles grants, for `GET /me`. */
export function permissionsOf(roles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((p) => rolesGrant(roles, p));
}
