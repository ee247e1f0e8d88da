/**
 * The demo's support cases: thirty stories across the demo channel, in every status —
 * technical questions sent on to publishers, billing questions held by partners, a reseller's
 * cases escalated to its provider (and one handed back), commerce cases with the operator, a CSP
 * program question, in English and Korean. Their SLA clocks (computed when the demo loads, from
 * the policies of demo-sla.data.ts and the agreements) fall on both sides of their deadlines: a
 * critical case answered late and still open past its resolution target, one opened minutes ago
 * well within its first response, cases paused waiting on the customer, and a billing case handed
 * from a reseller to its provider, on to the operator and back. Each story says who opens the case and what happens
 * after; demo-cases.ts routes the opening with the routing engine and takes every step through the
 * product's case reducer, so the stored cases and their history are exactly what the application
 * would have made.
 *
 * Terminology:
 * - story: one case — who opens it, about what, and its steps.
 * - step: one action of a demo user, some hours after the opening (hours count from the opening).
 * - expect: the status the story ends in; the loader refuses a story whose steps end elsewhere.
 */
import type { CaseStatus } from '../core/case-rules.ts';
import type { PartnerPreference, Severity } from '../core/routing-types.ts';
import type { SupportCategory } from '../core/support-categories.ts';

/** A partner's preference for technical cases: partner-wide (offer null) or for one offer. */
export interface DemoRoutingPreference {
  partner: string;
  offer: string | null;
  preference: PartnerPreference;
  /** The demo user who set it. */
  by: string;
  daysAgo: number;
}

/** One action of a story. */
export type DemoCaseStep = { hoursLater: number; by: string } & (
  | { do: 'reply' | 'ask_customer'; body: string }
  | { do: 'note'; body: string; visibility: 'partners' | 'internal' }
  | { do: 'assign'; to: string }
  | { do: 'forward' | 'escalate' | 'hand_back' | 'resolve' | 'reopen' | 'close'; reason?: string }
  | { do: 'set_external_reference'; value: string }
  /** A file on the acting organization's latest message of the case, as visible as that message. */
  | { do: 'attach'; fileName: string; contentType: string; content: string }
);

/** One demo case. */
export interface DemoCase {
  /** The demo user who opens it; its organization is the asker. */
  openedBy: string;
  /** The customer and offer of the (live) subscription it is about. */
  subscription?: { customer: string; offer: string };
  /** The offer, for a case without a subscription. */
  offer?: string;
  category: SupportCategory;
  severity: Severity;
  title: string;
  description: string;
  openedDaysAgo: number;
  steps: DemoCaseStep[];
  expect: CaseStatus;
}

/**
 * Two partners route technical cases their own way: Northwind Direct answers how-to questions
 * itself first (`tier1`); Bluebird IT sends Tidewater Workspace users straight to Tidewater
 * (`direct`). Everyone else forwards (the default).
 */
export const DEMO_ROUTING_PREFERENCES: DemoRoutingPreference[] = [
  { partner: 'northwind-direct', offer: null, preference: 'tier1', by: 'global-admin@northwind-direct.example', daysAgo: 200 },
  { partner: 'bluebird-it', offer: 'tidewater-workspace', preference: 'direct', by: 'global-admin@bluebird-it.example', daysAgo: 180 },
];

const NW = {
  admin: 'global-admin@northwind-direct.example', agent: 'admin-agent@northwind-direct.example',
  helpdesk: 'helpdesk-agent@northwind-direct.example', billing: 'billing-admin@northwind-direct.example',
};
const BASTION = { admin: 'publisher-admin@bastionlabs.example', engineer: 'support-engineer@bastionlabs.example' };
const MERIDIAN = { admin: 'global-admin@meridian.example', helpdesk: 'helpdesk-agent@meridian.example', billing: 'billing-admin@meridian.example' };
const BLUEBIRD = { admin: 'global-admin@bluebird-it.example', helpdesk: 'helpdesk-agent@bluebird-it.example', billing: 'billing-admin@bluebird-it.example' };
const OPERATOR = { admin: 'operator-admin@switchboard.example', commerce: 'commerce-support@switchboard.example' };

