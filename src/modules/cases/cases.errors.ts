/**
 * The error catalogue of the cases context: its codes (opening, reading and working cases across
 * organizations), and every refusal its use cases raise, built here with its words in English and
 * Korean (`caseErrors`), so the use cases hold no prose.
 *
 * Terminology (holder, requester, relation and the statuses are defined in src/core/case-rules.ts):
 * - deed: what the viewer tried — an action of the status table, or opening a case, or rerouting
 *   into a category; its words are a verb in English (`reply to`) and, in Korean, a phrase
 *   around the case it is done to (`…에 답장할`), ending where `수 있습니다`/`수 없습니다` follows.
 * - English texts are the API's since its first version; clients may match them, so they change
 *   only with the code's meaning.
 */
import { AppError, type ErrorCatalogue, type LocalizedText } from '../../core/app-error.ts';
import type { CaseRefusal } from '../../core/case-history.ts';
import {
  etagOf, type CaseAction, type CaseRelation, type CaseStatus, type EscalationDecision, type EscalationTarget, type EscalationTier,
  type ForwardDecision,
} from '../../core/case-rules.ts';
import { validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import type { RoutingRule } from '../../core/routing-types.ts';
import { blankText } from '../../core/text.ts';
import { CATEGORY_WORDS, isSupportCategory } from '../../core/support-categories.ts';

export const CASE_ERRORS = {
  /** No case with this id in which the viewer's organization takes part. */
  CASE_NOT_FOUND: 404,
  /** Routing found no one to take the case; `reason` and `rules` say why, in English and Korean. */
  CASE_NOT_ROUTABLE: 422,
  /** The subscription named is not one the viewer may see. */
  SUBSCRIPTION_NOT_FOUND: 404,
  /** The offer named does not exist. */
  OFFER_NOT_FOUND: 404,
  /** If-Match names another version than the case's current one; `currentVersion` is it. */
  CASE_VERSION_CONFLICT: 412,
  /** The case's status does not allow the action; `status` and `allowedStatuses` say where it would. */
  CASE_STATUS_CONFLICT: 409,
  /**
   * The case can't go up a tier from its holder; `reason` says why, for a product question `publisherSupport` is who answers
   * it, and for a tier the split does not allow (`target_not_allowed`) `allowedTargets` are the ones it does.
   */
  ESCALATION_NOT_ALLOWED: 409,
  /** The case can't be forwarded to the publisher (not a technical category, or not held by a partner). */
  FORWARD_NOT_ALLOWED: 409,
  /** Nobody forwarded or escalated the case to its holder, so there is no one to hand it back to. */
  HAND_BACK_NOT_ALLOWED: 409,
  /** The user to assign is not an active user of the holder's organization who may work the case. */
  ASSIGNEE_NOT_ELIGIBLE: 422,
  /** No message with this id on the case that the viewer may see. */
  MESSAGE_NOT_FOUND: 404,
  /** No attachment with this id on the case that the viewer may see. */
  ATTACHMENT_NOT_FOUND: 404,
  /** The file is larger than the attachment limit (`maxBytes`). */
  ATTACHMENT_TOO_LARGE: 413,
  /** The declared content type is not one of `allowed`. */
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  /** The file's bytes are not what its declared content type says. */
  ATTACHMENT_CONTENT_MISMATCH: 415,
} as const satisfies ErrorCatalogue;
export type CaseErrorCode = keyof typeof CASE_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    cases: typeof CASE_ERRORS;
  }
}

// ---- Words ----

/** A deed: an action of the status table, opening a case, or rerouting into a category. */
export type CaseDeed = CaseAction | 'open' | 'reroute_to';

interface DeedWords {
  /** English verb: "you can't {verb} a billing case". */
  en: string;
  /** Korean phrase around the case it is done to, before `수 있습니다`/`수 없습니다`. */
  ko: (theCase: string) => string;
}

