/**
 * The only SQL of the catalog context: offers, their contacts, audience, opt-ins, agreements and
 * plans. Every function takes the transaction its service opened and the viewer; the row
 * policies stand behind each read (contacts are hidden from customers by the database itself).
 */
import { sql } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { CommitmentsRow, ContactRow, LinkRow, OffersTable, PartnerResourcesRow, PriceRow } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;

const OFFER_COLUMNS = [
  'o.id', 'o.publisher_id', 'o.publisher_name', 'o.name', 'o.type', 'o.categories', 'o.summary', 'o.short_description',
  'o.description', 'o.links', 'o.documents', 'o.partner_resources', 'o.csp_audience', 'o.created_at', 'o.updated_at',
] as const;

/** Who reads offers: an indirect provider also learns whether one of its resellers is on an offer's authorized list. */
type OfferScope = Scope & Partial<Pick<Viewer, 'orgKind' | 'partnerModel'>>;

/**
 * Whether an active reseller of the viewer is on the offer's authorized list — for an indirect
 * provider only (false for everyone else). The row policy of offer_authorized_partners shows a
 * provider its own row and its active resellers' only, so any other visible row is a reseller's.
 */
function resellerListed(viewer: OfferScope) {
  return viewer.orgKind === 'partner' && viewer.partnerModel === 'indirect_provider'
    ? sql<boolean>`EXISTS (SELECT 1 FROM offer_authorized_partners r WHERE r.offer_id = o.id AND r.partner_id <> ${viewer.orgId})`
    : sql<boolean>`false`;
}

/** An offer with whether the viewer is on its authorized list (and, for a provider, one of its resellers) and opted in. */
export async function findOffer(tx: Tx, viewer: OfferScope, offerId: string) {
  return tx.selectFrom('offers as o')
    .leftJoin('offer_authorized_partners as ap', (j) => j.onRef('ap.offer_id', '=', 'o.id').on('ap.partner_id', '=', viewer.orgId))
    .leftJoin('offer_optins as oi', (j) => j.onRef('oi.offer_id', '=', 'o.id').on('oi.partner_id', '=', viewer.orgId))
    .select(OFFER_COLUMNS)
    .select([
      sql<boolean>`ap.partner_id IS NOT NULL`.as('on_list'), resellerListed(viewer).as('reseller_listed'),
      sql<boolean>`oi.partner_id IS NOT NULL`.as('opted_in'),
    ])
    .where('o.id', '=', offerId)
    .executeTakeFirst();
}

/**
 * Serializes audience changes against sales of one offer for the rest of the transaction: a
 * change takes the lock alone, sales share it. An advisory lock, because partners can't lock
 * rows of offers they don't own.
 */
export async function lockOfferSales(tx: Tx, offerId: string, mode: 'change' | 'sale'): Promise<void> {
  const key = sql`hashtextextended(${`offer-sales:${offerId}`}, 0)`;
  if (mode === 'change') await sql`SELECT pg_advisory_xact_lock(${key})`.execute(tx);
  else await sql`SELECT pg_advisory_xact_lock_shared(${key})`.execute(tx);
}

/** A page of offers, by rank when searching, else by name. */
export async function listOffers(tx: Tx, viewer: OfferScope, f: {
  search?: { full: string; rest: string; prefix: string | null };
  type?: OffersTable['type'];
  category?: string;
  publisherId?: string;
  afterRank?: [number, string];
  afterName?: [string, string];
  limit: number;
}) {
  const tsquery = f.search
    ? f.search.prefix
      ? sql`(websearch_to_tsquery('simple', ${f.search.full}) || (websearch_to_tsquery('simple', ${f.search.rest}) && to_tsquery('simple', quote_literal(${f.search.prefix}) || ':*')))`
      : sql`websearch_to_tsquery('simple', ${f.search.full})`
    : null;
  const rank = tsquery ? sql<number>`ts_rank(o.search_vector, ${tsquery})::float8` : sql<number>`0::float8`;
  let q = tx.selectFrom('offers as o')
    .leftJoin('offer_authorized_partners as ap', (j) => j.onRef('ap.offer_id', '=', 'o.id').on('ap.partner_id', '=', viewer.orgId))
    .leftJoin('offer_optins as oi', (j) => j.onRef('oi.offer_id', '=', 'o.id').on('oi.partner_id', '=', viewer.orgId))
    .select(OFFER_COLUMNS)
    .select([
      sql<boolean>`ap.partner_id IS NOT NULL`.as('on_list'),
      resellerListed(viewer).as('reseller_listed'),
      sql<boolean>`oi.partner_id IS NOT NULL`.as('opted_in'),
      sql<string>`lower(o.name)`.as('sort_name'),
      rank.as('rank'),
    ]);
  if (tsquery) q = q.where(sql<boolean>`o.search_vector @@ ${tsquery}`);
  if (f.type) q = q.where('o.type', '=', f.type);
  if (f.category) q = q.where(sql<boolean>`o.categories @> ARRAY[${f.category}]::text[]`);
  if (f.publisherId) q = q.where('o.publisher_id', '=', f.publisherId);
  if (tsquery) {
    if (f.afterRank) {
      const [r, id] = f.afterRank;
      q = q.where(sql<boolean>`(${rank} < ${r}::float8 OR (${rank} = ${r}::float8 AND o.id > ${id}))`);
    }
    return q.orderBy(sql`${rank}`, 'desc').orderBy('o.id').limit(f.limit + 1).execute();
  }
  if (f.afterName) {
    const [name, id] = f.afterName;
    q = q.where(sql<boolean>`(lower(o.name), o.id) > (${name}, ${id})`);
  }
  return q.orderBy(sql`lower(o.name)`).orderBy('o.id').limit(f.limit + 1).execute();
}

