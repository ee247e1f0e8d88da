/**
 * Use cases of the channel: a provider invites a reseller, the reseller accepts or declines,
 * either side ends it; the provider edits the support split; partners create their customers and
 * end those relationships; everyone reads what the row policies let it see. Each use case opens
 * its own transaction; the two look-ups at the bottom run in a caller's transaction instead.
 */
import { AppError } from '../../core/app-error.ts';
import { permissionDenied, validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import {
  decideRelationshipAction, isIndirectProvider, isIndirectReseller, isSplitChangeAllowed, sellsToCustomers, sideOf,
  type RelationshipAction, type RelationshipStatus,
} from '../../core/channel-rules.ts';
import type { PartnerModel, Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import { applySplitChanges, completeSplit, defaultSplit, type ChannelSide, type SplitRule } from '../../core/support-categories.ts';
import type { Database, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import { createdChanges, diffChanges, recordAudit, type AuditAction } from '../audit/index.ts';
import { runIdempotent, type Idempotent } from '../idempotency/index.ts';
import {
  assertPasswordAcceptable, createCustomerOrganization, findOrganization, findOrganizations, hashPassword, organizationNames, pageOrganizations,
  type IdentityErrorCode, type OrganizationFacts,
} from '../identity/index.ts';
import type { ChannelErrorCode } from './channel.errors.ts';
import * as repo from './channel.repository.ts';

const err = (code: ChannelErrorCode | IdentityErrorCode | CommonErrorCode, message: string, details?: Record<string, unknown>) =>
  new AppError(code, message, details);

/** One side of a relationship as the other side sees it. */
export interface PresentedParty {
  id: string;
  name: string | null;
}

/** An indirect relationship, with both sides and which one the viewer is. */
export interface PresentedRelationship {
  id: string;
  status: RelationshipStatus;
  provider: PresentedParty;
  reseller: PresentedParty;
  /** The other side, for a viewer on one side; null for the operator. */
  counterpart: PresentedParty | null;
  viewerSide: ChannelSide | null;
  invitedBy: string;
  invitedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  endedBy: ChannelSide | null;
}

/** A relationship with its support split. */
export interface PresentedRelationshipDetail extends PresentedRelationship {
  split: SplitRule[];
}

/** A customer with the partners the viewer may see it with. */
export interface PresentedCustomer {
  id: string;
  name: string;
  country: string;
  createdAt: string;
  partners: {
    relationshipId: string;
    id: string;
    name: string | null;
    partnerModel: PartnerModel | null;
    status: 'active' | 'ended';
    since: string;
    endedAt: string | null;
  }[];
}

/** The first user of a new customer organization. */
export interface PresentedCustomerAdmin {
  id: string;
  email: string;
  name: string;
  roles: ['customer_admin'];
}

type Scope = Pick<Viewer, 'orgId' | 'orgKind'>;

/** A relationship with both sides' names where the viewer may see them (identity's directory). */
function presentRelationship(r: repo.RelationshipRecord, viewer: Scope, names: ReadonlyMap<string, string>): PresentedRelationship {
  const side = sideOf({ providerId: r.provider_id, resellerId: r.reseller_id }, viewer.orgId);
  const provider = { id: r.provider_id, name: names.get(r.provider_id) ?? null };
  const reseller = { id: r.reseller_id, name: names.get(r.reseller_id) ?? null };
  const endedBy = r.ended_by_org === null ? null : sideOf({ providerId: r.provider_id, resellerId: r.reseller_id }, r.ended_by_org);
  return {
    id: r.id, status: r.status, provider, reseller,
    counterpart: side === 'provider' ? reseller : side === 'reseller' ? provider : null,
    viewerSide: side,
    invitedBy: r.invited_by, invitedAt: r.invited_at.toISOString(),
    acceptedAt: r.accepted_at?.toISOString() ?? null, endedAt: r.ended_at?.toISOString() ?? null, endedBy,
  };
}

/** Relationship rows with both sides' names: one more statement for a whole page. */
async function presentRelationships(tx: Tx, viewer: Scope, rows: readonly repo.RelationshipRecord[]): Promise<PresentedRelationship[]> {
  const names = await organizationNames(tx, rows.flatMap((r) => [r.provider_id, r.reseller_id]));
  return rows.map((r) => presentRelationship(r, viewer, names));
}

function presentCustomer(c: OrganizationFacts, relationships: readonly repo.CustomerRelationshipRecord[], partners: ReadonlyMap<string, OrganizationFacts>): PresentedCustomer {
  return {
    id: c.id, name: c.name, country: c.country, createdAt: c.createdAt.toISOString(),
    partners: relationships.filter((r) => r.customer_id === c.id).map((r) => ({
      relationshipId: r.id, id: r.partner_id, name: partners.get(r.partner_id)?.name ?? null, partnerModel: partners.get(r.partner_id)?.partnerModel ?? null,
      status: r.status, since: r.created_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null,
    })),
  };
}

/** Customers with the relationships the transaction sees and those partners: two more statements for a whole page. */
async function presentCustomers(tx: Tx, customers: readonly OrganizationFacts[]): Promise<PresentedCustomer[]> {
  const relationships = await repo.listCustomerRelationships(tx, customers.map((c) => c.id));
  const partners = await findOrganizations(tx, relationships.map((r) => r.partner_id));
  return customers.map((c) => presentCustomer(c, relationships, partners));
}

/**
 * A customer the viewer sees through at least one customer relationship, with its partners; the
 * row policies decide whose relationships (one's own, an active reseller's for its provider, all
 * for the operator).
 */
async function loadCustomer(tx: Tx, customerId: string): Promise<PresentedCustomer | undefined> {
  const customer = await findOrganization(tx, customerId);
  if (!customer || customer.kind !== 'customer') return undefined;
  const [presented] = await presentCustomers(tx, [customer]);
  return presented!.partners.length > 0 ? presented : undefined;
}

async function loadSplit(tx: Tx, viewer: Scope, relationshipId: string): Promise<SplitRule[]> {
  const rows = await repo.listSplit(tx, viewer, relationshipId);
  return completeSplit(rows.map((r) => ({ category: r.category, firstContact: r.first_contact, handler: r.handler })));
}

async function loadDetail(tx: Tx, viewer: Scope, relationshipId: string): Promise<PresentedRelationshipDetail> {
  const row = await repo.findRelationship(tx, viewer, relationshipId);
  if (!row) throw err('RELATIONSHIP_NOT_FOUND', 'No such relationship.');
  const [presented] = await presentRelationships(tx, viewer, [row]);
  return { ...presented!, split: await loadSplit(tx, viewer, relationshipId) };
}

const AUDIT_OF_ACTION: Record<RelationshipAction, AuditAction> = {
  accept: 'indirect_relationship.accepted',
  decline: 'indirect_relationship.declined',
  end: 'indirect_relationship.ended',
};

/** A split as audit changes' values: category → who is first contact and who handles. */
const splitByCategory = (rules: readonly SplitRule[]) => Object.fromEntries(rules.map((r) => [r.category, { firstContact: r.firstContact, handler: r.handler }]));

const ACTION_WORDS: Record<RelationshipAction, { verb: string; done: string }> = {
  accept: { verb: 'accept', done: 'accepted' },
  decline: { verb: 'decline', done: 'declined' },
  end: { verb: 'end', done: 'ended' },
};

/** Builds the channel use cases over a database. */
export function createChannelService(deps: {
  db: Database;
  /** The clock and the id source (default: the system's). */
  now?: () => Date; newId?: NewId;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;

  /** Accept, decline or end: the side and the status decide, and a concurrent change loses with 409. */
  async function act(viewer: Viewer, relationshipId: string, action: RelationshipAction): Promise<PresentedRelationshipDetail> {
    return db.withTenant(viewer, async (tx) => {
      const row = await repo.findRelationship(tx, viewer, relationshipId);
      if (!row) throw err('RELATIONSHIP_NOT_FOUND', 'No such relationship.');
      if (!can(viewer, 'channel.manage')) throw permissionDenied(`${ACTION_WORDS[action].verb} channel relationships`);
      const side = sideOf({ providerId: row.provider_id, resellerId: row.reseller_id }, viewer.orgId);
      const decision = decideRelationshipAction(row.status, action, side);
      if (!decision.allowed && decision.reason === 'wrong_side') {
        throw err('PERMISSION_DENIED', `Only the ${decision.sides.join(' or the ')} of a relationship can ${ACTION_WORDS[action].verb} it.`, { sides: decision.sides });
      }
      if (!decision.allowed) {
        throw err('RELATIONSHIP_STATUS_CONFLICT', `A relationship that is ${row.status} can't be ${ACTION_WORDS[action].done}; this needs one that is ${decision.from.join(' or ')}.`, { relationshipStatus: row.status, allowedFrom: decision.from });
      }
      const at = now();
      const moved = await repo.updateRelationshipStatus(tx, viewer, row.id, row.status, {
        status: decision.to,
        ...(action === 'accept' ? { acceptedAt: at } : { endedAt: at, endedByOrg: viewer.orgId }),
      });
      if (!moved) throw err('RELATIONSHIP_STATUS_CONFLICT', 'The relationship changed while this request ran; read it again.', { relationshipStatus: row.status });
      await recordAudit(tx, viewer, [{
        action: AUDIT_OF_ACTION[action], subjectType: 'indirect_relationship', subjectId: row.id,
        changes: { status: { before: row.status, after: decision.to } }, alsoOrgIds: [row.provider_id, row.reseller_id],
      }]);
      return loadDetail(tx, viewer, row.id);
    });
  }

  return {
    /** A provider invites a reseller; the relationship starts `invited` with the default split. */
    async inviteReseller(viewer: Viewer, input: { resellerId: string }, idempotencyKey?: string): Promise<Idempotent<PresentedRelationshipDetail>> {
      if (!can(viewer, 'channel.manage')) throw permissionDenied('invite resellers');
      if (!isIndirectProvider(viewer)) {
        throw err('PERMISSION_DENIED', 'Only an indirect provider invites resellers.');
      }
      if (input.resellerId === viewer.orgId) throw err('SELF_RELATIONSHIP', 'A provider can\'t invite itself.', { errors: [{ field: 'body.resellerId', message: 'is your own organization' }] });
      const at = now();
      const id = newId('indirectRelationship', at.getTime());
      try {
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'relationships.invite', input, now: at }, async () => {
          const reseller = await findOrganization(tx, input.resellerId);
          if (!reseller) throw err('RESELLER_NOT_FOUND', `No organization ${input.resellerId}.`, { errors: [{ field: 'body.resellerId', message: 'is not a known organization' }] });
          if (!isIndirectReseller({ orgKind: reseller.kind, partnerModel: reseller.partnerModel })) {
            throw err('NOT_A_RESELLER', `${reseller.name} is not an indirect reseller; only partners of the indirect_reseller model can be invited.`, { errors: [{ field: 'body.resellerId', message: 'is not an indirect reseller' }] });
          }
          await repo.insertRelationship(tx, viewer, { id, resellerId: reseller.id, invitedAt: at });
          await repo.upsertSplit(tx, viewer, { id, resellerId: reseller.id }, defaultSplit());
          await recordAudit(tx, viewer, [{
            action: 'indirect_relationship.invited', subjectType: 'indirect_relationship', subjectId: id, alsoOrgIds: [reseller.id],
            changes: createdChanges({ providerId: viewer.orgId, resellerId: reseller.id, status: 'invited' }),
          }]);
          return loadDetail(tx, viewer, id);
        }));
      } catch (e) {
        if (isUniqueViolation(e)) throw err('RELATIONSHIP_EXISTS', 'You already have an invited or active relationship with this reseller.');
        throw e;
      }
    },

    /** The invited reseller accepts: the relationship becomes active. */
    acceptInvitation: (viewer: Viewer, relationshipId: string) => act(viewer, relationshipId, 'accept'),

    /** The invited reseller declines: the invitation ends. */
    declineInvitation: (viewer: Viewer, relationshipId: string) => act(viewer, relationshipId, 'decline'),

    /** Either side ends a relationship (or the provider withdraws an invitation); who and when are recorded. */
    endRelationship: (viewer: Viewer, relationshipId: string) => act(viewer, relationshipId, 'end'),

    /** The viewer's relationships, newest first. */
    async listRelationships(viewer: Viewer, q: { status?: RelationshipStatus; role?: ChannelSide; cursor?: string; limit: number }): Promise<Page<PresentedRelationship>> {
      if (!can(viewer, 'channel.read')) throw permissionDenied('read channel relationships');
      if (q.role && viewer.orgKind !== 'partner') throw validationFailed('querystring.role', 'only a partner is on a side of a relationship');
      const key = readCursor(q.cursor, ['string']);
      return db.withTenant(viewer, async (tx) => {
        const rows = await repo.listRelationships(tx, viewer, { status: q.status, side: q.role, beforeId: key?.[0], limit: q.limit });
        const page = toPage(rows, q.limit, (r) => [r.id], (r) => r);
        return { ...page, items: await presentRelationships(tx, viewer, page.items) };
      });
    },

    /** One relationship with its split, for either side or the operator. */
    async getRelationship(viewer: Viewer, relationshipId: string): Promise<PresentedRelationshipDetail> {
      return db.withTenant(viewer, async (tx) => {
        const detail = await loadDetail(tx, viewer, relationshipId);
        if (!can(viewer, 'channel.read')) throw permissionDenied('read channel relationships');
        return detail;
      });
    },

    /** The provider changes who is first contact and who handles, for some or all categories. */
    async updateSplit(viewer: Viewer, relationshipId: string, changes: readonly SplitRule[]): Promise<PresentedRelationshipDetail> {
      return db.withTenant(viewer, async (tx) => {
        const row = await repo.findRelationship(tx, viewer, relationshipId);
        if (!row) throw err('RELATIONSHIP_NOT_FOUND', 'No such relationship.');
        if (!can(viewer, 'channel.manage')) throw permissionDenied('edit support splits');
        const relationship = { id: row.id, providerId: row.provider_id, resellerId: row.reseller_id };
        if (sideOf(relationship, viewer.orgId) !== 'provider') throw err('PERMISSION_DENIED', 'Only the provider of a relationship edits its support split.');
        if (!isSplitChangeAllowed(row.status)) {
          throw err('RELATIONSHIP_STATUS_CONFLICT', `The split of an ${row.status} relationship can't change.`, { relationshipStatus: row.status });
        }
        const before = await loadSplit(tx, viewer, row.id);
        const result = applySplitChanges(before, changes);
        if (!result.ok) {
          const field = `body.split.${result.refusal.index}`;
          if (result.refusal.reason === 'duplicate_category') throw validationFailed(`${field}.category`, `${result.refusal.category} is given more than once`);
          throw err('SPLIT_NOT_EDITABLE', `${result.refusal.category} cases always go through the provider, which alone raises them with the operator; its split stays provider/provider.`, {
            category: result.refusal.category, errors: [{ field, message: 'is fixed to provider/provider' }],
          });
        }
        await repo.upsertSplit(tx, viewer, { id: row.id, resellerId: row.reseller_id }, result.changed);
        await recordAudit(tx, viewer, [{
          action: 'support_split.changed', subjectType: 'indirect_relationship', subjectId: row.id, alsoOrgIds: [row.reseller_id],
          changes: diffChanges(splitByCategory(before), splitByCategory(result.changed)), skipUnchanged: true,
        }]);
        return loadDetail(tx, viewer, row.id);
      });
    },

    /** A direct partner or reseller creates a customer, its relationship with it, and optionally its first user. */
    async createCustomer(viewer: Viewer, input: {
      name: string; country: string; admin?: { email: string; name: string; password: string; locale?: 'en' | 'ko' };
    }, idempotencyKey?: string): Promise<Idempotent<{ customer: PresentedCustomer; admin: PresentedCustomerAdmin | null }>> {
      if (!can(viewer, 'customers.manage')) throw permissionDenied('create customers');
      if (!sellsToCustomers(viewer)) {
        throw err('PERMISSION_DENIED', 'Only a direct partner or an indirect reseller creates customers; an indirect provider reaches customers through its resellers.');
      }
      const name = input.name.trim();
      if (name.length === 0) throw validationFailed('body.name', 'must not be blank');
      const adminName = input.admin?.name.trim();
      if (input.admin && !adminName) throw validationFailed('body.admin.name', 'must not be blank');
      if (input.admin) assertPasswordAcceptable(input.admin.password, { email: input.admin.email, name: input.admin.name }, 'body.admin.password');
      const passwordHash = input.admin ? await hashPassword(input.admin.password) : null;
      const at = now();
      const customerId = newId('organization', at.getTime());
      const adminEmail = input.admin?.email.trim().toLowerCase();
      try {
        // The password is left out of the stored fingerprint: only whether one was given counts.
        const { admin: askedAdmin, ...fields } = input;
        const fingerprinted = { ...fields, ...(askedAdmin ? { admin: { ...askedAdmin, password: true } } : {}) };
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'customers.create', input: fingerprinted, now: at }, async () => {
          // Identity records the organization and its first user (acting as the new customer for the user).
          const { admin } = await createCustomerOrganization(tx, viewer, {
            id: customerId, name, country: input.country, createdAt: at,
            admin: input.admin && passwordHash !== null && adminName && adminEmail
              ? { id: newId('user', at.getTime()), email: adminEmail, name: adminName, passwordHash, locale: input.admin.locale ?? 'en' }
              : null,
          });
          await repo.insertCustomerRelationship(tx, viewer, { id: newId('customerRelationship', at.getTime()), customerId, createdAt: at });
          const presented = (await loadCustomer(tx, customerId))!;
          // In the partner's log and the new customer's (it shares the relationship now).
          await recordAudit(tx, viewer, [{
            action: 'customer.created', subjectType: 'organization', subjectId: customerId, alsoOrgIds: [customerId],
            changes: createdChanges({ name, country: input.country }),
            details: admin ? { adminUserId: admin.id, adminEmail: admin.email, adminRoles: admin.roles } : {},
          }]);
          return { customer: presented, admin: admin && { id: admin.id, email: admin.email, name: admin.name, roles: ['customer_admin'] as ['customer_admin'] } };
        }));
      } catch (e) {
        if (isUniqueViolation(e)) throw err('EMAIL_TAKEN', 'Another user already signs in with this e-mail.', { errors: [{ field: 'body.admin.email', message: 'is taken' }] });
        throw e;
      }
    },

    /** Customers the viewer may see: its own, its active resellers' (a provider), or all (the operator). */
    async listCustomers(viewer: Viewer, q: { q?: string; status?: 'active' | 'ended'; cursor?: string; limit: number }): Promise<Page<PresentedCustomer>> {
      if (!can(viewer, 'customers.read')) throw permissionDenied('read customers');
      const after = readCursor(q.cursor, ['string', 'string']);
      const search = q.q?.trim();
      return db.withTenant(viewer, async (tx) => {
        const rows = await pageOrganizations(tx, {
          kind: 'customer', nameContains: search || undefined, where: repo.hasCustomerRelationship(tx, q.status), after, limit: q.limit,
        });
        const page = toPage(rows, q.limit, (c) => [c.name, c.id], (c) => c);
        return { ...page, items: await presentCustomers(tx, page.items) };
      });
    },

    /** One customer the viewer may see, with its partners. */
    async getCustomer(viewer: Viewer, customerId: string): Promise<PresentedCustomer> {
      return db.withTenant(viewer, async (tx) => {
        const customer = await loadCustomer(tx, customerId);
        if (!customer) throw err('CUSTOMER_NOT_FOUND', 'No such customer.');
        if (!can(viewer, 'customers.read')) throw permissionDenied('read customers');
        return customer;
      });
    },

    /** The partner ends its relationship with a customer. */
    async endCustomerRelationship(viewer: Viewer, customerId: string): Promise<PresentedCustomer> {
      return db.withTenant(viewer, async (tx) => {
        if (!(await loadCustomer(tx, customerId))) throw err('CUSTOMER_NOT_FOUND', 'No such customer.');
        if (!can(viewer, 'customers.manage')) throw permissionDenied('end customer relationships');
        if (!sellsToCustomers(viewer)) throw err('PERMISSION_DENIED', 'Only the customer\'s own partner ends its relationship with it.');
        if (!(await repo.endCustomerRelationship(tx, viewer, customerId, now()))) {
          throw err('CUSTOMER_RELATIONSHIP_NOT_ACTIVE', 'Your organization has no active relationship with this customer.');
        }
        await recordAudit(tx, viewer, [{
          action: 'customer_relationship.ended', subjectType: 'organization', subjectId: customerId, alsoOrgIds: [customerId],
          changes: { status: { before: 'active', after: 'ended' } },
        }]);
        return (await loadCustomer(tx, customerId))!;
      });
    },
  };
}

/** The channel use cases, as the routes and the composition root receive them. */
export type ChannelService = ReturnType<typeof createChannelService>;

/** For purchases through a provider: the active relationship of the pair, in the caller's transaction. */
export async function findActiveIndirectRelationship(tx: Tx, viewer: Viewer, providerId: string, resellerId: string): Promise<{ id: string; providerId: string; resellerId: string } | undefined> {
  const row = await repo.findActiveRelationshipByPair(tx, viewer, providerId, resellerId);
  return row && { id: row.id, providerId: row.provider_id, resellerId: row.reseller_id };
}

/** For purchases for a customer: whether the partner sells to it now, in the caller's transaction. */
export async function hasActiveCustomerRelationship(tx: Tx, partnerId: string, customerId: string): Promise<boolean> {
  return (await repo.findActiveCustomerRelationship(tx, partnerId, customerId)) !== undefined;
}

/** For routing cases: the whole split of a relationship the viewer may see, in the caller's transaction. */
export async function findSupportSplit(tx: Tx, viewer: Viewer, relationshipId: string): Promise<SplitRule[] | undefined> {
  const row = await repo.findRelationship(tx, viewer, relationshipId);
  return row ? loadSplit(tx, viewer, relationshipId) : undefined;
}
