import { seal, unseal } from '../../platform/crypto.js';

/** What a sealed data key is bound to: unsealing it for another tenant or key id fails. */
export interface SealContext {
  tenantId: string;
  keyId: string;
}

/**
 * Seals and unseals tenant data keys (the "key encryption key" side of envelope encryption). The
 * default uses the deployment's master key; a cloud KMS (Encrypt/Decrypt with an encryption
 * context) implements the same two calls, and `id` — stored with every key — says which sealer
 * can open it.
 */
export interface KeySealer {
  readonly id: string;
  seal(dataKey: Buffer, context: SealContext): Promise<string>;
  unseal(sealed: string, context: SealContext): Promise<Buffer>;
}

const associatedData = (c: SealContext) => `tandem/tenant-data-key/v1|${c.tenantId}|${c.keyId}`;

/** AES-256-GCM with TANDEM_MASTER_KEY (platform/crypto.ts seal), the tenant and key id as associated data. */
export class MasterKeySealer implements KeySealer {
  readonly id = 'master-key/v1';

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
  }

  async seal(dataKey: Buffer, context: SealContext): Promise<string> {
    return seal(dataKey.toString('base64'), this.masterKey, associatedData(context));
  }

  async unseal(sealed: string, context: SealContext): Promise<Buffer> {
    return Buffer.from(unseal(sealed, this.masterKey, associatedData(context)), 'base64');
  }
}
