/**
 * The demo data: what every new user of Switchboard sees first. A small but complete channel —
 * one operator, four ISVs with ten offers of every type, two distributors with three resellers
 * each, a direct partner, thirty customers in five countries, and subscriptions in every status.
 * Plain constants that name each other by key; demo.service.ts turns keys into ids, checks the
 * references and writes the rows.
 *
 * Terminology:
 * - key: a readable handle of a demo organization (`northwind-direct`), used only to link the
 *   records below; the database gets generated ids. Offers and plans keep their slugs as ids.
 * - days ago: every date is relative to the moment of loading, so the data always looks recent
 *   and its history stays in order (joined → related → opted in → bought → activated → cancelled).
 * - seller: the direct partner or the reseller that sells to a customer (catalog-rules.ts).
 */
import type { BillingModel, CspAudience, OfferType, SubscriptionStatus } from '../core/catalog-rules.ts';
import type { OrgKind, PartnerModel, Role } from '../core/parties.ts';
import type { CommitmentsRow, ContactRow, LinkRow, PartnerResourcesRow, PriceRow } from '../db/schema.ts';
import { BASTION_SENTINEL_V2_CALENDAR } from './demo-sla.data.ts';

/** An operator, publisher or partner organization of the demo. */
export interface DemoOrganization {
  key: string;
  kind: Exclude<OrgKind, 'customer'>;
  name: string;
  partnerModel: PartnerModel | null;
  country: string;
  /** Its e-mail and web domain, always under `.example` so nothing reaches a real mailbox. */
  domain: string;
  inGoodStanding: boolean;
  joinedDaysAgo: number;
}

/** A customer, with the one partner (direct or reseller) it buys from. */
export interface DemoCustomer {
  key: string;
  name: string;
  country: string;
  domain: string;
  seller: string;
  /** When the customer relationship (and the customer's organization) began. */
  sinceDaysAgo: number;
}

/** A user who can sign in with the demo password. */
export interface DemoUser {
  org: string;
  email: string;
  name: string;
  roles: Role[];
  locale: 'en' | 'ko';
}

/** A provider–reseller relationship at some point of its life. */
export interface DemoIndirectRelationship {
  provider: string;
  reseller: string;
  status: 'invited' | 'active' | 'ended';
  invitedDaysAgo: number;
  acceptedDaysAgo: number | null;
  endedDaysAgo: number | null;
  endedBy: 'provider' | 'reseller' | null;
}

/** A plan of an offer; `prices` are also the markets it can be sold in. */
export interface DemoPlan {
  id: string;
  name: string;
  description: string;
  billing: BillingModel;
  billingCycles: string[];
  terms: string[];
  minQuantity: number;
  maxQuantity: number;
  trialDays: number;
  prices: PriceRow[];
}

/** One published version of an offer's third-party customer agreement. */
export interface DemoAgreement {
  version: number;
  title: string;
  body: string;
  commitments: CommitmentsRow;
  publishedDaysAgo: number;
}

/** An offer with everything the product details page shows. */
export interface DemoOffer {
  id: string;
  publisher: string;
  name: string;
  type: OfferType;
  categories: string[];
  summary: string;
  shortDescription: string;
  description: string;
  links: LinkRow[];
  documents: LinkRow[];
  partnerResources: PartnerResourcesRow;
  audience: CspAudience;
  /** Partner keys; only for the `specific` audience. */
  authorizedPartners: string[];
  contacts: { support: ContactRow; engineering: ContactRow; cspProgram: ContactRow | null };
  createdDaysAgo: number;
  plans: DemoPlan[];
  agreements: DemoAgreement[];
}

/** The offers a partner opted in to resell, and when. */
export interface DemoOptins {
  partner: string;
  offers: string[];
  daysAgo: number;
}

/**
 * A subscription. The market is the customer's country, the partner of record follows from the
 * customer's seller (a reseller's provider is its active one), the buyer is the seller's agent,
 * and the agreement version is the one in force on the day of purchase.
 */
export interface DemoSubscription {
  customer: string;
  offer: string;
  plan: string;
  quantity: number;
  status: SubscriptionStatus;
  billingCycle: string;
  term: string;
  boughtDaysAgo: number;
  activatedDaysAgo: number | null;
  cancelledDaysAgo: number | null;
  /** Indirect only: the provider is the support contact unless this says the reseller. */
  supportContact?: 'provider' | 'reseller';
}

/** The marketplace operator. */
export const DEMO_OPERATOR: DemoOrganization = {
  key: 'switchboard', kind: 'operator', name: 'Switchboard Marketplace', partnerModel: null,
  country: 'US', domain: 'switchboard.example', inGoodStanding: true, joinedDaysAgo: 900,
};

/** The four ISVs; the first one has a user for every publisher role. */
export const DEMO_PUBLISHERS: DemoOrganization[] = [
  { key: 'bastion-labs', kind: 'publisher', name: 'Bastion Labs', partnerModel: null, country: 'US', domain: 'bastionlabs.example', inGoodStanding: true, joinedDaysAgo: 700 },
  { key: 'fathom-analytics', kind: 'publisher', name: 'Fathom Analytics', partnerModel: null, country: 'GB', domain: 'fathomanalytics.example', inGoodStanding: true, joinedDaysAgo: 650 },
  { key: 'hanbit-data', kind: 'publisher', name: 'Hanbit Data', partnerModel: null, country: 'KR', domain: 'hanbitdata.example', inGoodStanding: true, joinedDaysAgo: 600 },
  { key: 'tidewater', kind: 'publisher', name: 'Tidewater Software', partnerModel: null, country: 'DE', domain: 'tidewater.example', inGoodStanding: true, joinedDaysAgo: 560 },
];

/**
 * The partners: one direct partner, two providers and three resellers under each. Busan Digital
 * is not in good standing, so it can't be reseller of record on a new purchase.
 */
export const DEMO_PARTNERS: DemoOrganization[] = [
  { key: 'northwind-direct', kind: 'partner', name: 'Northwind Direct', partnerModel: 'direct', country: 'US', domain: 'northwind-direct.example', inGoodStanding: true, joinedDaysAgo: 640 },
  { key: 'meridian', kind: 'partner', name: 'Meridian Distribution', partnerModel: 'indirect_provider', country: 'US', domain: 'meridian.example', inGoodStanding: true, joinedDaysAgo: 800 },
  { key: 'hanil-cloud', kind: 'partner', name: 'Hanil Cloud Distribution', partnerModel: 'indirect_provider', country: 'KR', domain: 'hanilcloud.example', inGoodStanding: true, joinedDaysAgo: 620 },
  { key: 'bluebird-it', kind: 'partner', name: 'Bluebird IT', partnerModel: 'indirect_reseller', country: 'US', domain: 'bluebird-it.example', inGoodStanding: true, joinedDaysAgo: 600 },
  { key: 'kestrel', kind: 'partner', name: 'Kestrel Systems', partnerModel: 'indirect_reseller', country: 'GB', domain: 'kestrel.example', inGoodStanding: true, joinedDaysAgo: 580 },
  { key: 'alpenrose', kind: 'partner', name: 'Alpenrose IT', partnerModel: 'indirect_reseller', country: 'DE', domain: 'alpenrose.example', inGoodStanding: true, joinedDaysAgo: 520 },
  { key: 'seoul-cloudworks', kind: 'partner', name: 'Seoul Cloudworks', partnerModel: 'indirect_reseller', country: 'KR', domain: 'seoulcloudworks.example', inGoodStanding: true, joinedDaysAgo: 650 },
  { key: 'sakura-net', kind: 'partner', name: 'Sakura Net Solutions', partnerModel: 'indirect_reseller', country: 'JP', domain: 'sakuranet.example', inGoodStanding: true, joinedDaysAgo: 500 },
  { key: 'busan-digital', kind: 'partner', name: 'Busan Digital', partnerModel: 'indirect_reseller', country: 'KR', domain: 'busandigital.example', inGoodStanding: false, joinedDaysAgo: 480 },
];

/**
 * Provider–reseller relationships: six active, one invitation not yet answered (Kestrel is
 * expanding to Korea) and one ended (Seoul Cloudworks moved from Meridian to Hanil).
 */
