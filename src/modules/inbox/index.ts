/** The inbox context's public face: other contexts import only this file. */
export {
  createInboxService, takesPartInCaseAboutOffer, type InboxService, type InboxQuery, type PresentedInboxItem, type PresentedServiceRequest,
  type PresentedServiceRequestCollection,
} from './inbox.service.ts';
export { registerInboxRoutes } from './inbox.routes.ts';
export { INBOX_ERRORS, type InboxErrorCode } from './inbox.errors.ts';
