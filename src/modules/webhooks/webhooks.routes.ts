/** HTTP routes of webhooks: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { replyCreated } from '../../http/idempotency.ts';
import { errorResponses, IdempotencyHeaders, PageOf } from '../../http/schemas.ts';
import type { WebhookService } from './webhooks.service.ts';
import {
  CreateEndpointBody, DeliveriesQuery, Delivery, DeliveryDetail, DeliveryParams, Endpoint, EndpointParams, EndpointsQuery,
  EndpointWithSecret, UpdateEndpointBody,
} from './webhooks.schemas.ts';

/** Mounts the webhook routes: endpoints, their secrets, their delivery log and replays. */
export function registerWebhookRoutes(app: App, deps: { webhooks: WebhookService }) {
  const { webhooks } = deps;
  app.addSchema(Endpoint);
  app.addSchema(EndpointWithSecret);
  app.addSchema(Delivery);
  app.addSchema(DeliveryDetail);
  const tags = ['webhooks'];
  const one = { 200: Type.Ref('WebhookEndpoint'), ...errorResponses };
  const withSecret = (status: 200 | 201) => ({ [status]: Type.Ref('WebhookEndpointWithSecret'), ...errorResponses });
  const base = '/webhooks/endpoints';

  app.post(base, {
    schema: {
      tags, summary: 'Add a webhook endpoint for some event types; the answer carries its signing secret, shown only once (webhooks.manage). With an Idempotency-Key, a retry answers 409 IDEMPOTENCY_SECRET_SHOWN_ONCE naming the endpoint made, never the secret again',
      headers: IdempotencyHeaders, body: CreateEndpointBody, response: withSecret(201),
    },
  }, async (req, reply) => replyCreated(reply, await webhooks.createEndpoint(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.get(base, {
    schema: { tags, summary: 'Your organization\'s webhook endpoints, oldest first', querystring: EndpointsQuery, response: { 200: PageOf(Type.Ref('WebhookEndpoint')), ...errorResponses } },
  }, async (req) => webhooks.listEndpoints(requireViewer(req), req.query));

  app.get(`${base}/:endpointId`, {
    schema: { tags, summary: 'One webhook endpoint (never its secret)', params: EndpointParams, response: one },
  }, async (req) => webhooks.getEndpoint(requireViewer(req), req.params.endpointId));

  app.patch(`${base}/:endpointId`, {
    schema: { tags, summary: 'Change an endpoint\'s URL, description or event types', params: EndpointParams, body: UpdateEndpointBody, response: one },
  }, async (req) => webhooks.updateEndpoint(requireViewer(req), req.params.endpointId, req.body));

  app.delete(`${base}/:endpointId`, {
    schema: { tags, summary: 'Remove an endpoint with its delivery log', params: EndpointParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await webhooks.deleteEndpoint(requireViewer(req), req.params.endpointId);
    return reply.code(204).send(null);
  });

  app.post(`${base}/:endpointId/rotate-secret`, {
    schema: {
      tags, summary: 'Give an endpoint a new signing secret, shown only once; the previous one still signs (a second signature) for 24 hours',
      params: EndpointParams, response: withSecret(200),
    },
  }, async (req) => webhooks.rotateSecret(requireViewer(req), req.params.endpointId));

  app.post(`${base}/:endpointId/disable`, {
    schema: { tags, summary: 'Stop deliveries to an endpoint', params: EndpointParams, response: one },
  }, async (req) => webhooks.disableEndpoint(requireViewer(req), req.params.endpointId));

  app.post(`${base}/:endpointId/enable`, {
    schema: { tags, summary: 'Deliver to an endpoint again, clearing its failing run and disabled reason', params: EndpointParams, response: one },
  }, async (req) => webhooks.enableEndpoint(requireViewer(req), req.params.endpointId));

  app.get(`${base}/:endpointId/deliveries`, {
    schema: {
      tags, summary: 'An endpoint\'s deliveries, newest first', params: EndpointParams, querystring: DeliveriesQuery,
      response: { 200: PageOf(Type.Ref('WebhookDelivery')), ...errorResponses },
    },
  }, async (req) => webhooks.listDeliveries(requireViewer(req), req.params.endpointId, req.query));

  app.get('/webhooks/deliveries/:deliveryId', {
    schema: { tags, summary: 'One delivery with its attempts and the body it sends', params: DeliveryParams, response: { 200: Type.Ref('WebhookDeliveryDetail'), ...errorResponses } },
  }, async (req) => webhooks.getDelivery(requireViewer(req), req.params.deliveryId));

  app.post('/webhooks/deliveries/:deliveryId/replay', {
    schema: {
      tags, summary: 'Send a delivery\'s event again, as a new delivery with the same webhook-id (refused while the endpoint is disabled)',
      params: DeliveryParams, response: { 202: Type.Ref('WebhookDelivery'), ...errorResponses },
    },
  }, async (req, reply) => reply.code(202).send(await webhooks.replayDelivery(requireViewer(req), req.params.deliveryId)));
}