export const DEMO_INDIRECT_RELATIONSHIPS: DemoIndirectRelationship[] = [
  { provider: 'meridian', reseller: 'bluebird-it', status: 'active', invitedDaysAgo: 475, acceptedDaysAgo: 470, endedDaysAgo: null, endedBy: null },
  { provider: 'meridian', reseller: 'kestrel', status: 'active', invitedDaysAgo: 440, acceptedDaysAgo: 430, endedDaysAgo: null, endedBy: null },
  { provider: 'meridian', reseller: 'alpenrose', status: 'active', invitedDaysAgo: 410, acceptedDaysAgo: 400, endedDaysAgo: null, endedBy: null },
  { provider: 'hanil-cloud', reseller: 'seoul-cloudworks', status: 'active', invitedDaysAgo: 310, acceptedDaysAgo: 305, endedDaysAgo: null, endedBy: null },
  { provider: 'hanil-cloud', reseller: 'sakura-net', status: 'active', invitedDaysAgo: 385, acceptedDaysAgo: 380, endedDaysAgo: null, endedBy: null },
  { provider: 'hanil-cloud', reseller: 'busan-digital', status: 'active', invitedDaysAgo: 365, acceptedDaysAgo: 360, endedDaysAgo: null, endedBy: null },
  { provider: 'hanil-cloud', reseller: 'kestrel', status: 'invited', invitedDaysAgo: 3, acceptedDaysAgo: null, endedDaysAgo: null, endedBy: null },
  { provider: 'meridian', reseller: 'seoul-cloudworks', status: 'ended', invitedDaysAgo: 620, acceptedDaysAgo: 615, endedDaysAgo: 320, endedBy: 'reseller' },
];

/** Thirty customers in five countries; the first one has a user for every customer role. */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  // Northwind Direct sells everywhere.
  { key: 'riverbend', name: 'Riverbend Health', country: 'US', domain: 'riverbend.example', seller: 'northwind-direct', sinceDaysAgo: 420 },
  { key: 'granite-peak', name: 'Granite Peak Outdoors', country: 'US', domain: 'granitepeak.example', seller: 'northwind-direct', sinceDaysAgo: 380 },
  { key: 'harbor-lane', name: 'Harbor Lane Logistics', country: 'US', domain: 'harborlane.example', seller: 'northwind-direct', sinceDaysAgo: 390 },
  { key: 'maple-finch', name: 'Maple & Finch Legal', country: 'GB', domain: 'maplefinch.example', seller: 'northwind-direct', sinceDaysAgo: 300 },
  { key: 'kiwa', name: 'Kiwa Instruments', country: 'JP', domain: 'kiwa.example', seller: 'northwind-direct', sinceDaysAgo: 260 },
  { key: 'nordlicht', name: 'Nordlicht Energie', country: 'DE', domain: 'nordlicht.example', seller: 'northwind-direct', sinceDaysAgo: 200 },
  { key: 'hanul-biotech', name: 'Hanul Biotech', country: 'KR', domain: 'hanulbio.example', seller: 'northwind-direct', sinceDaysAgo: 160 },
  { key: 'copperline', name: 'Copperline Media', country: 'US', domain: 'copperline.example', seller: 'northwind-direct', sinceDaysAgo: 120 },
  // Through Meridian Distribution.
  { key: 'summit-ridge', name: 'Summit Ridge Schools', country: 'US', domain: 'summitridge.example', seller: 'bluebird-it', sinceDaysAgo: 410 },
  { key: 'lakeshore-cu', name: 'Lakeshore Credit Union', country: 'US', domain: 'lakeshorecu.example', seller: 'bluebird-it', sinceDaysAgo: 350 },
  { key: 'prairie-wind', name: 'Prairie Wind Farms', country: 'US', domain: 'prairiewind.example', seller: 'bluebird-it', sinceDaysAgo: 30 },
  { key: 'cedar-grove', name: 'Cedar Grove Dental', country: 'US', domain: 'cedargrove.example', seller: 'bluebird-it', sinceDaysAgo: 280 },
  { key: 'thistle-oak', name: 'Thistle & Oak Insurance', country: 'GB', domain: 'thistleoak.example', seller: 'kestrel', sinceDaysAgo: 70 },
  { key: 'brightwater', name: 'Brightwater Council', country: 'GB', domain: 'brightwater.example', seller: 'kestrel', sinceDaysAgo: 330 },
  { key: 'ferrow', name: 'Ferrow Engineering', country: 'GB', domain: 'ferrow.example', seller: 'kestrel', sinceDaysAgo: 260 },
  { key: 'albion-retail', name: 'Albion Retail Group', country: 'GB', domain: 'albionretail.example', seller: 'kestrel', sinceDaysAgo: 20 },
  { key: 'bergmann', name: 'Bergmann Maschinenbau', country: 'DE', domain: 'bergmann.example', seller: 'alpenrose', sinceDaysAgo: 380 },
  { key: 'rheinblick', name: 'Rheinblick Kliniken', country: 'DE', domain: 'rheinblick.example', seller: 'alpenrose', sinceDaysAgo: 300 },
  { key: 'lindner', name: 'Lindner Gastronomie', country: 'DE', domain: 'lindner.example', seller: 'alpenrose', sinceDaysAgo: 15 },
  { key: 'falkenau', name: 'Stadtwerke Falkenau', country: 'DE', domain: 'falkenau.example', seller: 'alpenrose', sinceDaysAgo: 240 },
  // Through Hanil Cloud Distribution.
  { key: 'hangang', name: 'Hangang Logistics', country: 'KR', domain: 'hangang.example', seller: 'seoul-cloudworks', sinceDaysAgo: 290 },
  { key: 'mirae-fintech', name: 'Mirae Fintech', country: 'KR', domain: 'miraefintech.example', seller: 'seoul-cloudworks', sinceDaysAgo: 60 },
  { key: 'dasan-academy', name: 'Dasan Academy', country: 'KR', domain: 'dasan.example', seller: 'seoul-cloudworks', sinceDaysAgo: 220 },
  { key: 'jeju-resort', name: 'Jeju Resort Group', country: 'KR', domain: 'jejuresort.example', seller: 'seoul-cloudworks', sinceDaysAgo: 10 },
  { key: 'kobayashi', name: 'Kobayashi Precision', country: 'JP', domain: 'kobayashi.example', seller: 'sakura-net', sinceDaysAgo: 350 },
  { key: 'minato-design', name: 'Minato Design Studio', country: 'JP', domain: 'minatodesign.example', seller: 'sakura-net', sinceDaysAgo: 170 },
  { key: 'osaka-food', name: 'Osaka Food Service', country: 'JP', domain: 'osakafood.example', seller: 'sakura-net', sinceDaysAgo: 300 },
  { key: 'busan-port', name: 'Busan Port Services', country: 'KR', domain: 'busanport.example', seller: 'busan-digital', sinceDaysAgo: 340 },
  { key: 'haeundae-medical', name: 'Haeundae Medical Center', country: 'KR', domain: 'haeundaemed.example', seller: 'busan-digital', sinceDaysAgo: 190 },
  { key: 'gyeongnam-steel', name: 'Gyeongnam Steel', country: 'KR', domain: 'gyeongnamsteel.example', seller: 'busan-digital', sinceDaysAgo: 90 },
];

/**
 * Users, in the order the sign-in list prints them: every role of every kind is held by someone,
 * and each address is the role at the organization's domain so it is easy to guess.
 */
