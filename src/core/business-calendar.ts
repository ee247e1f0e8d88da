/**
 * Business calendars (SPEC section 6): when a party's support is open — its time zone, its hours
 * on each day of the week and its holidays — and the business-time arithmetic its SLA clocks need.
 * Pure: every instant comes in as an argument; time zones and daylight-saving changes are Luxon's
 * (Intl's tz data), never hand-written offset arithmetic.
 *
 * Terminology:
 * - calendar: a `SupportCalendar` — an IANA time zone, the open windows of each weekday, holidays.
 * - window: one span of open hours on one day, `start`–`end` in the calendar's zone, `HH:MM`,
 *   `end` after `start`; `end` may be `24:00` (open until midnight).
 * - holiday: a `YYYY-MM-DD` date in the calendar's zone on which support is closed all day.
 * - business time: the time during which the calendar is open.
 *
 * Rules:
 * 1. A window lies within one day: it opens at `start` and closes at `end` of the same local date
 *    (`24:00` is the next midnight). An overnight shift is two windows: `22:00`–`24:00` on one day
 *    and `00:00`–`06:00` on the next. Windows of a day don't overlap; adjacent windows are allowed
 *    (and count as one open stretch).
 * 2. Local times are read in the calendar's zone on each date. A window edge that falls into a
 *    spring-forward gap moves to the first instant after the gap (Luxon's rule), so a window
 *    `02:00`–`03:00` on America/New_York's 2026-03-08 is empty and a day with `00:00`–`24:00` is 23
 *    hours long; on the fall-back day it is 25 hours long. An edge in the repeated hour is its
 *    first occurrence.
 * 3. A holiday closes the whole local date, whatever the week says.
 * 4. A valid calendar is open at some time of the week (`checkCalendar`), so every business-time
 *    computation ends within a bounded number of days.
 * 5. Business time is counted in milliseconds; `…Minutes` helpers divide by 60,000.
 */
import { Type, type Static } from 'typebox';
import { IANAZone } from 'luxon';
import type { LocalizedText } from './app-error.ts';

// ---- The calendar ----

/** The days of the week, Monday first (ISO weekday 1–7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Most windows one day may have, and most holidays one calendar may list. */
export const MAX_WINDOWS_PER_DAY = 12;
export const MAX_HOLIDAYS = 1000;

const HHMM = Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$', description: 'HH:MM, 00:00–23:59; an end may be 24:00' });
const WINDOW = Type.Object({ start: HHMM, end: HHMM }, { additionalProperties: false });
const DAY = Type.Array(WINDOW, { maxItems: MAX_WINDOWS_PER_DAY });

/** The TypeBox schema of a calendar, for stored rows and API bodies; `checkCalendar` checks the rest. */
export const SupportCalendarSchema = Type.Object({
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Seoul' }),
  week: Type.Object({
    mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: DAY, sun: DAY,
  }, { additionalProperties: false }),
  holidays: Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD in the calendar\'s zone' }), { maxItems: MAX_HOLIDAYS }),
}, { additionalProperties: false, $id: 'SupportCalendar' });

/** One span of open hours on one day (rule 1). */
export interface OpenWindow {
  start: string;
  end: string;
}

/** When a party's support is open. */
export interface SupportCalendar {
  /** IANA time zone, e.g. `Asia/Seoul`. */
  timeZone: string;
  /** The open windows of each day of the week, in the zone. */
  week: Record<Weekday, OpenWindow[]>;
  /** Closed dates, `YYYY-MM-DD` in the zone. */
  holidays: string[];
}

// The schema and the interface describe the same shape.
type _SchemaMatches = [SupportCalendar extends Static<typeof SupportCalendarSchema> ? true : never,
  Static<typeof SupportCalendarSchema> extends SupportCalendar ? true : never];
const _schemaMatches: _SchemaMatches = [true, true];
void _schemaMatches;

const ALL_DAY: readonly OpenWindow[] = [{ start: '00:00', end: '24:00' }];

/** Open around the clock, every day, no holidays (UTC; the zone makes no difference). */
export const ALWAYS_ON: SupportCalendar = Object.freeze({
  timeZone: 'UTC',
  week: Object.freeze({
    mon: [...ALL_DAY], tue: [...ALL_DAY], wed: [...ALL_DAY], thu: [...ALL_DAY], fri: [...ALL_DAY], sat: [...ALL_DAY], sun: [...ALL_DAY],
  }),
  holidays: [],
}) as SupportCalendar;

