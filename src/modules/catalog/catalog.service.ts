/**
 * Use cases of the catalog: publishers create and edit their offers, plans, agreements and CSP
 * audience; partners opt in to resell; the marketplace (discovery, product details with plans and
 * prices) for those `decideOfferAccess` lets in, ISV contacts only for those allowed, and the
 * case-work view of an offer for the partner roles that work its cases. Each use case opens its
 * own transaction.
 */
import type { Selectable } from 'kysely';
import { AppError, type LocalizedText } from '../../core/app-error.ts';
import {
  availabilityFor, contactProblems, commitmentProblems, decideAudienceChange, decideOfferAccess, marketplaceRefusal,
  mayDiscoverOffers, mayOptIn, nextAgreementVersion, planProblems, type Availability, type Commitments, type CspAudience,
  type FieldProblem, type MarketplaceAction, type OfferAccess, type OfferType,
} from '../../core/catalog-rules.ts';
import { permissionDenied } from '../../core/common-errors.ts';
import { readCursor, toPage, type Page } from '../../core/cursor.ts';
import type { Viewer } from '../../core/parties.ts';
import { can } from '../../core/permissions.ts';
import { agreementCalendarProblems, type PolicyProblem } from '../../core/sla-policy.ts';
import type { Database, Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId as defaultNewId, type NewId } from '../../db/ids.ts';
import type { AgreementsTable, ContactRow, LinkRow, PartnerResourcesRow, PlanRow, PriceRow } from '../../db/schema.ts';
import { createdChanges, diffChanges, recordAudit } from '../audit/index.ts';
import { runIdempotent, type Idempotent } from '../idempotency/index.ts';
import { findOrganizations } from '../identity/index.ts';
import type { CatalogErrorCode } from './catalog.errors.ts';
import * as repo from './catalog.repository.ts';

const err = (code: CatalogErrorCode, message: string | LocalizedText, details?: Record<string, unknown>) => new AppError(code, message, details);
const offerNotFound = () => err('OFFER_NOT_FOUND', 'No such offer.');

/** 403 for a viewer whose roles don't reach the marketplace, naming the partner roles that may (in English and Korean). */
function marketplaceDenied(viewer: Viewer, action: MarketplaceAction): AppError {
  const refusal = marketplaceRefusal(viewer, action);
  return new AppError('PERMISSION_DENIED', refusal.message, { allowedRoles: refusal.allowedRoles });
}

