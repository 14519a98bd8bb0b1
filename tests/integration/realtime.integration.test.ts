// Live updates over graphql-ws on the API's own server: authenticated at connection_init with the
// same credentials, tenant-scoped (A never sees B's events), policy-checked, closed when the
// credential is revoked, and served by any API process (fan-out through Redis).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULES, tenancy } from '@tandem/core';
import { gql } from '../support/api.js';
import { useModuleTest } from '../support/module.js';
import { outboxProbeModule, type ProbeService } from '../support/outbox-probe-module.js';
import { freePort, spawnEntrypoint, type Spawned } from '../support/process.js';

const ctx = useModuleTest('realtime', {
  modules: [...MODULES, outboxProbeModule],
  env: { SUBSCRIPTION_RECHECK_SECONDS: '1' },
});
const clients: Client[] = [];
const children: Spawned[] = [];
afterAll(async () => {
  for (const c of clients) await c.dispose();
  for (const c of children) c.kill();
});

function connect(baseUrl: string, token: string | null): { client: Client; closed: Promise<number> } {
  let onClosed: (code: number) => void = () => undefined;
  const closed = new Promise<number>((r) => (onClosed = r));
  const client = createClient({
    url: baseUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // The close is what these tests look at (the `closed` listener), not something to print.
    onNonLazyError: () => undefined,
    on: { closed: (e) => onClosed((e as { code: number }).code) },
  });
  clients.push(client);
  return { client, closed };
}

interface LiveEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Collects what a subscription delivers (and its errors). */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: LiveEvent[] = [];
  const errors: string[] = [];
  const ready = new Promise<void>((resolve) => setTimeout(resolve, 300));
  client.subscribe<{ tenantEvents: LiveEvent }>(
    { query, variables },
    {
      next: (r) => {
        if (r.data?.tenantEvents) events.push(r.data.tenantEvents);
        for (const e of r.errors ?? []) errors.push(String(e.extensions?.code ?? e.message));
      },
      error: (e) => errors.push(e instanceof Error ? e.message : JSON.stringify(e)),
      complete: () => undefined,
    },
  );
  return { events, errors, ready };
}

const SUB = 'subscription($types: [String!]) { tenantEvents(types: $types) { id type data } }';

async function writeProbe(side: 'pooled' | 'siloed', marker: string): Promise<string> {
  const t = ctx()[side];
  const probe = ctx().server.services.refOf(outboxProbeModule).service as ProbeService;
  const w = await tenancy.runAsSystem('test.realtime', () =>
    tenancy.withTenant({ id: t.tenantId, tier: side === 'pooled' ? 'POOLED' : 'SILOED' }, () =>
      probe.write(marker),
    ),
  );
  return w.eventId;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end && !check()) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('subscriptions', () => {
  it('refuse a connection without a valid credential', async () => {
    const none = connect(ctx().baseUrl, null);
    expect(await none.closed).toBe(4403);
    const forged = connect(ctx().baseUrl, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.x');
    expect(await forged.closed).toBe(4403);
  });

  it('deliver the tenant’s own events, never another tenant’s', async () => {
    const { baseUrl, pooled } = ctx();
    const { client } = connect(baseUrl, pooled.adminToken);
    const got = collect(client, SUB, { types: ['customer.created'] });
    await got.ready;
    const mine = await writeProbe('pooled', 'mine');
    const theirs = await writeProbe('siloed', 'theirs');
    expect(await until(() => got.events.some((e) => e.id === mine), 10_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(got.events.map((e) => e.id)).not.toContain(theirs);
    expect(got.errors).toEqual([]);
  });

  it('check the field’s policy: an API key needs EVENTS_READ', async () => {
    const { baseUrl, pooled } = ctx();
    const key = await gql<{ createApiKey: { secret: string } }>(
      baseUrl,
      'mutation { createApiKey(name: "no events", scopes: [TENANT_READ]) { secret } }',
      {},
      pooled.adminToken,
    );
    const { client } = connect(baseUrl, key.data?.createApiKey.secret ?? '');
    const got = collect(client, SUB);
    expect(await until(() => got.errors.length > 0, 5_000)).toBe(true);
    expect(got.errors[0]).toBe('FORBIDDEN');
    const allowed = connect(baseUrl, pooled.apiKey);
    const ok = collect(allowed.client, SUB);
    await ok.ready;
    const id = await writeProbe('pooled', 'for the key');
    expect(await until(() => ok.events.some((e) => e.id === id), 10_000)).toBe(true);
  });

  it('close the connection when its credential is revoked (sign-out)', async () => {
    const { baseUrl, pooled } = ctx();
    const login = await gql<{ login: { accessToken: string } }>(
      baseUrl,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: pooled.adminEmail, p: 'Correct-horse-42-battery' },
    );
    const token = login.data?.login.accessToken ?? '';
    const { client, closed } = connect(baseUrl, token);
    collect(client, SUB);
    await new Promise((r) => setTimeout(r, 300));
    await gql(baseUrl, 'mutation { logout }', {}, token);
    const code = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))]);
    expect(code).toBe(4401);
  });

  it('are served by any API process (fan-out through Redis)', async () => {
    const { server, pooled } = ctx();
    const port = await freePort();
    const second = spawnEntrypoint('packages/core/src/entrypoints/api.ts', {
      MONGODB_URI: server.config.MONGODB_URI,
      MONGODB_DB: server.config.MONGODB_DB,
      REDIS_URL: server.config.REDIS_URL,
      REDIS_PREFIX: server.config.REDIS_PREFIX,
      TANDEM_MASTER_KEY: server.config.TANDEM_MASTER_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SHUTDOWN_READINESS_DELAY_MS: '0',
    });
    children.push(second);
    await second.waitForOutput(/api listening/, 60_000);
    const { client } = connect(`http://127.0.0.1:${port}`, pooled.adminToken);
    const got = collect(client, SUB, { types: ['customer.created'] });
    await got.ready;
    // Written and published by the test's own API process; delivered by the second one.
    const id = await writeProbe('pooled', 'across processes');
    expect(await until(() => got.events.some((e) => e.id === id), 10_000)).toBe(true);
  }, 90_000);
});
