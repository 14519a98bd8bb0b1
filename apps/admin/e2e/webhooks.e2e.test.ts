// End-to-end: a tenant admin's webhooks in the built console, served by the real API over the
// real services (FerretDB, Redis) with the real workers, delivering to a real HTTP receiver on
// 127.0.0.1 — reachable only because this suite allows it (OUTBOUND_ALLOW_PRIVATE_CIDRS). Retries
// are made quick (two tries, seconds apart) so a failing receiver's delivery is seen retrying,
// then dead, then replayed. Screenshots go to e2e/artifacts/.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWorkers } from '@tandem/core';
import { verifyWebhook } from '@tandem/sdk/webhooks';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
/** The second try follows the first after 4–8 s (equal jitter on 8 s): long enough to see it retrying. */
const RETRY_BASE_MS = 8000;

const harness = useConsole({
  env: {
    OUTBOUND_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
    WEBHOOK_MAX_ATTEMPTS: '2',
    WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
  },
});
const { openContext } = harness;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The receiver: records every request; answers each path with the status set for it (200 by default). */
const received: Received[] = [];
const answers = new Map<string, number>();
let receiver: Server;
let receiverUrl = '';
let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.get(path) ?? 200;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(status < 300 ? { received: true } : { error: 'receiver is down for maintenance' }),
        );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // the deliveries' queue, the event pipeline and the rest, as the worker process runs them
  workers = await startWorkers(harness.server().services);
}, 60_000);

afterAll(async () => {
  await workers?.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const at = (path: string) => received.filter((r) => r.path === path);

/** Onboards a pooled tenant and accepts its admin's invitation, all through the API. */
async function tenantWithAdmin(run: string): Promise<{ email: string; slug: string; name: string }> {
  const t = await onboardTenantWithAdmin(harness.server(), {
    slug: `hooks-${run}`,
    name: `集成测试商城 ${run}`,
    adminEmail: `admin.${run}@hooks.test`,
    adminName: '周管理员',
    password: PASSWORD,
  });
  return { email: t.adminEmail, slug: t.slug, name: t.name };
}

/** Something happens in the tenant that a webhook subscribes to: a customer is created (through the API). */
async function createCustomer(email: string, displayName: string): Promise<void> {
  const base = harness.server().baseUrl;
  const login = await gql<{ login: { accessToken: string } }>(
    base,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: email, p: PASSWORD },
  );
  const created = await gql(
    base,
    'mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }',
    { i: { displayName } },
    login.data?.login.accessToken,
  );
  expect(created.errors).toBeUndefined();
}

async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language-switch').first().click();
  await page.getByTestId(`language-${lang}`).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
}

/** Rows of the delivery log, newest first. */
function deliveryRows(page: Page, hasText?: string): Locator {
  return page.getByTestId('deliveries-table').locator('tbody tr.ant-table-row', hasText ? { hasText } : {});
}

/** Clicks the log's refresh button until `locator` shows up (a delivery made outside the page). */
async function refreshUntilVisible(
  page: Page,
  locator: Locator,
  refresh: string,
  timeout = 20_000,
): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await locator.first().isVisible()) return true;
        await page.getByTestId('delivery-log').getByRole('button', { name: refresh }).click();
        await page.waitForTimeout(700);
        return locator.first().isVisible();
      },
      { timeout, interval: 300 },
    )
    .toBe(true);
}

