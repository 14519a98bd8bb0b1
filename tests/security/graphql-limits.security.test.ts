// Bounds on what one GraphQL request may ask for, and what the API reveals about itself.
// Every oversized document is a mutation that would create an API key if it ran: "refused" means
// no data, no key, and an answer that tells the client it was the client's request (400 with a
// GraphQL validation/parse code), not a masked server failure.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_LIMITS } from '@tandem/core';
import { codeOf, gql, login, tenantWithAdmin, useTestServer, type GqlResult } from '../support/api.js';

const CREATE = 'createApiKey(name: "limits", scopes: [TENANT_READ])';
const KEY_FIELDS = 'secret apiKey { id name prefix scopes createdAt lastUsedAt revokedAt }';

function aliased(n: number, directive = ''): string {
  return `mutation { ${Array.from({ length: n }, (_, i) => `k${i}: ${CREATE} ${directive} { secret }`).join(' ')} }`;
}

/**
 * Inline fragments nested `levels` deep, each one level of depth, all on real types; cheap in
 * cost and tokens, so only the depth limit can refuse it.
 */
function deepInline(levels: number): string {
  const open = '... on ApiKeyWithSecret { '.repeat(levels);
  const close = ' }'.repeat(levels);
  return `mutation { ${CREATE} { ${open}secret apiKey { id }${close} } }`;
}

/** Cheap in tokens, expensive in cost: the same fragment spread many times. */
function costly(spreads: number): string {
  return `mutation { ${CREATE} { ${'...K '.repeat(spreads)} } } fragment K on ApiKeyWithSecret { ${KEY_FIELDS} }`;
}

interface Case {
  name: string;
  document: () => string;
  /** the limit's own words in the message */
  message: RegExp;
  code: 'GRAPHQL_VALIDATION_FAILED' | 'GRAPHQL_PARSE_FAILED';
}

