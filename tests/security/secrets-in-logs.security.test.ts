// Secrets in request URLs never reach the log (issue 8, defect 3): the console's /invite/<token>
// path, tokens in query strings and Referer headers, next to the flows that carry secrets in
// bodies and headers (invitation, password change, API key creation and use, refresh rotation).
// The captured log of the run is grepped for every secret the run handled, whole and in part.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, gql, login, ONBOARD, STRONG_PASSWORD, useTestServer } from '../support/api.js';
import { createApiKey } from '../support/people.js';

// A console build to serve, so /invite/<token> is answered the way a browser gets it.
const dist = mkdtempSync(path.join(tmpdir(), 'tandem-console-'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tandem</title>');

const server = useTestServer('sec_urllogs', { ADMIN_DIST_DIR: dist });

describe('secrets in URLs, headers and bodies never reach the request log', () => {
  const secrets = new Map<string, string>();
  let linesAtStart = 0;

  const remember = (label: string, value: string | undefined): string => {
    if (!value) throw new Error(`${label} missing: the flow did not produce it`);
    secrets.set(label, value);
    const jwsSignature = value.split('.')[2];
    if (jwsSignature) secrets.set(`${label} (signature)`, jwsSignature);
    const keyTail = /_([0-9A-Za-z]{32})$/.exec(value)?.[1];
    if (keyTail) secrets.set(`${label} (random part)`, keyTail);
    const refreshSecret = /^ses_[0-9A-Za-z]{20}\.([0-9A-Za-z]{43})$/.exec(value)?.[1];
    if (refreshSecret) secrets.set(`${label} (secret part)`, refreshSecret);
    return value;
  };

  const get = async (pathAndQuery: string, headers: Record<string, string> = {}): Promise<number> => {
    const res = await fetch(`${server().baseUrl}${pathAndQuery}`, { headers });
    await res.arrayBuffer();
    return res.status;
  };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    linesAtStart = server().logLines.length;
    const slug = `urllogs-${Date.now().toString(36)}`;
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    remember('provider access token', provider.accessToken);
    remember('provider refresh token', provider.refreshToken);

    const onboarded = await gql<{
      onboardTenant: { invitation: { token: string; url: string }; apiKey: { secret: string } };
    }>(
      baseUrl,
      ONBOARD,
      {
        input: {
          name: `URL logs ${slug}`,
          slug,
          tier: 'POOLED',
          plan: { seats: 10, apiRatePerMinute: 600, storageMb: 100 },
          locale: 'en',
          timeZone: 'UTC',
          adminEmail: `admin-${slug}@brand.test`,
        },
      },
      provider.accessToken,
    );
    const o = onboarded.data?.onboardTenant;
    const invite = remember('invitation token', o?.invitation.token);
    const onboardingKey = remember('onboarding API key', o?.apiKey.secret);
    expect(o?.invitation.url).toBe(`/invite/${invite}`);

    // The person opens the link: the console's page, its assets with the page as Referer, and
    // the same token in a query string (as an e-mail client's link rewriter or a proxy might).
    expect(await get(`/invite/${invite}`)).toBe(200);
    expect(await get(`/invite/${invite}?utm_source=mail`)).toBe(200);
    await get('/assets/app.js', { referer: `${baseUrl}/invite/${invite}` });
    await get(`/invite?token=${invite}`);
    await gql(baseUrl, 'query($t: String!) { invitation(token: $t) { email } }', { t: invite });

    const accepted = await gql<{ acceptInvitation: { accessToken: string; refreshToken: string } }>(
      baseUrl,
      ACCEPT,
      { token: invite, name: 'Admin Person', password: STRONG_PASSWORD },
    );
    const admin = accepted.data?.acceptInvitation;
    remember('password', STRONG_PASSWORD);
    const adminAccess = remember('admin access token', admin?.accessToken);
    remember('admin refresh token', admin?.refreshToken);

    // Tokens in query strings: an access token, a refresh token, an API key, under names that
    // say what they are and under names that do not.
    await fetch(`${baseUrl}/graphql?access_token=${adminAccess}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminAccess}` },
      body: JSON.stringify({ query: '{ viewer { user { id } } }' }),
    }).then((r) => r.arrayBuffer());
    await get(`/v1/anything?q=${encodeURIComponent(admin?.refreshToken ?? '')}`);
    await get(`/v1/anything?apiKey=${onboardingKey}&sig=abcdef0123`);
    secrets.set('signature parameter', 'abcdef0123');
    await get(`/v1/anything/${onboardingKey}`);

    // An API key created and used (header and query string).
    const key = await createApiKey(baseUrl, adminAccess, ['TENANT_READ']);
    remember('created API key', key.secret);
    await gql(baseUrl, '{ currentTenant { id } }', {}, key.secret);
    await get(`/v1/exports/exp_AAAAAAAAAAAAAAAAAAAA?key=${key.secret}`, {
      authorization: `Bearer ${key.secret}`,
    });

    // Refresh rotation, then the old refresh token replayed (the session ends).
    const refreshed = await gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      baseUrl,
      'mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }',
      { r: admin?.refreshToken },
    );
    const next = refreshed.data?.refreshSession;
    remember('refreshed access token', next?.accessToken);
    remember('refreshed refresh token', next?.refreshToken);

    // A password change.
    const newPassword = remember('new password', `New-${slug}-Horse-42`);
    const changed = await gql(
      baseUrl,
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: STRONG_PASSWORD, n: newPassword },
      next?.accessToken,
    );
    expect(changed.errors).toBeUndefined();
    await gql(baseUrl, 'mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }', {
      r: admin?.refreshToken,
    });
  });

  const lines = (): string[] => server().logLines.slice(linesAtStart);

  it('the requests were logged, with their (redacted) URLs', () => {
    const urls = lines()
      .map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url)
      .filter((u): u is string => typeof u === 'string');
    expect(urls).toContain('/invite/[REDACTED]');
    expect(urls).toContain('/invite/[REDACTED]?utm_source=mail');
    expect(urls).toContain('/invite?token=[REDACTED]');
    expect(urls).toContain('/graphql?access_token=[REDACTED]');
    expect(urls).toContain('/v1/anything?apiKey=[REDACTED]&sig=[REDACTED]');
    expect(urls.filter((u) => u === '/graphql').length).toBeGreaterThanOrEqual(8);
  });

  it('no secret the run handled appears in any log line, whole or in part', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(20);
    const found: string[] = [];
    for (const line of lines()) {
      for (const [label, value] of secrets) {
        if (line.includes(value)) found.push(`${label} in: ${line.slice(0, 240)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
