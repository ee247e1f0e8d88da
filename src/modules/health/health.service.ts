/**
 * Use cases of service health (SPEC section 7): a publisher posts an incident for its own offers
 * and updates it until it is resolved; whoever the incident reaches reads it; a partner chooses
 * whether its customers hear of incidents. Every change records its domain event in the same
 * transaction (`incident.posted`, `incident.updated`, `incident.resolved`); the fan-out job finds
 * the recipients later, batch by batch, through `incidentRecipientBatch`.
 *
 * Terminology (incident, update, open, the status rule): see src/core/incident-rules.ts.
 * - reach: the organizations an incident is for — its publisher, the operator, the partners of
 *   record of active subscriptions of its offers, and those subscriptions' customers whose seller
 *   tells its customers (the row policy `sb_incident_visible`).
 */
import { AppError } from '../../core/app-error.ts';
import { etagOf, matchesIfMatch, nextChangeTime } from '../../core/case-rules.ts';
import { permissionDenied, validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import type { EventType } from '../../core/events.ts';
import {
  decideIncidentUpdate, incidentUpdateEventType, isOpenIncidentStatus, offerServiceState, repeatedIds, STATUS_PAGE_DAYS,
  type IncidentImpact, type OfferServiceState, type IncidentStatus, type OpenIncidentStatus,
} from '../../core/incident-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import { requireText } from '../../core/text.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import { createdChanges, diffChanges, recordAudit } from '../audit/index.ts';
import { recordEvents } from '../events/index.ts';
import { findOrganization, organizationNames } from '../identity/index.ts';
import { runIdempotent, withIdempotency } from '../idempotency/index.ts';
import type { HealthErrorCode } from './health.errors.ts';
import * as repo from './health.repository.ts';

const err = (code: HealthErrorCode | CommonErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);
const notFound = () => err('INCIDENT_NOT_FOUND', 'No such incident.');

/** An offer an incident affects. */
export interface PresentedIncidentOffer {
  id: string;
  name: string;
}

/** An update of an incident: the publisher's message and the status after it. */
export interface PresentedIncidentUpdate {
  id: string;
  status: IncidentStatus;
  message: string;
  createdAt: string;
}

/** An incident as the organizations it reaches see it. */
export interface PresentedIncident {
  id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  isOpen: boolean;
  publisher: { id: string; name: string };
  offers: PresentedIncidentOffer[];
  startedAt: string;
  resolvedAt: string | null;
  updatedAt: string;
  version: number;
}

/** An incident with its updates, oldest first. */
export interface PresentedIncidentDetail extends PresentedIncident {
  updates: PresentedIncidentUpdate[];
}

/** An open incident as an affected subscription shows it. */
export interface PresentedOpenIncident {
  id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  startedAt: string;
}

/** A partner's choice of telling its customers of incidents. */
export interface PresentedNoticeSettings {
  partnerId: string;
  notifyCustomersOfIncidents: boolean;
  /** Null until the partner first chooses (the default is not to tell). */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** An organization an incident reached. */
export interface PresentedIncidentReachOrganization {
  id: string;
  name: string;
  kind: 'operator' | 'publisher' | 'partner' | 'customer';
  partnerModel: 'direct' | 'indirect_provider' | 'indirect_reseller' | null;
  firstReachedAt: string;
}

/** Whom an incident reached so far, with a page of the organizations. */
export interface PresentedIncidentReach extends Page<PresentedIncidentReachOrganization> {
  incidentId: string;
  organizations: { partners: number; customers: number; total: number };
  usersNotified: number;
  events: number;
  pendingEvents: number;
}

/** An incident on an offer's status page, with its latest update. */
export interface PresentedStatusIncident {
  id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  startedAt: string;
  resolvedAt: string | null;
  latestUpdate: { status: IncidentStatus; message: string; createdAt: string };
  canOpen: boolean;
}

/** An offer's status page. */
export interface PresentedOfferServiceStatus {
  offer: { id: string; name: string };
  publisher: { id: string; name: string };
  state: OfferServiceState;
  open: PresentedStatusIncident[];
  past: PresentedStatusIncident[];
  days: number;
  since: string;
}

/** What a publisher sends to post an incident. */
export interface PostIncidentInput {
  title: string;
  impact: IncidentImpact;
  offerIds: string[];
  status?: OpenIncidentStatus;
  message: string;
}

/** What a publisher sends to update an incident. */
export interface IncidentUpdateInput {
  status: IncidentStatus;
  message: string;
}

const STATUS_CONFLICT_WORDS = {
  resolved_is_final: 'A resolved incident is final; post a new incident for a new problem.',
  status_goes_back: 'An incident\'s status only moves forward (investigating, identified, monitoring, resolved); tell a setback in an update\'s message.',
} as const;

const iso = (d: Date | string) => new Date(d).toISOString();

/** An incident with its offers and its publisher's name (publishers are a directory every organization sees). */
function presentIncident(i: repo.IncidentRecord, offers: readonly repo.IncidentOfferRecord[], names: ReadonlyMap<string, string>): PresentedIncident {
  return {
    id: i.id, title: i.title, impact: i.impact, status: i.status, isOpen: isOpenIncidentStatus(i.status),
    publisher: { id: i.publisher_id, name: names.get(i.publisher_id) ?? '' },
    offers: offers.filter((o) => o.incident_id === i.id).map((o) => ({ id: o.offer_id, name: o.name })),
    startedAt: iso(i.started_at), resolvedAt: i.resolved_at ? iso(i.resolved_at) : null, updatedAt: iso(i.updated_at), version: i.version,
  };
}

function presentUpdate(u: repo.IncidentUpdateRecord): PresentedIncidentUpdate {
  return { id: u.id, status: u.status, message: u.message, createdAt: iso(u.created_at) };
}

/** The payload of an incident event, with the keys describeEvent (src/core/events.ts) reads. */
function eventData(i: { id: string; title: string; impact: IncidentImpact; status: IncidentStatus; publisherId: string; publisherName: string; startedAt: Date; resolvedAt: Date | null }, offers: readonly PresentedIncidentOffer[], message: string): Record<string, unknown> {
  return {
    incidentId: i.id, title: i.title, impact: i.impact, status: i.status, publisherId: i.publisherId, publisherName: i.publisherName,
    offers: offers.map((o) => ({ id: o.id, name: o.name })), message, startedAt: i.startedAt.toISOString(), resolvedAt: i.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * The open incidents of the offers of a page of subscriptions that the viewer may see, by offer,
 * newest first — in one statement, in the caller's transaction. Empty for a viewer whose roles
 * don't read incidents.
 */
export async function listOpenIncidentsByOffer(tx: Tx, viewer: Viewer, offerIds: readonly string[]): Promise<Map<string, PresentedOpenIncident[]>> {
  const byOffer = new Map<string, PresentedOpenIncident[]>();
  if (!can(viewer, 'incidents.read') || offerIds.length === 0) return byOffer;
  for (const r of await repo.listOpenIncidentsOfOffers(tx, viewer, offerIds)) {
    const list = byOffer.get(r.offer_id) ?? [];
    list.push({ id: r.id, title: r.title, impact: r.impact, status: r.status, startedAt: iso(r.started_at) });
    byOffer.set(r.offer_id, list);
  }
  return byOffer;
}

/**
 * The organizations one batch of an incident's active subscriptions reaches, for the fan-out
 * (owner transaction): see health.repository.ts. `lastSubscriptionId` is where the next batch
 * starts; null when this batch read no subscription (the walk is over).
 */
export function incidentRecipientBatch(tx: Tx, incidentId: string, afterSubscriptionId: string | null, limit: number): Promise<{ orgIds: string[]; lastSubscriptionId: string | null }> {
  return repo.incidentRecipientBatch(tx, incidentId, afterSubscriptionId, limit);
}

/** Builds the service-health use cases over a database. */
export function createHealthService(deps: {
  db: Database;
  /** The clock and the id source (default: the system's). */
  now?: () => Date; newId?: NewId;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;

  /** Only a publisher's users who manage incidents post and update them. */
  function checkManage(viewer: Viewer, action: string): void {
    if (viewer.orgKind !== 'publisher' || !can(viewer, 'incidents.manage')) throw permissionDenied(action);
  }

  /** Notice settings are a partner's own: other kinds are refused whatever their roles. */
  function checkNotices(viewer: Viewer, action: string): void {
    if (viewer.orgKind !== 'partner' || !can(viewer, 'notices.manage')) throw permissionDenied(action);
  }

  /** The incident with its offers and updates, read in the caller's transaction; 404 when the viewer may not see it. */
  async function load(tx: Tx, viewer: Viewer, id: string): Promise<PresentedIncidentDetail> {
    const incident = await repo.findIncident(tx, viewer, id);
    if (!incident) throw notFound();
    const offers = await repo.listIncidentOffers(tx, viewer, [id]);
    const updates = await repo.listUpdates(tx, viewer, id);
    return { ...presentIncident(incident, offers, await organizationNames(tx, [incident.publisher_id])), updates: updates.map(presentUpdate) };
  }

  /** The viewer's own offers among those named, in the order named: 404 for unknown ones, 422 for others'. */
  async function ownOffers(tx: Tx, viewer: Viewer, offerIds: readonly string[]): Promise<PresentedIncidentOffer[]> {
    const found = new Map((await repo.findOffers(tx, offerIds)).map((o) => [o.id, o]));
    const unknown = offerIds.filter((id) => !found.has(id));
    if (unknown.length > 0) throw err('OFFER_NOT_FOUND', `No such offer: ${unknown.join(', ')}.`, { offerIds: unknown });
    const foreign = offerIds.filter((id) => found.get(id)!.publisher_id !== viewer.orgId);
    if (foreign.length > 0) {
      throw err('INCIDENT_OFFER_NOT_OWN', `Incidents are posted for your own offers only; not yours: ${foreign.join(', ')}.`, { offerIds: foreign });
    }
    return offerIds.map((id) => ({ id, name: found.get(id)!.name }));
  }

  return {
    /**
     * Posts an incident for the publisher's own offers, open in the status given (investigating
     * by default), with its first message as its first update, and records `incident.posted`.
     * With an Idempotency-Key, a retry with the same input answers the first answer again.
     */
    async post(viewer: Viewer, idempotencyKey: string | undefined, input: PostIncidentInput): Promise<{ incident: PresentedIncidentDetail; replayed: boolean }> {
      checkManage(viewer, 'post incidents');
      const title = requireText(input.title, 'body.title');
      const message = requireText(input.message, 'body.message');
      const repeated = repeatedIds(input.offerIds);
      if (repeated.length > 0) throw validationFailed('body.offerIds', `names ${repeated.join(', ')} more than once`);
      const status: OpenIncidentStatus = input.status ?? 'investigating';
      return db.withTenant(viewer, async (tx) => {
        const { value, replayed } = await runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'incidents.post', input, now: now() }, async () => {
          const offers = await ownOffers(tx, viewer, input.offerIds);
          const publisherName = (await findOrganization(tx, viewer.orgId))?.name ?? '';
          const at = now();
          const id = newId('incident', at.getTime());
          await repo.insertIncident(tx, viewer, {
            id, title, impact: input.impact, status, created_by: viewer.userId,
            started_at: at, resolved_at: null, updated_at: at,
          });
          await repo.insertIncidentOffers(tx, viewer, offers.map((o) => ({ incident_id: id, offer_id: o.id, is_open: true })));
          await repo.insertUpdate(tx, viewer, {
            id: newId('incidentUpdate', at.getTime()), incident_id: id, status, message,
            created_by: viewer.userId, created_at: at,
          });
          await recordEvents(tx, { orgId: viewer.orgId, userId: viewer.userId }, [{
            type: 'incident.posted', subjectType: 'incident', subjectId: id, audienceOrgIds: null,
            data: eventData({ id, title, impact: input.impact, status, publisherId: viewer.orgId, publisherName, startedAt: at, resolvedAt: null }, offers, message),
          }], at, newId);
          await recordAudit(tx, viewer, [{
            action: 'incident.posted', subjectType: 'incident', subjectId: id,
            changes: createdChanges({ title, impact: input.impact, status, offerIds: offers.map((o) => o.id) }),
          }]);
          return load(tx, viewer, id);
        });
        return { incident: value, replayed };
      });
    },

    /**
     * Adds an update to the publisher's own open incident: a message and the status after it, by
     * the status rule (forward only, steps may be skipped, resolved is final). An update to
     * `resolved` resolves it — its offers are no longer affected — and records `incident.resolved`;
     * any other records `incident.updated`. If-Match, when sent, must name the current version.
     */
    async addUpdate(viewer: Viewer, incidentId: string, ifMatch: string | undefined, input: IncidentUpdateInput, idempotencyKey?: string): Promise<{ update: PresentedIncidentUpdate; incident: PresentedIncidentDetail; replayed: boolean }> {
      const message = requireText(input.message, 'body.message');
      // A retry of an update that went through answers the first answer, before If-Match is checked.
      return db.withTenant(viewer, (tx) => withIdempotency(tx, viewer, { key: idempotencyKey, operation: 'incidents.update', input: { incidentId, ...input }, now: now() }, async () => {
        const seen = await repo.findIncident(tx, viewer, incidentId);
        if (!seen) throw notFound();
        checkManage(viewer, 'update incidents');
        if (seen.publisher_id !== viewer.orgId) throw err('PERMISSION_DENIED', 'Only the incident\'s publisher updates it.');
        const incident = await repo.lockOwnIncident(tx, viewer, incidentId);
        if (!incident) throw notFound();
        if (!matchesIfMatch(ifMatch, incident.version)) {
          throw err('INCIDENT_VERSION_CONFLICT', `The incident is at version ${incident.version}; read it again and retry with If-Match: ${etagOf(incident.version)}.`, { currentVersion: incident.version });
        }
        const d = decideIncidentUpdate(incident.status, input.status);
        if (!d.allowed) {
          throw err('INCIDENT_STATUS_CONFLICT', STATUS_CONFLICT_WORDS[d.reason], { incidentStatus: incident.status, allowedStatuses: d.allowedStatuses, reason: d.reason });
        }
        const at = nextChangeTime(now(), new Date(incident.updated_at));
        const resolvedAt = d.resolves ? at : null;
        if (!(await repo.updateIncident(tx, viewer, incident.id, incident.version, { status: input.status, resolved_at: resolvedAt, updated_at: at }))) {
          throw err('INCIDENT_VERSION_CONFLICT', 'The incident changed while this request ran; read it again.', { currentVersion: incident.version + 1 });
        }
        if (d.resolves) await repo.closeIncidentOffers(tx, viewer, incident.id);
        const updateId = newId('incidentUpdate', at.getTime());
        await repo.insertUpdate(tx, viewer, {
          id: updateId, incident_id: incident.id, status: input.status, message, created_by: viewer.userId, created_at: at,
        });
        const presented = await load(tx, viewer, incident.id);
        const type: EventType = incidentUpdateEventType(input.status);
        await recordEvents(tx, { orgId: viewer.orgId, userId: viewer.userId }, [{
          type, subjectType: 'incident', subjectId: incident.id, audienceOrgIds: null,
          data: eventData({
            id: incident.id, title: incident.title, impact: incident.impact, status: input.status, publisherId: viewer.orgId,
            publisherName: presented.publisher.name, startedAt: new Date(incident.started_at), resolvedAt,
          }, presented.offers, message),
        }], at, newId);
        await recordAudit(tx, viewer, [{
          action: d.resolves ? 'incident.resolved' : 'incident.updated', subjectType: 'incident', subjectId: incident.id,
          changes: diffChanges({ status: incident.status }, { status: input.status }),
          details: { updateId, message: message.slice(0, 500) },
        }]);
        const update = presented.updates.find((u) => u.id === updateId)!;
        return { update, incident: presented };
      }));
    },

    /** One incident the viewer's organization is reached by, with its offers and updates. */
    async get(viewer: Viewer, incidentId: string): Promise<PresentedIncidentDetail> {
      return db.withTenant(viewer, async (tx) => {
        const presented = await load(tx, viewer, incidentId);
        if (!can(viewer, 'incidents.read')) throw permissionDenied('read incidents');
        return presented;
      });
    },

    /** The incidents the viewer's organization is reached by, newest first; open, resolved or all, of one offer or any. */
    async list(viewer: Viewer, q: { status: 'open' | 'resolved' | 'all'; offerId?: string; cursor?: string; limit: number }): Promise<Page<PresentedIncident>> {
      if (!can(viewer, 'incidents.read')) throw permissionDenied('read incidents');
      const after = readCursor(q.cursor, ['timestamp', 'string']);
      return db.withTenant(viewer, async (tx) => {
        const rows = await repo.listIncidents(tx, viewer, { status: q.status, offerId: q.offerId, after, limit: q.limit });
        const kept = rows.slice(0, q.limit);
        const offers = await repo.listIncidentOffers(tx, viewer, kept.map((r) => r.id));
        const names = await organizationNames(tx, kept.map((r) => r.publisher_id));
        return toPage(rows, q.limit, (r) => [iso(r.started_at), r.id], (r) => presentIncident(r, offers, names));
      });
    },

    /**
     * Whom the incident reached: the organizations its events were delivered to so far (by the
     * fan-out), users notified, and whether delivery is still under way. Only the incident's
     * publisher (any of its users who read incidents) and the operator: another organization the
     * incident reaches is refused (403); one it does not reach does not see it (404).
     */
    async reach(viewer: Viewer, incidentId: string, q: { cursor?: string; limit: number }): Promise<PresentedIncidentReach> {
      const after = readCursor(q.cursor, ['string', 'string']);
      return db.withTenant(viewer, async (tx) => {
        const incident = await repo.findIncident(tx, viewer, incidentId);
        if (!incident) throw notFound();
        if (!can(viewer, 'incidents.read') || !(viewer.orgKind === 'operator' || incident.publisher_id === viewer.orgId)) {
          throw err('PERMISSION_DENIED', 'Only the incident\'s publisher and the operator see whom it reached.');
        }
        const summary = await repo.incidentReachSummary(tx, incidentId);
        const rows = await repo.incidentReachOrgs(tx, incidentId, after, q.limit);
        const page = toPage(rows, q.limit, (r) => [r.name, r.org_id], (r): PresentedIncidentReachOrganization => ({
          id: r.org_id, name: r.name, kind: r.kind as PresentedIncidentReachOrganization['kind'],
          partnerModel: r.partner_model as PresentedIncidentReachOrganization['partnerModel'], firstReachedAt: iso(r.first_reached_at),
        }));
        return {
          incidentId,
          organizations: { partners: summary.partners, customers: summary.customers, total: summary.partners + summary.customers + summary.others },
          usersNotified: summary.users, events: summary.events, pendingEvents: summary.pending_events,
          ...page,
        };
      });
    },

    /**
     * An offer's status page, for every signed-in organization whose roles read incidents: its
     * state from its open incidents (the worst impact), those incidents with their latest update,
     * and the incidents resolved in the past STATUS_PAGE_DAYS days. Whether each incident may be
     * opened is the incident's own visibility; nothing says who holds the offer.
     */
    async offerStatus(viewer: Viewer, offerId: string): Promise<PresentedOfferServiceStatus> {
      if (!can(viewer, 'incidents.read')) throw permissionDenied('read service status');
      const at = now();
      const since = new Date(at.getTime() - STATUS_PAGE_DAYS * 86_400_000);
      return db.withTenant(viewer, async (tx) => {
        const offer = await repo.findOffer(tx, offerId);
        if (!offer) throw err('OFFER_NOT_FOUND', `No such offer: ${offerId}.`, { offerIds: [offerId] });
        const rows = await repo.offerStatusIncidents(tx, offerId, since);
        const names = await organizationNames(tx, [offer.publisher_id]);
        const present = (r: repo.OfferStatusIncidentRecord): PresentedStatusIncident => ({
          id: r.id, title: r.title, impact: r.impact, status: r.status, startedAt: iso(r.started_at), resolvedAt: r.resolved_at ? iso(r.resolved_at) : null,
          latestUpdate: { status: r.latest_status, message: r.latest_message, createdAt: iso(r.latest_at) }, canOpen: r.visible,
        });
        const open = rows.filter((r) => isOpenIncidentStatus(r.status)).map(present);
        const past = rows.filter((r) => !isOpenIncidentStatus(r.status) && r.resolved_at && new Date(r.resolved_at) >= since).map(present);
        return {
          offer: { id: offer.id, name: offer.name }, publisher: { id: offer.publisher_id, name: names.get(offer.publisher_id) ?? '' },
          state: offerServiceState(open.map((i) => i.impact)), open, past, days: STATUS_PAGE_DAYS, since: iso(since),
        };
      });
    },

    /** The partner's choice of telling its customers of incidents (not telling until it chooses). */
    async getNoticeSettings(viewer: Viewer): Promise<PresentedNoticeSettings> {
      checkNotices(viewer, 'read notice settings');
      return db.withTenant(viewer, async (tx) => presentNoticeSettings(viewer.orgId, await repo.findNoticeSettings(tx, viewer)));
    },

    /** Sets whether the partner's customers hear of incidents of the offers they subscribe to through it. */
    async setNoticeSettings(viewer: Viewer, input: { notifyCustomersOfIncidents: boolean }): Promise<PresentedNoticeSettings> {
      checkNotices(viewer, 'change notice settings');
      return db.withTenant(viewer, async (tx) => {
        const before = (await repo.findNoticeSettings(tx, viewer))?.notify_customers_of_incidents ?? false;
        await repo.upsertNoticeSettings(tx, viewer, input.notifyCustomersOfIncidents, now());
        await recordAudit(tx, viewer, [{
          action: 'notice_settings.changed', subjectType: 'partner_notice_settings', subjectId: viewer.orgId,
          changes: diffChanges({ notifyCustomersOfIncidents: before }, { notifyCustomersOfIncidents: input.notifyCustomersOfIncidents }), skipUnchanged: true,
        }]);
        return presentNoticeSettings(viewer.orgId, await repo.findNoticeSettings(tx, viewer));
      });
    },
  };
}

function presentNoticeSettings(partnerId: string, row: Awaited<ReturnType<typeof repo.findNoticeSettings>>): PresentedNoticeSettings {
  return {
    partnerId,
    notifyCustomersOfIncidents: row?.notify_customers_of_incidents ?? false,
    updatedAt: row ? iso(row.updated_at) : null,
    updatedBy: row?.updated_by ?? null,
  };
}

/** The service-health use cases, as the routes and the composition root receive them. */
export type HealthService = ReturnType<typeof createHealthService>;
