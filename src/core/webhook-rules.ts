/**
 * Webhook rules (SPEC section 8): which endpoint addresses are acceptable, which secrets sign a
 * delivery, what an answer means, when the next attempt is due, and when an endpoint has failed
 * long enough to be disabled. Pure: the clock and randomness are arguments.
 *
 * Terminology:
 * - endpoint: an organization's receiver URL with the event types it wants and a signing secret.
 * - delivery: one event to one endpoint; an attempt is one HTTP request of a delivery.
 * - backoff: the wait before the next attempt — doubling from BASE to CAP, with equal jitter (half
 *   of it fixed, half random) so that receivers coming back are not hit by every retry at once.
 * - failing run: the time from an endpoint's first failed attempt after its last success; a day
 *   of it disables the endpoint.
 * - grace period: after a rotation the previous secret still signs (a second signature) for a day,
 *   so a receiver can switch over without dropping deliveries.
 */

/** The most endpoints an organization may have: each event is signed and sent once per endpoint. */
export const MAX_ENDPOINTS_PER_ORGANIZATION = 25;
/** The longest endpoint URL accepted (the column's limit). */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** The wait before the second attempt; it doubles with every further attempt. */
export const RETRY_BASE_MS = 5_000;
/** The longest wait between two attempts, and the bound of an honoured Retry-After. */
export const RETRY_CAP_MS = 60 * 60 * 1000;
/** The shortest honoured Retry-After. */
export const RETRY_AFTER_MIN_MS = 1_000;
/**
 * Attempts of a delivery before it fails for good. With the doubling waits (85 minutes for the
 * first ten) then an hour each, halved at most by the jitter, 42 attempts span 16 to 32 hours,
 * about a day on average — as long as an endpoint may fail before it is disabled.
 */
export const MAX_ATTEMPTS = 42;
/** How long an endpoint may keep failing before it is disabled. */
export const FAILING_DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long the previous secret still signs after a rotation. */
export const SECRET_GRACE_MS = 24 * 60 * 60 * 1000;
/**
 * How early a delivery may be attempted by the worker's clock against the database's: deliveries
 * written with another process's clock must not look "not yet due" to a job that is due.
 */
export const DUE_SKEW_ALLOWANCE_MS = 5_000;
/** The bytes of the answer kept in the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** What an endpoint URL's host is: a name to resolve, or an address written in the URL. */
export type WebhookHost = { kind: 'name'; name: string } | { kind: 'ipv4' | 'ipv6'; address: string };

/** Why an endpoint URL is refused before its address is looked at. */
export type WebhookUrlProblem = 'invalid' | 'too_long' | 'scheme' | 'credentials';

/** Words for each refusal, safe to show to the endpoint's owner. */
export const WEBHOOK_URL_PROBLEMS: Record<WebhookUrlProblem, string> = {
  invalid: 'is not a valid absolute URL',
  too_long: `is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`,
  scheme: 'must use http or https',
  credentials: 'must not contain a user name or password',
};

/**
 * Reads an endpoint URL: http or https only, no credentials, at most 2048 characters. Answers the
 * normalized URL and its host, whose address the caller then checks (a literal address or
 * localhost) or checks when it connects (any other name).
 */
export function readWebhookUrl(raw: string): { ok: true; url: string; host: WebhookHost } | { ok: false; problem: WebhookUrlProblem } {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, problem: 'too_long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (url.hostname === '') return { ok: false, problem: 'invalid' };
  const normalized = url.toString();
  if (normalized.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, problem: 'too_long' };
  const hostname = url.hostname.toLowerCase();
  if (hostname.startsWith('[')) return { ok: true, url: normalized, host: { kind: 'ipv6', address: hostname.slice(1, -1) } };
  // The URL parser turns every IPv4 spelling (0x7f.1, 2130706433) into the dotted form.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return { ok: true, url: normalized, host: { kind: 'ipv4', address: hostname } };
  return { ok: true, url: normalized, host: { kind: 'name', name: hostname.replace(/\.$/, '') } };
}

