/** Request and response schemas of the catalog routes (also the OpenAPI source). */
import { Type } from 'typebox';
import { SupportCalendarSchema } from '../../core/business-calendar.ts';
import {
  AVAILABILITY_REASONS, BILLING_CYCLES, BILLING_MODELS, CATEGORY_BOUNDS, CSP_AUDIENCES, OFFER_ID_PATTERN, OFFER_TYPES, TERMS,
} from '../../core/catalog-rules.ts';
import { IdParam, IsoDate } from '../../http/schemas.ts';

/** An offer id as publishers choose it. */
export const OfferIdSchema = Type.String({ pattern: OFFER_ID_PATTERN, description: 'Lowercase letters, digits, `-` and `_`; at most 50; never changes' });
/** A plan id, unique within its offer. */
export const PlanIdSchema = Type.String({ pattern: OFFER_ID_PATTERN, description: 'Lowercase letters, digits, `-` and `_`; at most 50; unique in its offer' });
/** The kinds of offer the marketplace sells. */
export const OfferTypeSchema = Type.Enum([...OFFER_TYPES]);
/** Which partners may resell an offer. */
export const CspAudienceSchema = Type.Enum([...CSP_AUDIENCES]);
/** A category slug; discovery filters by it. */
export const Category = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'A category slug, e.g. `security`' });

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 ()./x-]{2,39}$', description: 'Digits, spaces and ()./x-, optionally starting with +' });

/** A titled link (useful links, documents, partner resources). */
export const Link = Type.Object({ title: Text(200), url: Url }, { additionalProperties: false });
const Links = Type.Array(Link, { maxItems: 50 });

/** Materials for partners, shown only with ISV contacts. */
export const PartnerResources = Type.Object({
  userDocumentation: Type.Optional(Links),
  training: Type.Optional(Links),
  salesAndMarketing: Type.Optional(Links),
}, { additionalProperties: false });

/** The ISV support contact: every field required, the website included. */
export const SupportContact = Type.Object({ name: Text(200), email: Email, phone: Phone, website: Url }, { additionalProperties: false });
/** The ISV engineering contact. */
export const EngineeringContact = Type.Object({ name: Text(200), email: Email, phone: Phone }, { additionalProperties: false });
/** The CSP program contact, required while partners may resell. */
export const CspProgramContact = Type.Object({ name: Text(200), email: Email, phone: Phone, marketingMaterialsUrl: Url }, { additionalProperties: false });

const Categories = Type.Array(Category, { minItems: CATEGORY_BOUNDS.min, maxItems: CATEGORY_BOUNDS.max, uniqueItems: true });
const PartnerIds = Type.Array(IdParam, { maxItems: 500, uniqueItems: true, description: 'Partner organizations authorized to resell (audience `specific`)' });

/** Body of POST /offers: every field of an offer but plans and agreements, which have their own routes. */
export const CreateOfferBody = Type.Object({
  id: OfferIdSchema,
  name: Text(200),
  type: OfferTypeSchema,
  categories: Categories,
  summary: Text(200),
  shortDescription: Text(1000),
  description: Text(20000),
  links: Type.Optional(Links),
  documents: Type.Optional(Links),
  partnerResources: Type.Optional(PartnerResources),
  contacts: Type.Object({
    support: SupportContact,
    engineering: EngineeringContact,
    cspProgram: Type.Optional(Type.Union([CspProgramContact, Type.Null()])),
  }, { additionalProperties: false }),
  cspAudience: CspAudienceSchema,
  authorizedPartnerIds: Type.Optional(PartnerIds),
}, { additionalProperties: false });

/** Body of PATCH /offers/:offerId: the id never changes, and the audience has its own route. */
export const UpdateOfferBody = Type.Object({
  name: Type.Optional(Text(200)),
  type: Type.Optional(OfferTypeSchema),
  categories: Type.Optional(Categories),
  summary: Type.Optional(Text(200)),
  shortDescription: Type.Optional(Text(1000)),
  description: Type.Optional(Text(20000)),
  links: Type.Optional(Links),
  documents: Type.Optional(Links),
  partnerResources: Type.Optional(PartnerResources),
  contacts: Type.Optional(Type.Object({
    support: Type.Optional(SupportContact),
    engineering: Type.Optional(EngineeringContact),
    cspProgram: Type.Optional(Type.Union([CspProgramContact, Type.Null()])),
  }, { additionalProperties: false, minProperties: 1 })),
}, { additionalProperties: false, minProperties: 1 });

/** Body of PUT /offers/:offerId/audience. */
export const SetAudienceBody = Type.Object({
  audience: CspAudienceSchema,
  authorizedPartnerIds: Type.Optional(PartnerIds),
}, { additionalProperties: false });

const Price = Type.Object({
  market: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country where the plan is sold' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' }),
  amount: Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,4})?$', description: 'Decimal amount per unit and billing cycle, e.g. `12.00`' }),
}, { additionalProperties: false });