export const DEMO_USERS: DemoUser[] = [
  { org: 'switchboard', email: 'operator-admin@switchboard.example', name: 'Dana Whitfield', roles: ['operator_admin'], locale: 'en' },
  { org: 'switchboard', email: 'commerce-support@switchboard.example', name: 'Victor Osei', roles: ['commerce_support'], locale: 'en' },

  { org: 'bastion-labs', email: 'publisher-admin@bastionlabs.example', name: 'Priya Raman', roles: ['publisher_admin'], locale: 'en' },
  { org: 'bastion-labs', email: 'support-engineer@bastionlabs.example', name: 'Marcus Hale', roles: ['support_engineer'], locale: 'en' },
  { org: 'bastion-labs', email: 'publisher-viewer@bastionlabs.example', name: 'Elena Petrova', roles: ['publisher_viewer'], locale: 'en' },
  { org: 'fathom-analytics', email: 'publisher-admin@fathomanalytics.example', name: 'Harriet Cole', roles: ['publisher_admin'], locale: 'en' },
  { org: 'hanbit-data', email: 'publisher-admin@hanbitdata.example', name: 'Kim Seo-yeon', roles: ['publisher_admin'], locale: 'ko' },
  { org: 'tidewater', email: 'publisher-admin@tidewater.example', name: 'Jonas Weber', roles: ['publisher_admin'], locale: 'en' },

  { org: 'northwind-direct', email: 'global-admin@northwind-direct.example', name: 'Rachel Nguyen', roles: ['global_admin'], locale: 'en' },
  { org: 'northwind-direct', email: 'admin-agent@northwind-direct.example', name: 'Tom Alvarez', roles: ['admin_agent'], locale: 'en' },
  { org: 'northwind-direct', email: 'helpdesk-agent@northwind-direct.example', name: 'Aisha Bello', roles: ['helpdesk_agent'], locale: 'en' },
  { org: 'northwind-direct', email: 'sales-agent@northwind-direct.example', name: 'Ben Carter', roles: ['sales_agent'], locale: 'en' },
  { org: 'northwind-direct', email: 'billing-admin@northwind-direct.example', name: 'Grace Liu', roles: ['billing_admin'], locale: 'en' },
  { org: 'northwind-direct', email: 'user-admin@northwind-direct.example', name: 'Sam Okafor', roles: ['user_admin'], locale: 'en' },

  { org: 'meridian', email: 'global-admin@meridian.example', name: 'Laura Jensen', roles: ['global_admin'], locale: 'en' },
  { org: 'meridian', email: 'admin-agent@meridian.example', name: 'Diego Morales', roles: ['admin_agent'], locale: 'en' },
  { org: 'meridian', email: 'helpdesk-agent@meridian.example', name: 'Fatima Zahra', roles: ['helpdesk_agent'], locale: 'en' },
  { org: 'meridian', email: 'sales-agent@meridian.example', name: 'Chris Dalton', roles: ['sales_agent'], locale: 'en' },
  { org: 'meridian', email: 'billing-admin@meridian.example', name: 'Monica Reyes', roles: ['billing_admin'], locale: 'en' },
  { org: 'meridian', email: 'user-admin@meridian.example', name: 'Ivan Kowalski', roles: ['user_admin'], locale: 'en' },
  { org: 'hanil-cloud', email: 'global-admin@hanilcloud.example', name: 'Lee Ji-ho', roles: ['global_admin'], locale: 'ko' },

  { org: 'bluebird-it', email: 'global-admin@bluebird-it.example', name: 'Kevin Marsh', roles: ['global_admin'], locale: 'en' },
  { org: 'bluebird-it', email: 'admin-agent@bluebird-it.example', name: 'Sofia Rossi', roles: ['admin_agent'], locale: 'en' },
  { org: 'bluebird-it', email: 'helpdesk-agent@bluebird-it.example', name: 'Jamal Wright', roles: ['helpdesk_agent'], locale: 'en' },
  { org: 'bluebird-it', email: 'sales-agent@bluebird-it.example', name: 'Emily Shaw', roles: ['sales_agent'], locale: 'en' },
  { org: 'bluebird-it', email: 'billing-admin@bluebird-it.example', name: 'Noah Fischer', roles: ['billing_admin'], locale: 'en' },
  { org: 'bluebird-it', email: 'user-admin@bluebird-it.example', name: 'Olivia Grant', roles: ['user_admin'], locale: 'en' },
  { org: 'kestrel', email: 'global-admin@kestrel.example', name: 'Fiona MacLeod', roles: ['global_admin'], locale: 'en' },
  { org: 'alpenrose', email: 'global-admin@alpenrose.example', name: 'Matthias Huber', roles: ['global_admin'], locale: 'en' },
  { org: 'seoul-cloudworks', email: 'global-admin@seoulcloudworks.example', name: 'Park Min-jun', roles: ['global_admin'], locale: 'ko' },
  { org: 'sakura-net', email: 'global-admin@sakuranet.example', name: 'Yuki Tanaka', roles: ['global_admin'], locale: 'en' },
  { org: 'busan-digital', email: 'global-admin@busandigital.example', name: 'Choi Hye-jin', roles: ['global_admin'], locale: 'ko' },

  { org: 'riverbend', email: 'customer-admin@riverbend.example', name: 'Megan Foster', roles: ['customer_admin'], locale: 'en' },
  { org: 'riverbend', email: 'customer-user@riverbend.example', name: 'Luis Ortega', roles: ['customer_user'], locale: 'en' },
  { org: 'granite-peak', email: 'customer-admin@granitepeak.example', name: 'Wes Holloway', roles: ['customer_admin'], locale: 'en' },
  { org: 'harbor-lane', email: 'customer-admin@harborlane.example', name: 'Nina Castillo', roles: ['customer_admin'], locale: 'en' },
  { org: 'maple-finch', email: 'customer-admin@maplefinch.example', name: 'Edward Pryce', roles: ['customer_admin'], locale: 'en' },
  { org: 'kiwa', email: 'customer-admin@kiwa.example', name: 'Haruto Sato', roles: ['customer_admin'], locale: 'en' },
  { org: 'nordlicht', email: 'customer-admin@nordlicht.example', name: 'Katrin Vogel', roles: ['customer_admin'], locale: 'en' },
  { org: 'hanul-biotech', email: 'customer-admin@hanulbio.example', name: 'Jung Da-eun', roles: ['customer_admin'], locale: 'ko' },
  { org: 'copperline', email: 'customer-admin@copperline.example', name: 'Tyler Brooks', roles: ['customer_admin'], locale: 'en' },
  { org: 'summit-ridge', email: 'customer-admin@summitridge.example', name: 'Angela Pierce', roles: ['customer_admin'], locale: 'en' },
  { org: 'lakeshore-cu', email: 'customer-admin@lakeshorecu.example', name: 'Derek Olsen', roles: ['customer_admin'], locale: 'en' },
  { org: 'prairie-wind', email: 'customer-admin@prairiewind.example', name: 'Carla Jimenez', roles: ['customer_admin'], locale: 'en' },
  { org: 'cedar-grove', email: 'customer-admin@cedargrove.example', name: 'Paul Whitaker', roles: ['customer_admin'], locale: 'en' },
  { org: 'thistle-oak', email: 'customer-admin@thistleoak.example', name: 'Imogen Hart', roles: ['customer_admin'], locale: 'en' },
  { org: 'brightwater', email: 'customer-admin@brightwater.example', name: 'Rhys Morgan', roles: ['customer_admin'], locale: 'en' },
  { org: 'ferrow', email: 'customer-admin@ferrow.example', name: 'Alistair Ferrow', roles: ['customer_admin'], locale: 'en' },
  { org: 'albion-retail', email: 'customer-admin@albionretail.example', name: 'Priyanka Shah', roles: ['customer_admin'], locale: 'en' },
  { org: 'bergmann', email: 'customer-admin@bergmann.example', name: 'Stefan Bergmann', roles: ['customer_admin'], locale: 'en' },
  { org: 'rheinblick', email: 'customer-admin@rheinblick.example', name: 'Dr. Anna Keller', roles: ['customer_admin'], locale: 'en' },
  { org: 'lindner', email: 'customer-admin@lindner.example', name: 'Sabine Lindner', roles: ['customer_admin'], locale: 'en' },
  { org: 'falkenau', email: 'customer-admin@falkenau.example', name: 'Jürgen Maier', roles: ['customer_admin'], locale: 'en' },
  { org: 'hangang', email: 'customer-admin@hangang.example', name: 'Yoon Sung-ho', roles: ['customer_admin'], locale: 'ko' },
  { org: 'mirae-fintech', email: 'customer-admin@miraefintech.example', name: 'Han So-yeon', roles: ['customer_admin'], locale: 'ko' },
  { org: 'dasan-academy', email: 'customer-admin@dasan.example', name: 'Oh Jae-won', roles: ['customer_admin'], locale: 'ko' },
  { org: 'jeju-resort', email: 'customer-admin@jejuresort.example', name: 'Kang Mi-rae', roles: ['customer_admin'], locale: 'ko' },
  { org: 'kobayashi', email: 'customer-admin@kobayashi.example', name: 'Aiko Kobayashi', roles: ['customer_admin'], locale: 'en' },
  { org: 'minato-design', email: 'customer-admin@minatodesign.example', name: 'Ren Watanabe', roles: ['customer_admin'], locale: 'en' },
  { org: 'osaka-food', email: 'customer-admin@osakafood.example', name: 'Daiki Yamamoto', roles: ['customer_admin'], locale: 'en' },
  { org: 'busan-port', email: 'customer-admin@busanport.example', name: 'Seo Joon-young', roles: ['customer_admin'], locale: 'ko' },
  { org: 'haeundae-medical', email: 'customer-admin@haeundaemed.example', name: 'Lim Ha-na', roles: ['customer_admin'], locale: 'ko' },
  { org: 'gyeongnam-steel', email: 'customer-admin@gyeongnamsteel.example', name: 'Bae Dong-hyun', roles: ['customer_admin'], locale: 'ko' },
];

const link = (title: string, url: string): LinkRow => ({ title, url });

const usd = (amount: string): PriceRow => ({ market: 'US', currency: 'USD', amount });
const gbp = (amount: string): PriceRow => ({ market: 'GB', currency: 'GBP', amount });
const eur = (amount: string): PriceRow => ({ market: 'DE', currency: 'EUR', amount });
const jpy = (amount: string): PriceRow => ({ market: 'JP', currency: 'JPY', amount });
const krw = (amount: string): PriceRow => ({ market: 'KR', currency: 'KRW', amount });

// The usual body of a third-party customer agreement; the commitments themselves are data.
function agreementBody(publisher: string, offer: string, extra: string): string {
  return [
    `This agreement is between ${publisher} ("Publisher") and the customer that subscribes to ${offer} through a partner of the Switchboard Marketplace.`,
    'The partner of record bills the subscription and is the customer\'s first point of contact. Technical questions, defects and service outages are the Publisher\'s to resolve; the partner forwards them with the customer\'s consent.',
    `The Publisher answers and resolves support cases within the times of the commitments below, counted within the support hours of the stated time zone. ${extra}`,
    'Customer data stays in the region the customer selects at activation. Either party may end the agreement at the end of a term with thirty days\' notice.',
  ].join('\n\n');
}

