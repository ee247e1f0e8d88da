/**
 * Domain events (SPEC section 8): the catalogue of what happens, who hears of a case event, which
 * channels a user gets by default, and the words of a notification in English and Korean.
 *
 * Terminology:
 * - event: one change, written in the transaction of the change (the outbox) and delivered later.
 * - audience: the organizations an event reaches. A case event knows them when it happens (the
 *   case's participants, narrowed by the visibility of what happened); an incident's are resolved
 *   by the fan-out job, in batches, from the subscriptions of its offers.
 * - channel: how a user hears of it — the in-app inbox or e-mail. Webhooks belong to
 *   organizations, not users, and are chosen per endpoint.
 */
/** The languages Switchboard writes in. */
export type Locale = 'en' | 'ko';

/** Every event type, with what it means. Webhook endpoints and preferences choose among these. */
export const EVENT_TYPES = {
  'case.opened': 'A case was opened.',
  'case.routed': 'A new case was routed to the party responsible.',
  'case.assigned': 'A case was assigned to an agent.',
  'case.forwarded': 'A case was forwarded to the publisher.',
  'case.escalated': 'A case was escalated.',
  'case.handed_back': 'A case was handed back to the party before.',
  'case.rerouted': 'A case was rerouted to another category and party.',
  'case.message_added': 'A reply or note was added to a case.',
  'case.resolved': 'A case was resolved.',
  'case.reopened': 'A resolved case was reopened.',
  'case.closed': 'A case was closed.',
  'case.sla_warning': 'A party\'s first-response or resolution commitment on a case is nearly due.',
  'case.sla_breached': 'A party\'s first-response or resolution commitment on a case was breached.',
  'incident.posted': 'A publisher posted a service incident for an offer.',
  'incident.updated': 'A service incident changed status or has a new update.',
  'incident.resolved': 'A service incident was resolved.',
  'subscription.purchased': 'A subscription was purchased.',
  'subscription.activated': 'A subscription was activated by its publisher.',
  'subscription.suspended': 'A subscription was suspended.',
  'subscription.reactivated': 'A suspended subscription was reactivated.',
  'subscription.cancelled': 'A subscription was cancelled.',
} as const;

/** One kind of event. */
export type EventType = keyof typeof EVENT_TYPES;
/** Every event type, in catalogue order. */
export const EVENT_TYPE_LIST = Object.keys(EVENT_TYPES) as EventType[];

/** Whether a string names an event type. */
export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPES, value);
}

/** What an event is about. */
export type EventSubjectType = 'case' | 'incident' | 'subscription';

/** An event as a service records it in its transaction. */
export interface NewDomainEvent {
  type: EventType;
  subjectType: EventSubjectType;
  subjectId: string;
  /** The payload, delivered to webhooks as it is: ids, statuses, titles — never secrets. */
  data: Record<string, unknown>;
  /** The organizations it reaches; null when the fan-out resolves them (incidents). */
  audienceOrgIds: string[] | null;
}

/** A recorded event, as the fan-out and the senders read it. */
export interface DomainEvent extends NewDomainEvent {
  id: string;
  occurredAt: Date;
  actorOrgId: string | null;
  actorUserId: string | null;
}

/** The channels a user hears an event by. */
export interface Channels {
  inApp: boolean;
  email: boolean;
}

/**
 * What a user gets without a preference of their own: everything in the inbox; e-mail for what
 * asks them to act or tells them of an outage, not for every step of a case.
 */
export function defaultChannels(type: EventType): Channels {
  return { inApp: true, email: EMAIL_BY_DEFAULT.has(type) };
}
const EMAIL_BY_DEFAULT = new Set<EventType>([
  'case.routed', 'case.forwarded', 'case.escalated', 'case.message_added', 'case.resolved', 'case.sla_breached',
  'incident.posted', 'incident.resolved', 'subscription.activated', 'subscription.suspended', 'subscription.cancelled',
]);

/** Who sees a case event, by the visibility of what happened. */
export type CaseEventVisibility = 'public' | 'partners' | 'internal';

/** A case participant, as the audience rule needs it. */
export interface AudienceParticipant {
  orgId: string;
  role: 'customer' | 'partner' | 'provider' | 'reseller' | 'publisher' | 'operator';
}

/**
 * The audience of a case event: every participant for public ones; all but the customer for
 * notes between partners; only the acting organization for internal notes.
 */
export function caseEventAudience(participants: readonly AudienceParticipant[], visibility: CaseEventVisibility, actorOrgId: string): string[] {
  const orgs = visibility === 'internal'
    ? participants.filter((p) => p.orgId === actorOrgId)
    : visibility === 'partners' ? participants.filter((p) => p.role !== 'customer') : participants;
  return [...new Set(orgs.map((p) => p.orgId))].sort();
}

