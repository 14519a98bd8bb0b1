/**
 * The business-time engine: one implementation of "when is this tenant open" that SLA, automations,
 * routing's queue hours and reports all use. A calendar is a time zone, open intervals per weekday
 * (split shifts allowed) and date overrides (public holidays, partial days, make-up workdays — 调休).
 *
 * Wall-clock hours are mapped to real instants exactly, also on the days a zone changes its offset:
 * time is cut into stretches of constant UTC offset, and within one stretch local time is UTC plus
 * that offset, so an interval is open for exactly the real minutes whose local time lies inside it.
 * (On the night clocks go back, 01:00–02:00 happens twice and counts twice; on the night they go
 * forward, the skipped hour does not exist and counts not at all.) Everything is in epoch
 * milliseconds; the minute helpers wrap them.
 */
import { DAY_MS, zoneOffsets, type ZoneOffsets } from './zone.js';

const MINUTE_MS = 60_000;
/** Minutes in a day; an interval may end at 24:00. */
export const DAY_MINUTES = 1440;
/** How far ahead the engine looks for open time before it gives up (a calendar that never opens). */
const HORIZON_MS = 20 * 366 * DAY_MS;
/** The longest stretch looked at with one offset before checking the zone again. */
const STRETCH_MS = 31 * DAY_MS;

/** Minutes since local midnight, [start, end), 0 ≤ start < end ≤ 1440. */
export interface OpenInterval {
  start: number;
  end: number;
}

/** One date whose hours differ from its weekday's: closed (no intervals), partly open, or a make-up workday. */
export interface DateOverride {
  /** Local date, YYYY-MM-DD. */
  date: string;
  open: readonly OpenInterval[];
}

export interface BusinessCalendarSpec {
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday (as Date#getDay); each day's intervals ascending, not overlapping. */
  weekly: readonly (readonly OpenInterval[])[];
  overrides: readonly DateOverride[];
}

/** A calendar that is never open within the horizon (20 years): nothing can be added to it. */
export class CalendarNeverOpenError extends Error {
  constructor() {
    super('The calendar has no open time within 20 years');
    this.name = 'CalendarNeverOpenError';
  }
}

/** Why a calendar spec is refused; the first problem found, with where it is. */
export class InvalidCalendarError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'InvalidCalendarError';
  }
}

const DATE_RX = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkIntervals(intervals: readonly OpenInterval[], path: string): void {
  let previousEnd = -1;
  intervals.forEach((iv, i) => {
    if (!Number.isInteger(iv.start) || !Number.isInteger(iv.end) || iv.start < 0 || iv.end > DAY_MINUTES) {
      throw new InvalidCalendarError('Times are whole minutes between 00:00 and 24:00', `${path}.${i}`);
    }
    if (iv.start >= iv.end)
      throw new InvalidCalendarError('An interval ends after it starts', `${path}.${i}`);
    if (iv.start < previousEnd) {
      throw new InvalidCalendarError('Intervals are in order and do not overlap', `${path}.${i}`);
    }
    previousEnd = iv.end;
  });
}

/** Checks a spec: a known zone, seven weekdays, ordered non-overlapping intervals, valid unique dates. */
export function validateCalendarSpec(spec: BusinessCalendarSpec): void {
  try {
    zoneOffsets(spec.timeZone);
  } catch {
    throw new InvalidCalendarError(`Unknown time zone: ${spec.timeZone}`, 'timeZone');
  }
  if (spec.weekly.length !== 7) throw new InvalidCalendarError('Seven weekdays, Sunday first', 'weekly');
  spec.weekly.forEach((day, i) => checkIntervals(day, `weekly.${i}`));
  const seen = new Set<string>();
  spec.overrides.forEach((o, i) => {
    const m = DATE_RX.exec(o.date);
    const valid =
      m !== null &&
      new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().startsWith(o.date);
    if (!valid) throw new InvalidCalendarError('A date is YYYY-MM-DD', `overrides.${i}.date`);
    if (seen.has(o.date)) throw new InvalidCalendarError(`${o.date} is listed twice`, `overrides.${i}.date`);
    seen.add(o.date);
    checkIntervals(o.open, `overrides.${i}.open`);
  });
}

/** A span of open real time, [start, end) in epoch ms. */
export type Span = readonly [start: number, end: number];

export class BusinessCalendar {
  private readonly zone: ZoneOffsets;
  private readonly weekly: readonly (readonly OpenInterval[])[];
  private readonly overrides: ReadonlyMap<string, readonly OpenInterval[]>;
  /** With no open weekday, nothing is open after this instant (the day after the last open override). */
  private readonly openUntil: number;

