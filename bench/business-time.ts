// Benchmark 6, business-time arithmetic (issue 11): the engine (modules/sla/calendar) against a
// naive minute-stepping loop that asks Intl for the local clock of every minute, on the same
// inputs in the same run. Two calendars: Shanghai with split shifts and 2026's holidays and
// make-up workdays (国庆 included), New York 09:00–17:00 on weekdays (two DST changes in the year).
// Inputs: minute-aligned start instants spread over 2026 (a fixed pseudo-random sequence) and
// targets of 30 minutes, one business day and two business days. Every naive answer must equal
// the engine's; a difference fails the run. The two loops alternate in interleaved slices, so a
// change in the machine's load falls on both. No services are needed; the run still starts them
// like every scenario (they stay idle).
import type { RunningServices } from '@tandem/services';
import { BusinessCalendar, chinaOverrides, type BusinessCalendarSpec } from '@tandem/core';
import type { BenchOptions } from './lib/options.js';
import { log } from './lib/harness.js';
import { backgroundBusy, machine, machineLine, table, writeResult } from './lib/report.js';

const MIN = 60_000;
const SPLIT = [
  { start: 9 * 60, end: 12 * 60 },
  { start: 13 * 60 + 30, end: 18 * 60 },
];
const NINE_TO_FIVE = [{ start: 9 * 60, end: 17 * 60 }];

function calendars(): { name: string; spec: BusinessCalendarSpec; dayMinutes: number }[] {
  const overrides = chinaOverrides(2026, SPLIT);
  if (!overrides) throw new Error('no 2026 holiday data in chinese-days');
  return [
    {
      name: 'Asia/Shanghai, split shifts, 2026 holidays',
      spec: { timeZone: 'Asia/Shanghai', weekly: [[], SPLIT, SPLIT, SPLIT, SPLIT, SPLIT, []], overrides },
      dayMinutes: 450,
    },
    {
      name: 'America/New_York, 09–17, DST',
      spec: {
        timeZone: 'America/New_York',
        weekly: [[], NINE_TO_FIVE, NINE_TO_FIVE, NINE_TO_FIVE, NINE_TO_FIVE, NINE_TO_FIVE, []],
        overrides: [],
      },
      dayMinutes: 480,
    },
  ];
}

/** The reference: step minute by minute, reading the local date and clock from Intl. */
function naiveAdd(
  spec: BusinessCalendarSpec,
  fmt: Intl.DateTimeFormat,
  start: number,
  minutes: number,
): number {
  const overrides = new Map(spec.overrides.map((o) => [o.date, o.open]));
  let left = minutes;
  let t = start;
  while (left > 0) {
    const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    const date = `${p.year}-${p.month}-${p.day}`;
    const minute = Number(p.hour) * 60 + Number(p.minute);
    const hours = overrides.get(date) ?? spec.weekly[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? [];
    if (hours.some((h) => minute >= h.start && minute < h.end)) left -= 1;
    t += MIN;
  }
  return t;
}

interface Case {
  start: number;
  minutes: number;
}

function cases(dayMinutes: number, count: number): Case[] {
  let seed = 20_261_001;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const yearStart = Date.UTC(2026, 0, 1);
  const targets = [30, dayMinutes, 2 * dayMinutes];
  return Array.from({ length: count }, (_, i) => ({
    start: yearStart + Math.floor(next() * 360 * 1440) * MIN,
    minutes: targets[i % targets.length] ?? 30,
  }));
}

interface Row {
  calendar: string;
  engineOps: number;
  naiveOps: number;
  ratio: number;
  checked: number;
}

export async function runBusinessTime(_services: RunningServices, opts: BenchOptions): Promise<boolean> {
  const background = await backgroundBusy();
  const m = machine(background);
  log(`business-time: ${machineLine(m)}`);
  const rows: Row[] = [];
  let wrong = 0;
  for (const c of calendars()) {
    const cal = new BusinessCalendar(c.spec);
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: c.spec.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const inputs = cases(c.dayMinutes, 600);
    for (const x of inputs.slice(0, 20)) cal.addBusinessTime(x.start, x.minutes * MIN); // warm the zone cache
    const sliceMs = (opts.durationS * 1000) / opts.rounds / 2;
    let engineOps = 0;
    let engineMs = 0;
    let naiveOps = 0;
    let naiveMs = 0;
    let checked = 0;
    let ei = 0;
    let ni = 0;
    for (let round = 0; round < opts.rounds; round++) {
      for (const which of round % 2 === 0 ? (['engine', 'naive'] as const) : (['naive', 'engine'] as const)) {
        const begin = performance.now();
        if (which === 'engine') {
          while (performance.now() - begin < sliceMs) {
            for (let k = 0; k < 50; k++) {
              const x = inputs[ei++ % inputs.length]!;
              cal.addBusinessTime(x.start, x.minutes * MIN);
              engineOps += 1;
            }
          }
          engineMs += performance.now() - begin;
        } else {
          while (performance.now() - begin < sliceMs) {
            const x = inputs[ni++ % inputs.length]!;
            const naive = naiveAdd(c.spec, fmt, x.start, x.minutes);
            naiveOps += 1;
            checked += 1;
            if (naive !== cal.addBusinessTime(x.start, x.minutes * MIN)) wrong += 1;
          }
          naiveMs += performance.now() - begin;
        }
      }
    }
    const e = engineOps / (engineMs / 1000);
    const n = naiveOps / (naiveMs / 1000);
    rows.push({ calendar: c.name, engineOps: e, naiveOps: n, ratio: e / n, checked });
  }
  const print = table(
    ['calendar', 'engine ops/s', 'minute-stepping ops/s', 'engine ÷ naive', 'answers compared'],
    rows.map((r) => [
      r.calendar,
      r.engineOps.toFixed(0),
      r.naiveOps.toFixed(1),
      `${r.ratio.toFixed(0)}×`,
      `${r.checked} (${wrong === 0 ? 'all equal' : `${wrong} differ`})`,
    ]),
  );
  process.stdout.write(`\nBusiness-time arithmetic (add N business minutes)\n${print}\n`);
  const file = writeResult('business-time', { machine: m, rows, wrong, options: opts });
  log(`business-time: wrote ${file}`);
  return wrong === 0;
}
