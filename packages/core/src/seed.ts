import { hashPassword } from './platform/crypto.js';
import { randomToken } from './platform/ids.js';
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
  await services.modules.identity.staffing.ensureProviderAdmin({
    email: opts.email,
    name: opts.name ?? 'Provider Admin',
    passwordHash: await hashPassword(password),
  });
  return { email: opts.email, password };
}
