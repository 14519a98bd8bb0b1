// Fair use of one API process (issue 8): a tenant's requests beyond its in-flight share wait their
// turn, and far beyond it are answered 429 with Retry-After at once — while another tenant's
// requests on the same process keep being served.
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, login, onboard, useTestServer, type GqlResult } from '../support/api.js';

// Two requests of a tenant at once, eight more waiting; the rest refused.
const server = useTestServer('sec_fair', { TENANT_MAX_IN_FLIGHT: '2' });

const CURRENT = '{ currentTenant { id } }';

describe('a tenant flooding one API process', () => {
  let providerToken: string;

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    providerToken = (await login(baseUrl, providerAdmin.email, providerAdmin.password)).accessToken;
  });

  it('gets 429 + Retry-After past its share; the other tenant’s requests are all served', async () => {
    const { baseUrl } = server();
    const flooder = await onboard(baseUrl, providerToken, 'POOLED');
    const quiet = await onboard(baseUrl, providerToken, 'POOLED');
    // Both keys accepted once (established traffic, not first sight).
    expect((await gql(baseUrl, CURRENT, {}, flooder.apiKey)).status).toBe(200);
    expect((await gql(baseUrl, CURRENT, {}, quiet.apiKey)).status).toBe(200);

    // Open the connections first, so that the flood's requests then leave all at once.
    await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${baseUrl}/healthz`).then((r) => r.arrayBuffer())),
    );
    const flood = Promise.all(Array.from({ length: 60 }, () => gql(baseUrl, CURRENT, {}, flooder.apiKey)));
    const served: GqlResult[] = [];
    for (let i = 0; i < 10; i++) served.push(await gql(baseUrl, CURRENT, {}, quiet.apiKey));
    const flooded = await flood;

    expect(served.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
    const refused = flooded.filter((r) => r.status === 429);
    const ok = flooded.filter((r) => r.status === 200);
    expect(refused.length + ok.length).toBe(60);
    expect(refused.length).toBeGreaterThan(0);
    // At least the share and its queue were served.
    expect(ok.length).toBeGreaterThanOrEqual(10);
    for (const r of refused) {
      expect(codeOf(r)).toBe('RATE_LIMITED');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    for (const r of ok)
      expect((r.data as { currentTenant?: { id?: string } }).currentTenant?.id).toBe(flooder.tenantId);
  });
});
