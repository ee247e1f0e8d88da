/** Error codes of the channel context: indirect relationships, support splits and customers. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const CHANNEL_ERRORS = {
  /** No relationship with this id that the viewer may see. */
  RELATIONSHIP_NOT_FOUND: 404,
  /** The invited organization does not exist or is not visible to the provider. */
  RESELLER_NOT_FOUND: 404,
  /** The invited organization is not a partner of the indirect reseller model. */
  NOT_A_RESELLER: 422,
  /** A provider can't invite itself. */
  SELF_RELATIONSHIP: 422,
  /** The pair already has an invited or active relationship. */
  RELATIONSHIP_EXISTS: 409,
  /** The relationship's status does not allow the action (accepting an ended one, editing an ended split). */
  RELATIONSHIP_STATUS_CONFLICT: 409,
  /** A category whose split is fixed (commerce_platform stays with the provider). */
  SPLIT_NOT_EDITABLE: 422,
  /** No customer with this id that the viewer may see. */
  CUSTOMER_NOT_FOUND: 404,
  /** The viewer's organization has no active relationship with the customer to end. */
  CUSTOMER_RELATIONSHIP_NOT_ACTIVE: 409,
} as const satisfies ErrorCatalogue;
export type ChannelErrorCode = keyof typeof CHANNEL_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    channel: typeof CHANNEL_ERRORS;
  }
}
