/**
 * The only SQL of the channel context: indirect relationships, their support splits, customer
 * relationships, and the customer organizations partners create. Every function takes the
 * transaction its caller opened and the viewer's scope; the row policies stand behind each read,
 * so a row another organization may not see is simply not found.
 */
import type { Viewer } from '../../core/parties.ts';
import type { SplitRule } from '../../core/support-categories.ts';
import type { Tx } from '../../db/database.ts';
import type { Updateable } from 'kysely';
import type { CustomerRelationshipsTable, IndirectRelationshipsTable } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;
type RelationshipStatus = IndirectRelationshipsTable['status'];

/** The live-and-accepted relationship of a provider–reseller pair, if the viewer may see it. */
export async function findActiveRelationshipByPair(tx: Tx, viewer: Scope, providerId: string, resellerId: string) {
  void viewer; // visibility is the row policy's: only the two sides and the operator see the row
  return tx.selectFrom('indirect_relationships').select(['id', 'provider_id', 'reseller_id'])
    .where('provider_id', '=', providerId).where('reseller_id', '=', resellerId).where('status', '=', 'active')
    .executeTakeFirst();
}

/** The active relationship of a partner with a customer, if the viewer may see it. */
export async function findActiveCustomerRelationship(tx: Tx, viewer: Scope, partnerId: string, customerId: string) {
  void viewer;
  return tx.selectFrom('customer_relationships').select(['id', 'partner_id', 'customer_id', 'status', 'created_at', 'ended_at'])
    .where('partner_id', '=', partnerId).where('customer_id', '=', customerId).where('status', '=', 'active')
    .executeTakeFirst();
}

/** An organization as the channel needs it (kind and model decide who may be invited). */
export async function findOrganization(tx: Tx, viewer: Scope, id: string) {
  void viewer;
  return tx.selectFrom('organizations').select(['id', 'kind', 'name', 'partner_model', 'country', 'created_at'])
    .where('id', '=', id).executeTakeFirst();
}

const relationshipColumns = [
  'ir.id', 'ir.provider_id', 'ir.reseller_id', 'ir.status', 'ir.invited_by', 'ir.invited_at',
  'ir.accepted_at', 'ir.ended_at', 'ir.ended_by_org',
  'p.name as provider_name', 'r.name as reseller_name',
] as const;

function relationshipsWithNames(tx: Tx) {
  return tx.selectFrom('indirect_relationships as ir')
    .leftJoin('organizations as p', 'p.id', 'ir.provider_id')
    .leftJoin('organizations as r', 'r.id', 'ir.reseller_id')
    .select(relationshipColumns);
}

/** One relationship with both sides' names. */
export async function findRelationship(tx: Tx, viewer: Scope, id: string) {
  void viewer;
  return relationshipsWithNames(tx).where('ir.id', '=', id).executeTakeFirst();
}

/** A relationship row as the service presents it. */
export type RelationshipRecord = NonNullable<Awaited<ReturnType<typeof findRelationship>>>;

/** The viewer's relationships, newest first (ids start with their creation time). */
export async function listRelationships(tx: Tx, viewer: Scope, filter: {
  status?: RelationshipStatus; side?: 'provider' | 'reseller'; beforeId?: string; limit: number;
}) {
  let q = relationshipsWithNames(tx);
  if (filter.side === 'provider') q = q.where('ir.provider_id', '=', viewer.orgId);
  if (filter.side === 'reseller') q = q.where('ir.reseller_id', '=', viewer.orgId);
  if (filter.status) q = q.where('ir.status', '=', filter.status);
  if (filter.beforeId) q = q.where('ir.id', '<', filter.beforeId);
  return q.orderBy('ir.id', 'desc').limit(filter.limit + 1).execute();
}

/** Records an invitation from the viewer (the provider) to a reseller. */
export async function insertRelationship(tx: Tx, viewer: Scope & { userId: string }, row: { id: string; resellerId: string; invitedAt: Date }) {
  await tx.insertInto('indirect_relationships').values({
    id: row.id, provider_id: viewer.orgId, reseller_id: row.resellerId, status: 'invited',
    invited_by: viewer.userId, invited_at: row.invitedAt,
  }).execute();
}

/**
 * Moves a relationship out of `from`; answers false when another request moved it first, so
 * two racing accepts or ends can't both win.
 */
