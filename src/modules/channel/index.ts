/** The channel context's public face: other contexts import only this file. */
export {
  createChannelService, findActiveIndirectRelationship, findSupportSplit, hasActiveCustomerRelationship,
  type ChannelService, type PresentedCustomer, type PresentedRelationship, type PresentedRelationshipDetail,
} from './channel.service.ts';
export { registerChannelRoutes } from './channel.routes.ts';
export { CHANNEL_ERRORS, type ChannelErrorCode } from './channel.errors.ts';
