// Webhooks over the real services and a real receiver on 127.0.0.1 (reachable only because this
// suite sets OUTBOUND_ALLOW_PRIVATE_CIDRS=127.0.0.1/32): an event published through the outbox is
// delivered once per subscription, signed so that the SDK's verifier accepts it; a failing receiver
// sees retries with backoff, then the delivery is dead, then a replay succeeds; rotation signs with
// both secrets during the overlap; bad input writes nothing.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES, startWorkers, tenancy } from '@tandem/core';
import { verifyWebhook } from '@tandem/sdk/webhooks';
import { codeOf, type GqlResult } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { outboxProbeModule, type ProbeService } from '../support/outbox-probe-module.js';

const ctx = useModuleTest('webhooks', {
  modules: [...MODULES, outboxProbeModule],
  env: {
    OUTBOUND_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
    WEBHOOK_MAX_ATTEMPTS: '3',
    WEBHOOK_RETRY_BASE_MS: '300',
  },
});

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A receiver on loopback: every request recorded; what it answers is chosen per path. */
const received: Received[] = [];
const answers = new Map<string, { status: number; body: string }>();
let receiver: Server;
let receiverUrl = '';
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const a = answers.get(path) ?? { status: 200, body: 'ok' };
      res.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body);
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

const probe = () => ctx().server.services.refOf(outboxProbeModule).service as ProbeService;
const webhooks = () => {
  const m = MODULES.find((x) => x.name === 'webhooks');
  if (!m) throw new Error('webhooks module missing');
  return ctx().server.services.refOf(m).service as { deliveries: { onEvent(e: unknown): Promise<void> } };
};
const inTenant = <T>(side: 'pooled' | 'siloed', fn: () => Promise<T>) => {
  const t = ctx()[side];
  const tier = side === 'pooled' ? 'POOLED' : 'SILOED';
  return tenancy.runAsSystem('test.webhooks', () => tenancy.withTenant({ id: t.tenantId, tier }, fn));
};

async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function data<T>(r: GqlResult<T>): T {
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  latencyMs: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  replays: number;
}
const DELIVERY =
  'id eventId eventType status attempts lastStatusCode latencyMs lastError responseExcerpt replays';

async function createWebhook(
  side: 'pooled' | 'siloed',
  path: string,
  eventTypes: string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
  const r = await ctx().as(ctx()[side])<{ createWebhook: { webhook: { id: string }; secret: string } }>(
    'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id url active } secret } }',
    { i: { url: `${receiverUrl}${path}`, eventTypes, ...extra } },
  );
  const c = data(r).createWebhook;
  return { id: c.webhook.id, secret: c.secret };
}

async function deliveries(
  side: 'pooled' | 'siloed',
  webhookId: string,
  status?: string,
): Promise<Delivery[]> {
  const r = await ctx().as(ctx()[side])<{ webhookDeliveries: { edges: { node: Delivery }[] } }>(
    `query($w: ID!, $s: WebhookDeliveryStatus) { webhookDeliveries(webhookId: $w, status: $s) { edges { node { ${DELIVERY} } } } }`,
    { w: webhookId, s: status ?? null },
  );
  return data(r).webhookDeliveries.edges.map((e) => e.node);
}

const at = (path: string) => received.filter((r) => r.path === path);

describe.each(['pooled', 'siloed'] as const)('webhook delivery (%s tenant)', (side) => {
  it('delivers an outbox event once, signed: the SDK verifier returns the catalogue event', async () => {
    const path = `/hooks/${side}/customers`;
    const hook = await createWebhook(side, path, ['customer.created']);
    const other = await createWebhook(side, `/hooks/${side}/tickets`, ['ticket.created']);
    const paused = await createWebhook(side, `/hooks/${side}/paused`, ['customer.created'], {
      active: false,
    });

    const w = await inTenant(side, () => probe().write(`marker-${side}`));
    const got = await eventually(() => at(path).find((r) => r.headers['tandem-event-id'] === w.eventId));

    const event = verifyWebhook({
      body: got.body,
      signatureHeader: got.headers['tandem-signature'],
      secret: hook.secret,
    });
    expect(event).toMatchObject({
      id: w.eventId,
      type: 'customer.created',
      tenantId: ctx()[side].tenantId,
      schemaVersion: 1,
      causationDepth: 0,
      data: { externalId: `marker-${side}` },
    });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['tandem-webhook-id']).toBe(hook.id);
    expect(got.headers.cookie).toBeUndefined();

    const log = await eventually(async () => {
      const d = await deliveries(side, hook.id);
      return d[0]?.status === 'SUCCEEDED' ? d : undefined;
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      eventId: w.eventId,
      attempts: 1,
      lastStatusCode: 200,
      responseExcerpt: 'ok',
    });
    expect(log[0]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(got.headers['tandem-delivery-id']).toBe(log[0]?.id);

    // Neither the subscription to another event nor the paused one got anything.
    await new Promise((r) => setTimeout(r, 500));
    expect(at(`/hooks/${side}/tickets`)).toEqual([]);
    expect(at(`/hooks/${side}/paused`)).toEqual([]);
    expect(await deliveries(side, other.id)).toEqual([]);
    expect(await deliveries(side, paused.id)).toEqual([]);
  });

  it('the same event arriving twice (at least once) is one delivery and one request', async () => {
    const path = `/hooks/${side}/twice`;
    const hook = await createWebhook(side, path, ['customer.created']);
    const w = await inTenant(side, () => probe().write('twice'));
    const first = await eventually(() => at(path).find((r) => r.headers['tandem-event-id'] === w.eventId));
    // The consumer gets the same event again (a re-published event, a re-run job).
    const event = verifyWebhook({
      body: first.body,
      signatureHeader: first.headers['tandem-signature'],
      secret: hook.secret,
    });
    await inTenant(side, () => webhooks().deliveries.onEvent(event));
    await inTenant(side, () => webhooks().deliveries.onEvent(event));
    await new Promise((r) => setTimeout(r, 1000));
    expect(at(path).filter((r) => r.headers['tandem-event-id'] === w.eventId)).toHaveLength(1);
    expect(await deliveries(side, hook.id)).toHaveLength(1);
  });
});

