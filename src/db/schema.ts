/**
 * Row types of every table, as Kysely sees them. Written by hand next to the migrations:
 * change both together. `Generated<T>` marks columns the database fills in.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface LinkRow { title: string; url: string }
export interface PartnerResourcesRow { userDocumentation?: LinkRow[]; training?: LinkRow[]; salesAndMarketing?: LinkRow[] }
export interface PriceRow { market: string; currency: string; amount: string }

export interface OrganizationsTable {
  id: string;
  kind: 'operator' | 'publisher' | 'partner' | 'customer';
  name: string;
  partner_model: 'direct' | 'indirect_provider' | 'indirect_reseller' | null;
  country: string;
  in_good_standing: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  roles: string[];
  password_hash: string | null;
  locale: Generated<'en' | 'ko'>;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  org_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  /** The client address that opened the session (migration 0006). */
  ip: string | null;
  /** The user agent that opened the session, cut to 512 characters. */
  user_agent: string | null;
  /** When the session was last used, updated at most every few minutes. */
  last_seen_at: Date | null;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  created_by: string;
  name: string;
  token_hash: string;
  prefix: string;
  roles: string[];
  created_at: Generated<Date>;
  /** Always set since migration 0006 (default: 90 days after insertion). */
  expires_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface IndirectRelationshipsTable {
  id: string;
  provider_id: string;
  reseller_id: string;
  status: 'invited' | 'active' | 'ended';
  invited_by: string;
  invited_at: Generated<Date>;
  accepted_at: Date | null;
  ended_at: Date | null;
  ended_by_org: string | null;
}

export interface SupportSplitsTable {
  relationship_id: string;
  provider_id: string;
  reseller_id: string;
  category: string;
  first_contact: 'provider' | 'reseller';
  handler: 'provider' | 'reseller';
}

export interface CustomerRelationshipsTable {
  id: string;
  customer_id: string;
  partner_id: string;
  status: 'active' | 'ended';
  created_at: Generated<Date>;
  ended_at: Date | null;
}

export interface OffersTable {
  id: string;
  publisher_id: string;
  publisher_name: string;
  name: string;
  type: 'saas' | 'vm' | 'solution_template' | 'managed_app' | 'container';
  categories: string[];
  summary: string;
  short_description: string;
  description: string;
  links: Json<LinkRow[]>;
  documents: Json<LinkRow[]>;
  partner_resources: Json<PartnerResourcesRow>;
  csp_audience: 'any' | 'specific' | 'none';
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  search_vector: ColumnType<string, never, never>;
}

export interface ContactRow { name: string; email: string; phone: string; website?: string; marketingMaterialsUrl?: string }

export interface OfferContactsTable {
  offer_id: string;
  publisher_id: string;
  support: Json<ContactRow>;
  engineering: Json<ContactRow>;
  csp_program: Json<ContactRow | null>;
}

export interface OfferAuthorizedPartnersTable {
  offer_id: string;
  partner_id: string;
  publisher_id: string;
  added_at: Generated<Date>;
}

export interface OfferOptinsTable {
  offer_id: string;
  partner_id: string;
  publisher_id: string;
  opted_in_by: string;
  opted_in_at: Generated<Date>;
}

export interface CommitmentsRow {
  firstResponseMinutes: Record<'critical' | 'moderate' | 'minimal', number>;
  resolutionMinutes: Record<'critical' | 'moderate' | 'minimal', number>;
  supportHours: string;
  timeZone: string;
  /** The structured support hours (versions published since migration 0007 may state them). */
  calendar?: SupportCalendarRow;
  criticalAroundTheClock?: boolean;
}

export interface AgreementsTable {
  id: string;
  offer_id: string;
  publisher_id: string;
  version: number;
  title: string;
  body: string;
  commitments: Json<CommitmentsRow>;
  published_at: Generated<Date>;
  /** Who published the version; null for versions published before it was recorded (migration 0007). */
  published_by: string | null;
}