/** Every problem of an input at once, as the schema's own failures are reported. */
function invalid(problems: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field} ${p.message}`).join('; '), { errors: problems });
}

/** An agreement's SLA calendar refused, each field named inside the commitments, in English and Korean. */
function invalidCalendar(problems: readonly PolicyProblem[]): AppError {
  const errors = problems.map((p) => ({ field: `commitments.${p.field}`, message: p.message }));
  return new AppError('VALIDATION_FAILED', {
    en: errors.map((e) => `${e.field} ${e.message.en}`).join('; '),
    ko: `요청이 올바르지 않습니다. ${errors.map((e) => `${e.field}: ${e.message.ko}`).join('; ')}`,
  }, { errors });
}

/** A link as presented. */
export interface PresentedLink { title: string; url: string }

/** A contact as presented. */
export interface PresentedContact { name: string; email: string; phone: string; website?: string; marketingMaterialsUrl?: string }

/** One plan with its pricing. */
export interface PresentedPlan {
  id: string; name: string; description: string; billing: 'license' | 'usage'; billingCycles: string[]; terms: string[];
  minQuantity: number; maxQuantity: number; trialDays: number; prices: PriceRow[];
}

/** One version of a third-party customer agreement. */
export interface PresentedAgreement {
  id: string; offerId: string; version: number; title: string; body: string; commitments: Commitments; publishedAt: string;
  /** Who published it; null for versions published before it was recorded. */
  publishedBy: string | null;
}

/** An offer as discovery lists it. */
export interface PresentedOfferSummary {
  id: string; name: string; type: OfferType; categories: string[]; summary: string; shortDescription: string;
  publisher: { id: string; name: string }; cspAudience: CspAudience;
  /** How the audience reads for the viewer (`availabilityFor`). */
  availability: Availability;
  /** Deprecated: whether any partner may resell it (the audience is not `none`) — not whether the viewer may; read `availability`. */
  availableToPartners: boolean;
  /** Deprecated: `availability.exclusive`. */
  exclusive: boolean;
  optedIn: boolean | null;
}

/** The product details view: the summary, the overview, plans with pricing and the current agreement. */
export interface PresentedOfferDetails extends PresentedOfferSummary {
  view: 'marketplace';
  authorizedPartnerIds?: string[];
  overview: {
    description: string;
    publisher: { id: string; name: string };
    links: PresentedLink[];
    documents: PresentedLink[];
    partnerResources?: { userDocumentation: PresentedLink[]; training: PresentedLink[]; salesAndMarketing: PresentedLink[] };
    contacts?: { support: PresentedContact; engineering: PresentedContact; cspProgram: PresentedContact | null };
  };
  plans: PresentedPlan[];
  agreement: PresentedAgreement | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The case-work view of an offer: what the cases of a partner role that may not browse the
 * marketplace need of it (rule 3 of src/core/catalog-rules.ts) — the ISV support contact only for
 * roles that forward and follow technical cases.
 */
export interface PresentedOfferCaseView {
  view: 'case_work';
  id: string; name: string; type: OfferType;
  publisher: { id: string; name: string };
  supportContact?: PresentedContact;
}

/** Who may resell an offer. */
export interface PresentedAudience { offerId: string; cspAudience: CspAudience; authorizedPartnerIds: string[] }

/** A partner's opt-in to resell an offer. */
export interface PresentedOptIn { offerId: string; partnerId: string; optedInBy: string; optedInAt: string }

/** What a sale of an offer needs to know of it, read in the buyer's transaction. */
export interface OfferForSale {
  offerId: string;
  publisherId: string;
  audience: CspAudience;
  /** The authorized partners the viewer may see: itself, and for a provider its active resellers. */
  authorizedPartnerIds: string[];
  plans: PresentedPlan[];
  currentAgreementVersion: number | null;
}

type OfferWithViewerFlags = NonNullable<Awaited<ReturnType<typeof repo.findOffer>>>;

/** Input of a new offer. */
export interface CreateOfferInput {
  id: string; name: string; type: OfferType; categories: string[]; summary: string; shortDescription: string; description: string;
  links?: LinkRow[]; documents?: LinkRow[]; partnerResources?: PartnerResourcesRow;
  contacts: { support: ContactRow; engineering: ContactRow; cspProgram?: ContactRow | null };
  cspAudience: CspAudience; authorizedPartnerIds?: string[];
}

/** Changes to an offer; the id and the audience are not among them. */
export interface UpdateOfferInput {
  name?: string; type?: OfferType; categories?: string[]; summary?: string; shortDescription?: string; description?: string;
  links?: LinkRow[]; documents?: LinkRow[]; partnerResources?: PartnerResourcesRow;
  contacts?: { support?: ContactRow; engineering?: ContactRow; cspProgram?: ContactRow | null };
}

/** Input of a new plan. */
export interface PlanInput {
  id: string; name: string; description?: string; billing: 'license' | 'usage'; billingCycles: string[]; terms: string[];
  minQuantity: number; maxQuantity: number; trialDays?: number; prices: PriceRow[];
}

/** Input of a new agreement version. */
export interface AgreementInput { title: string; body: string; commitments: Commitments }

/** Presents a plan; exported so subscriptions can show the plan a sale is checked against. */
export function presentPlan(p: PlanRow): PresentedPlan {
  return {
    id: p.id, name: p.name, description: p.description, billing: p.billing, billingCycles: p.billing_cycles, terms: p.terms,
    minQuantity: p.min_quantity, maxQuantity: p.max_quantity, trialDays: p.trial_days, prices: p.prices,
  };
}

function presentAgreement(a: Selectable<AgreementsTable>): PresentedAgreement {
  return {
    id: a.id, offerId: a.offer_id, version: a.version, title: a.title, body: a.body,
    commitments: a.commitments, publishedAt: a.published_at.toISOString(), publishedBy: a.published_by,
  };
}

type OfferRowFlags = Pick<OfferWithViewerFlags, 'on_list' | 'reseller_listed'>;

/** Whether the viewer is "listed" on the offer: its organization, or for a provider an active reseller of it. */
function isListed(o: OfferRowFlags): boolean {
  return o.on_list || o.reseller_listed;
}

/** How the offer's audience reads for the viewer. */
function availabilityOf(o: OfferRowFlags & { csp_audience: CspAudience }, viewer: Viewer): Availability {
  return availabilityFor({ resells: viewer.orgKind === 'partner' }, o.csp_audience, isListed(o));
}

function presentSummary(o: OfferWithViewerFlags, viewer: Viewer, availability = availabilityOf(o, viewer)): PresentedOfferSummary {
  return {
    id: o.id, name: o.name, type: o.type, categories: o.categories, summary: o.summary, shortDescription: o.short_description,
    publisher: { id: o.publisher_id, name: o.publisher_name }, cspAudience: o.csp_audience,
    availability,
    availableToPartners: o.csp_audience !== 'none',
    exclusive: availability.exclusive,
    optedIn: viewer.orgKind === 'partner' ? o.opted_in : null,
  };
}

function presentContact(c: ContactRow): PresentedContact {
  return {
    name: c.name, email: c.email, phone: c.phone,
    ...(c.website !== undefined ? { website: c.website } : {}),
    ...(c.marketingMaterialsUrl !== undefined ? { marketingMaterialsUrl: c.marketingMaterialsUrl } : {}),
  };
}

/** Splits keywords so the last word also matches as a prefix ("conto" finds "Contoso"). */
function parseSearch(q: string): { full: string; rest: string; prefix: string | null } {
  const words = q.trim().split(/\s+/).filter((w) => w.length > 0);
  const last = words[words.length - 1] ?? '';
  const prefix = last.startsWith('-') ? '' : last.replace(/[^\p{L}\p{N}]/gu, '');
  return { full: q.trim(), rest: words.slice(0, -1).join(' '), prefix: prefix.length > 0 ? prefix.toLowerCase() : null };
}

/** Reads, in the caller's transaction, what a sale of an offer must check; undefined when there is no such offer. */
export async function readOfferForSale(tx: Tx, viewer: Viewer, offerId: string): Promise<OfferForSale | undefined> {
  const offer = await repo.findOffer(tx, viewer, offerId);
  if (!offer) return undefined;
  const [authorized, plans, agreement] = await Promise.all([
    repo.listAuthorizedPartners(tx, offerId),
    repo.listPlans(tx, offerId),
    repo.findCurrentAgreement(tx, offerId),
  ]);
  return {
    offerId: offer.id, publisherId: offer.publisher_id, audience: offer.csp_audience, authorizedPartnerIds: authorized,
    plans: plans.map(presentPlan), currentAgreementVersion: agreement?.version ?? null,
  };
}

/** Whether a partner opted in to resell an offer, in the caller's transaction (its own, or an active reseller's for a provider). */
export async function isPartnerOptedIn(tx: Tx, viewer: Viewer, offerId: string, partnerId: string): Promise<boolean> {
  return repo.isOptedIn(tx, offerId, partnerId);
}

/**
 * For cases: the offer's support contact (name, e-mail, phone, website), in the caller's
 * transaction; null when there is none the viewer may see (the row policy hides ISV contacts
 * from customers).
 */
export async function readOfferSupportContact(tx: Tx, viewer: Viewer, offerId: string): Promise<PresentedContact | null> {
  const contacts = await repo.findContacts(tx, offerId);
  return contacts ? presentContact(contacts.support) : null;
}

/** One agreement version of a publisher's own offer, for the SLA context (its SLA is stated there). */
export interface OwnAgreementVersion {
  offerId: string; offerName: string; version: number; commitments: Commitments; publishedAt: Date; publishedBy: string | null;
}

/** Every agreement version of the viewer's own offers (a publisher's), in the caller's transaction: by offer, newest first. */
export async function listOwnAgreements(tx: Tx, viewer: Viewer): Promise<OwnAgreementVersion[]> {
  return (await repo.listOwnAgreements(tx, viewer)).map((a) => ({
    offerId: a.offer_id, offerName: a.offer_name, version: a.version, commitments: a.commitments, publishedAt: a.published_at, publishedBy: a.published_by,
  }));
}

/** Holds sales of an offer against a concurrent audience change for the rest of the transaction. */
export async function holdOfferForSale(tx: Tx, offerId: string): Promise<void> {
  await repo.lockOfferSales(tx, offerId, 'sale');
}

/** Builds the catalog use cases over a database. */
export function createCatalogService(deps: {
  db: Database;
  /** The partners named on any subscription of the offer (partner, provider or reseller of record). */
  listResoldPartnerIds: (tx: Tx, viewer: Viewer, offerId: string) => Promise<string[]>;
  /** Whether the viewer's organization takes part in a case about the offer, in any status (the inbox's read model). */
  takesPartInCaseAboutOffer: (tx: Tx, viewer: Viewer, offerId: string) => Promise<boolean>;
  /** The clock and the id source (default: the system's). */
  now?: () => Date; newId?: NewId;
}) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? defaultNewId;

  /** The viewer's own offer, for a change: 404 when missing, 403 when not the viewer's to change. */
  async function ownOffer(tx: Tx, viewer: Viewer, offerId: string, action: string): Promise<OfferWithViewerFlags> {
    const offer = await repo.findOffer(tx, viewer, offerId);
    if (!offer) throw offerNotFound();
    if (!can(viewer, 'catalog.manage_offers') || offer.publisher_id !== viewer.orgId) throw permissionDenied(action);
    return offer;
  }

  /** Refuses authorized ids that are not partner organizations the viewer can see. */
  async function checkPartners(tx: Tx, viewer: Viewer, ids: readonly string[]): Promise<void> {
    const found = await findOrganizations(tx, ids);
    const partners = new Set([...found.values()].filter((o) => o.kind === 'partner').map((o) => o.id));
    const bad = ids.filter((id) => !partners.has(id));
    if (bad.length > 0) throw invalid([{ field: 'authorizedPartnerIds', message: `are not partner organizations: ${bad.join(', ')}` }]);
  }

  /**
   * The viewer's organization works cases of the offer: a partner of record of one of its
   * subscriptions (any status), or a participant of a case about it. Asked only of viewers the
   * marketplace does not let in.
   */
  async function worksCasesOfOffer(tx: Tx, viewer: Viewer, offerId: string): Promise<boolean> {
    if (viewer.orgKind !== 'partner') return false;
    if ((await deps.listResoldPartnerIds(tx, viewer, offerId)).includes(viewer.orgId)) return true;
    return deps.takesPartInCaseAboutOffer(tx, viewer, offerId);
  }

  /** The offer and what the viewer may see of it: 404 when there is no such offer, 403 when it may see nothing of it. */
  async function accessibleOffer(tx: Tx, viewer: Viewer, offerId: string): Promise<{ offer: OfferWithViewerFlags; access: OfferAccess }> {
    const offer = await repo.findOffer(tx, viewer, offerId);
    if (!offer) throw offerNotFound();
    const access = decideOfferAccess(viewer, {
      audience: offer.csp_audience,
      listed: isListed(offer),
      ownOffer: offer.publisher_id === viewer.orgId,
      worksCasesOfOffer: mayDiscoverOffers(viewer) ? false : await worksCasesOfOffer(tx, viewer, offerId),
    });
    if (access.view === null) throw marketplaceDenied(viewer, 'browse');
    return { offer, access };
  }

  /** Product details as the viewer may see them: the marketplace's, or the case-work view. */
  async function details(tx: Tx, viewer: Viewer, offerId: string): Promise<PresentedOfferDetails | PresentedOfferCaseView> {
    const { offer, access } = await accessibleOffer(tx, viewer, offerId);
    if (access.view === 'case_work') {
      const contacts = access.contacts === 'support' ? await repo.findContacts(tx, offerId) : undefined;
      return {
        view: 'case_work', id: offer.id, name: offer.name, type: offer.type, publisher: { id: offer.publisher_id, name: offer.publisher_name },
        ...(contacts ? { supportContact: presentContact(contacts.support) } : {}),
      };
    }
    return marketplaceDetails(tx, viewer, offer, access);
  }

  /** The publisher's own offer, as its changes answer it. */
  async function ownDetails(tx: Tx, viewer: Viewer, offerId: string): Promise<PresentedOfferDetails> {
    const found = await details(tx, viewer, offerId);
    if (found.view !== 'marketplace') throw permissionDenied('read this offer');
    return found;
  }

  /** The marketplace's product details: overview, ISV contacts where allowed, plans with pricing, the current agreement. */
  async function marketplaceDetails(tx: Tx, viewer: Viewer, offer: OfferWithViewerFlags, access: OfferAccess): Promise<PresentedOfferDetails> {
    const offerId = offer.id;
    const seesContacts = access.contacts === 'all';
    const [plans, agreement, contacts, authorized] = await Promise.all([
      repo.listPlans(tx, offerId),
      repo.findCurrentAgreement(tx, offerId),
      seesContacts ? repo.findContacts(tx, offerId) : Promise.resolve(undefined),
      access.authorizedList ? repo.listAuthorizedPartners(tx, offerId) : Promise.resolve(undefined),
    ]);
    const publisher = { id: offer.publisher_id, name: offer.publisher_name };
    const resources = offer.partner_resources;
    return {
      view: 'marketplace',
      ...presentSummary(offer, viewer, access.availability ?? availabilityOf(offer, viewer)),
      ...(authorized ? { authorizedPartnerIds: authorized } : {}),
      overview: {
        description: offer.description,
        publisher,
        links: offer.links,
        documents: offer.documents,
        ...(seesContacts ? {
          partnerResources: {
            userDocumentation: resources.userDocumentation ?? [],
            training: resources.training ?? [],
            salesAndMarketing: resources.salesAndMarketing ?? [],
          },
        } : {}),
        ...(contacts ? {
          contacts: {
            support: presentContact(contacts.support),
            engineering: presentContact(contacts.engineering),
            cspProgram: contacts.csp_program ? presentContact(contacts.csp_program) : null,
          },
        } : {}),
      },
      plans: plans.map(presentPlan),
      agreement: agreement ? presentAgreement(agreement) : null,
      createdAt: offer.created_at.toISOString(),
      updatedAt: offer.updated_at.toISOString(),
    };
  }

  return {
    /** A publisher creates an offer with its contacts and CSP audience. */
    async createOffer(viewer: Viewer, input: CreateOfferInput, idempotencyKey?: string): Promise<Idempotent<PresentedOfferDetails>> {
      if (!can(viewer, 'catalog.manage_offers')) throw permissionDenied('create offers');
      const cspProgram = input.contacts.cspProgram ?? null;
      const problems = contactProblems(input.cspAudience, { support: input.contacts.support, engineering: input.contacts.engineering, cspProgram });
      const authorized = [...new Set(input.authorizedPartnerIds ?? [])].sort();
      if (input.cspAudience !== 'specific' && authorized.length > 0) {
        problems.push({ field: 'authorizedPartnerIds', message: 'are only kept for the `specific` audience' });
      }
      if (problems.length > 0) throw invalid(problems);
      const at = now();
      try {
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'offers.create', input, now: at }, async () => {
          await checkPartners(tx, viewer, authorized);
          const own = (await findOrganizations(tx, [viewer.orgId])).get(viewer.orgId);
          if (!own) throw permissionDenied('create offers');
          await repo.insertOffer(tx, viewer, {
            id: input.id, publisherName: own.name, name: input.name, type: input.type, categories: input.categories,
            summary: input.summary, shortDescription: input.shortDescription, description: input.description,
            links: input.links ?? [], documents: input.documents ?? [], partnerResources: input.partnerResources ?? {},
            cspAudience: input.cspAudience, now: at,
          });
          await repo.upsertContacts(tx, viewer, input.id, { support: input.contacts.support, engineering: input.contacts.engineering, cspProgram });
          await repo.replaceAuthorizedPartners(tx, viewer, input.id, authorized, at);
          await recordAudit(tx, viewer, [{
            action: 'offer.created', subjectType: 'offer', subjectId: input.id,
            changes: createdChanges({ name: input.name, type: input.type, categories: input.categories, cspAudience: input.cspAudience, authorizedPartnerIds: authorized }),
          }]);
          return ownDetails(tx, viewer, input.id);
        }));
      } catch (e) {
        if (isUniqueViolation(e)) throw err('OFFER_ID_TAKEN', `An offer with the id ${input.id} already exists; offer ids are unique and never change.`);
        throw e;
      }
    },

    /** The owning publisher edits an offer; contacts are checked against its current audience. */
    async updateOffer(viewer: Viewer, offerId: string, patch: UpdateOfferInput): Promise<PresentedOfferDetails> {
      return db.withTenant(viewer, async (tx) => {
        const offer = await ownOffer(tx, viewer, offerId, 'edit this offer');
        const contactsBefore = await repo.findContacts(tx, offerId);
        if (patch.contacts) {
          const current = contactsBefore;
          const merged = {
            support: patch.contacts.support ?? current?.support ?? null,
            engineering: patch.contacts.engineering ?? current?.engineering ?? null,
            cspProgram: patch.contacts.cspProgram !== undefined ? patch.contacts.cspProgram : (current?.csp_program ?? null),
          };
          const problems = contactProblems(offer.csp_audience, merged);
          if (problems.length > 0) throw invalid(problems);
          await repo.upsertContacts(tx, viewer, offerId, { support: merged.support!, engineering: merged.engineering!, cspProgram: merged.cspProgram });
        }
        await repo.updateOffer(tx, viewer, offerId, {
          name: patch.name, type: patch.type, categories: patch.categories, summary: patch.summary,
          shortDescription: patch.shortDescription, description: patch.description, links: patch.links,
          documents: patch.documents, partnerResources: patch.partnerResources, now: now(),
        });
        const contactsAfter = patch.contacts ? await repo.findContacts(tx, offerId) : undefined;
        await recordAudit(tx, viewer, [{
          action: 'offer.updated', subjectType: 'offer', subjectId: offerId, skipUnchanged: true,
          changes: diffChanges({
            name: offer.name, type: offer.type, categories: offer.categories, summary: offer.summary, shortDescription: offer.short_description,
            description: offer.description, links: offer.links, documents: offer.documents, partnerResources: offer.partner_resources,
            contacts: contactsBefore ? { support: contactsBefore.support, engineering: contactsBefore.engineering, cspProgram: contactsBefore.csp_program } : null,
          }, {
            name: patch.name, type: patch.type, categories: patch.categories, summary: patch.summary, shortDescription: patch.shortDescription,
            description: patch.description, links: patch.links, documents: patch.documents, partnerResources: patch.partnerResources,
            contacts: contactsAfter ? { support: contactsAfter.support, engineering: contactsAfter.engineering, cspProgram: contactsAfter.csp_program } : undefined,
          }),
        }]);
        return ownDetails(tx, viewer, offerId);
      });
    },

    /**
     * The owning publisher changes who may resell: a partner that has resold the offer can't be
     * deauthorized, and `any` → `specific` keeps every partner that already resold it.
     */
    async setAudience(viewer: Viewer, offerId: string, input: { audience: CspAudience; authorizedPartnerIds?: string[] }): Promise<PresentedAudience> {
      const requested = [...new Set(input.authorizedPartnerIds ?? [])];
      if (input.audience !== 'specific' && requested.length > 0) {
        throw invalid([{ field: 'authorizedPartnerIds', message: 'are only kept for the `specific` audience' }]);
      }
      return db.withTenant(viewer, async (tx) => {
        await ownOffer(tx, viewer, offerId, 'change who may resell this offer');
        await repo.lockOfferSales(tx, offerId, 'change');
        const offer = (await repo.findOffer(tx, viewer, offerId))!;
        await checkPartners(tx, viewer, requested);
        const contacts = await repo.findContacts(tx, offerId);
        const problems = contactProblems(input.audience, {
          support: contacts?.support ?? null, engineering: contacts?.engineering ?? null, cspProgram: contacts?.csp_program ?? null,
        });
        if (problems.length > 0) throw invalid(problems);
        const authorizedBefore = await repo.listAuthorizedPartners(tx, offerId);
        const decision = decideAudienceChange({
          current: offer.csp_audience,
          currentAuthorized: authorizedBefore,
          next: input.audience,
          requestedAuthorized: requested,
          resoldPartnerIds: await deps.listResoldPartnerIds(tx, viewer, offerId),
        });
        if (!decision.ok) {
          const orgs = await findOrganizations(tx, decision.partnerIds);
          const names = decision.partnerIds.map((id) => orgs.get(id)?.name ?? id);
          throw err('RESOLD_PARTNER_DEAUTHORIZED', {
            en: `These partners have resold the offer and can't lose the right to resell it: ${names.join(', ')}.`,
            ko: `다음 파트너는 이 제품을 재판매했으므로 재판매 권한을 잃을 수 없습니다: ${names.join(', ')}.`,
          }, {
            partnerIds: decision.partnerIds,
            partners: decision.partnerIds.map((id, i) => ({ id, name: names[i] })),
          });
        }
        const at = now();
        await repo.updateOffer(tx, viewer, offerId, { cspAudience: decision.audience, now: at });
        await repo.replaceAuthorizedPartners(tx, viewer, offerId, decision.authorizedPartnerIds, at);
        await recordAudit(tx, viewer, [{
          action: 'offer.audience_changed', subjectType: 'offer', subjectId: offerId, skipUnchanged: true,
          changes: diffChanges(
            { cspAudience: offer.csp_audience, authorizedPartnerIds: [...authorizedBefore].sort() },
            { cspAudience: decision.audience, authorizedPartnerIds: [...decision.authorizedPartnerIds].sort() }),
        }]);
        return { offerId, cspAudience: decision.audience, authorizedPartnerIds: decision.authorizedPartnerIds };
      });
    },

    /** The owning publisher adds a plan. */
    async addPlan(viewer: Viewer, offerId: string, input: PlanInput, idempotencyKey?: string): Promise<Idempotent<PresentedPlan>> {
      const problems = planProblems(input);
      try {
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'plans.create', input: { offerId, ...input }, now: now() }, async () => {
          await ownOffer(tx, viewer, offerId, 'add plans to this offer');
          if (problems.length > 0) throw invalid(problems);
          await repo.insertPlan(tx, viewer, offerId, input.id, {
            name: input.name, description: input.description ?? '', billing: input.billing, billingCycles: input.billingCycles,
            terms: input.terms, minQuantity: input.minQuantity, maxQuantity: input.maxQuantity, trialDays: input.trialDays ?? 0,
            prices: input.prices,
          }, now());
          const plan = presentPlan((await repo.findPlan(tx, offerId, input.id))!);
          const { id: _planId, ...fields } = plan;
          await recordAudit(tx, viewer, [{ action: 'plan.created', subjectType: 'plan', subjectId: `${offerId}/${input.id}`, changes: createdChanges(fields) }]);
          return plan;
        }));
      } catch (e) {
        if (isUniqueViolation(e)) throw err('PLAN_ID_TAKEN', `The offer already has a plan ${input.id}.`);
        throw e;
      }
    },

    /** The owning publisher changes a plan; existing subscriptions keep what they bought. */
    async updatePlan(viewer: Viewer, offerId: string, planId: string, patch: Partial<Omit<PlanInput, 'id'>>): Promise<PresentedPlan> {
      return db.withTenant(viewer, async (tx) => {
        await ownOffer(tx, viewer, offerId, 'change plans of this offer');
        const current = await repo.findPlan(tx, offerId, planId);
        if (!current) throw err('PLAN_NOT_FOUND', 'No such plan.');
        const next = {
          name: patch.name ?? current.name, description: patch.description ?? current.description,
          billing: patch.billing ?? current.billing, billingCycles: patch.billingCycles ?? current.billing_cycles,
          terms: patch.terms ?? current.terms, minQuantity: patch.minQuantity ?? current.min_quantity,
          maxQuantity: patch.maxQuantity ?? current.max_quantity, trialDays: patch.trialDays ?? current.trial_days,
          prices: patch.prices ?? current.prices,
        };
        const problems = planProblems(next);
        if (problems.length > 0) throw invalid(problems);
        const before = presentPlan(current);
        await repo.updatePlan(tx, viewer, offerId, planId, next);
        const after = presentPlan((await repo.findPlan(tx, offerId, planId))!);
        await recordAudit(tx, viewer, [{ action: 'plan.updated', subjectType: 'plan', subjectId: `${offerId}/${planId}`, changes: diffChanges(before, after), skipUnchanged: true }]);
        return after;
      });
    },

    /** The owning publisher publishes a new agreement version; earlier versions stay as they were. */
    async publishAgreement(viewer: Viewer, offerId: string, input: AgreementInput, idempotencyKey?: string): Promise<Idempotent<PresentedAgreement>> {
      const problems = commitmentProblems(input.commitments);
      const calendarProblems = agreementCalendarProblems(input.commitments);
      try {
        return await db.withTenant(viewer, (tx) => runIdempotent(tx, viewer, { key: idempotencyKey, operation: 'agreements.publish', input: { offerId, ...input }, now: now() }, async () => {
          await ownOffer(tx, viewer, offerId, 'publish agreements for this offer');
          if (problems.length > 0) throw invalid(problems);
          if (calendarProblems.length > 0) throw invalidCalendar(calendarProblems);
          const versions = (await repo.listAgreements(tx, offerId)).map((a) => a.version);
          const id = newId('agreement', now().getTime());
          await repo.insertAgreement(tx, viewer, {
            id, offerId, version: nextAgreementVersion(versions), title: input.title, body: input.body,
            commitments: input.commitments, now: now(),
          });
          const agreement = presentAgreement((await repo.findCurrentAgreement(tx, offerId))!);
          await recordAudit(tx, viewer, [{
            action: 'agreement.published', subjectType: 'agreement', subjectId: id,
            changes: createdChanges({ offerId, version: agreement.version, title: input.title, commitments: input.commitments }),
          }]);
          return agreement;
        }));
      } catch (e) {
        if (isUniqueViolation(e)) throw err('AGREEMENT_VERSION_CONFLICT', 'Another version was published at the same moment; publish again.');
        throw e;
      }
    },

    /**
     * Every version of an offer's agreement, newest first: on the marketplace, and on the case-work
     * view (a case is worked under the support commitments of the version its subscription accepted).
     */
    async listAgreements(viewer: Viewer, offerId: string): Promise<{ items: PresentedAgreement[] }> {
      return db.withTenant(viewer, async (tx) => {
        await accessibleOffer(tx, viewer, offerId);
        return { items: (await repo.listAgreements(tx, offerId)).map(presentAgreement) };
      });
    },

    /** A partner opts in to resell an offer available to it; opting in twice keeps the first. */
    async optIn(viewer: Viewer, offerId: string): Promise<PresentedOptIn> {
      return db.withTenant(viewer, async (tx) => {
        const offer = await repo.findOffer(tx, viewer, offerId);
        if (!offer) throw offerNotFound();
        if (!mayOptIn(viewer)) throw marketplaceDenied(viewer, 'opt_in');
        const availability = availabilityOf(offer, viewer);
        if (!availability.toYou) {
          throw new AppError('OPT_IN_NOT_ALLOWED', availability.message, { cspAudience: offer.csp_audience, reason: availability.reason });
        }
        const existed = await repo.findOptIn(tx, viewer, offerId);
        await repo.insertOptIn(tx, viewer, offerId, offer.publisher_id, now());
        const row = (await repo.findOptIn(tx, viewer, offerId))!;
        if (!existed) await recordAudit(tx, viewer, [{ action: 'offer_optin.created', subjectType: 'offer', subjectId: offerId, changes: { optedIn: { before: false, after: true } } }]);
        return { offerId, partnerId: row.partner_id, optedInBy: row.opted_in_by, optedInAt: row.opted_in_at.toISOString() };
      });
    },

    /** A partner opts out: it stops selling the offer; existing subscriptions go on. */
    async optOut(viewer: Viewer, offerId: string): Promise<void> {
      await db.withTenant(viewer, async (tx) => {
        if (!(await repo.findOffer(tx, viewer, offerId))) throw offerNotFound();
        if (!mayOptIn(viewer)) throw marketplaceDenied(viewer, 'opt_in');
        const existed = await repo.findOptIn(tx, viewer, offerId);
        await repo.deleteOptIn(tx, viewer, offerId);
        if (existed) await recordAudit(tx, viewer, [{ action: 'offer_optin.removed', subjectType: 'offer', subjectId: offerId, changes: { optedIn: { before: true, after: false } } }]);
      });
    },

    /** Discovery: keywords over name, summary and publisher, filters, cursor pages. */
    async listOffers(viewer: Viewer, q: { q?: string; type?: OfferType; category?: string; publisherId?: string; cursor?: string; limit: number }): Promise<Page<PresentedOfferSummary>> {
      if (!mayDiscoverOffers(viewer)) throw marketplaceDenied(viewer, 'browse');
      const search = q.q !== undefined && q.q.trim().length > 0 ? parseSearch(q.q) : undefined;
      const after = search ? readCursor(q.cursor, ['number', 'string']) : readCursor(q.cursor, ['string', 'string']);
      const rows = await db.withTenant(viewer, (tx) => repo.listOffers(tx, viewer, {
        search, type: q.type, category: q.category, publisherId: q.publisherId, limit: q.limit,
        afterRank: search && after ? [after[0] as number, after[1]] : undefined,
        afterName: !search && after ? [after[0] as string, after[1]] : undefined,
      }));
      return toPage(rows, q.limit, (r) => (search ? [r.rank, r.id] : [r.sort_name, r.id]), (r) => presentSummary(r, viewer));
    },

    /**
     * Product details — overview, plans with pricing, the current agreement; contacts only for those
     * allowed — or, for a partner role that works the offer's cases, the case-work view.
     */
    async getOffer(viewer: Viewer, offerId: string): Promise<PresentedOfferDetails | PresentedOfferCaseView> {
      return db.withTenant(viewer, (tx) => details(tx, viewer, offerId));
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
