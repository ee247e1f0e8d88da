/** Error codes of the channel context: indirect relationships, support splits and customers. */
export const CHANNEL_ERROR_CODES = [
  /** No relationship with this id that the viewer may see. */
  'RELATIONSHIP_NOT_FOUND',
  /** The invited organization does not exist or is not visible to the provider. */
  'RESELLER_NOT_FOUND',
  /** The invited organization is not a partner of the indirect reseller model. */
  'NOT_A_RESELLER',
  /** A provider can't invite itself. */
  'SELF_RELATIONSHIP',
  /** The pair already has an invited or active relationship. */
  'RELATIONSHIP_EXISTS',
  /** The relationship's status does not allow the action (accepting an ended one, editing an ended split). */
  'RELATIONSHIP_STATUS_CONFLICT',
  /** A category whose split is fixed (commerce_platform stays with the provider). */
  'SPLIT_NOT_EDITABLE',
  /** No customer with this id that the viewer may see. */
  'CUSTOMER_NOT_FOUND',
  /** The viewer's organization has no active relationship with the customer to end. */
  'CUSTOMER_RELATIONSHIP_NOT_ACTIVE',
] as const;
export type ChannelErrorCode = (typeof CHANNEL_ERROR_CODES)[number];
