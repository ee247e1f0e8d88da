/** The idempotency context's public face: other contexts import only this file. */
export { fingerprintOf, runIdempotent, withIdempotency, type Idempotent } from './idempotency.service.ts';
