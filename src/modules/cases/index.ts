/** The cases context's public face: other contexts import only this file. */
export { createCaseService, type CaseService, type CaseServiceDeps } from './cases.service.ts';
export type { PresentedCase, PresentedMessage, PresentedEvent, PresentedAttachment } from './cases.schemas.ts';
export { registerCaseRoutes } from './cases.routes.ts';
export { CASE_ERRORS, type CaseErrorCode } from './cases.errors.ts';
