/**
 * Rules of the catalog: offer identifiers, the CSP audience and its transitions, who sees what of
 * an offer (SPEC section 2), how its availability is told to the viewer, and whether a plan can be
 * bought for a customer (SPEC section 3). Pure: no I/O, every fact is an argument.
 *
 * Terminology:
 * - CSP audience: which partners may resell an offer — `any`, `specific` (an authorized list,
 *   shown to partners as *exclusive*) or `none`.
 * - resold: a partner has resold an offer once any subscription of it names the partner as
 *   partner of record (direct partner, provider or reseller).
 * - seller: the partner who sells to the customer — the direct partner or the reseller of record.
 * - marketplace: discovery (`GET /offers`) and the full product details of an offer — overview,
 *   plans with pricing, the agreement — and buying for customers.
 * - works cases of an offer: the viewer's organization is a partner of record of a subscription
 *   of it (any status), or takes part in a case about it.
 * - listed: the viewer's organization is on a `specific` offer's authorized list — or, for an
 *   indirect provider, which sells through its resellers, one of its active resellers is.
 *
 * Who sees what of an offer (`decideOfferAccess`), with the choices made where the SPEC is silent:
 * 1. The marketplace is for viewers with `catalog.browse`: of partners only `global_admin` and
 *    `admin_agent` (SPEC section 2); every publisher, operator and customer role. Customers see it
 *    without ISV contacts; publishers and the operator as before.
 * 2. ISV contacts (support, engineering, CSP program) and partner resources, on the marketplace
 *    view: partners and the operator with `catalog.view_contacts`, and the publisher of its own
 *    offer — never a customer, never another publisher. The authorized list: the owning publisher
 *    and the operator only.
 * 3. The other partner roles see an offer only while their organization works cases of it, and
 *    then only what those cases need — the `case_work` view:
 *    - every case role (`catalog.case_view`: helpdesk_agent, sales_agent, billing_admin): what
 *      names the product in a case — id, name, type, publisher — and the versions of its customer
 *      agreement, whose support commitments (first response and resolution per severity, support
 *      hours) a case is worked under (a subscription names the version it accepted);
 *    - who forwards and follows technical cases (`catalog.view_support_contact`: helpdesk_agent):
 *      the ISV support contact too (name, e-mail, phone, website). billing_admin works billing
 *      cases, which the partner side answers, and sales_agent only reads cases: neither gets it;
 *    - never: discovery, descriptions and materials, plans and prices, the engineering and CSP
 *      program contacts, availability, purchase or opt-in.
 *    A partner role with neither permission (user_admin) sees no offer at all.
 * 4. Buying for customers, and asking whether a plan can be bought, needs a partner with
 *    `subscriptions.purchase`; opting in to resell needs `catalog.opt_in` (both: global_admin and
 *    admin_agent). A refusal names the roles that may (`marketplaceRefusal`), in English and Korean.
 *
 * Availability (`availabilityFor`), said to the viewer in the same words everywhere — discovery,
 * product details, opt-in refusals and purchasability reasons:
 * - to a partner: `any` → available; `specific` → available and *exclusive* when listed, else not
 *   available, `exclusive_to_other_partners`; `none` → not available, `not_available_to_partners`
 *   (the reasons are the purchasability codes of the same name).
 * - to anyone else (who does not resell): `toYou` is null, and the sentence describes the audience.
 */
import type { LocalizedText } from './app-error.ts';
import type { SupportCalendar } from './business-calendar.ts';
import type { OrgKind, Role } from './parties.ts';
import { rolesGrant, rolesOfKindGranting, type Permission } from './permissions.ts';

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

/** Why an offer is not available to a partner: the purchasability codes of the same meaning. */
export const AVAILABILITY_REASONS = ['exclusive_to_other_partners', 'not_available_to_partners'] as const;
export type AvailabilityReason = (typeof AVAILABILITY_REASONS)[number];

/** How an offer's CSP audience reads for one viewer. */
export interface Availability {
  /** Whether the viewer's organization may resell the offer; null for viewers who don't resell (not partners). */
  toYou: boolean | null;
  /** Why not, when `toYou` is false. */
  reason: AvailabilityReason | null;
  /** The audience is `specific` and the viewer is listed: shown as exclusive. */
  exclusive: boolean;
  /** The same, said in a sentence. */
  message: LocalizedText;
}

