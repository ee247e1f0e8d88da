/** HTTP routes of the channel: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { replyCreated } from '../../http/idempotency.ts';
import { errorResponses, IdempotencyHeaders, PageOf } from '../../http/schemas.ts';
import type { ChannelService } from './channel.service.ts';
import {
  CreateCustomerBody, CreatedCustomer, Customer, CustomerParams, CustomerQuery, IndirectRelationship,
  IndirectRelationshipDetail, InviteBody, RelationshipParams, RelationshipQuery, SplitRule, UpdateSplitBody,
} from './channel.schemas.ts';

/** Mounts the channel routes: provider–reseller relationships and customers. */
export function registerChannelRoutes(app: App, deps: { channel: ChannelService }) {
  const { channel } = deps;
  app.addSchema(SplitRule);
  app.addSchema(IndirectRelationship);
  app.addSchema(IndirectRelationshipDetail);
  app.addSchema(Customer);
  const tags = ['channel'];
  const detail = { 200: Type.Ref('IndirectRelationshipDetail'), ...errorResponses };

  app.post('/channel/relationships', {
    schema: { tags, summary: 'Invite an indirect reseller (indirect provider, global_admin); idempotent by the optional Idempotency-Key', headers: IdempotencyHeaders, body: InviteBody, response: { 201: Type.Ref('IndirectRelationshipDetail'), ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await channel.inviteReseller(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.get('/channel/relationships', {
    schema: { tags, summary: 'Your relationships with providers or resellers, newest first', querystring: RelationshipQuery, response: { 200: PageOf(Type.Ref('IndirectRelationship')), ...errorResponses } },
  }, async (req) => channel.listRelationships(requireViewer(req), req.query));

  app.get('/channel/relationships/:relationshipId', {
    schema: { tags, summary: 'One relationship with its support split', params: RelationshipParams, response: detail },
  }, async (req) => channel.getRelationship(requireViewer(req), req.params.relationshipId));

  app.post('/channel/relationships/:relationshipId/accept', {
    schema: { tags, summary: 'Accept an invitation (the invited reseller)', params: RelationshipParams, response: detail },
  }, async (req) => channel.acceptInvitation(requireViewer(req), req.params.relationshipId));

  app.post('/channel/relationships/:relationshipId/decline', {
    schema: { tags, summary: 'Decline an invitation (the invited reseller)', params: RelationshipParams, response: detail },
  }, async (req) => channel.declineInvitation(requireViewer(req), req.params.relationshipId));

  app.post('/channel/relationships/:relationshipId/end', {
    schema: { tags, summary: 'End a relationship or withdraw an invitation (either side)', params: RelationshipParams, response: detail },
  }, async (req) => channel.endRelationship(requireViewer(req), req.params.relationshipId));

  app.put('/channel/relationships/:relationshipId/split', {
    schema: { tags, summary: 'Change the support split for some or all categories (the provider)', params: RelationshipParams, body: UpdateSplitBody, response: detail },
  }, async (req) => channel.updateSplit(requireViewer(req), req.params.relationshipId, req.body.split));

  app.post('/customers', {
    schema: { tags, summary: 'Create a customer with an active relationship to you, and optionally its first user (direct partner or reseller); idempotent by the optional Idempotency-Key', headers: IdempotencyHeaders, body: CreateCustomerBody, response: { 201: CreatedCustomer, ...errorResponses } },
  }, async (req, reply) => replyCreated(reply, await channel.createCustomer(requireViewer(req), req.body, req.headers['idempotency-key'])));

  app.get('/customers', {
    schema: { tags, summary: 'Customers you may see, by name, each with its partners', querystring: CustomerQuery, response: { 200: PageOf(Type.Ref('Customer')), ...errorResponses } },
  }, async (req) => channel.listCustomers(requireViewer(req), req.query));

  app.get('/customers/:customerId', {
    schema: { tags, summary: 'One customer with its partners', params: CustomerParams, response: { 200: Type.Ref('Customer'), ...errorResponses } },
  }, async (req) => channel.getCustomer(requireViewer(req), req.params.customerId));

  app.post('/customers/:customerId/relationship/end', {
    schema: { tags, summary: 'End your relationship with a customer (its partner)', params: CustomerParams, response: { 200: Type.Ref('Customer'), ...errorResponses } },
  }, async (req) => channel.endCustomerRelationship(requireViewer(req), req.params.customerId));
}