export interface PlansTable {
  offer_id: string;
  id: string;
  publisher_id: string;
  name: string;
  description: Generated<string>;
  billing: 'license' | 'usage';
  billing_cycles: string[];
  terms: string[];
  min_quantity: number;
  max_quantity: number;
  trial_days: Generated<number>;
  prices: Json<PriceRow[]>;
  created_at: Generated<Date>;
}

export interface SubscriptionsTable {
  id: string;
  customer_id: string;
  offer_id: string;
  plan_id: string;
  publisher_id: string;
  quantity: number;
  partner_id: string | null;
  provider_id: string | null;
  reseller_id: string | null;
  support_contact_id: string;
  status: 'pending_activation' | 'active' | 'suspended' | 'cancelled';
  billing_cycle: string;
  term: string;
  market: string;
  agreement_version: number;
  accepted_by: string;
  accepted_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  activated_at: Date | null;
  cancelled_at: Date | null;
}

export interface IdempotencyKeysTable {
  org_id: string;
  key: string;
  fingerprint: string;
  status_code: number;
  response: Json<unknown>;
  created_at: Generated<Date>;
}

export type CaseVisibility = 'public' | 'partners' | 'internal';
export type CaseStatusRow = 'new' | 'open' | 'pending_customer' | 'pending_party' | 'resolved' | 'closed';

