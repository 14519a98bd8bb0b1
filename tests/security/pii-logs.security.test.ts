// What reaches the logs: after everyday flows that carry secrets and personal data, the server's
// log lines contain none of them — not whole, and not the secret half of a credential.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, gql, login, LOGIN, ONBOARD, STRONG_PASSWORD, useTestServer } from '../support/api.js';
import { createApiKey } from '../support/people.js';

// A webhook receiver on loopback (opened to outbound calls for this suite only).
const server = useTestServer('sec_piilogs', { OUTBOUND_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32' });
const hooks: IncomingHttpHeaders[] = [];
const receiver = createServer((req, res) => {
  hooks.push(req.headers);
  req.resume().on('end', () => res.end('ok'));
});
afterAll(() => new Promise((r) => receiver.close(r)));

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

describe('secrets and personal data never reach the logs', () => {
  /** label → value that must not appear in any log line */
  const secrets = new Map<string, string>();
  const emails = new Set<string>();
  let linesAtStart = 0;

  const remember = (label: string, value: string | undefined): void => {
    if (!value) throw new Error(`${label} missing: the flow did not produce it`);
    secrets.set(label, value);
  };

  /** The part of a credential that is secret on its own (the signature, the random tail). */
  const secretHalves = (label: string, value: string): void => {
    const parts = value.split('.');
    if (parts.length === 3 && parts[2]) secrets.set(`${label} (signature)`, parts[2]);
    const tail = /_([0-9A-Za-z]{32})$/.exec(value)?.[1];
    if (tail) secrets.set(`${label} (random part)`, tail);
    const refreshSecret = /^ses_[0-9A-Za-z]{20}\.([0-9A-Za-z]{43})$/.exec(value)?.[1];
    if (refreshSecret) secrets.set(`${label} (secret part)`, refreshSecret);
  };

  beforeAll(async () => {
    const { baseUrl, providerAdmin } = server();
    linesAtStart = server().logLines.length;
    const slug = `pii-${Date.now().toString(36)}`;
    const adminEmail = `Admin.Person+${slug}@Brand-Pii.test`;
    const agentEmail = `agent.person.${slug}@brand-pii.test`;
    const strangerEmail = `stranger.${slug}@elsewhere.test`;
    emails
      .add(providerAdmin.email)
      .add(adminEmail)
      .add(adminEmail.toLowerCase())
      .add(agentEmail)
      .add(strangerEmail);

    // A login.
    const provider = await login(baseUrl, providerAdmin.email, providerAdmin.password);
    remember('provider password', providerAdmin.password);
    remember('provider access token', provider.accessToken);
    remember('provider refresh token', provider.refreshToken);

    // An onboarding (with its first invitation and API key).
    const onboarded = await gql<{
      onboardTenant: {
        tenant: { id: string };
        invitation: { token: string; url: string };
        apiKey: { secret: string };
      };
    }>(
      baseUrl,
      ONBOARD,
      {
        input: {
          name: `PII ${slug}`,
          slug,
          tier: 'POOLED',
          plan: { seats: 10, apiRatePerMinute: 600, storageMb: 100 },
          locale: 'en',
          timeZone: 'UTC',
          adminEmail,
          adminName: 'Admin Person',
        },
      },
      provider.accessToken,
    );
    const o = onboarded.data?.onboardTenant;
    remember('onboarding invitation token', o?.invitation.token);
    remember('onboarding API key', o?.apiKey.secret);

    // The invitation accepted, the key and the session used.
    const accepted = await gql<{ acceptInvitation: { accessToken: string; refreshToken: string } }>(
      baseUrl,
      ACCEPT,
      {
        token: o?.invitation.token,
        name: 'Admin Person',
        password: STRONG_PASSWORD,
      },
    );
    const admin = accepted.data?.acceptInvitation;
    remember('tenant admin password', STRONG_PASSWORD);
    remember('tenant admin access token', admin?.accessToken);
    remember('tenant admin refresh token', admin?.refreshToken);
    await gql(baseUrl, '{ currentTenant { id } }', {}, o?.apiKey.secret);

    // An API key created and used.
    const key = await createApiKey(baseUrl, admin?.accessToken ?? '', ['TENANT_READ', 'USERS_READ']);
    remember('created API key', key.secret);
    await gql(baseUrl, '{ users { items { email } } }', {}, key.secret);

    // An invitation to a second person.
    const invite = await gql<{ inviteUser: { token: string } }>(
      baseUrl,
      'mutation($e: String!) { inviteUser(email: $e, name: "Agent Person", role: AGENT) { token url } }',
      { e: agentEmail },
      admin?.accessToken,
    );
    remember('agent invitation token', invite.data?.inviteUser.token);
    await gql(baseUrl, 'query($t: String!) { invitation(token: $t) { email } }', {
      t: invite.data?.inviteUser.token,
    });

    // Failed logins: a wrong password for a real person, and an unknown person.
    const wrong = `Wrong-${slug}-Password`;
    remember('wrong password', wrong);
    await gql(baseUrl, LOGIN, { email: adminEmail, password: wrong });
    await gql(baseUrl, LOGIN, { email: strangerEmail, password: wrong });

    // A webhook: its secret shown at creation and at rotation, and the signatures it produced.
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const created = await gql<{ createWebhook: { webhook: { id: string }; secret: string } }>(
      baseUrl,
      'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } secret } }',
      { i: { url: hookUrl, eventTypes: ['ticket.created'] } },
      admin?.accessToken,
    );
    remember('webhook secret', created.data?.createWebhook.secret);
    const hookId = created.data?.createWebhook.webhook.id;
    const rotated = await gql<{ rotateWebhookSecret: { secret: string } }>(
      baseUrl,
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      { id: hookId },
      admin?.accessToken,
    );
    remember('rotated webhook secret', rotated.data?.rotateWebhookSecret.secret);
    await gql(
      baseUrl,
      'mutation($id: ID!) { sendTestWebhook(id: $id) { status } }',
      { id: hookId },
      admin?.accessToken,
    );
    const signature = hooks[0]?.['tandem-signature'];
    remember('webhook signature header', typeof signature === 'string' ? signature : undefined);
    for (const [i, v1] of (signature?.toString().match(/v1=([0-9a-f]{64})/g) ?? []).entries()) {
      remember(`webhook signature ${i + 1}`, v1.slice(3));
    }
    expect(secrets.has('webhook signature 2')).toBe(true);

    // A refresh and a password change (both carry secrets in their variables).
    const refreshed = await gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      baseUrl,
      'mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }',
      { r: admin?.refreshToken },
    );
    remember('refreshed access token', refreshed.data?.refreshSession.accessToken);
    remember('refreshed refresh token', refreshed.data?.refreshSession.refreshToken);
    const newPassword = `New-${slug}-Horse-42`;
    remember('new password', newPassword);
    await gql(
      baseUrl,
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      { c: STRONG_PASSWORD, n: newPassword },
      refreshed.data?.refreshSession.accessToken,
    );

    for (const [label, value] of [...secrets]) secretHalves(label, value);
  });

  const lines = (): string[] => server().logLines.slice(linesAtStart);

  it('the flows were logged at all (the check below has something to look at)', () => {
    const graphqlLines = lines().filter((l) => l.includes('/graphql'));
    expect(graphqlLines.length).toBeGreaterThanOrEqual(12);
    // Request logs keep their shape: the Authorization header is there, but redacted.
    expect(lines().some((l) => l.includes('"authorization":"[redacted]"'))).toBe(true);
  });

  it('no password, access or refresh token, API key or invitation token, whole or in part', () => {
    const found: string[] = [];
    for (const line of lines()) {
      for (const [label, value] of secrets) {
        if (line.includes(value)) found.push(`${label} in: ${line.slice(0, 200)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('no email address of the people involved, in any spelling', () => {
    const found: string[] = [];
    for (const line of lines()) {
      const lower = line.toLowerCase();
      for (const email of emails)
        if (lower.includes(email.toLowerCase())) found.push(`${email} in: ${line.slice(0, 200)}`);
      for (const m of line.match(EMAIL) ?? []) found.push(`an address (${m}) in: ${line.slice(0, 200)}`);
    }
    expect(found).toEqual([]);
  });

  it('the start-up lines do not carry the master key or connection strings', () => {
    const { config } = server();
    const all = server().logLines.join('\n');
    expect(all).not.toContain(config.TANDEM_MASTER_KEY);
    expect(all).not.toContain(config.MONGODB_URI);
    expect(all).not.toContain(config.REDIS_URL);
  });
});