/** Every phrase below is built around a noun ending in 케이스 (a vowel), so its particles are fixed. */
const DEED_WORDS: Record<CaseDeed, DeedWords> = {
  reply: { en: 'reply to', ko: (c) => `${c}에 답장할` },
  reply_awaiting_customer: { en: 'ask the customer on', ko: (c) => `${c}에서 고객에게 답변을 요청할` },
  note: { en: 'add notes to', ko: (c) => `${c}에 메모를 추가할` },
  assign: { en: 'assign', ko: (c) => `${c}의 담당자를 지정할` },
  forward: { en: 'forward', ko: (c) => `${c}를 전달할` },
  escalate: { en: 'escalate', ko: (c) => `${c}를 에스컬레이션할` },
  hand_back: { en: 'hand back', ko: (c) => `${c}를 반환할` },
  reroute: { en: 'reroute', ko: (c) => `${c}를 재배정할` },
  resolve: { en: 'resolve', ko: (c) => `${c}를 해결할` },
  reopen: { en: 'reopen', ko: (c) => `${c}를 다시 열` },
  close: { en: 'close', ko: (c) => `${c}를 종료할` },
  set_external_reference: { en: 'set the external reference of', ko: (c) => `${c}에 외부 참조를 설정할` },
  attach: { en: 'attach files to', ko: (c) => `${c}에 파일을 첨부할` },
  link_incident: { en: 'link an incident to', ko: (c) => `${c}에 장애를 연결할` },
  open: { en: 'open', ko: (c) => `${c}를 열` },
  reroute_to: { en: 'reroute to', ko: (c) => `${c}로 재배정할` },
};

/** What an action made of the case, in English: "a resolved case can't be {done}". */
const DONE_WORDS: Record<CaseAction, string> = {
  reply: 'replied to',
  reply_awaiting_customer: 'set to wait on the customer',
  note: 'given notes',
  assign: 'assigned',
  forward: 'forwarded',
  escalate: 'escalated',
  hand_back: 'handed back',
  reroute: 'rerouted',
  resolve: 'resolved',
  reopen: 'reopened',
  close: 'closed',
  set_external_reference: 'given an external reference',
  attach: 'given attachments',
  link_incident: 'linked to an incident',
};

/** The statuses in Korean (English says the status code itself). */
const STATUS_KO: Record<CaseStatus, string> = {
  new: '신규', open: '진행 중', pending_customer: '고객 답변 대기', pending_party: '담당 조직 대기', resolved: '해결됨', closed: '종료됨',
};

const RELATION_WORDS: Record<CaseRelation, LocalizedText> = {
  holder: { en: 'holder', ko: '담당 조직' },
  customer: { en: 'customer', ko: '고객' },
  requester: { en: 'requester', ko: '요청자' },
  participant: { en: 'other participants', ko: '다른 참여자' },
};

type EscalationRefusal = Extract<EscalationDecision, { allowed: false }>['reason'];
const ESCALATION_WORDS: Record<EscalationRefusal, LocalizedText> = {
  operator_does_not_support_isv_products: {
    en: 'The operator does not support ISV products: technical and outage cases are never escalated to it. The publisher\'s support contact answers them.',
    ko: '운영자는 ISV 제품을 지원하지 않으므로 기술 및 서비스 중단 케이스는 운영자에게 에스컬레이션되지 않습니다. 이런 케이스는 게시자의 지원 담당자가 답합니다.',
  },
  not_an_operator_category: {
    en: 'Only commerce platform and partner cases (billing, payment, subscription, account setup) are escalated to the operator; the publisher answers this category.',
    ko: '운영자에게는 커머스 플랫폼 케이스와 파트너 케이스(청구, 결제, 구독, 계정 설정)만 에스컬레이션됩니다. 이 범주는 게시자가 답합니다.',
  },
  no_provider: { en: 'This case has no provider of record to escalate to.', ko: '이 케이스에는 에스컬레이션할 기록상 공급자가 없습니다.' },
  no_operator: { en: 'This case recorded no operator to escalate to.', ko: '이 케이스에는 에스컬레이션할 운영자가 기록되어 있지 않습니다.' },
  nowhere_to_escalate: { en: 'There is no tier above the holder of this case.', ko: '이 케이스의 담당 조직보다 위 단계가 없습니다.' },
};

/** The escalation tiers: "escalate to the provider". */
const TIER_WORDS: Record<EscalationTier, LocalizedText> = {
  provider: { en: 'provider', ko: '공급자' },
  operator: { en: 'operator', ko: '운영자' },
};

