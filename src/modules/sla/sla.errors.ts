/**
 * The error catalogue of the SLA context: its codes, and every refusal its use cases raise, built
 * here with its words in English and Korean (`slaErrors`), so the use cases hold no prose.
 */
import { AppError, type ErrorCatalogue, type LocalizedText } from '../../core/app-error.ts';
import { etagOf } from '../../core/case-rules.ts';
import { validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import type { OrgKind, Role } from '../../core/parties.ts';
import type { PolicyProblem, PolicyScope } from '../../core/sla-policy.ts';

export const SLA_ERRORS = {
  /** The scope has no policy in force to withdraw (none was ever set, or the last version withdrew it). */
  SLA_POLICY_NOT_FOUND: 404,
  /** If-Match names another version than the scope's current one (`currentVersion`, 0 for none), or another change won meanwhile. */
  SLA_POLICY_VERSION_CONFLICT: 412,
} as const satisfies ErrorCatalogue;
export type SlaErrorCode = keyof typeof SLA_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    sla: typeof SLA_ERRORS;
  }
}

/** A code the SLA context raises: its own, or a shared one. */
export type SlaRefusalCode = SlaErrorCode | CommonErrorCode;

function refuse(code: SlaRefusalCode, message: LocalizedText, details?: Record<string, unknown>): AppError<SlaRefusalCode> {
  return new AppError(code, message, details);
}

