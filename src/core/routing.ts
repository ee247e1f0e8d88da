/**
 * The routing engine (SPEC section 4): from the facts of a case, who is responsible, who holds it
 * first, where it may be escalated, who takes part — and every rule that fired, in English and
 * Korean. Pure: the caller gathers the facts (routing-types.ts) and the engine never looks
 * anything up. An unroutable case is a decision with a reason, never an exception.
 *
 * Terminology (asker, chain, responsible, holder, escalation path, participants, preference and
 * rule are defined in routing-types.ts):
 * - category group: `partner` (billing, payment, subscription, account_setup), `technical`
 *   (technical_howto, technical_breakfix, service_outage), `csp_program`, `commerce_platform`.
 * - partner side: the partner that answers a partner category for a subscription — the direct
 *   partner, or in the indirect model the split's handler for the category.
 * - customer-facing partner: the partner the customer talks to first for a category — the direct
 *   partner, or in the indirect model the split's first contact for the category.
 * - position: where a partner stands in the chain — `partner` (direct), `provider`, `reseller`;
 *   without a chain, taken from its partner model.
 * - forwarding: a partner handing a technical case to the publisher. It is not escalation.
 * - escalation: moving a case up a tier — reseller → provider, partner or publisher → operator.
 *
 * Rules, including the choices made where the SPEC is silent:
 * 1. Refusals are checked in this order and the first one is the decision:
 *    NO_SUBSCRIPTION_OR_OFFER (neither a chain nor an offer, in every category but
 *    commerce_platform: partners and publishers ask the operator about onboarding, their account
 *    or offer management with neither) → CATEGORY_NOT_ALLOWED_FOR_ASKER (customers: every category
 *    but csp_program; partners: all; publishers: partner categories and commerce_platform; the
 *    operator: partner categories) → ASKER_NOT_A_PARTY (a customer asking about another customer;
 *    a partner not of record on the chain; a publisher asking about another publisher's offer) →
 *    OFFER_REQUIRED (technical and csp_program need the offer) → SUBSCRIPTION_REQUIRED (partner
 *    categories from anyone need the chain: there is no partner side without it; so does
 *    commerce_platform from a customer, whose partner is its first contact, and from a reseller
 *    that names an offer without the subscription, whose provider is then unknown).
 * 2. Responsible: partner categories → the partner side; technical and csp_program → the offer's
 *    publisher; commerce_platform → the operator.
 * 3. First holder, by asker:
 *    - customer: partner categories and commerce_platform → the customer-facing partner (for
 *      commerce_platform, whose split is fixed, that is the provider in the indirect model; the
 *      reseller stays on the case);
 *      technical → by the customer-facing partner's preference (none → `forward`): `forward` and
 *      `direct` → the publisher, `tier1` → the partner for technical_howto and the publisher at once
 *      for break-fix and outages. A customer without a partner of record (an offer without a
 *      subscription) goes to the publisher.
 *    - partner: partner categories → the partner side (a reseller may thus ask its provider);
 *      technical questions go to the publisher whatever the preference (the partner has chosen
 *      to forward by asking); csp_program → the publisher; commerce_platform → the operator,
 *      except that a reseller asking about a subscription goes through its provider (only the
 *      provider raises commerce cases); with neither subscription nor offer, a partner of any
 *      model asks the operator directly (onboarding, its own account).
 *    - publisher: commerce_platform → the operator (with or without an offer); partner
 *      categories → the partner side.
 *    - operator: partner categories → the partner side.
 * 4. Escalation path from the first holder: a reseller → its provider; then, for partner
 *    categories and commerce_platform only, → the operator. Technical and csp_program cases never
 *    reach the operator. The path never names the first holder or the asker (nobody escalates to
 *    itself or back to whoever asked).
 * 5. Participants, without duplicates: the asker; the customer for customer-facing categories
 *    (partner and technical) or when it asks — commerce_platform and csp_program raised by the
 *    channel stay between its organizations; every partner of record of the subscription in
 *    every category — the direct partner, or the reseller and its provider (SPEC section 5: the
 *    provider takes part in each case about its reseller's subscriptions, being by default the
 *    designated support contact and always the escalation tier); the first holder; the
 *    escalation tiers but the operator; the publisher for technical and csp_program; the operator
 *    only where it has a role — commerce_platform cases, and the cases it asks. Being named on an
 *    escalation path does not make the operator a participant: it joins a case when the case is
 *    escalated to it (the cases context adds every new holder as a participant).
 * 6. Split: a missing split is the default split; commerce_platform always stays with the
 *    provider whatever a stored split says (as completeSplit does).
 * 7. An open incident of the offer links a technical case (never another group) to it.
 * 8. Severity does not change who answers; it sets the clocks (SPEC section 6).
 */