/** The ten offers: every type, most open to any partner, one exclusive, one not sold by partners. */
export const DEMO_OFFERS: DemoOffer[] = [
  {
    id: 'bastion-sentinel',
    publisher: 'bastion-labs',
    name: 'Bastion Sentinel XDR',
    type: 'saas',
    categories: ['security', 'ai-ml', 'monitoring'],
    summary: 'Extended detection and response for endpoints, identities and cloud workloads.',
    shortDescription: 'Correlates signals from endpoints, identity providers and cloud control planes into one incident timeline, with one-click containment.',
    description: [
      'Bastion Sentinel XDR collects telemetry from endpoints, identity providers and cloud control planes and correlates it into incidents an analyst can read as one timeline.',
      'Detections are mapped to MITRE ATT&CK techniques and tuned on billions of events a day. Containment playbooks isolate a host, revoke a session or quarantine a storage bucket in one click — or automatically for critical detections.',
      'Sentinel keeps 90 days of searchable history, ships connectors for the major clouds and identity providers, and streams incidents to your SIEM through an open API.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://bastionlabs.example/sentinel'),
      link('Pricing', 'https://bastionlabs.example/sentinel/pricing'),
      link('Service status', 'https://status.bastionlabs.example'),
    ],
    documents: [
      link('Datasheet (PDF)', 'https://bastionlabs.example/docs/sentinel-datasheet.pdf'),
      link('Deployment guide', 'https://docs.bastionlabs.example/sentinel/deploy'),
      link('SOC 2 Type II summary', 'https://trust.bastionlabs.example/soc2-summary.pdf'),
    ],
    partnerResources: {
      userDocumentation: [link('Administrator guide', 'https://docs.bastionlabs.example/sentinel/admin')],
      training: [link('Sentinel partner bootcamp', 'https://academy.bastionlabs.example/sentinel-bootcamp')],
      salesAndMarketing: [
        link('Partner pitch deck', 'https://partners.bastionlabs.example/sentinel/pitch-deck.pptx'),
        link('Competitive battle card', 'https://partners.bastionlabs.example/sentinel/battle-card.pdf'),
      ],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Bastion Labs Support', email: 'support@bastionlabs.example', phone: '+1 206 555 0100', website: 'https://support.bastionlabs.example' },
      engineering: { name: 'Marcus Hale', email: 'marcus.hale@bastionlabs.example', phone: '+1 206 555 0142' },
      cspProgram: { name: 'Nadia Brooks', email: 'csp@bastionlabs.example', phone: '+1 206 555 0177', marketingMaterialsUrl: 'https://partners.bastionlabs.example/sentinel' },
    },
    createdDaysAgo: 520,
    plans: [
      {
        id: 'standard', name: 'Standard', description: 'Per protected user: endpoint and identity detection, 90 days of history.',
        billing: 'license', billingCycles: ['monthly', 'annual'], terms: ['P1M', 'P1Y'], minQuantity: 5, maxQuantity: 5000, trialDays: 30,
        prices: [usd('9.00'), gbp('7.50'), eur('8.50'), jpy('1350'), krw('12000')],
      },
      {
        id: 'enterprise', name: 'Enterprise', description: 'Per protected user: adds cloud workload detection, automated containment and a named technical account manager.',
        billing: 'license', billingCycles: ['annual'], terms: ['P1Y', 'P3Y'], minQuantity: 100, maxQuantity: 100000, trialDays: 0,
        prices: [usd('15.00'), gbp('12.50'), eur('14.00'), jpy('2200'), krw('20000')],
      },
      {
        id: 'log-ingest', name: 'Log ingest', description: 'Per GB of third-party logs ingested beyond the included allowance.',
        billing: 'usage', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 1, trialDays: 0,
        prices: [usd('0.25'), gbp('0.20'), eur('0.23')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Bastion Sentinel XDR — Third-Party Customer Agreement', publishedDaysAgo: 520,
        body: agreementBody('Bastion Labs, Inc.', 'Bastion Sentinel XDR', 'Critical cases are answered around the clock.'),
        commitments: { firstResponseMinutes: { critical: 60, moderate: 240, minimal: 1440 }, resolutionMinutes: { critical: 480, moderate: 2880, minimal: 10080 }, supportHours: '24x7', timeZone: 'America/Los_Angeles' },
      },
      {
        version: 2, title: 'Bastion Sentinel XDR — Third-Party Customer Agreement (2nd edition)', publishedDaysAgo: 60,
        body: agreementBody('Bastion Labs, Inc.', 'Bastion Sentinel XDR', 'This edition halves the response times of every severity and adds a service credit of 10% of the monthly fee for each missed critical response. Support hours are Monday to Friday, 06:00–18:00 Pacific time, except US federal holidays; critical cases are answered around the clock.'),
        commitments: {
          firstResponseMinutes: { critical: 30, moderate: 120, minimal: 480 }, resolutionMinutes: { critical: 240, moderate: 1440, minimal: 7200 },
          supportHours: 'Mon-Fri 06:00-18:00', timeZone: 'America/Los_Angeles', calendar: BASTION_SENTINEL_V2_CALENDAR, criticalAroundTheClock: true,
        },
      },
    ],
  },
  {
    id: 'bastion-edge-firewall',
    publisher: 'bastion-labs',
    name: 'Bastion Edge Firewall',
    type: 'vm',
    categories: ['security', 'networking'],
    summary: 'Next-generation firewall appliance for virtual networks.',
    shortDescription: 'Layer-7 inspection, intrusion prevention and site-to-site VPN in a hardened virtual appliance, managed from the Sentinel console.',
    description: [
      'Bastion Edge Firewall is a hardened virtual appliance that inspects traffic entering, leaving and crossing your virtual networks.',
      'It identifies applications rather than ports, blocks known exploits with a signature set updated hourly, terminates site-to-site IPsec tunnels and decrypts TLS where your policy allows.',
      'Deploy one appliance per network or an active-active pair behind a load balancer; policies and logs are managed centrally, alongside Bastion Sentinel if you run it.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://bastionlabs.example/edge-firewall'),
      link('Sizing calculator', 'https://bastionlabs.example/edge-firewall/sizing'),
    ],
    documents: [
      link('Datasheet (PDF)', 'https://bastionlabs.example/docs/edge-firewall-datasheet.pdf'),
      link('High-availability reference architecture', 'https://docs.bastionlabs.example/edge-firewall/ha'),
    ],
    partnerResources: {
      userDocumentation: [link('Appliance deployment guide', 'https://docs.bastionlabs.example/edge-firewall/deploy')],
      training: [link('Edge Firewall certified engineer', 'https://academy.bastionlabs.example/edge-firewall-cert')],
      salesAndMarketing: [link('Solution brief', 'https://partners.bastionlabs.example/edge-firewall/brief.pdf')],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Bastion Labs Support', email: 'support@bastionlabs.example', phone: '+1 206 555 0100', website: 'https://support.bastionlabs.example' },
      engineering: { name: 'Owen Fletcher', email: 'owen.fletcher@bastionlabs.example', phone: '+1 206 555 0163' },
      cspProgram: { name: 'Nadia Brooks', email: 'csp@bastionlabs.example', phone: '+1 206 555 0177', marketingMaterialsUrl: 'https://partners.bastionlabs.example/edge-firewall' },
    },
    createdDaysAgo: 510,
    plans: [
      {
        id: 'payg', name: 'Pay as you go', description: 'Per vCPU-hour of running appliances, billed monthly.',
        billing: 'usage', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 20, trialDays: 0,
        prices: [usd('0.12'), gbp('0.10'), eur('0.11'), jpy('18'), krw('160')],
      },
      {
        id: 'annual-4vcpu', name: '4 vCPU annual licence', description: 'One 4-vCPU appliance licence for a year, threat signatures included.',
        billing: 'license', billingCycles: ['annual'], terms: ['P1Y'], minQuantity: 1, maxQuantity: 50, trialDays: 0,
        prices: [usd('2400.00'), gbp('2000.00'), eur('2250.00'), jpy('360000'), krw('3200000')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Bastion Edge Firewall — Third-Party Customer Agreement', publishedDaysAgo: 510,
        body: agreementBody('Bastion Labs, Inc.', 'Bastion Edge Firewall', 'Replacement images for a defective appliance are published within the resolution time of its case.'),
        commitments: { firstResponseMinutes: { critical: 60, moderate: 480, minimal: 1440 }, resolutionMinutes: { critical: 720, moderate: 2880, minimal: 10080 }, supportHours: '24x7', timeZone: 'America/Los_Angeles' },
      },
    ],
  },
  {
    id: 'bastion-vault',
    publisher: 'bastion-labs',
    name: 'Bastion Vault Managed HSM',
    type: 'managed_app',
    categories: ['security', 'storage'],
    summary: 'Keys and secrets in FIPS 140-3 Level 3 hardware, operated by Bastion Labs.',
    shortDescription: 'A dedicated hardware security module cluster deployed into your subscription and run by Bastion engineers, for keys you must control.',
    description: [
      'Bastion Vault deploys a dedicated cluster of FIPS 140-3 Level 3 hardware security modules into your cloud subscription; Bastion Labs patches, monitors and backs it up for you.',
      'Bring your own keys for database and storage encryption, sign code and documents, and keep an audit trail of every key operation that your auditors can read directly.',
      'Vault is sold through a small group of authorized partners trained to run key ceremonies with your security team.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://bastionlabs.example/vault'),
      link('Compliance certificates', 'https://trust.bastionlabs.example/vault'),
    ],
    documents: [
      link('Key ceremony runbook', 'https://docs.bastionlabs.example/vault/key-ceremony.pdf'),
      link('Shared responsibility matrix', 'https://docs.bastionlabs.example/vault/responsibilities.pdf'),
    ],
    partnerResources: {
      userDocumentation: [link('Vault operator handbook', 'https://docs.bastionlabs.example/vault/handbook')],
      training: [link('Authorized Vault partner course', 'https://academy.bastionlabs.example/vault-authorized')],
      salesAndMarketing: [link('Regulated-industries playbook', 'https://partners.bastionlabs.example/vault/playbook.pdf')],
    },
    audience: 'specific',
    authorizedPartners: ['northwind-direct', 'bluebird-it'],
    contacts: {
      support: { name: 'Bastion Vault Operations', email: 'vault-ops@bastionlabs.example', phone: '+1 206 555 0110', website: 'https://support.bastionlabs.example/vault' },
      engineering: { name: 'Leah Kim', email: 'leah.kim@bastionlabs.example', phone: '+1 206 555 0151' },
      cspProgram: { name: 'Nadia Brooks', email: 'csp@bastionlabs.example', phone: '+1 206 555 0177', marketingMaterialsUrl: 'https://partners.bastionlabs.example/vault' },
    },
    createdDaysAgo: 500,
    plans: [
      {
        id: 'dedicated', name: 'Dedicated cluster', description: 'Per HSM cluster of three devices in one region, fully managed.',
        billing: 'license', billingCycles: ['monthly', 'annual'], terms: ['P1M', 'P1Y'], minQuantity: 1, maxQuantity: 10, trialDays: 0,
        prices: [usd('450.00'), gbp('380.00'), eur('420.00')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Bastion Vault Managed HSM — Managed Service Agreement', publishedDaysAgo: 500,
        body: agreementBody('Bastion Labs, Inc.', 'Bastion Vault Managed HSM', 'Bastion Labs operates the cluster and is responsible for its availability; the customer alone holds the key material.'),
        commitments: { firstResponseMinutes: { critical: 15, moderate: 120, minimal: 480 }, resolutionMinutes: { critical: 240, moderate: 1440, minimal: 4320 }, supportHours: '24x7', timeZone: 'America/Chicago' },
      },
    ],
  },
  {
    id: 'fathom-insights',
    publisher: 'fathom-analytics',
    name: 'Fathom Insights',
    type: 'saas',
    categories: ['analytics', 'ai-ml', 'productivity'],
    summary: 'Self-service business intelligence with plain-language questions.',
    shortDescription: 'Connect your databases and spreadsheets, ask questions in plain language, and share live dashboards with your whole company.',
    description: [
      'Fathom Insights connects to more than 60 data sources — warehouses, databases, SaaS applications and spreadsheets — and keeps a governed semantic layer on top of them.',
      'Anyone can ask a question in plain language and get a chart with the query behind it; analysts refine it in SQL and publish it to a dashboard that refreshes itself.',
      'Row-level permissions follow your identity provider, and every dashboard can be embedded in your own applications.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://fathomanalytics.example/insights'),
      link('Connector catalogue', 'https://fathomanalytics.example/insights/connectors'),
      link('Service status', 'https://status.fathomanalytics.example'),
    ],
    documents: [
      link('Getting started', 'https://docs.fathomanalytics.example/insights/getting-started'),
      link('Data processing addendum', 'https://fathomanalytics.example/legal/dpa.pdf'),
    ],
    partnerResources: {
      userDocumentation: [link('Workspace administration', 'https://docs.fathomanalytics.example/insights/admin')],
      training: [
        link('Insights for partners, level 1', 'https://learn.fathomanalytics.example/partners-1'),
        link('Semantic layer workshop', 'https://learn.fathomanalytics.example/semantic-layer'),
      ],
      salesAndMarketing: [link('Co-branded campaign kit', 'https://partners.fathomanalytics.example/insights/campaign-kit.zip')],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Fathom Customer Care', email: 'support@fathomanalytics.example', phone: '+44 20 7946 0100', website: 'https://help.fathomanalytics.example' },
      engineering: { name: 'Rupert Ashby', email: 'rupert.ashby@fathomanalytics.example', phone: '+44 20 7946 0152' },
      cspProgram: { name: 'Chloe Hammond', email: 'channel@fathomanalytics.example', phone: '+44 20 7946 0188', marketingMaterialsUrl: 'https://partners.fathomanalytics.example/insights' },
    },
    createdDaysAgo: 500,
    plans: [
      {
        id: 'team', name: 'Team', description: 'Per user: dashboards, plain-language questions, 20 data sources.',
        billing: 'license', billingCycles: ['monthly', 'annual'], terms: ['P1M', 'P1Y'], minQuantity: 1, maxQuantity: 250, trialDays: 14,
        prices: [usd('24.00'), gbp('20.00'), eur('22.00'), jpy('3600'), krw('32000')],
      },
      {
        id: 'business', name: 'Business', description: 'Per user: unlimited data sources, embedding, row-level permissions and SSO.',
        billing: 'license', billingCycles: ['annual'], terms: ['P1Y'], minQuantity: 10, maxQuantity: 5000, trialDays: 14,
        prices: [usd('49.00'), gbp('40.00'), eur('45.00'), jpy('7300')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Fathom Insights — Customer Terms', publishedDaysAgo: 500,
        body: agreementBody('Fathom Analytics Ltd', 'Fathom Insights', 'Outside support hours, critical cases are picked up at the start of the next business day.'),
        commitments: { firstResponseMinutes: { critical: 120, moderate: 480, minimal: 1440 }, resolutionMinutes: { critical: 1440, moderate: 4320, minimal: 14400 }, supportHours: 'Mon-Fri 08:00-18:00', timeZone: 'Europe/London' },
      },
    ],
  },
  {
    id: 'fathom-lakehouse',
    publisher: 'fathom-analytics',
    name: 'Fathom Lakehouse Starter Kit',
    type: 'solution_template',
    categories: ['analytics', 'storage', 'devops'],
    summary: 'A production-ready data lakehouse in your own cloud account, deployed in one step.',
    shortDescription: 'Deploys object storage, a catalog, a query engine and ingestion pipelines with sensible security defaults — yours to own and extend.',
    description: [
      'The Lakehouse Starter Kit is a solution template: it deploys object storage, an open table catalog, a serverless query engine and ingestion pipelines into your own cloud account.',
      'Everything is created with private networking, encryption and least-privilege roles, and tagged so your cost reports show the lakehouse on its own line.',
      'Fathom charges per terabyte scanned by the query engine; the cloud resources themselves are billed by your cloud provider.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://fathomanalytics.example/lakehouse'),
      link('Template source', 'https://git.fathomanalytics.example/lakehouse-starter'),
    ],
    documents: [link('Architecture overview (PDF)', 'https://docs.fathomanalytics.example/lakehouse/architecture.pdf')],
    partnerResources: {
      userDocumentation: [link('Deployment parameters', 'https://docs.fathomanalytics.example/lakehouse/parameters')],
      training: [link('Lakehouse deployment lab', 'https://learn.fathomanalytics.example/lakehouse-lab')],
      salesAndMarketing: [],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Fathom Customer Care', email: 'support@fathomanalytics.example', phone: '+44 20 7946 0100', website: 'https://help.fathomanalytics.example' },
      engineering: { name: 'Priya Desai', email: 'priya.desai@fathomanalytics.example', phone: '+44 20 7946 0164' },
      cspProgram: { name: 'Chloe Hammond', email: 'channel@fathomanalytics.example', phone: '+44 20 7946 0188', marketingMaterialsUrl: 'https://partners.fathomanalytics.example/lakehouse' },
    },
    createdDaysAgo: 480,
    plans: [
      {
        id: 'scan', name: 'Per TB scanned', description: 'Per terabyte scanned by the query engine; deployment and storage are free.',
        billing: 'usage', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 1, trialDays: 0,
        prices: [usd('5.00'), gbp('4.20'), eur('4.70')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Fathom Lakehouse Starter Kit — Customer Terms', publishedDaysAgo: 480,
        body: agreementBody('Fathom Analytics Ltd', 'Fathom Lakehouse Starter Kit', 'The Publisher supports the template and the query engine; the cloud resources it deploys are supported by the cloud provider.'),
        commitments: { firstResponseMinutes: { critical: 240, moderate: 1440, minimal: 2880 }, resolutionMinutes: { critical: 2880, moderate: 7200, minimal: 14400 }, supportHours: 'Mon-Fri 09:00-17:00', timeZone: 'Europe/London' },
      },
    ],
  },
  {
    id: 'hanbit-backup',
    publisher: 'hanbit-data',
    name: 'Hanbit Backup Vault',
    type: 'managed_app',
    categories: ['storage', 'security'],
    summary: 'Immutable, managed backup for virtual machines, databases and file shares.',
    shortDescription: 'Policy-based backups with immutable copies and one-click restore, operated by Hanbit Data in your subscription.',
    description: [
      'Hanbit Backup Vault protects virtual machines, managed databases and file shares with policies you set once: how often, how long, and where the copies live.',
      'Every copy is immutable for its retention period, so ransomware and mistakes can\'t delete it. Restores of a whole machine, a database to a point in time or a single file take one click.',
      'Hanbit Data operates the backup infrastructure as a managed application in your subscription, with monthly restore drills reported to you.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://hanbitdata.example/backup-vault'),
      link('Service status', 'https://status.hanbitdata.example'),
    ],
    documents: [
      link('Service description', 'https://docs.hanbitdata.example/backup-vault/service-description.pdf'),
      link('Restore drill report sample', 'https://docs.hanbitdata.example/backup-vault/drill-sample.pdf'),
    ],
    partnerResources: {
      userDocumentation: [link('Policy reference', 'https://docs.hanbitdata.example/backup-vault/policies')],
      training: [link('Backup Vault partner onboarding (Korean, English)', 'https://edu.hanbitdata.example/backup-vault')],
      salesAndMarketing: [link('Ransomware resilience brochure', 'https://partners.hanbitdata.example/backup-vault/brochure.pdf')],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Hanbit Data 고객지원', email: 'support@hanbitdata.example', phone: '+82 2 3140 0100', website: 'https://support.hanbitdata.example' },
      engineering: { name: 'Jang Woo-jin', email: 'woojin.jang@hanbitdata.example', phone: '+82 2 3140 0142' },
      cspProgram: { name: 'Song Ye-rin', email: 'partners@hanbitdata.example', phone: '+82 2 3140 0177', marketingMaterialsUrl: 'https://partners.hanbitdata.example/backup-vault' },
    },
    createdDaysAgo: 470,
    plans: [
      {
        id: 'standard-1tb', name: 'Standard, per TB', description: 'Per terabyte of protected data, 30 daily and 12 monthly copies.',
        billing: 'license', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 100, trialDays: 0,
        prices: [krw('55000'), jpy('6000'), usd('45.00')],
      },
      {
        id: 'archive', name: 'Long-term archive', description: 'Per 100 GB-month of copies kept beyond a year, for compliance.',
        billing: 'usage', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 1, trialDays: 0,
        prices: [krw('2500'), jpy('280'), usd('2.10')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Hanbit Backup Vault — 제3자 고객 계약 (Third-Party Customer Agreement)', publishedDaysAgo: 470,
        body: agreementBody('Hanbit Data Co., Ltd.', 'Hanbit Backup Vault', 'Support is available in Korean and English; a failed restore is always treated as critical.'),
        commitments: { firstResponseMinutes: { critical: 30, moderate: 240, minimal: 960 }, resolutionMinutes: { critical: 360, moderate: 1440, minimal: 5760 }, supportHours: '24x7', timeZone: 'Asia/Seoul' },
      },
    ],
  },
  {
    id: 'hanbit-ocr',
    publisher: 'hanbit-data',
    name: 'Hanbit DocuLens OCR',
    type: 'container',
    categories: ['ai-ml', 'productivity'],
    summary: 'Document recognition for Korean, Japanese and English, running in your own cluster.',
    shortDescription: 'A container image that turns scans, receipts and forms into structured data, without documents ever leaving your network.',
    description: [
      'DocuLens reads printed and handwritten Korean, Japanese and English, including mixed-script documents, tables and stamps.',
      'Prebuilt models extract fields from invoices, receipts, business registration certificates and ID cards; custom models learn a new form from twenty samples.',
      'It runs as a container image in your own Kubernetes cluster, so documents never leave your network — a common requirement in finance and healthcare.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://hanbitdata.example/doculens'),
      link('Container registry', 'https://registry.hanbitdata.example/doculens'),
    ],
    documents: [
      link('Helm chart reference', 'https://docs.hanbitdata.example/doculens/helm'),
      link('Accuracy benchmark (PDF)', 'https://docs.hanbitdata.example/doculens/benchmark.pdf'),
    ],
    partnerResources: {
      userDocumentation: [link('API reference', 'https://docs.hanbitdata.example/doculens/api')],
      training: [],
      salesAndMarketing: [link('Finance and insurance use cases', 'https://partners.hanbitdata.example/doculens/use-cases.pdf')],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Hanbit Data 고객지원', email: 'support@hanbitdata.example', phone: '+82 2 3140 0100', website: 'https://support.hanbitdata.example' },
      engineering: { name: 'Shin Ha-eun', email: 'haeun.shin@hanbitdata.example', phone: '+82 2 3140 0155' },
      cspProgram: { name: 'Song Ye-rin', email: 'partners@hanbitdata.example', phone: '+82 2 3140 0177', marketingMaterialsUrl: 'https://partners.hanbitdata.example/doculens' },
    },
    createdDaysAgo: 460,
    plans: [
      {
        id: 'pages', name: 'Per 1,000 pages', description: 'Per thousand pages recognized, all prebuilt models included.',
        billing: 'usage', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 1, trialDays: 0,
        prices: [krw('1500'), jpy('160'), usd('1.20'), gbp('1.00'), eur('1.10')],
      },
      {
        id: 'node', name: 'Unlimited, per node', description: 'Unlimited pages per cluster node, custom models included.',
        billing: 'license', billingCycles: ['monthly', 'annual'], terms: ['P1M', 'P1Y'], minQuantity: 1, maxQuantity: 64, trialDays: 30,
        prices: [krw('390000'), jpy('42000'), usd('300.00'), gbp('250.00'), eur('280.00')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Hanbit DocuLens OCR — 제3자 고객 계약 (Third-Party Customer Agreement)', publishedDaysAgo: 460,
        body: agreementBody('Hanbit Data Co., Ltd.', 'Hanbit DocuLens OCR', 'The customer operates the cluster; the Publisher supports the container image and its models.'),
        commitments: { firstResponseMinutes: { critical: 120, moderate: 480, minimal: 1440 }, resolutionMinutes: { critical: 960, moderate: 2880, minimal: 7200 }, supportHours: 'Mon-Fri 09:00-18:00', timeZone: 'Asia/Seoul' },
      },
    ],
  },
  {
    id: 'tidewater-pipelines',
    publisher: 'tidewater',
    name: 'Tidewater Pipelines',
    type: 'container',
    categories: ['devops', 'security'],
    summary: 'Self-hosted CI/CD runners with built-in supply-chain security.',
    shortDescription: 'Fast, autoscaling build runners in your own cluster that sign every artifact and produce an SBOM for every build.',
    description: [
      'Tidewater Pipelines runs your builds and deployments on autoscaling runners inside your own cluster, next to your code and secrets.',
      'Every artifact is signed, every build produces a software bill of materials, and policies stop a deployment whose dependencies carry known vulnerabilities.',
      'Pipelines reads the workflow files you already have, so moving from a hosted service takes an afternoon.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://tidewater.example/pipelines'),
      link('Changelog', 'https://tidewater.example/pipelines/changelog'),
    ],
    documents: [
      link('Installation guide', 'https://docs.tidewater.example/pipelines/install'),
      link('Supply-chain security whitepaper', 'https://tidewater.example/whitepapers/supply-chain.pdf'),
    ],
    partnerResources: {
      userDocumentation: [link('Runner operations', 'https://docs.tidewater.example/pipelines/operations')],
      training: [link('Pipelines migration workshop', 'https://academy.tidewater.example/pipelines-migration')],
      salesAndMarketing: [link('Migration offer one-pager', 'https://partner.tidewater.example/pipelines/one-pager.pdf')],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Tidewater Support', email: 'support@tidewater.example', phone: '+49 40 3890 1000', website: 'https://support.tidewater.example' },
      engineering: { name: 'Lena Hoffmann', email: 'lena.hoffmann@tidewater.example', phone: '+49 40 3890 1042' },
      cspProgram: { name: 'Felix Braun', email: 'partner@tidewater.example', phone: '+49 40 3890 1077', marketingMaterialsUrl: 'https://partner.tidewater.example/pipelines' },
    },
    createdDaysAgo: 500,
    plans: [
      {
        id: 'runner', name: 'Concurrent runner', description: 'Per concurrent build runner, unlimited build minutes.',
        billing: 'license', billingCycles: ['monthly', 'annual'], terms: ['P1M', 'P1Y'], minQuantity: 1, maxQuantity: 500, trialDays: 14,
        prices: [usd('19.00'), gbp('16.00'), eur('18.00'), jpy('2900'), krw('26000')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Tidewater Pipelines — Kundenvertrag / Customer Agreement', publishedDaysAgo: 500,
        body: agreementBody('Tidewater Software GmbH', 'Tidewater Pipelines', 'Security advisories for the runner image are published within 24 hours of a fix.'),
        commitments: { firstResponseMinutes: { critical: 60, moderate: 240, minimal: 960 }, resolutionMinutes: { critical: 480, moderate: 2400, minimal: 9600 }, supportHours: 'Mon-Sat 07:00-20:00', timeZone: 'Europe/Berlin' },
      },
    ],
  },
  {
    id: 'tidewater-workspace',
    publisher: 'tidewater',
    name: 'Tidewater Workspace',
    type: 'saas',
    categories: ['productivity', 'collaboration'],
    summary: 'Documents, tasks and team chat in one place, hosted in the EU.',
    shortDescription: 'A collaborative workspace for documents, projects and chat, with data residency in Germany and an EU-sovereign edition.',
    description: [
      'Tidewater Workspace brings documents, project boards and team chat together, so a decision and the work it starts live side by side.',
      'Documents are edited together in real time, tasks link back to the paragraph that created them, and guests from other companies can join a single space.',
      'Data is hosted in Germany; the EU-sovereign edition is operated only by EU staff under EU law, for the public sector and regulated industries.',
    ].join('\n\n'),
    links: [
      link('Product page', 'https://tidewater.example/workspace'),
      link('Trust centre', 'https://trust.tidewater.example'),
      link('Service status', 'https://status.tidewater.example'),
    ],
    documents: [
      link('Security and privacy overview', 'https://trust.tidewater.example/workspace-overview.pdf'),
      link('Admin quick start', 'https://docs.tidewater.example/workspace/admin-quick-start'),
    ],
    partnerResources: {
      userDocumentation: [
        link('End-user guide', 'https://docs.tidewater.example/workspace/guide'),
        link('Migration from file shares', 'https://docs.tidewater.example/workspace/migrate'),
      ],
      training: [link('Workspace champion programme', 'https://academy.tidewater.example/workspace-champions')],
      salesAndMarketing: [link('Public-sector reference stories', 'https://partner.tidewater.example/workspace/references.pdf')],
    },
    audience: 'any',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Tidewater Support', email: 'support@tidewater.example', phone: '+49 40 3890 1000', website: 'https://support.tidewater.example' },
      engineering: { name: 'Tobias Krüger', email: 'tobias.krueger@tidewater.example', phone: '+49 40 3890 1055' },
      cspProgram: { name: 'Felix Braun', email: 'partner@tidewater.example', phone: '+49 40 3890 1077', marketingMaterialsUrl: 'https://partner.tidewater.example/workspace' },
    },
    createdDaysAgo: 490,
    plans: [
      {
        id: 'essentials', name: 'Essentials', description: 'Per user: documents, boards and chat, 100 GB per user.',
        billing: 'license', billingCycles: ['monthly', 'annual'], terms: ['P1M', 'P1Y'], minQuantity: 1, maxQuantity: 300, trialDays: 30,
        prices: [usd('6.00'), gbp('5.00'), eur('5.50'), jpy('900'), krw('8000')],
      },
      {
        id: 'professional', name: 'Professional', description: 'Per user: adds guests, retention policies, SSO and audit log.',
        billing: 'license', billingCycles: ['annual'], terms: ['P1Y'], minQuantity: 25, maxQuantity: 10000, trialDays: 0,
        prices: [usd('12.00'), gbp('10.00'), eur('11.00')],
      },
      {
        id: 'eu-sovereign', name: 'EU Sovereign', description: 'Per user: Professional, operated by EU staff only, customer-managed keys.',
        billing: 'license', billingCycles: ['annual'], terms: ['P1Y', 'P3Y'], minQuantity: 50, maxQuantity: 10000, trialDays: 0,
        prices: [eur('16.00')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Tidewater Workspace — Kundenvertrag / Customer Agreement', publishedDaysAgo: 490,
        body: agreementBody('Tidewater Software GmbH', 'Tidewater Workspace', 'Data is processed in Germany under the data processing agreement attached to this agreement.'),
        commitments: { firstResponseMinutes: { critical: 60, moderate: 240, minimal: 1440 }, resolutionMinutes: { critical: 600, moderate: 1920, minimal: 7200 }, supportHours: 'Mon-Fri 08:00-20:00', timeZone: 'Europe/Berlin' },
      },
    ],
  },
  {
    id: 'tidewater-mesh',
    publisher: 'tidewater',
    name: 'Tidewater Mesh Gateway',
    type: 'vm',
    categories: ['networking', 'devops'],
    summary: 'A service-mesh gateway appliance that joins clusters across clouds and data centres.',
    shortDescription: 'Connects services in several clusters with mutual TLS and one routing policy; sold by Tidewater directly, not through partners.',
    description: [
      'Mesh Gateway is a virtual appliance that joins Kubernetes clusters and virtual machines in different clouds and data centres into one service mesh.',
      'Traffic between sites is encrypted with mutual TLS, routed by one policy, and observable end to end.',
      'Mesh Gateway is sold only by Tidewater\'s own solutions team, because every deployment starts with a network design review.',
    ].join('\n\n'),
    links: [link('Product page', 'https://tidewater.example/mesh')],
    documents: [link('Network design review checklist', 'https://docs.tidewater.example/mesh/design-review.pdf')],
    partnerResources: {},
    audience: 'none',
    authorizedPartners: [],
    contacts: {
      support: { name: 'Tidewater Support', email: 'support@tidewater.example', phone: '+49 40 3890 1000', website: 'https://support.tidewater.example' },
      engineering: { name: 'Anja Schmitt', email: 'anja.schmitt@tidewater.example', phone: '+49 40 3890 1066' },
      cspProgram: null,
    },
    createdDaysAgo: 240,
    plans: [
      {
        id: 'gateway', name: 'Gateway hours', description: 'Per gateway-hour of running appliances.',
        billing: 'usage', billingCycles: ['monthly'], terms: ['P1M'], minQuantity: 1, maxQuantity: 10, trialDays: 0,
        prices: [usd('0.35'), eur('0.32')],
      },
    ],
    agreements: [
      {
        version: 1, title: 'Tidewater Mesh Gateway — Kundenvertrag / Customer Agreement', publishedDaysAgo: 240,
        body: agreementBody('Tidewater Software GmbH', 'Tidewater Mesh Gateway', 'Deployments that skipped the design review are supported on a best-effort basis.'),
        commitments: { firstResponseMinutes: { critical: 120, moderate: 720, minimal: 2880 }, resolutionMinutes: { critical: 1440, moderate: 4320, minimal: 14400 }, supportHours: 'Mon-Fri 09:00-17:00', timeZone: 'Europe/Berlin' },
      },
    ],
  },
];

