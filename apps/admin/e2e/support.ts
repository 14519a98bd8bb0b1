import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const ADMIN_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = path.join(ADMIN_DIR, 'dist');
export const ARTIFACTS_DIR = path.join(ADMIN_DIR, 'e2e', 'artifacts');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the console (codegen, then Vite) when dist is missing or older than its sources (`npm test` builds it first anyway). */
export function ensureConsoleBuilt(): string {
  const index = path.join(DIST_DIR, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(ADMIN_DIR, 'src')),
    statSync(path.join(ADMIN_DIR, 'index.html')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return DIST_DIR;
  // the documents' types and lookup table first (git-ignored; turbo makes them before a build)
  const codegen = spawnSync('npm', ['run', '--silent', 'codegen'], { cwd: ADMIN_DIR, encoding: 'utf8' });
  if (codegen.status !== 0) throw new Error(`codegen failed:\n${codegen.stdout}\n${codegen.stderr}`);
  // the console's own Vite (the root may hoist another major for Vitest)
  const viteBin = path.join(
    path.dirname(createRequire(path.join(ADMIN_DIR, 'package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const result = spawnSync(process.execPath, [viteBin, 'build'], {
    cwd: ADMIN_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return DIST_DIR;
}

/** Screenshots for a reviewer, written to e2e/artifacts/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // let antd finish its enter animations so the picture shows what a person sees
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

export interface GqlResponse<T> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResponse<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResponse<T>;
}

/** A short random suffix so every run's slugs and emails are new. */
export function uniq(): string {
  return Math.random().toString(36).slice(2, 8);
}

// Locator assertions (Vitest has no Playwright matchers): each waits up to `timeout` like a person would.
const WAIT_MS = 15_000;

export async function visible(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function hasCount(locator: Locator, count: number, timeout = WAIT_MS): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(count);
}

export async function hasText(locator: Locator, text: string, timeout = WAIT_MS): Promise<void> {
  await expect.poll(async () => (await locator.innerText()).trim(), { timeout }).toBe(text);
}

export async function containsText(locator: Locator, text: string, timeout = WAIT_MS): Promise<void> {
  await expect.poll(async () => await locator.innerText(), { timeout }).toContain(text);
}

export async function hasValue(locator: Locator, pattern: RegExp, timeout = WAIT_MS): Promise<void> {
  await expect.poll(() => locator.inputValue(), { timeout }).toMatch(pattern);
}

export async function disabled(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await expect.poll(() => locator.isDisabled(), { timeout }).toBe(true);
}

export interface OnboardedTenant {
  slug: string;
  name: string;
  adminEmail: string;
  /** The tenant admin's access token, signed in by accepting the invitation. */
  adminToken: string;
}

/**
 * A pooled zh-CN tenant (Asia/Shanghai, 10 seats) onboarded by the provider admin, and its admin's
 * invitation accepted with `password` — all through the API, as set-up for a console test.
 */
export async function onboardTenantWithAdmin(
  server: { baseUrl: string; providerAdmin: { email: string; password: string } },
  t: { slug: string; name: string; adminEmail: string; adminName: string; password: string },
): Promise<OnboardedTenant> {
  const provider = await gql<{ login: { accessToken: string } }>(
    server.baseUrl,
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: server.providerAdmin.email, p: server.providerAdmin.password },
  );
  const onboarded = await gql<{ onboardTenant: { invitation: { token: string } } }>(
    server.baseUrl,
    'mutation($input: OnboardTenantInput!) { onboardTenant(input: $input) { invitation { token } } }',
    {
      input: {
        name: t.name,
        slug: t.slug,
        tier: 'POOLED',
        plan: { seats: 10, apiRatePerMinute: 600, storageMb: 1024 },
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        adminEmail: t.adminEmail,
      },
    },
    provider.data?.login.accessToken ?? '',
  );
  expect(onboarded.errors).toBeUndefined();
  const accepted = await gql<{ acceptInvitation: { accessToken: string } }>(
    server.baseUrl,
    'mutation($t: String!, $n: String!, $p: String!) { acceptInvitation(token: $t, name: $n, password: $p) { accessToken } }',
    { t: onboarded.data?.onboardTenant.invitation.token, n: t.adminName, p: t.password },
  );
  expect(accepted.errors).toBeUndefined();
  return {
    slug: t.slug,
    name: t.name,
    adminEmail: t.adminEmail,
    adminToken: accepted.data?.acceptInvitation.accessToken ?? '',
  };
}
