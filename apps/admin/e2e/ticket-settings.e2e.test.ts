// End-to-end: a tenant admin's ticket settings in the built console, served by the real API over
// the real services (FerretDB, Redis): custom field definitions (a choice field with options and
// a text field required to solve; edit, reorder, a refused duplicate key, delete), the ticket
// settings and which personal data agents may reveal, each surviving a reload. Once per language.
// Screenshots go to e2e/artifacts/.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { PageProblems } from './browser';
import { nav, signIn, useConsole } from './harness';
import { type Lang, MESSAGES } from './messages';
import {
  containsText,
  gql,
  hasCount,
  hasText,
  hasValue,
  screenshot,
  uniq,
  visible,
  onboardTenantWithAdmin,
} from './support';

const PASSWORD = 'Tandem-e2e-2026';

const harness = useConsole();
const { openContext } = harness;

/** Onboards a pooled tenant and accepts its admin's invitation, all through the API. */
async function tenantWithAdmin(run: string): Promise<{ email: string }> {
  const t = await onboardTenantWithAdmin(harness.server(), {
    slug: `fields-${run}`,
    name: `字段测试商城 ${run}`,
    adminEmail: `admin.${run}@fields.test`,
    adminName: '钱管理员',
    password: PASSWORD,
  });
  return { email: t.adminEmail };
}

/** What the API holds for the tenant, read with the admin's own token. */
async function stored(email: string): Promise<{
  ticketCustomFields: { key: string; type: string; requiredOnSolve: boolean; options: { value: string }[] }[];
  ticketSettings: { reopenWindowDays: number; csatEnabled: boolean };
  customerSettings: { agentRevealFields: string[] };
}> {
  const base = harness.server().baseUrl;
  const login = await gql<{ login: { accessToken: string } }>(
    base,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: PASSWORD },
  );
  const res = await gql<Awaited<ReturnType<typeof stored>>>(
    base,
    `{ ticketCustomFields { key type requiredOnSolve options { value } }
       ticketSettings { reopenWindowDays csatEnabled }
       customerSettings { agentRevealFields } }`,
    {},
    login.data?.login.accessToken,
  );
  expect(res.errors).toBeUndefined();
  if (!res.data) throw new Error('no data');
  return res.data;
}

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, String(v)), text);

function fieldRows(page: Page): Locator {
  return page.getByTestId('fields-table').locator('tbody tr.ant-table-row');
}

async function chooseType(page: Page, label: string): Promise<void> {
  await page.getByTestId('field-type').click();
  await page.locator('.ant-select-item-option', { hasText: label }).click();
}

async function fillOption(page: Page, index: number, value: string, zh: string, en: string): Promise<void> {
  await page.getByTestId(`option-value-${index}`).fill(value);
  await page.getByTestId(`option-label-zh-${index}`).fill(zh);
  await page.getByTestId(`option-label-en-${index}`).fill(en);
}

