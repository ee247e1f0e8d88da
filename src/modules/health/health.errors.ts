/** Error codes of the service-health context: incidents of publishers' offers and partners' notice settings. */
export const HEALTH_ERROR_CODES = [
  /** No incident with this id that the viewer's organization may see. */
  'INCIDENT_NOT_FOUND',
  /** An offer named does not exist; `offerIds` lists those. */
  'OFFER_NOT_FOUND',
  /** An offer named is another publisher's; `offerIds` lists those. Incidents are posted for one's own offers only. */
  'INCIDENT_OFFER_NOT_OWN',
  /** If-Match names another version than the incident's current one; `currentVersion` is it. */
  'INCIDENT_VERSION_CONFLICT',
  /** The incident's status does not allow the update; `status` and `allowedStatuses` say what would. */
  'INCIDENT_STATUS_CONFLICT',
] as const;
export type HealthErrorCode = (typeof HEALTH_ERROR_CODES)[number];