/** Whether a host name is localhost or a name under `.localhost`, which resolve to loopback (RFC 6761). */
export function isLocalhostName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === 'localhost' || n.endsWith('.localhost');
}

/** An endpoint's secrets as stored. */
export interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets that sign a delivery now: the current one, and the previous one during its grace period. */
export function signingSecrets(endpoint: EndpointSecrets, now: Date): string[] {
  const { previousSecret, previousSecretExpiresAt } = endpoint;
  const previousValid = previousSecret !== null && previousSecretExpiresAt !== null && previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [endpoint.secret, previousSecret] : [endpoint.secret];
}

/** What an answer (or its absence) means for a delivery. */
export type AnswerKind = 'succeeded' | 'gone' | 'failed';

/** 2xx succeeded; 410 says the endpoint is gone for good; anything else — redirects included, which are not followed — failed. */
export function classifyAnswer(statusCode: number | null): AnswerKind {
  if (statusCode === null) return 'failed';
  if (statusCode >= 200 && statusCode < 300) return 'succeeded';
  if (statusCode === 410) return 'gone';
  return 'failed';
}

/**
 * The wait a Retry-After header asks for — delay-seconds or an HTTP date — clamped to [1 s, 1 h];
 * null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    // An HTTP date names its day and zone in words; Date.parse alone would accept bare numbers.
    if (!/^[A-Za-z]{3},/.test(value) || !/GMT$/.test(value)) return null;
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(RETRY_CAP_MS, Math.max(RETRY_AFTER_MIN_MS, ms));
}

/**
 * The backoff after the n-th failed attempt (n ≥ 1): BASE·2^(n−1) capped at CAP, of which half is
 * fixed and half random (equal jitter). `random` is in [0, 1).
 */
export function backoffMs(attempt: number, random: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const nominal = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}

/** What becomes of a delivery after one attempt. */
export type DeliveryDecision =
  | { kind: 'succeeded' }
  | { kind: 'gone' }
  | { kind: 'give_up' }
  | { kind: 'retry'; at: Date };

/**
 * The decision after attempt number `attempt`: done on 2xx; gone on 410; failed for good after
 * MAX_ATTEMPTS; otherwise another attempt after the backoff, or after Retry-After when a 429 or
 * 503 sends one.
 */
export function decideAfterAttempt(input: { attempt: number; statusCode: number | null; retryAfter: string | null; now: Date; random: number }): DeliveryDecision {
  const kind = classifyAnswer(input.statusCode);
  if (kind !== 'failed') return { kind };
  if (input.attempt >= MAX_ATTEMPTS) return { kind: 'give_up' };
  const asked = input.statusCode === 429 || input.statusCode === 503 ? retryAfterMs(input.retryAfter, input.now) : null;
  const wait = asked ?? backoffMs(input.attempt, input.random);
  return { kind: 'retry', at: new Date(input.now.getTime() + wait) };
}

/** One attempt's outcome as the failing run needs it. */
export interface AttemptOutcome {
  succeeded: boolean;
  /** When the attempt started. */
  at: Date;
}

/**
 * An endpoint's failing run after some attempts: cleared when the latest of them succeeded;
 * otherwise kept as it was, or — when one of them succeeded before — started by the first failure
 * after that success.
 */
export function nextFailingSince(current: Date | null, outcomes: readonly AttemptOutcome[]): Date | null {
  if (outcomes.length === 0) return current;
  const sorted = [...outcomes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastSuccess = sorted.findLastIndex((o) => o.succeeded);
  const firstFailure = sorted[lastSuccess + 1];
  if (firstFailure === undefined) return null;
  return lastSuccess >= 0 ? firstFailure.at : (current ?? firstFailure.at);
}

/** Whether an endpoint has failed long enough (a day) to be disabled. */
export function isFailingTooLong(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= FAILING_DISABLE_AFTER_MS;
}
