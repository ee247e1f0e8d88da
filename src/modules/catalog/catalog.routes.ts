/** HTTP routes of the catalog: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { replyCreated } from '../../http/idempotency.ts';
import { errorResponses, IdempotencyHeaders, PageOf, PageQuery } from '../../http/schemas.ts';
import type { CatalogService } from './catalog.service.ts';
import {
  Agreement, Audience, Availability, CreateOfferBody, CreatePlanBody, OfferCaseView, OfferDetails, OfferParams, OfferQuery,
  OfferSummary, OptIn, Plan, PlanParams, PublishAgreementBody, SetAudienceBody, UpdateOfferBody, UpdatePlanBody,
} from './catalog.schemas.ts';

/** Mounts the catalog routes. */
export function registerCatalogRoutes(app: App, deps: { catalog: CatalogService }) {
  const { catalog } = deps;
  app.addSchema(Availability);
  app.addSchema(OfferSummary);
  app.addSchema(Plan);
  app.addSchema(Agreement);
  app.addSchema(OfferDetails);
  app.addSchema(OfferCaseView);
  const tags = ['catalog'];

  app.get('/offers', {
    schema: {
      tags, summary: 'Discover offers: keywords over name, summary and publisher; filters by type, category and publisher (the marketplace: of partners, global_admin and admin_agent)',
      querystring: Type.Object({ ...OfferQuery.properties, ...PageQuery }), response: { 200: PageOf(Type.Ref('OfferSummary')), ...errorResponses },
    },
  }, async (req) => catalog.listOffers(requireViewer(req), req.query));

  app.post('/offers', {
    schema: { tags, summary: 'Create an offer of your organization (publisher_admin); idempotent by the optional Idempotency-Key', headers: IdempotencyHeaders, body: CreateOfferBody, response: { 201: Type.Ref('OfferDetails'), ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await catalog.createOffer(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.get('/offers/:offerId', {
    schema: {
      tags, summary: 'Product details: overview, ISV contacts (never for customers), plans with pricing, the current agreement',
      description: 'The marketplace view (`view: marketplace`) for partner global_admin and admin_agent, publishers, the operator and customers. '
        + 'The other partner roles get the case-work view (`view: case_work`) of an offer their organization has a subscription of or a case about, and 403 for any other.',
      params: OfferParams, response: { 200: Type.Union([Type.Ref('OfferDetails'), Type.Ref('OfferCaseView')]), ...errorResponses },
    },
  }, async (req) => catalog.getOffer(requireViewer(req), req.params.offerId));

  app.patch('/offers/:offerId', {
    schema: { tags, summary: 'Edit your offer (its id never changes; the audience has its own route)', params: OfferParams, body: UpdateOfferBody, response: { 200: Type.Ref('OfferDetails'), ...errorResponses } },
  }, async (req) => catalog.updateOffer(requireViewer(req), req.params.offerId, req.body));

  app.put('/offers/:offerId/audience', {
    schema: { tags, summary: 'Set the CSP audience: any, specific (authorized partners) or none; partners that resold it keep the right', params: OfferParams, body: SetAudienceBody, response: { 200: Audience, ...errorResponses } },
  }, async (req) => catalog.setAudience(requireViewer(req), req.params.offerId, req.body));

  app.post('/offers/:offerId/plans', {
    schema: { tags, summary: 'Add a plan to your offer; idempotent by the optional Idempotency-Key', params: OfferParams, headers: IdempotencyHeaders, body: CreatePlanBody, response: { 201: Type.Ref('Plan'), ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await catalog.addPlan(requireViewer(req), req.params.offerId, req.body, req.headers['idempotency-key'])));

  app.patch('/offers/:offerId/plans/:planId', {
    schema: { tags, summary: 'Change a plan of your offer', params: PlanParams, body: UpdatePlanBody, response: { 200: Type.Ref('Plan'), ...errorResponses } },
  }, async (req) => catalog.updatePlan(requireViewer(req), req.params.offerId, req.params.planId, req.body));

  app.post('/offers/:offerId/agreements', {
    schema: { tags, summary: 'Publish a new version of the third-party customer agreement (earlier versions never change); idempotent by the optional Idempotency-Key', params: OfferParams, headers: IdempotencyHeaders, body: PublishAgreementBody, response: { 201: Type.Ref('Agreement'), ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await catalog.publishAgreement(requireViewer(req), req.params.offerId, req.body, req.headers['idempotency-key'])));

  app.get('/offers/:offerId/agreements', {
    schema: { tags, summary: 'Every version of the offer\'s agreement, newest first (on the marketplace and on the case-work view)', params: OfferParams, response: { 200: Type.Object({ items: Type.Array(Type.Ref('Agreement')) }), ...errorResponses } },
  }, async (req) => catalog.listAgreements(requireViewer(req), req.params.offerId));

  app.put('/offers/:offerId/opt-in', {
    schema: { tags, summary: 'Opt your partner organization in to resell the offer', params: OfferParams, response: { 200: OptIn, ...errorResponses } },
  }, async (req) => catalog.optIn(requireViewer(req), req.params.offerId));

  app.delete('/offers/:offerId/opt-in', {
    schema: { tags, summary: 'Opt out of reselling the offer (existing subscriptions go on)', params: OfferParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await catalog.optOut(requireViewer(req), req.params.offerId);
    return reply.code(204).send(null);
  });
}
