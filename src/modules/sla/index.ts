/** The SLA context's public face: other contexts import only this file. */
export {
  createSlaService, policiesForCase,
  type SlaService, type CaseSlaFacts, type CasePolicies, type PresentedSlaPolicies, type PresentedScopePolicies,
} from './sla.service.ts';
export { registerSlaRoutes } from './sla.routes.ts';
export { createSlaReportService, type SlaReportService } from './sla.reports.ts';
export { registerSlaReportRoutes } from './sla.reports.routes.ts';
export { SLA_ERRORS, type SlaErrorCode } from './sla.errors.ts';