/** Adds an offer of the viewer's organization. */
export async function insertOffer(tx: Tx, viewer: Scope, row: {
  id: string; publisherName: string; name: string; type: OffersTable['type']; categories: string[]; summary: string;
  shortDescription: string; description: string; links: LinkRow[]; documents: LinkRow[];
  partnerResources: PartnerResourcesRow; cspAudience: OffersTable['csp_audience']; now: Date;
}) {
  await tx.insertInto('offers').values({
    id: row.id, publisher_id: viewer.orgId, publisher_name: row.publisherName, name: row.name, type: row.type,
    categories: row.categories, summary: row.summary, short_description: row.shortDescription, description: row.description,
    links: JSON.stringify(row.links), documents: JSON.stringify(row.documents),
    partner_resources: JSON.stringify(row.partnerResources), csp_audience: row.cspAudience,
    created_at: row.now, updated_at: row.now,
  }).execute();
}

/** Changes an offer of the viewer's organization; fields left undefined keep their value. */
export async function updateOffer(tx: Tx, viewer: Scope, offerId: string, patch: {
  name?: string; type?: OffersTable['type']; categories?: string[]; summary?: string; shortDescription?: string;
  description?: string; links?: LinkRow[]; documents?: LinkRow[]; partnerResources?: PartnerResourcesRow;
  cspAudience?: OffersTable['csp_audience']; now: Date;
}) {
  await tx.updateTable('offers').set({
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.type !== undefined ? { type: patch.type } : {}),
    ...(patch.categories !== undefined ? { categories: patch.categories } : {}),
    ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
    ...(patch.shortDescription !== undefined ? { short_description: patch.shortDescription } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.links !== undefined ? { links: JSON.stringify(patch.links) } : {}),
    ...(patch.documents !== undefined ? { documents: JSON.stringify(patch.documents) } : {}),
    ...(patch.partnerResources !== undefined ? { partner_resources: JSON.stringify(patch.partnerResources) } : {}),
    ...(patch.cspAudience !== undefined ? { csp_audience: patch.cspAudience } : {}),
    updated_at: patch.now,
  }).where('id', '=', offerId).where('publisher_id', '=', viewer.orgId).execute();
}

/** The ISV contacts of an offer; none for a viewer the row policy hides them from (customers): the policy alone decides. */
export async function findContacts(tx: Tx, offerId: string) {
  return tx.selectFrom('offer_contacts').select(['support', 'engineering', 'csp_program']).where('offer_id', '=', offerId).executeTakeFirst();
}

/** Writes the ISV contacts of an offer of the viewer's organization. */
export async function upsertContacts(tx: Tx, viewer: Scope, offerId: string, c: { support: ContactRow; engineering: ContactRow; cspProgram: ContactRow | null }) {
  await tx.insertInto('offer_contacts').values({
    offer_id: offerId, publisher_id: viewer.orgId, support: JSON.stringify(c.support),
    engineering: JSON.stringify(c.engineering), csp_program: JSON.stringify(c.cspProgram),
  }).onConflict((oc) => oc.column('offer_id').doUpdateSet({
    support: JSON.stringify(c.support), engineering: JSON.stringify(c.engineering), csp_program: JSON.stringify(c.cspProgram),
  })).execute();
}

/** The partners authorized to resell an offer, as far as the row policy lets the transaction's organization see them. */
export async function listAuthorizedPartners(tx: Tx, offerId: string): Promise<string[]> {
  const rows = await tx.selectFrom('offer_authorized_partners').select('partner_id').where('offer_id', '=', offerId).orderBy('partner_id').execute();
  return rows.map((r) => r.partner_id);
}

/** Replaces the authorized list of an offer of the viewer's organization. */
export async function replaceAuthorizedPartners(tx: Tx, viewer: Scope, offerId: string, partnerIds: readonly string[], now: Date) {
  let del = tx.deleteFrom('offer_authorized_partners').where('offer_id', '=', offerId).where('publisher_id', '=', viewer.orgId);
  if (partnerIds.length > 0) del = del.where('partner_id', 'not in', [...partnerIds]);
  await del.execute();
  if (partnerIds.length === 0) return;
  await tx.insertInto('offer_authorized_partners')
    .values(partnerIds.map((p) => ({ offer_id: offerId, partner_id: p, publisher_id: viewer.orgId, added_at: now })))
    .onConflict((oc) => oc.columns(['offer_id', 'partner_id']).doNothing())
    .execute();
}

