/**
 * Rate limits at the HTTP edge: which buckets a request counts in, the IETF `RateLimit-Policy` and
 * `RateLimit` fields on every limited answer, and `429 RATE_LIMITED` with `Retry-After` past a
 * limit. The counting itself is shared by every server process (the store, in the database).
 *
 * Terminology (draft-ietf-httpapi-ratelimit-headers-10/11):
 * - policy: a named quota `q` over a window of `w` seconds, advertised in `RateLimit-Policy`
 *   (`"credential";q=300;w=60`); it does not change from answer to answer.
 * - service limit: what is left of a policy for this client, in `RateLimit`
 *   (`"credential";r=42;t=30`: 42 requests left, the window ends in 30 s).
 * - credential: the API token or session that authenticated the request.
 *
 * The policies:
 * - authenticated requests: per credential and per organization;
 * - unauthenticated requests (the sign-in aside): per client address;
 * - sign-in (`POST /sessions`): per address and e-mail, per address, for every address together
 *   (shared), and per second in this process (memory only: a cheap first gate).
 * Addresses and e-mails enter a bucket's key only as a SHA-256 hash.
 */
import { createHash } from 'node:crypto';
import type { SwaggerTransformObject } from '@fastify/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LocalizedText } from '../core/app-error.ts';
import type { RateLimitSettings } from '../core/rate-limit-settings.ts';
import { isConsoleRequest } from './console.ts';
import { edgeErrors } from './problems.ts';
import type { App } from './route-kit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the sign-in route: counted by the sign-in policies, with the e-mail of the body. */
    signInLimits?: boolean;
  }
}

export type { RateLimitSettings };

/** A bucket to count a request in (the store's input). */
export interface LimitHit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/** A bucket after the hit (the store's output). */
export interface LimitState extends LimitHit {
  remaining: number;
  resetsInMs: number;
  isExceeded: boolean;
}

/** What the rate limits need: their settings and the shared counter. */
export interface RateLimitDeps {
  settings: RateLimitSettings;
  store: { hit(buckets: readonly LimitHit[]): Promise<LimitState[]> };
}

/** Settings that never limit (the default of tests and of applications built without limits). */
export const NO_RATE_LIMITS: RateLimitSettings = {
  perCredentialPerMinute: 0, perOrganizationPerMinute: 0, perAnonymousAddressPerMinute: 0,
  signInPerAddressAndEmailPerMinute: 0, signInPerAddressPerMinute: 0, signInPerMinute: 0, signInPerSecondPerProcess: 0,
};

interface Policy { name: string; key: string; limit: number; windowSeconds: number; refusal: LocalizedText }

const SIGN_INS_ARRIVING: LocalizedText = { en: 'Too many sign-ins are arriving right now.', ko: '지금 들어오는 로그인이 너무 많습니다.' };

const hashed = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

