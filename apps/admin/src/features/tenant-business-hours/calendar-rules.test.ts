import { describe, expect, it } from 'vitest';
import {
  clockMinutes,
  copyMondayToWeekdays,
  dateCounts,
  dayInfo,
  defaultWeek,
  formatHours,
  formatZoned,
  importYears,
  intervalsProblem,
  isoLocal,
  monthGrid,
  weekDraftOf,
  weekInput,
  weekProblem,
  weekdayOf,
  zonedInstant,
} from './calendar-rules';
import type { BusinessCalendar } from './types';

const week = weekInput(defaultWeek());
const calendar: Pick<BusinessCalendar, 'week' | 'dates'> = {
  week,
  dates: [
    { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节', hours: [], source: 'CHINA_IMPORT' },
    {
      date: '2026-10-10',
      kind: 'WORKDAY',
      name: '国庆节调休上班',
      hours: [{ start: '09:00', end: '18:00' }],
      source: 'CHINA_IMPORT',
    },
    {
      date: '2026-10-30',
      kind: 'HOLIDAY',
      name: 'Company day',
      hours: [{ start: '09:00', end: '11:30' }],
      source: 'MANUAL',
    },
  ],
};

describe('business hours rules', () => {
  it('reads "HH:MM" clocks, 24:00 only as an end', () => {
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('24:00')).toBeNull();
    expect(clockMinutes('24:00', true)).toBe(1440);
    expect(clockMinutes('9:30')).toBeNull();
    expect(clockMinutes('23:60')).toBeNull();
  });

  it('refuses malformed, reversed and overlapping intervals', () => {
    expect(
      intervalsProblem([
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '24:00' },
      ]),
    ).toBeNull();
    expect(intervalsProblem([{ start: '9', end: '12:00' }])).toBe('format');
    expect(intervalsProblem([{ start: '12:00', end: '09:00' }])).toBe('order');
    expect(
      intervalsProblem([
        { start: '13:00', end: '18:00' },
        { start: '09:00', end: '13:30' },
      ]),
    ).toBe('overlap');
    // touching intervals are fine
    expect(
      intervalsProblem([
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '13:00' },
      ]),
    ).toBeNull();
  });

  it('checks a week: the first wrong weekday, or never open', () => {
    expect(weekProblem(defaultWeek())).toBeNull();
    const closed = weekDraftOf({ week: week.map((w) => ({ ...w, hours: [] })) });
    expect(weekProblem(closed)).toBe('neverOpen');
    expect(weekProblem({ ...defaultWeek(), WEDNESDAY: [{ start: '18:00', end: '09:00' }] })).toEqual({
      weekday: 'WEDNESDAY',
      problem: 'order',
    });
  });

  it('copies Monday to Tuesday–Friday and leaves the weekend', () => {
    const draft = {
      ...defaultWeek(),
      MONDAY: [{ start: '08:00', end: '17:00' }],
      SATURDAY: [{ start: '10:00', end: '14:00' }],
    };
    const copied = copyMondayToWeekdays(draft);
    expect(copied.FRIDAY).toEqual([{ start: '08:00', end: '17:00' }]);
    expect(copied.SATURDAY).toEqual([{ start: '10:00', end: '14:00' }]);
    expect(copied.SUNDAY).toEqual([]);
  });

  it('sends all seven weekdays with sorted intervals', () => {
    const input = weekInput({
      ...defaultWeek(),
      MONDAY: [
        { start: '13:30', end: '18:00' },
        { start: ' 09:00', end: '12:00' },
      ],
    });
    expect(input).toHaveLength(7);
    expect(input[0]).toEqual({
      weekday: 'MONDAY',
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
    });
  });

  it('tells what a day is: set dates win over the weekly hours', () => {
    expect(weekdayOf('2026-10-10')).toBe('SATURDAY');
    expect(dayInfo(calendar, '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', hours: [] });
    expect(dayInfo(calendar, '2026-10-10')).toMatchObject({
      kind: 'workday',
      hours: [{ start: '09:00', end: '18:00' }],
    });
    expect(dayInfo(calendar, '2026-10-30')).toMatchObject({ kind: 'partial' });
    expect(dayInfo(calendar, '2026-10-09')).toMatchObject({ kind: 'open', set: null });
    expect(formatHours(dayInfo(calendar, '2026-10-09').hours)).toBe('09:00–12:00, 13:30–18:00');
    expect(dayInfo(calendar, '2026-10-11')).toMatchObject({ kind: 'closed' });
    expect(dateCounts(calendar)).toEqual({ holidays: 2, workdays: 1 });
  });

  it('lays a month out in whole weeks, Monday first', () => {
    const october = monthGrid('2026-10');
    // 1 Oct 2026 is a Thursday
    expect(october[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(october.flat().filter(Boolean)).toHaveLength(31);
    expect(october.every((w) => w.length === 7)).toBe(true);
  });

  it('offers the data’s years and next year greyed when it is not published', () => {
    expect(importYears([2025, 2026], 2026)).toEqual([
      { year: 2025, available: true },
      { year: 2026, available: true },
      { year: 2027, available: false },
    ]);
    expect(importYears([2026, 2027], 2026).every((y) => y.available)).toBe(true);
  });

  it('turns a local time of the calendar’s zone into the instant and back', () => {
    expect(zonedInstant('2026-09-30 17:50', 'Asia/Shanghai')).toBe('2026-09-30T09:50:00.000Z');
    expect(zonedInstant('2026-03-08 09:00', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
    expect(isoLocal('2026-10-08T01:20:00.000Z', 'Asia/Shanghai')).toBe('2026-10-08 09:20');
    expect(formatZoned('2026-10-08T01:20:00.000Z', 'Asia/Shanghai', 'en')).toBe('Thu 8 Oct 2026 09:20');
    expect(formatZoned('2026-10-08T01:20:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe(
      '2026年10月8日 周四 09:20',
    );
  });
});
