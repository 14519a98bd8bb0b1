import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ServicesError, errorMessage } from './errors.js';
import { pingMongo } from './health.js';
import { launchOnFreePort } from './launch.js';
import { randomSuffix, sanitizeName } from './names.js';
import { LOOPBACK } from './net.js';
import type { ProjectPaths } from './paths.js';
import {
  DEFAULT_POSTGRESQL_URL,
  createDatabase,
  databaseExists,
  dropDatabase,
  findPsql,
  probePostgres,
  redactUrl,
  withDatabase,
  type PostgresServer,
} from './postgres.js';
import { isExecutable, isProcessOf, stopPid, type StopOutcome } from './proc.js';
import { listRunStates, readState, type FerretdbRecord } from './state.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LaunchContext {
  paths: ProjectPaths;
  /** instance name: the log file (and Redis' folder) */
  name: string;
  /** data name: the PostgreSQL database `tandem_<dataName>` or the folder `.data/ferretdb-<dataName>` */
  dataName: string;
  /** drop the database / data folder again when stopped */
  disposeData: boolean;
  env: Env;
  startTimeoutMs: number;
  log: (line: string) => void;
}

/** `dispose`: drop the database / remove the folder when stopped */
type Backend =
  | {
      handler: 'postgresql';
      server: PostgresServer;
      database: string;
      createdByUs: boolean;
      url: string;
      dispose: boolean;
    }
  | { handler: 'sqlite'; dir: string; url: string; dispose: boolean };

export function ferretdbBinary(paths: ProjectPaths, env: Env): string {
  return env.FERRETDB_BIN ?? paths.ferretdbBin;
}

/** A short, stable id of this checkout (its absolute path). */
function checkoutId(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 6);
}

/**
 * A running FerretDB recorded by `cli up` or by a live process whose data matches `uses`: two
 * FerretDB processes must never serve the same data (each has its own write gate and metadata cache).
 */
function dataInUse(
  paths: ProjectPaths,
  uses: (record: FerretdbRecord) => boolean,
): FerretdbRecord | undefined {
  const records: FerretdbRecord[] = [];
  try {
    const up = readState(paths.stateFile);
    if (up?.mongo.kind === 'ferretdb') records.push(up.mongo);
  } catch {
    // a corrupt state file is reported by the CLI
  }
  for (const { state } of listRunStates(paths.runsDir)) {
    if (state.mongo.kind === 'ferretdb') records.push(state.mongo);
  }
  return records.find((r) => uses(r) && isProcessOf(r.pid, r.bin, `${LOOPBACK}:${r.port}`));
}

async function prepareBackend(ctx: LaunchContext): Promise<Backend> {
  const wanted = ctx.env.FERRETDB_HANDLER ?? 'auto';
  if (wanted !== 'auto' && wanted !== 'postgresql' && wanted !== 'sqlite') {
    throw new ServicesError(
      'SERVICES_BAD_OPTION',
      `FERRETDB_HANDLER must be postgresql or sqlite, got "${wanted}".`,
    );
  }
  if (wanted !== 'sqlite') {
    const pgUrl = ctx.env.FERRETDB_POSTGRESQL_URL ?? DEFAULT_POSTGRESQL_URL;
    const probe = await probePostgres(pgUrl, ctx.env.PATH);
    if (probe.ok) {
      // persistent data is per checkout: two clones on one machine never share a database
      let database = sanitizeName(
        ctx.disposeData ? `tandem_${ctx.dataName}` : `tandem_${ctx.dataName}_${checkoutId(ctx.paths.root)}`,
      ).slice(0, 63);
      let dispose = ctx.disposeData;
      const user = dispose ? undefined : dataInUse(ctx.paths, (r) => r.postgresql?.database === database);
      if (user) {
        database = sanitizeName(`tandem_${ctx.dataName}_${randomSuffix(4)}`).slice(0, 63);
        dispose = true;
        ctx.log(
          `ferretdb: PostgreSQL database ${user.postgresql?.database ?? '?'} is in use by FerretDB pid ${user.pid} ` +
            `(${user.uri}); this start uses the throw-away database ${database}`,
        );
      }
      let createdByUs = false;
      if (!(await databaseExists(probe.server, database))) {
        await createDatabase(probe.server, database);
        createdByUs = true;
      }
      return {
        handler: 'postgresql',
        server: probe.server,
        database,
        createdByUs,
        url: withDatabase(probe.server.adminUrl, database),
        dispose,
      };
    }
    if (wanted === 'postgresql' || ctx.env.FERRETDB_POSTGRESQL_URL !== undefined) {
      throw new ServicesError(
        'SERVICES_POSTGRESQL_UNAVAILABLE',
        `PostgreSQL at ${redactUrl(pgUrl)} is not usable (${probe.reason}). Fix FERRETDB_POSTGRESQL_URL, or unset it and FERRETDB_HANDLER to use SQLite.`,
      );
    }
    ctx.log(`ferretdb: no PostgreSQL (${probe.reason}); using the SQLite handler`);
  }
  let dir = join(ctx.paths.data, `ferretdb-${ctx.dataName}`);
  let dispose = ctx.disposeData;
  const user = dispose ? undefined : dataInUse(ctx.paths, (r) => r.sqliteDir === dir);
  if (user) {
    dir = join(ctx.paths.data, `ferretdb-${ctx.dataName}_${randomSuffix(3)}`);
    dispose = true;
    ctx.log(
      `ferretdb: ${join(ctx.paths.data, `ferretdb-${ctx.dataName}`)} is in use by FerretDB pid ${user.pid}; this start uses ${dir}`,
    );
  }
  mkdirSync(dir, { recursive: true });
  return { handler: 'sqlite', dir, url: `file:${dir}/`, dispose };
}

