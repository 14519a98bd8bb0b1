// Webhooks of a suspended tenant are held, not sent and not used up, and go out when the tenant is
// resumed (as Zendesk-like products do): a delivery waiting for its retry at suspension, and one
// for an event published while suspended, both reach the receiver only after resumeTenant.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES, startWorkers, tenancy } from '@tandem/core';
import { gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { outboxProbeModule, type ProbeService } from '../support/outbox-probe-module.js';

const ctx = useModuleTest('webhooks_hold', {
  modules: [...MODULES, outboxProbeModule],
  // A failed first try waits a minute for its retry: long enough to be pending at suspension.
  env: {
    OUTBOUND_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
    WEBHOOK_MAX_ATTEMPTS: '5',
    WEBHOOK_RETRY_BASE_MS: '60000',
  },
});

const received: { eventId: string; at: number }[] = [];
let failNext = 0;
let receiver: Server;
let receiverUrl = '';
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume().on('end', () => {
      received.push({ eventId: String(req.headers['tandem-event-id']), at: Date.now() });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end('busy');
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  workers = await startWorkers(ctx().server.services);
});
afterAll(async () => {
  await workers?.close();
  await new Promise((r) => receiver.close(r));
});

interface DeliveryView {
  eventId: string;
  status: string;
  attempts: number;
  heldSince: Date | null;
}
interface WebhooksService {
  deliveries: {
    page(
      webhookId: string,
      status: undefined,
      first: number,
      after: undefined,
    ): Promise<{ items: DeliveryView[] }>;
  };
}
const service = () => {
  const m = MODULES.find((x) => x.name === 'webhooks');
  if (!m) throw new Error('webhooks module missing');
  return ctx().server.services.refOf(m).service as WebhooksService;
};
const probe = () => ctx().server.services.refOf(outboxProbeModule).service as ProbeService;
const inTenant = <T>(fn: () => Promise<T>) =>
  tenancy.runAsSystem('test.webhooks-hold', () =>
    tenancy.withTenant({ id: ctx().pooled.tenantId, tier: 'POOLED' }, fn),
  );
const log = async (webhookId: string) =>
  (await inTenant(() => service().deliveries.page(webhookId, undefined, 50, undefined))).items;

async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('webhooks of a suspended tenant', () => {
  it('are held while suspended and sent after the tenant is resumed', async () => {
    const { pooled, provider, baseUrl } = ctx();
    const created = await gql<{ createWebhook: { webhook: { id: string } } }>(
      baseUrl,
      'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } secret } }',
      { i: { url: `${receiverUrl}/hold`, eventTypes: ['customer.created'] } },
      pooled.adminToken,
    );
    const webhookId = created.data?.createWebhook.webhook.id ?? '';
    expect(webhookId).not.toBe('');

    // 1. A delivery whose first try failed: it waits for its retry (about a minute away).
    failNext = 1;
    const before = await inTenant(() => probe().write('before suspension'));
    const waiting = await eventually(async () => {
      const d = (await log(webhookId)).find((x) => x.eventId === before.eventId);
      return d?.status === 'FAILED' ? d : undefined;
    });
    expect(waiting.attempts).toBe(1);

    // 2. Suspension holds it.
    const suspended = await gql(
      baseUrl,
      'mutation($id: ID!) { suspendTenant(id: $id, reason: "unpaid") { status } }',
      { id: pooled.tenantId },
      provider,
    );
    expect(suspended.errors).toBeUndefined();
    const held = (await log(webhookId)).find((x) => x.eventId === before.eventId);
    expect(held?.heldSince).toBeInstanceOf(Date);

    // 3. An event published while suspended (work in flight) is held too: nothing is sent.
    const during = await inTenant(() => probe().write('during suspension'));
    const heldToo = await eventually(async () => {
      const d = (await log(webhookId)).find((x) => x.eventId === during.eventId);
      return d?.heldSince ? d : undefined;
    });
    expect(heldToo).toMatchObject({ status: 'PENDING', attempts: 0 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(received.filter((r) => r.eventId === during.eventId)).toEqual([]);
    expect(received.filter((r) => r.eventId === before.eventId)).toHaveLength(1);

    // 4. Resumed: both go out now (not a minute later), without having used up a try.
    const resumedAt = Date.now();
    const resumed = await gql(
      baseUrl,
      'mutation($id: ID!) { resumeTenant(id: $id) { status } }',
      { id: pooled.tenantId },
      provider,
    );
    expect(resumed.errors).toBeUndefined();
    const done = await eventually(async () => {
      const ds = (await log(webhookId)).filter((x) => [before.eventId, during.eventId].includes(x.eventId));
      return ds.length === 2 && ds.every((d) => d.status === 'SUCCEEDED') ? ds : undefined;
    });
    expect(Object.fromEntries(done.map((d) => [d.eventId, d.attempts]))).toEqual({
      [before.eventId]: 2,
      [during.eventId]: 1,
    });
    for (const d of done) expect(d.heldSince).toBeNull();
    const sent = received.filter((r) => r.eventId === during.eventId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.at).toBeGreaterThanOrEqual(resumedAt);
    expect(Date.now() - resumedAt).toBeLessThan(30_000);
  }, 60_000);
});
