import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The UTC instant a calendar day starts (or ends) in a named zone: filters follow the tenant's day, not the browser's. */
export function dayStartIso(day: Dayjs, zone: string): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), zone).startOf('day').toISOString();
}

export function dayEndIso(day: Dayjs, zone: string): string {
  return dayjs.tz(day.format('YYYY-MM-DD'), zone).endOf('day').toISOString();
}

/** The calendar day (as a local Dayjs for pickers) an instant falls on in a zone. */
export function dayOf(iso: string, zone: string): Dayjs | null {
  const at = dayjs(iso);
  if (!at.isValid()) return null;
  return dayjs(at.tz(zone).format('YYYY-MM-DD'));
}
