/** Error codes of the webhooks context: an organization's endpoints, their deliveries and replays. */
export const WEBHOOK_ERROR_CODES = [
  /** No endpoint with this id in the viewer's organization. */
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  /** No delivery with this id in the viewer's organization. */
  'WEBHOOK_DELIVERY_NOT_FOUND',
  /** The endpoint URL is not acceptable (scheme, credentials, length, or a non-public address); `reason` says why. */
  'WEBHOOK_URL_NOT_ALLOWED',
  /** The endpoint is disabled: enable it before replaying deliveries to it. */
  'WEBHOOK_ENDPOINT_DISABLED',
  /** The organization already has the most endpoints allowed (`limit`). */
  'WEBHOOK_ENDPOINT_LIMIT_REACHED',
] as const;
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];
