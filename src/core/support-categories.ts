/**
 * The categories of the responsibility matrix (SPEC section 4) and the default support split
 * between an indirect provider and its reseller.
 *
 * Terminology:
 * - responsible party: the kind of party that owns the answer (partner, publisher, operator).
 * - first contact: who the customer talks to first.
 * - handler: who works the case for the partner side of an indirect relationship.
 * - split: per provider–reseller relationship and category, which side is first contact and
 *   which side handles.
 */

/** Stable category codes. */
export const SUPPORT_CATEGORIES = [
  'billing',
  'payment',
  'subscription',
  'account_setup',
  'technical_howto',
  'technical_breakfix',
  'service_outage',
  'csp_program',
  'commerce_platform',
] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

/** The kind of party responsible for a category. */
export const RESPONSIBLE_KIND: Record<SupportCategory, 'partner' | 'publisher' | 'operator'> = {
  billing: 'partner',
  payment: 'partner',
  subscription: 'partner',
  account_setup: 'partner',
  technical_howto: 'publisher',
  technical_breakfix: 'publisher',
  service_outage: 'publisher',
  csp_program: 'publisher',
  commerce_platform: 'operator',
};

/** Which side of an indirect relationship. */
export type ChannelSide = 'provider' | 'reseller';

/** One row of a relationship's support split. */
export interface SplitRule {
  category: SupportCategory;
  firstContact: ChannelSide;
  handler: ChannelSide;
}

/**
 * The default split: the reseller is first contact and handler for customer-facing categories;
 * the provider is the escalation tier and the only one that raises `commerce_platform` cases
 * with the operator. `csp_program` questions are the reseller's own to ask.
 */
export function defaultSplit(): SplitRule[] {
  return SUPPORT_CATEGORIES.map((category) =>
    category === 'commerce_platform'
      ? { category, firstContact: 'provider', handler: 'provider' }
      : { category, firstContact: 'reseller', handler: 'reseller' },
  );
}

/** Whether a category may be split at all: commerce cases always go through the provider. */
export function isSplitEditable(category: SupportCategory): boolean {
  return category !== 'commerce_platform';
}
