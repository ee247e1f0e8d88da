/** The public face of rate limits: shared counters in the database, and a bound on concurrent work. */
export { createRateLimitService, type BucketHit, type BucketState, type RateLimitService } from './rate-limits.service.ts';
export { createConcurrencyGate, type ConcurrencyGate } from './concurrency-gate.ts';
