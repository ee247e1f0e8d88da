/** The catalog context's public face: other contexts import only this file. */
export {
  createCatalogService, readOfferForSale, isPartnerOptedIn, holdOfferForSale, presentPlan, readOfferSupportContact, listOwnAgreements,
  type CatalogService, type OfferForSale, type PresentedPlan, type PresentedOfferDetails, type PresentedContact, type OwnAgreementVersion,
} from './catalog.service.ts';
export { registerCatalogRoutes } from './catalog.routes.ts';
export { CATALOG_ERRORS, type CatalogErrorCode } from './catalog.errors.ts';
export { OfferIdSchema, PlanIdSchema } from './catalog.schemas.ts';
