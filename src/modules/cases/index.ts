/** The cases context's public face: other contexts import only this file. */
export {
  createCaseService, type CaseService, type PresentedCase, type PresentedMessage, type PresentedEvent, type PresentedAttachment,
} from './cases.service.ts';
export { registerCaseRoutes } from './cases.routes.ts';
export { CASE_ERRORS, type CaseErrorCode } from './cases.errors.ts';
