/**
 * The error a use case raises when it refuses: a stable code from its context's closed set, a
 * message safe to show, and optional details (never internals). The HTTP edge maps codes to
 * statuses (src/http/error-status.ts).
 *
 * A message may be given in both of the product's languages (`{ en, ko }`); `message` is then the
 * English text and `messageIn(language)` the viewer's. A plain string is English only, and
 * `messageIn` falls back to it.
 */

/** The languages the product speaks. */
export type Language = 'en' | 'ko';

/** A text in every language of the product. */
export interface LocalizedText {
  en: string;
  ko: string;
}

export class AppError<Code extends string = string> extends Error {
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