describe('a failing receiver', () => {
  it('gets retries with growing delays, then the delivery is DEAD; a replay then succeeds', async () => {
    const path = '/hooks/failing';
    answers.set(path, { status: 500, body: `boom ${'x'.repeat(5000)}` });
    const hook = await createWebhook('pooled', path, ['customer.created']);
    const w = await inTenant('pooled', () => probe().write('failing'));

    const dead = await eventually(async () => {
      const d = await deliveries('pooled', hook.id, 'DEAD');
      return d[0];
    }, 30_000);
    expect(dead).toMatchObject({
      eventId: w.eventId,
      attempts: 3,
      lastStatusCode: 500,
      lastError: 'HTTP_500',
    });
    // The excerpt is bounded (1 KB), the receiver's 5 KB answer is not kept whole.
    expect(dead.responseExcerpt?.startsWith('boom xxx')).toBe(true);
    expect(dead.responseExcerpt?.length).toBeLessThanOrEqual(1024);

    const tries = at(path);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((t) => t.headers['tandem-event-id']))).toEqual(new Set([w.eventId]));
    // Backoff with jitter: the n-th wait is between half and all of 300 ms · 2^(n-1).
    const [t1, t2, t3] = tries.map((t) => t.at) as [number, number, number];
    expect(t2 - t1).toBeGreaterThanOrEqual(140);
    expect(t3 - t2).toBeGreaterThanOrEqual(290);
    // Each try is signed anew and verifies.
    for (const t of tries) {
      expect(
        verifyWebhook({ body: t.body, signatureHeader: t.headers['tandem-signature'], secret: hook.secret })
          .id,
      ).toBe(w.eventId);
    }

    answers.set(path, { status: 204, body: '' });
    const replayed = await ctx().as(ctx().pooled)<{ replayWebhookDelivery: Delivery }>(
      `mutation($id: ID!) { replayWebhookDelivery(id: $id) { ${DELIVERY} } }`,
      { id: dead.id },
    );
    expect(data(replayed).replayWebhookDelivery).toMatchObject({ status: 'PENDING', replays: 1 });
    const ok = await eventually(async () => {
      const d = await deliveries('pooled', hook.id);
      return d[0]?.status === 'SUCCEEDED' ? d[0] : undefined;
    });
    expect(ok).toMatchObject({ attempts: 4, lastStatusCode: 204, lastError: null, replays: 1 });
    expect(at(path)).toHaveLength(4);
  }, 60_000);

  it('an unreachable receiver fails with a reason and no HTTP status', async () => {
    const hook = await createWebhook('pooled', '/unused', ['customer.created']);
    // Nothing listens on port 9 of 127.0.0.1 (discard): the connection is refused.
    await ctx().as(ctx().pooled)(
      'mutation($id: ID!, $i: UpdateWebhookInput!) { updateWebhook(id: $id, input: $i) { id } }',
      {
        id: hook.id,
        i: { url: 'http://127.0.0.1:9/hook' },
      },
    );
    const r = await ctx().as(ctx().pooled)<{ sendTestWebhook: Delivery }>(
      `mutation($id: ID!) { sendTestWebhook(id: $id) { ${DELIVERY} } }`,
      { id: hook.id },
    );
    expect(data(r).sendTestWebhook).toMatchObject({
      eventType: 'webhook.test',
      status: 'DEAD',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'CONNECTION_FAILED',
    });
  });
});

