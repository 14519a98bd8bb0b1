// The business-time engine on fixed cases (split shifts, 国庆 with its make-up Saturday, DST in
// New York, midnight, partial holidays) and on its laws, checked by fast-check against a
// brute-force reference that walks real time minute by minute and asks Intl for the local clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  CalendarNeverOpenError,
  InvalidCalendarError,
  formatClock,
  parseClock,
  type BusinessCalendarSpec,
  type OpenInterval,
} from './business-time.js';

const MIN = 60_000;
const at = (iso: string): number => new Date(iso).getTime();
const iso = (t: number): string => new Date(t).toISOString();
const hm = (from: string, to: string): OpenInterval => ({ start: parseClock(from)!, end: parseClock(to)! });
const weekdays = (...day: OpenInterval[]): OpenInterval[][] => [[], day, day, day, day, day, []];

/** 09:00–12:00 and 13:30–18:00 on weekdays, Shanghai, with 2026's 国庆 (10-01…10-07 closed) and 10-10 (Sat) a make-up workday. */
const shanghai: BusinessCalendarSpec = {
  timeZone: 'Asia/Shanghai',
  weekly: weekdays(hm('09:00', '12:00'), hm('13:30', '18:00')),
  overrides: [
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, open: [] })),
    { date: '2026-10-10', open: [hm('09:00', '12:00'), hm('13:30', '18:00')] },
    { date: '2026-09-30', open: [hm('09:00', '12:00')] }, // a partial day before the holiday
  ],
};

