// One call gives a module's integration suite what it needs: a real API on a fresh database, a
// provider admin, and two tenants (one pooled, one siloed), each with a signed-in admin and an
// API key holding every scope — no boilerplate in the suite itself.
import { beforeAll } from 'vitest';
import { apiScopes, type AnyModule } from '@tandem/core';
import type { TestServer } from '@tandem/core/testing';
import { gql, login, tenantWithAdmin, useTestServer, type GqlResult } from './api.js';
import type { FixtureSide } from './tenant-fixture.js';

export interface ModuleTest {
  server: TestServer;
  baseUrl: string;
  /** A provider admin's access token. */
  provider: string;
  pooled: FixtureSide;
  siloed: FixtureSide;
  /** GraphQL as one of the tenants' admins (default) or API keys. */
  as(
    side: FixtureSide,
    who?: 'admin' | 'apiKey',
  ): <T>(q: string, v?: Record<string, unknown>) => Promise<GqlResult<T>>;
}

export async function makeSide(
  baseUrl: string,
  provider: string,
  tier: 'POOLED' | 'SILOED',
  modules?: readonly AnyModule[],
): Promise<FixtureSide> {
  const t = await tenantWithAdmin(baseUrl, provider, tier);
  const scopes = apiScopes(modules).map((s) => s.name);
  const key = await gql<{ createApiKey: { secret: string } }>(
    baseUrl,
    `mutation { createApiKey(name: "all scopes", scopes: [${scopes.join(', ')}]) { secret } }`,
    {},
    t.adminToken,
  );
  if (!key.data) throw new Error(`createApiKey failed: ${JSON.stringify(key.errors)}`);
  return {
    baseUrl,
    tenantId: t.tenantId,
    slug: t.slug,
    adminEmail: t.adminEmail,
    adminToken: t.adminToken,
    apiKey: key.data.createApiKey.secret,
  };
}

export function useModuleTest(
  prefix: string,
  opts: { env?: Record<string, string>; modules?: readonly AnyModule[] } = {},
): () => ModuleTest {
  const server = useTestServer(prefix, opts.env ?? {}, opts.modules ? { modules: opts.modules } : {});
  let ready: ModuleTest | undefined;
  beforeAll(async () => {
    const s = server();
    const provider = (await login(s.baseUrl, s.providerAdmin.email, s.providerAdmin.password)).accessToken;
    const [pooled, siloed] = [
      await makeSide(s.baseUrl, provider, 'POOLED', opts.modules),
      await makeSide(s.baseUrl, provider, 'SILOED', opts.modules),
    ];
    ready = {
      server: s,
      baseUrl: s.baseUrl,
      provider,
      pooled,
      siloed,
      as:
        (side, who = 'admin') =>
        (q, v = {}) =>
          gql(s.baseUrl, q, v, who === 'admin' ? side.adminToken : side.apiKey),
    };
  });
  return () => {
    if (!ready) throw new Error('module test not started');
    return ready;
  };
}
