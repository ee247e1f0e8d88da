/**
 * The only SQL of the routing context: partners' routing preferences, and the few reads routing
 * needs that no other context's public face offers (the SECURITY DEFINER look-ups that let a
 * customer or publisher route through what the row policies hide from it). Every function takes
 * the transaction its caller opened; the preferences, the viewer's own, take the viewer too, while
 * the look-ups check the transaction's organization themselves. Organizations (the operator, names)
 * are identity's, read through its index.
 */
import { sql } from 'kysely';
import type { Viewer } from '../../core/parties.ts';
import type { PartnerPreference } from '../../core/routing-types.ts';
import type { ChannelSide } from '../../core/support-categories.ts';
import type { Tx } from '../../db/database.ts';

type Scope = Pick<Viewer, 'orgId'>;

/** The viewer's own preferences: the default (offer_id null) first, then per offer. */
export async function listPreferences(tx: Tx, viewer: Scope) {
  return tx.selectFrom('routing_preferences').selectAll().where('partner_id', '=', viewer.orgId)
    .orderBy(sql`offer_id IS NOT NULL`).orderBy('offer_id').execute();
}

/** Sets the viewer's partner-wide default, replacing the one before. */
export async function upsertDefaultPreference(tx: Tx, viewer: Scope & { userId: string }, preference: PartnerPreference, now: Date): Promise<void> {
  await tx.insertInto('routing_preferences')
    .values({ partner_id: viewer.orgId, offer_id: null, preference, updated_by: viewer.userId, updated_at: now })
    .onConflict((oc) => oc.column('partner_id').where('offer_id', 'is', null)
      .doUpdateSet({ preference, updated_by: viewer.userId, updated_at: now }))
    .execute();
}

/** Sets the viewer's preference for one offer, replacing the one before. */
export async function upsertOfferPreference(tx: Tx, viewer: Scope & { userId: string }, offerId: string, preference: PartnerPreference, now: Date): Promise<void> {
  await tx.insertInto('routing_preferences')
    .values({ partner_id: viewer.orgId, offer_id: offerId, preference, updated_by: viewer.userId, updated_at: now })
    .onConflict((oc) => oc.columns(['partner_id', 'offer_id']).where('offer_id', 'is not', null)
      .doUpdateSet({ preference, updated_by: viewer.userId, updated_at: now }))
    .execute();
}

/** Removes the viewer's preference for one offer; whether there was one. */
export async function deleteOfferPreference(tx: Tx, viewer: Scope, offerId: string): Promise<boolean> {
  const r = await tx.deleteFrom('routing_preferences').where('partner_id', '=', viewer.orgId).where('offer_id', '=', offerId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/**
 * The preference that applies to a partner's technical cases of an offer — its own for the offer,
 * else its default — through `sb_routing_preference`, which answers the partner itself, the
 * operator and whoever shares a subscription of the offer with the partner.
 */
export async function findApplicablePreference(tx: Tx, partnerId: string, offerId: string): Promise<{ preference: PartnerPreference; forOffer: boolean } | undefined> {
  const { rows } = await sql<{ preference: PartnerPreference; for_offer: boolean }>`
    SELECT preference, for_offer FROM sb_routing_preference(${partnerId}, ${offerId})`.execute(tx);
  const row = rows[0];
  return row && { preference: row.preference, forOffer: row.for_offer };
}

/**
 * The support split of an indirect subscription's active relationship, through
 * `sb_subscription_support_split` (for a customer or publisher, whom the row policy keeps from
 * splits). Undefined: no active relationship; an empty list: nothing stored (the default).
 */
export async function findSubscriptionSplit(tx: Tx, subscriptionId: string): Promise<{ category: string; firstContact: ChannelSide; handler: ChannelSide }[] | undefined> {
  const { rows } = await sql<{ category: string | null; first_contact: ChannelSide | null; handler: ChannelSide | null }>`
    SELECT category, first_contact, handler FROM sb_subscription_support_split(${subscriptionId})`.execute(tx);
  if (rows.length === 0) return undefined;
  return rows.flatMap((r) => r.category !== null && r.first_contact !== null && r.handler !== null
    ? [{ category: r.category, firstContact: r.first_contact, handler: r.handler }] : []);
}

/**
 * The open incident of an offer that a new technical case links to (the most recent when several
 * are open), through `sb_open_incident_of_offer`: the asker may not see the incident itself (a
 * customer whose seller keeps incidents from its customers), and learns only its id.
 */
export async function findOpenIncidentOfOffer(tx: Tx, offerId: string): Promise<string | null> {
  const { rows } = await sql<{ id: string | null }>`SELECT sb_open_incident_of_offer(${offerId}) AS id`.execute(tx);
  return rows[0]?.id ?? null;
}
