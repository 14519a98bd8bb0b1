import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { BusinessCalendar, CalendarDate, Interval, WeekDraft, Weekday } from './types';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Monday first, as calendars in China (and ISO) show the week. */
export const WEEKDAYS: readonly Weekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];

/** dayjs' day() (0 = Sunday) to the API's weekday. */
const BY_DAY_INDEX: readonly Weekday[] = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];

/** The most calendars a tenant may have (the server's CALENDAR_LIMIT_REACHED). */
export const MAX_CALENDARS = 20;
export const CALENDAR_NAME_MAX_LENGTH = 100;
export const DATE_NAME_MAX_LENGTH = 100;

/** Mon–Fri 09:00–12:00 and 13:30–18:00: what a new calendar starts with. */
export function defaultWeek(): WeekDraft {
  const office = (): Interval[] => [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ];
  return {
    MONDAY: office(),
    TUESDAY: office(),
    WEDNESDAY: office(),
    THURSDAY: office(),
    FRIDAY: office(),
    SATURDAY: [],
    SUNDAY: [],
  };
}

export function weekDraftOf(calendar: Pick<BusinessCalendar, 'week'>): WeekDraft {
  const draft: WeekDraft = {
    MONDAY: [],
    TUESDAY: [],
    WEDNESDAY: [],
    THURSDAY: [],
    FRIDAY: [],
    SATURDAY: [],
    SUNDAY: [],
  };
  for (const day of calendar.week)
    draft[day.weekday] = day.hours.map((h) => ({ start: h.start, end: h.end }));
  return draft;
}

/** The API's week: all seven weekdays, intervals in order. */
export function weekInput(draft: WeekDraft): { weekday: Weekday; hours: Interval[] }[] {
  return WEEKDAYS.map((weekday) => ({ weekday, hours: sortIntervals(draft[weekday]) }));
}

/** Monday's hours on Tuesday to Friday; the weekend stays as it is. */
export function copyMondayToWeekdays(draft: WeekDraft): WeekDraft {
  const monday = draft.MONDAY.map((h) => ({ ...h }));
  return {
    ...draft,
    TUESDAY: monday.map((h) => ({ ...h })),
    WEDNESDAY: monday.map((h) => ({ ...h })),
    THURSDAY: monday.map((h) => ({ ...h })),
    FRIDAY: monday.map((h) => ({ ...h })),
  };
}

