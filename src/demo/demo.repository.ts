/**
 * The only SQL of the demo loader: owner-level inserts of whole tables' worth of rows. Every
 * function takes the owner transaction that demo.service.ts opened; JSON columns are taken in
 * their typed shapes (schema.ts) and serialized here, so a wrong shape fails to compile.
 *
 * The demo writes every context's tables as the owner — organizations and users (identity's)
 * included — because it loads a whole world into an empty database in one transaction, beneath
 * every context's use cases and row policies. It is the one writer outside a table's owning
 * context; nothing here is reachable from a request.
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../db/database.ts';
import type {
  AgreementsTable, CommitmentsRow, ContactRow, CustomerRelationshipsTable, IndirectRelationshipsTable, LinkRow,
  OfferAuthorizedPartnersTable, OfferOptinsTable, OffersTable, OrganizationsTable, PartnerResourcesRow, PlansTable,
  PriceRow, SubscriptionsTable, SupportSplitsTable, UsersTable, RoutingPreferencesTable, CasesTable, CaseParticipantsTable,
  CaseMessagesTable, CaseEventsTable, CaseAttachmentsTable,
  IncidentsTable, IncidentOffersTable, IncidentUpdatesTable, PartnerNoticeSettingsTable, SlaTargetsRow, SupportCalendarRow,
} from '../db/schema.ts';

/** An offer row with its JSON columns in their typed shapes. */
export type OfferInsert = Omit<Insertable<OffersTable>, 'links' | 'documents' | 'partner_resources'> & {
  links: LinkRow[];
  documents: LinkRow[];
  partner_resources: PartnerResourcesRow;
};

/** An offer's ISV contacts in their typed shapes. */
export interface OfferContactsInsert {
  offer_id: string;
  publisher_id: string;
  support: ContactRow;
  engineering: ContactRow;
  csp_program: ContactRow | null;
}

/** An agreement version with its commitments in their typed shape. */
export type AgreementInsert = Omit<Insertable<AgreementsTable>, 'commitments'> & { commitments: CommitmentsRow };

/** A plan with its prices in their typed shape. */
export type PlanInsert = Omit<Insertable<PlansTable>, 'prices'> & { prices: PriceRow[] };

/**
 * Holds off any other writer of organizations until this transaction ends, so two loaders
 * started at once can't both find the database empty (readers are not blocked).
 */
export async function lockOrganizations(tx: Tx): Promise<void> {
  await sql`LOCK TABLE organizations IN EXCLUSIVE MODE`.execute(tx);
}

