// Access tokens, refresh tokens, API keys and sign-in, attacked over HTTP against a real API.
// Forged tokens are built by hand (tests/support/jws.ts) from a genuine token's claims and, where
// the attack is on the claims rather than the signature, re-signed with the server's own key: each
// forgery then differs from an accepted token in exactly the attacked aspect, so a check that goes
// missing makes its test fail.
import { createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  codeOf,
  gql,
  login,
  LOGIN,
  STRONG_PASSWORD,
  tenantWithAdmin,
  useTestServer,
} from '../support/api.js';
import {
  decodeJws,
  nowSeconds,
  replacePayload,
  serverSigningKey,
  signJws,
  type JsonObject,
  type ServerSigningKey,
} from '../support/jws.js';
import { createApiKey, inviteMember, viewer, type Member } from '../support/people.js';

const server = useTestServer('sec_tokens');

/** 401 before any resolver runs, with the stable code and nothing else. */
async function expectRejected(token: string): Promise<void> {
  const r = await viewer(server().baseUrl, token);
  expect(r.status).toBe(401);
  expect(codeOf(r)).toBe('UNAUTHENTICATED');
  expect(r.data).toBeNull();
}

async function expectAccepted(token: string, userId: string): Promise<void> {
  const r = await viewer(server().baseUrl, token);
  expect(r.errors).toBeUndefined();
  expect(r.status).toBe(200);
  expect(r.data?.viewer.user.id).toBe(userId);
}

const REFRESH = `mutation($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken refreshToken } }`;

