/** HTTP routes of subscriptions: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses, PageOf, PageQuery, RequiredIdempotencyHeaders } from '../../http/schemas.ts';
import type { SubscriptionService } from './subscriptions.service.ts';
import {
  ChangeQuantityBody, OfferParams, Purchasability, PurchasabilityQuery, PurchaseBody, Subscription,
  SubscriptionParams, SubscriptionQuery, SupportContactBody,
} from './subscriptions.schemas.ts';

/** Mounts the subscriptions routes. */
export function registerSubscriptionRoutes(app: App, deps: { subscriptions: SubscriptionService }) {
  const { subscriptions } = deps;
  app.addSchema(Subscription);
  const tags = ['subscriptions'];
  const one = { 200: Type.Ref('Subscription'), ...errorResponses };

  app.get('/offers/:offerId/purchasability', {
    schema: { tags, summary: 'Whether each plan can be bought for a customer, and every reason it can\'t (partners who buy)', params: OfferParams, querystring: PurchasabilityQuery, response: { 200: Purchasability, ...errorResponses } },
  }, async (req) => subscriptions.purchasability(requireViewer(req), req.params.offerId, req.query));

  app.post('/subscriptions', {
    schema: {
      tags, summary: 'Buy a plan for a customer (idempotent by Idempotency-Key); created pending_activation',
      headers: RequiredIdempotencyHeaders, body: PurchaseBody, response: { 201: Type.Ref('Subscription'), ...errorResponses },
    },
  }, async (req, reply) => {
    const result = await subscriptions.purchase(requireViewer(req), req.headers['idempotency-key'], req.body);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(result.subscription);
  });

  app.get('/subscriptions', {
    schema: { tags, summary: 'Subscriptions your organization may see, newest first', querystring: Type.Object({ ...SubscriptionQuery.properties, ...PageQuery }), response: { 200: PageOf(Type.Ref('Subscription')), ...errorResponses } },
  }, async (req) => subscriptions.list(requireViewer(req), req.query));

  app.get('/subscriptions/:subscriptionId', {
    schema: { tags, summary: 'One subscription', params: SubscriptionParams, response: one },
  }, async (req) => subscriptions.get(requireViewer(req), req.params.subscriptionId));

  app.patch('/subscriptions/:subscriptionId', {
    schema: { tags, summary: 'Change the quantity within the plan\'s bounds (partner of record)', params: SubscriptionParams, body: ChangeQuantityBody, response: one },
  }, async (req) => subscriptions.changeQuantity(requireViewer(req), req.params.subscriptionId, req.body.quantity));

  app.post('/subscriptions/:subscriptionId/activate', {
    schema: { tags, summary: 'Activate a pending subscription of your offer: billing starts (publisher)', params: SubscriptionParams, response: one },
  }, async (req) => subscriptions.activate(requireViewer(req), req.params.subscriptionId));

  app.post('/subscriptions/:subscriptionId/suspend', {
    schema: { tags, summary: 'Suspend an active subscription (partner of record)', params: SubscriptionParams, response: one },
  }, async (req) => subscriptions.suspend(requireViewer(req), req.params.subscriptionId));

  app.post('/subscriptions/:subscriptionId/reactivate', {
    schema: { tags, summary: 'Reactivate a suspended subscription (partner of record)', params: SubscriptionParams, response: one },
  }, async (req) => subscriptions.reactivate(requireViewer(req), req.params.subscriptionId));

  app.post('/subscriptions/:subscriptionId/cancel', {
    schema: { tags, summary: 'Cancel a subscription (partner of record)', params: SubscriptionParams, response: one },
  }, async (req) => subscriptions.cancel(requireViewer(req), req.params.subscriptionId));

  app.put('/subscriptions/:subscriptionId/support-contact', {
    schema: { tags, summary: 'Choose the provider or the reseller as support contact (indirect model; a partner of record)', params: SubscriptionParams, body: SupportContactBody, response: one },
  }, async (req) => subscriptions.setSupportContact(requireViewer(req), req.params.subscriptionId, req.body.designated));
}
