// NUL and other control characters at the boundary: every string argument of every root field
// (enumerated from the schema, nested input fields and list items included), sent by a caller the
// field's policy admits, answers HTTP 400 BAD_USER_INPUT — never a server error, never a write.
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
import { buildSchema, fieldPolicy } from '@tandem/core';
import { allows } from '../../packages/core/src/platform/graphql/policy.js';
import type { Principal } from '../../packages/core/src/platform/auth/principal.js';
import {
  codeOf,
  gql,
  login,
  ONBOARD,
  tenantWithAdmin,
  useTestServer,
  type Onboarded,
} from '../support/api.js';
import { createApiKey } from '../support/people.js';

const server = useTestServer('sec_controls');
const schema = buildSchema();

const NUL = 'probe\u0000value';
/** Single-line fields refuse every C0 control and DEL, tab and line breaks included. */
const CONTROLS = ['\u0000', '\u0001', '\u0008', '\t', '\n', '\u000b', '\r', '\u001b', '\u001f', '\u007f'];
const STRING_SCALARS = new Set(['String', 'ID', 'DateTime']);
const LOGIN_EMAIL = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';

/** A valid-looking value for a position; the attacked one is filled in afterwards. */
function sample(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return [sample(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sample(f.type, f.name)]));
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return 10;
    if (type.name === 'Float') return 1.5;
    if (type.name === 'Boolean') return true;
    if (type.name === 'DateTime') return '2026-01-01T00:00:00Z';
    if (type.name === 'ID') return 'usr_AAAAAAAAAAAAAAAAAAAA';
    if (/email/i.test(name)) return 'probe@probe.test';
    if (/password/i.test(name)) return 'Probe-password-123';
    return 'probe-value-1234567890';
  }
  return null;
}

/** Every string-typed leaf under the field's arguments, as a path into the variables. */
function stringPositions(field: GraphQLField<unknown, unknown>): string[][] {
  const out: string[][] = [];
  const walk = (type: GraphQLInputType, path: string[], seen: Set<string>): void => {
    const named = getNamedType(type);
    if (isScalarType(named) && STRING_SCALARS.has(named.name)) out.push(path);
    else if (isInputObjectType(named) && !seen.has(named.name)) {
      for (const f of Object.values(named.getFields())) {
        walk(f.type, [...path, f.name], new Set(seen).add(named.name));
      }
    }
  };
  for (const a of field.args) walk(a.type, [a.name], new Set());
  return out;
}

function setAt(vars: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(vars);
  let node: Record<string, unknown> = copy;
  for (const [i, key] of path.entries()) {
    const child = node[key];
    if (i === path.length - 1) node[key] = Array.isArray(child) ? [value] : value;
    else node = (Array.isArray(child) ? child[0] : child) as Record<string, unknown>;
  }
  return copy;
}

