// End-to-end: a tenant admin's business hours in the built console, served by the real API over
// the real services (FerretDB, Redis): a calendar with split shifts in Asia/Shanghai, China's
// official 2026 holidays imported (国庆 Oct 1–7 closed, Sat Oct 10 a make-up workday), a day
// marked as a partial holiday in the month view, and the due-time preview across the 国庆 week.
// Once per language. Screenshots go to e2e/artifacts/.
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { PageProblems } from './browser';
import { nav, signIn, useConsole } from './harness';
import { type Lang, MESSAGES } from './messages';
import {
  containsText,
  disabled,
  gql,
  hasCount,
  hasText,
  screenshot,
  uniq,
  visible,
  onboardTenantWithAdmin,
} from './support';

const PASSWORD = 'Tandem-e2e-2026';

const harness = useConsole();
const { openContext } = harness;

/** Onboards a pooled tenant (zh-CN, Asia/Shanghai) and accepts its admin's invitation, all through the API. */
async function tenantWithAdmin(run: string): Promise<{ email: string }> {
  const t = await onboardTenantWithAdmin(harness.server(), {
    slug: `hours-${run}`,
    name: `营业时间测试 ${run}`,
    adminEmail: `admin.${run}@hours.test`,
    adminName: '孙管理员',
    password: PASSWORD,
  });
  return { email: t.adminEmail };
}

/** Renames a calendar through the API with the admin's own token: a change the open page has not seen. */
async function renameElsewhere(email: string, id: string, name: string): Promise<void> {
  const base = harness.server().baseUrl;
  const login = await gql<{ login: { accessToken: string } }>(
    base,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: PASSWORD },
  );
  const token = login.data?.login.accessToken;
  const read = await gql<{ businessCalendar: { version: number } }>(
    base,
    'query($id: ID!) { businessCalendar(id: $id) { version } }',
    { id },
    token,
  );
  expect(read.errors).toBeUndefined();
  const renamed = await gql(
    base,
    'mutation($id: ID!, $v: Int!, $n: String!) { updateBusinessCalendar(id: $id, version: $v, input: { name: $n }) { version } }',
    { id, v: read.data?.businessCalendar.version, n: name },
    token,
  );
  expect(renamed.errors).toBeUndefined();
}

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, String(v)), text);

/** Steps the month view to "YYYY-MM" with its previous / next buttons. */
async function goToMonth(page: Page, month: string): Promise<void> {
  const heading = page.getByTestId('month-heading');
  for (let i = 0; i < 36; i++) {
    const shown = (await heading.getAttribute('data-month')) ?? '';
    if (shown === month) return;
    await page.getByTestId(shown < month ? 'month-next' : 'month-previous').click();
    await page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="month-heading"]')?.getAttribute('data-month') !== before,
      shown,
    );
  }
  throw new Error(`month view never reached ${month}`);
}

async function hasKind(page: Page, date: string, kind: string): Promise<void> {
  await visible(page.locator(`[data-testid="day-${date}"][data-kind="${kind}"]`));
}