describe('forged and tampered access tokens', () => {
  let key: ServerSigningKey;
  let providerToken: string;
  let tenant: Awaited<ReturnType<typeof tenantWithAdmin>>;
  let other: Awaited<ReturnType<typeof tenantWithAdmin>>;
  let agent: Member;
  /** A genuine token of the agent and its decoded parts. */
  let genuine: string;
  let header: JsonObject;
  let claims: JsonObject;

  const resign = (payload: JsonObject, hdr: JsonObject = header): string =>
    signJws(hdr, payload, 'ES256', key.privateKeyPem);

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
    tenant = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    other = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    agent = await inviteMember(baseUrl, tenant.adminToken, 'AGENT');
    genuine = agent.accessToken;
    key = await serverSigningKey(server());
    const decoded = decodeJws(genuine);
    header = decoded.header;
    claims = decoded.payload;
  });

  it('the forging machinery is sound: genuine claims re-signed with the server key are accepted', async () => {
    expect(header).toMatchObject({ alg: 'ES256', kid: key.kid });
    expect(claims).toMatchObject({ sub: agent.userId, tid: tenant.tenantId, trole: 'AGENT' });
    await expectAccepted(genuine, agent.userId);
    await expectAccepted(resign({ ...claims }), agent.userId);
    await expectAccepted(resign({ ...claims, jti: 'req_AAAAAAAAAAAAAAAAAAAA' }), agent.userId);
  });

  describe('algorithm confusion', () => {
    it.each(['none', 'None', 'NONE', 'nOnE'])('alg "%s" with an empty signature', async (alg) => {
      await expectRejected(signJws({ ...header, alg }, claims, 'none'));
    });

    it('alg "none" keeping the genuine signature', async () => {
      const t = signJws({ ...header, alg: 'none' }, claims, 'none');
      await expectRejected(`${t}${decodeJws(genuine).signature}`);
    });

    it('HS256 signed with the public key PEM from the database', async () => {
      await expectRejected(signJws({ ...header, alg: 'HS256' }, claims, 'HS256', key.publicKeyPem));
      await expectRejected(signJws({ ...header, alg: 'HS256' }, claims, 'HS256', key.publicKeyPem.trim()));
    });

    it('HS256 signed with the public key published at /.well-known/jwks.json', async () => {
      const res = await fetch(`${server().baseUrl}/.well-known/jwks.json`);
      expect(res.status).toBe(200);
      const jwks = (await res.json()) as { keys: (JsonObject & { kid: string })[] };
      const jwk = jwks.keys.find((k) => k.kid === key.kid);
      expect(jwk).toBeDefined();
      expect(jwk).not.toHaveProperty('d');
      const pem = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      expect(pem).toBe(key.publicKeyPem);
      await expectRejected(signJws({ ...header, alg: 'HS256' }, claims, 'HS256', pem));
      await expectRejected(signJws({ ...header, alg: 'HS256' }, claims, 'HS256', JSON.stringify(jwk)));
    });

    it('ES256 signed with another P-256 key under the real kid', async () => {
      const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await expectRejected(signJws(header, claims, 'ES256', attacker.privateKey));
    });

    it('an unpinned algorithm: RS256 with the attacker’s RSA key under the real kid', async () => {
      const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await expectRejected(signJws({ ...header, alg: 'RS256' }, claims, 'RS256', attacker.privateKey));
    });

    it('the attacker’s own key embedded in the header (jwk / jku / x5u)', async () => {
      const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = attacker.publicKey.export({ format: 'jwk' });
      await expectRejected(signJws({ alg: 'ES256', typ: 'JWT', jwk }, claims, 'ES256', attacker.privateKey));
      await expectRejected(signJws({ ...header, jwk }, claims, 'ES256', attacker.privateKey));
      await expectRejected(
        signJws(
          { ...header, jku: 'http://127.0.0.1:1/jwks.json', x5u: 'http://127.0.0.1:1/x5u' },
          claims,
          'ES256',
          attacker.privateKey,
        ),
      );
    });
  });

  describe('claims signed with the server’s own key', () => {
    const without = (name: string): JsonObject =>
      Object.fromEntries(Object.entries(claims).filter(([k]) => k !== name));

    it('no exp', async () => {
      await expectRejected(resign(without('exp')));
    });

    it('exp as a string or far beyond the token lifetime', async () => {
      await expectRejected(resign({ ...claims, exp: String(nowSeconds() + 600) }));
      // maxAge: an old iat with a fresh exp is still too old.
      const ttl = server().config.ACCESS_TOKEN_TTL_SECONDS;
      await expectRejected(resign({ ...claims, iat: nowSeconds() - ttl - 120, exp: nowSeconds() + 3600 }));
    });

    it('expired (beyond the clock tolerance)', async () => {
      await expectRejected(resign({ ...claims, iat: nowSeconds() - 300, exp: nowSeconds() - 60 }));
    });

    it('not valid yet (nbf in the future)', async () => {
      await expectRejected(resign({ ...claims, nbf: nowSeconds() + 120 }));
    });

    it('wrong issuer, or none', async () => {
      await expectRejected(resign({ ...claims, iss: 'evil-issuer' }));
      await expectRejected(resign({ ...claims, iss: `${String(claims.iss)} ` }));
      await expectRejected(resign(without('iss')));
    });

    it('wrong audience, or none', async () => {
      await expectRejected(resign({ ...claims, aud: 'another-api' }));
      await expectRejected(resign({ ...claims, aud: ['another-api', 'a-third-api'] }));
      await expectRejected(resign(without('aud')));
    });

    it('a tenant the user is not a member of', async () => {
      await expectRejected(resign({ ...claims, tid: other.tenantId }));
    });

    it('provider role or provider level claimed by a tenant agent', async () => {
      await expectRejected(resign({ ...claims, prole: 'PROVIDER_ADMIN' }));
      await expectRejected(resign({ ...claims, tid: null, trole: null, prole: 'PROVIDER_ADMIN' }));
    });

    it('another subject under the same session, or a stale token version', async () => {
      const adminId = decodeJws(tenant.adminToken).payload.sub;
      await expectRejected(resign({ ...claims, sub: adminId }));
      await expectRejected(resign({ ...claims, ver: Number(claims.ver) + 1 }));
    });

    it('a higher tenant role in the token grants nothing: the role comes from the membership', async () => {
      const t = resign({ ...claims, trole: 'TENANT_ADMIN' });
      const r = await gql<{ viewer: { role: string } }>(server().baseUrl, '{ viewer { role } }', {}, t);
      expect(r.data?.viewer.role).toBe('AGENT');
      const keys = await gql(server().baseUrl, '{ apiKeys { id } }', {}, t);
      expect(codeOf(keys)).toBe('FORBIDDEN');
      expect(keys.data).toBeNull();
    });
  });

  describe('odd key ids (all signed with the real key)', () => {
    const cases: [string, unknown][] = [
      ['missing', undefined],
      ['path-like', '../../../../etc/passwd'],
      ['path-like with the real kid', '../signing_keys/REAL'],
      ['URL', 'https://evil.test/key.pem'],
      ['well-formed but unknown', 'sk_AAAAAAAAAAAAAAAAAAAA'],
      ['the real kid with a NUL suffix', 'REAL\u0000'],
      ['the real kid in another case', 'REAL_UPPER'],
      ['very long (fits the header limit)', `sk_${'A'.repeat(1500)}`],
      ['very long (beyond the header limit)', `sk_${'A'.repeat(6000)}`],
      ['a number', 42],
      ['an operator object', { $ne: null }],
      ['an array with the real kid', ['REAL']],
    ];
    it.each(cases)('kid %s', async (_name, raw) => {
      const kid =
        raw === 'REAL_UPPER'
          ? key.kid.toUpperCase()
          : typeof raw === 'string'
            ? raw.replace('REAL', key.kid)
            : Array.isArray(raw)
              ? raw.map((x) => String(x).replace('REAL', key.kid))
              : raw;
      const { kid: _drop, ...rest } = header;
      const t = resign(claims, kid === undefined ? rest : { ...rest, kid });
      expect(decodeJws(t).header.kid).toEqual(kid);
      await expectRejected(t);
    });
  });

  describe('claims edited after signing (the original signature kept)', () => {
    const edits: [string, () => JsonObject][] = [
      ['tid → another tenant', () => ({ ...claims, tid: other.tenantId })],
      ['trole → TENANT_ADMIN', () => ({ ...claims, trole: 'TENANT_ADMIN' })],
      ['prole → PROVIDER_ADMIN', () => ({ ...claims, prole: 'PROVIDER_ADMIN' })],
      ['provider level', () => ({ ...claims, tid: null, trole: null, prole: 'PROVIDER_ADMIN' })],
      ['sub → the tenant admin', () => ({ ...claims, sub: decodeJws(tenant.adminToken).payload.sub })],
      ['exp → a day later', () => ({ ...claims, exp: Number(claims.exp) + 86_400 })],
    ];
    it.each(edits)('%s', async (_name, edit) => {
      await expectRejected(replacePayload(genuine, edit()));
    });
  });
});

