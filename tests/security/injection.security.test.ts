// NoSQL operator injection and mass assignment, over HTTP and at the Mongoose layer of the real
// server. Operator objects sent where a string is expected must be refused (400) or matched as
// literals — never widen a match; extra fields must be refused or ignored — never written.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, registeredModels, tenancy, type ModelDef } from '@tandem/core';
import {
  ACCEPT,
  codeOf,
  gql,
  login,
  LOGIN,
  onboard,
  ONBOARD,
  STRONG_PASSWORD,
  tenantWithAdmin,
  useTestServer,
  type Onboarded,
} from '../support/api.js';
import { inviteMember } from '../support/people.js';

const server = useTestServer('sec_inject');
const schema = buildSchema();

/** Operator payloads an attacker sends where the API expects a string. */
const OPERATORS: [string, unknown][] = [
  ['$ne', { $ne: null }],
  ['$gt', { $gt: '' }],
  ['$regex', { $regex: '.*' }],
  ['$regex with options', { $regex: '^', $options: 'i' }],
  ['$where', { $where: 'return true' }],
  ['$expr', { $expr: { $eq: [1, 1] } }],
  ['$nor', { $nor: [{ _id: 'x' }] }],
  ['$in', { $in: ['a', 'b'] }],
  ['$exists', { $exists: true }],
  ['nested', { email: { $ne: null }, $or: [{ a: { $gt: '' } }] }],
  ['array of operators', [{ $ne: null }]],
];

/** A valid sample for an input position, so that only the attacked position is wrong. */
function sample(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return [sample(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sample(f.type, f.name)]));
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return 10;
    if (type.name === 'Boolean') return true;
    if (type.name === 'DateTime') return '2026-01-01T00:00:00Z';
    if (type.name === 'ID') return 'usr_AAAAAAAAAAAAAAAAAAAA';
    if (/email/i.test(name)) return 'probe@probe.test';
    if (/password/i.test(name)) return 'Probe-password-123';
    return 'probe-value-1234567890';
  }
  return null;
}

interface Position {
  /** path inside the variables, e.g. ['input', 'plan'] */
  path: string[];
}

/** Every String/ID leaf under an argument (through input objects and lists). */
function stringPositions(
  type: GraphQLInputType,
  path: string[],
  out: Position[],
  seen = new Set<string>(),
): void {
  const named = getNamedType(type);
  if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
    out.push({ path });
    return;
  }
  if (isInputObjectType(named) && !seen.has(named.name)) {
    const next = new Set(seen).add(named.name);
    for (const f of Object.values(named.getFields())) stringPositions(f.type, [...path, f.name], out, next);
  }
}

function setAt(vars: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(vars);
  let node: Record<string, unknown> = copy;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) node[key] = value;
    else {
      const child = node[key];
      node = (Array.isArray(child) ? child[0] : child) as Record<string, unknown>;
    }
  }
  return copy;
}

