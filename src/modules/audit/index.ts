/** The audit context's public face: other contexts import only this file. */
export {
  createAuditService, recordAudit, recordSystemAudit, recordSignInFailure, diffChanges, createdChanges, redact, REDACTED,
  type AuditService, type AuditEntry, type AuditChanges, type SignInFailure, type PresentedAuditEntry,
} from './audit.service.ts';
export { AUDIT_ACTIONS, type AuditAction } from './audit.actions.ts';
export { registerAuditRoutes } from './audit.routes.ts';
export { AUDIT_ERRORS, type AuditErrorCode } from './audit.errors.ts';
