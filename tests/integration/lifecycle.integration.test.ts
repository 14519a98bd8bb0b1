import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ACCEPT,
  codeOf,
  gql,
  login,
  STRONG_PASSWORD,
  tenantWithAdmin,
  useTestServer,
} from '../support/api.js';

const server = useTestServer('lifecycle');

async function provider() {
  const { baseUrl, providerAdmin } = server();
  return (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
}

describe('tenant lifecycle', () => {
  it('suspension signs everyone out and rejects keys; resume lets them sign in again', async () => {
    const { baseUrl } = server();
    const p = await provider();
    const t = await tenantWithAdmin(baseUrl, p, 'POOLED');
    const s = await gql<{ suspendTenant: { status: string } }>(
      baseUrl,
      'mutation($id: ID!) { suspendTenant(id: $id, reason: "unpaid invoice") { status suspendedReason } }',
      { id: t.tenantId },
      p,
    );
    expect(s.data?.suspendTenant.status).toBe('SUSPENDED');
    const asAdmin = await gql(baseUrl, '{ viewer { user { id } } }', {}, t.adminToken);
    expect(asAdmin.status).toBe(401);
    expect(asAdmin.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'TENANT_SUSPENDED' },
    });
    const asKey = await gql(baseUrl, '{ currentTenant { id } }', {}, t.apiKey);
    expect(asKey.status).toBe(401);
    const relogin = await gql(
      baseUrl,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      {
        e: t.adminEmail,
        p: STRONG_PASSWORD,
      },
    );
    expect(codeOf(relogin)).toBe('TENANT_SUSPENDED');
    await gql(baseUrl, 'mutation($id: ID!) { resumeTenant(id: $id) { status } }', { id: t.tenantId }, p);
    const again = await login(baseUrl, t.adminEmail, STRONG_PASSWORD);
    const v = await gql<{ viewer: { tenant: { id: string } } }>(
      baseUrl,
      '{ viewer { tenant { id } } }',
      {},
      again.accessToken,
    );
    expect(v.data?.viewer.tenant.id).toBe(t.tenantId);
    expect((await gql(baseUrl, '{ currentTenant { id } }', {}, t.apiKey)).status).toBe(200);
  });

  it.each(['SILOED', 'POOLED'] as const)(
    'offboarding a %s tenant exports, then deletes its data',
    async (tier) => {
      const { baseUrl, services } = server();
      const p = await provider();
      const t = await tenantWithAdmin(baseUrl, p, tier);
      const silo = services.db.siloDbName(t.tenantId);
      if (tier === 'SILOED') expect(await services.db.listDatabaseNames()).toContain(silo);

      const wrong = await gql(
        baseUrl,
        'mutation($id: ID!) { offboardTenant(id: $id, confirmSlug: "nope") { exportId } }',
        { id: t.tenantId },
        p,
      );
      expect(codeOf(wrong)).toBe('CONFIRMATION_MISMATCH');
      expect((await gql(baseUrl, '{ currentTenant { id } }', {}, t.apiKey)).status).toBe(200);

      const r = await gql<{
        offboardTenant: { exportId: string; exportedDocuments: number; tenant: { status: string } };
      }>(
        baseUrl,
        'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId exportedDocuments tenant { status } } }',
        { id: t.tenantId, slug: t.slug },
        p,
      );
      expect(r.data?.offboardTenant.tenant.status).toBe('OFFBOARDED');
      const exportId = r.data?.offboardTenant.exportId ?? '';

      const dl = await fetch(`${baseUrl}/v1/exports/${exportId}`, {
        headers: { authorization: `Bearer ${p}` },
      });
      expect(dl.status).toBe(200);
      const archive = JSON.parse(gunzipSync(Buffer.from(await dl.arrayBuffer())).toString('utf8')) as {
        format: string;
        tenant: { slug: string };
        modules: { identity: { users: { email: string }[]; apiKeys: unknown[] } };
      };
      expect(archive.format).toBe('tandem-tenant-export/2');
      expect(archive.tenant.slug).toBe(t.slug);
      expect(archive.modules.identity.users.map((u) => u.email)).toContain(t.adminEmail);
      expect(JSON.stringify(archive)).not.toMatch(/passwordHash|"hash"/);

      if (tier === 'SILOED') expect(await services.db.listDatabaseNames()).not.toContain(silo);
      expect((await gql(baseUrl, '{ currentTenant { id } }', {}, t.apiKey)).status).toBe(401);
      const relogin = await gql(
        baseUrl,
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        {
          e: t.adminEmail,
          p: STRONG_PASSWORD,
        },
      );
      expect(codeOf(relogin)).toBe('INVALID_CREDENTIALS');
      // A tenant admin may not download exports.
      const other = await tenantWithAdmin(baseUrl, p, 'POOLED');
      const denied = await fetch(`${baseUrl}/v1/exports/${exportId}`, {
        headers: { authorization: `Bearer ${other.adminToken}` },
      });
      expect(denied.status).toBe(403);
    },
  );

  it('provider rotation revokes old keys and issues working replacements', async () => {
    const { baseUrl } = server();
    const p = await provider();
    const t = await tenantWithAdmin(baseUrl, p, 'SILOED');
    const r = await gql<{ rotateTenantApiKeys: { secret: string; apiKey: { name: string } }[] }>(
      baseUrl,
      'mutation($id: ID!) { rotateTenantApiKeys(tenantId: $id) { secret apiKey { name scopes } } }',
      { id: t.tenantId },
      p,
    );
    expect(r.data?.rotateTenantApiKeys).toHaveLength(1);
    expect((await gql(baseUrl, '{ currentTenant { id } }', {}, t.apiKey)).status).toBe(401);
    const fresh = r.data?.rotateTenantApiKeys[0]?.secret ?? '';
    expect(
      (await gql<{ currentTenant: { id: string } }>(baseUrl, '{ currentTenant { id } }', {}, fresh)).data
        ?.currentTenant.id,
    ).toBe(t.tenantId);
  });
});

