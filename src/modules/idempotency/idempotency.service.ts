/**
 * `Idempotency-Key` for creating requests: the first answer is stored in the same transaction as
 * the change, so a retry gets it again and a failure leaves neither behind; the same key with
 * other input is refused.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../core/app-error.ts';
import type { Viewer } from '../../core/parties.ts';
import type { Tx } from '../../db/database.ts';
import * as repo from './idempotency.repository.ts';

/** A stable hash of the operation and its input: key order and absent fields don't change it. */
export function fingerprintOf(operation: string, input: object): string {
  const canonical = Object.entries(input).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([operation, canonical])).digest('hex');
}

/**
 * Runs `create` once per key, inside the caller's tenant transaction: an earlier answer with the
 * same input is returned as it was (`replayed`), other input is refused (IDEMPOTENCY_KEY_REUSED).
 * Without a key it simply runs.
 */
export async function runIdempotent<T>(
  tx: Tx,
  viewer: Pick<Viewer, 'orgId'>,
  request: { key: string | undefined; operation: string; input: object; now: Date; statusCode?: number },
  create: () => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (request.key === undefined) return { value: await create(), replayed: false };
  const fingerprint = fingerprintOf(request.operation, request.input);
  await repo.lockKey(tx, viewer, request.key);
  const earlier = await repo.findKey(tx, viewer, request.key);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request; use a new key for a new request.');
    }
    return { value: earlier.response as T, replayed: true };
  }
  const value = await create();
  await repo.insertKey(tx, viewer, { key: request.key, fingerprint, statusCode: request.statusCode ?? 201, response: value, now: request.now });
  return { value, replayed: false };
}