const planFields = {
  name: Text(200),
  description: Type.String({ maxLength: 5000 }),
  billing: Type.Enum([...BILLING_MODELS]),
  billingCycles: Type.Array(Type.Enum([...BILLING_CYCLES]), { minItems: 1, maxItems: BILLING_CYCLES.length }),
  terms: Type.Array(Type.Enum([...TERMS]), { minItems: 1, maxItems: TERMS.length }),
  minQuantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  maxQuantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  trialDays: Type.Integer({ minimum: 0, maximum: 365 }),
  prices: Type.Array(Price, { minItems: 1, maxItems: 250 }),
};

/** Body of POST /offers/:offerId/plans. */
export const CreatePlanBody = Type.Object({
  id: PlanIdSchema,
  name: planFields.name,
  description: Type.Optional(planFields.description),
  billing: planFields.billing,
  billingCycles: planFields.billingCycles,
  terms: planFields.terms,
  minQuantity: planFields.minQuantity,
  maxQuantity: planFields.maxQuantity,
  trialDays: Type.Optional(planFields.trialDays),
  prices: planFields.prices,
}, { additionalProperties: false });

/** Body of PATCH /offers/:offerId/plans/:planId. */
export const UpdatePlanBody = Type.Object({
  name: Type.Optional(planFields.name),
  description: Type.Optional(planFields.description),
  billing: Type.Optional(planFields.billing),
  billingCycles: Type.Optional(planFields.billingCycles),
  terms: Type.Optional(planFields.terms),
  minQuantity: Type.Optional(planFields.minQuantity),
  maxQuantity: Type.Optional(planFields.maxQuantity),
  trialDays: Type.Optional(planFields.trialDays),
  prices: Type.Optional(planFields.prices),
}, { additionalProperties: false, minProperties: 1 });

const Minutes = Type.Integer({ minimum: 1, maximum: 525_600, description: 'Minutes' });
const PerSeverity = Type.Object({ critical: Minutes, moderate: Minutes, minimal: Minutes }, { additionalProperties: false });

/** The support hours an agreement version states, in which the publisher's SLA clocks run (the core's calendar schema, inlined). */
const AgreementCalendar = Type.Object(SupportCalendarSchema.properties, {
  additionalProperties: false,
  description: 'The support hours as a calendar: an IANA time zone (the same as `timeZone`), same-day windows per weekday, holidays. Without one, the SLA clocks read `supportHours` (`24x7`, `Mon-Fri 09:00-18:00`, …) and fall back to Mon–Fri 09:00–18:00 in `timeZone`',
});

/** The ISV's support commitments an agreement version defines. */
export const Commitments = Type.Object({
  firstResponseMinutes: PerSeverity,
  resolutionMinutes: PerSeverity,
  supportHours: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. `24x7` or `Mon-Fri 09:00-18:00`' }),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the support hours' }),
  calendar: Type.Optional(AgreementCalendar),
  criticalAroundTheClock: Type.Optional(Type.Boolean({ description: 'Critical cases count every minute, whatever the calendar says (default false)' })),
}, { additionalProperties: false });

/** Body of POST /offers/:offerId/agreements. */
export const PublishAgreementBody = Type.Object({
  title: Text(200),
  body: Text(200_000),
  commitments: Commitments,
}, { additionalProperties: false });

/** Discovery filters of GET /offers. */
export const OfferQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Keywords over name, summary and publisher; the last word also matches as a prefix' })),
  type: Type.Optional(OfferTypeSchema),
  category: Type.Optional(Category),
  publisherId: Type.Optional(IdParam),
});

const Publisher = Type.Object({ id: Type.String(), name: Type.String() });
const LinkOut = Type.Object({ title: Type.String(), url: Type.String() });
const LocalizedText = Type.Object({ en: Type.String(), ko: Type.String() }, { description: 'The same text in English and Korean' });

/** How an offer's CSP audience reads for the viewer. */
export const Availability = Type.Object({
  toYou: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'Whether your organization may resell the offer (for an indirect provider: itself or one of its active resellers is authorized); null for organizations that do not resell (customers, publishers, the operator)',
  }),
  reason: Type.Union([Type.Enum([...AVAILABILITY_REASONS]), Type.Null()], {
    description: 'Why it is not available to you: `exclusive_to_other_partners` (the audience is `specific` and you are not on the list) or `not_available_to_partners` (the audience is `none`) — the purchasability reasons of the same name; null when it is, or for organizations that do not resell',
  }),
  exclusive: Type.Boolean({ description: 'The audience is `specific` and you are on its list: the offer is exclusive to a few partners, yours among them' }),
  message: LocalizedText,
}, { $id: 'Availability', title: 'Availability' });

