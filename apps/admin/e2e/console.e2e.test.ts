// End-to-end: the built console, served by the real API over the real services (FerretDB, Redis),
// driven in Debian's Chromium. Screenshots of each main screen go to e2e/artifacts/.
import { type TestServer, startTestServer } from '@tandem/core/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PageProblems } from './browser';
import { nav, signIn, useConsole } from './harness';
import { type ConsoleMessages, type Lang, MESSAGES } from './messages';
import {
  containsText,
  disabled,
  ensureConsoleBuilt,
  gql,
  hasCount,
  hasText,
  hasValue,
  screenshot,
  uniq,
  visible,
} from './support';

const OTHER: Record<Lang, Lang> = { 'zh-CN': 'en', en: 'zh-CN' };
const PASSWORD = 'Tandem-e2e-2026';

const harness = useConsole();
const { openContext } = harness;

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language-switch').first().click();
  await page.getByTestId(`language-${lang}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

interface Onboarded {
  name: string;
  slug: string;
  adminEmail: string;
  inviteUrl: string;
  apiKey: string;
}

/** Walks the onboarding wizard and reads the result page. */
async function onboardViaWizard(
  page: Page,
  t: ConsoleMessages,
  input: { name: string; slug: string; tier: 'POOLED' | 'SILOED'; adminEmail: string },
): Promise<Onboarded> {
  await page.getByTestId('onboard-name').fill(input.name);
  await page.getByTestId('onboard-slug').fill(input.slug);
  await page.getByTestId('wizard-next').click();
  await page.getByTestId(`tier-${input.tier}`).check();
  await page.getByTestId('wizard-next').click();
  await page.getByTestId(input.tier === 'SILOED' ? 'preset-enterprise' : 'preset-starter').click();
  await page.getByTestId('wizard-next').click();
  await visible(page.getByText(t.onboard.timeZoneHelp));
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('onboard-admin-email').fill(input.adminEmail);
  await page.getByTestId('onboard-admin-name').fill(`Admin ${input.slug}`);
  await page.getByTestId('wizard-submit').click();

  const result = page.getByTestId('onboard-result');
  await visible(result);
  await visible(result.getByText(t.secret.shownOnceTitle));
  const inviteUrl = await page.getByTestId('invite-url').inputValue();
  const apiKey = await page.getByTestId('onboard-api-key').inputValue();
  expect(inviteUrl).toMatch(new RegExp(`^${harness.server().baseUrl}/invite/.+`));
  expect(apiKey.length).toBeGreaterThan(20);
  // leaving is blocked until the key is copied or its storage is confirmed
  await disabled(page.getByTestId('onboard-another'));
  return { ...input, inviteUrl, apiKey };
}

describe.each<Lang>(['zh-CN', 'en'])('admin console in %s', (lang) => {
  const t = MESSAGES[lang];

  it('a provider admin onboards a siloed and a pooled tenant; the siloed tenant’s admin accepts the invite, adds a user and a working API key, and is signed out when the tenant is suspended', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const shot = (page: Page, name: string) => screenshot(page, `${lang}-${name}`);

    // -- provider admin signs in and switches the console to the scenario's language
    const provider = await openContext(problems, 'provider', OTHER[lang]);
    const p = provider.page;
    await p.goto(`${harness.server().baseUrl}/`);
    await p.waitForURL(/\/login/);
    await visible(p.getByRole('heading', { name: MESSAGES[OTHER[lang]].auth.signInTitle }));
    await signIn(p, harness.server().providerAdmin.email, harness.server().providerAdmin.password);
    await p.waitForURL(/\/provider\/overview/);
    await chooseLanguage(p, lang);
    await hasText(p.getByTestId('nav-provider-tenants'), t.nav.tenants);
    await p.reload();
    await hasText(p.getByTestId('nav-provider-tenants'), t.nav.tenants); // remembered

    // -- onboard a siloed bank and a pooled shop through the wizard
    await nav(p, 'provider-tenants');
    await p.getByTestId('onboard-tenant').click();
    await p.waitForURL(/\/provider\/tenants\/new/);
    await shot(p, '03-onboard-wizard');
    const bank = await onboardViaWizard(p, t, {
      name: lang === 'zh-CN' ? `招商测试银行 ${run}` : `Acme Bank ${run}`,
      slug: `bank-${lang.toLowerCase()}-${run}`,
      tier: 'SILOED',
      adminEmail: `admin.bank.${run}@bank.test`,
    });
    await shot(p, '04-onboard-result');
    await p.getByTestId('ack-key-saved').check();
    await p.getByTestId('onboard-another').click();
    const shop = await onboardViaWizard(p, t, {
      name: lang === 'zh-CN' ? `优选商城 ${run}` : `Shopwise ${run}`,
      slug: `shop-${lang.toLowerCase()}-${run}`,
      tier: 'POOLED',
      adminEmail: `admin.shop.${run}@shop.test`,
    });
    await p.getByTestId('ack-key-saved').check();
    await p.getByTestId('onboard-go-tenant').click();
    await visible(p.getByRole('heading', { name: shop.name }));

    // the list finds both, with their tiers
    await nav(p, 'provider-tenants');
    await p.getByTestId('tenants-search').locator('input').fill(run);
    await p.getByTestId('tenants-search').locator('input').press('Enter');
    const table = p.getByTestId('tenants-table');
    await visible(table.getByTestId(`tenant-link-${bank.slug}`));
    await visible(table.getByTestId(`tenant-link-${shop.slug}`));
    await visible(table.getByText(t.enums.tier.SILOED));
    await visible(table.getByText(t.enums.tier.POOLED));
    await shot(p, '02-tenants');

    // -- the bank's admin accepts the invitation in a fresh browser context
    const admin = await openContext(problems, 'tenant-admin', lang);
    const a = admin.page;
    await a.goto(bank.inviteUrl);
    await hasText(a.getByTestId('invite-email'), bank.adminEmail);
    await shot(a, '05-accept-invite');
    await a.getByTestId('invite-name').fill(lang === 'zh-CN' ? '王经理' : 'Morgan Lee');
    await a.getByTestId('invite-password').fill(PASSWORD);
    await a.getByTestId('invite-confirm').fill(PASSWORD);
    await a.getByTestId('invite-submit').click();
    await a.waitForURL(/\/tenant\/overview/);
    await visible(a.getByRole('heading', { name: bank.name }));
    await hasText(a.getByTestId('current-tenant'), bank.name);
    await shot(a, '06-tenant-overview');

    // creates a user
    const agentEmail = `agent.${run}@bank.test`;
    await nav(a, 'tenant-users');
    await a.getByTestId('invite-user').click();
    await a.getByTestId('invite-user-email').fill(agentEmail);
    await a.getByTestId('invite-user-name').fill(lang === 'zh-CN' ? '李坐席' : 'Alex Agent');
    await a.getByTestId('invite-user-submit').click();
    await hasValue(a.getByTestId('invite-url'), /\/invite\//);
    await a.getByTestId('invite-done').click();
    await visible(a.getByTestId('users-table').getByText(agentEmail));
    await visible(a.getByTestId('users-table').getByText(t.enums.userStatus.INVITED));
    await shot(a, '07-tenant-users');

    // creates an API key, shown once
    await nav(a, 'tenant-api-keys');
    await a.getByTestId('create-api-key').click();
    await a.getByTestId('api-key-name').fill('CRM sync');
    await a.getByTestId('api-key-submit').click();
    const secret = await a.getByTestId('api-key-secret').inputValue();
    await visible(a.getByText(t.secret.shownOnceTitle));
    await shot(a, '08-api-key-created');
    await disabled(a.getByTestId('api-key-done'));
    await a.getByTestId('api-key-ack').check();
    await a.getByTestId('api-key-done').click();
    await visible(a.getByTestId('api-keys-table').getByText('CRM sync'));
    await visible(a.getByTestId('api-keys-table').getByText(t.apiKeys.neverUsed).first());

    // ... and the key works against the API, for its own tenant
    const viaKey = await gql<{ currentTenant: { slug: string } }>(
      harness.server().baseUrl,
      'query { currentTenant { slug } }',
      {},
      secret,
    );
    expect(viaKey.errors).toBeUndefined();
    expect(viaKey.data?.currentTenant.slug).toBe(bank.slug);
    const viaOnboardingKey = await gql<{ currentTenant: { slug: string } }>(
      harness.server().baseUrl,
      'query { currentTenant { slug } }',
      {},
      shop.apiKey,
    );
    expect(viaOnboardingKey.data?.currentTenant.slug).toBe(shop.slug);
    await a.reload();
    await hasCount(a.getByTestId('api-keys-table').getByText(t.apiKeys.neverUsed), 1); // only the onboarding key is unused
    await shot(a, '09-api-keys');

    // -- the provider's overview and audit trail show the new tenants
    await nav(p, 'provider-overview');
    await visible(p.getByTestId('chart-traffic').locator('canvas'));
    await visible(p.getByTestId('chart-accounts').locator('canvas'));
    await shot(p, '01-overview');
    await nav(p, 'provider-audit');
    await p.getByTestId('audit-action-filter').locator('input').fill('tenant.onboarded');
    await p.getByTestId('audit-action-filter').locator('input').press('Enter');
    await hasCount(p.getByTestId('audit-table').getByText(bank.name), 1); // once the filter applies
    await p.getByTestId('audit-table').getByText(bank.name).click();
    await visible(p.getByText(t.audit.changes));
    await shot(p, '10-audit-detail');
    await p.keyboard.press('Escape');

    // -- suspending the bank signs its admin out
    await nav(p, 'provider-tenants');
    await p.getByTestId(`tenant-link-${bank.slug}`).click();
    await visible(p.getByRole('heading', { name: bank.name }));
    await shot(p, '11-tenant-detail');
    await p.getByTestId('suspend-tenant').click();
    await visible(p.getByTestId('suspend-reason'));
    await p.getByTestId('suspend-confirm').click(); // a reason is required first
    await visible(p.getByText(t.validation.reasonRequired));
    await p.getByTestId('suspend-reason').fill(lang === 'zh-CN' ? '合同款项逾期' : 'Invoice overdue');
    await p.getByTestId('suspend-confirm').click();
    await visible(p.getByTestId('suspended-banner'));
    await hasText(p.getByTestId('tenant-status').first(), t.enums.tenantStatus.SUSPENDED);
    await shot(p, '12-tenant-suspended');

    await nav(a, 'tenant-users'); // the admin's next action
    await a.waitForURL(/\/login/);
    const ended = a.getByTestId('session-ended');
    await visible(ended);
    const endedText = (await ended.innerText()).trim();
    expect([t.auth.endReason.tenant_suspended, t.auth.endReason.session_expired]).toContain(endedText);
    await shot(a, '13-signed-out-after-suspension');

    // signing in again is refused with a readable message
    await a.getByTestId('login-email').fill(bank.adminEmail);
    await a.getByTestId('login-password').fill(PASSWORD);
    await a.getByTestId('login-submit').click();
    await visible(a.getByTestId('login-error'));
    expect(a.url()).toContain('/login');

    await admin.context.close();
    await provider.context.close();
    expect(problems.items).toEqual([]);
  }, 240_000);
});

describe('tenant switching', () => {
  it('never shows the previous tenant’s data, even when a response for it arrives after the switch', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const base = harness.server().baseUrl;

    // setup through the API: two tenants and a provider agent staffed on both as supervisor
    const login = await gql<{ login: { accessToken: string } }>(
      base,
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
      { e: harness.server().providerAdmin.email, p: harness.server().providerAdmin.password },
    );
    const token = login.data?.login.accessToken ?? '';
    const onboard = async (name: string, slug: string, adminEmail: string) => {
      const res = await gql<{ onboardTenant: { tenant: { id: string } } }>(
        base,
        `mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { tenant { id } } }`,
        {
          input: {
            name,
            slug,
            tier: 'POOLED',
            plan: { seats: 10, apiRatePerMinute: 600, storageMb: 1024 },
            locale: 'zh-CN',
            timeZone: 'Asia/Shanghai',
            adminEmail,
          },
        },
        token,
      );
      expect(res.errors).toBeUndefined();
      return res.data?.onboardTenant.tenant.id ?? '';
    };
    const alpha = {
      name: `Alpha Insurance ${run}`,
      slug: `alpha-${run}`,
      admin: `alpha.admin.${run}@alpha.test`,
    };
    const beta = { name: `Beta Telecom ${run}`, slug: `beta-${run}`, admin: `beta.admin.${run}@beta.test` };
    const alphaId = await onboard(alpha.name, alpha.slug, alpha.admin);
    const betaId = await onboard(beta.name, beta.slug, beta.admin);

    const agentEmail = `agent.${run}@provider.test`;
    const invite = await gql<{ inviteProviderUser: { token: string } }>(
      base,
      'mutation($e: String!, $n: String!) { inviteProviderUser(email: $e, name: $n, role: PROVIDER_AGENT) { token } }',
      { e: agentEmail, n: 'Sam Agent' },
      token,
    );
    const accepted = await gql<{ acceptInvitation: { viewer: { user: { id: string } } } }>(
      base,
      'mutation($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { viewer { user { id } } } }',
      { t: invite.data?.inviteProviderUser.token, n: 'Sam Agent', p: PASSWORD },
    );
    const agentId = accepted.data?.acceptInvitation.viewer.user.id ?? '';
    for (const tenantId of [alphaId, betaId]) {
      const staffed = await gql(
        base,
        'mutation($u: ID!, $t: ID!) { staffAgent(userId: $u, tenantId: $t, role: SUPERVISOR) { id } }',
        { u: agentId, t: tenantId },
        token,
      );
      expect(staffed.errors).toBeUndefined();
    }

    // the agent signs in; the workspace lists both tenants; Alpha becomes the current one
    const { context, page } = await openContext(problems, 'agent', 'en');
    await page.goto(`${base}/login`);
    await signIn(page, agentEmail, PASSWORD);
    await page.getByTestId('nav-workspace').click();
    await visible(page.locator('.app-content').getByText(alpha.name));
    await visible(page.locator('.app-content').getByText(beta.name));
    await screenshot(page, 'switch-01-workspace');
    if (!(await page.getByTestId('tenant-switcher').innerText()).includes(alpha.name)) {
      await page.getByTestId('tenant-switcher').click();
      await page.getByTestId(`switch-to-${alpha.slug}`).click();
      await containsText(page.getByTestId('tenant-switcher'), alpha.name);
    }
    await page.getByTestId('nav-tenant-overview').click();
    await visible(page.getByRole('heading', { name: alpha.name }));
    await page.getByTestId('nav-tenant-users').click();
    await visible(page.getByTestId('users-table').getByText(alpha.admin));
    await screenshot(page, 'switch-02-alpha-users');

    // From now on every Users response is held back 1.5 s, and every page load records whether
    // Alpha's data is ever on screen while the header says Beta.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('"operationName":"Users"')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.addInitScript(
      ({ alphaMarker, betaName }: { alphaMarker: string; betaName: string }) => {
        const w = window as unknown as { __leak: boolean };
        w.__leak = false;
        const check = () => {
          const header = document.querySelector('[data-testid="tenant-switcher"]')?.textContent ?? '';
          const content = document.querySelector('.app-content')?.textContent ?? '';
          if (header.includes(betaName) && content.includes(alphaMarker)) w.__leak = true;
        };
        document.addEventListener('DOMContentLoaded', () => {
          new MutationObserver(check).observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
          });
        });
      },
      { alphaMarker: alpha.admin, betaName: beta.name },
    );

    // a reload keeps the session and starts a (held-back) Users request for Alpha; the agent
    // switches to Beta while it is still in flight
    await page.reload();
    await containsText(page.getByTestId('tenant-switcher'), alpha.name);
    await page.getByTestId('tenant-switcher').click();
    await page.getByTestId(`switch-to-${beta.slug}`).click();
    await containsText(page.getByTestId('tenant-switcher'), beta.name);
    await page.getByTestId('nav-tenant-users').click();
    await visible(page.getByTestId('users-table').getByText(beta.admin));
    await page.waitForTimeout(2000); // past the held-back Alpha response
    await hasCount(page.getByTestId('users-table').getByText(alpha.admin), 0);
    expect(await page.evaluate(() => (window as unknown as { __leak: boolean }).__leak)).toBe(false);
    await screenshot(page, 'switch-03-beta-users');

    // and back: Alpha's view shows Alpha only
    await page.getByTestId('tenant-switcher').click();
    await page.getByTestId(`switch-to-${alpha.slug}`).click();
    await containsText(page.getByTestId('tenant-switcher'), alpha.name);
    await page.getByTestId('nav-tenant-users').click();
    await visible(page.getByTestId('users-table').getByText(alpha.admin));
    await hasCount(page.getByTestId('users-table').getByText(beta.admin), 0);

    await context.close();
    expect(problems.items).toEqual([]);
  }, 180_000);
});

describe('session refresh', () => {
  let shortLived: TestServer;

  beforeAll(async () => {
    shortLived = await startTestServer({
      mongoUri: inject('mongoUri'),
      redisUrl: inject('redisUrl'),
      adminDistDir: ensureConsoleBuilt(),
      env: { ACCESS_TOKEN_TTL_SECONDS: '30' },
    });
  }, 120_000);

  afterAll(async () => {
    await shortLived?.close();
  });

  it('outlives its access token, with two tabs refreshing at once and neither presenting a rotated refresh token', async () => {
    const problems = new PageProblems();
    const { context, page: first } = await openContext(problems, 'tab-1', 'en');
    await first.goto(`${shortLived.baseUrl}/login`);
    await signIn(first, shortLived.providerAdmin.email, shortLived.providerAdmin.password);
    await first.waitForURL(/\/provider\/overview/);
    const second = await context.newPage();
    problems.watch(second, 'tab-2');
    await second.goto(`${shortLived.baseUrl}/provider/tenants`);
    await visible(second.getByTestId('tenants-table'));
    const stored = () =>
      first.evaluate(
        () =>
          JSON.parse(window.localStorage.getItem('tandem.session.v1') ?? '{}') as { refreshToken?: string },
      );
    const before = (await stored()).refreshToken;

    // Refreshes are held back 0.8 s on their way out, so the two tabs' refreshes overlap: without
    // serialisation across tabs both would present the same refresh token, the server would
    // see it reused and end the session.
    await context.route('**/graphql', async (route) => {
      if ((route.request().postData() ?? '').includes('"operationName":"RefreshSession"')) {
        await new Promise((r) => setTimeout(r, 800));
      }
      await route.continue();
    });

    // past three quarters of the 30 s lifetime: the next request in either tab must refresh first
    await first.waitForTimeout(24_000);
    await first.goto(`${shortLived.baseUrl}/provider/people`, { waitUntil: 'commit' });
    await Promise.all([first.waitForLoadState(), second.goto(`${shortLived.baseUrl}/provider/audit`)]);
    await visible(first.getByText(shortLived.providerAdmin.email));
    await visible(second.getByTestId('audit-table'));
    const after = (await stored()).refreshToken;
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);

    // and again after the old access token is long expired: still signed in, in both tabs
    await first.waitForTimeout(10_000);
    await Promise.all([
      first.getByTestId('nav-provider-tenants').click(),
      second.getByTestId('nav-provider-overview').click(),
    ]);
    await visible(first.getByTestId('tenants-table'));
    await visible(second.getByText(MESSAGES.en.overview.subtitle));
    expect(first.url()).not.toContain('/login');
    expect(second.url()).not.toContain('/login');

    await context.close();
    expect(problems.items).toEqual([]);
  }, 120_000);
});
