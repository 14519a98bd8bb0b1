// Resource limits: request bodies, page sizes and per-tenant request rates.
import { request } from 'node:http';
import { getNamedType, isNonNullType, type GraphQLField } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tandem/core';
import { allows, fieldPolicy } from '../../packages/core/src/platform/graphql/policy.js';
import type { Principal } from '../../packages/core/src/platform/auth/principal.js';
import {
  codeOf,
  gql,
  login,
  onboard,
  tenantWithAdmin,
  useTestServer,
  type GqlResult,
} from '../support/api.js';

const server = useTestServer('sec_resources');

/** express/body-parser size strings ("1mb", "100kb", "512") in bytes. */
function bytesOf(limit: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!m?.[1]) throw new Error(`unrecognised size ${limit}`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit] ?? 1;
  return Math.floor(Number(m[1]) * factor);
}

/** A GraphQL body of exactly `size` bytes: a valid query padded with an unused variable. */
function bodyOfSize(size: number): string {
  const empty = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
  return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(size - empty.length) } });
}

async function post(
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GqlBody }> {
  const res = await fetch(`${server().baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as GqlBody };
}

interface GqlBody {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('request body size', () => {
  it('a body just over BODY_LIMIT: 413 PAYLOAD_TOO_LARGE, nothing executed', async () => {
    const limit = bytesOf(server().config.BODY_LIMIT);
    const over = await post(bodyOfSize(limit + 1));
    expect(over.status).toBe(413);
    expect(over.body.data).toBeUndefined();
    expect(over.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const far = await post(bodyOfSize(limit * 3));
    expect(far.status).toBe(413);
    expect(far.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body at BODY_LIMIT is served (the control)', async () => {
    const limit = bytesOf(server().config.BODY_LIMIT);
    const at = await post(bodyOfSize(limit));
    expect(at.status).toBe(200);
    expect(at.body.data).toEqual({ __typename: 'Query' });
  });

  it('an oversized body without Content-Length (chunked) is cut off at the limit too', async () => {
    const { port, config } = server();
    const limit = bytesOf(config.BODY_LIMIT);
    const chunk = 'x'.repeat(64 * 1024);
    const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write('{"query":"{ __typename }","variables":{"pad":"');
      let sent = 0;
      const pump = (): void => {
        while (sent < limit * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end('"}}');
      };
      pump();
    }).catch((e: unknown) => ({ status: -1, text: String(e) }));
    // Either the 413 arrives, or the server cut the connection while we were still sending.
    if (result.status !== -1) {
      expect(result.status).toBe(413);
      expect(result.text).toContain('PAYLOAD_TOO_LARGE');
    } else {
      expect(result.text).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    }
  });
});

describe('page sizes', () => {
  const schema = buildSchema();
  let providerToken: string;
  let adminToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    adminToken = t.adminToken;
  });

  const pagedFields = (): GraphQLField<unknown, unknown>[] =>
    Object.values(schema.getQueryType()?.getFields() ?? {}).filter((f) =>
      f.args.some((a) => a.name === 'pageSize'),
    );

  const call = (
    field: GraphQLField<unknown, unknown>,
    pageSize: number,
    token: string,
  ): Promise<GqlResult> => {
    const required = field.args.filter((a) => isNonNullType(a.type));
    expect(required, `${field.name} has required arguments the suite does not know`).toEqual([]);
    const named = getNamedType(field.type);
    const sel =
      'getFields' in named && 'total' in named.getFields() ? '{ total pageSize }' : '{ __typename }';
    return gql(
      server().baseUrl,
      `query($n: Int) { ${field.name}(pageSize: $n) ${sel} }`,
      { n: pageSize },
      token,
    );
  };

  const caller = (field: GraphQLField<unknown, unknown>): string => {
    const policy = fieldPolicy(field);
    const provider: Principal = {
      kind: 'user',
      userId: 'x',
      sessionId: 'x',
      email: 'x',
      providerRole: 'PROVIDER_ADMIN',
      tenantId: null,
      tenantRole: null,
    };
    return policy && allows(policy, provider) ? providerToken : adminToken;
  };

  it('every paged root field (enumerated from the schema) refuses pageSize > 100 with VALIDATION_FAILED', async () => {
    const fields = pagedFields();
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['users', 'tenants', 'auditLog', 'providerUsers']),
    );
    for (const field of fields) {
      for (const n of [101, 1000, 2 ** 31 - 1]) {
        const r = await call(field, n, caller(field));
        expect(codeOf(r), `${field.name}(pageSize: ${n})`).toBe('VALIDATION_FAILED');
        expect(r.data, field.name).toBeNull();
        const issues = r.errors?.[0]?.extensions?.issues as { path: string }[] | undefined;
        expect(issues?.map((i) => i.path)).toContain('pageSize');
      }
      for (const n of [0, -1]) {
        const r = await call(field, n, caller(field));
        expect(codeOf(r), `${field.name}(pageSize: ${n})`).toBe('VALIDATION_FAILED');
      }
    }
  });

  it('pageSize 100 is served (the control)', async () => {
    for (const field of pagedFields()) {
      const r = await call(field, 100, caller(field));
      expect(r.errors, field.name).toBeUndefined();
    }
  });

  it('a page number past the cap is refused as well', async () => {
    const r = await gql(
      server().baseUrl,
      '{ tenants(page: 10001, pageSize: 100) { total } }',
      {},
      providerToken,
    );
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
  });
});

describe('per-tenant rate limits', () => {
  let providerToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
  });

  const currentTenant = (key: string) =>
    gql<{ currentTenant: { id: string } }>(server().baseUrl, '{ currentTenant { id } }', {}, key);

  const usage = async (id: string) => {
    const r = await gql<{ tenant: { usage: { requestsToday: number; rateLimitedToday: number } } }>(
      server().baseUrl,
      'query($id: ID!) { tenant(id: $id) { usage { requestsToday rateLimitedToday } } }',
      { id },
      providerToken,
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.tenant.usage;
  };

  it('a tenant on 10 requests/minute gets 429 with Retry-After after its budget; another tenant is unaffected', async () => {
    const { baseUrl } = server();
    const small = await onboard(baseUrl, providerToken, 'POOLED', {
      plan: { seats: 5, apiRatePerMinute: 10, storageMb: 100 },
    });
    const big = await onboard(baseUrl, providerToken, 'SILOED');

    for (let i = 0; i < 10; i += 1) {
      const r = await currentTenant(small.apiKey);
      expect(r.status, `request ${i + 1}`).toBe(200);
      expect(r.data?.currentTenant.id).toBe(small.tenantId);
    }
    const limited: GqlResult[] = [];
    for (let i = 0; i < 3; i += 1) limited.push(await currentTenant(small.apiKey));
    for (const r of limited) {
      expect(r.status).toBe(429);
      expect(codeOf(r)).toBe('RATE_LIMITED');
      expect(r.data).toBeNull();
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }

    // Same window, another tenant: all served.
    for (let i = 0; i < 15; i += 1) {
      const r = await currentTenant(big.apiKey);
      expect(r.status, `other tenant, request ${i + 1}`).toBe(200);
    }
    // The provider (no tenant) is not counted against either tenant.
    expect((await gql(baseUrl, '{ tenants { total } }', {}, providerToken)).status).toBe(200);

    expect(await usage(small.tenantId)).toEqual({ requestsToday: 13, rateLimitedToday: 3 });
    expect(await usage(big.tenantId)).toEqual({ requestsToday: 15, rateLimitedToday: 0 });
  });

  it('the budget is per tenant, not per credential: a second key of the same tenant shares it', async () => {
    const { baseUrl } = server();
    const t = await onboard(baseUrl, providerToken, 'POOLED', {
      plan: { seats: 5, apiRatePerMinute: 10, storageMb: 100 },
    });
    // Half the budget with the default key…
    for (let i = 0; i < 5; i += 1) expect((await currentTenant(t.apiKey)).status).toBe(200);
    // …the other half with the admin's own session (accepting the invitation is anonymous).
    const accepted = await gql<{ acceptInvitation: { accessToken: string } }>(
      baseUrl,
      'mutation($t: String!) { acceptInvitation(token: $t, name: "Admin", password: "Correct-horse-42-battery") { accessToken } }',
      { t: t.inviteToken },
    );
    const adminToken = accepted.data?.acceptInvitation.accessToken ?? '';
    for (let i = 0; i < 5; i += 1) expect((await currentTenant(adminToken)).status).toBe(200);
    const over = await currentTenant(adminToken);
    expect(over.status).toBe(429);
    expect((await currentTenant(t.apiKey)).status).toBe(429);
  });

  it('a flood from one tenant leaves another tenant’s requests served', async () => {
    const { baseUrl } = server();
    const flooder = await onboard(baseUrl, providerToken, 'POOLED', {
      plan: { seats: 5, apiRatePerMinute: 10, storageMb: 100 },
    });
    const quiet = await onboard(baseUrl, providerToken, 'POOLED');
    const flood = Promise.all(Array.from({ length: 150 }, () => currentTenant(flooder.apiKey)));
    const served: number[] = [];
    for (let i = 0; i < 20; i += 1) served.push((await currentTenant(quiet.apiKey)).status);
    const floodResults = await flood;
    expect(served.every((s) => s === 200)).toBe(true);
    expect(floodResults.filter((r) => r.status === 200)).toHaveLength(10);
    expect(floodResults.filter((r) => r.status === 429)).toHaveLength(140);
  });
});
