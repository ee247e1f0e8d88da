/**
 * The only SQL of the channel context: indirect relationships, their support splits and customer
 * relationships. Every function takes the transaction its caller opened. Relationships and splits
 * are their two sides' and the operator's: those reads take the viewer and narrow to it, as their
 * row policies do. Customer relationships are seen by more (the partner, the customer, the provider
 * of an active reseller, the operator): their reads are the row policy's alone and take no viewer.
 * Organizations (names, kinds, the customers themselves) are identity's: read through its index.
 */
import { sql, type Expression, type SqlBool, type Updateable } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { SplitRule } from '../../core/support-categories.ts';
import type { Tx } from '../../db/database.ts';
import type { CustomerRelationshipsTable, IndirectRelationshipsTable } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId' | 'orgKind'>;
type RelationshipStatus = IndirectRelationshipsTable['status'];

/** Relationships the viewer is a side of, or every one for the operator (as the row policy). */
function mine(tx: Tx, viewer: Scope) {
  const q = tx.selectFrom('indirect_relationships as ir');
  return viewer.orgKind === 'operator' ? q
    : q.where((eb) => eb.or([eb('ir.provider_id', '=', viewer.orgId), eb('ir.reseller_id', '=', viewer.orgId)]));
}

/** The live-and-accepted relationship of a provider–reseller pair, if the viewer is a side of it or the operator. */
export async function findActiveRelationshipByPair(tx: Tx, viewer: Scope, providerId: string, resellerId: string) {
  return mine(tx, viewer).select(['ir.id', 'ir.provider_id', 'ir.reseller_id'])
    .where('ir.provider_id', '=', providerId).where('ir.reseller_id', '=', resellerId).where('ir.status', '=', 'active')
    .executeTakeFirst();
}

/** The active relationship of a partner with a customer, as the row policy lets the transaction see it. */
export async function findActiveCustomerRelationship(tx: Tx, partnerId: string, customerId: string) {
  return tx.selectFrom('customer_relationships').select(['id', 'partner_id', 'customer_id', 'status', 'created_at', 'ended_at'])
    .where('partner_id', '=', partnerId).where('customer_id', '=', customerId).where('status', '=', 'active')
    .executeTakeFirst();
}

const relationshipColumns = [
  'ir.id', 'ir.provider_id', 'ir.reseller_id', 'ir.status', 'ir.invited_by', 'ir.invited_at',
  'ir.accepted_at', 'ir.ended_at', 'ir.ended_by_org',
] as const;

/** One relationship the viewer is a side of (or any, for the operator). */
export async function findRelationship(tx: Tx, viewer: Scope, id: string) {
  return mine(tx, viewer).select(relationshipColumns).where('ir.id', '=', id).executeTakeFirst();
}

/** A relationship row as the service presents it (with the sides' names from identity). */
export type RelationshipRecord = NonNullable<Awaited<ReturnType<typeof findRelationship>>>;

/** The viewer's relationships, newest first (ids start with their creation time). */
export async function listRelationships(tx: Tx, viewer: Scope, filter: {
  status?: RelationshipStatus; side?: 'provider' | 'reseller'; beforeId?: string; limit: number;
}) {
  let q = mine(tx, viewer).select(relationshipColumns);
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
 * Moves a relationship the viewer is a side of out of `from`; answers false when another request
 * moved it first, so two racing accepts or ends can't both win.
 */
export async function updateRelationshipStatus(tx: Tx, viewer: Scope, id: string, from: RelationshipStatus, patch: {
  status: RelationshipStatus; acceptedAt?: Date; endedAt?: Date; endedByOrg?: string;
}): Promise<boolean> {
  const set: Updateable<IndirectRelationshipsTable> = { status: patch.status };
  if (patch.acceptedAt) set.accepted_at = patch.acceptedAt;
  if (patch.endedAt) set.ended_at = patch.endedAt;
  if (patch.endedByOrg) set.ended_by_org = patch.endedByOrg;
  const r = await tx.updateTable('indirect_relationships').set(set)
    .where('id', '=', id).where('status', '=', from)
    .where((eb) => eb.or([eb('provider_id', '=', viewer.orgId), eb('reseller_id', '=', viewer.orgId)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The stored split rows of a relationship the viewer is a side of, or any for the operator (categories without a row take the default). */
export async function listSplit(tx: Tx, viewer: Scope, relationshipId: string) {
  let q = tx.selectFrom('support_splits').select(['category', 'first_contact', 'handler'])
    .where('relationship_id', '=', relationshipId);
  if (viewer.orgKind !== 'operator') q = q.where((eb) => eb.or([eb('provider_id', '=', viewer.orgId), eb('reseller_id', '=', viewer.orgId)]));
  return q.execute();
}

/** Writes split rules of the viewer's own relationship as its provider, replacing the stored rule of each category given. */
export async function upsertSplit(tx: Tx, viewer: Scope, relationship: { id: string; resellerId: string }, rules: readonly SplitRule[]) {
  if (rules.length === 0) return;
  await tx.insertInto('support_splits').values(rules.map((r) => ({
    relationship_id: relationship.id, provider_id: viewer.orgId, reseller_id: relationship.resellerId,
    category: r.category, first_contact: r.firstContact, handler: r.handler,
  }))).onConflict((oc) => oc.columns(['relationship_id', 'category']).doUpdateSet((eb) => ({
    first_contact: eb.ref('excluded.first_contact'), handler: eb.ref('excluded.handler'),
  }))).execute();
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

/**
 * Whether the organization of `id` is a customer with a customer relationship the transaction
 * sees (of the status given, if any): the condition channel puts on identity's organization pages.
 * The row policy on customer_relationships decides whose: one's own, an active reseller's (for its
 * provider), all (for the operator).
 */
export function hasCustomerRelationship(tx: Tx, status?: CustomerRelationshipsTable['status']): (id: Expression<string>) => Expression<SqlBool> {
  return (id) => {
    let q = tx.selectFrom('customer_relationships as cr').select('cr.id').where('cr.customer_id', '=', id);
    if (status !== undefined) q = q.where('cr.status', '=', status);
    return sql<SqlBool>`EXISTS (${q})`;
  };
}

/** The customer relationships of these customers that the transaction sees, oldest first. */
export async function listCustomerRelationships(tx: Tx, customerIds: readonly string[]) {
  if (customerIds.length === 0) return [];
  return tx.selectFrom('customer_relationships as cr')
    .select(['cr.id', 'cr.customer_id', 'cr.partner_id', 'cr.status', 'cr.created_at', 'cr.ended_at'])
    .where('cr.customer_id', 'in', [...customerIds])
    .orderBy('cr.created_at').orderBy('cr.id')
    .execute();
}

/** A customer relationship row, as the service presents it (with its partner from identity). */
export type CustomerRelationshipRecord = Awaited<ReturnType<typeof listCustomerRelationships>>[number];
