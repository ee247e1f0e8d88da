/**
 * The routing engine's contract (SPEC section 4): the facts of a case in, a decision out. The
 * engine itself is `decideRouting` in routing.ts; cases, the routing-decisions endpoint and the
 * command line all consume this shape.
 *
 * Terminology:
 * - asker: the organization opening the case (customer, partner, publisher, operator).
 * - chain: who sold the subscription — a direct partner, or a provider with a reseller of record
 *   (and which of them is the designated support contact).
 * - responsible: the one organization that owns the answer for the category.
 * - holder: the organization whose turn it is; the first holder receives the new case.
 * - escalation path: the organizations the case may be escalated to, in order, from the first holder.
 * - participants: every organization of the chain that the case touches, with why.
 * - preference: how a partner handles technical cases of an offer — `forward` (to the publisher
 *   at once, the partner stays on the case), `tier1` (the partner answers first, forwards
 *   break-fix and outages), `direct` (the customer is sent to the publisher; the partner watches).
 * - rule: one step of the decision, as a stable code and a sentence in English and Korean.
 */
import type { OrgKind, PartnerModel } from './parties.ts';
import type { SplitRule, SupportCategory } from './support-categories.ts';

/** Case severities: A, B, C in Partner Center. */
export const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Partner preferences for technical cases. */
export const PARTNER_PREFERENCES = ['forward', 'tier1', 'direct'] as const;
export type PartnerPreference = (typeof PARTNER_PREFERENCES)[number];

/** Who opens the case. */
export interface Asker {
  orgId: string;
  kind: OrgKind;
  /** For partners only. */
  partnerModel: PartnerModel | null;
}

/** Who sold the subscription. */
export type Chain =
  | { model: 'direct'; partnerId: string }
  | { model: 'indirect'; providerId: string; resellerId: string; supportContact: 'provider' | 'reseller' };

/** Everything the engine decides from; gathered by the caller, never looked up by the engine. */
export interface RoutingFacts {
  category: SupportCategory;
  severity: Severity;
  asker: Asker;
  /** The customer the case is about, when there is one. */
  customerId: string | null;
  /** From the subscription; null for a case about an offer without a subscription. */
  chain: Chain | null;
  /** The offer (from the subscription or named directly); null when neither is known. */
  offer: { id: string; publisherId: string } | null;
  /** The marketplace operator. */
  operatorId: string;
  /** The customer-facing partner's preference for the offer, and where it came from. */
  preference: { value: PartnerPreference; source: 'offer' | 'default' | 'none' };
  /** The provider–reseller split, in the indirect model. */
  split: readonly SplitRule[] | null;
  /** An open incident of the offer, linked to new technical cases (service health). */
  openIncidentId?: string | null;
}

/** Why an organization takes part in a case. */
export type ParticipantRole = 'customer' | 'partner' | 'provider' | 'reseller' | 'publisher' | 'operator';

/** One step of a decision, in words. */
export interface RoutingRule {
  code: string;
  en: string;
  ko: string;
}

/** What the engine decided. */
export type RoutingDecision =
  | {
    routable: true;
    responsible: { orgId: string; kind: 'partner' | 'publisher' | 'operator' };
    firstHolderId: string;
    /** After the first holder, in order; empty when there is nowhere to escalate. */
    escalationPath: string[];
    participants: { orgId: string; role: ParticipantRole }[];
    /** The incident the case is linked to, when one is open for the offer. */
    incidentId: string | null;
    rules: RoutingRule[];
  }
  | {
    routable: false;
    /** Stable code of the reason, e.g. `NO_SUBSCRIPTION_OR_OFFER`, `CATEGORY_NOT_ALLOWED_FOR_ASKER`. */
    reason: string;
    rules: RoutingRule[];
  };

/** Each participant role in words, in English and Korean, for explanations and refusals. */
export const PARTY_WORDS: Readonly<Record<ParticipantRole, { en: string; ko: string }>> = {
  customer: { en: 'customer', ko: '고객' },
  partner: { en: 'partner', ko: '파트너' },
  provider: { en: 'provider', ko: '공급자' },
  reseller: { en: 'reseller', ko: '재판매인' },
  publisher: { en: 'publisher', ko: '게시자' },
  operator: { en: 'operator', ko: '운영자' },
};
