// End-customer sessions: a brand's backend (API key) starts a short-lived session for a customer
// it has signed in; the customer's widget or app holds it. It acts for that brand only.
import { describe, expect, it } from 'vitest';
import { codeOf, gql, login, tenantWithAdmin, useTestServer } from '../support/api.js';

const server = useTestServer('customers');

const CREATE = `mutation($ref: String!, $name: String) {
  createCustomerSession(customerRef: $ref, displayName: $name) { token expiresAt }
}`;

async function brandWithSessionKey() {
  const { baseUrl, providerAdmin } = server();
  const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
  const t = await tenantWithAdmin(baseUrl, provider.accessToken, 'SILOED');
  const key = await gql<{ createApiKey: { secret: string } }>(
    baseUrl,
    'mutation { createApiKey(name: "website", scopes: [CUSTOMER_SESSIONS_WRITE]) { secret } }',
    {},
    t.adminToken,
  );
  return { ...t, provider: provider.accessToken, sessionKey: key.data?.createApiKey.secret ?? '' };
}

describe('customer sessions', () => {
  it('a brand backend starts one; the customer sees only their brand and nothing of the staff API', async () => {
    const { baseUrl, config } = server();
    const b = await brandWithSessionKey();
    const r = await gql<{ createCustomerSession: { token: string; expiresAt: string } }>(
      baseUrl,
      CREATE,
      { ref: 'crm-10086', name: '王女士' },
      b.sessionKey,
    );
    expect(r.errors).toBeUndefined();
    const session = r.data?.createCustomerSession;
    const ttl = (Date.parse(session?.expiresAt ?? '') - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(config.CUSTOMER_SESSION_TTL_SECONDS - 30);
    expect(ttl).toBeLessThanOrEqual(config.CUSTOMER_SESSION_TTL_SECONDS);

    const me = await gql<{
      customerSession: { tenantName: string; customerRef: string; displayName: string };
    }>(
      baseUrl,
      '{ customerSession { tenantName locale customerRef displayName expiresAt } }',
      {},
      session?.token,
    );
    expect(me.data?.customerSession).toMatchObject({ customerRef: 'crm-10086', displayName: '王女士' });

    for (const q of [
      '{ currentTenant { id } }',
      '{ users { total } }',
      '{ viewer { user { id } } }',
      '{ apiKeys { id } }',
    ]) {
      expect(codeOf(await gql(baseUrl, q, {}, session?.token)), q).toBe('FORBIDDEN');
    }
  });

  it('needs the scope; bad references are refused; staff cannot mint sessions', async () => {
    const { baseUrl } = server();
    const b = await brandWithSessionKey();
    expect(codeOf(await gql(baseUrl, CREATE, { ref: 'x1' }, b.apiKey))).toBe('FORBIDDEN'); // TENANT_READ key
    expect(codeOf(await gql(baseUrl, CREATE, { ref: 'x1' }, b.adminToken))).toBe('FORBIDDEN');
    expect(codeOf(await gql(baseUrl, CREATE, { ref: 'someone@mail.test' }, b.sessionKey))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(await gql(baseUrl, CREATE, { ref: '' }, b.sessionKey))).toBe('VALIDATION_FAILED');
    expect(codeOf(await gql(baseUrl, '{ customerSession { customerRef } }', {}, b.adminToken))).toBe(
      'FORBIDDEN',
    );
  });

  it('ends when the brand is suspended', async () => {
    const { baseUrl } = server();
    const b = await brandWithSessionKey();
    const r = await gql<{ createCustomerSession: { token: string } }>(
      baseUrl,
      CREATE,
      { ref: 'c-1' },
      b.sessionKey,
    );
    const token = r.data?.createCustomerSession.token ?? '';
    await gql(
      baseUrl,
      'mutation($id: ID!) { suspendTenant(id: $id, reason: "test") { id } }',
      { id: b.tenantId },
      b.provider,
    );
    const after = await gql(baseUrl, '{ customerSession { customerRef } }', {}, token);
    expect(after.status).toBe(401);
  });

  it('a customer token cannot pass for a staff token, nor be stretched', async () => {
    const { baseUrl } = server();
    const b = await brandWithSessionKey();
    const r = await gql<{ createCustomerSession: { token: string } }>(
      baseUrl,
      CREATE,
      { ref: 'c-2' },
      b.sessionKey,
    );
    const [h, p, sig] = (r.data?.createCustomerSession.token ?? '').split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    for (const edit of [
      { aud: 'tandem-api' },
      { exp: (payload.exp as number) + 86_400 },
      { tid: b.tenantId.replace(/.$/, (c) => (c === 'X' ? 'Y' : 'X')) },
    ]) {
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, ...edit })).toString('base64url')}.${sig}`;
      expect((await gql(baseUrl, '{ customerSession { customerRef } }', {}, forged)).status).toBe(401);
    }
  });
});
