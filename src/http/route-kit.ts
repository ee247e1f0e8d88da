/**
 * What a context's routes need from the HTTP layer, apart from the shared schemas
 * (`schemas.ts`) and the creation answer (`idempotency.ts`): the app type they register on, the
 * viewer of a request, the session cookie's name. It imports no context and not the server
 * (`app.ts`), so a route file never pulls the whole application into its imports — routes import
 * this, `src/main` wires them into the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { Language } from '../core/app-error.ts';
import type { Viewer } from '../core/parties.ts';
import { edgeErrors } from './problems.ts';

/** The Fastify instance every route file receives. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * The authenticated viewer of a request, with the credential that proved it and the user's
 * language (`users.locale`), which problem details are answered in.
 */
export type RequestViewer = Viewer & { sessionId?: string; tokenId?: string; locale?: Language };

declare module 'fastify' {
  interface FastifyRequest {
    viewer: RequestViewer | null;
  }
}

/** The name of the session cookie. */
export const SESSION_COOKIE = 'sb_session';

/** The viewer of a request; refuses with 401 when there is none. */
export function requireViewer(req: FastifyRequest): RequestViewer {
  if (!req.viewer) throw edgeErrors.signInRequired();
  return req.viewer;
}
