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

/** Which partners may resell an offer. */
export const CSP_AUDIENCES = ['any', 'specific', 'none'] as const;
export type CspAudience = (typeof CSP_AUDIENCES)[number];

/** How a plan charges: per license or by usage. */
export const BILLING_MODELS = ['license', 'usage'] as const;
export type BillingModel = (typeof BILLING_MODELS)[number];

/** How often a plan bills; a plan offers one or more. */
export const BILLING_CYCLES = ['monthly', 'annual', 'triennial'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** Commitment terms as ISO 8601 durations, the way the commerce system names them. */
export const TERMS = ['P1M', 'P1Y', 'P3Y'] as const;
export type Term = (typeof TERMS)[number];

/** Severities of a case, whose targets an agreement's commitments set (A/B/C). */
export const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How many categories an offer lists, at least and at most. */
export const CATEGORY_BOUNDS = { min: 1, max: 5 } as const;

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

/** Whether the viewer's organization sees the offer as exclusive: it is on a `specific` list. */
export function isExclusiveFor(audience: CspAudience, authorized: readonly string[], partnerId: string): boolean {
  return audience === 'specific' && authorized.includes(partnerId);
}

/** A problem with a field of an offer, plan or agreement, worded for the caller. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The contacts an offer carries; the CSP program contact only matters while partners may resell. */
export interface OfferContacts {
  support: { name: string; email: string; phone: string; website?: string } | null;
  engineering: { name: string; email: string; phone: string } | null;
  cspProgram: { name: string; email: string; phone: string; marketingMaterialsUrl?: string } | null;
}

/**
 * What is missing from an offer's contacts: support needs a website, and the CSP program contact
 * (with its marketing-materials URL) is required whenever the audience is not `none`.
 */
export function contactProblems(audience: CspAudience, contacts: OfferContacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!contacts.support) problems.push({ field: 'contacts.support', message: 'is required' });
  else if (!contacts.support.website) problems.push({ field: 'contacts.support.website', message: 'is required' });
  if (!contacts.engineering) problems.push({ field: 'contacts.engineering', message: 'is required' });
  if (audience !== 'none') {
    if (!contacts.cspProgram) problems.push({ field: 'contacts.cspProgram', message: `is required while the CSP audience is ${audience}` });
    else if (!contacts.cspProgram.marketingMaterialsUrl) problems.push({ field: 'contacts.cspProgram.marketingMaterialsUrl', message: 'is required' });
  }
  return problems;
}

/** The parts of a plan whose consistency the schema alone can't check. */
export interface PlanTerms {
  minQuantity: number;
  maxQuantity: number;
  billingCycles: readonly string[];
  terms: readonly string[];
  prices: readonly { market: string; currency: string }[];
}

/**
 * What is inconsistent in a plan: the quantity bounds are crossed, a billing cycle or term is
 * listed twice, or a market is priced twice.
 */
export function planProblems(plan: PlanTerms): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (plan.maxQuantity < plan.minQuantity) problems.push({ field: 'maxQuantity', message: `must be at least minQuantity (${plan.minQuantity})` });
  if (unique(plan.billingCycles).length !== plan.billingCycles.length) problems.push({ field: 'billingCycles', message: 'lists a billing cycle twice' });
  if (unique(plan.terms).length !== plan.terms.length) problems.push({ field: 'terms', message: 'lists a term twice' });
  const markets = plan.prices.map((p) => p.market);
  const twice = unique(markets.filter((m, i) => markets.indexOf(m) !== i));
  if (twice.length > 0) problems.push({ field: 'prices', message: `prices a market more than once: ${twice.join(', ')}` });
  return problems;
}

/** An agreement's support commitments (SPEC section 6). */
export interface Commitments {
  firstResponseMinutes: Record<Severity, number>;
  resolutionMinutes: Record<Severity, number>;
  supportHours: string;
  timeZone: string;
}

/** Whether a name is an IANA time zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is inconsistent in commitments: a resolution target sooner than the first response, a
 * more severe case promised a slower target than a less severe one, an unknown time zone.
 */
export function commitmentProblems(c: Commitments): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const s of SEVERITIES) {
    if (c.resolutionMinutes[s] < c.firstResponseMinutes[s]) {
      problems.push({ field: `commitments.resolutionMinutes.${s}`, message: 'must not be sooner than the first response' });
    }
  }
  for (const kind of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
    for (let i = 1; i < SEVERITIES.length; i++) {
      const more = SEVERITIES[i - 1]!;
      const less = SEVERITIES[i]!;
      if (c[kind][more] > c[kind][less]) {
        problems.push({ field: `commitments.${kind}.${more}`, message: `must not be slower than ${less}` });
      }
    }
  }
  if (!isValidTimeZone(c.timeZone)) problems.push({ field: 'commitments.timeZone', message: 'is not an IANA time zone' });
  return problems;
}

/** The version a newly published agreement gets: one past the latest, 1 for the first. */
export function nextAgreementVersion(existing: readonly number[]): number {
  return existing.reduce((max, v) => Math.max(max, v), 0) + 1;
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
  'no_indirect_relationship',
  'no_agreement_published',
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
  no_indirect_relationship: {
    en: 'There is no active relationship between the provider and the reseller.',
    ko: '공급자와 재판매인 사이에 활성 관계가 없습니다.',
  },
  no_agreement_published: {
    en: 'The publisher has not published a customer agreement for this offer yet.',
    ko: '게시자가 아직 이 제품의 고객 계약을 게시하지 않았습니다.',
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
  /** False when the seller (the reseller of record, or the direct partner) is not in good standing. */
  resellerInGoodStanding: boolean;
  customerCountry: string;
  planMarkets: readonly string[];
  /** Statuses of the customer's existing subscriptions of the offer. */
  existingStatuses: readonly SubscriptionStatus[];
  /** In the indirect model, whether the provider and reseller are in an active relationship; true for direct partners. */
  indirectRelationshipActive: boolean;
  /** Whether the offer has a customer agreement the buyer can accept. */
  agreementPublished: boolean;
}

/** One blocker with its explanation, for a refusal found outside decidePurchasability (a lost race). */
export function explainBlocker(code: PurchaseBlocker): PurchaseBlockerReason {
  return { code, message: BLOCKER_TEXT[code] };
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
  if (!f.indirectRelationshipActive) codes.push('no_indirect_relationship');
  if (!f.agreementPublished) codes.push('no_agreement_published');
  return codes.map(explainBlocker);
}

/** Subscription statuses (SPEC section 3). */
export const SUBSCRIPTION_STATUSES = ['pending_activation', 'active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
