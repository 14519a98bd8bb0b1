import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ServicesError } from './errors.js';
import type { Env, LaunchContext } from './ferretdb.js';
import { pingRedis } from './health.js';
import { launchOnFreePort } from './launch.js';
import { LOOPBACK } from './net.js';
import { findExecutable, stopPid, type StopOutcome } from './proc.js';
import type { RedisRecord } from './state.js';

export function redisServerBinary(env: Env): string | undefined {
  if (env.REDIS_SERVER_BIN) return env.REDIS_SERVER_BIN;
  return findExecutable('redis-server', env.PATH, [
    '/usr/bin/redis-server',
    '/usr/local/bin/redis-server',
    '/opt/homebrew/bin/redis-server',
  ]);
}

function workDir(ctx: Pick<LaunchContext, 'paths' | 'name'>): string {
  return join(ctx.paths.run, `redis-${ctx.name}`);
}

/** Starts the machine's redis-server on a free loopback port, without persistence. */
export async function launchRedis(ctx: LaunchContext): Promise<{ record: RedisRecord; child: ChildProcess }> {
  const bin = redisServerBinary(ctx.env);
  if (!bin) {
    throw new ServicesError(
      'SERVICES_REDIS_NOT_INSTALLED',
      'redis-server not found on PATH: install it (e.g. apt-get install redis-server), set REDIS_SERVER_BIN, or set REDIS_URL.',
    );
  }
  const dir = workDir(ctx);
  mkdirSync(dir, { recursive: true });
  const logFile = join(ctx.paths.logs, `redis-${ctx.name}.log`);
  const launched = await launchOnFreePort({
    label: 'Redis',
    bin,
    args: (port) => [
      '--port',
      String(port),
      '--bind',
      LOOPBACK,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
      '--dir',
      dir,
    ],
    logFile,
    cwd: dir,
    health: (port) => pingRedis(`redis://${LOOPBACK}:${port}`, 1500),
    timeoutMs: ctx.startTimeoutMs,
    exitedCode: 'SERVICES_REDIS_EXITED',
    unhealthyCode: 'SERVICES_REDIS_UNHEALTHY',
    log: ctx.log,
  });
  return {
    record: {
      kind: 'redis-server',
      url: `redis://${LOOPBACK}:${launched.port}`,
      pid: launched.pid,
      port: launched.port,
      bin,
      log: logFile,
    },
    child: launched.child,
  };
}

export async function stopRedis(
  record: RedisRecord,
  paths: LaunchContext['paths'],
  name: string,
  log: (line: string) => void,
): Promise<StopOutcome> {
  const outcome = await stopPid(record.pid, record.bin, `${LOOPBACK}:${record.port}`);
  if (outcome === 'not-ours')
    log(`redis: pid ${record.pid} is no longer redis-server on port ${record.port}; not signalled`);
  if (outcome !== 'not-ours') rmSync(workDir({ paths, name }), { recursive: true, force: true });
  return outcome;
}
