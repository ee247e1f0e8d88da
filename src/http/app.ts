/**
 * The HTTP server: mounting, authentication, error mapping, OpenAPI. Routes live in each
 * context's `*.routes.ts` and import only `route-kit.ts` and the shared schemas; this file names
 * no context: `src/main` hands it the routes and the code → status map.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import Fastify, { type FastifyServerOptions, type FastifyError, type FastifyRequest } from 'fastify';
import { isAppError } from '../core/app-error.ts';
import type { RequestContext } from '../core/parties.ts';
import type { ErrorStatuses } from './error-status.ts';
import { createProblemSender, edgeErrors, type FieldError } from './problems.ts';
import { documentRateLimits, registerRateLimits, type RateLimitDeps } from './rate-limits.ts';
import { isConsoleRequest, registerConsole } from './console.ts';
import { answerClientError, BARE_SECURITY_HEADERS, checkCookieWriteOrigin, frameworkErrorProblem, helmetOptions, originOf, refuseInfiniteNumbers, refuseNulCharacters } from './edge.ts';
import { SESSION_COOKIE, type App, type RequestViewer } from './route-kit.ts';
import { Problem } from './schemas.ts';

export type { App, RequestViewer };

/** What the HTTP layer needs from the rest of the application. */
export interface HttpDeps {
  authenticate(credential: { kind: 'session' | 'token'; secret: string }): Promise<RequestViewer | null>;
  ping(): Promise<boolean>;
  /** Whether an error means the database is unreachable or restarting (answered 503, not 500). */
  isUnavailable(error: unknown): boolean;
  cookieSecure: boolean;
  /** The address users reach Switchboard at (PUBLIC_URL); cookie writes must come from its origin. */
  publicUrl: string;
  logLevel: string;
  /** Registers each context's routes. */
  routes: ReadonlyArray<(app: App) => void>;
  /** Request limits and their shared counter; none when absent. */
  rateLimits?: RateLimitDeps;
  /** Every error code's status, composed from the contexts' catalogues (`src/main/application.ts`). */
  errorStatuses: ErrorStatuses;
  /** The built web console to serve at `/` (config CONSOLE_DIR); absent: the API alone, as in most tests. */
  consoleDir?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled on its route's first
 * answer instead of all at start: compiling the ~100 operations' schemas took about 1.5 s of every
 * start and of every test file's set-up, most of whose routes never answer.
 */
const lazySerializers: NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer'] = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ((data: unknown) => string) | null = null;
    return (data: unknown) => (serialize ??= compile(route) as (data: unknown) => string)(data);
  };
};

