/**
 * Parties of the channel and the roles their users hold (SPEC sections 1 and 2).
 *
 * Terminology:
 * - organization: a tenant; every row that belongs to someone belongs to one organization.
 * - org kind: `operator` runs the marketplace, `publisher` is an ISV, `partner` resells,
 *   `customer` uses the product.
 * - partner model: how a partner buys — `direct` from the operator, `indirect_provider`
 *   (distributor) from the operator for its resellers, `indirect_reseller` through providers.
 * - viewer: the user (or API token) on whose behalf a request runs, with its organization.
 */

/** The four kinds of organization. */
export const ORG_KINDS = ['operator', 'publisher', 'partner', 'customer'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** How a partner buys and sells. */
export const PARTNER_MODELS = ['direct', 'indirect_provider', 'indirect_reseller'] as const;
export type PartnerModel = (typeof PARTNER_MODELS)[number];

/** Roles per organization kind, exactly as SPEC section 2 lists them. */
export const ROLES_BY_KIND = {
  partner: ['global_admin', 'admin_agent', 'helpdesk_agent', 'sales_agent', 'billing_admin', 'user_admin'],
  publisher: ['publisher_admin', 'support_engineer', 'publisher_viewer'],
  operator: ['operator_admin', 'commerce_support'],
  customer: ['customer_admin', 'customer_user'],
} as const satisfies Record<OrgKind, readonly string[]>;

export type PartnerRole = (typeof ROLES_BY_KIND.partner)[number];
export type PublisherRole = (typeof ROLES_BY_KIND.publisher)[number];
export type OperatorRole = (typeof ROLES_BY_KIND.operator)[number];
export type CustomerRole = (typeof ROLES_BY_KIND.customer)[number];
export type Role = PartnerRole | PublisherRole | OperatorRole | CustomerRole;

/** Every role of every kind, for schemas. */
export const ALL_ROLES: readonly Role[] = Object.values(ROLES_BY_KIND).flat();

/** Whether a role may be held by a user of an organization of this kind. */
export function isRoleOfKind(role: string, kind: OrgKind): role is Role {
  return (ROLES_BY_KIND[kind] as readonly string[]).includes(role);
}

/** The party on whose behalf a request runs. */
export interface Viewer {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  /** Set for partners only. */
  partnerModel: PartnerModel | null;
  roles: readonly Role[];
  /** How the viewer proved who it is. */
  via: 'session' | 'token';
  /** Where the request came from, for the audit log; absent outside HTTP (the command line). */
  request?: RequestContext;
}

/** Where a request came from: the client address as the server saw it, its user agent, its id. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}