/**
 * Opt-ins: every seller is opted in to what it sold, and some partners to more — but not all,
 * so the catalog shows "not opted in" (Northwind Direct to the Lakehouse kit, for one).
 */
export const DEMO_OPTINS: DemoOptins[] = [
  { partner: 'northwind-direct', daysAgo: 430, offers: ['bastion-sentinel', 'bastion-edge-firewall', 'bastion-vault', 'fathom-insights', 'hanbit-backup', 'hanbit-ocr', 'tidewater-pipelines', 'tidewater-workspace'] },
  { partner: 'meridian', daysAgo: 460, offers: ['bastion-sentinel', 'bastion-edge-firewall', 'fathom-insights', 'fathom-lakehouse', 'tidewater-pipelines', 'tidewater-workspace'] },
  { partner: 'hanil-cloud', daysAgo: 420, offers: ['bastion-sentinel', 'fathom-insights', 'hanbit-backup', 'hanbit-ocr', 'tidewater-workspace'] },
  { partner: 'bluebird-it', daysAgo: 420, offers: ['bastion-sentinel', 'bastion-edge-firewall', 'bastion-vault', 'fathom-insights', 'tidewater-workspace'] },
  { partner: 'kestrel', daysAgo: 420, offers: ['bastion-sentinel', 'fathom-insights', 'fathom-lakehouse', 'tidewater-pipelines', 'tidewater-workspace'] },
  { partner: 'alpenrose', daysAgo: 390, offers: ['bastion-sentinel', 'bastion-edge-firewall', 'tidewater-pipelines', 'tidewater-workspace'] },
  { partner: 'seoul-cloudworks', daysAgo: 300, offers: ['bastion-sentinel', 'hanbit-backup', 'hanbit-ocr', 'tidewater-workspace'] },
  { partner: 'sakura-net', daysAgo: 370, offers: ['fathom-insights', 'hanbit-backup', 'hanbit-ocr'] },
  { partner: 'busan-digital', daysAgo: 350, offers: ['hanbit-backup', 'hanbit-ocr'] },
];

