import { defineModule } from '../../platform/module.js';
import { KEYRING_ERRORS } from './errors.js';
import { keyringIds } from './ids.js';
import { TenantDataKeyModel } from './model.js';
import { KeyringRepository } from './repository.js';
import { MasterKeySealer } from './sealer.js';
import { KeyringService } from './service.js';

export { KeyringService, type KeyExport, type KeyringOptions } from './service.js';
export { MasterKeySealer, type KeySealer, type SealContext } from './sealer.js';
export { KeyringError } from './errors.js';

/**
 * Per-tenant data keys (envelope encryption): sensitive fields are encrypted with the tenant's
 * own key, sealed by the master key; lookups by value go through blind indexes; offboarding
 * destroys the key after the export (crypto-shredding). Other modules use it through the
 * `tenantCrypto` port.
 */
export const keyringModule = defineModule({
  create: ({ platform, port }) =>
    new KeyringService(
      new KeyringRepository(platform.db),
      new MasterKeySealer(Buffer.from(platform.config.TANDEM_MASTER_KEY, 'base64')),
      port('tenantDirectory'),
    ),
  name: 'keyring',
  summary: 'Per-tenant data keys: field encryption, blind indexes, crypto-shredding at offboarding',
  ids: keyringIds,
  models: [TenantDataKeyModel],
  errors: KEYRING_ERRORS,
  tenantData: {
    kind: 'custom',
    // Every module exports before any erases (tenant-lifecycle.ts): exports can still decrypt.
    export: ({ service }) => service.exportKeys(),
    erase: ({ service }, tenant) => service.shred(tenant),
  },
  provides: (service) => ({ tenantCrypto: service }),
});
