import { hashPassword } from './platform/crypto.js';
import { newId, randomToken } from './platform/ids.js';
import { runAsSystem } from './platform/tenancy/context.js';
import { IdentityRepository } from './modules/identity/index.js';
import type { Services } from './services.js';

/**
 * Creates (or resets the password of) a provider admin. Used by the demo and tests, and by
 * `cli.ts create-provider-admin` to bootstrap a new deployment.
 */
export async function seedProviderAdmin(
  services: Services,
  opts: { email: string; name?: string; password?: string },
): Promise<{ email: string; password: string }> {
  const password = opts.password ?? `Td-${randomToken(16)}9`;
  const repo = new IdentityRepository(services.db);
  await runAsSystem('seed.provider-admin', async () => {
    const existing = await repo.findUserByEmail(opts.email);
    if (existing) {
      await repo.setPassword(existing._id, await hashPassword(password));
      return;
    }
    await repo.createUser({
      _id: newId('usr'),
      email: opts.email,
      name: opts.name ?? 'Provider Admin',
      status: 'ACTIVE',
      passwordHash: await hashPassword(password),
      providerRole: 'PROVIDER_ADMIN',
      tokenVersion: 0,
      lastLoginAt: null,
    });
  });
  return { email: opts.email, password };
}