const AVAILABILITY_TEXT = {
  partner: {
    available: { en: 'Available to your organization to resell.', ko: '귀사가 재판매할 수 있습니다.' },
    exclusive: {
      en: 'Exclusive: only the partners the publisher chose may resell this offer, and you may.',
      ko: '전용 제품: 게시자가 선택한 파트너만 이 제품을 재판매할 수 있으며, 귀사도 재판매할 수 있습니다.',
    },
    exclusive_to_other_partners: {
      en: 'Not available to your organization: this offer is exclusive to other partners.',
      ko: '귀사에는 제공되지 않습니다. 이 제품은 다른 파트너 전용입니다.',
    },
    not_available_to_partners: {
      en: 'Not available to your organization: the publisher does not offer this product to partners.',
      ko: '귀사에는 제공되지 않습니다. 게시자가 이 제품을 파트너에게 제공하지 않습니다.',
    },
  },
  others: {
    any: { en: 'Partners may resell this offer.', ko: '파트너가 이 제품을 재판매할 수 있습니다.' },
    specific: {
      en: 'Exclusive: only the partners the publisher chose may resell this offer.',
      ko: '전용 제품: 게시자가 선택한 파트너만 이 제품을 재판매할 수 있습니다.',
    },
    none: { en: 'The publisher does not offer this product to partners.', ko: '게시자가 이 제품을 파트너에게 제공하지 않습니다.' },
  },
} as const satisfies { partner: Record<string, LocalizedText>; others: Record<CspAudience, LocalizedText> };

/**
 * How an offer's audience reads for a viewer: `resells` for a partner, `listed` when it (or, for
 * a provider, one of its active resellers) is on the `specific` list; `listed` means nothing under
 * `any` and `none`.
 */
export function availabilityFor(viewer: { resells: boolean }, audience: CspAudience, listed: boolean): Availability {
  if (!viewer.resells) return { toYou: null, reason: null, exclusive: false, message: AVAILABILITY_TEXT.others[audience] };
  const text = AVAILABILITY_TEXT.partner;
  if (audience === 'any') return { toYou: true, reason: null, exclusive: false, message: text.available };
  if (audience === 'specific' && listed) return { toYou: true, reason: null, exclusive: true, message: text.exclusive };
  const reason: AvailabilityReason = audience === 'specific' ? 'exclusive_to_other_partners' : 'not_available_to_partners';
  return { toYou: false, reason, exclusive: false, message: text[reason] };
}

/** The views of an offer: the marketplace's product details, or the case-work view. */
export const OFFER_VIEWS = ['marketplace', 'case_work'] as const;
export type OfferView = (typeof OFFER_VIEWS)[number];

/** Who asks to see an offer. */
export interface OfferViewer {
  orgKind: OrgKind;
  roles: readonly Role[];
}

/** What a viewer sees of one offer. */
export interface OfferAccess {
  /** Which view the viewer gets; null when it may see nothing of the offer (403). */
  view: OfferView | null;
  /** Which ISV contacts it sees: every contact with the partner resources, only the support contact, or none. */
  contacts: 'all' | 'support' | 'none';
  /** Whether it sees the authorized partner list of a `specific` offer. */
  authorizedList: boolean;
  /** The audience as told to it, on the marketplace view only. */
  availability: Availability | null;
}

/** The facts of one offer that decide what a viewer sees of it. */
export interface OfferAccessFacts {
  audience: CspAudience;
  /** The viewer's organization (or, for a provider, an active reseller of it) is on the authorized list. */
  listed: boolean;
  /** The offer is the viewer's organization's own (its publisher). */
  ownOffer: boolean;
  /** The viewer's organization is a partner of record of a subscription of the offer, or takes part in a case about it. */
  worksCasesOfOffer: boolean;
}

const grants = (viewer: OfferViewer, permission: Permission) => rolesGrant(viewer.roles, permission);

/** Whether a viewer may discover offers in the marketplace (`GET /offers`). */
export function mayDiscoverOffers(viewer: OfferViewer): boolean {
  return grants(viewer, 'catalog.browse');
}

