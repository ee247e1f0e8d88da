/**
 * The only SQL of the subscriptions context: subscriptions and the idempotency keys of purchases.
 * Every function takes the transaction its service opened and the viewer; the row policies decide
 * which subscriptions a viewer sees (customer, partners of record, publisher, operator).
 */
import { sql } from 'kysely';
import type { SubscriptionStatus } from '../../core/catalog-rules.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import type { NewSubscription, SubscriptionRow } from '../../db/schema.ts';

type Scope = Pick<Viewer, 'orgId'>;

/**
 * An organization as a sale needs it (kind, model, country, standing). The organizations table
 * belongs to identity, whose public face offers no transaction-bound read; this read stays here so
 * the sale checks one snapshot, and the organizations row policy decides what the viewer sees.
 */
export async function findParty(tx: Tx, viewer: Scope, orgId: string) {
  void viewer;
  return tx.selectFrom('organizations').select(['id', 'kind', 'name', 'partner_model', 'country', 'in_good_standing'])
    .where('id', '=', orgId).executeTakeFirst();
}

/**
 * Statuses of the customer's live subscriptions of an offer: those the viewer sees, and through
 * `sb_live_subscription_statuses` those bought through other partners (only the status, and only
 * for a partner with an active relationship with the customer).
 */
export async function listLiveStatuses(tx: Tx, viewer: Scope, customerId: string, offerId: string): Promise<SubscriptionStatus[]> {
  void viewer;
  const { rows } = await sql<{ status: SubscriptionStatus }>`
    SELECT status FROM subscriptions WHERE customer_id = ${customerId} AND offer_id = ${offerId} AND status <> 'cancelled'
    UNION SELECT s AS status FROM sb_live_subscription_statuses(${customerId}, ${offerId}) AS s`.execute(tx);
  return rows.map((r) => r.status);
}

/** Every partner named on any subscription of an offer (partner, provider or reseller of record). */
export async function listResoldPartnerIds(tx: Tx, viewer: Scope, offerId: string): Promise<string[]> {
  void viewer;
  const { rows } = await sql<{ id: string }>`
    SELECT DISTINCT named.org_id AS id FROM subscriptions s, LATERAL (VALUES (s.partner_id), (s.provider_id), (s.reseller_id)) AS named(org_id)
    WHERE s.offer_id = ${offerId} AND named.org_id IS NOT NULL ORDER BY 1`.execute(tx);
  return rows.map((r) => r.id);
}

/** Records a purchase; the insert policy requires the viewer to be a partner of record. */
export async function insertSubscription(tx: Tx, viewer: Scope, row: NewSubscription) {
  void viewer; // the insert policy requires the viewer to be a partner of record
  await tx.insertInto('subscriptions').values(row).execute();
}

/** One subscription, if the row policy lets the viewer see it. */
export async function findSubscription(tx: Tx, viewer: Scope, id: string): Promise<SubscriptionRow | undefined> {
  void viewer;
  return tx.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of the subscriptions the viewer sees, newest first. */
export async function listSubscriptions(tx: Tx, viewer: Scope, f: {
  status?: SubscriptionStatus; customerId?: string; offerId?: string; after?: [string, string]; limit: number;
}) {
  void viewer;
  let q = tx.selectFrom('subscriptions').selectAll();
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
  void viewer;
  const r = await tx.updateTable('subscriptions').set({
    status: to, updated_at: now,
    ...(to === 'active' && from === 'pending_activation' ? { activated_at: now } : {}),
    ...(to === 'cancelled' ? { cancelled_at: now } : {}),
  }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets the quantity while the subscription is still in `status`; false when it was not. */
export async function updateQuantity(tx: Tx, viewer: Scope, id: string, status: SubscriptionStatus, quantity: number, now: Date): Promise<boolean> {
  void viewer;
  const r = await tx.updateTable('subscriptions').set({ quantity, updated_at: now })
    .where('id', '=', id).where('status', '=', status).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Points the customer's first contact at the provider or the reseller. */
export async function updateSupportContact(tx: Tx, viewer: Scope, id: string, supportContactId: string, now: Date) {
  void viewer;
  await tx.updateTable('subscriptions').set({ support_contact_id: supportContactId, updated_at: now }).where('id', '=', id).execute();
}


/** The name of a subscription's offer, for the words of its events (offers are readable by every organization). */
export async function findOfferName(tx: Tx, viewer: Scope, offerId: string): Promise<string> {
  void viewer;
  const row = await tx.selectFrom('offers').select('name').where('id', '=', offerId).executeTakeFirst();
  return row?.name ?? offerId;
}
