import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { notFound } from '../../platform/errors.js';
import type { TenantCrypto } from '../../platform/tenant-crypto.js';
import type { TenantDirectory } from '../../platform/tenancy/directory.js';
import { requireTenant, type TenantRef } from '../../platform/tenancy/context.js';
import { DATA_KEY_BYTES, TenantKeys, parseCiphertext } from './cipher.js';
import { KeyringError } from './errors.js';
import { keyringIds } from './ids.js';
import type { TenantDataKeyRecord } from './model.js';
import type { KeyringRepository } from './repository.js';
import type { KeySealer } from './sealer.js';

export interface KeyringOptions {
  /**
   * How long an unsealed key stays in memory. Also how long another process may still use a key
   * after offboarding destroyed it (this process forgets it at once): the tenant is suspended
   * before, so nothing should be asking.
   */
  cacheTtlMs: number;
  /** Tenants whose keys are held at once. */
  cacheMax: number;
}

const DEFAULTS: KeyringOptions = { cacheTtlMs: 60_000, cacheMax: 1_000 };

/** What the offboarding export says about a key: no key material. */
export interface KeyExport {
  id: string;
  version: number;
  sealer: string;
  createdAt: string;
}

/**
 * Tenant data keys: created on first use, sealed at rest, unsealed into a small in-process cache,
 * destroyed at offboarding (crypto-shredding). Implements the `tenantCrypto` port.
 */
export class KeyringService implements TenantCrypto {
  private readonly cache: LRUCache<string, TenantKeys>;
  /** One load or creation at a time per tenant in this process (the database settles races between processes). */
  private readonly inFlight = new Map<string, Promise<TenantKeys | null>>();
  /** Tenants whose keys this process destroyed: never cached or created again here. */
  private readonly shredded = new Set<string>();

  constructor(
    private readonly repo: KeyringRepository,
    private readonly sealer: KeySealer,
    private readonly directory: TenantDirectory,
    options: Partial<KeyringOptions> = {},
  ) {
    const o = { ...DEFAULTS, ...options };
    this.cache = new LRUCache({ max: o.cacheMax, ttl: o.cacheTtlMs });
  }

  async encrypt(plaintext: string, field: string): Promise<string> {
    return (await this.keysFor(requireTenant(), 'create')).encrypt(plaintext, field);
  }

  async decrypt(ciphertext: string, field: string): Promise<string> {
    const tenant = requireTenant();
    if (!parseCiphertext(ciphertext)) throw new KeyringError('CIPHERTEXT_INVALID', 'Not a tenant ciphertext');
    const keys = await this.keysFor(tenant, 'existing');
    if (!keys) {
      // A ciphertext exists, so a key did: the tenant's keys were destroyed (or the value is not
      // this tenant's — it could not be read either way).
      throw new KeyringError('TENANT_KEY_DESTROYED', `Tenant ${tenant.id} has no data key: it was destroyed`);
    }
    return keys.decrypt(ciphertext, field);
  }

  async blindIndex(field: string, normalisedValue: string): Promise<string> {
    return (await this.keysFor(requireTenant(), 'create')).blindIndex(field, normalisedValue);
  }

  /** The offboarding export: which keys the tenant had and since when. */
  async exportKeys(): Promise<Record<string, unknown[]>> {
    const keys = await this.repo.summaries();
    const out: KeyExport[] = keys.map((k) => ({
      id: k._id,
      version: k.version,
      sealer: k.sealer,
      createdAt: k.createdAt.toISOString(),
    }));
    return { TenantDataKey: out };
  }

  /**
   * Crypto-shredding: deletes the tenant's keys (every ciphertext of the tenant, wherever it is,
   * becomes unreadable) and forgets them in this process. Runs in the tenant's context.
   */
  async shred(tenant: TenantRef): Promise<number> {
    this.shredded.add(tenant.id);
    this.cache.delete(tenant.id);
    const removed = await this.repo.eraseAll();
    this.cache.delete(tenant.id);
    return removed;
  }

  private async keysFor(tenant: TenantRef, mode: 'create'): Promise<TenantKeys>;
  private async keysFor(tenant: TenantRef, mode: 'existing'): Promise<TenantKeys | null>;
  private async keysFor(tenant: TenantRef, mode: 'create' | 'existing'): Promise<TenantKeys | null> {
    const cached = this.cache.get(tenant.id);
    if (cached) return cached;
    const stored = await this.once(`load:${tenant.id}`, async () => {
      const record = await this.repo.current();
      return record ? this.remember(tenant, record) : null;
    });
    if (stored || mode === 'existing') return stored;
    const created = await this.once(`create:${tenant.id}`, () => this.create(tenant));
    if (!created) throw new Error('unreachable: creation returns a key or throws');
    return created;
  }

  private async once(key: string, fn: () => Promise<TenantKeys | null>): Promise<TenantKeys | null> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const p = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async create(tenant: TenantRef): Promise<TenantKeys> {
    const summary = await this.directory.get(tenant.id);
    if (!summary) throw notFound('Tenant');
    if (summary.status === 'OFFBOARDED' || this.shredded.has(tenant.id)) {
      // Never a fresh key for an offboarded tenant: its old ciphertext must stay unreadable, and
      // nothing new should be written for it.
      throw new KeyringError('TENANT_KEY_DESTROYED', `Tenant ${tenant.id} was offboarded: no new data key`);
    }
    const id = keyringIds.next('tdk');
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const sealed = await this.sealer.seal(dataKey, { tenantId: tenant.id, keyId: id });
    const stored = await this.repo.createFirst({
      _id: id,
      sealed,
      sealer: this.sealer.id,
      createdAt: new Date(),
    });
    // Of two concurrent first uses (two processes), the stored key is the one both use.
    return stored._id === id
      ? this.keep(tenant, new TenantKeys(tenant.id, id, dataKey))
      : this.remember(tenant, stored);
  }

  private async remember(tenant: TenantRef, record: TenantDataKeyRecord): Promise<TenantKeys> {
    if (record.sealer !== this.sealer.id) {
      throw new KeyringError('DATA_KEY_UNSEAL_FAILED', `Key ${record._id} was sealed by ${record.sealer}`);
    }
    let dataKey: Buffer;
    try {
      dataKey = await this.sealer.unseal(record.sealed, { tenantId: tenant.id, keyId: record._id });
    } catch (cause) {
      throw new KeyringError('DATA_KEY_UNSEAL_FAILED', `Key ${record._id} does not unseal`, { cause });
    }
    return this.keep(tenant, new TenantKeys(tenant.id, record._id, dataKey));
  }

  private keep(tenant: TenantRef, keys: TenantKeys): TenantKeys {
    if (!this.shredded.has(tenant.id)) this.cache.set(tenant.id, keys);
    return keys;
  }
}
