/**
 * The life of an indirect relationship between a provider and a reseller (SPEC section 1), and
 * which parties may take part in the channel. Pure: no I/O.
 *
 * Terminology:
 * - invitation: a relationship in status `invited`, made by the provider, waiting on the reseller.
 * - live: `invited` or `active`; a pair has at most one live relationship at a time.
 * - side: which end of the relationship the viewer's organization is (see ChannelSide).
 */
import type { OrgKind, PartnerModel } from './parties.ts';
import type { ChannelSide } from './support-categories.ts';

/** The statuses of an indirect relationship. */
export const RELATIONSHIP_STATUSES = ['invited', 'active', 'ended'] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

/** What either side can do to a relationship after the invitation. */
export const RELATIONSHIP_ACTIONS = ['accept', 'decline', 'end'] as const;
export type RelationshipAction = (typeof RELATIONSHIP_ACTIONS)[number];

const TRANSITIONS: Record<RelationshipAction, { from: readonly RelationshipStatus[]; to: RelationshipStatus; by: readonly ChannelSide[] }> = {
  // Only the invited reseller answers an invitation.
  accept: { from: ['invited'], to: 'active', by: ['reseller'] },
  decline: { from: ['invited'], to: 'ended', by: ['reseller'] },
  // Either side may walk away: the provider withdraws an invitation or ends the partnership.
  end: { from: ['invited', 'active'], to: 'ended', by: ['provider', 'reseller'] },
};

/** The outcome of an action: the next status, or why it is refused (as data, with what would be allowed). */
export type RelationshipDecision =
  | { allowed: true; to: RelationshipStatus }
  | { allowed: false; reason: 'wrong_side'; sides: readonly ChannelSide[] }
  | { allowed: false; reason: 'wrong_status'; from: readonly RelationshipStatus[] };

/**
 * Decides an action on a relationship in `status` by the viewer's `side` (null for someone on
 * neither side, such as the operator). The side is checked first: a party that may never take
 * the action is told so rather than being told about the status.
 */
export function decideRelationshipAction(status: RelationshipStatus, action: RelationshipAction, side: ChannelSide | null): RelationshipDecision {
  const t = TRANSITIONS[action];
  if (side === null || !t.by.includes(side)) return { allowed: false, reason: 'wrong_side', sides: t.by };
  if (!t.from.includes(status)) return { allowed: false, reason: 'wrong_status', from: t.from };
  return { allowed: true, to: t.to };
}

/** Whether a relationship in this status may have its split changed: not once it has ended. */
export function isSplitChangeAllowed(status: RelationshipStatus): boolean {
  return status === 'invited' || status === 'active';
}

/** Which side of a relationship an organization is on, or null when on neither. */
export function sideOf(relationship: { providerId: string; resellerId: string }, orgId: string): ChannelSide | null {
  if (relationship.providerId === orgId) return 'provider';
  if (relationship.resellerId === orgId) return 'reseller';
  return null;
}

/** Whether an organization invites resellers: only indirect providers sell through them. */
export function isIndirectProvider(party: { orgKind: OrgKind; partnerModel: PartnerModel | null }): boolean {
  return party.orgKind === 'partner' && party.partnerModel === 'indirect_provider';
}

/** Whether an organization can be invited as a reseller. */
export function isIndirectReseller(party: { orgKind: OrgKind; partnerModel: PartnerModel | null }): boolean {
  return party.orgKind === 'partner' && party.partnerModel === 'indirect_reseller';
}

/**
 * Whether an organization sells to customers directly and so keeps customer relationships: a
 * direct partner or an indirect reseller (a provider reaches customers through its resellers).
 */
export function sellsToCustomers(party: { orgKind: OrgKind; partnerModel: PartnerModel | null }): boolean {
  return party.orgKind === 'partner' && (party.partnerModel === 'direct' || party.partnerModel === 'indirect_reseller');
}
