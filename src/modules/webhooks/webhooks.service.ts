/**
 * Use cases of webhooks (SPEC section 8): an organization's endpoints — created with a signing
 * secret shown once, changed, rotated, disabled and enabled, removed — and their delivery log with
 * replay. Every use case needs `webhooks.manage` and sees the viewer's organization's own only.
 * Deliveries themselves are the worker's (webhooks.deliverer.ts).
 *
 * Terminology: see core/webhook-rules.ts (endpoint, delivery, attempt, grace period).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/app-error.ts';
import { permissionDenied, type CommonErrorCode } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import { webhookPayload, type EventType } from '../../core/events.ts';
import type { Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import {
  MAX_ENDPOINTS_PER_ORGANIZATION, readWebhookUrl, SECRET_GRACE_MS, WEBHOOK_URL_PROBLEMS,
} from '../../core/webhook-rules.ts';
import type { Database, Tx } from '../../db/database.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import type { JobQueue } from '../../jobs/job-runner.ts';
import { diffChanges, recordAudit, type AuditAction } from '../audit/index.ts';
import { runIdempotent, type Idempotent } from '../idempotency/index.ts';
import { blockedHostReason } from './webhooks.address-guard.ts';
import type { WebhookErrorCode } from './webhooks.errors.ts';
import * as repo from './webhooks.repository.ts';

const err = (code: WebhookErrorCode | CommonErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);
const endpointNotFound = () => err('WEBHOOK_ENDPOINT_NOT_FOUND', 'No such webhook endpoint.');
const deliveryNotFound = () => err('WEBHOOK_DELIVERY_NOT_FOUND', 'No such webhook delivery.');

/** The status of a delivery. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/** An endpoint as its organization sees it — never the secret. */
export interface PresentedEndpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: EventType[];
  status: 'enabled' | 'disabled';
  disabledReason: 'gone' | 'failing' | 'manual' | null;
  disabledAt: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** An endpoint with its secret, answered once (creation, rotation). */
export type PresentedEndpointWithSecret = PresentedEndpoint & { secret: string };

/** One delivery in the log. */
export interface PresentedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: EventType;
  replayOf: string | null;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A delivery with its attempts and the body it sends. */
export interface PresentedDeliveryDetail extends PresentedDelivery {
  payload: ReturnType<typeof webhookPayload> | null;
  attempts: {
    attempt: number;
    startedAt: string;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    responseExcerpt: string | null;
  }[];
}

/** What creates an endpoint. */
export interface NewEndpointInput {
  url: string;
  description?: string;
  eventTypes: EventType[];
}

