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
  return SUPPORT_CATEGORIES.map(defaultRuleOf);
}

/** Whether a category may be split at all: commerce cases always go through the provider. */
export function isSplitEditable(category: SupportCategory): boolean {
  return category !== 'commerce_platform';
}

/** Whether a string is one of the stable category codes (stored rows may hold retired ones). */
export function isSupportCategory(code: string): code is SupportCategory {
  return (SUPPORT_CATEGORIES as readonly string[]).includes(code);
}

/**
 * A relationship's whole split from its stored rows. A category without a row (one added after
 * the relationship began) takes the default, a fixed category always takes the default whatever
 * was stored, and rows of unknown categories are dropped; the result is in category order.
 */
export function completeSplit(stored: readonly { category: string; firstContact: ChannelSide; handler: ChannelSide }[]): SplitRule[] {
  const byCategory = new Map(stored.map((r) => [r.category, r]));
  return defaultSplit().map((rule) => {
    const row = byCategory.get(rule.category);
    if (!row || !isSplitEditable(rule.category)) return rule;
    return { category: rule.category, firstContact: row.firstContact, handler: row.handler };
  });
}

/** Why a change to a split is refused; `index` points at the offending entry of the change list. */
export type SplitChangeRefusal =
  | { reason: 'duplicate_category'; index: number; category: SupportCategory }
  | { reason: 'not_editable'; index: number; category: SupportCategory };

/**
 * Applies a full list or a subset of rules to a split. A fixed category may be sent only as it
 * already is (so a client can send back the whole split it read); changing it is refused. Answers
 * the new split and the rules that actually changed (the ones worth writing).
 */
export function applySplitChanges(current: readonly SplitRule[], changes: readonly SplitRule[]):
  | { ok: true; split: SplitRule[]; changed: SplitRule[] }
  | { ok: false; refusal: SplitChangeRefusal } {
  const seen = new Set<SupportCategory>();
  const byCategory = new Map(current.map((r) => [r.category, r]));
  const changed: SplitRule[] = [];
  for (const [index, change] of changes.entries()) {
    if (seen.has(change.category)) return { ok: false, refusal: { reason: 'duplicate_category', index, category: change.category } };
    seen.add(change.category);
    const before = byCategory.get(change.category) ?? defaultRuleOf(change.category);
    const same = before.firstContact === change.firstContact && before.handler === change.handler;
    if (same) continue;
    if (!isSplitEditable(change.category)) return { ok: false, refusal: { reason: 'not_editable', index, category: change.category } };
    const rule = { category: change.category, firstContact: change.firstContact, handler: change.handler };
    byCategory.set(change.category, rule);
    changed.push(rule);
  }
  return { ok: true, split: SUPPORT_CATEGORIES.map((c) => byCategory.get(c) ?? defaultRuleOf(c)), changed };
}

function defaultRuleOf(category: SupportCategory): SplitRule {
  return category === 'commerce_platform'
    ? { category, firstContact: 'provider', handler: 'provider' }
    : { category, firstContact: 'reseller', handler: 'reseller' };
}

/** Each category in words, in English and Korean, for explanations and refusals. */
export const CATEGORY_WORDS: Readonly<Record<SupportCategory, { en: string; ko: string }>> = {
  billing: { en: 'billing', ko: '청구' },
  payment: { en: 'payment', ko: '결제' },
  subscription: { en: 'subscription', ko: '구독' },
  account_setup: { en: 'account setup', ko: '계정 설정' },
  technical_howto: { en: 'technical how-to', ko: '기술 사용 방법' },
  technical_breakfix: { en: 'technical break-fix', ko: '기술 장애 해결' },
  service_outage: { en: 'service outage', ko: '서비스 중단' },
  csp_program: { en: 'CSP program', ko: 'CSP 프로그램' },
  commerce_platform: { en: 'commerce platform', ko: '커머스 플랫폼' },
};