export interface RoutingPreferencesTable {
  partner_id: string;
  offer_id: string | null;
  preference: 'forward' | 'tier1' | 'direct';
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface CasesTable {
  id: string;
  title: string;
  description: string;
  category: string;
  severity: 'critical' | 'moderate' | 'minimal';
  status: CaseStatusRow;
  language: 'en' | 'ko';
  subscription_id: string | null;
  offer_id: string | null;
  customer_id: string | null;
  publisher_id: string | null;
  partner_id: string | null;
  provider_id: string | null;
  reseller_id: string | null;
  operator_id: string | null;
  requester_org_id: string;
  requester_user_id: string;
  responsible_org_id: string;
  holder_org_id: string;
  assignee_user_id: string | null;
  external_reference: string | null;
  incident_id: string | null;
  routing: Json<unknown>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Date | null;
  closed_at: Date | null;
  search_vector: ColumnType<string, never, never>;
}

export interface CaseParticipantsTable {
  case_id: string;
  org_id: string;
  role: 'customer' | 'partner' | 'provider' | 'reseller' | 'publisher' | 'operator';
  joined_at: Timestamp;
  status: CaseStatusRow;
  category: string;
  severity: 'critical' | 'moderate' | 'minimal';
  offer_id: string | null;
  customer_id: string | null;
  holder_org_id: string;
  /** Copied from the case like the other keys; filled by a trigger when a participation is inserted. */
  assignee_user_id: Generated<string | null>;
  updated_at: Timestamp;
  /** The organization's own next deadline on the case (its running clocks' nearest due time); null when none (migration 0008). */
  due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Whether one of the organization's clocks on the case is breached (migration 0008). */
  sla_breached: Generated<boolean>;
}

/** The view case_inbox: the viewer's organization's participations with what a list shows. */
export interface CaseInboxView {
  org_id: ColumnType<string, never, never>;
  case_id: ColumnType<string, never, never>;
  role: ColumnType<CaseParticipantsTable['role'], never, never>;
  status: ColumnType<CaseStatusRow, never, never>;
  category: ColumnType<string, never, never>;
  severity: ColumnType<'critical' | 'moderate' | 'minimal', never, never>;
  offer_id: ColumnType<string | null, never, never>;
  customer_id: ColumnType<string | null, never, never>;
  holder_org_id: ColumnType<string, never, never>;
  assignee_user_id: ColumnType<string | null, never, never>;
  updated_at: ColumnType<Date, never, never>;
  title: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  search_vector: ColumnType<string, never, never>;
  holder_name: ColumnType<string | null, never, never>;
  customer_name: ColumnType<string | null, never, never>;
  offer_name: ColumnType<string | null, never, never>;
  due_at: ColumnType<Date | null, never, never>;
  sla_breached: ColumnType<boolean, never, never>;
}

export interface CaseMessagesTable {
  id: string;
  case_id: string;
  author_org_id: string;
  author_user_id: string;
  visibility: CaseVisibility;
  body: string;
  created_at: Timestamp;
}

export interface CaseAttachmentsTable {
  id: string;
  case_id: string;
  message_id: string;
  author_org_id: string;
  visibility: CaseVisibility;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  actor_org_id: string;
  actor_user_id: string | null;
  type: string;
  visibility: CaseVisibility;
  data: Json<unknown>;
  created_at: Timestamp;
}

/** The transactional outbox: one row per domain event (SPEC section 8). */
export interface DomainEventsTable {
  id: string;
  type: string;
  occurred_at: Timestamp;
  actor_org_id: string | null;
  actor_user_id: string | null;
  subject_type: 'case' | 'incident' | 'subscription';
  subject_id: string;
  data: Json<Record<string, unknown>>;
  audience_org_ids: string[] | null;
  dispatched_at: Date | null;
  fanout_cursor: string | null;
  fanned_out_at: Date | null;
}

export interface EventRecipientsTable {
  event_id: string;
  org_id: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  org_id: string;
  event_id: string;
  event_type: string;
  title: string;
  body: string;
  link: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  org_id: string;
  event_type: string;
  in_app: boolean;
  email: boolean;
  updated_at: Timestamp;
}

export interface EmailDeliveriesTable {
  id: string;
  event_id: string;
  user_id: string;
  org_id: string;
  to_address: string;
  locale: 'en' | 'ko';
  subject: string;
  body_text: string;
  link: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempt_count: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface WebhookEndpointsTable {
  id: string;
  org_id: string;
  url: string;
  description: Generated<string>;
  event_types: string[];
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  status: Generated<'enabled' | 'disabled'>;
  disabled_reason: 'gone' | 'failing' | 'manual' | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  org_id: string;
  event_id: string;
  event_type: string;
  replay_of: string | null;
  status: Generated<'pending' | 'succeeded' | 'failed' | 'cancelled'>;
  attempt_count: Generated<number>;
  next_attempt_at: Timestamp;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  org_id: string;
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export type IncidentImpact = 'outage' | 'degraded' | 'maintenance';
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface IncidentsTable {
  id: string;
  publisher_id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  created_by: string;
  started_at: Timestamp;
  resolved_at: Date | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface IncidentOffersTable {
  incident_id: string;
  offer_id: string;
  publisher_id: string;
  is_open: Generated<boolean>;
}

export interface IncidentUpdatesTable {
  id: string;
  incident_id: string;
  publisher_id: string;
  status: IncidentStatus;
  message: string;
  created_by: string;
  created_at: Timestamp;
}

export interface PartnerNoticeSettingsTable {
  partner_id: string;
  notify_customers_of_incidents: boolean;
  updated_by: string;
  updated_at: Timestamp;
}

/** The whole database as Kysely types it. */
export interface DB {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  indirect_relationships: IndirectRelationshipsTable;
  support_splits: SupportSplitsTable;
  customer_relationships: CustomerRelationshipsTable;
  offers: OffersTable;
  offer_contacts: OfferContactsTable;
  offer_authorized_partners: OfferAuthorizedPartnersTable;
  offer_optins: OfferOptinsTable;
  agreements: AgreementsTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  idempotency_keys: IdempotencyKeysTable;
  routing_preferences: RoutingPreferencesTable;
  cases: CasesTable;
  case_participants: CaseParticipantsTable;
  case_messages: CaseMessagesTable;
  case_attachments: CaseAttachmentsTable;
  case_events: CaseEventsTable;
  domain_events: DomainEventsTable;
  event_recipients: EventRecipientsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  email_deliveries: EmailDeliveriesTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  incidents: IncidentsTable;
  incident_offers: IncidentOffersTable;
  incident_updates: IncidentUpdatesTable;
  partner_notice_settings: PartnerNoticeSettingsTable;
  audit_log: AuditLogTable;
  rate_limit_buckets: RateLimitBucketsTable;
  sla_policies: SlaPoliciesTable;
  case_sla_clocks: CaseSlaClocksTable;
  case_sla_notices: CaseSlaNoticesTable;
}

/** One counter of a rate limit, shared by every server process (not tenant data: no row security). */
export interface RateLimitBucketsTable {
  key: string;
  hits: number;
  resets_at: Date;
}

/** One entry of an organization's audit log (append-only). */
export interface AuditLogTable {
  id: string;
  org_id: string | null;
  actor_user_id: string | null;
  actor_org_id: string | null;
  via: 'session' | 'token' | 'system' | 'cli';
  action: string;
  subject_type: string;
  subject_id: string | null;
  changes: Json<Record<string, { before: unknown; after: unknown }>>;
  details: Json<Record<string, unknown>>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  occurred_at: Timestamp;
}

/** The views, apart from the tables (DB): a repository adds the one it reads with `withTables`. */
export interface Views {
  case_inbox: CaseInboxView;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type UserRow = Selectable<UsersTable>;
export type OfferRow = Selectable<OffersTable>;
export type PlanRow = Selectable<PlansTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type NewSubscription = Insertable<SubscriptionsTable>;

/** A support calendar as stored (src/core/business-calendar.ts SupportCalendar). */
export interface SupportCalendarRow {
  timeZone: string;
  week: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { start: string; end: string }[]>;
  holidays: string[];
}

/** SLA targets per severity as stored, in business minutes. */
export type SlaTargetsRow = Record<'critical' | 'moderate' | 'minimal', { firstResponseMinutes: number; resolutionMinutes: number }>;

/** One insert-only version of a partner's or the operator's SLA policy for a scope; the policy columns are null for a withdrawal. */
export interface SlaPoliciesTable {
  org_id: string;
  scope: 'all' | 'billing' | 'payment' | 'subscription' | 'account_setup' | 'technical_howto' | 'technical_breakfix' | 'service_outage' | 'csp_program' | 'commerce_platform';
  version: number;
  targets: Json<SlaTargetsRow> | null;
  calendar: Json<SupportCalendarRow> | null;
  critical_around_the_clock: boolean | null;
  set_by: string;
  set_at: Timestamp;
}

/** An SLA clock's target. */
export type SlaTargetRow = 'first_response' | 'resolution';

/** One clock of a case: a party's first-response or resolution commitment as it stood when last computed (migration 0008). */
export interface CaseSlaClocksTable {
  case_id: string;
  org_id: string;
  target: SlaTargetRow;
  role: 'partner' | 'provider' | 'reseller' | 'publisher' | 'operator';
  /** 'public': every participant sees the clock; 'partners': all but the customer. */
  visibility: 'public' | 'partners';
  /** The policy that applied and why. */
  policy: Json<Record<string, unknown>>;
  status: 'running' | 'paused' | 'met' | 'breached';
  target_minutes: number;
  /** bigint: the driver answers a string. */
  elapsed_ms: ColumnType<string | number, number, number>;
  due_at: Date | null;
  warn_at: Date | null;
  met_at: Date | null;
  breached_at: Date | null;
  cycle: Generated<number>;
  /** When the scan next has something to tell of the clock; null when nothing. */
  notice_at: Date | null;
  updated_at: Timestamp;
}

/** A warning or breach told, once per case, party, target, kind and cycle (migration 0008). */
export interface CaseSlaNoticesTable {
  case_id: string;
  org_id: string;
  target: SlaTargetRow;
  kind: 'warning' | 'breach';
  cycle: number;
  recorded_at: Generated<Date>;
}