type ForwardRefusal = Extract<ForwardDecision, { allowed: false }>['reason'];
const FORWARD_WORDS: Record<ForwardRefusal, LocalizedText> = {
  not_technical: {
    en: 'Only technical and outage cases are forwarded to the publisher; reroute the case if its category is wrong.',
    ko: '게시자에게는 기술 및 서비스 중단 케이스만 전달됩니다. 범주가 잘못되었다면 케이스를 재배정하세요.',
  },
  holder_not_partner: { en: 'Only a partner holding a case forwards it to the publisher.', ko: '케이스를 게시자에게 전달할 수 있는 것은 케이스를 담당하는 파트너뿐입니다.' },
  no_publisher: { en: 'This case names no offer, so there is no publisher to forward it to.', ko: '이 케이스에는 오퍼가 지정되지 않아 전달할 게시자가 없습니다.' },
};

/** "a", "a or b", "a, b or c". */
function listEn(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** "가", "가 또는 나", "가, 나 또는 다". */
function listKo(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} 또는 ${words[words.length - 1]}`;
}

/** "가", "가 및 나", "가, 나 및 다": what something is all at once (English says it with "or" since the first version). */
function listKoAll(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} 및 ${words[words.length - 1]}`;
}

/** The largest attachment, in MiB, as the texts say it. */
function mebibytes(bytes: number): number {
  return bytes / 1024 / 1024;
}

// ---- Refusals ----

/** A code the cases context raises: its own, or a shared one. */
export type CaseRefusalCode = CaseErrorCode | CommonErrorCode;

function refuse(code: CaseRefusalCode, message: LocalizedText, details?: Record<string, unknown>): AppError<CaseRefusalCode> {
  return new AppError(code, message, details);
}

/** The publisher's support contact, offered with the refusal to escalate a product question. */
export interface PublisherSupport {
  name: string;
  email: string;
  phone: string;
  website: string | null;
}

