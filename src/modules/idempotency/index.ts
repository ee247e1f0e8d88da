/** The idempotency context's public face: other contexts import only this file. */
export { fingerprintOf, runIdempotent } from './idempotency.service.ts';
