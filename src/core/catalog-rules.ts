/**
 * Rules of the catalog: offer identifiers, the CSP audience and its transitions, and whether a
 * plan can be bought for a customer (SPEC section 3). Pure: no I/O, every fact is an argument.
 *
 * Terminology:
 * - CSP audience: which partners may resell an offer — `any`, `specific` (an authorized list,
 *   shown to partners as *exclusive*) or `none`.
 * - resold: a partner has resold an offer once any subscription of it names the partner as
 *   partner of record (direct partner, provider or reseller).
 * - seller: the partner who sells to the customer — the direct partner or the reseller of record.
 */

export const OFFER_TYPES = ['saas', 'vm', 'solution_template', 'managed_app', 'container'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

export const CSP_AUDIENCES = ['any', 'specific', 'none'] as const;
export type CspAudience = (typeof CSP_AUDIENCES)[number];

export const BILLING_MODELS = ['license', 'usage'] as const;
export type BillingModel = (typeof BILLING_MODELS)[number];

/** Offer ids: lowercase letters, digits, `-` and `_`, 1 to 50 characters. */
export const OFFER_ID_PATTERN = '^[a-z0-9_-]{1,50}$';

/** Whether a string is a valid offer (or plan) id. */
export function isValidOfferId(id: string): boolean {
  return new RegExp(OFFER_ID_PATTERN).test(id);
}

/** The outcome of changing an offer's audience. */
export type AudienceChange =
  | { ok: true; audience: CspAudience; authorizedPartnerIds: string[] }
  | { ok: false; reason: 'RESOLD_PARTNER_DEAUTHORIZED'; partnerIds: string[] };

/**
 * Decides a change of CSP audience.
 *
 * - A partner that has resold the offer can't be deauthorized: a `specific` list that drops
 *   one is refused, and so is `none` (or `specific` → `none`) while any partner has resold it.
 * - `any` → `specific` adds every partner that already resold the offer to the list.
 * - The list is kept only for `specific`; `any` and `none` carry none.
 */
export function decideAudienceChange(input: {
  current: CspAudience;
  currentAuthorized: readonly string[];
  next: CspAudience;
  requestedAuthorized: readonly string[];
  resoldPartnerIds: readonly string[];
}): AudienceChange {
  const resold = unique(input.resoldPartnerIds);
  if (input.next === 'none') {
    // Under `any` every resold partner is authorized; under `specific` the resold ones on the list.
    const losing = input.current === 'specific'
      ? resold.filter((p) => input.currentAuthorized.includes(p))
      : input.current === 'any' ? resold : [];
    if (losing.length > 0) return { ok: false, reason: 'RESOLD_PARTNER_DEAUTHORIZED', partnerIds: losing.sort() };
    return { ok: true, audience: 'none', authorizedPartnerIds: [] };
  }
  if (input.next === 'any') return { ok: true, audience: 'any', authorizedPartnerIds: [] };
  const requested = unique(input.requestedAuthorized);
  if (input.current === 'specific') {
    const dropped = input.currentAuthorized.filter((p) => !requested.includes(p) && resold.includes(p));
    if (dropped.length > 0) return { ok: false, reason: 'RESOLD_PARTNER_DEAUTHORIZED', partnerIds: unique(dropped).sort() };
    return { ok: true, audience: 'specific', authorizedPartnerIds: requested.sort() };
  }
  if (input.current === 'any') {
    return { ok: true, audience: 'specific', authorizedPartnerIds: unique([...requested, ...resold]).sort() };
  }
  return { ok: true, audience: 'specific', authorizedPartnerIds: requested.sort() };
}

/** Whether a partner may resell an offer under its audience. */
export function isAuthorizedSeller(audience: CspAudience, authorized: readonly string[], partnerId: string): boolean {
  if (audience === 'any') return true;
  if (audience === 'none') return false;
  return authorized.includes(partnerId);
}

/** Why an offer can't be bought for a customer; the codes are stable. */
export const PURCHASE_BLOCKERS = [
  'not_available_to_partners',
  'not_opted_in',
  'exclusive_to_other_partners',
  'market_not_available',
  'already_subscribed',
  'subscription_suspended',
  'reseller_not_in_good_standing',
  'no_customer_relationship',
] as const;
export type PurchaseBlocker = (typeof PURCHASE_BLOCKERS)[number];

const BLOCKER_TEXT: Record<PurchaseBlocker, { en: string; ko: string }> = {
  not_available_to_partners: {
    en: 'The publisher does not offer this product to partners.',
    ko: '게시자가 이 제품을 파트너에게 제공하지 않습니다.',
  },
  not_opted_in: {
    en: 'Your organization has not opted in to resell this offer.',
    ko: '조직이 이 제품의 재판매에 옵트인하지 않았습니다.',
  },
  exclusive_to_other_partners: {
    en: 'This offer is exclusive to other partners.',
    ko: '이 제품은 다른 파트너 전용입니다.',
  },
  market_not_available: {
    en: "The customer's country is not among the plan's markets.",
    ko: '고객의 국가가 요금제의 판매 시장에 포함되어 있지 않습니다.',
  },
  already_subscribed: {
    en: 'The customer already has this offer.',
    ko: '고객이 이미 이 제품을 구독하고 있습니다.',
  },
  subscription_suspended: {
    en: "The customer's subscription of this offer is suspended: reactivate it instead.",
    ko: '고객의 이 제품 구독이 일시 중지되었습니다. 새로 구매하지 말고 다시 활성화하세요.',
  },
  reseller_not_in_good_standing: {
    en: 'The reseller of record is not in good standing.',
    ko: '기록상 재판매인의 상태가 양호하지 않습니다.',
  },
  no_customer_relationship: {
    en: 'The selling partner has no relationship with this customer.',
    ko: '판매 파트너가 이 고객과 관계가 없습니다.',
  },
};

/** A reason an offer can't be bought, with its explanation in English and Korean. */
export interface PurchaseBlockerReason {
  code: PurchaseBlocker;
  message: { en: string; ko: string };
}

/** The facts that decide whether one plan can be bought for one customer. */
export interface PurchaseFacts {
  audience: CspAudience;
  authorizedPartnerIds: readonly string[];
  /** The partner who sells to the customer: the direct partner or the reseller of record. */
  sellerId: string;
  sellerOptedIn: boolean;
  /** Whether the seller has a customer relationship with the customer. */
  sellerHasCustomer: boolean;
  /** False when the reseller of record is not in good standing; true for direct partners. */
  resellerInGoodStanding: boolean;
  customerCountry: string;
  planMarkets: readonly string[];
  /** Statuses of the customer's existing subscriptions of the offer. */
  existingStatuses: readonly SubscriptionStatus[];
}

/** Every reason one plan can't be bought for one customer; empty when it can. */
export function decidePurchasability(f: PurchaseFacts): PurchaseBlockerReason[] {
  const codes: PurchaseBlocker[] = [];
  if (f.audience === 'none') codes.push('not_available_to_partners');
  else if (!isAuthorizedSeller(f.audience, f.authorizedPartnerIds, f.sellerId)) codes.push('exclusive_to_other_partners');
  if (f.audience !== 'none' && !f.sellerOptedIn) codes.push('not_opted_in');
  if (!f.sellerHasCustomer) codes.push('no_customer_relationship');
  if (!f.planMarkets.includes(f.customerCountry)) codes.push('market_not_available');
  if (f.existingStatuses.includes('suspended')) codes.push('subscription_suspended');
  else if (f.existingStatuses.some((s) => s === 'active' || s === 'pending_activation')) codes.push('already_subscribed');
  if (!f.resellerInGoodStanding) codes.push('reseller_not_in_good_standing');
  return codes.map((code) => ({ code, message: BLOCKER_TEXT[code] }));
}

/** Subscription statuses (SPEC section 3). */
export const SUBSCRIPTION_STATUSES = ['pending_activation', 'active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
