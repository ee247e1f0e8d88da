/**
 * The life of a subscription (SPEC section 3): created `pending_activation` on purchase; billing
 * starts only when the publisher activates it; then `active`, `suspended`, `cancelled`.
 * Pure: no I/O.
 */
import type { SubscriptionStatus } from './catalog-rules.ts';

/** What can be done to a subscription, and by which side. */
export const SUBSCRIPTION_ACTIONS = ['activate', 'suspend', 'reactivate', 'cancel'] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

const TRANSITIONS: Record<SubscriptionAction, { from: readonly SubscriptionStatus[]; to: SubscriptionStatus }> = {
  activate: { from: ['pending_activation'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'active' },
  cancel: { from: ['pending_activation', 'active', 'suspended'], to: 'cancelled' },
};

/** The status an action leads to, or null when the action is not allowed from `from`. */
export function nextSubscriptionStatus(from: SubscriptionStatus, action: SubscriptionAction): SubscriptionStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** Whether a quantity fits a plan's bounds: a whole number within [min, max]. */
export function isQuantityAllowed(quantity: number, bounds: { minQuantity: number; maxQuantity: number }): boolean {
  return Number.isInteger(quantity) && quantity >= bounds.minQuantity && quantity <= bounds.maxQuantity;
}

/** Whether the quantity of a subscription in this status may change. */
export function isQuantityChangeAllowed(status: SubscriptionStatus): boolean {
  return status === 'active' || status === 'pending_activation';
}

/**
 * The designated support contact: the direct partner in the direct model; in the indirect
 * model the provider by default, or the reseller of record when set to it.
 */
export function designatedSupportContact(chain: {
  partnerId: string | null;
  providerId: string | null;
  resellerId: string | null;
}, choice: 'provider' | 'reseller' = 'provider'): string {
  if (chain.partnerId) return chain.partnerId;
  if (!chain.providerId || !chain.resellerId) throw new Error('An indirect subscription needs a provider and a reseller');
  return choice === 'reseller' ? chain.resellerId : chain.providerId;
}

/** The partners of record of a subscription: a direct partner, or a provider with a reseller. */
export interface PartnerChain {
  partnerId: string | null;
  providerId: string | null;
  resellerId: string | null;
}

/** Who buys and for whom: the chain a purchase records and the partner who sells to the customer. */
export type PurchaseChain =
  | { ok: true; chain: PartnerChain; sellerId: string; indirect: boolean }
  | { ok: false; field: 'resellerId' | 'providerId'; message: string };

/**
 * Decides the chain of a purchase from the buyer's partner model: a direct partner sells alone;
 * an indirect provider names the reseller of record; an indirect reseller names its provider.
 * The other side's id is refused rather than ignored, so a confused client learns at once.
 */
export function decidePurchaseChain(buyer: { orgId: string; partnerModel: 'direct' | 'indirect_provider' | 'indirect_reseller' },
  named: { resellerId?: string; providerId?: string }): PurchaseChain {
  if (buyer.partnerModel === 'direct') {
    if (named.resellerId !== undefined) return { ok: false, field: 'resellerId', message: 'only an indirect provider names a reseller' };
    if (named.providerId !== undefined) return { ok: false, field: 'providerId', message: 'only an indirect reseller names a provider' };
    return { ok: true, chain: { partnerId: buyer.orgId, providerId: null, resellerId: null }, sellerId: buyer.orgId, indirect: false };
  }
  if (buyer.partnerModel === 'indirect_provider') {
    if (named.providerId !== undefined) return { ok: false, field: 'providerId', message: 'a provider buys as itself; name the reseller of record' };
    if (named.resellerId === undefined) return { ok: false, field: 'resellerId', message: 'is required when an indirect provider buys' };
    if (named.resellerId === buyer.orgId) return { ok: false, field: 'resellerId', message: 'must be another organization' };
    return { ok: true, chain: { partnerId: null, providerId: buyer.orgId, resellerId: named.resellerId }, sellerId: named.resellerId, indirect: true };
  }
  if (named.resellerId !== undefined) return { ok: false, field: 'resellerId', message: 'a reseller buys as itself; name the provider' };
  if (named.providerId === undefined) return { ok: false, field: 'providerId', message: 'is required when an indirect reseller buys' };
  if (named.providerId === buyer.orgId) return { ok: false, field: 'providerId', message: 'must be another organization' };
  return { ok: true, chain: { partnerId: null, providerId: named.providerId, resellerId: buyer.orgId }, sellerId: buyer.orgId, indirect: true };
}

/** Whether an organization is a partner of record of a subscription (and so may manage it). */
export function isPartnerOfRecord(chain: PartnerChain, orgId: string): boolean {
  return chain.partnerId === orgId || chain.providerId === orgId || chain.resellerId === orgId;
}

/** Which side the designated support contact is: the direct partner, the provider or the reseller. */
export function supportContactSide(chain: PartnerChain, supportContactId: string): 'partner' | 'provider' | 'reseller' {
  if (chain.partnerId) return 'partner';
  return supportContactId === chain.resellerId ? 'reseller' : 'provider';
}
