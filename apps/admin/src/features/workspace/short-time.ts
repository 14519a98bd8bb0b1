/**
 * A list's compact time in the tenant's zone: the time for today, month and day with the time
 * this year, the full date before that (the cell's tooltip has the full date and time).
 */
export function shortTime(iso: string, timeZone: string, language: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      d,
    );
  let options: Intl.DateTimeFormatOptions;
  if (day(at) === day(now)) options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  else if (day(at).slice(0, 4) === day(now).slice(0, 4))
    options = { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  else options = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(at);
  }
}
