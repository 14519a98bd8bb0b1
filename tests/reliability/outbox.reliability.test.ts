// No event is lost when a process dies between writing a change and publishing its event: the
// event waits in the document's outbox and the worker's reconciler publishes it. Delivery is at
// least once and consumers see each event id (they deduplicate on it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES, startWorkers, tenancy } from '@tandem/core';
import { useModuleTest } from '../support/module.js';
import { outboxProbeModule, type ProbeService } from '../support/outbox-probe-module.js';
import { spawnEntrypoint } from '../support/process.js';

const ctx = useModuleTest('outbox', { modules: [...MODULES, outboxProbeModule] });
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;

beforeAll(async () => {
  workers = await startWorkers(ctx().server.services);
});
afterAll(async () => {
  await workers?.close();
});

const probe = () => ctx().server.services.refOf(outboxProbeModule).service as ProbeService;
const inTenant = <T>(side: 'pooled' | 'siloed', fn: () => Promise<T>) => {
  const t = ctx()[side];
  const tier = side === 'pooled' ? 'POOLED' : 'SILOED';
  return tenancy.runAsSystem('test.outbox', () => tenancy.withTenant({ id: t.tenantId, tier }, fn));
};

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe.each(['pooled', 'siloed'] as const)('the outbox (%s tenant)', (side) => {
  it('publishes right after the write and empties the outbox', async () => {
    const w = await inTenant(side, () => probe().write('fast-path'));
    expect(
      await eventually(() => inTenant(side, async () => (await probe().deliveries(w.eventId)) === 1), 10_000),
    ).toBe(true);
    const doc = await inTenant(side, () => probe().pending(w.docId));
    expect(doc?.pendingEvents).toEqual([]);
    expect(doc?.outboxAt).toBeNull();
  });

  it('loses no event when the process is killed between write and publish', async () => {
    const { server } = ctx();
    const child = spawnEntrypoint('tests/reliability/fixtures/outbox-crash.ts', {
      MONGODB_URI: server.config.MONGODB_URI,
      MONGODB_DB: server.config.MONGODB_DB,
      REDIS_URL: server.config.REDIS_URL,
      REDIS_PREFIX: server.config.REDIS_PREFIX,
      TANDEM_MASTER_KEY: server.config.TANDEM_MASTER_KEY,
      LOG_LEVEL: 'warn',
      PROBE_TENANT_ID: ctx()[side].tenantId,
    });
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
    const line = /WRITTEN (\{.*\})/.exec(child.output())?.[1];
    expect(line, child.output()).toBeDefined();
    const written = JSON.parse(line ?? '{}') as { docId: string; eventId: string };
    // Written, not published: the event is in the document.
    const doc = await inTenant(side, () => probe().pending(written.docId));
    expect(doc?.pendingEvents.map((e) => e.id)).toEqual([written.eventId]);
    // The worker's reconciler publishes it; the consumer gets it exactly once here.
    expect(
      await eventually(
        () => inTenant(side, async () => (await probe().deliveries(written.eventId)) >= 1),
        30_000,
      ),
    ).toBe(true);
    expect(await inTenant(side, () => probe().deliveries(written.eventId))).toBe(1);
    expect((await inTenant(side, () => probe().pending(written.docId)))?.pendingEvents).toEqual([]);
  }, 60_000);

  it('a second publish of the same event is still one delivery while its job is kept', async () => {
    const w = await inTenant(side, () => probe().writeOnly('twice'));
    const events = ctx().server.services.events;
    await inTenant(side, () => events.flush('TestOutboxProbe', w.docId));
    await eventually(() => inTenant(side, async () => (await probe().deliveries(w.eventId)) === 1), 10_000);
    await inTenant(side, () => events.flush('TestOutboxProbe', w.docId));
    await new Promise((r) => setTimeout(r, 500));
    expect(await inTenant(side, () => probe().deliveries(w.eventId))).toBe(1);
  });
});