/** Builds the server; call `listen` or `inject` on the result. */
export async function buildApp(deps: HttpDeps): Promise<App> {
  const publicOrigin = originOf(deps.publicUrl);
  const sendProblem = createProblemSender(deps.errorStatuses);
  const app = Fastify({
    logger: deps.logLevel === 'silent' ? false : { level: deps.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
    // Errors raised before routing (an undecodable URL, an over-long parameter) and by Node's
    // parser are answered as problem details too; neither passes the hooks that set headers.
    frameworkErrors: (error, req, reply) => {
      reply.headers(BARE_SECURITY_HEADERS);
      sendProblem(req, reply, frameworkErrorProblem(error));
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.addSchema(Problem);
  await app.register(helmet, helmetOptions(deps.cookieSecure));
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchboard API',
        version: '1',
        description: 'Routes support questions for third-party software sold through a reseller channel. Errors are RFC 9457 problem details with a stable `code`; their `detail` is in the signed-in user\'s language, else the best of `Accept-Language` (English, Korean), named by `Content-Language`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`sbt_…`)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transformObject: documentRateLimits,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });

  app.decorateRequest('viewer', null);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // What a viewer reads is theirs alone, and problem details describe one request: no cache keeps either.
    const type = String(reply.getHeader('content-type') ?? '');
    if (req.viewer || type.startsWith('application/problem+json') || reply.hasHeader('set-cookie')) reply.header('cache-control', 'no-store');
  });

  // Who is asking: a bearer token wins over the session cookie. The console's files and pages are
  // the same for everyone: no credential is looked up for them (nor counted by the rate limits).
  app.addHook('onRequest', async (req) => {
    if (isConsoleRequest(req)) return;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m) throw edgeErrors.malformedAuthorization();
      req.viewer = await deps.authenticate({ kind: 'token', secret: m[1]! });
      if (!req.viewer) throw edgeErrors.tokenNotValid();
      return;
    }
    const session = req.cookies[SESSION_COOKIE];
    if (session) {
      // A cookie-borne change must come from the public origin (SameSite is only the first guard).
      if (!SAFE_METHODS.has(req.method)) checkCookieWriteOrigin(req, publicOrigin);
      req.viewer = await deps.authenticate({ kind: 'session', secret: session });
    }
  });

  // Where the request came from, carried with the viewer to the audit log.
  app.addHook('onRequest', async (req) => {
    if (req.viewer) req.viewer = { ...req.viewer, request: requestContextOf(req) };
  });
  registerRateLimits(app, deps.rateLimits);

  // PostgreSQL can't store U+0000 in text or JSON, and Ajv lets "1e309" through as Infinity:
  // refuse both in any field before any schema or query sees them.
  app.addHook('preValidation', async (req) => {
    refuseNulCharacters(req);
    refuseInfiniteNumbers(req);
  });

  app.get('/api/health', {
    schema: {
      tags: ['health'], summary: 'Whether the server and its database answer', security: [],
      response: {
        200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
        503: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
      },
    },
  }, async (_req, reply) => {
    const ok = await deps.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' });
  });

  app.setErrorHandler((thrown: unknown, req, reply) => {
    if (isAppError(thrown)) return sendProblem(req, reply, thrown);
    if (deps.isUnavailable(thrown)) {
      req.log.warn({ err: thrown }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendProblem(req, reply, edgeErrors.databaseUnavailable());
    }
    const error = thrown as FastifyError;
    if (error.validation) {
      // Ajv's own messages are English; the ones written here are in every language.
      const errors = error.validation.map((v): FieldError => {
        const params = v.params as Record<string, unknown>;
        const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
        const path = `${error.validationContext ?? 'body'}${v.instancePath}${extra ? `/${extra}` : ''}`;
        const message = params.additionalProperty ? edgeErrors.unknownField : (v.message ?? edgeErrors.invalidValue);
        return { field: path.replaceAll('/', '.'), message };
      });
      return sendProblem(req, reply, edgeErrors.validationFailed(errors));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(req, reply, edgeErrors.bodyTooLarge());
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(req, reply, edgeErrors.bodyNotJson());
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error.statusCode === 400 && error instanceof SyntaxError)) {
      return sendProblem(req, reply, edgeErrors.invalidJson());
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(req, reply, edgeErrors.malformedRequest());
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(req, reply, edgeErrors.internal());
  });

  // The console: its assets, and its pages answered where no route matched (src/http/console.ts).
  // After the error handler, which the assets' scope falls back to.
  const consolePages = deps.consoleDir === undefined ? null : await registerConsole(app, deps.consoleDir);
  app.setNotFoundHandler(async (req, reply) => {
    if (consolePages && (await consolePages.answer(req, reply))) return reply;
    return sendProblem(req, reply, edgeErrors.routeNotFound(req.method, req.url.split('?')[0]!));
  });

  await app.register(async (v1) => {
    for (const register of deps.routes) register(v1 as App);
    v1.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }, { prefix: '/api/v1' });

  return app;
}

/** The client address, user agent (cut to 512 characters) and id of a request, for the audit log. */
export function requestContextOf(req: FastifyRequest): RequestContext {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 512) : null, requestId: req.id };
}
