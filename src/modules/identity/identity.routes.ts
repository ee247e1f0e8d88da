/** HTTP routes of identity: validate, call one use case, present. */
// reply.setCookie / clearCookie: the types the cookie plugin (registered by src/http/app.ts) adds.
import type {} from '@fastify/cookie';
import { Type } from 'typebox';
import { requireViewer, SESSION_COOKIE, type App } from '../../http/route-kit.ts';
import { replyCreated } from '../../http/idempotency.ts';
import { errorResponses, IdempotencyHeaders, IdParam, PageOf, PageQuery } from '../../http/schemas.ts';
import type { IdentityService } from './identity.service.ts';
import {
  ApiToken, CreateOrganizationBody, CreateTokenBody, CreateUserBody, Me, Organization, OrgKindSchema,
  Session, SetPasswordBody, SignInBody, UpdateUserBody, User,
} from './identity.schemas.ts';

/** Mounts the identity routes. */
export function registerIdentityRoutes(app: App, deps: { identity: IdentityService; cookieSecure: boolean }) {
  const { identity } = deps;
  app.addSchema(Organization);
  app.addSchema(User);
  app.addSchema(ApiToken);
  app.addSchema(Session);
  const tags = ['identity'];

  app.post('/sessions', {
    // Slows password guessing and hash floods: the sign-in limits of src/http/rate-limits.ts.
    config: { signInLimits: true },
    schema: { tags, summary: 'Sign in with e-mail and password; sets the session cookie', security: [], body: SignInBody, response: { 201: Me, ...errorResponses, 503: Type.Ref('Problem') } },
  }, async (req, reply) => {
    const agent = req.headers['user-agent'];
    const { sessionToken, expiresAt, me } = await identity.signIn(req.body.email, req.body.password, {
      organizationId: req.body.organizationId, ip: req.ip, userAgent: typeof agent === 'string' ? agent : null, requestId: req.id,
    });
    reply.setCookie(SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure, path: '/', expires: expiresAt });
    return reply.code(201).send(me);
  });

  app.delete('/sessions/current', {
    schema: { tags, summary: 'Sign out: ends the current session', response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    if (viewer.sessionId) await identity.signOut(viewer, viewer.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/sessions', {
    schema: { tags, summary: 'Your live sessions, newest first (`current` marks this request\'s)', response: { 200: Type.Object({ items: Type.Array(Type.Ref('Session')) }), ...errorResponses } },
  }, async (req) => identity.listSessions(requireViewer(req)));

  app.delete('/sessions/others', {
    schema: { tags, summary: 'End all your sessions but the current one (all of them when called with a token)', response: { 200: Type.Object({ ended: Type.Integer() }), ...errorResponses } },
  }, async (req) => identity.endOtherSessions(requireViewer(req)));

  app.delete('/sessions/:sessionId', {
    schema: { tags, summary: 'End one of your sessions', params: Type.Object({ sessionId: IdParam }), response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    const viewer = requireViewer(req);
    await identity.endSession(viewer, req.params.sessionId);
    if (req.params.sessionId === viewer.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/me', { schema: { tags, summary: 'The signed-in user, its organization and permissions', response: { 200: Me, ...errorResponses } } },
    async (req) => identity.me(requireViewer(req)));

  app.get('/organizations', {
    schema: { tags, summary: 'Organizations you may see', querystring: Type.Object({ kind: Type.Optional(OrgKindSchema), ...PageQuery }), response: { 200: PageOf(Type.Ref('Organization')), ...errorResponses } },
  }, async (req) => identity.listOrganizations(requireViewer(req), req.query));

  app.get('/organizations/:orgId', {
    schema: { tags, summary: 'One organization', params: Type.Object({ orgId: IdParam }), response: { 200: Type.Ref('Organization'), ...errorResponses } },
  }, async (req) => identity.getOrganization(requireViewer(req), req.params.orgId));

  app.post('/organizations', {
    schema: { tags, summary: 'Create a publisher, partner or operator organization with its first administrator (operator only); idempotent by the optional Idempotency-Key', headers: IdempotencyHeaders, body: CreateOrganizationBody, response: { 201: Type.Object({ organization: Type.Ref('Organization'), admin: Type.Ref('User') }), ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await identity.createOrganization(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.put('/organizations/:orgId/standing', {
    schema: { tags, summary: 'Set whether a partner is in good standing (operator only)', params: Type.Object({ orgId: IdParam }), body: Type.Object({ inGoodStanding: Type.Boolean() }, { additionalProperties: false }), response: { 200: Type.Ref('Organization'), ...errorResponses } },
  }, async (req) => identity.setGoodStanding(requireViewer(req), req.params.orgId, req.body.inGoodStanding));

  app.get('/users', {
    schema: { tags, summary: 'Users of your organization', querystring: Type.Object(PageQuery), response: { 200: PageOf(Type.Ref('User')), ...errorResponses } },
  }, async (req) => identity.listUsers(requireViewer(req), req.query));

  app.post('/users', {
    schema: { tags, summary: 'Create a user in your organization; idempotent by the optional Idempotency-Key', headers: IdempotencyHeaders, body: CreateUserBody, response: { 201: Type.Ref('User'), ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await identity.createUser(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.get('/users/:userId', {
    schema: { tags, summary: 'One user of your organization', params: Type.Object({ userId: IdParam }), response: { 200: Type.Ref('User'), ...errorResponses } },
  }, async (req) => identity.getUser(requireViewer(req), req.params.userId));

  app.patch('/users/:userId', {
    schema: { tags, summary: 'Change a user\'s name, roles, language or disabled state', params: Type.Object({ userId: IdParam }), body: UpdateUserBody, response: { 200: Type.Ref('User'), ...errorResponses } },
  }, async (req) => identity.updateUser(requireViewer(req), req.params.userId, req.body));

  app.put('/users/:userId/password', {
    schema: { tags, summary: 'Set a user\'s password. Your own: needs currentPassword, ends your other sessions. Another user\'s (a reset): ends all their sessions and revokes their tokens', params: Type.Object({ userId: IdParam }), body: SetPasswordBody, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await identity.setPassword(requireViewer(req), req.params.userId, req.body.password, req.body.currentPassword);
    return reply.code(204).send(null);
  });

  app.get('/tokens', {
    schema: { tags, summary: 'API tokens of your organization', querystring: Type.Object(PageQuery), response: { 200: PageOf(Type.Ref('ApiToken')), ...errorResponses } },
  }, async (req) => identity.listTokens(requireViewer(req), req.query));

  app.post('/tokens', {
    schema: { tags, summary: 'Create an API token; the secret is in this answer only. With an Idempotency-Key, a retry answers 409 IDEMPOTENCY_SECRET_SHOWN_ONCE naming the token made, never the secret again', headers: IdempotencyHeaders, body: CreateTokenBody, response: { 201: Type.Object({ token: Type.String(), info: Type.Ref('ApiToken') }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await identity.createToken(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.delete('/tokens/:tokenId', {
    schema: { tags, summary: 'Revoke an API token', params: Type.Object({ tokenId: IdParam }), response: { 200: Type.Ref('ApiToken'), ...errorResponses } },
  }, async (req) => identity.revokeToken(requireViewer(req), req.params.tokenId));
}