/** What changes an endpoint. */
export type EndpointChange = Partial<NewEndpointInput>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function presentEndpoint(r: repo.EndpointRow, now: Date): PresentedEndpoint {
  const graceActive = r.previous_secret !== null && r.previous_secret_expires_at !== null && r.previous_secret_expires_at > now;
  return {
    id: r.id, url: r.url, description: r.description, eventTypes: r.event_types as EventType[], status: r.status,
    disabledReason: r.disabled_reason, disabledAt: iso(r.disabled_at), failingSince: iso(r.failing_since),
    previousSecretExpiresAt: graceActive ? iso(r.previous_secret_expires_at) : null,
    createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

type DeliveryFields = Omit<repo.DeliveryRow, 'cursor_at'>;

function presentDelivery(r: DeliveryFields): PresentedDelivery {
  return {
    id: r.id, endpointId: r.endpoint_id, eventId: r.event_id, eventType: r.event_type as EventType, replayOf: r.replay_of,
    status: r.status, attemptCount: r.attempt_count, nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastAttemptAt: iso(r.last_attempt_at), lastStatusCode: r.last_status_code, lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(), finishedAt: iso(r.finished_at),
  };
}

/** The fields of an endpoint the audit log follows (never its secrets). */
function auditedFields(r: repo.EndpointRow) {
  return { url: r.url, description: r.description, eventTypes: r.event_types, status: r.status, disabledReason: r.disabled_reason };
}

/** Records a change of an endpoint in the audit log, with the fields that changed. */
function auditEndpoint(tx: Tx, viewer: Viewer, action: AuditAction, before: repo.EndpointRow | null, after: repo.EndpointRow | null, extra: { skipUnchanged?: boolean } = {}) {
  const changes = after ? diffChanges(before ? auditedFields(before) : null, auditedFields(after)) : before ? diffChanges(auditedFields(before), { url: null, description: null, eventTypes: null, status: null, disabledReason: null }) : {};
  return recordAudit(tx, viewer, [{ action, subjectType: 'webhook_endpoint', subjectId: (after ?? before)?.id, changes, ...extra }]);
}

/** A new signing secret: 'whsec_' and 32 random bytes in base64, as Standard Webhooks libraries expect. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Builds the webhook use cases over a database and the job queue (replays queue a delivery). */
export function createWebhookService(deps: {
  db: Database; jobs: JobQueue; allowPrivateAddresses: boolean;
  /** The clock and the id source (default: the system's). */
  now?: () => Date; newId?: NewId;
}) {
  const { db, jobs } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;

  function checkManage(viewer: Viewer): void {
    if (!can(viewer, 'webhooks.manage')) throw permissionDenied('manage webhooks');
  }

  /** The URL as stored, or a refusal saying why it is not acceptable. */
  function acceptableUrl(raw: string): string {
    const read = readWebhookUrl(raw.trim());
    if (!read.ok) throw err('WEBHOOK_URL_NOT_ALLOWED', `The URL ${WEBHOOK_URL_PROBLEMS[read.problem]}.`, { reason: read.problem });
    const blocked = deps.allowPrivateAddresses ? null : blockedHostReason(read.host);
    if (blocked) {
      const named = read.host.kind === 'name' ? 'localhost' : `a ${blocked} address (${read.host.address})`;
      throw err('WEBHOOK_URL_NOT_ALLOWED', `The URL names ${named}; webhooks go to public addresses only.`, { reason: blocked });
    }
    return read.url;
  }

  return {
    /** Adds an endpoint; the answer carries its signing secret, shown this once. */
    async createEndpoint(viewer: Viewer, input: NewEndpointInput, idempotencyKey?: string): Promise<Idempotent<PresentedEndpointWithSecret>> {
      checkManage(viewer);
      const url = acceptableUrl(input.url);
      const at = now();
      const secret = newWebhookSecret();
      // The signing secret is shown once: the stored answer leaves it out, and a retry with the
      // key answers IDEMPOTENCY_SECRET_SHOWN_ONCE naming the endpoint instead of a second secret.
      const idempotency = { key: idempotencyKey, operation: 'webhooks.createEndpoint', input, now: at, withoutSecret: ({ secret: _secret, ...shown }: PresentedEndpointWithSecret) => shown };
      return db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, idempotency, async () => {
        if ((await repo.countEndpoints(tx, viewer)) >= MAX_ENDPOINTS_PER_ORGANIZATION) {
          throw err('WEBHOOK_ENDPOINT_LIMIT_REACHED', `An organization may have at most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints.`, { limit: MAX_ENDPOINTS_PER_ORGANIZATION });
        }
        const row = await repo.insertEndpoint(tx, viewer, {
          id: newId('webhookEndpoint', at.getTime()), org_id: viewer.orgId, url, description: input.description ?? '',
          event_types: [...new Set(input.eventTypes)], secret, created_by: viewer.userId, created_at: at, updated_at: at,
        });
        await auditEndpoint(tx, viewer, 'webhook_endpoint.created', null, row);
        return { ...presentEndpoint(row, at), secret };
      }));
    },

    /** The organization's endpoints, oldest first. */
    async listEndpoints(viewer: Viewer, q: { cursor?: string; limit: number }): Promise<Page<PresentedEndpoint>> {
      checkManage(viewer);
      const after = readCursor(q.cursor, ['timestamp', 'string']);
      const at = now();
      const rows = await db.withTenant(viewer, (tx) => repo.listEndpoints(tx, viewer, { after, limit: q.limit }));
      return toPage(rows, q.limit, (r) => [r.cursor_at, r.id], (r) => presentEndpoint(r, at));
    },

    /** One endpoint of the organization. */
    async getEndpoint(viewer: Viewer, endpointId: string): Promise<PresentedEndpoint> {
      checkManage(viewer);
      const row = await db.withTenant(viewer, (tx) => repo.findEndpoint(tx, viewer, endpointId));
      if (!row) throw endpointNotFound();
      return presentEndpoint(row, now());
    },

    /** Changes an endpoint's URL, description or event types. */
    async updateEndpoint(viewer: Viewer, endpointId: string, change: EndpointChange): Promise<PresentedEndpoint> {
      checkManage(viewer);
      const url = change.url === undefined ? undefined : acceptableUrl(change.url);
      const at = now();
      const row = await db.withTenant(viewer, async (tx) => {
        const before = await repo.findEndpoint(tx, viewer, endpointId);
        if (!before) return undefined;
        const after = await repo.updateEndpoint(tx, viewer, endpointId, {
          ...(url !== undefined ? { url } : {}),
          ...(change.description !== undefined ? { description: change.description } : {}),
          ...(change.eventTypes !== undefined ? { event_types: [...new Set(change.eventTypes)] } : {}),
          updated_at: at,
        });
        if (after) await auditEndpoint(tx, viewer, 'webhook_endpoint.updated', before, after, { skipUnchanged: true });
        return after;
      });
      if (!row) throw endpointNotFound();
      return presentEndpoint(row, at);
    },

    /** Removes an endpoint with its delivery log; its pending deliveries go with it. */
    async deleteEndpoint(viewer: Viewer, endpointId: string): Promise<void> {
      checkManage(viewer);
      const deleted = await db.withTenant(viewer, async (tx) => {
        const before = await repo.findEndpoint(tx, viewer, endpointId);
        if (!before || !(await repo.deleteEndpoint(tx, viewer, endpointId))) return false;
        await auditEndpoint(tx, viewer, 'webhook_endpoint.deleted', before, null);
        return true;
      });
      if (!deleted) throw endpointNotFound();
    },

    /**
     * Gives an endpoint a new secret, shown this once. The previous one keeps signing beside it
     * (a second signature) for a day, so that the receiver can switch over without dropping any.
     */
    async rotateSecret(viewer: Viewer, endpointId: string): Promise<PresentedEndpointWithSecret> {
      checkManage(viewer);
      const at = now();
      const secret = newWebhookSecret();
      const row = await db.withTenant(viewer, async (tx) => {
        const rotated = await repo.rotateEndpointSecret(tx, viewer, endpointId, secret, new Date(at.getTime() + SECRET_GRACE_MS), at);
        // The secrets themselves are masked by the audit log; the entry says only that it changed.
        if (rotated) {
          await recordAudit(tx, viewer, [{
            action: 'webhook_endpoint.secret_rotated', subjectType: 'webhook_endpoint', subjectId: rotated.id,
            changes: { secret: { before: '[redacted]', after: '[redacted]' } },
            details: { previousSecretExpiresAt: iso(rotated.previous_secret_expires_at) },
          }]);
        }
        return rotated;
      });
      if (!row) throw endpointNotFound();
      return { ...presentEndpoint(row, at), secret };
    },

    /** Stops deliveries to an endpoint (its pending ones are cancelled when their turn comes). */
    async disableEndpoint(viewer: Viewer, endpointId: string): Promise<PresentedEndpoint> {
      checkManage(viewer);
      const at = now();
      return db.withTenant(viewer, async (tx) => {
        const current = await repo.findEndpoint(tx, viewer, endpointId);
        if (!current) throw endpointNotFound();
        if (current.status === 'disabled') return presentEndpoint(current, at);
        const row = await repo.updateEndpoint(tx, viewer, endpointId, { status: 'disabled', disabled_reason: 'manual', disabled_at: at, updated_at: at });
        if (!row) throw endpointNotFound();
        await auditEndpoint(tx, viewer, 'webhook_endpoint.disabled', current, row);
        return presentEndpoint(row, at);
      });
    },

    /** Sends to an endpoint again, with a clean slate: no failing run, no reason. */
    async enableEndpoint(viewer: Viewer, endpointId: string): Promise<PresentedEndpoint> {
      checkManage(viewer);
      const at = now();
      const row = await db.withTenant(viewer, async (tx) => {
        const before = await repo.findEndpoint(tx, viewer, endpointId);
        if (!before) return undefined;
        const after = await repo.updateEndpoint(tx, viewer, endpointId, {
          status: 'enabled', disabled_reason: null, disabled_at: null, failing_since: null, updated_at: at,
        });
        if (after) await auditEndpoint(tx, viewer, 'webhook_endpoint.enabled', before, after, { skipUnchanged: true });
        return after;
      });
      if (!row) throw endpointNotFound();
      return presentEndpoint(row, at);
    },

    /** An endpoint's deliveries, newest first, optionally of one status. */
    async listDeliveries(viewer: Viewer, endpointId: string, q: { status?: DeliveryStatus; cursor?: string; limit: number }): Promise<Page<PresentedDelivery>> {
      checkManage(viewer);
      const before = readCursor(q.cursor, ['timestamp', 'string']);
      return db.withTenant(viewer, async (tx) => {
        if (!(await repo.findEndpoint(tx, viewer, endpointId))) throw endpointNotFound();
        const rows = await repo.listDeliveries(tx, viewer, endpointId, { status: q.status, before, limit: q.limit });
        return toPage(rows, q.limit, (r) => [r.cursor_at, r.id], presentDelivery);
      });
    },

    /** One delivery with its attempts and the body it sends. */
    async getDelivery(viewer: Viewer, deliveryId: string): Promise<PresentedDeliveryDetail> {
      checkManage(viewer);
      return db.withTenant(viewer, async (tx) => {
        const row = await repo.findDelivery(tx, viewer, deliveryId);
        if (!row) throw deliveryNotFound();
        const attempts = await repo.listAttempts(tx, viewer, deliveryId);
        const event = await repo.findEvent(tx, row.event_id);
        return {
          ...presentDelivery(row),
          payload: event ? webhookPayload({ id: event.id, type: event.type as EventType, occurredAt: new Date(event.occurred_at), data: event.data }) : null,
          attempts: attempts.map((a) => ({
            attempt: a.attempt, startedAt: new Date(a.started_at).toISOString(), durationMs: a.duration_ms,
            statusCode: a.status_code, error: a.error, responseExcerpt: a.response_excerpt,
          })),
        };
      });
    },

    /**
     * Sends a delivery's event to its endpoint again as a new delivery (same webhook-id). The
     * delivery row and its job are written in one owner transaction, so neither exists without
     * the other; a disabled endpoint is refused.
     */
    async replayDelivery(viewer: Viewer, deliveryId: string): Promise<PresentedDelivery> {
      checkManage(viewer);
      const original = await db.withTenant(viewer, (tx) => repo.findDelivery(tx, viewer, deliveryId));
      if (!original) throw deliveryNotFound();
      const disabled = () => err('WEBHOOK_ENDPOINT_DISABLED', 'The endpoint is disabled: enable it before replaying deliveries to it.');
      if (original.endpoint_status !== 'enabled') throw disabled();
      const replay = await db.withOwner(async (tx) => {
        const row = await repo.insertReplay(tx, viewer, newId('webhookDelivery', now().getTime()), deliveryId);
        if (row) {
          await jobs.enqueue(tx, [{ name: 'webhooks.deliver', data: { deliveryId: row.id } }]);
          await recordAudit(tx, viewer, [{
            action: 'webhook_delivery.replayed', subjectType: 'webhook_delivery', subjectId: row.id,
            details: { replayOf: deliveryId, endpointId: row.endpoint_id, eventId: row.event_id },
          }]);
        }
        return row;
      });
      // The endpoint was disabled or removed in between.
      if (!replay) throw disabled();
      return presentDelivery(replay);
    },
  };
}

/** The webhook use cases. */
export type WebhookService = ReturnType<typeof createWebhookService>;