/** The stories, roughly by partner. */
export const DEMO_CASES: DemoCase[] = [
  // Northwind Direct (tier1: it answers how-to questions itself and forwards break-fix and outages).
  {
    openedBy: 'customer-user@riverbend.example', subscription: { customer: 'riverbend', offer: 'bastion-sentinel' },
    category: 'technical_howto', severity: 'minimal', openedDaysAgo: 40, expect: 'closed',
    title: 'How do we exclude build servers from ransomware detection?',
    description: 'Our CI servers write thousands of files a minute and Sentinel flags them as possible ransomware. How do we exclude them without turning detection off?',
    steps: [
      { hoursLater: 1, by: NW.agent, do: 'assign', to: NW.helpdesk },
      { hoursLater: 2, by: NW.helpdesk, do: 'reply', body: 'Add the build servers to a device group and give the group a file-activity exclusion under Policies → Exclusions. Detection stays on for everything else.' },
      { hoursLater: 20, by: 'customer-user@riverbend.example', do: 'reply', body: 'That worked, thank you.' },
      { hoursLater: 21, by: NW.helpdesk, do: 'resolve' },
      { hoursLater: 30, by: 'customer-user@riverbend.example', do: 'close' },
    ],
  },
  {
    openedBy: 'customer-admin@riverbend.example', subscription: { customer: 'riverbend', offer: 'bastion-sentinel' },
    category: 'technical_breakfix', severity: 'critical', openedDaysAgo: 2, expect: 'pending_customer',
    title: 'Agents on 40 endpoints stopped reporting after update 7.2',
    description: 'Since the 7.2 agent update last night, 40 of our 250 endpoints show as offline in the console, though the machines are up.',
    steps: [
      { hoursLater: 0.5, by: BASTION.admin, do: 'assign', to: BASTION.engineer },
      { hoursLater: 1, by: BASTION.engineer, do: 'set_external_reference', value: 'BST-48213' },
      { hoursLater: 1.5, by: BASTION.engineer, do: 'note', visibility: 'internal', body: 'Looks like the 7.2 regression on machines with the old TLS policy. Hotfix 7.2.1 is in QA.' },
      { hoursLater: 2, by: BASTION.engineer, do: 'ask_customer', body: 'Please send the agent log (C:\\ProgramData\\Sentinel\\agent.log) from two of the offline machines, and tell us whether they use a proxy.' },
    ],
  },
  {
    openedBy: 'customer-admin@riverbend.example', subscription: { customer: 'riverbend', offer: 'fathom-insights' },
    category: 'billing', severity: 'moderate', openedDaysAgo: 12, expect: 'resolved',
    title: 'March invoice charges 48 seats, we have 40',
    description: 'The March invoice for Fathom Insights Team charges 48 seats. We reduced to 40 in February.',
    steps: [
      { hoursLater: 3, by: NW.billing, do: 'reply', body: 'You are right: the reduction was applied after the billing cut-off. We will credit the 8 seats on the April invoice.' },
      { hoursLater: 3.5, by: NW.billing, do: 'note', visibility: 'internal', body: 'Credit note CN-2291 raised for 8 seats × 1 month.' },
      { hoursLater: 4, by: NW.billing, do: 'resolve' },
    ],
  },
  {
    openedBy: 'customer-admin@granitepeak.example', subscription: { customer: 'granite-peak', offer: 'tidewater-pipelines' },
    category: 'payment', severity: 'critical', openedDaysAgo: 3, expect: 'pending_customer',
    title: 'Pipelines subscription suspended after our card was replaced',
    description: 'Our company card was replaced and now the Pipelines subscription is suspended. Builds are blocked.',
    steps: [
      { hoursLater: 1, by: NW.billing, do: 'ask_customer', body: 'Please add the new card under Billing → Payment methods in our portal; we reactivate the subscription as soon as the payment goes through.' },
    ],
  },
  {
    openedBy: 'customer-admin@harborlane.example', subscription: { customer: 'harbor-lane', offer: 'bastion-sentinel' },
    category: 'account_setup', severity: 'moderate', openedDaysAgo: 0.2, expect: 'new',
    title: 'Single sign-on activation email never arrived',
    description: 'We enabled SSO for Sentinel Enterprise but the activation email to our identity team never arrived.',
    steps: [],
  },
  {
    openedBy: 'customer-admin@harborlane.example', subscription: { customer: 'harbor-lane', offer: 'tidewater-pipelines' },
    category: 'service_outage', severity: 'critical', openedDaysAgo: 0.5, expect: 'open',
    title: 'All runners stuck in "queued" since 06:00 UTC',
    description: 'None of our pipelines have started since 06:00 UTC; every job waits in the queue.',
    steps: [
      { hoursLater: 0.3, by: 'publisher-admin@tidewater.example', do: 'reply', body: 'We are investigating a queue backlog in eu-central. Next update within the hour; see status.tidewater.example.' },
    ],
  },
  {
    openedBy: 'customer-admin@maplefinch.example', subscription: { customer: 'maple-finch', offer: 'tidewater-workspace' },
    category: 'technical_howto', severity: 'moderate', openedDaysAgo: 1, expect: 'pending_party',
    title: 'Retention policy for client matter spaces',
    description: 'We must keep client matter documents for seven years, and delete them after. How do we set that up for some spaces only?',
    steps: [
      { hoursLater: 2, by: NW.helpdesk, do: 'note', visibility: 'partners', body: 'Customer needs per-space retention; tenant id tw-7741. Our playbook does not cover legal hold.' },
      { hoursLater: 2.2, by: NW.agent, do: 'forward', reason: 'Per-space retention with legal hold needs Tidewater\'s product team.' },
    ],
  },
  {
    openedBy: 'customer-admin@kiwa.example', subscription: { customer: 'kiwa', offer: 'hanbit-ocr' },
    category: 'technical_breakfix', severity: 'moderate', openedDaysAgo: 9, expect: 'open',
    title: 'Vertical Japanese text comes out in the wrong order',
    description: 'Scanned forms with vertical Japanese text are recognized right to left but the lines come out in the wrong order.',
    steps: [
      { hoursLater: 5, by: 'publisher-admin@hanbitdata.example', do: 'reply', body: 'Please enable "vertical layout detection" in the node settings (v3.4 or later). It orders vertical lines correctly.' },
      { hoursLater: 6, by: 'publisher-admin@hanbitdata.example', do: 'resolve' },
      { hoursLater: 50, by: 'customer-admin@kiwa.example', do: 'reopen', reason: 'It still happens on pages that were scanned rotated.' },
    ],
  },
  {
    openedBy: 'customer-admin@nordlicht.example', subscription: { customer: 'nordlicht', offer: 'tidewater-workspace' },
    category: 'subscription', severity: 'minimal', openedDaysAgo: 25, expect: 'closed',
    title: 'Add 50 seats to EU Sovereign',
    description: 'Please increase our EU Sovereign subscription from 400 to 450 users.',
    steps: [
      { hoursLater: 4, by: NW.agent, do: 'reply', body: 'Done: 450 seats from the next billing cycle; the new seats are usable now.' },
      { hoursLater: 4.1, by: NW.agent, do: 'resolve' },
      { hoursLater: 26, by: 'customer-admin@nordlicht.example', do: 'close' },
    ],
  },
  {
    openedBy: 'customer-admin@hanulbio.example', subscription: { customer: 'hanul-biotech', offer: 'hanbit-backup' },
    category: 'technical_howto', severity: 'minimal', openedDaysAgo: 15, expect: 'resolved',
    title: '백업 보존 기간을 90일로 늘리는 방법',
    description: '실험 데이터 백업을 30일이 아니라 90일 동안 보관해야 합니다. 어디에서 설정하나요?',
    steps: [
      { hoursLater: 2, by: NW.helpdesk, do: 'forward', reason: 'Retention tiers are set by Hanbit for this plan.' },
      { hoursLater: 6, by: 'publisher-admin@hanbitdata.example', do: 'reply', body: '관리 콘솔의 정책 → 보존 기간에서 90일을 선택하세요. Standard 1TB 요금제는 최대 180일까지 지원합니다.' },
      { hoursLater: 6.5, by: 'publisher-admin@hanbitdata.example', do: 'resolve' },
    ],
  },
  {
    openedBy: NW.admin, subscription: { customer: 'granite-peak', offer: 'tidewater-pipelines' },
    category: 'commerce_platform', severity: 'moderate', openedDaysAgo: 6, expect: 'resolved',
    title: 'Suspended subscription still accrues usage in the commerce system',
    description: 'Granite Peak\'s Pipelines subscription is suspended, yet the commerce system still reports daily usage for it.',
    steps: [
      { hoursLater: 3, by: OPERATOR.commerce, do: 'ask_customer', body: 'Please send the order id and one of the usage record ids.' },
      { hoursLater: 5, by: NW.admin, do: 'reply', body: 'Order ORD-88123; usage record UR-551-0098.' },
      { hoursLater: 30, by: OPERATOR.commerce, do: 'reply', body: 'The suspension did not reach the metering service. Fixed, and the usage since the suspension is voided.' },
      { hoursLater: 30.5, by: OPERATOR.commerce, do: 'resolve' },
    ],
  },
  {
    openedBy: BASTION.admin, offer: 'bastion-vault',
    category: 'commerce_platform', severity: 'moderate', openedDaysAgo: 4, expect: 'open',
    title: 'Private plan for a customer does not appear in the catalog',
    description: 'We published a private Vault plan for one customer two days ago; partners still cannot see it.',
    steps: [
      { hoursLater: 2, by: OPERATOR.admin, do: 'assign', to: OPERATOR.commerce },
      { hoursLater: 3, by: OPERATOR.commerce, do: 'reply', body: 'Private plans are published with the next catalog sync; we are checking why yesterday\'s sync skipped it.' },
    ],
  },

  // Bluebird IT through Meridian Distribution (Tidewater Workspace: `direct`).
  {
    openedBy: 'customer-admin@summitridge.example', subscription: { customer: 'summit-ridge', offer: 'tidewater-workspace' },
    category: 'technical_breakfix', severity: 'moderate', openedDaysAgo: 5, expect: 'open',
    title: 'Guest users cannot open shared documents',
    description: 'Teachers invited as guests from the district office get "access denied" on documents shared with them.',
    steps: [
      { hoursLater: 2, by: 'publisher-admin@tidewater.example', do: 'ask_customer', body: 'Which browser do the guests use, and do they sign in with a district account or a one-time code?' },
      { hoursLater: 20, by: 'customer-admin@summitridge.example', do: 'reply', body: 'Edge and Chrome; they sign in with one-time codes. The browser console output is attached.' },
      {
        hoursLater: 20.1, by: 'customer-admin@summitridge.example', do: 'attach', fileName: 'guest-console.txt', contentType: 'text/plain',
        content: 'GET /api/spaces/sp_4471/documents/doc_88 403 (Forbidden)\nWS-AUTH: guest token audience mismatch (expected workspace.tidewater.example)\n',
      },
    ],
  },
  {
    openedBy: 'customer-admin@summitridge.example', subscription: { customer: 'summit-ridge', offer: 'bastion-sentinel' },
    category: 'billing', severity: 'moderate', openedDaysAgo: 18, expect: 'resolved',
    title: 'Renewal quote in USD does not match the contract price',
    description: 'The renewal quote for Sentinel is 8% above the price in our three-year agreement.',
    steps: [
      { hoursLater: 2, by: BLUEBIRD.billing, do: 'escalate', reason: 'The price list for this renewal comes from Meridian.' },
      { hoursLater: 6, by: MERIDIAN.billing, do: 'note', visibility: 'partners', body: 'The quote used the new list price; the contract price is protected until renewal. Corrected quote Q-2024-551.' },
      { hoursLater: 6.5, by: MERIDIAN.billing, do: 'hand_back', reason: 'Corrected quote attached to the note; please send it to the customer.' },
      { hoursLater: 8, by: BLUEBIRD.billing, do: 'reply', body: 'We have a corrected quote at your contract price; it is in your portal under Quotes.' },
      { hoursLater: 8.5, by: BLUEBIRD.billing, do: 'resolve' },
    ],
  },
  {
    openedBy: 'customer-admin@lakeshorecu.example', subscription: { customer: 'lakeshore-cu', offer: 'bastion-vault' },
    category: 'payment', severity: 'moderate', openedDaysAgo: 1.5, expect: 'pending_party',
    title: 'Refund for the duplicate February charge',
    description: 'Our card was charged twice for Vault Dedicated in February. Please refund one charge.',
    steps: [
      { hoursLater: 3, by: BLUEBIRD.billing, do: 'note', visibility: 'partners', body: 'Both charges came from Meridian\'s billing run 2024-02-01; we cannot refund on our side. Extract attached.' },
      {
        hoursLater: 3.1, by: BLUEBIRD.billing, do: 'attach', fileName: 'billing-run-2024-02-01.csv', contentType: 'text/csv',
        content: 'charge_id,customer,amount,currency,run\nCH-10291,Lakeshore Credit Union,1840.00,USD,2024-02-01\nCH-10292,Lakeshore Credit Union,1840.00,USD,2024-02-01\n',
      },
      { hoursLater: 3.2, by: BLUEBIRD.billing, do: 'escalate', reason: 'The duplicate charge is in the provider\'s billing run.' },
    ],
  },
  {
    openedBy: 'customer-admin@lakeshorecu.example', subscription: { customer: 'lakeshore-cu', offer: 'bastion-edge-firewall' },
    category: 'technical_howto', severity: 'minimal', openedDaysAgo: 30, expect: 'closed',
    title: 'Allow the branch VPN through the edge firewall',
    description: 'How do we let the branch offices\' site-to-site VPN through the edge firewall without opening every port?',
    steps: [
      { hoursLater: 5, by: BASTION.engineer, do: 'reply', body: 'Create a service object for IKE (UDP 500/4500) and ESP, and an allow rule from the branch addresses only. The guide "Site-to-site VPN" has screenshots.' },
      { hoursLater: 5.5, by: BASTION.engineer, do: 'resolve' },
      { hoursLater: 40, by: 'customer-admin@lakeshorecu.example', do: 'close' },
    ],
  },
  {
    openedBy: 'customer-admin@cedargrove.example', subscription: { customer: 'cedar-grove', offer: 'tidewater-workspace' },
    category: 'subscription', severity: 'moderate', openedDaysAgo: 0.1, expect: 'new',
    title: 'Reactivate our suspended Workspace',
    description: 'Our Workspace subscription was suspended while we changed banks. Please reactivate it.',
    steps: [],
  },

  // Kestrel Systems through Meridian Distribution.
  {
    openedBy: 'customer-admin@thistleoak.example', subscription: { customer: 'thistle-oak', offer: 'bastion-sentinel' },
    category: 'account_setup', severity: 'moderate', openedDaysAgo: 7, expect: 'open',
    title: 'Onboard our second tenant',
    description: 'We bought Sentinel Enterprise for two tenants; only the first one was onboarded.',
    steps: [
      { hoursLater: 4, by: 'global-admin@kestrel.example', do: 'reply', body: 'We are linking the second tenant now; you will get the onboarding email for it today.' },
    ],
  },
  {
    openedBy: 'global-admin@kestrel.example', offer: 'fathom-lakehouse',
    category: 'csp_program', severity: 'minimal', openedDaysAgo: 20, expect: 'resolved',
    title: 'Is Lakehouse exclusive to us in the UK?',
    description: 'We are listed as an authorized partner for Lakehouse. Is that exclusivity for the UK market only, and until when?',
    steps: [
      { hoursLater: 24, by: 'publisher-admin@fathomanalytics.example', do: 'reply', body: 'The authorization covers every market, with no end date; we review the list each January.' },
      { hoursLater: 24.5, by: 'publisher-admin@fathomanalytics.example', do: 'resolve' },
    ],
  },

  // Alpenrose IT through Meridian Distribution.
  {
    openedBy: 'customer-admin@rheinblick.example', subscription: { customer: 'rheinblick', offer: 'tidewater-workspace' },
    category: 'technical_breakfix', severity: 'critical', openedDaysAgo: 0.05, expect: 'new',
    title: 'Documents fail to save with error WS-409',
    description: 'Since this morning, saving any document in the EU Sovereign tenant fails with error WS-409.',
    steps: [],
  },
  {
    openedBy: 'customer-admin@bergmann.example', subscription: { customer: 'bergmann', offer: 'tidewater-pipelines' },
    category: 'commerce_platform', severity: 'moderate', openedDaysAgo: 8, expect: 'open',
    title: 'Marketplace invoice shows the wrong VAT ID',
    description: 'The marketplace invoice for Pipelines shows our old VAT ID DE123456789; the new one is DE987654321.',
    steps: [
      { hoursLater: 3, by: MERIDIAN.helpdesk, do: 'note', visibility: 'partners', body: 'The VAT ID is held in the commerce system\'s billing profile; only the operator can correct issued invoices.' },
      { hoursLater: 3.5, by: MERIDIAN.helpdesk, do: 'escalate', reason: 'Issued marketplace invoices are corrected by the operator.' },
      { hoursLater: 28, by: OPERATOR.commerce, do: 'reply', body: 'We updated the billing profile and will reissue the last two invoices with the new VAT ID.' },
    ],
  },

  // Seoul Cloudworks, Sakura Net and Busan Digital through Hanil Cloud Distribution.
  {
    openedBy: 'customer-admin@hangang.example', subscription: { customer: 'hangang', offer: 'hanbit-backup' },
    category: 'service_outage', severity: 'critical', openedDaysAgo: 35, expect: 'closed',
    title: '모든 백업 작업이 실패합니다',
    description: '오늘 새벽 2시부터 모든 백업 작업이 "저장소에 연결할 수 없음" 오류로 실패하고 있습니다.',
    steps: [
      { hoursLater: 0.5, by: 'publisher-admin@hanbitdata.example', do: 'reply', body: '서울 리전 저장소 장애를 확인했습니다. 복구 작업 중이며 1시간 이내에 다시 안내드리겠습니다.' },
      { hoursLater: 3, by: 'publisher-admin@hanbitdata.example', do: 'reply', body: '복구되었습니다. 실패한 작업은 자동으로 다시 실행됩니다.' },
      { hoursLater: 3.2, by: 'publisher-admin@hanbitdata.example', do: 'resolve' },
      { hoursLater: 10, by: 'customer-admin@hangang.example', do: 'close' },
    ],
  },
  {
    openedBy: 'customer-admin@miraefintech.example', subscription: { customer: 'mirae-fintech', offer: 'bastion-sentinel' },
    category: 'billing', severity: 'moderate', openedDaysAgo: 4, expect: 'pending_customer',
    title: '세금계산서 발행 요청',
    description: 'Sentinel 연간 구독에 대한 세금계산서를 발행해 주세요. 사업자등록번호가 변경되었습니다.',
    steps: [
      { hoursLater: 2, by: 'global-admin@seoulcloudworks.example', do: 'escalate', reason: '세금계산서는 공급자가 발행합니다.' },
      { hoursLater: 6, by: 'global-admin@hanilcloud.example', do: 'ask_customer', body: '변경된 사업자등록증 사본을 보내 주시면 바로 발행하겠습니다.' },
    ],
  },
  {
    openedBy: 'customer-admin@dasan.example', subscription: { customer: 'dasan-academy', offer: 'tidewater-workspace' },
    category: 'subscription', severity: 'minimal', openedDaysAgo: 0.3, expect: 'new',
    title: '방학 기간 동안 라이선스 수 줄이기',
    description: '7월과 8월에는 사용자 수를 260명에서 120명으로 줄이고 싶습니다. 가능한가요?',
    steps: [],
  },
  {
    openedBy: 'global-admin@hanilcloud.example', subscription: { customer: 'hangang', offer: 'hanbit-ocr' },
    category: 'commerce_platform', severity: 'moderate', openedDaysAgo: 22, expect: 'resolved',
    title: 'OCR subscription provisioned twice',
    description: 'The commerce system provisioned Hangang Logistics\' OCR subscription twice; the second instance should not exist.',
    steps: [
      { hoursLater: 5, by: OPERATOR.commerce, do: 'reply', body: 'A retried provisioning request created the second instance. We removed it; no charges were made for it.' },
      { hoursLater: 5.5, by: OPERATOR.commerce, do: 'resolve' },
    ],
  },
  {
    openedBy: 'customer-admin@busanport.example', subscription: { customer: 'busan-port', offer: 'hanbit-backup' },
    category: 'payment', severity: 'critical', openedDaysAgo: 2.5, expect: 'pending_party',
    title: '결제했는데 구독이 정지되었습니다',
    description: '지난주에 미납 금액을 모두 결제했는데도 백업 구독이 여전히 정지 상태입니다.',
    steps: [
      { hoursLater: 1, by: 'global-admin@busandigital.example', do: 'escalate', reason: '재판매인 계정이 제한되어 있어 공급자가 처리해야 합니다.' },
    ],
  },
  {
    openedBy: 'customer-admin@kobayashi.example', subscription: { customer: 'kobayashi', offer: 'hanbit-ocr' },
    category: 'technical_howto', severity: 'minimal', openedDaysAgo: 3, expect: 'open',
    title: 'Batch-process a folder of scanned invoices',
    description: 'Can the OCR node watch a network folder and process every new PDF automatically?',
    steps: [
      { hoursLater: 6, by: 'publisher-admin@hanbitdata.example', do: 'reply', body: 'Yes: add a "watched folder" source in the node settings and point it at the share; new PDFs are processed within a minute.' },
    ],
  },

  // SLA stories (issue 10).
  // Reseller → provider → operator and back: each party holds it in turn, the reseller answers for it.
  {
    openedBy: 'customer-admin@summitridge.example', subscription: { customer: 'summit-ridge', offer: 'bastion-sentinel' },
    category: 'billing', severity: 'moderate', openedDaysAgo: 6, expect: 'resolved',
    title: 'Renewal credit missing from the June invoice',
    description: 'The credit of $1,240 agreed for the Sentinel renewal is not on the June invoice.',
    steps: [
      { hoursLater: 1, by: BLUEBIRD.billing, do: 'escalate', reason: 'The renewal credit was issued by Meridian.' },
      { hoursLater: 3, by: MERIDIAN.billing, do: 'escalate', reason: 'Our credit note CN-7781 never reached the marketplace invoice.' },
      { hoursLater: 26, by: OPERATOR.commerce, do: 'note', visibility: 'partners', body: 'The credit note was rejected by the invoice run for a missing tax code; re-sent with the code.' },
      { hoursLater: 26.5, by: OPERATOR.commerce, do: 'hand_back', reason: 'Credit note re-sent; it applies to the next invoice.' },
      { hoursLater: 28, by: MERIDIAN.billing, do: 'hand_back', reason: 'The credit applies to the July invoice.' },
      { hoursLater: 29, by: BLUEBIRD.billing, do: 'reply', body: 'The credit of $1,240 will be on your July invoice; we are sorry for the delay.' },
      { hoursLater: 29.5, by: BLUEBIRD.billing, do: 'resolve' },
    ],
  },
  // Bastion's 2nd agreement: critical cases around the clock. Answered late, still open a day and a half later: both targets breached.
  {
    openedBy: 'customer-admin@harborlane.example', subscription: { customer: 'harbor-lane', offer: 'bastion-sentinel' },
    category: 'technical_breakfix', severity: 'critical', openedDaysAgo: 1.5, expect: 'open',
    title: 'New agents are isolated as soon as they enroll',
    description: 'Every endpoint we enrolled since yesterday is put into network isolation right after its first check-in.',
    steps: [
      { hoursLater: 2, by: BASTION.engineer, do: 'reply', body: 'The isolation policy treats the new enrollment certificate as untrusted. We are testing a fix; meanwhile, release isolated agents from Devices → Isolation.' },
    ],
  },
  // Opened minutes ago under the same agreement: well within its first response.
  {
    openedBy: 'customer-admin@thistleoak.example', subscription: { customer: 'thistle-oak', offer: 'bastion-sentinel' },
    category: 'technical_breakfix', severity: 'critical', openedDaysAgo: 0.005, expect: 'new',
    title: 'Sentinel console shows no detections since 10 minutes',
    description: 'The console stopped showing detections for all 150 endpoints; the agents report as healthy.',
    steps: [],
  },
];
