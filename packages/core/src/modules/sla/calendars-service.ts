import { notFound, PlatformError } from '../../platform/errors.js';
import { LruCache } from '../../platform/lru.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { requireTenant } from '../../platform/tenancy/context.js';
import type { AuditService } from '../audit/index.js';
import { BusinessCalendar, CalendarNeverOpenError, formatClock } from './calendar/business-time.js';
import { chinaHolidayData, chinaOverrides } from './calendar/china-holidays.js';
import { SlaError } from './errors.js';
import { slaIds } from './ids.js';
import { WEEKDAYS, type CalendarChangesInput, type CalendarDateInput, type CalendarInput } from './inputs.js';
import type { CalendarDateRecord, CalendarRecord, HoursRecord } from './model.js';
import type { SlaRepository } from './repository.js';

const MAX_CALENDARS = 20;
const MAX_DATES = 1500;
/** Standard office hours for make-up workdays when a calendar has no weekday hours to copy. */
const FALLBACK_HOURS: HoursRecord[] = [{ start: 9 * 60, end: 18 * 60 }];

export interface BusinessTimePreview {
  from: Date;
  minutes: number;
  due: Date;
  openAtStart: boolean;
  nextOpen: Date | null;
}

/** For the audit trail: the week as readable text per weekday ("09:00–12:00, 13:30–18:00"). */
const snapshot = (c: CalendarRecord) => ({
  name: c.name,
  timeZone: c.timeZone,
  isDefault: c.isDefault,
  week: Object.fromEntries(
    WEEKDAYS.map((day, i) => [
      day,
      (c.week[i] ?? []).map((h) => `${formatClock(h.start)}–${formatClock(h.end)}`).join(', ') || 'closed',
    ]),
  ),
  dates: c.dates.length,
  imports: c.imports.map((i) => i.year),
});

/** Tenants' business-hours calendars, China's holiday import, and the engine built from them. */
export class CalendarsService {
  /** The engine of each calendar's latest version seen (a calendar is read often and changed rarely). */
  private readonly engines = new LruCache<string, { version: number; engine: BusinessCalendar }>(
    500,
    3_600_000,
  );

  constructor(
    private readonly repo: SlaRepository,
    private readonly audit: AuditService,
    private readonly tenants: TenantDirectory,
  ) {}

  list(): Promise<CalendarRecord[]> {
    return this.repo.list();
  }

  async get(id: string): Promise<CalendarRecord> {
    const c = await this.repo.find(id);
    if (!c) throw notFound('Business calendar');
    return c;
  }

  /** The tenant's default calendar, or null when it has none yet. */
  defaultCalendar(): Promise<CalendarRecord | null> {
    return this.repo.findDefault();
  }

  async create(input: CalendarInput): Promise<CalendarRecord> {
    const existing = await this.repo.count();
    if (existing >= MAX_CALENDARS) {
      throw new SlaError('CALENDAR_LIMIT_REACHED', `At most ${MAX_CALENDARS} business calendars`);
    }
    const created = await this.repo.create(slaIds.next('cal'), {
      name: input.name,
      timeZone: input.timeZone,
      week: input.week,
      isDefault: existing === 0 || input.isDefault === true,
      dates: [],
      imports: [],
    });
    if (created.isDefault) await this.repo.clearDefaultExcept(created._id);
    await this.audit.record({
      action: 'business_calendar.created',
      targetType: 'business_calendar',
      targetId: created._id,
      after: snapshot(created),
    });
    return created;
  }

