/** HTTP routes of SLA policies: validate (the body by its schema, If-Match by `parseIfMatch`), call one use case, present (a scope with its current version as ETag). */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { etagOf } from '../../core/case-rules.ts';
import { parseIfMatch, type ExpectedVersion } from '../../core/if-match.ts';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses } from '../../http/schemas.ts';
import { slaErrors } from './sla.errors.ts';
import type { PresentedScopePolicies, SlaService } from './sla.service.ts';
import { IfMatchHeaders, PolicySource, ScopeParams, ScopePolicies, SlaPolicies, SlaPolicy, SlaPolicyBody } from './sla.schemas.ts';

const errors = { ...errorResponses, 412: Type.Ref('Problem') };

/** The expectation of an If-Match header; a malformed one is refused naming the header. */
function expectedVersionOf(header: string | undefined): ExpectedVersion {
  const reading = parseIfMatch(header);
  if (!reading.ok) throw slaErrors.malformedIfMatch();
  return reading.expected;
}

/** Answers a scope with its current version as ETag (none before the first version). */
function sendScope(reply: FastifyReply, scope: PresentedScopePolicies) {
  if (scope.current) reply.header('etag', etagOf(scope.current.version));
  return reply.code(200).send(scope);
}

/** Mounts the SLA policy routes. */
export function registerSlaRoutes(app: App, deps: { sla: SlaService }) {
  const { sla } = deps;
  app.addSchema(SlaPolicy);
  app.addSchema(ScopePolicies);
  app.addSchema(PolicySource);
  app.addSchema(SlaPolicies);
  const tags = ['sla policies'];
  const who = 'partner global_admin, admin_agent; operator operator_admin';

  app.get('/sla-policies', {
    schema: {
      tags, summary: `Your organization's SLA policies: each scope with its versions, what applies to a case of each category, the default; for a publisher, the SLA of its agreement versions (${who}; publisher publisher_admin)`,
      response: { 200: Type.Ref('SlaPolicies'), ...errors },
    },
  }, async (req) => sla.getPolicies(requireViewer(req)));

  app.get('/sla-policies/:scope', {
    schema: { tags, summary: `One scope of your policies with every version, newest first; ETag is the current version (${who})`, params: ScopeParams, response: { 200: Type.Ref('SlaScopePolicies'), ...errors } },
  }, async (req, reply) => sendScope(reply, await sla.getScope(requireViewer(req), req.params.scope)));

  app.put('/sla-policies/:scope', {
    schema: {
      tags, summary: `Set a scope's policy: the next version (cases opened before keep theirs); the same policy again writes nothing. Publishers set theirs in agreement versions (${who})`,
      params: ScopeParams, headers: IfMatchHeaders, body: SlaPolicyBody, response: { 200: Type.Ref('SlaScopePolicies'), ...errors },
    },
  }, async (req, reply) => sendScope(reply, await sla.setPolicy(requireViewer(req), req.params.scope, expectedVersionOf(req.headers['if-match']), req.body)));

  app.delete('/sla-policies/:scope', {
    schema: {
      tags, summary: `Withdraw a scope's policy: a version with none, so the wider scope (or the default) applies to cases opened after it (${who})`,
      params: ScopeParams, headers: IfMatchHeaders, response: { 200: Type.Ref('SlaScopePolicies'), ...errors },
    },
  }, async (req, reply) => sendScope(reply, await sla.withdrawPolicy(requireViewer(req), req.params.scope, expectedVersionOf(req.headers['if-match']))));
}
