/** The subscriptions context's public face: other contexts import only this file. */
export {
  createSubscriptionService, listResoldPartnerIds, readSubscription, type SubscriptionService, type PresentedSubscription,
} from './subscriptions.service.ts';
export { registerSubscriptionRoutes } from './subscriptions.routes.ts';
export { SUBSCRIPTION_ERRORS, type SubscriptionErrorCode } from './subscriptions.errors.ts';