describe('credentials that stop working', () => {
  let providerToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
  });

  it('after logout: the access token and its refresh token', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const m = await inviteMember(baseUrl, t.adminToken, 'AGENT');
    await expectAccepted(m.accessToken, m.userId);
    const out = await gql<{ logout: boolean }>(baseUrl, 'mutation { logout }', {}, m.accessToken);
    expect(out.data?.logout).toBe(true);
    await expectRejected(m.accessToken);
    const refreshed = await gql(baseUrl, REFRESH, { refreshToken: m.refreshToken });
    expect(codeOf(refreshed)).toBe('REFRESH_TOKEN_INVALID');
    expect(refreshed.data).toBeNull();
    // The admin's own session is untouched.
    const admin = await viewer(baseUrl, t.adminToken);
    expect(admin.status).toBe(200);
  });

  it('after a password change: every session of the user, and the old password', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const m = await inviteMember(baseUrl, t.adminToken, 'SUPERVISOR');
    const second = await login(baseUrl, m.email, m.password);
    await expectAccepted(second.accessToken, m.userId);
    const changed = await gql<{ changePassword: boolean }>(
      baseUrl,
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: m.password, n: 'Another-horse-77-staple' },
      m.accessToken,
    );
    expect(changed.data?.changePassword).toBe(true);
    await expectRejected(m.accessToken);
    await expectRejected(second.accessToken);
    expect(codeOf(await gql(baseUrl, REFRESH, { refreshToken: second.refreshToken }))).toBe(
      'REFRESH_TOKEN_INVALID',
    );
    expect(codeOf(await gql(baseUrl, LOGIN, { email: m.email, password: m.password }))).toBe(
      'INVALID_CREDENTIALS',
    );
    const fresh = await login(baseUrl, m.email, 'Another-horse-77-staple');
    await expectAccepted(fresh.accessToken, m.userId);
  });

  it('after removal from the tenant by its admin', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const m = await inviteMember(baseUrl, t.adminToken, 'AGENT');
    await expectAccepted(m.accessToken, m.userId);
    const removed = await gql<{ removeUser: boolean }>(
      baseUrl,
      'mutation($id: ID!) { removeUser(userId: $id) }',
      { id: m.userId },
      t.adminToken,
    );
    expect(removed.data?.removeUser).toBe(true);
    await expectRejected(m.accessToken);
    expect(codeOf(await gql(baseUrl, REFRESH, { refreshToken: m.refreshToken }))).toBe(
      'REFRESH_TOKEN_INVALID',
    );
    const again = await gql(baseUrl, LOGIN, { email: m.email, password: m.password });
    expect(again.data).toBeNull();
  });

  it('after the tenant is suspended: its users’ tokens and its API keys', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'SILOED');
    const m = await inviteMember(baseUrl, t.adminToken, 'AGENT');
    const key = await createApiKey(baseUrl, t.adminToken);
    const current = await gql(baseUrl, '{ currentTenant { id } }', {}, key.secret);
    expect(current.status).toBe(200);
    const suspended = await gql<{ suspendTenant: { status: string } }>(
      baseUrl,
      'mutation($id: ID!) { suspendTenant(id: $id, reason: "security suite") { status } }',
      { id: t.tenantId },
      providerToken,
    );
    expect(suspended.data?.suspendTenant.status).toBe('SUSPENDED');
    await expectRejected(t.adminToken);
    await expectRejected(m.accessToken);
    await expectRejected(key.secret);
    await expectRejected(t.apiKey);
    expect(codeOf(await gql(baseUrl, REFRESH, { refreshToken: t.adminRefresh }))).toBe(
      'REFRESH_TOKEN_INVALID',
    );
  });

  it('an API key after revokeApiKey (another key of the tenant keeps working)', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const doomed = await createApiKey(baseUrl, t.adminToken);
    const kept = await createApiKey(baseUrl, t.adminToken);
    expect((await gql(baseUrl, '{ currentTenant { id } }', {}, doomed.secret)).status).toBe(200);
    const revoked = await gql<{ revokeApiKey: { revokedAt: string | null } }>(
      baseUrl,
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: doomed.id },
      t.adminToken,
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toEqual(expect.any(String));
    await expectRejected(doomed.secret);
    const ok = await gql<{ currentTenant: { id: string } }>(
      baseUrl,
      '{ currentTenant { id } }',
      {},
      kept.secret,
    );
    expect(ok.data?.currentTenant.id).toBe(t.tenantId);
  });

  it('an API key with its tenant part or secret part altered', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const o = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const k = await createApiKey(baseUrl, t.adminToken);
    await expectRejected(k.secret.replace(t.tenantId, o.tenantId));
    const last = k.secret.slice(-1);
    await expectRejected(`${k.secret.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`);
    await expectRejected(`${k.secret}A`);
  });

  it('refresh-token reuse revokes the whole session', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const m = await inviteMember(baseUrl, t.adminToken, 'AGENT');
    const first = await gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      baseUrl,
      REFRESH,
      {
        refreshToken: m.refreshToken,
      },
    );
    const newer = first.data?.refreshSession;
    if (!newer) throw new Error(`refresh failed: ${JSON.stringify(first.errors)}`);
    await expectAccepted(newer.accessToken, m.userId);
    // The old refresh token again: someone holds a copy.
    const reuse = await gql(baseUrl, REFRESH, { refreshToken: m.refreshToken });
    expect(codeOf(reuse)).toBe('REFRESH_TOKEN_INVALID');
    expect(reuse.data).toBeNull();
    // The whole family is gone: the newer refresh token and the newer access token.
    const next = await gql(baseUrl, REFRESH, { refreshToken: newer.refreshToken });
    expect(codeOf(next)).toBe('REFRESH_TOKEN_INVALID');
    expect(next.data).toBeNull();
    await expectRejected(newer.accessToken);
    // Other sessions of the same person are not affected.
    const elsewhere = await login(baseUrl, m.email, m.password);
    await expectAccepted(elsewhere.accessToken, m.userId);
  });
});