describe('webhooks', () => {
  it('a tenant admin adds a webhook to a local receiver, sees the secret once, sends a test event that succeeds, watches a failing receiver’s delivery retry and die, and replays it once the receiver is back', async () => {
    const problems = new PageProblems();
    const run = uniq();
    const t = MESSAGES['zh-CN'];
    const w = t.webhooks;
    const shot = (page: Page, name: string) => screenshot(page, `zh-CN-webhooks-${name}`);
    const tenant = await tenantWithAdmin(run);
    const path = `/hooks/${run}`;
    const url = `${receiverUrl}${path}`;

    // -- the tenant admin signs in (zh-CN, the default) and opens Webhooks from the menu
    const { context, page } = await openContext(problems, 'tenant-admin', 'zh-CN');
    await page.goto(`${harness.server().baseUrl}/login`);
    await signIn(page, tenant.email, PASSWORD);
    await page.waitForURL(/\/tenant\/overview/);
    await hasText(page.getByTestId('nav-tenant-webhooks'), t.nav.webhooks);
    await nav(page, 'tenant-webhooks');
    await page.waitForURL(/\/tenant\/webhooks$/);
    await visible(page.getByRole('heading', { name: w.list.title }));
    await visible(page.getByTestId('webhooks-table').getByText(w.list.empty));
    await hasText(
      page.getByTestId('webhooks-used'),
      w.list.usedOf.replace('{{used}}', '0').replace('{{max}}', '20'),
    );
    await shot(page, '01-empty');

    // -- the form checks what the API checks before sending
    await page.getByTestId('create-webhook').click();
    await visible(page.getByTestId('webhook-event-customer.created'));
    await page.getByTestId('webhook-submit').click();
    await visible(page.getByText(w.rules.urlRequired));
    await visible(page.getByText(w.rules.eventsRequired));
    await page.getByTestId('webhook-url').fill('http://localhost:8080/hooks');
    await visible(page.getByText(w.rules.urlInternal));
    await page.getByTestId('webhook-url').fill('ftp://files.example.com/in');
    await visible(page.getByText(w.rules.urlScheme));
    await page.getByTestId('webhook-url').fill(url);
    await hasCount(page.getByText(w.rules.urlScheme), 0);
    // event types come from the catalogue, grouped, in words and by name
    await visible(page.locator('.ant-modal').getByText(w.events.group.customer));
    await visible(page.locator('.ant-modal').getByText(w.events.ticket.created));
    await page.getByTestId('webhook-event-customer.created').check();
    await page.getByTestId('webhook-event-ticket.created').check();
    await page.getByTestId('webhook-description').fill('CRM 同步（测试环境）');
    await shot(page, '02-create');
    await page.getByTestId('webhook-submit').click();

    // -- the signing secret, once; leaving needs it copied or its storage confirmed
    const secret = await page.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await visible(page.getByText(t.secret.shownOnceTitle));
    await visible(page.getByText(w.secret.body));
    await shot(page, '03-secret-once');
    await disabled(page.getByTestId('webhook-done'));
    await page.getByTestId('webhook-secret-ack').check();
    await page.getByTestId('webhook-done').click();

    // -- on the webhook's page: settings, an empty delivery log
    await page.waitForURL(/\/tenant\/webhooks\/whk_/);
    await visible(page.getByRole('heading', { name: url }));
    await hasText(page.getByTestId('webhook-state'), w.list.active);
    await containsText(page.getByTestId('webhook-settings'), w.events.customer.created);
    await containsText(page.getByTestId('webhook-settings'), 'CRM 同步（测试环境）');
    await visible(page.getByTestId('deliveries-table').getByText(w.deliveries.empty));
    await hasCount(page.getByTestId('webhook-secret'), 0); // never shown again

    // -- a test event: delivered, signed with that secret, SUCCEEDED in the log
    await page.getByTestId('webhook-send-test').click();
    await visible(page.getByText(w.detail.testDelivered.split('HTTP')[0] ?? ''));
    const ping = deliveryRows(page, 'webhook.test').first();
    await visible(ping.getByTestId('delivery-status-SUCCEEDED'));
    await hasText(ping.getByTestId('delivery-status-SUCCEEDED'), w.deliveries.status.SUCCEEDED);
    await hasText(ping.getByTestId('delivery-http-status'), '200');
    await containsText(ping, w.events.webhook.test);
    expect(at(path)).toHaveLength(1);
    const event = verifyWebhook({
      body: at(path)[0]?.body ?? '',
      signatureHeader: at(path)[0]?.headers['tandem-signature'],
      secret,
    });
    expect(event.type).toBe('webhook.test');
    // the details: ids and the receiver's answer
    await ping.locator('.ant-table-row-expand-icon').click();
    await visible(page.locator('.delivery-excerpt', { hasText: '"received":true' }));
    await shot(page, '04-test-succeeded');

    // -- the receiver goes down: a test event is tried once, so it is FAILED for good (dead) at once
    answers.set(path, 500);
    await page.getByTestId('webhook-send-test').click();
    await visible(deliveryRows(page, 'webhook.test').first().getByTestId('delivery-status-DEAD'));
    await hasText(deliveryRows(page, 'webhook.test').first().getByTestId('delivery-http-status'), '500');

    // -- a customer is created: its delivery fails, is retried (FAILED, next try scheduled), then dies
    await createCustomer(tenant.email, `客户 ${run}`);
    const customerRow = deliveryRows(page, 'customer.created');
    await refreshUntilVisible(page, customerRow.getByTestId('delivery-status-FAILED'), t.common.refresh);
    await containsText(customerRow, w.deliveries.reason.HTTP.replace('{{status}}', '500'));
    await containsText(customerRow, w.deliveries.nextAttempt.split('{{')[0] ?? '');
    await hasText(customerRow.getByTestId('delivery-attempts'), '1');
    await visible(page.getByText(w.deliveries.live));
    await shot(page, '05-delivery-retrying');
    // the log refreshes itself while a delivery is in progress: no click needed to see it die
    await visible(customerRow.getByTestId('delivery-status-DEAD'), 30_000);
    await hasText(customerRow.getByTestId('delivery-attempts'), '2');
    expect(at(path).length).toBe(4); // ping, failed ping, two tries of the customer event

    // -- the status filter shows the dead ones only
    await page
      .getByTestId('delivery-status-filter')
      .getByText(w.deliveries.status.DEAD, { exact: true })
      .click();
    await expect.poll(() => page.url()).toContain('status=DEAD');
    await hasCount(deliveryRows(page), 2);
    await hasCount(page.getByTestId('deliveries-table').getByTestId('delivery-status-SUCCEEDED'), 0);
    await shot(page, '06-filter-dead');

    // -- the receiver is back: the dead customer delivery is replayed and succeeds
    answers.delete(path);
    await customerRow.getByTestId('delivery-replay').click();
    await visible(page.getByText(w.deliveries.replayConfirm));
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await visible(page.getByText(w.deliveries.replayed));
    await page
      .getByTestId('delivery-status-filter')
      .getByText(w.deliveries.allStatuses, { exact: true })
      .click();
    await visible(customerRow.getByTestId('delivery-status-SUCCEEDED'), 30_000);
    await hasText(customerRow.getByTestId('delivery-attempts'), '3');
    await containsText(customerRow, w.deliveries.replays.replace('{{times}}', '1'));
    const replayed = at(path).at(-1);
    const customerEvent = verifyWebhook({
      body: replayed?.body ?? '',
      signatureHeader: replayed?.headers['tandem-signature'],
      secret,
    });
    expect(customerEvent.type).toBe('customer.created');
    await shot(page, '07-replayed');

    // -- pause: the page says so and replays wait; activate again
    await page.getByTestId('webhook-toggle').click();
    await hasText(page.getByTestId('webhook-state'), w.list.paused);
    await visible(page.getByText(w.detail.pausedBanner));
    await disabled(deliveryRows(page, 'customer.created').locator('button', { hasText: /重\s?放/ }));
    await page.getByTestId('webhook-toggle').click();
    await hasText(page.getByTestId('webhook-state'), w.list.active);

    // -- rotate the secret with an hour's overlap: a new secret, once; deliveries carry both signatures
    await page.getByTestId('webhook-rotate').click();
    await visible(page.getByText(w.detail.rotateBody));
    await page.getByTestId('webhook-overlap').fill('1');
    await page.getByTestId('webhook-rotate-submit').click();
    const rotated = await page.getByTestId('webhook-secret').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await visible(page.getByText(w.detail.rotatedOverlap.split('{{')[0] ?? ''));
    await shot(page, '08-rotated');
    await page.getByTestId('webhook-secret-ack').check();
    await page.getByTestId('webhook-rotate-done').click();
    await visible(page.getByTestId('previous-secret'));
    const sent = at(path).length;
    await page.getByTestId('webhook-send-test').click();
    await expect.poll(() => at(path).length).toBe(sent + 1);
    const afterRotation = at(path).at(-1);
    for (const s of [rotated, secret]) {
      expect(
        verifyWebhook({
          body: afterRotation?.body ?? '',
          signatureHeader: afterRotation?.headers['tandem-signature'],
          secret: s,
        }).type,
      ).toBe('webhook.test');
    }

    // -- edit: the description changes
    await page.getByTestId('webhook-edit').click();
    await page.getByTestId('webhook-description').fill('CRM 同步（生产）');
    await page.getByTestId('webhook-save').click();
    await visible(page.getByText(w.detail.saved));
    await containsText(page.getByTestId('webhook-settings'), 'CRM 同步（生产）');
    await shot(page, '09-detail');

    // -- the list shows it with its events and the last delivery
    await nav(page, 'tenant-webhooks');
    const row = page.getByTestId('webhooks-table').locator('tbody tr.ant-table-row', { hasText: url });
    await visible(row);
    await containsText(row, w.events.customer.created);
    await containsText(row, w.list.active);
    await visible(row.getByTestId('webhook-last-delivery').getByTestId('delivery-status-SUCCEEDED'));
    await shot(page, '10-list');

    // -- and in English
    const en = MESSAGES.en.webhooks;
    await chooseLanguage(page, 'en');
    await hasText(page.getByTestId('nav-tenant-webhooks'), MESSAGES.en.nav.webhooks);
    await visible(page.getByRole('heading', { name: en.list.title }));
    await containsText(row, en.events.customer.created);
    await hasText(row.getByTestId('delivery-status-SUCCEEDED'), en.deliveries.status.SUCCEEDED);
    await screenshot(page, 'en-webhooks-10-list');
    await row.getByTestId('webhook-link').click();
    await visible(page.getByText(en.deliveries.title));
    await hasText(page.getByTestId('webhook-send-test'), en.detail.sendTest);
    await visible(deliveryRows(page, 'customer.created').getByText(en.deliveries.status.SUCCEEDED));
    await screenshot(page, 'en-webhooks-09-detail');
    await chooseLanguage(page, 'zh-CN');

    // -- delete, after a confirmation: back to the empty list
    await page.getByTestId('webhook-delete').click();
    await visible(page.locator('.ant-modal-confirm-title', { hasText: w.detail.deleteTitle }));
    await visible(page.locator('.ant-modal-confirm-content', { hasText: url }));
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await page.waitForURL(/\/tenant\/webhooks$/);
    await visible(page.getByText(w.detail.deleted));
    await visible(page.getByTestId('webhooks-table').getByText(w.list.empty));

    await context.close();
    expect(problems.items).toEqual([]);
  }, 240_000);
});
