import type { ChildProcess } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ServicesError, errorMessage } from './errors.js';
import { launchFerretdb, stopFerretdb, type Env, type LaunchContext } from './ferretdb.js';
import { pingMongo, pingRedis, type Health } from './health.js';
import { randomSuffix, sanitizeName } from './names.js';
import { LOOPBACK } from './net.js';
import { projectPaths, type ProjectPaths } from './paths.js';
import { isAlive, isProcessOf } from './proc.js';
import { launchRedis, stopRedis } from './redis.js';
import {
  listRunStates,
  readState,
  removeState,
  writeState,
  type MongoService,
  type RedisService,
  type ServicesState,
} from './state.js';

export interface ServicesOptions {
  /** what the services are for: names the log files, data folder and database (default `dev`) */
  purpose?: string;
  /**
   * Throw-away data: a new PostgreSQL database / SQLite folder per start, dropped on stop.
   * Default: true unless purpose is `dev`.
   */
  ephemeral?: boolean;
  /** monorepo root (default: found from this file) */
  rootDir?: string;
  /** where MONGODB_URI, REDIS_URL, FERRETDB_* are read (default process.env) */
  env?: Env;
  /** per service (default 60 s) */
  startTimeoutMs?: number;
  /** progress lines (default: stderr) */
  log?: (line: string) => void;
}

export interface EnsureServicesOptions extends ServicesOptions {
  /**
   * Use healthy services recorded by `cli up` in .run/services.json (default true, unless
   * TANDEM_SERVICES_REUSE=0). A FerretDB whose handler differs from FERRETDB_HANDLER is not used.
   */
  reuse?: boolean;
}

/** Where a service came from: given by env, left running by `cli up`, or started by this call. */
export type Origin = 'external' | 'reused' | 'started';

export interface RunningServices {
  name: string;
  mongoUri: string;
  redisUrl: string;
  mongo: MongoService;
  redis: RedisService;
  origin: { mongo: Origin; redis: Origin };
  /** Stops what this call started (nothing else); idempotent. */
  stop(): Promise<void>;
}

interface Resolved {
  paths: ProjectPaths;
  env: Env;
  /** names this start's files: log files, run file, Redis folder */
  name: string;
  /** names the data: PostgreSQL database / SQLite folder (shared by starts of a persistent purpose) */
  dataName: string;
  ephemeral: boolean;
  startTimeoutMs: number;
  log: (line: string) => void;
}

function resolveOptions(opts: ServicesOptions, owner: ProvisionOptions['owner']): Resolved {
  const purpose = sanitizeName(opts.purpose ?? 'dev');
  const ephemeral = opts.ephemeral ?? purpose !== 'dev';
  // `cli up` is the one detached instance of its purpose; process-owned starts may run side by side
  const name = ephemeral || owner === 'process' ? `${purpose}_${randomSuffix(3)}` : purpose;
  return {
    paths: projectPaths(opts.rootDir),
    env: opts.env ?? process.env,
    name,
    dataName: ephemeral ? name : purpose,
    ephemeral,
    startTimeoutMs: opts.startTimeoutMs ?? 60_000,
    log: opts.log ?? ((line) => process.stderr.write(`[services] ${line}\n`)),
  };
}

export async function checkMongo(service: MongoService, timeoutMs = 2000): Promise<Health> {
  if (service.kind === 'ferretdb' && !isProcessOf(service.pid, service.bin, `${LOOPBACK}:${service.port}`)) {
    return { ok: false, reason: `process ${service.pid} is not running` };
  }
  return pingMongo(service.uri, timeoutMs);
}

export async function checkRedis(service: RedisService, timeoutMs = 2000): Promise<Health> {
  if (
    service.kind === 'redis-server' &&
    !isProcessOf(service.pid, service.bin, `${LOOPBACK}:${service.port}`)
  ) {
    return { ok: false, reason: `process ${service.pid} is not running` };
  }
  return pingRedis(service.url, timeoutMs);
}

