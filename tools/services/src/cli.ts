#!/usr/bin/env -S npx tsx
// Development services: `npx tsx tools/services/src/cli.ts up|down|status [--json]`.
//   up      start FerretDB and Redis unless running (or given by MONGODB_URI / REDIS_URL), wait
//           until they answer, print MONGODB_URI=… and REDIS_URL=… (stdout), record them in
//           .run/services.json
//   down    stop what `up` started (by recorded pid, verified), nothing else
//   status  show what runs and whether it answers; exit 1 when something is not healthy
import { errorMessage, isServicesError } from './errors.js';
import { projectPaths } from './paths.js';
import { checkMongo, checkRedis, provision, reapOrphans, stopRecorded } from './services.js';
import { isAlive } from './proc.js';
import {
  listRunStates,
  readState,
  removeState,
  writeState,
  type MongoService,
  type RedisService,
  type ServicesState,
} from './state.js';

const log = (line: string): void => {
  process.stderr.write(`[services] ${line}\n`);
};

function describeMongo(service: MongoService): string {
  if (service.kind === 'external') return `external ${service.uri}`;
  const backend =
    service.handler === 'postgresql'
      ? `postgresql database ${service.postgresql?.database ?? '?'}`
      : `sqlite ${service.sqliteDir ?? '?'}`;
  return `FerretDB pid ${service.pid} ${service.uri} (${backend}; log ${service.log})`;
}

function describeRedis(service: RedisService): string {
  return service.kind === 'external'
    ? `external ${service.url}`
    : `redis-server pid ${service.pid} ${service.url} (log ${service.log})`;
}

async function up(): Promise<number> {
  const paths = projectPaths();
  const previous = readState(paths.stateFile);
  const reuse: { mongo?: MongoService; redis?: RedisService } = {};
  if (previous) {
    if (previous.mongo.kind === 'ferretdb') {
      const health = await checkMongo(previous.mongo);
      if (health.ok) reuse.mongo = previous.mongo;
      else log(`recorded FerretDB is not healthy (${health.reason}): starting a new one`);
    }
    if (previous.redis.kind === 'redis-server') {
      const health = await checkRedis(previous.redis);
      if (health.ok) reuse.redis = previous.redis;
      else log(`recorded Redis is not healthy (${health.reason}): starting a new one`);
    }
  }
  const running = await provision({ purpose: 'dev', ephemeral: false, log }, { owner: 'detached', reuse });
  if (process.env.MONGODB_URI && reuse.mongo)
    log(
      `MONGODB_URI is set; FerretDB pid ${reuse.mongo.kind === 'ferretdb' ? reuse.mongo.pid : '?'} stays running until \`down\``,
    );
  if (process.env.REDIS_URL && reuse.redis)
    log(
      `REDIS_URL is set; Redis pid ${reuse.redis.kind === 'redis-server' ? reuse.redis.pid : '?'} stays running until \`down\``,
    );
  const state: ServicesState = {
    version: 1,
    name: running.name,
    ownerPid: null,
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    // keep every process `up` started so that `down` can stop it
    mongo: running.origin.mongo === 'external' ? (reuse.mongo ?? running.mongo) : running.mongo,
    redis: running.origin.redis === 'external' ? (reuse.redis ?? running.redis) : running.redis,
  };
  writeState(paths.stateFile, state);
  log(`mongo: ${running.origin.mongo} — ${describeMongo(running.mongo)}`);
  log(`redis: ${running.origin.redis} — ${describeRedis(running.redis)}`);
  process.stdout.write(`MONGODB_URI=${running.mongoUri}\nREDIS_URL=${running.redisUrl}\n`);
  return 0;
}

async function down(): Promise<number> {
  const paths = projectPaths();
  const state = readState(paths.stateFile);
  await reapOrphans(paths, process.env, log);
  if (!state) {
    log(`nothing to stop (no ${paths.stateFile})`);
    return 0;
  }
  await stopRecorded(state, paths, process.env, log);
  removeState(paths.stateFile);
  return 0;
}

async function status(json: boolean): Promise<number> {
  const paths = projectPaths();
  const state = readState(paths.stateFile);
  const runs = listRunStates(paths.runsDir).map(({ state: run }) => ({
    name: run.name,
    ownerPid: run.ownerPid,
    ownerAlive: run.ownerPid !== null && isAlive(run.ownerPid),
    mongo: run.mongo,
    redis: run.redis,
  }));
  if (!state) {
    if (json) process.stdout.write(`${JSON.stringify({ running: false, runs }, null, 2)}\n`);
    else {
      process.stdout.write('not running (start with: npx tsx tools/services/src/cli.ts up)\n');
      for (const run of runs)
        process.stdout.write(
          `run "${run.name}" owned by pid ${run.ownerPid ?? '-'}${run.ownerAlive ? '' : ' (dead owner)'}\n`,
        );
    }
    return 1;
  }
  const [mongo, redis] = await Promise.all([checkMongo(state.mongo), checkRedis(state.redis)]);
  const healthy = mongo.ok && redis.ok;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ running: true, healthy, state, health: { mongo, redis }, runs }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `mongo  ${mongo.ok ? 'ok  ' : 'DOWN'}  ${describeMongo(state.mongo)}${mongo.ok ? '' : ` — ${mongo.reason}`}\n`,
    );
    process.stdout.write(
      `redis  ${redis.ok ? 'ok  ' : 'DOWN'}  ${describeRedis(state.redis)}${redis.ok ? '' : ` — ${redis.reason}`}\n`,
    );
    for (const run of runs)
      process.stdout.write(
        `run "${run.name}" owned by pid ${run.ownerPid ?? '-'}${run.ownerAlive ? '' : ' (dead owner)'}\n`,
      );
  }
  return healthy ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return up();
    case 'down':
      return down();
    case 'status':
      return status(rest.includes('--json'));
    default:
      process.stderr.write('usage: npx tsx tools/services/src/cli.ts up|down|status [--json]\n');
      return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `[services] ${isServicesError(error) ? error.message : `SERVICES_UNEXPECTED: ${errorMessage(error)}`}\n`,
    );
    process.exitCode = 1;
  },
);