async function disposeBackend(backend: Backend, log: (line: string) => void): Promise<void> {
  if (backend.handler === 'postgresql') {
    if (backend.createdByUs) {
      await dropDatabase(backend.server, backend.database).catch((error: unknown) =>
        log(`ferretdb: ${errorMessage(error)}`),
      );
    }
  } else {
    rmSync(backend.dir, { recursive: true, force: true });
  }
}

/** Starts FerretDB (PostgreSQL handler when a PostgreSQL is usable, SQLite otherwise). */
export async function launchFerretdb(
  ctx: LaunchContext,
): Promise<{ record: FerretdbRecord; child: ChildProcess }> {
  const bin = ferretdbBinary(ctx.paths, ctx.env);
  if (!isExecutable(bin)) {
    throw new ServicesError(
      'SERVICES_FERRETDB_NOT_BUILT',
      `${bin} not found: run npm run setup (needs Go), or set MONGODB_URI.`,
    );
  }
  const backend = await prepareBackend(ctx);
  const logFile = join(ctx.paths.logs, `ferretdb-${ctx.name}.log`);
  // 'warn' logs every driver's unsupported endSessions at disconnect: too noisy by default.
  const logLevel = ctx.env.FERRETDB_LOG_LEVEL ?? 'error';
  try {
    const launched = await launchOnFreePort({
      label: 'FerretDB',
      bin,
      args: (port) => [
        '--listen-addr',
        `${LOOPBACK}:${port}`,
        '--handler',
        backend.handler,
        ...(backend.handler === 'postgresql'
          ? ['--postgresql-url', backend.url]
          : ['--sqlite-url', backend.url]),
        '--log-level',
        logLevel,
      ],
      logFile,
      cwd: ctx.paths.root,
      health: (port) => pingMongo(`mongodb://${LOOPBACK}:${port}/`, 1500),
      timeoutMs: ctx.startTimeoutMs,
      exitedCode: 'SERVICES_FERRETDB_EXITED',
      unhealthyCode: 'SERVICES_FERRETDB_UNHEALTHY',
      log: ctx.log,
    });
    const record: FerretdbRecord = {
      kind: 'ferretdb',
      uri: `mongodb://${LOOPBACK}:${launched.port}/`,
      pid: launched.pid,
      port: launched.port,
      bin,
      log: logFile,
      handler: backend.handler,
      disposeData: backend.dispose,
      ...(backend.handler === 'postgresql'
        ? {
            postgresql: {
              adminUrl: redactUrl(backend.server.adminUrl),
              database: backend.database,
              createdByUs: backend.createdByUs,
            },
          }
        : { sqliteDir: backend.dir }),
    };
    return { record, child: launched.child };
  } catch (error) {
    if (backend.dispose) await disposeBackend(backend, ctx.log);
    throw error;
  }
}

/** The admin URL to reach the recorded PostgreSQL again (the state file holds it redacted). */
function adminServer(record: FerretdbRecord, env: Env): PostgresServer | undefined {
  if (!record.postgresql) return undefined;
  let adminUrl = record.postgresql.adminUrl;
  const given = env.FERRETDB_POSTGRESQL_URL;
  if (given && redactUrl(withDatabase(given, new URL(adminUrl).pathname.slice(1))) === adminUrl) {
    adminUrl = withDatabase(given, new URL(adminUrl).pathname.slice(1));
  }
  return { adminUrl, psql: findPsql(env.PATH) ?? 'psql' };
}

/** Stops a FerretDB this project started, then drops its data when it was made for one run. */
export async function stopFerretdb(
  record: FerretdbRecord,
  env: Env,
  log: (line: string) => void,
): Promise<StopOutcome> {
  const outcome = await stopPid(record.pid, record.bin, `${LOOPBACK}:${record.port}`);
  if (outcome === 'not-ours') {
    log(`ferretdb: pid ${record.pid} is no longer FerretDB on port ${record.port}; not signalled`);
  }
  if (record.disposeData) {
    const server = adminServer(record, env);
    if (server && record.postgresql?.createdByUs) {
      await dropDatabase(server, record.postgresql.database).catch((error: unknown) =>
        log(`ferretdb: ${errorMessage(error)}`),
      );
    }
    if (record.sqliteDir) rmSync(record.sqliteDir, { recursive: true, force: true });
  }
  return outcome;
}