/** Stops the services of a state record that this project started (by pid, verified). */
export async function stopRecorded(
  state: Pick<ServicesState, 'name' | 'mongo' | 'redis'>,
  paths: ProjectPaths,
  env: Env,
  log: (line: string) => void,
): Promise<void> {
  const jobs: Promise<unknown>[] = [];
  const { mongo, redis } = state;
  if (mongo.kind === 'ferretdb') {
    jobs.push(
      stopFerretdb(mongo, env, log).then((outcome) =>
        log(`FerretDB pid ${mongo.pid} (${mongo.uri}): ${outcome}`),
      ),
    );
  }
  if (redis.kind === 'redis-server') {
    jobs.push(
      stopRedis(redis, paths, state.name, log).then((outcome) =>
        log(`Redis pid ${redis.pid} (${redis.url}): ${outcome}`),
      ),
    );
  }
  const results = await Promise.allSettled(jobs);
  for (const result of results) {
    if (result.status === 'rejected') log(`stop: ${errorMessage(result.reason)}`);
  }
}

const LOG_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Deletes logs of earlier runs (not of `dev`) older than a day. */
function pruneRunLogs(paths: ProjectPaths): void {
  let entries: string[];
  try {
    entries = readdirSync(paths.logs);
  } catch {
    return;
  }
  const cutoff = Date.now() - LOG_RETENTION_MS;
  for (const entry of entries) {
    if (!/^(ferretdb|redis)-.+_[0-9a-f]{6}\.log$/.test(entry)) continue;
    const file = join(paths.logs, entry);
    try {
      if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}

/** Stops services whose owning process died without stopping them (a killed test run). */
export async function reapOrphans(
  paths: ProjectPaths,
  env: Env,
  log: (line: string) => void,
): Promise<number> {
  pruneRunLogs(paths);
  let reaped = 0;
  for (const { file, state } of listRunStates(paths.runsDir)) {
    if (state.ownerPid === null || state.ownerPid === process.pid || isAlive(state.ownerPid)) continue;
    log(`cleaning up services "${state.name}" left by process ${state.ownerPid}`);
    await stopRecorded(state, paths, env, log);
    removeState(file);
    reaped += 1;
  }
  return reaped;
}

type Started<T> = { service: T; child?: ChildProcess; origin: Origin };

async function provideMongo(
  r: Resolved,
  ctx: LaunchContext,
  reuse: MongoService | undefined,
): Promise<Started<MongoService>> {
  const external = r.env.MONGODB_URI;
  if (external) {
    const health = await pingMongo(external, 5000);
    if (!health.ok) {
      throw new ServicesError(
        'SERVICES_MONGODB_UNREACHABLE',
        `MONGODB_URI does not answer ping: ${health.reason}`,
      );
    }
    return { service: { kind: 'external', uri: external }, origin: 'external' };
  }
  if (reuse) return { service: reuse, origin: 'reused' };
  const { record, child } = await launchFerretdb(ctx);
  r.log(`FerretDB (${record.handler}) pid ${record.pid} on ${record.uri}`);
  return { service: record, child, origin: 'started' };
}

async function provideRedis(
  r: Resolved,
  ctx: LaunchContext,
  reuse: RedisService | undefined,
): Promise<Started<RedisService>> {
  const external = r.env.REDIS_URL;
  if (external) {
    const health = await pingRedis(external, 5000);
    if (!health.ok)
      throw new ServicesError(
        'SERVICES_REDIS_UNREACHABLE',
        `REDIS_URL does not answer PING: ${health.reason}`,
      );
    return { service: { kind: 'external', url: external }, origin: 'external' };
  }
  if (reuse) return { service: reuse, origin: 'reused' };
  const { record, child } = await launchRedis(ctx);
  r.log(`Redis pid ${record.pid} on ${record.url}`);
  return { service: record, child, origin: 'started' };
}

const exitGuards = new Set<() => void>();
let exitHookInstalled = false;

function guardOnExit(guard: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const g of exitGuards) g();
    });
  }
  exitGuards.add(guard);
  return () => exitGuards.delete(guard);
}

export interface ProvisionOptions {
  reuse?: { mongo?: MongoService; redis?: RedisService };
  /**
   * `process`: this process owns the services (state in .run/services/<name>.json, stopped by
   * stop(), by the exit hook or by the next run's orphan clean-up).
   * `detached`: they outlive this process (`cli up`); the caller records them.
   */
  owner: 'process' | 'detached';
}

