/** Request and response schemas of the webhook routes (also the OpenAPI source). */
import { Type, type TSchema } from 'typebox';
import { EVENT_TYPE_LIST } from '../../core/events.ts';
import { MAX_WEBHOOK_URL_LENGTH } from '../../core/webhook-rules.ts';
import { IdParam, IsoDate, NullableIsoDate, PageQuery } from '../../http/schemas.ts';

const EventType = Type.Enum([...EVENT_TYPE_LIST]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;

const Url = Type.String({ minLength: 1, maxLength: MAX_WEBHOOK_URL_LENGTH, description: 'http or https, without credentials; not a private, loopback or link-local address' });
const Description = Type.String({ maxLength: 500 });
const EventTypes = Type.Array(EventType, { minItems: 1, maxItems: EVENT_TYPE_LIST.length, uniqueItems: true, description: 'The event types sent to it' });

/** Path of one endpoint. */
export const EndpointParams = Type.Object({ endpointId: IdParam });
/** Path of one delivery. */
export const DeliveryParams = Type.Object({ deliveryId: IdParam });

/** Body of POST /webhooks/endpoints. */
export const CreateEndpointBody = Type.Object({
  url: Url,
  description: Type.Optional(Description),
  eventTypes: EventTypes,
}, { additionalProperties: false });

/** Body of PATCH /webhooks/endpoints/:id: what changes. */
export const UpdateEndpointBody = Type.Object({
  url: Type.Optional(Url),
  description: Type.Optional(Description),
  eventTypes: Type.Optional(EventTypes),
}, { additionalProperties: false, minProperties: 1 });

/** `?status=&limit=&cursor=` of an endpoint's deliveries. */
export const DeliveriesQuery = Type.Object({
  status: Type.Optional(Type.Enum([...DELIVERY_STATUSES])),
  ...PageQuery,
}, { additionalProperties: false });

/** `?limit=&cursor=` of the endpoints. */
export const EndpointsQuery = Type.Object(PageQuery, { additionalProperties: false });

/** An endpoint as its organization sees it — never its secret. */
export const Endpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  eventTypes: Type.Array(EventType),
  status: Type.Enum(['enabled', 'disabled']),
  disabledReason: Type.Union([Type.Enum(['gone', 'failing', 'manual']), Type.Null()], {
    description: '`gone`: the receiver answered 410; `failing`: a day of failed attempts; `manual`: someone disabled it',
  }),
  disabledAt: NullableIsoDate,
  failingSince: Type.Union([IsoDate, Type.Null()], { description: 'Start of the current run of failed attempts' }),
  previousSecretExpiresAt: Type.Union([IsoDate, Type.Null()], { description: 'Until then the previous secret signs too (after a rotation)' }),
  createdBy: Type.String(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
}, { $id: 'WebhookEndpoint', title: 'WebhookEndpoint' });

/** An endpoint with its signing secret, answered once: at creation and at rotation. */
export const EndpointWithSecret = Type.Object({
  ...Endpoint.properties,
  secret: Type.String({ description: 'The signing secret (whsec_…), shown only now: keep it' }),
}, { $id: 'WebhookEndpointWithSecret', title: 'WebhookEndpointWithSecret' });

/** One delivery of an event to an endpoint. */
export const Delivery = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  eventId: Type.String({ description: 'Also the webhook-id header: the same on every attempt and replay' }),
  eventType: EventType,
  replayOf: Nullable(Type.String({ description: 'The delivery this one replays' })),
  status: Type.Enum([...DELIVERY_STATUSES]),
  attemptCount: Type.Integer(),
  nextAttemptAt: Type.Union([IsoDate, Type.Null()], { description: 'When the next attempt is due (pending deliveries)' }),
  lastAttemptAt: NullableIsoDate,
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: IsoDate,
  finishedAt: NullableIsoDate,
}, { $id: 'WebhookDelivery', title: 'WebhookDelivery' });

/** A delivery with its attempts and the payload it sends. */
export const DeliveryDetail = Type.Object({
  ...Delivery.properties,
  payload: Type.Union([Type.Object({
    id: Type.String(),
    type: EventType,
    timestamp: IsoDate,
    data: Type.Object({}, { additionalProperties: true }),
  }), Type.Null()], { description: 'The body sent to the endpoint' }),
  attempts: Type.Array(Type.Object({
    attempt: Type.Integer(),
    startedAt: IsoDate,
    durationMs: Type.Integer(),
    statusCode: Nullable(Type.Integer({ description: 'Null when no answer came' })),
    error: Nullable(Type.String()),
    responseExcerpt: Nullable(Type.String({ description: 'The first kilobyte of the answer' })),
  })),
}, { $id: 'WebhookDeliveryDetail', title: 'WebhookDeliveryDetail' });
