/** The webhooks context's public face: other contexts import only this file. */
export {
  createWebhookService, newWebhookSecret,
  type WebhookService, type PresentedEndpoint, type PresentedEndpointWithSecret, type PresentedDelivery, type PresentedDeliveryDetail,
} from './webhooks.service.ts';
export { createWebhookDeliverer, type WebhookDeliverer, type WebhookDelivererDeps } from './webhooks.deliverer.ts';
export { blockedAddressReason, guardedLookup, type BlockedReason } from './webhooks.address-guard.ts';
export { registerWebhookRoutes } from './webhooks.routes.ts';
export { WEBHOOK_ERRORS, type WebhookErrorCode } from './webhooks.errors.ts';