describe.each<Lang>(['zh-CN', 'en'])('business hours in %s', (lang) => {
  it('a tenant admin creates a split-shift calendar in Asia/Shanghai, imports 2026, sees 国庆 and the make-up workday, marks a partial holiday, is told in words when the calendar changed elsewhere (then retries), and previews a due time across the holiday week', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const t = MESSAGES[lang];
    const b = t.businessHours;
    const shot = (page: Page, step: string) => screenshot(page, `${lang}-business-hours-${step}`);
    const tenant = await tenantWithAdmin(run);

    const { context, page } = await openContext(problems, 'tenant-admin', lang);
    onTestFailed(async () => {
      await shot(page, 'failed');
    });
    await page.goto(`${harness.server().baseUrl}/login`);
    await signIn(page, tenant.email, PASSWORD);
    await page.waitForURL(/\/tenant\/overview/);
    await hasText(page.getByTestId('nav-tenant-business-hours'), t.nav.businessHours);
    await nav(page, 'tenant-business-hours');
    await page.waitForURL(/\/tenant\/business-hours$/);
    await visible(page.getByRole('heading', { name: b.list.title }));
    await visible(page.getByTestId('calendars-table').getByText(b.list.empty));

    // -- a calendar: the tenant's zone preselected, split shifts on Monday copied to the weekdays
    await page.getByTestId('create-calendar').click();
    await visible(page.locator('.ant-modal-title', { hasText: b.list.createTitle }));
    await page.getByTestId('calendar-submit').click();
    await visible(page.locator('.ant-modal').getByText(b.form.nameRequired));
    await page.getByTestId('calendar-name').fill(lang === 'en' ? 'Shanghai service desk' : '上海客服');
    await visible(
      page
        .locator('.ant-modal')
        .getByText(/^Asia\/Shanghai/)
        .first(),
    );
    // Monday: one interval, then a second one from 13:30 (a split shift)
    await page.getByTestId('week-MONDAY-remove-1').click();
    await page.getByTestId('week-MONDAY-end-0').fill('12:00');
    await page.getByTestId('week-MONDAY-add').click();
    await page.getByTestId('week-MONDAY-start-1').fill('13:30');
    await page.getByTestId('week-MONDAY-end-1').fill('18:00');
    // Tuesday broken, then fixed by copying Monday
    await page.getByTestId('week-TUESDAY-end-0').fill('08:00');
    await visible(page.getByText(fill(b.week.problem.order, { day: b.week.days.TUESDAY })));
    await page.getByTestId('copy-monday').click();
    await expect.poll(() => page.getByTestId('week-FRIDAY-start-1').inputValue()).toBe('13:30');
    expect(await page.getByTestId('week-SATURDAY-open').getAttribute('aria-checked')).toBe('false');
    await shot(page, '01-create');
    await page.getByTestId('calendar-submit').click();
    await page.waitForURL(/\/tenant\/business-hours\/[^/]+$/);
    await visible(page.getByTestId('settings-card'));
    await expect.poll(() => page.getByTestId('week-WEDNESDAY-end-1').inputValue()).toBe('18:00');

    // -- China's official holidays of 2026
    await page.getByTestId('import-holidays').click();
    await visible(page.getByTestId('import-modal'));
    await visible(page.getByTestId('import-data-version'));
    await page.getByTestId('import-year').click();
    await page.locator('.ant-select-item-option', { hasText: /^2026$/ }).click();
    await page.getByTestId('import-submit').click();
    await containsText(page.getByTestId('calendar-imports'), '2026');

    // -- the month view: 国庆 closed Oct 1–7, Sat Oct 10 a make-up workday with Monday's hours
    await goToMonth(page, '2026-10');
    for (const day of ['01', '02', '03', '04', '05', '06', '07'])
      await hasKind(page, `2026-10-${day}`, 'holiday');
    await containsText(page.getByTestId('day-2026-10-01'), '国庆');
    await hasKind(page, '2026-10-10', 'workday');
    await containsText(page.getByTestId('day-2026-10-10'), '09:00–12:00, 13:30–18:00');
    await hasKind(page, '2026-10-09', 'open');
    await hasKind(page, '2026-10-11', 'closed');
    await shot(page, '02-october');

    // -- a re-import is explained
    await page.getByTestId('import-holidays').click();
    await visible(page.getByTestId('import-reimport'));
    // antd spaces out a two-character Chinese label ("取 消")
    const cancel = new RegExp(`^${[...t.common.cancel].join('\\s?')}$`);
    await page.locator('.ant-modal').getByRole('button', { name: cancel }).click();
    await hasCount(page.getByTestId('import-modal'), 0);

    // -- Fri Oct 30: a holiday open only in the morning
    await page.getByTestId('day-2026-10-30').click();
    await visible(page.getByTestId('day-modal'));
    await page.getByTestId('day-kind-holidayPartial').click();
    await page.getByTestId('day-name').fill(lang === 'en' ? 'Company day' : '公司活动日');
    await page.getByTestId('day-start-0').fill('09:00');
    await page.getByTestId('day-end-0').fill('11:30');
    await page.getByTestId('day-submit').click();
    await hasKind(page, '2026-10-30', 'partial');
    await containsText(page.getByTestId('day-2026-10-30'), '09:00–11:30');
    await shot(page, '03-partial');

    // -- a change made elsewhere meanwhile: the stale save is refused in words and the page reloads
    const calendarId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const renamed = lang === 'en' ? 'Shanghai desk (renamed)' : '上海客服（已改名）';
    await renameElsewhere(tenant.email, calendarId, renamed);
    await page.getByTestId('day-2026-10-29').click();
    await page.getByTestId('day-kind-holidayClosed').click();
    await page.getByTestId('day-submit').click();
    await hasText(page.getByTestId('calendar-conflict'), b.week.conflict);
    await visible(page.getByRole('heading', { name: renamed }));
    await hasKind(page, '2026-10-29', 'open');
    await page.getByTestId('day-2026-10-29').click();
    await page.getByTestId('day-kind-holidayClosed').click();
    await page.getByTestId('day-submit').click();
    await hasKind(page, '2026-10-29', 'holiday');
    await hasCount(page.getByTestId('calendar-conflict'), 0);

    // -- the preview: Wed 30 Sep 17:50 + 30 business minutes is Thu 8 Oct 09:20
    const from = page.getByTestId('preview-from');
    await from.click();
    await from.fill('2026-09-30 17:50');
    await from.press('Enter');
    await page.getByTestId('preview-amount').fill('30');
    await page.getByTestId('preview-run').click();
    const result = page.getByTestId('preview-result');
    await visible(result);
    await expect.poll(() => result.getAttribute('data-due')).toBe('2026-10-08 09:20');
    await containsText(result, lang === 'en' ? 'Thu 8 Oct 2026 09:20' : '2026年10月8日 周四 09:20');
    await containsText(result, lang === 'en' ? 'Wed 30 Sep 2026 17:50' : '2026年9月30日 周三 17:50');
    await shot(page, '04-preview');

    // -- the list: default badge, counts, imported year; the default cannot be deleted
    await page.getByRole('link', { name: b.detail.back }).first().click();
    await page.waitForURL(/\/tenant\/business-hours$/);
    const row = page.getByTestId('calendars-table').locator('tbody tr.ant-table-row').first();
    await visible(row.getByTestId('calendar-default-tag'));
    await containsText(row, '2026');
    await disabled(row.getByTestId('calendar-row-delete'));
    await shot(page, '05-list');

    await context.close();
    expect(problems.items).toEqual([]);
  }, 240_000);
});
