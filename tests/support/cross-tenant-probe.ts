// The cross-tenant probe: tenant A calls every GraphQL root field of a schema and every REST
// route of an app — enumerated, not listed — with tenant B's real ids in every id position
// (arguments and fields nested inside input objects alike). Nothing of B may come back, B's ids
// are "not found" (never "forbidden": no existence oracle). Used by tests/isolation and by the
// module-contract test, so a new module is probed from its declaration alone.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { Express } from 'express';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { expect } from 'vitest';
import { ERROR_TABLES, fieldPolicy } from '@tandem/core';
import { allows } from '../../packages/core/src/platform/graphql/policy.js';
import type { Principal } from '../../packages/core/src/platform/auth/principal.js';
import { gql, login, STRONG_PASSWORD, type GqlResult } from './api.js';
import type { FixtureSide } from './tenant-fixture.js';

/**
 * Codes A may get when it names B's data: input and credential errors (they never depend on B's
 * state), not-found and forbidden, and the two conflicts that are about A's own request.
 */
export const PROBE_ALLOWED_CODES = new Set([
  ...Object.values(ERROR_TABLES).flatMap((t) =>
    Object.entries(t)
      .filter(([, s]) => s.status === 400 || s.status === 401 || s.status === 404 || s.status === 429)
      .map(([c]) => c),
  ),
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'ALREADY_MEMBER',
  'SLUG_TAKEN',
]);

/** Mutations after which the caller's session may be over. */
const SESSION_ENDING = /^(logout|switchTenant|changePassword|refreshSession|login)$/;

export type ProbeAs = 'tenant admin' | 'api key' | 'customer';

/** Every position of an ID in a field's arguments: `arg` or `arg.nested.field` (lists included). */
function idPositions(field: GraphQLField<unknown, unknown>): string[][] {
  const out: string[][] = [];
  const walk = (type: GraphQLInputType, path: string[], depth: number): void => {
    const named = getNamedType(type);
    if (named.name === 'ID') out.push(path);
    else if (isInputObjectType(named) && depth < 4) {
      for (const f of Object.values(named.getFields())) walk(f.type, [...path, f.name], depth + 1);
    }
  };
  for (const a of field.args) walk(a.type, [a.name], 0);
  return out;
}

/** A valid-looking value of a type; ID positions are filled from `idAt`. */
function sample(type: GraphQLInputType, path: string[], idAt: (path: string[]) => string): unknown {
  if (isNonNullType(type)) return sample(type.ofType, path, idAt);
  if (isListType(type)) return [sample(type.ofType, path, idAt)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) || getNamedType(f.type).name === 'ID')
        .map((f) => [f.name, sample(f.type, [...path, f.name], idAt)]),
    );
  }
  if (isScalarType(type)) {
    const name = path[path.length - 1] ?? '';
    switch (type.name) {
      case 'ID':
        return idAt(path);
      case 'Int':
        return 10;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2026-01-01T00:00:00Z';
      default:
        if (/email/i.test(name)) return 'probe@probe.test';
        if (/password/i.test(name)) return 'Probe-password-123';
        return 'probe-value-1234567890';
    }
  }
  return null;
}

/** The id of B that best fits a position, by the prefix its name suggests. */
function fitting(path: string[], bIds: string[]): string {
  const name = (path[path.length - 1] ?? '').toLowerCase();
  const want = name.includes('tenant')
    ? 'tn_'
    : name.includes('user')
      ? 'usr_'
      : name.includes('key')
        ? 'key_'
        : undefined;
  return (want && bIds.find((id) => id.startsWith(want))) ?? bIds[0] ?? 'tn_AAAAAAAAAAAAAAAAAAAA';
}

/**
 * Argument sets for a field: for every id position and every id of B, one call with that id there
 * (and a fitting id of B in the other positions); optional non-id arguments left out, except a
 * `filter` naming B's tenant.
 */
