// The China import reads the data package as it ships: 2026's 国庆 is closed, its make-up
// Saturday is open with the tenant's hours, and a year the package does not cover is null.
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-time.js';
import { chinaHolidayData, chinaOverrides } from './china-holidays.js';

const HOURS = [
  { start: 540, end: 720 },
  { start: 810, end: 1080 },
];

describe('China holidays and make-up workdays', () => {
  it('knows the package version and the years it covers', () => {
    const data = chinaHolidayData();
    expect(data.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(data.years).toContain(2026);
    expect(data.years).toEqual([...data.years].sort((a, b) => a - b));
  });

  it('closes 2026’s National Day week and opens its make-up days with the given hours', () => {
    const overrides = chinaOverrides(2026, HOURS)!;
    const byDate = new Map(overrides.map((o) => [o.date, o]));
    for (const d of ['01', '02', '03', '04', '05', '06', '07']) {
      expect(byDate.get(`2026-10-${d}`)).toMatchObject({ kind: 'HOLIDAY', open: [] });
    }
    expect(byDate.get('2026-10-01')?.name['zh-CN']).toContain('国庆');
    expect(byDate.get('2026-10-10')).toMatchObject({ kind: 'WORKDAY', open: HOURS }); // a Saturday
    expect(byDate.get('2026-09-20')).toMatchObject({ kind: 'WORKDAY' }); // a Sunday
    expect(overrides.every((o) => o.date.startsWith('2026-'))).toBe(true);
    expect(new Set(overrides.map((o) => o.date)).size).toBe(overrides.length);

    // Usable as they are by the engine.
    const cal = new BusinessCalendar({
      timeZone: 'Asia/Shanghai',
      weekly: [[], HOURS, HOURS, HOURS, HOURS, HOURS, []],
      overrides,
    });
    expect(cal.isOpenAt(Date.parse('2026-10-10T10:00:00+08:00'))).toBe(true);
    expect(cal.isOpenAt(Date.parse('2026-10-05T10:00:00+08:00'))).toBe(false);
  });

  it('answers null for a year the package has no data for', () => {
    expect(chinaOverrides(1999, HOURS)).toBeNull();
  });
});
