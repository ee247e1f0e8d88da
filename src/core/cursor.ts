/**
 * Opaque cursors for keyset pagination: the sort key of the last row of a page, encoded so
 * clients treat it as a token. Decoding checks the shape; a forged cursor is refused, not trusted.
 */
import { invalidCursor } from './common-errors.ts';

/** Encodes the key of the last row of a page. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `arity` parts; null when it is not one. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== arity) return null;
    if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    return value as (string | number)[];
  } catch {
    return null;
  }
}

/** One page of results and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts `limit + 1` fetched rows into a page, making the cursor from the last row kept. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => (string | number)[], present: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(present), nextCursor: hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** The kind of each part of a cursor's key: text, a number, or an ISO timestamp. */
export type CursorPart = 'string' | 'number' | 'timestamp';

type PartValue<P extends CursorPart> = P extends 'number' ? number : string;

/**
 * Reads the cursor of a page request: undefined for the first page, the key parts when the
 * cursor is one this server made with that shape, and a refusal (INVALID_CURSOR) otherwise.
 */
export function readCursor<const S extends readonly CursorPart[]>(cursor: string | undefined, shape: S): { -readonly [I in keyof S]: PartValue<S[I]> } | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor, shape.length);
  const fits = key !== null && shape.every((part, i) => {
    const value = key[i];
    if (part === 'number') return typeof value === 'number' && Number.isFinite(value);
    if (part === 'timestamp') return typeof value === 'string' && isCursorTimestamp(value);
    // PostgreSQL refuses a NUL character in text: a cursor holding one is not ours.
    return typeof value === 'string' && !value.includes('\u0000');
  });
  if (!fits) throw invalidCursor();
  return key as { -readonly [I in keyof S]: PartValue<S[I]> };
}

/** The shape of the timestamps this server puts in cursors: UTC ISO 8601 with up to microseconds. */
const CURSOR_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

/**
 * Whether a text is a timestamp this server could have written: the exact ISO shape, a real
 * calendar date (no 31 February, which `Date.parse` rolls over) and a year from 1 to 9999, which
 * both JavaScript and PostgreSQL hold (year 0 and ±275760 parse in JavaScript, not in PostgreSQL).
 */
function isCursorTimestamp(value: string): boolean {
  const m = CURSOR_TIMESTAMP.exec(value);
  if (!m || Number(m[1]) < 1) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}