import type { PartnerModel } from './parties.ts';
import {
  PARTY_WORDS, type Chain, type ParticipantRole, type PartnerPreference, type RoutingDecision, type RoutingFacts, type RoutingRule,
} from './routing-types.ts';
import { CATEGORY_WORDS, completeSplit, type ChannelSide, type SplitRule, type SupportCategory } from './support-categories.ts';

/** The four groups of categories that route alike. */
export type CategoryGroup = 'partner' | 'technical' | 'csp_program' | 'commerce_platform';

/** Which group a category routes with. */
export function categoryGroupOf(category: SupportCategory): CategoryGroup {
  switch (category) {
    case 'billing': case 'payment': case 'subscription': case 'account_setup': return 'partner';
    case 'technical_howto': case 'technical_breakfix': case 'service_outage': return 'technical';
    case 'csp_program': return 'csp_program';
    case 'commerce_platform': return 'commerce_platform';
  }
}

/** Where a partner stands in a chain. */
export type ChainPosition = 'partner' | 'provider' | 'reseller';

/**
 * The partner a customer talks to first for a category: exported so the caller can read that
 * partner's preference before calling the engine.
 */
export function customerFacingPartnerOf(category: SupportCategory, chain: Chain, split: readonly SplitRule[] | null): { orgId: string; position: ChainPosition } {
  if (chain.model === 'direct') return { orgId: chain.partnerId, position: 'partner' };
  const side = splitRuleOf(split, category).firstContact;
  return { orgId: sideId(chain, side), position: side };
}

/** Whether an asker of this kind may open a case of this category at all. */
export function isCategoryAllowedFor(kind: RoutingFacts['asker']['kind'], category: SupportCategory): boolean {
  const group = categoryGroupOf(category);
  switch (kind) {
    case 'customer': return group !== 'csp_program';
    case 'partner': return true;
    case 'publisher': return group === 'partner' || group === 'commerce_platform';
    case 'operator': return group === 'partner';
  }
}

// ---- Words ----


const rule = (code: string, en: string, ko: string): RoutingRule => ({ code, en, ko });
const cat = (c: SupportCategory) => CATEGORY_WORDS[c];
const party = (p: ParticipantRole) => PARTY_WORDS[p];