/** Starts what is not external or reused, waits until healthy. */
export async function provision(opts: ServicesOptions, how: ProvisionOptions): Promise<RunningServices> {
  const r = resolveOptions(opts, how.owner);
  await reapOrphans(r.paths, r.env, r.log);
  const ctx: LaunchContext = {
    paths: r.paths,
    name: r.name,
    dataName: r.dataName,
    disposeData: r.ephemeral,
    env: r.env,
    startTimeoutMs: r.startTimeoutMs,
    log: r.log,
  };

  const [mongo, redis] = await Promise.allSettled([
    provideMongo(r, ctx, how.reuse?.mongo),
    provideRedis(r, ctx, how.reuse?.redis),
  ]);
  if (mongo.status === 'rejected' || redis.status === 'rejected') {
    await stopRecorded(
      {
        name: r.name,
        mongo:
          mongo.status === 'fulfilled' && mongo.value.origin === 'started'
            ? mongo.value.service
            : { kind: 'external', uri: '' },
        redis:
          redis.status === 'fulfilled' && redis.value.origin === 'started'
            ? redis.value.service
            : { kind: 'external', url: '' },
      },
      r.paths,
      r.env,
      r.log,
    );
    const reason: unknown =
      mongo.status === 'rejected' ? mongo.reason : redis.status === 'rejected' ? redis.reason : undefined;
    throw reason;
  }

  const startedState: ServicesState = {
    version: 1,
    name: r.name,
    ownerPid: how.owner === 'process' ? process.pid : null,
    startedAt: new Date().toISOString(),
    // only what this call started is stopped by it: the rest is recorded as external
    mongo:
      mongo.value.origin === 'started'
        ? mongo.value.service
        : { kind: 'external', uri: mongo.value.service.uri },
    redis:
      redis.value.origin === 'started'
        ? redis.value.service
        : { kind: 'external', url: redis.value.service.url },
  };
  const startedSomething = mongo.value.origin === 'started' || redis.value.origin === 'started';
  const runFile = join(r.paths.runsDir, `${r.name}.json`);
  let unguard: () => void = () => undefined;
  if (how.owner === 'process' && startedSomething) {
    writeState(runFile, startedState);
    const pids = [mongo.value.child?.pid, redis.value.child?.pid].filter(
      (pid): pid is number => pid !== undefined,
    );
    unguard = guardOnExit(() => {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    });
  }

  let stopping: Promise<void> | undefined;
  return {
    name: r.name,
    mongoUri: mongo.value.service.uri,
    redisUrl: redis.value.service.url,
    mongo: mongo.value.service,
    redis: redis.value.service,
    origin: { mongo: mongo.value.origin, redis: redis.value.origin },
    stop() {
      stopping ??= (async () => {
        await stopRecorded(startedState, r.paths, r.env, r.log);
        if (how.owner === 'process' && startedSomething) removeState(runFile);
        unguard();
      })();
      return stopping;
    },
  };
}

/**
 * Starts FerretDB and Redis for this process (a test run, a demo) unless MONGODB_URI / REDIS_URL
 * name external servers. `stop()` stops them and, for ephemeral runs, drops their data.
 */
export function startServices(opts: ServicesOptions = {}): Promise<RunningServices> {
  return provision(opts, { owner: 'process' });
}

/**
 * Like startServices, but first uses healthy services left running by `cli up`
 * (.run/services.json); only what is missing is started (and later stopped by `stop()`).
 */
export async function ensureServices(opts: EnsureServicesOptions = {}): Promise<RunningServices> {
  const reuse: { mongo?: MongoService; redis?: RedisService } = {};
  if (opts.reuse ?? (opts.env ?? process.env).TANDEM_SERVICES_REUSE !== '0') {
    const paths = projectPaths(opts.rootDir);
    let state: ServicesState | undefined;
    try {
      state = readState(paths.stateFile);
    } catch (error) {
      (opts.log ?? ((line: string) => process.stderr.write(`[services] ${line}\n`)))(
        `ignoring ${paths.stateFile}: ${errorMessage(error)}`,
      );
    }
    const wantedHandler = (opts.env ?? process.env).FERRETDB_HANDLER;
    if (state) {
      const handlerFits =
        state.mongo.kind === 'ferretdb' &&
        (wantedHandler === undefined || wantedHandler === state.mongo.handler);
      if (state.mongo.kind === 'ferretdb' && handlerFits && (await checkMongo(state.mongo)).ok)
        reuse.mongo = state.mongo;
      if (state.redis.kind === 'redis-server' && (await checkRedis(state.redis)).ok)
        reuse.redis = state.redis;
    }
  }
  return provision(opts, { owner: 'process', reuse });
}
