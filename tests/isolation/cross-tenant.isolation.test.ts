// Tenant A probes every GraphQL root field and every REST route — enumerated from the built
// schema and the Express router, not listed by hand — with tenant B's ids. Nothing of B may come
// back, ids of B are "not found" (never "forbidden": no existence oracle), and B is unchanged.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '@tandem/core';
import { allows, fieldPolicy } from '../../packages/core/src/platform/graphql/policy.js';
import type { Principal } from '../../packages/core/src/platform/auth/principal.js';
import { gql, login, tenantWithAdmin, useTestServer, type GqlResult } from '../support/api.js';

const server = useTestServer('xtenant');
const schema = buildSchema();

interface Side {
  tenantId: string;
  slug: string;
  adminEmail: string;
  adminToken: string;
  apiKey: string;
  apiKeyId: string;
  agentId: string;
  adminId: string;
}

const ALLOWED_CODES = new Set([
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'INVALID_CREDENTIALS',
  'LOGIN_THROTTLED',
  'INVITATION_INVALID',
  'REFRESH_TOKEN_INVALID',
  'WEAK_PASSWORD',
  'ALREADY_MEMBER',
  'SLUG_TAKEN',
]);

async function makeSide(tier: 'POOLED' | 'SILOED', providerToken: string): Promise<Side> {
  const { baseUrl } = server();
  const t = await tenantWithAdmin(baseUrl, providerToken, tier);
  await gql(
    baseUrl,
    'mutation { inviteUser(email: "agent-' + t.slug + '@brand.test", name: "Agent", role: AGENT) { url } }',
    {},
    t.adminToken,
  );
  const key = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    baseUrl,
    'mutation { createApiKey(name: "all", scopes: [TENANT_READ, USERS_READ, USERS_WRITE, AUDIT_READ, CUSTOMER_SESSIONS_WRITE]) { secret apiKey { id } } }',
    {},
    t.adminToken,
  );
  const users = await gql<{ users: { items: { id: string; role: string }[] } }>(
    baseUrl,
    '{ users { items { id role } } }',
    {},
    t.adminToken,
  );
  const items = users.data?.users.items ?? [];
  return {
    tenantId: t.tenantId,
    slug: t.slug,
    adminEmail: t.adminEmail,
    adminToken: t.adminToken,
    apiKey: key.data?.createApiKey.secret ?? '',
    apiKeyId: key.data?.createApiKey.apiKey.id ?? '',
    agentId: items.find((u) => u.role === 'AGENT')?.id ?? '',
    adminId: items.find((u) => u.role === 'TENANT_ADMIN')?.id ?? '',
  };
}

/** A valid-looking value for a non-ID input type; ID arguments get B's ids instead. */
function sample(type: GraphQLInputType, argName: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, argName);
  if (isListType(type)) return [sample(type.ofType, argName)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sample(f.type, f.name)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return 10;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2026-01-01T00:00:00Z';
      default:
        if (/email/i.test(argName)) return 'probe@probe.test';
        if (/password/i.test(argName)) return 'Probe-password-123';
        return 'probe-value-1234567890';
    }
  }
  return null;
}

function isIdArg(arg: GraphQLArgument): boolean {
  return getNamedType(arg.type).name === 'ID';
}

function combos(field: GraphQLField<unknown, unknown>, bIds: string[]): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const arg of field.args) {
    const required = isNonNullType(arg.type);
    const values = isIdArg(arg)
      ? bIds
      : arg.name === 'filter'
        ? [undefined, { tenantId: 'B' }]
        : required
          ? [sample(arg.type, arg.name)]
          : [undefined];
    out = out.flatMap((c) => values.map((v) => (v === undefined ? c : { ...c, [arg.name]: v })));
  }
  return out;
}

function selection(field: GraphQLField<unknown, unknown>): string {
  // Ask for every scalar of the result plus nested objects two levels down: enough to leak.
  const walk = (t: GraphQLNamedType, depth: number): string => {
    if (!isObjectType(t) || depth > 2) return '';
    const parts = Object.values(t.getFields()).map((f) => {
      const named = getNamedType(f.type);
      if (isObjectType(named)) {
        const inner = walk(named, depth + 1);
        return inner ? `${f.name} { ${inner} }` : '';
      }
      return f.args.some((a) => isNonNullType(a.type)) ? '' : f.name;
    });
    return parts.filter(Boolean).join(' ');
  };
  const inner = walk(getNamedType(field.type), 0);
  return inner ? `{ ${inner} }` : '';
}

