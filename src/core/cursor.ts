/**
 * Opaque cursors for keyset pagination: the sort key of the last row of a page, encoded so
 * clients treat it as a token. Decoding checks the shape; a forged cursor is refused, not trusted.
 */

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
