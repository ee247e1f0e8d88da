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

/** What a creating use case answers: what it made, and whether this was a retry answered again. */
export interface Idempotent<T> {
  value: T;
  replayed: boolean;
}

/** A stable hash of the operation and its input: key order and absent fields don't change it. */
export function fingerprintOf(operation: string, input: object): string {
  const canonical = Object.entries(input).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([operation, canonical])).digest('hex');
}

/**
 * Runs `create` once per key, inside the caller's tenant transaction: an earlier answer with the
 * same input is returned as it was (`replayed`), other input is refused (IDEMPOTENCY_KEY_REUSED).
 * Without a key it simply runs. The operation names the use case (`users.create`), so one key
 * can't be replayed into another use case. The input is hashed (SHA-256): leave secrets such as
 * passwords out of it, or put in only whether one was given.
 *
 * An answer that holds a secret shown once (a token, a signing secret) is never stored as it is:
 * `withoutSecret` gives what to store instead (with the id of what was made), and a retry answers
 * IDEMPOTENCY_SECRET_SHOWN_ONCE naming that id rather than the secret again.
 */
export async function runIdempotent<T>(
  tx: Tx,
  viewer: Pick<Viewer, 'orgId'>,
  request: { key: string | undefined; operation: string; input: object; now: Date; statusCode?: number; withoutSecret?: (value: T) => { id: string } },
  create: () => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (request.key === undefined) return { value: await create(), replayed: false };
  const fingerprint = fingerprintOf(request.operation, request.input);
  await repo.lockKey(tx, viewer, request.key);
  const earlier = await repo.findKey(tx, viewer, request.key);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', {
        en: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
        ko: '이 Idempotency-Key는 다른 요청에 이미 사용되었습니다. 새 요청에는 새 키를 사용하세요.',
      });
    }
    if (request.withoutSecret) {
      const stored = earlier.response as { id?: unknown };
      const id = String(stored.id);
      throw new AppError('IDEMPOTENCY_SECRET_SHOWN_ONCE', {
        en: `A request with this Idempotency-Key already created ${id}, and its secret was shown only once, in that first answer. Use that secret; if it was lost, revoke or delete ${id} and create a new one with a new key.`,
        ko: `이 Idempotency-Key로 보낸 요청이 이미 ${id}을(를) 만들었으며, 그 비밀 값은 첫 응답에서 한 번만 표시되었습니다. 그 비밀 값을 사용하세요. 잃어버렸다면 ${id}을(를) 폐기하거나 삭제하고 새 키로 새로 만드세요.`,
      }, { id: stored.id });
    }
    return { value: earlier.response as T, replayed: true };
  }
  const value = await create();
  const response = request.withoutSecret ? request.withoutSecret(value) : value;
  await repo.insertKey(tx, viewer, { key: request.key, fingerprint, statusCode: request.statusCode ?? 201, response, now: request.now });
  return { value, replayed: false };
}

/** runIdempotent answering the value itself with `replayed` beside it, for a use case whose whole transaction is the creation. */
export async function withIdempotency<T extends object>(
  tx: Tx,
  viewer: Pick<Viewer, 'orgId'>,
  request: Parameters<typeof runIdempotent<T>>[2],
  create: () => Promise<T>,
): Promise<T & { replayed: boolean }> {
  const { value, replayed } = await runIdempotent(tx, viewer, request, create);
  return { ...value, replayed };
}