describe('business time, fixed cases', () => {
  const cal = new BusinessCalendar(shanghai);

  it('adds across the lunch break of a split shift', () => {
    // Tue 2026-09-15 11:50 +08 plus 30 business minutes: 10 before lunch, 20 after 13:30.
    expect(iso(cal.addBusinessTime(at('2026-09-15T11:50:00+08:00'), 30 * MIN))).toBe(
      '2026-09-15T05:50:00.000Z',
    );
    // Ending exactly at the break ends at 12:00, not at 13:30.
    expect(iso(cal.addBusinessTime(at('2026-09-15T11:30:00+08:00'), 30 * MIN))).toBe(
      '2026-09-15T04:00:00.000Z',
    );
  });

  it('starts counting at the next opening when the clock is outside hours', () => {
    expect(iso(cal.addBusinessTime(at('2026-09-15T07:00:00+08:00'), 30 * MIN))).toBe(
      '2026-09-15T01:30:00.000Z',
    );
    expect(cal.isOpenAt(at('2026-09-15T12:30:00+08:00'))).toBe(false);
    expect(iso(cal.nextOpen(at('2026-09-15T12:30:00+08:00'))!)).toBe('2026-09-15T05:30:00.000Z');
    expect(iso(cal.nextClose(at('2026-09-15T09:10:00+08:00'))!)).toBe('2026-09-15T04:00:00.000Z');
  });

  it('jumps over the 国庆 week, counts the partial day before it, and works the make-up Saturday', () => {
    // Wed 09-30 is open 09:00–12:00 only. 11:00 + 2 business hours: 1 h on the 30th, the week is
    // closed, Thu 10-08 opens at 09:00 → 10:00.
    expect(iso(cal.addBusinessTime(at('2026-09-30T11:00:00+08:00'), 120 * MIN))).toBe(
      '2026-10-08T02:00:00.000Z',
    );
    // Fri 10-09 17:00 + 2 h: 1 h on Friday, then Saturday 10-10 (调休) from 09:00 → 10:00 on Saturday.
    expect(iso(cal.addBusinessTime(at('2026-10-09T17:00:00+08:00'), 120 * MIN))).toBe(
      '2026-10-10T02:00:00.000Z',
    );
    expect(cal.isOpenAt(at('2026-10-10T10:00:00+08:00'))).toBe(true);
    expect(cal.isOpenAt(at('2026-10-03T10:00:00+08:00'))).toBe(false);
    // From Wed 09-30 09:00 to Thu 10-08 09:00: 3 h on the 30th, nothing in the holiday.
    expect(
      cal.businessMinutesBetween(
        new Date('2026-09-30T09:00:00+08:00'),
        new Date('2026-10-08T09:00:00+08:00'),
      ),
    ).toBe(180);
  });

  it('measures two business days as 15 hours of these shifts', () => {
    const start = new Date('2026-09-14T09:00:00+08:00'); // Monday
    const due = cal.addBusinessMinutes(start, 2 * 7.5 * 60);
    expect(due.toISOString()).toBe('2026-09-15T10:00:00.000Z'); // Tuesday 18:00
    expect(cal.businessMinutesBetween(start, due)).toBe(900);
    expect(cal.businessMinutesBetween(due, start)).toBe(-900);
  });

  it('runs across midnight as one span in a 24-hour calendar', () => {
    const allDay = new BusinessCalendar({
      timeZone: 'Asia/Shanghai',
      weekly: Array.from({ length: 7 }, () => [hm('00:00', '24:00')]),
      overrides: [],
    });
    const spans = [...allDay.spans(at('2026-09-15T23:00:00+08:00'), at('2026-09-17T01:00:00+08:00'))];
    expect(spans).toHaveLength(1);
    expect(iso(allDay.addBusinessTime(at('2026-09-15T23:30:00+08:00'), 60 * MIN))).toBe(
      '2026-09-15T16:30:00.000Z',
    );
  });

  it('knows New York changes its clocks: a 09:00–17:00 day is 8 real hours on both sides of DST', () => {
    const ny = new BusinessCalendar({
      timeZone: 'America/New_York',
      weekly: Array.from({ length: 7 }, () => [hm('09:00', '17:00')]),
      overrides: [],
    });
    // Sat 2026-03-07 09:00 EST (-05) + 8 h ends 17:00 EST; Sunday 03-08 (DST from 02:00) opens 09:00 EDT (-04).
    expect(iso(ny.addBusinessTime(at('2026-03-07T14:00:00Z'), 9 * 60 * MIN))).toBe(
      '2026-03-08T14:00:00.000Z',
    );
    expect(iso(ny.nextOpen(at('2026-03-08T12:00:00Z'))!)).toBe('2026-03-08T13:00:00.000Z');
    // Sun 2026-11-01 (back to EST at 02:00): opens 09:00 EST = 14:00Z.
    expect(iso(ny.nextOpen(at('2026-11-01T06:00:00Z'))!)).toBe('2026-11-01T14:00:00.000Z');
  });

  it('counts the repeated hour twice and the skipped hour not at all (a night shift across the change)', () => {
    const night = new BusinessCalendar({
      timeZone: 'America/New_York',
      weekly: Array.from({ length: 7 }, () => [hm('00:00', '04:00')]),
      overrides: [],
    });
    // From local midnight (EDT -04 or EST -05) for 13 real hours.
    const day = (midnightUtc: string): number =>
      night.businessTimeBetween(at(midnightUtc), at(midnightUtc) + 13 * 60 * MIN) / MIN;
    expect(day('2026-11-01T04:00:00Z')).toBe(300); // 00:00–04:00 with 01:00–02:00 twice
    expect(day('2026-03-08T05:00:00Z')).toBe(180); // 02:00–03:00 does not exist
    expect(day('2026-03-09T04:00:00Z')).toBe(240);
  });

  it('adds nothing with zero and refuses negative time', () => {
    const t = at('2026-10-03T10:00:00+08:00');
    expect(cal.addBusinessTime(t, 0)).toBe(t);
    expect(() => cal.addBusinessTime(t, -1)).toThrow(RangeError);
  });

  it('gives up on a calendar that is never open', () => {
    const closed = new BusinessCalendar({
      timeZone: 'UTC',
      weekly: Array.from({ length: 7 }, () => []),
      overrides: [],
    });
    expect(() => closed.addBusinessTime(0, MIN)).toThrow(CalendarNeverOpenError);
    expect(closed.nextOpen(0)).toBeNull();
    expect(closed.isOpenAt(0)).toBe(false);
  });

  it('refuses malformed calendars with where the problem is', () => {
    const bad = (patch: Partial<BusinessCalendarSpec>): string => {
      try {
        new BusinessCalendar({ ...shanghai, ...patch });
        return 'accepted';
      } catch (e) {
        return e instanceof InvalidCalendarError ? e.path : 'other';
      }
    };
    expect(bad({ timeZone: 'Mars/Olympus' })).toBe('timeZone');
    expect(bad({ weekly: [[]] })).toBe('weekly');
    expect(bad({ weekly: weekdays(hm('13:00', '18:00'), hm('09:00', '14:00')) })).toBe('weekly.1.1');
    expect(bad({ weekly: weekdays({ start: 600, end: 600 }) })).toBe('weekly.1.0');
    expect(bad({ overrides: [{ date: '2026-02-30', open: [] }] })).toBe('overrides.0.date');
    expect(
      bad({
        overrides: [
          { date: '2026-10-01', open: [] },
          { date: '2026-10-01', open: [] },
        ],
      }),
    ).toBe('overrides.1.date');
  });

  it('reads and writes clock times', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('24:30')).toBeNull();
    expect(parseClock('9:30')).toBeNull();
    expect(formatClock(810)).toBe('13:30');
  });
});

// ---- the brute-force reference ----------------------------------------------------------------

