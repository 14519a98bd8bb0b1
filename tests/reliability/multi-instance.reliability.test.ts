// Two API processes on one database and one Redis, as behind a load balancer: a credential issued
// by one works on the other, ending it on one ends it on both, and a tenant's rate budget is shared.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { freshDatabaseName } from '@tandem/services';
import { codeOf, gql, login, onboard } from '../support/api.js';
import { REPO_ROOT, freePort, spawnEntrypoint, type Spawned } from '../support/process.js';

const db = freshDatabaseName('multi');
const env = (port: number): Record<string, string> => ({
  MONGODB_URI: inject('mongoUri'),
  REDIS_URL: inject('redisUrl'),
  MONGODB_DB: db,
  REDIS_PREFIX: db
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .slice(0, 20),
  TANDEM_MASTER_KEY: masterKey,
  HOST: '127.0.0.1',
  PORT: String(port),
  SHUTDOWN_READINESS_DELAY_MS: '0',
  LOG_LEVEL: 'warn',
});
const masterKey = randomBytes(32).toString('base64');
const apis: Spawned[] = [];
const urls: string[] = [];
let admin = { email: 'ops@provider.test', password: '' };

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became ready`);
}

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    apis.push(spawnEntrypoint('packages/core/src/entrypoints/api.ts', env(port)));
    urls.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(urls.map(waitReady));
  // The deployment's first provider admin, created the way an operator would.
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'packages/core/src/entrypoints/cli.ts', 'create-provider-admin', admin.email],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env(0) }, encoding: 'utf8' },
  );
  const password = /password (\S+)/.exec(cli.stdout)?.[1];
  if (!password) throw new Error(`create-provider-admin failed: ${cli.stderr}`);
  admin = { ...admin, password };
}, 120_000);

afterAll(async () => {
  for (const a of apis) a.kill();
  const { default: mongoose } = await import('mongoose');
  const conn = await mongoose.createConnection(inject('mongoUri'), { dbName: db }).asPromise();
  await conn.dropDatabase();
  await conn.close();
});

describe('two API processes', () => {
  it('share credentials, revocation and each tenant’s rate budget', async () => {
    const [one, two] = urls as [string, string];
    const session = await login(one, admin.email, admin.password);
    const viewer = await gql<{ viewer: { user: { email: string } } }>(
      two,
      '{ viewer { user { email } } }',
      {},
      session.accessToken,
    );
    expect(viewer.data?.viewer.user.email).toBe(admin.email);

    const t = await onboard(two, session.accessToken, 'SILOED', {
      plan: { seats: 5, apiRatePerMinute: 10, storageMb: 100 },
    });
    const answers: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await gql(i % 2 ? one : two, '{ currentTenant { id } }', {}, t.apiKey);
      answers.push(r.status);
      if (r.status === 429) expect(codeOf(r)).toBe('RATE_LIMITED');
    }
    // 10 a minute across both processes, not 10 each.
    expect(answers.filter((s) => s === 200)).toHaveLength(10);
    expect(answers.slice(10).every((s) => s === 429)).toBe(true);

    await gql(one, 'mutation { logout }', {}, session.accessToken);
    expect((await gql(two, '{ viewer { user { id } } }', {}, session.accessToken)).status).toBe(401);
  }, 60_000);
});
