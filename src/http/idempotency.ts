/**
 * Answering a creating request that may carry an Idempotency-Key (SPEC section 9): the answer is
 * 201 with what was made, the first time and on every retry; a retry is marked
 * `Idempotent-Replayed: true`.
 */
import type { FastifyReply } from 'fastify';

/** Sends a creation's answer, marking a replay. */
export function replyCreated<T>(reply: FastifyReply, result: { value: T; replayed: boolean }) {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(201).send(result.value);
}
