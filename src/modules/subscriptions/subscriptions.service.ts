/**
 * Use cases of subscriptions: whether a plan can be bought for a customer and why not, the
 * purchase itself (idempotent, all-or-nothing), and the life of a subscription — the publisher
 * activates it, its partners of record change quantity, suspend, reactivate, cancel and choose the
 * support contact. Each use case opens its own transaction.
 */
import { AppError } from '../../core/app-error.ts';
import {
  decidePurchasability, explainBlocker, marketplaceRefusal, mayBuyForCustomers, type PurchaseBlockerReason, type SubscriptionStatus,
} from '../../core/catalog-rules.ts';
import { permissionDenied, validationFailed } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import type { Viewer } from '../../core/parties.ts';
import type { NewDomainEvent } from '../../core/events.ts';
import { can } from '../../core/permissions.ts';
import {
  decidePurchaseChain, designatedSupportContact, isPartnerOfRecord, isQuantityAllowed, isQuantityChangeAllowed,
  nextSubscriptionStatus, supportContactSide, type PartnerChain, type SubscriptionAction,
} from '../../core/subscription-rules.ts';
import type { Database, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import type { SubscriptionRow } from '../../db/schema.ts';
import { holdOfferForSale, isPartnerOptedIn, readOfferForSale, type OfferForSale, type PresentedPlan } from '../catalog/index.ts';
import { findActiveIndirectRelationship, hasActiveCustomerRelationship } from '../channel/index.ts';
import { listOpenIncidentsByOffer, type PresentedOpenIncident } from '../health/index.ts';
import { findOrganization } from '../identity/index.ts';
import { diffChanges, recordAudit, type AuditAction } from '../audit/index.ts';
import { recordEvents } from '../events/index.ts';
import { runIdempotent } from '../idempotency/index.ts';
import type { SubscriptionErrorCode } from './subscriptions.errors.ts';
import * as repo from './subscriptions.repository.ts';

const err = (code: SubscriptionErrorCode, message: string, details?: Record<string, unknown>) => new AppError(code, message, details);
const notFound = () => err('SUBSCRIPTION_NOT_FOUND', 'No such subscription.');

/** A subscription as presented. */
export interface PresentedSubscription {
  id: string;
  customerId: string;
  offerId: string;
  planId: string;
  publisherId: string;
  quantity: number;
  partnerId: string | null;
  providerId: string | null;
  resellerId: string | null;
  supportContactId: string;
  supportContact: 'partner' | 'provider' | 'reseller';
  status: SubscriptionStatus;
  billingCycle: string;
  term: string;
  market: string;
  agreementVersion: number;
  acceptedBy: string;
  acceptedAt: string;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  cancelledAt: string | null;
  /** The open incidents of the offer the viewer may see, while the subscription is active; in every answer of the routes (not read for routing). */
  openIncidents?: PresentedOpenIncident[];
}

/** Whether each plan of an offer can be bought for a customer, with every reason it can't. */
export interface PresentedPurchasability {
  offerId: string;
  customerId: string;
  sellerId: string;
  plans: { planId: string; purchasable: boolean; reasons: PurchaseBlockerReason[] }[];
}

/** What a buyer sends. */
export interface PurchaseInput {
  customerId: string;
  offerId: string;
  planId: string;
  quantity: number;
  billingCycle: string;
  term: string;
  acceptedAgreementVersion: number;
  resellerId?: string;
  providerId?: string;
}

/** The answer to a purchase (always 201: only successes are stored), and whether it is the stored answer of an earlier try. */
export interface PurchaseResult {
  subscription: PresentedSubscription;
  replayed: boolean;
}

function presentSubscription(s: SubscriptionRow): PresentedSubscription {
  const chain = { partnerId: s.partner_id, providerId: s.provider_id, resellerId: s.reseller_id };
  return {
    id: s.id, customerId: s.customer_id, offerId: s.offer_id, planId: s.plan_id, publisherId: s.publisher_id,
    quantity: s.quantity, partnerId: s.partner_id, providerId: s.provider_id, resellerId: s.reseller_id,
    supportContactId: s.support_contact_id, supportContact: supportContactSide(chain, s.support_contact_id),
    status: s.status, billingCycle: s.billing_cycle, term: s.term, market: s.market, agreementVersion: s.agreement_version,
    acceptedBy: s.accepted_by, acceptedAt: new Date(s.accepted_at).toISOString(), createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(), activatedAt: s.activated_at?.toISOString() ?? null,
    cancelledAt: s.cancelled_at?.toISOString() ?? null,
  };
}

/** A subscription with the open incidents of its offer that the viewer may see: only an active subscription is affected. */
function withOpenIncidents(s: PresentedSubscription, byOffer: ReadonlyMap<string, PresentedOpenIncident[]>): PresentedSubscription {
  return { ...s, openIncidents: s.status === 'active' ? (byOffer.get(s.offerId) ?? []) : [] };
}

/** One subscription as the routes answer it, with its open incidents, read in the caller's transaction. */
async function presentAffected(tx: Tx, viewer: Viewer, s: SubscriptionRow): Promise<PresentedSubscription> {
  return withOpenIncidents(presentSubscription(s), await listOpenIncidentsByOffer(tx, viewer, s.status === 'active' ? [s.offer_id] : []));
}

/** The event of a subscription's change, to every organization of its chain and its publisher. */
function subscriptionEvent(type: 'subscription.purchased' | 'subscription.activated' | 'subscription.suspended' | 'subscription.reactivated' | 'subscription.cancelled', s: SubscriptionRow, offerName: string): NewDomainEvent {
  const audience = [s.customer_id, s.partner_id, s.provider_id, s.reseller_id, s.publisher_id].filter((o): o is string => o !== null);
  return {
    type, subjectType: 'subscription', subjectId: s.id,
    data: {
      subscriptionId: s.id, status: s.status, offerId: s.offer_id, offerName, planId: s.plan_id, quantity: s.quantity,
      customerId: s.customer_id, partnerId: s.partner_id, providerId: s.provider_id, resellerId: s.reseller_id, publisherId: s.publisher_id,
    },
    audienceOrgIds: [...new Set(audience)].sort(),
  };
}

const EVENT_OF_ACTION = {
  activate: 'subscription.activated', suspend: 'subscription.suspended', reactivate: 'subscription.reactivated', cancel: 'subscription.cancelled',
} as const;
/** The audit action of each status change (the same codes as the events). */
const AUDIT_OF_ACTION: Record<SubscriptionAction, AuditAction> = EVENT_OF_ACTION;

function chainOf(s: SubscriptionRow): PartnerChain {
  return { partnerId: s.partner_id, providerId: s.provider_id, resellerId: s.reseller_id };
}

/** Every partner named on any subscription of an offer: the catalog's "has resold" fact. */
export async function listResoldPartnerIds(tx: Tx, viewer: Viewer, offerId: string): Promise<string[]> {
  return repo.listResoldPartnerIds(tx, viewer, offerId);
}

/** One subscription the viewer may see, in the caller's transaction (routing reads the chain of a case's subscription). */
export async function readSubscription(tx: Tx, viewer: Viewer, id: string): Promise<PresentedSubscription | undefined> {
  const sub = await repo.findSubscription(tx, viewer, id);
  return sub && presentSubscription(sub);
}

/** Builds the subscription use cases over a database. */
export function createSubscriptionService(deps: {
  db: Database;
  /** The clock and the id source (default: the system's). */
  now?: () => Date; newId?: NewId;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;

  /** The buyer's chain from its partner model, or a validation failure naming the field. */
  function chainFor(viewer: Viewer, named: { resellerId?: string; providerId?: string }) {
    if (!mayBuyForCustomers(viewer) || !viewer.partnerModel) {
      const refusal = marketplaceRefusal(viewer, 'buy');
      throw new AppError('PERMISSION_DENIED', refusal.message, { allowedRoles: refusal.allowedRoles });
    }
    const decided = decidePurchaseChain({ orgId: viewer.orgId, partnerModel: viewer.partnerModel }, named);
    if (!decided.ok) throw validationFailed(decided.field, decided.message);
    return decided;
  }

  /** Reads every fact of a sale but the plan's markets, in one transaction. */
  async function saleFacts(tx: Tx, viewer: Viewer, decided: Extract<ReturnType<typeof decidePurchaseChain>, { ok: true }>, offer: OfferForSale, customerId: string) {
    const customer = await findOrganization(tx, customerId);
    if (!customer || customer.kind !== 'customer') throw err('CUSTOMER_NOT_FOUND', 'No such customer.');
    const { chain, sellerId } = decided;
    const relationship = decided.indirect ? await findActiveIndirectRelationship(tx, viewer, chain.providerId!, chain.resellerId!) : undefined;
    const seller = await findOrganization(tx, sellerId);
    const [sellerOptedIn, sellerHasCustomer, existingStatuses] = await Promise.all([
      isPartnerOptedIn(tx, viewer, offer.offerId, sellerId),
      hasActiveCustomerRelationship(tx, sellerId, customerId),
      repo.listLiveStatuses(tx, viewer, customerId, offer.offerId),
    ]);
    return {
      customer,
      facts: {
        audience: offer.audience,
        authorizedPartnerIds: offer.authorizedPartnerIds,
        sellerId,
        sellerOptedIn,
        sellerHasCustomer,
        resellerInGoodStanding: seller?.inGoodStanding ?? true,
        customerCountry: customer.country,
        existingStatuses,
        indirectRelationshipActive: !decided.indirect || relationship !== undefined,
        agreementPublished: offer.currentAgreementVersion !== null,
      },
    };
  }

  /** A subscription the viewer sees, for an action: 404 when hidden, 403 when its roles or role in the sale don't allow it. */
  async function forAction(tx: Tx, viewer: Viewer, id: string, action: SubscriptionAction | 'quantity' | 'support_contact'): Promise<SubscriptionRow> {
    const sub = await repo.findSubscription(tx, viewer, id);
    if (!sub) throw notFound();
    if (action === 'activate') {
      if (!can(viewer, 'subscriptions.activate') || sub.publisher_id !== viewer.orgId) throw permissionDenied('activate this subscription');
    } else if (!can(viewer, 'subscriptions.manage') || !isPartnerOfRecord(chainOf(sub), viewer.orgId)) {
      throw permissionDenied('manage this subscription');
    }
    return sub;
  }

  /**
   * Records a change of a subscription in the actor's log and in those of its customer and
   * partners of record (the publisher's when it acts itself); nothing when nothing changed.
   */
  function auditSubscription(tx: Tx, viewer: Viewer, action: AuditAction, sub: SubscriptionRow, before: object | null, after: object) {
    return recordAudit(tx, viewer, [{
      action, subjectType: 'subscription', subjectId: sub.id, changes: diffChanges(before, after), skipUnchanged: before !== null,
      alsoOrgIds: [sub.customer_id, sub.partner_id, sub.provider_id, sub.reseller_id],
    }]);
  }

  function stateConflict(sub: SubscriptionRow, action: string): AppError {
    return err('SUBSCRIPTION_STATE_CONFLICT', `A ${sub.status} subscription can't be ${action}.`, { subscriptionStatus: sub.status });
  }

  async function transition(viewer: Viewer, id: string, action: SubscriptionAction, past: string): Promise<PresentedSubscription> {
    return db.withTenant(viewer, async (tx) => {
      const sub = await forAction(tx, viewer, id, action);
      const next = nextSubscriptionStatus(sub.status, action);
      if (!next) throw stateConflict(sub, past);
      const at = now();
      if (!(await repo.updateStatus(tx, viewer, id, sub.status, next, at))) {
        throw stateConflict((await repo.findSubscription(tx, viewer, id))!, past);
      }
      const updated = (await repo.findSubscription(tx, viewer, id))!;
      await recordEvents(tx, viewer, [subscriptionEvent(EVENT_OF_ACTION[action], updated, await repo.findOfferName(tx, updated.offer_id))], at, newId);
      await auditSubscription(tx, viewer, AUDIT_OF_ACTION[action], updated, { status: sub.status }, { status: next });
      return presentAffected(tx, viewer, updated);
    });
  }

  return {
    /** Whether each plan of an offer can be bought for a customer by the asking partner, and why not. */
    async purchasability(viewer: Viewer, offerId: string, q: { customerId: string; resellerId?: string; providerId?: string }): Promise<PresentedPurchasability> {
      const decided = chainFor(viewer, q);
      return db.withTenant(viewer, async (tx) => {
        const offer = await readOfferForSale(tx, viewer, offerId);
        if (!offer) throw err('OFFER_NOT_FOUND', 'No such offer.');
        const { facts } = await saleFacts(tx, viewer, decided, offer, q.customerId);
        return {
          offerId, customerId: q.customerId, sellerId: decided.sellerId,
          plans: offer.plans.map((plan) => {
            const reasons = decidePurchasability({ ...facts, planMarkets: plan.prices.map((p) => p.market) });
            return { planId: plan.id, purchasable: reasons.length === 0, reasons };
          }),
        };
      });
    },

    /**
     * Buys a plan for a customer. The same Idempotency-Key with the same input answers the first
     * answer again; with other input it is refused. A refusal leaves nothing behind.
     */
    async purchase(viewer: Viewer, idempotencyKey: string, input: PurchaseInput): Promise<PurchaseResult> {
      const decided = chainFor(viewer, { resellerId: input.resellerId, providerId: input.providerId });
      try {
        return await db.withTenant(viewer, async (tx) => {
          const { value, replayed } = await runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'POST /subscriptions', input, now: now() }, async () => {
            await holdOfferForSale(tx, input.offerId);
            const offer = await readOfferForSale(tx, viewer, input.offerId);
            if (!offer) throw err('OFFER_NOT_FOUND', 'No such offer.');
            const plan = offer.plans.find((p) => p.id === input.planId);
            if (!plan) throw err('PLAN_NOT_FOUND', `The offer has no plan ${input.planId}.`);
            checkPlanChoice(plan, input);
            const { customer, facts } = await saleFacts(tx, viewer, decided, offer, input.customerId);
            const reasons = decidePurchasability({ ...facts, planMarkets: plan.prices.map((p) => p.market) });
            if (reasons.length > 0) throw notAllowed(reasons);
            if (input.acceptedAgreementVersion !== offer.currentAgreementVersion) {
              throw err('AGREEMENT_VERSION_MISMATCH', `The current agreement is version ${offer.currentAgreementVersion}; review and accept it to buy.`, {
                currentVersion: offer.currentAgreementVersion, acceptedVersion: input.acceptedAgreementVersion,
              });
            }
            const at = now();
            const id = newId('subscription', at.getTime());
            await repo.insertSubscription(tx, {
              id, customer_id: customer.id, offer_id: offer.offerId, plan_id: plan.id, publisher_id: offer.publisherId,
              quantity: input.quantity, partner_id: decided.chain.partnerId, provider_id: decided.chain.providerId,
              reseller_id: decided.chain.resellerId, support_contact_id: designatedSupportContact(decided.chain),
              status: 'pending_activation', billing_cycle: input.billingCycle, term: input.term, market: customer.country,
              agreement_version: input.acceptedAgreementVersion, accepted_by: viewer.userId, accepted_at: at,
              created_at: at, updated_at: at,
          });
          const created = (await repo.findSubscription(tx, viewer, id))!;
          await recordEvents(tx, viewer, [subscriptionEvent('subscription.purchased', created, await repo.findOfferName(tx, created.offer_id))], at, newId);
          await auditSubscription(tx, viewer, 'subscription.purchased', created, null, {
            customerId: created.customer_id, offerId: created.offer_id, planId: created.plan_id, quantity: created.quantity,
            partnerId: created.partner_id, providerId: created.provider_id, resellerId: created.reseller_id,
            supportContactId: created.support_contact_id, status: created.status, billingCycle: created.billing_cycle,
            term: created.term, market: created.market, agreementVersion: created.agreement_version,
          });
          return presentAffected(tx, viewer, created);
          });
          return { subscription: value, replayed };
        });
      } catch (e) {
        // A purchase that raced another for the same customer and offer.
        if (isUniqueViolation(e, 'subscriptions_live_per_customer')) {
          throw notAllowed([explainBlocker('already_subscribed')]);
        }
        throw e;
      }
    },

    /** One subscription the viewer may see. */
    async get(viewer: Viewer, id: string): Promise<PresentedSubscription> {
      if (!can(viewer, 'subscriptions.read')) throw permissionDenied('read subscriptions');
      const found = await db.withTenant(viewer, async (tx) => {
        const sub = await repo.findSubscription(tx, viewer, id);
        return sub && presentAffected(tx, viewer, sub);
      });
      if (!found) throw notFound();
      return found;
    },

    /** The subscriptions the viewer may see, newest first. */
    async list(viewer: Viewer, q: { status?: SubscriptionStatus; customerId?: string; offerId?: string; cursor?: string; limit: number }): Promise<Page<PresentedSubscription>> {
      if (!can(viewer, 'subscriptions.read')) throw permissionDenied('read subscriptions');
      const after = readCursor(q.cursor, ['timestamp', 'string']);
      const { rows, incidents } = await db.withTenant(viewer, async (tx) => {
        const page = await repo.listSubscriptions(tx, viewer, {
          status: q.status, customerId: q.customerId, offerId: q.offerId, after, limit: q.limit,
        });
        // One query for the page's offers, not one per subscription.
        const active = page.slice(0, q.limit).filter((s) => s.status === 'active').map((s) => s.offer_id);
        return { rows: page, incidents: await listOpenIncidentsByOffer(tx, viewer, active) };
      });
      return toPage(rows, q.limit, (s) => [s.created_at.toISOString(), s.id], (s) => withOpenIncidents(presentSubscription(s), incidents));
    },

    /** The publisher activates a pending subscription of its offer: billing starts now. */
    activate: (viewer: Viewer, id: string) => transition(viewer, id, 'activate', 'activated'),
    /** A partner of record suspends an active subscription. */
    suspend: (viewer: Viewer, id: string) => transition(viewer, id, 'suspend', 'suspended'),
    /** A partner of record reactivates a suspended subscription. */
    reactivate: (viewer: Viewer, id: string) => transition(viewer, id, 'reactivate', 'reactivated'),
    /** A partner of record cancels a subscription that is not cancelled yet. */
    cancel: (viewer: Viewer, id: string) => transition(viewer, id, 'cancel', 'cancelled'),

    /** A partner of record changes the quantity, within the plan's bounds. */
    async changeQuantity(viewer: Viewer, id: string, quantity: number): Promise<PresentedSubscription> {
      return db.withTenant(viewer, async (tx) => {
        const sub = await forAction(tx, viewer, id, 'quantity');
        if (!isQuantityChangeAllowed(sub.status)) throw stateConflict(sub, 'resized');
        const offer = await readOfferForSale(tx, viewer, sub.offer_id);
        const plan = offer?.plans.find((p) => p.id === sub.plan_id);
        if (!plan) throw err('PLAN_NOT_FOUND', 'The subscription\'s plan no longer exists.');
        if (!isQuantityAllowed(quantity, plan)) throw validationFailed('quantity', `must be between ${plan.minQuantity} and ${plan.maxQuantity} for plan ${plan.id}`);
        if (!(await repo.updateQuantity(tx, viewer, id, sub.status, quantity, now()))) {
          throw stateConflict((await repo.findSubscription(tx, viewer, id))!, 'resized');
        }
        const resized = (await repo.findSubscription(tx, viewer, id))!;
        await auditSubscription(tx, viewer, 'subscription.quantity_changed', resized, { quantity: sub.quantity }, { quantity: resized.quantity });
        return presentAffected(tx, viewer, resized);
      });
    },

    /** In the indirect model, the provider or the reseller of record chooses which of them is the support contact. */
    async setSupportContact(viewer: Viewer, id: string, designated: 'provider' | 'reseller'): Promise<PresentedSubscription> {
      return db.withTenant(viewer, async (tx) => {
        const sub = await forAction(tx, viewer, id, 'support_contact');
        if (sub.partner_id) {
          throw err('SUPPORT_CONTACT_NOT_APPLICABLE', 'A direct subscription\'s support contact is always its partner.');
        }
        if (sub.status === 'cancelled') throw stateConflict(sub, 'given another support contact');
        await repo.updateSupportContact(tx, viewer, id, designatedSupportContact(chainOf(sub), designated), now());
        const changed = (await repo.findSubscription(tx, viewer, id))!;
        await auditSubscription(tx, viewer, 'subscription.support_contact_changed', changed, { supportContactId: sub.support_contact_id }, { supportContactId: changed.support_contact_id });
        return presentAffected(tx, viewer, changed);
      });
    },
  };
}

/** Refuses a billing cycle, term or quantity the plan does not offer, naming the field. */
function checkPlanChoice(plan: PresentedPlan, input: PurchaseInput): void {
  if (!plan.billingCycles.includes(input.billingCycle)) {
    throw validationFailed('billingCycle', `must be one of the plan's billing cycles: ${plan.billingCycles.join(', ')}`);
  }
  if (!plan.terms.includes(input.term)) throw validationFailed('term', `must be one of the plan's terms: ${plan.terms.join(', ')}`);
  if (!isQuantityAllowed(input.quantity, plan)) {
    throw validationFailed('quantity', `must be between ${plan.minQuantity} and ${plan.maxQuantity} for plan ${plan.id}`);
  }
}

function notAllowed(reasons: PurchaseBlockerReason[]): AppError {
  return err('PURCHASE_NOT_ALLOWED', `This plan can't be bought for the customer: ${reasons.map((r) => r.message.en).join(' ')}`, { reasons });
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
