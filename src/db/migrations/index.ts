/**
 * The ordered list of frozen migrations. A migration, once landed, is never edited: add a new
 * file whose name says what changes, and list it here.
 */
import type { Migration } from 'kysely';
import * as m0001 from './2026_11_24_0001_create_tenancy_identity_channel_catalog_subscriptions.ts';
import * as m0002 from './2026_11_24_0002_create_routing_preferences_and_cases.ts';
import * as m0003 from './2026_11_24_0003_create_events_notifications_webhooks_incidents.ts';
import * as m0004 from './2026_12_01_0004_create_rate_limit_buckets.ts';
import * as m0005 from './2026_12_01_0005_create_audit_log.ts';
import * as m0006 from './2026_12_01_0006_add_session_client_details.ts';
import * as m0007 from './2026_12_02_0007_create_sla_policies.ts';
import * as m0008 from './2026_12_02_0008_create_case_sla_clocks.ts';
import * as m0009 from './2026_12_02_0009_create_sla_report_functions.ts';
import * as m0010 from './2026_12_02_0010_batch_case_sla_lookups_and_store.ts';
import * as m0014 from './2026_12_02_0014_create_sla_report_volume_function.ts';
import * as m0015 from './2026_12_02_0015_create_incident_reach_and_status_functions.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_24_0001_create_tenancy_identity_channel_catalog_subscriptions': m0001,
  '2026_11_24_0002_create_routing_preferences_and_cases': m0002,
  '2026_11_24_0003_create_events_notifications_webhooks_incidents': m0003,
  '2026_12_01_0004_create_rate_limit_buckets': m0004,
  '2026_12_01_0005_create_audit_log': m0005,
  '2026_12_01_0006_add_session_client_details': m0006,
  '2026_12_02_0007_create_sla_policies': m0007,
  '2026_12_02_0008_create_case_sla_clocks': m0008,
  '2026_12_02_0009_create_sla_report_functions': m0009,
  '2026_12_02_0010_batch_case_sla_lookups_and_store': m0010,
  '2026_12_02_0014_create_sla_report_volume_function': m0014,
  '2026_12_02_0015_create_incident_reach_and_status_functions': m0015,
};
