// The client address behind a load balancer (issue 7): with TRUST_PROXY naming the proxy, the
// address it forwards is the client's — sign-in throttling keys on it and audit records carry it;
// with the setting off (the default), a forged X-Forwarded-For is ignored.
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, login, LOGIN, tenantWithAdmin, useTestServer, type GqlResult } from '../support/api.js';
import { inviteMember, type Member } from '../support/people.js';

const AUDIT = '{ auditLog(pageSize: 20) { items { action ip } } }';

function suite(env: Record<string, string>) {
  const server = useTestServer('sec_proxy', env);
  let member: Member;
  let adminToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    const t = await tenantWithAdmin(baseUrl, provider, 'POOLED');
    adminToken = t.adminToken;
    member = await inviteMember(baseUrl, t.adminToken, 'AGENT');
  });

  const signIn = (password: string, forwardedFor?: string): Promise<GqlResult> =>
    gql(
      server().baseUrl,
      LOGIN,
      { email: member.email, password },
      undefined,
      forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    );

  /** LOGIN_MAX_FAILURES wrong passwords, as a client the proxy says is `from`. */
  const failFrom = async (from: string): Promise<void> => {
    for (let i = 0; i < server().config.LOGIN_MAX_FAILURES; i += 1) {
      expect(codeOf(await signIn(`Wrong-password-${i}`, from))).toBe('INVALID_CREDENTIALS');
    }
  };

  const auditIps = async (forwardedFor: string): Promise<(string | null)[]> => {
    const created = await gql(
      server().baseUrl,
      'mutation { createApiKey(name: "proxy test", scopes: [TENANT_READ]) { secret } }',
      {},
      adminToken,
      { 'x-forwarded-for': forwardedFor },
    );
    expect(created.errors).toBeUndefined();
    const log = await gql<{ auditLog: { items: { action: string; ip: string | null }[] } }>(
      server().baseUrl,
      AUDIT,
      {},
      adminToken,
    );
    return (log.data?.auditLog.items ?? []).filter((e) => e.action === 'api_key.created').map((e) => e.ip);
  };

  return { server, signIn, failFrom, auditIps, member: () => member };
}

describe('TRUST_PROXY=loopback: the forwarded address is the client address', () => {
  const s = suite({ TRUST_PROXY: 'loopback' });

  it('throttling keys on it: one client throttled, another behind the same proxy not', async () => {
    await s.failFrom('198.51.100.10');
    const throttled = await s.signIn(s.member().password, '198.51.100.10');
    expect(codeOf(throttled)).toBe('LOGIN_THROTTLED');
    expect(throttled.status).toBe(429);
    const other = await s.signIn(s.member().password, '198.51.100.11');
    expect(other.errors).toBeUndefined();
    expect(other.status).toBe(200);
  });

  it('audit records carry it', async () => {
    expect(await s.auditIps('198.51.100.20')).toContain('198.51.100.20');
  });
});

describe('TRUST_PROXY=1 (one load balancer): only the hop it appended counts', () => {
  const s = suite({ TRUST_PROXY: '1' });

  it('a client-supplied first entry is ignored; the balancer’s entry is the address', async () => {
    // The client sent "X-Forwarded-For: 10.9.9.9"; the balancer appended the real peer.
    await s.failFrom('10.9.9.9, 198.51.100.30');
    expect(codeOf(await s.signIn(s.member().password, '10.1.1.1, 198.51.100.30'))).toBe('LOGIN_THROTTLED');
    expect((await s.signIn(s.member().password, '10.9.9.9, 198.51.100.31')).status).toBe(200);
    expect(await s.auditIps('10.9.9.9, 198.51.100.32')).toContain('198.51.100.32');
  });
});

describe('TRUST_PROXY off (default): a forged X-Forwarded-For is ignored', () => {
  const s = suite({});

  it('throttling keys on the socket’s address, whatever the header says', async () => {
    expect(s.server().config.TRUST_PROXY).toBe(false);
    await s.failFrom('198.51.100.40');
    // "Another client" by the header alone is the same client: still throttled.
    const forged = await s.signIn(s.member().password, '198.51.100.41');
    expect(codeOf(forged)).toBe('LOGIN_THROTTLED');
    expect(forged.status).toBe(429);
    expect(codeOf(await s.signIn(s.member().password))).toBe('LOGIN_THROTTLED');
  });

  it('audit records carry the socket’s address, not the header', async () => {
    const ips = await s.auditIps('198.51.100.50');
    expect(ips).not.toContain('198.51.100.50');
    expect(ips.every((ip) => ip === '127.0.0.1' || ip === '::ffff:127.0.0.1')).toBe(true);
    expect(ips.length).toBeGreaterThan(0);
  });
});
