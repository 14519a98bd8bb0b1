/**
 * Mainland China's official holidays and make-up workdays (调休) for a year, from the maintained
 * `chinese-days` data package (docs/decisions/0009-business-calendars.md), as date overrides for a
 * business calendar: holidays closed, make-up workdays open with the hours the tenant chooses.
 * The package's files are data, so they are checked with zod when read.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type { OpenInterval } from './business-time.js';

const require = createRequire(import.meta.url);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** "National Day,国庆节,3": English name, Chinese name, length of the holiday in days. */
const entry = z.string().transform((value) => {
  const [en = '', zh = ''] = value.split(',');
  return { en: en.trim(), zh: zh.trim() };
});
const yearFile = z.object({
  holidays: z.record(z.string().regex(DATE), entry),
  workdays: z.record(z.string().regex(DATE), entry),
});

export interface ChinaHolidayData {
  /** The data package's version, shown next to an import. */
  version: string;
  /** Years the package has data for, ascending. */
  years: number[];
}

export interface ChinaOverride {
  date: string;
  kind: 'HOLIDAY' | 'WORKDAY';
  name: { en: string; 'zh-CN': string };
  open: OpenInterval[];
}

let cached: (ChinaHolidayData & { all: z.infer<typeof yearFile> }) | undefined;

function packageDir(): string {
  return require.resolve('chinese-days/package.json').replace(/package\.json$/, '');
}

/** The package's version and the years it covers. */
export function chinaHolidayData(): ChinaHolidayData {
  const { version, years } = load();
  return { version, years };
}

function load(): ChinaHolidayData & { all: z.infer<typeof yearFile> } {
  if (cached) return cached;
  const dir = packageDir();
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(`${dir}package.json`, 'utf8')));
  const all = yearFile.parse(JSON.parse(readFileSync(`${dir}dist/chinese-days.json`, 'utf8')));
  const years = new Set<number>();
  for (const date of Object.keys(all.holidays)) years.add(Number(date.slice(0, 4)));
  cached = { version, years: [...years].sort((a, b) => a - b), all };
  return cached;
}

/**
 * The overrides of one year: every public holiday closed, every make-up workday open with
 * `workdayHours`. Null when the package has no data for the year (not announced yet, or too old).
 */
export function chinaOverrides(year: number, workdayHours: readonly OpenInterval[]): ChinaOverride[] | null {
  const { years, all: file } = load();
  if (!years.includes(year)) return null;
  const out: ChinaOverride[] = [
    ...Object.entries(file.holidays).map(([date, n]) => ({
      date,
      kind: 'HOLIDAY' as const,
      name: { en: n.en, 'zh-CN': n.zh },
      open: [],
    })),
    ...Object.entries(file.workdays).map(([date, n]) => ({
      date,
      kind: 'WORKDAY' as const,
      name: { en: `${n.en} (make-up workday)`, 'zh-CN': `${n.zh}调休上班` },
      open: workdayHours.map((iv) => ({ ...iv })),
    })),
  ];
  return out.filter((o) => o.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));
}