/** Every sentence the engine can say, by code. */
const RULES = {
  noSubscriptionOrOffer: () => rule('NO_SUBSCRIPTION_OR_OFFER',
    'Neither a subscription nor an offer was named, so there is no one to route the case to.',
    '구독이나 오퍼가 지정되지 않아 케이스를 보낼 당사자가 없습니다.'),
  categoryNotAllowed: (kind: RoutingFacts['asker']['kind'], c: SupportCategory) => {
    const group = categoryGroupOf(c);
    if (kind === 'customer') {
      return rule('CATEGORY_NOT_ALLOWED_FOR_ASKER',
        `Customers do not open ${cat(c).en} cases: CSP program questions are asked by partners.`,
        `고객은 ${cat(c).ko} 케이스를 열 수 없습니다. CSP 프로그램 질문은 파트너가 합니다.`);
    }
    if (kind === 'operator' && group === 'technical') {
      return rule('CATEGORY_NOT_ALLOWED_FOR_ASKER',
        `The operator does not support ISV products: ${cat(c).en} questions go to the publisher's support contact.`,
        `운영자는 ISV 제품을 지원하지 않습니다. ${cat(c).ko} 질문은 게시자의 지원 담당자에게 문의하세요.`);
    }
    if (kind === 'publisher' && group === 'technical') {
      return rule('CATEGORY_NOT_ALLOWED_FOR_ASKER',
        `Publishers answer ${cat(c).en} questions; they do not open them.`,
        `게시자는 ${cat(c).ko} 질문에 답하는 쪽이며 이런 케이스를 열지 않습니다.`);
    }
    return rule('CATEGORY_NOT_ALLOWED_FOR_ASKER',
      `A ${party(kind).en} may not open a ${cat(c).en} case.`,
      `${eun(party(kind).ko)} ${cat(c).ko} 케이스를 열 수 없습니다.`);
  },
  askerNotAParty: (kind: RoutingFacts['asker']['kind']) => rule('ASKER_NOT_A_PARTY',
    `The asking ${party(kind).en} is not a party to this subscription or offer.`,
    `질문한 ${eun(party(kind).ko)} 이 구독 또는 오퍼의 당사자가 아닙니다.`),
  offerRequired: (c: SupportCategory) => rule('OFFER_REQUIRED',
    `A ${cat(c).en} case needs the offer, because the offer's publisher answers it.`,
    `${cat(c).ko} 케이스는 오퍼의 게시자가 답하므로 오퍼가 필요합니다.`),
  subscriptionRequired: (c: SupportCategory) => rule('SUBSCRIPTION_REQUIRED',
    `A ${cat(c).en} case needs the subscription, because the partner of record takes it.`,
    `${cat(c).ko} 케이스는 기록상 파트너가 받으므로 구독이 필요합니다.`),
  commerceCustomerNeedsSubscription: () => rule('SUBSCRIPTION_REQUIRED',
    'A customer asks its partner first, also about the commerce platform, so its commerce platform case needs the subscription that names the partner.',
    '고객은 커머스 플랫폼에 대해서도 먼저 파트너에게 문의하므로, 고객의 커머스 플랫폼 케이스에는 파트너를 알려 주는 구독이 필요합니다.'),
  commerceResellerNeedsSubscription: () => rule('SUBSCRIPTION_REQUIRED',
    'A reseller raises commerce platform cases about an offer through its provider, so the case needs the subscription that names the provider; a question about onboarding or the reseller\'s own account needs neither subscription nor offer.',
    '재판매인은 오퍼에 관한 커머스 플랫폼 케이스를 공급자를 통해 제기하므로 공급자를 알려 주는 구독이 필요합니다. 온보딩이나 재판매인 자신의 계정에 관한 질문에는 구독도 오퍼도 필요하지 않습니다.'),
  splitDefault: () => rule('SPLIT_DEFAULT',
    'No support split is known for this provider and reseller, so the default split applies: the reseller is first contact and handler, the provider the escalation tier.',
    '이 공급자와 재판매인의 지원 분담이 없어 기본 분담을 적용합니다. 재판매인이 첫 연락처이자 처리자이고, 공급자는 에스컬레이션 단계입니다.'),
  responsibleDirectPartner: (c: SupportCategory) => rule('RESPONSIBLE_PARTNER',
    `${capital(cat(c).en)} questions are the partner's: the direct partner of record is responsible.`,
    `${cat(c).ko} 질문은 파트너 담당입니다. 기록상 직접 파트너가 책임집니다.`),
  responsibleSplitHandler: (c: SupportCategory, side: ChannelSide) => rule('RESPONSIBLE_PARTNER_SPLIT',
    `${capital(cat(c).en)} questions are the partner's, and the relationship's split makes the ${party(side).en} their handler: the ${party(side).en} is responsible.`,
    `${cat(c).ko} 질문은 파트너 담당이며, 관계의 지원 분담에 따라 ${i(party(side).ko)} 처리자이므로 ${i(party(side).ko)} 책임집니다.`),
  responsiblePublisher: (c: SupportCategory) => rule('RESPONSIBLE_PUBLISHER',
    `${capital(cat(c).en)} questions are answered by the offer's publisher under its customer agreement.`,
    `${cat(c).ko} 질문은 고객 계약에 따라 오퍼의 게시자가 답합니다.`),
  responsiblePublisherCsp: () => rule('RESPONSIBLE_PUBLISHER_CSP',
    'CSP program questions (margins, exclusivity, materials) are answered by the publisher\'s CSP program contact.',
    'CSP 프로그램 질문(마진, 독점, 자료)은 게시자의 CSP 프로그램 담당자가 답합니다.'),
  responsibleOperator: () => rule('RESPONSIBLE_OPERATOR',
    'Commerce platform questions are answered by the operator, which runs the commerce system.',
    '커머스 플랫폼 질문은 커머스 시스템을 운영하는 운영자가 답합니다.'),
  firstContactDirect: () => rule('FIRST_CONTACT_PARTNER',
    'The partner is the customer\'s first point of contact: the direct partner receives the case.',
    '파트너가 고객의 첫 연락처이므로 직접 파트너가 케이스를 받습니다.'),
  firstContactSplit: (c: SupportCategory, side: ChannelSide) => rule('FIRST_CONTACT_SPLIT',
    `The partner is the customer's first point of contact, and the split makes the ${party(side).en} first contact for ${cat(c).en}.`,
    `파트너가 고객의 첫 연락처이며, 지원 분담에 따라 ${cat(c).ko}의 첫 연락처는 ${party(side).ko}입니다.`),
  preferenceOf: (value: PartnerPreference, source: 'offer' | 'default') => source === 'offer'
    ? rule('PREFERENCE_OFFER', `The partner's preference for this offer is \`${value}\`.`, `이 오퍼에 대한 파트너의 선호 설정은 \`${value}\`입니다.`)
    : rule('PREFERENCE_DEFAULT', `The partner has no preference for this offer; its default, \`${value}\`, applies.`,
      `파트너가 이 오퍼에 대한 선호 설정이 없어 기본 설정인 \`${value}\`을 적용합니다.`),
  preferenceNone: () => rule('PREFERENCE_NONE',
    'The partner has set no preference, so `forward` applies.',
    '파트너가 선호 설정을 하지 않았으므로 `forward`를 적용합니다.'),
  preferenceForward: () => rule('PREFERENCE_FORWARD',
    'With `forward`, the case goes to the publisher at once and the partner stays on it.',
    '`forward`에 따라 케이스는 즉시 게시자에게 전달되고 파트너는 케이스에 계속 참여합니다.'),
  preferenceTier1Answers: () => rule('PREFERENCE_TIER1_PARTNER_ANSWERS',
    'With `tier1`, the partner answers how-to questions first and may forward them to the publisher.',
    '`tier1`에 따라 사용 방법 질문은 파트너가 먼저 답하며, 필요하면 게시자에게 전달할 수 있습니다.'),
  preferenceTier1Forwards: (c: SupportCategory) => rule('PREFERENCE_TIER1_FORWARDED',
    `With \`tier1\`, ${cat(c).en} cases are forwarded to the publisher at once; the partner stays on the case.`,
    `\`tier1\`에 따라 ${cat(c).ko} 케이스는 즉시 게시자에게 전달되며 파트너는 케이스에 계속 참여합니다.`),
  preferenceDirect: () => rule('PREFERENCE_DIRECT',
    'With `direct`, the customer is sent to the publisher; the partner watches the case.',
    '`direct`에 따라 고객은 게시자에게 직접 연결되며 파트너는 케이스를 지켜봅니다.'),
  noPartnerOfRecord: () => rule('NO_PARTNER_OF_RECORD',
    'There is no partner of record for this offer, so the case goes to the publisher directly.',
    '이 오퍼에는 기록상 파트너가 없으므로 케이스는 게시자에게 바로 갑니다.'),
  partnerSideTakes: (kind: RoutingFacts['asker']['kind'], position: ChainPosition) => rule('PARTNER_SIDE_HOLDS',
    kind === 'partner'
      ? `The partner side that handles this category, the ${party(position).en}, takes the case.`
      : `A ${party(kind).en}'s question about a subscription goes to its partner side, the ${party(position).en}.`,
    kind === 'partner'
      ? `이 범주를 처리하는 파트너 측인 ${i(party(position).ko)} 케이스를 받습니다.`
      : `구독에 대한 ${party(kind).ko}의 질문은 해당 파트너 측인 ${party(position).ko}에게 갑니다.`),
  partnerAsksPublisher: (c: SupportCategory) => rule('PARTNER_TO_PUBLISHER',
    `A partner's ${cat(c).en} question goes to the publisher; the partner stays on the case.`,
    `파트너의 ${cat(c).ko} 질문은 게시자에게 가며 파트너는 케이스에 계속 참여합니다.`),
  commerceCustomerThroughPartner: () => rule('COMMERCE_THROUGH_PARTNER',
    'The customer asks its partner first; commerce questions reach the operator through the partner.',
    '고객은 먼저 파트너에게 문의하며, 커머스 질문은 파트너를 거쳐 운영자에게 전달됩니다.'),
  commerceResellerThroughProvider: () => rule('COMMERCE_THROUGH_PROVIDER',
    'Only the provider raises commerce platform cases with the operator, so the reseller\'s case goes to its provider first.',
    '커머스 플랫폼 케이스는 공급자만 운영자에게 제기할 수 있으므로 재판매인의 케이스는 먼저 공급자에게 갑니다.'),
  commerceToOperator: (kind: RoutingFacts['asker']['kind']) => rule('COMMERCE_TO_OPERATOR',
    `The ${party(kind).en} raises commerce platform cases with the operator directly.`,
    `${eun(party(kind).ko)} 커머스 플랫폼 케이스를 운영자에게 직접 제기합니다.`),
  commerceOwnAccount: (who: ParticipantRole) => rule('COMMERCE_WITHOUT_SUBSCRIPTION',
    `With neither a subscription nor an offer, the ${party(who).en} asks the operator directly about onboarding, its own account or offer management.`,
    `구독도 오퍼도 없으므로 ${eun(party(who).ko)} 온보딩, 자신의 계정 또는 오퍼 관리에 대해 운영자에게 직접 문의합니다.`),
  escalationToProvider: () => rule('ESCALATION_TO_PROVIDER',
    'The provider is the reseller\'s escalation tier.',
    '공급자는 재판매인의 에스컬레이션 단계입니다.'),
  escalationToOperator: (takesPart: boolean) => rule('ESCALATION_TO_OPERATOR',
    takesPart
      ? 'The operator is the last escalation tier for partner and commerce questions.'
      : 'The operator is the last escalation tier for partner and commerce questions; it takes part in the case only once the case is escalated to it.',
    takesPart
      ? '운영자는 파트너 및 커머스 질문의 마지막 에스컬레이션 단계입니다.'
      : '운영자는 파트너 및 커머스 질문의 마지막 에스컬레이션 단계이며, 케이스가 운영자에게 에스컬레이션된 뒤에야 케이스에 참여합니다.'),
  providerTakesPart: () => rule('PROVIDER_TAKES_PART',
    'The provider of record takes part in every case about its reseller\'s subscription, whatever the category.',
    '기록상 공급자는 범주와 관계없이 재판매인의 구독에 관한 모든 케이스에 참여합니다.'),
  neverToOperator: () => rule('NO_ESCALATION_TO_OPERATOR',
    'The operator does not support ISV products: this case can never be escalated to it; the publisher\'s support contact is the last tier.',
    '운영자는 ISV 제품을 지원하지 않으므로 이 케이스는 운영자에게 에스컬레이션될 수 없습니다. 게시자의 지원 담당자가 마지막 단계입니다.'),
  customerNotParticipant: (c: SupportCategory) => rule('CUSTOMER_NOT_PARTICIPANT',
    `${capital(cat(c).en)} cases raised by the channel stay between its organizations; the customer does not take part.`,
    `채널이 제기한 ${cat(c).ko} 케이스는 채널 조직 사이에서만 다루며 고객은 참여하지 않습니다.`),
  incidentLinked: () => rule('INCIDENT_LINKED',
    'The offer has an open incident, so the case is linked to it.',
    '오퍼에 진행 중인 장애가 있어 케이스를 해당 장애에 연결합니다.'),
};

