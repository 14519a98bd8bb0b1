import { graphql } from '../../api/generated';

export const BusinessCalendarFields = graphql(`
  fragment BusinessCalendarFields on BusinessCalendar {
    id
    name
    timeZone
    isDefault
    week {
      weekday
      hours {
        start
        end
      }
    }
    dates {
      date
      kind
      name
      hours {
        start
        end
      }
      source
    }
    imports {
      year
      dataVersion
      importedAt
      holidays
      workdays
    }
    version
    createdAt
    updatedAt
  }
`);

export const BusinessCalendarsQuery = graphql(`
  query BusinessCalendars {
    businessCalendars {
      ...BusinessCalendarFields
    }
  }
`);

export const BusinessCalendarQuery = graphql(`
  query BusinessCalendar($id: ID!) {
    businessCalendar(id: $id) {
      ...BusinessCalendarFields
    }
  }
`);

export const ChinaHolidayDataQuery = graphql(`
  query ChinaHolidayData {
    chinaHolidayData {
      dataVersion
      years
    }
  }
`);

export const BusinessTimePreviewQuery = graphql(`
  query BusinessTimePreview($calendarId: ID!, $from: DateTime!, $minutes: Int!) {
    businessTimePreview(calendarId: $calendarId, from: $from, minutes: $minutes) {
      from
      minutes
      due
      openAtStart
      nextOpen
    }
  }
`);

export const CreateBusinessCalendarMutation = graphql(`
  mutation CreateBusinessCalendar($input: BusinessCalendarInput!) {
    createBusinessCalendar(input: $input) {
      ...BusinessCalendarFields
    }
  }
`);

export const UpdateBusinessCalendarMutation = graphql(`
  mutation UpdateBusinessCalendar($id: ID!, $version: Int!, $input: BusinessCalendarChangesInput!) {
    updateBusinessCalendar(id: $id, version: $version, input: $input) {
      ...BusinessCalendarFields
    }
  }
`);

export const DeleteBusinessCalendarMutation = graphql(`
  mutation DeleteBusinessCalendar($id: ID!) {
    deleteBusinessCalendar(id: $id)
  }
`);

export const SetCalendarDatesMutation = graphql(`
  mutation SetCalendarDates($id: ID!, $version: Int!, $dates: [CalendarDateInput!]!, $remove: [String!]) {
    setCalendarDates(id: $id, version: $version, dates: $dates, remove: $remove) {
      ...BusinessCalendarFields
    }
  }
`);

export const ImportChinaHolidaysMutation = graphql(`
  mutation ImportChinaHolidays($id: ID!, $year: Int, $workdayHours: [OpenHoursInput!]) {
    importChinaHolidays(id: $id, year: $year, workdayHours: $workdayHours) {
      ...BusinessCalendarFields
    }
  }
`);