const OVER: Case[] = [
  {
    name: `depth beyond ${GRAPHQL_LIMITS.depth}`,
    document: () => deepInline(GRAPHQL_LIMITS.depth),
    message: /depth/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: `more than ${GRAPHQL_LIMITS.aliases} aliases`,
    document: () => aliased(GRAPHQL_LIMITS.aliases + 1),
    message: /alias/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: `more than ${GRAPHQL_LIMITS.directives} directives`,
    document: () => aliased(GRAPHQL_LIMITS.directives + 1, '@include(if: true)'),
    message: /directive/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: `cost over ${GRAPHQL_LIMITS.cost}`,
    document: () => costly(900),
    message: /cost/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'one field duplicated ×1000',
    document: () => `mutation { ${CREATE} { ${'secret '.repeat(1000)} } }`,
    message: /./,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '200 aliases of __typename',
    document: () =>
      `mutation { ${CREATE} { secret } ${Array.from({ length: 200 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    message: /alias/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '__typename aliased just past the limit, inside a selection',
    document: () =>
      `mutation { ${CREATE} { secret ${Array.from({ length: GRAPHQL_LIMITS.aliases + 1 }, (_, i) => `t${i}: __typename`).join(' ')} } }`,
    message: /alias/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: '200 unknown directives',
    document: () => `mutation { ${CREATE} ${'@nope '.repeat(200)} { secret } }`,
    message: /directive/i,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: `more than ${GRAPHQL_LIMITS.tokens} tokens`,
    document: () => `mutation { ${CREATE} { ${'secret '.repeat(GRAPHQL_LIMITS.tokens)} } }`,
    message: /token/i,
    code: 'GRAPHQL_PARSE_FAILED',
  },
];

describe('document limits', () => {
  const server = useTestServer('sec_gqllimits');
  let adminToken: string;

  const keyCount = async (): Promise<number> => {
    const r = await gql<{ apiKeys: unknown[] }>(server().baseUrl, '{ apiKeys { id } }', {}, adminToken);
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.apiKeys.length;
  };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    adminToken = (await tenantWithAdmin(baseUrl, provider.accessToken, 'POOLED')).adminToken;
  });

  it('the generators are sound: just inside every limit, the same shapes run', async () => {
    const { baseUrl } = server();
    const before = await keyCount();
    const inside = [
      deepInline(3),
      aliased(GRAPHQL_LIMITS.aliases),
      aliased(GRAPHQL_LIMITS.directives, '@include(if: true)'),
      costly(20),
      `mutation { ${CREATE} { ${'secret '.repeat(50)} } }`,
    ];
    let created = 0;
    for (const doc of inside) {
      const r = await gql<Record<string, unknown>>(baseUrl, doc, {}, adminToken);
      expect(r.errors, doc.slice(0, 80)).toBeUndefined();
      created += Object.keys(r.data ?? {}).length;
    }
    expect(await keyCount()).toBe(before + created);
  });

  it.each(OVER)('$name: refused before anything runs (no data, nothing written)', async ({ document }) => {
    const before = await keyCount();
    const r = await gql(server().baseUrl, document(), {}, adminToken);
    expect(r.data).toBeNull();
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(typeof codeOf(r)).toBe('string');
    expect(await keyCount()).toBe(before);
  });

  it.each(OVER)(
    '$name: answered as the client’s error (400, $code, the limit named)',
    async ({ document, code, message }) => {
      const r = await gql(server().baseUrl, document(), {}, adminToken);
      expect({ status: r.status, code: codeOf(r) }).toEqual({ status: 400, code });
      expect(r.errors?.map((e) => e.message).join(' | ')).toMatch(message);
    },
  );

  it.each(OVER)('$name: stopped at the first error (not one error per offence)', async ({ document }) => {
    const r = await gql(server().baseUrl, document(), {}, adminToken);
    // The limit's error, and at most graphql's "too many validation errors" note after it.
    expect(r.errors?.length).toBeLessThanOrEqual(2);
    expect(JSON.stringify(r.errors).length).toBeLessThan(1024);
  });

  it('a list is priced by the size it asks for, written out or passed as a variable (no way around the cost)', async () => {
    const fields =
      'id number subject status priority channel tags createdAt updatedAt customerId assigneeId version';
    const lists = (size: string) =>
      `query($n: Int) { ${Array.from({ length: 10 }, (_, i) => `t${i}: tickets(first: ${size}) { items { ${fields} } }`).join(' ')} }`;
    const ask = (size: string, n: number) => gql(server().baseUrl, lists(size), { n }, adminToken);
    // Ten lists of one ticket are cheap; ten of a hundred are not, however the hundred is given.
    expect((await ask('$n', 1)).errors).toBeUndefined();
    for (const r of [await ask('100', 100), await ask('$n', 100)]) {
      expect({ status: r.status, code: codeOf(r) }).toEqual({
        status: 400,
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
      expect(r.errors?.[0]?.message).toMatch(/cost/i);
    }
  });

  it('__typename without aliases still works, and a few aliases of it are fine', async () => {
    const r = await gql<Record<string, string>>(
      server().baseUrl,
      `{ __typename a: __typename ${Array.from({ length: GRAPHQL_LIMITS.aliases - 1 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
      {},
      adminToken,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.a).toBe('Query');
  });

  it('batching (a JSON array body) is refused', async () => {
    const { baseUrl } = server();
    const before = await keyCount();
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(Array.from({ length: 5 }, () => ({ query: `mutation { ${CREATE} { secret } }` }))),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(Array.isArray(body)).toBe(false);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await keyCount()).toBe(before);
  });

  it('GET queries and persisted-query hashes are not another way in', async () => {
    const { baseUrl } = server();
    const get = await fetch(`${baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(get.status).toBe(404);
    await get.arrayBuffer();
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('in development/test, introspection is on (the production check below is a real difference)', async () => {
    const r = await gql<{ __schema: { queryType: { name: string } } }>(
      server().baseUrl,
      '{ __schema { queryType { name } } }',
    );
    expect(r.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('in production', () => {
  const server = useTestServer('sec_gqlprod', { NODE_ENV: 'production' });
  let providerToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
  });

  it.each([
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Tenant") { fields { name } } }'],
    ['__schema inside a fragment', 'query { ...I } fragment I on Query { __schema { queryType { name } } }'],
  ])('introspection via %s is refused, signed in or not', async (_name, query) => {
    for (const token of [undefined, providerToken]) {
      const r = await gql(server().baseUrl, query, {}, token);
      expect(r.data).toBeNull();
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(r.errors)).not.toMatch(/onboardTenant|OnboardTenantInput|PlanLimits/);
    }
  });

  it('__typename still works (clients rely on it)', async () => {
    const r = await gql<{ __typename: string }>(server().baseUrl, '{ __typename }');
    expect(r.data?.__typename).toBe('Query');
  });

  it.each([
    ['a misspelled root field', '{ viewr { user { id } } }'],
    ['a misspelled nested field', '{ viewer { usr { id } } }'],
    ['a misspelled argument', '{ tenants(serch: "x") { total } }'],
    ['a misspelled enum value', 'mutation { createApiKey(name: "x", scopes: [TENANT_REED]) { secret } }'],
    ['a misspelled type', 'query($i: OnboardTenantInpt!) { __typename }'],
  ])('%s gets no "Did you mean" suggestion', async (_name, query) => {
    const r = await gql(server().baseUrl, query, {}, providerToken);
    expect(r.status).toBe(400);
    expect(r.data).toBeNull();
    const text = JSON.stringify(r.errors);
    expect(text).not.toMatch(/did you mean/i);
    expect(text).not.toMatch(/"viewer"|"user"|"search"|TENANT_READ|OnboardTenantInput\b/);
  });

  it('an internal error in a resolver is masked: no stack, no collection, no driver or engine text', async () => {
    const { baseUrl, services } = server();
    const db = services.db.connection.db;
    if (!db) throw new Error('not connected');
    // A stored record the resolver cannot handle (as after a bad manual data fix).
    const token = 'Corrupt0Invitation0Token0For0Masking0Test';
    await db.collection<RawDoc>('invitations').insertOne({
      _id: 'inv_CORRUPTCORRUPTCORRUP',
      tokenHash: createHash('sha256').update(token).digest('base64url'),
      userId: 'usr_CORRUPTCORRUPTCORRU',
      tenantId: null,
      role: null,
      providerRole: 'PROVIDER_AGENT',
      expiresAt: 'the-day-after-tomorrow',
      acceptedAt: null,
      createdBy: 'manual-fix',
      createdAt: new Date(),
    });
    const r = await gql(baseUrl, 'query($t: String!) { invitation(token: $t) { email expiresAt } }', {
      t: token,
    });
    expect(r.data).toBeNull();
    expect(codeOf(r)).toBe('INTERNAL_ERROR');
    expect(r.errors?.[0]?.message).toBe('Something went wrong on our side');
    expectMasked(r);
    // The server did meet a real internal error (and logged it for the operators).
    expect(
      server().logLines.some((l) => l.includes('"resolver failed"') || l.includes('resolver failed')),
    ).toBe(true);
  });

  it('an internal error on a REST route is masked too', async () => {
    const { baseUrl, services } = server();
    const db = services.db.connection.db;
    if (!db) throw new Error('not connected');
    // An export header without its date: the download handler cannot name the file.
    await db.collection<RawDoc>('tenant_exports').insertOne({
      _id: 'exp_CORRUPTCORRUPTCORRUP',
      tenantId: 'tn_CORRUPTCORRUPTCORRUP',
      tenantSlug: 'corrupt',
      createdBy: 'manual-fix',
      documents: 0,
      bytes: 0,
      chunks: 0,
    });
    const res = await fetch(`${baseUrl}/v1/exports/exp_CORRUPTCORRUPTCORRUP`, {
      headers: { authorization: `Bearer ${providerToken}` },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
    });
    expect(text).not.toMatch(/toISOString|TypeError|tenant_exports|at \w+ \(|node_modules|\.ts:\d+/);
  });
});

/** A document written straight to a collection, bypassing the models (to corrupt it on purpose). */
interface RawDoc {
  _id: string;
  [field: string]: unknown;
}

function expectMasked(r: GqlResult): void {
  const text = JSON.stringify(r.errors);
  expect(text).not.toMatch(/stack|stacktrace|exception/i);
  expect(text).not.toMatch(/invitations|users|tenant_exports|signing_keys|mongo|ferret|bson|E11000/i);
  expect(text).not.toMatch(/RangeError|TypeError|Invalid time value|Cannot return null|toISOString/);
  expect(text).not.toMatch(/node_modules|\.ts:\d+|at \w+ \(/);
  for (const e of r.errors ?? []) {
    expect(Object.keys(e.extensions ?? {}).sort()).toEqual(['code']);
  }
}