const clocks = new Map<string, Intl.DateTimeFormat>();
/** Local date and minute of day at instant t, straight from Intl (no offset arithmetic). */
function localClock(timeZone: string, t: number): { date: string; minute: number } {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    clocks.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

function referenceOpen(spec: BusinessCalendarSpec, t: number): boolean {
  const { date, minute } = localClock(spec.timeZone, t);
  const override = spec.overrides.find((o) => o.date === date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const hours = override ? override.open : spec.weekly[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  return hours.some((iv) => minute >= iv.start && minute < iv.end);
}

const referenceBetween = (spec: BusinessCalendarSpec, a: number, b: number): number => {
  let open = 0;
  for (let t = a; t < b; t += MIN) if (referenceOpen(spec, t)) open += 1;
  return open;
};

// ---- generators ------------------------------------------------------------------------------

/** Zones with and without DST, one with a 30-minute DST step (Lord Howe), one south of the equator. */
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'];
/** Windows around offset changes and a plain week, all on minute boundaries (UTC). */
const WINDOWS = [
  at('2026-03-07T00:00:00Z'), // New York and Shanghai around 03-08
  at('2026-03-28T00:00:00Z'), // London 03-29
  at('2026-04-03T00:00:00Z'), // Lord Howe 04-05 (back 30 min)
  at('2026-10-02T00:00:00Z'), // Lord Howe 10-04 (forward 30 min), 国庆
  at('2026-10-24T00:00:00Z'), // London 10-25, New York 11-01
];

/** Ordered non-overlapping intervals on a 15-minute grid (some days empty, some split). */
const intervals = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((x, y) => x - y);
    const out: OpenInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      out.push({ start: sorted[i]! * 15, end: sorted[i + 1]! * 15 });
    return out;
  });

/** A calendar (with overrides on days of the window) and instants in its window (minutes from its start, up to 9 days). */
const case_ = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.array(intervals, { minLength: 7, maxLength: 7 }),
    overrideDays: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }),
    overrideHours: fc.array(intervals, { minLength: 4, maxLength: 4 }),
    window: fc.constantFrom(...WINDOWS),
    a: fc.integer({ min: 0, max: 9 * 1440 }),
    b: fc.integer({ min: 0, max: 9 * 1440 }),
    n: fc.integer({ min: 0, max: 3000 }),
  })
  .map(({ timeZone, weekly, overrideDays, overrideHours, window, a, b, n }) => ({
    spec: {
      timeZone,
      weekly,
      overrides: overrideDays.map((d, i) => ({
        date: new Date(window + d * 86_400_000).toISOString().slice(0, 10),
        open: overrideHours[i]!,
      })),
    } satisfies BusinessCalendarSpec,
    window,
    a,
    b,
    n,
  }));

const RUNS = { numRuns: 40 };
/** The reference asks Intl for every minute of up to 9 days: slow on purpose, and slower on a busy CI machine. */
const SLOW = 120_000;

describe('business time, laws (against a minute-by-minute reference)', () => {
  it(
    'measures exactly the open minutes the reference counts',
    () => {
      fc.assert(
        fc.property(case_, ({ spec: s, window, a, b }) => {
          const cal = new BusinessCalendar(s);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const from = window + lo * MIN;
          const to = window + hi * MIN;
          expect(cal.businessTimeBetween(from, to) / MIN).toBe(referenceBetween(s, from, to));
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'is open exactly when the reference is, and next-open is the first open minute',
    () => {
      fc.assert(
        fc.property(case_, ({ spec: s, window, a }) => {
          const cal = new BusinessCalendar(s);
          const t = window + a * MIN;
          expect(cal.isOpenAt(t)).toBe(referenceOpen(s, t));
          const next = cal.nextOpen(t);
          if (next === null) return;
          expect(referenceOpen(s, next)).toBe(true);
          if (next - t <= 3 * 86_400_000) expect(referenceBetween(s, t, next)).toBe(0);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'adding N then measuring gives back N; the result ends open time; adding is monotonic',
    () => {
      fc.assert(
        fc.property(case_, ({ spec: s, window, a, b, n }) => {
          const cal = new BusinessCalendar(s);
          if (cal.nextOpen(window) === null) return;
          const t = window + a * MIN;
          const due = cal.addBusinessTime(t, n * MIN);
          expect(cal.businessTimeBetween(t, due)).toBe(n * MIN);
          if (n > 0) expect(referenceOpen(s, due - MIN)).toBe(true); // the last minute counted is open
          expect(cal.addBusinessTime(t, (n + 1) * MIN)).toBeGreaterThan(due);
          const later = window + Math.max(a, b) * MIN;
          expect(cal.addBusinessTime(later, n * MIN)).toBeGreaterThanOrEqual(
            cal.addBusinessTime(window + Math.min(a, b) * MIN, n * MIN),
          );
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    'is additive: [a, b) + [b, c) = [a, c)',
    () => {
      fc.assert(
        fc.property(case_, fc.integer({ min: 0, max: 9 * 1440 }), ({ spec: s, window, a, b }, c) => {
          const cal = new BusinessCalendar(s);
          const [x, y, z] = [a, b, c].sort((p, q) => p - q).map((m) => window + m * MIN) as [
            number,
            number,
            number,
          ];
          expect(cal.businessTimeBetween(x, y) + cal.businessTimeBetween(y, z)).toBe(
            cal.businessTimeBetween(x, z),
          );
        }),
        RUNS,
      );
    },
    SLOW,
  );
});
