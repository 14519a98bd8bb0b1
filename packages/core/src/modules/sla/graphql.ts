import { z } from 'zod';
import { noArgs, resolver, type Policy, type TypePolicy } from '../../platform/graphql/policy.js';
import type { ModuleRef, ResolverMap } from '../../platform/module.js';
import { formatClock } from './calendar/business-time.js';
import type { CalendarsService } from './calendars-service.js';
import {
  calendarId,
  calendarChangesInput,
  calendarInput,
  dayHoursInput,
  datesInput,
  previewMinutesInput,
  removeDatesInput,
  versionInput,
  WEEKDAYS,
  yearInput,
} from './inputs.js';
import type { CalendarDateRecord, CalendarRecord, HoursRecord } from './model.js';

export interface SlaServices {
  calendars: CalendarsService;
}

export const slaTypeDefs = /* GraphQL */ `
  """
  Open from start to end, local time of the calendar ("HH:MM"; end may be "24:00").
  """
  type OpenHours {
    start: String!
    end: String!
  }

  input OpenHoursInput {
    start: String!
    end: String!
  }

  enum Weekday {
    SUNDAY
    MONDAY
    TUESDAY
    WEDNESDAY
    THURSDAY
    FRIDAY
    SATURDAY
  }

  type WeekdayHours {
    weekday: Weekday!
    """
    Empty: closed all day. Several intervals: split shifts.
    """
    hours: [OpenHours!]!
  }

  input WeekdayHoursInput {
    weekday: Weekday!
    hours: [OpenHoursInput!]!
  }

  """
  HOLIDAY: closed (no hours) or partly open (its hours); WORKDAY: open on a day that is normally
  closed, e.g. a make-up workday (调休).
  """
  enum CalendarDateKind {
    HOLIDAY
    WORKDAY
  }

  """
  MANUAL: set by the tenant; CHINA_IMPORT: from the official data (replaced by the next import of its year).
  """
  enum CalendarDateSource {
    MANUAL
    CHINA_IMPORT
  }

  type CalendarDate {
    """
    YYYY-MM-DD, in the calendar's time zone.
    """
    date: String!
    kind: CalendarDateKind!
    name: String!
    hours: [OpenHours!]!
    source: CalendarDateSource!
  }

  type ChinaHolidayImport {
    year: Int!
    """
    Version of the holiday data package it came from.
    """
    dataVersion: String!
    importedAt: DateTime!
    holidays: Int!
    workdays: Int!
  }

  """
  Business hours: what SLA targets, time rules and queue hours count time on.
  """
  type BusinessCalendar {
    id: ID!
    name: String!
    """
    IANA time zone, e.g. Asia/Shanghai.
    """
    timeZone: String!
    isDefault: Boolean!
    week: [WeekdayHours!]!
    """
    Holidays and special workdays, by date.
    """
    dates: [CalendarDate!]!
    imports: [ChinaHolidayImport!]!
    """
    Pass it back when changing the calendar; a stale one is CONFLICT.
    """
    version: Int!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  type ChinaHolidayData {
    dataVersion: String!
    """
    Years with official holidays and make-up workdays in the data.
    """
    years: [Int!]!
  }

  type BusinessTimePreview {
    from: DateTime!
    minutes: Int!
    due: DateTime!
    openAtStart: Boolean!
    nextOpen: DateTime
  }

  input BusinessCalendarInput {
    name: String!
    timeZone: String!
    """
    All seven weekdays, each once.
    """
    week: [WeekdayHoursInput!]!
    """
    The first calendar is the default; making another the default unsets the previous one.
    """
    isDefault: Boolean
  }

  """
  Only the fields given change.
  """
  input BusinessCalendarChangesInput {
    name: String
    timeZone: String
    """
    All seven weekdays, each once.
    """
    week: [WeekdayHoursInput!]
    """
    true makes this the default (and unsets the previous one); the default cannot be unset, only replaced.
    """
    isDefault: Boolean
  }

  input CalendarDateInput {
    date: String!
    kind: CalendarDateKind!
    name: String
    """
    Open hours that day (none: closed). A WORKDAY needs at least one interval.
    """
    hours: [OpenHoursInput!]
  }

  type Query {
    """
    Tenant users; API keys with SLA_READ.
    """
    businessCalendars: [BusinessCalendar!]!
    """
    Tenant users; API keys with SLA_READ.
    """
    businessCalendar(id: ID!): BusinessCalendar!
    """
    The official holiday data on this server: its version and the years it covers. Tenant users; API keys with SLA_READ.
    """
    chinaHolidayData: ChinaHolidayData!
    """
    When minutes of business time from 'from' end on a calendar ("a ticket arriving Friday 17:50 is
    due at …"). Tenant users; API keys with SLA_READ.
    """
    businessTimePreview(calendarId: ID!, from: DateTime!, minutes: Int!): BusinessTimePreview!
  }

  type Mutation {
    """
    Tenant admins; API keys with SLA_WRITE.
    """
    createBusinessCalendar(input: BusinessCalendarInput!): BusinessCalendar!
    """
    Name, zone, weekly hours, default. Tenant admins; API keys with SLA_WRITE.
    """
    updateBusinessCalendar(id: ID!, version: Int!, input: BusinessCalendarChangesInput!): BusinessCalendar!
    """
    Not the default calendar. Tenant admins; API keys with SLA_WRITE.
    """
    deleteBusinessCalendar(id: ID!): Boolean!
    """
    Adds or replaces dates and removes others (by date). Tenant admins; API keys with SLA_WRITE.
    """
    setCalendarDates(
      id: ID!
      version: Int!
      dates: [CalendarDateInput!]
      remove: [String!]
    ): BusinessCalendar!
    """
    Mainland China's public holidays and make-up workdays of a year (default: the calendar's current year), from the official data.
    Repeating it replaces that year's import; dates you set by hand are kept. Make-up workdays get
    workdayHours, else the calendar's Monday hours. Tenant admins; API keys with SLA_WRITE.
    """
    importChinaHolidays(id: ID!, year: Int, workdayHours: [OpenHoursInput!]): BusinessCalendar!
  }
`;