function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = 'getFields' in getNamedType(field.type) ? '{ __typename }' : '';
  return `${kind}${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
}

interface Caller {
  principal: Principal;
  token: () => string | undefined;
}

describe('control characters in GraphQL arguments', () => {
  let providerToken: string;
  let tenant: Onboarded & { adminToken: string };
  let apiKey: string;
  let customerToken: string;
  let callers: Caller[];

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    tenant = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const scopeType = schema.getType('ApiScope');
    const scopes = isEnumType(scopeType) ? scopeType.getValues().map((v) => v.name) : [];
    apiKey = (await createApiKey(baseUrl, tenant.adminToken, scopes)).secret;
    const session = await gql<{ createCustomerSession: { token: string } }>(
      baseUrl,
      'mutation { createCustomerSession(customerRef: "probe-customer") { token } }',
      {},
      apiKey,
    );
    customerToken = session.data?.createCustomerSession.token ?? '';
    const user = (tenantId: string | null, roles: Partial<Principal>): Principal =>
      ({
        kind: 'user',
        userId: 'x',
        sessionId: 'x',
        email: 'x',
        providerRole: null,
        tenantId,
        tenantRole: null,
        ...roles,
      }) as Principal;
    callers = [
      { principal: { kind: 'anonymous' }, token: () => undefined },
      { principal: user(null, { providerRole: 'PROVIDER_ADMIN' }), token: () => providerToken },
      { principal: user(tenant.tenantId, { tenantRole: 'TENANT_ADMIN' }), token: () => tenant.adminToken },
      { principal: { kind: 'apiKey', keyId: 'x', tenantId: tenant.tenantId, scopes }, token: () => apiKey },
      {
        principal: {
          kind: 'customer',
          tenantId: tenant.tenantId,
          customerRef: 'probe-customer',
          displayName: null,
          expiresAt: new Date(),
        },
        token: () => customerToken,
      },
    ];
  });

  it('every string argument of every root field answers 400 BAD_USER_INPUT to a NUL', async () => {
    const { baseUrl } = server();
    let calls = 0;
    for (const [kind, root] of [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const policy = fieldPolicy(field);
        const caller = callers.find((c) => policy && allows(policy, c.principal));
        expect(caller, `${field.name}: nobody may call it`).toBeDefined();
        const base = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type, a.name)]));
        for (const path of stringPositions(field)) {
          const where = `${field.name}(${path.join('.')})`;
          const r = await gql(baseUrl, documentFor(kind, field), setAt(base, path, NUL), caller?.token());
          calls += 1;
          expect(r.status, where).toBe(400);
          expect(codeOf(r), where).toBe('BAD_USER_INPUT');
          expect(r.data?.[field.name] ?? null, where).toBeNull();
        }
      }
    }
    // The walk reached the schema's strings: names, emails, passwords, searches, ids, dates.
    expect(calls).toBeGreaterThan(30);
  });

  it.each(CONTROLS.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    '%s in single-line fields (names, email, password, search) answers 400 BAD_USER_INPUT',
    async (_label, c) => {
      const { baseUrl } = server();
      const attempts: [string, string, Record<string, unknown>, string | undefined][] = [
        ['login email', LOGIN_EMAIL, { e: `a${c}b@probe.test`, p: 'x' }, undefined],
        ['login password', LOGIN_EMAIL, { e: 'a@probe.test', p: `pass${c}word` }, undefined],
        [
          'users search',
          'query($s: String) { users(search: $s) { total } }',
          { s: `x${c}y` },
          tenant.adminToken,
        ],
        [
          'user name',
          'mutation($n: String!) { inviteUser(email: "ctl@probe.test", name: $n, role: AGENT) { url } }',
          { n: `Name${c}` },
          tenant.adminToken,
        ],
        [
          'API key name',
          'mutation($n: String!) { createApiKey(name: $n, scopes: [TENANT_READ]) { secret } }',
          { n: `Key${c}` },
          tenant.adminToken,
        ],
        [
          'tenant name',
          ONBOARD,
          {
            input: {
              name: `Brand${c}`,
              slug: `ctl-${Date.now().toString(36)}`,
              tier: 'POOLED',
              plan: { seats: 5, apiRatePerMinute: 600, storageMb: 100 },
              locale: 'en',
              timeZone: 'UTC',
              adminEmail: 'ctl-admin@probe.test',
            },
          },
          providerToken,
        ],
        [
          'tenant search',
          'query($s: String) { tenants(search: $s) { total } }',
          { s: `x${c}` },
          providerToken,
        ],
      ];
      for (const [what, query, vars, token] of attempts) {
        const r = await gql(baseUrl, query, vars, token);
        expect(r.status, what).toBe(400);
        expect(codeOf(r), what).toBe('BAD_USER_INPUT');
      }
    },
  );

  it('sign-in with a NUL in the email or the password is BAD_USER_INPUT, also as a literal', async () => {
    const { baseUrl, providerAdmin } = server();
    for (const vars of [
      { e: `${providerAdmin.email}\u0000`, p: providerAdmin.password },
      { e: providerAdmin.email, p: `${providerAdmin.password}\u0000` },
      { e: '\u0000', p: '\u0000' },
    ]) {
      const r = await gql(baseUrl, LOGIN_EMAIL, vars);
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    }
    const literal = await gql(
      baseUrl,
      'mutation { login(email: "admin\\u0000@provider.test", password: "x\\u0000") { accessToken } }',
    );
    expect(literal.status).toBe(400);
    expect(codeOf(literal)).toBe('BAD_USER_INPUT');
  });

  it('a multi-line field (the suspension reason) keeps its line breaks; a NUL in it is still refused', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const suspend = (reason: string) =>
      gql<{ suspendTenant: { suspendedReason: string } }>(
        baseUrl,
        'mutation($id: ID!, $r: String!) { suspendTenant(id: $id, reason: $r) { suspendedReason } }',
        { id: t.tenantId, r: reason },
        providerToken,
      );
    const nul = await suspend('unpaid\u0000');
    expect(nul.status).toBe(400);
    expect(codeOf(nul)).toBe('BAD_USER_INPUT');
    const ok = await suspend('Unpaid invoice.\r\n\tSee ticket 42.');
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.suspendTenant.suspendedReason).toBe('Unpaid invoice.\r\n\tSee ticket 42.');
  });

  it('ticket messages keep their line breaks; a subject is one line', async () => {
    const { baseUrl } = server();
    const customer = await gql<{ createCustomer: { id: string } }>(
      baseUrl,
      'mutation { createCustomer(input: { displayName: "Line breaks" }) { id } }',
      {},
      tenant.adminToken,
    );
    const customerId = customer.data?.createCustomer.id;
    const create = (subject: string, text: string) =>
      gql<{ createTicket: { id: string } }>(
        baseUrl,
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }',
        {
          i: { subject, customerId, message: { text, authorKind: 'CUSTOMER' } },
        },
        tenant.adminToken,
      );
    const made = await create('Refund', 'Hello,\n\tmy order 1001\r\nthanks');
    expect(made.errors, JSON.stringify(made.errors)).toBeUndefined();
    const reply = (text: string) =>
      gql(
        baseUrl,
        'mutation($id: ID!, $i: ReplyInput!) { replyToTicket(ticketId: $id, input: $i) { message { text } } }',
        { id: made.data?.createTicket.id, i: { text } },
        tenant.adminToken,
      );
    const ok = await reply('Dear customer,\n\nwe refunded it.');
    expect(ok.errors).toBeUndefined();
    for (const r of [await reply('bad\u0000reply'), await create('Two\nlines', 'text')]) {
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    }
  });

  it('REST bodies: a message text keeps its line breaks; control characters elsewhere are refused', async () => {
    const { baseUrl } = server();
    const post = (body: Record<string, unknown>) =>
      fetch(`${baseUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(body),
      });
    const base = { customer: { externalId: `crm-${Date.now().toString(36)}` }, text: 'Hello,\r\n\tline two' };
    const ok = await post({ ...base, messageId: `m-${Date.now().toString(36)}` });
    expect(ok.status, await ok.clone().text()).toBe(201);
    for (const bad of [
      { ...base, messageId: 'm-nul', text: 'a\u0000b' },
      { ...base, messageId: 'm\nsplit' },
      { ...base, messageId: 'm-ext', customer: { externalId: 'crm\u001b[2J' } },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    }
  });

  it('a refused write writes nothing', async () => {
    const { baseUrl } = server();
    const counts = async () => {
      const keys = await gql<{ apiKeys: unknown[] }>(baseUrl, '{ apiKeys { id } }', {}, tenant.adminToken);
      const users = await gql<{ users: { total: number } }>(
        baseUrl,
        '{ users { total } }',
        {},
        tenant.adminToken,
      );
      return [keys.data?.apiKeys.length, users.data?.users.total];
    };
    const before = await counts();
    await gql(
      baseUrl,
      'mutation { createApiKey(name: "k\\u0000", scopes: [TENANT_READ]) { secret } }',
      {},
      tenant.adminToken,
    );
    await gql(
      baseUrl,
      'mutation { inviteUser(email: "nul@probe.test", name: "n\\u0000", role: AGENT) { url } }',
      {},
      tenant.adminToken,
    );
    expect(await counts()).toEqual(before);
  });
});

describe('control characters in REST requests', () => {
  it('a NUL in the query string answers 400 BAD_USER_INPUT; in a path id, 404', async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    const headers = { authorization: `Bearer ${provider}` };
    for (const path of [
      '/healthz?probe=%00',
      '/.well-known/jwks.json?x=a%01b',
      '/v1/exports/exp_AAAAAAAAAAAAAAAAAAAA?x=%00',
    ]) {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      expect(res.status, path).toBe(400);
      expect(await res.json(), path).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    }
    const res = await fetch(`${baseUrl}/v1/exports/exp_AAAAAAAAAAAAAAAAAA%00A`, { headers });
    expect(res.status).toBe(404);
  });
});
