import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

export interface Formatters {
  /** The IANA zone dates are shown in: the tenant's, or the browser's at provider level. */
  timeZone: string;
  language: string;
  dateTime: (iso: string | null | undefined, timeZone?: string) => string;
  date: (iso: string | null | undefined, timeZone?: string) => string;
  number: (value: number) => string;
  /** A plan's storage in the largest sensible unit: 512000 → "500 GB". */
  storage: (megabytes: number) => string;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function makeFormatters(language: string, timeZone: string, empty: string): Formatters {
  const dateTimeCache = new Map<string, Intl.DateTimeFormat>();
  const dateCache = new Map<string, Intl.DateTimeFormat>();
  const numbers = new Intl.NumberFormat(language);
  const decimals = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const formatter = (cache: Map<string, Intl.DateTimeFormat>, zone: string, withTime: boolean) => {
    let f = cache.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat(language, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        ...(withTime
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' as const }
          : {}),
        timeZone: zone,
      });
      cache.set(zone, f);
    }
    return f;
  };
  const safe = (iso: string | null | undefined, zone: string, withTime: boolean) => {
    if (!iso) return empty;
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return empty;
    try {
      return formatter(withTime ? dateTimeCache : dateCache, zone, withTime).format(at);
    } catch {
      // An unknown zone name from the server must not break the page.
      return formatter(withTime ? dateTimeCache : dateCache, 'UTC', withTime).format(at) + ' UTC';
    }
  };
  return {
    timeZone,
    language,
    dateTime: (iso, zone) => safe(iso, zone ?? timeZone, true),
    date: (iso, zone) => safe(iso, zone ?? timeZone, false),
    number: (value) => numbers.format(value),
    storage: (mb) => {
      if (mb >= 1024 * 1024) return `${decimals.format(mb / (1024 * 1024))} TB`;
      if (mb >= 1024) return `${decimals.format(mb / 1024)} GB`;
      return `${numbers.format(mb)} MB`;
    },
  };
}

/** Formatters for the current language and the time zone of the tenant the session acts for. */
export function useFormatters(): Formatters {
  const { i18n, t } = useTranslation();
  const { session } = useSession();
  const zone = session?.viewer.tenant?.timeZone ?? browserTimeZone();
  const empty = t('common.none');
  return useMemo(() => makeFormatters(i18n.language, zone, empty), [i18n.language, zone, empty]);
}
