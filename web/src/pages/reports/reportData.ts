/**
 * The reports' state in the address and what it asks the API: the period (dates, `to` included
 * on the page, excluded by the API), the view, the interval and the grouping; the queries and the
 * CSV links of each report. Nothing is computed here that the API decides: the figures are its.
 */
import { useQuery } from '@tanstack/react-query';
import { api, apiUrl } from '../../api/client.ts';
import type { ComplianceReport, HoldingSummary, OffersReport, VolumeReport } from '../../api/types.ts';

export const VIEWS = ['compliance', 'offers', 'holding', 'volume'] as const;
export type View = (typeof VIEWS)[number];
export const INTERVALS = ['week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];
export const COMPLIANCE_BY = ['category', 'severity', 'offer', 'party'] as const;
export type ComplianceBy = (typeof COMPLIANCE_BY)[number];
export const VOLUME_BY = ['category', 'offer', 'severity'] as const;
export type VolumeBy = (typeof VOLUME_BY)[number];
export const TARGETS = ['firstResponse', 'resolution'] as const;
export type Target = (typeof TARGETS)[number];

/** The longest period the API reports on (core's MAX_REPORT_DAYS). */
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const pick = <T extends string>(allowed: readonly T[], value: string, fallback: T): T => ((allowed as readonly string[]).includes(value) ? (value as T) : fallback);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The default period: the last twelve weeks, today included. */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  const to = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return { from: dateOf(to - 83 * DAY_MS), to: dateOf(to) };
}

/** The report's settings as the address holds them, with defaults for what it does not say. */
export interface ReportSettings {
  view: View;
  from: string;
  to: string;
  interval: Interval;
  by: string;
  target: Target;
}

export function settingsOf(filters: Record<'view' | 'from' | 'to' | 'interval' | 'by' | 'target', string>): ReportSettings {
  const view = pick(VIEWS, filters.view, 'compliance');
  const d = defaultPeriod();
  return {
    view,
    from: DATE.test(filters.from) ? filters.from : d.from,
    to: DATE.test(filters.to) ? filters.to : d.to,
    interval: pick(INTERVALS, filters.interval, 'week'),
    by: view === 'volume' ? pick(VOLUME_BY, filters.by, 'category') : pick(COMPLIANCE_BY, filters.by, 'category'),
    target: pick(TARGETS, filters.target, 'firstResponse'),
  };
}

/** Why a period can't be asked for (checked before asking; the API checks again). */
export type PeriodProblem = 'fromMissing' | 'toMissing' | 'toBeforeFrom' | 'tooLong';

export function periodProblems(from: string, to: string): Partial<Record<'from' | 'to', PeriodProblem>> {
  const problems: Partial<Record<'from' | 'to', PeriodProblem>> = {};
  if (!DATE.test(from) || Number.isNaN(Date.parse(from))) problems.from = 'fromMissing';
  if (!DATE.test(to) || Number.isNaN(Date.parse(to))) problems.to = 'toMissing';
  if (problems.from || problems.to) return problems;
  const span = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (span < 1) problems.to = 'toBeforeFrom';
  else if (span > MAX_DAYS) problems.to = 'tooLong';
  return problems;
}

/** The API's period: `to` is excluded there, so the day after the page's last day. */
export function apiPeriod(s: Pick<ReportSettings, 'from' | 'to'>): { from: string; to: string } {
  return { from: s.from, to: dateOf(Date.parse(s.to) + DAY_MS) };
}

export function complianceQuery(s: ReportSettings) {
  return { ...apiPeriod(s), interval: s.interval, groupBy: s.by };
}
export function volumeQuery(s: ReportSettings) {
  return { ...apiPeriod(s), interval: s.interval, groupBy: s.by };
}

export const REPORTS_KEY = ['sla-reports'] as const;

export function useCompliance(s: ReportSettings, enabled: boolean) {
  const query = complianceQuery(s);
  return useQuery({
    queryKey: [...REPORTS_KEY, 'compliance', query],
    queryFn: ({ signal }) => api<ComplianceReport>('GET', '/sla-reports/compliance', { query, signal }),
    enabled,
  });
}

export function useVolume(s: ReportSettings, enabled: boolean) {
  const query = volumeQuery(s);
  return useQuery({
    queryKey: [...REPORTS_KEY, 'volume', query],
    queryFn: ({ signal }) => api<VolumeReport>('GET', '/sla-reports/volume', { query, signal }),
    enabled,
  });
}

export function useHoldingSummary(s: ReportSettings, enabled: boolean) {
  const query = apiPeriod(s);
  return useQuery({
    queryKey: [...REPORTS_KEY, 'holding', query],
    queryFn: ({ signal }) => api<HoldingSummary>('GET', '/sla-reports/holding/summary', { query, signal }),
    enabled,
  });
}

export function useOffers(s: ReportSettings, enabled: boolean) {
  const query = apiPeriod(s);
  return useQuery({
    queryKey: [...REPORTS_KEY, 'offers', query],
    queryFn: ({ signal }) => api<OffersReport>('GET', '/sla-reports/offers', { query, signal }),
    enabled,
  });
}

/** The address of a report's CSV (the API writes it; the session cookie signs the download). */
export function csvUrl(path: string, query: Record<string, string>): string {
  return apiUrl(path, { ...query, format: 'csv' });
}
