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
