// A brand developer's backend: the published SDK client against the real API with an API key.
import { describe, expect, it } from 'vitest';
import { createTandemClient, TandemApiError } from '@tandem/sdk';
import { login, tenantWithAdmin, useTestServer } from '../support/api.js';

const server = useTestServer('sdkclient');

describe('@tandem/sdk client against the real API', () => {
  it('reads its own tenant with an API key and surfaces API errors with their codes', async () => {
    const { baseUrl, providerAdmin } = server();
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    const t = await tenantWithAdmin(baseUrl, provider.accessToken, 'SILOED');
    const tandem = createTandemClient({ baseUrl, apiKey: t.apiKey });

    const data = await tandem.graphql<{ currentTenant: { id: string; slug: string } }>(
      '{ currentTenant { id slug } }',
    );
    expect(data.currentTenant).toEqual({ id: t.tenantId, slug: t.slug });

    // The onboarding key has TENANT_READ only: listing users is refused with the API's code.
    const denied = await tandem.graphql('{ users { total } }').catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(TandemApiError);
    expect(denied).toMatchObject({ code: 'FORBIDDEN' });

    const revoked = createTandemClient({
      baseUrl,
      apiKey: `${t.apiKey.slice(0, -1)}${t.apiKey.endsWith('A') ? 'B' : 'A'}`,
    });
    const bad = await revoked.graphql('{ currentTenant { id } }').catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect((bad as TandemApiError).requestId).toBeTruthy();
  });
});
