/**
 * The API's shapes, as the server's own TypeBox schemas define them: one source for the server's
 * validation, its OpenAPI document and the console's types. Type-only imports: nothing of the
 * server is bundled. Add a type here by naming its schema, never by writing an interface.
 */
import type { Static, TSchema } from 'typebox';
import type * as audit from '../../../src/modules/audit/audit.schemas.ts';
import type * as cases from '../../../src/modules/cases/cases.schemas.ts';
import type * as catalog from '../../../src/modules/catalog/catalog.schemas.ts';
import type * as channel from '../../../src/modules/channel/channel.schemas.ts';
import type * as health from '../../../src/modules/health/health.schemas.ts';
import type * as identity from '../../../src/modules/identity/identity.schemas.ts';
import type * as inbox from '../../../src/modules/inbox/inbox.schemas.ts';
import type * as notifications from '../../../src/modules/notifications/notifications.schemas.ts';
import type * as routing from '../../../src/modules/routing/routing.schemas.ts';
import type * as sla from '../../../src/modules/sla/sla.schemas.ts';
import type * as slaClocks from '../../../src/modules/sla/sla.clocks.schemas.ts';
import type * as slaReports from '../../../src/modules/sla/sla.reports.schemas.ts';
import type * as subscriptions from '../../../src/modules/subscriptions/subscriptions.schemas.ts';
import type * as webhooks from '../../../src/modules/webhooks/webhooks.schemas.ts';
import type * as shared from '../../../src/http/schemas.ts';

/** Every schema the others refer to by `$id`, so `Type.Ref('…')` resolves in the static types. */
type Named = {
  Problem: typeof shared.Problem;
  Organization: typeof identity.Organization;
  User: typeof identity.User;
  Session: typeof identity.Session;
  ApiToken: typeof identity.ApiToken;
  RoutingRule: typeof cases.RoutingRule;
  Case: typeof cases.Case;
  CaseAttachment: typeof cases.Attachment;
  CaseMessage: typeof cases.Message;
  CaseEvent: typeof cases.Event;
  CaseSlaClock: typeof slaClocks.CaseSlaClock;
  InboxItem: typeof inbox.InboxItem;
  Availability: typeof catalog.Availability;
  OfferSummary: typeof catalog.OfferSummary;
  Plan: typeof catalog.Plan;
  Agreement: typeof catalog.Agreement;
  OfferDetails: typeof catalog.OfferDetails;
  OfferCaseView: typeof catalog.OfferCaseView;
  Subscription: typeof subscriptions.Subscription;
  Notification: typeof notifications.Notification;
  NotificationPreference: typeof notifications.Preference;
  NotificationPreferences: typeof notifications.Preferences;
  RoutingPreferences: typeof routing.Preferences;
  RoutingDecision: typeof routing.Decision;
  IncidentUpdate: typeof health.IncidentUpdate;
  IncidentSummary: typeof health.IncidentSummary;
  Incident: typeof health.Incident;
  IncidentReachOrganization: typeof health.IncidentReachOrganization;
  SplitRule: typeof channel.SplitRule;
  Customer: typeof channel.Customer;
  IndirectRelationship: typeof channel.IndirectRelationship;
  IndirectRelationshipDetail: typeof channel.IndirectRelationshipDetail;
  NoticeSettings: typeof health.NoticeSettings;
  SlaPolicy: typeof sla.SlaPolicy;
  SlaScopePolicies: typeof sla.ScopePolicies;
  SlaPolicySource: typeof sla.PolicySource;
  SlaPolicies: typeof sla.SlaPolicies;
  SlaComplianceRow: typeof slaReports.ComplianceRow;
  SlaCaseHolding: typeof slaReports.CaseHolding;
  AuditEntry: typeof audit.AuditEntry;
};

/** The static type of one of the API's schemas. */
export type Api<T extends TSchema> = Static<T, Named>;

export type Me = Api<typeof identity.Me>;
export type Organization = Api<typeof identity.Organization>;
export type User = Api<typeof identity.User>;
export type Session = Api<typeof identity.Session>;
export type Locale = Api<typeof identity.Locale>;
export type ApiToken = Api<typeof identity.ApiToken>;
export type Problem = Api<typeof shared.Problem>;

export type Case = Api<typeof cases.Case>;
export type CaseMessage = Api<typeof cases.Message>;
export type CaseAttachment = Api<typeof cases.Attachment>;
export type CaseEvent = Api<typeof cases.Event>;
export type MessageResult = Api<typeof cases.MessageResult>;
export type AttachmentResult = Api<typeof cases.AttachmentResult>;
export type OpenCaseBody = Api<typeof cases.OpenCaseBody>;
export type ReplyBody = Api<typeof cases.ReplyBody>;
export type NoteBody = Api<typeof cases.NoteBody>;
export type AssignBody = Api<typeof cases.AssignBody>;
export type ReasonBody = Api<typeof cases.ReasonBody>;
export type EscalateBody = Api<typeof cases.EscalateBody>;
export type RerouteBody = Api<typeof cases.RerouteBody>;
export type CaseSlaClock = Api<typeof slaClocks.CaseSlaClock>;