/** An offer as discovery lists it. */
export const OfferSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: OfferTypeSchema,
  categories: Type.Array(Type.String()),
  summary: Type.String(),
  shortDescription: Type.String(),
  publisher: Publisher,
  cspAudience: CspAudienceSchema,
  availability: Type.Ref('Availability'),
  availableToPartners: Type.Boolean({
    deprecated: true,
    description: 'Deprecated: read `availability`. Whether any partner may resell it (the audience is not `none`) — not whether your organization may',
  }),
  exclusive: Type.Boolean({ deprecated: true, description: 'Deprecated: read `availability.exclusive` (the same value)' }),
  optedIn: Type.Union([Type.Boolean(), Type.Null()], { description: 'For partners: whether you opted in; null for others' }),
}, { $id: 'OfferSummary', title: 'OfferSummary' });

/** A plan with its pricing per market. */
export const Plan = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  billing: Type.Enum([...BILLING_MODELS]),
  billingCycles: Type.Array(Type.String()),
  terms: Type.Array(Type.String()),
  minQuantity: Type.Integer(),
  maxQuantity: Type.Integer(),
  trialDays: Type.Integer(),
  prices: Type.Array(Type.Object({ market: Type.String(), currency: Type.String(), amount: Type.String() })),
}, { $id: 'Plan', title: 'Plan' });

/** One version of a third-party customer agreement. */
export const Agreement = Type.Object({
  id: Type.String(),
  offerId: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  commitments: Type.Object({
    firstResponseMinutes: Type.Object({ critical: Type.Integer(), moderate: Type.Integer(), minimal: Type.Integer() }),
    resolutionMinutes: Type.Object({ critical: Type.Integer(), moderate: Type.Integer(), minimal: Type.Integer() }),
    supportHours: Type.String(),
    timeZone: Type.String(),
    calendar: Type.Optional(AgreementCalendar),
    criticalAroundTheClock: Type.Optional(Type.Boolean()),
  }),
  publishedAt: IsoDate,
  publishedBy: Type.Union([Type.String(), Type.Null()], { description: 'The user who published it; null for versions published before it was recorded' }),
}, { $id: 'Agreement', title: 'Agreement' });

const ContactOut = Type.Object({
  name: Type.String(), email: Type.String(), phone: Type.String(),
  website: Type.Optional(Type.String()), marketingMaterialsUrl: Type.Optional(Type.String()),
});

/** The product details view. */
export const OfferDetails = Type.Object({
  view: Type.Literal('marketplace', { description: 'The marketplace\'s product details (partner global_admin and admin_agent, publishers, the operator, customers)' }),
  ...OfferSummary.properties,
  authorizedPartnerIds: Type.Optional(Type.Array(Type.String(), { description: 'Only for the publisher and the operator' })),
  overview: Type.Object({
    description: Type.String(),
    publisher: Publisher,
    links: Type.Array(LinkOut),
    documents: Type.Array(LinkOut),
    partnerResources: Type.Optional(Type.Object({
      userDocumentation: Type.Array(LinkOut), training: Type.Array(LinkOut), salesAndMarketing: Type.Array(LinkOut),
    }, { description: 'Only for viewers allowed to see ISV contacts' })),
    contacts: Type.Optional(Type.Object({
      support: ContactOut, engineering: ContactOut, cspProgram: Type.Union([ContactOut, Type.Null()]),
    }, { description: 'ISV contacts: never shown to customers' })),
  }),
  plans: Type.Array(Type.Ref('Plan')),
  agreement: Type.Union([Type.Ref('Agreement'), Type.Null()], { description: 'The current version of the third-party customer agreement' }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
}, { $id: 'OfferDetails', title: 'OfferDetails' });

/**
 * What a partner role that may not browse the marketplace (helpdesk_agent, sales_agent,
 * billing_admin) sees of an offer its organization has a subscription of or a case about.
 */
export const OfferCaseView = Type.Object({
  view: Type.Literal('case_work', { description: 'The case-work view: what the cases of your roles need of the offer, and no more' }),
  id: Type.String(),
  name: Type.String(),
  type: OfferTypeSchema,
  publisher: Publisher,
  supportContact: Type.Optional(Type.Object(ContactOut.properties, { description: 'The ISV support contact, for roles that forward and follow technical cases (helpdesk_agent)' })),
}, { $id: 'OfferCaseView', title: 'OfferCaseView' });

/** Who may resell an offer, as the publisher set it. */
export const Audience = Type.Object({
  offerId: Type.String(),
  cspAudience: CspAudienceSchema,
  authorizedPartnerIds: Type.Array(Type.String()),
});

/** A partner's opt-in to resell an offer. */
export const OptIn = Type.Object({
  offerId: Type.String(),
  partnerId: Type.String(),
  optedInBy: Type.String(),
  optedInAt: IsoDate,
});

/** The offer of a route. */
export const OfferParams = Type.Object({ offerId: OfferIdSchema });
/** The plan of a route. */
export const PlanParams = Type.Object({ offerId: OfferIdSchema, planId: PlanIdSchema });
