/**
 * The console's one way to the API: same-origin fetch with the session cookie, JSON in and out,
 * and every error answer (RFC 9457 problem details) turned into an `ApiError` the pages show in
 * the viewer's language (`useErrorMessage`).
 */
import type { Problem } from './types.ts';

/** An answer of the API that is not a success, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | null;
  constructor(status: number, code: string, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string>;

export interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** A case's or incident's ETag, for changes that must not overwrite someone else's. */
  ifMatch?: string;
  /** Sent with creations the API de-duplicates (opening a case, buying). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

let acceptLanguage = 'en';
/** The language problem details come back in before the user is known (the session's otherwise). */
export function setRequestLanguage(locale: string): void {
  acceptLanguage = locale;
}

/** `/api/v1` + path + query string (arrays repeat their key; empty values are left out). */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = (await response.json()) as Problem;
      return new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem, problem.detail ?? response.statusText);
    } catch {
      // fall through: an answer that says it is JSON and is not
    }
  }
  return new ApiError(response.status, `HTTP_${response.status}`, null, response.statusText);
}

/** Calls the API; resolves with the parsed body (undefined for 204), rejects with an ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', null, (e as Error).message);
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** Like `api`, but also gives the answer's ETag (cases carry one for If-Match). */
export async function apiWithEtag<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; etag: string | null }> {
  const response = await fetch(apiUrl(path, options.query), {
    headers: { accept: 'application/json', 'accept-language': acceptLanguage }, credentials: 'same-origin', signal: options.signal,
  }).catch((e: Error) => {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', null, e.message);
  });
  if (!response.ok) throw await problemOf(response);
  return { data: (await response.json()) as T, etag: response.headers.get('etag') };
}

/**
 * Uploads one file as multipart form data with progress (fetch has no upload progress):
 * resolves with the parsed answer, rejects with an ApiError.
 */
export function upload<T>(path: string, file: File, onProgress: (share: number) => void, options: { ifMatch?: string; idempotencyKey?: string } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', acceptLanguage);
    if (options.ifMatch) xhr.setRequestHeader('if-match', options.ifMatch);
    if (options.idempotencyKey) xhr.setRequestHeader('idempotency-key', options.idempotencyKey);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', null, 'network error'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try { parsed = JSON.parse(xhr.responseText); } catch { parsed = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
      const problem = parsed as Problem | null;
      reject(new ApiError(xhr.status, problem?.code ?? `HTTP_${xhr.status}`, problem, problem?.detail ?? xhr.statusText));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A fresh Idempotency-Key for one user action (kept across its retries). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