/** Adds the rate-limit hooks; call after the authentication hook, so the viewer is known. */
export function registerRateLimits(app: App, deps: RateLimitDeps | undefined): void {
  if (!deps) return;
  const s = deps.settings;
  let second = { startedAt: 0, count: 0 };

  async function enforce(req: FastifyRequest, reply: FastifyReply, policies: Policy[]): Promise<void> {
    const live = policies.filter((p) => p.limit > 0);
    if (live.length === 0) return;
    const states = await deps!.store.hit(live.map((p) => ({ key: p.key, limit: p.limit, windowSeconds: p.windowSeconds })));
    const byKey = new Map(states.map((st) => [st.key, st]));
    reply.header('ratelimit-policy', live.map((p) => `"${p.name}";q=${p.limit};w=${p.windowSeconds}`).join(', '));
    const known = live.filter((p) => byKey.has(p.key));
    reply.header('ratelimit', known.map((p) => {
      const st = byKey.get(p.key)!;
      return `"${p.name}";r=${st.remaining};t=${Math.ceil(st.resetsInMs / 1000)}`;
    }).join(', '));
    const exceeded = known.filter((p) => byKey.get(p.key)!.isExceeded);
    if (exceeded.length === 0) return;
    const retryAfter = Math.max(1, ...exceeded.map((p) => Math.ceil(byKey.get(p.key)!.resetsInMs / 1000)));
    req.log.info({ policies: exceeded.map((p) => p.name) }, 'rate limited');
    throw edgeErrors.rateLimited(exceeded[0]!.refusal, retryAfter, exceeded[0]!.name);
  }

  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.signInLimits || isConsoleRequest(req)) return;
    const v = req.viewer;
    if (v) {
      const credential = v.tokenId ?? v.sessionId ?? v.userId;
      await enforce(req, reply, [
        {
          name: 'credential', key: `credential:${credential}`, limit: s.perCredentialPerMinute, windowSeconds: 60,
          refusal: { en: `You sent too many requests with this ${v.tokenId ? 'API token' : 'session'}.`, ko: `이 ${v.tokenId ? 'API 토큰' : '세션'}으로 보낸 요청이 너무 많습니다.` },
        },
        { name: 'organization', key: `organization:${v.orgId}`, limit: s.perOrganizationPerMinute, windowSeconds: 60, refusal: { en: 'Your organization sent too many requests.', ko: '귀사 조직에서 보낸 요청이 너무 많습니다.' } },
      ]);
    } else {
      await enforce(req, reply, [
        {
          name: 'address', key: `address:${hashed(req.ip)}`, limit: s.perAnonymousAddressPerMinute, windowSeconds: 60,
          refusal: { en: 'Too many requests came from your address without signing in.', ko: '로그인하지 않은 요청이 귀하의 주소에서 너무 많이 왔습니다.' },
        },
      ]);
    }
  });

  // After validation, so the e-mail of the body is known and well-formed.
  app.addHook('preHandler', async (req, reply) => {
    if (!req.routeOptions.config?.signInLimits) return;
    if (s.signInPerSecondPerProcess > 0) {
      const at = Date.now();
      if (at - second.startedAt >= 1000) second = { startedAt: at, count: 0 };
      if (++second.count > s.signInPerSecondPerProcess) {
        throw edgeErrors.rateLimited(SIGN_INS_ARRIVING, 1, 'signin-process');
      }
    }
    const email = String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase();
    await enforce(req, reply, [
      {
        name: 'signin-email', key: `signin-email:${hashed(req.ip, email)}`, limit: s.signInPerAddressAndEmailPerMinute, windowSeconds: 60,
        refusal: { en: 'Too many sign-in attempts for this e-mail from your address.', ko: '귀하의 주소에서 이 이메일로 시도한 로그인이 너무 많습니다.' },
      },
      {
        name: 'signin-address', key: `signin-address:${hashed(req.ip)}`, limit: s.signInPerAddressPerMinute, windowSeconds: 60,
        refusal: { en: 'Too many sign-in attempts from your address.', ko: '귀하의 주소에서 시도한 로그인이 너무 많습니다.' },
      },
      { name: 'signin', key: 'signin:all', limit: s.signInPerMinute, windowSeconds: 60, refusal: SIGN_INS_ARRIVING },
    ]);
  });
}

const HEADERS = {
  'RateLimit-Policy': {
    description: 'The rate-limit policies that apply (draft-ietf-httpapi-ratelimit-headers): each a name with its quota `q` and window `w` in seconds, e.g. `"credential";q=300;w=60, "organization";q=1200;w=60`. Authenticated requests count per credential (API token or session) and per organization; unauthenticated ones per client address; sign-ins per address and e-mail, per address and overall. Absent when limits are off.',
    schema: { type: 'string' },
  },
  RateLimit: {
    description: 'What is left of each policy: `r` requests remaining and `t` seconds until the window ends, e.g. `"credential";r=42;t=30`.',
    schema: { type: 'string' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1 },
  },
} as const;

type OpenApiDocument = { components?: Record<string, unknown>; paths?: Record<string, Record<string, { responses?: Record<string, Record<string, unknown>> }>> };

/**
 * Declares the rate-limit fields in the OpenAPI document: `RateLimit-Policy` and `RateLimit` on
 * every answer of every operation, and `Retry-After` on 429 and 503 (`transformObject` of @fastify/swagger).
 */
export const documentRateLimits: SwaggerTransformObject = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject;
  const { openapiObject } = document;
  const doc = openapiObject as OpenApiDocument;
  doc.components = { ...doc.components, headers: { ...(doc.components?.headers as object | undefined), ...HEADERS } };
  const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        response.headers = {
          ...(response.headers as object | undefined),
          'RateLimit-Policy': ref('RateLimit-Policy'),
          RateLimit: ref('RateLimit'),
          ...(status === '429' || status === '503' ? { 'Retry-After': ref('Retry-After') } : {}),
        };
      }
    }
  }
  return openapiObject;
};
