// Bull queues with the tenant-carrying envelope, on the run's real Redis and database.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { z } from 'zod';
import { freshDatabaseName } from '@tandem/services';
import { bootstrap, loadConfig, shutdownServices, type Services } from '@tandem/core';
import {
  createQueue,
  enqueue,
  processJobs,
  closeQueues,
  type JobEnvelope,
} from '../../packages/core/src/platform/queues.js';
import {
  currentContext,
  requireTenant,
  runAsSystem,
} from '../../packages/core/src/platform/tenancy/context.js';
import type Bull from 'bull';

let services: Services;
const queues: Bull.Queue<JobEnvelope>[] = [];

beforeAll(async () => {
  const db = freshDatabaseName('queues');
  services = await bootstrap(
    loadConfig({
      MONGODB_URI: inject('mongoUri'),
      MONGODB_DB: db,
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: db.toLowerCase().slice(0, 20),
      TANDEM_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
    }),
    { name: 'queues-test' },
  );
});
afterAll(async () => {
  await closeQueues(queues);
  await services.db.connection.dropDatabase();
  await shutdownServices(services);
});

/** Onboards a tenant through the service (no HTTP), as provider tooling would. */
function onboardDirect(tier: 'POOLED' | 'SILOED') {
  const id = randomBytes(3).toString('hex');
  return runAsSystem('test', () =>
    services.modules.tenants.onboard(
      { kind: 'system', reason: 'test' },
      {
        name: `Queue ${id}`,
        slug: `q-${id}`,
        tier,
        plan: { seats: 5, apiRatePerMinute: 100, storageMb: 100 },
        locale: 'en',
        timeZone: 'UTC',
        adminEmail: `admin-${id}@q.test`,
        adminName: undefined,
      },
    ),
  );
}

function queue(name: string, perTenant?: { max: number; durationMs: number }) {
  const q = createQueue(`${name}-${randomBytes(4).toString('hex')}`, {
    redisUrl: services.config.REDIS_URL,
    prefix: services.config.REDIS_PREFIX,
    ...(perTenant ? { perTenant } : {}),
  });
  queues.push(q);
  return q;
}

describe('jobs carry their tenant', () => {
  it('a handler runs in the job tenant’s context and can touch only its data', async () => {
    const q = queue('ctx');
    const seen: { tenant: string | undefined; keys: number }[] = [];
    const done = new Promise<void>((resolve) => {
      processJobs(q, 2, z.object({ n: z.number() }), services.logger, async () => {
        const t = requireTenant();
        const keys = await services.modules.identity.apiKeys.listApiKeys();
        seen.push({ tenant: currentContext()?.tenant?.id, keys: keys.length });
        expect(keys.every((k) => k.tenantId === t.id)).toBe(true);
        if (seen.length === 2) resolve();
      });
    });
    const t1 = await onboardDirect('POOLED');
    const t2 = await onboardDirect('SILOED');
    await enqueue(q, { id: t1.tenant._id, tier: 'POOLED' }, { n: 1 });
    await enqueue(q, { id: t2.tenant._id, tier: 'SILOED' }, { n: 2 });
    await done;
    expect(seen.map((s) => s.tenant).sort()).toEqual([t1.tenant._id, t2.tenant._id].sort());
    expect(seen.every((s) => s.keys === 1)).toBe(true);
  });

  it('the same idempotency key is one job', async () => {
    const q = queue('idem');
    const a = await enqueue(q, null, { n: 1 }, { idempotencyKey: 'same-work' });
    const b = await enqueue(q, null, { n: 1 }, { idempotencyKey: 'same-work' });
    expect(a).toBe(b);
    expect(await q.getJobCounts()).toMatchObject({ waiting: 1 });
  });

  it('a bad payload fails the job with a validation error, not a crash', async () => {
    const q = queue('bad');
    const failed = new Promise<string>((resolve) => q.on('failed', (_job, err) => resolve(err.message)));
    processJobs(q, 1, z.object({ n: z.number() }), services.logger, async () => undefined);
    await q.add(
      { tenantId: null, tier: null, idempotencyKey: 'x', causationDepth: 0, payload: { n: 'not a number' } },
      { attempts: 1 },
    );
    expect(await failed).toMatch(/expected number/i);
  });

  it('per-tenant limits: a flooding tenant does not hold back another one', async () => {
    const q = queue('fair', { max: 2, durationMs: 1000 });
    const order: string[] = [];
    const all = new Promise<void>((resolve) => {
      processJobs(q, 4, z.object({ i: z.number() }), services.logger, async (_p, env) => {
        order.push(env.tenantId ?? '');
        if (order.length === 12) resolve();
      });
    });
    for (let i = 0; i < 10; i++) await enqueue(q, { id: 'tn_FLOODFLOODFLOODFLOOD', tier: 'POOLED' }, { i });
    for (let i = 0; i < 2; i++) await enqueue(q, { id: 'tn_QUIETQUIETQUIETQUIE', tier: 'POOLED' }, { i });
    await all;
    // The quiet tenant's two jobs run in the first window, before most of the flood.
    const firstQuiet = order.indexOf('tn_QUIETQUIETQUIETQUIE');
    const lastQuiet = order.lastIndexOf('tn_QUIETQUIETQUIETQUIE');
    expect(firstQuiet).toBeLessThan(4);
    expect(lastQuiet).toBeLessThan(6);
  }, 30_000);
});