describe('provider agents staffed on several tenants', () => {
  it('one identity, a token per tenant, switching and unstaffing', async () => {
    const { baseUrl } = server();
    const p = await provider();
    const a = await tenantWithAdmin(baseUrl, p, 'POOLED');
    const b = await tenantWithAdmin(baseUrl, p, 'SILOED');
    const inv = await gql<{ inviteProviderUser: { token: string } }>(
      baseUrl,
      'mutation { inviteProviderUser(email: "agent.li@provider.test", name: "Li", role: PROVIDER_AGENT) { token } }',
      {},
      p,
    );
    await gql(baseUrl, ACCEPT, {
      token: inv.data?.inviteProviderUser.token,
      name: 'Li Wei',
      password: STRONG_PASSWORD,
    });
    const agents = await gql<{ providerUsers: { items: { id: string; email: string }[] } }>(
      baseUrl,
      '{ providerUsers(search: "agent.li") { items { id email } } }',
      {},
      p,
    );
    const agentId = agents.data?.providerUsers.items[0]?.id ?? '';
    for (const t of [a, b]) {
      const s = await gql(
        baseUrl,
        'mutation($u: ID!, $t: ID!) { staffAgent(userId: $u, tenantId: $t) { id } }',
        { u: agentId, t: t.tenantId },
        p,
      );
      expect(s.errors).toBeUndefined();
    }
    const staffed = await gql<{ providerUsers: { items: { staffedOn: { tenantId: string }[] }[] } }>(
      baseUrl,
      '{ providerUsers(search: "agent.li") { items { staffedOn { tenantId role staffed } } } }',
      {},
      p,
    );
    expect(staffed.data?.providerUsers.items[0]?.staffedOn.map((m) => m.tenantId).sort()).toEqual(
      [a.tenantId, b.tenantId].sort(),
    );

    const session = await login(baseUrl, 'agent.li@provider.test', STRONG_PASSWORD);
    const v = await gql<{ viewer: { tenant: { id: string }; memberships: { tenantId: string }[] } }>(
      baseUrl,
      '{ viewer { tenant { id } memberships { tenantId } } }',
      {},
      session.accessToken,
    );
    expect(v.data?.viewer.memberships).toHaveLength(2);
    const other = v.data?.viewer.tenant.id === a.tenantId ? b : a;
    const sw = await gql<{ switchTenant: { accessToken: string; viewer: { tenant: { id: string } } } }>(
      baseUrl,
      'mutation($t: ID) { switchTenant(tenantId: $t) { accessToken viewer { tenant { id } role } } }',
      { t: other.tenantId },
      session.accessToken,
    );
    expect(sw.data?.switchTenant.viewer.tenant.id).toBe(other.tenantId);
    const tokenForOther = sw.data?.switchTenant.accessToken ?? '';
    // The token issued before the switch no longer works: one session acts for one tenant.
    expect((await gql(baseUrl, '{ viewer { user { id } } }', {}, session.accessToken)).status).toBe(401);

    const un = await gql(
      baseUrl,
      'mutation($u: ID!, $t: ID!) { unstaffAgent(userId: $u, tenantId: $t) { id } }',
      { u: agentId, t: other.tenantId },
      p,
    );
    expect(un.errors).toBeUndefined();
    expect((await gql(baseUrl, '{ viewer { user { id } } }', {}, tokenForOther)).status).toBe(401);
    const notMember = await gql(
      baseUrl,
      'mutation($t: ID) { switchTenant(tenantId: $t) { accessToken } }',
      { t: other.tenantId },
      (await login(baseUrl, 'agent.li@provider.test', STRONG_PASSWORD)).accessToken,
    );
    expect(codeOf(notMember)).toBe('NOT_FOUND');
  });
});

