import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ServicesError } from './errors.js';

/** A MongoDB-compatible server given from outside (MONGODB_URI): never started or stopped here. */
export interface ExternalMongo {
  kind: 'external';
  uri: string;
}

export interface FerretdbRecord {
  kind: 'ferretdb';
  uri: string;
  pid: number;
  port: number;
  bin: string;
  log: string;
  handler: 'postgresql' | 'sqlite';
  /** PostgreSQL handler: the server's admin URL (password redacted) and our database */
  postgresql?: { adminUrl: string; database: string; createdByUs: boolean };
  /** SQLite handler: the data folder */
  sqliteDir?: string;
  /** drop the PostgreSQL database / remove the SQLite folder when stopped */
  disposeData: boolean;
}

export interface ExternalRedis {
  kind: 'external';
  url: string;
}

export interface RedisRecord {
  kind: 'redis-server';
  url: string;
  pid: number;
  port: number;
  bin: string;
  log: string;
}

export type MongoService = ExternalMongo | FerretdbRecord;
export type RedisService = ExternalRedis | RedisRecord;

export interface ServicesState {
  version: 1;
  name: string;
  /** process that owns these services and stops them; null for `cli up` (stopped by `cli down`) */
  ownerPid: number | null;
  startedAt: string;
  mongo: MongoService;
  redis: RedisService;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function validState(value: unknown): value is ServicesState {
  return (
    isRecord(value) &&
    value.version === 1 &&
    typeof value.name === 'string' &&
    isRecord(value.mongo) &&
    isRecord(value.redis) &&
    (value.mongo.kind === 'external' || value.mongo.kind === 'ferretdb') &&
    (value.redis.kind === 'external' || value.redis.kind === 'redis-server')
  );
}

export function readState(file: string): ServicesState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ServicesError(
      'SERVICES_STATE_CORRUPT',
      `${file} is not valid JSON; stop the processes it lists and delete it.`,
      {
        cause: error,
      },
    );
  }
  if (!validState(parsed)) {
    throw new ServicesError(
      'SERVICES_STATE_CORRUPT',
      `${file} does not describe services (version 1); delete it.`,
    );
  }
  return parsed;
}

/** Atomic write (temp file + rename). */
export function writeState(file: string, state: ServicesState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

export function removeState(file: string): void {
  rmSync(file, { force: true });
}

export function listRunStates(dir: string): { file: string; state: ServicesState }[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { file: string; state: ServicesState }[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('.json')) continue;
    const file = join(dir, entry);
    try {
      const state = readState(file);
      if (state) out.push({ file, state });
    } catch {
      // a corrupt run file cannot be acted on safely; leave it for a human
    }
  }
  return out;
}