export function sameWeek(a: WeekDraft, b: WeekDraft): boolean {
  return JSON.stringify(weekInput(a)) === JSON.stringify(weekInput(b));
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of "HH:MM" ("24:00" = 1440 as an end), or null when malformed. */
export function clockMinutes(value: string, asEnd = false): number | null {
  const text = value.trim();
  if (asEnd && text === '24:00') return 24 * 60;
  if (!CLOCK.test(text)) return null;
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function sortIntervals(hours: readonly Interval[]): Interval[] {
  return [...hours]
    .map((h) => ({ start: h.start.trim(), end: h.end.trim() }))
    .sort((a, b) => (clockMinutes(a.start) ?? 0) - (clockMinutes(b.start) ?? 0));
}

export type IntervalsProblem = 'format' | 'order' | 'overlap';

/** Why a day's intervals would be refused, or null: "HH:MM", start before end, no overlaps. */
export function intervalsProblem(hours: readonly Interval[]): IntervalsProblem | null {
  const spans: [number, number][] = [];
  for (const h of hours) {
    const start = clockMinutes(h.start);
    const end = clockMinutes(h.end, true);
    if (start === null || end === null) return 'format';
    if (start >= end) return 'order';
    spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    if (prev && cur && cur[0] < prev[1]) return 'overlap';
  }
  return null;
}

/** The first weekday whose hours are wrong, with why; or whether the week is never open. */
export function weekProblem(
  draft: WeekDraft,
): { weekday: Weekday; problem: IntervalsProblem } | 'neverOpen' | null {
  for (const weekday of WEEKDAYS) {
    const problem = intervalsProblem(draft[weekday]);
    if (problem) return { weekday, problem };
  }
  return WEEKDAYS.some((w) => draft[w].length > 0) ? null : 'neverOpen';
}

/** "09:00–12:00, 13:30–18:00". */
export function formatHours(hours: readonly Interval[]): string {
  return sortIntervals(hours)
    .map((h) => `${h.start}–${h.end}`)
    .join(', ');
}

export function weekdayOf(date: string): Weekday {
  return BY_DAY_INDEX[dayjs(date).day()] ?? 'MONDAY';
}

/** What a day of the month view is. */
export type DayKind = 'open' | 'closed' | 'holiday' | 'partial' | 'workday';

export interface DayInfo {
  date: string;
  kind: DayKind;
  hours: Interval[];
  /** The holiday's or workday's name, if it has one. */
  name: string;
  /** The set date behind it, if any. */
  set: CalendarDate | null;
}

/** A date's hours on a calendar: a set date wins over the weekly hours. */
export function dayInfo(calendar: Pick<BusinessCalendar, 'week' | 'dates'>, date: string): DayInfo {
  const set = calendar.dates.find((d) => d.date === date) ?? null;
  if (set) {
    const hours = set.hours.map((h) => ({ start: h.start, end: h.end }));
    if (set.kind === 'WORKDAY') return { date, kind: 'workday', hours, name: set.name, set };
    return { date, kind: hours.length > 0 ? 'partial' : 'holiday', hours, name: set.name, set };
  }
  const weekday = weekdayOf(date);
  const hours = calendar.week.find((w) => w.weekday === weekday)?.hours ?? [];
  return {
    date,
    kind: hours.length > 0 ? 'open' : 'closed',
    hours: hours.map((h) => ({ start: h.start, end: h.end })),
    name: '',
    set: null,
  };
}

/** The dates shown for a month ("YYYY-MM"): whole weeks, Monday first; null pads outside the month. */
export function monthGrid(month: string): (string | null)[][] {
  const first = dayjs(`${month}-01`);
  const lead = (first.day() + 6) % 7;
  const days = first.daysInMonth();
  const cells: (string | null)[] = [];
  for (let i = 0; i < lead; i++) cells.push(null);
  for (let d = 1; d <= days; d++) cells.push(first.date(d).format('YYYY-MM-DD'));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

export function shiftMonth(month: string, by: number): string {
  return dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM');
}

/** Today's month, or year, in a zone. */
export function monthIn(zone: string, now: Date = new Date()): string {
  try {
    return dayjs(now).tz(zone).format('YYYY-MM');
  } catch {
    return dayjs(now).format('YYYY-MM');
  }
}

/** How many holidays and special workdays a calendar sets. */
export function dateCounts(calendar: Pick<BusinessCalendar, 'dates'>): {
  holidays: number;
  workdays: number;
} {
  let holidays = 0;
  let workdays = 0;
  for (const d of calendar.dates) {
    if (d.kind === 'WORKDAY') workdays++;
    else holidays++;
  }
  return { holidays, workdays };
}

/** The years the import offers: the data's years, and next year greyed when not published yet. */
export function importYears(
  dataYears: readonly number[],
  thisYear: number,
): { year: number; available: boolean }[] {
  const years = new Set(dataYears);
  const rows = [...years].sort((a, b) => a - b).map((year) => ({ year, available: true }));
  if (!years.has(thisYear + 1)) rows.push({ year: thisYear + 1, available: false });
  return rows;
}

/** A local "YYYY-MM-DD HH:mm" in a zone as the UTC instant the API takes. */
export function zonedInstant(local: string, zone: string): string | null {
  const at = dayjs.tz(local, zone);
  return at.isValid() ? at.toISOString() : null;
}

/** An instant as local time of a zone, in the console's language ("Thu 8 Oct 2026 09:20"). */
export function formatZoned(iso: string, zone: string, language: string): string {
  const zh = language.toLowerCase().startsWith('zh');
  const at = dayjs(iso)
    .tz(zone)
    .locale(zh ? 'zh-cn' : 'en');
  return at.format(zh ? 'YYYY年M月D日 ddd HH:mm' : 'ddd D MMM YYYY HH:mm');
}

/** "2026-10-08 09:20" in a zone: stable for tests and screen readers alike. */
export function isoLocal(iso: string, zone: string): string {
  return dayjs(iso).tz(zone).format('YYYY-MM-DD HH:mm');
}
