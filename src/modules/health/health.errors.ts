/** Error codes of the service-health context: incidents of publishers' offers and partners' notice settings. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const HEALTH_ERRORS = {
  /** No incident with this id that the viewer's organization may see. */
  INCIDENT_NOT_FOUND: 404,
  /** An offer named does not exist; `offerIds` lists those. */
  OFFER_NOT_FOUND: 404,
  /** An offer named is another publisher's; `offerIds` lists those. Incidents are posted for one's own offers only. */
  INCIDENT_OFFER_NOT_OWN: 422,
  /** If-Match names another version than the incident's current one; `currentVersion` is it. */
  INCIDENT_VERSION_CONFLICT: 412,
  /** The incident's status does not allow the update; `status` and `allowedStatuses` say what would. */
  INCIDENT_STATUS_CONFLICT: 409,
} as const satisfies ErrorCatalogue;
export type HealthErrorCode = keyof typeof HEALTH_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    health: typeof HEALTH_ERRORS;
  }
}