describe.each<Lang>(['zh-CN', 'en'])('ticket settings in %s', (lang) => {
  it('a tenant admin defines a choice field with options and a text field required to solve, edits and reorders them, is told a key is taken, deletes one, and changes ticket and customer settings that survive a reload', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const t = MESSAGES[lang];
    const a = t.ticketAdmin;
    const name = (zh: string, en: string) => (lang === 'en' ? en : zh);
    const shot = (page: Page, step: string) => screenshot(page, `${lang}-ticket-settings-${step}`);
    const tenant = await tenantWithAdmin(run);

    // -- the tenant admin signs in and opens Tickets from the menu
    const { context, page } = await openContext(problems, 'tenant-admin', lang);
    // what the page showed when a step failed, next to the steps' screenshots
    onTestFailed(async () => {
      await shot(page, 'failed');
    });
    await page.goto(`${harness.server().baseUrl}/login`);
    await signIn(page, tenant.email, PASSWORD);
    await page.waitForURL(/\/tenant\/overview/);
    await hasText(page.getByTestId('nav-tenant-ticket-settings'), t.nav.ticketSettings);
    await nav(page, 'tenant-ticket-settings');
    await page.waitForURL(/\/tenant\/ticket-settings$/);
    await visible(page.getByRole('heading', { name: a.page.title }));
    await visible(page.getByTestId('fields-table').getByText(a.fields.empty));
    await hasText(page.getByTestId('fields-used'), fill(a.fields.usedOf, { used: 0, max: 100 }));

    // -- a single-choice field: the form checks names, key and options before sending
    await page.getByTestId('create-field').click();
    await visible(page.locator('.ant-modal-title', { hasText: a.fields.createTitle }));
    await page.getByTestId('field-submit').click();
    await visible(page.locator('.ant-modal').getByText(a.rules.labelRequired));
    await visible(page.locator('.ant-modal').getByText(a.rules.keyRequired));
    await page.getByTestId('field-label-zh').fill('产品类别');
    await page.getByTestId('field-label-en').fill('Product category');
    // the key follows the English name until it is typed in
    await hasValue(page.getByTestId('field-key'), /^product_category$/);
    await chooseType(page, a.fields.type.SELECT);
    await visible(page.getByText(a.fields.typeHelp.SELECT));
    await hasCount(page.getByTestId('field-option'), 1);
    // no options at all: refused
    await page.getByTestId('option-remove-0').click();
    await page.getByTestId('field-submit').click();
    await visible(page.getByTestId('field-options-errors').getByText(a.rules.optionsRequired));
    await page.getByTestId('option-add').click();
    await fillOption(page, 0, 'phone', '手机', 'Phone');
    await page.getByTestId('option-add').click();
    await fillOption(page, 1, 'Phone!', '平板', 'Tablet');
    await visible(page.locator('.ant-modal').getByText(a.rules.optionValueFormat));
    await page.getByTestId('option-value-1').fill('phone');
    await visible(page.locator('.ant-modal').getByText(a.rules.optionValueDuplicate));
    await page.getByTestId('option-value-1').fill('tablet');
    await hasCount(page.locator('.ant-modal').getByText(a.rules.optionValueDuplicate), 0);
    await page.getByTestId('option-add').click();
    await fillOption(page, 2, 'laptop', '笔记本电脑', 'Laptop');
    // the laptop goes before the tablet
    await page.getByTestId('option-up-2').click();
    await hasValue(page.getByTestId('option-value-1'), /^laptop$/);
    await hasValue(page.getByTestId('option-value-2'), /^tablet$/);
    await shot(page, '01-create-select');
    await page.getByTestId('field-submit').click();
    await visible(page.getByText(fill(a.fields.created, { name: name('产品类别', 'Product category') })));
    await hasCount(fieldRows(page), 1);
    const category = fieldRows(page).filter({ hasText: 'product_category' });
    await hasText(category.getByTestId('field-type-cell'), a.fields.type.SELECT);
    await containsText(category.getByTestId('field-options-cell'), name('笔记本电脑', 'Laptop'));
    await hasText(category.getByTestId('field-required-cell'), a.fields.no);

    // -- a text field required to solve, with a key of its own
    await page.getByTestId('create-field').click();
    await page.getByTestId('field-label-zh').fill('订单号');
    await page.getByTestId('field-label-en').fill('Order number');
    await page.getByTestId('field-key').fill('Order No');
    await visible(page.locator('.ant-modal').getByText(a.rules.keyFormat));
    await page.getByTestId('field-key').fill('order_no');
    await hasCount(page.getByTestId('field-option'), 0);
    await page.getByTestId('field-required').click();
    await page.getByTestId('field-submit').click();
    await visible(page.getByText(fill(a.fields.created, { name: name('订单号', 'Order number') })));
    await hasCount(fieldRows(page), 2);
    const orderNo = fieldRows(page).filter({ hasText: 'order_no' });
    await hasText(orderNo.getByTestId('field-type-cell'), a.fields.type.TEXT);
    await hasText(orderNo.getByTestId('field-required-cell'), a.fields.yes);
    await hasText(page.getByTestId('fields-used'), fill(a.fields.usedOf, { used: 2, max: 100 }));

    // -- the same key again: the server refuses, and says so on the key
    await page.getByTestId('create-field').click();
    await page.getByTestId('field-label-zh').fill('订单号 2');
    await page.getByTestId('field-label-en').fill('Order number 2');
    await page.getByTestId('field-key').fill('order_no');
    await page.getByTestId('field-submit').click();
    await visible(
      page.locator('.ant-modal .ant-form-item-explain-error', { hasText: t.errors.CUSTOM_FIELD_KEY_TAKEN }),
    );
    await shot(page, '02-key-taken');
    await page.locator('.ant-modal-footer .ant-btn:not(.ant-btn-primary)').click();
    await hasCount(page.locator('.ant-modal'), 0);

    // -- edit the choice field: a new English name, the tablet option removed; key and type stay
    await category.getByTestId('field-edit').click();
    await visible(page.getByText(a.form.keyFixed));
    expect(await page.getByTestId('field-key').isDisabled()).toBe(true);
    await hasCount(page.getByTestId('field-option'), 3);
    await page.getByTestId('field-label-zh').fill('产品线');
    await page.getByTestId('field-label-en').fill('Product line');
    await page.getByTestId('option-remove-2').click();
    await hasCount(page.getByTestId('field-option'), 2);
    await page.getByTestId('field-submit').click();
    await visible(page.getByText(a.fields.saved));
    await hasText(category.getByTestId('field-name'), name('产品线', 'Product line'));
    await expect
      .poll(() => category.getByTestId('field-options-cell').innerText())
      .not.toContain(name('平板', 'Tablet'));

    // -- reorder: the order number goes first
    await hasText(fieldRows(page).first().getByTestId('field-key-cell'), 'product_category');
    await orderNo.getByTestId('field-up').click();
    await visible(page.getByText(a.fields.reordered));
    await hasText(fieldRows(page).first().getByTestId('field-key-cell'), 'order_no');
    await shot(page, '03-fields');

    const afterFields = await stored(tenant.email);
    expect(afterFields.ticketCustomFields.map((f) => f.key)).toEqual(['order_no', 'product_category']);
    expect(afterFields.ticketCustomFields[0]).toMatchObject({
      type: 'TEXT',
      requiredOnSolve: true,
      options: [],
    });
    expect(afterFields.ticketCustomFields[1]).toMatchObject({
      type: 'SELECT',
      requiredOnSolve: false,
      options: [{ value: 'phone' }, { value: 'laptop' }],
    });

    // -- delete the order number, after a confirmation that says what happens to its values
    await orderNo.getByTestId('field-delete').click();
    const deleteTitle = fill(a.fields.deleteTitle, { name: name('订单号', 'Order number') });
    await visible(page.locator('.ant-modal-confirm-title', { hasText: deleteTitle }));
    await visible(page.locator('.ant-modal-confirm-content', { hasText: 'order_no' }));
    await shot(page, '04-delete');
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await visible(page.getByText(fill(a.fields.deleted, { name: name('订单号', 'Order number') })));
    await hasCount(fieldRows(page), 1);
    await hasCount(page.getByTestId('fields-table').getByText('order_no'), 0);

    // -- ticket settings: a 14-day reopen window and the CSAT survey, still there after a reload
    await page.getByRole('tab', { name: a.page.tabs.tickets }).click();
    await page.waitForURL(/tab=tickets/);
    const days = page.getByTestId('reopen-window-days');
    await hasValue(days, /^7$/);
    const csat = page.getByTestId('csat-enabled');
    const csatBefore = (await csat.getAttribute('aria-checked')) === 'true';
    await days.fill('14');
    await csat.click();
    await visible(page.getByText(a.unsaved));
    await page.getByTestId('ticket-settings-save').click();
    await visible(page.getByText(a.tickets.saved));
    await shot(page, '05-ticket-settings');
    await page.reload();
    await visible(page.getByTestId('ticket-settings-form'));
    await hasValue(page.getByTestId('reopen-window-days'), /^14$/);
    expect(await page.getByTestId('csat-enabled').getAttribute('aria-checked')).toBe(String(!csatBefore));

    // -- customer data: agents may reveal mobile numbers
    await page.getByRole('tab', { name: a.page.tabs.customers }).click();
    await visible(page.getByText(a.customers.intro));
    await page.getByTestId('reveal-MOBILE').click();
    await page.getByTestId('customer-settings-save').click();
    await visible(page.getByText(a.customers.saved));
    await shot(page, '06-customer-data');
    await page.reload();
    await visible(page.getByTestId('customer-settings-form'));
    expect(await page.getByTestId('reveal-MOBILE').isChecked()).toBe(true);
    expect(await page.getByTestId('reveal-BANK_CARD').isChecked()).toBe(false);

    const after = await stored(tenant.email);
    expect(after.ticketCustomFields.map((f) => f.key)).toEqual(['product_category']);
    expect(after.ticketSettings).toEqual({ reopenWindowDays: 14, csatEnabled: !csatBefore });
    expect(after.customerSettings.agentRevealFields).toEqual(['MOBILE']);

    await context.close();
    expect(problems.items).toEqual([]);
  }, 240_000);
});