/** A notification's words in one language, and where it points. */
export interface EventText {
  title: string;
  body: string;
  /** The API path of the subject. */
  link: string;
}

const LINKS: Record<EventSubjectType, string> = {
  case: '/api/v1/cases/',
  incident: '/api/v1/incidents/',
  subscription: '/api/v1/subscriptions/',
};

function str(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function quoted(title: string): string {
  return title ? ` “${title}”` : '';
}

const IMPACT_KO: Record<string, string> = { outage: '장애', degraded: '성능 저하', maintenance: '점검' };
const STATUS_KO: Record<string, string> = {
  investigating: '조사 중', identified: '원인 확인', monitoring: '모니터링', resolved: '해결됨',
};

/**
 * The title and body of an event in a language. Case titles, incident titles and messages are the
 * parties' own words and stay as written; everything around them is translated.
 */
export function describeEvent(event: Pick<DomainEvent, 'type' | 'subjectType' | 'subjectId' | 'data'>, locale: Locale): EventText {
  const d = event.data;
  const title = str(d, 'title');
  const link = `${LINKS[event.subjectType]}${event.subjectId}`;
  const ko = locale === 'ko';
  const t = (en: [string, string], kr: [string, string]): EventText => {
    const [ti, bo] = ko ? kr : en;
    return { title: ti, body: bo, link };
  };
  const reason = str(d, 'reason');
  switch (event.type) {
    case 'case.opened':
      return t([`New case${quoted(title)}`, `A ${str(d, 'severity')} ${str(d, 'category')} case was opened.`],
        [`새 케이스${quoted(title)}`, `${str(d, 'category')} 케이스(심각도 ${str(d, 'severity')})가 열렸습니다.`]);
    case 'case.routed':
      return t([`Case routed${quoted(title)}`, `The case is now with ${str(d, 'holderOrgName') || 'the party responsible'}.`],
        [`케이스 배정${quoted(title)}`, `케이스가 ${str(d, 'holderOrgName') || '담당 조직'}에 배정되었습니다.`]);
    case 'case.assigned':
      return t([`Case assigned${quoted(title)}`, 'An agent took the case.'], [`케이스 담당자 지정${quoted(title)}`, '담당 상담원이 지정되었습니다.']);
    case 'case.forwarded':
      return t([`Case forwarded${quoted(title)}`, `The case was forwarded to the publisher.${reason ? ` Reason: ${reason}` : ''}`],
        [`케이스 전달${quoted(title)}`, `케이스가 게시자에게 전달되었습니다.${reason ? ` 사유: ${reason}` : ''}`]);
    case 'case.escalated':
      return t([`Case escalated${quoted(title)}`, `The case was escalated.${reason ? ` Reason: ${reason}` : ''}`],
        [`케이스 에스컬레이션${quoted(title)}`, `케이스가 에스컬레이션되었습니다.${reason ? ` 사유: ${reason}` : ''}`]);
    case 'case.handed_back':
      return t([`Case handed back${quoted(title)}`, 'The case was handed back.'], [`케이스 반환${quoted(title)}`, '케이스가 이전 담당 조직으로 반환되었습니다.']);
    case 'case.rerouted':
      return t([`Case rerouted${quoted(title)}`, `The case was rerouted to ${str(d, 'category')}.`],
        [`케이스 재배정${quoted(title)}`, `케이스가 ${str(d, 'category')} 범주로 재배정되었습니다.`]);
    case 'case.message_added':
      return t([`New message on${quoted(title) || ' a case'}`, str(d, 'excerpt')], [`새 메시지${quoted(title)}`, str(d, 'excerpt')]);
    case 'case.resolved':
      return t([`Case resolved${quoted(title)}`, 'The case was resolved.'], [`케이스 해결${quoted(title)}`, '케이스가 해결되었습니다.']);
    case 'case.reopened':
      return t([`Case reopened${quoted(title)}`, 'The case was reopened.'], [`케이스 재개${quoted(title)}`, '케이스가 다시 열렸습니다.']);
    case 'case.closed':
      return t([`Case closed${quoted(title)}`, 'The case was closed.'], [`케이스 종료${quoted(title)}`, '케이스가 종료되었습니다.']);
    case 'case.sla_warning': case 'case.sla_breached': {
      const party = str(d, 'partyName') || (ko ? '담당 조직' : 'the party');
      const first = str(d, 'target') === 'first_response';
      const what: [string, string] = first ? ['first response', '첫 응답'] : ['resolution', '해결'];
      if (event.type === 'case.sla_warning') {
        return t([`SLA nearly due${quoted(title)}`, `The ${what[0]} of ${party} is due at ${str(d, 'dueAt')} (${str(d, 'remainingMinutes')} business minutes left).`],
          [`SLA 기한 임박${quoted(title)}`, `${party}의 ${what[1]} 기한은 ${str(d, 'dueAt')}입니다(업무 시간 ${str(d, 'remainingMinutes')}분 남음).`]);
      }
      return t([`SLA breached${quoted(title)}`, `The ${what[0]} target of ${party} (${str(d, 'targetMinutes')} business minutes) was missed at ${str(d, 'breachedAt')}.`],
        [`SLA 위반${quoted(title)}`, `${party}의 ${what[1]} 목표(업무 시간 ${str(d, 'targetMinutes')}분)를 ${str(d, 'breachedAt')}에 넘겼습니다.`]);
    }
    case 'incident.posted':
      return t([`${capitalize(str(d, 'impact'))}: ${title}`, `${str(d, 'publisherName')} reported ${article(str(d, 'impact'))} ${str(d, 'impact')} of ${offerNames(d)}.${message(d)}`],
        [`${IMPACT_KO[str(d, 'impact')] ?? str(d, 'impact')}: ${title}`, `${str(d, 'publisherName')}에서 ${offerNames(d)}의 ${IMPACT_KO[str(d, 'impact')] ?? ''}을(를) 알렸습니다.${message(d)}`]);
    case 'incident.updated':
      return t([`Incident ${str(d, 'status')}: ${title}`, `${offerNames(d)}: ${str(d, 'status')}.${message(d)}`],
        [`장애 ${STATUS_KO[str(d, 'status')] ?? str(d, 'status')}: ${title}`, `${offerNames(d)}: ${STATUS_KO[str(d, 'status')] ?? str(d, 'status')}.${message(d)}`]);
    case 'incident.resolved':
      return t([`Resolved: ${title}`, `${offerNames(d)} is working normally again.${message(d)}`],
        [`해결됨: ${title}`, `${offerNames(d)}이(가) 정상화되었습니다.${message(d)}`]);
    case 'subscription.purchased':
      return t([`Subscription purchased: ${str(d, 'offerName')}`, `A subscription of ${str(d, 'offerName')} (quantity ${str(d, 'quantity')}) awaits activation.`],
        [`구독 구매: ${str(d, 'offerName')}`, `${str(d, 'offerName')} 구독(수량 ${str(d, 'quantity')})이 활성화를 기다리고 있습니다.`]);
    case 'subscription.activated':
      return t([`Subscription active: ${str(d, 'offerName')}`, 'The publisher activated the subscription.'],
        [`구독 활성화: ${str(d, 'offerName')}`, '게시자가 구독을 활성화했습니다.']);
    case 'subscription.suspended':
      return t([`Subscription suspended: ${str(d, 'offerName')}`, 'The subscription was suspended.'],
        [`구독 일시 중지: ${str(d, 'offerName')}`, '구독이 일시 중지되었습니다.']);
    case 'subscription.reactivated':
      return t([`Subscription reactivated: ${str(d, 'offerName')}`, 'The subscription is active again.'],
        [`구독 재활성화: ${str(d, 'offerName')}`, '구독이 다시 활성화되었습니다.']);
    case 'subscription.cancelled':
      return t([`Subscription cancelled: ${str(d, 'offerName')}`, 'The subscription was cancelled.'],
        [`구독 취소: ${str(d, 'offerName')}`, '구독이 취소되었습니다.']);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function offerNames(d: Record<string, unknown>): string {
  const offers = Array.isArray(d['offers']) ? (d['offers'] as { name?: unknown }[]) : [];
  const names = offers.map((o) => (typeof o.name === 'string' ? o.name : '')).filter(Boolean);
  return names.length > 0 ? names.join(', ') : 'the service';
}

function message(d: Record<string, unknown>): string {
  const m = str(d, 'message');
  return m ? ` ${m}` : '';
}

/**
 * The webhook body of an event, per the Standard Webhooks convention: `type`, `timestamp` and
 * `data`, with the event's id (also sent as `webhook-id`) for receivers that keep the body only.
 */
export function webhookPayload(event: Pick<DomainEvent, 'id' | 'type' | 'occurredAt' | 'data'>): { id: string; type: EventType; timestamp: string; data: Record<string, unknown> } {
  return { id: event.id, type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data };
}

/** The longest excerpt of a message carried by `case.message_added`. */
export const MESSAGE_EXCERPT_LENGTH = 280;

/** The start of a message, cut at a word where it can be, for notifications. */
export function excerptOf(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= MESSAGE_EXCERPT_LENGTH) return text;
  const cut = text.slice(0, MESSAGE_EXCERPT_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MESSAGE_EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
