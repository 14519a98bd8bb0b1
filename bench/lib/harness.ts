// What a benchmark runs against: the dev services (tools/services), and a real API process per
// scenario — the entrypoint the deployment runs, spawned with tsx like the reliability suites do,
// on a fresh database and Redis prefix — seeded the way an operator and a brand would: the CLI's
// first provider admin, tenants onboarded over GraphQL, their admins and members signed in.
// Everything started here is stopped here, by pid, also when a scenario fails.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { env as processEnv } from 'node:process';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { ensureServices, freshDatabaseName, type RunningServices } from '@tandem/services';
import { ACCEPT, STRONG_PASSWORD, gql, login, onboard } from '../../tests/support/api.js';
import { inviteMember } from '../../tests/support/people.js';
import { REPO_ROOT, freePort, spawnEntrypoint, type Spawned } from '../../tests/support/process.js';
import { postgresBackends, type Watched } from './cpu.js';

const API_ENTRYPOINT = 'packages/core/src/entrypoints/api.ts';
const CLI_ENTRYPOINT = 'packages/core/src/entrypoints/cli.ts';

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** FerretDB + Redis: given by MONGODB_URI / REDIS_URL, reused from `cli up`, or started for this run. */
export async function startBenchServices(): Promise<RunningServices> {
  const services = await ensureServices({ purpose: 'bench' });
  log(`services: mongo ${services.origin.mongo}, redis ${services.origin.redis}`);
  return services;
}

/** API processes running now: stopped by `stopAllApis` on Ctrl-C / SIGTERM. */
const running = new Set<() => Promise<void>>();

export async function stopAllApis(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/** The processes whose CPU a measurement reports (the services only when this machine runs them). */
export function watchedPids(services: RunningServices, api: ApiProcess): Record<string, Watched> {
  const mongo = services.mongo;
  return {
    api: api.pid,
    ferretdb: mongo.kind === 'ferretdb' ? mongo.pid : undefined,
    postgres:
      mongo.kind === 'ferretdb' && mongo.postgresql ? postgresBackends(mongo.postgresql.database) : undefined,
    redis: services.redis.kind === 'redis-server' ? services.redis.pid : undefined,
    /** this process: the load generator (and the flood's worker thread) */
    client: process.pid,
  };
}

export interface ApiProcess {
  baseUrl: string;
  pid: number;
  dbName: string;
  /** the environment it runs with (a second process of the same deployment reuses it) */
  env: Readonly<Record<string, string>>;
  /** the provider admin created by the CLI, signed in */
  providerToken: string;
  /** stops the process (SIGTERM, then SIGKILL after 10 s) and drops its database and Redis keys */
  stop(): Promise<void>;
}

export interface Tenant {
  tenantId: string;
  slug: string;
  /** the tenant admin's access token (a signed-in user: signature + session, user, membership, tenant) */
  adminToken: string;
}

async function waitReady(api: Spawned, baseUrl: string, path = '/readyz'): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null || api.child.signalCode !== null) {
      throw new Error(`the process exited before it was ready:\n${api.output().slice(-3000)}`);
    }
    const ok = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`the process at ${baseUrl} was not ready within 90 s:\n${api.output().slice(-3000)}`);
}

async function stopProcess(api: Spawned): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  api.child.kill('SIGTERM'); // this pid only
  const exited = await Promise.race([api.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!exited) {
    api.kill(); // SIGKILL, this pid only
    await Promise.race([api.exited, sleep(5_000)]);
  }
}

