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
 * 2. Local times are read in the calendar's zone on each date, by Luxon. A window edge that falls
 *    into a spring-forward gap moves forward by the gap's length (Luxon's rule: 02:30 on America/
 *    New_York's 2026-03-08 is 03:30 EDT), so a window `02:00`–`03:00` that day is empty and a day
 *    `00:00`–`24:00` is 23 hours long; a window whose edges so come out of order is empty that day,
 *    and windows that come to overlap count once. An edge in a repeated (fall-back) hour is its
 *    first occurrence, so `00:00`–`24:00` on 2026-11-01 there is 25 hours long.
 * 3. A holiday closes the whole local date, whatever the week says.
 * 4. A valid calendar is open at some time of the week (`checkCalendar`), so every business-time
 *    computation ends within a bounded number of days.
 * 5. Business time is counted in milliseconds; `…Minutes` helpers divide by 60,000.
 * 6. A calendar is a value: never change one after passing it here (each calendar object is read
 *    once and remembered; local times already placed in a zone are remembered too, bounded).
 */
import { Type, type Static } from 'typebox';
import { DateTime, IANAZone } from 'luxon';
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

/** Zones already checked (asking Intl is slow, and the answer never changes within a process). */
const zoneValidity = new Map<string, boolean>();

/** Whether a string names an IANA time zone (not a fixed offset such as `+09:00`). */
export function isIanaTimeZone(timeZone: string): boolean {
  const known = zoneValidity.get(timeZone);
  if (known !== undefined) return known;
  const valid = timeZone.length <= 64 && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone) && IANAZone.isValidZone(timeZone);
  if (zoneValidity.size >= 1000) zoneValidity.clear();
  zoneValidity.set(timeZone, valid);
  return valid;
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

// ---- Business time ----

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** A calendar read for computation: its zone checked, each weekday's windows in minutes, merged. */
interface PreparedCalendar {
  zone: string;
  days: Record<Weekday, { start: number; end: number }[]>;
  holidays: ReadonlySet<string>;
  /** Open minutes of a week without holidays or daylight-saving changes. */
  weeklyMinutes: number;
  /** Open at every moment (every day 00:00–24:00, no holidays): business time is wall time. */
  alwaysOpen: boolean;
}

/** Calendars already read, by object: a calendar is a value, never changed once made. */
const prepared = new WeakMap<SupportCalendar, PreparedCalendar>();

function prepare(calendar: SupportCalendar): PreparedCalendar {
  const known = prepared.get(calendar);
  if (known) return known;
  const c = prepareAnew(calendar);
  prepared.set(calendar, c);
  return c;
}

function prepareAnew(calendar: SupportCalendar): PreparedCalendar {
  if (!isIanaTimeZone(calendar.timeZone)) throw new RangeError('The calendar\'s time zone is not an IANA time zone');
  const days = {} as PreparedCalendar['days'];
  let weeklyMinutes = 0;
  for (const day of WEEKDAYS) {
    const spans = (calendar.week[day] ?? []).flatMap((w) => {
      const start = minutesOfTime(w.start, false);
      const end = minutesOfTime(w.end, true);
      return start !== null && end !== null && end > start ? [{ start, end }] : [];
    }).sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
      else merged.push({ ...s });
    }
    days[day] = merged;
    weeklyMinutes += merged.reduce((sum, s) => sum + s.end - s.start, 0);
  }
  const alwaysOpen = calendar.holidays.length === 0 && WEEKDAYS.every((d) => days[d].length === 1 && days[d][0]!.start === 0 && days[d][0]!.end === DAY_MINUTES);
  return { zone: calendar.timeZone, days, holidays: new Set(calendar.holidays), weeklyMinutes, alwaysOpen };
}

/**
 * A local date as its day number: days since 1970-01-01 in the proleptic Gregorian calendar (a
 * date, not an instant — stepping dates is adding 1; Date.UTC only names the date).
 */
type DayNumber = number;
const DAY_MS = 24 * 60 * MINUTE_MS;

function dayNumberOf(year: number, month: number, day: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The date of a day number: year, month, day, ISO weekday (1 = Monday) and `YYYY-MM-DD`. */
function dateOf(n: DayNumber): { year: number; month: number; day: number; weekday: number; iso: string } {
  const d = new Date(n * DAY_MS);
  const iso = d.toISOString().slice(0, 10);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: ((d.getUTCDay() + 6) % 7) + 1, iso };
}

/** The local date of an instant in the zone. */
function localDayOf(zone: string, at: number): DayNumber {
  const local = DateTime.fromMillis(at, { zone });
  return dayNumberOf(local.year, local.month, local.day);
}

