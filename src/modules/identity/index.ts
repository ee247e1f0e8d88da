/** The identity context's public face: other contexts import only this file. */
export { createIdentityService, hashPassword, presentOrganization, type IdentityService, type Me, type PresentedOrganization } from './identity.service.ts';
export { registerIdentityRoutes } from './identity.routes.ts';
export { createUserAsOwner, resetPasswordAsOwner, listOrganizationsAsOwner } from './identity.admin.ts';
export { IDENTITY_ERROR_CODES, type IdentityErrorCode } from './identity.errors.ts';
export { Organization as OrganizationSchema, Country as CountrySchema } from './identity.schemas.ts';
