import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadConfig } from '../platform/config/index.js';
import { bootstrap } from '../bootstrap.js';
import { shutdownServices } from '../platform/runtime.js';
import { runAsSystem, withTenant } from '../platform/tenancy/context.js';
import { printedSchema } from '../schema.js';
import { seedDemoWorkspace } from '../demo-data.js';
import { seedProviderAdmin } from '../seed.js';
import type { Services } from '../services.js';

/**
 * tandem cli
 *   demo                         services + API + worker + console with a seeded demo tenant
 *   print-schema [--check]       write (or check) packages/core/schema.graphql
 *   create-provider-admin EMAIL  bootstrap a deployment's first provider admin (prints a password)
 *   rotate-signing-key           start signing new tokens with a fresh key
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const coreDir = path.resolve(here, '../..');
const rootDir = path.resolve(coreDir, '../..');

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'print-schema':
      return printSchemaCmd(rest.includes('--check'));
    case 'create-provider-admin':
      return withServices(async (s) => {
        const email = z.email().parse(rest[0]);
        const admin = await seedProviderAdmin(s, { email });
        process.stdout.write(`provider admin ${admin.email}\npassword ${admin.password}\n`);
      });
    case 'rotate-signing-key':
      return withServices(async (s) => {
        process.stdout.write(`new signing key ${await s.tokens.rotate()}\n`);
      });
    case 'demo':
      return demo();
    default:
      process.stderr.write(
        'usage: cli.ts demo | print-schema [--check] | create-provider-admin EMAIL | rotate-signing-key\n',
      );
      return 2;
  }
}

function printSchemaCmd(check: boolean): number {
  const file = path.join(coreDir, 'schema.graphql');
  const sdl = printedSchema();
  if (check) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current !== sdl) {
      process.stderr.write('schema.graphql is out of date: run npm run schema:print -w @tandem/core\n');
      return 1;
    }
    return 0;
  }
  writeFileSync(file, sdl);
  process.stdout.write(`wrote ${path.relative(rootDir, file)}\n`);
  return 0;
}

async function withServices(fn: (s: Services) => Promise<void>): Promise<number> {
  const services = await bootstrap(loadConfig(), { name: 'cli' });
  try {
    await fn(services);
    return 0;
  } finally {
    await shutdownServices(services);
  }
}

const devSecretsSchema = z.object({
  masterKey: z.string(),
  metricsToken: z.string(),
  providerAdminPassword: z.string(),
  tenantAdminPassword: z.string(),
  /** Added later: a checkout's older file gets one on the next run. */
  agentPassword: z.string().optional(),
});
type DevSecrets = z.infer<typeof devSecretsSchema> & { agentPassword: string };

