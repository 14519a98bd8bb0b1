// Exact revocation across API processes (issue 8, the request path): each process keeps what it
// checked about a credential, so a credential is first used on process B (B now holds it), then
// ended or changed through process A — and B's very next request must see it. Two real API
// processes on one database and one Redis, as behind a load balancer.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { freshDatabaseName } from '@tandem/services';
import { codeOf, gql, login, STRONG_PASSWORD, tenantWithAdmin, type GqlResult } from '../support/api.js';
import { createApiKey, inviteMember } from '../support/people.js';
import { REPO_ROOT, freePort, spawnEntrypoint, type Spawned } from '../support/process.js';

const db = freshDatabaseName('revoke');
const masterKey = randomBytes(32).toString('base64');
const env = (port: number): Record<string, string> => ({
  MONGODB_URI: inject('mongoUri'),
  REDIS_URL: inject('redisUrl'),
  MONGODB_DB: db,
  REDIS_PREFIX: db
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .slice(0, 20),
  TANDEM_MASTER_KEY: masterKey,
  HOST: '127.0.0.1',
  PORT: String(port),
  SHUTDOWN_READINESS_DELAY_MS: '0',
  LOG_LEVEL: 'warn',
  // Long enough that only the revocation versions, never an expiry, can explain a refusal.
  AUTH_CACHE_TTL_SECONDS: '600',
});
const apis: Spawned[] = [];
let A = '';
let B = '';
let provider = '';

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became ready`);
}

const VIEWER = '{ viewer { user { id } role } }';
const viewerOn = (url: string, token: string) =>
  gql<{ viewer: { user: { id: string }; role: string | null } }>(url, VIEWER, {}, token);
const tenantOn = (url: string, key: string) =>
  gql<{ currentTenant: { id: string } }>(url, '{ currentTenant { id } }', {}, key);

function expect401(r: GqlResult): void {
  expect(r.status).toBe(401);
  expect(codeOf(r)).toBe('UNAUTHENTICATED');
  expect(r.data).toBeNull();
}

/** Used on B twice (the second answer comes from B's cache), so B holds the credential. */
async function warm(url: string, run: () => Promise<GqlResult>): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const r = await run();
    expect(r.status, `warm-up on ${url}: ${JSON.stringify(r.errors)}`).toBe(200);
  }
}

beforeAll(async () => {
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    apis.push(spawnEntrypoint('packages/core/src/entrypoints/api.ts', env(port)));
    urls.push(`http://127.0.0.1:${port}`);
  }
  [A, B] = urls as [string, string];
  await Promise.all(urls.map(waitReady));
  const email = 'ops@provider.test';
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'packages/core/src/entrypoints/cli.ts', 'create-provider-admin', email],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env(0) }, encoding: 'utf8' },
  );
  const password = /password (\S+)/.exec(cli.stdout)?.[1];
  if (!password) throw new Error(`create-provider-admin failed: ${cli.stderr}`);
  provider = (await login(A, email, password)).accessToken;
}, 120_000);

afterAll(async () => {
  for (const a of apis) a.kill();
  const { default: mongoose } = await import('mongoose');
  const conn = await mongoose.createConnection(inject('mongoUri'), { dbName: db }).asPromise();
  await conn.dropDatabase();
  await conn.close();
});