export const slaTypePolicies: Record<string, TypePolicy> = {
  OpenHours: 'inherit-from-parent',
  WeekdayHours: 'inherit-from-parent',
  CalendarDate: 'inherit-from-parent',
  ChinaHolidayImport: 'inherit-from-parent',
  BusinessCalendar: 'inherit-from-parent',
  ChinaHolidayData: 'inherit-from-parent',
  BusinessTimePreview: 'inherit-from-parent',
};

const READ: Policy = { tenant: ['TENANT_ADMIN', 'SUPERVISOR', 'AGENT'], apiKey: ['SLA_READ'] };
const WRITE: Policy = { tenant: ['TENANT_ADMIN'], apiKey: ['SLA_WRITE'] };

const hoursDto = (h: HoursRecord) => ({ start: formatClock(h.start), end: formatClock(h.end) });
const dateDto = (d: CalendarDateRecord) => ({ ...d, hours: d.hours.map(hoursDto) });

export function calendarDto(c: CalendarRecord) {
  return {
    id: c._id,
    name: c.name,
    timeZone: c.timeZone,
    isDefault: c.isDefault,
    week: WEEKDAYS.map((weekday, i) => ({ weekday, hours: (c.week[i] ?? []).map(hoursDto) })),
    dates: c.dates.map(dateDto),
    imports: c.imports,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export const slaResolvers = ({ service: m }: ModuleRef<SlaServices>): ResolverMap => ({
  Query: {
    businessCalendars: resolver(READ, noArgs, async () => (await m.calendars.list()).map(calendarDto)),
    businessCalendar: resolver(READ, z.object({ id: calendarId }), async (a) =>
      calendarDto(await m.calendars.get(a.id)),
    ),
    chinaHolidayData: resolver(READ, noArgs, () => Promise.resolve(m.calendars.chinaData())),
    businessTimePreview: resolver(
      READ,
      z.object({ calendarId, from: z.date(), minutes: previewMinutesInput }),
      (a) => m.calendars.preview(a.calendarId, a.from, a.minutes),
    ),
  },
  Mutation: {
    createBusinessCalendar: resolver(WRITE, z.object({ input: calendarInput }), async (a) =>
      calendarDto(await m.calendars.create(a.input)),
    ),
    updateBusinessCalendar: resolver(
      WRITE,
      z.object({ id: calendarId, version: versionInput, input: calendarChangesInput }),
      async (a) => calendarDto(await m.calendars.update(a.id, a.version, a.input)),
    ),
    deleteBusinessCalendar: resolver(WRITE, z.object({ id: calendarId }), (a) => m.calendars.remove(a.id)),
    setCalendarDates: resolver(
      WRITE,
      z.object({
        id: calendarId,
        version: versionInput,
        dates: datesInput.nullish(),
        remove: removeDatesInput.nullish(),
      }),
      async (a) => calendarDto(await m.calendars.setDates(a.id, a.version, a.dates ?? [], a.remove ?? [])),
    ),
    importChinaHolidays: resolver(
      WRITE,
      z.object({ id: calendarId, year: yearInput.nullish(), workdayHours: dayHoursInput.nullish() }),
      async (a) => calendarDto(await m.calendars.importChina(a.id, a.year ?? null, a.workdayHours ?? null)),
    ),
  },
});
