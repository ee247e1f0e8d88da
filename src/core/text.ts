/** Checks of free text that use cases share (titles, bodies, reasons, references). */
import type { AppError } from './app-error.ts';
import { validationFailed } from './common-errors.ts';

/** The refusal of a blank text, naming the field, in English and Korean. */
export function blankText(field: string): AppError {
  return validationFailed(field, { en: 'must not be blank', ko: '비워 둘 수 없습니다' });
}

/** A non-blank text, trimmed; a validation failure naming the field otherwise. */
export function requireText(value: string, field: string): string {
  const text = value.trim();
  if (text.length === 0) throw blankText(field);
  return text;
}