/** Whether the database holds any organization at all: demo data goes only into an empty one. */
export async function hasAnyOrganization(tx: Tx): Promise<boolean> {
  const row = await tx.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Writes organizations of every kind. */
export async function insertOrganizations(tx: Tx, rows: Insertable<OrganizationsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('organizations').values(rows).execute();
}

/** Writes users, their password hashes included. */
export async function insertUsers(tx: Tx, rows: Insertable<UsersTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('users').values(rows).execute();
}

/** Writes provider–reseller relationships. */
export async function insertIndirectRelationships(tx: Tx, rows: Insertable<IndirectRelationshipsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('indirect_relationships').values(rows).execute();
}

/** Writes the support split of relationships, one row per category. */
export async function insertSupportSplits(tx: Tx, rows: Insertable<SupportSplitsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('support_splits').values(rows).execute();
}

/** Writes customer–partner relationships. */
export async function insertCustomerRelationships(tx: Tx, rows: Insertable<CustomerRelationshipsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('customer_relationships').values(rows).execute();
}

/** Writes offers. */
export async function insertOffers(tx: Tx, rows: OfferInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('offers').values(rows.map((r) => ({
    ...r,
    links: JSON.stringify(r.links),
    documents: JSON.stringify(r.documents),
    partner_resources: JSON.stringify(r.partner_resources),
  }))).execute();
}

/** Writes the ISV contacts of offers. */
export async function insertOfferContacts(tx: Tx, rows: OfferContactsInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('offer_contacts').values(rows.map((r) => ({
    offer_id: r.offer_id,
    publisher_id: r.publisher_id,
    support: JSON.stringify(r.support),
    engineering: JSON.stringify(r.engineering),
    // SQL NULL, not the JSON value `null`, when an offer has no CSP program contact.
    csp_program: r.csp_program === null ? sql<string>`NULL` : JSON.stringify(r.csp_program),
  }))).execute();
}

/** Writes the authorized partner lists of `specific`-audience offers. */
export async function insertAuthorizedPartners(tx: Tx, rows: Insertable<OfferAuthorizedPartnersTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('offer_authorized_partners').values(rows).execute();
}

/** Writes partners' opt-ins to resell offers. */
export async function insertOptins(tx: Tx, rows: Insertable<OfferOptinsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('offer_optins').values(rows).execute();
}

/** Writes agreement versions. */
export async function insertAgreements(tx: Tx, rows: AgreementInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('agreements').values(rows.map((r) => ({ ...r, commitments: JSON.stringify(r.commitments) }))).execute();
}

/** Writes plans. */
export async function insertPlans(tx: Tx, rows: PlanInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('plans').values(rows.map((r) => ({ ...r, prices: JSON.stringify(r.prices) }))).execute();
}

/** Writes subscriptions. */
export async function insertSubscriptions(tx: Tx, rows: Insertable<SubscriptionsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('subscriptions').values(rows).execute();
}

/** Writes partners' routing preferences. */
export async function insertRoutingPreferences(tx: Tx, rows: Insertable<RoutingPreferencesTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('routing_preferences').values(rows).execute();
}

/** Writes cases. */
export async function insertCases(tx: Tx, rows: Insertable<CasesTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('cases').values(rows).execute();
}

/** Writes the participants of cases, with their inbox keys. */
export async function insertCaseParticipants(tx: Tx, rows: Insertable<CaseParticipantsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('case_participants').values(rows).execute();
}

/** Writes the messages of cases. */
export async function insertCaseMessages(tx: Tx, rows: Insertable<CaseMessagesTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('case_messages').values(rows).execute();
}

/** Writes the event history of cases. */
export async function insertCaseEvents(tx: Tx, rows: Insertable<CaseEventsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('case_events').values(rows).execute();
}

/** Writes the attachments of case messages, their content included. */
export async function insertCaseAttachments(tx: Tx, rows: Insertable<CaseAttachmentsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('case_attachments').values(rows).execute();
}

/** Writes service-health incidents. */
export async function insertIncidents(tx: Tx, rows: Insertable<IncidentsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('incidents').values(rows).execute();
}

/** Writes the offers each incident affects. */
export async function insertIncidentOffers(tx: Tx, rows: Insertable<IncidentOffersTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('incident_offers').values(rows).execute();
}

/** Writes the updates of incidents. */
export async function insertIncidentUpdates(tx: Tx, rows: Insertable<IncidentUpdatesTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('incident_updates').values(rows).execute();
}

/** Writes partners' choices of telling their customers of incidents. */
export async function insertNoticeSettings(tx: Tx, rows: Insertable<PartnerNoticeSettingsTable>[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('partner_notice_settings').values(rows).execute();
}

/** One version of a partner's or the operator's SLA policy, with its JSON columns in their typed shapes. */
export interface SlaPolicyInsert {
  org_id: string;
  scope: 'all' | 'billing' | 'payment' | 'subscription' | 'account_setup' | 'technical_howto' | 'technical_breakfix' | 'service_outage' | 'csp_program' | 'commerce_platform';
  version: number;
  targets: SlaTargetsRow;
  calendar: SupportCalendarRow;
  critical_around_the_clock: boolean;
  set_by: string;
  set_at: Date;
}

/** Writes SLA policy versions. */
export async function insertSlaPolicies(tx: Tx, rows: SlaPolicyInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('sla_policies').values(rows.map((r) => ({ ...r, targets: JSON.stringify(r.targets), calendar: JSON.stringify(r.calendar) }))).execute();
}