async function dropData(mongoUri: string, dbName: string, redisUrl: string, prefix: string): Promise<void> {
  const conn = await mongoose
    .createConnection(mongoUri, { dbName, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await redis.connect();
    let cursor = '0';
    // bounded: a bench run writes a few hundred keys at most
    for (let i = 0; i < 10_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * Spawns the API entrypoint on a free loopback port with a fresh database, a random master key and
 * production settings (LOG_LEVEL=warn: no per-request log lines), creates the provider admin with
 * the CLI and signs it in.
 */
export async function startApi(
  services: RunningServices,
  label: string,
  opts: {
    /** extra settings (e.g. raised limits), on top of the bench's */
    env?: Record<string, string>;
    /**
     * A second process of the same deployment: same database, Redis prefix and master key, no new
     * provider admin; its stop() leaves the data to the first one's.
     */
    sameDeploymentAs?: ApiProcess;
  } = {},
): Promise<ApiProcess> {
  const first = opts.sameDeploymentAs;
  const dbName = first?.dbName ?? freshDatabaseName(`bench_${label}`).slice(0, 38);
  const redisPrefix = first?.env.REDIS_PREFIX ?? `bench${randomBytes(5).toString('hex')}`;
  const port = await freePort();
  const env: Record<string, string> = {
    MONGODB_URI: services.mongoUri,
    REDIS_URL: services.redisUrl,
    MONGODB_DB: dbName,
    REDIS_PREFIX: redisPrefix,
    TANDEM_MASTER_KEY: first?.env.TANDEM_MASTER_KEY ?? randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ACCESS_TOKEN_TTL_SECONDS: '900',
    SHUTDOWN_READINESS_DELAY_MS: '0',
    SHUTDOWN_GRACE_MS: '2000',
    ...opts.env,
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = spawnEntrypoint(API_ENTRYPOINT, env);
  log(`${label}: API pid ${api.pid} on ${baseUrl}, database ${dbName}`);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    await stopProcess(api);
    if (first) return;
    await dropData(services.mongoUri, dbName, services.redisUrl, redisPrefix).catch((e: unknown) =>
      log(`could not drop ${dbName}: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  running.add(stop);
  try {
    await waitReady(api, baseUrl);
    if (first) return { baseUrl, pid: api.pid, dbName, env, providerToken: first.providerToken, stop };
    const email = 'bench-ops@provider.test';
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI_ENTRYPOINT, 'create-provider-admin', email],
      {
        cwd: REPO_ROOT,
        env: { PATH: processEnv.PATH ?? '', HOME: processEnv.HOME ?? '', ...env, PORT: '0' },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    const password = /password (\S+)/.exec(cli.stdout)?.[1];
    if (!password) throw new Error(`create-provider-admin failed: ${cli.stderr || cli.error?.message || ''}`);
    const session = await login(baseUrl, email, password);
    return { baseUrl, pid: api.pid, dbName, env, providerToken: session.accessToken, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Onboards a pooled tenant with the given API rate plan (requests per minute) and signs its first
 * admin in; `members` more people are invited and accept, so that a list page has rows.
 */
export async function seedTenant(api: ApiProcess, ratePerMinute: number, members = 0): Promise<Tenant> {
  const t = await onboard(api.baseUrl, api.providerToken, 'POOLED', {
    plan: { seats: Math.max(20, members + 5), apiRatePerMinute: ratePerMinute, storageMb: 1024 },
  });
  const accepted = await gql<{ acceptInvitation: { accessToken: string } }>(api.baseUrl, ACCEPT, {
    token: t.inviteToken,
    name: 'Bench Admin',
    password: STRONG_PASSWORD,
  });
  if (!accepted.data) throw new Error(`acceptInvitation failed: ${JSON.stringify(accepted.errors)}`);
  const adminToken = accepted.data.acceptInvitation.accessToken;
  for (let i = 0; i < members; i++) {
    await inviteMember(api.baseUrl, adminToken, 'AGENT', { name: `Bench Agent ${i + 1}` });
  }
  return { tenantId: t.tenantId, slug: t.slug, adminToken };
}

export interface Helper {
  baseUrl: string;
  port: number;
  pid: number;
  /** stops the process by its pid (SIGTERM, then SIGKILL) and drops its database, if any */
  stop(): Promise<void>;
}

/**
 * A baseline server of the bench (`bench/<script>.ts`), a process of its own spawned with tsx
 * like the API, on a free loopback port; ready when `GET /healthz` answers 200. `dbName`: a
 * database of its own on the same MongoDB server, dropped when it stops.
 */
export async function startHelper(
  services: RunningServices,
  script: string,
  label: string,
  env: Record<string, string>,
  dbName?: string,
): Promise<Helper> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawnEntrypoint(`bench/${script}`, { ...env, PORT: String(port), NODE_ENV: 'production' });
  log(`${label}: ${script} pid ${child.pid} on ${baseUrl}${dbName ? `, database ${dbName}` : ''}`);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    await stopProcess(child);
    if (!dbName) return;
    const conn = await mongoose
      .createConnection(services.mongoUri, { dbName, serverSelectionTimeoutMS: 10_000 })
      .asPromise();
    try {
      await conn.dropDatabase();
    } catch (e) {
      log(`could not drop ${dbName}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await conn.close();
    }
  };
  running.add(stop);
  try {
    await waitReady(child, baseUrl, '/healthz');
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, port, pid: child.pid, stop };
}

/** Registers a stop function of something else this run started (stopped by stopAllApis too). */
export function onStopAll(stop: () => Promise<void>): () => void {
  running.add(stop);
  return () => running.delete(stop);
}
