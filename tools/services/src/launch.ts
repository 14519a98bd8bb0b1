import type { ChildProcess } from 'node:child_process';
import { ServicesError, errorMessage, type ServicesErrorCode } from './errors.js';
import type { Health } from './health.js';
import { LOOPBACK, freePort, sleep, tcpReachable } from './net.js';
import { spawnDetached, spawned, stopPid, tailFile } from './proc.js';

export interface LaunchSpec {
  label: string;
  bin: string;
  args: (port: number) => string[];
  logFile: string;
  cwd: string;
  health: (port: number) => Promise<Health>;
  timeoutMs: number;
  exitedCode: ServicesErrorCode;
  unhealthyCode: ServicesErrorCode;
  log: (line: string) => void;
}

export interface Launched {
  child: ChildProcess;
  pid: number;
  port: number;
}

const ATTEMPTS = 3;

/**
 * Starts a server on a free loopback port and waits until it answers a TCP connect and a real
 * protocol-level ping. Retries on another port when the chosen one was taken in between.
 */
export async function launchOnFreePort(spec: LaunchSpec): Promise<Launched> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawnDetached(spec.bin, spec.args(port), spec.logFile, spec.cwd);
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    child.once('exit', (code, signal) => {
      exit = { code, signal };
    });
    let pid: number;
    try {
      pid = await spawned(child);
    } catch (error) {
      throw new ServicesError(
        spec.exitedCode,
        `${spec.label} could not be started (${spec.bin}): ${errorMessage(error)}`,
        {
          cause: error,
        },
      );
    }

    const deadline = Date.now() + spec.timeoutMs;
    let lastReason = 'no answer yet';
    let retry = false;
    while (Date.now() < deadline) {
      if (exit) {
        const tail = tailFile(spec.logFile);
        if (/address already in use/i.test(tail) && attempt < ATTEMPTS) {
          spec.log(`${spec.label}: port ${port} was taken, trying another one`);
          retry = true;
          break;
        }
        throw new ServicesError(
          spec.exitedCode,
          `${spec.label} exited at start-up (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'}). ` +
            `Log ${spec.logFile}:\n${tail}`,
        );
      }
      if (await tcpReachable(LOOPBACK, port, 500)) {
        const health = await spec.health(port);
        if (health.ok) return { child, pid, port };
        lastReason = health.reason;
      }
      await sleep(100);
    }
    if (retry) continue;

    await stopPid(pid, spec.bin, `${LOOPBACK}:${port}`, 2000);
    throw new ServicesError(
      spec.unhealthyCode,
      `${spec.label} did not become healthy within ${spec.timeoutMs} ms (last: ${lastReason}). ` +
        `Log ${spec.logFile}:\n${tailFile(spec.logFile)}`,
    );
  }
}
