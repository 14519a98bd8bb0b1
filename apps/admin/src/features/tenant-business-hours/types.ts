import type { BusinessCalendarFieldsFragment, CalendarDateKind, Weekday } from '../../api/generated/graphql';

export type BusinessCalendar = BusinessCalendarFieldsFragment;
export type CalendarDate = BusinessCalendar['dates'][number];
export type { CalendarDateKind, Weekday };

/** One open interval, local time of the calendar: "HH:MM" (end may be "24:00"). */
export interface Interval {
  start: string;
  end: string;
}

/** The weekly hours being edited: every weekday, each with its intervals (none: closed). */
export type WeekDraft = Record<Weekday, Interval[]>;