describe('sign-in', () => {
  let providerToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
  });

  it('an unknown email is indistinguishable from a wrong password (and from an unaccepted invitation)', async () => {
    const { baseUrl } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const invited = await gql<{ inviteUser: { token: string } }>(
      baseUrl,
      'mutation { inviteUser(email: "pending-person@brand.test", name: "Pending", role: AGENT) { token } }',
      {},
      t.adminToken,
    );
    expect(invited.errors).toBeUndefined();
    const wrongPassword = await gql(baseUrl, LOGIN, { email: t.adminEmail, password: 'Not-the-password-1' });
    const unknownEmail = await gql(baseUrl, LOGIN, {
      email: 'nobody-here@brand.test',
      password: 'Not-the-password-1',
    });
    const pending = await gql(baseUrl, LOGIN, {
      email: 'pending-person@brand.test',
      password: 'Not-the-password-1',
    });
    for (const r of [wrongPassword, unknownEmail, pending]) {
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
    }
    const shape = (r: typeof wrongPassword) => ({ status: r.status, errors: r.errors });
    expect(codeOf(wrongPassword)).toBe('INVALID_CREDENTIALS');
    expect(shape(unknownEmail)).toEqual(shape(wrongPassword));
    expect(shape(pending)).toEqual(shape(wrongPassword));
  });

  it('after LOGIN_MAX_FAILURES wrong passwords the account is throttled, the right password included', async () => {
    const { baseUrl, config } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    const m = await inviteMember(baseUrl, t.adminToken, 'AGENT');
    for (let i = 0; i < config.LOGIN_MAX_FAILURES; i += 1) {
      const r = await gql(baseUrl, LOGIN, { email: m.email, password: `Wrong-password-${i}` });
      expect(codeOf(r), `attempt ${i + 1}`).toBe('INVALID_CREDENTIALS');
    }
    // The same account in another spelling is the same account.
    for (const [email, password] of [
      [m.email, m.password],
      [` ${m.email.toUpperCase()} `, m.password],
      [m.email, 'Wrong-password-again'],
    ] as const) {
      const r = await gql(baseUrl, LOGIN, { email, password });
      expect(r.data).toBeNull();
      expect(codeOf(r)).toBe('LOGIN_THROTTLED');
    }
    // Another account is not throttled by this one's failures.
    const admin = await gql(baseUrl, LOGIN, { email: t.adminEmail, password: STRONG_PASSWORD });
    expect(admin.errors).toBeUndefined();
  });

  it('a throttled sign-in says when to retry', async () => {
    const { baseUrl, config } = server();
    const t = await tenantWithAdmin(baseUrl, providerToken, 'POOLED');
    for (let i = 0; i < config.LOGIN_MAX_FAILURES; i += 1) {
      await gql(baseUrl, LOGIN, { email: t.adminEmail, password: `Wrong-password-${i}` });
    }
    const r = await gql(baseUrl, LOGIN, { email: t.adminEmail, password: STRONG_PASSWORD });
    expect(codeOf(r)).toBe('LOGIN_THROTTLED');
    const ext = (r.errors?.[0]?.extensions ?? {}) as {
      retryAfterSeconds?: unknown;
      details?: { retryAfterSeconds?: unknown };
    };
    const header = r.headers.get('retry-after');
    const retryAfter = Number(
      ext.retryAfterSeconds ?? ext.details?.retryAfterSeconds ?? header ?? Number.NaN,
    );
    expect(retryAfter, 'Retry-After header or extensions(.details).retryAfterSeconds').toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(config.LOGIN_FAILURE_WINDOW_SECONDS);
  });
});
