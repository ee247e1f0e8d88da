/**
 * Rate-limit counting shared by every server process: one statement per request counts a hit in
 * each of its buckets in the database. Two things keep the database out of the way:
 * - a bucket found over its limit is remembered in this process until its window ends, so a
 *   client that keeps knocking is refused without a statement;
 * - when the database fails, the same limits are counted in this process's memory (the
 *   "insurance"), so a limit still holds per process while the store is away.
 * Ended windows are deleted on write, at most once a minute per process and in batches.
 *
 * Terminology:
 * - bucket: one counter of one policy for one subject, over a fixed window (see migration 0004).
 * - hit: one request counted in a bucket; a request over any of its buckets' limits is refused.
 */
import type { Database } from '../../db/database.ts';
import { deleteEndedBuckets, hitBuckets } from './rate-limits.repository.ts';

/** One bucket a request counts in, with its policy's limit. */
export interface BucketHit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** A bucket after the hit. */
export interface BucketState {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Hits left in the window (0 once the limit is reached or passed). */
  remaining: number;
  /** Milliseconds until the window ends. */
  resetsInMs: number;
  /** Whether this hit went over the limit. */
  isExceeded: boolean;
}

/** Counts hits in shared buckets. */
export interface RateLimitService {
  /** Counts one hit in each bucket (distinct keys) and answers their states. */
  hit(buckets: readonly BucketHit[]): Promise<BucketState[]>;
}

/** How many remembered buckets (refused or insured) a process keeps at most. */
const MAX_REMEMBERED = 10_000;
const CLEANUP_EVERY_MS = 60_000;
const CLEANUP_BATCH = 5_000;

/** Builds the counter over the database; `onError` hears of store failures (then memory counts). */
export function createRateLimitService(deps: { db: Database; now?: () => number; onError?: (err: Error) => void }): RateLimitService {
  const now = deps.now ?? Date.now;
  const onError = deps.onError ?? (() => {});
  // Buckets over their limit, until their window ends.
  const refused = new Map<string, number>();
  // The insurance: per-process windows while the database fails.
  const insured = new Map<string, { hits: number; resetsAt: number }>();
  let nextCleanupAt = now() + CLEANUP_EVERY_MS;

  const state = (b: BucketHit, hits: number, resetsInMs: number): BucketState => ({
    key: b.key, limit: b.limit, windowSeconds: b.windowSeconds,
    remaining: Math.max(0, b.limit - hits), resetsInMs, isExceeded: hits > b.limit,
  });

  function remember<V>(map: Map<string, V>, key: string, value: V, isLive: (v: V) => boolean): void {
    map.delete(key);
    map.set(key, value);
    if (map.size <= MAX_REMEMBERED) return;
    for (const [k, v] of map) if (!isLive(v)) map.delete(k);
    // Still full of live entries: forget the oldest (a Map iterates in insertion order).
    for (const k of map.keys()) {
      if (map.size <= MAX_REMEMBERED) break;
      map.delete(k);
    }
  }

  function hitInMemory(buckets: readonly BucketHit[], at: number): BucketState[] {
    return buckets.map((b) => {
      let w = insured.get(b.key);
      if (!w || w.resetsAt <= at) w = { hits: 0, resetsAt: at + b.windowSeconds * 1000 };
      w.hits++;
      remember(insured, b.key, w, (v) => v.resetsAt > at);
      return state(b, w.hits, w.resetsAt - at);
    });
  }

  function cleanUpSometimes(at: number): void {
    if (at < nextCleanupAt) return;
    nextCleanupAt = at + CLEANUP_EVERY_MS;
    deps.db.withoutTransaction((q) => deleteEndedBuckets(q, CLEANUP_BATCH)).catch((e: Error) => onError(e));
  }

  return {
    async hit(buckets) {
      const at = now();
      // Refused here already: answer without the database, and count nothing more.
      const blocked = buckets.filter((b) => (refused.get(b.key) ?? 0) > at);
      if (blocked.length > 0) {
        return blocked.map((b) => state(b, b.limit + 1, refused.get(b.key)! - at));
      }
      let states: BucketState[];
      try {
        const counts = await deps.db.withoutTransaction((q) => hitBuckets(q, buckets));
        const byKey = new Map(counts.map((c) => [c.key, c]));
        states = buckets.map((b) => {
          const c = byKey.get(b.key);
          return c ? state(b, c.hits, c.resetsInMs) : state(b, 1, b.windowSeconds * 1000);
        });
        cleanUpSometimes(at);
      } catch (e) {
        onError(e as Error);
        states = hitInMemory(buckets, at);
      }
      for (const s of states) {
        if (s.remaining === 0) remember(refused, s.key, at + s.resetsInMs, (until) => until > at);
      }
      return states;
    },
  };
}