describe('audit trail', () => {
  it('records who did what, with before/after and no secrets, visible per tenant', async () => {
    const { baseUrl } = server();
    const p = await provider();
    const t = await tenantWithAdmin(baseUrl, p, 'POOLED');
    await gql(
      baseUrl,
      'mutation { createApiKey(name: "audit me", scopes: [AUDIT_READ]) { secret } }',
      {},
      t.adminToken,
    );
    await gql(
      baseUrl,
      'mutation($id: ID!) { updateTenantPlan(id: $id, plan: { seats: 30, apiRatePerMinute: 900, storageMb: 2048 }) { id } }',
      { id: t.tenantId },
      p,
    );
    const log = await gql<{
      auditLog: { items: { action: string; actor: { display: string }; before: unknown; after: unknown }[] };
    }>(
      baseUrl,
      '{ auditLog(pageSize: 50) { total items { action actor { type display } before after tenantId } } }',
      {},
      t.adminToken,
    );
    const actions = log.data?.auditLog.items.map((i) => i.action) ?? [];
    expect(actions).toEqual(
      expect.arrayContaining([
        'tenant.onboarded',
        'user.invited',
        'invitation.accepted',
        'api_key.created',
        'tenant.plan_changed',
      ]),
    );
    const plan = log.data?.auditLog.items.find((i) => i.action === 'tenant.plan_changed');
    expect(plan?.before).toMatchObject({ plan: { seats: 20 } });
    expect(plan?.after).toMatchObject({ plan: { seats: 30 } });
    expect(JSON.stringify(log.data)).not.toMatch(/tdk_live_[A-Za-z0-9_]{20,}|passwordHash|"hash"/);

    const providerView = await gql<{ auditLog: { items: { tenantId: string }[] } }>(
      baseUrl,
      'query($t: ID) { auditLog(filter: { tenantId: $t }, pageSize: 100) { items { tenantId action } } }',
      { t: t.tenantId },
      p,
    );
    expect(providerView.data?.auditLog.items.length).toBeGreaterThan(3);
    expect(new Set(providerView.data?.auditLog.items.map((i) => i.tenantId))).toEqual(new Set([t.tenantId]));
    const filtered = await gql<{ auditLog: { items: { action: string }[] } }>(
      baseUrl,
      '{ auditLog(filter: { action: "api_key.created" }) { items { action } } }',
      {},
      t.adminToken,
    );
    expect(filtered.data?.auditLog.items.every((i) => i.action === 'api_key.created')).toBe(true);
  });
});

describe('tenant user administration', () => {
  it('roles, seat limits and the last admin are enforced with clear codes', async () => {
    const { baseUrl } = server();
    const p = await provider();
    const t = await tenantWithAdmin(baseUrl, p, 'SILOED');
    await gql(
      baseUrl,
      'mutation($id: ID!) { updateTenantPlan(id: $id, plan: { seats: 2, apiRatePerMinute: 600, storageMb: 100 }) { id } }',
      { id: t.tenantId },
      p,
    );
    const inv = await gql<{ inviteUser: { token: string } }>(
      baseUrl,
      'mutation { inviteUser(email: "sup@brand.test", name: "Sup", role: SUPERVISOR) { token } }',
      {},
      t.adminToken,
    );
    expect(inv.errors).toBeUndefined();
    const full = await gql(
      baseUrl,
      'mutation { inviteUser(email: "third@brand.test", name: "Third", role: AGENT) { token } }',
      {},
      t.adminToken,
    );
    expect(codeOf(full)).toBe('SEAT_LIMIT_REACHED');
    const dup = await gql(
      baseUrl,
      'mutation { inviteUser(email: "sup@brand.test", name: "Sup", role: AGENT) { token } }',
      {},
      t.adminToken,
    );
    expect(codeOf(dup)).toBe('SEAT_LIMIT_REACHED');

    const me = await gql<{ viewer: { user: { id: string } } }>(
      baseUrl,
      '{ viewer { user { id } } }',
      {},
      t.adminToken,
    );
    const last = await gql(
      baseUrl,
      'mutation($u: ID!) { updateUserRole(userId: $u, role: AGENT) { id } }',
      { u: me.data?.viewer.user.id },
      t.adminToken,
    );
    expect(codeOf(last)).toBe('LAST_ADMIN');

    const sup = await gql<{ acceptInvitation: { accessToken: string } }>(baseUrl, ACCEPT, {
      token: inv.data?.inviteUser.token,
      name: 'Sup',
      password: STRONG_PASSWORD,
    });
    const supToken = sup.data?.acceptInvitation.accessToken ?? '';
    const supCannot = await gql(
      baseUrl,
      'mutation { createApiKey(name: "x", scopes: [TENANT_READ]) { secret } }',
      {},
      supToken,
    );
    expect(codeOf(supCannot)).toBe('FORBIDDEN');
    const supCan = await gql<{ users: { total: number } }>(baseUrl, '{ users { total } }', {}, supToken);
    expect(supCan.data?.users.total).toBe(2);
  });
});

describe('concurrent invitations of one email', () => {
  it('exactly one provider invitation wins; the others answer ALREADY_MEMBER', async () => {
    const { baseUrl } = server();
    const p = await provider();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        gql(
          baseUrl,
          'mutation { inviteProviderUser(email: "race@provider.test", name: "Race", role: PROVIDER_AGENT) { token } }',
          {},
          p,
        ),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(Array(7).fill('ALREADY_MEMBER'));
  });
});
