/**
 * The closed list of audit actions: stable dotted codes, `<subject>.<what happened>`. A client may
 * filter on them, so a code, once shipped, keeps its meaning; add new ones, never rename.
 */
export const AUDIT_ACTIONS = [
  // Identity (written by the identity context).
  'auth.signed_in', 'auth.sign_in_failed', 'auth.signed_out',
  'organization.created', 'organization.standing_changed',
  'session.ended',
  'user.created', 'user.updated', 'user.roles_changed', 'user.disabled', 'user.enabled', 'user.password_reset', 'user.password_changed',
  'token.created', 'token.revoked',
  // Webhooks.
  'webhook_endpoint.created', 'webhook_endpoint.updated', 'webhook_endpoint.deleted', 'webhook_endpoint.disabled',
  'webhook_endpoint.enabled', 'webhook_endpoint.secret_rotated', 'webhook_delivery.replayed',
  // Routing preferences.
  'routing_preference.default_set', 'routing_preference.offer_set', 'routing_preference.offer_cleared',
  // The channel.
  'indirect_relationship.invited', 'indirect_relationship.accepted', 'indirect_relationship.declined', 'indirect_relationship.ended', 'support_split.changed',
  'customer.created', 'customer_relationship.ended',
  // Service health.
  'notice_settings.changed', 'incident.posted', 'incident.updated', 'incident.resolved',
  // The catalog.
  'offer.created', 'offer.updated', 'offer.audience_changed', 'plan.created', 'plan.updated', 'agreement.published',
  'offer_optin.created', 'offer_optin.removed',
  // Subscriptions.
  'subscription.purchased', 'subscription.activated', 'subscription.suspended', 'subscription.reactivated',
  'subscription.cancelled', 'subscription.quantity_changed', 'subscription.support_contact_changed',
  // SLA policies (partners and the operator; publishers' travel with their agreement versions).
  'sla_policy.set', 'sla_policy.withdrawn',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