// ---- Validation ----

/** Why a field of a calendar is wrong. */
export type CalendarProblemReason =
  | 'unknown_time_zone' | 'bad_time' | 'start_not_before_end' | 'overlap' | 'never_open' | 'bad_date' | 'duplicate_holiday';

/** A problem with one field of a calendar: its path inside the calendar, why, and a message in both languages. */
export interface CalendarProblem {
  /** e.g. `timeZone`, `week.mon[1].end`, `holidays[0]` — prefix it with where the calendar sits. */
  field: string;
  reason: CalendarProblemReason;
  message: LocalizedText;
}

const MESSAGES: Record<CalendarProblemReason, LocalizedText> = {
  unknown_time_zone: { en: 'is not an IANA time zone (for example Asia/Seoul)', ko: 'IANA 시간대가 아닙니다(예: Asia/Seoul).' },
  bad_time: { en: 'is not a time of day HH:MM (00:00–23:59; an end may be 24:00)', ko: 'HH:MM 형식의 시각이 아닙니다(00:00–23:59, 종료는 24:00 가능).' },
  start_not_before_end: { en: 'must be later than the start of its window', ko: '시간대의 시작보다 늦어야 합니다.' },
  overlap: { en: 'overlaps another window of the same day', ko: '같은 날의 다른 시간대와 겹칩니다.' },
  never_open: { en: 'has no open hours on any day', ko: '어느 요일에도 운영 시간이 없습니다.' },
  bad_date: { en: 'is not a date YYYY-MM-DD', ko: 'YYYY-MM-DD 형식의 날짜가 아닙니다.' },
  duplicate_holiday: { en: 'lists the same holiday twice', ko: '같은 휴일이 두 번 있습니다.' },
};

/** Whether a string names an IANA time zone (not a fixed offset such as `+09:00`). */
export function isIanaTimeZone(timeZone: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone) && IANAZone.isValidZone(timeZone);
}

/** Minutes after local midnight of `HH:MM`, or null; `24:00` only where `allow24` (window ends). */
export function minutesOfTime(text: string, allow24: boolean): number | null {
  const m = /^([0-9]{2}):([0-9]{2})$/.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours === 24 && minutes === 0 && allow24) return 24 * 60;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** Whether a string is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= daysInMonth[month - 1]!;
}

/**
 * Every problem of a calendar, in field order (empty: valid): an unknown zone, a time that is not
 * `HH:MM` (`24:00` only as an end), a window whose end is not after its start, windows of one day
 * that overlap, no open hours in the whole week, a holiday that is not a date or is listed twice.
 */
export function checkCalendar(calendar: SupportCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const problem = (field: string, reason: CalendarProblemReason) => problems.push({ field, reason, message: MESSAGES[reason] });
  if (!isIanaTimeZone(calendar.timeZone)) problem('timeZone', 'unknown_time_zone');
  let openSomewhere = false;
  for (const day of WEEKDAYS) {
    const spans: { start: number; end: number; index: number }[] = [];
    (calendar.week[day] ?? []).forEach((window, index) => {
      const start = minutesOfTime(window.start, false);
      const end = minutesOfTime(window.end, true);
      if (start === null) problem(`week.${day}[${index}].start`, 'bad_time');
      if (end === null) problem(`week.${day}[${index}].end`, 'bad_time');
      if (start === null || end === null) return;
      if (end <= start) problem(`week.${day}[${index}].end`, 'start_not_before_end');
      else spans.push({ start, end, index });
    });
    if (spans.length > 0) openSomewhere = true;
    const sorted = [...spans].sort((a, b) => a.start - b.start || a.index - b.index);
    const overlapping = new Set<number>();
    for (let i = 1; i < sorted.length; i++) {
      const latestEnd = Math.max(...sorted.slice(0, i).map((s) => s.end));
      if (sorted[i]!.start < latestEnd) overlapping.add(sorted[i]!.index);
    }
    for (const index of [...overlapping].sort((a, b) => a - b)) problem(`week.${day}[${index}]`, 'overlap');
  }
  if (!openSomewhere) problem('week', 'never_open');
  const seen = new Set<string>();
  calendar.holidays.forEach((date, index) => {
    if (!isIsoDate(date)) problem(`holidays[${index}]`, 'bad_date');
    else if (seen.has(date)) problem(`holidays[${index}]`, 'duplicate_holiday');
    seen.add(date);
  });
  return problems;
}
