import { describe, expect, it } from 'vitest';
import {
  ACCEPT,
  codeOf,
  gql,
  login,
  onboard,
  STRONG_PASSWORD,
  tenantWithAdmin,
  useTestServer,
} from '../support/api.js';

const server = useTestServer('onboarding');

describe('provider onboarding, end to end over HTTP', () => {
  it.each(['POOLED', 'SILOED'] as const)(
    'onboards a %s tenant whose admin and key work only for it',
    async (tier) => {
      const { baseUrl, providerAdmin } = server();
      const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
      const a = await tenantWithAdmin(baseUrl, provider.accessToken, tier);
      const b = await tenantWithAdmin(baseUrl, provider.accessToken, tier === 'POOLED' ? 'SILOED' : 'POOLED');

      const viewer = await gql<{ viewer: { role: string; tenant: { id: string } } }>(
        baseUrl,
        '{ viewer { role tenant { id } } }',
        {},
        a.adminToken,
      );
      expect(viewer.data?.viewer).toEqual({ role: 'TENANT_ADMIN', tenant: { id: a.tenantId } });

      // The tenant admin invites a user and creates a key; the key reads its own tenant only.
      const invite = await gql<{ inviteUser: { url: string } }>(
        baseUrl,
        'mutation { inviteUser(email: "agent1@brand.test", name: "Agent One", role: AGENT) { url token } }',
        {},
        a.adminToken,
      );
      expect(invite.data?.inviteUser.url).toMatch(/^\/invite\//);
      const key = await gql<{ createApiKey: { secret: string } }>(
        baseUrl,
        'mutation { createApiKey(name: "CRM sync", scopes: [TENANT_READ, USERS_READ]) { secret apiKey { id prefix } } }',
        {},
        a.adminToken,
      );
      const secret = key.data?.createApiKey.secret ?? '';
      expect(secret).toMatch(/^tdk_live_/);
      const current = await gql<{ currentTenant: { id: string } }>(
        baseUrl,
        '{ currentTenant { id slug } }',
        {},
        secret,
      );
      expect(current.data?.currentTenant.id).toBe(a.tenantId);
      const users = await gql<{ users: { total: number; items: { email: string }[] } }>(
        baseUrl,
        '{ users { total items { email role } } }',
        {},
        secret,
      );
      expect(users.data?.users.items.map((u) => u.email).sort()).toEqual(
        ['agent1@brand.test', a.adminEmail].sort(),
      );

      // Tenant B's admin cannot see tenant A's user by id: 404, not 403.
      const aUsers = await gql<{ users: { items: { id: string }[] } }>(
        baseUrl,
        '{ users { items { id } } }',
        {},
        a.adminToken,
      );
      const someAUser = aUsers.data?.users.items[0]?.id ?? '';
      const probe = await gql(
        baseUrl,
        'query($id: ID!) { user(id: $id) { id } }',
        { id: someAUser },
        b.adminToken,
      );
      expect(codeOf(probe)).toBe('NOT_FOUND');
    },
  );

  it('rejects a bad onboarding with a clear code and writes nothing', async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    const r = await gql(
      baseUrl,
      'mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { tenant { id } } }',
      {
        input: {
          name: 'X',
          slug: 'Bad Slug!',
          tier: 'POOLED',
          plan: { seats: 0, apiRatePerMinute: 600, storageMb: 1024 },
          locale: 'zh-CN',
          timeZone: 'Mars/Olympus',
          adminEmail: 'not-an-email',
        },
      },
      provider.accessToken,
    );
    expect(codeOf(r)).toBe('VALIDATION_FAILED');
    const paths = (r.errors?.[0]?.extensions?.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['input.adminEmail', 'input.plan.seats', 'input.slug', 'input.timeZone']);
    const list = await gql<{ tenants: { total: number } }>(
      baseUrl,
      '{ tenants(search: "Bad") { total } }',
      {},
      provider.accessToken,
    );
    expect(list.data?.tenants.total).toBe(0);
  });

  it('refuses a taken slug with SLUG_TAKEN', async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    const t = await onboard(baseUrl, provider.accessToken, 'POOLED');
    const again = await gql(
      baseUrl,
      'mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { tenant { id } } }',
      {
        input: {
          name: 'Again',
          slug: t.slug,
          tier: 'SILOED',
          plan: { seats: 5, apiRatePerMinute: 600, storageMb: 1024 },
          locale: 'en',
          timeZone: 'UTC',
          adminEmail: 'x@y.test',
        },
      },
      provider.accessToken,
    );
    expect(codeOf(again)).toBe('SLUG_TAKEN');
  });

  it('an invitation works once', async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    const t = await onboard(baseUrl, provider.accessToken, 'POOLED');
    const weak = await gql(baseUrl, ACCEPT, { token: t.inviteToken, name: 'A', password: 'short' });
    expect(codeOf(weak)).toBe('WEAK_PASSWORD');
    const ok = await gql(baseUrl, ACCEPT, { token: t.inviteToken, name: 'A', password: STRONG_PASSWORD });
    expect(ok.errors).toBeUndefined();
    const twice = await gql(baseUrl, ACCEPT, { token: t.inviteToken, name: 'A', password: STRONG_PASSWORD });
    expect(codeOf(twice)).toBe('INVITATION_INVALID');
  });
});
