/**
 * One HTTP POST of a webhook: node:http(s) over keep-alive agents, a time limit for the whole
 * request, no redirects followed, at most the first kilobyte of the answer read — and, unless
 * private addresses are allowed, only public addresses connected to (checked at connect time by the
 * address guard). It never throws: every failure is an outcome for the delivery log.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { readWebhookUrl, RESPONSE_EXCERPT_BYTES, WEBHOOK_URL_PROBLEMS } from '../../core/webhook-rules.ts';
import { blockedHostReason, guardedLookup } from './webhooks.address-guard.ts';

/** What came of one request. */
export interface SendOutcome {
  /** The answer's status; null when none came. */
  statusCode: number | null;
  /** Why it failed, in words fit for the delivery log; null on 2xx. */
  error: string | null;
  /** The first kilobyte of the answer, as text. */
  excerpt: string | null;
  /** The Retry-After header of the answer. */
  retryAfter: string | null;
  durationMs: number;
}

/** Posts webhooks; `close` ends the kept-alive connections. */
export interface WebhookSender {
  send(url: string, body: string, headers: Record<string, string>): Promise<SendOutcome>;
  close(): void;
}

// Postgres text can't hold NUL; the log keeps everything else of what the receiver said.
function clean(text: string): string {
  return text.replaceAll('\u0000', '');
}

function describeError(err: unknown, timeoutMs: number): string {
  const e = err as { code?: string; message?: string; name?: string };
  switch (e.code) {
    case 'EWEBHOOKTIMEOUT': return `no answer within ${timeoutMs} ms`;
    case 'EWEBHOOKBLOCKED': return clean(e.message ?? 'address not allowed');
    case 'ECONNREFUSED': return 'connection refused';
    case 'ECONNRESET': return 'connection reset by the receiver';
    case 'ENOTFOUND': return 'host not found';
    case 'EAI_AGAIN': return 'host name lookup failed temporarily';
    case 'EHOSTUNREACH': case 'ENETUNREACH': return 'host unreachable';
    default:
      if (e.code?.startsWith('ERR_TLS') || e.code?.includes('CERT')) return `TLS failed (${e.code})`;
      return `request failed (${e.code ?? e.name ?? 'error'})`;
  }
}

/** Makes a sender: `timeoutMs` bounds each request from start to the end of the answer. */
export function createWebhookSender(options: { timeoutMs: number; allowPrivateAddresses: boolean }): WebhookSender {
  const { timeoutMs, allowPrivateAddresses } = options;
  // Kept-alive connections carry the next delivery to the same receiver without a new handshake;
  // an idle one is dropped before a typical server would close it.
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000, scheduling: 'lifo' }),
    https: new https.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000, scheduling: 'lifo' }),
  };

  function send(rawUrl: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.max(0, Math.round(performance.now() - started));
    const refuse = (error: string): Promise<SendOutcome> => Promise.resolve({ statusCode: null, error, excerpt: null, retryAfter: null, durationMs: elapsed() });

    const read = readWebhookUrl(rawUrl);
    if (!read.ok) return refuse(`url ${WEBHOOK_URL_PROBLEMS[read.problem]}`);
    // An address written in the URL is connected to without a look-up: check it here (and localhost).
    const blocked = allowPrivateAddresses ? null : blockedHostReason(read.host);
    if (blocked) return refuse(read.host.kind === 'name' ? 'localhost is not allowed' : `address ${read.host.address} is ${blocked} and not allowed`);

    const url = new URL(read.url);
    const isHttps = url.protocol === 'https:';
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: Omit<SendOutcome, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...outcome, durationMs: elapsed() });
      };
      const req = (isHttps ? https : http).request(url, {
        method: 'POST',
        agent: isHttps ? agents.https : agents.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        ...(allowPrivateAddresses ? {} : { lookup: guardedLookup }),
      });
      const timer = setTimeout(() => {
        req.destroy(Object.assign(new Error('timeout'), { code: 'EWEBHOOKTIMEOUT' }));
      }, timeoutMs);
      req.on('error', (err) => finish({ statusCode: null, error: describeError(err, timeoutMs), excerpt: null, retryAfter: null }));
      req.on('response', (res) => {
        const statusCode = res.statusCode ?? 0;
        const retryAfterHeader = res.headers['retry-after'];
        const retryAfter = typeof retryAfterHeader === 'string' ? retryAfterHeader : null;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = size > 0 ? clean(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8')) : null;
          const error = statusCode >= 200 && statusCode < 300 ? null
            : statusCode >= 300 && statusCode < 400 ? `redirect (${statusCode}) not followed` : `answered ${statusCode}`;
          finish({ statusCode, error, excerpt, retryAfter });
        };
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          chunks.push(chunk);
          size += chunk.length;
          // Enough for the log: stop reading (the connection is not reused).
          if (size >= RESPONSE_EXCERPT_BYTES) {
            done();
            res.destroy();
          }
        });
        res.on('end', done);
        res.on('error', (err) => finish({ statusCode, error: describeError(err, timeoutMs), excerpt: null, retryAfter }));
      });
      req.end(body);
    });
  }

  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
