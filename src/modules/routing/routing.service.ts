/**
 * Use cases of routing policies: a partner's preferences for technical cases (a default and one
 * per offer), and routing explanations — what would happen to a case, without opening one.
 * `explainRouting` gathers the facts a viewer may see and asks the engine (core/routing.ts); the
 * cases context calls it in its own transaction when it opens or reroutes a case.
 *
 * Terminology: see core/routing-types.ts (asker, chain, holder, preference…) and
 * core/routing.ts (customer-facing partner, partner side).
 */
import { AppError } from '../../core/app-error.ts';
import { permissionDenied, validationFailed, type CommonErrorCode } from '../../core/common-errors.ts';
import type { Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import { customerFacingPartnerOf, decideRouting, decideUnfound, type UnfoundFact } from '../../core/routing.ts';
import type {
  Chain, ParticipantRole, PartnerPreference, RoutingDecision, RoutingFacts, RoutingRule, Severity,
} from '../../core/routing-types.ts';
import { completeSplit, type SplitRule, type SupportCategory } from '../../core/support-categories.ts';
import type { Database, Tx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { readOfferForSale } from '../catalog/index.ts';
import { findActiveIndirectRelationship, findSupportSplit } from '../channel/index.ts';
import { findOperatorId, findOrganization, organizationNames } from '../identity/index.ts';
import { readSubscription, type PresentedSubscription } from '../subscriptions/index.ts';
import type { RoutingErrorCode } from './routing.errors.ts';
import * as repo from './routing.repository.ts';

const err = (code: RoutingErrorCode | CommonErrorCode, message: string) => new AppError(code, message);

/** What a case would be about: the input of a routing explanation. */
export type RoutingInput = {
  category: SupportCategory;
  severity: Severity;
  subscriptionId?: string;
  offerId?: string;
  customerId?: string;
  /** `customer`: decide as the subscription's customer would ask (a partner previewing its preferences). */
  askedBy?: 'viewer' | 'customer';
};

/** One stored preference as its partner sees it. */
export interface PresentedPreference {
  preference: PartnerPreference;
  updatedBy: string;
  updatedAt: string;
}

/** A partner's routing preferences. */
export interface PresentedPreferences {
  partnerId: string;
  /** The partner-wide default, when set. */
  default: PresentedPreference | null;
  /** What applies to an offer without its own preference: the default, or `forward`. */
  effectiveDefault: PartnerPreference;
  offers: (PresentedPreference & { offerId: string })[];
}

/** An organization in a presented decision, with the name when the viewer may see it. */
export interface PresentedParty {
  id: string;
  name: string | null;
  role: ParticipantRole;
}

/** A routing decision as the decisions endpoint and the command line show it. */
export interface PresentedDecision {
  routable: boolean;
  /** Why not, when not routable. */
  reason: string | null;
  category: SupportCategory;
  severity: Severity;
  responsible: (PresentedParty & { kind: 'partner' | 'publisher' | 'operator' }) | null;
  firstHolder: PresentedParty | null;
  escalationPath: PresentedParty[];
  participants: PresentedParty[];
  /** The customer-facing partner's preference that was considered. */
  preference: RoutingFacts['preference'] | null;
  incidentId: string | null;
  rules: RoutingRule[];
}

/** Unroutable reasons that mean the input named something the viewer can't see: answered as 404. */
const UNFOUND_AS_ERRORS: Partial<Record<string, RoutingErrorCode>> = {
  SUBSCRIPTION_NOT_FOUND: 'SUBSCRIPTION_NOT_FOUND',
  OFFER_NOT_FOUND: 'OFFER_NOT_FOUND',
  CUSTOMER_NOT_FOUND: 'CUSTOMER_NOT_FOUND',
};

function chainOf(s: PresentedSubscription): Chain {
  if (s.partnerId !== null) return { model: 'direct', partnerId: s.partnerId };
  return {
    model: 'indirect', providerId: s.providerId as string, resellerId: s.resellerId as string,
    supportContact: s.supportContact === 'reseller' ? 'reseller' : 'provider',
  };
}

/**
 * The split of an indirect subscription's relationship. The two sides and the operator read it
 * through the channel context; a customer or publisher, whom the row policy keeps from splits,
 * through the routing look-up that answers whoever sees the subscription. Null: no active relationship.
 */
async function readSplit(tx: Tx, viewer: Viewer, subscriptionId: string, chain: Extract<Chain, { model: 'indirect' }>): Promise<SplitRule[] | null> {
  if (viewer.orgKind === 'operator' || viewer.orgId === chain.providerId || viewer.orgId === chain.resellerId) {
    const relationship = await findActiveIndirectRelationship(tx, viewer, chain.providerId, chain.resellerId);
    return relationship ? (await findSupportSplit(tx, viewer, relationship.id)) ?? null : null;
  }
  const stored = await repo.findSubscriptionSplit(tx, subscriptionId);
  return stored ? completeSplit(stored) : null;
}

/** The facts the viewer may see, or what could not be found. */
async function gatherFacts(tx: Tx, viewer: Viewer, input: RoutingInput): Promise<RoutingFacts | UnfoundFact> {
  const operatorId = await findOperatorId(tx);
  if (!operatorId) return 'OPERATOR_NOT_FOUND';
  let chain: Chain | null = null;
  let offer: RoutingFacts['offer'] = null;
  let customerId: string | null = null;
  let split: SplitRule[] | null = null;
  if (input.subscriptionId !== undefined) {
    const sub = await readSubscription(tx, viewer, input.subscriptionId);
    if (!sub) return 'SUBSCRIPTION_NOT_FOUND';
    if (input.offerId !== undefined && input.offerId !== sub.offerId) throw validationFailed('offerId', 'is not the offer of the subscription');
    if (input.customerId !== undefined && input.customerId !== sub.customerId) throw validationFailed('customerId', 'is not the customer of the subscription');
    chain = chainOf(sub);
    offer = { id: sub.offerId, publisherId: sub.publisherId };
    customerId = sub.customerId;
    if (chain.model === 'indirect') split = await readSplit(tx, viewer, sub.id, chain);
  } else {
    if (input.offerId !== undefined) {
      const found = await readOfferForSale(tx, viewer, input.offerId);
      if (!found) return 'OFFER_NOT_FOUND';
      offer = { id: found.offerId, publisherId: found.publisherId };
    }
    if (viewer.orgKind === 'customer') {
      if (input.customerId !== undefined && input.customerId !== viewer.orgId) return 'CUSTOMER_NOT_FOUND';
      customerId = viewer.orgId;
    } else if (input.customerId !== undefined) {
      const org = await findOrganization(tx, input.customerId);
      if (!org || org.kind !== 'customer') return 'CUSTOMER_NOT_FOUND';
      customerId = org.id;
    }
  }
  let preference: RoutingFacts['preference'] = { value: 'forward', source: 'none' };
  if (chain && offer) {
    const partner = customerFacingPartnerOf(input.category, chain, split);
    const found = await repo.findApplicablePreference(tx, partner.orgId, offer.id);
    if (found) preference = { value: found.preference, source: found.forOffer ? 'offer' : 'default' };
  }
  // A partner of record previews what its customer would get: the same facts, the customer asking.
  const asCustomer = input.askedBy === 'customer';
  if (asCustomer && input.subscriptionId === undefined) throw validationFailed('askedBy', 'customer needs a subscriptionId');
  if (asCustomer && viewer.orgKind !== 'partner') throw validationFailed('askedBy', 'customer is for partners of the subscription');
  return {
    category: input.category, severity: input.severity,
    asker: asCustomer && customerId !== null
      ? { orgId: customerId, kind: 'customer', partnerModel: null }
      : { orgId: viewer.orgId, kind: viewer.orgKind, partnerModel: viewer.partnerModel },
    customerId, chain, offer, operatorId, preference, split,
    // Service health (SPEC section 7): the engine links a technical case to the offer's open incident.
    openIncidentId: offer ? await repo.findOpenIncidentOfOffer(tx, offer.id) : null,
  };
}

/**
 * Gathers the facts of a would-be case that the viewer may see, in the caller's transaction, and
 * decides. A subscription, offer or customer the viewer can't see is an unroutable decision
 * (SUBSCRIPTION_NOT_FOUND, OFFER_NOT_FOUND, CUSTOMER_NOT_FOUND) with null facts, never a throw;
 * input that contradicts itself (an offer or customer not of the subscription) is VALIDATION_FAILED.
 */
export async function explainRouting(tx: Tx, viewer: Viewer, input: RoutingInput): Promise<{ facts: RoutingFacts | null; decision: RoutingDecision }> {
  const facts = await gatherFacts(tx, viewer, input);
  if (typeof facts === 'string') return { facts: null, decision: decideUnfound(facts) };
  return { facts, decision: decideRouting(facts) };
}

/** Presents an explained decision with the names of the organizations the viewer may see. */
export async function presentRouting(tx: Tx, viewer: Viewer, input: RoutingInput, explained: { facts: RoutingFacts | null; decision: RoutingDecision }): Promise<PresentedDecision> {
  const { facts, decision } = explained;
  const base = { category: input.category, severity: input.severity, preference: facts?.preference ?? null, rules: decision.rules };
  if (!decision.routable) {
    return { ...base, routable: false, reason: decision.reason, responsible: null, firstHolder: null, escalationPath: [], participants: [], incidentId: null };
  }
  const names = await organizationNames(tx, decision.participants.map((p) => p.orgId));
  const roles = new Map(decision.participants.map((p) => [p.orgId, p.role]));
  // Every organization a decision names is one of its participants (a property of the engine);
  // the fallback only satisfies the type.
  const party = (id: string): PresentedParty => ({ id, name: names.get(id) ?? null, role: roles.get(id) ?? 'operator' });
  return {
    ...base, routable: true, reason: null,
    responsible: { ...party(decision.responsible.orgId), kind: decision.responsible.kind },
    firstHolder: party(decision.firstHolderId),
    escalationPath: decision.escalationPath.map(party),
    participants: decision.participants.map((p) => party(p.orgId)),
    incidentId: decision.incidentId,
  };
}

type PreferenceRow = Awaited<ReturnType<typeof repo.listPreferences>>[number];

function presentPreferences(partnerId: string, rows: readonly PreferenceRow[]): PresentedPreferences {
  const present = (r: PreferenceRow): PresentedPreference => ({ preference: r.preference, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString() });
  const byDefault = rows.find((r) => r.offer_id === null);
  return {
    partnerId,
    default: byDefault ? present(byDefault) : null,
    effectiveDefault: byDefault?.preference ?? 'forward',
    offers: rows.flatMap((r) => r.offer_id === null ? [] : [{ offerId: r.offer_id, ...present(r) }]),
  };
}

/** Builds the routing use cases over a database. */
export function createRoutingService(deps: { db: Database; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** Preferences are a partner's own: other kinds are refused whatever their roles. */
  function checkPartner(viewer: Viewer, may: boolean, action: string): void {
    if (viewer.orgKind !== 'partner' || !may) throw permissionDenied(action);
  }
  const checkRead = (viewer: Viewer) => checkPartner(viewer, can(viewer, 'cases.read') || can(viewer, 'routing.manage'), 'read routing preferences');
  const checkManage = (viewer: Viewer) => checkPartner(viewer, can(viewer, 'routing.manage'), 'set routing preferences');

  return {
    /** The partner's default and per-offer preferences. */
    async getPreferences(viewer: Viewer): Promise<PresentedPreferences> {
      checkRead(viewer);
      return db.withTenant(viewer, async (tx) => presentPreferences(viewer.orgId, await repo.listPreferences(tx, viewer)));
    },

    /** Sets the partner-wide default preference. */
    async setDefaultPreference(viewer: Viewer, preference: PartnerPreference): Promise<PresentedPreferences> {
      checkManage(viewer);
      return db.withTenant(viewer, async (tx) => {
        const before = (await repo.listPreferences(tx, viewer)).find((r) => r.offer_id === null)?.preference ?? null;
        await repo.upsertDefaultPreference(tx, viewer, preference, now());
        await recordAudit(tx, viewer, [{
          action: 'routing_preference.default_set', subjectType: 'routing_preference', subjectId: 'default',
          changes: before === preference ? {} : { preference: { before, after: preference } }, skipUnchanged: true,
        }]);
        return presentPreferences(viewer.orgId, await repo.listPreferences(tx, viewer));
      });
    },

    /** Sets the preference for one offer (any offer in the catalog, resold yet or not). */
    async setOfferPreference(viewer: Viewer, offerId: string, preference: PartnerPreference): Promise<PresentedPreferences> {
      checkManage(viewer);
      return db.withTenant(viewer, async (tx) => {
        if (!(await readOfferForSale(tx, viewer, offerId))) throw err('OFFER_NOT_FOUND', 'No such offer.');
        const before = (await repo.listPreferences(tx, viewer)).find((r) => r.offer_id === offerId)?.preference ?? null;
        await repo.upsertOfferPreference(tx, viewer, offerId, preference, now());
        await recordAudit(tx, viewer, [{
          action: 'routing_preference.offer_set', subjectType: 'offer', subjectId: offerId,
          changes: before === preference ? {} : { preference: { before, after: preference } }, skipUnchanged: true,
        }]);
        return presentPreferences(viewer.orgId, await repo.listPreferences(tx, viewer));
      });
    },

    /** Removes the preference for one offer: the default applies again. */
    async clearOfferPreference(viewer: Viewer, offerId: string): Promise<void> {
      checkManage(viewer);
      await db.withTenant(viewer, async (tx) => {
        const before = (await repo.listPreferences(tx, viewer)).find((r) => r.offer_id === offerId)?.preference ?? null;
        if (!(await repo.deleteOfferPreference(tx, viewer, offerId))) throw err('PREFERENCE_NOT_FOUND', 'You have no preference for this offer.');
        await recordAudit(tx, viewer, [{ action: 'routing_preference.offer_cleared', subjectType: 'offer', subjectId: offerId, changes: { preference: { before, after: null } } }]);
      });
    },

    /**
     * What would happen to a case, without opening it. A subscription, offer or customer the
     * viewer can't see answers 404 like a missing one; any other unroutable case is a decision.
     */
    async explain(viewer: Viewer, input: RoutingInput): Promise<PresentedDecision> {
      if (!can(viewer, 'cases.read')) throw permissionDenied('read support cases');
      return db.withTenant(viewer, async (tx) => {
        const explained = await explainRouting(tx, viewer, input);
        const { decision } = explained;
        const unfound = decision.routable ? undefined : UNFOUND_AS_ERRORS[decision.reason];
        if (unfound) throw err(unfound, decision.rules.at(-1)?.en ?? 'Not found.');
        return presentRouting(tx, viewer, input, explained);
      });
    },
  };
}

/** The routing use cases. */
export type RoutingService = ReturnType<typeof createRoutingService>;
