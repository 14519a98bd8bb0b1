import { z } from 'zod';
import { isKnownTimeZone } from './calendar/zone.js';
import { DAY_MINUTES, parseClock } from './calendar/business-time.js';
import { DATE_KINDS } from './model.js';
import { slaIds } from './ids.js';

export const calendarId = slaIds.schema('cal');

const clock = z.string().transform((v, ctx) => {
  const m = parseClock(v);
  if (m === null) {
    ctx.addIssue({ code: 'custom', message: 'A time is HH:MM between 00:00 and 24:00' });
    return z.NEVER;
  }
  return m;
});

/** One open interval; `end` after `start`. */
const hoursInput = z
  .object({ start: clock, end: clock })
  .strict()
  .refine((h) => h.end > h.start, { message: 'The end is after the start', path: ['end'] });

/** A day's intervals, in order and not overlapping. */
export const dayHoursInput = z
  .array(hoursInput)
  .max(6, 'At most 6 intervals a day')
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.start < list[i - 1]!.end) {
        ctx.addIssue({
          code: 'custom',
          message: 'Intervals are in order and do not overlap',
          path: [i, 'start'],
        });
      }
    }
  });

export const WEEKDAYS = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The week as seven entries, each weekday once (any order). */
export const weekInput = z
  .array(z.object({ weekday: z.enum(WEEKDAYS), hours: dayHoursInput }).strict())
  .length(7, 'Give the hours of all seven weekdays (an empty list for a closed day)')
  .superRefine((days, ctx) => {
    const seen = new Set(days.map((d) => d.weekday));
    if (seen.size !== 7) ctx.addIssue({ code: 'custom', message: 'Each weekday once' });
  })
  .transform((days) => WEEKDAYS.map((w) => days.find((d) => d.weekday === w)!.hours));

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

export const timeZoneInput = z
  .string()
  .refine(
    (v) => v.length <= 64 && isKnownTimeZone(v) && v !== '',
    'Not a known IANA time zone, e.g. Asia/Shanghai',
  );

const DATE_RX = /^\d{4}-\d{2}-\d{2}$/;
const dateString = z.string().refine((v) => {
  if (!DATE_RX.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(v);
}, 'A date is YYYY-MM-DD');

export const calendarInput = z
  .object({
    name: text(80).min(1, 'Enter a name'),
    timeZone: timeZoneInput,
    week: weekInput,
    isDefault: z.boolean().nullish(),
  })
  .strict();
export type CalendarInput = z.infer<typeof calendarInput>;

/** A change: only the fields given. */
export const calendarChangesInput = z
  .object({
    name: text(80).min(1, 'Enter a name').nullish(),
    timeZone: timeZoneInput.nullish(),
    week: weekInput.nullish(),
    isDefault: z.boolean().nullish(),
  })
  .strict();
export type CalendarChangesInput = z.infer<typeof calendarChangesInput>;

export const calendarDateInput = z
  .object({
    date: dateString,
    kind: z.enum(DATE_KINDS),
    name: text(80).nullish(),
    /** Open hours that day: none for a closed holiday. */
    hours: dayHoursInput.nullish(),
  })
  .strict()
  .refine((d) => d.kind === 'HOLIDAY' || (d.hours?.length ?? 0) > 0, {
    message: 'A special workday has open hours',
    path: ['hours'],
  });
export type CalendarDateInput = z.infer<typeof calendarDateInput>;

export const datesInput = z
  .array(calendarDateInput)
  .max(400, 'At most 400 dates at once')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.date))
        ctx.addIssue({ code: 'custom', message: `${d.date} is listed twice`, path: [i, 'date'] });
      seen.add(d.date);
    });
  });

export const removeDatesInput = z.array(dateString).max(400);

export const yearInput = z.number().int().min(2000, 'A year from 2000').max(2100, 'A year up to 2100');
export const versionInput = z.number().int().min(1);
export const previewMinutesInput = z
  .number()
  .int()
  .min(0)
  .max(60 * 24 * 365);

export { DAY_MINUTES };