  async update(id: string, version: number, input: CalendarChangesInput): Promise<CalendarRecord> {
    const before = await this.get(id);
    if (before.isDefault && input.isDefault === false) {
      throw new SlaError('CALENDAR_IS_DEFAULT', 'Make another calendar the default instead');
    }
    const after = await this.write(before, version, {
      ...(input.name != null && { name: input.name }),
      ...(input.timeZone != null && { timeZone: input.timeZone }),
      ...(input.week != null && { week: input.week }),
      isDefault: before.isDefault || input.isDefault === true,
    });
    if (after.isDefault && !before.isDefault) await this.repo.clearDefaultExcept(after._id);
    await this.audit.record({
      action: 'business_calendar.updated',
      targetType: 'business_calendar',
      targetId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  }

  async remove(id: string): Promise<boolean> {
    const before = await this.get(id);
    if (before.isDefault) throw new SlaError('CALENDAR_IS_DEFAULT', 'The default calendar cannot be deleted');
    if (!(await this.repo.remove(id))) throw notFound('Business calendar');
    await this.audit.record({
      action: 'business_calendar.deleted',
      targetType: 'business_calendar',
      targetId: id,
      before: snapshot(before),
    });
    return true;
  }

  /** Adds or replaces dates (holidays, partial days, special workdays) and removes others; edited dates become MANUAL. */
  async setDates(
    id: string,
    version: number,
    dates: CalendarDateInput[],
    remove: string[],
  ): Promise<CalendarRecord> {
    const before = await this.get(id);
    const byDate = new Map(before.dates.map((d) => [d.date, d]));
    for (const date of remove) byDate.delete(date);
    for (const d of dates) {
      byDate.set(d.date, {
        date: d.date,
        kind: d.kind,
        name: d.name ?? '',
        hours: d.hours ?? [],
        source: 'MANUAL',
      });
    }
    const next = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
    if (next.length > MAX_DATES) {
      throw new PlatformError('VALIDATION_FAILED', 'Some fields are not valid', {
        issues: [{ path: 'dates', message: `A calendar holds at most ${MAX_DATES} dates` }],
      });
    }
    const after = await this.write(before, version, { dates: next });
    await this.audit.record({
      action: 'business_calendar.dates_changed',
      targetType: 'business_calendar',
      targetId: id,
      before: { dates: before.dates.length },
      after: { dates: after.dates.length, set: dates.map((d) => d.date), removed: remove },
    });
    return after;
  }

  /**
   * Imports mainland China's holidays and make-up workdays of a year. Idempotent: the year's
   * earlier import is replaced, and a date the tenant set by hand is kept as it is. Make-up
   * workdays get `workdayHours`, else the calendar's Monday hours (or its first open weekday's).
   */
  async importChina(
    id: string,
    year: number | null,
    workdayHours: HoursRecord[] | null,
  ): Promise<CalendarRecord> {
    const data = chinaHolidayData();
    for (let attempt = 0; ; attempt++) {
      const before = await this.get(id);
      // The calendar's current year unless one is named.
      year ??= Number(
        new Intl.DateTimeFormat('en-CA', { timeZone: before.timeZone, year: 'numeric' }).format(new Date()),
      );
      const hours =
        workdayHours && workdayHours.length > 0
          ? workdayHours
          : ((before.week[1]?.length ? before.week[1] : before.week.find((d) => d.length > 0)) ??
            FALLBACK_HOURS);
      const imported = chinaOverrides(year, hours);
      if (!imported) {
        throw new SlaError(
          'HOLIDAY_DATA_MISSING',
          `No holiday data for ${year} (data ${data.version} has ${data.years.at(0)}–${data.years.at(-1)})`,
          {
            details: { year, dataVersion: data.version },
          },
        );
      }
      const tenant = await this.tenants.get(requireTenant().id);
      const zh = (tenant?.locale ?? 'zh-CN').startsWith('zh');
      const manual = new Set(before.dates.filter((d) => d.source === 'MANUAL').map((d) => d.date));
      const kept = before.dates.filter((d) => d.source === 'MANUAL' || !d.date.startsWith(`${year}-`));
      const added: CalendarDateRecord[] = imported
        .filter((o) => !manual.has(o.date))
        .map((o) => ({
          date: o.date,
          kind: o.kind,
          name: zh ? o.name['zh-CN'] : o.name.en,
          hours: o.open,
          source: 'CHINA_IMPORT',
        }));
      const dates = [...kept, ...added].sort((a, b) => a.date.localeCompare(b.date));
      const record = {
        year,
        dataVersion: data.version,
        importedAt: new Date(),
        holidays: imported.filter((o) => o.kind === 'HOLIDAY').length,
        workdays: imported.filter((o) => o.kind === 'WORKDAY').length,
      };
      const imports = [...before.imports.filter((i) => i.year !== year), record].sort(
        (a, b) => a.year - b.year,
      );
      const after = await this.repo.update(id, before.version, { dates, imports });
      if (!after) {
        if (attempt < 2) continue; // changed meanwhile: read it again
        throw new PlatformError('CONFLICT', 'The calendar was changed meanwhile; try again');
      }
      await this.audit.record({
        action: 'business_calendar.china_imported',
        targetType: 'business_calendar',
        targetId: id,
        after: { year, dataVersion: data.version, holidays: record.holidays, workdays: record.workdays },
      });
      return after;
    }
  }

  chinaData(): { dataVersion: string; years: number[] } {
    const d = chinaHolidayData();
    return { dataVersion: d.version, years: d.years };
  }

  /** The engine for a calendar (cached per calendar; a newer version replaces it). */
  engine(c: CalendarRecord): BusinessCalendar {
    const hit = this.engines.get(c._id);
    if (hit?.version === c.version) return hit.engine;
    const engine = new BusinessCalendar({
      timeZone: c.timeZone,
      weekly: c.week,
      overrides: c.dates.map((d) => ({ date: d.date, open: d.hours })),
    });
    this.engines.set(c._id, { version: c.version, engine });
    return engine;
  }

  /** What a due time would be: `minutes` of business time from `from` on this calendar. */
  async preview(id: string, from: Date, minutes: number): Promise<BusinessTimePreview> {
    const engine = this.engine(await this.get(id));
    try {
      const due = engine.addBusinessMinutes(from, minutes);
      const next = engine.nextOpen(from.getTime());
      return {
        from,
        minutes,
        due,
        openAtStart: engine.isOpenAt(from.getTime()),
        nextOpen: next === null ? null : new Date(next),
      };
    } catch (e) {
      if (e instanceof CalendarNeverOpenError) throw new SlaError('CALENDAR_NEVER_OPEN', e.message);
      throw e;
    }
  }

  private async write(
    before: CalendarRecord,
    version: number,
    changes: Partial<Pick<CalendarRecord, 'name' | 'timeZone' | 'week' | 'isDefault' | 'dates'>>,
  ): Promise<CalendarRecord> {
    if (version !== before.version) {
      throw new PlatformError('CONFLICT', 'The calendar was changed meanwhile; reload it', {
        details: { currentVersion: before.version },
      });
    }
    const after = await this.repo.update(before._id, version, changes);
    if (!after) {
      const now = await this.repo.find(before._id);
      if (!now) throw notFound('Business calendar');
      throw new PlatformError('CONFLICT', 'The calendar was changed meanwhile; reload it', {
        details: { currentVersion: now.version },
      });
    }
    return after;
  }
}
