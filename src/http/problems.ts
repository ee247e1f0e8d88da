/**
 * Problem details (RFC 9457) in the language of the request, and the refusals the HTTP edge
 * itself raises, in every language of the product.
 *
 * Terminology:
 * - language of a request: the signed-in user's (`users.locale`, carried by the viewer), else the
 *   best match of `Accept-Language` among the product's languages (`ko-KR` matches `ko`), else
 *   English. The answer names it in `Content-Language`.
 * - detail: `AppError.messageIn(language)`; a validation error's `errors[].message` given as
 *   `{ en, ko }` is answered in the language too. A refusal given in English only is answered
 *   (and labelled) `en`. Codes, titles and field names never change; Ajv's own messages for
 *   schema failures stay English inside a Korean summary.
 */
import Negotiator from 'negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type Language, type LocalizedText } from '../core/app-error.ts';
import type { Viewer } from '../core/parties.ts';
import { statusIn, type ErrorStatuses } from './error-status.ts';

/** The languages the product speaks, English (the fallback) first. */
export const LANGUAGES: readonly Language[] = ['en', 'ko'];

/** The part of a request its language is read from. */
interface LanguageSource {
  headers: FastifyRequest['headers'];
  viewer?: (Viewer & { locale?: Language }) | null;
}

/** The language of a request (see the terminology above). */
export function languageOf(req: LanguageSource): Language {
  const locale = req.viewer?.locale;
  if (locale && LANGUAGES.includes(locale)) return locale;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string' || header.trim() === '') return 'en';
  return (new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]) as Language | undefined) ?? 'en';
}

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && typeof (v as LocalizedText).en === 'string' && typeof (v as LocalizedText).ko === 'string';

/** A validation error's `errors`, each message in the language. */
function errorsIn(errors: unknown, language: Language): unknown {
  if (!Array.isArray(errors)) return errors;
  return errors.map((e: unknown) => {
    if (typeof e !== 'object' || e === null) return e;
    const message = (e as { message?: unknown }).message;
    return isLocalized(message) ? { ...e, message: message[language] } : e;
  });
}

/** The title of a code: its words (`CASE_NOT_FOUND` → "Case Not Found"). */
export const titleOf = (code: string) => code.split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(' ');

/** Answers problem details for an AppError, in the request's language; see `createProblemSender`. */
export type SendProblem = (req: FastifyRequest, reply: FastifyReply, error: AppError) => FastifyReply;

/** The problem sender over a code → status map. */
export function createProblemSender(statuses: ErrorStatuses): SendProblem {
  return (req, reply, error) => {
    const status = statusIn(statuses, error.code);
    if (status === 500 && error.code !== 'INTERNAL_ERROR') req.log.error({ code: error.code }, 'error code without a status');
    // A refusal given in English only is answered, and labelled, in English.
    const language = error.localized ? languageOf(req) : 'en';
    const { errors, ...details } = error.details ?? {};
    // The details come first: none of them may stand in for a member RFC 9457 defines.
    const body = {
      ...details,
      type: `urn:switchboard:problem:${error.code.toLowerCase()}`,
      title: titleOf(error.code),
      status,
      detail: error.messageIn(language),
      code: error.code,
      requestId: req.id,
      instance: req.url.split('?')[0],
      ...(errors === undefined ? {} : { errors: errorsIn(errors, language) }),
    };
    if (typeof details.retryAfter === 'number') reply.header('retry-after', String(details.retryAfter));
    reply.header('content-language', language);
    return reply.code(status).type('application/problem+json').send(JSON.stringify(body));
  };
}

/** A refusal of the edge, in every language. */
const refuse = <Code extends ErrorCode>(code: Code, message: LocalizedText, details?: Record<string, unknown>) => new AppError(code, message, details);

/** A field of a validation error, with its message in every language. */
export interface FieldError { field: string; message: string | LocalizedText }

