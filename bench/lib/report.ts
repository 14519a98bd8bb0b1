// Plain-text tables on stdout, and one JSON file per scenario in .run/bench/ (git-ignored).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../tests/support/process.js';
import { cpuWindow } from './cpu.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage1m: number;
  node: string;
  platform: string;
  commit: string;
  /** uncommitted changes under packages/core when the bench ran (the shared tree may be mid-edit) */
  coreDirty: boolean;
  /** % of all cores busy just before the scenario started its API: what others were running */
  backgroundBusy: number | null;
}

/** How busy the machine is without us: sampled for `seconds` before a scenario starts. */
export async function backgroundBusy(seconds = 2): Promise<number | null> {
  const end = cpuWindow({});
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return end().machineBusy;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return '';
  }
}

export function machine(background: number | null): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    coreDirty: git(['status', '--porcelain', '--', 'packages/core']) !== '',
    backgroundBusy: background,
  };
}

export function machineLine(m: Machine): string {
  return (
    `${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, commit ${m.commit}` +
    `${m.coreDirty ? ' + uncommitted packages/core changes' : ''}; ` +
    `machine ${m.backgroundBusy ?? 'n/a'} % busy before the scenario started`
  );
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    line(headers),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => line(r.map(String))),
  ].join('\n');
}

export function pct(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)} %` : 'n/a';
}

export function cpuPct(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : `${value.toFixed(0)} %`;
}

export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : 'n/a';
}

/** Writes `.run/bench/<time>-<scenario>.json` and returns its path relative to the repo. */
export function writeResult(scenario: string, result: unknown): string {
  const dir = path.join(REPO_ROOT, '.run', 'bench');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${scenario}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return path.relative(REPO_ROOT, file);
}
