/** The routing context's public face: other contexts import only this file. */
export {
  createRoutingService, explainRouting, presentRouting,
  type RoutingService, type RoutingInput, type PresentedDecision, type PresentedPreferences,
} from './routing.service.ts';
export { registerRoutingRoutes } from './routing.routes.ts';
export { ROUTING_ERRORS, type RoutingErrorCode } from './routing.errors.ts';