/** The refusals the HTTP edge raises itself (the contexts' are in their `*.errors.ts`). */
export const edgeErrors = {
  signInRequired: () => refuse('UNAUTHENTICATED', {
    en: 'Sign in, or send an API token as `Authorization: Bearer <token>`.',
    ko: '로그인하거나 API 토큰을 `Authorization: Bearer <token>` 형식으로 보내세요.',
  }),
  malformedAuthorization: () => refuse('UNAUTHENTICATED', {
    en: 'The Authorization header must be `Bearer <token>`.',
    ko: 'Authorization 헤더는 `Bearer <token>` 형식이어야 합니다.',
  }),
  tokenNotValid: () => refuse('UNAUTHENTICATED', {
    en: 'The API token is not valid, expired or revoked.',
    ko: 'API 토큰이 유효하지 않거나, 만료되었거나, 폐기되었습니다.',
  }),
  routeNotFound: (method: string, path: string) => refuse('ROUTE_NOT_FOUND', {
    en: `No route ${method} ${path}.`,
    ko: `${method} ${path} 경로는 없습니다.`,
  }),
  databaseUnavailable: () => refuse('SERVICE_UNAVAILABLE', {
    en: 'The database is not reachable right now; try again in a few seconds.',
    ko: '지금은 데이터베이스에 연결할 수 없습니다. 몇 초 후에 다시 시도하세요.',
  }),
  /** The schema's refusal: every bad field, the summary listing them. */
  validationFailed: (errors: readonly FieldError[]) => {
    const text = (language: Language) => errors
      .map((e) => `${e.field}${language === 'en' ? ' ' : ': '}${typeof e.message === 'string' ? e.message : e.message[language]}`)
      .join('; ');
    return refuse('VALIDATION_FAILED', { en: text('en'), ko: `요청이 올바르지 않습니다. ${text('ko')}` }, { errors });
  },
  /** A field the schema does not know, as a validation error's message. */
  unknownField: { en: 'is not a known field', ko: '알 수 없는 필드입니다' },
  /** A value the schema refused without saying why. */
  invalidValue: { en: 'is invalid', ko: '올바르지 않습니다' },
  bodyTooLarge: () => refuse('PAYLOAD_TOO_LARGE', {
    en: 'The request body is larger than 1 MiB.',
    ko: '요청 본문이 1 MiB보다 큽니다.',
  }),
  bodyNotJson: () => refuse('UNSUPPORTED_MEDIA_TYPE', {
    en: 'Send the body as application/json.',
    ko: '본문을 application/json 형식으로 보내세요.',
  }),
  invalidJson: () => refuse('VALIDATION_FAILED', {
    en: 'The body is not valid JSON.',
    ko: '본문이 올바른 JSON이 아닙니다.',
  }, { errors: [{ field: 'body', message: { en: 'is not valid JSON', ko: '올바른 JSON이 아닙니다' } }] }),
  malformedRequest: () => refuse('VALIDATION_FAILED', {
    en: 'The request is malformed.',
    ko: '요청 형식이 올바르지 않습니다.',
  }),
  internal: () => refuse('INTERNAL_ERROR', {
    en: 'Something went wrong on our side. Quote the request id when you report it.',
    ko: '서버에서 문제가 발생했습니다. 문의하실 때 요청 ID를 알려 주세요.',
  }),
  noOrigin: (publicOrigin: string) => refuse('CROSS_SITE_REQUEST', {
    en: `A change made with your session must come from ${publicOrigin}: the request has no Origin header.`,
    ko: `세션으로 하는 변경은 ${publicOrigin}에서 보내야 합니다. 요청에 Origin 헤더가 없습니다.`,
  }),
  otherOrigin: (publicOrigin: string) => refuse('CROSS_SITE_REQUEST', {
    en: `Requests from another site can't use your session; only ${publicOrigin} can.`,
    ko: `다른 사이트에서 보낸 요청은 세션을 사용할 수 없습니다. ${publicOrigin}에서 보낸 요청만 사용할 수 있습니다.`,
  }),
  nulCharacter: (field: string) => {
    const message = { en: 'contains a NUL character (U+0000), which can\'t be stored; remove it', ko: '저장할 수 없는 NUL 문자(U+0000)가 있습니다. 제거하세요' };
    return refuse('VALIDATION_FAILED', { en: `${field} ${message.en}.`, ko: `${field}: ${message.ko}.` }, { errors: [{ field, message }] });
  },
  numberTooLarge: (field: string) => {
    const message = { en: 'is a number too large to use', ko: '사용할 수 없을 만큼 큰 숫자입니다' };
    return refuse('VALIDATION_FAILED', { en: `${field} ${message.en}.`, ko: `${field}: ${message.ko}.` }, { errors: [{ field, message }] });
  },
  parameterTooLong: () => refuse('VALIDATION_FAILED', {
    en: 'A path parameter is too long; no id is longer than 100 characters.',
    ko: '경로 매개변수가 너무 깁니다. 100자보다 긴 ID는 없습니다.',
  }, { errors: [{ field: 'params', message: { en: 'is too long', ko: '너무 깁니다' } }] }),
  badUrl: () => refuse('VALIDATION_FAILED', {
    en: 'The URL has a percent-encoding that is not valid UTF-8; encode the path with encodeURIComponent.',
    ko: 'URL의 퍼센트 인코딩이 올바른 UTF-8이 아닙니다. 경로를 encodeURIComponent로 인코딩하세요.',
  }, { errors: [{ field: 'url', message: { en: 'is not a valid URL', ko: '올바른 URL이 아닙니다' } }] }),
  /** Past a limit: `refusal` says which, in every language. */
  rateLimited: (refusal: LocalizedText, retryAfter: number, policy: string) => refuse('RATE_LIMITED', {
    en: `${refusal.en} Try again in ${retryAfter} s.`,
    ko: `${refusal.ko} ${retryAfter}초 후에 다시 시도하세요.`,
  }, { retryAfter, policy }),
} as const;
