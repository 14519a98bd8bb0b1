import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MasterKeySealer } from './sealer.js';

const context = { tenantId: 'tn_aaaaaaaaaaaaaaaaaaaa', keyId: 'tdk_AAAAAAAAAAAAAAAAAAAA' };

describe('MasterKeySealer', () => {
  it('seals a data key so that only the master key and the same tenant and key id open it', async () => {
    const master = randomBytes(32);
    const sealer = new MasterKeySealer(master);
    const dataKey = randomBytes(32);
    const sealed = await sealer.seal(dataKey, context);
    expect(sealed).not.toContain(dataKey.toString('base64'));
    expect((await sealer.unseal(sealed, context)).equals(dataKey)).toBe(true);

    await expect(
      sealer.unseal(sealed, { ...context, tenantId: 'tn_bbbbbbbbbbbbbbbbbbbb' }),
    ).rejects.toThrow();
    await expect(sealer.unseal(sealed, { ...context, keyId: 'tdk_BBBBBBBBBBBBBBBBBBBB' })).rejects.toThrow();
    await expect(new MasterKeySealer(randomBytes(32)).unseal(sealed, context)).rejects.toThrow();
  });

  it('seals the same key differently each time', async () => {
    const sealer = new MasterKeySealer(randomBytes(32));
    const dataKey = randomBytes(32);
    expect(await sealer.seal(dataKey, context)).not.toBe(await sealer.seal(dataKey, context));
  });

  it('needs a 32-byte master key', () => {
    expect(() => new MasterKeySealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});
