/**
 * The error a use case raises when it refuses: a stable code from its context's closed set, a
 * message safe to show, and optional details (never internals). The HTTP edge maps codes to
 * statuses (src/http/error-status.ts).
 */
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Whether a thrown value is an AppError. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
