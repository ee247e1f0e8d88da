/**
 * A bound on how many costly computations (password hashes) run at once in this process, with a
 * small queue: a caller waits for a free slot only while the queue has room and only for a short
 * time; otherwise it is refused at once with `SERVICE_UNAVAILABLE` and a `retryAfter`, instead of
 * piling up work (and memory, and latency for everyone else) without bound.
 *
 * Terminology:
 * - slot: the right to run one computation now; `slots` of them exist.
 * - queue: callers waiting for a slot, first come first served, at most `queueSize`.
 */
import { AppError } from '../../core/app-error.ts';
import type { CommonErrorCode } from '../../core/common-errors.ts';

/** Runs functions with bounded concurrency. */
export interface ConcurrencyGate {
  /** Runs `fn` in a slot; throws SERVICE_UNAVAILABLE when no slot frees in time. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Slots in use and callers waiting (for tests and logs). */
  readonly load: { running: number; waiting: number };
}

/** Builds a gate; `slots` 0 means unbounded. */
export function createConcurrencyGate(options: { slots: number; queueSize: number; maxWaitMs: number; retryAfterSeconds?: number }): ConcurrencyGate {
  const waiting: Array<{ grant: () => void; timer: ReturnType<typeof setTimeout> }> = [];
  let running = 0;
  const busy = () => new AppError<CommonErrorCode>('SERVICE_UNAVAILABLE', {
    en: 'Too many sign-ins are being checked right now. Try again in a moment.',
    ko: '지금 확인 중인 로그인이 너무 많습니다. 잠시 후에 다시 시도하세요.',
  }, { retryAfter: options.retryAfterSeconds ?? 1 });

  function acquire(): Promise<void> {
    if (options.slots <= 0 || running < options.slots) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= options.queueSize) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = waiting.indexOf(entry);
          if (i >= 0) waiting.splice(i, 1);
          reject(busy());
        }, options.maxWaitMs),
      };
      waiting.push(entry);
    });
  }

  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next caller, so `running` stays the same.
    if (next) next.grant();
    else running--;
  }

  return {
    async run(fn) {
      await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
