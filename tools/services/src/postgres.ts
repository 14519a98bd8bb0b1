import { execFile } from 'node:child_process';
import { ServicesError, errorMessage } from './errors.js';
import { tcpReachable } from './net.js';
import { findExecutable } from './proc.js';

export const DEFAULT_POSTGRESQL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresServer {
  /** URL used for administrative statements (CREATE/DROP DATABASE) */
  adminUrl: string;
  psql: string;
}

export type PostgresProbe = { ok: true; server: PostgresServer } | { ok: false; reason: string };

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new ServicesError(
      'SERVICES_BAD_OPTION',
      `"${name}" is not a valid PostgreSQL database name for Tandem (a-z, 0-9, _).`,
    );
  }
  return `"${name}"`;
}

/** `url` with its database (path) replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The same URL with any password replaced, for logs and state files. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function adminUrlOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ServicesError(
      'SERVICES_BAD_OPTION',
      `FERRETDB_POSTGRESQL_URL must be a postgres:// URL, got ${redactUrl(url)}.`,
    );
  }
  if (parsed.pathname === '' || parsed.pathname === '/') parsed.pathname = '/postgres';
  return parsed.toString();
}

export function findPsql(pathEnv: string | undefined): string | undefined {
  return findExecutable('psql', pathEnv, ['/usr/bin/psql', '/usr/local/bin/psql', '/opt/homebrew/bin/psql']);
}

export function runPsql(server: PostgresServer, sql: string, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolveOut, reject) => {
    // The password goes through the environment, not the command line (visible in `ps`).
    const target = new URL(server.adminUrl);
    const password = decodeURIComponent(target.password);
    target.password = '';
    const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: '5' };
    if (password) env.PGPASSWORD = password;
    execFile(
      server.psql,
      ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', target.toString(), '-c', sql],
      { timeout: timeoutMs, env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new ServicesError(
              'SERVICES_POSTGRESQL_FAILED',
              `psql on ${redactUrl(server.adminUrl)} failed for "${sql}": ${stderr.trim() || errorMessage(error)}`,
              { cause: error },
            ),
          );
          return;
        }
        resolveOut(stdout.trim());
      },
    );
  });
}

/**
 * Is a PostgreSQL usable at `url`? A TCP connect, then `select 1` through psql (psql is also what
 * creates and drops the databases, so without it the PostgreSQL handler is not used).
 */
export async function probePostgres(url: string, pathEnv: string | undefined): Promise<PostgresProbe> {
  let adminUrl: string;
  try {
    adminUrl = adminUrlOf(url);
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
  const parsed = new URL(adminUrl);
  const host = parsed.hostname || '127.0.0.1';
  const port = Number(parsed.port || '5432');
  if (!(await tcpReachable(host, port, 1000)))
    return { ok: false, reason: `nothing listens on ${host}:${port}` };
  const psql = findPsql(pathEnv);
  if (!psql) return { ok: false, reason: 'psql (the PostgreSQL client) is not installed' };
  const server: PostgresServer = { adminUrl, psql };
  try {
    await runPsql(server, 'select 1', 5000);
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
  return { ok: true, server };
}

export async function databaseExists(server: PostgresServer, name: string): Promise<boolean> {
  quoteIdentifier(name);
  const out = await runPsql(server, `select 1 from pg_database where datname = '${name}'`);
  return out === '1';
}

export async function createDatabase(server: PostgresServer, name: string): Promise<void> {
  await runPsql(server, `create database ${quoteIdentifier(name)}`);
}

export async function dropDatabase(server: PostgresServer, name: string): Promise<void> {
  await runPsql(server, `drop database if exists ${quoteIdentifier(name)} with (force)`);
}