/** The viewer's opt-in to an offer, if any. */
export async function findOptIn(tx: Tx, viewer: Scope, offerId: string) {
  return tx.selectFrom('offer_optins').select(['offer_id', 'partner_id', 'opted_in_by', 'opted_in_at'])
    .where('offer_id', '=', offerId).where('partner_id', '=', viewer.orgId).executeTakeFirst();
}

/** Whether a partner has opted in to an offer, as far as the row policy lets the transaction's organization see (its own, or its active resellers'). */
export async function isOptedIn(tx: Tx, offerId: string, partnerId: string): Promise<boolean> {
  const row = await tx.selectFrom('offer_optins').select('partner_id').where('offer_id', '=', offerId).where('partner_id', '=', partnerId).executeTakeFirst();
  return row !== undefined;
}

/** Opts the viewer's organization in; a second opt-in keeps the first. */
export async function insertOptIn(tx: Tx, viewer: Scope & { userId: string }, offerId: string, publisherId: string, now: Date) {
  await tx.insertInto('offer_optins').values({
    offer_id: offerId, partner_id: viewer.orgId, publisher_id: publisherId, opted_in_by: viewer.userId, opted_in_at: now,
  }).onConflict((oc) => oc.columns(['offer_id', 'partner_id']).doNothing()).execute();
}

/** Opts the viewer's organization out. */
export async function deleteOptIn(tx: Tx, viewer: Scope, offerId: string) {
  await tx.deleteFrom('offer_optins').where('offer_id', '=', offerId).where('partner_id', '=', viewer.orgId).execute();
}

/** The plans of an offer, by id (readable by every signed-in organization: no narrowing). */
export async function listPlans(tx: Tx, offerId: string) {
  return tx.selectFrom('plans').selectAll().where('offer_id', '=', offerId).orderBy('id').execute();
}

/** One plan of an offer. */
export async function findPlan(tx: Tx, offerId: string, planId: string) {
  return tx.selectFrom('plans').selectAll().where('offer_id', '=', offerId).where('id', '=', planId).executeTakeFirst();
}

/** The fields of a plan as the catalog writes them. */
export interface PlanWrite {
  name: string; description: string; billing: 'license' | 'usage'; billingCycles: string[]; terms: string[];
  minQuantity: number; maxQuantity: number; trialDays: number; prices: PriceRow[];
}

/** Adds a plan to an offer of the viewer's organization. */
export async function insertPlan(tx: Tx, viewer: Scope, offerId: string, planId: string, p: PlanWrite, now: Date) {
  await tx.insertInto('plans').values({
    offer_id: offerId, id: planId, publisher_id: viewer.orgId, name: p.name, description: p.description, billing: p.billing,
    billing_cycles: p.billingCycles, terms: p.terms, min_quantity: p.minQuantity, max_quantity: p.maxQuantity,
    trial_days: p.trialDays, prices: JSON.stringify(p.prices), created_at: now,
  }).execute();
}

/** Replaces the fields of a plan of an offer of the viewer's organization. */
export async function updatePlan(tx: Tx, viewer: Scope, offerId: string, planId: string, p: PlanWrite) {
  await tx.updateTable('plans').set({
    name: p.name, description: p.description, billing: p.billing, billing_cycles: p.billingCycles, terms: p.terms,
    min_quantity: p.minQuantity, max_quantity: p.maxQuantity, trial_days: p.trialDays, prices: JSON.stringify(p.prices),
  }).where('offer_id', '=', offerId).where('id', '=', planId).where('publisher_id', '=', viewer.orgId).execute();
}

/** Every version of an offer's agreement, newest first (readable by every signed-in organization: no narrowing). */
export async function listAgreements(tx: Tx, offerId: string) {
  return tx.selectFrom('agreements').selectAll().where('offer_id', '=', offerId).orderBy('version', 'desc').execute();
}

/** The current (latest) version of an offer's agreement. */
export async function findCurrentAgreement(tx: Tx, offerId: string) {
  return tx.selectFrom('agreements').selectAll().where('offer_id', '=', offerId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Publishes a version of an offer's agreement, as the viewer; earlier versions are never touched. */
export async function insertAgreement(tx: Tx, viewer: Scope & Pick<Viewer, 'userId'>, row: { id: string; offerId: string; version: number; title: string; body: string; commitments: CommitmentsRow; now: Date }) {
  await tx.insertInto('agreements').values({
    id: row.id, offer_id: row.offerId, publisher_id: viewer.orgId, version: row.version, title: row.title,
    body: row.body, commitments: JSON.stringify(row.commitments), published_at: row.now, published_by: viewer.userId,
  }).execute();
}

/** Every agreement version of the viewer's own offers, with the offer's name: by offer, newest first. */
export async function listOwnAgreements(tx: Tx, viewer: Scope) {
  return tx.selectFrom('agreements as a').innerJoin('offers as o', 'o.id', 'a.offer_id')
    .select(['a.offer_id', 'o.name as offer_name', 'a.version', 'a.commitments', 'a.published_at', 'a.published_by'])
    .where('a.publisher_id', '=', viewer.orgId).orderBy('a.offer_id').orderBy('a.version', 'desc').execute();
}
