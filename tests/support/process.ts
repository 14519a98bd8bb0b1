// Child processes for reliability suites: a free port, the real API entrypoint started with tsx,
// its output captured, and a way to wait for a log line or for its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Asks the OS for a free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** stdout and stderr so far */
  output(): string;
  /** resolves when a line matching `pattern` has been printed */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** resolves with the exit code and signal (immediately if it has exited already) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILL this process (only this pid) if it is still running */
  kill(): void;
}

/** Runs a TypeScript entrypoint of the repo with `node --import tsx`, with exactly the given env. */
export function spawnEntrypoint(relativePath: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', relativePath], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${relativePath}`);
  const pid = child.pid;
  let out = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (d: Buffer): void => {
    out += d.toString('utf8');
    for (const w of [...waiters]) {
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
    },
  );
  return {
    child,
    pid,
    output: () => out,
    waitForOutput(pattern, timeoutMs) {
      if (pattern.test(out)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern} in:\n${out.slice(-2000)}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    exited,
    kill() {
      // ChildProcess.kill signals this child's pid only, and not once it has exited.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