function documentFor(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  vars: Record<string, unknown>,
): string {
  const used = field.args.filter((a) => a.name in vars);
  const decl = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind}${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection(field)} }`;
}

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
    const bAdmin = await login(baseUrl, b.adminEmail, 'Correct-horse-42-battery');
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
    a = await makeSide(tierA, provider.accessToken);
    b = await makeSide(tierB, provider.accessToken);
    bMarkers = [b.tenantId, b.slug, b.adminEmail, b.agentId, b.adminId, b.apiKeyId];
    bBefore = await snapshotB();
  });

  const probe = (principalName: 'tenant admin' | 'api key' | 'customer') => async () => {
    const { baseUrl, services } = server();
    const customer = await gql<{ createCustomerSession: { token: string } }>(
      baseUrl,
      'mutation { createCustomerSession(customerRef: "probe-customer") { token } }',
      {},
      a.apiKey,
    );
    const customerToken = customer.data?.createCustomerSession.token ?? '';
    expect(customerToken).not.toBe('');
    const bIds = [b.tenantId, b.agentId, b.adminId, b.apiKeyId];
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const;
    let calls = 0;
    for (const [kind, root] of roots) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        let sawNotFound = false;
        for (const vars of combos(field, bIds)) {
          // A fresh credential per call: some probes end the session (logout, switchTenant).
          const fresh = await login(baseUrl, a.adminEmail, 'Correct-horse-42-battery');
          const token =
            principalName === 'tenant admin'
              ? fresh.accessToken
              : principalName === 'api key'
                ? a.apiKey
                : customerToken;
          const r: GqlResult = await gql(baseUrl, documentFor(kind, field, vars), vars, token);
          calls += 1;
          const body = JSON.stringify(r.data ?? null) + JSON.stringify(r.errors ?? []);
          for (const m of bMarkers) expect(body, `${field.name} leaked ${m}`).not.toContain(m);
          for (const e of r.errors ?? []) {
            const code = e.extensions?.code ?? 'NONE';
            expect(
              ALLOWED_CODES.has(code),
              `${field.name}(${JSON.stringify(vars)}) answered ${code}: ${e.message}`,
            ).toBe(true);
            if (code === 'NOT_FOUND') sawNotFound = true;
          }
        }
        // Where A is allowed to call the field at all, B's ids must be "not found".
        const principal: Principal =
          principalName === 'tenant admin'
            ? {
                kind: 'user',
                userId: 'x',
                sessionId: 'x',
                email: 'x',
                providerRole: null,
                tenantId: a.tenantId,
                tenantRole: 'TENANT_ADMIN',
              }
            : principalName === 'api key'
              ? {
                  kind: 'apiKey',
                  keyId: 'x',
                  tenantId: a.tenantId,
                  scopes: [
                    'TENANT_READ',
                    'USERS_READ',
                    'USERS_WRITE',
                    'AUDIT_READ',
                    'CUSTOMER_SESSIONS_WRITE',
                  ],
                }
              : {
                  kind: 'customer',
                  tenantId: a.tenantId,
                  customerRef: 'probe-customer',
                  displayName: null,
                  expiresAt: new Date(),
                };
        const policy = fieldPolicy(field);
        const takesIds = field.args.some((x) => isIdArg(x) && isNonNullType(x.type));
        if (policy && !policy.public && allows(policy, principal) && takesIds) {
          expect(sawNotFound, `${field.name}: B's ids must answer NOT_FOUND`).toBe(true);
        }
      }
    }
    expect(calls).toBeGreaterThan(40);
    void services;
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
    const { baseUrl, api } = server();
    const layers = (
      api.app.router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
    ).stack;
    const routes = layers.flatMap((l) =>
      l.route ? [{ path: l.route.path, methods: Object.keys(l.route.methods) }] : [],
    );
    expect(routes.length).toBeGreaterThan(3);
    for (const r of routes.filter((x) => x.path.includes(':'))) {
      for (const id of [b.tenantId, b.agentId, b.apiKeyId, 'exp_AAAAAAAAAAAAAAAAAAAA']) {
        for (const method of r.methods) {
          const url = baseUrl + r.path.replace(/:[a-zA-Z]+/g, id);
          const res = await fetch(url, {
            method: method.toUpperCase(),
            headers: { authorization: `Bearer ${a.apiKey}` },
          });
          const text = await res.text();
          expect([401, 403, 404], `${method} ${r.path}`).toContain(res.status);
          for (const m of bMarkers) expect(text).not.toContain(m);
        }
      }
    }
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