export type InboxItem = Api<typeof inbox.InboxItem>;
export type InboxQuery = Api<typeof inbox.InboxQuery>;

export type OfferSummary = Api<typeof catalog.OfferSummary>;
export type OfferDetails = Api<typeof catalog.OfferDetails>;
export type OfferCaseView = Api<typeof catalog.OfferCaseView>;
export type OfferQuery = Api<typeof catalog.OfferQuery>;
export type Plan = Api<typeof catalog.Plan>;
export type Agreement = Api<typeof catalog.Agreement>;
export type CreateOfferBody = Api<typeof catalog.CreateOfferBody>;
export type UpdateOfferBody = Api<typeof catalog.UpdateOfferBody>;
export type SetAudienceBody = Api<typeof catalog.SetAudienceBody>;
export type Audience = Api<typeof catalog.Audience>;
export type CreatePlanBody = Api<typeof catalog.CreatePlanBody>;
export type UpdatePlanBody = Api<typeof catalog.UpdatePlanBody>;
export type PublishAgreementBody = Api<typeof catalog.PublishAgreementBody>;

export type Subscription = Api<typeof subscriptions.Subscription>;
export type PurchaseBody = Api<typeof subscriptions.PurchaseBody>;
export type Purchasability = Api<typeof subscriptions.Purchasability>;
export type SubscriptionQuery = Api<typeof subscriptions.SubscriptionQuery>;

export type Notification = Api<typeof notifications.Notification>;
export type NotificationPreferences = Api<typeof notifications.Preferences>;
export type NotificationPreferencesBody = Api<typeof notifications.PreferencesBody>;
export type UnreadCount = Api<typeof notifications.UnreadCount>;

export type RoutingDecision = Api<typeof routing.Decision>;
export type RoutingDecisionBody = Api<typeof routing.DecisionBody>;

export type Incident = Api<typeof health.Incident>;
export type IncidentSummary = Api<typeof health.IncidentSummary>;
export type IncidentReach = Api<typeof health.IncidentReach>;
export type IncidentUpdateResult = Api<typeof health.IncidentUpdateResult>;
export type PostIncidentBody = Api<typeof health.PostIncidentBody>;
export type IncidentUpdateBody = Api<typeof health.IncidentUpdateBody>;
export type OfferServiceStatus = Api<typeof health.OfferServiceStatus>;

export type Relationship = Api<typeof channel.IndirectRelationship>;
export type Customer = Api<typeof channel.Customer>;
export type RelationshipDetail = Api<typeof channel.IndirectRelationshipDetail>;
export type SplitRule = Api<typeof channel.SplitRule>;
export type UpdateSplitBody = Api<typeof channel.UpdateSplitBody>;
export type CreateCustomerBody = Api<typeof channel.CreateCustomerBody>;
export type CreatedCustomer = Api<typeof channel.CreatedCustomer>;

export type RoutingPreferences = Api<typeof routing.Preferences>;
export type NoticeSettings = Api<typeof health.NoticeSettings>;
export type SlaPolicy = Api<typeof sla.SlaPolicy>;
export type SlaPolicies = Api<typeof sla.SlaPolicies>;
export type SlaScopePolicies = Api<typeof sla.ScopePolicies>;
export type ComplianceReport = Api<typeof slaReports.ComplianceReport>;
export type ComplianceRow = Api<typeof slaReports.ComplianceRow>;
export type VolumeReport = Api<typeof slaReports.VolumeReport>;
export type HoldingSummary = Api<typeof slaReports.HoldingSummary>;
export type OffersReport = Api<typeof slaReports.OffersReport>;
export type AuditEntry = Api<typeof audit.AuditEntry>;
export type AuditQuery = Api<typeof audit.AuditListQuery>;
export type EventTypeList = Api<typeof notifications.EventTypes>;
export type WebhookEndpoint = Api<typeof webhooks.Endpoint>;
export type WebhookEndpointWithSecret = Api<typeof webhooks.EndpointWithSecret>;
export type WebhookDelivery = Api<typeof webhooks.Delivery>;
export type WebhookDeliveryDetail = Api<typeof webhooks.DeliveryDetail>;
export type CreateWebhookEndpointBody = Api<typeof webhooks.CreateEndpointBody>;
export type UpdateWebhookEndpointBody = Api<typeof webhooks.UpdateEndpointBody>;

/** A page of a list: items and the cursor of the next page (null at the end). */
export interface Page<T> { items: T[]; nextCursor: string | null }