function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = 'getFields' in named ? '{ __typename }' : '';
  return `${kind}${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
}

describe('operator objects in GraphQL variables', () => {
  let providerToken: string;
  let tenant: Onboarded & { adminToken: string };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    tenant = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    // Every string argument of every root field times every operator, twice: more requests than a
    // plan's minute budget as the modules grow. Rate limits are not what this suite checks.
    const plan = await gql(
      baseUrl,
      'mutation($id: ID!) { updateTenantPlan(id: $id, plan: { seats: 20, apiRatePerMinute: 100000, storageMb: 1024 }) { id } }',
      { id: tenant.tenantId },
      providerToken,
    );
    if (plan.errors) throw new Error(`updateTenantPlan failed: ${JSON.stringify(plan.errors)}`);
  });

  it('every String/ID argument of every root field (enumerated from the schema) answers 400 to each operator', async () => {
    const { baseUrl } = server();
    let calls = 0;
    for (const [kind, root] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const base = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type, a.name)]));
        const positions: Position[] = [];
        for (const a of field.args) stringPositions(a.type, [a.name], positions);
        for (const pos of positions) {
          for (const [opName, payload] of OPERATORS) {
            // Both the provider and a tenant admin: whoever might be allowed to call the field.
            for (const token of [providerToken, tenant.adminToken]) {
              const r = await gql(baseUrl, documentFor(kind, field), setAt(base, pos.path, payload), token);
              calls += 1;
              const where = `${field.name}(${pos.path.join('.')}) ← ${opName}`;
              expect(r.status, where).toBe(400);
              expect(codeOf(r), where).toBe('BAD_USER_INPUT');
              expect(r.data, where).toBeNull();
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(200);
  }, 180_000);

  it('login: operators never sign anyone in; operator-looking strings are literals', async () => {
    const { baseUrl, providerAdmin } = server();
    for (const [, payload] of OPERATORS) {
      for (const vars of [
        { email: payload, password: payload },
        { email: providerAdmin.email, password: payload },
        { email: payload, password: providerAdmin.password },
      ]) {
        const r = await gql(baseUrl, LOGIN, vars);
        expect(r.status).toBe(400);
        expect(r.data).toBeNull();
      }
      const literal = await gql(baseUrl, LOGIN, {
        email: JSON.stringify(payload),
        password: JSON.stringify(payload),
      });
      expect(codeOf(literal)).toBe('INVALID_CREDENTIALS');
      expect(literal.data).toBeNull();
    }
    // A body that is not a GraphQL request at all.
    for (const body of [
      { query: { $ne: null } },
      { query: LOGIN, variables: { $where: 'return true' } },
      { query: LOGIN, operationName: { $ne: null } },
    ]) {
      const res = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).not.toContain('accessToken"');
    }
  });

  it('users(search): regex metacharacters match literally, never everyone', async () => {
    const { baseUrl } = server();
    await inviteMember(baseUrl, tenant.adminToken, 'AGENT', { name: 'Literal .* Star' });
    await inviteMember(baseUrl, tenant.adminToken, 'AGENT', { name: 'Plain Person' });
    const search = async (s: string) => {
      const r = await gql<{ users: { total: number; items: { name: string; email: string }[] } }>(
        baseUrl,
        'query($s: String) { users(search: $s, pageSize: 100) { total items { name email } } }',
        { s },
        tenant.adminToken,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.users ?? { total: -1, items: [] };
    };
    const everyone = await search('');
    expect(everyone.total).toBeGreaterThanOrEqual(3);
    expect(everyone.items).toHaveLength(everyone.total);
    const star = await search('.*');
    expect(star.items.map((u) => u.name)).toEqual(['Literal .* Star']);
    // Exactly the users whose name or email contains the text as typed.
    const literally = (s: string) =>
      everyone.items
        .filter(
          (u) =>
            u.name.toLowerCase().includes(s.toLowerCase()) || u.email.toLowerCase().includes(s.toLowerCase()),
        )
        .map((u) => u.email)
        .sort();
    for (const s of ['.*', '^', '.+', '[a-z]', '(?:)', '|', '$ne', '{"$ne":null}', '\\w', 'a|e', '.', '@']) {
      const r = await search(s);
      expect(r.items.map((u) => u.email).sort(), `search ${s}`).toEqual(literally(s));
    }
    expect(literally('.*')).toHaveLength(1);
    expect(literally('^')).toHaveLength(0);
    for (const [, payload] of OPERATORS) {
      const r = await gql(
        baseUrl,
        'query($s: String) { users(search: $s) { total } }',
        { s: payload },
        tenant.adminToken,
      );
      expect(r.status).toBe(400);
      expect(r.data).toBeNull();
    }
  });

  it('user(id): operators are refused, id patterns are validated', async () => {
    const { baseUrl } = server();
    for (const [, payload] of OPERATORS) {
      const r = await gql(
        baseUrl,
        'query($id: ID!) { user(id: $id) { id } }',
        { id: payload },
        tenant.adminToken,
      );
      expect(r.status).toBe(400);
      expect(r.data).toBeNull();
    }
    for (const id of ['usr_.*', '.*', '{"$ne":null}', 'usr_AAAAAAAAAAAAAAAAAAA$']) {
      const r = await gql(baseUrl, 'query($id: ID!) { user(id: $id) { id } }', { id }, tenant.adminToken);
      expect(codeOf(r), id).toBe('VALIDATION_FAILED');
      expect(r.data).toBeNull();
    }
  });

  it('invitation(token) and acceptInvitation: operators never match a pending invitation', async () => {
    const { baseUrl } = server();
    const t = await onboard(baseUrl, providerToken, 'POOLED');
    for (const [, payload] of OPERATORS) {
      const info = await gql(baseUrl, 'query($t: String!) { invitation(token: $t) { email } }', {
        t: payload,
      });
      expect(info.status).toBe(400);
      expect(info.data).toBeNull();
      for (const vars of [
        { token: payload, name: 'Mallory', password: STRONG_PASSWORD },
        { token: t.inviteToken, name: payload, password: STRONG_PASSWORD },
        { token: t.inviteToken, name: 'Mallory', password: payload },
      ]) {
        const r = await gql(baseUrl, ACCEPT, vars);
        expect(r.status).toBe(400);
        expect(r.data).toBeNull();
      }
    }
    for (const literal of ['.*.*.*.*.*.*', '{"$ne":null}', '{"$gt":""}x', 'a'.repeat(40)]) {
      const info = await gql(baseUrl, 'query($t: String!) { invitation(token: $t) { email } }', {
        t: literal,
      });
      expect(codeOf(info), literal).toBe('INVITATION_INVALID');
      const r = await gql(baseUrl, ACCEPT, { token: literal, name: 'Mallory', password: STRONG_PASSWORD });
      expect(codeOf(r), literal).toBe('INVITATION_INVALID');
      expect(r.data).toBeNull();
    }
    // The real invitation is still pending and still works for its owner.
    const info = await gql<{ invitation: { email: string } }>(
      baseUrl,
      'query($t: String!) { invitation(token: $t) { email } }',
      {
        t: t.inviteToken,
      },
    );
    expect(info.data?.invitation.email).toBe(t.adminEmail);
    const ok = await gql(baseUrl, ACCEPT, { token: t.inviteToken, name: 'Owner', password: STRONG_PASSWORD });
    expect(ok.errors).toBeUndefined();
  });
});

describe('operators in REST query strings and paths', () => {
  let providerToken: string;
  let exportId: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    // A real export exists, so a widened match would have something to return.
    const t = await onboard(baseUrl, providerToken, 'POOLED');
    const off = await gql<{ offboardTenant: { exportId: string } }>(
      baseUrl,
      'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId } }',
      { id: t.tenantId, slug: t.slug },
      providerToken,
    );
    if (!off.data) throw new Error(`offboard failed: ${JSON.stringify(off.errors)}`);
    exportId = off.data.offboardTenant.exportId;
  });

  const QUERY_STRINGS = [
    'a[$ne]=x',
    'id[$ne]=x',
    'id[$gt]=',
    'id[$regex]=.*',
    'a[$where]=return%20true',
    'a[$expr][$eq][]=1',
    'a[$nor][0][x]=1',
    'a[b][c][d][e][$ne]=1',
    'tenantId[$ne]=x',
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
  ];

  it('the real export downloads (the control)', async () => {
    const res = await fetch(`${server().baseUrl}/v1/exports/${exportId}`, {
      headers: { authorization: `Bearer ${providerToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    await res.arrayBuffer();
  });

  it.each(QUERY_STRINGS)('?%s: /healthz, /readyz and the JWKS answer as usual', async (qs) => {
    const { baseUrl } = server();
    for (const path of ['/healthz', '/readyz', '/.well-known/jwks.json']) {
      const res = await fetch(`${baseUrl}${path}?${qs}`);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(QUERY_STRINGS)('?%s on /v1/exports/:id never widens the match', async (qs) => {
    const { baseUrl } = server();
    const headers = { authorization: `Bearer ${providerToken}` };
    const missing = await fetch(`${baseUrl}/v1/exports/exp_AAAAAAAAAAAAAAAAAAAA?${qs}`, { headers });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Export not found' } });
    const real = await fetch(`${baseUrl}/v1/exports/${exportId}?${qs}`, { headers });
    expect(real.status).toBe(200);
    await real.arrayBuffer();
  });

  it.each([
    encodeURIComponent('{"$ne":null}'),
    encodeURIComponent('{"$regex":".*"}'),
    'exp_.*',
    'exp_%2E%2A',
    `${'exp_AAAAAAAAAAAAAAAAAAAA'}%00`,
    '%24ne',
  ])('/v1/exports/%s is not found', async (id) => {
    const res = await fetch(`${server().baseUrl}/v1/exports/${id}`, {
      headers: { authorization: `Bearer ${providerToken}` },
    });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('a query string on /graphql changes nothing', async () => {
    const { baseUrl, providerAdmin } = server();
    const res = await fetch(
      `${baseUrl}/graphql?email[$ne]=x&password[$ne]=x&query=${encodeURIComponent('{ viewer { user { id } } }')}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: LOGIN,
          variables: { email: providerAdmin.email, password: 'wrong-password' },
        }),
      },
    );
    const body = (await res.json()) as { data: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('mass assignment over GraphQL', () => {
  let providerToken: string;
  let tenant: Onboarded & { adminToken: string };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    tenant = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
  });

  const validInput = (slug: string) => ({
    name: `Mass ${slug}`,
    slug,
    tier: 'POOLED',
    plan: { seats: 5, apiRatePerMinute: 600, storageMb: 1024 },
    locale: 'en',
    timeZone: 'UTC',
    adminEmail: `${slug}@brand.test`,
  });

  it.each<[string, (slug: string) => Record<string, unknown>]>([
    ['tenantId', (s) => ({ ...validInput(s), tenantId: 'tn_AAAAAAAAAAAAAAAAAAAA' })],
    ['_id', (s) => ({ ...validInput(s), _id: 'tn_AAAAAAAAAAAAAAAAAAAA' })],
    ['id', (s) => ({ ...validInput(s), id: 'tn_AAAAAAAAAAAAAAAAAAAA' })],
    ['role', (s) => ({ ...validInput(s), role: 'PROVIDER_ADMIN' })],
    ['status', (s) => ({ ...validInput(s), status: 'ACTIVE' })],
    ['$set', (s) => ({ ...validInput(s), $set: { status: 'ACTIVE' } })],
    ['dotted key', (s) => ({ ...validInput(s), 'plan.seats': 100000 })],
    [
      'extra key in the nested plan',
      (s) => ({ ...validInput(s), plan: { ...validInput(s).plan, unlimited: true } }),
    ],
    [
      '$inc in the nested plan',
      (s) => ({ ...validInput(s), plan: { ...validInput(s).plan, $inc: { seats: 1 } } }),
    ],
    [
      '__proto__',
      (s) =>
        JSON.parse(
          `{"__proto__": {"role": "PROVIDER_ADMIN"}, ${JSON.stringify(validInput(s)).slice(1)}`,
        ) as Record<string, unknown>,
    ],
  ])('onboardTenant input with an extra %s is refused and nothing is written', async (_name, build) => {
    const { baseUrl } = server();
    const slug = `mass-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const input = build(slug);
    const r = await gql(baseUrl, ONBOARD, { input }, providerToken);
    if (_name === '__proto__') {
      // JSON.parse keeps "__proto__" as an own key; GraphQL must not accept it as a field.
      expect(Object.keys(input)).toContain('__proto__');
    }
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.data).toBeNull();
    const list = await gql<{ tenants: { total: number } }>(
      baseUrl,
      'query($s: String) { tenants(search: $s) { total } }',
      { s: slug },
      providerToken,
    );
    expect(list.data?.tenants.total).toBe(0);
  });

  it('createApiKey with an extra tenantId or role argument is refused and creates nothing', async () => {
    const { baseUrl } = server();
    const count = async () =>
      (await gql<{ apiKeys: unknown[] }>(baseUrl, '{ apiKeys { id } }', {}, tenant.adminToken)).data?.apiKeys
        .length;
    const before = await count();
    for (const extra of [
      'tenantId: "tn_AAAAAAAAAAAAAAAAAAAA"',
      'role: TENANT_ADMIN',
      '_id: "key_AAAAAAAAAAAAAAAAAAAA"',
      'revokedAt: null',
    ]) {
      const r = await gql(
        baseUrl,
        `mutation { createApiKey(name: "extra", scopes: [TENANT_READ], ${extra}) { secret } }`,
        {},
        tenant.adminToken,
      );
      expect(r.status, extra).toBe(400);
      expect(codeOf(r), extra).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.data).toBeNull();
    }
    // Undeclared variables are not arguments.
    const r = await gql(
      baseUrl,
      'mutation { createApiKey(name: "vars", scopes: [TENANT_READ]) { apiKey { id } } }',
      { tenantId: 'tn_AAAAAAAAAAAAAAAAAAAA', scopes: ['AUDIT_READ'], $set: { tenantId: 'x' } },
      tenant.adminToken,
    );
    expect(r.errors).toBeUndefined();
    expect(await count()).toBe((before ?? 0) + 1);
    const keys = await gql<{ apiKeys: { name: string; scopes: string[] }[] }>(
      baseUrl,
      '{ apiKeys { name scopes } }',
      {},
      tenant.adminToken,
    );
    expect(keys.data?.apiKeys.find((k) => k.name === 'vars')?.scopes).toEqual(['TENANT_READ']);
  });

  it('updateUserRole with an extra tenantId argument is refused; the role stays', async () => {
    const { baseUrl } = server();
    const m = await inviteMember(baseUrl, tenant.adminToken, 'AGENT');
    const r = await gql(
      baseUrl,
      `mutation { updateUserRole(userId: "${m.userId}", role: SUPERVISOR, tenantId: "tn_AAAAAAAAAAAAAAAAAAAA") { id } }`,
      {},
      tenant.adminToken,
    );
    expect(r.status).toBe(400);
    expect(r.data).toBeNull();
    const u = await gql<{ user: { role: string } }>(
      baseUrl,
      'query($id: ID!) { user(id: $id) { role } }',
      { id: m.userId },
      tenant.adminToken,
    );
    expect(u.data?.user.role).toBe('AGENT');
  });

  it('auditLog(filter: { tenantId }) from a tenant principal is ignored', async () => {
    const { baseUrl } = server();
    const other = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const r = await gql<{ auditLog: { items: { tenantId: string | null }[] } }>(
      baseUrl,
      'query($t: ID) { auditLog(filter: { tenantId: $t }, pageSize: 100) { items { tenantId } } }',
      { t: other.tenantId },
      tenant.adminToken,
    );
    expect(r.errors).toBeUndefined();
    const tenants = new Set(r.data?.auditLog.items.map((i) => i.tenantId));
    expect([...tenants]).toEqual([tenant.tenantId]);
  });
});

describe('the Mongoose layer of the running server', () => {
  let a: Onboarded & { adminToken: string };
  let b: Onboarded & { adminToken: string };
  let apiKeyModel: ModelDef<unknown>;

  const model = () => server().services.db.model(apiKeyModel);
  const inTenant = <T>(t: Onboarded, fn: () => Promise<T>): Promise<T> =>
    tenancy.runAsSystem('security-suite', () => tenancy.withTenant({ id: t.tenantId, tier: 'POOLED' }, fn));
  const rawKeys = async (tenantId: string) => {
    const db = server().services.db.connection.db;
    if (!db) throw new Error('not connected');
    return db.collection('api_keys').countDocuments({ tenantId });
  };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    a = await tenantWithAdmin(baseUrl, provider.accessToken, 'POOLED');
    b = await tenantWithAdmin(baseUrl, provider.accessToken, 'POOLED');
    const def = registeredModels().find((m) => m.name === 'ApiKey');
    if (!def) throw new Error('ApiKey model not registered');
    expect(def.placement).toBe('tenant');
    apiKeyModel = def;
  });

  it.each<[string, () => Promise<unknown>]>([
    ['$set', () => model().updateMany({}, { $set: { tenantId: b.tenantId } })],
    ['a bare field', () => model().updateOne({}, { tenantId: b.tenantId })],
    ['$unset', () => model().updateMany({}, { $unset: { tenantId: 1 } })],
    ['$rename onto tenantId', () => model().updateMany({}, { $rename: { name: 'tenantId' } })],
    [
      '$setOnInsert with upsert',
      () =>
        model().updateOne(
          { name: 'no-such-key' },
          { $setOnInsert: { tenantId: b.tenantId } },
          { upsert: true },
        ),
    ],
    ['findOneAndUpdate', () => model().findOneAndUpdate({}, { $set: { tenantId: b.tenantId } })],
    [
      'a filter naming the other tenant',
      () => model().updateMany({ tenantId: b.tenantId }, { $set: { name: 'x' } }),
    ],
    [
      'bulkWrite',
      () => model().bulkWrite([{ updateOne: { filter: {}, update: { $set: { tenantId: b.tenantId } } } }]),
    ],
    [
      'insert into the other tenant',
      () =>
        model().create({
          _id: 'key_AAAAAAAAAAAAAAAAAAAA',
          tenantId: b.tenantId,
          name: 'x',
          prefix: 'x',
          hash: 'x',
          scopes: [],
          createdBy: 'x',
        }),
    ],
  ])('changing tenantId via %s throws TENANCY_VIOLATION and moves nothing', async (_name, op) => {
    const before = [await rawKeys(a.tenantId), await rawKeys(b.tenantId)];
    await expect(inTenant(a, op)).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    expect([await rawKeys(a.tenantId), await rawKeys(b.tenantId)]).toEqual(before);
  });

  it('an update pipeline that rewrites tenantId is refused by the tenancy plugin', async () => {
    const before = [await rawKeys(a.tenantId), await rawKeys(b.tenantId)];
    // Mongoose needs an explicit opt-in for pipelines; MongoDB runs them. The plugin must still refuse.
    const op = () => model().updateMany({}, [{ $set: { tenantId: b.tenantId } }], { updatePipeline: true });
    await expect(inTenant(a, op)).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    expect([await rawKeys(a.tenantId), await rawKeys(b.tenantId)]).toEqual(before);
  });

  it('replaceOne and save() cannot move a document to another tenant', async () => {
    const doc = await inTenant(a, () => model().findOne({}).lean<{ _id: string }>());
    expect(doc).not.toBeNull();
    const id = doc?._id ?? '';
    await expect(
      inTenant(a, () =>
        model().replaceOne(
          { _id: id },
          { tenantId: b.tenantId, name: 'r', prefix: 'p', hash: 'h', scopes: [], createdBy: 'x' },
        ),
      ),
    ).rejects.toMatchObject({ code: 'TENANCY_VIOLATION' });
    await inTenant(a, async () => {
      const d = await model().findById(id);
      if (!d) throw new Error('missing');
      d.set('tenantId', b.tenantId);
      await d.save().catch(() => undefined);
    });
    const db = server().services.db.connection.db;
    const raw = await db?.collection<{ _id: string; tenantId: string }>('api_keys').findOne({ _id: id });
    expect(raw?.tenantId).toBe(a.tenantId);
  });

  it('a mistyped filter key throws (strictQuery: "throw") instead of matching everything', async () => {
    for (const filter of [
      { nmae: 'Default key' },
      { tenantid: a.tenantId },
      { revokedat: null },
      { lastusedAt: null },
    ]) {
      await expect(
        inTenant(a, () => model().find(filter).lean()),
        JSON.stringify(filter),
      ).rejects.toThrow(/strictQuery|not in schema/);
      await expect(
        inTenant(a, () => model().updateMany(filter, { $set: { name: 'renamed' } })),
      ).rejects.toThrow();
    }
    const names = await inTenant(a, () => model().find({}).lean<{ name: string }[]>());
    expect(names.every((k) => k.name !== 'renamed')).toBe(true);
  });

  it('operator objects in filter values are neutralised (sanitizeFilter)', async () => {
    for (const [name, payload] of OPERATORS) {
      const run = inTenant(a, () => model().find({ hash: payload }).lean<unknown[]>());
      // Either refused (cast error / operator not allowed) or matched literally: nothing comes back.
      const found = await run.catch(() => []);
      expect(found, name).toEqual([]);
    }
    for (const top of [{ $where: 'return true' }, { $expr: { $eq: [1, 1] } }]) {
      await expect(inTenant(a, () => model().find(top).lean())).rejects.toThrow(/sanitizeFilter/);
    }
  });

  it('without a tenant context every operation throws TENANT_CONTEXT_MISSING, never all tenants', async () => {
    const ops: [string, () => Promise<unknown>][] = [
      ['find', () => model().find({}).lean()],
      ['findOne', () => model().findOne({}).lean()],
      ['countDocuments', () => model().countDocuments({})],
      ['aggregate', () => model().aggregate([{ $match: {} }])],
      ['updateMany', () => model().updateMany({}, { $set: { name: 'everyone' } })],
      ['deleteMany', () => model().deleteMany({})],
      [
        'create',
        () =>
          model().create({
            _id: 'key_BBBBBBBBBBBBBBBBBBBB',
            name: 'x',
            prefix: 'x',
            hash: 'x',
            scopes: [],
            createdBy: 'x',
          }),
      ],
    ];
    const before = [await rawKeys(a.tenantId), await rawKeys(b.tenantId)];
    for (const [name, op] of ops) {
      await expect(op(), `${name} outside any scope`).rejects.toMatchObject({
        code: 'TENANT_CONTEXT_MISSING',
      });
      await expect(tenancy.runAsSystem('probe', op), `${name} in a system scope`).rejects.toMatchObject({
        code: 'TENANT_CONTEXT_MISSING',
      });
    }
    for (const [name, op] of ops.filter(([n]) => ['updateMany', 'deleteMany', 'create'].includes(n))) {
      await expect(
        tenancy.runAsSystem('probe', op, { allTenants: true }),
        `${name} across all tenants`,
      ).rejects.toMatchObject({
        code: 'TENANT_CONTEXT_MISSING',
      });
    }
    expect([await rawKeys(a.tenantId), await rawKeys(b.tenantId)]).toEqual(before);
    expect(() => tenancy.requireTenant()).toThrow(
      expect.objectContaining({ code: 'TENANT_CONTEXT_MISSING' }),
    );
  });
});
