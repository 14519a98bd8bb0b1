// Tenant data keys on the real services, both tiers: field encryption and blind indexes through
// the `tenantCrypto` port, one key per tenant however many processes race to create it, keys
// stored sealed in the platform database, and crypto-shredding at offboarding — ciphertext left
// anywhere is unreadable afterwards and no new key is ever made for the tenant.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tenancy, type Services } from '@tandem/core';
import { keyringModule, type KeyringService } from '../../packages/core/src/modules/keyring/index.js';
import type { TenantCrypto } from '../../packages/core/src/platform/tenant-crypto.js';
import { gql } from '../support/api.js';
import { makeSide, useModuleTest } from '../support/module.js';
import type { FixtureSide } from '../support/tenant-fixture.js';

const ctx = useModuleTest('keyring');
const TIERS = { pooled: 'POOLED', siloed: 'SILOED' } as const;
type Which = keyof typeof TIERS;

/** Runs fn for the tenant, as a request or job of that tenant would. */
function asTenant<T>(side: FixtureSide, tier: 'POOLED' | 'SILOED', fn: () => Promise<T>): Promise<T> {
  return tenancy.runAsSystem('keyring.test', () => tenancy.withTenant({ id: side.tenantId, tier }, fn));
}

/** The keyring as another API or worker process builds it: same database, its own empty cache. */
function anotherProcess(services: Services, masterKey?: Buffer): KeyringService {
  const platform = masterKey
    ? { ...services, config: { ...services.config, TANDEM_MASTER_KEY: masterKey.toString('base64') } }
    : services;
  return keyringModule.create({
    platform,
    use: () => {
      throw new Error('the keyring uses no other module');
    },
    port: (name) => services.ports[name],
  });
}

const keysCollection = (services: Services) => {
  const db = services.db.connection.db;
  if (!db) throw new Error('not connected');
  return db.collection('tenant_data_keys');
};

const port = (): TenantCrypto => ctx().server.services.ports.tenantCrypto;

describe.each(Object.keys(TIERS) as Which[])('a %s tenant', (which) => {
  const tier = TIERS[which];

  it('encrypts and decrypts its fields; its one key is stored sealed in the platform database', async () => {
    const { server } = ctx();
    const side = ctx()[which];
    const c = await asTenant(side, tier, () =>
      port().encrypt('北京市朝阳区建国路 88 号', 'customer.address'),
    );
    expect(c).toMatch(/^v1\.tdk_[0-9A-Za-z]{20}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await asTenant(side, tier, () => port().decrypt(c, 'customer.address'))).toBe(
      '北京市朝阳区建国路 88 号',
    );

    const keys = await keysCollection(server.services).find({ tenantId: side.tenantId }).toArray();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ _id: c.split('.')[1], version: 1, sealer: 'master-key/v1' });
    expect(String(keys[0]?.sealed)).toMatch(/^v1\./);
    if (which === 'siloed') {
      const silo = server.services.db.connection.useDb(server.services.db.siloDbName(side.tenantId)).db;
      expect(await silo?.collection('tenant_data_keys').countDocuments({})).toBe(0);
    }
  });

  it("cannot decrypt the other tenant's ciphertext", async () => {
    const side = ctx()[which];
    const other = which === 'pooled' ? ctx().siloed : ctx().pooled;
    const otherTier = which === 'pooled' ? 'SILOED' : 'POOLED';
    const theirs = await asTenant(other, otherTier, () => port().encrypt('13812345678', 'customer.mobile'));
    await expect(asTenant(side, tier, () => port().decrypt(theirs, 'customer.mobile'))).rejects.toMatchObject(
      {
        code: 'CIPHERTEXT_INVALID',
      },
    );
  });

  it('gives equal blind indexes for equal values of one field — in every process — and unrelated ones elsewhere', async () => {
    const { server, pooled, siloed } = ctx();
    const side = ctx()[which];
    const index = (p: TenantCrypto, s: FixtureSide, t: 'POOLED' | 'SILOED', field: string, value: string) =>
      asTenant(s, t, () => p.blindIndex(field, value));
    const mine = await index(port(), side, tier, 'customer.mobile', '+8613812345678');
    expect(await index(port(), side, tier, 'customer.mobile', '+8613812345678')).toBe(mine);
    expect(
      await index(anotherProcess(server.services), side, tier, 'customer.mobile', '+8613812345678'),
    ).toBe(mine);
    const others = [
      await index(port(), side, tier, 'customer.mobile', '+8613812345679'),
      await index(port(), side, tier, 'customer.phone', '+8613812345678'),
      await index(port(), pooled, 'POOLED', 'customer.mobile', '+8613812345678'),
      await index(port(), siloed, 'SILOED', 'customer.mobile', '+8613812345678'),
    ];
    expect(others.filter((o) => o === mine)).toHaveLength(1); // the tenant itself, among pooled/siloed
    expect(new Set(others).size).toBe(4);
  });
});

