/**
 * Schemas shared by every route: problem details, pages, page queries, ids.
 */
import { Type, type TSchema } from 'typebox';

/** RFC 9457 problem details, with the stable `code` and the request id. */
export const Problem = Type.Object({
  type: Type.String({ description: 'A URI naming the kind of problem' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String({ description: 'Stable machine-readable error code' }),
  requestId: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
}, { additionalProperties: true, $id: 'Problem', title: 'Problem' });

const ProblemRef = Type.Ref('Problem');

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: ProblemRef,
  401: ProblemRef,
  403: ProblemRef,
  404: ProblemRef,
  409: ProblemRef,
  422: ProblemRef,
  /** Past a rate limit (RATE_LIMITED), with `Retry-After` and the RateLimit fields. */
  429: ProblemRef,
} as const;

const IdempotencyKey = Type.String({ minLength: 1, maxLength: 255, description: 'A unique key per request that creates something; a retry with the same key and body gets the first answer again (keys are per organization)' });

/** A creating request may carry an Idempotency-Key, so a retry never creates twice (SPEC section 9). */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) });

/** A creating request that must carry an Idempotency-Key (a purchase). */
export const RequiredIdempotencyHeaders = Type.Object({ 'idempotency-key': IdempotencyKey });

/** `?limit=&cursor=` of a cursor-paged list. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 25, description: 'Items per page' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page' })),
};

/** A page of items. */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** A path parameter holding one of our prefixed ids. */
export const IdParam = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_-]+$' });

export const IsoDate = Type.String({ format: 'date-time' });
export const NullableIsoDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
