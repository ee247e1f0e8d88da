/** Error codes of the audit context. */
import type { ErrorCatalogue } from '../../core/app-error.ts';

export const AUDIT_ERRORS = {
  /** The `orgId` filter names an organization whose log the viewer may not read (only the operator reads other logs). */
  AUDIT_LOG_NOT_FOUND: 404,
} as const satisfies ErrorCatalogue;
export type AuditErrorCode = keyof typeof AUDIT_ERRORS;

declare module '../../core/app-error.ts' {
  interface ErrorCatalogues {
    audit: typeof AUDIT_ERRORS;
  }
}