/** Subscriptions in every status, direct and indirect, bought over the last fourteen months. */
export const DEMO_SUBSCRIPTIONS: DemoSubscription[] = [
  // Northwind Direct (direct).
  { customer: 'riverbend', offer: 'bastion-sentinel', plan: 'standard', quantity: 250, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 400, activatedDaysAgo: 399, cancelledDaysAgo: null },
  { customer: 'riverbend', offer: 'fathom-insights', plan: 'team', quantity: 40, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 210, activatedDaysAgo: 209, cancelledDaysAgo: null },
  { customer: 'riverbend', offer: 'bastion-vault', plan: 'dedicated', quantity: 2, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 150, activatedDaysAgo: 148, cancelledDaysAgo: null },
  { customer: 'riverbend', offer: 'tidewater-workspace', plan: 'essentials', quantity: 120, status: 'pending_activation', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 2, activatedDaysAgo: null, cancelledDaysAgo: null },
  { customer: 'granite-peak', offer: 'bastion-edge-firewall', plan: 'annual-4vcpu', quantity: 4, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 360, activatedDaysAgo: 359, cancelledDaysAgo: null },
  { customer: 'granite-peak', offer: 'tidewater-pipelines', plan: 'runner', quantity: 25, status: 'suspended', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 240, activatedDaysAgo: 238, cancelledDaysAgo: null },
  { customer: 'harbor-lane', offer: 'bastion-sentinel', plan: 'standard', quantity: 80, status: 'cancelled', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 380, activatedDaysAgo: 379, cancelledDaysAgo: 55 },
  { customer: 'harbor-lane', offer: 'bastion-sentinel', plan: 'enterprise', quantity: 300, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 50, activatedDaysAgo: 49, cancelledDaysAgo: null },
  { customer: 'harbor-lane', offer: 'tidewater-pipelines', plan: 'runner', quantity: 15, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 100, activatedDaysAgo: 99, cancelledDaysAgo: null },
  { customer: 'maple-finch', offer: 'tidewater-workspace', plan: 'essentials', quantity: 35, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 290, activatedDaysAgo: 289, cancelledDaysAgo: null },
  { customer: 'kiwa', offer: 'hanbit-ocr', plan: 'node', quantity: 4, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 250, activatedDaysAgo: 248, cancelledDaysAgo: null },
  { customer: 'kiwa', offer: 'fathom-insights', plan: 'business', quantity: 60, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 180, activatedDaysAgo: 179, cancelledDaysAgo: null },
  { customer: 'nordlicht', offer: 'tidewater-workspace', plan: 'eu-sovereign', quantity: 400, status: 'active', billingCycle: 'annual', term: 'P3Y', boughtDaysAgo: 190, activatedDaysAgo: 188, cancelledDaysAgo: null },
  { customer: 'nordlicht', offer: 'bastion-vault', plan: 'dedicated', quantity: 1, status: 'pending_activation', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 1, activatedDaysAgo: null, cancelledDaysAgo: null },
  { customer: 'hanul-biotech', offer: 'hanbit-backup', plan: 'standard-1tb', quantity: 12, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 150, activatedDaysAgo: 149, cancelledDaysAgo: null },
  // Cancelled before the publisher ever activated it.
  { customer: 'hanul-biotech', offer: 'fathom-insights', plan: 'team', quantity: 15, status: 'cancelled', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 90, activatedDaysAgo: null, cancelledDaysAgo: 80 },
  { customer: 'copperline', offer: 'hanbit-ocr', plan: 'pages', quantity: 1, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 110, activatedDaysAgo: 109, cancelledDaysAgo: null },

  // Bluebird IT through Meridian Distribution.
  { customer: 'summit-ridge', offer: 'tidewater-workspace', plan: 'professional', quantity: 900, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 400, activatedDaysAgo: 398, cancelledDaysAgo: null, supportContact: 'reseller' },
  { customer: 'summit-ridge', offer: 'bastion-sentinel', plan: 'standard', quantity: 900, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 330, activatedDaysAgo: 329, cancelledDaysAgo: null },
  { customer: 'lakeshore-cu', offer: 'bastion-vault', plan: 'dedicated', quantity: 3, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 340, activatedDaysAgo: 338, cancelledDaysAgo: null },
  { customer: 'lakeshore-cu', offer: 'bastion-edge-firewall', plan: 'payg', quantity: 2, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 200, activatedDaysAgo: 199, cancelledDaysAgo: null },
  { customer: 'prairie-wind', offer: 'fathom-insights', plan: 'team', quantity: 12, status: 'pending_activation', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 3, activatedDaysAgo: null, cancelledDaysAgo: null },
  { customer: 'cedar-grove', offer: 'tidewater-workspace', plan: 'essentials', quantity: 18, status: 'suspended', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 270, activatedDaysAgo: 269, cancelledDaysAgo: null },

  // Kestrel Systems through Meridian Distribution.
  { customer: 'thistle-oak', offer: 'bastion-sentinel', plan: 'enterprise', quantity: 150, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 40, activatedDaysAgo: 39, cancelledDaysAgo: null },
  { customer: 'brightwater', offer: 'fathom-insights', plan: 'business', quantity: 200, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 320, activatedDaysAgo: 318, cancelledDaysAgo: null },
  { customer: 'brightwater', offer: 'tidewater-workspace', plan: 'essentials', quantity: 50, status: 'cancelled', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 310, activatedDaysAgo: 309, cancelledDaysAgo: 150 },
  { customer: 'ferrow', offer: 'tidewater-pipelines', plan: 'runner', quantity: 40, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 250, activatedDaysAgo: 249, cancelledDaysAgo: null },
  { customer: 'albion-retail', offer: 'fathom-lakehouse', plan: 'scan', quantity: 1, status: 'pending_activation', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 5, activatedDaysAgo: null, cancelledDaysAgo: null },

  // Alpenrose IT through Meridian Distribution.
  { customer: 'bergmann', offer: 'tidewater-pipelines', plan: 'runner', quantity: 60, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 370, activatedDaysAgo: 369, cancelledDaysAgo: null, supportContact: 'reseller' },
  { customer: 'rheinblick', offer: 'tidewater-workspace', plan: 'eu-sovereign', quantity: 1200, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 290, activatedDaysAgo: 288, cancelledDaysAgo: null },
  { customer: 'rheinblick', offer: 'bastion-sentinel', plan: 'standard', quantity: 1200, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 280, activatedDaysAgo: 279, cancelledDaysAgo: null },
  { customer: 'lindner', offer: 'tidewater-workspace', plan: 'essentials', quantity: 22, status: 'pending_activation', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 4, activatedDaysAgo: null, cancelledDaysAgo: null },
  { customer: 'falkenau', offer: 'bastion-edge-firewall', plan: 'annual-4vcpu', quantity: 6, status: 'suspended', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 230, activatedDaysAgo: 228, cancelledDaysAgo: null },

  // Seoul Cloudworks through Hanil Cloud Distribution.
  { customer: 'hangang', offer: 'hanbit-backup', plan: 'standard-1tb', quantity: 30, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 280, activatedDaysAgo: 279, cancelledDaysAgo: null },
  { customer: 'hangang', offer: 'hanbit-ocr', plan: 'pages', quantity: 1, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 200, activatedDaysAgo: 199, cancelledDaysAgo: null },
  { customer: 'mirae-fintech', offer: 'bastion-sentinel', plan: 'standard', quantity: 140, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 20, activatedDaysAgo: 19, cancelledDaysAgo: null },
  { customer: 'dasan-academy', offer: 'tidewater-workspace', plan: 'essentials', quantity: 260, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 210, activatedDaysAgo: 208, cancelledDaysAgo: null },
  { customer: 'jeju-resort', offer: 'hanbit-backup', plan: 'archive', quantity: 1, status: 'pending_activation', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 6, activatedDaysAgo: null, cancelledDaysAgo: null },

  // Sakura Net Solutions through Hanil Cloud Distribution.
  { customer: 'kobayashi', offer: 'hanbit-ocr', plan: 'node', quantity: 8, status: 'active', billingCycle: 'annual', term: 'P1Y', boughtDaysAgo: 340, activatedDaysAgo: 338, cancelledDaysAgo: null },
  { customer: 'minato-design', offer: 'fathom-insights', plan: 'team', quantity: 9, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 160, activatedDaysAgo: 159, cancelledDaysAgo: null },
  { customer: 'osaka-food', offer: 'hanbit-backup', plan: 'standard-1tb', quantity: 4, status: 'cancelled', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 290, activatedDaysAgo: 289, cancelledDaysAgo: 100 },

  // Busan Digital through Hanil Cloud Distribution; bought while it was still in good standing.
  { customer: 'busan-port', offer: 'hanbit-backup', plan: 'standard-1tb', quantity: 20, status: 'suspended', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 330, activatedDaysAgo: 329, cancelledDaysAgo: null },
  { customer: 'haeundae-medical', offer: 'hanbit-ocr', plan: 'node', quantity: 2, status: 'active', billingCycle: 'monthly', term: 'P1M', boughtDaysAgo: 180, activatedDaysAgo: 179, cancelledDaysAgo: null },
];
