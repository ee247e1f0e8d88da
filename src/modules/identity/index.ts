/** The identity context's public face: other contexts import only this file. */
export { assertPasswordAcceptable, createIdentityService, hashPassword, presentOrganization, type IdentityService, type Me, type PresentedOrganization } from './identity.service.ts';
export { registerIdentityRoutes } from './identity.routes.ts';
export { createUserAsOwner, resetPasswordAsOwner, listOrganizationsAsOwner, findViewerByEmailAsOwner } from './identity.admin.ts';
export { IDENTITY_ERRORS, type IdentityErrorCode } from './identity.errors.ts';
export { Organization as OrganizationSchema, Country as CountrySchema, Email as EmailSchema, Password as PasswordSchema, Locale as LocaleSchema } from './identity.schemas.ts';
/**
 * The organizations for other contexts, in their own transaction (identity owns the table; the
 * row policy decides what each sees), and a partner's new customer with its first user.
 */
export {
  createCustomerOrganization, findOperatorId, findOrganization, findOrganizations, organizationNames, pageOrganizations,
  type OrganizationFacts, type OrganizationIdCondition,
} from './identity.organizations.ts';
