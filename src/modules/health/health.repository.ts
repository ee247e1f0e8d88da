/**
 * The only SQL of the service-health context: incidents, their offers and updates, partners'
 * notice settings, and the recipients of an incident's events. Request functions take the tenant
 * transaction their service opened and the viewer: the row policy (`sb_incident_visible`) decides
 * which incidents a viewer sees, and every read here ALSO narrows to incidents the viewer's
 * organization could be reached by — its own as publisher, those of offers it holds active
 * subscriptions of as partner or customer — so a policy mistake alone does not leak (the two
 * walls of ARCHITECTURE.md). A customer's seller's notice setting is the policy's alone to check:
 * the customer may not read another organization's settings. `incidentRecipientBatch` runs in
 * the worker's owner transaction.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { IncidentImpact, IncidentStatus } from '../../core/incident-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { IncidentOffersTable, IncidentsTable, IncidentUpdatesTable, PartnerNoticeSettingsTable } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId' | 'orgKind'>;

/** An incident as the reads answer it (its publisher's name is identity's to tell). */
export type IncidentRecord = Pick<Selectable<IncidentsTable>, 'id' | 'publisher_id' | 'title' | 'impact' | 'status' | 'created_by' | 'started_at' | 'resolved_at' | 'updated_at' | 'version'>;
/** An offer of an incident with the offer's name. */
export type IncidentOfferRecord = Pick<Selectable<IncidentOffersTable>, 'incident_id' | 'offer_id'> & { name: string };
/** An update as stored. */
export type IncidentUpdateRecord = Selectable<IncidentUpdatesTable>;
/** An open incident of an offer, as a subscription shows it. */
export type OpenIncidentRecord = Pick<Selectable<IncidentsTable>, 'id' | 'title' | 'impact' | 'status' | 'started_at'> & { offer_id: string };

/**
 * The application's wall: the incidents whose audience the viewer's organization belongs to by
 * its own rows — all for the operator, its own for a publisher, those of the offers of its active
 * subscriptions for a partner of record or a customer. The row policy narrows customers further.
 */
function reaches(viewer: Scope, incidentColumn: string) {
  const incident = sql.ref(incidentColumn);
  switch (viewer.orgKind) {
    case 'operator':
      return sql<boolean>`true`;
    case 'publisher':
      return sql<boolean>`EXISTS (SELECT 1 FROM incidents own WHERE own.id = ${incident} AND own.publisher_id = ${viewer.orgId})`;
    case 'partner':
      return sql<boolean>`${incident} IN (
        SELECT held.incident_id FROM incident_offers held
        JOIN subscriptions s ON s.offer_id = held.offer_id AND s.status = 'active'
        WHERE s.partner_id = ${viewer.orgId} OR s.provider_id = ${viewer.orgId} OR s.reseller_id = ${viewer.orgId})`;
    case 'customer':
      return sql<boolean>`${incident} IN (
        SELECT held.incident_id FROM incident_offers held
        JOIN subscriptions s ON s.offer_id = held.offer_id AND s.status = 'active' AND s.customer_id = ${viewer.orgId})`;
  }
}

const INCIDENT_COLUMNS = [
  'i.id', 'i.publisher_id', 'i.title', 'i.impact', 'i.status', 'i.created_by', 'i.started_at', 'i.resolved_at', 'i.updated_at', 'i.version',
] as const;

/**
 * Offers among `ids` with their name and publisher. The offers table belongs to the catalog,
 * whose public face reads one offer at a time; an incident names up to 50, checked here in one
 * statement on the same snapshot as the insert (whose row policy checks ownership again).
 */
export async function findOffers(tx: Tx, ids: readonly string[]): Promise<{ id: string; name: string; publisher_id: string }[]> {
  if (ids.length === 0) return [];
  return tx.selectFrom('offers').select(['id', 'name', 'publisher_id']).where('id', 'in', [...ids]).execute();
}

