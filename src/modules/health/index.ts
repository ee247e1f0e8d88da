/** The service-health context's public face: other contexts import only this file. */
export {
  createHealthService, incidentRecipientBatch, listOpenIncidentsByOffer,
  type HealthService, type PresentedIncident, type PresentedIncidentDetail, type PresentedIncidentUpdate, type PresentedOpenIncident,
  type PresentedNoticeSettings, type PresentedIncidentReach, type PresentedIncidentReachOrganization, type PresentedOfferServiceStatus,
} from './health.service.ts';
export { registerHealthRoutes } from './health.routes.ts';
export { HEALTH_ERRORS, type HealthErrorCode } from './health.errors.ts';
export { OpenIncident as OpenIncidentSchema } from './health.schemas.ts';