/** Development-only secrets, generated once per checkout and kept in the git-ignored .data/. */
function devSecrets(): DevSecrets {
  const file = path.join(rootDir, '.data', 'dev-secrets.json');
  const kept = existsSync(file) ? devSecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : null;
  if (kept?.agentPassword) return { ...kept, agentPassword: kept.agentPassword };
  const secrets: DevSecrets = {
    masterKey: randomBytes(32).toString('base64'),
    metricsToken: randomBytes(24).toString('base64url'),
    providerAdminPassword: `Demo-${randomBytes(6).toString('base64url')}-1`,
    tenantAdminPassword: `Demo-${randomBytes(6).toString('base64url')}-2`,
    ...kept,
    agentPassword: `Demo-${randomBytes(6).toString('base64url')}-3`,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const DEMO = {
  providerAdmin: 'admin@tandem.demo',
  tenant: { name: '示例银行 Demo Bank', slug: 'demo-bank' },
  tenantAdmin: 'admin@demo-bank.demo',
  agent: 'agent@demo-bank.demo',
};

/** The demo tenant with its admin and an agent, then its workspace (idempotent on every run). */
async function seedDemo(s: Services, secrets: DevSecrets): Promise<string> {
  const actor = await seedProviderAdmin(s, {
    email: DEMO.providerAdmin,
    password: secrets.providerAdminPassword,
  });
  const system = { kind: 'system' as const, reason: `demo seed by ${actor.email}` };
  const existing = await s.modules.tenants.list({ search: DEMO.tenant.slug }, 1, 1);
  let record = existing.items[0];
  if (!record) {
    const onboarded = await runAsSystem('demo.seed', () =>
      s.modules.tenants.onboard(system, {
        name: DEMO.tenant.name,
        slug: DEMO.tenant.slug,
        tier: 'POOLED',
        plan: { seats: 50, apiRatePerMinute: 1200, storageMb: 10_240 },
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        adminEmail: DEMO.tenantAdmin,
        adminName: '演示管理员',
      }),
    );
    await s.modules.identity.auth.acceptInvitation(
      onboarded.invitation.token,
      '演示管理员',
      secrets.tenantAdminPassword,
      { ip: undefined, userAgent: 'demo-seed' },
    );
    record = onboarded.tenant;
  }
  const tenant = { id: record._id, tier: record.tier };
  const inTenant = <T>(fn: () => Promise<T>) => runAsSystem('demo.seed', () => withTenant(tenant, fn));
  const people = async () =>
    (await inTenant(() => s.modules.identity.users.listTenantUsers(undefined, 1, 100))).items;
  let agent = (await people()).find((p) => p.user.email === DEMO.agent);
  if (!agent) {
    const link = await s.modules.identity.invitations.inviteToTenant(
      system,
      { email: DEMO.agent, name: '演示坐席 Demo Agent', role: 'AGENT' },
      tenant,
    );
    await s.modules.identity.auth.acceptInvitation(link.token, '演示坐席 Demo Agent', secrets.agentPassword, {
      ip: undefined,
      userAgent: 'demo-seed',
    });
    agent = (await people()).find((p) => p.user.email === DEMO.agent);
  }
  const admin = (await people()).find((p) => p.user.email === DEMO.tenantAdmin);
  if (!admin) throw new Error('the demo tenant has no admin');
  const seeded = await seedDemoWorkspace(s, tenant, {
    admin: { userId: admin.user._id, email: admin.user.email },
    agent: agent?.user.status === 'ACTIVE' ? { userId: agent.user._id, email: agent.user.email } : null,
  });
  return seeded.ticketsCreated > 0
    ? `seeded ${seeded.customers} customers and ${seeded.ticketsCreated} tickets`
    : `${seeded.customers} customers and their tickets already there`;
}

async function demo(): Promise<number> {
  // Imported here: the dev-services launcher is a development tool, not part of the server.
  const { ensureServices } = await import('@tandem/services');
  const running = await ensureServices({ purpose: 'dev' });
  const secrets = devSecrets();
  const port = process.env.TANDEM_PORT ?? '4000';
  const adminDist = path.join(rootDir, 'apps/admin/dist');
  const env: Record<string, string> = {
    ...Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    NODE_ENV: 'development',
    MONGODB_URI: running.mongoUri,
    MONGODB_DB: process.env.MONGODB_DB ?? 'tandem_demo',
    REDIS_URL: running.redisUrl,
    TANDEM_MASTER_KEY: secrets.masterKey,
    METRICS_TOKEN: secrets.metricsToken,
    PORT: port,
    HOST: process.env.HOST ?? '127.0.0.1',
    ADMIN_DIST_DIR: adminDist,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const seedServices = await bootstrap(loadConfig(env), { name: 'demo-seed' });
  let seeded: string;
  try {
    seeded = await seedDemo(seedServices, secrets);
  } finally {
    await shutdownServices(seedServices);
  }

  const children: ChildProcess[] = ['api', 'worker'].map((name) =>
    spawn(process.execPath, ['--import', 'tsx', path.join(coreDir, `src/entrypoints/${name}.ts`)], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const base = `http://${env.HOST}:${port}`;
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stdout.write(
    [
      '',
      `Tandem is running at ${base}`,
      existsSync(path.join(adminDist, 'index.html'))
        ? `  console   ${base}/   — agent workspace: ${base}/workspace`
        : '  console   (not built: npm run build -w @tandem/admin)',
      `  GraphQL   ${base}/graphql`,
      `  readiness ${base}/readyz`,
      `  MongoDB   ${running.mongoUri} (${running.origin.mongo})`,
      `  Redis     ${running.redisUrl} (${running.origin.redis})`,
      '',
      `  provider admin  ${DEMO.providerAdmin}  /  ${secrets.providerAdminPassword}`,
      `  tenant admin    ${DEMO.tenantAdmin}  /  ${secrets.tenantAdminPassword}   (tenant ${DEMO.tenant.slug})`,
      `  agent           ${DEMO.agent}  /  ${secrets.agentPassword}`,
      `  demo data       ${seeded}: sign in as the agent and open the workspace`,
      '',
      'Ctrl-C stops the API, the worker and the services this command started.',
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
  await running.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
