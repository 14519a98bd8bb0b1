// Where the CPU went during a measurement (Linux /proc; empty elsewhere): the API process, FerretDB,
// its PostgreSQL backends and Redis in % of one core, and the whole machine in % of all cores. It says what limits a result
// (an API at 100 % is CPU-bound; a busy machine with an idle API is waiting on the database) and
// whether something else on this shared machine was competing.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuUsage {
  /** % of one core, per named process, over the window */
  processes: Record<string, number>;
  /** % of all cores busy over the window (anything on the machine) */
  machineBusy: number | null;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond =
        Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a pid in seconds, or undefined when it cannot be read. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may contain spaces: split after it
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return (utime + stime) / clockTicks();
  } catch {
    return undefined;
  }
}

/** [busy, total] jiffies of the whole machine. */
function machineJiffies(): [number, number] | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
    return [total - idle, total];
  } catch {
    return undefined;
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The PostgreSQL backends serving `database` (FerretDB's connections), found by their process title. */
export function postgresBackends(database: string): () => number[] {
  return () => {
    const pids: number[] = [];
    let entries: string[];
    try {
      entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
    } catch {
      return pids;
    }
    for (const e of entries) {
      try {
        const title = readFileSync(`/proc/${e}/cmdline`, 'utf8');
        if (title.startsWith('postgres: ') && title.split(' ').includes(database)) pids.push(Number(e));
      } catch {
        // exited meanwhile
      }
    }
    return pids;
  };
}

/** A named process (pid) or group of processes (listed again at each end of the window). */
export type Watched = number | (() => number[]) | undefined;

function cpuOf(w: Watched): Map<number, number> {
  const pids = w === undefined ? [] : typeof w === 'number' ? [w] : w();
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = processCpuSeconds(pid);
    if (s !== undefined) out.set(pid, s);
  }
  return out;
}

/**
 * Starts a window; the returned function ends it and reports the usage in between. A process of a
 * group that appeared during the window counts with all its CPU time (it is new).
 */
export function cpuWindow(watched: Record<string, Watched>): () => CpuUsage {
  const started = performance.now();
  const before = new Map<string, Map<number, number>>();
  for (const [name, w] of Object.entries(watched)) before.set(name, cpuOf(w));
  const machineBefore = machineJiffies();
  return () => {
    const elapsed = (performance.now() - started) / 1000;
    const processes: Record<string, number> = {};
    for (const [name, w] of Object.entries(watched)) {
      const after = cpuOf(w);
      const b = before.get(name) ?? new Map<number, number>();
      if (after.size === 0 || elapsed <= 0) continue;
      let used = 0;
      for (const [pid, seconds] of after) used += seconds - (b.get(pid) ?? 0);
      processes[name] = round1((used / elapsed) * 100);
    }
    const machineAfter = machineJiffies();
    let machineBusy: number | null = null;
    if (machineBefore && machineAfter && machineAfter[1] > machineBefore[1]) {
      machineBusy = round1(
        ((machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1])) * 100,
      );
    }
    return { processes, machineBusy };
  };
}