/** Whether a Korean word ends in a final consonant, which picks its particle (이/가, 은/는). */
function hasFinalConsonant(word: string): boolean {
  const code = word.charCodeAt(word.length - 1);
  return code >= 0xac00 && code <= 0xd7a3 && (code - 0xac00) % 28 !== 0;
}

function i(word: string): string {
  return word + (hasFinalConsonant(word) ? '이' : '가');
}

function eun(word: string): string {
  return word + (hasFinalConsonant(word) ? '은' : '는');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---- The chain ----

function splitRuleOf(split: readonly SplitRule[] | null, category: SupportCategory): SplitRule {
  const rule = completeSplit(split ?? []).find((r) => r.category === category);
  // completeSplit answers one rule per category, so this cannot miss.
  return rule ?? { category, firstContact: 'reseller', handler: 'reseller' };
}

function sideId(chain: Extract<Chain, { model: 'indirect' }>, side: ChannelSide): string {
  return side === 'provider' ? chain.providerId : chain.resellerId;
}

function positionInChain(chain: Chain | null, orgId: string): ChainPosition | null {
  if (!chain) return null;
  if (chain.model === 'direct') return chain.partnerId === orgId ? 'partner' : null;
  if (chain.providerId === orgId) return 'provider';
  if (chain.resellerId === orgId) return 'reseller';
  return null;
}

/** The partners of record of a chain: the direct partner, or the reseller and its provider. */
function chainIds(chain: Chain | null): string[] {
  if (!chain) return [];
  return chain.model === 'direct' ? [chain.partnerId] : [chain.resellerId, chain.providerId];
}

function positionOfModel(model: PartnerModel | null): ChainPosition {
  if (model === 'indirect_provider') return 'provider';
  if (model === 'indirect_reseller') return 'reseller';
  return 'partner';
}

// ---- The decision ----

interface Placement {
  responsible: { orgId: string; kind: 'partner' | 'publisher' | 'operator' };
  firstHolderId: string;
  /** Escalation tiers before dropping the first holder and the asker. */
  tiers: string[];
}

/** Decides who answers a case, who holds it first, its escalation path and participants, with the rules that fired. */
export function decideRouting(facts: RoutingFacts): RoutingDecision {
  const rules: RoutingRule[] = [];
  const refuse = (reason: string, why: RoutingRule): RoutingDecision => ({ routable: false, reason, rules: [...rules, why] });
  const { category, asker, chain, offer } = facts;
  const group = categoryGroupOf(category);
  const askerPosition = asker.kind === 'partner' ? positionInChain(chain, asker.orgId) ?? positionOfModel(asker.partnerModel) : null;

  if (!chain && !offer && group !== 'commerce_platform') return refuse('NO_SUBSCRIPTION_OR_OFFER', RULES.noSubscriptionOrOffer());
  if (!isCategoryAllowedFor(asker.kind, category)) return refuse('CATEGORY_NOT_ALLOWED_FOR_ASKER', RULES.categoryNotAllowed(asker.kind, category));
  if (!isParty(facts)) return refuse('ASKER_NOT_A_PARTY', RULES.askerNotAParty(asker.kind));
  if ((group === 'technical' || group === 'csp_program') && !offer) return refuse('OFFER_REQUIRED', RULES.offerRequired(category));
  if (!chain) {
    if (group === 'partner') return refuse('SUBSCRIPTION_REQUIRED', RULES.subscriptionRequired(category));
    if (group === 'commerce_platform' && asker.kind === 'customer') return refuse('SUBSCRIPTION_REQUIRED', RULES.commerceCustomerNeedsSubscription());
    if (group === 'commerce_platform' && askerPosition === 'reseller' && offer) return refuse('SUBSCRIPTION_REQUIRED', RULES.commerceResellerNeedsSubscription());
  }

  let splitNoted = false;
  const splitOf = (): SplitRule => {
    if (facts.split === null && !splitNoted) { rules.push(RULES.splitDefault()); splitNoted = true; }
    return splitRuleOf(facts.split, category);
  };

  const placement = ((): Placement => {
    switch (group) {
      case 'partner': return placePartnerCategory(facts, chain as Chain, rules, splitOf);
      case 'technical': return placeTechnical(facts, rules, splitOf);
      case 'csp_program': {
        const publisherId = (offer as { publisherId: string }).publisherId;
        rules.push(RULES.responsiblePublisherCsp(), RULES.partnerAsksPublisher(category));
        return { responsible: { orgId: publisherId, kind: 'publisher' }, firstHolderId: publisherId, tiers: [] };
      }
      case 'commerce_platform': return placeCommerce(facts, askerPosition, rules, splitOf);
    }
  })();

  const escalationPath = unique(placement.tiers.filter((id) => id !== placement.firstHolderId && id !== asker.orgId));
  const holderPosition = positionInChain(chain, placement.firstHolderId);
  if (chain?.model === 'indirect' && escalationPath.includes(chain.providerId) && holderPosition === 'reseller') rules.push(RULES.escalationToProvider());
  // The operator takes part where it has a role: commerce cases, and the cases it asks.
  const operatorTakesPart = group === 'commerce_platform' || asker.orgId === facts.operatorId;
  if (escalationPath.includes(facts.operatorId)) rules.push(RULES.escalationToOperator(operatorTakesPart));
  if (group === 'technical') rules.push(RULES.neverToOperator());

  const customerId = asker.kind === 'customer' ? asker.orgId : facts.customerId;
  const customerTakesPart = customerId !== null && (asker.kind === 'customer' || group === 'partner' || group === 'technical');
  if (customerId !== null && !customerTakesPart) rules.push(RULES.customerNotParticipant(category));

  const participantIds: string[] = [asker.orgId];
  if (customerTakesPart) participantIds.push(customerId);
  // Every partner of record takes part, in every category (SPEC section 5).
  participantIds.push(...chainIds(chain));
  if (chain?.model === 'indirect' && chain.providerId !== asker.orgId && chain.providerId !== placement.firstHolderId
    && !escalationPath.includes(chain.providerId)) rules.push(RULES.providerTakesPart());
  participantIds.push(placement.firstHolderId, ...escalationPath.filter((id) => id !== facts.operatorId || operatorTakesPart));
  if (offer && (group === 'technical' || group === 'csp_program')) participantIds.push(offer.publisherId);
  if (operatorTakesPart) participantIds.push(facts.operatorId);
  const participants = unique(participantIds).map((orgId) => ({ orgId, role: roleOf(facts, orgId, askerPosition) }));

  const incidentId = group === 'technical' && facts.openIncidentId ? facts.openIncidentId : null;
  if (incidentId !== null) rules.push(RULES.incidentLinked());

  return {
    routable: true, responsible: placement.responsible, firstHolderId: placement.firstHolderId,
    escalationPath, participants, incidentId, rules,
  };
}

/** What the caller could not find (or may not see) while gathering the facts. */
export type UnfoundFact = 'SUBSCRIPTION_NOT_FOUND' | 'OFFER_NOT_FOUND' | 'CUSTOMER_NOT_FOUND' | 'OPERATOR_NOT_FOUND';

const UNFOUND_RULES: Record<UnfoundFact, RoutingRule> = {
  SUBSCRIPTION_NOT_FOUND: rule('SUBSCRIPTION_NOT_FOUND', 'There is no such subscription that you may see.', '볼 수 있는 해당 구독이 없습니다.'),
  OFFER_NOT_FOUND: rule('OFFER_NOT_FOUND', 'There is no such offer.', '해당 오퍼가 없습니다.'),
  CUSTOMER_NOT_FOUND: rule('CUSTOMER_NOT_FOUND', 'There is no such customer that you may see.', '볼 수 있는 해당 고객이 없습니다.'),
  OPERATOR_NOT_FOUND: rule('OPERATOR_NOT_FOUND', 'No marketplace operator is set up, so nothing can be routed.', '마켓플레이스 운영자가 설정되지 않아 라우팅할 수 없습니다.'),
};

/** The unroutable decision for a fact the caller could not gather: routing answers a decision, never throws. */
export function decideUnfound(reason: UnfoundFact): RoutingDecision {
  return { routable: false, reason, rules: [UNFOUND_RULES[reason]] };
}

function isParty(facts: RoutingFacts): boolean {
  const { asker, chain, offer } = facts;
  switch (asker.kind) {
    case 'customer': return facts.customerId === null || facts.customerId === asker.orgId;
    case 'partner': return chain === null || positionInChain(chain, asker.orgId) !== null;
    case 'publisher': return offer === null || offer.publisherId === asker.orgId;
    case 'operator': return true;
  }
}

/** The split's rule for the case's category; notes the default split the first time it is used. */
type SplitOf = () => SplitRule;

/** Tiers above a partner holder: a reseller's provider, then (when the group allows) the operator. */
function tiersAbove(chain: Chain | null, holderId: string, operatorId: string, toOperator: boolean): string[] {
  const tiers: string[] = [];
  if (chain?.model === 'indirect' && chain.resellerId === holderId) tiers.push(chain.providerId);
  if (toOperator) tiers.push(operatorId);
  return tiers;
}

function placePartnerCategory(facts: RoutingFacts, chain: Chain, rules: RoutingRule[], splitOf: SplitOf): Placement {
  const { category, asker } = facts;
  let handler: { orgId: string; position: ChainPosition };
  if (chain.model === 'direct') {
    handler = { orgId: chain.partnerId, position: 'partner' };
    rules.push(RULES.responsibleDirectPartner(category));
  } else {
    const side = splitOf().handler;
    handler = { orgId: sideId(chain, side), position: side };
    rules.push(RULES.responsibleSplitHandler(category, side));
  }
  let firstHolderId = handler.orgId;
  if (asker.kind === 'customer') {
    firstHolderId = customerFacing(facts, chain, rules, splitOf).orgId;
  } else {
    rules.push(RULES.partnerSideTakes(asker.kind, handler.position));
  }
  return {
    responsible: { orgId: handler.orgId, kind: 'partner' }, firstHolderId,
    tiers: tiersAbove(chain, firstHolderId, facts.operatorId, true),
  };
}

/** The customer-facing partner of the category, with the rule that names it. */
function customerFacing(facts: RoutingFacts, chain: Chain, rules: RoutingRule[], splitOf: SplitOf): { orgId: string; position: ChainPosition } {
  if (chain.model === 'direct') {
    rules.push(RULES.firstContactDirect());
    return { orgId: chain.partnerId, position: 'partner' };
  }
  const side = splitOf().firstContact;
  rules.push(RULES.firstContactSplit(facts.category, side));
  return { orgId: sideId(chain, side), position: side };
}

function placeTechnical(facts: RoutingFacts, rules: RoutingRule[], splitOf: SplitOf): Placement {
  const { category, asker, chain } = facts;
  const publisherId = (facts.offer as { publisherId: string }).publisherId;
  const responsible = { orgId: publisherId, kind: 'publisher' as const };
  rules.push(RULES.responsiblePublisher(category));
  if (asker.kind !== 'customer') {
    rules.push(RULES.partnerAsksPublisher(category));
    return { responsible, firstHolderId: publisherId, tiers: [] };
  }
  if (!chain) {
    rules.push(RULES.noPartnerOfRecord());
    return { responsible, firstHolderId: publisherId, tiers: [] };
  }
  const partner = customerFacing(facts, chain, rules, splitOf);
  const preference = facts.preference.source === 'none' ? 'forward' : facts.preference.value;
  rules.push(facts.preference.source === 'none' ? RULES.preferenceNone() : RULES.preferenceOf(preference, facts.preference.source));
  switch (preference) {
    case 'forward':
      rules.push(RULES.preferenceForward());
      return { responsible, firstHolderId: publisherId, tiers: [] };
    case 'direct':
      rules.push(RULES.preferenceDirect());
      return { responsible, firstHolderId: publisherId, tiers: [] };
    case 'tier1':
      if (category === 'technical_howto') {
        rules.push(RULES.preferenceTier1Answers());
        return { responsible, firstHolderId: partner.orgId, tiers: tiersAbove(chain, partner.orgId, facts.operatorId, false) };
      }
      rules.push(RULES.preferenceTier1Forwards(category));
      return { responsible, firstHolderId: publisherId, tiers: [] };
  }
}

function placeCommerce(facts: RoutingFacts, askerPosition: ChainPosition | null, rules: RoutingRule[], splitOf: SplitOf): Placement {
  const { asker, chain, operatorId } = facts;
  const responsible = { orgId: operatorId, kind: 'operator' as const };
  rules.push(RULES.responsibleOperator());
  if (asker.kind === 'customer') {
    const partner = customerFacing(facts, chain as Chain, rules, splitOf);
    rules.push(RULES.commerceCustomerThroughPartner());
    return { responsible, firstHolderId: partner.orgId, tiers: tiersAbove(chain, partner.orgId, operatorId, true) };
  }
  if (asker.kind === 'partner' && askerPosition === 'reseller' && chain?.model === 'indirect') {
    rules.push(RULES.commerceResellerThroughProvider());
    return { responsible, firstHolderId: chain.providerId, tiers: [operatorId] };
  }
  if (!chain && !facts.offer) {
    rules.push(RULES.commerceOwnAccount(asker.kind === 'partner' ? askerPosition ?? 'partner' : asker.kind));
    return { responsible, firstHolderId: operatorId, tiers: [] };
  }
  rules.push(RULES.commerceToOperator(asker.kind));
  return { responsible, firstHolderId: operatorId, tiers: [] };
}

function roleOf(facts: RoutingFacts, orgId: string, askerPosition: ChainPosition | null): ParticipantRole {
  const position = positionInChain(facts.chain, orgId);
  if (position) return position;
  if (orgId === facts.asker.orgId) return facts.asker.kind === 'partner' ? (askerPosition ?? 'partner') : facts.asker.kind;
  if (facts.offer && orgId === facts.offer.publisherId) return 'publisher';
  if (orgId === facts.operatorId) return 'operator';
  return 'customer';
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
