/**
 * The demo's SLA commitments (issue 10): what the partners and the operator set as policies, in
 * versions, by a user at a time; the publishers' commitments travel with their agreement versions
 * (demo.data.ts — Bastion Sentinel's 2nd edition states its calendar, US holidays and critical
 * cases around the clock). Everyone else is held to the product's default. demo.service.ts checks
 * each policy with the product's rule (checkPolicy) and writes the versions.
 *
 * Terminology: policy, scope, version as in src/core/sla-policy.ts; days ago as in demo.data.ts.
 */
import type { OpenWindow, SupportCalendar, Weekday } from '../core/business-calendar.ts';
import type { PolicyScope, SlaPolicy } from '../core/sla-policy.ts';

/** One version of a partner's or the operator's policy for a scope. */
export interface DemoSlaPolicy {
  org: string;
  scope: PolicyScope;
  /** The demo user who set it. */
  by: string;
  daysAgo: number;
  policy: SlaPolicy;
}

/** A calendar open on some weekdays in one window a day. */
function hours(timeZone: string, days: readonly Weekday[], start: string, end: string, holidays: string[] = []): SupportCalendar {
  const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } as Record<Weekday, OpenWindow[]>;
  for (const d of days) week[d] = [{ start, end }];
  return { timeZone, week, holidays };
}

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** US federal holidays, 2025–2027 (observed dates). */
export const US_HOLIDAYS = [
  '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
  '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
  '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24',
];

/** Bastion Sentinel's 2nd edition: Pacific business hours, US holidays (critical cases run around the clock). */
export const BASTION_SENTINEL_V2_CALENDAR = hours('America/Los_Angeles', WEEKDAYS, '06:00', '18:00', US_HOLIDAYS);

const targets = (critical: [number, number], moderate: [number, number], minimal: [number, number]): SlaPolicy['targets'] => ({
  critical: { firstResponseMinutes: critical[0], resolutionMinutes: critical[1] },
  moderate: { firstResponseMinutes: moderate[0], resolutionMinutes: moderate[1] },
  minimal: { firstResponseMinutes: minimal[0], resolutionMinutes: minimal[1] },
});

/**
 * Northwind Direct answers in Chicago business hours (v1, tightened in v2) and has its own,
 * faster billing policy; Meridian holds its resellers' tier to New York hours; the operator
 * answers commerce cases on long UTC days, critical ones around the clock.
 */
export const DEMO_SLA_POLICIES: DemoSlaPolicy[] = [
  {
    org: 'northwind-direct', scope: 'all', by: 'global-admin@northwind-direct.example', daysAgo: 180,
    policy: { targets: targets([60, 480], [240, 1440], [480, 2880]), calendar: hours('America/Chicago', WEEKDAYS, '08:00', '18:00', US_HOLIDAYS), criticalAroundTheClock: false },
  },
  {
    org: 'northwind-direct', scope: 'all', by: 'global-admin@northwind-direct.example', daysAgo: 45,
    policy: { targets: targets([30, 480], [120, 1440], [480, 2880]), calendar: hours('America/Chicago', WEEKDAYS, '08:00', '18:00', US_HOLIDAYS), criticalAroundTheClock: false },
  },
  {
    org: 'northwind-direct', scope: 'billing', by: 'admin-agent@northwind-direct.example', daysAgo: 90,
    policy: { targets: targets([60, 240], [180, 960], [480, 1920]), calendar: hours('America/Chicago', WEEKDAYS, '08:00', '18:00', US_HOLIDAYS), criticalAroundTheClock: false },
  },
  {
    org: 'meridian', scope: 'all', by: 'global-admin@meridian.example', daysAgo: 300,
    policy: { targets: targets([60, 480], [240, 1440], [480, 2880]), calendar: hours('America/New_York', WEEKDAYS, '08:00', '20:00', US_HOLIDAYS), criticalAroundTheClock: true },
  },
  {
    org: 'switchboard', scope: 'commerce_platform', by: 'operator-admin@switchboard.example', daysAgo: 400,
    policy: { targets: targets([30, 240], [120, 960], [480, 2400]), calendar: hours('UTC', WEEKDAYS, '06:00', '22:00'), criticalAroundTheClock: true },
  },
];