function combos(field: GraphQLField<unknown, unknown>, bIds: string[]): Record<string, unknown>[] {
  const positions = idPositions(field);
  const build = (chosen: { path: string[]; id: string } | null): Record<string, unknown> => {
    const idAt = (p: string[]) =>
      chosen && p.join('.') === chosen.path.join('.') ? chosen.id : fitting(p, bIds);
    const vars: Record<string, unknown> = {};
    for (const arg of field.args) {
      const required = isNonNullType(arg.type);
      const hasId = positions.some((p) => p[0] === arg.name);
      if (arg.name === 'filter') vars.filter = { tenantId: fitting(['tenantId'], bIds) };
      else if (required || hasId) vars[arg.name] = sample(arg.type, [arg.name], idAt);
    }
    return vars;
  };
  if (positions.length === 0) return [build(null)];
  return positions.flatMap((path) => bIds.map((id) => build({ path, id })));
}

function selection(field: GraphQLField<unknown, unknown>): string {
  // Every scalar of the result plus nested objects two levels down: enough to leak.
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

function principalFor(as: ProbeAs, a: FixtureSide, scopes: string[]): Principal {
  if (as === 'tenant admin') {
    return {
      kind: 'user',
      userId: 'x',
      sessionId: 'x',
      email: 'x',
      providerRole: null,
      tenantId: a.tenantId,
      tenantRole: 'TENANT_ADMIN',
    };
  }
  if (as === 'api key') return { kind: 'apiKey', keyId: 'x', tenantId: a.tenantId, scopes };
  return {
    kind: 'customer',
    tenantId: a.tenantId,
    customerRef: 'probe-customer',
    displayName: null,
    expiresAt: new Date(),
  };
}

/** Calls every root field as A with B's ids; returns how many calls were made. */
export async function probeGraphQL(opts: {
  schema: GraphQLSchema;
  a: FixtureSide;
  /** The scopes A's API key holds (every declared scope). */
  scopes: string[];
  bIds: string[];
  bMarkers: string[];
  as: ProbeAs;
  customerToken?: string;
}): Promise<number> {
  const { schema, a, bIds, bMarkers } = opts;
  let calls = 0;
  // One sign-in serves every call until a call may have ended the session (signing in per call
  // made the probe slow enough to time out on a loaded machine).
  let adminToken: string | null = null;
  for (const [kind, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      let sawNotFound = false;
      for (const vars of combos(field, bIds)) {
        if (opts.as === 'tenant admin' && !adminToken) {
          adminToken = (await login(a.baseUrl, a.adminEmail, STRONG_PASSWORD)).accessToken;
        }
        const token =
          opts.as === 'tenant admin'
            ? (adminToken ?? '')
            : opts.as === 'api key'
              ? a.apiKey
              : (opts.customerToken ?? '');
        const r: GqlResult = await gql(a.baseUrl, documentFor(kind, field, vars), vars, token);
        calls += 1;
        // Some calls end the session (logout, switchTenant, a password change): sign in again.
        if (
          SESSION_ENDING.test(field.name) ||
          (r.errors ?? []).some((e) => e.extensions?.code === 'UNAUTHENTICATED')
        ) {
          adminToken = null;
        }
        const body = JSON.stringify(r.data ?? null) + JSON.stringify(r.errors ?? []);
        for (const m of bMarkers) expect(body, `${field.name} leaked ${m}`).not.toContain(m);
        for (const e of r.errors ?? []) {
          const code = e.extensions?.code ?? 'NONE';
          expect(
            PROBE_ALLOWED_CODES.has(code),
            `${field.name}(${JSON.stringify(vars)}) answered ${code}: ${e.message}`,
          ).toBe(true);
          if (code === 'NOT_FOUND') sawNotFound = true;
        }
      }
      // Where A may call the field at all, B's ids must be "not found".
      const policy = fieldPolicy(field);
      const takesIds = field.args.some((x) => getNamedType(x.type).name === 'ID' && isNonNullType(x.type));
      if (policy && !policy.public && allows(policy, principalFor(opts.as, a, opts.scopes)) && takesIds) {
        expect(sawNotFound, `${field.name}: B's ids must answer NOT_FOUND`).toBe(true);
      }
    }
  }
  return calls;
}

/**
 * Every subscription field, as A over graphql-ws, with B's ids in every id position: nothing of
 * B arrives, errors are of the allowed codes, and where A may subscribe at all and the field takes
 * a required id, B's ids answer NOT_FOUND (the subscription is refused, not left open and silent).
 */
export async function probeSubscriptions(opts: {
  schema: GraphQLSchema;
  a: FixtureSide;
  scopes: string[];
  bIds: string[];
  bMarkers: string[];
  as: ProbeAs;
  customerToken?: string;
}): Promise<number> {
  const { schema, a, bIds, bMarkers } = opts;
  const token =
    opts.as === 'tenant admin'
      ? (await login(a.baseUrl, a.adminEmail, STRONG_PASSWORD)).accessToken
      : opts.as === 'api key'
        ? a.apiKey
        : (opts.customerToken ?? '');
  const client = createClient({
    url: a.baseUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  let calls = 0;
  try {
    for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
      const takesIds = field.args.some((x) => getNamedType(x.type).name === 'ID' && isNonNullType(x.type));
      if (!takesIds) continue;
      let sawNotFound = false;
      for (const vars of combos(field, bIds)) {
        const used = field.args.filter((x) => x.name in vars);
        const decl = used.map((x) => `$${x.name}: ${String(x.type)}`).join(', ');
        const call = used.map((x) => `${x.name}: $${x.name}`).join(', ');
        const query = `subscription${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection(field)} }`;
        const seen: string[] = [];
        const codes: string[] = [];
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            stop();
            resolve();
          }, 1_500);
          const stop = client.subscribe(
            { query, variables: vars },
            {
              next: (r) => {
                seen.push(JSON.stringify(r.data ?? null));
                for (const e of r.errors ?? []) codes.push(String(e.extensions?.code ?? 'NONE'));
              },
              error: (e) => {
                const list = Array.isArray(e) ? (e as { extensions?: { code?: string } }[]) : [];
                for (const x of list) codes.push(String(x.extensions?.code ?? 'NONE'));
                if (list.length === 0) codes.push('CONNECTION');
                clearTimeout(timer);
                resolve();
              },
              complete: () => {
                clearTimeout(timer);
                resolve();
              },
            },
          );
        });
        calls += 1;
        const body = seen.join('\n');
        for (const m of bMarkers) expect(body, `${field.name} leaked ${m}`).not.toContain(m);
        for (const code of codes) {
          expect(
            PROBE_ALLOWED_CODES.has(code),
            `${field.name}(${JSON.stringify(vars)}) answered ${code}`,
          ).toBe(true);
          if (code === 'NOT_FOUND') sawNotFound = true;
        }
      }
      const policy = fieldPolicy(field);
      if (policy && !policy.public && allows(policy, principalFor(opts.as, a, opts.scopes))) {
        expect(sawNotFound, `${field.name}: B's ids must answer NOT_FOUND`).toBe(true);
      }
    }
  } finally {
    await client.dispose();
  }
  return calls;
}

/** Every REST route with a path parameter, as A's API key, with each of B's ids: 401/403/404. */
export async function probeRest(opts: {
  app: Express;
  a: FixtureSide;
  bIds: string[];
  bMarkers: string[];
}): Promise<number> {
  const layers = (
    opts.app.router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
  ).stack;
  const routes = layers.flatMap((l) =>
    l.route ? [{ path: l.route.path, methods: Object.keys(l.route.methods) }] : [],
  );
  let calls = 0;
  for (const r of routes.filter((x) => x.path.includes(':'))) {
    for (const id of opts.bIds) {
      for (const method of r.methods) {
        const res = await fetch(opts.a.baseUrl + r.path.replace(/:[a-zA-Z]+/g, id), {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${opts.a.apiKey}` },
        });
        const text = await res.text();
        calls += 1;
        expect([401, 403, 404], `${method} ${r.path}`).toContain(res.status);
        for (const m of opts.bMarkers) expect(text).not.toContain(m);
      }
    }
  }
  return calls;
}
