/**
 * How a case reads in Partner Center's service-request shape (SPEC section 5: cases are exported
 * with Partner Center's statuses), so a partner can load its customers' cases into the tools it
 * already uses for Microsoft's own service requests.
 *
 * Terminology:
 * - service request: Partner Center's name for a support case (`ServiceRequest` resource).
 * - Partner Center status: `none` (nobody has looked at it yet), `open`, `attention_needed` (the
 *   customer must act), `closed`.
 * - Partner Center severity: `critical`, `moderate`, `minimal` — shown as A, B, C in the portal.
 *   The export uses these words, exactly as Partner Center's own `severity` field does, so a
 *   service request reads the same whichever system it came from; the letters are for people.
 * - support topic: Partner Center's classification of a request; here, the support category.
 */
import type { CaseStatus } from './case-rules.ts';
import { isSupportCategory, type SupportCategory } from './support-categories.ts';

/** Partner Center's service-request statuses. */
export const PARTNER_CENTER_STATUSES = ['none', 'open', 'attention_needed', 'closed'] as const;
export type PartnerCenterStatus = (typeof PARTNER_CENTER_STATUSES)[number];

/**
 * A case's status as Partner Center says it: a new case has not been picked up (`none`); waiting
 * on a party of the channel is still `open` for the customer; waiting on the customer needs its
 * attention; resolved and closed are both `closed` (Partner Center has no resolved state).
 */
export function partnerCenterStatusOf(status: CaseStatus): PartnerCenterStatus {
  switch (status) {
    case 'new': return 'none';
    case 'open': case 'pending_party': return 'open';
    case 'pending_customer': return 'attention_needed';
    case 'resolved': case 'closed': return 'closed';
  }
}

/** The support topic a category is exported as: its stable code is the id, this is the name. */
export const SUPPORT_TOPIC_NAMES: Record<SupportCategory, string> = {
  billing: 'Billing: invoices, charges and prices',
  payment: 'Payment: paying, refunds and collections',
  subscription: 'Subscription: quantity, cancellation, renewal and plan changes',
  account_setup: 'Account setup: activation, onboarding and account settings',
  technical_howto: 'Technical: how-to, configuration and user support',
  technical_breakfix: 'Technical: defects, errors and break-fix',
  service_outage: 'Service outage: the product is down or degraded',
  csp_program: 'CSP program: margins, exclusivity and materials',
  commerce_platform: 'Commerce platform: onboarding, transactions and provisioning',
};

/** The name of a stored category; a retired code keeps its code as its name. */
export function supportTopicNameOf(category: string): string {
  return isSupportCategory(category) ? SUPPORT_TOPIC_NAMES[category] : category;
}

/** When a case last closed as Partner Center counts it: resolved counts as closed. */
export function lastClosedDateOf(c: { status: CaseStatus; resolvedAt: Date | null; closedAt: Date | null }): Date | null {
  if (partnerCenterStatusOf(c.status) !== 'closed') return null;
  return c.closedAt ?? c.resolvedAt;
}
