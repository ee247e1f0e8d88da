/**
 * The only SQL of the subscriptions context: subscriptions and the idempotency keys of purchases.
 * Every function takes the transaction its service opened. Reads and changes of subscriptions take
 * the viewer and narrow to the subscriptions it is named on (customer, partner of record,
 * publisher; all for the operator), as the row policy does — the two walls. The insert is the
 * policy's alone (the viewer must be a partner of record of the new row). Organizations are
 * identity's, offers the catalog's (their names are open to every organization).
 */
import { sql, type SqlBool } from 'kysely';
import type { SubscriptionStatus } from '../../core/catalog-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { NewSubscription, SubscriptionRow } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId' | 'orgKind'>;

/** The subscriptions the viewer is named on, or all for the operator (as the row policy). */
function mine(tx: Tx, viewer: Scope) {
  const q = tx.selectFrom('subscriptions');
  return viewer.orgKind === 'operator' ? q : q.where(named(viewer));
}

/** The condition "the viewer's organization is named on the subscription". */
function named(viewer: Scope) {
  return sql<SqlBool>`${viewer.orgId} IN (customer_id, partner_id, provider_id, reseller_id, publisher_id)`;
}

/** An update of the subscriptions the viewer is named on (or any, for the operator). */
function updateMine(tx: Tx, viewer: Scope) {
  const q = tx.updateTable('subscriptions');
  return viewer.orgKind === 'operator' ? q : q.where(named(viewer));
}

/**
 * Statuses of the customer's live subscriptions of an offer: those the viewer sees, and through
 * `sb_live_subscription_statuses` those bought through other partners (only the status, and only
 * for a partner with an active relationship with the customer).
 */
export async function listLiveStatuses(tx: Tx, viewer: Scope, customerId: string, offerId: string): Promise<SubscriptionStatus[]> {
  const seen = viewer.orgKind === 'operator' ? sql<SqlBool>`true` : named(viewer);
  const { rows } = await sql<{ status: SubscriptionStatus }>`
    SELECT status FROM subscriptions WHERE customer_id = ${customerId} AND offer_id = ${offerId} AND status <> 'cancelled' AND ${seen}
    UNION SELECT s AS status FROM sb_live_subscription_statuses(${customerId}, ${offerId}) AS s`.execute(tx);
  return rows.map((r) => r.status);
}

/** Every partner named on a subscription of an offer that the viewer is named on too (partner, provider or reseller of record). */
export async function listResoldPartnerIds(tx: Tx, viewer: Scope, offerId: string): Promise<string[]> {
  const seen = viewer.orgKind === 'operator' ? sql<SqlBool>`true` : named(viewer);
  const { rows } = await sql<{ id: string }>`
    SELECT DISTINCT named.org_id AS id FROM (SELECT * FROM subscriptions WHERE offer_id = ${offerId} AND ${seen}) s,
      LATERAL (VALUES (s.partner_id), (s.provider_id), (s.reseller_id)) AS named(org_id)
    WHERE named.org_id IS NOT NULL ORDER BY 1`.execute(tx);
  return rows.map((r) => r.id);
}

/** Records a purchase; the insert policy alone requires the transaction's organization to be a partner of record. */
export async function insertSubscription(tx: Tx, row: NewSubscription) {
  await tx.insertInto('subscriptions').values(row).execute();
}

/** One subscription the viewer is named on (any, for the operator). */
export async function findSubscription(tx: Tx, viewer: Scope, id: string): Promise<SubscriptionRow | undefined> {
  return mine(tx, viewer).selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of the subscriptions the viewer is named on (all, for the operator), newest first. */
export async function listSubscriptions(tx: Tx, viewer: Scope, f: {
  status?: SubscriptionStatus; customerId?: string; offerId?: string; after?: [string, string]; limit: number;
}) {
  let q = mine(tx, viewer).selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.offerId) q = q.where('offer_id', '=', f.offerId);
  if (f.after) {
    const [createdAt, id] = f.after;
    const at = new Date(createdAt);
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

/** Moves a subscription from one status to another; false when it was no longer in `from`. */
export async function updateStatus(tx: Tx, viewer: Scope, id: string, from: SubscriptionStatus, to: SubscriptionStatus, now: Date): Promise<boolean> {
  const r = await updateMine(tx, viewer).set({
    status: to, updated_at: now,
    ...(to === 'active' && from === 'pending_activation' ? { activated_at: now } : {}),
    ...(to === 'cancelled' ? { cancelled_at: now } : {}),
  }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets the quantity while the subscription is still in `status`; false when it was not. */
export async function updateQuantity(tx: Tx, viewer: Scope, id: string, status: SubscriptionStatus, quantity: number, now: Date): Promise<boolean> {
  const r = await updateMine(tx, viewer).set({ quantity, updated_at: now })
    .where('id', '=', id).where('status', '=', status).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Points the customer's first contact at the provider or the reseller. */
export async function updateSupportContact(tx: Tx, viewer: Scope, id: string, supportContactId: string, now: Date) {
  await updateMine(tx, viewer).set({ support_contact_id: supportContactId, updated_at: now }).where('id', '=', id).execute();
}


/** The name of a subscription's offer, for the words of its events (offers are readable by every organization). */
export async function findOfferName(tx: Tx, offerId: string): Promise<string> {
  const row = await tx.selectFrom('offers').select('name').where('id', '=', offerId).executeTakeFirst();
  return row?.name ?? offerId;
}
