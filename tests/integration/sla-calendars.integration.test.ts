// Business calendars through the API: weekly hours with split shifts, China's 2026 holidays and
// make-up workdays imported (idempotent, hand-set dates kept), due-time previews on them, optimistic
// concurrency, the default calendar's guard, bad input refused with nothing written, scopes, and
// another tenant's calendar not found.
import { describe, expect, it } from 'vitest';
import { codeOf, gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';

const ctx = useModuleTest('sla');

const FIELDS = `id name timeZone isDefault version
  week { weekday hours { start end } }
  dates { date kind name hours { start end } source }
  imports { year dataVersion holidays workdays }`;

interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  isDefault: boolean;
  version: number;
  week: { weekday: string; hours: { start: string; end: string }[] }[];
  dates: {
    date: string;
    kind: string;
    name: string;
    hours: { start: string; end: string }[];
    source: string;
  }[];
  imports: { year: number; dataVersion: string; holidays: number; workdays: number }[];
}

const SPLIT = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];
const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const weekOf = (hours: { start: string; end: string }[]) =>
  DAYS.map((weekday) => ({ weekday, hours: weekday === 'SUNDAY' || weekday === 'SATURDAY' ? [] : hours }));

const CREATE = `mutation($i: BusinessCalendarInput!) { createBusinessCalendar(input: $i) { ${FIELDS} } }`;
const IMPORT = `mutation($id: ID!, $y: Int!) { importChinaHolidays(id: $id, year: $y) { ${FIELDS} } }`;
const SET_DATES = `mutation($id: ID!, $v: Int!, $d: [CalendarDateInput!]!, $r: [String!]) {
  setCalendarDates(id: $id, version: $v, dates: $d, remove: $r) { ${FIELDS} } }`;
const PREVIEW = `query($c: ID!, $f: DateTime!, $m: Int!) {
  businessTimePreview(calendarId: $c, from: $f, minutes: $m) { due openAtStart nextOpen } }`;

