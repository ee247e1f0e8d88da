/**
 * Turns the demo's service health (demo-incidents.data.ts) into rows: each incident's updates are
 * checked by the incident status rule (an incident is posted open, moves forward, resolved is
 * final) and by who may post them, and the partners' notice settings by who may choose them. It
 * also answers which incident of an offer was open at a moment, so the demo's cases link to the
 * incident open when they were opened, as the routing engine links new cases.
 *
 * Terminology: incident, update, open as in core/incident-rules.ts; days ago and keys as in demo.data.ts.
 */
import type { Insertable } from 'kysely';
import { decideIncidentUpdate, isOpenIncidentStatus, type IncidentStatus } from '../core/incident-rules.ts';
import type { OrgKind, Role } from '../core/parties.ts';
import { rolesGrant } from '../core/permissions.ts';
import { newId } from '../db/ids.ts';
import type { IncidentOffersTable, IncidentsTable, IncidentUpdatesTable, PartnerNoticeSettingsTable } from '../db/schema.ts';
import { DEMO_INCIDENTS, DEMO_NOTICE_SETTINGS, type DemoIncident } from './demo-incidents.data.ts';

const DAY_MS = 86_400_000;

/** What the incident builder needs to know of the rest of the demo, by the keys demo.data.ts uses. */
export interface DemoIncidentWorld {
  nowMs: number;
  org(key: string): { id: string; kind: OrgKind; joinedDaysAgo: number };
  user(email: string): { id: string; org: string; roles: readonly Role[] };
  /** The publisher organization key of an offer. */
  publisherKeyOf(offerId: string): string;
}

/** Every service-health row of the demo, ready to insert, and the incident of an offer open at a moment. */
export interface DemoIncidentRows {
  incidents: Insertable<IncidentsTable>[];
  incidentOffers: Insertable<IncidentOffersTable>[];
  updates: Insertable<IncidentUpdatesTable>[];
  noticeSettings: Insertable<PartnerNoticeSettingsTable>[];
  /** The most recent incident of the offer open at `atMs` (posted before, not resolved by then); null when none. */
  openIncidentAt(offerId: string, atMs: number): string | null;
}

// A mistake in demo-incidents.data.ts is a bug of this module: it stops the load before anything is written.
function invalid(message: string): never {
  throw new Error(`Invalid demo incident data: ${message}`);
}

/** Builds the incidents, their offers and updates, and the partners' notice settings of the demo. */
export function buildDemoIncidentRows(world: DemoIncidentWorld): DemoIncidentRows {
  const at = (daysAgo: number) => new Date(world.nowMs - daysAgo * DAY_MS);
  const rows: Omit<DemoIncidentRows, 'openIncidentAt'> = { incidents: [], incidentOffers: [], updates: [], noticeSettings: [] };
  const windows: { id: string; offers: readonly string[]; fromMs: number; untilMs: number | null }[] = [];

  for (const incident of DEMO_INCIDENTS) add(incident);

  for (const n of DEMO_NOTICE_SETTINGS) {
    const partner = world.org(n.partner);
    const by = world.user(n.by);
    if (partner.kind !== 'partner') invalid(`${n.partner} is not a partner`);
    if (by.org !== n.partner || !rolesGrant(by.roles, 'notices.manage')) invalid(`${n.by} does not choose ${n.partner}'s notice settings`);
    if (n.daysAgo > partner.joinedDaysAgo) invalid(`${n.partner} chose before it joined`);
    if (rows.noticeSettings.some((r) => r.partner_id === partner.id)) invalid(`${n.partner} is listed twice`);
    rows.noticeSettings.push({ partner_id: partner.id, notify_customers_of_incidents: n.notifyCustomersOfIncidents, updated_by: by.id, updated_at: at(n.daysAgo) });
  }

  return {
    ...rows,
    openIncidentAt(offerId, atMs) {
      const open = windows.filter((w) => w.offers.includes(offerId) && w.fromMs <= atMs && (w.untilMs === null || atMs < w.untilMs));
      return open.sort((a, b) => b.fromMs - a.fromMs)[0]?.id ?? null;
    },
  };

  function add(incident: DemoIncident): void {
    const where = `incident "${incident.title}"`;
    const publisher = world.org(incident.publisher);
    const by = world.user(incident.by);
    if (publisher.kind !== 'publisher') invalid(`${where}: ${incident.publisher} is not a publisher`);
    if (by.org !== incident.publisher || !rolesGrant(by.roles, 'incidents.manage')) invalid(`${where}: ${incident.by} may not post it`);
    if (incident.offers.length === 0 || new Set(incident.offers).size !== incident.offers.length) invalid(`${where}: needs its offers, each once`);
    for (const offerId of incident.offers) {
      if (world.publisherKeyOf(offerId) !== incident.publisher) invalid(`${where}: ${offerId} is not ${incident.publisher}'s`);
    }
    const [first, ...later] = incident.updates;
    if (!first || !isOpenIncidentStatus(first.status)) invalid(`${where}: is posted open, with a first message`);
    if (first.daysAgo > publisher.joinedDaysAgo || first.daysAgo <= 0) invalid(`${where}: posted outside the publisher's history`);
    const started = at(first.daysAgo);
    const id = newId('incident', started.getTime());
    let status: IncidentStatus = first.status;
    let lastDaysAgo = first.daysAgo;
    let resolvedAt: Date | null = null;
    rows.updates.push({ id: newId('incidentUpdate', started.getTime()), incident_id: id, publisher_id: publisher.id, status, message: first.message, created_by: by.id, created_at: started });
    for (const u of later) {
      if (u.daysAgo >= lastDaysAgo || u.daysAgo <= 0) invalid(`${where}: updates must move forward in time and stay in the past`);
      const d = decideIncidentUpdate(status, u.status);
      if (!d.allowed) invalid(`${where}: the status rule refuses ${status} → ${u.status} (${d.reason})`);
      const when = at(u.daysAgo);
      if (d.resolves) resolvedAt = when;
      rows.updates.push({ id: newId('incidentUpdate', when.getTime()), incident_id: id, publisher_id: publisher.id, status: u.status, message: u.message, created_by: by.id, created_at: when });
      status = u.status;
      lastDaysAgo = u.daysAgo;
    }
    rows.incidents.push({
      id, publisher_id: publisher.id, title: incident.title, impact: incident.impact, status, created_by: by.id,
      started_at: started, resolved_at: resolvedAt, updated_at: at(lastDaysAgo), version: incident.updates.length,
    });
    for (const offerId of incident.offers) {
      rows.incidentOffers.push({ incident_id: id, offer_id: offerId, publisher_id: publisher.id, is_open: resolvedAt === null });
    }
    windows.push({ id, offers: incident.offers, fromMs: started.getTime(), untilMs: resolvedAt?.getTime() ?? null });
  }
}
