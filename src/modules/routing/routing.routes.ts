/** HTTP routes of routing policies: validate, call one use case, present. */
import { Type } from 'typebox';
import { requireViewer, type App } from '../../http/route-kit.ts';
import { errorResponses } from '../../http/schemas.ts';
import type { RoutingService } from './routing.service.ts';
import { Decision, DecisionBody, OfferParams, PreferenceBody, Preferences } from './routing.schemas.ts';

/** Mounts the routing routes: preferences and decisions. */
export function registerRoutingRoutes(app: App, deps: { routing: RoutingService }) {
  const { routing } = deps;
  app.addSchema(Preferences);
  app.addSchema(Decision);
  const tags = ['routing'];
  const preferences = { 200: Type.Ref('RoutingPreferences'), ...errorResponses };

  app.get('/routing/preferences', {
    schema: { tags, summary: 'Your default and per-offer preferences for technical cases (partners)', response: preferences },
  }, async (req) => routing.getPreferences(requireViewer(req)));

  app.put('/routing/preferences/default', {
    schema: { tags, summary: 'Set your default preference (partner global_admin, admin_agent)', body: PreferenceBody, response: preferences },
  }, async (req) => routing.setDefaultPreference(requireViewer(req), req.body.preference));

  app.put('/routing/preferences/offers/:offerId', {
    schema: { tags, summary: 'Set your preference for one offer (partner global_admin, admin_agent)', params: OfferParams, body: PreferenceBody, response: preferences },
  }, async (req) => routing.setOfferPreference(requireViewer(req), req.params.offerId, req.body.preference));

  app.delete('/routing/preferences/offers/:offerId', {
    schema: { tags, summary: 'Remove your preference for one offer: the default applies again', params: OfferParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await routing.clearOfferPreference(requireViewer(req), req.params.offerId);
    return reply.code(204).send(null);
  });

  app.post('/routing/decisions', {
    schema: { tags, summary: 'Explain how a case would be routed, without opening it', body: DecisionBody, response: { 200: Type.Ref('RoutingDecision'), ...errorResponses } },
  }, async (req) => routing.explain(requireViewer(req), req.body));
}
