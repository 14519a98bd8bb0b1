/**
 * UTC offsets of an IANA time zone from the runtime's own tz database (Intl), with the zone's
 * offset changes found once per year and cached: `offsetAt` is a binary search, not an Intl call.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows the zone (an unknown name makes Intl throw a RangeError). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `t` (ms), read from Intl: local wall time minus UTC. */
export function intlOffset(timeZone: string, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  const parts = formatter(timeZone).formatToParts(new Date(whole));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 'NaN');
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - whole;
}

interface YearOffsets {
  /** Instants where the offset changes, ascending, each with the offset from then on. */
  changes: { at: number; offset: number }[];
  first: number;
}

/** Offsets of one zone; one instance per zone is shared (see `zoneOffsets`). */
export class ZoneOffsets {
  private readonly years = new Map<number, YearOffsets>();

  constructor(readonly timeZone: string) {
    formatter(timeZone); // throws RangeError for an unknown zone
  }

  offsetAt(t: number): number {
    const y = this.year(new Date(t).getUTCFullYear());
    let offset = y.first;
    let lo = 0;
    let hi = y.changes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const change = y.changes[mid]!;
      if (change.at <= t) {
        offset = change.offset;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return offset;
  }

  /** The first instant after `t` (exclusive) at which the offset changes, or null before `limit`. */
  nextChange(t: number, limit: number): number | null {
    let year = new Date(t).getUTCFullYear();
    for (;;) {
      const y = this.year(year);
      const change = y.changes.find((c) => c.at > t);
      if (change) return change.at < limit ? change.at : null;
      const nextYearStart = Date.UTC(year + 1, 0, 1);
      if (nextYearStart >= limit) return null;
      // The offset may change exactly at the turn of the year.
      if (this.year(year + 1).first !== this.offsetAt(nextYearStart - 1)) {
        return nextYearStart < limit && nextYearStart > t ? nextYearStart : null;
      }
      year += 1;
    }
  }

  private year(year: number): YearOffsets {
    let y = this.years.get(year);
    if (y) return y;
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const first = intlOffset(this.timeZone, start);
    const changes: { at: number; offset: number }[] = [];
    let prevAt = start;
    let prev = first;
    // Zones change their offset at most a few times a year and never twice within 6 hours.
    for (let at = start + 6 * HOUR_MS; at <= end; at += 6 * HOUR_MS) {
      const probe = Math.min(at, end - 1);
      const offset = intlOffset(this.timeZone, probe);
      if (offset !== prev) {
        // The change lies in (prevAt, probe]: narrow it to the second.
        let lo = prevAt;
        let hi = probe;
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2000) * 1000;
          if (mid <= lo || mid >= hi) break;
          if (intlOffset(this.timeZone, mid) === prev) lo = mid;
          else hi = mid;
        }
        changes.push({ at: hi, offset });
        prev = offset;
      }
      prevAt = probe;
    }
    y = { changes, first };
    this.years.set(year, y);
    if (this.years.size > 64) this.years.delete(this.years.keys().next().value as number);
    return y;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared offsets of a zone (throws RangeError for an unknown zone). */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let z = zones.get(timeZone);
  if (!z) {
    z = new ZoneOffsets(timeZone);
    zones.set(timeZone, z);
  }
  return z;
}

export { DAY_MS };
