// Tenant A probes every GraphQL root field and every REST route — enumerated from the built
// schema and the Express router, not listed by hand — with tenant B's ids, for every module's
// data (tests/support/tenant-fixture.ts). Nothing of B may come back, ids of B are "not found"
// (never "forbidden": no existence oracle), and B is unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { apiScopes, buildSchema, MODULES } from '@tandem/core';
import { gql, login, STRONG_PASSWORD, useTestServer } from '../support/api.js';
import { probeGraphQL, probeRest, probeSubscriptions } from '../support/cross-tenant-probe.js';
import { makeSide } from '../support/module.js';
import { TENANT_FIXTURES, type FixtureSide } from '../support/tenant-fixture.js';

const server = useTestServer('xtenant');
const schema = buildSchema();

interface Side extends FixtureSide {
  ids: string[];
  markers: string[];
}

async function seedSide(tier: 'POOLED' | 'SILOED', providerToken: string): Promise<Side> {
  const side = await makeSide(server().baseUrl, providerToken, tier);
  // The probe calls every root field with every id of B, several thousand requests: more than a
  // plan's minute budget. Rate limits are not what this suite checks (resources.security does).
  const plan = await gql(
    server().baseUrl,
    'mutation($id: ID!) { updateTenantPlan(id: $id, plan: { seats: 20, apiRatePerMinute: 100000, storageMb: 1024 }) { id } }',
    { id: side.tenantId },
    providerToken,
  );
  if (plan.errors) throw new Error(`updateTenantPlan failed: ${JSON.stringify(plan.errors)}`);
  const ids: string[] = [];
  const markers: string[] = [];
  for (const m of MODULES) {
    const fixture = TENANT_FIXTURES[m.name];
    if (!fixture) throw new Error(`module ${m.name} has no entry in tests/support/tenant-fixture.ts`);
    const d = await fixture(side);
    ids.push(...d.ids);
    markers.push(...d.markers);
  }
  return { ...side, ids: [...new Set(ids)], markers: [...new Set(markers)] };
}

it('every module has a cross-tenant fixture', () => {
  expect(MODULES.map((m) => m.name).filter((n) => !TENANT_FIXTURES[n])).toEqual([]);
});

describe.each([
  ['POOLED', 'SILOED'],
  ['SILOED', 'POOLED'],
] as const)('tenant A (%s) against tenant B (%s)', (tierA, tierB) => {
  let a: Side;
  let b: Side;
  let bMarkers: string[];
  let bBefore: string;

  const snapshotB = async (): Promise<string> => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    const t = await gql(
      baseUrl,
      `{ tenant(id: "${b.tenantId}") { id name slug status plan { seats apiRatePerMinute storageMb } } }`,
      {},
      provider.accessToken,
    );
    const bAdmin = await login(baseUrl, b.adminEmail, STRONG_PASSWORD);
    const users = await gql(
      baseUrl,
      '{ users(pageSize: 100) { total items { id email name role status } } }',
      {},
      bAdmin.accessToken,
    );
    const keys = await gql(baseUrl, '{ apiKeys { id name scopes revokedAt } }', {}, bAdmin.accessToken);
    return JSON.stringify([t.data, users.data, keys.data]);
  };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    a = await seedSide(tierA, provider.accessToken);
    b = await seedSide(tierB, provider.accessToken);
    bMarkers = b.markers;
    bBefore = await snapshotB();
  });

  const probe = (as: 'tenant admin' | 'api key' | 'customer') => async () => {
    const customer = await gql<{ createCustomerSession: { token: string } }>(
      a.baseUrl,
      'mutation { createCustomerSession(customerRef: "probe-customer") { token } }',
      {},
      a.apiKey,
    );
    const customerToken = customer.data?.createCustomerSession.token ?? '';
    expect(customerToken).not.toBe('');
    const calls = await probeGraphQL({
      schema,
      a,
      scopes: apiScopes().map((x) => x.name),
      bIds: b.ids,
      bMarkers,
      as,
      customerToken,
    });
    expect(calls).toBeGreaterThan(40);
    // Subscriptions too (graphql-ws): e.g. who is on B's ticket.
    const live = await probeSubscriptions({
      schema,
      a,
      scopes: apiScopes().map((x) => x.name),
      bIds: b.ids,
      bMarkers,
      as,
      customerToken,
    });
    expect(live).toBeGreaterThan(0);
  };

  it(
    'as A’s tenant admin, every root field with B’s ids: not found, nothing of B returned',
    probe('tenant admin'),
    240_000,
  );
  it(
    'as A’s API key, every root field with B’s ids: not found, nothing of B returned',
    probe('api key'),
    240_000,
  );
  it(
    'as a customer session of A, every root field with B’s ids: not found, nothing of B returned',
    probe('customer'),
    240_000,
  );

  it('every REST route with B’s ids answers 401/403/404 and returns nothing of B', async () => {
    const calls = await probeRest({
      app: server().api.app,
      a,
      bIds: [...b.ids, 'exp_AAAAAAAAAAAAAAAAAAAA'],
      bMarkers,
    });
    expect(calls).toBeGreaterThan(3);
  });

  it('a tenantId in a header, the query string or the body is ignored', async () => {
    const { baseUrl } = server();
    const res = await fetch(`${baseUrl}/graphql?tenantId=${b.tenantId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${a.apiKey}`,
        'x-tenant-id': b.tenantId,
        'x-tenant': b.tenantId,
      },
      body: JSON.stringify({
        query: '{ currentTenant { id } }',
        tenantId: b.tenantId,
        extensions: { tenantId: b.tenantId },
      }),
    });
    const body = (await res.json()) as { data?: { currentTenant: { id: string } } };
    expect(body.data?.currentTenant.id).toBe(a.tenantId);
  });

  it('B is unchanged and still works', async () => {
    expect(await snapshotB()).toBe(bBefore);
    const { baseUrl } = server();
    const r = await gql<{ currentTenant: { id: string } }>(baseUrl, '{ currentTenant { id } }', {}, b.apiKey);
    expect(r.data?.currentTenant.id).toBe(b.tenantId);
  });
});
