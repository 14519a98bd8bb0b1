// End-to-end: the provider admin's lifecycle screens — staffing provider agents, rotating a tenant's
// API keys, offboarding a tenant — in the built console, served by the real API over the real
// services (FerretDB, Redis), driven in Debian's Chromium. Screenshots go to e2e/artifacts/.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PageProblems } from './browser';
import { nav, signIn, useConsole } from './harness';
import { MESSAGES } from './messages';
import {
  containsText,
  disabled,
  gql,
  hasCount,
  hasText,
  hasValue,
  screenshot,
  uniq,
  visible,
} from './support';

const t = MESSAGES['zh-CN'];
const PASSWORD = 'Tandem-e2e-2026';
const shot = (page: Page, name: string) => screenshot(page, `zh-CN-provider-${name}`);

const harness = useConsole();
const { openContext } = harness;

/** The provider admin, signed in, on the provider overview. */
async function providerConsole(problems: PageProblems): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openContext(problems, 'provider', 'zh-CN');
  await opened.page.goto(`${harness.server().baseUrl}/login`);
  await signIn(opened.page, harness.server().providerAdmin.email, harness.server().providerAdmin.password);
  await opened.page.waitForURL(/\/provider\/overview/);
  return opened;
}

async function providerToken(): Promise<string> {
  const login = await gql<{ login: { accessToken: string } }>(
    harness.server().baseUrl,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: harness.server().providerAdmin.email, p: harness.server().providerAdmin.password },
  );
  expect(login.errors).toBeUndefined();
  return login.data?.login.accessToken ?? '';
}

interface OnboardedTenant {
  id: string;
  name: string;
  slug: string;
  apiKey: string;
}

/** Onboards a pooled tenant through the API (the wizard itself is covered by console.e2e.test.ts). */
async function onboard(token: string, name: string, slug: string): Promise<OnboardedTenant> {
  const res = await gql<{ onboardTenant: { tenant: { id: string }; apiKey: { secret: string } } }>(
    harness.server().baseUrl,
    `mutation($input: OnboardTenantInput!) {
      onboardTenant(input: $input) { tenant { id } apiKey { secret } }
    }`,
    {
      input: {
        name,
        slug,
        tier: 'POOLED',
        plan: { seats: 10, apiRatePerMinute: 600, storageMb: 1024 },
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        adminEmail: `admin.${slug}@tenant.test`,
      },
    },
    token,
  );
  expect(res.errors).toBeUndefined();
  return {
    id: res.data?.onboardTenant.tenant.id ?? '',
    name,
    slug,
    apiKey: res.data?.onboardTenant.apiKey.secret ?? '',
  };
}