/** Whether a viewer may buy offers for customers, and ask whether a plan can be bought. */
export function mayBuyForCustomers(viewer: OfferViewer): boolean {
  return viewer.orgKind === 'partner' && grants(viewer, 'subscriptions.purchase');
}

/** Whether a viewer may opt its organization in to resell offers (and out). */
export function mayOptIn(viewer: OfferViewer): boolean {
  return viewer.orgKind === 'partner' && grants(viewer, 'catalog.opt_in');
}

/** What a viewer sees of one offer (rules 1–3 of the module comment). */
export function decideOfferAccess(viewer: OfferViewer, facts: OfferAccessFacts): OfferAccess {
  if (mayDiscoverOffers(viewer)) {
    const seesContacts = grants(viewer, 'catalog.view_contacts')
      && (viewer.orgKind === 'partner' || viewer.orgKind === 'operator' || (viewer.orgKind === 'publisher' && facts.ownOffer));
    return {
      view: 'marketplace',
      contacts: seesContacts ? 'all' : 'none',
      authorizedList: viewer.orgKind === 'operator' || (viewer.orgKind === 'publisher' && facts.ownOffer),
      availability: availabilityFor({ resells: viewer.orgKind === 'partner' }, facts.audience, facts.listed),
    };
  }
  if (viewer.orgKind === 'partner' && facts.worksCasesOfOffer && grants(viewer, 'catalog.case_view')) {
    return {
      view: 'case_work',
      contacts: grants(viewer, 'catalog.view_support_contact') ? 'support' : 'none',
      authorizedList: false,
      availability: null,
    };
  }
  return { view: null, contacts: 'none', authorizedList: false, availability: null };
}

/** What a refused viewer wanted of the marketplace. */
export type MarketplaceAction = 'browse' | 'buy' | 'opt_in';

const MARKETPLACE_PERMISSION: Record<MarketplaceAction, Permission> = {
  browse: 'catalog.browse', buy: 'subscriptions.purchase', opt_in: 'catalog.opt_in',
};

/** A refusal of the marketplace for lack of a role, naming the partner roles that may. */
export interface MarketplaceRefusal {
  message: LocalizedText;
  /** The partner roles that may, from the grants of src/core/permissions.ts. */
  allowedRoles: Role[];
}

/**
 * Why a viewer's roles don't let it browse the marketplace, buy for customers or opt in: which
 * partner roles may, and — for a case role refused the marketplace — what it may read instead.
 */
export function marketplaceRefusal(viewer: OfferViewer, action: MarketplaceAction): MarketplaceRefusal {
  const allowedRoles = rolesOfKindGranting('partner', MARKETPLACE_PERMISSION[action]);
  const en = allowedRoles.join(' and ');
  const ko = allowedRoles.join(', ');
  const what = {
    browse: { en: 'The marketplace (discovering offers, product details with plans and prices)', ko: '마켓플레이스(제품 검색, 요금제와 가격이 포함된 제품 세부 정보)는' },
    buy: { en: 'Buying offers for customers', ko: '고객을 위한 제품 구매는' },
    opt_in: { en: 'Opting in to resell offers', ko: '제품 재판매 옵트인은' },
  }[action];
  const message = {
    en: `${what.en} is for partner roles ${en}; your roles do not allow it.`,
    ko: `${what.ko} 파트너의 ${ko} 역할만 할 수 있으며, 귀하의 역할로는 할 수 없습니다.`,
  };
  if (action === 'browse' && viewer.orgKind === 'partner' && grants(viewer, 'catalog.case_view')) {
    message.en += ' You may read an offer while your organization has a subscription of it or a case about it.';
    message.ko += ' 조직에 구독이나 케이스가 있는 제품은 읽을 수 있습니다.';
  }
  return { message, allowedRoles };
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
  /** The support hours as a calendar (SLA clocks run in it); without one they are read from `supportHours` (sla-policy.ts). */
  calendar?: SupportCalendar;
  /** Critical cases count every minute, whatever the calendar says (default false). */
  criticalAroundTheClock?: boolean;
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
  // Availability to the seller, in the same words discovery and product details use.
  const availability = availabilityFor({ resells: true }, f.audience, f.authorizedPartnerIds.includes(f.sellerId));
  if (availability.reason) codes.push(availability.reason);
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