/** Every refusal of the cases context, by what was refused. */
export const caseErrors = {
  /** No case the viewer's organization takes part in (also what a case hidden from it answers). */
  notFound: () => refuse('CASE_NOT_FOUND', { en: 'No such case.', ko: '해당 케이스가 없습니다.' }),
  subscriptionNotFound: () => refuse('SUBSCRIPTION_NOT_FOUND', { en: 'No such subscription.', ko: '해당 구독이 없습니다.' }),
  offerNotFound: () => refuse('OFFER_NOT_FOUND', { en: 'No such offer.', ko: '해당 오퍼가 없습니다.' }),
  messageNotFound: () => refuse('MESSAGE_NOT_FOUND', { en: 'No such message on this case.', ko: '이 케이스에 해당 메시지가 없습니다.' }),
  attachmentNotFound: () => refuse('ATTACHMENT_NOT_FOUND', { en: 'No such attachment.', ko: '해당 첨부 파일이 없습니다.' }),

  /**
   * Routing found no one to take the case: the last rule says why, in both languages. A reason
   * that means the asker named something it can't see is answered as 404, like a missing object.
   */
  notRoutable: (reason: string, rules: readonly RoutingRule[]): AppError<CaseRefusalCode> => {
    if (reason === 'SUBSCRIPTION_NOT_FOUND') return caseErrors.subscriptionNotFound();
    if (reason === 'OFFER_NOT_FOUND') return caseErrors.offerNotFound();
    const last = rules[rules.length - 1];
    const why = last ? { en: last.en, ko: last.ko } : { en: 'Routing found no one to take this case.', ko: '라우팅에서 이 케이스를 맡을 당사자를 찾지 못했습니다.' };
    return refuse('CASE_NOT_ROUTABLE', why, { reason, rules });
  },

  /** If-Match names another version than the case's. */
  versionConflict: (currentVersion: number) => refuse('CASE_VERSION_CONFLICT', {
    en: `The case is at version ${currentVersion}; read it again and retry with If-Match: ${etagOf(currentVersion)}.`,
    ko: `케이스는 현재 버전 ${currentVersion}입니다. 케이스를 다시 읽은 뒤 If-Match: ${etagOf(currentVersion)} 헤더로 다시 시도하세요.`,
  }, { currentVersion }),
  /** Another change won between the lock and the update (the version the winner made is current). */
  changedMeanwhile: (currentVersion: number) => refuse('CASE_VERSION_CONFLICT', {
    en: 'The case changed while this request ran; read it again.',
    ko: '요청을 처리하는 동안 케이스가 변경되었습니다. 케이스를 다시 읽어 주세요.',
  }, { currentVersion }),
  /** The If-Match header is not `*` or a list of entity tags. */
  malformedIfMatch: () => validationFailed('headers.if-match', {
    en: 'must be * or a list of entity tags such as "3" or W/"3"',
    ko: '* 또는 "3", W/"3" 같은 엔터티 태그 목록이어야 합니다',
  }),

  /** Nothing changes a closed case. */
  closedIsFinal: () => refuse('CASE_STATUS_CONFLICT', {
    en: 'A closed case is final; open a new case instead.',
    ko: '종료된 케이스는 더 이상 변경할 수 없습니다. 대신 새 케이스를 여세요.',
  }, { caseStatus: 'closed', allowedStatuses: [] }),
  /** The status table refuses the action in this status. */
  statusConflict: (status: CaseStatus, action: CaseAction, allowedStatuses: readonly CaseStatus[]) => refuse('CASE_STATUS_CONFLICT', {
    en: `A ${status} case can't be ${DONE_WORDS[action]}; this needs one that is ${listEn(allowedStatuses)}.`,
    ko: `${DEED_WORDS[action].ko(`${STATUS_KO[status]} 상태인 케이스`)} 수 없습니다. ${listKo(allowedStatuses.map((s) => STATUS_KO[s]))} 상태인 케이스여야 합니다.`,
  }, { caseStatus: status, allowedStatuses }),
  /** The status table gives the action to other relations than the viewer's. */
  relationRefused: (action: CaseAction, yourRelations: readonly CaseRelation[], allowedRelations: readonly CaseRelation[]) => {
    const mine = { en: listEn(yourRelations.map((r) => RELATION_WORDS[r].en)), ko: listKoAll(yourRelations.map((r) => RELATION_WORDS[r].ko)) };
    const deed = DEED_WORDS[action];
    const who = allowedRelations.length > 0
      ? {
        en: `only the case's ${listEn(allowedRelations.map((r) => RELATION_WORDS[r].en))} can ${deed.en} it.`,
        ko: `${deed.ko('이 케이스')} 수 있는 조직은 ${listKo(allowedRelations.map((r) => RELATION_WORDS[r].ko))}뿐입니다.`,
      }
      : { en: `nobody can ${deed.en} it.`, ko: `누구도 ${deed.ko('이 케이스')} 수 없습니다.` };
    return refuse('PERMISSION_DENIED', {
      en: `Your organization is the case's ${mine.en}; ${who.en}`,
      ko: `귀하의 조직은 이 케이스의 ${mine.ko}입니다. ${who.ko}`,
    }, { action, yourRelations, allowedRelations });
  },
  /** The viewer's roles work billing and payment cases only, and this case is of another category. */
  categoryNotWorked: (deed: CaseDeed, category: string) => refuse('PERMISSION_DENIED', {
    en: `Your roles work only billing and payment cases; you can't ${DEED_WORDS[deed].en} a ${category} case.`,
    ko: `귀하의 역할은 청구 및 결제 케이스만 처리합니다. ${DEED_WORDS[deed].ko(`${isSupportCategory(category) ? CATEGORY_WORDS[category].ko : category} 케이스`)} 수 없습니다.`,
  }, { category }),
  /** The viewer's roles work no cases. */
  rolesDoNotAllow: (deed: CaseDeed) => refuse('PERMISSION_DENIED', {
    en: `Your roles do not allow you to ${DEED_WORDS[deed].en} support cases.`,
    ko: `귀하의 역할로는 ${DEED_WORDS[deed].ko('지원 케이스')} 수 없습니다.`,
  }),
  /** The viewer's roles read no cases. */
  readDenied: () => refuse('PERMISSION_DENIED', {
    en: 'Your roles do not allow you to read support cases.',
    ko: '귀하의 역할로는 지원 케이스를 읽을 수 없습니다.',
  }),

  forwardRefused: (reason: ForwardRefusal) => refuse('FORWARD_NOT_ALLOWED', FORWARD_WORDS[reason], { reason }),
  /** An escalation refused; for a product question, with the publisher's support contact. */
  escalationRefused: (reason: EscalationRefusal, publisherSupport: PublisherSupport | null) => {
    const words = ESCALATION_WORDS[reason];
    if (reason !== 'operator_does_not_support_isv_products') return refuse('ESCALATION_NOT_ALLOWED', words, { reason });
    const reach = publisherSupport
      ? `${publisherSupport.email}, ${publisherSupport.phone}${publisherSupport.website ? `, ${publisherSupport.website}` : ''}`
      : '';
    return refuse('ESCALATION_NOT_ALLOWED', {
      en: `${words.en}${publisherSupport ? ` Contact ${publisherSupport.name}: ${reach}.` : ''}`,
      ko: `${words.ko}${publisherSupport ? ` ${publisherSupport.name}에 문의하세요: ${reach}.` : ''}`,
    }, { reason, publisherSupport });
  },
  /** The tier named is not one the split and the chain allow; `allowedTargets` are. */
  escalationTargetNotAllowed: (target: EscalationTier, allowedTargets: readonly EscalationTarget[]) => refuse('ESCALATION_NOT_ALLOWED', {
    en: `This case can't be escalated to the ${TIER_WORDS[target].en} from its holder; the split allows the ${listEn(allowedTargets.map((t) => TIER_WORDS[t.tier].en))} instead.`,
    ko: `이 케이스는 현재 담당 조직에서 ${TIER_WORDS[target].ko}에게 에스컬레이션할 수 없습니다. 지원 분담에 따라 대신 ${listKo(allowedTargets.map((t) => TIER_WORDS[t.tier].ko))}에게 에스컬레이션할 수 있습니다.`,
  }, { reason: 'target_not_allowed', target, allowedTargets }),
  handBackNobody: () => refuse('HAND_BACK_NOT_ALLOWED', {
    en: 'Nobody forwarded or escalated this case to your organization, so there is no one to hand it back to.',
    ko: '이 케이스를 귀하의 조직에 전달하거나 에스컬레이션한 조직이 없어 반환할 대상이 없습니다.',
  }),
  /** The user is not an active user of the holder who may work the case (`isUser`: it is one of the holder's users). */
  assigneeNotEligible: (isUser: boolean) => refuse('ASSIGNEE_NOT_ELIGIBLE', {
    en: 'Assign the case to an active user of the holding organization whose roles work this case.',
    ko: '케이스는 담당 조직의 활성 사용자 중 이 케이스를 처리할 수 있는 역할을 가진 사용자에게 지정하세요.',
  }, {
    errors: [{
      field: 'body.userId',
      message: isUser ? { en: 'can\'t work this case', ko: '이 케이스를 처리할 수 없습니다' } : { en: 'is not a user of the holding organization', ko: '담당 조직의 사용자가 아닙니다' },
    }],
  }),
  /** A reroute into the category the case already has. */
  sameCategory: () => validationFailed('body.category', { en: 'is already the case\'s category', ko: '이미 이 케이스의 범주입니다' }),
  onlyPublisherSetsReference: () => refuse('PERMISSION_DENIED', {
    en: 'Only the publisher taking part in the case sets its external reference.',
    ko: '외부 참조는 케이스에 참여한 게시자만 설정할 수 있습니다.',
  }),

  onlyHolderOrPublisherLinks: () => refuse('PERMISSION_DENIED', {
    en: 'Only the holder of the case or the publisher taking part in it links it to an incident.',
    ko: '케이스를 장애에 연결할 수 있는 것은 케이스의 담당 조직이나 케이스에 참여한 게시자뿐입니다.',
  }),
  /** Incidents are linked to technical cases only, as routing links them. */
  incidentNotForCategory: () => validationFailed('body.incidentId', {
    en: 'can be linked to technical and outage cases only', ko: '기술 및 서비스 중단 케이스에만 연결할 수 있습니다',
  }),
  sameIncident: () => validationFailed('body.incidentId', { en: 'is already the case\'s incident', ko: '이미 이 케이스에 연결된 장애입니다' }),

  onlyAuthorAttaches: () => refuse('PERMISSION_DENIED', {
    en: 'Only the organization that wrote a message attaches files to it.',
    ko: '메시지에 파일을 첨부할 수 있는 것은 그 메시지를 작성한 조직뿐입니다.',
  }),
  /** A file over the limit; also raised by the route while the upload streams. */
  attachmentTooLarge: (maxBytes: number) => refuse('ATTACHMENT_TOO_LARGE', {
    en: `Attachments are at most ${mebibytes(maxBytes)} MiB.`,
    ko: `첨부 파일은 최대 ${mebibytes(maxBytes)} MiB까지 올릴 수 있습니다.`,
  }, { maxBytes }),
  attachmentTypeNotAllowed: (declared: string, allowed: readonly string[]) => refuse('ATTACHMENT_TYPE_NOT_ALLOWED', {
    en: `Files of type ${declared || '(none)'} can't be attached; send one of ${allowed.join(', ')}.`,
    ko: `${declared || '(형식 없음)'} 형식의 파일은 첨부할 수 없습니다. 다음 형식 중 하나로 보내세요: ${allowed.join(', ')}.`,
  }, { declared, allowed }),
  attachmentContentMismatch: (declared: string, detected: string | null) => refuse('ATTACHMENT_CONTENT_MISMATCH', {
    en: `The file's content is not ${declared}.`,
    ko: `파일의 내용이 ${declared} 형식이 아닙니다.`,
  }, { declared, detected }),
};