describe('a credential checked on one API process and ended on another', () => {
  it('logout on A: the token fails on B at once; the person’s other session does not', async () => {
    const t = await tenantWithAdmin(A, provider, 'POOLED');
    const m = await inviteMember(A, t.adminToken, 'AGENT');
    const other = await login(A, m.email, m.password);
    await warm(B, () => viewerOn(B, m.accessToken));
    await warm(B, () => viewerOn(B, other.accessToken));
    expect((await gql(A, 'mutation { logout }', {}, m.accessToken)).status).toBe(200);
    expect401(await viewerOn(B, m.accessToken));
    expect((await viewerOn(B, other.accessToken)).status).toBe(200);
  });

  it('password change on A: every session of the person fails on B at once', async () => {
    const t = await tenantWithAdmin(A, provider, 'SILOED');
    const m = await inviteMember(A, t.adminToken, 'SUPERVISOR');
    const second = await login(B, m.email, m.password);
    await warm(B, () => viewerOn(B, m.accessToken));
    await warm(B, () => viewerOn(B, second.accessToken));
    const changed = await gql(
      A,
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: m.password, n: 'Another-horse-77-staple' },
      m.accessToken,
    );
    expect(changed.errors).toBeUndefined();
    expect401(await viewerOn(B, m.accessToken));
    expect401(await viewerOn(B, second.accessToken));
  });

  it('role change on A: B answers with the new role on the next request', async () => {
    const t = await tenantWithAdmin(A, provider, 'POOLED');
    const m = await inviteMember(A, t.adminToken, 'TENANT_ADMIN');
    await warm(B, () => gql(B, '{ apiKeys { id } }', {}, m.accessToken));
    const demoted = await gql(
      A,
      'mutation($u: ID!) { updateUserRole(userId: $u, role: AGENT) { id } }',
      { u: m.userId },
      t.adminToken,
    );
    expect(demoted.errors).toBeUndefined();
    const keys = await gql(B, '{ apiKeys { id } }', {}, m.accessToken);
    expect(codeOf(keys)).toBe('FORBIDDEN');
    expect((await viewerOn(B, m.accessToken)).data?.viewer.role).toBe('AGENT');
  });

  it('removal from the tenant on A: B refuses the member’s token at once', async () => {
    const t = await tenantWithAdmin(A, provider, 'POOLED');
    const m = await inviteMember(A, t.adminToken, 'AGENT');
    await warm(B, () => viewerOn(B, m.accessToken));
    const removed = await gql(
      A,
      'mutation($u: ID!) { removeUser(userId: $u) }',
      { u: m.userId },
      t.adminToken,
    );
    expect(removed.errors).toBeUndefined();
    expect401(await viewerOn(B, m.accessToken));
  });

  it('API key revoked on A: B refuses it at once; the tenant’s other key keeps working', async () => {
    const t = await tenantWithAdmin(A, provider, 'SILOED');
    const doomed = await createApiKey(A, t.adminToken);
    const kept = await createApiKey(A, t.adminToken);
    await warm(B, () => tenantOn(B, doomed.secret));
    await warm(B, () => tenantOn(B, kept.secret));
    const revoked = await gql(
      A,
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: doomed.id },
      t.adminToken,
    );
    expect(revoked.errors).toBeUndefined();
    expect401(await tenantOn(B, doomed.secret));
    expect((await tenantOn(B, kept.secret)).data?.currentTenant.id).toBe(t.tenantId);
  });

  it('suspension on A: B refuses the tenant’s tokens and keys at once; resumption lets keys back in at once', async () => {
    const t = await tenantWithAdmin(A, provider, 'POOLED');
    const key = await createApiKey(A, t.adminToken);
    await warm(B, () => viewerOn(B, t.adminToken));
    await warm(B, () => tenantOn(B, key.secret));
    const suspended = await gql(
      A,
      'mutation($id: ID!) { suspendTenant(id: $id, reason: "revocation suite") { status } }',
      { id: t.tenantId },
      provider,
    );
    expect(suspended.errors).toBeUndefined();
    expect401(await viewerOn(B, t.adminToken));
    expect401(await tenantOn(B, key.secret));
    const resumed = await gql(
      A,
      'mutation($id: ID!) { resumeTenant(id: $id) { status } }',
      { id: t.tenantId },
      provider,
    );
    expect(resumed.errors).toBeUndefined();
    expect((await tenantOn(B, key.secret)).status).toBe(200);
    // Sessions ended by the suspension stay ended.
    expect401(await viewerOn(B, t.adminToken));
  });

  it('plan change on A: B applies the new rate on the next request', async () => {
    const t = await tenantWithAdmin(A, provider, 'POOLED');
    const key = await createApiKey(A, t.adminToken);
    await warm(B, () => tenantOn(B, key.secret));
    const plan = await gql(
      A,
      'mutation($id: ID!) { updateTenantPlan(id: $id, plan: { seats: 20, apiRatePerMinute: 10, storageMb: 100 }) { id } }',
      { id: t.tenantId },
      provider,
    );
    expect(plan.errors).toBeUndefined();
    // B held the old plan (600/minute); the minute already counts the admin's and the warm-up's
    // requests, so under the new plan B refuses within at most 10 more.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await tenantOn(B, key.secret)).status);
    expect(statuses).toContain(429);
    const r = await tenantOn(B, key.secret);
    expect(r.status).toBe(429);
    expect(codeOf(r)).toBe('RATE_LIMITED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('unstaffing on A: the provider agent’s token for that tenant fails on B at once', async () => {
    const t = await tenantWithAdmin(A, provider, 'SILOED');
    const email = `agent-${Date.now().toString(36)}@provider.test`;
    const inv = await gql<{ inviteProviderUser: { token: string } }>(
      A,
      'mutation($e: String!) { inviteProviderUser(email: $e, name: "Agent", role: PROVIDER_AGENT) { token } }',
      { e: email },
      provider,
    );
    const accepted = await gql<{ acceptInvitation: { viewer: { user: { id: string } } } }>(
      A,
      'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, name: "Agent", password: $p) { viewer { user { id } } } }',
      { t: inv.data?.inviteProviderUser.token, p: STRONG_PASSWORD },
    );
    const agentId = accepted.data?.acceptInvitation.viewer.user.id ?? '';
    const staffed = await gql(
      A,
      'mutation($u: ID!, $t: ID!) { staffAgent(userId: $u, tenantId: $t) { id } }',
      { u: agentId, t: t.tenantId },
      provider,
    );
    expect(staffed.errors).toBeUndefined();
    const session = await login(A, email, STRONG_PASSWORD);
    await warm(B, () => viewerOn(B, session.accessToken));
    expect((await viewerOn(B, session.accessToken)).data?.viewer.role).toBe('AGENT');
    const unstaffed = await gql(
      A,
      'mutation($u: ID!, $t: ID!) { unstaffAgent(userId: $u, tenantId: $t) { id } }',
      { u: agentId, t: t.tenantId },
      provider,
    );
    expect(unstaffed.errors).toBeUndefined();
    expect401(await viewerOn(B, session.accessToken));
  });
});
