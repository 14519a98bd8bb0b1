// The service launcher itself: a second, isolated FerretDB + Redis pair next to the run's own.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  freshDatabaseName,
  isAlive,
  pingMongo,
  pingRedis,
  projectPaths,
  reapOrphans,
  startServices,
  type RunningServices,
  type ServicesState,
} from '@tandem/services';
import { freePort } from '../../tools/services/src/net.js';

/** process.env without the run's external-service settings, so the launcher starts its own. */
function isolatedEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const { MONGODB_URI: _mongo, REDIS_URL: _redis, FERRETDB_HANDLER: _handler, ...rest } = process.env;
  return { ...rest, ...extra };
}

const paths = projectPaths();
const quiet = (): void => undefined;
const started: RunningServices[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

function postgresDatabaseExists(adminUrl: string, name: string): boolean {
  const out = spawnSync(
    'psql',
    ['-X', '-A', '-t', '-d', adminUrl, '-c', `select 1 from pg_database where datname = '${name}'`],
    {
      encoding: 'utf8',
    },
  );
  return out.stdout.trim() === '1';
}

describe('global setup', () => {
  it('hands the run services to tests (inject) and to child processes (env)', async () => {
    expect(process.env.MONGODB_URI).toBe(inject('mongoUri'));
    expect(process.env.REDIS_URL).toBe(inject('redisUrl'));
    expect(await pingMongo(inject('mongoUri'))).toEqual({ ok: true });
    expect(await pingRedis(inject('redisUrl'))).toEqual({ ok: true });
  });
});

describe('startServices', () => {
  it('starts an isolated pair on other ports, answers ping, and stops exactly it', async () => {
    const services = await startServices({ purpose: 'launcher', env: isolatedEnv(), log: quiet });
    started.push(services);
    expect(services.origin).toEqual({ mongo: 'started', redis: 'started' });
    expect(services.mongoUri).not.toBe(inject('mongoUri'));
    expect(services.redisUrl).not.toBe(inject('redisUrl'));
    expect(services.mongoUri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(services.redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await pingMongo(services.mongoUri)).toEqual({ ok: true });
    expect(await pingRedis(services.redisUrl)).toEqual({ ok: true });

    const { mongo, redis } = services;
    if (mongo.kind !== 'ferretdb' || redis.kind !== 'redis-server')
      throw new Error('expected started services');
    expect(isAlive(mongo.pid)).toBe(true);
    expect(isAlive(redis.pid)).toBe(true);

    // the run file names this process as owner (for clean-up after a crash)
    const runFile = join(paths.runsDir, `${services.name}.json`);
    const state = JSON.parse(readFileSync(runFile, 'utf8')) as ServicesState;
    expect(state.ownerPid).toBe(process.pid);
    expect(state.mongo).toMatchObject({ kind: 'ferretdb', pid: mongo.pid });

    await services.stop();
    expect(isAlive(mongo.pid)).toBe(false);
    expect(isAlive(redis.pid)).toBe(false);
    expect(existsSync(runFile)).toBe(false);
    // its throw-away data is gone too
    if (mongo.postgresql)
      expect(postgresDatabaseExists(mongo.postgresql.adminUrl, mongo.postgresql.database)).toBe(false);
    if (mongo.sqliteDir) expect(existsSync(mongo.sqliteDir)).toBe(false);
    // the run's own services are untouched
    expect(await pingMongo(inject('mongoUri'))).toEqual({ ok: true });
    expect(await pingRedis(inject('redisUrl'))).toEqual({ ok: true });
    // stop() is idempotent
    await services.stop();
  });

  it('uses the SQLite handler in a git-ignored .data folder when asked to', async () => {
    const services = await startServices({
      purpose: 'launcher_sqlite',
      env: isolatedEnv({ FERRETDB_HANDLER: 'sqlite' }),
      log: quiet,
    });
    started.push(services);
    if (services.mongo.kind !== 'ferretdb') throw new Error('expected FerretDB');
    expect(services.mongo.handler).toBe('sqlite');
    const dir = services.mongo.sqliteDir ?? '';
    expect(dir.startsWith(join(paths.root, '.data', 'ferretdb-'))).toBe(true);
    expect(existsSync(dir)).toBe(true);
    expect(await pingMongo(services.mongoUri)).toEqual({ ok: true });
    await services.stop();
    expect(existsSync(dir)).toBe(false);
  });

  it('respects an external REDIS_URL and MONGODB_URI: nothing is started or stopped', async () => {
    const redisUrl = inject('redisUrl');
    const mongoUri = inject('mongoUri');
    const onlyRedis = await startServices({
      purpose: 'launcher_ext',
      env: isolatedEnv({ REDIS_URL: redisUrl }),
      log: quiet,
    });
    started.push(onlyRedis);
    expect(onlyRedis.origin).toEqual({ mongo: 'started', redis: 'external' });
    expect(onlyRedis.redisUrl).toBe(redisUrl);
    expect(onlyRedis.redis).toEqual({ kind: 'external', url: redisUrl });
    expect(existsSync(join(paths.logs, `redis-${onlyRedis.name}.log`))).toBe(false);
    await onlyRedis.stop();
    expect(await pingRedis(redisUrl)).toEqual({ ok: true });

    const both = await startServices({
      purpose: 'launcher_ext',
      env: isolatedEnv({ REDIS_URL: redisUrl, MONGODB_URI: mongoUri }),
      log: quiet,
    });
    started.push(both);
    expect(both.origin).toEqual({ mongo: 'external', redis: 'external' });
    expect(both.mongoUri).toBe(mongoUri);
    expect(existsSync(join(paths.runsDir, `${both.name}.json`))).toBe(false);
    await both.stop();
    expect(await pingMongo(mongoUri)).toEqual({ ok: true });
    expect(await pingRedis(redisUrl)).toEqual({ ok: true });
  });

  it('never lets two FerretDB processes serve the same persistent data', async () => {
    const env = isolatedEnv({ FERRETDB_HANDLER: 'sqlite', REDIS_URL: inject('redisUrl') });
    const first = await startServices({ purpose: 'launcher_shared', ephemeral: false, env, log: quiet });
    started.push(first);
    const messages: string[] = [];
    const second = await startServices({
      purpose: 'launcher_shared',
      ephemeral: false,
      env,
      log: (m) => messages.push(m),
    });
    started.push(second);
    if (first.mongo.kind !== 'ferretdb' || second.mongo.kind !== 'ferretdb')
      throw new Error('expected FerretDB');
    const persistent = join(paths.root, '.data', 'ferretdb-launcher_shared');
    try {
      expect(first.mongo.sqliteDir).toBe(persistent);
      expect(first.mongo.disposeData).toBe(false);
      // the second start gets throw-away data of its own, and says so
      expect(second.mongo.sqliteDir).not.toBe(persistent);
      expect(second.mongo.disposeData).toBe(true);
      expect(messages.join('\n')).toMatch(/in use by FerretDB pid \d+/);
      expect(first.name).not.toBe(second.name);
      const secondDir = second.mongo.sqliteDir ?? '';
      await second.stop();
      expect(existsSync(secondDir)).toBe(false);
      await first.stop();
      expect(existsSync(persistent)).toBe(true); // persistent data outlives its server
    } finally {
      rmSync(persistent, { recursive: true, force: true });
    }
  });

  it('cleans up services whose owning process died', async () => {
    const services = await startServices({
      purpose: 'launcher_orphan',
      env: isolatedEnv({ FERRETDB_HANDLER: 'sqlite' }),
      log: quiet,
    });
    started.push(services);
    if (services.mongo.kind !== 'ferretdb' || services.redis.kind !== 'redis-server')
      throw new Error('expected started services');
    // pretend the owner was killed: point the run file at a process that has exited
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const runFile = join(paths.runsDir, `${services.name}.json`);
    const state = JSON.parse(readFileSync(runFile, 'utf8')) as ServicesState;
    writeFileSync(runFile, JSON.stringify({ ...state, ownerPid: gone }));

    const reaped = await reapOrphans(paths, isolatedEnv(), quiet);
    expect(reaped).toBeGreaterThanOrEqual(1);
    expect(isAlive(services.mongo.pid)).toBe(false);
    expect(isAlive(services.redis.pid)).toBe(false);
    expect(existsSync(runFile)).toBe(false);
    expect(existsSync(services.mongo.sqliteDir ?? '')).toBe(false);
  });
});

describe('clear errors', () => {
  it('SERVICES_FERRETDB_NOT_BUILT when the binary is missing', async () => {
    const attempt = startServices({
      purpose: 'launcher_err',
      env: isolatedEnv({ FERRETDB_BIN: join(paths.root, '.tools', 'bin', 'no-such-ferretdb') }),
      log: quiet,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'SERVICES_FERRETDB_NOT_BUILT' });
    await expect(attempt).rejects.toThrow(/run npm run setup/);
  });

  it('SERVICES_REDIS_UNREACHABLE when REDIS_URL answers nothing, and nothing is left running', async () => {
    const port = await freePort();
    const attempt = startServices({
      purpose: 'launcher_err',
      env: isolatedEnv({ REDIS_URL: `redis://127.0.0.1:${port}`, FERRETDB_HANDLER: 'sqlite' }),
      log: quiet,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'SERVICES_REDIS_UNREACHABLE' });
    const { listRunStates } = await import('../../tools/services/src/state.js');
    expect(listRunStates(paths.runsDir).filter((r) => r.state.name.startsWith('launcher_err'))).toEqual([]);
  });

  it('SERVICES_BAD_OPTION for an unknown FERRETDB_HANDLER', async () => {
    await expect(
      startServices({
        purpose: 'launcher_err',
        env: isolatedEnv({ FERRETDB_HANDLER: 'mysql', REDIS_URL: inject('redisUrl') }),
        log: quiet,
      }),
    ).rejects.toMatchObject({ code: 'SERVICES_BAD_OPTION' });
  });
});

describe('freshDatabaseName', () => {
  it('gives distinct names valid for MongoDB, FerretDB and PostgreSQL', () => {
    const names = new Set(Array.from({ length: 200 }, () => freshDatabaseName('Suite-Name.with spaces')));
    expect(names.size).toBe(200);
    for (const name of names) {
      expect(name).toMatch(/^suite_name_with_spaces_[a-z0-9]+$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(freshDatabaseName('x'.repeat(100)).length).toBeLessThanOrEqual(63);
  });
});
