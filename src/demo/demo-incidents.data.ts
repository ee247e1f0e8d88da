/**
 * The demo's service health: two incidents and the partners that tell their customers of them.
 * Tidewater's hosted pipeline runners are stuck right now (open, two updates after the first
 * message); Hanbit Data's Seoul backup storage failed a month ago (resolved). Each matches the
 * outage case a customer opened while it was open (demo-cases.data.ts), which the loader links
 * to it as the routing engine would. Plain constants keyed like demo.data.ts; demo-incidents.ts
 * checks them against the status rule and turns them into rows.
 *
 * Terminology:
 * - days ago: relative to the moment of loading, as in demo.data.ts; an update's time is the
 *   time its status took effect, the first one is when the incident was posted.
 */
import type { IncidentImpact, IncidentStatus } from '../core/incident-rules.ts';

/** One message of a publisher on an incident, with the status after it. */
export interface DemoIncidentUpdate {
  daysAgo: number;
  status: IncidentStatus;
  message: string;
}

/** An incident of a publisher's offers; its status is its last update's. */
export interface DemoIncident {
  publisher: string;
  /** The demo user who posts it and its updates. */
  by: string;
  title: string;
  impact: IncidentImpact;
  offers: string[];
  /** Oldest first; the first is the message the incident was posted with. */
  updates: DemoIncidentUpdate[];
}

/** A partner's choice of telling its customers of incidents. */
export interface DemoNoticeSetting {
  partner: string;
  notifyCustomersOfIncidents: boolean;
  /** The demo user who chose it. */
  by: string;
  daysAgo: number;
}

/** The incidents, oldest first. */
export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    publisher: 'hanbit-data', by: 'publisher-admin@hanbitdata.example',
    title: '서울 리전 백업 저장소 연결 장애 (Seoul backup storage unreachable)', impact: 'outage', offers: ['hanbit-backup'],
    updates: [
      { daysAgo: 35.02, status: 'investigating', message: '서울 리전에서 백업 작업이 "저장소에 연결할 수 없음" 오류로 실패하고 있습니다. 원인을 조사하고 있습니다. Backups in the Seoul region fail with "storage unreachable"; we are investigating.' },
      { daysAgo: 34.99, status: 'identified', message: '저장소 게이트웨이의 인증서 갱신 오류를 확인했습니다. 복구 중입니다. A failed certificate renewal on the storage gateway is the cause; we are restoring it.' },
      { daysAgo: 34.87, status: 'resolved', message: '복구되었습니다. 실패한 백업 작업은 자동으로 다시 실행됩니다. Restored; failed backup jobs run again on their own.' },
    ],
  },
  {
    publisher: 'tidewater', by: 'publisher-admin@tidewater.example',
    title: 'Hosted runners stuck in "queued" in eu-central', impact: 'outage', offers: ['tidewater-pipelines'],
    updates: [
      { daysAgo: 0.52, status: 'investigating', message: 'Jobs on hosted runners in eu-central wait in the queue and do not start. Self-hosted runners are not affected. We are investigating.' },
      { daysAgo: 0.45, status: 'identified', message: 'A scheduler deployment left the eu-central runner pool without capacity. We are rolling it back.' },
      { daysAgo: 0.2, status: 'monitoring', message: 'The rollback is done and queued jobs are starting again; the backlog should clear within the hour. We are watching start times.' },
    ],
  },
];

/**
 * Northwind Direct (a direct partner), Alpenrose IT and Seoul Cloudworks (resellers) tell their
 * customers; Kestrel Systems chose not to; everyone else never chose (and so does not tell).
 */
export const DEMO_NOTICE_SETTINGS: DemoNoticeSetting[] = [
  { partner: 'northwind-direct', notifyCustomersOfIncidents: true, by: 'global-admin@northwind-direct.example', daysAgo: 120 },
  { partner: 'alpenrose', notifyCustomersOfIncidents: true, by: 'global-admin@alpenrose.example', daysAgo: 90 },
  { partner: 'seoul-cloudworks', notifyCustomersOfIncidents: true, by: 'global-admin@seoulcloudworks.example', daysAgo: 60 },
  { partner: 'kestrel', notifyCustomersOfIncidents: false, by: 'global-admin@kestrel.example', daysAgo: 45 },
];
