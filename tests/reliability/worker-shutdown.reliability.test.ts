// SIGTERM on the worker process: it stops taking jobs, closes its queues and connections, exits 0.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { freshDatabaseName } from '@tandem/services';
import { spawnEntrypoint, type Spawned } from '../support/process.js';

let worker: Spawned | undefined;
afterEach(() => {
  worker?.kill();
  worker = undefined;
});

describe('SIGTERM on the worker process', () => {
  it('drains and exits 0 well within the grace period', async () => {
    const db = freshDatabaseName('worker');
    worker = spawnEntrypoint('packages/core/src/entrypoints/worker.ts', {
      MONGODB_URI: inject('mongoUri'),
      REDIS_URL: inject('redisUrl'),
      MONGODB_DB: db,
      REDIS_PREFIX: db
        .toLowerCase()
        .replace(/[^a-z0-9_-]/g, '')
        .slice(0, 20),
      TANDEM_MASTER_KEY: randomBytes(32).toString('base64'),
      SHUTDOWN_GRACE_MS: '5000',
      LOG_LEVEL: 'info',
    });
    await worker.waitForOutput(/"msg":"worker running"/, 45_000);
    const signalledAt = Date.now();
    process.kill(worker.pid, 'SIGTERM');
    const exit = await worker.exited;
    expect({ code: exit.code, signal: exit.signal }, worker.output()).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(5_000);
    expect(worker.output()).toMatch(/"msg":"stopped"/);
  }, 60_000);
});
