// A small GraphQL client over real HTTP for tests, plus helpers that walk common flows.
import { afterAll, beforeAll, inject } from 'vitest';
import { freshDatabaseName } from '@tandem/services';
import { startTestServer, type TestServer, type TestServerOptions } from '@tandem/core/testing';

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors: { message: string; extensions?: { code?: string; issues?: unknown } }[] | undefined;
  headers: Headers;
}

export async function gql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<GqlResult<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extraHeaders,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: T | null; errors?: GqlResult['errors'] };
  return { status: res.status, data: body.data ?? null, errors: body.errors, headers: res.headers };
}

export function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}

/** Starts a real API for the suite (fresh database, fresh Redis prefix). */
export function useTestServer(
  prefix: string,
  env: Record<string, string> = {},
  opts: Pick<TestServerOptions, 'modules'> = {},
): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({
      mongoUri: inject('mongoUri'),
      redisUrl: inject('redisUrl'),
      dbName: freshDatabaseName(prefix),
      env,
      ...opts,
    });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('test server not started');
    return server;
  };
}

export const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken expiresAt viewer { user { id email } tenant { id slug } role providerRole } }
}`;

export async function login(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ accessToken: string; refreshToken: string }> {
  const r = await gql<{ login: { accessToken: string; refreshToken: string } }>(baseUrl, LOGIN, {
    email,
    password,
  });
  if (!r.data) throw new Error(`login failed: ${JSON.stringify(r.errors)}`);
  return r.data.login;
}

export const ONBOARD = `mutation($input: OnboardTenantInput!) {
  onboardTenant(input: $input) {
    tenant { id slug tier status }
    invitation { url token email expiresAt }
    apiKey { secret apiKey { id prefix scopes } }
  }
}`;

let counter = 0;
export interface Onboarded {
  tenantId: string;
  slug: string;
  adminEmail: string;
  inviteToken: string;
  apiKey: string;
}

export async function onboard(
  baseUrl: string,
  providerToken: string,
  tier: 'POOLED' | 'SILOED',
  overrides: Record<string, unknown> = {},
): Promise<Onboarded> {
  counter += 1;
  const slug = `brand-${tier.toLowerCase()}-${process.pid}-${counter}`;
  const adminEmail = `admin-${slug}@brand.test`;
  const r = await gql<{
    onboardTenant: { tenant: { id: string }; invitation: { token: string }; apiKey: { secret: string } };
  }>(
    baseUrl,
    ONBOARD,
    {
      input: {
        name: `Brand ${slug}`,
        slug,
        tier,
        plan: { seats: 20, apiRatePerMinute: 600, storageMb: 1024 },
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        adminEmail,
        ...overrides,
      },
    },
    providerToken,
  );
  if (!r.data) throw new Error(`onboard failed: ${JSON.stringify(r.errors)}`);
  const o = r.data.onboardTenant;
  return {
    tenantId: o.tenant.id,
    slug,
    adminEmail,
    inviteToken: o.invitation.token,
    apiKey: o.apiKey.secret,
  };
}

export const ACCEPT = `mutation($token: String!, $name: String!, $password: String!) {
  acceptInvitation(token: $token, name: $name, password: $password) { accessToken refreshToken viewer { role tenant { id } } }
}`;

export const STRONG_PASSWORD = 'Correct-horse-42-battery';

/** Onboards a tenant and signs its first admin in. */
export async function tenantWithAdmin(
  baseUrl: string,
  providerToken: string,
  tier: 'POOLED' | 'SILOED',
): Promise<Onboarded & { adminToken: string; adminRefresh: string }> {
  const t = await onboard(baseUrl, providerToken, tier);
  const r = await gql<{ acceptInvitation: { accessToken: string; refreshToken: string } }>(baseUrl, ACCEPT, {
    token: t.inviteToken,
    name: 'First Admin',
    password: STRONG_PASSWORD,
  });
  if (!r.data) throw new Error(`accept failed: ${JSON.stringify(r.errors)}`);
  return {
    ...t,
    adminToken: r.data.acceptInvitation.accessToken,
    adminRefresh: r.data.acceptInvitation.refreshToken,
  };
}