/**
 * The instant a local time of a date has in the zone (rule 2): a time in a spring-forward gap is
 * moved forward by the gap (Luxon's rule), a time of the repeated hour is its first occurrence;
 * `24:00` is the next date's midnight.
 */
function instantOf(zone: string, date: DayNumber, minutes: number): number {
  const key = `${zone} ${date} ${minutes}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const instant = computeInstantOf(zone, date, minutes);
  if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
  instants.set(key, instant);
  return instant;
}

/**
 * Instants of local times already read (Luxon reads each through Intl, which is slow; the answer
 * depends only on the zone, the date and the time). Bounded: emptied when full.
 */
const instants = new Map<string, number>();
const MAX_CACHED_INSTANTS = 200_000;

function computeInstantOf(zone: string, date: DayNumber, minutes: number): number {
  const d = dateOf(minutes === DAY_MINUTES ? date + 1 : date);
  const m = minutes === DAY_MINUTES ? 0 : minutes;
  const local = DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 }, { zone });
  return Math.min(...local.getPossibleOffsets().map((c) => c.toMillis()), local.toMillis());
}

/** The open intervals of one local date, as epoch milliseconds, in order (rules 1–3). */
function openIntervalsOf(c: PreparedCalendar, date: DayNumber): [number, number][] {
  const d = dateOf(date);
  if (c.holidays.has(d.iso)) return [];
  return c.days[WEEKDAYS[d.weekday - 1]!]
    .map((w): [number, number] => [instantOf(c.zone, date, w.start), instantOf(c.zone, date, w.end)])
    .filter(([start, end]) => end > start);
}

/**
 * Business time between two instants, in milliseconds: how long the calendar is open in
 * [from, to). Zero when `to` is not after `from`.
 */
export function businessMsBetween(calendar: SupportCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  const c = prepare(calendar);
  if (b <= a) return 0;
  if (c.alwaysOpen) return b - a;
  const first = localDayOf(c.zone, a);
  // Local days are 23 to 25 hours long: [a, b) touches at most this many of them.
  const days = Math.ceil((b - a) / DAY_MS) + 2;
  let total = 0;
  let cursor = a;
  for (let i = 0; i <= days; i++) {
    if (instantOf(c.zone, first + i, 0) >= b) break;
    for (const [start, end] of openIntervalsOf(c, first + i)) {
      const s = Math.max(start, cursor);
      const e = Math.min(end, b);
      if (e > s) {
        total += e - s;
        cursor = e;
      }
    }
  }
  return total;
}

/** Business time between two instants, in minutes (fractional: milliseconds / 60,000). */
export function businessMinutesBetween(calendar: SupportCalendar, from: Date, to: Date): number {
  return businessMsBetween(calendar, from, to) / MINUTE_MS;
}

/**
 * The due time: the earliest instant at which `amountMs` of business time has passed since
 * `from` (so `businessMsBetween(calendar, from, result) === amountMs`). An amount of zero or less
 * is `from` itself. Walks day by day, at most through the days the calendar's open hours can need
 * (its weekly hours, holidays and daylight-saving changes counted generously); a calendar that is
 * never open throws a RangeError (checkCalendar refuses it).
 */
export function addBusinessTime(calendar: SupportCalendar, from: Date, amountMs: number): Date {
  const a = from.getTime();
  if (!(amountMs > 0)) return new Date(a);
  const c = prepare(calendar);
  if (c.alwaysOpen) return new Date(a + amountMs);
  if (c.weeklyMinutes === 0) throw new RangeError('The calendar is never open');
  const weeks = Math.ceil(amountMs / (c.weeklyMinutes * MINUTE_MS));
  const maxDays = 7 * (2 * weeks + c.holidays.size + 2) + 400;
  const first = localDayOf(c.zone, a);
  let left = amountMs;
  let cursor = a;
  for (let i = 0; i <= maxDays; i++) {
    for (const [start, end] of openIntervalsOf(c, first + i)) {
      const s = Math.max(start, cursor);
      if (end <= s) continue;
      if (left <= end - s) return new Date(s + left);
      left -= end - s;
      cursor = end;
    }
  }
  throw new RangeError('The calendar does not open often enough to add this business time');
}

/** The due time `minutes` of business time after `from`. */
export function addBusinessMinutes(calendar: SupportCalendar, from: Date, minutes: number): Date {
  return addBusinessTime(calendar, from, minutes * MINUTE_MS);
}

/** Whether the calendar is open at an instant (windows include their start, not their end). */
export function isOpenAt(calendar: SupportCalendar, at: Date): boolean {
  const c = prepare(calendar);
  if (c.alwaysOpen) return true;
  const t = at.getTime();
  const date = localDayOf(c.zone, t);
  return [date - 1, date].some((d) => openIntervalsOf(c, d).some(([start, end]) => start <= t && t < end));
}
