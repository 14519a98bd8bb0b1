import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { sleep } from './net.js';

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** First executable called `name` on PATH, then in `fallbacks`. */
export function findExecutable(
  name: string,
  pathEnv: string | undefined,
  fallbacks: readonly string[] = [],
): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return fallbacks.find((candidate) => isExecutable(candidate));
}

/**
 * Starts `bin` detached (own process group, survives its parent) with stdout and stderr appended
 * to `logFile`. The caller keeps the ChildProcess to notice an early exit.
 */
export function spawnDetached(
  bin: string,
  args: readonly string[],
  logFile: string,
  cwd: string,
): ChildProcess {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  try {
    writeSync(fd, `\n--- ${new Date().toISOString()} ${bin} ${args.join(' ')}\n`);
    const child = spawn(bin, [...args], { cwd, detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

/** Waits for a spawned child to report its pid (or fail to spawn). */
export function spawned(child: ChildProcess): Promise<number> {
  return new Promise((resolvePid, reject) => {
    if (child.pid !== undefined) {
      resolvePid(child.pid);
      return;
    }
    child.once('spawn', () =>
      child.pid === undefined ? reject(new Error('no pid')) : resolvePid(child.pid),
    );
    child.once('error', reject);
  });
}

function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) S ...: the state follows the last ')'
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** True when `pid` is a running (not zombie) process. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const state = procState(pid);
  return state !== 'Z' && state !== 'X';
}

/** The command line of `pid`, or undefined when it is gone or unreadable. */
export function commandLine(pid: number): string | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').join(' ').trim();
  } catch {
    const ps = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    const out = ps.status === 0 ? ps.stdout.trim() : '';
    return out.length > 0 ? out : undefined;
  }
}

/**
 * True when `pid` is alive, runs `bin` and its command line contains `marker` (e.g. its
 * `127.0.0.1:<port>`): guards against signalling a recycled pid.
 */
export function isProcessOf(pid: number, bin: string, marker: string): boolean {
  if (!isAlive(pid)) return false;
  const cmd = commandLine(pid);
  if (cmd === undefined) return false;
  const program = cmd.split(' ')[0] ?? '';
  return (program === bin || basename(program) === basename(bin)) && cmd.includes(marker);
}

export type StopOutcome = 'stopped' | 'killed' | 'not-running' | 'not-ours';

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

/**
 * Stops the process `pid` if, and only if, it is still running `bin` with `marker` in its command
 * line: SIGTERM, then SIGKILL after
 * `graceMs`. Never signals a process group or anything else.
 */
export async function stopPid(
  pid: number,
  bin: string,
  marker: string,
  graceMs = 5000,
): Promise<StopOutcome> {
  if (!isAlive(pid)) return 'not-running';
  if (!isProcessOf(pid, bin, marker)) return 'not-ours';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'not-running';
  }
  if (await waitGone(pid, graceMs)) return 'stopped';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'stopped';
  }
  await waitGone(pid, 2000);
  return 'killed';
}

/** Last `lines` lines of a log file (empty string when unreadable). */
export function tailFile(file: string, lines = 20): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
