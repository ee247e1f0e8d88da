/** The SLA context's public face: other contexts import only this file. */
export {
  createSlaService, policiesForCase, policiesForCases,
  type SlaService, type CaseSlaFacts, type CasePolicies, type PresentedSlaPolicies, type PresentedScopePolicies,
} from './sla.service.ts';
export { registerSlaRoutes } from './sla.routes.ts';
export { createSlaReportService, type SlaReportService } from './sla.reports.ts';
export { registerSlaReportRoutes } from './sla.reports.routes.ts';
export { SLA_ERRORS, type SlaErrorCode } from './sla.errors.ts';
export {
  caseClocksAt, refreshCaseClocks, type CaseClockReading, type ClockSettings,
} from './sla.clocks.ts';
export { createSlaScan, type SlaScan, type ScanResult } from './sla.scan.ts';
export { CaseSlaClock } from './sla.clocks.schemas.ts';