describe('business calendars', () => {
  it('creates the first calendar as the default, imports 2026 and previews a due time over 国庆', async () => {
    const as = ctx().as(ctx().pooled);
    const created = await as<{ createBusinessCalendar: Calendar }>(CREATE, {
      i: { name: 'Shanghai office', timeZone: 'Asia/Shanghai', week: weekOf(SPLIT) },
    });
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    const cal = created.data.createBusinessCalendar;
    expect(cal.isDefault).toBe(true);
    expect(cal.week.find((d) => d.weekday === 'MONDAY')?.hours).toEqual(SPLIT);

    const data = await as<{ chinaHolidayData: { dataVersion: string; years: number[] } }>(
      '{ chinaHolidayData { dataVersion years } }',
    );
    expect(data.data?.chinaHolidayData.years).toContain(2026);

    const importedR = await as<{ importChinaHolidays: Calendar }>(IMPORT, { id: cal.id, y: 2026 });
    if (!importedR.data) throw new Error(JSON.stringify(importedR.errors));
    const imported = importedR.data.importChinaHolidays;
    const national = imported.dates.find((d) => d.date === '2026-10-01');
    expect(national).toMatchObject({ kind: 'HOLIDAY', source: 'CHINA_IMPORT', hours: [] });
    expect(national?.name).toContain('国庆'); // the tenant's locale is zh-CN
    // The make-up Saturday gets the calendar's Monday hours.
    expect(imported.dates.find((d) => d.date === '2026-10-10')).toMatchObject({
      kind: 'WORKDAY',
      hours: SPLIT,
    });
    expect(imported.imports).toEqual([
      expect.objectContaining({ year: 2026, dataVersion: data.data?.chinaHolidayData.dataVersion }),
    ]);

    // Wed 09-30 17:50 + 30 business minutes: 10 that day, the week is closed, Thu 10-08 09:20.
    const preview = await as<{
      businessTimePreview: { due: string; openAtStart: boolean; nextOpen: string };
    }>(PREVIEW, { c: cal.id, f: '2026-09-30T09:50:00Z', m: 30 });
    expect(preview.errors).toBeUndefined();
    expect(preview.data?.businessTimePreview).toEqual({
      due: '2026-10-08T01:20:00.000Z',
      openAtStart: true,
      nextOpen: '2026-09-30T09:50:00.000Z',
    });

    // A hand-set date survives a second import, which changes nothing else.
    const edited = (
      await as<{ setCalendarDates: Calendar }>(SET_DATES, {
        id: cal.id,
        v: imported.version,
        d: [
          {
            date: '2026-10-08',
            kind: 'HOLIDAY',
            name: 'Company day',
            hours: [{ start: '14:00', end: '18:00' }],
          },
        ],
      })
    ).data!.setCalendarDates;
    const again = (await as<{ importChinaHolidays: Calendar }>(IMPORT, { id: cal.id, y: 2026 })).data!
      .importChinaHolidays;
    expect(again.dates).toHaveLength(edited.dates.length);
    expect(again.dates.find((d) => d.date === '2026-10-08')).toMatchObject({
      source: 'MANUAL',
      name: 'Company day',
    });
    expect(again.imports).toHaveLength(1);
    const afterEdit = await as<{ businessTimePreview: { due: string } }>(PREVIEW, {
      c: cal.id,
      f: '2026-09-30T09:50:00Z',
      m: 30,
    });
    expect(afterEdit.data?.businessTimePreview.due).toBe('2026-10-08T06:20:00.000Z'); // 14:20 on the partial day
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const as = ctx().as(ctx().pooled);
    const before = (await as<{ businessCalendars: Calendar[] }>('{ businessCalendars { id } }')).data!
      .businessCalendars;
    const bad = async (i: Record<string, unknown>) => {
      const r = await as<Record<string, unknown>>(CREATE, {
        i: { name: 'Bad', timeZone: 'Asia/Shanghai', week: weekOf(SPLIT), ...i },
      });
      return {
        code: codeOf(r),
        paths: (r.errors?.[0]?.extensions?.issues as { path: string }[] | undefined)?.map((x) => x.path),
      };
    };
    expect(await bad({ timeZone: 'Mars/Olympus' })).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['input.timeZone'],
    });
    expect(
      (
        await bad({
          week: weekOf([
            { start: '13:00', end: '18:00' },
            { start: '09:00', end: '14:00' },
          ]),
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect((await bad({ week: weekOf([{ start: '9:00', end: '18:00' }]) })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ week: weekOf([{ start: '18:00', end: '09:00' }]) })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ week: weekOf(SPLIT).slice(0, 6) })).code).toBe('VALIDATION_FAILED');
    expect((await bad({ name: '   ' })).code).toBe('VALIDATION_FAILED');
    // Dates that are not dates (nor YYYY-MM-DD) are refused, not a server error.
    const cal = (await as<{ businessCalendars: Calendar[] }>(`{ businessCalendars { ${FIELDS} } }`)).data!
      .businessCalendars[0]!;
    for (const date of ['probe-value', '2026-02-30', '2026-1-05', '']) {
      const r = await as<Record<string, unknown>>(SET_DATES, {
        id: cal.id,
        v: cal.version,
        d: [{ date, kind: 'HOLIDAY' }],
      });
      expect(codeOf(r), date).toBe('VALIDATION_FAILED');
    }
    expect(codeOf(await as(SET_DATES, { id: cal.id, v: cal.version, d: [], r: ['not-a-date'] }))).toBe(
      'VALIDATION_FAILED',
    );
    const after = (await as<{ businessCalendars: Calendar[] }>('{ businessCalendars { id } }')).data!
      .businessCalendars;
    expect(after).toHaveLength(before.length);
  });

  it('guards versions, the default calendar, years without data and calendars that never open', async () => {
    const as = ctx().as(ctx().siloed);
    const first = (
      await as<{ createBusinessCalendar: Calendar }>(CREATE, {
        i: { name: 'Main', timeZone: 'Asia/Shanghai', week: weekOf(SPLIT) },
      })
    ).data!.createBusinessCalendar;
    const closed = (
      await as<{ createBusinessCalendar: Calendar }>(CREATE, {
        i: { name: 'Closed', timeZone: 'America/New_York', week: weekOf([]) },
      })
    ).data!.createBusinessCalendar;
    expect(closed.isDefault).toBe(false);

    const update = `mutation($id: ID!, $v: Int!, $i: BusinessCalendarChangesInput!) { updateBusinessCalendar(id: $id, version: $v, input: $i) { ${FIELDS} } }`;
    const ok = await as<{ updateBusinessCalendar: Calendar }>(update, {
      id: first.id,
      v: first.version,
      i: { name: 'Main office', timeZone: 'Asia/Shanghai', week: weekOf(SPLIT) },
    });
    expect(ok.data?.updateBusinessCalendar.version).toBe(first.version + 1);
    const stale = await as<Record<string, unknown>>(update, {
      id: first.id,
      v: first.version,
      i: { name: 'Lost update', timeZone: 'Asia/Shanghai', week: weekOf(SPLIT) },
    });
    expect(codeOf(stale)).toBe('CONFLICT');

    expect(codeOf(await as('mutation($id: ID!) { deleteBusinessCalendar(id: $id) }', { id: first.id }))).toBe(
      'CALENDAR_IS_DEFAULT',
    );
    expect(codeOf(await as(IMPORT, { id: first.id, y: 2099 }))).toBe('HOLIDAY_DATA_MISSING');
    expect(codeOf(await as(PREVIEW, { c: closed.id, f: '2026-01-05T00:00:00Z', m: 10 }))).toBe(
      'CALENDAR_NEVER_OPEN',
    );

    // Making the second one the default moves the flag; then the first can go.
    const moved = await as<{ updateBusinessCalendar: Calendar }>(update, {
      id: closed.id,
      v: closed.version,
      i: { isDefault: true }, // only what changes
    });
    expect(moved.data?.updateBusinessCalendar.isDefault).toBe(true);
    expect(moved.data?.updateBusinessCalendar.week.every((d) => d.hours.length === 0)).toBe(true); // untouched
    expect(
      await as('mutation($id: ID!) { deleteBusinessCalendar(id: $id) }', { id: first.id }),
    ).toMatchObject({
      data: { deleteBusinessCalendar: true },
    });
    const list = (await as<{ businessCalendars: Calendar[] }>(`{ businessCalendars { ${FIELDS} } }`)).data!
      .businessCalendars;
    expect(list.map((c) => [c.name, c.isDefault])).toEqual([['Closed', true]]);
  });

  it('lets an SLA_READ key read but not write, and hides calendars from other tenants', async () => {
    const { pooled, siloed, baseUrl } = ctx();
    const key = await gql<{ createApiKey: { secret: string } }>(
      baseUrl,
      'mutation { createApiKey(name: "read calendars", scopes: [SLA_READ]) { secret } }',
      {},
      pooled.adminToken,
    );
    const reader = key.data!.createApiKey.secret;
    const mine = await gql<{ businessCalendars: Calendar[] }>(
      baseUrl,
      '{ businessCalendars { id name } }',
      {},
      reader,
    );
    expect(mine.data?.businessCalendars.length).toBeGreaterThan(0);
    const write = await gql(
      baseUrl,
      CREATE,
      { i: { name: 'Nope', timeZone: 'UTC', week: weekOf(SPLIT) } },
      reader,
    );
    expect(codeOf(write)).toBe('FORBIDDEN');

    const pooledId = mine.data!.businessCalendars[0]!.id;
    const other = await gql(
      baseUrl,
      `query($id: ID!) { businessCalendar(id: $id) { id } }`,
      { id: pooledId },
      siloed.adminToken,
    );
    expect(codeOf(other)).toBe('NOT_FOUND');
    const otherImport = await gql(baseUrl, IMPORT, { id: pooledId, y: 2026 }, siloed.adminToken);
    expect(codeOf(otherImport)).toBe('NOT_FOUND');
  });
});