/**
 * A refusal of the case reducer (src/core/case-history.ts) as its error. `assigneeIsUser` says,
 * for an assignee not eligible, whether it is a user of the holder (what the use case looked up).
 */
export function errorOfRefusal(refusal: CaseRefusal, facts: { assigneeIsUser?: boolean; publisherSupport?: PublisherSupport | null } = {}): AppError {
  switch (refusal.code) {
    case 'CASE_NOT_FOUND': return caseErrors.notFound();
    case 'PERMISSION_DENIED':
      return permissionError(refusal);
    case 'CASE_STATUS_CONFLICT':
      return refusal.reason === 'closed' ? caseErrors.closedIsFinal() : caseErrors.statusConflict(refusal.details.caseStatus, refusal.details.action, refusal.details.allowedStatuses);
    case 'FORWARD_NOT_ALLOWED': return caseErrors.forwardRefused(refusal.reason);
    case 'ESCALATION_NOT_ALLOWED':
      return refusal.reason === 'target_not_allowed'
        ? caseErrors.escalationTargetNotAllowed(refusal.details.target, refusal.details.allowedTargets)
        : caseErrors.escalationRefused(refusal.reason, facts.publisherSupport ?? null);
    case 'HAND_BACK_NOT_ALLOWED': return caseErrors.handBackNobody();
    case 'ASSIGNEE_NOT_ELIGIBLE': return caseErrors.assigneeNotEligible(facts.assigneeIsUser ?? true);
    case 'VALIDATION_FAILED':
      switch (refusal.reason) {
        case 'same_category': return caseErrors.sameCategory();
        case 'blank_reason': return blankText(refusal.details.field);
        case 'not_technical': return caseErrors.incidentNotForCategory();
        case 'same_incident': return caseErrors.sameIncident();
      }
  }
}

/** A refusal for lack of a permission as its error. */
function permissionError(refusal: Extract<CaseRefusal, { code: 'PERMISSION_DENIED' }>): AppError {
  switch (refusal.reason) {
    case 'roles': return refusal.details.billingOnly ? caseErrors.categoryNotWorked(refusal.details.action, refusal.details.category) : caseErrors.rolesDoNotAllow(refusal.details.action);
    case 'roles_for_new_category': return refusal.details.billingOnly && refusal.details.category
      ? caseErrors.categoryNotWorked('reroute_to', refusal.details.category) : caseErrors.rolesDoNotAllow('reroute_to');
    case 'relation': return caseErrors.relationRefused(refusal.details.action, refusal.details.yourRelations, refusal.details.allowedRelations);
    case 'not_the_publisher': return caseErrors.onlyPublisherSetsReference();
    case 'not_holder_or_publisher': return caseErrors.onlyHolderOrPublisherLinks();
    case 'not_the_message_author': return caseErrors.onlyAuthorAttaches();
  }
}