/** "a", "a or b", "a, b or c". */
function listEn(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** "가", "가 또는 나", "가, 나 또는 다". */
function listKo(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} 또는 ${words[words.length - 1]}`;
}

/** An organization of a kind, as the subject of a sentence. */
const KIND_WORDS: Record<OrgKind, string> = { partner: 'a partner', operator: 'the operator', publisher: 'a publisher', customer: 'a customer' };

/** Every refusal of the SLA context, by what was refused. */
export const slaErrors = {
  /** The viewer's roles neither read nor set SLA policies; `allowedRoles` are its kind's roles that do. */
  rolesDoNotAllow: (allowedRoles: readonly Role[]) => refuse('PERMISSION_DENIED', allowedRoles.length > 0
    ? {
      en: `Your roles do not allow you to read or set SLA policies; ${listEn(allowedRoles)} may.`,
      ko: `귀하의 역할로는 SLA 정책을 읽거나 설정할 수 없습니다. ${listKo(allowedRoles)} 역할이 할 수 있습니다.`,
    }
    : { en: 'Your organization has no SLA policies.', ko: '귀하의 조직에는 SLA 정책이 없습니다.' }, { allowedRoles }),
  /** Publishers state their SLA in their third-party agreement. */
  publisherSetsAgreements: () => refuse('PERMISSION_DENIED', {
    en: 'A publisher states its SLA in its third-party customer agreement: publish a new agreement version (POST /offers/{offerId}/agreements) with the targets, calendar and criticalAroundTheClock.',
    ko: '게시자의 SLA는 타사 고객 계약에 명시합니다. 목표, 달력, criticalAroundTheClock을 담아 새 계약 버전을 게시하세요(POST /offers/{offerId}/agreements).',
  }),
  /** A scope the viewer's kind does not set. */
  scopeNotForKind: (kind: OrgKind, scopes: readonly PolicyScope[]) => validationFailed('params.scope', {
    en: `is not a scope ${KIND_WORDS[kind]} sets; it sets ${listEn(scopes)}`,
    ko: `이 조직 유형이 설정하는 범위가 아닙니다. 설정할 수 있는 범위: ${scopes.join(', ')}`,
  }),
  /** The policy's problems, every field named in the body. */
  invalidPolicy: (problems: readonly PolicyProblem[]) => {
    const errors = problems.map((p) => ({ field: `body.${p.field}`, message: p.message }));
    return refuse('VALIDATION_FAILED', {
      en: errors.map((e) => `${e.field} ${e.message.en}`).join('; '),
      ko: `요청이 올바르지 않습니다. ${errors.map((e) => `${e.field}: ${e.message.ko}`).join('; ')}`,
    }, { errors });
  },
  /** The If-Match header is not `*` or a list of entity tags. */
  malformedIfMatch: () => validationFailed('headers.if-match', {
    en: 'must be * or a list of entity tags such as "3" or W/"3"',
    ko: '* 또는 "3", W/"3" 같은 엔터티 태그 목록이어야 합니다',
  }),
  /** If-Match names another version than the scope's current one. */
  versionConflict: (scope: PolicyScope, currentVersion: number) => refuse('SLA_POLICY_VERSION_CONFLICT', currentVersion > 0
    ? {
      en: `The ${scope} policy is at version ${currentVersion}; read it again and retry with If-Match: ${etagOf(currentVersion)}.`,
      ko: `${scope} 정책은 현재 버전 ${currentVersion}입니다. 정책을 다시 읽은 뒤 If-Match: ${etagOf(currentVersion)} 헤더로 다시 시도하세요.`,
    }
    : {
      en: `The ${scope} policy has no version yet; send no If-Match (or If-Match: *) to set the first one.`,
      ko: `${scope} 정책에는 아직 버전이 없습니다. 첫 버전을 설정하려면 If-Match 없이(또는 If-Match: *로) 보내세요.`,
    }, { currentVersion }),
  /** Another change of the scope committed between the read and the insert. */
  changedMeanwhile: (scope: PolicyScope) => refuse('SLA_POLICY_VERSION_CONFLICT', {
    en: `The ${scope} policy changed while this request ran; read it again.`,
    ko: `요청을 처리하는 동안 ${scope} 정책이 변경되었습니다. 정책을 다시 읽어 주세요.`,
  }),
  /** Nothing in force to withdraw. */
  nothingToWithdraw: (scope: PolicyScope) => refuse('SLA_POLICY_NOT_FOUND', {
    en: `Your organization has no ${scope} policy in force to withdraw.`,
    ko: `귀하의 조직에는 철회할 ${scope} 정책이 없습니다.`,
  }),
};

/** Every refusal of the SLA reports (sla.reports.ts), by what was refused. */
export const slaReportErrors = {
  /** Customers commit to nothing: the commitments made to them are on each of their cases. */
  notForCustomers: () => refuse('PERMISSION_DENIED', {
    en: 'Your organization commits to no SLA, so it has no SLA reports; the commitments made to you are shown on each of your cases.',
    ko: '귀하의 조직은 SLA를 약속하지 않으므로 SLA 보고서가 없습니다. 귀하에게 한 약속은 각 케이스에 표시됩니다.',
  }),
  /** The viewer's roles do not read SLA reports; `allowedRoles` are its kind's roles that do. */
  rolesDoNotAllow: (allowedRoles: readonly Role[]) => refuse('PERMISSION_DENIED', {
    en: `Your roles do not allow you to read SLA reports; ${listEn(allowedRoles)} may.`,
    ko: `귀하의 역할로는 SLA 보고서를 읽을 수 없습니다. ${listKo(allowedRoles)} 역할이 할 수 있습니다.`,
  }, { allowedRoles }),
  /** Counts per offer are a publisher's (its own offers) and the operator's. */
  offersNotForKind: () => refuse('PERMISSION_DENIED', {
    en: 'SLA counts per offer are for publishers (their own offers) and the operator; your own part is at GET /sla-reports/compliance.',
    ko: '오퍼별 SLA 집계는 게시자(자신의 오퍼)와 운영자만 볼 수 있습니다. 귀하 조직의 보고서는 GET /sla-reports/compliance에 있습니다.',
  }),
  /** The period's problems, each query field named. */
  invalidPeriod: (problems: readonly { field: 'from' | 'to'; message: LocalizedText }[]) => {
    const errors = problems.map((p) => ({ field: `querystring.${p.field}`, message: p.message }));
    return refuse('VALIDATION_FAILED', {
      en: errors.map((e) => `${e.field} ${e.message.en}`).join('; '),
      ko: `요청이 올바르지 않습니다. ${errors.map((e) => `${e.field}: ${e.message.ko}`).join('; ')}`,
    }, { errors });
  },
};
