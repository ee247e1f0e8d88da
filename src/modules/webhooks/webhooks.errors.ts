/** Error codes of the webhooks context: an organization's endpoints, their deliveries and replays. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const WEBHOOK_ERRORS = {
  /** No endpoint with this id in the viewer's organization. */
  WEBHOOK_ENDPOINT_NOT_FOUND: 404,
  /** No delivery with this id in the viewer's organization. */
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  /** The endpoint URL is not acceptable (scheme, credentials, length, or a non-public address); `reason` says why. */
  WEBHOOK_URL_NOT_ALLOWED: 422,
  /** The endpoint is disabled: enable it before replaying deliveries to it. */
  WEBHOOK_ENDPOINT_DISABLED: 409,
  /** The organization already has the most endpoints allowed (`limit`). */
  WEBHOOK_ENDPOINT_LIMIT_REACHED: 409,
} as const satisfies ErrorCatalogue;
export type WebhookErrorCode = keyof typeof WEBHOOK_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    webhooks: typeof WEBHOOK_ERRORS;
  }
}