describe('secrets and the subscription itself', () => {
  it('rotation: during the overlap both secrets sign; with no overlap only the new one', async () => {
    const path = '/hooks/rotation';
    const hook = await createWebhook('pooled', path, ['customer.created']);
    const rotate = async (overlapHours: number) =>
      data(
        await ctx().as(ctx().pooled)<{
          rotateWebhookSecret: { secret: string; webhook: { previousSecretExpiresAt: string | null } };
        }>(
          'mutation($id: ID!, $h: Int) { rotateWebhookSecret(id: $id, overlapHours: $h) { secret webhook { previousSecretExpiresAt secretRotatedAt } } }',
          { id: hook.id, h: overlapHours },
        ),
      ).rotateWebhookSecret;
    const test = async () => {
      const r = await ctx().as(ctx().pooled)<{ sendTestWebhook: Delivery }>(
        `mutation($id: ID!) { sendTestWebhook(id: $id) { ${DELIVERY} } }`,
        { id: hook.id },
      );
      const d = data(r).sendTestWebhook;
      expect(d.status).toBe('SUCCEEDED');
      const got = at(path).find((x) => x.headers['tandem-event-id'] === d.eventId);
      if (!got) throw new Error('test event not received');
      return got;
    };

    const second = await rotate(24);
    expect(second.secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
    expect(second.secret).not.toBe(hook.secret);
    expect(second.webhook.previousSecretExpiresAt).not.toBeNull();
    const during = await test();
    const header = String(during.headers['tandem-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    for (const secret of [hook.secret, second.secret]) {
      const e = verifyWebhook({ body: during.body, signatureHeader: header, secret });
      expect(e).toMatchObject({ type: 'webhook.test', data: { webhookId: hook.id } });
    }

    const third = await rotate(0);
    expect(third.webhook.previousSecretExpiresAt).toBeNull();
    const after = await test();
    expect(String(after.headers['tandem-signature']).match(/v1=/g)).toHaveLength(1);
    expect(() =>
      verifyWebhook({
        body: after.body,
        signatureHeader: after.headers['tandem-signature'],
        secret: second.secret,
      }),
    ).toThrow(/No signature/);
    expect(
      verifyWebhook({
        body: after.body,
        signatureHeader: after.headers['tandem-signature'],
        secret: third.secret,
      }).type,
    ).toBe('webhook.test');
  });

  it('refuses unsafe URLs and unknown events with clear codes, and writes nothing', async () => {
    const as = ctx().as(ctx().siloed);
    const count = async () => data(await as<{ webhooks: unknown[] }>('{ webhooks { id } }')).webhooks.length;
    const before = await count();
    const create = (url: string, eventTypes = ['ticket.created']) =>
      as<Record<string, unknown>>(
        'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }',
        {
          i: { url, eventTypes },
        },
      );
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.8/hook',
      'http://[::ffff:a9fe:a9fe]/',
      'http://localhost:4000/',
      'file:///etc/passwd',
      'https://user:pw@hooks.example.com/',
    ]) {
      expect(codeOf(await create(url)), url).toBe('WEBHOOK_URL_NOT_ALLOWED');
    }
    expect(codeOf(await create('https://hooks.example.com/', ['ticket.exploded']))).toBe('VALIDATION_FAILED');
    expect(codeOf(await create('https://hooks.example.com/', ['webhook.test']))).toBe('VALIDATION_FAILED');
    // Control characters are refused at the boundary, before any schema (issue 8).
    expect(codeOf(await create('https://hooks.example.com/\u0000x'))).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it('API keys with the WEBHOOKS_ scopes use it too; the delivery log pages with a cursor', async () => {
    const hook = await createWebhook('pooled', '/hooks/paging', ['customer.created']);
    for (let i = 0; i < 3; i++) {
      await ctx().as(ctx().pooled, 'apiKey')('mutation($id: ID!) { sendTestWebhook(id: $id) { id } }', {
        id: hook.id,
      });
    }
    const page = (after: string | null) =>
      ctx().as(ctx().pooled, 'apiKey')<{
        webhookDeliveries: {
          edges: { node: { id: string } }[];
          endCursor: string | null;
          hasNextPage: boolean;
        };
      }>(
        'query($w: ID!, $a: String) { webhookDeliveries(webhookId: $w, first: 2, after: $a) { edges { node { id } } endCursor hasNextPage } }',
        { w: hook.id, a: after },
      );
    const p1 = data(await page(null)).webhookDeliveries;
    expect(p1.edges).toHaveLength(2);
    expect(p1.hasNextPage).toBe(true);
    const p2 = data(await page(p1.endCursor)).webhookDeliveries;
    expect(p2.edges).toHaveLength(1);
    expect(p2.hasNextPage).toBe(false);
    expect(new Set([...p1.edges, ...p2.edges].map((e) => e.node.id)).size).toBe(3);
    expect(codeOf(await page('bm90LWEtY3Vyc29y'))).toBe('VALIDATION_FAILED');
  });
});