describe('the keyring', () => {
  it('refuses to work without a tenant in context', async () => {
    await expect(
      tenancy.runAsSystem('keyring.test', () => port().encrypt('x', 'customer.mobile')),
    ).rejects.toMatchObject({ code: 'TENANT_CONTEXT_MISSING' });
  });

  it('creates exactly one key when two processes use a new tenant at the same moment', async () => {
    const { baseUrl, provider, server } = ctx();
    const side = await makeSide(baseUrl, provider, 'POOLED');
    const processes = [anotherProcess(server.services), anotherProcess(server.services), port()];
    const ciphertexts = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        asTenant(side, 'POOLED', () =>
          (processes[i % 3] as TenantCrypto).encrypt(`value ${i}`, 'customer.note'),
        ),
      ),
    );
    expect(await keysCollection(server.services).countDocuments({ tenantId: side.tenantId })).toBe(1);
    expect(new Set(ciphertexts.map((c) => c.split('.')[1])).size).toBe(1);
    const fresh = anotherProcess(server.services);
    for (const [i, c] of ciphertexts.entries()) {
      expect(await asTenant(side, 'POOLED', () => fresh.decrypt(c, 'customer.note'))).toBe(`value ${i}`);
    }
  });

  it('cannot open the stored keys with another master key', async () => {
    const { server, pooled } = ctx();
    const c = await asTenant(pooled, 'POOLED', () => port().encrypt('x', 'customer.mobile'));
    const wrongMaster = anotherProcess(server.services, randomBytes(32));
    await expect(
      asTenant(pooled, 'POOLED', () => wrongMaster.decrypt(c, 'customer.mobile')),
    ).rejects.toMatchObject({
      code: 'DATA_KEY_UNSEAL_FAILED',
    });
  });
});

describe.each(Object.keys(TIERS) as Which[])('offboarding a %s tenant shreds its key', (which) => {
  const tier = TIERS[which];

  it('exports the key’s id and date, destroys it, and leftover ciphertext can never be read', async () => {
    const { baseUrl, provider, server } = ctx();
    const side = await makeSide(baseUrl, provider, tier);
    const ciphertext = await asTenant(side, tier, () =>
      port().encrypt('11010519491231002X', 'customer.residentId'),
    );
    const other = anotherProcess(server.services);
    expect(await asTenant(side, tier, () => other.decrypt(ciphertext, 'customer.residentId'))).toBe(
      '11010519491231002X',
    );
    const [stored] = await keysCollection(server.services).find({ tenantId: side.tenantId }).toArray();
    // A leftover: a document some module forgot, or a backup of the silo.
    await keysCollection(server.services)
      .db.collection('keyring_leftovers')
      .insertOne({ tenantId: side.tenantId, value: ciphertext });

    const r = await gql<{ offboardTenant: { exportId: string } }>(
      baseUrl,
      'mutation($id: ID!, $slug: String!) { offboardTenant(id: $id, confirmSlug: $slug) { exportId } }',
      { id: side.tenantId, slug: side.slug },
      provider,
    );
    expect(r.errors).toBeUndefined();
    const dl = await fetch(`${baseUrl}/v1/exports/${r.data?.offboardTenant.exportId ?? ''}`, {
      headers: { authorization: `Bearer ${provider}` },
    });
    const archive = JSON.parse(gunzipSync(Buffer.from(await dl.arrayBuffer())).toString('utf8')) as {
      modules: { keyring?: { TenantDataKey?: Record<string, unknown>[] } };
    };
    expect(archive.modules.keyring?.TenantDataKey).toEqual([
      { id: stored?._id, version: 1, sealer: 'master-key/v1', createdAt: expect.any(String) as string },
    ]);
    expect(JSON.stringify(archive)).not.toContain(String(stored?.sealed));

    expect(await keysCollection(server.services).countDocuments({ tenantId: side.tenantId })).toBe(0);
    const leftover = await keysCollection(server.services)
      .db.collection('keyring_leftovers')
      .findOne({ tenantId: side.tenantId });
    const value = String(leftover?.value);
    // This process forgot the key at once; a process that never had it cannot find it.
    for (const p of [port(), anotherProcess(server.services)]) {
      await expect(asTenant(side, tier, () => p.decrypt(value, 'customer.residentId'))).rejects.toMatchObject(
        {
          code: 'TENANT_KEY_DESTROYED',
        },
      );
    }
    // And no new key is made for the offboarded tenant.
    const fresh = anotherProcess(server.services);
    await expect(asTenant(side, tier, () => fresh.encrypt('new', 'customer.note'))).rejects.toMatchObject({
      code: 'TENANT_KEY_DESTROYED',
    });
    await expect(
      asTenant(side, tier, () => port().blindIndex('customer.mobile', '+8613812345678')),
    ).rejects.toMatchObject({ code: 'TENANT_KEY_DESTROYED' });
    expect(await keysCollection(server.services).countDocuments({ tenantId: side.tenantId })).toBe(0);
  });
});