/** Records a new incident of the viewer's organization as its publisher; the insert policy requires it to be a publisher. */
export async function insertIncident(tx: Tx, viewer: Scope, row: Omit<Insertable<IncidentsTable>, 'publisher_id'>): Promise<void> {
  await tx.insertInto('incidents').values({ ...row, publisher_id: viewer.orgId }).execute();
}

/** Records the offers of the viewer's incident; the insert policy requires them to be the viewer's own offers. */
export async function insertIncidentOffers(tx: Tx, viewer: Scope, rows: Omit<Insertable<IncidentOffersTable>, 'publisher_id'>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('incident_offers').values(rows.map((r) => ({ ...r, publisher_id: viewer.orgId }))).execute();
}

/** Records an update of the viewer's incident; the insert policy requires the viewer's organization to be its publisher. */
export async function insertUpdate(tx: Tx, viewer: Scope, row: Omit<Insertable<IncidentUpdatesTable>, 'publisher_id'>): Promise<void> {
  await tx.insertInto('incident_updates').values({ ...row, publisher_id: viewer.orgId }).execute();
}

/** An incident the viewer may see. */
export async function findIncident(tx: Tx, viewer: Scope, id: string): Promise<IncidentRecord | undefined> {
  return tx.selectFrom('incidents as i')
    .select(INCIDENT_COLUMNS)
    .where('i.id', '=', id).where(reaches(viewer, 'i.id'))
    .executeTakeFirst();
}

/** Locks the viewer's own incident until the transaction ends, so updates of one incident run one after another. */
export async function lockOwnIncident(tx: Tx, viewer: Scope, id: string): Promise<Selectable<IncidentsTable> | undefined> {
  return tx.selectFrom('incidents').selectAll().where('id', '=', id).where('publisher_id', '=', viewer.orgId).forUpdate().executeTakeFirst();
}

