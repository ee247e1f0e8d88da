/**
 * Use cases of the inbox, a read model over cases: an organization's list of the cases it holds
 * or takes part in, filtered, searched and paged; and a customer's cases exported in Partner
 * Center's service-request shape. It writes nothing; the cases context owns every change.
 *
 * Terminology:
 * - inbox: the cases the viewer's organization takes part in (holding them or not), newest update
 *   first — or, with sort=due, nearest deadline first (the organization's own next SLA due time;
 *   cases without one follow, newest update first), or with sort=severity most severe first
 *   (critical, moderate, minimal; newest update first within each). `holder=me` narrows it to the cases whose turn
 *   is the organization's; `assignee=me` to those the viewer itself works; `due_before` and
 *   `breached` to the cases by the organization's deadline and breaches.
 * - partner of record (of a customer): a partner named on one of the customer's subscriptions,
 *   or its partner in a customer relationship. The customer and these may export its cases.
 * - note: a message of a case as Partner Center calls it; an export carries only the messages the
 *   viewer may see (public ones for the customer; partners' and its own internal ones too for a
 *   partner).
 */
import { AppError } from '../../core/app-error.ts';
import type { CaseStatus } from '../../core/case-rules.ts';
import { permissionDenied } from '../../core/common-errors.ts';
import { decodeCursor, toPage, type Page } from '../../core/cursor.ts';
import {
  lastClosedDateOf, partnerCenterStatusOf, supportTopicNameOf, type PartnerCenterStatus,
} from '../../core/partner-center.ts';
import type { Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import { SEVERITIES, type ParticipantRole, type Severity } from '../../core/routing-types.ts';
import type { Database, Tx } from '../../db/database.ts';
import { toCsv } from './inbox.csv.ts';
import type { InboxErrorCode } from './inbox.errors.ts';
import * as repo from './inbox.repository.ts';
import { findOrganization, organizationNames } from '../identity/index.ts';

/** An organization or offer named on an inbox row; the name is null where the viewer may not see it. */
export interface PresentedRef {
  id: string;
  name: string | null;
}

/** One case of an inbox page. */
export interface PresentedInboxItem {
  id: string;
  title: string;
  category: string;
  severity: Severity;
  status: CaseStatus;
  holder: PresentedRef;
  customer: PresentedRef | null;
  offer: PresentedRef | null;
  updatedAt: string;
  createdAt: string;
  /** Why the viewer's organization takes part. */
  yourRole: ParticipantRole;
  /** The viewer's organization's own next SLA due time on the case; null when none of its clocks runs. */
  dueAt: string | null;
  /** Whether one of the viewer's organization's SLA clocks on the case is breached. */
  slaBreached: boolean;
}

/** The filters of GET /cases as the route receives them. */
export interface InboxQuery {
  status?: CaseStatus[];
  category?: string;
  severity?: Severity;
  offerId?: string;
  customerId?: string;
  /** `me` (the viewer's organization) or an organization id. */
  holder?: string;
  assignee?: 'me';
  q?: string;
  /** `updated` (newest update first, the default), `due` (nearest deadline first) or `severity` (most severe first). */
  sort?: 'updated' | 'due' | 'severity';
  /** An ISO time: only cases whose deadline is before it. */
  due_before?: string;
  breached?: boolean;
  cursor?: string;
  limit: number;
}

/** A note of a service request. */
export interface PresentedNote {
  createdByName: string;
  createdDate: string;
  text: string;
}

/** A case in Partner Center's service-request shape. */
export interface PresentedServiceRequest {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  status: PartnerCenterStatus;
  supportTopicId: string;
  supportTopicName: string;
  organization: { id: string; name: string };
  productId: string | null;
  productName: string | null;
  countryCode: string;
  createdDate: string;
  lastModifiedDate: string;
  lastClosedDate: string | null;
  notes: PresentedNote[];
  attributes: { objectType: 'ServiceRequest' };
}

/** A customer's service requests, as Partner Center returns a collection. */
export interface PresentedServiceRequestCollection {
  totalCount: number;
  items: PresentedServiceRequest[];
  attributes: { objectType: 'Collection' };
}

/** What an export answers: the collection as JSON, or the same as one CSV line per request. */
export type PresentedExport =
  | { format: 'json'; body: PresentedServiceRequestCollection }
  | { format: 'csv'; body: string; fileName: string };

const CSV_COLUMNS = [
  'id', 'title', 'severity', 'status', 'supportTopicId', 'supportTopicName', 'organizationId', 'organizationName',
  'productId', 'productName', 'countryCode', 'createdDate', 'lastModifiedDate', 'lastClosedDate', 'description', 'notes',
] as const;

const NOTES_SLICE = 500;

// Cursors: the update key with microseconds, and the case id.
const UPDATE_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ROLE_NAMES: Record<ParticipantRole, string> = {
  customer: 'Customer', partner: 'Partner', provider: 'Provider', reseller: 'Reseller', publisher: 'Publisher', operator: 'Operator',
};

function afterKey(cursor: string | undefined): repo.InboxFilter['after'] {
  if (cursor === undefined) return undefined;
  const [updatedKey, caseId] = decodeCursor(cursor, 2) ?? [];
  if (typeof updatedKey !== 'string' || typeof caseId !== 'string' || !UPDATE_KEY.test(updatedKey) || Number.isNaN(Date.parse(updatedKey))) {
    throw new AppError('INVALID_CURSOR', 'The cursor is not one this server made.');
  }
  return { updatedKey, caseId };
}

function dueAfterKey(cursor: string | undefined): repo.DueAfter | undefined {
  if (cursor === undefined) return undefined;
  const [phase, key, caseId] = decodeCursor(cursor, 3) ?? [];
  if ((phase !== 'due' && phase !== 'rest') || typeof key !== 'string' || typeof caseId !== 'string' || !UPDATE_KEY.test(key) || Number.isNaN(Date.parse(key))) {
    throw new AppError('INVALID_CURSOR', 'The cursor is not one this server made.');
  }
  return phase === 'due' ? { phase, dueKey: key, caseId } : { phase, updatedKey: key, caseId };
}

function severityAfterKey(cursor: string | undefined): repo.SeverityAfter | undefined {
  if (cursor === undefined) return undefined;
  const [phase, updatedKey, caseId] = decodeCursor(cursor, 3) ?? [];
  const severity = SEVERITIES.find((s) => s === phase);
  if (severity === undefined || typeof updatedKey !== 'string' || typeof caseId !== 'string' || !UPDATE_KEY.test(updatedKey) || Number.isNaN(Date.parse(updatedKey))) {
    throw new AppError('INVALID_CURSOR', 'The cursor is not one this server made.');
  }
  return { phase: severity, updatedKey, caseId };
}

function presentInboxItem(r: repo.InboxRecord): PresentedInboxItem {
  return {
    id: r.case_id, title: r.title, category: r.category, severity: r.severity, status: r.status,
    holder: { id: r.holder_org_id, name: r.holder_name },
    customer: r.customer_id === null ? null : { id: r.customer_id, name: r.customer_name },
    offer: r.offer_id === null ? null : { id: r.offer_id, name: r.offer_name },
    updatedAt: new Date(r.updated_at).toISOString(), createdAt: new Date(r.created_at).toISOString(), yourRole: r.role,
    dueAt: r.due_at === null ? null : new Date(r.due_at).toISOString(), slaBreached: r.sla_breached,
  };
}

function presentServiceRequest(c: repo.ExportCaseRecord, customer: { id: string; name: string; country: string }, notes: readonly repo.ExportNoteRecord[], authors: ReadonlyMap<string, string>): PresentedServiceRequest {
  const closed = lastClosedDateOf({ status: c.status, resolvedAt: c.resolved_at, closedAt: c.closed_at });
  return {
    id: c.id, title: c.title, description: c.description, severity: c.severity, status: partnerCenterStatusOf(c.status),
    supportTopicId: c.category, supportTopicName: supportTopicNameOf(c.category),
    organization: { id: customer.id, name: customer.name },
    productId: c.offer_id, productName: c.offer_id === null ? null : c.offer_name,
    countryCode: customer.country,
    createdDate: new Date(c.created_at).toISOString(), lastModifiedDate: new Date(c.updated_at).toISOString(),
    lastClosedDate: closed ? new Date(closed).toISOString() : null,
    notes: notes.map((n) => ({
      createdByName: authors.get(n.author_org_id) ?? (n.author_role ? ROLE_NAMES[n.author_role] : 'Former participant'),
      createdDate: new Date(n.created_at).toISOString(), text: n.body,
    })),
    attributes: { objectType: 'ServiceRequest' },
  };
}

function csvRowOf(r: PresentedServiceRequest): Record<(typeof CSV_COLUMNS)[number], string | null> {
  return {
    id: r.id, title: r.title, severity: r.severity, status: r.status, supportTopicId: r.supportTopicId,
    supportTopicName: r.supportTopicName, organizationId: r.organization.id, organizationName: r.organization.name,
    productId: r.productId, productName: r.productName, countryCode: r.countryCode, createdDate: r.createdDate,
    lastModifiedDate: r.lastModifiedDate, lastClosedDate: r.lastClosedDate, description: r.description,
    notes: r.notes.map((n) => `[${n.createdDate}] ${n.createdByName}: ${n.text}`).join('\n'),
  };
}

/** Whether the viewer's organization takes part in a case about an offer, in any status, in the caller's transaction (for the catalog's case-work view). */
export async function takesPartInCaseAboutOffer(tx: Tx, viewer: Viewer, offerId: string): Promise<boolean> {
  return repo.takesPartInCaseAboutOffer(tx, viewer, offerId);
}

/** Builds the inbox use cases over a database. */
export function createInboxService(deps: { db: Database }) {
  const { db } = deps;

  return {
    /** A page of the cases the viewer's organization takes part in, newest update first (or nearest deadline first: sort=due; most severe first: sort=severity). */
    async list(viewer: Viewer, q: InboxQuery): Promise<Page<PresentedInboxItem>> {
      if (!can(viewer, 'cases.read')) throw permissionDenied('read support cases');
      const byDue = q.sort === 'due';
      const bySeverity = q.sort === 'severity';
      const filter: repo.InboxFilter = {
        statuses: q.status, category: q.category, severity: q.severity, offerId: q.offerId, customerId: q.customerId,
        holderId: q.holder === 'me' ? viewer.orgId : q.holder,
        search: q.q?.trim() || undefined,
        ...(q.due_before !== undefined ? { dueBefore: new Date(q.due_before) } : {}),
        ...(q.breached !== undefined ? { breached: q.breached } : {}),
        after: byDue || bySeverity ? undefined : afterKey(q.cursor), limit: q.limit,
      };
      const dueAfter = byDue ? dueAfterKey(q.cursor) : undefined;
      const severityAfter = bySeverity ? severityAfterKey(q.cursor) : undefined;
      // What the viewer itself works: assigned to it, while its organization holds the case.
      if (q.assignee === 'me') {
        if (filter.holderId !== undefined && filter.holderId !== viewer.orgId) return { items: [], nextCursor: null };
        filter.holderId = viewer.orgId;
        filter.assigneeUserId = viewer.userId;
      }
      if (byDue) {
        const rows = await db.withTenant(viewer, (tx) => repo.listInboxByDue(tx, viewer, filter, dueAfter));
        return toPage(rows, q.limit, (r) => (r.phase === 'due' ? ['due', r.due_key ?? '', r.case_id] : ['rest', r.updated_key, r.case_id]), presentInboxItem);
      }
      if (bySeverity) {
        const rows = await db.withTenant(viewer, (tx) => repo.listInboxBySeverity(tx, viewer, filter, severityAfter));
        return toPage(rows, q.limit, (r) => [r.phase, r.updated_key, r.case_id], presentInboxItem);
      }
      const rows = await db.withTenant(viewer, (tx) => repo.listInbox(tx, viewer, filter));
      return toPage(rows, q.limit, (r) => [r.updated_key, r.case_id], presentInboxItem);
    },

    /**
     * A customer's cases that the viewer takes part in, as Partner Center service requests with
     * the notes the viewer may see — for the customer itself and its partners of record; anyone
     * else is told there is no such customer.
     */
    async exportCustomerCases(viewer: Viewer, customerId: string, format: 'json' | 'csv'): Promise<PresentedExport> {
      const body = await db.withTenant(viewer, async (tx) => {
        const found = await findOrganization(tx, customerId);
        const customer = found?.kind === 'customer' ? found : undefined;
        const entitled = customer !== undefined && (customer.id === viewer.orgId || await repo.isPartnerOfRecord(tx, viewer, customer.id));
        if (!customer || !entitled) throw new AppError<InboxErrorCode>('CUSTOMER_NOT_FOUND', 'No such customer.');
        if (!can(viewer, 'cases.read')) throw permissionDenied('read support cases');
        const cases = await repo.listCustomerCases(tx, viewer, customer.id);
        const byCase = new Map<string, repo.ExportNoteRecord[]>();
        // In slices, so a customer with thousands of cases never sends one enormous parameter list.
        for (let i = 0; i < cases.length; i += NOTES_SLICE) {
          for (const n of await repo.listCaseNotes(tx, cases.slice(i, i + NOTES_SLICE).map((c) => c.id))) {
            const list = byCase.get(n.case_id);
            if (list) list.push(n);
            else byCase.set(n.case_id, [n]);
          }
        }
        // The authors' names where the viewer sees their organization, its role in the case otherwise.
        const authors = await organizationNames(tx, [...new Set([...byCase.values()].flat().map((n) => n.author_org_id))]);
        const items = cases.map((c) => presentServiceRequest(c, customer, byCase.get(c.id) ?? [], authors));
        return { totalCount: items.length, items, attributes: { objectType: 'Collection' as const } };
      });
      if (format === 'json') return { format, body };
      return { format, body: toCsv(CSV_COLUMNS, body.items.map(csvRowOf)), fileName: `service-requests-${customerId}.csv` };
    },
  };
}

/** The inbox use cases, as the routes and the composition root receive them. */
export type InboxService = ReturnType<typeof createInboxService>;
