/** HTTP routes of service health: validate, call one use case, present (an incident with its version as ETag). */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { etagOf } from '../../core/case-rules.ts';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses, PageOf } from '../../http/schemas.ts';
import type { HealthService, PresentedIncidentDetail } from './health.service.ts';
import {
  Incident, IncidentParams, IncidentQuery, IncidentReach, IncidentReachOrganization, IncidentReachQuery, IncidentSummary, IncidentUpdate, IncidentUpdateBody, IncidentUpdateHeaders, IncidentUpdateResult,
  NoticeSettings, NoticeSettingsBody, OfferServiceStatus, OfferStatusParams, PostIncidentBody, PostIncidentHeaders,
} from './health.schemas.ts';

const ProblemRef = Type.Ref('Problem');
const errors = { ...errorResponses, 412: ProblemRef };

/** Answers an incident with its version as ETag. */
function sendIncident(reply: FastifyReply, incident: PresentedIncidentDetail, status = 200) {
  return reply.code(status).header('etag', etagOf(incident.version)).send(incident);
}

/** Mounts the service-health routes: incidents and partners' notice settings. */
export function registerHealthRoutes(app: App, deps: { health: HealthService }) {
  const { health } = deps;
  app.addSchema(IncidentUpdate);
  app.addSchema(IncidentSummary);
  app.addSchema(Incident);
  app.addSchema(NoticeSettings);
  app.addSchema(IncidentReachOrganization);
  app.addSchema(IncidentReach);
  app.addSchema(OfferServiceStatus);
  const tags = ['service health'];

  app.post('/incidents', {
    schema: {
      tags, summary: 'Post an incident for your own offers (publisher publisher_admin, support_engineer); it reaches their partners and, where allowed, customers; idempotent by the optional Idempotency-Key',
      headers: PostIncidentHeaders, body: PostIncidentBody, response: { 201: Type.Ref('Incident'), ...errors },
    },
  }, async (req, reply) => {
    const result = await health.post(requireViewer(req), req.headers['idempotency-key'], req.body);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return sendIncident(reply, result.incident, 201);
  });

  app.get('/incidents', {
    schema: {
      tags, summary: 'Incidents that reach your organization, newest first: of your offers, of offers you hold active subscriptions of, or all for the operator',
      querystring: IncidentQuery, response: { 200: PageOf(Type.Ref('IncidentSummary')), ...errors },
    },
  }, async (req) => health.list(requireViewer(req), req.query));

  app.get('/incidents/:incidentId', {
    schema: { tags, summary: 'One incident with its offers and updates; ETag is its version', params: IncidentParams, response: { 200: Type.Ref('Incident'), ...errors } },
  }, async (req, reply) => sendIncident(reply, await health.get(requireViewer(req), req.params.incidentId)));

  app.get('/incidents/:incidentId/reach', {
    schema: {
      tags, summary: 'Whom your incident reached so far: the organizations its events were delivered to (by name, paged), users notified, and events still being delivered (the incident\'s publisher and the operator)',
      params: IncidentParams, querystring: IncidentReachQuery, response: { 200: Type.Ref('IncidentReach'), ...errors },
    },
  }, async (req) => health.reach(requireViewer(req), req.params.incidentId, req.query));

  app.post('/incidents/:incidentId/updates', {
    schema: {
      tags, summary: 'Update your incident: a message and its status after it (forward only; resolved resolves it and is final)',
      params: IncidentParams, headers: IncidentUpdateHeaders, body: IncidentUpdateBody, response: { 201: IncidentUpdateResult, ...errors },
    },
  }, async (req, reply) => {
    const result = await health.addUpdate(requireViewer(req), req.params.incidentId, req.headers['if-match'], req.body, req.headers['idempotency-key']);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).header('etag', etagOf(result.incident.version)).send(result);
  });

  app.get('/offers/:offerId/service-status', {
    schema: {
      tags, summary: 'An offer\'s status page for any signed-in organization: operational, under maintenance, degraded or down from its open incidents, those incidents with their latest update, and the past 90 days\' resolved ones',
      params: OfferStatusParams, response: { 200: Type.Ref('OfferServiceStatus'), ...errors },
    },
  }, async (req) => health.offerStatus(requireViewer(req), req.params.offerId));

  app.get('/partner/notice-settings', {
    schema: { tags, summary: 'Whether your customers hear of incidents (partner global_admin, admin_agent); false until you choose', response: { 200: Type.Ref('NoticeSettings'), ...errors } },
  }, async (req) => health.getNoticeSettings(requireViewer(req)));

  app.put('/partner/notice-settings', {
    schema: { tags, summary: 'Choose whether your customers hear of incidents of the offers they subscribe to through you (partner global_admin, admin_agent)', body: NoticeSettingsBody, response: { 200: Type.Ref('NoticeSettings'), ...errors } },
  }, async (req) => health.setNoticeSettings(requireViewer(req), req.body));
}
