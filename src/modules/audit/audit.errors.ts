/** Error codes of the audit context. */
export const AUDIT_ERROR_CODES = [
  /** The `orgId` filter names an organization whose log the viewer may not read (only the operator reads other logs). */
  'AUDIT_LOG_NOT_FOUND',
] as const;
export type AuditErrorCode = (typeof AUDIT_ERROR_CODES)[number];
