/**
 * Service health (SPEC section 7): the statuses of an incident and how they may move, the impacts,
 * the limits of what a publisher posts, and the event each change is told by.
 *
 * Terminology:
 * - incident: a publisher's notice that one or more of its offers is down, degraded or under
 *   maintenance; it is open until resolved.
 * - update: a message of the publisher on an incident, with the status the incident has after it.
 *   The first message, posted with the incident, is its first update.
 * - open: every status but `resolved`. An open incident is shown on the affected subscriptions and
 *   linked to new technical cases of its offers.
 *
 * The status rule, decided here once:
 * - Statuses only move forward along investigating → identified → monitoring → resolved, and a
 *   step may be skipped: a maintenance goes straight from investigating to monitoring or resolved,
 *   and a cause found at once needs no `identified`. Partners plan their own answers to customers
 *   on the status, so a status they were told never goes back.
 * - An update may keep the status: a new message ("still investigating", "fix rolling out to EU").
 *   A fix that fails while monitoring is told that way, in the message.
 * - `resolved` is final: nothing may be added to a resolved incident, and a new problem is a new
 *   incident (which reaches the partners of that moment, not of the old one).
 * - An incident is posted open: something resolved before anyone could be told is not news.
 */

/** The statuses of an incident, in the order it moves through them. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The statuses an incident may be posted with and stays open in: all but `resolved`. */
export const OPEN_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
export type OpenIncidentStatus = (typeof OPEN_INCIDENT_STATUSES)[number];

/** How badly the offers are affected. */
export const INCIDENT_IMPACTS = ['outage', 'degraded', 'maintenance'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

/** The limits of what a publisher posts (the database checks the same). */
export const INCIDENT_LIMITS = {
  titleMaxLength: 200,
  messageMaxLength: 10_000,
  maxOffers: 50,
} as const;

/** Whether an incident in this status is still open. */
export function isOpenIncidentStatus(status: IncidentStatus): status is OpenIncidentStatus {
  return status !== 'resolved';
}

/** The statuses an update may give an incident in `from`: the same one or a later one; none once resolved. */
export function allowedNextStatuses(from: IncidentStatus): IncidentStatus[] {
  if (!isOpenIncidentStatus(from)) return [];
  return INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(from));
}

/** Whether an update may move an incident from one status to another, and why not. */
export type IncidentUpdateDecision =
  | { allowed: true; resolves: boolean; changesStatus: boolean }
  | { allowed: false; reason: 'resolved_is_final' | 'status_goes_back'; allowedStatuses: IncidentStatus[] };

/** Decides an update by the status rule above. */
export function decideIncidentUpdate(from: IncidentStatus, to: IncidentStatus): IncidentUpdateDecision {
  const allowedStatuses = allowedNextStatuses(from);
  if (!isOpenIncidentStatus(from)) return { allowed: false, reason: 'resolved_is_final', allowedStatuses };
  if (!allowedStatuses.includes(to)) return { allowed: false, reason: 'status_goes_back', allowedStatuses };
  return { allowed: true, resolves: to === 'resolved', changesStatus: to !== from };
}

/** The event an allowed update is told by: resolution has its own, every other update is `incident.updated`. */
export function incidentUpdateEventType(to: IncidentStatus): 'incident.updated' | 'incident.resolved' {
  return to === 'resolved' ? 'incident.resolved' : 'incident.updated';
}

/** The ids named more than once, in order of their second appearance (a publisher lists each offer once). */
export function repeatedIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const id of ids) {
    if (seen.has(id) && !repeated.includes(id)) repeated.push(id);
    seen.add(id);
  }
  return repeated;
}

/** How an offer is doing, as its status page tells it, from its open incidents. */
export type OfferServiceState = 'operational' | 'maintenance' | 'degraded' | 'outage';

/** The state of an offer from the impacts of its open incidents: the worst one; operational when none is open. */
export function offerServiceState(openImpacts: readonly IncidentImpact[]): OfferServiceState {
  if (openImpacts.includes('outage')) return 'outage';
  if (openImpacts.includes('degraded')) return 'degraded';
  if (openImpacts.includes('maintenance')) return 'maintenance';
  return 'operational';
}

/** How many days back an offer's status page shows resolved incidents. */
export const STATUS_PAGE_DAYS = 90;