export async function updateRelationshipStatus(tx: Tx, viewer: Scope, id: string, from: RelationshipStatus, patch: {
  status: RelationshipStatus; acceptedAt?: Date; endedAt?: Date; endedByOrg?: string;
}): Promise<boolean> {
  void viewer;
  const set: Updateable<IndirectRelationshipsTable> = { status: patch.status };
  if (patch.acceptedAt) set.accepted_at = patch.acceptedAt;
  if (patch.endedAt) set.ended_at = patch.endedAt;
  if (patch.endedByOrg) set.ended_by_org = patch.endedByOrg;
  const r = await tx.updateTable('indirect_relationships').set(set)
    .where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The stored split rows of a relationship (categories without a row take the default). */
export async function listSplit(tx: Tx, viewer: Scope, relationshipId: string) {
  void viewer;
  return tx.selectFrom('support_splits').select(['category', 'first_contact', 'handler'])
    .where('relationship_id', '=', relationshipId).execute();
}

/** Writes split rules of a relationship, replacing the stored rule of each category given. */
export async function upsertSplit(tx: Tx, viewer: Scope, relationship: { id: string; providerId: string; resellerId: string }, rules: readonly SplitRule[]) {
  void viewer;
  if (rules.length === 0) return;
  await tx.insertInto('support_splits').values(rules.map((r) => ({
    relationship_id: relationship.id, provider_id: relationship.providerId, reseller_id: relationship.resellerId,
    category: r.category, first_contact: r.firstContact, handler: r.handler,
  }))).onConflict((oc) => oc.columns(['relationship_id', 'category']).doUpdateSet((eb) => ({
    first_contact: eb.ref('excluded.first_contact'), handler: eb.ref('excluded.handler'),
  }))).execute();
}

/** Creates a customer organization (the row policy lets partners insert customers only). */
export async function insertCustomerOrganization(tx: Tx, viewer: Scope, row: { id: string; name: string; country: string; createdAt: Date }) {
  void viewer; // the partner creating it; the row policy admits customers only
  await tx.insertInto('organizations').values({
    id: row.id, kind: 'customer', name: row.name, partner_model: null, country: row.country, created_at: row.createdAt,
  }).execute();
}

/** Links a customer to the viewer's organization as its partner. */
export async function insertCustomerRelationship(tx: Tx, viewer: Scope, row: { id: string; customerId: string; createdAt: Date }) {
  await tx.insertInto('customer_relationships').values({
    id: row.id, customer_id: row.customerId, partner_id: viewer.orgId, status: 'active', created_at: row.createdAt,
  }).execute();
}

/** Ends the viewer's active relationship with a customer; false when there was none. */
export async function endCustomerRelationship(tx: Tx, viewer: Scope, customerId: string, endedAt: Date): Promise<boolean> {
  const r = await tx.updateTable('customer_relationships').set({ status: 'ended', ended_at: endedAt })
    .where('partner_id', '=', viewer.orgId).where('customer_id', '=', customerId).where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Customers the viewer sees through at least one customer relationship, by name. The row policy
 * on customer_relationships decides whose: one's own, an active reseller's (for its provider), all
 * (for the operator).
 */
export async function listCustomers(tx: Tx, viewer: Scope, filter: {
  q?: string; status?: CustomerRelationshipsTable['status']; after?: [string, string]; limit: number;
}) {
  void viewer;
  let q = tx.selectFrom('organizations as o').select(['o.id', 'o.name', 'o.country', 'o.created_at'])
    .where('o.kind', '=', 'customer')
    .where((eb) => eb.exists(eb.selectFrom('customer_relationships as cr').select('cr.id')
      .whereRef('cr.customer_id', '=', 'o.id')
      .$if(filter.status !== undefined, (sq) => sq.where('cr.status', '=', filter.status!))));
  if (filter.q) q = q.where('o.name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.after) {
    const [name, id] = filter.after;
    q = q.where((eb) => eb.or([eb('o.name', '>', name), eb.and([eb('o.name', '=', name), eb('o.id', '>', id)])]));
  }
  return q.orderBy('o.name').orderBy('o.id').limit(filter.limit + 1).execute();
}

/** One customer, if the viewer sees it through a customer relationship. */
export async function findCustomer(tx: Tx, viewer: Scope, customerId: string) {
  void viewer;
  return tx.selectFrom('organizations as o').select(['o.id', 'o.name', 'o.country', 'o.created_at'])
    .where('o.id', '=', customerId).where('o.kind', '=', 'customer')
    .where((eb) => eb.exists(eb.selectFrom('customer_relationships as cr').select('cr.id').whereRef('cr.customer_id', '=', 'o.id')))
    .executeTakeFirst();
}

/** A customer row as the service presents it. */
export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

/** The customer relationships of these customers that the viewer may see, with each partner. */
export async function listCustomerRelationships(tx: Tx, viewer: Scope, customerIds: readonly string[]) {
  void viewer;
  if (customerIds.length === 0) return [];
  return tx.selectFrom('customer_relationships as cr')
    .leftJoin('organizations as p', 'p.id', 'cr.partner_id')
    .select(['cr.id', 'cr.customer_id', 'cr.partner_id', 'cr.status', 'cr.created_at', 'cr.ended_at', 'p.name as partner_name', 'p.partner_model'])
    .where('cr.customer_id', 'in', customerIds)
    .orderBy('cr.created_at').orderBy('cr.id')
    .execute();
}

/** A customer relationship row with its partner, as the service presents it. */
export type CustomerRelationshipRecord = Awaited<ReturnType<typeof listCustomerRelationships>>[number];