/** `currentTenant { id }` with a tenant API key: the HTTP status and the tenant it answered for. */
async function withApiKey(key: string): Promise<{ status: number; tenantId: string | null }> {
  const res = await fetch(`${harness.server().baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: 'query { currentTenant { id } }' }),
  });
  const body = (await res.json()) as { data?: { currentTenant?: { id: string } | null } | null };
  return { status: res.status, tenantId: body.data?.currentTenant?.id ?? null };
}

describe('provider lifecycle in zh-CN', () => {
  it('a provider admin invites a provider agent, who accepts; staffed onto a tenant, the agent finds it in the workspace and the tenant switcher', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const tenant = await onboard(await providerToken(), `华东客服中心 ${run}`, `east-${run}`);
    const agentEmail = `agent.${run}@provider.test`;
    const agentName = `陈坐席 ${run}`;

    // -- the provider admin invites an agent from "people / staffing"; the modal shows the link
    const provider = await providerConsole(problems);
    const p = provider.page;
    await nav(p, 'provider-people');
    await p.waitForURL(/\/provider\/people/);
    await visible(p.getByRole('heading', { name: t.people.title }));
    await visible(p.getByTestId('people-table').getByText(harness.server().providerAdmin.email));
    await shot(p, '01-people');
    await p.getByTestId('invite-provider-user').click();
    await visible(p.getByText(t.people.inviteTitle));
    await containsText(p.locator('.ant-modal'), t.enums.providerRole.PROVIDER_AGENT); // the default role
    await p.getByTestId('invite-user-submit').click(); // email and name are required first
    await visible(p.getByText(t.validation.emailRequired));
    await p.getByTestId('invite-user-email').fill(agentEmail);
    await p.getByTestId('invite-user-name').fill(agentName);
    await p.getByTestId('invite-user-submit').click();
    await hasValue(p.getByTestId('invite-url'), new RegExp(`^${harness.server().baseUrl}/invite/.+`));
    const inviteUrl = await p.getByTestId('invite-url').inputValue();
    await visible(p.getByText(t.inviteLink.label));
    await shot(p, '02-invite-link');
    await p.getByTestId('invite-done').click();
    await hasCount(p.locator('.ant-modal:visible'), 0);
    const people = p.getByTestId('people-table');
    const agentRow = people.locator('tr', { hasText: agentEmail });
    await visible(agentRow);
    await containsText(agentRow, t.enums.userStatus.INVITED);
    await containsText(agentRow, t.enums.providerRole.PROVIDER_AGENT);

    // -- the agent accepts the invitation in a fresh browser context and lands in the empty workspace
    const agent = await openContext(problems, 'agent', 'zh-CN');
    const a = agent.page;
    await a.goto(inviteUrl);
    await hasText(a.getByTestId('invite-email'), agentEmail);
    await shot(a, '03-agent-accept-invite');
    await a.getByTestId('invite-name').fill(agentName);
    await a.getByTestId('invite-password').fill(PASSWORD);
    await a.getByTestId('invite-confirm').fill(PASSWORD);
    await a.getByTestId('invite-submit').click();
    await a.waitForURL(/\/workspace/);
    await visible(a.getByRole('heading', { name: t.workspace.title }));
    await visible(a.getByText(t.workspace.noTenants));
    await shot(a, '04-agent-workspace-empty');

    // -- back as provider admin: the agent is active now and gets staffed onto the tenant
    await p.getByTestId('people-search').locator('input').fill(agentEmail);
    await p.getByTestId('people-search').locator('input').press('Enter');
    await hasCount(people.locator('tbody tr.ant-table-row'), 1);
    await containsText(agentRow, t.enums.userStatus.ACTIVE);
    await p.getByTestId(`staff-${agentEmail}`).click();
    await visible(p.getByText(t.people.staffTitle.replace('{{name}}', agentName)));
    await p.getByTestId('staff-submit').click(); // a tenant is required first
    await visible(p.locator('.ant-modal').getByText(t.validation.required));
    await p.getByTestId('staff-tenant').click();
    await p.getByTestId('staff-tenant').locator('input').fill(tenant.slug);
    await p.locator('.ant-select-item-option', { hasText: tenant.slug }).click();
    await p.getByTestId('staff-role').click();
    await p.locator('.ant-select-item-option', { hasText: t.enums.role.SUPERVISOR }).click();
    await shot(p, '05-staff-modal');
    await p.getByTestId('staff-submit').click();
    await visible(p.getByText(t.people.staffed.replace('{{name}}', agentName)));
    const staffing = p.getByTestId(`staffing-${agentEmail}-${tenant.slug}`);
    await visible(staffing);
    await hasText(staffing, `${tenant.name} · ${t.enums.role.SUPERVISOR}`);
    await shot(p, '06-people-staffed');

    // -- the agent signs in again: the tenant is in the workspace and the tenant switcher
    await a.getByTestId('user-menu').click();
    await a.getByTestId('sign-out').click();
    await a.waitForURL(/\/login/);
    await signIn(a, agentEmail, PASSWORD);
    await a.waitForURL(/\/workspace/);
    const content = a.locator('.app-content');
    await visible(content.getByText(tenant.name));
    await visible(content.getByText(t.workspace.staffed));
    await visible(content.getByText(t.enums.role.SUPERVISOR));
    await shot(a, '07-agent-workspace-staffed');
    await a.getByTestId('tenant-switcher').click();
    await a.getByTestId(`switch-to-${tenant.slug}`).click();
    await containsText(a.getByTestId('tenant-switcher'), tenant.name);
    await a.getByTestId('nav-tenant-overview').click();
    await visible(a.getByRole('heading', { name: tenant.name }));
    await shot(a, '08-agent-in-tenant');

    await agent.context.close();
    await provider.context.close();
    expect(problems.items).toEqual([]);
  }, 180_000);

  it('rotating a tenant’s API keys from its detail page retires the old key and shows the new one once', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const tenant = await onboard(await providerToken(), `蓝海保险 ${run}`, `ocean-${run}`);
    expect(await withApiKey(tenant.apiKey)).toEqual({ status: 200, tenantId: tenant.id });

    const { context, page: p } = await providerConsole(problems);
    await p.goto(`${harness.server().baseUrl}/provider/tenants/${tenant.id}`);
    await visible(p.getByRole('heading', { name: tenant.name }));
    await p.getByTestId('rotate-keys').click();
    await visible(p.getByText(t.tenantDetail.rotateTitle.replace('{{name}}', tenant.name)));
    await visible(p.getByText(t.tenantDetail.rotateWarning));
    await shot(p, '09-rotate-confirm');
    await p.getByTestId('rotate-confirm').click();
    await visible(p.getByText(t.tenantDetail.rotateDone.replace('{{n}}', '1')));
    await visible(p.locator('.ant-modal').getByText(t.secret.shownOnceTitle));
    const secret = await p.getByTestId('secret-value').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(secret).not.toBe(tenant.apiKey);
    await shot(p, '10-rotate-new-key');

    // the old key is refused, the new one answers for the tenant
    expect(await withApiKey(tenant.apiKey)).toEqual({ status: 401, tenantId: null });
    expect(await withApiKey(secret)).toEqual({ status: 200, tenantId: tenant.id });

    // closed, the secret is gone for good; the tenant still has one key
    await p.getByTestId('rotate-done').click();
    await hasCount(p.getByTestId('secret-value'), 0);
    await visible(p.getByTestId('plan-usage'));
    await hasText(p.getByTestId('tenant-status').first(), t.enums.tenantStatus.ACTIVE);
    await visible(p.getByTestId('recent-activity').getByText(t.audit.actions.api_key_revoked));

    await context.close();
    expect(problems.items).toEqual([]);
  }, 120_000);

  it('offboarding asks for the exact slug, then marks the tenant offboarded and offers its export', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const token = await providerToken();
    const tenant = await onboard(token, `星辰零售 ${run}`, `stars-${run}`);

    const { context, page: p } = await providerConsole(problems);
    await p.goto(`${harness.server().baseUrl}/provider/tenants/${tenant.id}`);
    await visible(p.getByRole('heading', { name: tenant.name }));
    await p.getByTestId('offboard-tenant').click();
    await visible(p.getByText(t.tenantDetail.offboardWarningTitle));

    // the confirm button stays disabled until the slug is typed exactly
    const confirm = p.getByTestId('offboard-confirm');
    const slugInput = p.getByTestId('offboard-slug');
    await disabled(confirm);
    for (const wrong of [
      tenant.slug.slice(0, -1),
      `${tenant.slug}x`,
      tenant.slug.toUpperCase(),
      tenant.name,
    ]) {
      await slugInput.fill(wrong);
      await disabled(confirm);
    }
    await shot(p, '11-offboard-confirm');
    await slugInput.fill(tenant.slug);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();

    const result = p.getByTestId('offboard-result');
    await visible(result);
    await containsText(result, t.tenantDetail.offboarded.replace('{{name}}', tenant.name));
    const exportId = /exp_[0-9A-Za-z]{20}/.exec(await result.innerText())?.[0] ?? '';
    expect(exportId).not.toBe('');
    await shot(p, '12-offboard-result');

    // the export downloads in the browser: a gzip of JSON that is this tenant's
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByTestId('download-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.json\\.gz$`),
    );
    const archive = JSON.parse(gunzipSync(await readFile(await download.path())).toString('utf8')) as {
      format: string;
      tenant: { slug: string };
      modules: Record<string, unknown>;
    };
    // format 2: the tenant record, then each module's parts
    expect(archive.format).toBe('tandem-tenant-export/2');
    expect(archive.tenant.slug).toBe(tenant.slug);
    expect(typeof archive.modules).toBe('object');

    // ... and over the API with the provider's token
    const res = await fetch(`${harness.server().baseUrl}/v1/exports/${exportId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toContain(`"${tenant.slug}"`);

    // closed, the detail page shows the tenant offboarded and offers no more actions
    await p.getByTestId('offboard-done').click();
    await visible(p.getByTestId('offboarded-banner'));
    await hasText(p.getByTestId('tenant-status').first(), t.enums.tenantStatus.OFFBOARDED);
    await hasCount(p.getByTestId('offboard-tenant'), 0);
    await hasCount(p.getByTestId('rotate-keys'), 0);
    // the page's recent activity has the offboarding and the download
    const activity = p.getByTestId('recent-activity');
    await visible(activity.getByText(t.audit.actions.tenant_offboarded));
    await visible(activity.getByText(t.audit.actions.tenant_export_downloaded));
    await shot(p, '13-tenant-offboarded');
    expect(await withApiKey(tenant.apiKey)).toEqual({ status: 401, tenantId: null });

    // the tenants list shows it offboarded too
    await nav(p, 'provider-tenants');
    await p.getByTestId('tenants-search').locator('input').fill(run);
    await p.getByTestId('tenants-search').locator('input').press('Enter');
    const row = p.getByTestId('tenants-table').locator('tr', { hasText: tenant.slug });
    await visible(row);
    await containsText(row, t.enums.tenantStatus.OFFBOARDED);

    await context.close();
    expect(problems.items).toEqual([]);
  }, 120_000);
});
