/**
 * The error a use case raises when it refuses: a stable code from its context's closed set, a
 * message safe to show, and optional details (never internals).
 *
 * Terminology:
 * - error catalogue: a context's closed set of codes, each with the HTTP status it answers
 *   (`CASE_ERRORS` in `cases.errors.ts`, `COMMON_ERRORS` in `common-errors.ts`); the codes are
 *   its keys. `src/main` composes the catalogues into the code → status map of the HTTP edge.
 * - `ErrorCatalogues`: every catalogue of the program, by context name, filled by declaration
 *   merging — each `*.errors.ts` adds `interface ErrorCatalogues { cases: typeof CASE_ERRORS }` to
 *   this module — so src/core names no context and `ErrorCode`, the union of all their codes, is
 *   closed: `new AppError('CASE_NOT_FUOND', …)` does not compile.
 *
 * A message may be given in both of the product's languages (`{ en, ko }`); `message` is then the
 * English text and `messageIn(language)` the viewer's. A plain string is English only, and
 * `messageIn` falls back to it. So may each `details.errors[].message` of a VALIDATION_FAILED
 * (the HTTP edge answers the viewer's language there too).
 */

/** The languages the product speaks. */
export type Language = 'en' | 'ko';

/** A text in every language of the product. */
export interface LocalizedText {
  en: string;
  ko: string;
}

/** The HTTP statuses a refusal answers with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 412 | 413 | 415 | 422 | 429 | 431 | 500 | 503;

/** A context's closed set of codes, each with its status. */
export type ErrorCatalogue = Readonly<Record<string, ErrorStatus>>;

/**
 * Every error catalogue of the program, by context; each `*.errors.ts` adds its own by
 * declaration merging (see the terminology above).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ErrorCatalogues {}

/** Every error code of the program: the keys of every catalogue. */
export type ErrorCode = { [Context in keyof ErrorCatalogues]: keyof ErrorCatalogues[Context] & string }[keyof ErrorCatalogues];

export class AppError<Code extends ErrorCode = ErrorCode> extends Error {
  /** The message in every language, when the raiser gave them. */
  readonly localized: LocalizedText | undefined;

  constructor(
    readonly code: Code,
    message: string | LocalizedText,
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'AppError';
    this.localized = typeof message === 'string' ? undefined : message;
  }

  /** The message in a language, English when it was given only in English. */
  messageIn(language: Language): string {
    return this.localized?.[language] ?? this.message;
  }
}

/** Whether a thrown value is an AppError. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
