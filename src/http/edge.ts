/**
 * The edge of the server: what every request and response passes before a route sees it —
 * security headers, the same-origin rule for cookie-borne changes, characters PostgreSQL can't
 * store, and the errors Fastify and Node raise before (or instead of) the error handler.
 *
 * Terminology:
 * - public origin: scheme, host and port users reach Switchboard at (`PUBLIC_URL`), the only
 *   origin a browser may send a cookie-authenticated change from. Host is not trusted: a proxy
 *   or an attacker's DNS name decides it.
 * - cookie write: a request with the session cookie and a method other than GET, HEAD, OPTIONS.
 */
import type { Socket } from 'node:net';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../core/app-error.ts';
import { COMMON_ERRORS, type CommonErrorCode } from '../core/common-errors.ts';
import { edgeErrors, titleOf } from './problems.ts';

/**
 * The Content-Security-Policy of every response: the API docs (Swagger UI, its scripts and
 * styles served from here, with inline style attributes) and the console (Vite's build of `web/`,
 * module scripts and style sheets under `/assets/`, served from here by `console.ts`) load only
 * their own assets and talk only to their own origin. Neither runs inline script; both may show
 * images made in the page (`data:`, and `blob:` for an attachment's preview).
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // Swagger UI sets style attributes from script (React); no inline <style> of ours exists.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
} as const;

/** @fastify/helmet's options: the policy above, frames denied, HSTS only behind HTTPS. */
export function helmetOptions(secure: boolean): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, ...(secure ? { 'upgrade-insecure-requests': [] } : {}) },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // A browser remembers HSTS for a year: only send it when the server is reached over HTTPS.
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/** The headers a response gets when Fastify answers before the hooks run (bad URL, client error). */
export const BARE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/** The origin (scheme://host:port) of a URL; throws on a URL that has none, so a bad PUBLIC_URL fails at start. */
export function originOf(publicUrl: string): string {
  const origin = new URL(publicUrl).origin;
  if (origin === 'null') throw new Error(`PUBLIC_URL ${publicUrl} has no origin: give scheme, host and port.`);
  return origin;
}

/**
 * Refuses a cookie write that does not prove it comes from the public origin: its `Origin` must
 * be the public origin, or, when a browser sent none, `Sec-Fetch-Site` must be `same-origin`.
 * SameSite=Lax alone lets top-level cross-site POSTs from sibling subdomains and old browsers in.
 */
export function checkCookieWriteOrigin(req: FastifyRequest, publicOrigin: string): void {
  const origin = req.headers.origin;
  if (origin === undefined) {
    if (req.headers['sec-fetch-site'] === 'same-origin') return;
    throw edgeErrors.noOrigin(publicOrigin);
  }
  if (!URL.canParse(origin) || new URL(origin).origin !== publicOrigin) {
    throw edgeErrors.otherOrigin(publicOrigin);
  }
}

/** Where in a request a value was found, as the validation errors name fields (`body.name`, `query.q`). */
type Location = 'body' | 'query' | 'params' | 'headers';

/**
 * The first field holding a NUL character (U+0000), which PostgreSQL can't store in text or
 * JSON, named like a validation error's field; null when there is none. Walks without recursion
 * (a deeply nested body must not overflow the stack).
 */
export function findNulField(value: unknown, location: Location): string | null {
  const stack: [unknown, string][] = [[value, location]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
      continue;
    }
    // Query strings and path parameters come as objects of null or private prototypes; a
    // multipart body may hold buffers and streams, which carry no text of ours.
    if (ArrayBuffer.isView(v) || typeof (v as { pipe?: unknown }).pipe === 'function') continue;
    for (const [key, inner] of Object.entries(v)) {
      if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\u0000')}`;
      stack.push([inner, `${path}.${key}`]);
    }
  }
  return null;
}

/** Refuses a request whose body, query, path parameters or headers carry a NUL character. */
export function refuseNulCharacters(req: FastifyRequest): void {
  const locations: [unknown, Location][] = [[req.params, 'params'], [req.query, 'query'], [req.headers, 'headers'], [req.body, 'body']];
  for (const [value, location] of locations) {
    const field = findNulField(value, location);
    if (field !== null) throw edgeErrors.nulCharacter(field);
  }
}

/**
 * Refuses a query or path value that reads as a number too large for a double ("1e309"): Ajv
 * coerces it to Infinity and, once coerced, checks neither that it is finite nor its maximum,
 * so it would reach the database as "Infinity". JSON bodies are safe: Ajv refuses Infinity there.
 */
export function refuseInfiniteNumbers(req: FastifyRequest): void {
  for (const [value, location] of [[req.params, 'params'], [req.query, 'query']] as const) {
    if (value === null || typeof value !== 'object') continue;
    for (const [key, raw] of Object.entries(value)) {
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        if (typeof v === 'string' && NUMERIC.test(v.trim()) && !Number.isFinite(Number(v))) throw edgeErrors.numberTooLarge(`${location}.${key}`);
      }
    }
  }
}
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The refusal of an error Fastify raises before routing: an undecodable URL, a parameter too long. */
export function frameworkErrorProblem(error: { code?: string }): AppError {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return edgeErrors.parameterTooLong();
  if (error.code === 'FST_ERR_BAD_URL') return edgeErrors.badUrl();
  return edgeErrors.malformedRequest();
}

/**
 * Answers a request Node's HTTP parser refused (bad headers, a body shorter than its
 * Content-Length, a header too large, a timeout) with problem details written to the socket,
 * instead of Fastify's plain JSON; a reset socket gets nothing. In English: no request was parsed,
 * so no language is known.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, detail]: [CommonErrorCode, string] = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? ['REQUEST_TIMEOUT', 'The request took too long to arrive; send it again.']
    : err.code === 'HPE_HEADER_OVERFLOW'
      ? ['HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts (16 KiB).']
      : ['VALIDATION_FAILED', 'The request is not valid HTTP.'];
  const status = COMMON_ERRORS[code];
  const body = JSON.stringify({ type: `urn:switchboard:problem:${code.toLowerCase()}`, title: titleOf(code), status, detail, code });
  const reason = status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  const headers = Object.entries(BARE_SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Language: en\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`);
  }
  socket.destroy(err);
}