/** Applies an update to the viewer's own incident still at `version`, incrementing it; false when another change won. */
export async function updateIncident(tx: Tx, viewer: Scope, id: string, version: number, patch: { status: IncidentStatus; resolved_at: Date | null; updated_at: Date }): Promise<boolean> {
  const r = await tx.updateTable('incidents').set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id).where('version', '=', version).where('publisher_id', '=', viewer.orgId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks the offers of the viewer's resolved incident as no longer affected. */
export async function closeIncidentOffers(tx: Tx, viewer: Scope, id: string): Promise<void> {
  await tx.updateTable('incident_offers').set({ is_open: false }).where('incident_id', '=', id).where('publisher_id', '=', viewer.orgId).execute();
}

/** The offers of some incidents the viewer may see, with their names, by offer name. */
export async function listIncidentOffers(tx: Tx, viewer: Scope, incidentIds: readonly string[]): Promise<IncidentOfferRecord[]> {
  if (incidentIds.length === 0) return [];
  return tx.selectFrom('incident_offers as io').innerJoin('offers as o', 'o.id', 'io.offer_id')
    .select(['io.incident_id', 'io.offer_id', 'o.name'])
    .where('io.incident_id', 'in', [...incidentIds]).where(reaches(viewer, 'io.incident_id'))
    .orderBy('o.name').orderBy('io.offer_id').execute();
}

/** The updates of an incident the viewer may see, oldest first. */
export async function listUpdates(tx: Tx, viewer: Scope, incidentId: string): Promise<IncidentUpdateRecord[]> {
  return tx.selectFrom('incident_updates as u').selectAll('u')
    .where('u.incident_id', '=', incidentId).where(reaches(viewer, 'u.incident_id'))
    .orderBy('u.created_at').orderBy('u.id').execute();
}

/** A page of the incidents the viewer may see, newest first, after a key. */
export async function listIncidents(tx: Tx, viewer: Scope, f: {
  status: 'open' | 'resolved' | 'all'; offerId?: string; after?: [string, string]; limit: number;
}): Promise<IncidentRecord[]> {
  let q = tx.selectFrom('incidents as i')
    .select(INCIDENT_COLUMNS)
    .where(reaches(viewer, 'i.id'));
  if (f.status === 'open') q = q.where('i.status', '<>', 'resolved');
  if (f.status === 'resolved') q = q.where('i.status', '=', 'resolved');
  if (f.offerId !== undefined) {
    const offerId = f.offerId;
    q = q.where((eb) => eb.exists(eb.selectFrom('incident_offers as f').select(sql.lit(1).as('one'))
      .whereRef('f.incident_id', '=', 'i.id').where('f.offer_id', '=', offerId)));
  }
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(i.started_at, i.id) < (${new Date(at)}, ${id})`);
  }
  return q.orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').limit(f.limit + 1).execute();
}

/** The open incidents of some offers that the viewer may see, newest first: one statement for a page of subscriptions. */
export async function listOpenIncidentsOfOffers(tx: Tx, viewer: Scope, offerIds: readonly string[]): Promise<OpenIncidentRecord[]> {
  if (offerIds.length === 0) return [];
  return tx.selectFrom('incident_offers as io').innerJoin('incidents as i', 'i.id', 'io.incident_id')
    .select(['io.offer_id', 'i.id', 'i.title', 'i.impact', 'i.status', 'i.started_at'])
    .where('io.offer_id', 'in', [...new Set(offerIds)]).where('io.is_open', '=', true).where('i.status', '<>', 'resolved')
    .where(reaches(viewer, 'i.id'))
    .orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').execute();
}

/** The viewer's own notice setting, if it ever chose one. */
export async function findNoticeSettings(tx: Tx, viewer: Scope): Promise<Selectable<PartnerNoticeSettingsTable> | undefined> {
  return tx.selectFrom('partner_notice_settings').selectAll().where('partner_id', '=', viewer.orgId).executeTakeFirst();
}

/** Sets the viewer's own notice setting, replacing the one before. */
export async function upsertNoticeSettings(tx: Tx, viewer: Scope & { userId: string }, notify: boolean, now: Date): Promise<void> {
  await tx.insertInto('partner_notice_settings')
    .values({ partner_id: viewer.orgId, notify_customers_of_incidents: notify, updated_by: viewer.userId, updated_at: now })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet({ notify_customers_of_incidents: notify, updated_by: viewer.userId, updated_at: now }))
    .execute();
}

/**
 * One batch of an incident's recipients, in the worker's owner transaction: the active
 * subscriptions of the incident's offers after `afterSubscriptionId` in id order, at most `limit`,
 * and the distinct organizations they reach — the partner, provider and reseller of record, and
 * the customer when its seller (the reseller, else the direct partner) tells its customers of
 * incidents. Each offer's subscriptions are read in id order from subscriptions_active_offer_idx
 * (at most `limit` each) and merged, so a batch costs `limit` index reads per offer whatever the
 * offer's size, and a batch boundary never splits or repeats a subscription.
 */
export async function incidentRecipientBatch(tx: Tx, incidentId: string, afterSubscriptionId: string | null, limit: number): Promise<{ orgIds: string[]; lastSubscriptionId: string | null }> {
  const { rows } = await sql<{ last_subscription_id: string | null; org_ids: string[] | null }>`
    WITH page AS (
      SELECT s.id, s.partner_id, s.provider_id, s.reseller_id, s.customer_id
      FROM incident_offers io
      CROSS JOIN LATERAL (
        SELECT sub.id, sub.partner_id, sub.provider_id, sub.reseller_id, sub.customer_id
        FROM subscriptions sub
        WHERE sub.offer_id = io.offer_id AND sub.status = 'active' AND sub.id > coalesce(${afterSubscriptionId}::text, '')
        ORDER BY sub.id LIMIT ${limit}
      ) s
      WHERE io.incident_id = ${incidentId}
      ORDER BY s.id LIMIT ${limit}
    )
    SELECT
      (SELECT max(p.id) FROM page p) AS last_subscription_id,
      (SELECT array_agg(DISTINCT reached.org_id ORDER BY reached.org_id)
       FROM page p
       LEFT JOIN partner_notice_settings n
         ON n.partner_id = coalesce(p.reseller_id, p.partner_id) AND n.notify_customers_of_incidents
       CROSS JOIN LATERAL (VALUES (p.partner_id), (p.provider_id), (p.reseller_id),
         (CASE WHEN n.partner_id IS NOT NULL THEN p.customer_id END)) AS reached(org_id)
       WHERE reached.org_id IS NOT NULL) AS org_ids`.execute(tx);
  const row = rows[0];
  return { orgIds: row?.org_ids ?? [], lastSubscriptionId: row?.last_subscription_id ?? null };
}

/** How far an incident reached: counts of the organizations its events were delivered to, users notified, the fan-out's progress. */
export interface IncidentReachSummaryRecord {
  partners: number; customers: number; others: number; users: number; events: number; pending_events: number;
}

/**
 * Whom an incident reached, through migration 0015's SECURITY DEFINER function: it answers only
 * the incident's publisher and the operator (zeros to anyone else). The service checks the same
 * before asking.
 */
export async function incidentReachSummary(tx: Tx, incidentId: string): Promise<IncidentReachSummaryRecord> {
  const { rows } = await sql<Record<keyof IncidentReachSummaryRecord, string | number>>`
    SELECT * FROM sb_incident_reach_summary(${incidentId})`.execute(tx);
  const r = rows[0];
  const n = (v: string | number | undefined) => Number(v ?? 0);
  return { partners: n(r?.partners), customers: n(r?.customers), others: n(r?.others), users: n(r?.users), events: n(r?.events), pending_events: n(r?.pending_events) };
}

/** An organization an incident reached, with when it was first reached. */
export interface IncidentReachOrgRecord {
  org_id: string; name: string; kind: string; partner_model: string | null; first_reached_at: Date;
}

/** A page of the organizations an incident reached, by name then id, after a key (the incident's publisher and the operator only). */
export async function incidentReachOrgs(tx: Tx, incidentId: string, after: [string, string] | undefined, limit: number): Promise<IncidentReachOrgRecord[]> {
  const { rows } = await sql<IncidentReachOrgRecord>`
    SELECT * FROM sb_incident_reach_orgs(${incidentId}, ${after?.[0] ?? null}::text, ${after?.[1] ?? null}::text, ${limit + 1})`.execute(tx);
  return rows;
}

/** An incident of an offer as its status page shows it, with its latest update. */
export interface OfferStatusIncidentRecord {
  id: string; title: string; impact: IncidentImpact; status: IncidentStatus; started_at: Date; resolved_at: Date | null;
  latest_status: IncidentStatus; latest_message: string; latest_at: Date; visible: boolean;
}

/**
 * The incidents of an offer open now or resolved since `since`, newest first (at most 200), for
 * its status page: through migration 0015's SECURITY DEFINER function, which answers any
 * signed-in organization and says whether the caller may open each incident.
 */
export async function offerStatusIncidents(tx: Tx, offerId: string, since: Date): Promise<OfferStatusIncidentRecord[]> {
  const { rows } = await sql<OfferStatusIncidentRecord>`SELECT * FROM sb_offer_status_incidents(${offerId}, ${since})`.execute(tx);
  return rows;
}

/** One offer's name and publisher (offers are read by every signed-in organization). */
export async function findOffer(tx: Tx, id: string): Promise<{ id: string; name: string; publisher_id: string } | undefined> {
  return tx.selectFrom('offers').select(['id', 'name', 'publisher_id']).where('id', '=', id).executeTakeFirst();
}