  constructor(spec: BusinessCalendarSpec) {
    validateCalendarSpec(spec);
    this.zone = zoneOffsets(spec.timeZone);
    this.weekly = spec.weekly.map((d) => [...d]);
    this.overrides = new Map(spec.overrides.map((o) => [o.date, [...o.open]]));
    const lastOpenDate = spec.overrides
      .filter((o) => o.open.length > 0)
      .map((o) => o.date)
      .sort()
      .at(-1);
    this.openUntil = this.weekly.some((d) => d.length > 0)
      ? Number.POSITIVE_INFINITY
      : lastOpenDate
        ? Date.parse(`${lastOpenDate}T00:00:00Z`) + 2 * DAY_MS // covers any offset
        : Number.NEGATIVE_INFINITY;
  }

  get timeZone(): string {
    return this.zone.timeZone;
  }

  /** The open intervals of a local date (overrides first, else its weekday's). */
  hoursOn(date: string): readonly OpenInterval[] {
    const override = this.overrides.get(date);
    if (override) return override;
    const m = DATE_RX.exec(date);
    if (!m) return [];
    return this.weekly[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()] ?? [];
  }

  /**
   * Open spans from `from` on, in order, merged where one ends as the next begins (a shift that
   * runs to 24:00 and on from 00:00 is one span). The first is clipped to start at `from`.
   */
  *spans(from: number, until = from + HORIZON_MS): Generator<Span> {
    let pending: [number, number] | null = null;
    for (const [s, e] of this.rawSpans(from, until)) {
      if (pending && pending[1] === s) {
        pending[1] = e;
        continue;
      }
      if (pending) yield [pending[0], pending[1]];
      pending = [s, e];
    }
    if (pending) yield [pending[0], pending[1]];
  }

  private *rawSpans(from: number, to: number): Generator<Span> {
    const until = Math.min(to, this.openUntil);
    let stretchStart = from;
    while (stretchStart < until) {
      const offset = this.zone.offsetAt(stretchStart);
      const cap = Math.min(until, stretchStart + STRETCH_MS);
      const stretchEnd = this.zone.nextChange(stretchStart, cap) ?? cap;
      const localStart = stretchStart + offset;
      const localEnd = stretchEnd + offset;
      for (let day = Math.floor(localStart / DAY_MS) * DAY_MS; day < localEnd; day += DAY_MS) {
        const intervals = this.hoursOn(new Date(day).toISOString().slice(0, 10));
        for (const iv of intervals) {
          const s = Math.max(day + iv.start * MINUTE_MS - offset, stretchStart);
          const e = Math.min(day + iv.end * MINUTE_MS - offset, stretchEnd);
          if (s < e) yield [s, e];
        }
      }
      stretchStart = stretchEnd;
    }
  }

  isOpenAt(t: number): boolean {
    for (const [s] of this.spans(t, t + 1)) return s === t;
    return false;
  }

  /** The first open instant at or after `t`; null when the calendar never opens again. */
  nextOpen(t: number): number | null {
    for (const [s] of this.spans(t)) return s;
    return null;
  }

  /** The end of the open span `t` is in, or the end of the next one (when the calendar next closes). */
  nextClose(t: number): number | null {
    for (const [, e] of this.spans(t)) return e;
    return null;
  }

  /**
   * The instant at which `ms` of business time have passed since `t` (t itself when ms is 0). The
   * result is inside or at the end of an open span: 30 minutes before a 12:00 lunch break end at 12:00.
   */
  addBusinessTime(t: number, ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('Business time to add is 0 or more');
    if (ms === 0) return t;
    let left = ms;
    for (const [s, e] of this.spans(t)) {
      if (left <= e - s) return s + left;
      left -= e - s;
    }
    throw new CalendarNeverOpenError();
  }

  /** Business time in [a, b): negative when b is before a. */
  businessTimeBetween(a: number, b: number): number {
    if (b < a) return -this.businessTimeBetween(b, a);
    let total = 0;
    for (const [s, e] of this.spans(a, b)) total += e - s;
    return total;
  }

  addBusinessMinutes(t: Date, minutes: number): Date {
    return new Date(this.addBusinessTime(t.getTime(), minutes * MINUTE_MS));
  }

  businessMinutesBetween(a: Date, b: Date): number {
    return this.businessTimeBetween(a.getTime(), b.getTime()) / MINUTE_MS;
  }
}

/** "09:30" → 570; "24:00" → 1440. */
export function parseClock(value: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= DAY_MINUTES ? minutes : null;
}

/** 570 → "09:30". */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
