// Invitations reveal nothing about accounts outside the inviting tenant. A tenant admin who
// invites an email that already has an account — a user of another brand, provider staff, a
// pending provider invitation, a disabled account — gets the same answer as for a fresh email,
// sees only what they typed until the person accepts, and cannot attach the account: accepting as
// an existing account takes that account's own password, and provider staff never join a tenant
// through a tenant's invitation (only by staffing).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT,
  codeOf,
  gql,
  login,
  STRONG_PASSWORD,
  tenantWithAdmin,
  useTestServer,
  type Onboarded,
} from '../support/api.js';
import { inviteMember, type Member } from '../support/people.js';

const server = useTestServer('sec_invitations');

type Tenant = Onboarded & { adminToken: string };

const USER_FIELDS = 'id email name status role providerRole lastLoginAt createdAt';

interface UserRow {
  id: string;
  email: string;
  name: string;
  status: string;
  role: string | null;
  providerRole: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

interface InviteAnswer {
  status: number;
  body: unknown;
  link: { url: string; token: string; email: string; expiresAt: string } | null;
}

let seq = 0;
const fresh = (what: string) => `${what}-${process.pid}-${Date.now().toString(36)}-${(seq += 1)}@fresh.test`;

async function invite(t: Tenant, email: string, name: string, role = 'AGENT'): Promise<InviteAnswer> {
  const res = await fetch(`${server().baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
    body: JSON.stringify({
      query:
        'mutation($e: String!, $n: String!, $r: TenantRole!) { inviteUser(email: $e, name: $n, role: $r) { url token email expiresAt } }',
      variables: { e: email, n: name, r: role },
    }),
  });
  const body = (await res.json()) as { data?: { inviteUser: InviteAnswer['link'] } | null };
  return { status: res.status, body, link: body.data?.inviteUser ?? null };
}

async function rowsFor(t: Tenant, search: string): Promise<UserRow[]> {
  const r = await gql<{ users: { items: UserRow[] } }>(
    server().baseUrl,
    `query($s: String) { users(search: $s, pageSize: 100) { items { ${USER_FIELDS} } } }`,
    { s: search },
    t.adminToken,
  );
  if (!r.data) throw new Error(`users failed: ${JSON.stringify(r.errors)}`);
  return r.data.users.items;
}

async function rowById(t: Tenant, id: string): Promise<UserRow | null> {
  const r = await gql<{ user: UserRow }>(
    server().baseUrl,
    `query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`,
    { id },
    t.adminToken,
  );
  return r.data?.user ?? null;
}

async function accept(baseUrl: string, token: string, password: string, name = 'Accepting Person') {
  return gql<{ acceptInvitation: { accessToken: string } }>(baseUrl, ACCEPT, { token, name, password });
}

async function membershipsOf(baseUrl: string, accessToken: string): Promise<string[]> {
  const r = await gql<{ viewer: { memberships: { tenantId: string }[] } }>(
    baseUrl,
    '{ viewer { memberships { tenantId } } }',
    {},
    accessToken,
  );
  if (!r.data) throw new Error(`viewer failed: ${JSON.stringify(r.errors)}`);
  return r.data.viewer.memberships.map((m) => m.tenantId);
}

/** Exactly what A typed, and nothing of the account behind the email. */
function expectOnlyTyped(row: UserRow | null | undefined, email: string, name: string, since: number) {
  expect(row).toMatchObject({
    email,
    name,
    status: 'INVITED',
    role: 'AGENT',
    providerRole: null,
    lastLoginAt: null,
  });
  // The row is as old as the invitation, not as the account.
  expect(Date.parse(row?.createdAt ?? '')).toBeGreaterThanOrEqual(since - 2_000);
}

describe('invitations reveal nothing about accounts outside the inviting tenant', () => {
  let providerToken: string;
  let providerAdmin: { email: string; password: string; name: string };
  let a: Tenant;
  let b: Tenant;
  let bUser: Member;

  beforeAll(async () => {
    const s = server();
    providerToken = (await login(s.baseUrl, s.providerAdmin.email, s.providerAdmin.password)).accessToken;
    const me = await gql<{ viewer: { user: { name: string } } }>(
      s.baseUrl,
      '{ viewer { user { name } } }',
      {},
      providerToken,
    );
    providerAdmin = { ...s.providerAdmin, name: me.data?.viewer.user.name ?? '' };
    expect(providerAdmin.name).not.toBe('');
    a = await tenantWithAdmin(s.baseUrl, providerToken, 'POOLED');
    b = await tenantWithAdmin(s.baseUrl, providerToken, 'SILOED');
    bUser = await inviteMember(s.baseUrl, b.adminToken, 'SUPERVISOR', {
      email: fresh('zhang.real'),
      name: 'Real Name Zhang',
    });
    // A real sign-in, so that the account has a last sign-in time to leak.
    await login(s.baseUrl, bUser.email, bUser.password);
  });

  it("A inviting B's user sees only what A typed, in users and user(id)", async () => {
    const since = Date.now();
    const r = await invite(a, bUser.email, 'Typed By A');
    expect(r.link).not.toBeNull();
    const rows = await rowsFor(a, bUser.email);
    expect(rows).toHaveLength(1);
    expectOnlyTyped(rows[0], bUser.email, 'Typed By A', since);
    expectOnlyTyped(await rowById(a, rows[0]?.id ?? ''), bUser.email, 'Typed By A', since);
    // Searching by the real name finds nothing: it is not A's to know.
    expect(await rowsFor(a, 'Real Name Zhang')).toEqual([]);
  });

  it("A inviting a provider admin's email sees only what A typed", async () => {
    const since = Date.now();
    const r = await invite(a, providerAdmin.email, 'Typed Provider');
    expect(r.link).not.toBeNull();
    const rows = await rowsFor(a, providerAdmin.email);
    expect(rows).toHaveLength(1);
    expectOnlyTyped(rows[0], providerAdmin.email, 'Typed Provider', since);
    expectOnlyTyped(await rowById(a, rows[0]?.id ?? ''), providerAdmin.email, 'Typed Provider', since);
    expect(await rowsFor(a, providerAdmin.name)).toEqual([]);
  });

  it("B's user is not a member of A until they accept with their own password", async () => {
    const s = server();
    const target = await inviteMember(s.baseUrl, b.adminToken, 'AGENT', {
      email: fresh('li.real'),
      name: 'Li Real',
    });
    const r = await invite(a, target.email, 'Li Typed');
    const token = r.link?.token ?? '';

    const session = await login(s.baseUrl, target.email, target.password);
    expect(await membershipsOf(s.baseUrl, session.accessToken)).toEqual([b.tenantId]);
    const sw = await gql(
      s.baseUrl,
      'mutation($t: ID) { switchTenant(tenantId: $t) { accessToken } }',
      { t: a.tenantId },
      session.accessToken,
    );
    expect(codeOf(sw)).toBe('NOT_FOUND');

    // Someone holding the link without the account's password cannot accept for it.
    const wrong = await accept(s.baseUrl, token, 'Another-password-77');
    expect(codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect((await rowsFor(a, target.email))[0]?.status).toBe('INVITED');

    const ok = await accept(s.baseUrl, token, target.password);
    expect(ok.errors).toBeUndefined();
    const again = await login(s.baseUrl, target.email, target.password);
    expect((await membershipsOf(s.baseUrl, again.accessToken)).sort()).toEqual(
      [a.tenantId, b.tenantId].sort(),
    );
    // Having accepted, the person is A's user like any other.
    const row = (await rowsFor(a, target.email))[0];
    expect(row).toMatchObject({ status: 'ACTIVE', name: 'Li Real' });
    expect(row?.lastLoginAt).not.toBeNull();
  });

  it('a provider account is never attached by a tenant invitation, even with its own password', async () => {
    const s = server();
    const other = await tenantWithAdmin(s.baseUrl, providerToken, 'POOLED');
    const inv = await invite(other, providerAdmin.email, 'Provider Typed');
    const accepted = await accept(s.baseUrl, inv.link?.token ?? '', providerAdmin.password);
    expect(codeOf(accepted)).toBe('INVALID_CREDENTIALS');
    expect((await rowsFor(other, providerAdmin.email))[0]?.status).toBe('INVITED');
    const p = await login(s.baseUrl, providerAdmin.email, providerAdmin.password);
    expect(await membershipsOf(s.baseUrl, p.accessToken)).toEqual([]);
    const sw = await gql(
      s.baseUrl,
      'mutation($t: ID) { switchTenant(tenantId: $t) { accessToken } }',
      { t: other.tenantId },
      p.accessToken,
    );
    expect(codeOf(sw)).toBe('NOT_FOUND');
  });

  it('a pending provider invitation cannot be taken over through a tenant invitation', async () => {
    const s = server();
    const email = fresh('agent.pending');
    const providerInv = await gql<{ inviteProviderUser: { token: string } }>(
      s.baseUrl,
      'mutation($e: String!) { inviteProviderUser(email: $e, name: "Pending Agent", role: PROVIDER_AGENT) { token } }',
      { e: email },
      providerToken,
    );
    expect(providerInv.errors).toBeUndefined();
    const r = await invite(a, email, 'Pending Typed');
    expect(r.link).not.toBeNull();
    // A holds its own link: setting a password through it must not claim the provider account.
    const takeover = await accept(s.baseUrl, r.link?.token ?? '', 'Takeover-password-99');
    expect(codeOf(takeover)).toBe('INVALID_CREDENTIALS');
    // The real person accepts the provider's invitation as usual, and is not a member of A.
    const real = await accept(s.baseUrl, providerInv.data?.inviteProviderUser.token ?? '', STRONG_PASSWORD);
    expect(real.errors).toBeUndefined();
    const session = await login(s.baseUrl, email, STRONG_PASSWORD);
    expect(await membershipsOf(s.baseUrl, session.accessToken)).toEqual([]);
    const bad = await gql(
      s.baseUrl,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: email, p: 'Takeover-password-99' },
    );
    expect(codeOf(bad)).toBe('INVALID_CREDENTIALS');
  });

  it('the answers for a fresh email and for existing accounts are indistinguishable', async () => {
    const s = server();
    const disabled = await inviteMember(s.baseUrl, b.adminToken, 'AGENT', { email: fresh('removed') });
    const removed = await gql(
      s.baseUrl,
      'mutation($u: ID!) { removeUser(userId: $u) }',
      { u: disabled.userId },
      b.adminToken,
    );
    expect(removed.errors).toBeUndefined();
    const pendingProvider = fresh('agent.pending2');
    await gql(
      s.baseUrl,
      'mutation($e: String!) { inviteProviderUser(email: $e, name: "Pending", role: PROVIDER_AGENT) { token } }',
      { e: pendingProvider },
      providerToken,
    );
    const c = await tenantWithAdmin(s.baseUrl, providerToken, 'POOLED');
    const targets: Record<string, string> = {
      fresh: fresh('nobody'),
      'user of another brand': bUser.email,
      'provider admin': providerAdmin.email,
      'pending provider invitation': pendingProvider,
      'disabled account': disabled.email,
    };
    const shapes: Record<string, unknown> = {};
    for (const [what, email] of Object.entries(targets)) {
      const since = Date.now();
      const r = await invite(c, email, `Typed ${what}`);
      expect(r.status, what).toBe(200);
      expect(r.link, what).toMatchObject({ email, url: `/invite/${r.link?.token ?? ''}` });
      expect(r.link?.token, what).toMatch(/^[0-9A-Za-z]{40}$/);
      const ttl = Date.parse(r.link?.expiresAt ?? '') - since;
      expect(Math.abs(ttl - 72 * 3_600_000), what).toBeLessThan(60_000);
      const rows = await rowsFor(c, email);
      expect(rows, what).toHaveLength(1);
      expectOnlyTyped(rows[0], email, `Typed ${what}`, since);
      const info = await gql<{ invitation: Record<string, unknown> }>(
        s.baseUrl,
        'query($t: String!) { invitation(token: $t) { email tenantName role providerRole } }',
        { t: r.link?.token ?? '' },
      );
      expect(info.data?.invitation, what).toEqual({
        email,
        tenantName: `Brand ${c.slug}`,
        role: 'AGENT',
        providerRole: null,
      });
      // Same keys, same types, everywhere.
      shapes[what] = JSON.stringify({
        body: Object.keys((r.body as { data: { inviteUser: object } }).data.inviteUser),
        row: Object.entries(rows[0] ?? {}).map(([k, v]) => [k, v === null ? 'null' : typeof v]),
      });
    }
    expect(new Set(Object.values(shapes)).size).toBe(1);
  });

  it('removing an invited row revokes the invitation and leaves the account alone', async () => {
    const s = server();
    const target = await inviteMember(s.baseUrl, b.adminToken, 'AGENT', { email: fresh('revoked') });
    const r = await invite(a, target.email, 'Revoked Typed');
    const row = (await rowsFor(a, target.email))[0];
    const rm = await gql(
      s.baseUrl,
      'mutation($u: ID!) { removeUser(userId: $u) }',
      { u: row?.id },
      a.adminToken,
    );
    expect(rm.errors).toBeUndefined();
    expect(await rowsFor(a, target.email)).toEqual([]);
    expect(codeOf(await accept(s.baseUrl, r.link?.token ?? '', target.password))).toBe('INVITATION_INVALID');
    const session = await login(s.baseUrl, target.email, target.password);
    expect(await membershipsOf(s.baseUrl, session.accessToken)).toEqual([b.tenantId]);
    expect((await rowsFor(b, target.email))[0]?.status).toBe('ACTIVE');
  });

  it("a tenant's export holds what it typed for a pending invitation, not the account", async () => {
    const s = server();
    const t = await tenantWithAdmin(s.baseUrl, providerToken, 'POOLED');
    await invite(t, bUser.email, 'Export Typed');
    const off = await gql<{ offboardTenant: { exportId: string } }>(
      s.baseUrl,
      'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId } }',
      { id: t.tenantId, slug: t.slug },
      providerToken,
    );
    expect(off.errors).toBeUndefined();
    const dl = await fetch(`${s.baseUrl}/v1/exports/${off.data?.offboardTenant.exportId ?? ''}`, {
      headers: { authorization: `Bearer ${providerToken}` },
    });
    const { gunzipSync } = await import('node:zlib');
    const text = gunzipSync(Buffer.from(await dl.arrayBuffer())).toString('utf8');
    expect(text).toContain('Export Typed');
    expect(text).not.toContain('Real Name Zhang');
    // B's user is untouched by the offboarding of a tenant that only invited them.
    const session = await login(s.baseUrl, bUser.email, bUser.password);
    expect(await membershipsOf(s.baseUrl, session.accessToken)).toEqual([b.tenantId]);
  });
});
